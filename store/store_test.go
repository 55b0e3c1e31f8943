package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "station.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpen_FileIsPrivate(t *testing.T) {
	db := openTemp(t)
	info, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode = %o, want 600", mode)
	}
}

func TestOpen_SecondOpenReportsLocked(t *testing.T) {
	db := openTemp(t)
	_, err := Open(db.Path())
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open error = %v, want ErrLocked", err)
	}
}

func TestOpen_RejectsNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "station.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.bolt.Update(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketMeta).Put(keySchemaVersion, []byte("99"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err = Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open error = %v, want ErrNewerSchema", err)
	}
}

func TestPutParcel_WaybillIndexFollowsChanges(t *testing.T) {
	db := openTemp(t)
	p := Parcel{ID: "A-1", OrderIDs: []string{"A"}, State: StateWaybillIssued, Waybill: Waybill{TrackNo: "7001"}}
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutParcel(p) })

	p.Waybill.TrackNo = "7002"
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutParcel(p) })

	mustView(t, db, func(tx *Tx) error {
		if _, err := tx.ParcelByWaybill("7001"); !errors.Is(err, ErrNotFound) {
			t.Errorf("old waybill lookup error = %v, want ErrNotFound", err)
		}
		got, err := tx.ParcelByWaybill("7002")
		if err != nil {
			t.Fatalf("new waybill lookup: %v", err)
		}
		if got.ID != "A-1" {
			t.Errorf("parcel = %q, want A-1", got.ID)
		}
		return nil
	})
}

func TestParcelsByOrder_ReturnsOnlyThatOrder(t *testing.T) {
	db := openTemp(t)
	mustUpdate(t, db, func(tx *Tx) error {
		for _, p := range []Parcel{
			{ID: "A-1", OrderIDs: []string{"A"}},
			{ID: "A-2", OrderIDs: []string{"A"}},
			{ID: "AB-1", OrderIDs: []string{"AB"}},
		} {
			if err := tx.PutParcel(p); err != nil {
				return err
			}
		}
		return nil
	})

	mustView(t, db, func(tx *Tx) error {
		got, err := tx.ParcelsByOrder("A")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != "A-1" || got[1].ID != "A-2" {
			t.Errorf("parcels of A = %+v, want A-1 and A-2", got)
		}
		return nil
	})
}

func TestAppendEvent_SequenceSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "station.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, func(tx *Tx) error {
		_, err := tx.AppendEvent(Event{Kind: "printed", Parcel: "A-1"})
		return err
	})
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var seq uint64
	mustUpdate(t, db, func(tx *Tx) error {
		seq, err = tx.AppendEvent(Event{Kind: "reprint", Parcel: "A-1"})
		return err
	})
	if seq != 2 {
		t.Errorf("second event seq = %d, want 2", seq)
	}

	var kinds []string
	mustView(t, db, func(tx *Tx) error {
		return tx.ForEachEvent(0, func(e Event) error {
			kinds = append(kinds, e.Kind)
			return nil
		})
	})
	if len(kinds) != 2 || kinds[0] != "printed" || kinds[1] != "reprint" {
		t.Errorf("events = %v, want [printed reprint]", kinds)
	}
}

func TestBackup_CopyOpensWithSameData(t *testing.T) {
	db := openTemp(t)
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutOrder(Order{ID: "A", BuyerWords: "不要辣"}) })

	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(copyPath); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	backup, err := Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	mustView(t, backup, func(tx *Tx) error {
		o, err := tx.Order("A")
		if err != nil {
			t.Fatal(err)
		}
		if o.BuyerWords != "不要辣" {
			t.Errorf("buyer words = %q", o.BuyerWords)
		}
		return nil
	})
}

func TestReceiverHasAddress(t *testing.T) {
	full := Receiver{Province: "浙江省", City: "杭州市", District: "西湖区", DetailCipher: "#x#", PhoneCipher: "$y$"}
	cases := []struct {
		name string
		edit func(r *Receiver)
		want bool
	}{
		{"complete", func(r *Receiver) {}, true},
		{"no district", func(r *Receiver) { r.District = "" }, false},
		{"no detail", func(r *Receiver) { r.DetailCipher = "" }, false},
		{"plain detail only", func(r *Receiver) { r.DetailCipher = ""; r.Detail = "文三路1号" }, true},
		{"no phone", func(r *Receiver) { r.PhoneCipher = "" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := full
			c.edit(&r)
			if got := r.HasAddress(); got != c.want {
				t.Errorf("HasAddress = %v, want %v", got, c.want)
			}
		})
	}
}

