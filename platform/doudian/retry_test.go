package doudian_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

func TestCall_RetriesEachRetryableFault(t *testing.T) {
	faults := []struct {
		name  string
		fault sim.Fault
	}{
		{"20000", sim.FaultServiceUnavailable},
		{"60000", sim.FaultRateLimited},
		{"HTTP 502", sim.FaultGatewayError},
		{"dropped connection", sim.FaultDropConnection},
		{"lost reply", sim.FaultLostReply},
		{"timeout", sim.FaultSlowReply},
	}
	for _, tt := range faults {
		t.Run(tt.name, func(t *testing.T) {
			s, baseURL := startSim(t, sim.Options{Orders: 3, Seed: 1})
			s.SetSlowReply(time.Second)
			c := clientFor(baseURL, doudian.Config{Timeout: 200 * time.Millisecond, Retry: fastRetry})
			if _, err := c.CreateToken(context.Background()); err != nil {
				t.Fatal(err)
			}

			s.InjectFaults(2, tt.fault)
			before := s.Requests()
			resp, err := c.SearchList(context.Background(), doudian.SearchListRequest{UpdateTimeStart: 1})
			if err != nil {
				t.Fatalf("SearchList after 2 faults: %v", err)
			}
			if len(resp.ShopOrderList) != 3 {
				t.Errorf("got %d orders, want 3", len(resp.ShopOrderList))
			}
			if got := s.Requests() - before; got != 3 {
				t.Errorf("served %d requests, want 3", got)
			}
			if got := s.FaultCounts()[tt.fault]; got != 2 {
				t.Errorf("fault happened %d times, want 2", got)
			}
		})
	}
}

func TestCall_RetryStopsAfterAttempts(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{Retry: doudian.RetryPolicy{Attempts: 3, BaseDelay: time.Millisecond}})
	s.InjectFaults(10, sim.FaultServiceUnavailable)

	_, err := c.CreateToken(context.Background())
	if !doudian.IsRetryable(err) {
		t.Errorf("error %v, want a retryable one", err)
	}
	if got := s.Requests(); got != 3 {
		t.Errorf("served %d requests, want 3", got)
	}
}

func TestCall_RetryByDefault(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{})
	s.InjectFaults(1, sim.FaultRateLimited)

	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Errorf("CreateToken after one 60000 with the default policy: %v", err)
	}
}

func TestCall_FatalErrorNotRetried(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{Retry: fastRetry})
	s.FailNext(1, doudian.CodeNoPermission)

	_, err := c.CreateToken(context.Background())
	var apiErr *doudian.APIError
	if !errors.As(err, &apiErr) || !apiErr.Fatal() {
		t.Errorf("error %v, want a fatal *APIError", err)
	}
	if got := s.Requests(); got != 1 {
		t.Errorf("served %d requests, want 1", got)
	}
}

func TestCall_RetryWaitEndsWithContext(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{Retry: doudian.RetryPolicy{Attempts: 5, BaseDelay: 10 * time.Second}})
	s.InjectFaults(5, sim.FaultServiceUnavailable)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err := c.CreateToken(ctx)

	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want context.DeadlineExceeded", err)
	}
	if doudian.IsRetryable(err) {
		t.Errorf("error %v is retryable after the context ended", err)
	}
	if took := time.Since(started); took > 2*time.Second {
		t.Errorf("returned after %v, want soon after the 100 ms deadline", took)
	}
}
