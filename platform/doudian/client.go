package doudian

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/rs/zerolog"
)

// DefaultTimeout is the per-request timeout when Config.Timeout is zero; the official SDK uses
// the same 12 seconds.
const DefaultTimeout = 12 * time.Second

// Config of one shop connection.
type Config struct {
	BaseURL    string // e.g. "http://127.0.0.1:34567"; the real gateway is https://openapi-fxg.jinritemai.com
	AppKey     string
	AppSecret  string
	ShopID     int64          // sent by token.create with grant_type=authorization_self
	SignMethod string         // "hmac-sha256" (default) or "md5"
	Timeout    time.Duration  // per request; default DefaultTimeout
	Logger     zerolog.Logger // zero value discards

	// TimestampFormat selects how the timestamp query value is written: TimestampUnix (the
	// default, as the current SDKs send it) or TimestampDateTime (the older guide's form).
	TimestampFormat TimestampFormat
	// Retry bounds the repetition of requests that failed with a retryable error. The zero
	// value retries with the defaults; set Attempts to 1 to turn retries off.
	Retry RetryPolicy
	// RefreshBefore is how long before its expiry EnsureToken refreshes an access token;
	// default DefaultRefreshBefore.
	RefreshBefore time.Duration

	// OnToken, when set, receives every token the client obtains (create or refresh) so that
	// the caller can persist it. It runs synchronously inside the call that got the token.
	OnToken func(Token)
	// Now is the clock for request timestamps and token expiry; default time.Now. Tests set it
	// to the simulator's clock because the platform rejects timestamps more than 10 minutes off.
	Now func() time.Time
}

// Client calls the platform for one shop. It is safe for concurrent use.
type Client struct {
	cfg   Config
	http  *resty.Client
	log   zerolog.Logger
	now   func() time.Time
	retry RetryPolicy

	mu    sync.Mutex
	token Token

	// refreshMu serialises refreshes so that concurrent calls that all see an expired token
	// refresh it once.
	refreshMu sync.Mutex
}

