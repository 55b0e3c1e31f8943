package doudian_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
	"github.com/rs/zerolog"
)

// newShop starts a simulator with n orders on a loopback port and a client for it. Unless cfg
// sets a retry policy, the client tries each request once, so that tests can count requests.
func newShop(t *testing.T, n int, cfg doudian.Config) (*sim.Simulator, *doudian.Client) {
	t.Helper()
	s := sim.New(sim.Options{Orders: n, Seed: 7})
	baseURL, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })

	cfg.BaseURL = baseURL
	if cfg.AppKey == "" {
		cfg.AppKey = sim.DefaultAppKey
	}
	if cfg.AppSecret == "" {
		cfg.AppSecret = sim.DefaultAppSecret
	}
	if cfg.ShopID == 0 {
		cfg.ShopID = sim.DefaultShopID
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	if cfg.Retry == (doudian.RetryPolicy{}) {
		cfg.Retry = doudian.RetryPolicy{Attempts: 1}
	}
	c := doudian.New(cfg)
	return s, c
}

func newShopWithToken(t *testing.T, n int) (*sim.Simulator, *doudian.Client) {
	t.Helper()
	s, c := newShop(t, n, doudian.Config{})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	return s, c
}

func awaitingShipment(ctx context.Context, t *testing.T, c *doudian.Client) []doudian.ShopOrder {
	t.Helper()
	resp, err := c.SearchList(ctx, doudian.SearchListRequest{
		UpdateTimeStart: time.Now().Add(-72 * time.Hour).Unix(),
		OrderStatus:     "2",
	})
	if err != nil {
		t.Fatalf("SearchList: %v", err)
	}
	return resp.ShopOrderList
}

func apiErrorOf(t *testing.T, err error) *doudian.APIError {
	t.Helper()
	var apiErr *doudian.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an *APIError", err)
	}
	return apiErr
}

func TestCreateToken_SetsAndReportsToken(t *testing.T) {
	var reported []doudian.Token
	_, c := newShop(t, 0, doudian.Config{OnToken: func(tok doudian.Token) { reported = append(reported, tok) }})

	tok, err := c.CreateToken(context.Background())
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("token has empty fields: %+v", tok)
	}
	if c.Token() != tok {
		t.Error("client token differs from the returned one")
	}
	if len(reported) != 1 || reported[0] != tok {
		t.Errorf("OnToken received %d tokens, want the created one", len(reported))
	}
	if life := time.Until(tok.ExpiresAt); life < 6*24*time.Hour || life > 7*24*time.Hour {
		t.Errorf("access token lives %v, want about 7 days", life)
	}
}

func TestCall_RefreshesExpiredTokenOnce(t *testing.T) {
	var reported int
	s, c := newShop(t, 3, doudian.Config{OnToken: func(doudian.Token) { reported++ }})
	ctx := context.Background()
	first, err := c.CreateToken(ctx)
	if err != nil {
		t.Fatal(err)
	}

	s.ExpireTokens()
	before := s.Requests()
	orders := awaitingShipment(ctx, t, c)

	if len(orders) != 3 {
		t.Errorf("got %d orders, want 3", len(orders))
	}
	if got := s.Requests() - before; got != 3 {
		t.Errorf("served %d requests, want 3 (expired call, refresh, repeat)", got)
	}
	if c.Token().AccessToken == first.AccessToken {
		t.Error("access token was not replaced")
	}
	if reported != 2 {
		t.Errorf("OnToken called %d times, want 2", reported)
	}
}

func TestCall_FailedRefreshCreatesNewToken(t *testing.T) {
	s, c := newShopWithToken(t, 1)
	tok := c.Token()
	tok.RefreshToken = "not-a-refresh-token"
	c.SetToken(tok)
	s.ExpireTokens()

	resp, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
	if err != nil {
		t.Fatalf("SearchList after a failed refresh: %v, want a new token and the orders", err)
	}
	if len(resp.ShopOrderList) != 1 {
		t.Errorf("orders = %d, want 1", len(resp.ShopOrderList))
	}
	if c.Token().AccessToken == tok.AccessToken {
		t.Error("access token was not replaced")
	}
}

