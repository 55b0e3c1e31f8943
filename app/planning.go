package app

import (
	"slices"
	"time"

	"github.com/printstation/printstation/app/plan"
	"github.com/printstation/printstation/store"
)

// planConfig is the planner's configuration: the one given, or the
// station's courier for every parcel with no warehouses and no rates.
func (s *Station) planConfig() plan.Config {
	if s.cfg.Plan != nil {
		return *s.cfg.Plan
	}
	return plan.Config{DefaultCourier: s.cfg.Courier, AutoMerge: s.cfg.AutoMerge}
}

// createParcels plans the parcels of orders that have none yet (merging,
// when set or when merge is true, splitting, choosing warehouse and
// courier, checking addresses) and
// stores them: each planned parcel as new, each order the planner set
// aside as an exception with its reason, before any waybill is spent. It
// returns the new parcels and how many orders were set aside.
func (s *Station) createParcels(tx *store.Tx, orders []store.Order, now time.Time, merge bool) (created []store.Parcel, setAside int, err error) {
	if len(orders) == 0 {
		return nil, 0, nil
	}
	cfg := s.planConfig()
	cfg.AutoMerge = cfg.AutoMerge || merge
	if len(cfg.Warehouses) > 0 {
		// NOTE: the planner draws down the stock as printing and
		// cancelling left it; parcels planned but not yet printed do not
		// hold their units yet.
		cfg.Stock = s.stock(tx)
	}
	res := plan.Plan(orders, cfg)

	for _, pp := range res.Parcels {
		p := store.Parcel{
			ID:          pp.ID,
			OrderIDs:    pp.OrderIDs,
			ShopID:      pp.ShopID,
			PackID:      pp.PackID,
			ParcelNo:    pp.ParcelNo,
			ParcelCount: pp.ParcelCount,
			State:       store.StateNew,
			Courier:     pp.Courier,
			Warehouse:   pp.Warehouse,
			Tags:        pp.Tags,
			Flags:       pp.Flags,
			CostFen:     pp.CostFen,
			ExpShipTime: pp.ExpShipTime,
			UpdatedAt:   now,
		}
		for _, it := range pp.Items {
			p.Items = append(p.Items, store.Item{OrderID: it.OrderID, SubOrderID: it.SubOrderID, Code: it.Code, Name: it.Name, Spec: it.Spec, Qty: it.Qty})
		}
		if err := s.putNewParcel(tx, p, EventCreated); err != nil {
			return nil, 0, err
		}
		created = append(created, p)
	}

	for _, sa := range res.SetAside {
		p := store.Parcel{
			ID:           sa.OrderIDs[0] + "-1",
			OrderIDs:     sa.OrderIDs,
			ParcelNo:     1,
			ParcelCount:  1,
			State:        store.StateException,
			Reason:       sa.Reason,
			ReasonDetail: sa.Detail,
			Courier:      s.cfg.Courier,
			UpdatedAt:    now,
		}
		for _, o := range orders {
			if slices.Contains(sa.OrderIDs, o.ID) {
				p.ShopID = o.ShopID
				if p.ExpShipTime.IsZero() || o.ExpShipTime.Before(p.ExpShipTime) {
					p.ExpShipTime = o.ExpShipTime
				}
			}
		}
		if err := s.putNewParcel(tx, p, EventSetAside); err != nil {
			return nil, 0, err
		}
		setAside++
	}
	return created, setAside, nil
}

func (s *Station) putNewParcel(tx *store.Tx, p store.Parcel, kind string) error {
	if err := tx.PutParcel(p); err != nil {
		return err
	}
	_, err := tx.AppendEvent(store.Event{At: p.UpdatedAt, Parcel: p.ID, Kind: kind, To: p.State, Actor: s.cfg.Operator, Detail: p.Reason})
	return err
}

// planReasons are the set-aside reasons the planner gives, with the
// action each suggests.
var planReasonActions = map[string]string{
	plan.ReasonProvinceMissing:   ReasonAddressMissing,
	plan.ReasonCityMissing:       ReasonAddressMissing,
	plan.ReasonDistrictMissing:   ReasonAddressMissing,
	plan.ReasonDetailMissing:     ReasonAddressMissing,
	plan.ReasonPhoneMissing:      ReasonAddressMissing,
	plan.ReasonPhoneInvalid:      ReasonAddressMissing,
	plan.ReasonProvinceUnknown:   ReasonAddressMissing,
	plan.ReasonCityNotInProvince: ReasonAddressMissing,
	plan.ReasonDistrictNotInCity: ReasonAddressMissing,
	plan.ReasonDetailContradicts: ReasonAddressMissing,
	plan.ReasonPOBox:             ReasonAddressMissing,
	plan.ReasonOverseas:          ReasonAddressMissing,
	plan.ReasonOutOfStock:        "out_of_stock",
	plan.ReasonSplitNotAllowed:   "out_of_stock",
	plan.ReasonNoCourier:         "choose_courier",
}

// ReasonMessage returns the message that explains a set-aside reason.
func ReasonMessage(reason string) MessageKey {
	if _, ok := planReasonActions[reason]; ok {
		return MessageKey{Key: plan.TranslationKey(reason)}
	}
	if reason == "" {
		return MessageKey{Key: "reason.unknown"}
	}
	return MessageKey{Key: "reason." + reason}
}

// addressProblem returns the first blocking address problem of an order,
// or "" when the address will do.
func (s *Station) addressProblem(o store.Order) string {
	divisions := s.planConfig().Divisions
	if divisions == nil {
		divisions = plan.DefaultDivisions()
	}
	for _, problem := range divisions.CheckAddress(o.Receiver) {
		if problem.Blocking {
			return problem.Reason
		}
	}
	return ""
}

// unplannedOrders returns the station's orders awaiting shipment that have
// no parcel yet.
func (s *Station) unplannedOrders(tx *store.Tx) ([]store.Order, error) {
	var fresh []store.Order
	err := tx.ForEachOrder(func(o store.Order) error {
		if !o.Shippable() || (s.cfg.ShopID != 0 && o.ShopID != 0 && o.ShopID != s.cfg.ShopID) {
			return nil
		}
		parcels, err := tx.ParcelsByOrder(o.ID)
		if err != nil || len(parcels) > 0 {
			return err
		}
		fresh = append(fresh, o)
		return nil
	})
	return fresh, err
}

// MergeProposals returns the groups of orders, awaiting shipment and not
// yet in a parcel, that go to one receiver and could ship as one parcel
// (合并订单). With automatic merging on, batches merge them anyway.
func (s *Station) MergeProposals() ([][]string, error) {
	var groups [][]string
	err := s.db.View(func(tx *store.Tx) error {
		fresh, err := s.unplannedOrders(tx)
		if err != nil {
			return err
		}
		cfg := s.planConfig()
		cfg.AutoMerge = false
		groups = plan.Plan(fresh, cfg).MergeProposals
		return nil
	})
	return groups, err
}

// MergeOrders plans the given orders now, merging those with one receiver
// into one parcel, as a packer accepts a merge proposal. Orders that
// already have a parcel or may not ship are left as they are.
func (s *Station) MergeOrders(ids []string) (parcels int, err error) {
	err = s.db.Update(func(tx *store.Tx) error {
		fresh, err := s.unplannedOrders(tx)
		if err != nil {
			return err
		}
		var chosen []store.Order
		for _, o := range fresh {
			if slices.Contains(ids, o.ID) {
				chosen = append(chosen, o)
			}
		}
		created, _, err := s.createParcels(tx, chosen, s.cfg.Now(), true)
		parcels = len(created)
		return err
	})
	return parcels, err
}
