package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/printstation/printstation/store"
)

// ErrStillInvalid is returned by RetryParcel when the cause of the set-aside
// is still there, for example an address still incomplete after a sync.
var ErrStillInvalid = errors.New("the reason the parcel was set aside still applies")

// ExceptionAction returns the action suggested for a set-aside parcel: fix
// the address, choose another courier, retry, or take it off the line.
func (s *Station) ExceptionAction(p store.Parcel) MessageKey {
	if p.Reason == "" {
		return MessageKey{Key: "action.retry"}
	}
	if action, ok := planReasonActions[p.Reason]; ok {
		return MessageKey{Key: "action." + action}
	}
	return MessageKey{Key: "action." + p.Reason}
}

// RetryParcel puts a set-aside parcel back into the flow at the step its
// facts allow: no waybill → new, no receiver → waybill issued, never
// printed → queued, printed → write-back queued. An intercepted parcel
// comes back only when its order may ship again (after a sync shows the
// refund closed); a parcel without a usable address only when the order
// has one now.
func (s *Station) RetryParcel(ctx context.Context, parcelID string) error {
	p, o, err := s.parcelAndOrder(parcelID)
	if err != nil {
		return err
	}
	if !p.State.SetAside() {
		return fmt.Errorf("retry parcel %s: %w", parcelID, fmtStateConflict(p.State, "retry"))
	}
	if o.Intercepted() {
		return fmt.Errorf("retry parcel %s: %w", parcelID, ErrIntercepted)
	}
	if problem := s.addressProblem(o); problem != "" {
		return fmt.Errorf("retry parcel %s: address %s: %w", parcelID, problem, ErrStillInvalid)
	}

	_, err = s.transition(parcelID, nil, EventRetried, "", func(p *store.Parcel) error {
		switch {
		case p.Waybill.TrackNo == "":
			p.State = store.StateNew
		case p.Receiver == nil:
			p.State = store.StateWaybillIssued
		case p.Prints == 0:
			p.State = store.StateQueued
		default:
			p.State = store.StateWriteBackQueued
		}
		p.Reason, p.ReasonDetail = "", ""
		return nil
	})
	return err
}