func TestCall_UnknownTokenCreatesNewToken(t *testing.T) {
	_, c := newShopWithToken(t, 1)
	c.SetToken(doudian.Token{AccessToken: "revoked-token", RefreshToken: "revoked-refresh"})

	if _, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1}); err != nil {
		t.Fatalf("SearchList with a token the platform does not know: %v, want a new token", err)
	}
}

func TestSearchList_Pagination(t *testing.T) {
	_, c := newShopWithToken(t, 250)
	ctx := context.Background()
	seen := map[string]bool{}
	var lastCreate int64 = 1 << 62

	for page := 0; page < 3; page++ {
		resp, err := c.SearchList(ctx, doudian.SearchListRequest{
			UpdateTimeStart: time.Now().Add(-72 * time.Hour).Unix(), Page: page, Size: 100,
		})
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if resp.Total != 250 {
			t.Errorf("page %d: total = %d, want 250", page, resp.Total)
		}
		wantLen := []int{100, 100, 50}[page]
		if len(resp.ShopOrderList) != wantLen {
			t.Errorf("page %d: %d orders, want %d", page, len(resp.ShopOrderList), wantLen)
		}
		for _, o := range resp.ShopOrderList {
			if seen[o.OrderID] {
				t.Errorf("order %s on two pages", o.OrderID)
			}
			seen[o.OrderID] = true
			if o.CreateTime > lastCreate {
				t.Errorf("order %s breaks the descending create_time order", o.OrderID)
			}
			lastCreate = o.CreateTime
		}
	}
	if len(seen) != 250 {
		t.Errorf("saw %d distinct orders, want 250", len(seen))
	}
}

func TestSearchList_BadInput(t *testing.T) {
	_, c := newShopWithToken(t, 1)
	tests := []struct {
		name string
		req  doudian.SearchListRequest
		code int
	}{
		{"no start time", doudian.SearchListRequest{}, doudian.CodeMissingBizArg},
		{"size over 100", doudian.SearchListRequest{UpdateTimeStart: 1, Size: 101}, doudian.CodeInvalidBizArg},
		{"page past 50000", doudian.SearchListRequest{UpdateTimeStart: 1, Page: 501, Size: 100}, doudian.CodeInvalidBizArg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.SearchList(context.Background(), tt.req)
			apiErr := apiErrorOf(t, err)
			if apiErr.Code != tt.code {
				t.Errorf("code = %d, want %d", apiErr.Code, tt.code)
			}
			if !apiErr.BadInput() || doudian.IsRetryable(err) {
				t.Errorf("BadInput = %v, IsRetryable = %v; want true, false", apiErr.BadInput(), doudian.IsRetryable(err))
			}
		})
	}
}

func waybillFor(o doudian.ShopOrder, packID string) doudian.WaybillOrderInfo {
	return doudian.WaybillOrderInfo{
		OrderID: o.OrderID,
		PackID:  packID,
		ReceiverInfo: doudian.WaybillParty{
			Address: doudian.WaybillAddress{
				ProvinceName:  o.PostAddr.Province.Name,
				CityName:      o.PostAddr.City.Name,
				DistrictName:  o.PostAddr.Town.Name,
				StreetName:    o.PostAddr.Street.Name,
				DetailAddress: o.PostAddr.EncryptDetail,
			},
			Contact: doudian.WaybillContact{Name: o.EncryptPostReceiver, Mobile: o.EncryptPostTel},
		},
		Items: []doudian.WaybillItem{{ItemName: o.SKUOrderList[0].ProductName, ItemCount: o.SKUOrderList[0].ItemNum}},
	}
}

var sender = doudian.WaybillParty{
	Address: doudian.WaybillAddress{ProvinceName: "浙江省", CityName: "杭州市", DistrictName: "余杭区", DetailAddress: "五常大道 1 号 仓库 3 号门"},
	Contact: doudian.WaybillContact{Name: "青禾仓库", Mobile: "13800000000"},
}

