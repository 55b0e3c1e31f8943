package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/printstation/printstation/platform/doudian"
)

var fixedNow = time.Date(2026, 12, 3, 10, 15, 0, 0, chinaTime)

func newTestSim(orders int, seed int64) *Simulator {
	return New(Options{Orders: orders, Seed: seed, Now: func() time.Time { return fixedNow }})
}

// reply is a decoded envelope.
type reply struct {
	Code    int             `json:"code"`
	SubCode string          `json:"sub_code"`
	Data    json.RawMessage `json:"data"`
}

// post sends a signed request with body as param_json. Entries of query replace platform
// parameters after signing, and the key "path" replaces the URL path.
func post(t *testing.T, server *httptest.Server, method, body, token string, query map[string]string) reply {
	t.Helper()
	timestamp := strconv.FormatInt(fixedNow.Unix(), 10)
	values := url.Values{
		"app_key": {DefaultAppKey}, "method": {method}, "v": {"2"}, "timestamp": {timestamp},
		"sign_method": {doudian.SignMethodHMACSHA256}, "access_token": {token},
		"sign": {doudian.Sign(method, DefaultAppKey, DefaultAppSecret, body, timestamp, doudian.SignMethodHMACSHA256)},
	}
	path := doudian.MethodPath(method)
	for k, v := range query {
		if k == "path" {
			path = v
			continue
		}
		values.Set(k, v)
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, server.URL+path+"?"+values.Encode(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r reply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func startWithToken(t *testing.T, s *Simulator) (*httptest.Server, string) {
	t.Helper()
	server := httptest.NewServer(s.Handler())
	t.Cleanup(server.Close)
	r := post(t, server, "token.create", `{"grant_type":"authorization_self","shop_id":"4463798"}`, "", nil)
	var tok tokenReply
	if r.Code != doudian.CodeSuccess || json.Unmarshal(r.Data, &tok) != nil {
		t.Fatalf("token.create: code %d %s", r.Code, r.SubCode)
	}
	return server, tok.AccessToken
}

func TestNew_DeterministicPerSeed(t *testing.T) {
	a, b, c := newTestSim(20, 42).Orders(), newTestSim(20, 42).Orders(), newTestSim(20, 43).Orders()
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different orders")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same orders")
	}
}

func TestSeed_OrdersLookLikeThePlatform(t *testing.T) {
	s := newTestSim(300, 1)
	nameCipher := regexp.MustCompile(`^#[A-Za-z0-9]{4}#[A-Za-z0-9+/]+=*#2##$`)
	addressCipher := regexp.MustCompile(`^#[A-Za-z0-9]{4}#[A-Za-z0-9+/]+=*#1##$`)
	phoneCipher := regexp.MustCompile(`^\$1\d{4}\$[A-Za-z0-9+/]+=*\$1\$\$$`)
	maskedPhone := regexp.MustCompile(`^1\d{2}\*{4}\d{4}$`)
	var live, long, rare, bigRoom int

	for _, o := range s.Orders() {
		name, phone, detail, ok := s.Receiver(o.OrderID)
		if !ok {
			t.Fatalf("order %s has no plaintext receiver", o.OrderID)
		}
		if o.PostReceiver != "" || o.PostTel != "" || o.PostAddr.Detail != "" {
			t.Errorf("order %s carries plaintext receiver fields", o.OrderID)
		}
		if !nameCipher.MatchString(o.EncryptPostReceiver) || !addressCipher.MatchString(o.PostAddr.EncryptDetail) || !phoneCipher.MatchString(o.EncryptPostTel) {
			t.Errorf("order %s: ciphertexts %q %q %q", o.OrderID, o.EncryptPostReceiver, o.PostAddr.EncryptDetail, o.EncryptPostTel)
		}
		if !strings.HasPrefix(o.EncryptPostTel, "$"+phone[:5]+"$") {
			t.Errorf("order %s: phone cipher prefix does not match the phone", o.OrderID)
		}
		first, _ := utf8.DecodeRuneInString(name)
		if o.MaskPostReceiver != string(first)+strings.Repeat("*", utf8.RuneCountInString(name)-1) {
			t.Errorf("order %s: mask %q does not fit the name", o.OrderID, o.MaskPostReceiver)
		}
		if !maskedPhone.MatchString(o.MaskPostTel) || o.MaskPostAddr.Detail != "****" {
			t.Errorf("order %s: masks %q %q", o.OrderID, o.MaskPostTel, o.MaskPostAddr.Detail)
		}
		if !strings.HasPrefix(o.PostAddr.City.ID, o.PostAddr.Province.ID) || !strings.HasPrefix(o.PostAddr.Town.ID, o.PostAddr.City.ID[:4]) {
			t.Errorf("order %s: region ids %s/%s/%s do not nest", o.OrderID, o.PostAddr.Province.ID, o.PostAddr.City.ID, o.PostAddr.Town.ID)
		}
		if o.ExpShipTime != o.PayTime+48*3600 || o.UpdateTime < o.PayTime || o.CreateTime >= o.PayTime {
			t.Errorf("order %s: times create %d pay %d update %d ship-by %d", o.OrderID, o.CreateTime, o.PayTime, o.UpdateTime, o.ExpShipTime)
		}
		if age := fixedNow.Unix() - o.PayTime; age < 0 || age > 48*3600 {
			t.Errorf("order %s paid %d s before now, want within 2 days", o.OrderID, age)
		}
		if n := len(o.SKUOrderList); n < 1 || n > 5 {
			t.Errorf("order %s has %d SKUs", o.OrderID, n)
		}
		var pay int64
		for _, sku := range o.SKUOrderList {
			pay += sku.PayAmount
			if sku.ParentOrderID != o.OrderID {
				t.Errorf("sku %s has parent %s, want %s", sku.OrderID, sku.ParentOrderID, o.OrderID)
			}
			if sku.ThemeType == doudian.ThemeTypeLiveRoom && sku.RoomID > 1<<53 && sku.RoomIDStr == strconv.FormatInt(sku.RoomID, 10) {
				bigRoom++
			}
		}
		if pay != o.PayAmount {
			t.Errorf("order %s: pay_amount %d, SKUs sum to %d", o.OrderID, o.PayAmount, pay)
		}
		if o.SKUOrderList[0].ThemeType == doudian.ThemeTypeLiveRoom {
			live++
		}
		if utf8.RuneCountInString(detail) >= 60 {
			long++
		}
		if strings.ContainsAny(name, "堃玥喆淏旻") {
			rare++
		}
	}
	if live == 0 || bigRoom == 0 || long == 0 || rare == 0 {
		t.Errorf("300 orders gave %d live-room orders, %d big room ids, %d long addresses, %d rare names; want some of each", live, bigRoom, long, rare)
	}
}

func TestShortAddressName(t *testing.T) {
	tests := []struct{ province, city, district, want string }{
		{"浙江省", "杭州市", "西湖区", "浙江杭州西湖"},
		{"上海市", "上海市", "浦东新区", "上海浦东"},
		{"广西壮族自治区", "南宁市", "青秀区", "广西南宁青秀"},
		{"浙江省", "金华市", "义乌市", "浙江金华义乌"},
	}
	for _, tt := range tests {
		if got := shortAddressName(tt.province, tt.city, tt.district); got != tt.want {
			t.Errorf("shortAddressName(%s %s %s) = %s, want %s", tt.province, tt.city, tt.district, got, tt.want)
		}
	}
}

func TestHandler_PlatformChecks(t *testing.T) {
	s := newTestSim(1, 1)
	server, token := startWithToken(t, s)
	body := `{"page":0,"size":10,"update_time_start":1}`
	tests := []struct {
		name    string
		body    string
		token   string
		query   map[string]string
		code    int
		subCode string
	}{
		{"valid request", body, token, nil, doudian.CodeSuccess, ""},
		{"legacy timestamp format", body, token, map[string]string{"timestamp": fixedNow.Format(time.DateTime), "sign": doudian.Sign("order.searchList", DefaultAppKey, DefaultAppSecret, body, fixedNow.Format(time.DateTime), "hmac-sha256")}, doudian.CodeSuccess, ""},
		{"path differs from method", body, token, map[string]string{"path": "/order/orderDetail"}, doudian.CodeInvalidPlatformArg, "isv.method-invalid"},
		{"timestamp 11 minutes old", body, token, map[string]string{"timestamp": strconv.FormatInt(fixedNow.Add(-11*time.Minute).Unix(), 10)}, doudian.CodeInvalidPlatformArg, "isv.timestamp-invalid"},
		{"tampered sign", body, token, map[string]string{"sign": strings.Repeat("0", 64)}, doudian.CodeInvalidPlatformArg, "isv.signature-invalid"},
		{"missing token", body, "", nil, doudian.CodeMissingPlatformArg, "isv.access-token-missing"},
		{"unknown token", body, "nope", nil, doudian.CodeInvalidPlatformArg, "isv.access-token-no-existed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, server, "order.searchList", tt.body, tt.token, tt.query)
			if r.Code != tt.code || r.SubCode != tt.subCode {
				t.Errorf("got %d %q, want %d %q", r.Code, r.SubCode, tt.code, tt.subCode)
			}
		})
	}
}

