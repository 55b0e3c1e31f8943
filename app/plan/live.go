package plan

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/printstation/printstation/store"
)

// StreamWindow is a live-stream sale: its room and the time it ran.
type StreamWindow struct {
	RoomID   string    // "" takes orders of any room, and orders without one
	From, To time.Time // pay time in [From, To)
}

// LiveStreamBatch returns the ids of the shippable orders paid within a
// stream's window, in picking order. Orders sort by the first pick location
// of their SKUs, then by their set of SKU codes, so orders of the same
// items come together, then by ship-by time and id.
func LiveStreamBatch(orders []store.Order, skus map[string]SKU, window StreamWindow) []string {
	type entry struct {
		order    store.Order
		location string
		codes    string
	}
	var batch []entry
	for _, o := range orders {
		switch {
		case !o.Shippable():
		case o.PayTime.Before(window.From) || !o.PayTime.Before(window.To):
		case window.RoomID != "" && o.LiveRoomID != window.RoomID:
		default:
			batch = append(batch, entry{order: o, location: firstLocation(o.Items, skus), codes: codeSet(o.Items)})
		}
	}

	slices.SortStableFunc(batch, func(a, b entry) int {
		if c := cmp.Compare(a.location, b.location); c != 0 {
			return c
		}
		if c := cmp.Compare(a.codes, b.codes); c != 0 {
			return c
		}
		return compareShipBy(a.order, b.order)
	})
	ids := make([]string, len(batch))
	for i, e := range batch {
		ids[i] = e.order.ID
	}
	return ids
}

// firstLocation returns the smallest pick location of the items' SKUs;
// SKUs without a location sort after every location.
func firstLocation(items []store.Item, skus map[string]SKU) string {
	const unknown = "\uffff"
	first := unknown
	for _, item := range items {
		if location := skus[item.Code].Location; location != "" && location < first {
			first = location
		}
	}
	return first
}

// codeSet returns the sorted SKU codes of items, joined.
func codeSet(items []store.Item) string {
	codes := make([]string, 0, len(items))
	for _, item := range items {
		codes = append(codes, item.Code)
	}
	slices.Sort(codes)
	return strings.Join(slices.Compact(codes), "+")
}