func TestNewCreateOrder_SameOrderSameNumber(t *testing.T) {
	s, c := newShopWithToken(t, 2)
	ctx := context.Background()
	order := awaitingShipment(ctx, t, c)[0]
	req := doudian.NewCreateOrderRequest{SenderInfo: sender, LogisticsCode: "zhongtong",
		OrderInfos: []doudian.WaybillOrderInfo{waybillFor(order, "")}}

	first, err := c.NewCreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.NewCreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.EbillInfos) != 1 || len(again.EbillInfos) != 1 {
		t.Fatalf("ebill infos %d and %d, want 1 each (errors %+v)", len(first.EbillInfos), len(again.EbillInfos), first.ErrInfos)
	}
	info := first.EbillInfos[0]
	if again.EbillInfos[0].TrackNo != info.TrackNo {
		t.Errorf("second request got %s, want the issued %s", again.EbillInfos[0].TrackNo, info.TrackNo)
	}
	if !regexp.MustCompile(`^7\d{14}$`).MatchString(info.TrackNo) {
		t.Errorf("zhongtong number %q is not 7 + 14 digits", info.TrackNo)
	}
	if !regexp.MustCompile(`^\d{3}-[A-Z]\d{2} \d{3}$`).MatchString(info.SortCode) {
		t.Errorf("sort code %q is not in the 400-W00 000 shape", info.SortCode)
	}
	if !strings.HasSuffix(info.PackageCenterName, "转运中心") || info.ShortAddressName == "" {
		t.Errorf("routing fields missing: %+v", info)
	}

	req.OrderInfos[0].PackID = "2"
	second, err := c.NewCreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if second.EbillInfos[0].TrackNo == info.TrackNo {
		t.Error("a second pack_id got the first parcel's number")
	}
	if got := len(s.Waybills()); got != 2 {
		t.Errorf("simulator issued %d waybills, want 2", got)
	}
}

