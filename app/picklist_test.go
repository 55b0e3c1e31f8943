package app

import (
	"reflect"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestPickList_SumsBySKUAndCountsOrders(t *testing.T) {
	orders := []store.Order{
		{ID: "A", Items: []store.Item{{Code: "TEA-2", Name: "绿茶", Qty: 2}, {Code: "CUP-1", Name: "杯", Qty: 1}}},
		{ID: "B", Items: []store.Item{{Code: "TEA-2", Name: "绿茶", Qty: 1}, {Code: "TEA-2", Name: "绿茶", Qty: 1}}},
		{ID: "C", Items: []store.Item{{SKUID: 77, Name: "赠品", Qty: 1}, {Name: "贴纸", Spec: "红", Qty: 3}}},
	}

	got := PickList(orders)

	want := []PickLine{
		{Name: "贴纸", Spec: "红", Qty: 3, Orders: 1},
		{Name: "赠品", Qty: 1, Orders: 1},
		{Code: "CUP-1", Name: "杯", Qty: 1, Orders: 1},
		{Code: "TEA-2", Name: "绿茶", Qty: 4, Orders: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pick list =\n%+v\nwant\n%+v", got, want)
	}
}

func TestStationPickList_SkipsUnknownOrders(t *testing.T) {
	st := newStoreStation(t, func(tx *store.Tx) error {
		return tx.PutOrder(store.Order{ID: "A", Items: []store.Item{{Code: "TEA-2", Qty: 2}}})
	})

	got, err := st.PickList([]string{"A", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Qty != 2 {
		t.Errorf("pick list = %+v, want TEA-2 ×2", got)
	}
}
