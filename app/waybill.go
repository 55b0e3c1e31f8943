package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// waybillChunk is the most order_infos one logistics.newCreateOrder call
// takes.
const waybillChunk = 50

func isRetryable(err error) bool { return doudian.IsRetryable(err) }

// issueWaybills requests waybills for the parcels among ids that have none,
// in calls of up to 50. A parcel is marked as requested before the call, so
// a reply lost to a crash or a timeout is asked for again with the same
// order and pack ids, and the platform returns the number it already issued.
func (b *batchRun) issueWaybills(ctx context.Context, ids []string) error {
	s := b.station
	var pending []string
	have := 0
	if err := s.db.View(func(tx *store.Tx) error {
		for _, id := range ids {
			p, err := tx.Parcel(id)
			if err != nil {
				return err
			}
			switch p.State {
			case store.StateNew, store.StateWaybillRequested:
				pending = append(pending, id)
			default:
				have++
			}
		}
		return nil
	}); err != nil {
		return err
	}
	b.update(func(p *Progress) { p.Waybills += have })
	if err := s.checkBalance(ctx, pending); err != nil {
		return err
	}

	return forEachChunk(pending, waybillChunk, func(chunk []string) error {
		issued, rejected, err := s.requestWaybills(ctx, chunk)
		b.update(func(p *Progress) { p.Waybills += issued; p.SetAside += rejected })
		return err
	})
}

// checkBalance reads each courier's outlet balance of waybills before
// any number of the batch is requested, so the packer learns of a shortfall
// before the batch starts instead of halfway through it. A shop that cannot
// be reached is not a shortfall: the requests that follow will tell.
func (s *Station) checkBalance(ctx context.Context, ids []string) error {
	need := map[string]int{}
	if err := s.db.View(func(tx *store.Tx) error {
		for _, id := range ids {
			p, err := tx.Parcel(id)
			if err != nil {
				return err
			}
			need[p.Courier]++
		}
		return nil
	}); err != nil {
		return err
	}
	for courier, n := range need {
		_, err := s.shop.CheckWaybillBalance(ctx, courier, n)
		s.noteShop(err)
		if err != nil && !isRetryable(err) {
			return fmt.Errorf("waybill balance: %w", err)
		}
	}
	return nil
}

// maxUnavailableChunks is how many chunks in a row may fail for want of the
// shop before forEachChunk gives up on the rest: a single failure is often
// a passing fault, two in a row are likely an outage.
const maxUnavailableChunks = 2

// forEachChunk calls fn for ids in chunks of size. A chunk that fails for
// want of the shop is left for the next run while the others go on, until
// maxUnavailableChunks fail in a row. Any other error stops at once.
// forEachChunk returns the last error that left a chunk undone.
func forEachChunk(ids []string, size int, fn func(chunk []string) error) error {
	var lastErr error
	inARow := 0
	for start := 0; start < len(ids); start += size {
		err := fn(ids[start:min(start+size, len(ids))])
		switch {
		case err == nil:
			inARow = 0
		case isRetryable(err):
			lastErr = err
			if inARow++; inARow >= maxUnavailableChunks {
				return err
			}
		default:
			return err
		}
	}
	return lastErr
}

