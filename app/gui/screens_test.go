package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/printstation/printstation/store"
)

// screenNames are the golden file names of the tabs, in tab order.
var screenNames = []string{"orders", "print", "scan", "exceptions", "outbox", "printers", "summary", "settings"}

func TestScreens_RenderGoldenMarkup(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "zh")
	for i, name := range screenNames {
		t.Run(name, func(t *testing.T) {
			ui.ShowTab(i)
			ui.Wait()
			if i == TabExceptions {
				ui.excepts.list.Select(0)
			}
			assertMarkup(t, "screens/"+name+".zh.xml", ui)
		})
	}
}

func TestOrders_FiltersNarrowTheTable(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	all := len(ui.Rows())
	if all != 6 {
		t.Fatalf("rows = %d, want the 6 fixture orders", all)
	}
	o := ui.orders

	test.Type(o.search, "tea-250")
	if got := len(ui.Rows()); got != 2 {
		t.Errorf("search for a SKU keeps %d rows, want 2", got)
	}
	o.search.SetText("")

	o.province.SetSelected("浙江省")
	if got := len(ui.Rows()); got != 2 {
		t.Errorf("province filter keeps %d rows, want 2", got)
	}
	o.urgency.SetSelectedIndex(2) // urgent or overdue
	rows := ui.Rows()
	if len(rows) != 1 || rows[0].OrderID != "6901000000000001" {
		t.Errorf("province + urgent rows = %v, want the overdue Zhejiang order only", rows)
	}
	o.province.SetSelectedIndex(0)
	o.urgency.SetSelectedIndex(0)

	o.state.SetSelected(stateText(store.StateException))
	if got := len(ui.Rows()); got != 1 {
		t.Errorf("state filter keeps %d rows, want 1", got)
	}
	o.state.SetSelectedIndex(0)

	o.paidFrom.SetText("not a time")
	if got := len(ui.Rows()); got != all {
		t.Errorf("an invalid live-stream time changed the rows to %d, want %d", got, all)
	}
	o.paidFrom.SetText(fixtureNow.Add(-2 * 60 * 60e9).Local().Format(paidTimeLayout))
	if got := len(ui.Rows()); got != 2 {
		t.Errorf("live-stream window from 2 h ago keeps %d rows, want the 2 paid since", got)
	}
	if !strings.Contains(ui.count.Text, "2 of 6") {
		t.Errorf("count = %q, want it to say 2 of 6", ui.count.Text)
	}
}

func TestOrders_TapSelectsAndPrintsSelection(t *testing.T) {
	ui, _, p := newFixtureUI(t, "en")
	ui.orders.table.Select(widgetCell(1, colOrder)) // the urgent order without a parcel
	if ids := ui.orders.selectedIDs(); len(ids) != 1 || ids[0] != "6901000000000002" {
		t.Fatalf("selection = %v, want the second row's order", ids)
	}
	ui.orders.table.Select(widgetCell(1, colOrder))
	if ids := ui.orders.selectedIDs(); len(ids) != 0 {
		t.Errorf("a second tap left the selection %v, want it cleared", ids)
	}
	if p == nil {
		t.Fatal("no printer")
	}
}

func TestSummary_ShowsTodaysCounts(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabSummary)
	if got := ui.summary.totals.Text; !strings.Contains(got, "3 printed") || !strings.Contains(got, "1 reprints") {
		t.Errorf("totals = %q, want 3 printed and 1 reprints", got)
	}
	if got := ui.summary.chart.values[14]; got != 1 {
		t.Errorf("bar of 14h = %d, want 1", got)
	}
}

func TestStatusBar_ShowsOutboxAndExceptions(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	online, counts := ui.Status()
	if online != T("status.shop_online") {
		t.Errorf("online text = %q", online)
	}
	if !strings.Contains(counts, "Outbox 1") || !strings.Contains(counts, "exceptions 2") {
		t.Errorf("counts = %q, want outbox 1 and exceptions 2", counts)
	}
}

func TestExceptions_ShowReasonAndAction(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabExceptions)
	if got := len(ui.excepts.parcels); got != 2 {
		t.Fatalf("exceptions = %d, want 2", got)
	}
	ui.excepts.list.Select(0)
	if !strings.Contains(ui.excepts.reason.Text, "Address incomplete") {
		t.Errorf("reason = %q, want the address reason", ui.excepts.reason.Text)
	}
	if !strings.Contains(ui.excepts.action.Text, "Fix the address") {
		t.Errorf("action = %q, want the address action", ui.excepts.action.Text)
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after choosing an exception is on %v, want the scan box", ui.Window().Canvas().Focused())
	}
}
