package doudian

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

const (
	methodTokenCreate  = "token.create"
	methodTokenRefresh = "token.refresh"

	// refreshTokenLifetime is how long a refresh token stays valid; the reply states only the
	// access token's lifetime.
	refreshTokenLifetime = 14 * 24 * time.Hour

	// DefaultRefreshBefore is how long before its expiry EnsureToken refreshes an access token
	// (which lives 7 days), so that a station that runs once a day never meets an expired one.
	DefaultRefreshBefore = 24 * time.Hour
)

// Token is an access token with the refresh token that renews it.
type Token struct {
	AccessToken      string
	RefreshToken     string
	ExpiresAt        time.Time
	RefreshExpiresAt time.Time
}

// tokenData is the data of token.create and token.refresh.
type tokenData struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int64  `json:"expires_in"` // seconds
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
	ShopID       int64  `json:"shop_id"`
	ShopName     string `json:"shop_name"`
}

// CreateToken obtains a token for a self-built app (grant_type authorization_self with the
// configured shop id), stores it on the client and passes it to OnToken.
func (c *Client) CreateToken(ctx context.Context) (Token, error) {
	params := map[string]any{
		"grant_type": "authorization_self",
		"shop_id":    strconv.FormatInt(c.cfg.ShopID, 10),
	}
	return c.obtainToken(ctx, methodTokenCreate, params)
}

// CreateTokenWithCode obtains a token for a tool app (grant_type authorization_code) from the
// code the shop's authorization redirect carried. A code is valid for 10 minutes and works once.
// The token is stored on the client and passed to OnToken.
func (c *Client) CreateTokenWithCode(ctx context.Context, code string) (Token, error) {
	params := map[string]any{
		"grant_type": "authorization_code",
		"code":       code,
	}
	return c.obtainToken(ctx, methodTokenCreate, params)
}

// EnsureToken makes the client's token usable for at least Config.RefreshBefore. It refreshes
// an access token that expires within that time, and creates a token (grant_type
// authorization_self) when there is none, when the refresh token has expired, or when the
// platform rejects the refresh token. Without a configured shop id it cannot create one and
// returns ErrNeedAuthorization, because a tool app needs a new code from the shop.
// The station calls it before each sync.
func (c *Client) EnsureToken(ctx context.Context) error {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()

	tok := c.Token()
	now := c.now()
	if tok.AccessToken != "" && now.Add(c.cfg.RefreshBefore).Before(tok.ExpiresAt) {
		return nil
	}

	if tok.RefreshToken != "" && now.Before(tok.RefreshExpiresAt) {
		_, err := c.RefreshToken(ctx)
		var apiErr *APIError
		if err == nil || !errors.As(err, &apiErr) || !apiErr.Fatal() {
			return err
		}
		c.log.Warn().Int("code", apiErr.Code).Str("sub_code", apiErr.SubCode).
			Msg("doudian refresh token rejected, creating a new token")
	}

	if c.cfg.ShopID == 0 {
		return fmt.Errorf("ensure token: %w", ErrNeedAuthorization)
	}
	_, err := c.CreateToken(ctx)
	return err
}

// RefreshToken renews the token with the current refresh token, stores the result on the
// client and passes it to OnToken. It returns ErrNoRefreshToken when none is set.
func (c *Client) RefreshToken(ctx context.Context) (Token, error) {
	refresh := c.Token().RefreshToken
	if refresh == "" {
		return Token{}, ErrNoRefreshToken
	}
	params := map[string]any{
		"grant_type":    "refresh_token",
		"refresh_token": refresh,
	}
	return c.obtainToken(ctx, methodTokenRefresh, params)
}

// SetToken replaces the client's token, e.g. with one loaded from storage.
func (c *Client) SetToken(t Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token = t
}

// Token returns the client's current token.
func (c *Client) Token() Token {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

// obtainToken calls token.create or token.refresh, stores the token and reports it.
func (c *Client) obtainToken(ctx context.Context, method string, params map[string]any) (Token, error) {
	var data tokenData
	err := c.withRetry(ctx, method, func() error {
		return c.call(ctx, method, params, &data, "")
	})
	if err != nil {
		return Token{}, err
	}
	if data.AccessToken == "" {
		return Token{}, fmt.Errorf("%s: reply without access_token: %w", method, ErrUnavailable)
	}

	now := c.now()
	token := Token{
		AccessToken:      data.AccessToken,
		RefreshToken:     data.RefreshToken,
		ExpiresAt:        now.Add(time.Duration(data.ExpiresIn) * time.Second),
		RefreshExpiresAt: now.Add(refreshTokenLifetime),
	}
	c.SetToken(token)
	c.log.Info().Str("method", method).Time("expires_at", token.ExpiresAt).Msg("doudian token obtained")

	if c.cfg.OnToken != nil {
		c.cfg.OnToken(token)
	}
	return token, nil
}

// refreshAfterExpiry refreshes the token unless another call already replaced the expired
// access token used by the failed request.
func (c *Client) refreshAfterExpiry(ctx context.Context, expiredAccess string) error {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()

	if c.Token().AccessToken != expiredAccess {
		return nil
	}
	_, err := c.RefreshToken(ctx)
	if err == nil || IsRetryable(err) || c.cfg.ShopID == 0 {
		return err
	}
	// The refresh token is gone too (revoked, expired, or never saved): a
	// self-built app authorizes itself again with its shop id.
	c.log.Info().Err(err).Msg("doudian refresh failed, creating a new token")
	_, err = c.CreateToken(ctx)
	return err
}
