package doudian_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

// pushReceiver collects the events a PushHandler passes on.
type pushReceiver struct {
	mu     sync.Mutex
	events []doudian.PushEvent
	fail   error
}

func (r *pushReceiver) onEvents(_ context.Context, events []doudian.PushEvent) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.events = append(r.events, events...)
	return nil
}

func (r *pushReceiver) byOrder() map[string]doudian.PushTag {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]doudian.PushTag{}
	for _, e := range r.events {
		out[e.OrderID] = e.Tag
	}
	return out
}

func startPushReceiver(t *testing.T, r *pushReceiver) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(&doudian.PushHandler{
		AppKey: sim.DefaultAppKey, AppSecret: sim.DefaultAppSecret, OnEvents: r.onEvents,
	})
	t.Cleanup(server.Close)
	return server
}

// startPushReceiverWith serves h on a loopback port and returns its URL.
func startPushReceiverWith(t *testing.T, h http.Handler) string {
	t.Helper()
	server := httptest.NewServer(h)
	t.Cleanup(server.Close)
	return server.URL
}

func postPush(t *testing.T, url, body, sign string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("event-sign", sign)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(reply)
}

func TestPushHandler_Messages(t *testing.T) {
	body := `[{"tag":"106","msg_id":"m1","data":"{\"p_id\":6934123412341234123,\"shop_id\":4463798}"},` +
		`{"tag":"113","msg_id":"m2","data":"{\"p_id\":6934123412341234124}"},` +
		`{"tag":105,"msg_id":"m3","data":"{\"p_id\":\"6934123412341234125\",\"shop_id\":\"4463798\"}"}]`
	tests := []struct {
		name       string
		sign       string
		fail       error
		wantStatus int
		wantEvents int
	}{
		{"signed", doudian.PushSign(sim.DefaultAppKey, sim.DefaultAppSecret, []byte(body)), nil, http.StatusOK, 2},
		{"signed in upper case", strings.ToUpper(doudian.PushSign(sim.DefaultAppKey, sim.DefaultAppSecret, []byte(body))), nil, http.StatusOK, 2},
		{"wrong sign", doudian.PushSign(sim.DefaultAppKey, "other-secret", []byte(body)), nil, http.StatusUnauthorized, 0},
		{"no sign", "", nil, http.StatusUnauthorized, 0},
		{"callback fails", doudian.PushSign(sim.DefaultAppKey, sim.DefaultAppSecret, []byte(body)), errors.New("store closed"), http.StatusInternalServerError, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &pushReceiver{fail: tt.fail}
			server := startPushReceiver(t, r)

			status, reply := postPush(t, server.URL, body, tt.sign)

			if status != tt.wantStatus {
				t.Errorf("status %d, want %d", status, tt.wantStatus)
			}
			if tt.wantStatus == http.StatusOK && reply != `{"code":0,"msg":"success"}` {
				t.Errorf("reply %s, want the success object", reply)
			}
			got := r.byOrder()
			if len(got) != tt.wantEvents {
				t.Fatalf("got %d events, want %d: %v", len(got), tt.wantEvents, got)
			}
			if tt.wantEvents > 0 && (got["6934123412341234123"] != doudian.TagOrderCancelled || got["6934123412341234125"] != doudian.TagAddressChanged) {
				t.Errorf("events %v, want 106 and 105 with their 19-digit order ids", got)
			}
		})
	}
}

func TestPushHandler_FromSimulator(t *testing.T) {
	r := &pushReceiver{}
	server := startPushReceiver(t, r)
	s, _ := startSim(t, sim.Options{Orders: 50, Seed: 12})
	if err := s.SetPushURL(server.URL); err != nil {
		t.Fatal(err)
	}

	cancelled := s.MutateRandomOrders(3, sim.MutationCancel)
	moved := s.MutateRandomOrders(2, sim.MutationAddressChange)
	delayed := s.MutateRandomOrders(1, sim.MutationShipByTime)
	added := s.Orders()[0]
	added.OrderID = "6934555555555555555"
	s.AddOrder(added)
	s.WaitPushes()

	got := r.byOrder()
	want := map[string]doudian.PushTag{added.OrderID: doudian.TagOrderPaid}
	for _, id := range cancelled {
		want[id] = doudian.TagOrderCancelled
	}
	for _, id := range moved {
		want[id] = doudian.TagAddressChanged
	}
	for _, id := range delayed {
		want[id] = doudian.TagShipByTimeChanged
	}
	if len(got) != len(want) {
		t.Errorf("received %d events, want %d", len(got), len(want))
	}
	for id, tag := range want {
		if got[id] != tag {
			t.Errorf("order %s: tag %d, want %d", id, got[id], tag)
		}
	}
	if delivered, failed := s.PushesDelivered(); failed != 0 || delivered != 4 {
		t.Errorf("pushes delivered %d, failed %d; want 4 and 0", delivered, failed)
	}
}

func TestSimulator_PushURLMustBeLoopback(t *testing.T) {
	s := sim.New(sim.Options{Seed: 1})
	for _, url := range []string{"http://192.0.2.1/push", "https://127.0.0.1/push", "http://example.com/push"} {
		if err := s.SetPushURL(url); err == nil {
			t.Errorf("SetPushURL(%q) accepted", url)
		}
	}
	for _, url := range []string{"http://127.0.0.1:8080/push", "http://[::1]:8080/", "http://localhost/"} {
		if err := s.SetPushURL(url); err != nil {
			t.Errorf("SetPushURL(%q): %v", url, err)
		}
	}
}
