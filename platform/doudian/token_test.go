package doudian_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
)

func TestCreateTokenWithCode_OneUse(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Orders: 2, Seed: 1})
	c := clientFor(baseURL, doudian.Config{ShopID: -1, Retry: doudian.RetryPolicy{Attempts: 1}})
	code, err := s.IssueAuthCode(sim.DefaultShopID)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	if _, err := c.CreateTokenWithCode(ctx, code); err != nil {
		t.Fatalf("CreateTokenWithCode: %v", err)
	}
	if orders := awaitingShipment(ctx, t, c); len(orders) != 2 {
		t.Errorf("token from a code sees %d orders, want 2", len(orders))
	}
	_, err = c.CreateTokenWithCode(ctx, code)
	var apiErr *doudian.APIError
	if !errors.As(err, &apiErr) || !apiErr.BadInput() {
		t.Errorf("second use of the code: %v, want a bad-input error", err)
	}
}

func TestEnsureToken(t *testing.T) {
	clk := newClock()
	tests := []struct {
		name         string
		token        func(now time.Time, created doudian.Token) doudian.Token
		wantRequests int
		wantNew      bool
	}{
		{"fresh token kept", func(now time.Time, tok doudian.Token) doudian.Token { return tok }, 0, false},
		{"expiring within a day refreshed", func(now time.Time, tok doudian.Token) doudian.Token {
			tok.ExpiresAt = now.Add(20 * time.Hour)
			return tok
		}, 1, true},
		{"expired refresh token replaced by a new token", func(now time.Time, tok doudian.Token) doudian.Token {
			tok.ExpiresAt, tok.RefreshExpiresAt = now.Add(-time.Hour), now.Add(-time.Minute)
			return tok
		}, 1, true},
		{"rejected refresh token replaced by a new token", func(now time.Time, tok doudian.Token) doudian.Token {
			tok.ExpiresAt, tok.RefreshToken = now.Add(time.Hour), "unknown-refresh-token"
			return tok
		}, 2, true},
		{"no token created", func(time.Time, doudian.Token) doudian.Token { return doudian.Token{} }, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, baseURL := startSim(t, sim.Options{Seed: 1, Now: clk.Now})
			c := clientFor(baseURL, doudian.Config{Now: clk.Now, Retry: doudian.RetryPolicy{Attempts: 1}})
			created, err := c.CreateToken(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			c.SetToken(tt.token(clk.Now(), created))
			before := s.Requests()

			if err := c.EnsureToken(context.Background()); err != nil {
				t.Fatalf("EnsureToken: %v", err)
			}
			if got := s.Requests() - before; got != tt.wantRequests {
				t.Errorf("served %d requests, want %d", got, tt.wantRequests)
			}
			if changed := c.Token().AccessToken != created.AccessToken; changed != tt.wantNew {
				t.Errorf("access token replaced = %v, want %v", changed, tt.wantNew)
			}
			if !c.Token().ExpiresAt.After(clk.Now().Add(doudian.DefaultRefreshBefore)) {
				t.Errorf("token expires at %v, within the refresh margin", c.Token().ExpiresAt)
			}
		})
	}
}

func TestEnsureToken_ToolAppNeedsAuthorization(t *testing.T) {
	_, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{ShopID: -1})
	c.SetToken(doudian.Token{})

	err := c.EnsureToken(context.Background())
	if !errors.Is(err, doudian.ErrNeedAuthorization) {
		t.Errorf("error %v, want ErrNeedAuthorization", err)
	}
	if key := doudian.UserMessageKey(err); key != doudian.MsgAuthorize {
		t.Errorf("message key %q, want %q", key, doudian.MsgAuthorize)
	}
}

func TestRefreshToken_RepeatAfterLostReply(t *testing.T) {
	s, baseURL := startSim(t, sim.Options{Seed: 1})
	c := clientFor(baseURL, doudian.Config{Retry: fastRetry})
	if _, err := c.CreateToken(context.Background()); err != nil {
		t.Fatal(err)
	}

	s.InjectFaults(1, sim.FaultLostReply)
	if _, err := c.RefreshToken(context.Background()); err != nil {
		t.Fatalf("RefreshToken after a lost reply: %v", err)
	}
	if orders := awaitingShipment(context.Background(), t, c); orders == nil {
		t.Error("refreshed token does not work")
	}
}

func TestCall_TimestampForms(t *testing.T) {
	for _, format := range []doudian.TimestampFormat{doudian.TimestampUnix, doudian.TimestampDateTime} {
		for _, method := range []string{doudian.SignMethodHMACSHA256, doudian.SignMethodMD5} {
			_, baseURL := startSim(t, sim.Options{Seed: 1})
			c := clientFor(baseURL, doudian.Config{TimestampFormat: format, SignMethod: method})
			if _, err := c.CreateToken(context.Background()); err != nil {
				t.Errorf("timestamp form %d, sign method %s: %v", format, method, err)
			}
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	at := time.Date(2020, 9, 15, 6, 48, 13, 0, time.UTC)
	if got := doudian.FormatTimestamp(at, doudian.TimestampUnix); got != "1600152493" {
		t.Errorf("Unix form %q, want 1600152493", got)
	}
	if got := doudian.FormatTimestamp(at, doudian.TimestampDateTime); got != "2020-09-15 14:48:13" {
		t.Errorf("date-time form %q, want 2020-09-15 14:48:13 (UTC+8)", got)
	}
}
