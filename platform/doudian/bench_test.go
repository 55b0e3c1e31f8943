package doudian_test

import (
	"context"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

// BenchmarkForEachUpdatedOrder_10k measures a full sync of 10,000 orders from the simulator
// over loopback HTTP: 101 requests of up to 100 orders, signed, decoded and passed on.
func BenchmarkForEachUpdatedOrder_10k(b *testing.B) {
	clk := newClock()
	_, baseURL := startSim(b, sim.Options{Orders: 10_000, Seed: 1, Now: clk.Now})
	c := clientFor(baseURL, doudian.Config{Now: clk.Now, Timeout: 10 * time.Second})
	ctx := context.Background()
	if _, err := c.CreateToken(ctx); err != nil {
		b.Fatal(err)
	}

	b.ReportAllocs()
	for b.Loop() {
		count := 0
		requests, err := c.ForEachUpdatedOrder(ctx, 0, clk.Now().Unix(), func(doudian.ShopOrder) error {
			count++
			return nil
		})
		if err != nil || count != 10_000 {
			b.Fatalf("synced %d orders in %d requests: %v", count, requests, err)
		}
		b.ReportMetric(float64(requests), "requests/op")
	}
}
