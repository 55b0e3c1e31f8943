package gui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// Options are the window's settings beside the station.
type Options struct {
	Title string
	// PrinterFolder is the virtual printer's folder, named in the status
	// bar so the packer can find the labels; empty for a real printer.
	PrinterFolder string
	// Now is the clock of the countdowns and the daily summary; default
	// time.Now.
	Now func() time.Time
	// Alarm sounds when a scan is intercepted or unknown; default the
	// operating system's sound player (see newSystemAlarm).
	Alarm Alarm
	// Prefetch gets waybills ahead after every sync (the station's waybill
	// pool), so that labels keep printing if the network drops later.
	Prefetch bool
}

// Tabs of the window, in the order they appear.
const (
	TabOrders = iota
	TabPrint
	TabScan
	TabExceptions
	TabOutbox
	TabPrinters
	TabSummary
	TabSettings
)

// UI is the packing-room window.
type UI struct {
	station *app.Station
	win     fyne.Window
	opts    Options

	settings app.Settings
	tabs     *container.AppTabs

	orders   *ordersScreen
	print    *printScreen
	scanning *scanScreen
	excepts  *exceptionsScreen
	outbox   *outboxScreen
	printers *printersScreen
	summary  *summaryScreen
	setup    *settingsScreen

	// The batch button, the scan box and the feedback are named here
	// because every screen uses them.
	batchButton *widget.Button
	scan        *scanEntry
	feedback    *canvas.Text
	banner      *canvas.Rectangle
	count       *widget.Label

	status *statusBar

	batchRunning atomic.Bool
	batchCancel  context.CancelFunc // set on the Fyne thread while a batch runs
	work         sync.WaitGroup     // background calls to the station
}

// New builds the window over a station.
func New(a fyne.App, st *app.Station, opts Options) *UI {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Alarm == nil {
		opts.Alarm = newSystemAlarm()
	}
	u := &UI{station: st, opts: opts}
	settings, err := app.LoadSettings(st.Store())
	u.settings = settings
	u.win = a.NewWindow(opts.Title)
	u.win.SetContent(u.build())
	u.win.Resize(fyne.NewSize(1200, 760))
	u.win.Canvas().Focus(u.scan)
	if err != nil {
		u.showError(err)
	}
	u.Refresh()
	return u
}

// Window returns the window.
func (u *UI) Window() fyne.Window { return u.win }

// Wait blocks until the background calls started so far have finished
// and their results are on screen.
func (u *UI) Wait() { u.work.Wait() }

// build makes the whole content; a language change calls it again.
func (u *UI) build() fyne.CanvasObject {
	u.scan = newScanEntry()
	u.scan.SetPlaceHolder(T("scan.placeholder"))
	u.scan.OnSubmitted = func(code string) { u.Scan(code) }
	u.scan.onFocusLost = u.reclaimFocus
	u.feedback, u.banner = newFeedback()
	u.count = widget.NewLabel("")
	u.batchButton = widget.NewButtonWithIcon(T("button.print_batch"), theme.DocumentPrintIcon(), u.tapped(u.StartBatch))
	u.batchButton.Importance = widget.HighImportance
	if u.batchRunning.Load() {
		u.batchButton.Disable()
	}

	u.orders = u.newOrdersScreen()
	u.print = u.newPrintScreen()
	u.scanning = u.newScanScreen()
	u.excepts = u.newExceptionsScreen()
	u.outbox = u.newOutboxScreen()
	u.printers = u.newPrintersScreen()
	u.summary = u.newSummaryScreen()
	u.setup = u.newSettingsScreen()
	u.status = u.newStatusBar()

	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("tab.orders"), theme.ListIcon(), u.orders.content),
		container.NewTabItemWithIcon(T("tab.print"), theme.DocumentPrintIcon(), u.print.content),
		container.NewTabItemWithIcon(T("tab.scan"), theme.SearchIcon(), u.scanning.content),
		container.NewTabItemWithIcon(T("tab.exceptions"), theme.WarningIcon(), u.excepts.content),
		container.NewTabItemWithIcon(T("tab.outbox"), theme.MailSendIcon(), u.outbox.content),
		container.NewTabItemWithIcon(T("tab.printers"), theme.ComputerIcon(), u.printers.content),
		container.NewTabItemWithIcon(T("tab.summary"), theme.InfoIcon(), u.summary.content),
		container.NewTabItemWithIcon(T("tab.settings"), theme.SettingsIcon(), u.setup.content),
	)
	u.tabs.OnSelected = func(*container.TabItem) {
		u.refreshTab()
		u.win.Canvas().Focus(u.scan)
	}

	// The scan box and its feedback sit below every screen, so a scan
	// works whatever screen is open.
	bottom := container.NewVBox(widget.NewSeparator(), u.scan, container.NewStack(u.banner, container.NewPadded(u.feedback)), u.status.content)
	return container.NewBorder(nil, bottom, nil, nil, u.tabs)
}

// ShowTab opens one of the tabs (TabOrders …).
func (u *UI) ShowTab(i int) {
	u.tabs.SelectIndex(i)
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

// Refresh reloads the order list, the status bar and the open screen from
// the store. Call it on the Fyne thread.
func (u *UI) Refresh() {
	u.orders.reload()
	u.status.refresh()
	u.refreshTab()
}

// refreshTab reloads the screen that is open, so hidden screens cost no
// store reads.
func (u *UI) refreshTab() {
	switch u.tabs.SelectedIndex() {
	case TabPrint:
		u.print.refresh()
	case TabExceptions:
		u.excepts.refresh()
	case TabOutbox:
		u.outbox.refresh()
	case TabPrinters:
		u.printers.refresh()
	case TabSummary:
		u.summary.refresh()
	}
}

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
	u.orders.syncButton.Disable()
	u.background(func() func() {
		ctx := context.Background()
		res, err := u.station.Sync(ctx)
		if err == nil && u.opts.Prefetch {
			_, err = u.station.Prefetch(ctx)
		}
		return func() {
			u.orders.syncButton.Enable()
			if err != nil {
				u.showError(err)
			} else {
				u.orders.phase.SetText(T("status.synced", map[string]any{"Stored": res.Stored}))
			}
			u.Refresh()
		}
	})
}

// Language switches the texts to choice ("zh", "en" or "" for the
// system's) and rebuilds the window content.
func (u *UI) Language(choice string) error {
	if err := LoadTranslations(choice); err != nil {
		return err
	}
	tab := u.tabs.SelectedIndex()
	u.win.SetContent(u.build())
	u.tabs.SelectIndex(tab)
	u.win.Canvas().Focus(u.scan)
	u.Refresh()
	return nil
}
