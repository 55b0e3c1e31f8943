package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// The platform serves orders of the last 90 days only, and a query may not
// page past 50,000 results (page × size).
const (
	syncPageSize    = 100
	syncResultCap   = 50_000
	syncMaxLookback = 90*24*time.Hour - time.Hour
	// syncClockSkew reaches past this computer's clock, which may run
	// behind the platform's: an order updated "in the future" by our clock
	// is still in the window.
	syncClockSkew = 10 * time.Minute
)

// SyncResult counts what one sync did.
type SyncResult struct {
	Pages    int // requests made
	Received int // orders received, an order seen twice counted twice
	Stored   int // orders new or changed in the store
}

func cursorKey(shopID int64) string { return "sync_cursor/" + strconv.FormatInt(shopID, 10) }

// Sync pulls the orders updated since the last sync (the first sync reaches
// back as far as the platform serves), stores them and moves the shop's
// cursor to the newest update_time seen. A sync that fails keeps the old
// cursor, so the next one fetches the same window again.
func (s *Station) Sync(ctx context.Context) (SyncResult, error) {
	now := s.cfg.Now()
	var cursor int64
	if err := s.db.View(func(tx *store.Tx) error {
		cursor = tx.SettingInt64(cursorKey(s.cfg.ShopID))
		return nil
	}); err != nil {
		return SyncResult{}, err
	}

	start := now.Add(-syncMaxLookback).Unix()
	if cursor > 0 {
		start = max(start, cursor-int64(s.cfg.SyncOverlap/time.Second))
	}
	end := now.Add(syncClockSkew).Unix()

	var res SyncResult
	newest, err := s.syncWindow(ctx, start, end, &res)
	if err != nil {
		return res, fmt.Errorf("sync orders %d..%d: %w", start, end, err)
	}
	if newest > cursor {
		err := s.db.Update(func(tx *store.Tx) error {
			return tx.PutSettingInt64(cursorKey(s.cfg.ShopID), newest)
		})
		if err != nil {
			return res, err
		}
	}
	s.log.Info().Int("pages", res.Pages).Int("received", res.Received).Int("stored", res.Stored).Msg("orders synced")
	return res, nil
}

// syncWindow fetches every order updated in [start, end], splitting the
// window in halves while it holds more orders than one query may page
// through. It returns the newest update_time seen.
func (s *Station) syncWindow(ctx context.Context, start, end int64, res *SyncResult) (int64, error) {
	var newest int64
	for page := 0; ; page++ {
		resp, err := s.shop.SearchList(ctx, doudian.SearchListRequest{
			UpdateTimeStart: start,
			UpdateTimeEnd:   end,
			Page:            page,
			Size:            syncPageSize,
			OrderBy:         "update_time",
			OrderAsc:        true,
		})
		res.Pages++
		s.noteShop(err)
		if err != nil {
			return newest, err
		}
		if page == 0 && resp.Total > syncResultCap && end > start {
			mid := start + (end-start)/2
			left, err := s.syncWindow(ctx, start, mid, res)
			if err != nil {
				return newest, err
			}
			right, err := s.syncWindow(ctx, mid+1, end, res)
			return max(left, right), err
		}

		stored, pageNewest, err := s.storeOrders(resp.ShopOrderList)
		if err != nil {
			return newest, err
		}
		res.Received += len(resp.ShopOrderList)
		res.Stored += stored
		newest = max(newest, pageNewest)

		if len(resp.ShopOrderList) < syncPageSize || (page+1)*syncPageSize >= resp.Total {
			return newest, nil
		}
	}
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
