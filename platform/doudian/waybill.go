package doudian

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// MaxWaybillOrders is the maximum number of order_infos in one logistics.newCreateOrder call.
const MaxWaybillOrders = 50

// WaybillAddress is an address in the waybill API, by region names.
type WaybillAddress struct {
	ProvinceName  string `json:"province_name"`
	CityName      string `json:"city_name"`
	DistrictName  string `json:"district_name"`
	StreetName    string `json:"street_name,omitempty"`
	DetailAddress string `json:"detail_address"`
}

// WaybillContact is a person in the waybill API. For a receiver, Name, Mobile and the address
// detail may be the order's ciphertexts (encrypt_post_receiver, encrypt_post_tel,
// encrypt_detail) instead of plaintext.
type WaybillContact struct {
	Name   string `json:"name"`
	Phone  string `json:"phone,omitempty"`
	Mobile string `json:"mobile,omitempty"`
}

// WaybillParty is a sender or a receiver.
type WaybillParty struct {
	Address WaybillAddress `json:"address"`
	Contact WaybillContact `json:"contact"`
}

// WaybillItem is one line of the parcel contents.
type WaybillItem struct {
	ItemName  string `json:"item_name"`
	ItemCount int    `json:"item_count"`
}

// WaybillOrderInfo asks for one number. PackID is needed from the second parcel of an order
// on, at most 15 characters of [A-Za-z0-9_]; asking again with the same order id and pack id
// returns the number already issued.
type WaybillOrderInfo struct {
	OrderID        string        `json:"order_id"`
	PackID         string        `json:"pack_id,omitempty"`
	ReceiverInfo   WaybillParty  `json:"receiver_info"`
	Items          []WaybillItem `json:"items"`
	TotalPackCount int           `json:"total_pack_count,omitempty"`
	Remark         string        `json:"remark,omitempty"`
}

// NewCreateOrderRequest is the body of logistics.newCreateOrder. LogisticsCode is the courier
// code, e.g. "zhongtong".
type NewCreateOrderRequest struct {
	SenderInfo    WaybillParty       `json:"sender_info"`
	LogisticsCode string             `json:"logistics_code"`
	OrderInfos    []WaybillOrderInfo `json:"order_infos"`
}

// EbillInfo is one issued waybill number with the routing codes printed on the label.
type EbillInfo struct {
	OrderID           string `json:"order_id"`
	PackID            string `json:"pack_id"`
	TrackNo           string `json:"track_no"`
	SortCode          string `json:"sort_code"`           // 三段码, e.g. "400-W00 000"
	PackageCenterCode string `json:"package_center_code"` // 集包地 code
	PackageCenterName string `json:"package_center_name"` // 集包地, e.g. "杭州转运中心"
	ShortAddressCode  string `json:"short_address_code"`
	ShortAddressName  string `json:"short_address_name"` // 大头笔, e.g. "浙江杭州西湖"
	HintMsg           string `json:"hint_msg"`
}

// EbillError is the failure of one order_info.
type EbillError struct {
	OrderID string `json:"order_id"`
	PackID  string `json:"pack_id"`
	ErrCode int    `json:"err_code"`
	ErrMsg  string `json:"err_msg"`
}

// UnmarshalJSON accepts err_code as a number or as a numeric string, since replies use both.
func (e *EbillError) UnmarshalJSON(data []byte) error {
	var wire struct {
		OrderID string          `json:"order_id"`
		PackID  string          `json:"pack_id"`
		ErrCode json.RawMessage `json:"err_code"`
		ErrMsg  string          `json:"err_msg"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}

	code, err := parseFlexibleInt(wire.ErrCode)
	if err != nil {
		return fmt.Errorf("err_code: %w", err)
	}
	*e = EbillError{OrderID: wire.OrderID, PackID: wire.PackID, ErrCode: code, ErrMsg: wire.ErrMsg}
	return nil
}

// parseFlexibleInt reads an integer written as a JSON number or a JSON string. Empty, null
// and "" give 0.
func parseFlexibleInt(raw json.RawMessage) (int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0, nil
	}

	text := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, err
		}
		if text == "" {
			return 0, nil
		}
	}
	return strconv.Atoi(text)
}

// NewCreateOrderResponse lists the issued numbers and the per-order failures.
type NewCreateOrderResponse struct {
	EbillInfos []EbillInfo  `json:"ebill_infos"`
	ErrInfos   []EbillError `json:"err_infos"`
}

// NewCreateOrder asks for waybill numbers (取号). It returns ErrTooManyItems without a request
// when req has more than MaxWaybillOrders order infos. Failures of single orders come back in
// ErrInfos with a nil error.
func (c *Client) NewCreateOrder(ctx context.Context, req NewCreateOrderRequest) (NewCreateOrderResponse, error) {
	if len(req.OrderInfos) > MaxWaybillOrders {
		return NewCreateOrderResponse{}, fmt.Errorf("logistics.newCreateOrder: %d order infos, at most %d: %w",
			len(req.OrderInfos), MaxWaybillOrders, ErrTooManyItems)
	}

	var resp NewCreateOrderResponse
	if err := c.Call(ctx, "logistics.newCreateOrder", req, &resp); err != nil {
		return NewCreateOrderResponse{}, err
	}
	return resp, nil
}
