package app

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/store"
)

// fixedNow is the clock of the tests over stored fixtures.
var fixedNow = time.Date(2025, 6, 18, 10, 0, 0, 0, time.UTC)

// newStoreStation returns a station over a fresh store filled by fill, with
// no shop and a virtual printer in a temporary folder.
func newStoreStation(t *testing.T, fill func(tx *store.Tx) error) *Station {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "station.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Update(fill); err != nil {
		t.Fatal(err)
	}
	dir, err := printer.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return New(Config{Now: func() time.Time { return fixedNow }}, db, nil, dir)
}

// syntheticRows returns n rows spread over three shops, two couriers, five
// provinces, states and ship-by times from overdue to two days ahead.
func syntheticRows(n int) []ListRow {
	provinces := []string{"浙江省", "广东省", "江苏省", "四川省", "山东省"}
	couriers := []string{"zhongtong", "yuantong"}
	states := []store.State{StateAwaitingBatch, store.StateQueued, store.StateWriteBackQueued, store.StateShipped, store.StateException}
	rows := make([]ListRow, n)
	for i := range rows {
		rows[i] = ListRow{
			OrderRow: OrderRow{
				OrderID:     fmt.Sprintf("69%016d", i),
				Buyer:       "张*" + string(rune('A'+i%26)),
				Province:    provinces[i%len(provinces)],
				City:        "某市",
				Items:       fmt.Sprintf("SKU-%03d×1", i%200),
				ExpShipTime: fixedNow.Add(time.Duration(i%96-4) * 30 * time.Minute),
				State:       states[i%len(states)],
				TrackNo:     fmt.Sprintf("7800%08d", i),
			},
			ShopID:   int64(1 + i%3),
			ShopName: fmt.Sprintf("shop %d", 1+i%3),
			Courier:  couriers[i%len(couriers)],
			PayTime:  fixedNow.Add(-time.Duration(i%48) * time.Hour),
			SKUs:     []string{fmt.Sprintf("SKU-%03d", i%200)},
		}
	}
	return rows
}
