package label

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// tableRow is one row of a table item: a SKU with its quantity and, on a
// pick list, the number of orders it appears in.
type tableRow struct {
	code, name, spec string
	qty, orders      int
}

func (r tableRow) field(name string) string {
	switch name {
	case "code":
		return r.code
	case "name":
		return r.name
	case "spec":
		return r.spec
	case "qty":
		return strconv.Itoa(r.qty)
	case "orders":
		return countOrEmpty(r.orders)
	}
	return ""
}

// itemRows returns the rows of a packing slip: one per item line, in order.
func itemRows(lines []ItemLine) [][]tableRow {
	rows := make([]tableRow, 0, len(lines))
	for _, l := range lines {
		rows = append(rows, tableRow{code: cleanText(l.Code), name: cleanText(l.Name), spec: cleanText(l.Spec), qty: l.Qty})
	}
	return [][]tableRow{rows}
}

// pickRows sums the items of a batch by SKU code (by name and spec when there
// is no code) and sorts them by code, then name, so a picker walks the
// shelves in one order.
func pickRows(batch []Waybill) []tableRow {
	index := map[string]int{}
	var rows []tableRow
	for _, w := range batch {
		seen := map[string]bool{}
		for _, l := range w.Items {
			row := tableRow{code: cleanText(l.Code), name: cleanText(l.Name), spec: cleanText(l.Spec), qty: l.Qty}
			key := "code:" + row.code
			if row.code == "" {
				key = "name:" + row.name + "\x00" + row.spec
			}
			i, ok := index[key]
			if !ok {
				i = len(rows)
				index[key] = i
				rows = append(rows, tableRow{code: row.code, name: row.name, spec: row.spec})
			}
			rows[i].qty += row.qty
			if !seen[key] {
				seen[key] = true
				rows[i].orders++
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b tableRow) int {
		return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.name, b.name), cmp.Compare(a.spec, b.spec))
	})
	return rows
}

func cleanText(s string) string { return strings.TrimSpace(Sanitize(s)) }

// tableCapacity returns how many data rows fit under the header of a table item.
func tableCapacity(it TemplateItem) int {
	return int((it.H - it.RowHeight + 1e-9) / it.RowHeight)
}

// table lays out the header, a rule under it and the next slice of rows. When
// the rows outnumber the capacity, the last row becomes "另有K种，共N件", the
// count of SKUs left out and their total quantity.
func (f *filler) table(it TemplateItem) {
	var rows []tableRow
	if len(f.rows) > 0 {
		rows, f.rows = f.rows[0], f.rows[1:]
	}

	x := it.X
	for _, c := range it.Columns {
		align, _ := parseAlign(c.Align)
		if strings.TrimSpace(c.Header) != "" {
			f.out = append(f.out, Text{X: x, Y: it.Y, W: c.W, H: it.RowHeight, Size: it.Size, Bold: true, Align: align, Content: c.Header})
		}
		x += c.W
	}
	f.out = append(f.out, Line{X1: it.X, Y1: it.Y + it.RowHeight - 0.2, X2: it.X + it.W, Y2: it.Y + it.RowHeight - 0.2, Thickness: 0.2})

	capacity := tableCapacity(it)
	shown := rows
	var rest []tableRow
	if len(rows) > capacity {
		shown, rest = rows[:capacity-1], rows[capacity-1:]
	}
	y := it.Y + it.RowHeight
	for _, row := range shown {
		x := it.X
		for _, c := range it.Columns {
			align, _ := parseAlign(c.Align)
			f.out = append(f.out, Text{X: x, Y: y, W: c.W, H: it.RowHeight, Size: it.Size, Align: align, Content: row.field(c.Field)})
			x += c.W
		}
		y += it.RowHeight
	}
	if len(rest) > 0 {
		total := 0
		for _, r := range rest {
			total += r.qty
		}
		summary := "另有" + strconv.Itoa(len(rest)) + "种，共" + strconv.Itoa(total) + "件"
		f.out = append(f.out, Text{X: it.X, Y: y, W: it.W, H: it.RowHeight, Size: it.Size, Bold: true, Content: summary})
	}
}
