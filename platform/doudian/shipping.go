package doudian

import (
	"context"
	"errors"
	"fmt"
)

// SinglePackRequest writes back one parcel that carries one or more orders of one receiver.
// RequestID makes the call idempotent because the platform returns the first success for a
// repeated request id, so a retry after a lost reply never ships twice.
type SinglePackRequest struct {
	OrderIDList   []string
	LogisticsCode string // courier company code, e.g. "zhongtong"; sent as company_code
	TrackNo       string // the waybill number; sent as logistics_code
	RequestID     string
}

// singlePackParams is the wire form. The platform names the courier company_code and the
// tracking number logistics_code.
type singlePackParams struct {
	RequestID     string   `json:"request_id"`
	OrderIDList   []string `json:"order_id_list"`
	CompanyCode   string   `json:"company_code"`
	LogisticsCode string   `json:"logistics_code"`
}

// AddSinglePack writes the tracking number back (order.logisticsAddSinglePack).
//
// An "already shipped" reply (60110) is success only when the order's recorded shipment has
// the same tracking number. The client checks that with one order.orderDetail call, because
// the code alone does not say which number the platform recorded. A cancelled order (60021)
// or a pending refund (60040) returns an *APIError whose Intercept is true.
func (c *Client) AddSinglePack(ctx context.Context, req SinglePackRequest) error {
	params := singlePackParams{
		RequestID:     req.RequestID,
		OrderIDList:   req.OrderIDList,
		CompanyCode:   req.LogisticsCode,
		LogisticsCode: req.TrackNo,
	}
	err := c.Call(ctx, "order.logisticsAddSinglePack", params, nil)

	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.isBiz(BizAlreadyShipped) || len(req.OrderIDList) == 0 {
		return err
	}

	return c.alreadyShippedWith(ctx, err, req.OrderIDList[0], req.TrackNo)
}

// ShippedItem is a quantity of one SKU order inside a parcel.
type ShippedItem struct {
	SKUOrderID string `json:"shipped_order_id"`
	Num        int    `json:"shipped_num"`
}

// Pack is one parcel of a multi-parcel write-back.
type Pack struct {
	LogisticsCode string // courier company code, e.g. "zhongtong"; sent as company_code
	TrackNo       string // the waybill number; sent as logistics_code
	Items         []ShippedItem
}

// MultiPackRequest writes back one order shipped in several parcels. RequestID makes the call
// idempotent in the same way as for SinglePackRequest.
type MultiPackRequest struct {
	OrderID   string
	Packs     []Pack
	RequestID string
}

// multiPackParams is the wire form of order.logisticsAddMultiPack.
type multiPackParams struct {
	OrderID   string          `json:"order_id"`
	RequestID string          `json:"request_id"`
	PackList  []multiPackWire `json:"pack_list"`
}

type multiPackWire struct {
	ShippedOrderInfo []ShippedItem `json:"shipped_order_info"`
	CompanyCode      string        `json:"company_code"`
	LogisticsCode    string        `json:"logistics_code"`
}

// AddMultiPack writes back the tracking numbers of an order shipped in several parcels
// (order.logisticsAddMultiPack). Replies are handled as in AddSinglePack: 60110 is success
// when the order already carries the first parcel's number, and 60021 or 60040 return an
// *APIError whose Intercept is true.
func (c *Client) AddMultiPack(ctx context.Context, req MultiPackRequest) error {
	params := multiPackParams{OrderID: req.OrderID, RequestID: req.RequestID}
	for _, p := range req.Packs {
		params.PackList = append(params.PackList, multiPackWire{
			ShippedOrderInfo: p.Items,
			CompanyCode:      p.LogisticsCode,
			LogisticsCode:    p.TrackNo,
		})
	}
	err := c.Call(ctx, "order.logisticsAddMultiPack", params, nil)

	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.isBiz(BizAlreadyShipped) || len(req.Packs) == 0 {
		return err
	}
	return c.alreadyShippedWith(ctx, err, req.OrderID, req.Packs[0].TrackNo)
}

// alreadyShippedWith turns the 60110 error shipErr into success when the order's recorded
// shipments contain trackNo, because the code alone does not say which number the platform
// recorded.
func (c *Client) alreadyShippedWith(ctx context.Context, shipErr error, orderID, trackNo string) error {
	order, err := c.OrderDetail(ctx, orderID)
	if err != nil {
		return fmt.Errorf("check already shipped order %s: %w", orderID, err)
	}
	for _, info := range order.LogisticsInfo {
		if info.TrackingNo == trackNo {
			c.log.Info().Str("order", orderID).Str("waybill", trackNo).
				Msg("doudian order already shipped with this number")
			return nil
		}
	}
	return shipErr
}
