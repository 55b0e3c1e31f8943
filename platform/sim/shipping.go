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

// multiPackParams is the body of order.logisticsAddMultiPack.
type multiPackParams struct {
	OrderID   string `json:"order_id"`
	RequestID string `json:"request_id"`
	PackList  []struct {
		ShippedOrderInfo []doudian.ShippedItem `json:"shipped_order_info"`
		CompanyCode      string                `json:"company_code"`
		LogisticsCode    string                `json:"logistics_code"`
	} `json:"pack_list"`
}

// parcel is one tracking number of a write-back.
type parcel struct {
	courierCode, trackNo string
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
	return s.writeBack(req, params.RequestID, params.OrderIDList, []parcel{{params.CompanyCode, params.LogisticsCode}})
}

func (s *Simulator) handleAddMultiPack(req *request) (any, *apiError) {
	var params multiPackParams
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	switch {
	case params.RequestID == "":
		return nil, missingParam("request_id")
	case params.OrderID == "":
		return nil, missingParam("order_id")
	case len(params.PackList) == 0:
		return nil, missingParam("pack_list")
	}
	var parcels []parcel
	for _, p := range params.PackList {
		if p.CompanyCode == "" || p.LogisticsCode == "" {
			return nil, missingParam("pack_list.company_code/logistics_code")
		}
		parcels = append(parcels, parcel{p.CompanyCode, p.LogisticsCode})
	}
	return s.writeBack(req, params.RequestID, []string{params.OrderID}, parcels)
}

// writeBack ships orderIDs with parcels, or returns the first reply for a repeated request id.
// It runs with s.mu held.
func (s *Simulator) writeBack(req *request, requestID string, orderIDs []string, parcels []parcel) (any, *apiError) {
	if indexes, seen := s.byRequestID[requestID]; seen {
		return s.writeBackReply(indexes), nil
	}

	for _, p := range parcels {
		courier, ok := couriers[p.courierCode]
		if !ok {
			return nil, businessError(doudian.BizUnsupportedCourier, "不支持的物流公司 "+p.courierCode)
		}
		if !courier.pattern.MatchString(p.trackNo) {
			return nil, businessError(doudian.BizBadTrackNo, "运单号格式不正确")
		}
	}
	if apiErr := s.checkShippable(req, orderIDs, parcels); apiErr != nil {
		return nil, apiErr
	}

	var indexes []int
	for _, p := range parcels {
		packID := fmt.Sprintf("%d%04d", req.now.Unix(), len(s.writeBacks)+1)
		s.writeBacks = append(s.writeBacks, WriteBack{
			RequestID:     requestID,
			OrderIDs:      slices.Clone(orderIDs),
			LogisticsCode: p.courierCode,
			TrackNo:       p.trackNo,
			PackID:        packID,
			At:            req.now,
			Method:        req.method,
		})
		indexes = append(indexes, len(s.writeBacks)-1)
		s.shippedBy[p.trackNo] = len(s.writeBacks) - 1
		if s.trackNos[p.trackNo] == "" {
			s.trackNos[p.trackNo] = orderIDs[0]
		}
	}
	for _, id := range orderIDs {
		s.markShipped(s.orders[id], parcels, req.now.Unix())
	}
	s.byRequestID[requestID] = indexes
	return s.writeBackReply(indexes), nil
}

// writeBackReply lists the pack ids of a write-back. It runs with s.mu held.
func (s *Simulator) writeBackReply(indexes []int) map[string]any {
	packs := make([]map[string]string, 0, len(indexes))
	for _, i := range indexes {
		packs = append(packs, map[string]string{"pack_id": s.writeBacks[i].PackID, "logistics_code": s.writeBacks[i].TrackNo})
	}
	return map[string]any{"pack_id": packs[0]["pack_id"], "pack_list": packs}
}

// checkShippable rejects a write-back for unknown, cancelled, refunding or already shipped
// orders, for orders of different receivers, and for a number issued to another receiver.
// It runs with s.mu held.
func (s *Simulator) checkShippable(req *request, orderIDs []string, parcels []parcel) *apiError {
	first := orderIDs[0]
	for _, id := range orderIDs {
		order, ok := s.orderOf(req, id)
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

	for _, p := range parcels {
		owner := s.trackNos[p.trackNo]
		if owner != "" && !slices.Contains(orderIDs, owner) && s.receivers[owner] != s.receivers[first] {
			return businessError(doudian.BizTrackNoReused, "运单号已用于其他收件人")
		}
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
func (s *Simulator) markShipped(order *doudian.ShopOrder, parcels []parcel, now int64) {
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
	for _, p := range parcels {
		order.LogisticsInfo = append(order.LogisticsInfo, doudian.LogisticsInfo{
			TrackingNo:  p.trackNo,
			Company:     p.courierCode,
			CompanyName: couriers[p.courierCode].name,
			ShipTime:    now,
		})
	}
	s.touch(order, previous)
}
