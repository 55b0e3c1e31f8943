package app

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/printstation/printstation/app/plan"
	"github.com/printstation/printstation/store"
)

// stockKey is the setting that keeps the stock as printing and cancelling
// leave it. Before the first change, the stock is the one the planner's
// rule folder imported.
const stockKey = "plan/stock"

// stock returns the current stock: the saved one, else the imported one.
func (s *Station) stock(tx *store.Tx) plan.Stock {
	if raw := tx.Setting(stockKey); raw != "" {
		var saved plan.Stock
		if err := json.Unmarshal([]byte(raw), &saved); err == nil {
			return saved
		}
		s.log.Error().Msg("saved stock is unreadable; using the imported stock")
	}
	if s.cfg.Plan == nil {
		return nil
	}
	return s.cfg.Plan.Stock.Clone()
}

func putStock(tx *store.Tx, stock plan.Stock) error {
	raw, err := json.Marshal(stock)
	if err != nil {
		return err
	}
	return tx.PutSetting(stockKey, string(raw))
}

// Stock returns the current stock per warehouse and SKU code.
func (s *Station) Stock() (stock plan.Stock, err error) {
	err = s.db.View(func(tx *store.Tx) error {
		stock = s.stock(tx)
		return nil
	})
	return stock, err
}

// ImportStock replaces the stock with the one of a CSV file (warehouse,
// sku, quantity), as counted in the warehouse.
func (s *Station) ImportStock(stock plan.Stock) error {
	return s.db.Update(func(tx *store.Tx) error { return putStock(tx, stock) })
}

// reserveStock takes a printed parcel's items out of its warehouse's stock,
// in the transaction that records the print. A parcel without a warehouse
// (no warehouses configured) changes nothing. Stock running short does not
// stop the print, because the goods are in the packer's hands: it is
// logged and the stock goes to zero.
func (s *Station) reserveStock(tx *store.Tx, p *store.Parcel) error {
	if p.Warehouse == "" || p.StockTaken {
		return nil
	}
	stock := s.stock(tx)
	if stock == nil {
		return nil
	}
	items := planItems(p.Items)
	if err := stock.Reserve(p.Warehouse, items); err != nil {
		if !errors.Is(err, plan.ErrInsufficientStock) {
			return fmt.Errorf("reserve stock for %s: %w", p.ID, err)
		}
		s.log.Warn().Err(err).Str("parcel", p.ID).Str("warehouse", p.Warehouse).Msg("stock count below a printed parcel")
		for _, it := range items {
			if take := min(it.Qty, stock.Available(p.Warehouse, it.Code)); take > 0 {
				_ = stock.Reserve(p.Warehouse, []plan.Item{{Code: it.Code, Qty: take}})
			}
		}
	}
	p.StockTaken = true
	return putStock(tx, stock)
}

// releaseStock puts a cancelled parcel's items back into its warehouse.
func (s *Station) releaseStock(tx *store.Tx, p *store.Parcel) error {
	if !p.StockTaken {
		return nil
	}
	stock := s.stock(tx)
	if stock == nil {
		return nil
	}
	stock.Release(p.Warehouse, planItems(p.Items))
	p.StockTaken = false
	return putStock(tx, stock)
}

func planItems(items []store.Item) []plan.Item {
	out := make([]plan.Item, 0, len(items))
	for _, it := range items {
		out = append(out, plan.Item{OrderID: it.OrderID, Code: it.Code, Qty: it.Qty})
	}
	return out
}
