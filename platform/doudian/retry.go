package doudian

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// Defaults of RetryPolicy. Four tries with waits of about 0.2, 0.4 and 0.8 s stay within the
// platform's advice of 3 to 5 tries in 30 s for 20000 and 60000 replies.
const (
	DefaultRetryAttempts  = 4
	DefaultRetryBaseDelay = 200 * time.Millisecond
	DefaultRetryMaxDelay  = 5 * time.Second
)

// RetryPolicy bounds how often the client repeats a request that failed with a retryable error:
// service unavailable (20000), rate limited (60000), a timeout, a dropped or refused connection,
// an HTTP 5xx status or a reply that is no envelope. Every method of the client is safe to
// repeat: reads change nothing, logistics.newCreateOrder returns the number already issued for
// the same order and pack id, and write-backs carry a request_id.
type RetryPolicy struct {
	// Attempts is the number of tries including the first. Zero selects DefaultRetryAttempts
	// and 1 turns retries off.
	Attempts int
	// BaseDelay is the wait before the second try; each later wait doubles it. Zero selects
	// DefaultRetryBaseDelay.
	BaseDelay time.Duration
	// MaxDelay caps one wait. Zero selects DefaultRetryMaxDelay.
	MaxDelay time.Duration
}

// withDefaults fills the zero fields.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultRetryAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultRetryBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultRetryMaxDelay
	}
	return p
}

// delay returns the wait after failed try number attempt (from 1): the doubled base delay,
// capped, of which a random half is dropped so that stations that failed together do not retry
// in step.
func (p RetryPolicy) delay(attempt int) time.Duration {
	d := p.MaxDelay
	if shift := attempt - 1; shift < 30 {
		d = min(p.BaseDelay<<shift, p.MaxDelay)
	}
	half := d / 2
	return half + rand.N(half+1)
}

// withRetry runs try until it succeeds, fails with an error that is not retryable, or has run
// the policy's number of attempts. A cancelled ctx ends the waits early.
func (c *Client) withRetry(ctx context.Context, method string, try func() error) error {
	for attempt := 1; ; attempt++ {
		err := try()
		if err == nil || !IsRetryable(err) || attempt >= c.retry.Attempts {
			return err
		}

		delay := c.retry.delay(attempt)
		// The error text contains the method, codes and platform messages only, never
		// parameters or tokens (see APIError.Error and transportError).
		c.log.Warn().Str("method", method).Int("attempt", attempt).Dur("delay", delay).Err(err).
			Msg("doudian call failed, retrying")

		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			// The context error comes first and the failure is kept as text only, so that
			// IsRetryable reports false and the caller stops.
			return fmt.Errorf("%s: %w after attempt %d failed with: %v", method, ctx.Err(), attempt, err)
		case <-timer.C:
		}
	}
}
