package doudian_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

// walk runs ForEachUpdatedOrder over [start, end] and returns how often each order id came
// and the last version of each order.
func walk(t *testing.T, c *doudian.Client, start, end int64) (seen map[string]int, last map[string]doudian.ShopOrder, requests int) {
	t.Helper()
	seen, last = map[string]int{}, map[string]doudian.ShopOrder{}
	var previous int64
	requests, err := c.ForEachUpdatedOrder(context.Background(), start, end, func(o doudian.ShopOrder) error {
		if o.UpdateTime < previous {
			t.Errorf("order %s updated at %d came after one updated at %d", o.OrderID, o.UpdateTime, previous)
		}
		previous = o.UpdateTime
		seen[o.OrderID]++
		last[o.OrderID] = o
		return nil
	})
	if err != nil {
		t.Fatalf("ForEachUpdatedOrder: %v", err)
	}
	return seen, last, requests
}

// newestUpdate returns the largest update_time of orders.
func newestUpdate(orders map[string]doudian.ShopOrder) int64 {
	var newest int64
	for _, o := range orders {
		newest = max(newest, o.UpdateTime)
	}
	return newest
}

func assertEachOnce(t *testing.T, s *sim.Simulator, seen map[string]int) {
	t.Helper()
	orders := s.Orders()
	if len(seen) != len(orders) {
		t.Errorf("walk passed on %d distinct orders, the shop has %d", len(seen), len(orders))
	}
	for _, o := range orders {
		if n := seen[o.OrderID]; n != 1 {
			t.Errorf("order %s passed on %d times, want once", o.OrderID, n)
		}
	}
}

func TestForEachUpdatedOrder_EveryOrderOnce(t *testing.T) {
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 2500, Seed: 5, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}

	seen, _, requests := walk(t, c, 0, clk.Now().Unix())

	assertEachOnce(t, s, seen)
	if requests < 25 || requests > 30 {
		t.Errorf("made %d requests for 2,500 orders, want about 26 pages of 100", requests)
	}
}

func TestForEachUpdatedOrder_ThirtyPercentFailures(t *testing.T) {
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 600, Seed: 11, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now, Timeout: 50 * time.Millisecond, Retry: fastRetry})
	s.SetSlowReply(200 * time.Millisecond)
	ctx := context.Background()
	if _, err := c.CreateToken(ctx); err != nil {
		t.Fatal(err)
	}
	s.SetFailureRate(0.3)

	seen, last, _ := walk(t, c, 0, clk.Now().Unix())
	assertEachOnce(t, s, seen)

	// Waybills in batches of 50, then one write-back per order, each repeated with its own
	// request id until it succeeds, as the station does after a lost reply.
	var orders []doudian.ShopOrder
	for _, o := range last {
		orders = append(orders, o)
	}
	trackNos := issueAll(ctx, t, c, orders)
	for _, o := range orders {
		req := doudian.SinglePackRequest{
			OrderIDList:   []string{o.OrderID},
			LogisticsCode: "zhongtong",
			TrackNo:       trackNos[o.OrderID],
			RequestID:     "parcel-" + o.OrderID,
		}
		if err := repeatUntilDone(func() error { return c.AddSinglePack(ctx, req) }); err != nil {
			t.Fatalf("write-back of %s: %v", o.OrderID, err)
		}
	}

	s.SetFailureRate(0)
	perOrder := map[string]int{}
	for _, wb := range s.WriteBacks() {
		perOrder[wb.OrderIDs[0]]++
	}
	for _, o := range orders {
		if perOrder[o.OrderID] != 1 {
			t.Errorf("order %s written back %d times, want once", o.OrderID, perOrder[o.OrderID])
		}
	}
	if d := s.DuplicateWriteBacks(); d != 0 {
		t.Errorf("simulator counted %d duplicate write-backs, want 0", d)
	}
	if got := len(s.Waybills()); got != len(orders) {
		t.Errorf("simulator issued %d waybills for %d orders", got, len(orders))
	}
	for _, f := range sim.RandomFaults {
		if s.FaultCounts()[f] == 0 {
			t.Errorf("fault %d never happened; the run did not test it", f)
		}
	}
}

// issueAll gets one waybill per order in batches of MaxWaybillOrders and returns them by
// order id. A retryable error of a whole batch repeats the batch.
func issueAll(ctx context.Context, t *testing.T, c *doudian.Client, orders []doudian.ShopOrder) map[string]string {
	t.Helper()
	trackNos := map[string]string{}
	for start := 0; start < len(orders); start += doudian.MaxWaybillOrders {
		req := doudian.NewCreateOrderRequest{
			LogisticsCode: "zhongtong",
			SenderInfo:    sender,
		}
		for _, o := range orders[start:min(start+doudian.MaxWaybillOrders, len(orders))] {
			req.OrderInfos = append(req.OrderInfos, waybillFor(o, ""))
		}
		var resp doudian.NewCreateOrderResponse
		err := repeatUntilDone(func() (err error) {
			resp, err = c.NewCreateOrder(ctx, req)
			return err
		})
		if err != nil || len(resp.ErrInfos) > 0 {
			t.Fatalf("NewCreateOrder: %v %+v", err, resp.ErrInfos)
		}
		for _, e := range resp.EbillInfos {
			trackNos[e.OrderID] = e.TrackNo
		}
	}
	return trackNos
}

// repeatUntilDone repeats f while it fails with a retryable error, at most 5 times, the way a
// station's queue tries a parcel again after the client's own retries gave up.
func repeatUntilDone(f func() error) error {
	var err error
	for range 5 {
		if err = f(); err == nil || !doudian.IsRetryable(err) {
			return err
		}
	}
	return err
}

