package gui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// benchRows returns n order rows in urgency order, as ListRows returns
// them.
func benchRows(n int) []app.ListRow {
	rows := make([]app.ListRow, n)
	for i := range rows {
		rows[i] = app.ListRow{
			OrderRow: app.OrderRow{
				OrderID: fmt.Sprintf("69%016d", i), Buyer: "张*", Province: "浙江省", City: "杭州市",
				Items: fmt.Sprintf("SKU-%03d×1", i%300), ExpShipTime: fixtureNow.Add(time.Duration(i) * time.Second),
				State: store.StateQueued, TrackNo: fmt.Sprintf("7800%08d", i),
			},
			ShopID: 1, ShopName: "茶铺", Courier: "zhongtong", SKUs: []string{fmt.Sprintf("SKU-%03d", i%300)},
		}
	}
	return rows
}

// BenchmarkOrderTable_Show100k measures showing 100,000 orders: indexing
// the rows, filling the drop-downs, filtering and drawing the table on
// the test canvas. Target: under 1 s.
func BenchmarkOrderTable_Show100k(b *testing.B) {
	ui, _, _ := newFixtureUI(b, "zh")
	rows := benchRows(100_000)
	c := ui.Window().Canvas()
	b.ResetTimer()
	for b.Loop() {
		ui.orders.setRows(rows)
		test.RenderToMarkup(c) // lays out and draws every visible cell
	}
}

// BenchmarkOrderTable_Filter100k measures typing a search into the order
// list of 100,000 orders until the table is redrawn. Target: under 100 ms.
func BenchmarkOrderTable_Filter100k(b *testing.B) {
	ui, _, _ := newFixtureUI(b, "zh")
	ui.orders.setRows(benchRows(100_000))
	c := ui.Window().Canvas()
	queries := []string{"sku-01", "780000012", ""}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ui.orders.search.SetText(queries[i%len(queries)])
		test.RenderToMarkup(c)
	}
}