// New returns a client for cfg, filling in defaults.
func New(cfg Config) *Client {
	if cfg.SignMethod == "" {
		cfg.SignMethod = SignMethodHMACSHA256
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.RefreshBefore <= 0 {
		cfg.RefreshBefore = DefaultRefreshBefore
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}

	// Resty's own log lines quote request URLs, whose query carries the access token, so its
	// logger is silenced and the client logs structured events itself.
	httpClient := resty.New().
		SetBaseURL(strings.TrimSuffix(cfg.BaseURL, "/")).
		SetTimeout(cfg.Timeout).
		SetLogger(discardRestyLogger{})

	return &Client{cfg: cfg, http: httpClient, log: cfg.Logger, now: now, retry: cfg.Retry.withDefaults()}
}

// envelope is the union of the current reply form (code, msg, sub_code, sub_msg, log_id) and
// the legacy one (err_no, message).
type envelope struct {
	Code    *int            `json:"code"`
	Msg     string          `json:"msg"`
	SubCode string          `json:"sub_code"`
	SubMsg  string          `json:"sub_msg"`
	LogID   string          `json:"log_id"`
	ErrNo   *int            `json:"err_no"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// Call signs and POSTs one platform method and decodes the reply's data into out, which may be
// nil. The path is the method with dots turned into slashes. A non-success reply returns an
// *APIError; a partial failure (10001) counts as success so that the caller reads the per-item
// errors in out. Retryable failures are repeated as Config.Retry allows. When the platform
// reports an expired access token, Call refreshes the token once and repeats the request.
func (c *Client) Call(ctx context.Context, method string, params any, out any) error {
	return c.withRetry(ctx, method, func() error {
		return c.callRefreshingOnce(ctx, method, params, out)
	})
}

// callRefreshingOnce performs one request and, when the access token has expired, one refresh
// and one repeat.
func (c *Client) callRefreshingOnce(ctx context.Context, method string, params any, out any) error {
	accessToken := c.Token().AccessToken
	err := c.call(ctx, method, params, out, accessToken)

	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.tokenExpired() || isTokenMethod(method) {
		return err
	}

	c.log.Info().Str("method", method).Msg("doudian access token expired, refreshing")
	if refreshErr := c.refreshAfterExpiry(ctx, accessToken); refreshErr != nil {
		return fmt.Errorf("%s: refresh after expired token: %w", method, refreshErr)
	}
	return c.call(ctx, method, params, out, c.Token().AccessToken)
}

// call performs one signed request without any retry.
func (c *Client) call(ctx context.Context, method string, params any, out any, accessToken string) error {
	paramJSON, err := CanonicalJSON(params)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}

	timestamp := FormatTimestamp(c.now(), c.cfg.TimestampFormat)
	query := map[string]string{
		"app_key":     c.cfg.AppKey,
		"method":      method,
		"v":           "2",
		"timestamp":   timestamp,
		"sign":        Sign(method, c.cfg.AppKey, c.cfg.AppSecret, string(paramJSON), timestamp, c.cfg.SignMethod),
		"sign_method": c.cfg.SignMethod,
	}
	if accessToken != "" {
		query["access_token"] = accessToken
	}

	started := time.Now()
	resp, err := c.http.R().
		SetContext(ctx).
		SetQueryParams(query).
		SetHeader("Content-Type", "application/json").
		SetBody(paramJSON).
		Post(MethodPath(method))
	if err != nil {
		return c.transportError(ctx, method, err)
	}

	if resp.StatusCode() >= 500 {
		c.log.Warn().Str("method", method).Int("http_status", resp.StatusCode()).Msg("doudian gateway error")
		return fmt.Errorf("%s: HTTP %d: %w", method, resp.StatusCode(), ErrUnavailable)
	}

	var env envelope
	if err := json.Unmarshal(resp.Body(), &env); err != nil || (env.Code == nil && env.ErrNo == nil) {
		c.log.Warn().Str("method", method).Int("http_status", resp.StatusCode()).Msg("doudian reply is not an envelope")
		return fmt.Errorf("%s: HTTP %d with a body that is not a platform envelope: %w",
			method, resp.StatusCode(), ErrUnavailable)
	}

	apiErr := env.apiError(method)
	event := c.log.Debug()
	if apiErr != nil {
		event = c.log.Warn()
	}
	event.Str("method", method).
		Int("code", apiErr.codeOrSuccess()).
		Str("sub_code", env.SubCode).
		Str("log_id", env.LogID).
		Dur("took", time.Since(started)).
		Msg("doudian call")
	if apiErr != nil {
		return apiErr
	}

	return decodeData(method, env.Data, out)
}

// transportError wraps a failed HTTP exchange. The *url.Error that net/http returns quotes the
// full URL, access token included, so only its cause is kept.
func (c *Client) transportError(ctx context.Context, method string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%s: %w", method, ctxErr)
	}
	c.log.Warn().Str("method", method).Err(err).Msg("doudian request failed")
	return fmt.Errorf("%s: %w: %w", method, ErrUnavailable, err)
}

// apiError returns nil for a success envelope, else the error it describes.
func (env *envelope) apiError(method string) *APIError {
	if env.Code != nil {
		if *env.Code == CodeSuccess || *env.Code == CodePartialFailure {
			return nil
		}
		return &APIError{
			Method:  method,
			Code:    *env.Code,
			SubCode: env.SubCode,
			Msg:     env.Msg,
			SubMsg:  env.SubMsg,
			LogID:   env.LogID,
			BizCode: parseBizCode(env.SubCode),
		}
	}

	if *env.ErrNo == 0 {
		return nil
	}
	// Legacy replies put the business code itself in err_no.
	return &APIError{Method: method, Code: *env.ErrNo, Msg: env.Message, LogID: env.LogID, BizCode: *env.ErrNo}
}

// codeOrSuccess returns the code for logging, CodeSuccess for a nil error.
func (e *APIError) codeOrSuccess() int {
	if e == nil {
		return CodeSuccess
	}
	return e.Code
}

// decodeData decodes data into out without passing numbers through float64.
func decodeData(method string, data json.RawMessage, out any) error {
	if out == nil || len(data) == 0 || bytes.Equal(data, []byte("null")) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("%s: decode data: %w", method, err)
	}
	return nil
}

// MethodPath returns the HTTP path of a method: dots become slashes, case is kept.
func MethodPath(method string) string {
	return "/" + strings.ReplaceAll(method, ".", "/")
}

// isTokenMethod reports the methods that run without an access token.
func isTokenMethod(method string) bool {
	return method == methodTokenCreate || method == methodTokenRefresh
}

// discardRestyLogger drops resty's log lines.
type discardRestyLogger struct{}

func (discardRestyLogger) Errorf(string, ...any) {}
func (discardRestyLogger) Warnf(string, ...any)  {}
func (discardRestyLogger) Debugf(string, ...any) {}
