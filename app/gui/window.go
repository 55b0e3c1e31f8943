package gui

import (
	"context"
	"image/color"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// Options are what the window shows beside the station.
type Options struct {
	Title string
	// PrinterFolder is the virtual printer's folder, named in the status
	// bar so the packer can find the labels; empty for a real printer.
	PrinterFolder string
	// Now is the clock of the countdowns; default time.Now.
	Now func() time.Time
}

// UI is the packing-room window.
type UI struct {
	station *app.Station
	win     fyne.Window
	opts    Options

	rows  []app.OrderRow // guarded by being touched only on the Fyne thread
	table *widget.Table
	count *widget.Label

	syncButton  *widget.Button
	batchButton *widget.Button
	progress    *widget.ProgressBar
	phase       *widget.Label

	scan     *scanEntry
	feedback *canvas.Text

	printerStatus *widget.Label
	shopStatus    *widget.Label

	batchRunning atomic.Bool
	work         sync.WaitGroup // background calls to the station
}

// New builds the window over a station.
func New(a fyne.App, st *app.Station, opts Options) *UI {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	u := &UI{station: st, opts: opts}
	u.win = a.NewWindow(opts.Title)
	u.win.SetContent(u.build())
	u.win.Resize(fyne.NewSize(1200, 760))
	u.win.Canvas().Focus(u.scan)
	u.Refresh()
	return u
}

// Window returns the window.
func (u *UI) Window() fyne.Window { return u.win }

// Wait blocks until the background calls started so far have finished
// and their results are on screen.
func (u *UI) Wait() { u.work.Wait() }

func (u *UI) build() fyne.CanvasObject {
	u.syncButton = widget.NewButtonWithIcon(T("button.sync"), theme.ViewRefreshIcon(), u.tapped(u.SyncOrders))
	u.batchButton = widget.NewButtonWithIcon(T("button.print_batch"), theme.DocumentPrintIcon(), u.tapped(u.StartBatch))
	u.batchButton.Importance = widget.HighImportance
	u.progress = widget.NewProgressBar()
	u.phase = widget.NewLabel(T("status.ready"))
	u.count = widget.NewLabel("")
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(u.syncButton, u.batchButton), container.NewHBox(u.phase, u.count), u.progress)

	u.table = u.newOrderTable()

	u.scan = newScanEntry()
	u.scan.SetPlaceHolder(T("scan.placeholder"))
	u.scan.OnSubmitted = func(code string) { u.Scan(code) }
	u.scan.onFocusLost = u.reclaimFocus
	u.feedback = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	u.feedback.TextSize = 26
	u.feedback.TextStyle = fyne.TextStyle{Bold: true}

	u.printerStatus = widget.NewLabel(T("status.printer", map[string]any{"Printer": u.station.Printer().String()}))
	if u.opts.PrinterFolder != "" {
		u.printerStatus.SetText(T("status.virtual_folder", map[string]any{"Path": u.opts.PrinterFolder}))
	}
	u.printerStatus.Wrapping = fyne.TextWrapWord
	u.shopStatus = widget.NewLabel("")
	statusBar := container.NewBorder(nil, nil, nil, u.shopStatus, u.printerStatus)

	bottom := container.NewVBox(widget.NewSeparator(), u.scan, u.feedback, statusBar)
	return container.NewBorder(toolbar, bottom, nil, nil, u.table)
}

// tapped wraps a button action so that the scan box gets the focus back
// after every tap: a packer's next move is a scan.
func (u *UI) tapped(action func()) func() {
	return func() {
		action()
		u.win.Canvas().Focus(u.scan)
	}
}

// reclaimFocus gives the focus back to the scan box once the event that
// took it is handled, unless another focusable widget has it now.
func (u *UI) reclaimFocus() {
	u.work.Add(1)
	go func() {
		defer u.work.Done()
		fyne.DoAndWait(func() {
			c := u.win.Canvas()
			if c.Focused() == nil {
				c.Focus(u.scan)
			}
		})
	}()
}

// Refresh reloads the order list from the store. Call it on the Fyne
// thread.
func (u *UI) Refresh() {
	rows, err := u.station.OrderRows()
	if err != nil {
		u.showError(err)
		return
	}
	u.rows = rows
	u.count.SetText(T("orders.count", map[string]any{"Count": len(rows)}))
	u.table.Refresh()
}

