package label

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PickList fills a pick-list template (拣货单) with the SKUs of a batch,
// summed by SKU code, and returns as many pages as its table needs. Each page
// shows the batch totals and "page n/m".
func PickList(t Template, batch []Waybill, printTime time.Time) ([]Label, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if t.Kind != KindPickList {
		return nil, &TemplateError{File: t.File, Path: "kind", Problem: fmt.Sprintf("PickList needs a picklist template, not %s", t.Kind)}
	}

	rows := pickRows(batch)
	capacity := 0
	for _, it := range t.Items {
		if it.Type == "table" {
			capacity = tableCapacity(it)
			break
		}
	}
	pages := 1
	if capacity > 0 && len(rows) > capacity {
		pages = (len(rows) + capacity - 1) / capacity
	}

	orders := map[string]bool{}
	for _, w := range batch {
		orders[strings.TrimSpace(w.OrderID)] = true
	}
	values := map[string]string{
		"batch_orders": countOrEmpty(len(orders)),
		"batch_items":  countOrEmpty(totalQty(flatten(batch))),
		"batch_skus":   countOrEmpty(len(rows)),
	}
	if !printTime.IsZero() {
		values["print_time"] = printTime.Format(PrintTimeLayout)
	}

	labels := make([]Label, 0, pages)
	for page := range pages {
		var slice []tableRow
		if capacity > 0 {
			slice = rows[page*capacity : min(len(rows), (page+1)*capacity)]
		}
		pageNo := strconv.Itoa(page+1) + "/" + strconv.Itoa(pages)
		f := filler{
			value: func(name string) string {
				if name == "page" {
					return pageNo
				}
				return values[name]
			},
			rows: [][]tableRow{slice},
		}
		l, err := f.fill(t)
		if err != nil {
			return nil, err
		}
		labels = append(labels, l)
	}
	return labels, nil
}

// PackingSlip fills a packing-slip template (发货单) with one order's
// waybill; it is FromTemplate restricted to that kind.
func PackingSlip(t Template, w Waybill) (Label, error) {
	if t.Kind != KindPackingSlip {
		return Label{}, &TemplateError{File: t.File, Path: "kind", Problem: fmt.Sprintf("PackingSlip needs a packingslip template, not %s", t.Kind)}
	}
	return FromTemplate(t, w)
}

func flatten(batch []Waybill) []ItemLine {
	var lines []ItemLine
	for _, w := range batch {
		lines = append(lines, w.Items...)
	}
	return lines
}
