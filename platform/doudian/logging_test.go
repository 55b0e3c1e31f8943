package doudian_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
	"github.com/rs/zerolog"
)

// lockedBuffer is a log sink shared by goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLogging_FullRunLeaksNothing runs a sync, decryption, waybills, write-backs, a cancel, a
// route query and pushes, with failures, retries and a token expiry, logging at trace level on
// every side, and checks that no secret, token or receiver plaintext reaches the log.
func TestLogging_FullRunLeaksNothing(t *testing.T) {
	var logs lockedBuffer
	logger := zerolog.New(&logs).Level(zerolog.TraceLevel)
	clk := newClock()
	s, baseURL := startSim(t, sim.Options{Orders: 120, Seed: 21, Now: clk.Now, Logger: logger})
	receiver := httptestPush(t, logger)
	if err := s.SetPushURL(receiver); err != nil {
		t.Fatal(err)
	}
	c := clientFor(baseURL, doudian.Config{Now: clk.Now, Logger: logger, Timeout: 50 * time.Millisecond, Retry: fastRetry})
	s.SetSlowReply(200 * time.Millisecond)
	ctx := context.Background()
	if _, err := c.CreateToken(ctx); err != nil {
		t.Fatal(err)
	}
	s.SetFailureRate(0.3)
	s.ExpireTokensAfter(3)
	s.MutateAfter(5, 3, sim.MutationAddressChange)

	var orders []doudian.ShopOrder
	if _, err := c.ForEachUpdatedOrder(ctx, 0, clk.Now().Unix(), func(o doudian.ShopOrder) error {
		orders = append(orders, o)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var ciphers []doudian.CipherInfo
	for _, o := range orders {
		ciphers = append(ciphers, doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostReceiver},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.EncryptPostTel},
			doudian.CipherInfo{AuthID: o.OrderID, CipherText: o.PostAddr.EncryptDetail})
	}
	if err := repeatUntilDone(func() error { _, err := c.BatchDecrypt(ctx, ciphers); return err }); err != nil {
		t.Fatal(err)
	}
	latest := map[string]doudian.ShopOrder{}
	for _, o := range orders {
		latest[o.OrderID] = o
	}
	orders = orders[:0]
	for _, o := range latest {
		orders = append(orders, o)
	}
	trackNos := issueAll(ctx, t, c, orders)
	for _, o := range orders[1:] {
		req := doudian.SinglePackRequest{OrderIDList: []string{o.OrderID}, LogisticsCode: "zhongtong",
			TrackNo: trackNos[o.OrderID], RequestID: "wb-" + o.OrderID}
		if err := repeatUntilDone(func() error { return c.AddSinglePack(ctx, req) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := repeatUntilDone(func() error { return c.CancelOrder(ctx, "zhongtong", trackNos[orders[0].OrderID]) }); err != nil {
		t.Fatal(err)
	}
	if err := repeatUntilDone(func() error {
		_, err := c.TrackNoRouteDetail(ctx, "zhongtong", trackNos[orders[1].OrderID])
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s.SetFailureRate(0)
	s.WaitPushes()

	text := logs.String()
	for _, event := range []string{"order.searchList", "retrying", "doudian push received", "access token expired"} {
		if !strings.Contains(text, event) {
			t.Errorf("log has no %q event; the run did not exercise it", event)
		}
	}
	secrets := map[string]string{"app secret": sim.DefaultAppSecret}
	for i, token := range s.IssuedTokens() {
		secrets[fmt.Sprintf("issued token %d", i)] = token
	}
	if len(s.IssuedTokens()) < 4 {
		t.Errorf("simulator issued %d tokens, want a refresh to have happened", len(s.IssuedTokens()))
	}
	for _, o := range s.Orders() {
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

// httptestPush starts a push receiver that logs to logger and returns its URL.
func httptestPush(t *testing.T, logger zerolog.Logger) string {
	t.Helper()
	r := &pushReceiver{}
	server := startPushReceiverWith(t, &doudian.PushHandler{
		AppKey: sim.DefaultAppKey, AppSecret: sim.DefaultAppSecret, OnEvents: r.onEvents, Logger: logger,
	})
	return server
}
