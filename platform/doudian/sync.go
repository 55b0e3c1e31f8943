package doudian

import (
	"context"
	"fmt"
	"time"
)

// Limits of order.searchList that ForEachUpdatedOrder works within.
const (
	// MaxLookback is how far back ForEachUpdatedOrder reaches. The platform serves 90 days of
	// orders; an hour is kept as margin for clock drift between station and platform.
	MaxLookback = 90*24*time.Hour - time.Hour
	// MaxResultOffset is the largest page × size a query may reach.
	MaxResultOffset = 50_000
)

// ForEachUpdatedOrder calls fn once for every order whose update_time lies in [start, end]
// (Unix seconds), in ascending update_time, and returns the number of searchList requests made.
// A start older than MaxLookback is moved forward to it. An error from fn stops the walk and is
// returned as is.
//
// The walk pages by key, not by offset. Each request fetches the first page of orders updated
// at or after the newest update_time seen so far, and the walk skips the orders of that second
// it has already passed on. Offset pages would shift when an order in the window changes during
// the walk (its update_time moves past end and every later order moves up one place), which
// silently skips an order; a key never shifts. The same scheme keeps every query on page 0, so
// the 50,000-result cap never applies, except when more than one page of orders share a single
// second: those are read with offset pages over that one second, and more than 50,000 of them
// return ErrWindowTooDense.
//
// An order that changes during the walk and stays inside the window is passed again with its
// new update_time. Retryable failures are repeated by the client's retry policy; when that is
// exhausted the error is returned, and the caller resumes from the newest update_time it has
// seen, since orders arrive in ascending update_time.
func (c *Client) ForEachUpdatedOrder(ctx context.Context, start, end int64, fn func(ShopOrder) error) (requests int, err error) {
	start = max(start, c.now().Add(-MaxLookback).Unix())
	if end < start {
		return 0, nil
	}

	from := start
	passed := map[string]bool{} // ids passed on with update_time == from
	for {
		resp, err := c.searchUpdated(ctx, from, end, 0)
		requests++
		if err != nil {
			return requests, err
		}
		list := resp.ShopOrderList

		if len(list) == DefaultPageSize && list[len(list)-1].UpdateTime == from {
			// A full page inside one second: the key cannot move past it.
			n, err := c.walkSecond(ctx, from, passed, fn)
			requests += n
			if err != nil || from >= end {
				return requests, err
			}
			from, passed = from+1, map[string]bool{}
			continue
		}

		next := from
		nextPassed := passed
		for _, order := range list {
			if order.UpdateTime == from && passed[order.OrderID] {
				continue
			}
			if err := fn(order); err != nil {
				return requests, err
			}
			if order.UpdateTime != next {
				next, nextPassed = order.UpdateTime, map[string]bool{}
			}
			nextPassed[order.OrderID] = true
		}

		if len(list) < DefaultPageSize || resp.Total <= len(list) {
			return requests, nil
		}
		from, passed = next, nextPassed
	}
}

// walkSecond passes on the orders updated in second t that are not in passed, with offset
// pages over that second alone.
func (c *Client) walkSecond(ctx context.Context, t int64, passed map[string]bool, fn func(ShopOrder) error) (requests int, err error) {
	for page := 0; ; page++ {
		if (page+1)*DefaultPageSize > MaxResultOffset {
			return requests, fmt.Errorf("orders updated at %d: %w", t, ErrWindowTooDense)
		}
		resp, err := c.searchUpdated(ctx, t, t, page)
		requests++
		if err != nil {
			return requests, err
		}
		for _, order := range resp.ShopOrderList {
			if passed[order.OrderID] {
				continue
			}
			passed[order.OrderID] = true
			if err := fn(order); err != nil {
				return requests, err
			}
		}
		if len(resp.ShopOrderList) < DefaultPageSize || (page+1)*DefaultPageSize >= resp.Total {
			return requests, nil
		}
	}
}

// searchUpdated fetches one page of orders updated in [from, end], oldest update first.
func (c *Client) searchUpdated(ctx context.Context, from, end int64, page int) (SearchListResponse, error) {
	resp, err := c.SearchList(ctx, SearchListRequest{
		UpdateTimeStart: from,
		UpdateTimeEnd:   end,
		Page:            page,
		Size:            DefaultPageSize,
		OrderBy:         "update_time",
		OrderAsc:        true,
	})
	if err != nil {
		return resp, fmt.Errorf("orders updated %d..%d, page %d: %w", from, end, page, err)
	}
	return resp, nil
}