// requestWaybills runs one newCreateOrder call for up to 50 parcels and
// records each parcel's outcome.
func (s *Station) requestWaybills(ctx context.Context, ids []string) (issued, rejected int, err error) {
	req := doudian.NewCreateOrderRequest{LogisticsCode: s.cfg.Courier, SenderInfo: s.senderInfo()}
	byKey := map[string]string{} // order_id/pack_id -> parcel id
	now := s.cfg.Now()

	err = s.db.Update(func(tx *store.Tx) error {
		for _, id := range ids {
			p, err := tx.Parcel(id)
			if err != nil {
				return err
			}
			o, err := tx.Order(p.OrderIDs[0])
			if err != nil {
				return err
			}
			req.OrderInfos = append(req.OrderInfos, waybillOrderInfo(p, o))
			byKey[o.ID+"/"+p.PackID] = id

			if p.State == store.StateNew {
				from := p.State
				p.State = store.StateWaybillRequested
				p.UpdatedAt = now
				if err := tx.PutParcel(p); err != nil {
					return err
				}
				if _, err := tx.AppendEvent(store.Event{At: now, Parcel: id, Kind: EventWaybillRequest, From: from, To: p.State, Actor: s.cfg.Operator}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("mark waybills requested: %w", err)
	}

	resp, err := s.shop.NewCreateOrder(ctx, req)
	s.noteShop(err)
	if err != nil {
		return 0, 0, fmt.Errorf("request %d waybills: %w", len(ids), err)
	}

	for _, e := range resp.EbillInfos {
		id, ok := byKey[e.OrderID+"/"+e.PackID]
		if !ok {
			s.log.Warn().Str("order", e.OrderID).Str("pack", e.PackID).Msg("waybill for an order not in the request")
			continue
		}
		wb := store.Waybill{
			TrackNo:           e.TrackNo,
			SortCode:          e.SortCode,
			PackageCenterCode: e.PackageCenterCode,
			PackageCenterName: e.PackageCenterName,
			ShortAddressCode:  e.ShortAddressCode,
			ShortAddressName:  e.ShortAddressName,
			IssuedAt:          s.cfg.Now(),
		}
		_, err := s.transition(id, []store.State{store.StateWaybillRequested}, EventWaybillIssued, "", func(p *store.Parcel) error {
			p.State = store.StateWaybillIssued
			p.Waybill = wb
			return nil
		})
		if err != nil {
			return issued, rejected, err
		}
		s.log.Debug().Str("parcel", id).Str("waybill", e.TrackNo).Msg("waybill issued")
		issued++
	}
	for _, e := range resp.ErrInfos {
		id, ok := byKey[e.OrderID+"/"+e.PackID]
		if !ok {
			continue
		}
		detail := fmt.Sprintf("%v %s", e.ErrCode, e.ErrMsg)
		_, err := s.transition(id, []store.State{store.StateWaybillRequested}, EventSetAside, "", func(p *store.Parcel) error {
			p.State = store.StateException
			p.Reason = ReasonWaybillRejected
			p.ReasonDetail = detail
			return nil
		})
		if err != nil {
			return issued, rejected, err
		}
		s.log.Warn().Str("parcel", id).Str("detail", detail).Msg("waybill rejected")
		rejected++
	}
	return issued, rejected, nil
}

func (s *Station) senderInfo() doudian.WaybillParty {
	snd := s.cfg.Sender
	return doudian.WaybillParty{
		Address: doudian.WaybillAddress{
			ProvinceName:  snd.Province,
			CityName:      snd.City,
			DistrictName:  snd.District,
			StreetName:    snd.Street,
			DetailAddress: snd.Detail,
		},
		Contact: doudian.WaybillContact{Name: snd.Name, Mobile: snd.Mobile},
	}
}

// waybillOrderInfo is a parcel's entry of a waybill request. The receiver
// goes as the platform's ciphertext, which the platform decrypts itself.
func waybillOrderInfo(p store.Parcel, o store.Order) doudian.WaybillOrderInfo {
	r := o.Receiver
	info := doudian.WaybillOrderInfo{
		OrderID:        o.ID,
		PackID:         p.PackID,
		TotalPackCount: p.ParcelCount,
		ReceiverInfo: doudian.WaybillParty{
			Address: doudian.WaybillAddress{
				ProvinceName:  r.Province,
				CityName:      r.City,
				DistrictName:  r.District,
				StreetName:    r.Street,
				DetailAddress: firstNonEmpty(r.DetailCipher, r.Detail),
			},
			Contact: doudian.WaybillContact{
				Name:   firstNonEmpty(r.NameCipher, r.Name),
				Mobile: firstNonEmpty(r.PhoneCipher, r.Phone),
			},
		},
	}
	items := p.Items
	if len(items) == 0 {
		items = o.Items
	}
	for _, it := range items {
		info.Items = append(info.Items, doudian.WaybillItem{ItemName: it.Name, ItemCount: it.Qty})
	}
	return info
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// need is a parcel waiting for its receiver, with its order.
type need struct {
	parcel store.Parcel
	order  store.Order
}

// prepareReceivers fills the printed receiver of every parcel among ids
// that has a waybill and none yet, and queues it for the printer. The
// receiver is decrypted only here, for what is about to print, unless the
// station prints masked receivers.
func (b *batchRun) prepareReceivers(ctx context.Context, ids []string) error {
	s := b.station
	var needs []need
	if err := s.db.View(func(tx *store.Tx) error {
		for _, id := range ids {
			p, err := tx.Parcel(id)
			if err != nil {
				return err
			}
			if p.State != store.StateWaybillIssued {
				continue
			}
			o, err := tx.Order(p.OrderIDs[0])
			if err != nil {
				return err
			}
			needs = append(needs, need{p, o})
		}
		return nil
	}); err != nil {
		return err
	}
	if len(needs) == 0 {
		return nil
	}

	byID := map[string]need{}
	waiting := make([]string, 0, len(needs))
	for _, n := range needs {
		byID[n.parcel.ID] = n
		waiting = append(waiting, n.parcel.ID)
	}
	// Three ciphers a parcel: 16 parcels stay within the 50 ciphers of one
	// batchDecrypt call.
	return forEachChunk(waiting, decryptChunkParcels, func(chunk []string) error {
		var part []need
		for _, id := range chunk {
			part = append(part, byID[id])
		}
		return b.prepareChunk(ctx, part)
	})
}

const decryptChunkParcels = 16

// prepareChunk decrypts the receivers of a few parcels and queues them.
func (b *batchRun) prepareChunk(ctx context.Context, needs []need) error {
	s := b.station
	plain := map[string]doudian.DecryptInfo{}
	if !s.cfg.MaskReceiver {
		var ciphers []doudian.CipherInfo
		for _, n := range needs {
			r := n.order.Receiver
			for _, c := range []string{r.NameCipher, r.PhoneCipher, r.DetailCipher} {
				if c != "" {
					ciphers = append(ciphers, doudian.CipherInfo{AuthID: n.order.ID, CipherText: c})
				}
			}
		}
		infos, err := s.shop.BatchDecrypt(ctx, ciphers)
		s.noteShop(err)
		if err != nil {
			return fmt.Errorf("decrypt %d receivers: %w", len(needs), err)
		}
		for _, info := range infos {
			plain[info.CipherText] = info
		}
	}

	for _, n := range needs {
		recv, decryptErr := s.printedReceiver(n.order.Receiver, plain)
		_, err := s.transition(n.parcel.ID, []store.State{store.StateWaybillIssued}, EventReceiverReady, "", func(p *store.Parcel) error {
			if decryptErr != nil {
				p.State = store.StateException
				p.Reason = ReasonDecryptFailed
				p.ReasonDetail = decryptErr.Error()
				return nil
			}
			p.Receiver = &recv
			p.State = store.StateQueued
			return nil
		})
		if err != nil {
			return err
		}
		if decryptErr != nil {
			b.update(func(p *Progress) { p.SetAside++ })
		}
	}
	return nil
}

var errDecrypt = errors.New("receiver could not be decrypted")

// printedReceiver builds the receiver printed on the label from the
// decrypted texts, or from the masked ones when the station masks.
func (s *Station) printedReceiver(r store.Receiver, plain map[string]doudian.DecryptInfo) (store.PrintedReceiver, error) {
	region := r.Province + r.City + r.District + r.Street
	if s.cfg.MaskReceiver {
		return store.PrintedReceiver{Name: r.MaskName, Phone: r.MaskPhone, Address: region + r.MaskDetail, Masked: true}, nil
	}
	text := func(plainText, cipher string) (string, error) {
		if cipher == "" {
			return plainText, nil
		}
		info, ok := plain[cipher]
		if !ok || info.ErrNo != 0 {
			return "", fmt.Errorf("%w: error %d %s", errDecrypt, info.ErrNo, info.ErrMsg)
		}
		return info.DecryptText, nil
	}
	name, err := text(r.Name, r.NameCipher)
	if err != nil {
		return store.PrintedReceiver{}, err
	}
	phone, err := text(r.Phone, r.PhoneCipher)
	if err != nil {
		return store.PrintedReceiver{}, err
	}
	detail, err := text(r.Detail, r.DetailCipher)
	if err != nil {
		return store.PrintedReceiver{}, err
	}
	return store.PrintedReceiver{Name: name, Phone: phone, Address: region + detail}, nil
}