// Rows returns the rows the order list shows.
func (u *UI) Rows() []app.OrderRow { return u.rows }

// background runs f off the Fyne thread and then apply on it.
func (u *UI) background(f func() func()) {
	u.work.Add(1)
	go func() {
		apply := f()
		fyne.DoAndWait(func() {
			apply()
		})
		u.work.Done()
	}()
}

// SyncOrders pulls the shop's orders and refreshes the list.
func (u *UI) SyncOrders() {
	u.syncButton.Disable()
	u.background(func() func() {
		res, err := u.station.Sync(context.Background())
		return func() {
			u.syncButton.Enable()
			u.setShopOnline(err == nil)
			if err != nil {
				u.showError(err)
				return
			}
			u.phase.SetText(T("status.synced", map[string]any{"Stored": res.Stored}))
			u.Refresh()
		}
	})
}

// StartBatch prints a batch of every order awaiting shipment. A second
// tap while a batch runs does nothing; the station itself also refuses a
// second batch.
func (u *UI) StartBatch() {
	if !u.batchRunning.CompareAndSwap(false, true) {
		return
	}
	u.batchButton.Disable()
	u.progress.SetValue(0)
	u.background(func() func() {
		ctx := context.Background()
		_, syncErr := u.station.Sync(ctx)
		res, err := u.station.PrintBatch(ctx, app.BatchOptions{}, func(p app.Progress) {
			fyne.Do(func() { u.showProgress(p) })
		})
		return func() {
			u.batchRunning.Store(false)
			u.batchButton.Enable()
			u.showProgress(res.Progress)
			u.setShopOnline(syncErr == nil && !res.ShopOffline)
			u.shopStatus.SetText(u.shopStatus.Text + "  " + T("status.outbox", map[string]any{"Count": res.Outbox}))
			if err != nil {
				u.showError(err)
			}
			u.Refresh()
		}
	})
}

func (u *UI) showProgress(p app.Progress) {
	u.phase.SetText(T("progress.phase."+string(p.Phase)) + "  " + T("progress.detail", map[string]any{
		"Total": p.Total, "Waybills": p.Waybills, "Printed": p.Printed, "WrittenBack": p.WrittenBack, "SetAside": p.SetAside,
	}))
	if p.Total > 0 {
		u.progress.SetValue(float64(p.Printed+p.SetAside) / float64(p.Total))
	}
}

func (u *UI) setShopOnline(online bool) {
	if online {
		u.shopStatus.SetText(T("status.shop_online"))
	} else {
		u.shopStatus.SetText(T("status.shop_offline"))
	}
}

// Scan reprints the label of a scanned or typed code and shows the result
// in large green or red text.
func (u *UI) Scan(code string) {
	u.scan.SetText("")
	u.win.Canvas().Focus(u.scan)
	if code == "" {
		return
	}
	reason := T("scan.reprint_reason")
	u.background(func() func() {
		p, err := u.station.Reprint(context.Background(), code, reason)
		return func() {
			if err != nil {
				u.showError(err)
			} else {
				u.showOK(T("scan.reprinted", map[string]any{"Waybill": p.Waybill.TrackNo, "Order": p.OrderIDs[0]}))
			}
			u.Refresh()
		}
	})
}

var (
	colorOK    = color.NRGBA{R: 0x1b, G: 0x8a, B: 0x3c, A: 0xff}
	colorAlarm = color.NRGBA{R: 0xd3, G: 0x1f, B: 0x26, A: 0xff}
)

func (u *UI) showOK(text string) {
	u.feedback.Text = text
	u.feedback.Color = colorOK
	u.feedback.Refresh()
}

func (u *UI) showError(err error) {
	u.feedback.Text = Message(app.UserMessage(err))
	u.feedback.Color = colorAlarm
	u.feedback.Refresh()
}

// Feedback returns the text of the last scan or batch result.
func (u *UI) Feedback() string { return u.feedback.Text }

// stateText is the translated state of a row.
func stateText(s store.State) string {
	if s == "" {
		return T("state.none")
	}
	return T("state." + string(s))
}
