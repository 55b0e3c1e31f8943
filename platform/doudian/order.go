package doudian

import (
	"context"
	"fmt"
)

// Order status values of order_status.
const (
	StatusUnpaid           = 1   // 待支付
	StatusPaid             = 105 // 已支付
	StatusAwaitingShipment = 2   // 待发货
	StatusPartlyShipped    = 101 // 部分发货
	StatusShipped          = 3   // 已发货
	StatusCancelled        = 4   // 已取消
	StatusCompleted        = 5   // 已完成
)

// ThemeTypeLiveRoom is the theme_type of a sale made in a live room.
const ThemeTypeLiveRoom = "1"

// Region is one level of an address with its GB/T 2260 id (the id may be empty).
type Region struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

// PostAddr is a receiver address. Detail is empty when the platform sends it encrypted in
// EncryptDetail.
type PostAddr struct {
	Province      Region `json:"province"`
	City          Region `json:"city"`
	Town          Region `json:"town"`
	Street        Region `json:"street"`
	Detail        string `json:"detail"`
	EncryptDetail string `json:"encrypt_detail,omitempty"`
}

// SpecItem is one attribute of a SKU, such as 颜色: 奶白.
type SpecItem struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// AfterSaleInfo is the after-sale state of a SKU order. A non-zero RefundStatus means the
// buyer asked for the money back, so the parcel must not ship.
type AfterSaleInfo struct {
	AfterSaleStatus int `json:"after_sale_status"`
	AfterSaleType   int `json:"after_sale_type"`
	RefundStatus    int `json:"refund_status"`
}

// SKUOrder is a child order: one SKU of a shop order. Amounts are in fen.
type SKUOrder struct {
	OrderID         string        `json:"order_id"`
	ParentOrderID   string        `json:"parent_order_id"`
	OrderStatus     int           `json:"order_status"`
	OrderStatusDesc string        `json:"order_status_desc,omitempty"`
	ProductID       int64         `json:"product_id"`
	ProductName     string        `json:"product_name"`
	SKUID           int64         `json:"sku_id"`
	Code            string        `json:"code"`
	OutSKUID        string        `json:"out_sku_id"`
	Spec            []SpecItem    `json:"spec"`
	ItemNum         int           `json:"item_num"`
	OriginAmount    int64         `json:"origin_amount"`
	PayAmount       int64         `json:"pay_amount"`
	ThemeType       string        `json:"theme_type"`
	ThemeTypeDesc   string        `json:"theme_type_desc,omitempty"`
	RoomID          int64         `json:"room_id"`
	RoomIDStr       string        `json:"room_id_str,omitempty"`
	AuthorID        int64         `json:"author_id,omitempty"`
	AuthorName      string        `json:"author_name"`
	ExpShipTime     int64         `json:"exp_ship_time"`
	AfterSaleInfo   AfterSaleInfo `json:"after_sale_info"`
}

// LogisticsInfo is one shipment written back for an order.
type LogisticsInfo struct {
	TrackingNo  string `json:"tracking_no"`
	Company     string `json:"company"`      // courier code, e.g. "zhongtong"
	CompanyName string `json:"company_name"` // e.g. "中通快递"
	ShipTime    int64  `json:"ship_time"`
	DeliveryID  string `json:"delivery_id,omitempty"`
}

// ShopOrder is a parent order as order.searchList and order.orderDetail return it. Times are
// Unix seconds and amounts are in fen.
type ShopOrder struct {
	ShopID              int64           `json:"shop_id"`
	ShopName            string          `json:"shop_name"`
	OrderID             string          `json:"order_id"`
	OrderLevel          int             `json:"order_level,omitempty"`
	OrderStatus         int             `json:"order_status"`
	OrderStatusDesc     string          `json:"order_status_desc"`
	MainStatus          int             `json:"main_status"`
	MainStatusDesc      string          `json:"main_status_desc,omitempty"`
	CreateTime          int64           `json:"create_time"`
	PayTime             int64           `json:"pay_time"`
	UpdateTime          int64           `json:"update_time"`
	FinishTime          int64           `json:"finish_time"`
	ExpShipTime         int64           `json:"exp_ship_time"`
	BuyerWords          string          `json:"buyer_words"`
	SellerWords         string          `json:"seller_words"`
	SellerRemarkStars   int             `json:"seller_remark_stars"`
	OrderAmount         int64           `json:"order_amount"`
	PayAmount           int64           `json:"pay_amount"`
	PostAmount          int64           `json:"post_amount"`
	PostReceiver        string          `json:"post_receiver"`
	EncryptPostReceiver string          `json:"encrypt_post_receiver"`
	PostTel             string          `json:"post_tel"`
	EncryptPostTel      string          `json:"encrypt_post_tel"`
	PostAddr            PostAddr        `json:"post_addr"`
	MaskPostReceiver    string          `json:"mask_post_receiver"`
	MaskPostTel         string          `json:"mask_post_tel"`
	MaskPostAddr        PostAddr        `json:"mask_post_addr"`
	LogisticsInfo       []LogisticsInfo `json:"logistics_info"`
	SKUOrderList        []SKUOrder      `json:"sku_order_list"`
}

// SearchListRequest is the query of order.searchList. One of UpdateTimeStart and
// CreateTimeStart is required. Page starts at 0; Size is at most 100 and defaults to 100.
// OrderStatus is a comma list such as "2" or "2,101".
type SearchListRequest struct {
	UpdateTimeStart int64  `json:"update_time_start,omitempty"`
	UpdateTimeEnd   int64  `json:"update_time_end,omitempty"`
	CreateTimeStart int64  `json:"create_time_start,omitempty"`
	CreateTimeEnd   int64  `json:"create_time_end,omitempty"`
	OrderStatus     string `json:"order_status,omitempty"`
	Page            int    `json:"page"`
	Size            int    `json:"size"`
	OrderBy         string `json:"order_by,omitempty"` // "create_time" (platform default) or "update_time"
	OrderAsc        bool   `json:"order_asc,omitempty"`
}

// SearchListResponse is one page of order.searchList; Total counts all matches.
type SearchListResponse struct {
	Page          int         `json:"page"`
	Size          int         `json:"size"`
	Total         int         `json:"total"`
	ShopOrderList []ShopOrder `json:"shop_order_list"`
}

// DefaultPageSize is the page size SearchList sends when the request leaves Size at zero; it
// is also the platform's maximum.
const DefaultPageSize = 100

// SearchList fetches one page of orders.
func (c *Client) SearchList(ctx context.Context, req SearchListRequest) (SearchListResponse, error) {
	if req.Size == 0 {
		req.Size = DefaultPageSize
	}
	var resp SearchListResponse
	if err := c.Call(ctx, "order.searchList", req, &resp); err != nil {
		return SearchListResponse{}, err
	}
	return resp, nil
}

// OrderDetail fetches one shop order by its id.
func (c *Client) OrderDetail(ctx context.Context, shopOrderID string) (ShopOrder, error) {
	var resp struct {
		ShopOrderDetail ShopOrder `json:"shop_order_detail"`
	}
	params := map[string]string{"shop_order_id": shopOrderID}
	if err := c.Call(ctx, "order.orderDetail", params, &resp); err != nil {
		return ShopOrder{}, err
	}
	if resp.ShopOrderDetail.OrderID == "" {
		return ShopOrder{}, fmt.Errorf("order.orderDetail %s: reply without shop_order_detail: %w", shopOrderID, ErrUnavailable)
	}
	return resp.ShopOrderDetail, nil
}
