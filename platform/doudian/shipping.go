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

	same, checkErr := c.shippedWith(ctx, req.OrderIDList[0], req.TrackNo)
	if checkErr != nil {
		return fmt.Errorf("check already shipped order %s: %w", req.OrderIDList[0], checkErr)
	}
	if !same {
		return err
	}
	c.log.Info().Str("order", req.OrderIDList[0]).Str("waybill", req.TrackNo).
		Msg("doudian order already shipped with this number")
	return nil
}

// shippedWith reports whether the order's logistics info contains trackNo.
func (c *Client) shippedWith(ctx context.Context, orderID, trackNo string) (bool, error) {
	order, err := c.OrderDetail(ctx, orderID)
	if err != nil {
		return false, err
	}
	for _, info := range order.LogisticsInfo {
		if info.TrackingNo == trackNo {
			return true, nil
		}
	}
	return false, nil
}
