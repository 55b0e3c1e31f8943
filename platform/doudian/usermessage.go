package doudian

import (
	"context"
	"errors"
	"strings"
)

// Translation keys of the messages shown to a packer for platform errors. The texts, in Simplified
// Chinese and English, are in assets/translations/shop.*.json.
const (
	MsgNoPermission     = "shop.err.no_permission"
	MsgIPNotWhitelisted = "shop.err.ip_not_whitelisted"
	MsgAPIOffline       = "shop.err.api_offline"
	MsgSignature        = "shop.err.signature"
	MsgToken            = "shop.err.token"
	MsgTimestamp        = "shop.err.timestamp"
	MsgUnavailable      = "shop.err.unavailable"
	MsgRateLimited      = "shop.err.rate_limited"
	MsgBadInput         = "shop.err.bad_input"
	MsgOrderCancelled   = "shop.err.order_cancelled"
	MsgRefundPending    = "shop.err.refund_pending"
	MsgAlreadyShipped   = "shop.err.already_shipped"
	MsgDecryptQuota     = "shop.err.decrypt_quota"
	MsgBalance          = "shop.err.balance"
	MsgAuthorize        = "shop.err.authorize"
	MsgUnknown          = "shop.err.unknown"
)

// UserMessageKey returns the translation key of the message that explains to a packer what
// went wrong and what to do. Errors outside the platform's codes map to MsgUnknown.
func (e *APIError) UserMessageKey() string {
	switch {
	case e.Code == CodeNoPermission:
		return MsgNoPermission
	case e.Code == CodeIPNotWhitelisted:
		return MsgIPNotWhitelisted
	case e.Code == CodeAPIOffline:
		return MsgAPIOffline
	case e.Code == CodeServiceUnavailable:
		return MsgUnavailable
	case e.Code == CodeRateLimited:
		return MsgRateLimited
	case e.isBiz(BizOrderCancelled):
		return MsgOrderCancelled
	case e.isBiz(BizRefundPending):
		return MsgRefundPending
	case e.isBiz(BizAlreadyShipped):
		return MsgAlreadyShipped
	case e.isBiz(BizDecryptQuota):
		return MsgDecryptQuota
	case e.SubCode == "isv.timestamp-invalid":
		return MsgTimestamp
	case e.SubCode == subCodeSignatureWrong, strings.HasPrefix(e.SubCode, subCodeAppKeyPrefix):
		return MsgSignature
	case strings.HasPrefix(e.SubCode, subCodeTokenPrefix), strings.HasPrefix(e.SubCode, subCodeRefreshPrefix):
		return MsgToken
	case e.BadInput():
		return MsgBadInput
	}
	return MsgUnknown
}

// UserMessageKey returns the translation key for any error of this package: that of an
// *APIError, MsgUnavailable for transport failures and timeouts, and the keys of the named
// errors. It returns "" for nil.
func UserMessageKey(err error) string {
	var apiErr *APIError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrDecryptQuota):
		return MsgDecryptQuota
	case errors.Is(err, ErrInsufficientBalance):
		return MsgBalance
	case errors.Is(err, ErrNeedAuthorization), errors.Is(err, ErrNoRefreshToken):
		return MsgAuthorize
	case errors.As(err, &apiErr):
		return apiErr.UserMessageKey()
	case errors.Is(err, ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return MsgUnavailable
	}
	return MsgUnknown
}