func mustUpdate(t *testing.T, db *DB, fn func(tx *Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func mustView(t *testing.T, db *DB, fn func(tx *Tx) error) {
	t.Helper()
	if err := db.View(fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

func TestStateIndex_FollowsTransitions(t *testing.T) {
	db := openTemp(t)
	p := Parcel{ID: "A-1", OrderIDs: []string{"A"}, State: StateQueued}
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutParcel(p) })
	p.State = StatePrinted
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutParcel(p) })

	mustView(t, db, func(tx *Tx) error {
		if n := tx.CountInState(StateQueued); n != 0 {
			t.Errorf("queued count = %d, want 0 after the move", n)
		}
		if ids := tx.ParcelIDsInState(StatePrinted); len(ids) != 1 || ids[0] != "A-1" {
			t.Errorf("printed ids = %v, want [A-1]", ids)
		}
		return nil
	})
}

func TestShipByIndex_OpenParcelsSoonestFirst(t *testing.T) {
	db := openTemp(t)
	base := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	mustUpdate(t, db, func(tx *Tx) error {
		for _, p := range []Parcel{
			{ID: "late", ExpShipTime: base.Add(5 * time.Hour)},
			{ID: "none"},
			{ID: "soon", ExpShipTime: base.Add(time.Hour)},
			{ID: "shipped", ExpShipTime: base, State: StateShipped},
		} {
			if err := tx.PutParcel(p); err != nil {
				return err
			}
		}
		// Moving a ship-by time must drop the old index entry.
		moved := Parcel{ID: "late", ExpShipTime: base.Add(-time.Hour)}
		return tx.PutParcel(moved)
	})

	var order []string
	mustView(t, db, func(tx *Tx) error {
		return tx.ForEachOpenParcelByShipBy(func(p Parcel) error {
			order = append(order, p.ID)
			return nil
		})
	})
	if strings.Join(order, ",") != "late,soon,none" {
		t.Errorf("ship-by order = %v, want [late soon none]", order)
	}
}

func TestOpen_MigratesVersion1ByBuildingIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "station.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Make the file look like version 1: parcels without the new indexes.
	mustUpdate(t, db, func(tx *Tx) error { return tx.PutParcel(Parcel{ID: "A-1", State: StateQueued}) })
	err = db.bolt.Update(func(btx *bolt.Tx) error {
		for _, name := range [][]byte{bucketIdxState, bucketIdxShipBy} {
			if err := btx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return btx.Bucket(bucketMeta).Put(keySchemaVersion, []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatalf("Open of a version 1 file: %v", err)
	}
	defer db.Close()
	mustView(t, db, func(tx *Tx) error {
		if n := tx.CountInState(StateQueued); n != 1 {
			t.Errorf("queued parcels after migration = %d, want 1", n)
		}
		return nil
	})
}

func TestOpen_TruncatedFileReportsCorrupt(t *testing.T) {
	for _, size := range []int64{3 * 4096, 10_000, 50_000, 100_000, 200_000} {
		t.Run(strconv.FormatInt(size, 10), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "station.db")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			mustUpdate(t, db, func(tx *Tx) error {
				for i := range 2000 {
					if err := tx.PutOrder(Order{ID: strconv.Itoa(i), BuyerWords: strings.Repeat("备注", 20)}); err != nil {
						return err
					}
				}
				return nil
			})
			db.Close()
			if err := os.Truncate(path, size); err != nil {
				t.Fatal(err)
			}

			db, err = Open(path)
			if err == nil {
				err = db.View(func(tx *Tx) error {
					return tx.ForEachOrder(func(Order) error { return nil })
				})
				db.Close()
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error on a store truncated to %d bytes = %v, want ErrCorrupt", size, err)
			}
		})
	}
}