func TestNewCreateOrder_PerOrderErrors(t *testing.T) {
	s, c := newShopWithToken(t, 1)
	ctx := context.Background()
	good := awaitingShipment(ctx, t, c)[0]

	noAddress := good
	noAddress.OrderID = "6934999999999999991"
	noAddress.PostAddr.EncryptDetail = ""
	s.AddOrder(noAddress)
	unknown := good
	unknown.OrderID = "6934999999999999999"

	resp, err := c.NewCreateOrder(ctx, doudian.NewCreateOrderRequest{
		SenderInfo: sender, LogisticsCode: "yuantong",
		OrderInfos: []doudian.WaybillOrderInfo{waybillFor(good, ""), waybillFor(noAddress, ""), waybillFor(unknown, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.EbillInfos) != 1 || !regexp.MustCompile(`^YT\d{13}$`).MatchString(resp.EbillInfos[0].TrackNo) {
		t.Errorf("ebill infos %+v, want one YT number", resp.EbillInfos)
	}
	failed := map[string]bool{}
	for _, e := range resp.ErrInfos {
		if e.ErrCode == 0 || e.ErrMsg == "" {
			t.Errorf("err info without code or message: %+v", e)
		}
		failed[e.OrderID] = true
	}
	if !failed[noAddress.OrderID] || !failed[unknown.OrderID] || len(failed) != 2 {
		t.Errorf("failed orders %v, want the one without address and the unknown one", failed)
	}
}

func TestNewCreateOrder_TooManyRejectedLocally(t *testing.T) {
	s, c := newShopWithToken(t, 0)
	before := s.Requests()
	_, err := c.NewCreateOrder(context.Background(), doudian.NewCreateOrderRequest{
		LogisticsCode: "zhongtong", OrderInfos: make([]doudian.WaybillOrderInfo, 51),
	})
	if !errors.Is(err, doudian.ErrTooManyItems) {
		t.Errorf("error %v, want ErrTooManyItems", err)
	}
	if s.Requests() != before {
		t.Error("a request was sent")
	}
}

// issue returns an order awaiting shipment with a zhongtong number.
func issue(ctx context.Context, t *testing.T, c *doudian.Client, order doudian.ShopOrder) string {
	t.Helper()
	resp, err := c.NewCreateOrder(ctx, doudian.NewCreateOrderRequest{SenderInfo: sender, LogisticsCode: "zhongtong",
		OrderInfos: []doudian.WaybillOrderInfo{waybillFor(order, "")}})
	if err != nil || len(resp.EbillInfos) != 1 {
		t.Fatalf("NewCreateOrder: %v %+v", err, resp.ErrInfos)
	}
	return resp.EbillInfos[0].TrackNo
}

func TestAddSinglePack_RepeatedRequestIDRecordedOnce(t *testing.T) {
	s, c := newShopWithToken(t, 1)
	ctx := context.Background()
	order := awaitingShipment(ctx, t, c)[0]
	req := doudian.SinglePackRequest{OrderIDList: []string{order.OrderID}, LogisticsCode: "zhongtong",
		TrackNo: issue(ctx, t, c, order), RequestID: "wb-1"}

	for attempt := 1; attempt <= 2; attempt++ {
		if err := c.AddSinglePack(ctx, req); err != nil {
			t.Fatalf("attempt %d: %v", attempt, err)
		}
	}
	if got := len(s.WriteBacks()); got != 1 {
		t.Errorf("recorded %d write-backs, want 1", got)
	}
	if s.DuplicateWriteBacks() != 0 {
		t.Errorf("duplicates = %d, want 0", s.DuplicateWriteBacks())
	}
	shipped := s.Orders()[0]
	if shipped.OrderStatus != doudian.StatusShipped || len(shipped.LogisticsInfo) != 1 || shipped.LogisticsInfo[0].TrackingNo != req.TrackNo {
		t.Errorf("order after write-back: status %d, logistics %+v", shipped.OrderStatus, shipped.LogisticsInfo)
	}
}

func TestAddSinglePack_AlreadyShipped(t *testing.T) {
	s, c := newShopWithToken(t, 1)
	ctx := context.Background()
	order := awaitingShipment(ctx, t, c)[0]
	trackNo := issue(ctx, t, c, order)
	req := doudian.SinglePackRequest{OrderIDList: []string{order.OrderID}, LogisticsCode: "zhongtong", TrackNo: trackNo, RequestID: "wb-1"}
	if err := c.AddSinglePack(ctx, req); err != nil {
		t.Fatal(err)
	}

	req.RequestID = "wb-2"
	if err := c.AddSinglePack(ctx, req); err != nil {
		t.Errorf("same number under a new request id: %v, want nil", err)
	}

	req.RequestID, req.TrackNo = "wb-3", "712345678901234"
	err := c.AddSinglePack(ctx, req)
	apiErr := apiErrorOf(t, err)
	if apiErr.BizCode != doudian.BizAlreadyShipped || !apiErr.BadInput() {
		t.Errorf("different number: %v, want business code 60110 classed as bad input", err)
	}
	if got := len(s.WriteBacks()); got != 1 {
		t.Errorf("recorded %d write-backs, want 1", got)
	}
	if got := s.DuplicateWriteBacks(); got != 2 {
		t.Errorf("duplicates = %d, want 2", got)
	}
}

func TestAddSinglePack_Intercepts(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*doudian.ShopOrder)
		wantBiz int
	}{
		{"cancelled", func(o *doudian.ShopOrder) { o.OrderStatus = doudian.StatusCancelled }, doudian.BizOrderCancelled},
		{"refund pending", func(o *doudian.ShopOrder) { o.SKUOrderList[0].AfterSaleInfo.RefundStatus = 1 }, doudian.BizRefundPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newShopWithToken(t, 1)
			ctx := context.Background()
			order := awaitingShipment(ctx, t, c)[0]
			trackNo := issue(ctx, t, c, order)
			if err := s.UpdateOrder(order.OrderID, tt.change); err != nil {
				t.Fatal(err)
			}

			err := c.AddSinglePack(ctx, doudian.SinglePackRequest{OrderIDList: []string{order.OrderID},
				LogisticsCode: "zhongtong", TrackNo: trackNo, RequestID: "wb-1"})
			apiErr := apiErrorOf(t, err)
			if !apiErr.IsIntercept() || apiErr.BizCode != tt.wantBiz {
				t.Errorf("error %v: intercept %v biz %d, want true %d", err, apiErr.IsIntercept(), apiErr.BizCode, tt.wantBiz)
			}
			if len(s.WriteBacks()) != 0 {
				t.Error("the write-back was recorded")
			}
		})
	}
}

