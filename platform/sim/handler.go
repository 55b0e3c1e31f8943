package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

// maxTimestampDrift is how far a request timestamp may be from the simulator's clock.
const maxTimestampDrift = 10 * time.Minute

// maxBodyBytes bounds a request body; real parameter objects are a few kilobytes.
const maxBodyBytes = 4 << 20

// chinaTime is UTC+8, the zone of the older "yyyy-MM-dd HH:mm:ss" timestamps.
var chinaTime = time.FixedZone("CST", 8*60*60)

// codeMessages are the msg texts of the main codes.
var codeMessages = map[int]string{
	doudian.CodeSuccess:            "success",
	doudian.CodePartialFailure:     "部分成功",
	doudian.CodeServiceUnavailable: "服务不可用",
	doudian.CodeNoPermission:       "无权限",
	doudian.CodeIPNotWhitelisted:   "IP不在白名单中",
	doudian.CodeMissingPlatformArg: "缺少平台参数",
	doudian.CodeMissingBizArg:      "缺少业务参数",
	doudian.CodeInvalidPlatformArg: "平台参数不合法",
	doudian.CodeInvalidBizArg:      "业务参数不合法",
	doudian.CodeBusinessFailed:     "业务处理失败",
	doudian.CodeRateLimited:        "请求过于频繁",
	doudian.CodeAPIOffline:         "API已下线",
}

// failSubCodes are the sub codes that FailNext sends with each main code.
var failSubCodes = map[int]string{
	doudian.CodeServiceUnavailable: "isp.service-error",
	doudian.CodeNoPermission:       "isv.app-permissions-insufficient",
	doudian.CodeIPNotWhitelisted:   "isv.invalid_ip",
	doudian.CodeRateLimited:        "isv.traffic-limited",
	doudian.CodeAPIOffline:         "isp.api-service-off",
}

// apiError is a non-success reply.
type apiError struct {
	code    int
	subCode string
	subMsg  string
}

func newError(code int, subCode, subMsg string) *apiError {
	return &apiError{code: code, subCode: subCode, subMsg: subMsg}
}

// businessError is the 50002 form of a business code N: sub_code "isv.business-failed:N".
func businessError(bizCode int, subMsg string) *apiError {
	return newError(doudian.CodeBusinessFailed, "isv.business-failed:"+strconv.Itoa(bizCode), subMsg)
}

func missingParam(name string) *apiError {
	return newError(doudian.CodeMissingBizArg, "isv.missing-parameter:"+name, "缺少参数 "+name)
}

func invalidParam(name, why string) *apiError {
	return newError(doudian.CodeInvalidBizArg, "isv.parameter-invalid:"+name, why)
}

// request is one authenticated call passed to a method handler.
type request struct {
	method string
	body   []byte
	now    time.Time
	shopID int64 // the access token's shop; 0 for token methods
}

// methodHandler serves one platform method. It runs with s.mu held.
type methodHandler func(s *Simulator, req *request) (data any, err *apiError)

var methodHandlers = map[string]methodHandler{
	"token.create":                 (*Simulator).handleTokenCreate,
	"token.refresh":                (*Simulator).handleTokenRefresh,
	"order.searchList":             (*Simulator).handleSearchList,
	"order.orderDetail":            (*Simulator).handleOrderDetail,
	"order.batchDecrypt":           (*Simulator).handleBatchDecrypt,
	"logistics.newCreateOrder":     (*Simulator).handleNewCreateOrder,
	"logistics.cancelOrder":        (*Simulator).handleCancelOrder,
	"logistics.listShopNetsite":    (*Simulator).handleListShopNetsite,
	"logistics.trackNoRouteDetail": (*Simulator).handleTrackNoRouteDetail,
	"order.logisticsCompanyList":   (*Simulator).handleLogisticsCompanyList,
	"order.logisticsAddSinglePack": (*Simulator).handleAddSinglePack,
	"order.logisticsAddMultiPack":  (*Simulator).handleAddMultiPack,
}

func (s *Simulator) serveHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.requests.Add(1)
	started := time.Now()

	s.mu.Lock()
	latency, unavailable, slowReply := s.latency, s.unavailable, s.faults.slowReply
	fault, pushes := s.pickFault(n)
	s.mu.Unlock()
	s.sendPushes(pushes)

	if latency > 0 && !sleepCtx(r, latency) {
		return
	}
	if unavailable {
		s.log.Debug().Str("path", r.URL.Path).Int("http_status", http.StatusServiceUnavailable).Msg("simulator request")
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return
	}
	if s.failBeforeHandling(w, fault) {
		s.log.Debug().Str("path", r.URL.Path).Int("fault", int(fault)).Msg("simulator request failed on purpose")
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "only POST is served", http.StatusMethodNotAllowed)
		return
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		http.Error(w, "read body failed", http.StatusBadRequest)
		return
	}

	s.mu.Lock()
	method := r.URL.Query().Get("method")
	data, apiErr := s.handle(r, body)
	logID := s.nextLogID()
	s.mu.Unlock()

	code := doudian.CodeSuccess
	if apiErr != nil {
		code = apiErr.code
	}
	s.log.Debug().Str("method", method).Int("code", code).Str("log_id", logID).Int("fault", int(fault)).
		Dur("took", time.Since(started)).Msg("simulator request")

	switch fault {
	case FaultLostReply:
		dropConnection(w)
		return
	case FaultSlowReply:
		if !sleepCtx(r, slowReply) {
			return
		}
	}
	writeEnvelope(w, logID, data, apiErr)
}

