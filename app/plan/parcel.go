package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// finishParcel fills a parcel from base for the items of one box: the
// orders it ships, weight, packing lines, courier and cost. It returns
// false, with the courier fields empty, when no courier can be chosen.
func finishParcel(cfg Config, base Parcel, warehouse string, items []Item) (Parcel, bool) {
	p := base
	p.Warehouse = warehouse
	p.Items = items
	p.WeightG = weightOf(items)
	p.OrderIDs = nil
	for _, item := range items {
		p.OrderIDs = appendOnce(p.OrderIDs, item.OrderID)
	}

	tags := skuTags(items, cfg.SKUs)
	p.Tags = cfg.Packing.tagLines(tags)

	c, ok := chooseCourier(cfg, shipment{province: p.Province, tags: tags, weightG: p.WeightG, amountFen: p.AmountFen, remarks: p.Remarks})
	if !ok {
		p.Courier, p.Service, p.CostFen, p.CostKnown = "", "", 0, false
		return p, false
	}
	p.Courier, p.Service, p.CostFen, p.CostKnown = c.courier, c.service, c.costFen, c.costKnown
	return p, true
}

// numberParts numbers the parcels of one group 1..n and gives every part
// after the first a pack id.
func numberParts(parcels []Parcel) {
	base := parcels[0].ID
	for i := range parcels {
		n := i + 1
		parcels[i].ID = base + "-" + strconv.Itoa(n)
		parcels[i].ParcelNo, parcels[i].ParcelCount = n, len(parcels)
		parcels[i].PackID = ""
		if n > 1 {
			parcels[i].PackID = "P" + strconv.Itoa(n)
		}
	}
}

// SplitByPacker splits a parcel into the boxes a packer filled. Together
// the boxes must hold exactly the parcel's items (the same order lines
// and quantities), and none may be empty; otherwise SplitByPacker returns
// ErrBoxesMismatch. Each part gets its own weight, packing lines, courier
// and cost, and every part after the first a pack id. A parcel that is
// already one part of several returns ErrAlreadySplit.
func SplitByPacker(p Parcel, boxes [][]Item, cfg Config) ([]Parcel, error) {
	if p.ParcelCount > 1 {
		return nil, fmt.Errorf("split %s (part %d of %d): %w", p.ID, p.ParcelNo, p.ParcelCount, ErrAlreadySplit)
	}

	type line struct{ order, subOrder, code string }
	left := map[line]int{}
	weights := map[line]int{}
	for _, item := range p.Items {
		key := line{item.OrderID, item.SubOrderID, item.Code}
		left[key] += item.Qty
		weights[key] = item.WeightG
	}
	boxes = slices.Clone(boxes)
	for i := range boxes {
		boxes[i] = slices.Clone(boxes[i])
		box := boxes[i]
		if len(box) == 0 {
			return nil, fmt.Errorf("split %s: box %d is empty: %w", p.ID, i+1, ErrBoxesMismatch)
		}
		for j, item := range box {
			key := line{item.OrderID, item.SubOrderID, item.Code}
			if item.Qty <= 0 || left[key] < item.Qty {
				return nil, fmt.Errorf("split %s: box %d contains %d × %s of order %s, more than the parcel contains: %w",
					p.ID, i+1, item.Qty, item.Code, item.OrderID, ErrBoxesMismatch)
			}
			left[key] -= item.Qty
			box[j].WeightG = weights[key]
		}
	}
	for key, qty := range left {
		if qty > 0 {
			return nil, fmt.Errorf("split %s: %d × %s of order %s are in no box: %w", p.ID, qty, key.code, key.order, ErrBoxesMismatch)
		}
	}

	base := p
	base.ID = strings.TrimSuffix(p.ID, "-"+strconv.Itoa(p.ParcelNo))
	parts := make([]Parcel, 0, len(boxes))
	for _, box := range boxes {
		part, ok := finishParcel(cfg, base, p.Warehouse, box)
		if !ok {
			// The rules no longer choose a courier for this box, so the
			// part keeps the parcel's.
			part.Courier, part.Service = p.Courier, p.Service
			part.CostFen, part.CostKnown = cfg.Rates.Cost(p.Courier, p.Province, part.WeightG)
		}
		parts = append(parts, part)
	}
	numberParts(parts)
	return parts, nil
}
