package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// Columns of the order list.
const (
	colPick = iota
	colOrder
	colBuyer
	colRegion
	colItems
	colShipBy
	colState
	colCourier
	colWaybill
	columnCount
)

var (
	columnKeys   = [columnCount]string{"orders.col.selected", "orders.col.order", "orders.col.buyer", "orders.col.region", "orders.col.items", "orders.col.ship_by", "orders.col.state", "orders.col.courier", "orders.col.waybill"}
	columnWidths = [columnCount]float32{36, 180, 70, 120, 230, 140, 150, 80, 140}
)

// selectedMark is the text of the selection column for a selected row.
const selectedMark = "✓"

// newOrderTable returns the order list. widget.Table creates cells only
// for the rows on screen, so 100,000 rows cost no more widgets than 30.
func (s *ordersScreen) newOrderTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(s.view), columnCount },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(s.view) {
				l.SetText("")
				return
			}
			l.Importance = widget.MediumImportance
			l.SetText(s.cellText(s.index.Row(s.view[id.Row]), id.Col, l))
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle = fyne.TextStyle{Bold: true}
		if id.Col >= 0 {
			l.SetText(T(columnKeys[id.Col]))
		}
	}
	for i, w := range columnWidths {
		t.SetColumnWidth(i, w)
	}
	// A tap on a row toggles its selection; the table's own single
	// selection is cleared so that the tapped row can be tapped again.
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row < len(s.view) {
			s.toggle(s.view[id.Row])
		}
	}
	return t
}

// cellText returns a cell's text and sets its colour by urgency.
func (s *ordersScreen) cellText(r *app.ListRow, col int, l *widget.Label) string {
	switch col {
	case colPick:
		if s.selected[r.OrderID] {
			return selectedMark
		}
		return ""
	case colOrder:
		return r.OrderID
	case colBuyer:
		return r.Buyer
	case colRegion:
		return r.Province + " " + r.City
	case colItems:
		return r.Items
	case colShipBy:
		now := s.u.opts.Now()
		switch s.u.settings.Thresholds().Of(now, r.ExpShipTime, r.State) {
		case app.UrgencyOverdue, app.UrgencyUrgent:
			l.Importance = widget.DangerImportance
		case app.UrgencyDueSoon:
			l.Importance = widget.WarningImportance
		}
		return Message(app.Countdown(now, r.ExpShipTime))
	case colState:
		if r.State.SetAside() {
			l.Importance = widget.DangerImportance
		}
		return stateText(r.State)
	case colCourier:
		return app.CourierName(r.Courier)
	case colWaybill:
		return r.TrackNo
	}
	return ""
}