// sleepCtx waits d and reports false when the client went away first.
func sleepCtx(r *http.Request, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// handle checks the platform parameters and runs the method. It runs with s.mu held.
func (s *Simulator) handle(r *http.Request, body []byte) (any, *apiError) {
	if s.failLeft > 0 {
		s.failLeft--
		return nil, newError(s.failCode, failSubCodes[s.failCode], "simulated failure")
	}

	now := s.opts.Now()
	query := r.URL.Query()
	method := query.Get("method")
	if apiErr := s.checkRequest(r, query.Get, body, now); apiErr != nil {
		return nil, apiErr
	}

	handler, ok := methodHandlers[method]
	if !ok {
		return nil, newError(doudian.CodeInvalidPlatformArg, "isv.method-invalid", "unknown method "+method)
	}
	req := &request{method: method, body: body, now: now}
	if method != "token.create" && method != "token.refresh" {
		shopID, apiErr := s.checkAccessToken(query.Get("access_token"), now)
		if apiErr != nil {
			return nil, apiErr
		}
		req.shopID = shopID
	}
	return handler(s, req)
}

// checkRequest verifies app key, method path, version, timestamp and signature.
func (s *Simulator) checkRequest(r *http.Request, get func(string) string, body []byte, now time.Time) *apiError {
	appKey, method, timestamp, sign := get("app_key"), get("method"), get("timestamp"), get("sign")
	switch {
	case appKey == "":
		return newError(doudian.CodeMissingPlatformArg, "isv.app-key-missing", "缺少 app_key")
	case appKey != s.opts.AppKey:
		return newError(doudian.CodeInvalidPlatformArg, "isv.app-key-invalid", "app_key 不存在")
	case method == "":
		return newError(doudian.CodeMissingPlatformArg, "isv.method-missing", "缺少 method")
	case r.URL.Path != doudian.MethodPath(method):
		return newError(doudian.CodeInvalidPlatformArg, "isv.method-invalid", "路径与 method 不一致")
	case get("v") != "2":
		return newError(doudian.CodeInvalidPlatformArg, "isv.version-invalid", "v 必须为 2")
	case timestamp == "":
		return newError(doudian.CodeMissingPlatformArg, "isv.timestamp-missing", "缺少 timestamp")
	case sign == "":
		return newError(doudian.CodeMissingPlatformArg, "isv.signature-missing", "缺少 sign")
	}

	at, ok := parseTimestamp(timestamp)
	if !ok || at.Sub(now).Abs() > maxTimestampDrift {
		return newError(doudian.CodeInvalidPlatformArg, "isv.timestamp-invalid", "timestamp 与服务器时间相差超过10分钟")
	}

	signMethod := get("sign_method")
	if signMethod != "" && signMethod != doudian.SignMethodHMACSHA256 && signMethod != doudian.SignMethodMD5 {
		return newError(doudian.CodeInvalidPlatformArg, "isv.sign-method-invalid", "不支持的 sign_method")
	}
	// The signature covers the body exactly as received; a client that does not send
	// canonical JSON signs a different text than the one it sends and fails here.
	paramJSON := string(body)
	if len(bytes.TrimSpace(body)) == 0 {
		paramJSON = "{}"
	}
	if doudian.Sign(method, appKey, s.opts.AppSecret, paramJSON, timestamp, signMethod) != sign {
		return newError(doudian.CodeInvalidPlatformArg, "isv.signature-invalid", "签名不正确")
	}
	return nil
}

// parseTimestamp accepts Unix seconds or "yyyy-MM-dd HH:mm:ss" in UTC+8.
func parseTimestamp(value string) (time.Time, bool) {
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		return time.Unix(seconds, 0), true
	}
	at, err := time.ParseInLocation(time.DateTime, value, chinaTime)
	return at, err == nil
}

// decodeParams decodes a request body into v, keeping numbers exact.
func decodeParams(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return invalidParam("param_json", "param_json 不是合法的 JSON 对象")
	}
	return nil
}

// nextLogID returns a log id in the platform's shape: a time stamp and a sequence number.
func (s *Simulator) nextLogID() string {
	s.logSeq++
	return fmt.Sprintf("%s%010dSIM", s.opts.Now().In(chinaTime).Format("20060102150405"), s.logSeq)
}

func writeEnvelope(w http.ResponseWriter, logID string, data any, apiErr *apiError) {
	reply := struct {
		Code    int    `json:"code"`
		Msg     string `json:"msg"`
		SubCode string `json:"sub_code"`
		SubMsg  string `json:"sub_msg"`
		LogID   string `json:"log_id"`
		Data    any    `json:"data"`
	}{Code: doudian.CodeSuccess, Msg: codeMessages[doudian.CodeSuccess], LogID: logID, Data: data}

	if apiErr != nil {
		reply.Code, reply.SubCode, reply.SubMsg = apiErr.code, apiErr.subCode, apiErr.subMsg
		reply.Msg = codeMessages[apiErr.code]
		reply.Data = struct{}{}
	}
	if reply.Data == nil {
		reply.Data = struct{}{}
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(reply); err != nil {
		http.Error(w, "encode reply failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// splitStatuses parses a comma list of order statuses.
func splitStatuses(list string) (map[int]bool, bool) {
	statuses := map[int]bool{}
	for part := range strings.SplitSeq(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, false
		}
		statuses[n] = true
	}
	return statuses, true
}
