package plan

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
)

// Stock is the number of units per warehouse code and SKU code. It is a
// plain map: a caller that shares one Stock between goroutines must lock
// around Reserve and Release.
type Stock map[string]map[string]int

// ReadStockCSV reads a stock import: a header line, then
// warehouse,sku,qty per line. A warehouse and SKU listed twice add up.
func ReadStockCSV(r io.Reader) (Stock, error) {
	stock := Stock{}
	err := readCSV(r, 3, func(f []string) error {
		qty, err := strconv.Atoi(f[2])
		if err != nil || qty < 0 {
			return fmt.Errorf("invalid qty %q for %s in %s", f[2], f[1], f[0])
		}
		stock.add(f[0], f[1], qty)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read stock: %w", err)
	}
	return stock, nil
}

// WriteCSV writes the stock in the form ReadStockCSV reads, sorted by
// warehouse and SKU.
func (s Stock) WriteCSV(w io.Writer) error {
	out := csv.NewWriter(w)
	if err := out.Write([]string{"warehouse", "sku", "qty"}); err != nil {
		return err
	}
	for _, warehouse := range slices.Sorted(maps.Keys(s)) {
		for _, sku := range slices.Sorted(maps.Keys(s[warehouse])) {
			if err := out.Write([]string{warehouse, sku, strconv.Itoa(s[warehouse][sku])}); err != nil {
				return err
			}
		}
	}
	out.Flush()
	return out.Error()
}

// Available returns the units of a SKU in a warehouse.
func (s Stock) Available(warehouse, sku string) int {
	return s[warehouse][sku]
}

// Clone returns a deep copy.
func (s Stock) Clone() Stock {
	c := make(Stock, len(s))
	for warehouse, skus := range s {
		c[warehouse] = maps.Clone(skus)
	}
	return c
}

// Reserve takes a parcel's items out of a warehouse's stock, all or none:
// it returns ErrInsufficientStock, and changes nothing, when any SKU is
// short. The station calls it when a parcel's label prints.
func (s Stock) Reserve(warehouse string, items []Item) error {
	need := unitsBySKU(items)
	for _, sku := range slices.Sorted(maps.Keys(need)) {
		if have := s.Available(warehouse, sku); have < need[sku] {
			return fmt.Errorf("reserve %d × %s in %s (%d left): %w", need[sku], sku, warehouse, have, ErrInsufficientStock)
		}
	}
	for sku, qty := range need {
		s.add(warehouse, sku, -qty)
	}
	return nil
}

// Release puts a parcel's items back into a warehouse's stock, when a
// printed parcel is cancelled.
func (s Stock) Release(warehouse string, items []Item) {
	for sku, qty := range unitsBySKU(items) {
		s.add(warehouse, sku, qty)
	}
}

func (s Stock) add(warehouse, sku string, qty int) {
	if s[warehouse] == nil {
		s[warehouse] = map[string]int{}
	}
	s[warehouse][sku] += qty
}

// unitsBySKU sums the quantities of items per SKU code.
func unitsBySKU(items []Item) map[string]int {
	units := map[string]int{}
	for _, item := range items {
		units[item.Code] += item.Qty
	}
	return units
}
