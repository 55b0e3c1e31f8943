package doudian

import (
	"context"
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

func (c *Client) obtainToken(ctx context.Context, method string, params map[string]any) (Token, error) {
	var data tokenData
	if err := c.call(ctx, method, params, &data, ""); err != nil {
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
	return err
}
