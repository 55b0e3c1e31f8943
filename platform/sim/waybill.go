package sim

import (
	"regexp"

	"github.com/printstation/printstation/platform/doudian"
)

// Per-order err_code values of logistics.newCreateOrder.
// NOTE: the platform's real numbers are not known; these are stable placeholders.
const (
	waybillErrUnknownOrder    = 1001
	waybillErrMissingAddress  = 1002
	waybillErrOrderCancelled  = 1003
	waybillErrInvalidPackID   = 1004
	waybillErrMissingReceiver = 1005
	waybillErrNoBalance       = 1006
)

var packIDPattern = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

func (s *Simulator) handleNewCreateOrder(req *request) (any, *apiError) {
	var params doudian.NewCreateOrderRequest
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	if params.LogisticsCode == "" {
		return nil, missingParam("logistics_code")
	}
	courier, ok := couriers[params.LogisticsCode]
	if !ok {
		return nil, invalidParam("logistics_code", "不支持的物流公司 "+params.LogisticsCode)
	}
	if len(params.OrderInfos) == 0 {
		return nil, missingParam("order_infos")
	}
	if len(params.OrderInfos) > doudian.MaxWaybillOrders {
		return nil, invalidParam("order_infos", "order_infos 最多 50 条")
	}

	resp := doudian.NewCreateOrderResponse{EbillInfos: []doudian.EbillInfo{}, ErrInfos: []doudian.EbillError{}}
	for _, info := range params.OrderInfos {
		ebill, code, msg := s.issueWaybill(req, params.LogisticsCode, courier, info)
		if code != 0 {
			resp.ErrInfos = append(resp.ErrInfos, doudian.EbillError{
				OrderID: info.OrderID, PackID: info.PackID, ErrCode: code, ErrMsg: msg,
			})
			continue
		}
		resp.EbillInfos = append(resp.EbillInfos, ebill)
	}
	return resp, nil
}

// issueWaybill returns the number for one order info: the one already issued for the same
// order and pack id, or a new one. A non-zero code is a per-order failure. It runs with s.mu
// held.
func (s *Simulator) issueWaybill(req *request, courierCode string, c courier, info doudian.WaybillOrderInfo) (doudian.EbillInfo, int, string) {
	order, ok := s.orderOf(req, info.OrderID)
	switch {
	case !ok:
		return doudian.EbillInfo{}, waybillErrUnknownOrder, "订单不存在"
	case info.PackID != "" && !packIDPattern.MatchString(info.PackID):
		return doudian.EbillInfo{}, waybillErrInvalidPackID, "pack_id 须为 1-15 位字母、数字或下划线"
	}

	key := info.OrderID + "/" + info.PackID
	if issued, ok := s.waybills[key]; ok {
		return issued, 0, ""
	}

	if order.OrderStatus == doudian.StatusCancelled {
		return doudian.EbillInfo{}, waybillErrOrderCancelled, "订单已取消，不能取号"
	}
	addr := info.ReceiverInfo.Address
	detail := s.decrypt(addr.DetailAddress)
	if addr.ProvinceName == "" || addr.CityName == "" || detail == "" {
		return doudian.EbillInfo{}, waybillErrMissingAddress, "收件人地址不完整"
	}
	contact := info.ReceiverInfo.Contact
	if contact.Name == "" || (contact.Mobile == "" && contact.Phone == "") {
		return doudian.EbillInfo{}, waybillErrMissingReceiver, "收件人姓名或电话为空"
	}

	if s.balanceOf(courierCode) <= 0 {
		return doudian.EbillInfo{}, waybillErrNoBalance, "电子面单余额不足，请联系网点充值"
	}

	trackNo := c.newNo(s)
	for s.trackNos[trackNo] != "" {
		trackNo = c.newNo(s)
	}
	route := routeParcel(courierCode, addr.ProvinceName, addr.CityName, addr.DistrictName)
	ebill := doudian.EbillInfo{
		OrderID:           info.OrderID,
		PackID:            info.PackID,
		TrackNo:           trackNo,
		SortCode:          route.sortCode,
		PackageCenterCode: route.centerCode,
		PackageCenterName: route.centerName,
		ShortAddressCode:  route.shortCode,
		ShortAddressName:  route.shortName,
	}
	s.waybills[key] = ebill
	s.trackNos[trackNo] = info.OrderID
	s.balance[courierCode] = s.balanceOf(courierCode) - 1
	return ebill, 0, ""
}