func TestForEachUpdatedOrder_TokenExpiresMidSync(t *testing.T) {
	clk := newClock()
	var tokens int
	s, baseURL := startSim(t, sim.Options{Orders: 1000, Seed: 2, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now, OnToken: func(doudian.Token) { tokens++ }})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.ExpireTokensAfter(4)

	seen, _, _ := walk(t, c, 0, clk.Now().Unix())

	assertEachOnce(t, s, seen)
	if tokens != 2 {
		t.Errorf("OnToken received %d tokens, want 2 (created, refreshed once)", tokens)
	}
}

func TestForEachUpdatedOrder_MidSyncChangesNextSync(t *testing.T) {
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 1000, Seed: 3, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.MutateAfter(2, 5, sim.MutationCancel)
	s.MutateAfter(4, 5, sim.MutationRefund)
	s.MutateAfter(6, 5, sim.MutationAddressChange)

	// The first sync ends at a time before the changes, as a sync that started earlier does.
	end := clk.Now().Unix() - 1
	seen, last, _ := walk(t, c, 0, end)
	for _, o := range s.Orders() {
		if seen[o.OrderID] == 0 && o.UpdateTime <= end {
			t.Errorf("order %s unchanged in the window was skipped", o.OrderID)
		}
	}

	clk.Advance(time.Minute)
	_, next, _ := walk(t, c, newestUpdate(last)-600, clk.Now().Unix())
	mutated := s.Mutated()
	if len(mutated) != 15 {
		t.Fatalf("simulator changed %d orders, want 15", len(mutated))
	}
	for id, kind := range mutated {
		o, ok := next[id]
		if !ok {
			t.Errorf("order %s (%s) not in the next sync", id, kind)
			continue
		}
		switch kind {
		case sim.MutationCancel:
			if o.OrderStatus != doudian.StatusCancelled {
				t.Errorf("cancelled order %s has status %d", id, o.OrderStatus)
			}
		case sim.MutationRefund:
			if o.SKUOrderList[0].AfterSaleInfo.RefundStatus == 0 {
				t.Errorf("refunding order %s has no refund status", id)
			}
		case sim.MutationAddressChange:
			if o.PostAddr.EncryptDetail == last[id].PostAddr.EncryptDetail {
				t.Errorf("order %s kept its old address ciphertext", id)
			}
		}
	}
}

func TestForEachUpdatedOrder_NothingChangedOneRequest(t *testing.T) {
	clk := newClock()
	_, baseURL := startSim(t, sim.Options{Orders: 1000, Seed: 4, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, last, _ := walk(t, c, 0, clk.Now().Unix())
	clk.Advance(5 * time.Minute)
	cursor := newestUpdate(last)

	for _, overlap := range []int64{0, 600} {
		t.Run(fmt.Sprintf("overlap %d s", overlap), func(t *testing.T) {
			seen, _, requests := walk(t, c, cursor+1-overlap, clk.Now().Unix())
			if requests != 1 {
				t.Errorf("made %d requests, want 1 (page 0 only)", requests)
			}
			if overlap == 0 && len(seen) != 0 {
				t.Errorf("passed on %d orders, want none", len(seen))
			}
		})
	}
}

func TestForEachUpdatedOrder_CrowdedSecond(t *testing.T) {
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 150, Seed: 6, Now: clk.Now})
	crowded := clk.Now().Unix() - 3600
	for i := range 250 {
		s.AddOrder(doudian.ShopOrder{
			OrderID:     fmt.Sprintf("69990000000000%05d", i),
			OrderStatus: doudian.StatusAwaitingShipment,
			CreateTime:  crowded - 60,
			UpdateTime:  crowded,
		})
	}
	c := clientFor(baseURL, doudian.Config{Now: clk.Now})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}

	seen, _, _ := walk(t, c, 0, clk.Now().Unix())

	assertEachOnce(t, s, seen)
}

func TestForEachUpdatedOrder_StopsOnCallbackError(t *testing.T) {
	_, baseURL := startSim(t, sim.Options{Orders: 300, Seed: 6})
	c := clientFor(baseURL, doudian.Config{})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop := fmt.Errorf("store full")
	calls := 0
	_, err := c.ForEachUpdatedOrder(context.Background(), 0, time.Now().Unix(), func(doudian.ShopOrder) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("error %v after %d calls, want the callback's error after 1", err, calls)
	}
}

func TestForEachUpdatedOrder_SeveralShops(t *testing.T) {
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 120, Seed: 8, Now: clk.Now})
	const second = 7700001
	s.AddShop(second, "二号店", 80)
	first := clientFor(baseURL, doudian.Config{Now: clk.Now})
	other := clientFor(baseURL, doudian.Config{Now: clk.Now, ShopID: second})
	for _, c := range []*doudian.Client{first, other} {
		if _, err := c.CreateToken(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	firstSeen, firstOrders, _ := walk(t, first, 0, clk.Now().Unix())
	otherSeen, otherOrders, _ := walk(t, other, 0, clk.Now().Unix())

	if len(firstSeen) != 120 || len(otherSeen) != 80 {
		t.Errorf("shops see %d and %d orders, want 120 and 80", len(firstSeen), len(otherSeen))
	}
	for id, o := range otherOrders {
		if o.ShopID != second {
			t.Errorf("order %s of shop %d reached the second shop", id, o.ShopID)
		}
		if _, ok := firstOrders[id]; ok {
			t.Errorf("order %s reached both shops", id)
		}
	}
	for id := range otherOrders {
		if _, err := first.OrderDetail(context.Background(), id); err == nil {
			t.Errorf("first shop read order %s of the second shop", id)
		}
		break
	}
}
