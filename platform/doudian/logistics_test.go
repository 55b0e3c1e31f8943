package doudian_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

// shopWithClock starts a simulator and a client with a token, both on clk.
func shopWithClock(t *testing.T, n int, clk *clock) (*sim.Simulator, *doudian.Client) {
	t.Helper()
	s, baseURL := startSim(t, sim.Options{Orders: n, Seed: 9, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now, Retry: doudian.RetryPolicy{Attempts: 1}})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, c
}

func TestCancelOrder_ReturnsNumberToBalance(t *testing.T) {
	clk := newClock()
	s, c := shopWithClock(t, 2, clk)
	ctx := context.Background()
	orders := awaitingShipmentAt(ctx, t, c, clk)
	before := s.WaybillBalance("zhongtong")

	first := issue(ctx, t, c, orders[0])
	if got := s.WaybillBalance("zhongtong"); got != before-1 {
		t.Errorf("balance %d after one number, want %d", got, before-1)
	}
	if err := c.CancelOrder(ctx, "zhongtong", first); err != nil {
		t.Fatalf("CancelOrder: %v", err)
	}
	if got := s.WaybillBalance("zhongtong"); got != before {
		t.Errorf("balance %d after cancelling, want %d", got, before)
	}
	if again := issue(ctx, t, c, orders[0]); again == first {
		t.Error("a new request after cancelling returned the cancelled number")
	}
	if err := c.CancelOrder(ctx, "zhongtong", first); err == nil {
		t.Error("cancelling a number twice succeeded")
	}
}

func TestCancelOrder_RejectedAfterWriteBack(t *testing.T) {
	clk := newClock()
	_, c := shopWithClock(t, 1, clk)
	ctx := context.Background()
	order := awaitingShipmentAt(ctx, t, c, clk)[0]
	trackNo := issue(ctx, t, c, order)
	writeBack(ctx, t, c, order, trackNo)

	err := c.CancelOrder(ctx, "zhongtong", trackNo)
	var apiErr *doudian.APIError
	if !errors.As(err, &apiErr) || !apiErr.BadInput() {
		t.Errorf("error %v, want a bad-input *APIError", err)
	}
}

func TestCheckWaybillBalance_ShortBeforeBatch(t *testing.T) {
	clk := newClock()
	s, c := shopWithClock(t, 5, clk)
	ctx := context.Background()
	s.SetWaybillBalance("zhongtong", 3)

	balance, err := c.CheckWaybillBalance(ctx, "zhongtong", 5)
	if !errors.Is(err, doudian.ErrInsufficientBalance) || balance != 3 {
		t.Errorf("balance %d, error %v; want 3 and ErrInsufficientBalance", balance, err)
	}
	if key := doudian.UserMessageKey(err); key != doudian.MsgBalance {
		t.Errorf("message key %q, want %q", key, doudian.MsgBalance)
	}
	if _, err := c.CheckWaybillBalance(ctx, "zhongtong", 3); err != nil {
		t.Errorf("batch of 3 with a balance of 3: %v", err)
	}

	req := doudian.NewCreateOrderRequest{SenderInfo: sender, LogisticsCode: "zhongtong"}
	for _, o := range awaitingShipmentAt(ctx, t, c, clk) {
		req.OrderInfos = append(req.OrderInfos, waybillFor(o, ""))
	}
	resp, err := c.NewCreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.EbillInfos) != 3 || len(resp.ErrInfos) != 2 {
		t.Errorf("issued %d and refused %d, want 3 and 2", len(resp.EbillInfos), len(resp.ErrInfos))
	}
}

func TestTrackNoRouteDetail_StatesAdvance(t *testing.T) {
	clk := newClock()
	_, c := shopWithClock(t, 1, clk)
	ctx := context.Background()
	order := awaitingShipmentAt(ctx, t, c, clk)[0]
	trackNo := issue(ctx, t, c, order)

	if _, err := c.TrackNoRouteDetail(ctx, "zhongtong", trackNo); err == nil {
		t.Error("route of a number not written back was served")
	}
	writeBack(ctx, t, c, order, trackNo)

	steps := []struct {
		after time.Duration
		want  doudian.RouteState
		nodes int
	}{
		{0, doudian.RoutePickedUp, 1},
		{7 * time.Hour, doudian.RouteInTransit, 2},
		{18 * time.Hour, doudian.RouteOutForDelivery, 3},
		{6 * time.Hour, doudian.RouteDelivered, 4},
	}
	for _, step := range steps {
		clk.Advance(step.after)
		// The client's token must outlive the clock jumps.
		route, err := c.TrackNoRouteDetail(ctx, "zhongtong", trackNo)
		if err != nil {
			t.Fatalf("TrackNoRouteDetail: %v", err)
		}
		if route.State != step.want || len(route.Nodes) != step.nodes {
			t.Errorf("state %v with %d nodes, want %v with %d", route.State, len(route.Nodes), step.want, step.nodes)
		}
	}
}

