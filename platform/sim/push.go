package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

// pushAttempts and pushTimeout bound the delivery of one push body. The platform delivers
// again until the receiver acknowledges; the simulator stops after a few tries.
const (
	pushAttempts = 3
	pushTimeout  = 5 * time.Second
)

// pushMessage is one element of a push body; data is a JSON object written as a string.
type pushMessage struct {
	Tag   string `json:"tag"`
	MsgID string `json:"msg_id"`
	Data  string `json:"data"`
}

// SetPushURL makes the simulator POST push messages for order changes to rawURL: tag 101 for
// an added order awaiting shipment, 105 for an address change, 106 for a cancellation and 126
// for a moved ship-by time. The URL must be http on a loopback address; "" turns pushes off.
func (s *Simulator) SetPushURL(rawURL string) error {
	if rawURL != "" {
		if err := checkLoopbackURL(rawURL); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pushURL = rawURL
	return nil
}

// checkLoopbackURL accepts http URLs whose host is localhost or a loopback IP.
func checkLoopbackURL(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("push url %q: %w", rawURL, err)
	}
	if u.Scheme != "http" {
		return fmt.Errorf("push url %q: scheme must be http", rawURL)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("push url %q: host must be a loopback address", rawURL)
	}
	return nil
}

// WaitPushes waits until every push sent so far is delivered or given up.
func (s *Simulator) WaitPushes() { s.pushes.Wait() }

// PushesDelivered returns the number of push bodies the receiver acknowledged, and the
// number given up after pushAttempts tries.
func (s *Simulator) PushesDelivered() (delivered, failed int) {
	return int(s.pushSent.Load()), int(s.pushFailed.Load())
}

// orderPush builds the push message of tag for an order. It runs with s.mu held.
func (s *Simulator) orderPush(tag doudian.PushTag, order *doudian.ShopOrder) pushMessage {
	data := map[string]any{
		"p_id":         json.Number(order.OrderID),
		"shop_id":      order.ShopID,
		"order_status": order.OrderStatus,
		"update_time":  order.UpdateTime,
	}
	if tag == doudian.TagShipByTimeChanged {
		data["exp_ship_time"] = order.ExpShipTime
	}
	raw, _ := json.Marshal(data)
	s.logSeq++
	return pushMessage{
		Tag:   strconv.Itoa(int(tag)),
		MsgID: fmt.Sprintf("%s%010dPUSH", s.opts.Now().In(chinaTime).Format("20060102150405"), s.logSeq),
		Data:  string(raw),
	}
}

// sendPushes posts messages as one body in the background when a push URL is set.
func (s *Simulator) sendPushes(messages []pushMessage) {
	if len(messages) == 0 {
		return
	}
	s.mu.Lock()
	target := s.pushURL
	s.mu.Unlock()
	if target == "" {
		return
	}

	body, err := json.Marshal(messages)
	if err != nil {
		s.log.Error().Err(err).Msg("simulator push encoding failed")
		return
	}
	sign := doudian.PushSign(s.opts.AppKey, s.opts.AppSecret, body)

	s.pushes.Add(1)
	go func() {
		defer s.pushes.Done()
		client := &http.Client{Timeout: pushTimeout}
		for attempt := 1; attempt <= pushAttempts; attempt++ {
			if s.postPush(client, target, body, sign) {
				s.pushSent.Add(1)
				return
			}
		}
		s.pushFailed.Add(1)
		s.log.Warn().Int("messages", len(messages)).Msg("simulator push not acknowledged, giving up")
	}()
}

// postPush sends one body and reports whether the receiver acknowledged it with code 0.
func (s *Simulator) postPush(client *http.Client, target string, body []byte, sign string) bool {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("event-sign", sign)
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()

	var reply struct {
		Code *int `json:"code"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil || reply.Code == nil {
		return false
	}
	return resp.StatusCode == http.StatusOK && *reply.Code == 0
}
