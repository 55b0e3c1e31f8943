package doudian

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// flexInt is an integer that replies write as a JSON number or as a numeric string.
type flexInt int64

// UnmarshalJSON accepts 12, "12", "" and null.
func (n *flexInt) UnmarshalJSON(data []byte) error {
	v, err := parseFlexibleInt(json.RawMessage(data))
	if err != nil {
		return err
	}
	*n = flexInt(v)
	return nil
}

// CancelOrder cancels an unused waybill number (logistics.cancelOrder) so that the outlet
// returns it to the balance. The platform rejects it once the courier has picked the parcel up.
func (c *Client) CancelOrder(ctx context.Context, logisticsCode, trackNo string) error {
	params := map[string]string{"logistics_code": logisticsCode, "track_no": trackNo}
	var resp struct {
		CancelResult bool `json:"cancel_result"`
	}
	if err := c.Call(ctx, "logistics.cancelOrder", params, &resp); err != nil {
		return fmt.Errorf("cancel waybill %s: %w", trackNo, err)
	}
	if !resp.CancelResult {
		return fmt.Errorf("cancel waybill %s: reply without cancel_result: %w", trackNo, ErrUnavailable)
	}
	return nil
}

// Netsite is a courier outlet (网点) the shop has an e-waybill account with.
type Netsite struct {
	Code   string // netsite_code
	Name   string // netsite_name
	Amount int64  // waybill numbers left to issue
}

// ListShopNetsite lists the shop's outlets of one courier with their balances
// (logistics.listShopNetsite).
func (c *Client) ListShopNetsite(ctx context.Context, logisticsCode string) ([]Netsite, error) {
	var resp struct {
		Netsites []struct {
			NetsiteCode string  `json:"netsite_code"`
			NetsiteName string  `json:"netsite_name"`
			Amount      flexInt `json:"amount"`
		} `json:"netsites"`
	}
	params := map[string]string{"logistics_code": logisticsCode}
	if err := c.Call(ctx, "logistics.listShopNetsite", params, &resp); err != nil {
		return nil, fmt.Errorf("list outlets of %s: %w", logisticsCode, err)
	}

	out := make([]Netsite, 0, len(resp.Netsites))
	for _, n := range resp.Netsites {
		out = append(out, Netsite{Code: n.NetsiteCode, Name: n.NetsiteName, Amount: int64(n.Amount)})
	}
	return out, nil
}

// CheckWaybillBalance returns the courier's balance summed over its outlets, and an error
// wrapping ErrInsufficientBalance when it is below need. A station calls it before a batch so
// that the packer sees the shortfall before the first number is issued.
func (c *Client) CheckWaybillBalance(ctx context.Context, logisticsCode string, need int) (int64, error) {
	netsites, err := c.ListShopNetsite(ctx, logisticsCode)
	if err != nil {
		return 0, err
	}
	var balance int64
	for _, n := range netsites {
		balance += n.Amount
	}
	if balance < int64(need) {
		return balance, fmt.Errorf("%s: %d waybills left, the batch needs %d: %w",
			logisticsCode, balance, need, ErrInsufficientBalance)
	}
	return balance, nil
}

// RouteState is the stage of a parcel on its route.
type RouteState int

// Route states, in the order a parcel passes them.
const (
	RouteUnknown        RouteState = iota
	RoutePickedUp                  // 揽收
	RouteInTransit                 // 运输
	RouteOutForDelivery            // 派送
	RouteDelivered                 // 签收
)

// String returns the English name of the state.
func (s RouteState) String() string {
	switch s {
	case RoutePickedUp:
		return "picked up"
	case RouteInTransit:
		return "in transit"
	case RouteOutForDelivery:
		return "out for delivery"
	case RouteDelivered:
		return "delivered"
	}
	return "unknown"
}

// routeKeywords map words of state_description to states, checked in this order because
// "派送" texts may also mention "运输".
var routeKeywords = []struct {
	word  string
	state RouteState
}{
	{"签收", RouteDelivered},
	{"派送", RouteOutForDelivery},
	{"派件", RouteOutForDelivery},
	{"运输", RouteInTransit},
	{"在途", RouteInTransit},
	{"揽收", RoutePickedUp},
	{"揽件", RoutePickedUp},
}

// ParseRouteState maps a node's state_description (揽收, 运输, 派送, 签收 and their usual
// variants) to a RouteState.
func ParseRouteState(description string) RouteState {
	for _, k := range routeKeywords {
		if strings.Contains(description, k.word) {
			return k.state
		}
	}
	return RouteUnknown
}

// RouteNode is one event on a parcel's route. Timestamp is in Unix seconds.
type RouteNode struct {
	Content          string
	Timestamp        int64
	State            RouteState
	StateDescription string
	SiteName         string
}

// Route is the tracking history of one waybill; State is that of the newest node.
type Route struct {
	TrackNo string
	State   RouteState
	Nodes   []RouteNode
}

// TrackNoRouteDetail fetches the route of a waybill (logistics.trackNoRouteDetail). The
// platform serves it only for numbers already written back.
func (c *Client) TrackNoRouteDetail(ctx context.Context, logisticsCode, trackNo string) (Route, error) {
	// NOTE: the name of the node list (route_node_list) follows the simulator; the platform's
	// reference lists the node fields but not the wrapper.
	var resp struct {
		RouteNodeList []struct {
			Content          string  `json:"content"`
			Timestamp        flexInt `json:"timestamp"`
			State            string  `json:"state"`
			StateDescription string  `json:"state_description"`
			SiteName         string  `json:"site_name"`
		} `json:"route_node_list"`
	}
	params := map[string]string{"logistics_code": logisticsCode, "track_no": trackNo}
	if err := c.Call(ctx, "logistics.trackNoRouteDetail", params, &resp); err != nil {
		return Route{}, fmt.Errorf("route of %s: %w", trackNo, err)
	}

	route := Route{TrackNo: trackNo}
	var newest int64 = -1
	for _, n := range resp.RouteNodeList {
		node := RouteNode{
			Content:          n.Content,
			Timestamp:        int64(n.Timestamp),
			State:            ParseRouteState(n.StateDescription),
			StateDescription: n.StateDescription,
			SiteName:         n.SiteName,
		}
		route.Nodes = append(route.Nodes, node)
		if node.Timestamp >= newest {
			newest, route.State = node.Timestamp, node.State
		}
	}
	return route, nil
}

// LogisticsCompany is a courier the platform supports, with the code the other methods take.
type LogisticsCompany struct {
	ID   int64
	Name string
	Code string
}

// LogisticsCompanyList lists the couriers (order.logisticsCompanyList).
func (c *Client) LogisticsCompanyList(ctx context.Context) ([]LogisticsCompany, error) {
	var resp []struct {
		ID   flexInt `json:"id"`
		Name string  `json:"name"`
		Code string  `json:"code"`
	}
	if err := c.Call(ctx, "order.logisticsCompanyList", nil, &resp); err != nil {
		return nil, fmt.Errorf("list couriers: %w", err)
	}
	out := make([]LogisticsCompany, 0, len(resp))
	for _, company := range resp {
		out = append(out, LogisticsCompany{ID: int64(company.ID), Name: company.Name, Code: company.Code})
	}
	return out, nil
}
