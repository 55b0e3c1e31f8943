package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/printstation/printstation/store"
)

// Reprint prints again the label of the parcel a scanned or typed code
// names: a waybill number, or an order id (its most recent parcel). The
// reprint is recorded with its reason. A code that is unknown, or whose
// parcel is intercepted or set aside, prints nothing and returns an error
// saying why; a parcel whose order was cancelled or refunded since it was
// printed is intercepted here.
func (s *Station) Reprint(ctx context.Context, code, reason string) (store.Parcel, error) {
	code = strings.TrimSpace(code)
	p, o, err := s.findByCode(code)
	if err != nil {
		return p, err
	}

	switch {
	case p.State == store.StateIntercepted || p.State == store.StateCancelled:
		return p, fmt.Errorf("reprint %s: %w", code, ErrIntercepted)
	case p.State == store.StateException:
		return p, fmt.Errorf("reprint %s: %w", code, ErrSetAside)
	case !p.State.HasPrinted() && p.State != store.StateSent:
		return p, fmt.Errorf("reprint %s: %w", code, ErrNotPrinted)
	}
	if o.Intercepted() && p.State != store.StateShipped {
		if err := s.db.Update(func(tx *store.Tx) error { return s.intercept(tx, &p, o, s.cfg.Now()) }); err != nil {
			return p, err
		}
		s.log.Warn().Str("parcel", p.ID).Str("waybill", p.Waybill.TrackNo).Str("reason", p.Reason).Msg("parcel intercepted at scan")
		return p, fmt.Errorf("reprint %s: %w", code, ErrIntercepted)
	}

	job, err := s.renderJob(p, o)
	if err != nil {
		return p, err
	}
	if err := s.send(ctx, job); err != nil {
		return p, fmt.Errorf("reprint %s: %w", p.Waybill.TrackNo, err)
	}

	p, err = s.transitionTx(p.ID, nil, EventReprint, reason, func(tx *store.Tx, p *store.Parcel) error {
		p.Reprints++
		p.Prints++
		// A reprint settles a label of unknown fate: there is a label now.
		if p.State == store.StateSent {
			p.State = store.StateWriteBackQueued
			p.PrintedAt = s.cfg.Now()
		}
		return s.reserveStock(tx, p)
	})
	s.log.Info().Str("parcel", p.ID).Str("waybill", p.Waybill.TrackNo).Str("reason", reason).Msg("label reprinted")
	return p, err
}

// findByCode looks a code up as a waybill number, then as an order id.
func (s *Station) findByCode(code string) (p store.Parcel, o store.Order, err error) {
	err = s.db.View(func(tx *store.Tx) error {
		p, err = tx.ParcelByWaybill(code)
		if errors.Is(err, store.ErrNotFound) {
			parcels, perr := tx.ParcelsByOrder(code)
			if perr != nil {
				return perr
			}
			if len(parcels) == 0 {
				return fmt.Errorf("%q: %w", code, ErrUnknownCode)
			}
			p, err = parcels[len(parcels)-1], nil
		}
		if err != nil {
			return err
		}
		o, err = tx.Order(p.OrderIDs[0])
		return err
	})
	return p, o, err
}

// ConfirmSent settles a parcel of unknown fate: printed true means the
// packer holds its label (it goes to the outbox), false means no label came
// out (it is queued to print again).
func (s *Station) ConfirmSent(parcelID string, printed bool) (store.Parcel, error) {
	return s.transitionTx(parcelID, []store.State{store.StateSent}, EventConfirmed, "", func(tx *store.Tx, p *store.Parcel) error {
		if !printed {
			p.State = store.StateQueued
			return nil
		}
		p.State = store.StateWriteBackQueued
		p.Prints++
		p.PrintedAt = s.cfg.Now()
		return s.reserveStock(tx, p)
	})
}
