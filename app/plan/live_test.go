package plan

import (
	"slices"
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestLiveStreamBatch(t *testing.T) {
	skus := loadRules(t).SKUs
	paid := func(id string, after time.Duration, room string, lines ...string) store.Order {
		o := testOrder(id, lines...)
		o.PayTime, o.LiveRoomID = baseTime.Add(after), room
		return o
	}
	orders := []store.Order{
		paid("before", -time.Minute, "R1", "MUG-350-WHT"),
		paid("board", 10*time.Minute, "R1", "BOARD-BMB-M"),
		paid("mug-b", 20*time.Minute, "R1", "MUG-350-WHT"),
		paid("mug-a", 30*time.Minute, "R1", "MUG-350-WHT"),
		paid("mug+glass", 40*time.Minute, "R1", "GLASS-400", "MUG-350-WHT"),
		paid("other-room", 50*time.Minute, "R2", "MUG-350-WHT"),
		paid("no-room", 50*time.Minute, "", "PILLOW-LIN-GRY"),
		paid("unknown-sku", 55*time.Minute, "R1", "NOT-IN-CATALOGUE"),
		func() store.Order {
			o := paid("refunded", 50*time.Minute, "R1", "MUG-350-WHT")
			o.Refund = true
			return o
		}(),
		paid("at-end", time.Hour, "R1", "MUG-350-WHT"),
	}
	// Every order picks from A-01 (mugs) first except the pillow (B-01), the
	// board (C-01) and the SKU without a location. Of the orders at A-01,
	// the SKU set GLASS-400+MUG-350-WHT sorts before MUG-350-WHT alone, and
	// equal ship-by times leave the order id to decide.
	window := StreamWindow{RoomID: "R1", From: baseTime, To: baseTime.Add(time.Hour)}

	tests := []struct {
		name   string
		window StreamWindow
		want   []string
	}{
		{"one room", window, []string{"mug+glass", "mug-a", "mug-b", "board", "unknown-sku"}},
		{"any room", StreamWindow{From: window.From, To: window.To},
			[]string{"mug+glass", "mug-a", "mug-b", "other-room", "no-room", "board", "unknown-sku"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LiveStreamBatch(orders, skus, tt.window); !slices.Equal(got, tt.want) {
				t.Errorf("LiveStreamBatch = %q, want %q", got, tt.want)
			}
		})
	}
}
