package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line at the bottom of every screen: whether the shop
// responds, what waits in the outbox and elsewhere, and the printer.
type statusBar struct {
	u       *UI
	content fyne.CanvasObject
	light   *canvas.Circle
	online  *widget.Label
	counts  *widget.Label
	printer *widget.Label
}

var (
	colorOnline  = color.NRGBA{R: 0x1b, G: 0x8a, B: 0x3c, A: 0xff}
	colorOffline = color.NRGBA{R: 0xd3, G: 0x1f, B: 0x26, A: 0xff}
)

func (u *UI) newStatusBar() *statusBar {
	b := &statusBar{u: u}
	b.light = canvas.NewCircle(colorOnline)
	light := container.NewGridWrap(fyne.NewSize(14, 14), b.light)
	b.online = widget.NewLabel("")
	b.counts = widget.NewLabel("")
	b.printer = widget.NewLabel(T("status.printer", map[string]any{"Printer": u.station.Printer().String()}))
	if u.opts.PrinterFolder != "" {
		b.printer.SetText(T("status.virtual_folder", map[string]any{"Path": u.opts.PrinterFolder}))
	}
	b.printer.Truncation = fyne.TextTruncateEllipsis
	left := container.NewHBox(container.NewCenter(light), b.online, b.counts)
	b.content = container.NewBorder(nil, nil, left, nil, b.printer)
	return b
}

// refresh reads the station's status; call it on the Fyne thread.
func (b *statusBar) refresh() {
	st := b.u.station.Status()
	if st.Online {
		b.light.FillColor = colorOnline
		b.online.SetText(T("status.shop_online"))
	} else {
		b.light.FillColor = colorOffline
		b.online.SetText(T("status.shop_offline"))
	}
	b.light.Refresh()
	b.counts.SetText(T("status.counts", map[string]any{
		"Outbox": st.Outbox, "Unconfirmed": st.Unconfirmed, "Exceptions": st.Exceptions,
		"DueSoon": st.DueSoon, "Overdue": st.Overdue,
	}))
}

// Status returns the status bar's online text and counts, for tests and
// the smoke test's log.
func (u *UI) Status() (online, counts string) {
	return u.status.online.Text, u.status.counts.Text
}
