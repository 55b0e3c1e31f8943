package store

import "time"

// State is where a parcel is in its life from order to shipment.
type State string

// Parcel states in the order a parcel normally passes them, then the
// set-aside states. A parcel in StateSent has an unknown fate: the bytes
// went to the printer but the printer did not confirm the label, so it must
// be confirmed by a packer before it is printed again.
const (
	StateNew              State = "new"
	StateWaybillRequested State = "waybill_requested"
	StateWaybillIssued    State = "waybill_issued"
	StateQueued           State = "queued"
	StateSent             State = "sent"
	StatePrinted          State = "printed"
	StateWriteBackQueued  State = "writeback_queued"
	StateShipped          State = "shipped"

	StateException   State = "exception"
	StateIntercepted State = "intercepted"
	StateCancelled   State = "cancelled"
)

// SetAside reports whether the state takes the parcel out of the normal flow
// until someone acts on it.
func (s State) SetAside() bool {
	return s == StateException || s == StateIntercepted || s == StateCancelled
}

// HasPrinted reports whether the parcel's label has been printed at least
// once and confirmed.
func (s State) HasPrinted() bool {
	return s == StatePrinted || s == StateWriteBackQueued || s == StateShipped
}

// Parcel is one box that leaves the building with one waybill. Usually one
// parcel carries one order; OrderIDs has room for merged orders.
type Parcel struct {
	ID       string   `json:"id"`
	OrderIDs []string `json:"order_ids"`
	ShopID   int64    `json:"shop_id"`

	// PackID is the platform's pack_id, empty for the first parcel of an
	// order; ParcelNo and ParcelCount print as "n/m" on the label.
	PackID      string `json:"pack_id,omitempty"`
	ParcelNo    int    `json:"parcel_no"`
	ParcelCount int    `json:"parcel_count"`

	State State `json:"state"`
	// Reason is a stable key of why the parcel was set aside (for example
	// "address_missing"); ReasonDetail is the platform's or the printer's
	// own message, shown as is.
	Reason       string `json:"reason,omitempty"`
	ReasonDetail string `json:"reason_detail,omitempty"`

	Courier string  `json:"courier"`
	Waybill Waybill `json:"waybill"`

	// Items are the parcel's share of its orders' items; empty on parcels
	// written before the planner, which carry their whole order.
	Items     []Item `json:"items,omitempty"`
	Warehouse string `json:"warehouse,omitempty"`
	// StockTaken is true while the parcel's items are counted out of the
	// warehouse's stock: from its first print until it is cancelled.
	StockTaken bool `json:"stock_taken,omitempty"`
	// Tags are packing lines printed on the label (易碎, 冷链); Flags are
	// remark keywords that ask a packer to look.
	Tags    []string `json:"tags,omitempty"`
	Flags   []string `json:"flags,omitempty"`
	CostFen int64    `json:"cost_fen,omitempty"` // estimated postage

	// Receiver is the decrypted receiver printed on the label. It is filled
	// just before the first print and kept so that a reprint works offline.
	Receiver *PrintedReceiver `json:"receiver,omitempty"`

	ExpShipTime time.Time `json:"exp_ship_time"`
	BatchID     string    `json:"batch_id,omitempty"`
	// Printer is the address of the printer the label was last sent to.
	Printer string `json:"printer,omitempty"`
	Prints  int    `json:"prints"`
	// Replaced counts the waybills cancelled and replaced on this parcel.
	Replaced  int       `json:"replaced,omitempty"`
	Reprints  int       `json:"reprints"`
	PrintedAt time.Time `json:"printed_at"`
	ShippedAt time.Time `json:"shipped_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Waybill is the e-waybill the courier issued for a parcel.
type Waybill struct {
	TrackNo           string    `json:"track_no"`
	SortCode          string    `json:"sort_code"`           // 三段码
	PackageCenterCode string    `json:"package_center_code"` // 集包地 code
	PackageCenterName string    `json:"package_center_name"` // 集包地
	ShortAddressCode  string    `json:"short_address_code"`  // 大头笔 code
	ShortAddressName  string    `json:"short_address_name"`  // 大头笔
	IssuedAt          time.Time `json:"issued_at"`
}

// PrintedReceiver is the receiver as printed: plaintext, or masked text when
// the station is set to print masked receivers.
type PrintedReceiver struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Address string `json:"address"`
	Masked  bool   `json:"masked"`
}
