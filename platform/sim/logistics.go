package sim

import (
	"slices"
	"strconv"
	"time"
)

// DefaultWaybillBalance is the number of waybills each courier's outlet holds until
// SetWaybillBalance changes it.
const DefaultWaybillBalance = 1_000_000

// routeStages are the route nodes of a written-back parcel with their delay after the
// write-back. The descriptions use the words the client maps to its route states.
var routeStages = []struct {
	after       time.Duration
	state       string
	description string
	content     string
}{
	{0, "collected", "已揽收", "快件已被揽收"},
	{6 * time.Hour, "transport", "运输中", "快件已发往转运中心"},
	{24 * time.Hour, "delivering", "派送中", "快件正在派送"},
	{30 * time.Hour, "signed", "已签收", "快件已签收"},
}

// companyIDs are the ids order.logisticsCompanyList gives the couriers.
// NOTE: the platform's ids are not known; these are stable placeholders.
var companyIDs = map[string]int64{
	"zhongtong": 7, "yuantong": 8, "yunda": 9, "shentong": 10, "jtexpress": 1129, "shunfeng": 12,
}

// SetWaybillBalance sets how many waybills the outlet of a courier still holds. Issuing a
// number takes one and cancelling it returns it; at zero, newCreateOrder fails per order.
func (s *Simulator) SetWaybillBalance(courierCode string, n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.balance[courierCode] = n
}

// WaybillBalance returns the waybills a courier's outlet still holds.
func (s *Simulator) WaybillBalance(courierCode string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.balanceOf(courierCode)
}

// balanceOf runs with s.mu held.
func (s *Simulator) balanceOf(courierCode string) int64 {
	n, ok := s.balance[courierCode]
	if !ok {
		return DefaultWaybillBalance
	}
	return n
}

type trackParams struct {
	LogisticsCode string `json:"logistics_code"`
	TrackNo       string `json:"track_no"`
}

// decodeTrackParams decodes and checks {logistics_code, track_no} and returns the order the
// number was issued for, which must belong to the request's shop. It runs with s.mu held.
func (s *Simulator) decodeTrackParams(req *request) (trackParams, *apiError) {
	var params trackParams
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return params, apiErr
	}
	switch {
	case params.LogisticsCode == "":
		return params, missingParam("logistics_code")
	case params.TrackNo == "":
		return params, missingParam("track_no")
	}
	if _, ok := s.orderOf(req, s.trackNos[params.TrackNo]); !ok {
		return params, invalidParam("track_no", "运单号不存在")
	}
	return params, nil
}

func (s *Simulator) handleCancelOrder(req *request) (any, *apiError) {
	params, apiErr := s.decodeTrackParams(req)
	if apiErr != nil {
		return nil, apiErr
	}
	if _, shipped := s.shippedBy[params.TrackNo]; shipped {
		return nil, invalidParam("track_no", "包裹已揽收，不能取消")
	}
	if s.cancelled[params.TrackNo] {
		return nil, invalidParam("track_no", "运单号已取消")
	}

	for key, info := range s.waybills {
		if info.TrackNo == params.TrackNo {
			delete(s.waybills, key)
		}
	}
	s.cancelled[params.TrackNo] = true
	s.balance[params.LogisticsCode] = s.balanceOf(params.LogisticsCode) + 1
	return map[string]bool{"cancel_result": true}, nil
}

func (s *Simulator) handleListShopNetsite(req *request) (any, *apiError) {
	var params struct {
		LogisticsCode string `json:"logistics_code"`
	}
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	c, ok := couriers[params.LogisticsCode]
	if params.LogisticsCode == "" {
		return nil, missingParam("logistics_code")
	}
	if !ok {
		return nil, invalidParam("logistics_code", "不支持的物流公司 "+params.LogisticsCode)
	}
	// The balance is written as a string, as some platform replies do, so that clients read
	// both forms.
	netsite := map[string]any{
		"netsite_code": "SIM-" + params.LogisticsCode,
		"netsite_name": c.name + "杭州余杭网点",
		"amount":       strconv.FormatInt(s.balanceOf(params.LogisticsCode), 10),
	}
	return map[string]any{"logistics_code": params.LogisticsCode, "netsites": []any{netsite}}, nil
}

func (s *Simulator) handleTrackNoRouteDetail(req *request) (any, *apiError) {
	params, apiErr := s.decodeTrackParams(req)
	if apiErr != nil {
		return nil, apiErr
	}
	index, shipped := s.shippedBy[params.TrackNo]
	if !shipped {
		return nil, invalidParam("track_no", "运单未发货回传，暂无轨迹")
	}

	shippedAt := s.writeBacks[index].At
	nodes := []map[string]any{}
	for _, stage := range routeStages {
		at := shippedAt.Add(stage.after)
		if at.After(req.now) {
			break
		}
		nodes = append(nodes, map[string]any{
			"content":           stage.content,
			"timestamp":         at.Unix(),
			"state":             stage.state,
			"state_description": stage.description,
			"site_name":         couriers[params.LogisticsCode].name,
		})
	}
	return map[string]any{"track_no": params.TrackNo, "route_node_list": nodes}, nil
}

func (s *Simulator) handleLogisticsCompanyList(*request) (any, *apiError) {
	codes := make([]string, 0, len(couriers))
	for code := range couriers {
		codes = append(codes, code)
	}
	slices.Sort(codes)

	list := make([]map[string]any, 0, len(codes))
	for _, code := range codes {
		list = append(list, map[string]any{"id": companyIDs[code], "name": couriers[code].name, "code": code})
	}
	return list, nil
}
