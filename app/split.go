package app

import (
	"fmt"
	"strconv"

	"github.com/printstation/printstation/store"
)

// SplitOrder ships one order in several parcels as a packer decides
// (拆包): boxes holds the items of each parcel, and together they must be
// exactly the order's items. The order's parcel keeps its waybill, if any,
// for the first box; each further box becomes a parcel with its own pack_id
// that gets its own waybill in the next batch. The parts are written back
// together once all are printed. Only an order whose parcel is not printed
// yet, and carries no other order, can be split.
func (s *Station) SplitOrder(orderID string, boxes [][]store.Item) error {
	if len(boxes) < 2 {
		return fmt.Errorf("split order %s: %w: fewer than two boxes", orderID, ErrStillInvalid)
	}
	now := s.cfg.Now()
	return s.db.Update(func(tx *store.Tx) error {
		o, err := tx.Order(orderID)
		if err != nil {
			return err
		}
		if !o.Shippable() {
			return fmt.Errorf("split order %s: %w", orderID, ErrIntercepted)
		}
		if err := sameItems(o.Items, boxes); err != nil {
			return fmt.Errorf("split order %s: %w", orderID, err)
		}
		parcels, err := tx.ParcelsByOrder(orderID)
		if err != nil {
			return err
		}
		var first store.Parcel
		switch {
		case len(parcels) == 0:
			planned, _, err := s.createParcels(tx, []store.Order{o}, now, false)
			if err != nil {
				return err
			}
			if len(planned) != 1 {
				return fmt.Errorf("split order %s: %w: planned as %d parcels", orderID, ErrStillInvalid, len(planned))
			}
			first = planned[0]
		case len(parcels) == 1:
			first = parcels[0]
		default:
			return fmt.Errorf("split order %s: %w: already in %d parcels", orderID, ErrStillInvalid, len(parcels))
		}
		if len(first.OrderIDs) != 1 || !stateIn(first.State, workableStates) {
			return fmt.Errorf("split order %s: %w", orderID, fmtStateConflict(first.State, "split"))
		}

		for i, box := range boxes {
			p := first
			if i > 0 {
				p = store.Parcel{
					ID:          orderID + "-" + strconv.Itoa(i+1),
					OrderIDs:    []string{orderID},
					ShopID:      first.ShopID,
					PackID:      "P" + strconv.Itoa(i+1),
					State:       store.StateNew,
					Courier:     first.Courier,
					Warehouse:   first.Warehouse,
					ExpShipTime: first.ExpShipTime,
				}
			}
			p.Items = box
			p.ParcelNo, p.ParcelCount = i+1, len(boxes)
			p.UpdatedAt = now
			if err := tx.PutParcel(p); err != nil {
				return err
			}
			kind := EventCreated
			if i == 0 {
				kind = "split"
			}
			if _, err := tx.AppendEvent(store.Event{At: now, Parcel: p.ID, Kind: kind, To: p.State, Actor: s.cfg.Operator,
				Detail: fmt.Sprintf("box %d of %d", i+1, len(boxes))}); err != nil {
				return err
			}
		}
		return nil
	})
}

// SplitOrderBySKU splits an order into one parcel per item line.
func (s *Station) SplitOrderBySKU(orderID string) error {
	var o store.Order
	if err := s.db.View(func(tx *store.Tx) (err error) { o, err = tx.Order(orderID); return err }); err != nil {
		return err
	}
	boxes := make([][]store.Item, 0, len(o.Items))
	for _, it := range o.Items {
		it.OrderID = o.ID
		boxes = append(boxes, []store.Item{it})
	}
	return s.SplitOrder(orderID, boxes)
}

// sameItems checks that the boxes hold exactly the order's quantities.
func sameItems(items []store.Item, boxes [][]store.Item) error {
	want := map[string]int{}
	for _, it := range items {
		want[it.SubOrderID+"/"+it.Code] += it.Qty
	}
	for _, box := range boxes {
		if len(box) == 0 {
			return fmt.Errorf("%w: an empty box", ErrStillInvalid)
		}
		for _, it := range box {
			want[it.SubOrderID+"/"+it.Code] -= it.Qty
		}
	}
	for key, left := range want {
		if left != 0 {
			return fmt.Errorf("%w: the boxes hold %d too few of %s", ErrStillInvalid, left, key)
		}
	}
	return nil
}
