package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// syncClockSkew reaches past this computer's clock, which may run behind
// the platform's: an order updated "in the future" by our clock is still
// in the window.
const syncClockSkew = 10 * time.Minute

// syncFlushEvery is how many orders are stored per transaction.
const syncFlushEvery = 100

// SyncResult counts what one sync did.
type SyncResult struct {
	Pages    int // requests made
	Received int // orders received, an order seen twice counted twice
	Stored   int // orders new or changed in the store
}

func cursorKey(shopID int64) string { return "sync_cursor/" + strconv.FormatInt(shopID, 10) }

// Sync pulls the orders updated since the last sync (the first sync reaches
// back as far as the platform serves), stores them and moves the shop's
// cursor to the newest update_time stored. Orders arrive in ascending
// update_time, so a sync that fails midway keeps what it stored and the
// next one resumes from there; the overlap fetches the last seconds again
// in case an order of the same second was not yet seen.
func (s *Station) Sync(ctx context.Context) (SyncResult, error) {
	now := s.cfg.Now()
	var cursor int64
	if err := s.db.View(func(tx *store.Tx) error {
		cursor = tx.SettingInt64(cursorKey(s.cfg.ShopID))
		return nil
	}); err != nil {
		return SyncResult{}, err
	}
	start := int64(0) // the client moves it to the oldest day the platform serves
	if cursor > 0 {
		start = cursor - int64(s.cfg.SyncOverlap/time.Second)
	}
	end := now.Add(syncClockSkew).Unix()

	var (
		res     SyncResult
		pending []doudian.ShopOrder
		newest  int64
	)
	flush := func() error {
		stored, pageNewest, err := s.storeOrders(pending)
		if err != nil {
			return err
		}
		res.Stored += stored
		pending = pending[:0]
		if pageNewest > newest {
			newest = pageNewest
			return s.db.Update(func(tx *store.Tx) error {
				if newest > tx.SettingInt64(cursorKey(s.cfg.ShopID)) {
					return tx.PutSettingInt64(cursorKey(s.cfg.ShopID), newest)
				}
				return nil
			})
		}
		return nil
	}

	requests, walkErr := s.shop.ForEachUpdatedOrder(ctx, start, end, func(o doudian.ShopOrder) error {
		res.Received++
		pending = append(pending, o)
		if len(pending) >= syncFlushEvery {
			return flush()
		}
		return nil
	})
	res.Pages = requests
	s.noteShop(walkErr)
	if err := flush(); err != nil {
		return res, err
	}
	if walkErr != nil {
		return res, fmt.Errorf("sync orders from %d: %w", start, walkErr)
	}
	s.log.Info().Int("requests", res.Pages).Int("received", res.Received).Int("stored", res.Stored).Msg("orders synced")
	return res, nil
}

// storeOrders writes one page of orders in one transaction, skipping those
// the store already has in the same or a newer version.
func (s *Station) storeOrders(orders []doudian.ShopOrder) (stored int, newest int64, err error) {
	err = s.db.Update(func(tx *store.Tx) error {
		for _, po := range orders {
			newest = max(newest, po.UpdateTime)
			o := orderFromPlatform(po)
			if old, err := tx.Order(o.ID); err == nil && !o.UpdateTime.After(old.UpdateTime) && old.Status == o.Status {
				continue
			}
			if err := tx.PutOrder(o); err != nil {
				return err
			}
			stored++
		}
		return nil
	})
	return stored, newest, err
}
