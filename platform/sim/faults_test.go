package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/printstation/printstation/platform/doudian"
)

// rawPost sends a signed token.create and returns the status and body, or the transport error.
func rawPost(server *httptest.Server, client *http.Client) (int, string, error) {
	body := `{"grant_type":"authorization_self","shop_id":"4463798"}`
	timestamp := strconv.FormatInt(fixedNow.Unix(), 10)
	sign := doudian.Sign("token.create", DefaultAppKey, DefaultAppSecret, body, timestamp, doudian.SignMethodHMACSHA256)
	url := fmt.Sprintf("%s/token/create?app_key=%s&method=token.create&v=2&timestamp=%s&sign_method=hmac-sha256&sign=%s",
		server.URL, DefaultAppKey, timestamp, sign)
	resp, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(reply), err
}

func TestInjectFaults_EachFaultOnTheWire(t *testing.T) {
	tests := []struct {
		fault       Fault
		wantErr     bool
		wantStatus  int
		wantCode    string
		wantHandled bool // the request changed state: a token was issued
	}{
		{FaultServiceUnavailable, false, http.StatusOK, `"code":20000`, false},
		{FaultRateLimited, false, http.StatusOK, `"code":60000`, false},
		{FaultGatewayError, false, http.StatusBadGateway, "", false},
		{FaultDropConnection, true, 0, "", false},
		{FaultLostReply, true, 0, "", true},
		{FaultSlowReply, true, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(int(tt.fault)), func(t *testing.T) {
			s := newTestSim(0, 1)
			s.SetSlowReply(time.Second)
			server := httptest.NewServer(s.Handler())
			defer server.Close()
			client := &http.Client{Timeout: 200 * time.Millisecond}

			s.InjectFaults(1, tt.fault)
			status, body, err := rawPost(server, client)

			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && (status != tt.wantStatus || !strings.Contains(body, tt.wantCode)) {
				t.Errorf("status %d body %s, want %d with %s", status, body, tt.wantStatus, tt.wantCode)
			}
			if handled := len(s.IssuedTokens()) > 0; handled != tt.wantHandled {
				t.Errorf("request handled = %v, want %v", handled, tt.wantHandled)
			}
			if _, _, err := rawPost(server, client); err != nil {
				t.Errorf("request after the fault: %v", err)
			}
		})
	}
}

func TestSetFailureRate_SeededShare(t *testing.T) {
	counts := func() int {
		s := newTestSim(0, 42)
		s.SetFailureRate(0.3, FaultServiceUnavailable, FaultRateLimited)
		server := httptest.NewServer(s.Handler())
		defer server.Close()
		for range 400 {
			if _, _, err := rawPost(server, server.Client()); err != nil {
				t.Fatal(err)
			}
		}
		total := 0
		for _, n := range s.FaultCounts() {
			total += n
		}
		return total
	}
	first, second := counts(), counts()
	if first < 80 || first > 160 {
		t.Errorf("%d of 400 requests failed, want about 120", first)
	}
	if first != second {
		t.Errorf("same seed failed %d and %d requests", first, second)
	}
}

func TestMutateRandomOrders_Kinds(t *testing.T) {
	s := newTestSim(40, 3)
	before := map[string]doudian.ShopOrder{}
	for _, o := range s.Orders() {
		before[o.OrderID] = o
	}

	changed := map[Mutation][]string{}
	for _, kind := range []Mutation{MutationCancel, MutationRefund, MutationAddressChange, MutationShipByTime} {
		changed[kind] = s.MutateRandomOrders(3, kind)
		if len(changed[kind]) != 3 {
			t.Fatalf("%s changed %d orders, want 3", kind, len(changed[kind]))
		}
	}
	after := map[string]doudian.ShopOrder{}
	for _, o := range s.Orders() {
		after[o.OrderID] = o
	}

	for kind, ids := range changed {
		for _, id := range ids {
			old, now := before[id], after[id]
			if now.UpdateTime <= old.UpdateTime {
				t.Errorf("%s on %s kept update_time %d", kind, id, now.UpdateTime)
			}
			var ok bool
			switch kind {
			case MutationCancel:
				ok = now.OrderStatus == doudian.StatusCancelled
			case MutationRefund:
				ok = now.SKUOrderList[0].AfterSaleInfo.RefundStatus != 0
			case MutationAddressChange:
				_, _, detail, _ := s.Receiver(id)
				ok = now.PostAddr.EncryptDetail != old.PostAddr.EncryptDetail && detail != ""
			case MutationShipByTime:
				ok = now.ExpShipTime == old.ExpShipTime+24*3600
			}
			if !ok {
				t.Errorf("%s on %s did not change the order", kind, id)
			}
		}
	}
	if len(s.Mutated()) != 12 {
		t.Errorf("Mutated lists %d orders, want 12 distinct", len(s.Mutated()))
	}
}

