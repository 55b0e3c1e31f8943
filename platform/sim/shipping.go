package sim

import (
	"fmt"
	"slices"

	"github.com/printstation/printstation/platform/doudian"
)

// singlePackParams is the body of order.logisticsAddSinglePack: company_code is the courier,
// logistics_code the tracking number.
type singlePackParams struct {
	RequestID     string   `json:"request_id"`
	OrderIDList   []string `json:"order_id_list"`
	CompanyCode   string   `json:"company_code"`
	LogisticsCode string   `json:"logistics_code"`
}

func (s *Simulator) handleAddSinglePack(req *request) (any, *apiError) {
	var params singlePackParams
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	switch {
	case params.RequestID == "":
		return nil, missingParam("request_id")
	case len(params.OrderIDList) == 0:
		return nil, missingParam("order_id_list")
	case params.CompanyCode == "":
		return nil, missingParam("company_code")
	case params.LogisticsCode == "":
		return nil, missingParam("logistics_code")
	}

	// A repeated request id returns the first success without shipping again.
	if index, seen := s.byRequestID[params.RequestID]; seen {
		return map[string]string{"pack_id": s.writeBacks[index].PackID}, nil
	}

	courier, ok := couriers[params.CompanyCode]
	if !ok {
		return nil, businessError(doudian.BizUnsupportedCourier, "不支持的物流公司 "+params.CompanyCode)
	}
	if !courier.pattern.MatchString(params.LogisticsCode) {
		return nil, businessError(doudian.BizBadTrackNo, "运单号格式不正确")
	}
	if apiErr := s.checkShippable(params); apiErr != nil {
		return nil, apiErr
	}

	packID := fmt.Sprintf("%d%04d", req.now.Unix(), len(s.writeBacks)+1)
	for _, id := range params.OrderIDList {
		s.markShipped(s.orders[id], params, courier, req.now.Unix())
	}
	s.writeBacks = append(s.writeBacks, WriteBack{
		RequestID:     params.RequestID,
		OrderIDs:      slices.Clone(params.OrderIDList),
		LogisticsCode: params.CompanyCode,
		TrackNo:       params.LogisticsCode,
		PackID:        packID,
		At:            req.now,
	})
	s.byRequestID[params.RequestID] = len(s.writeBacks) - 1
	if s.trackNos[params.LogisticsCode] == "" {
		s.trackNos[params.LogisticsCode] = params.OrderIDList[0]
	}
	return map[string]string{"pack_id": packID}, nil
}

// checkShippable rejects a write-back for unknown, cancelled, refunding or already shipped
// orders, for orders of different receivers, and for a number issued to another receiver.
// It runs with s.mu held.
func (s *Simulator) checkShippable(params singlePackParams) *apiError {
	first := params.OrderIDList[0]
	for _, id := range params.OrderIDList {
		order, ok := s.orders[id]
		if !ok {
			return invalidParam("order_id_list", "订单不存在 "+id)
		}
		switch {
		case order.OrderStatus == doudian.StatusCancelled:
			return businessError(doudian.BizOrderCancelled, "订单已取消，请拦截包裹")
		case refundPending(order):
			return businessError(doudian.BizRefundPending, "订单有退款申请，请拦截包裹")
		case order.OrderStatus == doudian.StatusShipped || order.OrderStatus == doudian.StatusCompleted:
			s.duplicates++
			return businessError(doudian.BizAlreadyShipped, "订单已发货")
		case order.OrderStatus != doudian.StatusAwaitingShipment && order.OrderStatus != doudian.StatusPartlyShipped:
			return invalidParam("order_id_list", "订单状态不允许发货 "+id)
		}
		if s.receivers[id] != s.receivers[first] {
			return businessError(doudian.BizReceiversDiffer, "合单发货的订单收件人不一致")
		}
	}

	owner := s.trackNos[params.LogisticsCode]
	if owner != "" && !slices.Contains(params.OrderIDList, owner) && s.receivers[owner] != s.receivers[first] {
		return businessError(doudian.BizTrackNoReused, "运单号已用于其他收件人")
	}
	return nil
}

func refundPending(order *doudian.ShopOrder) bool {
	for _, sku := range order.SKUOrderList {
		if sku.AfterSaleInfo.RefundStatus != 0 {
			return true
		}
	}
	return false
}

// markShipped records the shipment on an order. It runs with s.mu held.
func (s *Simulator) markShipped(order *doudian.ShopOrder, params singlePackParams, c courier, now int64) {
	previous := order.UpdateTime
	order.OrderStatus = doudian.StatusShipped
	order.OrderStatusDesc = "已发货"
	// NOTE: main_status 3 mirrors order_status; the platform's main_status for shipped orders
	// was not checked.
	order.MainStatus = doudian.StatusShipped
	order.MainStatusDesc = "已发货"
	for i := range order.SKUOrderList {
		order.SKUOrderList[i].OrderStatus = doudian.StatusShipped
		order.SKUOrderList[i].OrderStatusDesc = "已发货"
	}
	order.LogisticsInfo = append(order.LogisticsInfo, doudian.LogisticsInfo{
		TrackingNo:  params.LogisticsCode,
		Company:     params.CompanyCode,
		CompanyName: c.name,
		ShipTime:    now,
	})
	s.touch(order, previous)
}
