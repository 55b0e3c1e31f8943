package app

import (
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestThresholds_Of(t *testing.T) {
	th := Thresholds{DueSoon: 6 * time.Hour, Urgent: 2 * time.Hour}
	cases := []struct {
		name   string
		left   time.Duration
		state  store.State
		noTime bool
		want   Urgency
	}{
		{"overdue", -time.Minute, store.StateQueued, false, UrgencyOverdue},
		{"urgent", 90 * time.Minute, StateAwaitingBatch, false, UrgencyUrgent},
		{"urgent boundary is due soon", 2 * time.Hour, store.StateQueued, false, UrgencyDueSoon},
		{"due soon", 5 * time.Hour, store.StateQueued, false, UrgencyDueSoon},
		{"later", 7 * time.Hour, store.StateQueued, false, UrgencyLater},
		{"shipped has none", -time.Hour, store.StateShipped, false, UrgencyNone},
		{"set aside has none", -time.Hour, store.StateException, false, UrgencyNone},
		{"no ship-by time", 0, store.StateQueued, true, UrgencyNone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			shipBy := fixedNow.Add(c.left)
			if c.noTime {
				shipBy = time.Time{}
			}
			if got := th.Of(fixedNow, shipBy, c.state); got != c.want {
				t.Errorf("Of = %d, want %d", got, c.want)
			}
		})
	}
}

func TestOrderIndexFilter_EachFieldNarrows(t *testing.T) {
	rows := syntheticRows(1000)
	x := NewOrderIndex(rows)
	th := DefaultThresholds
	cases := []struct {
		name  string
		f     OrderFilter
		check func(r *ListRow) bool
	}{
		{"state", OrderFilter{States: []store.State{store.StateQueued}}, func(r *ListRow) bool { return r.State == store.StateQueued }},
		{"awaiting batch", OrderFilter{States: []store.State{StateAwaitingBatch}}, func(r *ListRow) bool { return r.State == "" }},
		{"shop", OrderFilter{ShopID: 2}, func(r *ListRow) bool { return r.ShopID == 2 }},
		{"courier", OrderFilter{Courier: "yuantong"}, func(r *ListRow) bool { return r.Courier == "yuantong" }},
		{"province", OrderFilter{Province: "广东省"}, func(r *ListRow) bool { return r.Province == "广东省" }},
		{"urgent or worse", OrderFilter{MinUrgency: UrgencyUrgent}, func(r *ListRow) bool { return th.Of(fixedNow, r.ExpShipTime, r.State) >= UrgencyUrgent }},
		{"live-stream window", OrderFilter{PaidFrom: fixedNow.Add(-3 * time.Hour), PaidTo: fixedNow.Add(-time.Hour)},
			func(r *ListRow) bool {
				return !r.PayTime.Before(fixedNow.Add(-3*time.Hour)) && !r.PayTime.After(fixedNow.Add(-time.Hour))
			}},
		{"text in SKU ignoring case", OrderFilter{Text: "sku-007"}, func(r *ListRow) bool { return r.SKUs[0] == "SKU-007" }},
		{"text in waybill", OrderFilter{Text: "780000000042"}, func(r *ListRow) bool { return r.TrackNo == "780000000042" }},
		{"text in masked buyer", OrderFilter{Text: "张*C"}, func(r *ListRow) bool { return r.Buyer == "张*C" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := x.Filter(c.f, fixedNow, th)
			if len(got) == 0 || len(got) == len(rows) {
				t.Fatalf("filter kept %d of %d rows, want some but not all", len(got), len(rows))
			}
			want := 0
			for i := range rows {
				if c.check(&rows[i]) {
					want++
				}
			}
			if len(got) != want {
				t.Errorf("filter kept %d rows, want %d", len(got), want)
			}
			for _, i := range got {
				if !c.check(x.Row(i)) {
					t.Errorf("row %s does not match the filter", x.Row(i).OrderID)
				}
			}
		})
	}
}

func TestOrderIndexFilter_TextNeverMatchesAcrossFields(t *testing.T) {
	x := NewOrderIndex([]ListRow{{OrderRow: OrderRow{OrderID: "AB", TrackNo: "CD"}}})
	if got := x.Filter(OrderFilter{Text: "bc"}, fixedNow, DefaultThresholds); len(got) != 0 {
		t.Errorf("query spanning order id and waybill matched %v", got)
	}
}

func TestOrderIndexFilter_ZeroFilterKeepsOrder(t *testing.T) {
	rows := syntheticRows(50)
	got := NewOrderIndex(rows).Filter(OrderFilter{}, fixedNow, DefaultThresholds)
	if len(got) != 50 {
		t.Fatalf("zero filter kept %d rows, want 50", len(got))
	}
	for i, idx := range got {
		if idx != i {
			t.Fatalf("position %d holds row %d, want the index order", i, idx)
		}
	}
}

func TestOrderIndexChoices_Distinct(t *testing.T) {
	shops, couriers, provinces := NewOrderIndex(syntheticRows(100)).Choices()
	if len(shops) != 3 || len(couriers) != 2 || len(provinces) != 5 {
		t.Errorf("choices: %d shops, %d couriers, %d provinces; want 3, 2, 5", len(shops), len(couriers), len(provinces))
	}
}

func TestSortByUrgency_ShippedLastNewestFirst(t *testing.T) {
	rows := []ListRow{
		{OrderRow: OrderRow{OrderID: "shipped-old", State: store.StateShipped, ExpShipTime: fixedNow.Add(-5 * time.Hour)}},
		{OrderRow: OrderRow{OrderID: "later", ExpShipTime: fixedNow.Add(5 * time.Hour)}},
		{OrderRow: OrderRow{OrderID: "shipped-new", State: store.StateShipped, ExpShipTime: fixedNow.Add(-time.Hour)}},
		{OrderRow: OrderRow{OrderID: "overdue", ExpShipTime: fixedNow.Add(-time.Hour)}},
	}
	SortByUrgency(rows)
	want := []string{"overdue", "later", "shipped-new", "shipped-old"}
	for i, id := range want {
		if rows[i].OrderID != id {
			t.Errorf("position %d = %s, want %s", i, rows[i].OrderID, id)
		}
	}
}

// BenchmarkOrderIndexFilter_100k measures one filter over 100,000 rows
// with a text query, the slowest kind; the target is under 100 ms.
func BenchmarkOrderIndexFilter_100k(b *testing.B) {
	x := NewOrderIndex(syntheticRows(100_000))
	f := OrderFilter{Text: "sku-01", MinUrgency: UrgencyDueSoon, Courier: "zhongtong"}
	b.ResetTimer()
	for b.Loop() {
		x.Filter(f, fixedNow, DefaultThresholds)
	}
}

// BenchmarkNewOrderIndex_100k measures preparing 100,000 rows for
// filtering, paid once per reload of the order list.
func BenchmarkNewOrderIndex_100k(b *testing.B) {
	rows := syntheticRows(100_000)
	b.ResetTimer()
	for b.Loop() {
		NewOrderIndex(rows)
	}
}
