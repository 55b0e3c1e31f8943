package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/printstation/printstation/store"
)

// NewWaybill replaces a parcel's waybill, for a damaged label. The old
// number is cancelled with the courier, and the parcel goes back to the
// start of the flow with a new pack_id, so the next batch gets a new
// number and prints it. Both steps are recorded with the reason.
func (s *Station) NewWaybill(ctx context.Context, parcelID, reason string) error {
	return s.replaceWaybill(ctx, parcelID, reason, "")
}

// ChangeCourier replaces a parcel's waybill with one from another courier.
func (s *Station) ChangeCourier(ctx context.Context, parcelID, courier, reason string) error {
	return s.replaceWaybill(ctx, parcelID, reason, courier)
}

func (s *Station) replaceWaybill(ctx context.Context, parcelID, reason, courier string) error {
	p, _, err := s.parcelAndOrder(parcelID)
	if err != nil {
		return err
	}
	if p.Waybill.TrackNo == "" || p.State == store.StateShipped || p.State == store.StateSent {
		return fmt.Errorf("new waybill for %s: %w", parcelID, fmtStateConflict(p.State, "replace waybill"))
	}
	if err := s.cancelWithCourier(ctx, p); err != nil {
		return err
	}

	_, err = s.transition(parcelID, nil, EventWaybillCancel, reason+" ("+p.Waybill.TrackNo+")", func(p *store.Parcel) error {
		p.Replaced++
		// A new pack_id makes the platform issue a new number instead of
		// returning the cancelled one for the same order.
		p.PackID = "R" + strconv.Itoa(p.Replaced)
		p.Waybill = store.Waybill{}
		if courier != "" {
			p.Courier = courier
		}
		p.State = store.StateNew
		p.Reason, p.ReasonDetail = "", ""
		return nil
	})
	return err
}

// CancelWaybill cancels the waybill of a parcel that will not ship (an
// intercepted order) and marks the parcel cancelled.
func (s *Station) CancelWaybill(ctx context.Context, parcelID, reason string) error {
	p, _, err := s.parcelAndOrder(parcelID)
	if err != nil {
		return err
	}
	if p.State == store.StateShipped {
		return fmt.Errorf("cancel waybill of %s: %w", parcelID, fmtStateConflict(p.State, "cancel waybill"))
	}
	if p.Waybill.TrackNo != "" {
		if err := s.cancelWithCourier(ctx, p); err != nil {
			return err
		}
	}
	_, err = s.transitionTx(parcelID, nil, EventWaybillCancel, reason+" ("+p.Waybill.TrackNo+")", func(tx *store.Tx, p *store.Parcel) error {
		p.State = store.StateCancelled
		return s.releaseStock(tx, p)
	})
	return err
}

func (s *Station) cancelWithCourier(ctx context.Context, p store.Parcel) error {
	err := s.shop.CancelOrder(ctx, p.Courier, p.Waybill.TrackNo)
	s.noteShop(err)
	if err != nil {
		return fmt.Errorf("cancel waybill %s: %w", p.Waybill.TrackNo, err)
	}
	s.log.Info().Str("parcel", p.ID).Str("waybill", p.Waybill.TrackNo).Msg("waybill cancelled")
	return nil
}
