package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// writeBackRequestID derives the write-back's request_id from the parcel and
// its waybill, so a retry after a lost reply repeats the same request and
// the platform answers it with the first success instead of shipping twice.
func writeBackRequestID(p store.Parcel) string {
	sum := sha256.Sum256([]byte(p.ID + "/" + p.Waybill.TrackNo))
	return "ps" + hex.EncodeToString(sum[:15])
}

// writeBackAll delivers the write-back of every parcel id it receives.
// The shop client retries a failed call with back-off; a parcel that still
// fails for want of the shop leaves the rest in the outbox without a call,
// so an outage costs one parcel's retries, not all of them.
func (b *batchRun) writeBackAll(ctx context.Context, ids <-chan string) {
	s := b.station
	offline := false
	for id := range ids {
		if offline || ctx.Err() != nil {
			continue
		}
		shipped, err := s.writeBack(ctx, id)
		if err != nil && isRetryable(err) {
			offline = true
			b.mu.Lock()
			b.offline = true
			b.mu.Unlock()
			s.log.Warn().Err(err).Str("parcel", id).Msg("write-back waits in the outbox")
			continue
		}
		if shipped {
			b.update(func(p *Progress) { p.WrittenBack++ })
		} else if err != nil {
			b.update(func(p *Progress) { p.SetAside++ })
		}
	}
}

// DrainOutbox tries the write-backs waiting in the outbox, oldest first,
// and stops at the first that fails for want of the shop. It returns how
// many were shipped and how many still wait.
func (s *Station) DrainOutbox(ctx context.Context) (shipped, waiting int, err error) {
	for _, id := range s.outboxIDs() {
		ok, err := s.writeBack(ctx, id)
		if ok {
			shipped++
		}
		if err != nil && isRetryable(err) {
			break
		}
	}
	_, waiting = s.countPending()
	return shipped, waiting, nil
}

// outboxIDs returns the parcels of the station's shop whose write-back is
// waiting.
func (s *Station) outboxIDs() []string {
	var ids []string
	_ = s.db.View(func(tx *store.Tx) error {
		for _, id := range tx.ParcelIDsInState(store.StateWriteBackQueued) {
			p, err := tx.Parcel(id)
			if err != nil {
				return err
			}
			if s.cfg.ShopID == 0 || p.ShopID == 0 || p.ShopID == s.cfg.ShopID {
				ids = append(ids, id)
			}
		}
		return nil
	})
	return ids
}

// writeBack sends one parcel's tracking number to the shop and records the
// result. It reports whether the parcel is now shipped.
func (s *Station) writeBack(ctx context.Context, id string) (bool, error) {
	p, _, err := s.parcelAndOrder(id)
	if err != nil {
		return false, err
	}
	if p.State != store.StateWriteBackQueued {
		return p.State == store.StateShipped, nil
	}

	// The parts of a split order ship together in one multi-parcel
	// write-back, once every part is printed.
	parts := []store.Parcel{p}
	if p.ParcelCount > 1 {
		var ready bool
		if parts, ready, err = s.splitParts(p); err != nil || !ready {
			return false, err
		}
		err = s.shop.AddMultiPack(ctx, multiPackRequest(parts))
	} else {
		err = s.shop.AddSinglePack(ctx, doudian.SinglePackRequest{
			OrderIDList:   p.OrderIDs,
			LogisticsCode: p.Courier,
			TrackNo:       p.Waybill.TrackNo,
			RequestID:     writeBackRequestID(p),
		})
	}
	s.noteShop(err)
	var apiErr *doudian.APIError
	switch {
	case err == nil:
		for _, part := range parts {
			_, err = s.transition(part.ID, []store.State{store.StateWriteBackQueued}, EventShipped, "", func(p *store.Parcel) error {
				p.State = store.StateShipped
				p.ShippedAt = s.cfg.Now()
				return nil
			})
			if err != nil {
				return false, err
			}
		}
		s.markOrdersShipped(p.OrderIDs)
		return true, nil
	case isRetryable(err):
		return false, err
	case errors.As(err, &apiErr) && apiErr.Intercept():
		reason := ReasonRefund
		if apiErr.BizCode == 60021 {
			reason = ReasonCancelled
		}
		s.setAside(id, store.StateIntercepted, reason, apiErr.Error())
		return false, err
	default:
		s.log.Error().Err(err).Str("parcel", id).Str("waybill", p.Waybill.TrackNo).Msg("write-back rejected")
		s.setAside(id, store.StateException, ReasonWriteBackFailed, err.Error())
		return false, err
	}
}

// splitParts returns the parcels of a split order and whether all of them
// wait for their write-back; a part set aside holds the others back too,
// since the platform takes the parts in one call.
func (s *Station) splitParts(p store.Parcel) (parts []store.Parcel, ready bool, err error) {
	err = s.db.View(func(tx *store.Tx) error {
		all, err := tx.ParcelsByOrder(p.OrderIDs[0])
		if err != nil {
			return err
		}
		ready = true
		for _, part := range all {
			if part.ParcelCount != p.ParcelCount {
				continue
			}
			parts = append(parts, part)
			if part.State != store.StateWriteBackQueued {
				ready = false
			}
		}
		return nil
	})
	return parts, ready && len(parts) == p.ParcelCount, err
}

// multiPackRequest is the write-back of an order's parts, with a request_id
// derived from every part and its waybill.
func multiPackRequest(parts []store.Parcel) doudian.MultiPackRequest {
	req := doudian.MultiPackRequest{OrderID: parts[0].OrderIDs[0]}
	key := ""
	for _, part := range parts {
		pack := doudian.Pack{LogisticsCode: part.Courier, TrackNo: part.Waybill.TrackNo}
		for _, it := range part.Items {
			pack.Items = append(pack.Items, doudian.ShippedItem{SKUOrderID: it.SubOrderID, Num: it.Qty})
		}
		req.Packs = append(req.Packs, pack)
		key += part.ID + "/" + part.Waybill.TrackNo + ";"
	}
	sum := sha256.Sum256([]byte(key))
	req.RequestID = "ps" + hex.EncodeToString(sum[:15])
	return req
}

// markOrdersShipped records locally that the orders shipped, until the next
// sync brings the platform's own status.
func (s *Station) markOrdersShipped(ids []string) {
	err := s.db.Update(func(tx *store.Tx) error {
		for _, id := range ids {
			o, err := tx.Order(id)
			if err != nil {
				return err
			}
			o.Status = store.OrderShipped
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.log.Error().Err(err).Strs("orders", ids).Msg("mark orders shipped")
	}
}

func (s *Station) setAside(id string, state store.State, reason, detail string) {
	_, err := s.transition(id, nil, EventSetAside, "", func(p *store.Parcel) error {
		p.State = state
		p.Reason = reason
		p.ReasonDetail = detail
		return nil
	})
	if err != nil {
		s.log.Error().Err(err).Str("parcel", id).Msg("set parcel aside")
	}
}
