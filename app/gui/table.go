package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// Columns of the order list.
const (
	colOrder = iota
	colBuyer
	colRegion
	colItems
	colShipBy
	colState
	colWaybill
	columnCount
)

var (
	columnKeys   = [columnCount]string{"orders.col.order", "orders.col.buyer", "orders.col.region", "orders.col.items", "orders.col.ship_by", "orders.col.state", "orders.col.waybill"}
	columnWidths = [columnCount]float32{190, 70, 130, 300, 150, 150, 160}
)

// Ship-by thresholds of the countdown colours.
const (
	urgentWithin  = 2 * time.Hour
	warningWithin = 6 * time.Hour
)

func (u *UI) newOrderTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(u.rows), columnCount },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(u.rows) {
				l.SetText("")
				return
			}
			l.Importance = widget.MediumImportance
			l.SetText(u.cellText(u.rows[id.Row], id.Col, l))
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
	return t
}

// cellText returns a cell's text and sets its colour by urgency.
func (u *UI) cellText(r app.OrderRow, col int, l *widget.Label) string {
	switch col {
	case colOrder:
		return r.OrderID
	case colBuyer:
		return r.Buyer
	case colRegion:
		return r.Province + " " + r.City
	case colItems:
		return r.Items
	case colShipBy:
		left := r.ExpShipTime.Sub(u.opts.Now())
		switch {
		case !r.ExpShipTime.IsZero() && left < urgentWithin:
			l.Importance = widget.DangerImportance
		case !r.ExpShipTime.IsZero() && left < warningWithin:
			l.Importance = widget.WarningImportance
		}
		return Message(app.Countdown(u.opts.Now(), r.ExpShipTime))
	case colState:
		if r.State.SetAside() {
			l.Importance = widget.DangerImportance
		}
		return stateText(r.State)
	case colWaybill:
		return r.TrackNo
	}
	return ""
}
