package doudian

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/rs/zerolog"
)

// PushTag is the kind of a push message.
type PushTag int

// Push message tags that the station acts on.
const (
	TagOrderPaid         PushTag = 101 // 支付成功: a new order to print
	TagAddressChanged    PushTag = 105 // 收货地址变更: reprint with the new address
	TagOrderCancelled    PushTag = 106 // 订单取消: intercept the parcel
	TagShipByTimeChanged PushTag = 126 // 承诺发货时间变更: the ship-by time moved
	maxPushBodyBytes             = 1 << 20
	pushSignHeader               = "event-sign"
	pushReplySuccessJSON         = `{"code":0,"msg":"success"}`
)

// PushEvent is one push message of a handled tag. OrderID is the shop (parent) order id.
type PushEvent struct {
	Tag     PushTag
	MsgID   string
	OrderID string
	ShopID  int64
	// Data is the message's own JSON object, for fields beyond the order id.
	Data json.RawMessage
}

// PushSign returns the event-sign of a push body: the lowercase hex MD5 of app key, body and
// app secret, concatenated.
func PushSign(appKey, appSecret string, body []byte) string {
	h := md5.New()
	h.Write([]byte(appKey))
	h.Write(body)
	h.Write([]byte(appSecret))
	return hex.EncodeToString(h.Sum(nil))
}

// PushHandler receives the platform's push messages. It checks the event-sign header, decodes
// the array of {tag, msg_id, data} and passes the messages of tags 101, 105, 106 and 126 to
// OnEvents; other tags are acknowledged and dropped. The platform delivers a message again
// until it gets {"code":0,"msg":"success"}, so OnEvents must tolerate repeats, and an error
// from OnEvents makes the handler reply with a failure so that the platform retries.
type PushHandler struct {
	AppKey    string
	AppSecret string
	OnEvents  func(ctx context.Context, events []PushEvent) error
	Logger    zerolog.Logger // zero value discards
}

// pushMessage is one element of the pushed array; data is a JSON object inside a string.
type pushMessage struct {
	Tag   flexInt `json:"tag"`
	MsgID string  `json:"msg_id"`
	Data  string  `json:"data"`
}

// pushOrderData contains the fields of an order message's data that every handled tag has.
type pushOrderData struct {
	PID    json.Number `json:"p_id"`
	ShopID json.Number `json:"shop_id"`
}

// ServeHTTP implements http.Handler.
func (h *PushHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writePushReply(w, http.StatusMethodNotAllowed, 40004, "only POST is accepted")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPushBodyBytes))
	if err != nil {
		writePushReply(w, http.StatusBadRequest, 40004, "read body failed")
		return
	}

	want := PushSign(h.AppKey, h.AppSecret, body)
	got := strings.ToLower(r.Header.Get(pushSignHeader))
	if subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		h.Logger.Warn().Int("bytes", len(body)).Msg("doudian push rejected: event-sign does not match")
		writePushReply(w, http.StatusUnauthorized, 40003, "invalid event-sign")
		return
	}

	events, err := decodePush(body)
	if err != nil {
		h.Logger.Warn().Err(err).Msg("doudian push rejected: body is not a message array")
		writePushReply(w, http.StatusBadRequest, 40004, "body is not a message array")
		return
	}
	for _, e := range events {
		h.Logger.Info().Int("tag", int(e.Tag)).Str("msg_id", e.MsgID).Str("order", e.OrderID).Msg("doudian push received")
	}

	if len(events) > 0 && h.OnEvents != nil {
		if err := h.OnEvents(r.Context(), events); err != nil {
			h.Logger.Error().Err(err).Int("events", len(events)).Msg("doudian push handling failed; the platform will deliver it again")
			writePushReply(w, http.StatusInternalServerError, 50000, "handling failed")
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, pushReplySuccessJSON)
}

// decodePush decodes the pushed array and keeps the messages of handled tags.
func decodePush(body []byte) ([]PushEvent, error) {
	var messages []pushMessage
	if err := json.Unmarshal(body, &messages); err != nil {
		return nil, err
	}

	var events []PushEvent
	for _, m := range messages {
		tag := PushTag(m.Tag)
		switch tag {
		case TagOrderPaid, TagAddressChanged, TagOrderCancelled, TagShipByTimeChanged:
		default:
			continue
		}

		dec := json.NewDecoder(bytes.NewReader([]byte(m.Data)))
		dec.UseNumber()
		var data pushOrderData
		if err := dec.Decode(&data); err != nil {
			return nil, err
		}
		shopID, _ := data.ShopID.Int64()
		events = append(events, PushEvent{
			Tag:     tag,
			MsgID:   m.MsgID,
			OrderID: data.PID.String(),
			ShopID:  shopID,
			Data:    json.RawMessage(m.Data),
		})
	}
	return events, nil
}

// writePushReply writes a failure in the push reply shape.
func writePushReply(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	reply, _ := json.Marshal(map[string]any{"code": code, "msg": msg})
	w.Write(reply)
}
