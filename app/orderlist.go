package app

import (
	"cmp"
	"slices"
	"time"

	"github.com/printstation/printstation/store"
)

// ListRow is an order row with the facts the order list filters on: the
// shop, the courier, the payment time and the SKU codes.
type ListRow struct {
	OrderRow
	ShopID   int64
	ShopName string
	// Courier is the courier code of the order's latest parcel, "" before
	// its first batch.
	Courier  string
	ParcelID string
	PayTime  time.Time
	SKUs     []string // item codes, the name where an item has no code
}

// ListRows returns the rows of OrderRows with the facts of ListRow, in
// the same order, read in one pass over the store.
func (s *Station) ListRows() ([]ListRow, error) {
	var rows []ListRow
	err := s.db.View(func(tx *store.Tx) error {
		return tx.ForEachOrder(func(o store.Order) error {
			parcels, err := tx.ParcelsByOrder(o.ID)
			if err != nil {
				return err
			}
			row := ListRow{
				OrderRow: OrderRow{
					OrderID:     o.ID,
					Buyer:       o.Receiver.MaskName,
					Province:    o.Receiver.Province,
					City:        o.Receiver.City,
					Items:       itemSummary(o.Items),
					ExpShipTime: o.ExpShipTime,
				},
				ShopID:   o.ShopID,
				ShopName: o.ShopName,
				PayTime:  o.PayTime,
				SKUs:     make([]string, 0, len(o.Items)),
			}
			for _, it := range o.Items {
				row.SKUs = append(row.SKUs, cmp.Or(it.Code, it.Name))
			}
			if len(parcels) > 0 {
				last := parcels[len(parcels)-1]
				row.State, row.Reason, row.TrackNo = last.State, last.Reason, last.Waybill.TrackNo
				row.Courier, row.ParcelID = last.Courier, last.ID
			}
			// The same orders as OrderRows: still to ship, or with a parcel.
			if o.Shippable() || row.State != "" {
				rows = append(rows, row)
			}
			return nil
		})
	})
	SortByUrgency(rows)
	return rows, err
}

// SortByUrgency sorts rows the way OrderRows does: parcels still to ship
// first, soonest ship-by time first, then the shipped ones, most recent
// ship-by time first. Order ids break ties, so the order is total and an
// unstable sort gives the same result as the stable sort of OrderRows.
// The unstable sort moves the large rows far fewer times.
func SortByUrgency(rows []ListRow) {
	slices.SortFunc(rows, func(a, b ListRow) int { return compareUrgency(a.OrderRow, b.OrderRow) })
}
