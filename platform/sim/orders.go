package sim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

// Limits of order.searchList.
const (
	maxPageSize     = 100
	maxSearchOffset = 50000 // page × size may not pass this
	servedHistory   = 90 * 24 * time.Hour
)

// searchParams is the body of order.searchList. Numbers are json.Number so that both numbers
// and numeric strings are accepted.
type searchParams struct {
	UpdateTimeStart json.Number `json:"update_time_start"`
	UpdateTimeEnd   json.Number `json:"update_time_end"`
	CreateTimeStart json.Number `json:"create_time_start"`
	CreateTimeEnd   json.Number `json:"create_time_end"`
	OrderStatus     string      `json:"order_status"`
	Page            json.Number `json:"page"`
	Size            json.Number `json:"size"`
	OrderBy         string      `json:"order_by"`
	OrderAsc        bool        `json:"order_asc"`
}

// timeRange is an inclusive range of Unix seconds; end 0 means open.
type timeRange struct{ start, end int64 }

func (r timeRange) contains(t int64) bool {
	return t >= r.start && (r.end == 0 || t <= r.end)
}

func (s *Simulator) handleSearchList(req *request) (any, *apiError) {
	var params searchParams
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}

	numbers := map[string]json.Number{
		"update_time_start": params.UpdateTimeStart, "update_time_end": params.UpdateTimeEnd,
		"create_time_start": params.CreateTimeStart, "create_time_end": params.CreateTimeEnd,
		"page": params.Page, "size": params.Size,
	}
	values := map[string]int64{}
	for name, number := range numbers {
		if number == "" {
			continue
		}
		n, err := number.Int64()
		if err != nil || n < 0 {
			return nil, invalidParam(name, name+" 必须为非负整数")
		}
		values[name] = n
	}

	if params.UpdateTimeStart == "" && params.CreateTimeStart == "" {
		return nil, missingParam("create_time_start")
	}
	if params.Size == "" {
		return nil, missingParam("size")
	}
	page, size := values["page"], values["size"]
	if size < 1 || size > maxPageSize {
		return nil, invalidParam("size", fmt.Sprintf("size 取值范围为 1-%d", maxPageSize))
	}
	if page*size > maxSearchOffset {
		return nil, invalidParam("page", fmt.Sprintf("page×size 不能超过 %d，请缩小时间范围", maxSearchOffset))
	}
	if params.OrderBy != "" && params.OrderBy != "create_time" && params.OrderBy != "update_time" {
		return nil, invalidParam("order_by", "order_by 仅支持 create_time 或 update_time")
	}
	statuses, ok := splitStatuses(params.OrderStatus)
	if !ok {
		return nil, invalidParam("order_status", "order_status 必须为逗号分隔的状态码")
	}

	var byUpdate, byCreate *timeRange
	if params.UpdateTimeStart != "" {
		byUpdate = &timeRange{values["update_time_start"], values["update_time_end"]}
	}
	if params.CreateTimeStart != "" {
		byCreate = &timeRange{values["create_time_start"], values["create_time_end"]}
	}
	oldest := req.now.Add(-servedHistory).Unix()
	keep := func(order *doudian.ShopOrder) bool {
		switch {
		case order.ShopID != req.shopID, order.CreateTime < oldest:
		case byUpdate != nil && !byUpdate.contains(order.UpdateTime):
		case byCreate != nil && !byCreate.contains(order.CreateTime):
		case len(statuses) > 0 && !statuses[order.OrderStatus]:
		default:
			return true
		}
		return false
	}

	var matches []*doudian.ShopOrder
	if byUpdate != nil && params.OrderBy == "update_time" {
		matches = s.matchByUpdate(*byUpdate, keep, params.OrderAsc)
	} else {
		for _, id := range s.orderIDs {
			if order := s.orders[id]; keep(order) {
				matches = append(matches, order)
			}
		}
		sortOrders(matches, params.OrderBy, params.OrderAsc)
	}

	list := []doudian.ShopOrder{}
	for i := page * size; i < int64(len(matches)) && i < (page+1)*size; i++ {
		list = append(list, cloneOrder(matches[i]))
	}
	return doudian.SearchListResponse{Page: int(page), Size: int(size), Total: len(matches), ShopOrderList: list}, nil
}

