package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// benchParcels is the store size of the benchmarks: 1,000,000 parcels, or
// PRINTSTATION_BENCH_PARCELS. The file is built once and kept in the
// temporary folder, because building it takes most of a minute.
func benchParcels(b *testing.B) int {
	n := 1_000_000
	if v := os.Getenv("PRINTSTATION_BENCH_PARCELS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("PRINTSTATION_BENCH_PARCELS: %v", err)
		}
	}
	return n
}

func benchWaybill(i int) string {
	return fmt.Sprintf("7%014d", uint64(i)*2654435761%100_000_000_000_000)
}

// benchStore returns the path of a store holding n shipped parcels with
// their orders' ids, waybills and one event each.
func benchStore(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("printstation-bench-%d-v%d.db", n, SchemaVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	db, err := Open(tmp)
	if err != nil {
		b.Fatal(err)
	}
	shipBy := time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)
	const perTx = 20_000
	for start := 0; start < n; start += perTx {
		err := db.Update(func(tx *Tx) error {
			for i := start; i < min(start+perTx, n); i++ {
				orderID := strconv.Itoa(6934000000000000000 + i)
				p := Parcel{
					ID: orderID + "-1", OrderIDs: []string{orderID}, ShopID: 4463798, ParcelNo: 1, ParcelCount: 1,
					State: StateShipped, Courier: "zhongtong",
					Waybill: Waybill{TrackNo: benchWaybill(i), SortCode: "400-W00 000", PackageCenterName: "杭州转运中心",
						ShortAddressName: "浙江杭州西湖", IssuedAt: shipBy},
					Receiver:    &PrintedReceiver{Name: "王小明", Phone: "13800001234", Address: "浙江省杭州市西湖区文新街道文三路100号1幢1单元101室"},
					ExpShipTime: shipBy.Add(time.Duration(i) * time.Second), Prints: 1, PrintedAt: shipBy, ShippedAt: shipBy, UpdatedAt: shipBy,
				}
				if err := tx.PutParcel(p); err != nil {
					return err
				}
				if _, err := tx.AppendEvent(Event{At: shipBy, Parcel: p.ID, Kind: "shipped", From: StateWriteBackQueued, To: StateShipped, Actor: "station"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkParcelByWaybill looks up random waybill numbers in a store of
// benchParcels parcels and reports the 99th percentile and the file size
// per parcel.
func BenchmarkParcelByWaybill(b *testing.B) {
	n := benchParcels(b)
	path := benchStore(b, n)
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	rng := rand.New(rand.NewPCG(1, 2))
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		trackNo := benchWaybill(rng.IntN(n))
		start := time.Now()
		err := db.View(func(tx *Tx) error {
			_, err := tx.ParcelByWaybill(trackNo)
			return err
		})
		durations = append(durations, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()

	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)*99/100].Nanoseconds()), "p99-ns")
	if info, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(info.Size())/float64(n), "file-bytes/parcel")
	}
}

// BenchmarkOpen opens and closes a store of benchParcels parcels.
func BenchmarkOpen(b *testing.B) {
	path := benchStore(b, benchParcels(b))
	b.ResetTimer()
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
