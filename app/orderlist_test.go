package app

import (
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestListRows_SameRowsAsOrderRows(t *testing.T) {
	st := newStoreStation(t, func(tx *store.Tx) error {
		for i, id := range []string{"A", "B", "C", "D"} {
			o := store.Order{ID: id, ShopID: 7, ShopName: "茶铺", Status: store.OrderAwaitingShipment,
				PayTime: fixedNow.Add(-time.Hour), ExpShipTime: fixedNow.Add(time.Duration(4-i) * time.Hour),
				Items: []store.Item{{Code: "TEA-" + id, Qty: 1}, {Name: "赠品", Qty: 1}}}
			if id == "D" {
				o.Status = store.OrderCancelled // no parcel and not shippable: not listed
			}
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		return tx.PutParcel(store.Parcel{ID: "B-1", OrderIDs: []string{"B"}, State: store.StateShipped, Courier: "zhongtong", Waybill: store.Waybill{TrackNo: "7801"}})
	})

	list, err := st.ListRows()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.OrderRows()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(rows) || len(list) != 3 {
		t.Fatalf("ListRows has %d rows, OrderRows %d, want 3 each", len(list), len(rows))
	}
	for i := range rows {
		if list[i].OrderID != rows[i].OrderID || list[i].State != rows[i].State || list[i].Items != rows[i].Items {
			t.Errorf("row %d: ListRows %+v, OrderRows %+v", i, list[i].OrderRow, rows[i])
		}
	}
	shipped := list[len(list)-1]
	if shipped.Courier != "zhongtong" || shipped.ParcelID != "B-1" || shipped.ShopID != 7 {
		t.Errorf("shipped row = %+v, want courier, parcel and shop filled", shipped)
	}
	if len(shipped.SKUs) != 2 || shipped.SKUs[0] != "TEA-B" || shipped.SKUs[1] != "赠品" {
		t.Errorf("SKUs = %v, want [TEA-B 赠品]", shipped.SKUs)
	}
}

// BenchmarkListRows_100k measures reading 100,000 stored orders awaiting
// shipment into the order list, what the window does on every reload.
func BenchmarkListRows_100k(b *testing.B) {
	db, err := store.Open(b.TempDir() + "/station.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *store.Tx) error {
		for _, r := range syntheticRows(100_000) {
			o := store.Order{ID: r.OrderID, ShopID: r.ShopID, ShopName: r.ShopName, Status: store.OrderAwaitingShipment,
				PayTime: r.PayTime, ExpShipTime: r.ExpShipTime,
				Receiver: store.Receiver{Province: r.Province, City: r.City, MaskName: r.Buyer},
				Items:    []store.Item{{Code: r.SKUs[0], Name: "商品", Qty: 1}}}
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	st := New(Config{Now: func() time.Time { return fixedNow }}, db, nil, nil)
	b.ResetTimer()
	for b.Loop() {
		if _, err := st.ListRows(); err != nil {
			b.Fatal(err)
		}
	}
}