func TestSearchList_Filters(t *testing.T) {
	s := newTestSim(10, 1)
	server, token := startWithToken(t, s)
	orders := s.Orders()
	old := orders[0]
	old.OrderID = "6934000000000000001"
	old.CreateTime = fixedNow.Add(-100 * 24 * time.Hour).Unix()
	old.UpdateTime = old.CreateTime
	s.AddOrder(old)
	if err := s.UpdateOrder(orders[1].OrderID, func(o *doudian.ShopOrder) { o.OrderStatus = doudian.StatusCancelled }); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		body string
		want int
	}{
		{"all in 90 days", `{"update_time_start":1,"size":100}`, 10},
		{"awaiting shipment", `{"update_time_start":1,"size":100,"order_status":"2"}`, 9},
		{"two statuses", `{"update_time_start":1,"size":100,"order_status":"2,4"}`, 10},
		{"update window excludes all", `{"update_time_start":1,"update_time_end":2,"size":100}`, 0},
		{"recently updated only", `{"update_time_start":` + strconv.FormatInt(fixedNow.Unix(), 10) + `,"size":100}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, server, "order.searchList", tt.body, token, nil)
			var page doudian.SearchListResponse
			if r.Code != doudian.CodeSuccess || json.Unmarshal(r.Data, &page) != nil {
				t.Fatalf("code %d %s", r.Code, r.SubCode)
			}
			if page.Total != tt.want {
				t.Errorf("total = %d, want %d", page.Total, tt.want)
			}
		})
	}
}

func TestUpdateOrder_BumpsUpdateTime(t *testing.T) {
	s := newTestSim(1, 1)
	before := s.Orders()[0]
	if err := s.UpdateOrder(before.OrderID, func(o *doudian.ShopOrder) { o.SellerWords = "改地址" }); err != nil {
		t.Fatal(err)
	}
	after := s.Orders()[0]
	if after.UpdateTime <= before.UpdateTime || after.SellerWords != "改地址" {
		t.Errorf("update_time %d -> %d, memo %q", before.UpdateTime, after.UpdateTime, after.SellerWords)
	}
	if err := s.UpdateOrder("missing", func(*doudian.ShopOrder) {}); err == nil {
		t.Error("UpdateOrder of an unknown order returned no error")
	}
}

func TestCouriers_NumberShapes(t *testing.T) {
	s := newTestSim(0, 1)
	for code, c := range couriers {
		for range 20 {
			if no := c.newNo(s); !c.pattern.MatchString(no) {
				t.Errorf("%s issued %q, which fails its own pattern", code, no)
			}
		}
	}
}

func TestBatchDecrypt_WrongAuthID(t *testing.T) {
	s := newTestSim(2, 1)
	server, token := startWithToken(t, s)
	orders := s.Orders()
	body, _ := doudian.CanonicalJSON(map[string]any{"cipher_infos": []doudian.CipherInfo{
		{AuthID: orders[1].OrderID, CipherText: orders[0].EncryptPostReceiver},
		{AuthID: orders[0].OrderID, CipherText: "#xxxx#bm9uZQ==#2##"},
	}})
	r := post(t, server, "order.batchDecrypt", string(body), token, nil)
	var data struct {
		DecryptInfos []doudian.DecryptInfo `json:"decrypt_infos"`
	}
	if err := json.Unmarshal(r.Data, &data); err != nil || len(data.DecryptInfos) != 2 {
		t.Fatalf("code %d, infos %v, err %v", r.Code, data.DecryptInfos, err)
	}
	for _, info := range data.DecryptInfos {
		if info.ErrNo == 0 || info.DecryptText != "" {
			t.Errorf("item %+v decrypted, want an err_no", info)
		}
	}
}

func TestFailNextAndUnavailable(t *testing.T) {
	s := newTestSim(0, 1)
	server, _ := startWithToken(t, s)
	s.FailNext(2, doudian.CodeRateLimited)
	for i := range 2 {
		r := post(t, server, "token.create", `{}`, "", nil)
		if r.Code != doudian.CodeRateLimited || r.SubCode != "isv.traffic-limited" {
			t.Errorf("request %d: %d %s, want 60000 isv.traffic-limited", i, r.Code, r.SubCode)
		}
	}
	s.SetUnavailable(true)
	resp, err := http.Post(server.URL+"/token/create", "application/json", bytes.NewReader([]byte(`{}`)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", resp.StatusCode)
	}
}
