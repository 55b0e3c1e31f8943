package doudian

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestAPIError_Classification(t *testing.T) {
	tests := []struct {
		name                                  string
		err                                   APIError
		retryable, fatal, badInput, intercept bool
	}{
		{"service unavailable", APIError{Code: 20000, SubCode: "isp.service-error"}, true, false, false, false},
		{"rate limited", APIError{Code: 60000, SubCode: "isv.traffic-limited"}, true, false, false, false},
		{"no permission", APIError{Code: 30001}, false, true, false, false},
		{"ip not whitelisted", APIError{Code: 30002}, false, true, false, false},
		{"api offline", APIError{Code: 70000}, false, true, false, false},
		{"token expired after refresh", APIError{Code: 40003, SubCode: "isv.access-token-expired"}, false, true, false, false},
		{"token missing", APIError{Code: 40001, SubCode: "isv.access-token-missing"}, false, true, false, false},
		{"wrong secret", APIError{Code: 40003, SubCode: "isv.signature-invalid"}, false, true, false, false},
		{"timestamp off is not fatal", APIError{Code: 40003, SubCode: "isv.timestamp-invalid"}, false, false, false, false},
		{"missing business parameter", APIError{Code: 40002}, false, false, true, false},
		{"invalid business parameter", APIError{Code: 40004}, false, false, true, false},
		{"bad tracking number", APIError{Code: 50002, BizCode: 60017}, false, false, true, false},
		{"cancelled as business failure", APIError{Code: 50002, BizCode: 60021}, false, false, false, true},
		{"refund pending as business failure", APIError{Code: 50002, BizCode: 60040}, false, false, false, true},
		{"cancelled as legacy code", APIError{Code: 60021}, false, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Retryable(); got != tt.retryable {
				t.Errorf("Retryable = %v, want %v", got, tt.retryable)
			}
			if got := tt.err.Fatal(); got != tt.fatal {
				t.Errorf("Fatal = %v, want %v", got, tt.fatal)
			}
			if got := tt.err.BadInput(); got != tt.badInput {
				t.Errorf("BadInput = %v, want %v", got, tt.badInput)
			}
			if got := tt.err.Intercept(); got != tt.intercept {
				t.Errorf("Intercept = %v, want %v", got, tt.intercept)
			}
			wrapped := fmt.Errorf("ship: %w", &tt.err)
			if got := IsRetryable(wrapped); got != tt.retryable {
				t.Errorf("IsRetryable = %v, want %v", got, tt.retryable)
			}
		})
	}
}

func TestIsRetryable_Unavailable(t *testing.T) {
	if !IsRetryable(fmt.Errorf("order.searchList: %w", ErrUnavailable)) {
		t.Error("IsRetryable(wrapped ErrUnavailable) = false")
	}
	if IsRetryable(errors.New("other")) {
		t.Error("IsRetryable(plain error) = true")
	}
}

func TestEnvelope_BothForms(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantCode int // 0 for success
		wantBiz  int
	}{
		{"current success", `{"code":10000,"msg":"success","data":{}}`, 0, 0},
		{"partial failure counts as success", `{"code":10001,"msg":"部分成功","data":{}}`, 0, 0},
		{"current business failure", `{"code":50002,"sub_code":"isv.business-failed:60040","data":{}}`, 50002, 60040},
		{"legacy success", `{"err_no":0,"message":"success","data":{}}`, 0, 0},
		{"legacy failure", `{"err_no":60021,"message":"订单已取消","data":{}}`, 60021, 60021},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var env envelope
			if err := json.Unmarshal([]byte(tt.body), &env); err != nil {
				t.Fatal(err)
			}
			apiErr := env.apiError("m")
			if tt.wantCode == 0 {
				if apiErr != nil {
					t.Fatalf("apiError = %v, want success", apiErr)
				}
				return
			}
			if apiErr == nil {
				t.Fatal("apiError = nil, want an error")
			}
			if apiErr.Code != tt.wantCode || apiErr.BizCode != tt.wantBiz {
				t.Errorf("code %d biz %d, want %d biz %d", apiErr.Code, apiErr.BizCode, tt.wantCode, tt.wantBiz)
			}
		})
	}
}

func TestEbillError_ErrCodeNumberOrString(t *testing.T) {
	for _, body := range []string{`{"order_id":"1","err_code":1002,"err_msg":"x"}`, `{"order_id":"1","err_code":"1002","err_msg":"x"}`} {
		var e EbillError
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			t.Fatalf("Unmarshal(%s): %v", body, err)
		}
		if e.ErrCode != 1002 || e.OrderID != "1" || e.ErrMsg != "x" {
			t.Errorf("Unmarshal(%s) = %+v", body, e)
		}
	}
}