func TestBatchDecrypt_SplitsIntoBatchesOf50(t *testing.T) {
	s, c := newShopWithToken(t, 40)
	ctx := context.Background()
	orders := awaitingShipment(ctx, t, c)

	var in []doudian.CipherInfo
	for _, o := range orders {
		in = append(in,
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostReceiver},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostTel},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.PostAddr.EncryptDetail})
	}
	before := s.Requests()
	out, err := c.BatchDecrypt(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Requests() - before; got != 3 {
		t.Errorf("sent %d requests for 120 ciphertexts, want 3", got)
	}
	if len(out) != len(in) {
		t.Fatalf("got %d results, want %d", len(out), len(in))
	}
	for i := 0; i < len(out); i += 3 {
		name, phone, detail, ok := s.Receiver(out[i].AuthID)
		if !ok {
			t.Fatalf("no receiver for %s", out[i].AuthID)
		}
		if out[i].DecryptText != name || out[i+1].DecryptText != phone || out[i+2].DecryptText != detail {
			t.Errorf("order %s decrypted to different plaintext", out[i].AuthID)
		}
		if out[i].DataType != doudian.DataTypeName || out[i+1].DataType != doudian.DataTypePhone || out[i+2].DataType != doudian.DataTypeAddress {
			t.Errorf("order %s: data types %d %d %d", out[i].AuthID, out[i].DataType, out[i+1].DataType, out[i+2].DataType)
		}
	}
}

func TestCall_ErrorClassification(t *testing.T) {
	tests := []struct {
		code             int
		retryable, fatal bool
	}{
		{doudian.CodeServiceUnavailable, true, false},
		{doudian.CodeRateLimited, true, false},
		{doudian.CodeNoPermission, false, true},
		{doudian.CodeIPNotWhitelisted, false, true},
		{doudian.CodeAPIOffline, false, true},
	}
	s, c := newShopWithToken(t, 1)
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			s.FailNext(1, tt.code)
			_, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
			apiErr := apiErrorOf(t, err)
			if apiErr.Code != tt.code || doudian.IsRetryable(err) != tt.retryable || apiErr.Fatal() != tt.fatal {
				t.Errorf("error %v: retryable %v fatal %v, want %v %v", err, doudian.IsRetryable(err), apiErr.Fatal(), tt.retryable, tt.fatal)
			}
		})
	}
	if _, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1}); err != nil {
		t.Errorf("call after the failures: %v", err)
	}
}

func TestCall_TransportFailuresAreUnavailable(t *testing.T) {
	t.Run("HTTP 503", func(t *testing.T) {
		s, c := newShopWithToken(t, 0)
		s.SetUnavailable(true)
		_, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
		if !errors.Is(err, doudian.ErrUnavailable) || !doudian.IsRetryable(err) {
			t.Errorf("error %v, want ErrUnavailable", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		s, c := newShop(t, 0, doudian.Config{Timeout: 100 * time.Millisecond})
		s.SetLatency(time.Second)
		_, err := c.CreateToken(context.Background())
		if !errors.Is(err, doudian.ErrUnavailable) {
			t.Errorf("error %v, want ErrUnavailable", err)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		s, c := newShopWithToken(t, 0)
		s.Close()
		_, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
		if !errors.Is(err, doudian.ErrUnavailable) {
			t.Errorf("error %v, want ErrUnavailable", err)
		}
		if strings.Contains(err.Error(), c.Token().AccessToken) {
			t.Error("error message contains the access token")
		}
	})
	t.Run("body not an envelope", func(t *testing.T) {
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<html>portal</html>"))
		}))
		defer server.Close()
		c := doudian.New(doudian.Config{BaseURL: server.URL, AppKey: "k", AppSecret: "s"})
		if err := c.Call(context.Background(), "order.searchList", nil, nil); !errors.Is(err, doudian.ErrUnavailable) {
			t.Errorf("error %v, want ErrUnavailable", err)
		}
	})
}