func TestSearchList_PlatformLimits(t *testing.T) {
	s := newTestSim(5, 1)
	server, token := startWithToken(t, s)
	tests := []struct {
		name, body, subCode string
	}{
		{"page size over 100", `{"update_time_start":1,"size":101}`, "isv.parameter-invalid:size"},
		{"page past 50,000 results", `{"update_time_start":1,"size":100,"page":501}`, "isv.parameter-invalid:page"},
		{"no start time", `{"size":100}`, "isv.missing-parameter:create_time_start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, server, "order.searchList", tt.body, token, nil)
			if r.Code == doudian.CodeSuccess || r.SubCode != tt.subCode {
				t.Errorf("code %d %s, want %s", r.Code, r.SubCode, tt.subCode)
			}
		})
	}
}

func TestSearchList_UpdateOrderBothDirections(t *testing.T) {
	s := newTestSim(250, 9)
	server, token := startWithToken(t, s)
	s.MutateRandomOrders(20, MutationShipByTime)

	read := func(asc bool) []string {
		var ids []string
		for page := 0; page < 3; page++ {
			body := fmt.Sprintf(`{"update_time_start":1,"size":100,"page":%d,"order_by":"update_time","order_asc":%v}`, page, asc)
			var resp doudian.SearchListResponse
			if r := post(t, server, "order.searchList", body, token, nil); json.Unmarshal(r.Data, &resp) != nil || r.Code != doudian.CodeSuccess {
				t.Fatalf("page %d: code %d", page, r.Code)
			}
			for i, o := range resp.ShopOrderList {
				previous := resp.ShopOrderList[max(i-1, 0)].UpdateTime
				if (asc && o.UpdateTime < previous) || (!asc && o.UpdateTime > previous) {
					t.Errorf("page %d out of order at %d", page, i)
				}
				ids = append(ids, o.OrderID)
			}
		}
		return ids
	}
	asc, desc := read(true), read(false)
	if len(asc) != 250 || len(desc) != 250 {
		t.Fatalf("read %d and %d orders, want 250 each", len(asc), len(desc))
	}
	for i := range asc {
		if asc[i] != desc[len(desc)-1-i] {
			t.Fatalf("ascending and descending listings differ at %d", i)
		}
	}
}

func TestTokens_ShopsAreSeparate(t *testing.T) {
	s := newTestSim(3, 1)
	s.AddShop(9000001, "二号店", 4)
	server, token := startWithToken(t, s)
	second := post(t, server, "token.create", `{"grant_type":"authorization_self","shop_id":"9000001"}`, "", nil)
	var tok tokenReply
	if second.Code != doudian.CodeSuccess || json.Unmarshal(second.Data, &tok) != nil || tok.ShopID != 9000001 {
		t.Fatalf("token.create for the second shop: %d %s", second.Code, second.SubCode)
	}

	for _, tt := range []struct {
		token string
		want  int
	}{{token, 3}, {tok.AccessToken, 4}} {
		var page doudian.SearchListResponse
		r := post(t, server, "order.searchList", `{"update_time_start":1,"size":100}`, tt.token, nil)
		if json.Unmarshal(r.Data, &page) != nil || page.Total != tt.want {
			t.Errorf("a shop's token sees %d orders, want %d", page.Total, tt.want)
		}
	}
	unknown := post(t, server, "token.create", `{"grant_type":"authorization_self","shop_id":"123"}`, "", nil)
	if unknown.Code != doudian.CodeInvalidBizArg {
		t.Errorf("token for an unknown shop: code %d, want 40004", unknown.Code)
	}
}

func TestSeed_RemarksWithEmojiAndRareNames(t *testing.T) {
	s := newTestSim(500, 2)
	var emoji, outsideGB2312 int
	for _, o := range s.Orders() {
		for _, r := range o.BuyerWords {
			if r > 0xFFFF && unicode.Is(unicode.So, r) {
				emoji++
				break
			}
		}
		name, _, _, _ := s.Receiver(o.OrderID)
		if strings.ContainsAny(name, "堃玥喆") {
			outsideGB2312++
		}
	}
	if emoji == 0 || outsideGB2312 == 0 {
		t.Errorf("500 orders: %d remarks with emoji, %d names outside GB2312; want some of each", emoji, outsideGB2312)
	}
}

// BenchmarkSeed_100k measures seeding 100,000 orders, the size of a large demo shop.
func BenchmarkSeed_100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := New(Options{Orders: 100_000, Seed: 1, Now: func() time.Time { return fixedNow }})
		if len(s.orders) != 100_000 {
			b.Fatalf("seeded %d orders", len(s.orders))
		}
	}
}
