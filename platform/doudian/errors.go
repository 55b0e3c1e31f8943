package doudian

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Main response codes of the platform envelope.
const (
	CodeSuccess            = 10000
	CodePartialFailure     = 10001
	CodeServiceUnavailable = 20000
	CodeNoPermission       = 30001
	CodeIPNotWhitelisted   = 30002
	CodeMissingPlatformArg = 40001
	CodeMissingBizArg      = 40002
	CodeInvalidPlatformArg = 40003
	CodeInvalidBizArg      = 40004
	CodeBusinessFailed     = 50002
	CodeRateLimited        = 60000
	CodeAPIOffline         = 70000
)

// Business codes carried as N in the sub_code "isv.business-failed:N".
const (
	BizOrderCancelled     = 60021
	BizRefundPending      = 60040
	BizAlreadyShipped     = 60110
	BizBadTrackNo         = 60017
	BizUnsupportedCourier = 60018
	BizReceiversDiffer    = 70021
	BizTrackNoReused      = 70022

	// BizDecryptQuota is the business code of an exhausted decryption quota.
	// NOTE: the platform's number for it is not published; the simulator uses the same value.
	BizDecryptQuota = 300011
)

// Sub codes the client recognises.
const (
	businessFailedSubCode = "isv.business-failed:"
	subCodeTokenExpired   = "isv.access-token-expired"
	subCodeTokenUnknown   = "isv.access-token-no-existed"
	subCodeSignatureWrong = "isv.signature-invalid"
	subCodeTokenPrefix    = "isv.access-token"
	subCodeRefreshPrefix  = "isv.refresh-token"
	subCodeAppKeyPrefix   = "isv.app-key"
)

var (
	// ErrUnavailable is wrapped by every transport failure: a timeout, a refused or dropped
	// connection, an HTTP 5xx status or a body that is not a platform envelope. Callers treat
	// it as "offline" and retry later.
	ErrUnavailable = errors.New("doudian: platform unavailable")

	// ErrTooManyItems is returned before any request when a batch passes the platform's
	// per-call limit (50 order_infos for newCreateOrder).
	ErrTooManyItems = errors.New("doudian: too many items in one call")

	// ErrNoRefreshToken is returned by RefreshToken when the client holds no refresh token.
	ErrNoRefreshToken = errors.New("doudian: no refresh token")

	// ErrNeedAuthorization is returned by EnsureToken when the client has no usable token and
	// no shop id to create one with: the shop must authorize the app again.
	ErrNeedAuthorization = errors.New("doudian: no usable token; authorize the app for the shop again")

	// ErrDecryptQuota is wrapped by BatchDecrypt when the shop's daily decryption quota is used
	// up. Print with the masked receiver or wait for the next day.
	ErrDecryptQuota = errors.New("doudian: daily decryption quota used up")

	// ErrInsufficientBalance is returned by CheckWaybillBalance when the courier outlets hold
	// fewer waybills than a batch needs.
	ErrInsufficientBalance = errors.New("doudian: waybill balance too low for the batch")

	// ErrWindowTooDense is returned by ForEachUpdatedOrder when more orders share one
	// update_time second than a query may page through (50,000).
	ErrWindowTooDense = errors.New("doudian: more orders in one second than a query may page through")
)

// APIError is a platform reply whose code is not success.
type APIError struct {
	Method  string
	Code    int
	SubCode string
	Msg     string
	SubMsg  string
	LogID   string
	// BizCode is N of the sub_code "isv.business-failed:N", or 0 if the sub_code has no such
	// form. Legacy replies that carry a business code directly as err_no set it too.
	BizCode int
}

// Error formats the method, codes and messages. It never contains parameters or tokens.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "doudian %s: code %d", e.Method, e.Code)
	if e.SubCode != "" {
		b.WriteString(" " + e.SubCode)
	}
	if e.Msg != "" {
		b.WriteString(": " + e.Msg)
	}
	if e.SubMsg != "" {
		b.WriteString(": " + e.SubMsg)
	}
	if e.LogID != "" {
		b.WriteString(" (log_id " + e.LogID + ")")
	}
	return b.String()
}

// Retryable reports a temporary platform condition (service unavailable, rate limited) that a
// retry with back-off may clear.
func (e *APIError) Retryable() bool {
	return e.Code == CodeServiceUnavailable || e.Code == CodeRateLimited
}

// Fatal reports a condition that no retry clears, so the user must fix it. These are a missing
// permission, an IP outside the whitelist, an API taken offline and a wrong app key or secret.
// An access or refresh token that is missing or invalid is fatal too, because Call has
// already tried its one refresh.
func (e *APIError) Fatal() bool {
	switch e.Code {
	case CodeNoPermission, CodeIPNotWhitelisted, CodeAPIOffline:
		return true
	case CodeMissingPlatformArg, CodeInvalidPlatformArg:
		return strings.HasPrefix(e.SubCode, subCodeTokenPrefix) ||
			strings.HasPrefix(e.SubCode, subCodeRefreshPrefix) ||
			strings.HasPrefix(e.SubCode, subCodeAppKeyPrefix) ||
			e.SubCode == subCodeSignatureWrong
	}
	return false
}

// BadInput reports that the request itself was rejected: a missing or invalid business
// parameter, or a business failure that is not an intercept. Such an order belongs in the
// exception queue, not in a retry loop.
func (e *APIError) BadInput() bool {
	switch e.Code {
	case CodeMissingBizArg, CodeInvalidBizArg:
		return true
	case CodeBusinessFailed:
		return !e.Intercept()
	}
	return false
}

// Intercept reports that the order must not ship: it was cancelled (60021) or the buyer asked
// for a refund (60040). Both the direct code and the 50002 business-failed form count.
func (e *APIError) Intercept() bool {
	switch {
	case e.Code == BizOrderCancelled, e.Code == BizRefundPending:
		return true
	case e.BizCode == BizOrderCancelled, e.BizCode == BizRefundPending:
		return true
	}
	return false
}

// IsIntercept is Intercept under the name some callers expect.
func (e *APIError) IsIntercept() bool { return e.Intercept() }

// isBiz reports whether the error carries business code code in either form.
func (e *APIError) isBiz(code int) bool {
	return e.Code == code || e.BizCode == code
}

// tokenExpired reports the condition that Call handles with a new token:
// the access token expired, or the platform does not know it (revoked, or
// issued before the platform lost it).
func (e *APIError) tokenExpired() bool {
	return e.Code == CodeInvalidPlatformArg && (e.SubCode == subCodeTokenExpired || e.SubCode == subCodeTokenUnknown)
}

// IsRetryable reports whether err is a retryable platform reply or wraps ErrUnavailable.
func IsRetryable(err error) bool {
	if errors.Is(err, ErrUnavailable) {
		return true
	}
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Retryable()
}

// parseBizCode extracts N from "isv.business-failed:N", or returns 0.
func parseBizCode(subCode string) int {
	rest, ok := strings.CutPrefix(subCode, businessFailedSubCode)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return 0
	}
	return n
}