func TestCall_LegacyEnvelope(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"err_no":0,"message":"success","data":{"room_id":7443512098812345678}}`))
	}))
	defer server.Close()
	c := doudian.New(doudian.Config{BaseURL: server.URL, AppKey: "k", AppSecret: "s"})

	var out struct {
		RoomID int64 `json:"room_id"`
	}
	if err := c.Call(context.Background(), "order.orderDetail", nil, &out); err != nil {
		t.Fatal(err)
	}
	if out.RoomID != 7443512098812345678 {
		t.Errorf("room_id = %d", out.RoomID)
	}
}

func TestCall_PlatformParameterChecks(t *testing.T) {
	tests := []struct {
		name    string
		cfg     doudian.Config
		subCode string
	}{
		{"wrong secret", doudian.Config{AppSecret: "wrong"}, "isv.signature-invalid"},
		{"clock 11 minutes behind", doudian.Config{Now: func() time.Time { return time.Now().Add(-11 * time.Minute) }}, "isv.timestamp-invalid"},
		{"unknown app key", doudian.Config{AppKey: "other"}, "isv.app-key-invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newShop(t, 0, tt.cfg)
			_, err := c.CreateToken(context.Background())
			apiErr := apiErrorOf(t, err)
			if apiErr.Code != doudian.CodeInvalidPlatformArg || apiErr.SubCode != tt.subCode {
				t.Errorf("error %v, want 40003 %s", err, tt.subCode)
			}
		})
	}
}

func TestCall_MD5SignatureAccepted(t *testing.T) {
	_, c := newShop(t, 0, doudian.Config{SignMethod: doudian.SignMethodMD5})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Errorf("CreateToken with md5: %v", err)
	}
}

func TestCall_MissingTokenIsFatal(t *testing.T) {
	_, c := newShop(t, 0, doudian.Config{})
	_, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
	apiErr := apiErrorOf(t, err)
	if apiErr.SubCode != "isv.access-token-missing" || !apiErr.Fatal() {
		t.Errorf("error %v, want a fatal isv.access-token-missing", err)
	}
}

// TestLogging_NoSecretsOrPlaintext runs a whole shipping flow with debug logs on both sides and
// checks that no secret, token or decrypted personal data reaches the log.
func TestLogging_NoSecretsOrPlaintext(t *testing.T) {
	var logs bytes.Buffer
	logger := zerolog.New(&logs).Level(zerolog.TraceLevel)
	s := sim.New(sim.Options{Orders: 5, Seed: 3, Logger: logger})
	baseURL, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := doudian.New(doudian.Config{BaseURL: baseURL, AppKey: sim.DefaultAppKey, AppSecret: sim.DefaultAppSecret,
		ShopID: sim.DefaultShopID, Logger: logger})
	ctx := context.Background()

	first, err := c.CreateToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.ExpireTokens()
	orders := awaitingShipment(ctx, t, c)
	var in []doudian.CipherInfo
	for _, o := range orders {
		in = append(in, doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostReceiver},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostTel},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.PostAddr.EncryptDetail})
	}
	if _, err := c.BatchDecrypt(ctx, in); err != nil {
		t.Fatal(err)
	}
	trackNo := issue(ctx, t, c, orders[0])
	if err := c.AddSinglePack(ctx, doudian.SinglePackRequest{OrderIDList: []string{orders[0].OrderID},
		LogisticsCode: "zhongtong", TrackNo: trackNo, RequestID: "r1"}); err != nil {
		t.Fatal(err)
	}
	s.SetUnavailable(true)
	c.SearchList(ctx, doudian.SearchListRequest{UpdateTimeStart: 1})

	text := logs.String()
	if !strings.Contains(text, "order.searchList") {
		t.Fatalf("log has no call events:\n%s", text)
	}
	secrets := map[string]string{
		"app secret":            sim.DefaultAppSecret,
		"first access token":    first.AccessToken,
		"first refresh token":   first.RefreshToken,
		"current access token":  c.Token().AccessToken,
		"current refresh token": c.Token().RefreshToken,
	}
	for _, o := range orders {
		name, phone, detail, _ := s.Receiver(o.OrderID)
		secrets["name of "+o.OrderID] = name
		secrets["phone of "+o.OrderID] = phone
		secrets["detail of "+o.OrderID] = detail
	}
	for what, value := range secrets {
		if value == "" {
			t.Errorf("%s is empty; the check would prove nothing", what)
			continue
		}
		if strings.Contains(text, value) {
			t.Errorf("log contains the %s", what)
		}
	}
}
