package sim

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

// accessToken is the state of one issued access token.
type accessToken struct {
	expiresAt time.Time
}

// tokenReply is the data of token.create and token.refresh.
type tokenReply struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
	ShopID       int64  `json:"shop_id"`
	ShopName     string `json:"shop_name"`
	AuthorityID  string `json:"authority_id"`
}

func (s *Simulator) handleTokenCreate(req *request) (any, *apiError) {
	var params struct {
		GrantType string      `json:"grant_type"`
		ShopID    json.Number `json:"shop_id"` // sent as a string or a number
		Code      string      `json:"code"`
	}
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}

	switch params.GrantType {
	case "":
		return nil, missingParam("grant_type")
	case "authorization_self":
	case "authorization_code":
		// NOTE: the simulator models a self-built app only; tool apps with codes are rejected.
		return nil, invalidParam("grant_type", "仅支持 authorization_self")
	default:
		return nil, invalidParam("grant_type", "grant_type 不合法")
	}
	if params.ShopID == "" {
		return nil, missingParam("shop_id")
	}
	if params.ShopID.String() != fmt.Sprint(s.opts.ShopID) {
		return nil, invalidParam("shop_id", "店铺未授权该应用")
	}
	return s.issueToken(req.now), nil
}

func (s *Simulator) handleTokenRefresh(req *request) (any, *apiError) {
	var params struct {
		GrantType    string `json:"grant_type"`
		RefreshToken string `json:"refresh_token"`
	}
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	if params.GrantType != "refresh_token" {
		return nil, invalidParam("grant_type", "grant_type 必须为 refresh_token")
	}
	if params.RefreshToken == "" {
		return nil, missingParam("refresh_token")
	}

	expiresAt, ok := s.refresh[params.RefreshToken]
	if !ok {
		return nil, newError(doudian.CodeInvalidPlatformArg, "isv.refresh-token-no-existed", "refresh_token 不存在")
	}
	if !req.now.Before(expiresAt) {
		return nil, newError(doudian.CodeInvalidPlatformArg, "isv.refresh-token-expired", "refresh_token 已过期")
	}
	// A refresh token works once. Old access tokens stay valid until they expire.
	delete(s.refresh, params.RefreshToken)
	return s.issueToken(req.now), nil
}

// issueToken creates an access token and a refresh token. It runs with s.mu held.
func (s *Simulator) issueToken(now time.Time) tokenReply {
	access := s.randomToken()
	refresh := s.randomToken()
	s.access[access] = accessToken{expiresAt: now.Add(s.opts.TokenTTL)}
	s.refresh[refresh] = now.Add(refreshTokenTTL)

	return tokenReply{
		AccessToken:  access,
		ExpiresIn:    int64(s.opts.TokenTTL / time.Second),
		RefreshToken: refresh,
		Scope:        "SCOPE",
		ShopID:       s.opts.ShopID,
		ShopName:     s.opts.ShopName,
		AuthorityID:  fmt.Sprint(s.opts.ShopID),
	}
}

// randomToken returns a token in the platform's UUID-like shape.
func (s *Simulator) randomToken() string {
	a, b := s.rng.Uint64(), s.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// checkAccessToken verifies the access token of a business method. It runs with s.mu held.
func (s *Simulator) checkAccessToken(token string, now time.Time) *apiError {
	if token == "" {
		return newError(doudian.CodeMissingPlatformArg, "isv.access-token-missing", "缺少 access_token")
	}
	state, ok := s.access[token]
	if !ok {
		return newError(doudian.CodeInvalidPlatformArg, "isv.access-token-no-existed", "access_token 不存在")
	}
	if !now.Before(state.expiresAt) {
		return newError(doudian.CodeInvalidPlatformArg, "isv.access-token-expired", "access_token 已过期")
	}
	return nil
}