func TestParseRouteState(t *testing.T) {
	tests := map[string]doudian.RouteState{
		"已揽收":   doudian.RoutePickedUp,
		"快件运输中": doudian.RouteInTransit,
		"在途":    doudian.RouteInTransit,
		"派送中":   doudian.RouteOutForDelivery,
		"已签收":   doudian.RouteDelivered,
		"问题件":   doudian.RouteUnknown,
	}
	for text, want := range tests {
		if got := doudian.ParseRouteState(text); got != want {
			t.Errorf("ParseRouteState(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestLogisticsCompanyList_HasCommonCouriers(t *testing.T) {
	clk := newClock()
	_, c := shopWithClock(t, 0, clk)
	companies, err := c.LogisticsCompanyList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]doudian.LogisticsCompany{}
	for _, company := range companies {
		byCode[company.Code] = company
	}
	for _, code := range []string{"zhongtong", "yuantong", "yunda", "shentong", "jtexpress", "shunfeng"} {
		if company, ok := byCode[code]; !ok || company.ID == 0 || company.Name == "" {
			t.Errorf("courier %s missing or incomplete: %+v", code, company)
		}
	}
}

func TestAddMultiPack_TwoParcelsRecordedOnce(t *testing.T) {
	clk := newClock()
	s, c := shopWithClock(t, 1, clk)
	ctx := context.Background()
	order := awaitingShipmentAt(ctx, t, c, clk)[0]

	resp, err := c.NewCreateOrder(ctx, doudian.NewCreateOrderRequest{SenderInfo: sender, LogisticsCode: "zhongtong",
		OrderInfos: []doudian.WaybillOrderInfo{waybillFor(order, ""), waybillFor(order, "p2")}})
	if err != nil || len(resp.EbillInfos) != 2 {
		t.Fatalf("NewCreateOrder: %v %+v", err, resp.ErrInfos)
	}
	req := doudian.MultiPackRequest{OrderID: order.OrderID, RequestID: "multi-" + order.OrderID}
	for _, e := range resp.EbillInfos {
		req.Packs = append(req.Packs, doudian.Pack{LogisticsCode: "zhongtong", TrackNo: e.TrackNo,
			Items: []doudian.ShippedItem{{SKUOrderID: order.SKUOrderList[0].OrderID, Num: 1}}})
	}

	s.InjectFaults(1, sim.FaultLostReply)
	if err := c.AddMultiPack(ctx, req); err == nil {
		t.Fatal("write-back with a lost reply and no retry succeeded")
	}
	if err := c.AddMultiPack(ctx, req); err != nil {
		t.Fatalf("repeated write-back: %v", err)
	}

	if got := len(s.WriteBacks()); got != 2 {
		t.Errorf("simulator recorded %d parcels, want 2", got)
	}
	if d := s.DuplicateWriteBacks(); d != 0 {
		t.Errorf("simulator counted %d duplicates, want 0", d)
	}
	detail, err := c.OrderDetail(ctx, order.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.LogisticsInfo) != 2 || detail.OrderStatus != doudian.StatusShipped {
		t.Errorf("order has %d shipments and status %d, want 2 and shipped", len(detail.LogisticsInfo), detail.OrderStatus)
	}

	// Another request id for the same parcels is a duplicate, accepted because the numbers match.
	req.RequestID = "multi-other"
	if err := c.AddMultiPack(ctx, req); err != nil {
		t.Errorf("write-back of the recorded numbers under a new request id: %v", err)
	}
}

func TestBatchDecrypt_QuotaIsTyped(t *testing.T) {
	clk := newClock()
	s, c := shopWithClock(t, 30, clk)
	ctx := context.Background()
	var in []doudian.CipherInfo
	for _, o := range awaitingShipmentAt(ctx, t, c, clk) {
		in = append(in, doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostReceiver},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostTel})
	}
	s.SetDecryptQuota(55)

	out, err := c.BatchDecrypt(ctx, in)
	if !errors.Is(err, doudian.ErrDecryptQuota) {
		t.Fatalf("error %v, want ErrDecryptQuota", err)
	}
	if len(out) != 50 {
		t.Errorf("got %d results before the quota ran out, want the first batch of 50", len(out))
	}
	if key := doudian.UserMessageKey(err); key != doudian.MsgDecryptQuota {
		t.Errorf("message key %q, want %q", key, doudian.MsgDecryptQuota)
	}
}

// awaitingShipmentAt lists the orders awaiting shipment at the clock's time.
func awaitingShipmentAt(ctx context.Context, t *testing.T, c *doudian.Client, clk *clock) []doudian.ShopOrder {
	t.Helper()
	resp, err := c.SearchList(ctx, doudian.SearchListRequest{
		UpdateTimeStart: clk.Now().Add(-72 * time.Hour).Unix(),
		OrderStatus:     "2",
	})
	if err != nil {
		t.Fatalf("SearchList: %v", err)
	}
	return resp.ShopOrderList
}

func writeBack(ctx context.Context, t *testing.T, c *doudian.Client, order doudian.ShopOrder, trackNo string) {
	t.Helper()
	err := c.AddSinglePack(ctx, doudian.SinglePackRequest{OrderIDList: []string{order.OrderID},
		LogisticsCode: "zhongtong", TrackNo: trackNo, RequestID: "wb-" + order.OrderID})
	if err != nil {
		t.Fatalf("AddSinglePack: %v", err)
	}
}
