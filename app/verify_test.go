package app

import (
	"errors"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestPackCheck_Scans(t *testing.T) {
	items := []store.Item{{Code: "TEA-2", Qty: 2}, {Code: "CUP-1", Qty: 1}}
	cases := []struct {
		name    string
		scans   []string
		want    []PackResult
		done    bool
		missing int // SKUs still missing
	}{
		{"all items", []string{"TEA-2", "cup-1 ", "TEA-2"}, []PackResult{PackMatched, PackMatched, PackComplete}, true, 0},
		{"one missing", []string{"TEA-2", "CUP-1"}, []PackResult{PackMatched, PackMatched}, false, 1},
		{"one too many", []string{"CUP-1", "CUP-1"}, []PackResult{PackMatched, PackExtra}, false, 1},
		{"wrong item", []string{"TEA-2", "TEA-2", "CUP-1", "SOCK-9"}, []PackResult{PackMatched, PackMatched, PackComplete, PackWrongItem}, false, 0},
		{"empty scan is wrong", []string{" "}, []PackResult{PackWrongItem}, false, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := NewPackCheck(store.Parcel{ID: "P"}, items)
			for i, code := range c.scans {
				if got := check.Scan(code); got != c.want[i] {
					t.Errorf("scan %d (%q) = %d, want %d", i, code, got, c.want[i])
				}
			}
			if check.Done() != c.done {
				t.Errorf("Done = %v, want %v", check.Done(), c.done)
			}
			if got := len(check.Missing()); got != c.missing {
				t.Errorf("missing SKUs = %d, want %d", got, c.missing)
			}
		})
	}
}

func TestPackCheck_MissingCountsWhatIsLeft(t *testing.T) {
	check := NewPackCheck(store.Parcel{}, []store.Item{{Code: "TEA-2", Qty: 1}, {Code: "TEA-2", Qty: 2}})
	check.Scan("TEA-2")
	missing := check.Missing()
	if len(missing) != 1 || missing[0].Want != 2 {
		t.Errorf("missing = %+v, want TEA-2 ×2", missing)
	}
}

func TestStartPackCheck_ByWaybillAndRefusals(t *testing.T) {
	st := newStoreStation(t, func(tx *store.Tx) error {
		for _, o := range []store.Order{
			{ID: "A", Status: store.OrderAwaitingShipment, Items: []store.Item{{Code: "TEA-2", Qty: 1}}},
			{ID: "B", Status: store.OrderAwaitingShipment, Items: []store.Item{{Code: "CUP-1", Qty: 1}}},
			{ID: "R", Status: store.OrderAwaitingShipment, Refund: true, Items: []store.Item{{Code: "CUP-1", Qty: 1}}},
		} {
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		if err := tx.PutParcel(store.Parcel{ID: "AB-1", OrderIDs: []string{"A", "B"}, State: store.StatePrinted, Waybill: store.Waybill{TrackNo: "7801"}}); err != nil {
			return err
		}
		return tx.PutParcel(store.Parcel{ID: "R-1", OrderIDs: []string{"R"}, State: store.StatePrinted, Waybill: store.Waybill{TrackNo: "7802"}})
	})

	check, err := st.StartPackCheck(" 7801 ")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(check.Lines()); got != 2 {
		t.Errorf("merged parcel has %d SKUs, want 2 (both orders)", got)
	}
	if _, err := st.StartPackCheck("7802"); !errors.Is(err, ErrIntercepted) {
		t.Errorf("refunded parcel: error = %v, want ErrIntercepted", err)
	}
	if _, err := st.StartPackCheck("nope"); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("unknown code: error = %v, want ErrUnknownCode", err)
	}
}
