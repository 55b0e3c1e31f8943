package plan

import (
	"slices"
	"strings"
	"time"

	"github.com/printstation/printstation/store"
)

// Item is a quantity of one order line in a parcel.
type Item struct {
	OrderID    string
	SubOrderID string
	Code       string // merchant SKU code
	Name       string
	Spec       string
	Qty        int
	WeightG    int // of one unit
}

// Parcel is one box with one waybill.
type Parcel struct {
	// ID is the first order's id and "-" and ParcelNo, the form the station
	// stores parcels under.
	ID     string
	ShopID int64
	// OrderIDs are the orders with items in the parcel, each once; the
	// write-back covers all of them.
	OrderIDs []string
	Items    []Item
	Province string

	Warehouse string // "" when no warehouses are configured
	Courier   string
	Service   string
	// CostFen is the estimated price from the rate table; CostKnown is
	// false when the table has no rate for the courier and province.
	CostFen   int64
	CostKnown bool
	WeightG   int
	AmountFen int64 // pay amount of the parcel's orders

	Tags     []string // packing lines for the label and the slip, such as 易碎
	Flags    []string // remark keywords that ask a packer to look
	Warnings []string // non-blocking address reasons, such as ReasonDetailRepeatsRegion
	Remarks  []string // every buyer remark and seller memo of the orders, once each

	// ParcelNo of ParcelCount numbers the parts of a split; PackID is ""
	// for part 1 and unique among the parts otherwise, ≤ 15 characters of
	// [A-Za-z0-9_] as the waybill request requires.
	ParcelNo    int
	ParcelCount int
	PackID      string
	ExpShipTime time.Time // the earliest ship-by time of the orders
}

// SetAside is a group of orders that must not get a waybill.
type SetAside struct {
	OrderIDs []string
	Reason   string // a Reason… key; see TranslationKey
	Detail   string // every reason found, comma separated
}

// Result is the outcome of Plan.
type Result struct {
	Parcels  []Parcel
	SetAside []SetAside
	// MergeProposals lists the order ids of each receiver with several
	// orders, when Config.AutoMerge is off.
	MergeProposals [][]string

	Merged       int   // parcels that ship more than one order
	Split        int   // order groups shipped in more than one parcel
	TotalCostFen int64 // sum of the known parcel costs
	CostUnknown  int   // parcels without a rate
}

// planner is the state of one Plan call.
type planner struct {
	cfg        Config
	divisions  *Divisions
	stock      Stock // working copy, drawn down parcel by parcel
	byDistance map[string][]Warehouse
	result     Result
}

// Plan turns the shippable orders among orders into parcels. Orders that
// Shippable rejects are left out. The steps are: check each address, group
// the orders of one receiver, then for each group in ship-by order pick the
// warehouses (drawing down a copy of the stock, so earlier ship-by times
// get stock first), split by weight, choose the courier and estimate the
// cost.
func Plan(orders []store.Order, cfg Config) Result {
	pl := &planner{cfg: cfg, divisions: cfg.divisions(), stock: cfg.Stock.Clone(), byDistance: map[string][]Warehouse{}}

	var deliverable []store.Order
	warnings := map[string][]string{}
	for _, o := range orders {
		if !o.Shippable() {
			continue
		}
		var blocking, all []string
		for _, problem := range pl.divisions.CheckAddress(o.Receiver) {
			all = append(all, problem.Reason)
			if problem.Blocking {
				blocking = append(blocking, problem.Reason)
			}
		}
		if len(blocking) > 0 {
			pl.setAside([]store.Order{o}, blocking[0], strings.Join(blocking, ","))
			continue
		}
		if len(all) > 0 {
			warnings[o.ID] = all
		}
		deliverable = append(deliverable, o)
	}

	var units [][]store.Order
	for _, group := range groupByReceiver(deliverable) {
		if len(group) == 1 || cfg.AutoMerge {
			units = append(units, group)
			continue
		}
		pl.result.MergeProposals = append(pl.result.MergeProposals, orderIDs(group))
		for _, o := range group {
			units = append(units, []store.Order{o})
		}
	}
	slices.SortStableFunc(units, func(a, b []store.Order) int { return compareShipBy(a[0], b[0]) })

	for _, unit := range units {
		pl.planUnit(unit, warnings)
	}
	return pl.result
}

// planUnit turns the orders of one parcel-to-be into one or more parcels.
func (pl *planner) planUnit(orders []store.Order, warnings map[string][]string) {
	base := Parcel{
		ID:          orders[0].ID,
		ShopID:      orders[0].ShopID,
		OrderIDs:    orderIDs(orders),
		Province:    orders[0].Receiver.Province,
		ExpShipTime: orders[0].ExpShipTime,
	}
	var items []Item
	for _, o := range orders {
		base.AmountFen += o.PayAmount
		base.Remarks = appendOnce(base.Remarks, o.BuyerWords, o.SellerWords)
		base.Warnings = appendOnce(base.Warnings, warnings[o.ID]...)
		for _, it := range o.Items {
			items = append(items, Item{
				OrderID: o.ID, SubOrderID: it.SubOrderID, Code: it.Code, Name: it.Name, Spec: it.Spec,
				Qty: it.Qty, WeightG: pl.unitWeight(it.Code),
			})
		}
	}
	base.Flags = matchedKeywords(base.Remarks, pl.cfg.Packing.FlagKeywords)

	parts, reason := pl.source(items, base.Province)
	if reason != "" {
		pl.setAside(orders, reason, reason)
		return
	}

	var parcels []Parcel
	for _, part := range parts {
		for _, box := range packBoxes(part.items, pl.cfg.MaxParcelWeightG) {
			p, ok := finishParcel(pl.cfg, base, part.warehouse, box)
			if !ok {
				for _, part := range parts {
					pl.stock.Release(part.warehouse, part.items)
				}
				pl.setAside(orders, ReasonNoCourier, ReasonNoCourier)
				return
			}
			parcels = append(parcels, p)
		}
	}
	numberParts(parcels)

	if len(parcels) > 1 {
		pl.result.Split++
	}
	for _, p := range parcels {
		if len(p.OrderIDs) > 1 {
			pl.result.Merged++
		}
		pl.result.TotalCostFen += p.CostFen
		if !p.CostKnown {
			pl.result.CostUnknown++
		}
	}
	pl.result.Parcels = append(pl.result.Parcels, parcels...)
}

func (pl *planner) unitWeight(code string) int {
	if sku, ok := pl.cfg.SKUs[code]; ok {
		return sku.WeightG
	}
	return pl.cfg.DefaultItemWeightG
}

func (pl *planner) setAside(orders []store.Order, reason, detail string) {
	pl.result.SetAside = append(pl.result.SetAside, SetAside{OrderIDs: orderIDs(orders), Reason: reason, Detail: detail})
}

func orderIDs(orders []store.Order) []string {
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	return ids
}

// appendOnce appends the non-empty values not yet in list.
func appendOnce(list []string, values ...string) []string {
	for _, v := range values {
		if v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}
