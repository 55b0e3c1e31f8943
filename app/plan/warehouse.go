package plan

import (
	"cmp"
	"math"
	"slices"
)

// maxSearchedWarehouses bounds the exhaustive search over warehouse sets:
// a parcel is only sourced from its nearest 16 warehouses.
const maxSearchedWarehouses = 16

// part is the share of a parcel that one warehouse ships.
type part struct {
	warehouse string
	items     []Item
}

// source picks the warehouses of a parcel and takes the units out of the
// planner's working stock. It prefers the fewest warehouses, then the
// smallest sum of distances to the receiver's province, then the order of
// Config.Warehouses. So a parcel that one warehouse can fill ships whole
// from the nearest such warehouse. Within the chosen set each item line is taken
// from the nearest warehouse that still has units. It returns a reason when
// the stock of all warehouses together falls short, or when the parcel
// needs several warehouses and Config.AllowWarehouseSplit is off.
func (pl *planner) source(items []Item, province string) ([]part, string) {
	if len(pl.cfg.Warehouses) == 0 {
		return []part{{items: items}}, ""
	}

	candidates := pl.nearestWarehouses(province)
	need := unitsBySKU(items)
	distance := func(i int) int { return pl.distance(candidates[i].Province, province) }

	var best []int
	bestDistance := math.MaxInt
	for k := 1; k <= len(candidates) && best == nil; k++ {
		combinations(len(candidates), k, func(set []int) {
			if !pl.covers(candidates, set, need) {
				return
			}
			total := 0
			for _, i := range set {
				total += distance(i)
			}
			if total < bestDistance {
				best, bestDistance = slices.Clone(set), total
			}
		})
	}
	switch {
	case best == nil:
		return nil, ReasonOutOfStock
	case len(best) > 1 && !pl.cfg.AllowWarehouseSplit:
		return nil, ReasonSplitNotAllowed
	}

	parts := make([]part, len(best))
	for j, i := range best {
		parts[j].warehouse = candidates[i].Code
	}
	for _, item := range items {
		remaining := item.Qty
		for j := range parts {
			take := min(remaining, pl.stock.Available(parts[j].warehouse, item.Code))
			if take == 0 {
				continue
			}
			taken := item
			taken.Qty = take
			parts[j].items = append(parts[j].items, taken)
			pl.stock.add(parts[j].warehouse, item.Code, -take)
			remaining -= take
		}
	}
	return slices.DeleteFunc(parts, func(p part) bool { return len(p.items) == 0 }), ""
}

// nearestWarehouses returns the warehouses sorted by distance to province,
// keeping the configured order between equal distances, at most
// maxSearchedWarehouses of them.
func (pl *planner) nearestWarehouses(province string) []Warehouse {
	if sorted, ok := pl.byDistance[province]; ok {
		return sorted
	}
	sorted := slices.Clone(pl.cfg.Warehouses)
	slices.SortStableFunc(sorted, func(a, b Warehouse) int {
		return cmp.Compare(pl.distance(a.Province, province), pl.distance(b.Province, province))
	})
	sorted = sorted[:min(len(sorted), maxSearchedWarehouses)]
	pl.byDistance[province] = sorted
	return sorted
}

// distance is the distance between two provinces in km, with an unknown
// province farther than any known one.
func (pl *planner) distance(from, to string) int {
	if d, ok := pl.divisions.DistanceKM(from, to); ok {
		return d
	}
	return math.MaxInt32
}

// covers reports whether the warehouses set of candidates together hold
// the units need.
func (pl *planner) covers(candidates []Warehouse, set []int, need map[string]int) bool {
	for sku, qty := range need {
		have := 0
		for _, i := range set {
			have += pl.stock.Available(candidates[i].Code, sku)
		}
		if have < qty {
			return false
		}
	}
	return true
}

// combinations calls visit with every k-element subset of 0..n-1, in
// lexicographic order. visit must not keep the slice.
func combinations(n, k int, visit func([]int)) {
	set := make([]int, k)
	var walk func(position, from int)
	walk = func(position, from int) {
		if position == k {
			visit(set)
			return
		}
		for i := from; i <= n-(k-position); i++ {
			set[position] = i
			walk(position+1, i+1)
		}
	}
	walk(0, 0)
}
