package doudian_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/printstation/printstation/platform/doudian"
)

func TestUserMessageKey_PerError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no permission", &doudian.APIError{Code: 30001, SubCode: "isv.app-permissions-insufficient"}, doudian.MsgNoPermission},
		{"ip outside whitelist", &doudian.APIError{Code: 30002, SubCode: "isv.invalid_ip"}, doudian.MsgIPNotWhitelisted},
		{"api offline", &doudian.APIError{Code: 70000, SubCode: "isp.api-service-off"}, doudian.MsgAPIOffline},
		{"wrong signature", &doudian.APIError{Code: 40003, SubCode: "isv.signature-invalid"}, doudian.MsgSignature},
		{"unknown app key", &doudian.APIError{Code: 40003, SubCode: "isv.app-key-invalid"}, doudian.MsgSignature},
		{"token expired", &doudian.APIError{Code: 40003, SubCode: "isv.access-token-expired"}, doudian.MsgToken},
		{"refresh token gone", &doudian.APIError{Code: 40003, SubCode: "isv.refresh-token-no-existed"}, doudian.MsgToken},
		{"clock off", &doudian.APIError{Code: 40003, SubCode: "isv.timestamp-invalid"}, doudian.MsgTimestamp},
		{"service unavailable", &doudian.APIError{Code: 20000}, doudian.MsgUnavailable},
		{"rate limited", &doudian.APIError{Code: 60000}, doudian.MsgRateLimited},
		{"missing parameter", &doudian.APIError{Code: 40002, SubCode: "isv.missing-parameter:x"}, doudian.MsgBadInput},
		{"bad tracking number", &doudian.APIError{Code: 50002, SubCode: "isv.business-failed:60017", BizCode: 60017}, doudian.MsgBadInput},
		{"cancelled", &doudian.APIError{Code: 50002, BizCode: 60021}, doudian.MsgOrderCancelled},
		{"refund pending", &doudian.APIError{Code: 50002, BizCode: 60040}, doudian.MsgRefundPending},
		{"already shipped", &doudian.APIError{Code: 50002, BizCode: 60110}, doudian.MsgAlreadyShipped},
		{"wrapped api error", fmt.Errorf("write back: %w", &doudian.APIError{Code: 30002}), doudian.MsgIPNotWhitelisted},
		{"transport failure", fmt.Errorf("x: %w", doudian.ErrUnavailable), doudian.MsgUnavailable},
		{"deadline", context.DeadlineExceeded, doudian.MsgUnavailable},
		{"decrypt quota", doudian.ErrDecryptQuota, doudian.MsgDecryptQuota},
		{"other", errors.New("disk full"), doudian.MsgUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := doudian.UserMessageKey(tt.err); got != tt.want {
				t.Errorf("UserMessageKey(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func TestUserMessageKey_TextsInBothLanguages(t *testing.T) {
	keys := []string{
		doudian.MsgNoPermission, doudian.MsgIPNotWhitelisted, doudian.MsgAPIOffline, doudian.MsgSignature,
		doudian.MsgToken, doudian.MsgTimestamp, doudian.MsgUnavailable, doudian.MsgRateLimited,
		doudian.MsgBadInput, doudian.MsgOrderCancelled, doudian.MsgRefundPending, doudian.MsgAlreadyShipped,
		doudian.MsgDecryptQuota, doudian.MsgBalance, doudian.MsgAuthorize, doudian.MsgUnknown,
	}
	for _, file := range []string{"shop.en.json", "shop.zh-Hans.json"} {
		raw, err := os.ReadFile("../../assets/translations/" + file)
		if err != nil {
			t.Fatal(err)
		}
		var texts map[string]string
		if err := json.Unmarshal(raw, &texts); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, key := range keys {
			if texts[key] == "" {
				t.Errorf("%s has no text for %s", file, key)
			}
		}
		if len(texts) != len(keys) {
			t.Errorf("%s has %d texts, the package uses %d keys", file, len(texts), len(keys))
		}
	}
}