// matchByUpdate collects the orders kept by keep from the update_time index, which spares a
// scan and a sort of every order on each page of a large shop. It runs with s.mu held.
func (s *Simulator) matchByUpdate(r timeRange, keep func(*doudian.ShopOrder) bool, asc bool) []*doudian.ShopOrder {
	if s.indexStale {
		s.byUpdate = s.byUpdate[:0]
		for _, id := range s.orderIDs {
			s.byUpdate = append(s.byUpdate, s.orders[id])
		}
		sortOrders(s.byUpdate, "update_time", true)
		s.indexStale = false
	}

	first, _ := slices.BinarySearchFunc(s.byUpdate, r.start, func(o *doudian.ShopOrder, t int64) int {
		return compareInt64(o.UpdateTime, t)
	})
	var matches []*doudian.ShopOrder
	for _, order := range s.byUpdate[first:] {
		if r.end != 0 && order.UpdateTime > r.end {
			break
		}
		if keep(order) {
			matches = append(matches, order)
		}
	}
	if !asc {
		slices.Reverse(matches)
	}
	return matches
}

// sortOrders sorts by create_time (default) or update_time, descending unless asc, with the
// order id breaking ties so that pages never overlap.
func sortOrders(orders []*doudian.ShopOrder, orderBy string, asc bool) {
	key := func(o *doudian.ShopOrder) int64 { return o.CreateTime }
	if orderBy == "update_time" {
		key = func(o *doudian.ShopOrder) int64 { return o.UpdateTime }
	}
	slices.SortStableFunc(orders, func(a, b *doudian.ShopOrder) int {
		c := compareInt64(key(a), key(b))
		if c == 0 {
			c = strings.Compare(a.OrderID, b.OrderID)
		}
		if !asc {
			c = -c
		}
		return c
	})
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Simulator) handleOrderDetail(req *request) (any, *apiError) {
	var params struct {
		ShopOrderID string `json:"shop_order_id"`
	}
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	if params.ShopOrderID == "" {
		return nil, missingParam("shop_order_id")
	}
	order, ok := s.orderOf(req, params.ShopOrderID)
	if !ok {
		return nil, invalidParam("shop_order_id", "订单不存在")
	}
	return map[string]doudian.ShopOrder{"shop_order_detail": cloneOrder(order)}, nil
}

// Orders returns a copy of every order, in the order they were added.
func (s *Simulator) Orders() []doudian.ShopOrder {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]doudian.ShopOrder, 0, len(s.orderIDs))
	for _, id := range s.orderIDs {
		out = append(out, cloneOrder(s.orders[id]))
	}
	return out
}

// AddOrder adds or replaces an order, e.g. one with a missing address. Plaintext receiver
// fields (post_receiver, post_tel, post_addr.detail) are moved into ciphertexts with masked
// forms, as the platform sends them; a field left empty stays empty. An order without a shop
// id joins the first shop. A new order awaiting shipment sends push tag 101.
func (s *Simulator) AddOrder(o doudian.ShopOrder) {
	s.mu.Lock()
	order := cloneOrder(&o)
	if order.ShopID == 0 {
		order.ShopID, order.ShopName = s.opts.ShopID, s.opts.ShopName
	}
	_, existed := s.orders[order.OrderID]
	s.encryptReceiver(&order, receiver{name: o.PostReceiver, phone: o.PostTel, detail: o.PostAddr.Detail})
	s.putOrder(&order)

	var pushes []pushMessage
	if !existed && order.OrderStatus == doudian.StatusAwaitingShipment {
		pushes = append(pushes, s.orderPush(doudian.TagOrderPaid, &order))
	}
	s.mu.Unlock()
	s.sendPushes(pushes)
}

// UpdateOrder changes an order in place (a status change, a refund, a new memo) and bumps its
// update_time to now, or one second past the previous value if the clock did not move.
func (s *Simulator) UpdateOrder(id string, f func(*doudian.ShopOrder)) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	order, ok := s.orders[id]
	if !ok {
		return fmt.Errorf("update order %s: order not found", id)
	}
	previous := order.UpdateTime
	f(order)
	s.touch(order, previous)
	return nil
}

// touch sets update_time after a change. It runs with s.mu held.
func (s *Simulator) touch(order *doudian.ShopOrder, previous int64) {
	order.UpdateTime = max(s.opts.Now().Unix(), previous+1)
	s.indexStale = true
}

// putOrder stores an order, keeping the first insertion position. It runs with s.mu held.
func (s *Simulator) putOrder(order *doudian.ShopOrder) {
	if _, exists := s.orders[order.OrderID]; !exists {
		s.orderIDs = append(s.orderIDs, order.OrderID)
	}
	s.orders[order.OrderID] = order
	s.indexStale = true
}

// cloneOrder deep-copies the slices of an order.
func cloneOrder(o *doudian.ShopOrder) doudian.ShopOrder {
	c := *o
	c.LogisticsInfo = slices.Clone(o.LogisticsInfo)
	if c.LogisticsInfo == nil {
		c.LogisticsInfo = []doudian.LogisticsInfo{}
	}
	c.SKUOrderList = slices.Clone(o.SKUOrderList)
	for i := range c.SKUOrderList {
		c.SKUOrderList[i].Spec = slices.Clone(o.SKUOrderList[i].Spec)
	}
	return c
}
