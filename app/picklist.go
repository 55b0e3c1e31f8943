package app

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/printstation/printstation/store"
)

// PickLine is one SKU of a pick list: how many to take off the shelf for a
// batch and for how many orders.
type PickLine struct {
	Code   string
	Name   string
	Spec   string
	Qty    int
	Orders int
}

// PickList sums the items of orders by SKU, sorted by code (then name), so
// a picker walks the shelves once per batch. Items without a code are
// distinguished by SKU id, or by name and spec when the id is missing too.
func PickList(orders []store.Order) []PickLine {
	byKey := map[string]*PickLine{}
	var keys []string
	for _, o := range orders {
		counted := map[string]bool{}
		for _, it := range o.Items {
			key := pickKey(it)
			line, ok := byKey[key]
			if !ok {
				line = &PickLine{Code: it.Code, Name: it.Name, Spec: it.Spec}
				byKey[key] = line
				keys = append(keys, key)
			}
			line.Qty += it.Qty
			if !counted[key] {
				counted[key] = true
				line.Orders++
			}
		}
	}

	lines := make([]PickLine, 0, len(keys))
	for _, k := range keys {
		lines = append(lines, *byKey[k])
	}
	slices.SortFunc(lines, func(a, b PickLine) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Spec, b.Spec))
	})
	return lines
}

func pickKey(it store.Item) string {
	switch {
	case it.Code != "":
		return "code:" + it.Code
	case it.SKUID != 0:
		return "sku:" + strconv.FormatInt(it.SKUID, 10)
	}
	return "name:" + it.Name + "\x00" + it.Spec
}

// PickList returns the pick list of the orders with the ids; ids that
// name no stored order are skipped.
func (s *Station) PickList(orderIDs []string) ([]PickLine, error) {
	orders := make([]store.Order, 0, len(orderIDs))
	err := s.db.View(func(tx *store.Tx) error {
		for _, id := range orderIDs {
			o, err := tx.Order(id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			orders = append(orders, o)
		}
		return nil
	})
	return PickList(orders), err
}
