package plan

import (
	"errors"
	"slices"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestSplitByPacker(t *testing.T) {
	cfg := loadRules(t)
	o := testOrder("7", "MUG-350-WHT*2", "CANDLE-FIG")
	o.PayAmount = 8000
	parcel := Plan([]store.Order{o}, cfg).Parcels[0]
	mug, candle := parcel.Items[0], parcel.Items[1]
	qty := func(item Item, n int) Item { item.Qty = n; return item }

	parts, err := SplitByPacker(parcel, [][]Item{{qty(mug, 1)}, {qty(mug, 1), candle}}, cfg)
	if err != nil {
		t.Fatalf("SplitByPacker: %v", err)
	}
	if got := describeAll(parts); !slices.Equal(got, []string{"WH-HZ:MUG-350-WHT*1", "WH-HZ:MUG-350-WHT*1,CANDLE-FIG*1"}) {
		t.Errorf("parts = %q", got)
	}
	for i, want := range []struct {
		id, pack string
		weightG  int
		tags     []string
	}{
		{"7-1", "", 450, []string{"易碎 轻拿轻放"}},
		{"7-2", "P2", 800, []string{"易碎 轻拿轻放", "防压 勿重压"}},
	} {
		p := parts[i]
		if p.ID != want.id || p.PackID != want.pack || p.ParcelNo != i+1 || p.ParcelCount != 2 {
			t.Errorf("part %d: id %s pack %q %d/%d, want %s %q %d/2", i, p.ID, p.PackID, p.ParcelNo, p.ParcelCount, want.id, want.pack, i+1)
		}
		if p.WeightG != want.weightG || !slices.Equal(p.Tags, want.tags) {
			t.Errorf("part %d: %d g %q, want %d g %q", i, p.WeightG, p.Tags, want.weightG, want.tags)
		}
		if !p.CostKnown || p.Courier == "" {
			t.Errorf("part %d has no courier or cost: %s %d", i, p.Courier, p.CostFen)
		}
	}
}

func TestSplitByPacker_RejectsWrongBoxes(t *testing.T) {
	cfg := loadRules(t)
	parcel := Plan([]store.Order{testOrder("7", "MUG-350-WHT*2", "CANDLE-FIG")}, cfg).Parcels[0]
	mug, candle := parcel.Items[0], parcel.Items[1]
	qty := func(item Item, n int) Item { item.Qty = n; return item }
	split := parcel
	split.ParcelNo, split.ParcelCount = 1, 2

	tests := []struct {
		name   string
		parcel Parcel
		boxes  [][]Item
		want   error
	}{
		{"an item left out", parcel, [][]Item{{mug}, {qty(candle, 0)}}, ErrBoxesMismatch},
		{"a unit missing", parcel, [][]Item{{qty(mug, 1)}, {candle}}, ErrBoxesMismatch},
		{"a unit too many", parcel, [][]Item{{mug}, {qty(mug, 1), candle}}, ErrBoxesMismatch},
		{"an empty box", parcel, [][]Item{{mug, candle}, {}}, ErrBoxesMismatch},
		{"an item of another order", parcel, [][]Item{{mug, candle}, {func() Item { i := candle; i.OrderID = "8"; return i }()}}, ErrBoxesMismatch},
		{"a parcel already split", split, [][]Item{{mug}, {candle}}, ErrAlreadySplit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SplitByPacker(tt.parcel, tt.boxes, cfg)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
