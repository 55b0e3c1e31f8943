package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/printstation/printstation/store"
)

// OrderRow is one line of the order list: what a packer needs to see of an
// order and its parcel, with the receiver masked.
type OrderRow struct {
	OrderID     string
	Buyer       string // masked receiver name
	Province    string
	City        string
	Items       string // "CODE×2, CODE×1"
	ExpShipTime time.Time
	State       store.State // "" when the order has no parcel yet
	Reason      string
	TrackNo     string
}

// OrderRows returns the orders awaiting shipment and those with a parcel:
// the parcels still to ship first, soonest ship-by time first, then the
// shipped ones, most recent ship-by time first.
func (s *Station) OrderRows() ([]OrderRow, error) {
	var rows []OrderRow
	err := s.db.View(func(tx *store.Tx) error {
		return tx.ForEachOrder(func(o store.Order) error {
			parcels, err := tx.ParcelsByOrder(o.ID)
			if err != nil {
				return err
			}
			row := OrderRow{
				OrderID:     o.ID,
				Buyer:       o.Receiver.MaskName,
				Province:    o.Receiver.Province,
				City:        o.Receiver.City,
				Items:       itemSummary(o.Items),
				ExpShipTime: o.ExpShipTime,
			}
			if len(parcels) > 0 {
				last := parcels[len(parcels)-1]
				row.State, row.Reason, row.TrackNo = last.State, last.Reason, last.Waybill.TrackNo
			}
			if o.Shippable() || row.State != "" {
				rows = append(rows, row)
			}
			return nil
		})
	})
	slices.SortStableFunc(rows, compareUrgency)
	return rows, err
}

// compareUrgency orders rows by urgency: parcels still to ship first,
// soonest ship-by time first, then the shipped ones, most recent ship-by
// time first; order ids break ties.
func compareUrgency(a, b OrderRow) int {
	aShipped, bShipped := a.State == store.StateShipped, b.State == store.StateShipped
	switch {
	case aShipped && !bShipped:
		return 1
	case !aShipped && bShipped:
		return -1
	case aShipped && bShipped:
		return b.ExpShipTime.Compare(a.ExpShipTime)
	}
	if c := a.ExpShipTime.Compare(b.ExpShipTime); c != 0 {
		return c
	}
	return strings.Compare(a.OrderID, b.OrderID)
}

func itemSummary(items []store.Item) string {
	parts := make([]string, 0, len(items))
	for _, it := range items {
		name := it.Code
		if name == "" {
			name = it.Name
		}
		parts = append(parts, fmt.Sprintf("%s×%d", name, it.Qty))
	}
	return strings.Join(parts, ", ")
}

// ParcelsIn returns the parcels in one of the states, soonest ship-by time
// first: the exception queue, the parcels of unknown fate, the outbox.
func (s *Station) ParcelsIn(states ...store.State) ([]store.Parcel, error) {
	var out []store.Parcel
	err := s.db.View(func(tx *store.Tx) error {
		for _, st := range states {
			for _, id := range tx.ParcelIDsInState(st) {
				p, err := tx.Parcel(id)
				if err != nil {
					return err
				}
				out = append(out, p)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b store.Parcel) int { return a.ExpShipTime.Compare(b.ExpShipTime) })
	return out, err
}

// Events returns the event log from sequence number from on, for one parcel
// when parcelID is not empty.
func (s *Station) Events(from uint64, parcelID string) ([]store.Event, error) {
	var out []store.Event
	err := s.db.View(func(tx *store.Tx) error {
		return tx.ForEachEvent(from, func(e store.Event) error {
			if parcelID == "" || e.Parcel == parcelID {
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}
