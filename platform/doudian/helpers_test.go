package doudian_test

import (
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

// clock is a settable clock shared by a simulator and its clients.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// startSim starts a simulator from opts on a loopback port.
func startSim(t testing.TB, opts sim.Options) (*sim.Simulator, string) {
	t.Helper()
	s := sim.New(opts)
	baseURL, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, baseURL
}

// clientFor returns a client of the default shop on baseURL with cfg's other fields. ShopID
// -1 leaves the shop id out, as a tool app that authorizes with codes does.
func clientFor(baseURL string, cfg doudian.Config) *doudian.Client {
	cfg.BaseURL = baseURL
	cfg.AppKey = sim.DefaultAppKey
	cfg.AppSecret = sim.DefaultAppSecret
	switch cfg.ShopID {
	case 0:
		cfg.ShopID = sim.DefaultShopID
	case -1:
		cfg.ShopID = 0
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	return doudian.New(cfg)
}

// fastRetry retries often with short waits, for runs with many injected failures.
var fastRetry = doudian.RetryPolicy{Attempts: 12, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}
