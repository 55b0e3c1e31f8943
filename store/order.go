package store

import "time"

// Order is one shop order as the station keeps it: the platform's fields a
// label, a waybill request and the order list need. Personal data stays in
// the platform's ciphertext and masked forms; plaintext exists only on the
// parcels that were printed.
type Order struct {
	ID       string `json:"id"`
	ShopID   int64  `json:"shop_id"`
	ShopName string `json:"shop_name"`

	// Status is the platform's order_status (2 awaiting shipment, 3 shipped,
	// 4 cancelled, ...); Refund is true when any item has a refund request.
	Status     int    `json:"status"`
	StatusDesc string `json:"status_desc"`
	Refund     bool   `json:"refund"`

	CreateTime  time.Time `json:"create_time"`
	PayTime     time.Time `json:"pay_time"`
	UpdateTime  time.Time `json:"update_time"`
	ExpShipTime time.Time `json:"exp_ship_time"`

	Receiver Receiver `json:"receiver"`
	Items    []Item   `json:"items"`

	BuyerWords  string `json:"buyer_words"`
	SellerWords string `json:"seller_words"`
	PayAmount   int64  `json:"pay_amount"` // fen

	// LiveRoomID is the live-stream room the order was placed in, "" if none.
	LiveRoomID string `json:"live_room_id,omitempty"`
}

// Receiver is an order's delivery address in the forms the platform sends:
// region names in plain text, name, phone and detail as ciphertext and
// masked text.
type Receiver struct {
	Province   string `json:"province"`
	City       string `json:"city"`
	District   string `json:"district"`
	Street     string `json:"street"`
	DistrictID string `json:"district_id"`

	NameCipher   string `json:"name_cipher"`
	PhoneCipher  string `json:"phone_cipher"`
	DetailCipher string `json:"detail_cipher"`

	// Name, Phone and Detail are plaintext only when the platform sent
	// plaintext (old orders or a test shop); usually they are empty.
	Name   string `json:"name,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Detail string `json:"detail,omitempty"`

	MaskName   string `json:"mask_name"`
	MaskPhone  string `json:"mask_phone"`
	MaskDetail string `json:"mask_detail"`
}

// HasAddress reports whether the receiver has everything a courier needs:
// province, city, district, a detail (plain or encrypted) and a phone.
func (r Receiver) HasAddress() bool {
	hasDetail := r.Detail != "" || r.DetailCipher != ""
	hasPhone := r.Phone != "" || r.PhoneCipher != ""
	return r.Province != "" && r.City != "" && r.District != "" && hasDetail && hasPhone
}

// Item is one SKU line of an order, or the part of it in one parcel.
type Item struct {
	// OrderID is the shop order of the line, set on a parcel's items.
	OrderID    string `json:"order_id,omitempty"`
	SubOrderID string `json:"sub_order_id"`
	SKUID      int64  `json:"sku_id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Spec       string `json:"spec"`
	Qty        int    `json:"qty"`
}

// Order statuses of the platform, as order_status values.
const (
	OrderUnpaid           = 1
	OrderPaid             = 105
	OrderAwaitingShipment = 2
	OrderPartlyShipped    = 101
	OrderShipped          = 3
	OrderCancelled        = 4
	OrderCompleted        = 5
)

// Intercepted reports whether the order must not ship: it was cancelled or
// a buyer asked for a refund.
func (o Order) Intercepted() bool {
	return o.Status == OrderCancelled || o.Refund
}

// Shippable reports whether the order may still be shipped: awaiting
// shipment (or partly shipped) and without a refund request.
func (o Order) Shippable() bool {
	return (o.Status == OrderAwaitingShipment || o.Status == OrderPartlyShipped) && !o.Refund
}
