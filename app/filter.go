package app

import (
	"strings"
	"time"

	"github.com/printstation/printstation/store"
)

// Urgency is the closeness of a parcel still to ship to its ship-by
// time. Higher is more urgent.
type Urgency int

// Urgency levels, least urgent first.
const (
	UrgencyNone    Urgency = iota // shipped, set aside, or no ship-by time
	UrgencyLater                  // more than the due-soon threshold left
	UrgencyDueSoon                // within the due-soon threshold
	UrgencyUrgent                 // within the urgent threshold
	UrgencyOverdue                // past the ship-by time
)

// Thresholds are the ship-by thresholds of the countdown colours and the
// urgency filter.
type Thresholds struct {
	DueSoon time.Duration // for example 6 h
	Urgent  time.Duration // for example 2 h, shorter than DueSoon
}

// DefaultThresholds are the thresholds used until the settings give others.
var DefaultThresholds = Thresholds{DueSoon: DefaultDueSoonWithin, Urgent: DefaultUrgentWithin}

// Of returns the urgency of a parcel in state with the ship-by time at now.
func (t Thresholds) Of(now, shipBy time.Time, state store.State) Urgency {
	if shipBy.IsZero() || state == store.StateShipped || state.SetAside() {
		return UrgencyNone
	}
	left := shipBy.Sub(now)
	switch {
	case left < 0:
		return UrgencyOverdue
	case left < t.Urgent:
		return UrgencyUrgent
	case left < t.DueSoon:
		return UrgencyDueSoon
	}
	return UrgencyLater
}

// StateAwaitingBatch stands for the rows whose order has no parcel yet in
// OrderFilter.States; rows carry the empty state for them.
const StateAwaitingBatch store.State = ""

// OrderFilter chooses rows of the order list. A zero field matches every
// row; the fields that are set must all match.
type OrderFilter struct {
	States   []store.State // any of these; StateAwaitingBatch for orders without a parcel
	ShopID   int64
	Courier  string
	Province string
	// MinUrgency keeps the rows at least this urgent: UrgencyDueSoon keeps
	// the due-soon, urgent and overdue ones.
	MinUrgency Urgency
	// PaidFrom and PaidTo bound the payment time, both inclusive: the
	// window of one live-stream session (直播场次).
	PaidFrom, PaidTo time.Time
	// Text is searched, ignoring ASCII case, in the order id, the waybill
	// number, the SKU codes and the masked buyer name.
	Text string
}

// OrderIndex is the order list prepared for filtering: each row's search
// text is folded to lower case once, so a filter over 100,000 rows reads
// only memory.
type OrderIndex struct {
	rows   []ListRow
	search []string
}

// NewOrderIndex prepares rows for filtering. The index keeps rows; the
// caller must not change them afterwards.
func NewOrderIndex(rows []ListRow) *OrderIndex {
	x := &OrderIndex{rows: rows, search: make([]string, len(rows))}
	var b strings.Builder
	for i, r := range rows {
		b.Reset()
		// NUL separates the fields so that a query never matches across two.
		for _, f := range append([]string{r.OrderID, r.TrackNo, r.Buyer}, r.SKUs...) {
			b.WriteString(f)
			b.WriteByte(0)
		}
		x.search[i] = lowerASCII(b.String())
	}
	return x
}

// Len returns the number of rows.
func (x *OrderIndex) Len() int { return len(x.rows) }

// Row returns row i.
func (x *OrderIndex) Row(i int) *ListRow { return &x.rows[i] }

// Filter returns the positions of the rows that f matches at now, in the
// index's order (the urgency order of ListRows).
func (x *OrderIndex) Filter(f OrderFilter, now time.Time, t Thresholds) []int {
	query := lowerASCII(strings.TrimSpace(f.Text))
	out := make([]int, 0, len(x.rows))
	for i := range x.rows {
		r := &x.rows[i]
		if f.matches(r, now, t) && (query == "" || strings.Contains(x.search[i], query)) {
			out = append(out, i)
		}
	}
	return out
}

func (f *OrderFilter) matches(r *ListRow, now time.Time, t Thresholds) bool {
	switch {
	case len(f.States) > 0 && !stateIn(r.State, f.States):
		return false
	case f.ShopID != 0 && r.ShopID != f.ShopID:
		return false
	case f.Courier != "" && r.Courier != f.Courier:
		return false
	case f.Province != "" && r.Province != f.Province:
		return false
	case !f.PaidFrom.IsZero() && r.PayTime.Before(f.PaidFrom):
		return false
	case !f.PaidTo.IsZero() && r.PayTime.After(f.PaidTo):
		return false
	case f.MinUrgency > UrgencyNone && t.Of(now, r.ExpShipTime, r.State) < f.MinUrgency:
		return false
	}
	return true
}

// Choices returns the distinct shops (id → name), couriers and provinces
// of the rows, for the filter's drop-downs.
func (x *OrderIndex) Choices() (shops map[int64]string, couriers, provinces []string) {
	shops = map[int64]string{}
	seenCourier, seenProvince := map[string]bool{}, map[string]bool{}
	for i := range x.rows {
		r := &x.rows[i]
		if r.ShopID != 0 {
			shops[r.ShopID] = r.ShopName
		}
		if r.Courier != "" && !seenCourier[r.Courier] {
			seenCourier[r.Courier] = true
			couriers = append(couriers, r.Courier)
		}
		if r.Province != "" && !seenProvince[r.Province] {
			seenProvince[r.Province] = true
			provinces = append(provinces, r.Province)
		}
	}
	return shops, couriers, provinces
}

// lowerASCII folds ASCII letters only: codes and waybill numbers are ASCII,
// and masked names keep their Chinese characters as they are.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
