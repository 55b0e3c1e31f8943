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
	shopID    int64
}

// refreshState is the state of one issued refresh token. A used one keeps the reply it gave
// for refreshGrace, so that a client whose reply was lost can ask again.
type refreshState struct {
	expiresAt time.Time
	shopID    int64
	usedAt    time.Time
	reply     tokenReply
}

// authCode is a code of the authorization_code grant.
type authCode struct {
	shopID    int64
	expiresAt time.Time
}

// Lifetimes of authorization codes and of the grace of used refresh tokens.
// NOTE: the platform's grace for a used refresh token is not published. One minute lets a
// client repeat a refresh whose reply it lost, and old tokens do not stay alive for long.
const (
	authCodeTTL  = 10 * time.Minute
	refreshGrace = time.Minute
)

// IssueAuthCode returns a code for token.create with grant_type authorization_code, as the
// platform hands one to a tool app when a shop authorizes it. The code is valid for 10
// minutes and works once.
func (s *Simulator) IssueAuthCode(shopID int64) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.shopName(shopID); err != nil {
		return "", err
	}
	code := s.randomString(32)
	s.authCodes[code] = authCode{shopID: shopID, expiresAt: s.opts.Now().Add(authCodeTTL)}
	return code, nil
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
		if params.ShopID == "" {
			return nil, missingParam("shop_id")
		}
		shopID, err := params.ShopID.Int64()
		if _, known := s.shops[shopID]; err != nil || !known {
			return nil, invalidParam("shop_id", "店铺未授权该应用")
		}
		return s.issueToken(req.now, shopID), nil
	case "authorization_code":
		if params.Code == "" {
			return nil, missingParam("code")
		}
		code, ok := s.authCodes[params.Code]
		if !ok || !req.now.Before(code.expiresAt) {
			return nil, invalidParam("code", "code 不存在或已过期")
		}
		delete(s.authCodes, params.Code)
		return s.issueToken(req.now, code.shopID), nil
	default:
		return nil, invalidParam("grant_type", "grant_type 不合法")
	}
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

	state, ok := s.refresh[params.RefreshToken]
	if !ok {
		return nil, newError(doudian.CodeInvalidPlatformArg, "isv.refresh-token-no-existed", "refresh_token 不存在")
	}
	if !req.now.Before(state.expiresAt) {
		return nil, newError(doudian.CodeInvalidPlatformArg, "isv.refresh-token-expired", "refresh_token 已过期")
	}
	// A refresh token works once, but repeats within the grace return the same reply. Old
	// access tokens stay valid until they expire.
	if !state.usedAt.IsZero() {
		if req.now.Sub(state.usedAt) > refreshGrace {
			return nil, newError(doudian.CodeInvalidPlatformArg, "isv.refresh-token-no-existed", "refresh_token 已使用")
		}
		return state.reply, nil
	}
	reply := s.issueToken(req.now, state.shopID)
	state.usedAt, state.reply = req.now, reply
	s.refresh[params.RefreshToken] = state
	return reply, nil
}

// issueToken creates an access token and a refresh token. It runs with s.mu held.
func (s *Simulator) issueToken(now time.Time, shopID int64) tokenReply {
	access := s.randomToken()
	refresh := s.randomToken()
	s.access[access] = accessToken{expiresAt: now.Add(s.opts.TokenTTL), shopID: shopID}
	s.refresh[refresh] = refreshState{expiresAt: now.Add(refreshTokenTTL), shopID: shopID}

	return tokenReply{
		AccessToken:  access,
		ExpiresIn:    int64(s.opts.TokenTTL / time.Second),
		RefreshToken: refresh,
		Scope:        "SCOPE",
		ShopID:       shopID,
		ShopName:     s.shops[shopID],
		AuthorityID:  fmt.Sprint(shopID),
	}
}

// randomToken returns a token in the platform's UUID-like shape.
func (s *Simulator) randomToken() string {
	a, b := s.rng.Uint64(), s.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// checkAccessToken verifies the access token of a business method and returns its shop. It
// runs with s.mu held.
func (s *Simulator) checkAccessToken(token string, now time.Time) (int64, *apiError) {
	if token == "" {
		return 0, newError(doudian.CodeMissingPlatformArg, "isv.access-token-missing", "缺少 access_token")
	}
	state, ok := s.access[token]
	if !ok {
		return 0, newError(doudian.CodeInvalidPlatformArg, "isv.access-token-no-existed", "access_token 不存在")
	}
	if !now.Before(state.expiresAt) {
		return 0, newError(doudian.CodeInvalidPlatformArg, "isv.access-token-expired", "access_token 已过期")
	}
	return state.shopID, nil
}

// IssuedTokens returns every access and refresh token issued so far, for tests that check that
// no token reaches a log.
func (s *Simulator) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	tokens := make([]string, 0, len(s.access)+len(s.refresh))
	for token := range s.access {
		tokens = append(tokens, token)
	}
	for token := range s.refresh {
		tokens = append(tokens, token)
	}
	return tokens
}
