package gui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/store"
)

// Sources of a batch on the print screen.
const (
	sourceAll = iota
	sourceSelection
	sourceFilter
)

// printScreen starts, pauses and cancels a batch and shows its progress,
// the pick list of its orders, the first label and the printer's status.
type printScreen struct {
	u       *UI
	content fyne.CanvasObject

	source    *widget.RadioGroup
	sourceIdx int

	pauseButton  *widget.Button
	cancelButton *widget.Button
	progress     *widget.ProgressBar
	phase        *widget.Label
	printerLine  *widget.Label

	// lastBatch are the orders of the last batch started, shown once
	// nothing is left to print.
	lastBatch   []string
	mergeButton *widget.Button
	picks       []app.PickLine
	pickList    *widget.List
	preview     *labelPreview
}

func (u *UI) newPrintScreen() *printScreen {
	s := &printScreen{u: u}
	options := []string{T("print.source.all"), T("print.source.selection"), T("print.source.filter")}
	s.source = widget.NewRadioGroup(options, func(choice string) {
		for i, o := range options {
			if o == choice {
				s.sourceIdx = i
			}
		}
		s.refresh()
		u.win.Canvas().Focus(u.scan)
	})
	s.source.Required = true
	s.source.Selected = options[sourceAll]

	s.pauseButton = widget.NewButtonWithIcon(T("button.pause"), theme.MediaPauseIcon(), u.tapped(u.TogglePause))
	s.cancelButton = widget.NewButtonWithIcon(T("button.cancel_batch"), theme.CancelIcon(), u.tapped(u.CancelBatch))
	s.pauseButton.Disable()
	s.cancelButton.Disable()
	s.progress = widget.NewProgressBar()
	s.phase = widget.NewLabel(T("status.ready"))
	s.phase.Wrapping = fyne.TextWrapWord
	s.printerLine = widget.NewLabel("")

	s.pickList = widget.NewList(
		func() int { return len(s.picks) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.picks[id]
			o.(*widget.Label).SetText(T("print.pick_line", map[string]any{
				"Code": p.Code, "Name": p.Name, "Spec": p.Spec, "Qty": p.Qty, "Orders": p.Orders,
			}))
		})
	s.preview = newLabelPreview(u)

	s.mergeButton = widget.NewButtonWithIcon(T("button.merge"), theme.ContentAddIcon(), u.tapped(u.MergeProposals))
	buttons := container.NewHBox(u.batchButton, s.pauseButton, s.cancelButton, s.mergeButton)
	pickTitle := widget.NewLabel(T("print.pick_list"))
	pickTitle.TextStyle = fyne.TextStyle{Bold: true}
	top := container.NewVBox(s.source, buttons, s.progress, s.phase, s.printerLine, widget.NewSeparator(), pickTitle)
	left := container.NewBorder(top, nil, nil, nil, s.pickList)
	split := container.NewHSplit(left, s.preview.content)
	split.Offset = 0.7
	s.content = split
	return s
}

// batchOrderIDs returns the orders of the next batch: nil for every order
// awaiting shipment, or the selection, or the orders the filter shows.
func (s *printScreen) batchOrderIDs() []string {
	switch s.sourceIdx {
	case sourceSelection:
		return nonNil(s.u.orders.selectedIDs())
	case sourceFilter:
		return nonNil(s.u.orders.shownIDs())
	}
	return nil
}

// nonNil keeps an empty choice from meaning "every order" to PrintBatch.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// refresh recomputes the pick list and the preview, and queries the
// printer status.
func (s *printScreen) refresh() {
	ids := s.pendingOrderIDs()
	if len(ids) == 0 {
		ids = s.lastBatch
	}
	first := s.u.orders.firstParcel(ids)
	picks, err := s.u.station.PickList(ids)
	if err != nil {
		s.u.showError(err)
	}
	s.picks = picks
	s.pickList.Refresh()
	s.preview.show(first)
	s.u.printerStatus(s.printerLine)
}

// pendingOrderIDs returns the orders the next batch would take.
func (s *printScreen) pendingOrderIDs() []string {
	if ids := s.batchOrderIDs(); ids != nil {
		return ids
	}
	var ids []string
	o := s.u.orders
	for i := 0; i < o.index.Len(); i++ {
		r := o.index.Row(i)
		if r.State != store.StateShipped && !r.State.SetAside() {
			ids = append(ids, r.OrderID)
		}
	}
	return ids
}

// firstParcel returns the parcel of the first order of ids in the list's
// order that has one, "" if none has.
func (s *ordersScreen) firstParcel(ids []string) string {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for i := 0; i < s.index.Len(); i++ {
		if r := s.index.Row(i); want[r.OrderID] && r.ParcelID != "" {
			return r.ParcelID
		}
	}
	return ""
}

// statusReader is a printer that reports its state (a TCP printer).
type statusReader interface {
	Status(ctx context.Context) (printer.Status, error)
}

// printerStatusTimeout bounds the status query, so a printer that is off
// shows as unreachable within a few seconds.
const printerStatusTimeout = 3 * time.Second

// printerStatus queries the station's printer status in the background
// and shows it on line.
func (u *UI) printerStatus(line *widget.Label) {
	name := u.station.Printer().String()
	reader, ok := u.station.Printer().(statusReader)
	if !ok {
		line.SetText(T("printer.line.no_status", map[string]any{"Printer": name}))
		return
	}
	line.SetText(T("printer.line.asking", map[string]any{"Printer": name}))
	u.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), printerStatusTimeout)
		defer cancel()
		st, err := reader.Status(ctx)
		return func() {
			line.SetText(T("printer.line.status", map[string]any{"Printer": name, "Status": printerStatusText(st, err)}))
		}
	})
}

// printerStatusText translates a printer status: ready, printing, or its
// faults and warnings.
func printerStatusText(st printer.Status, err error) string {
	if err != nil {
		return Message(app.UserMessage(err))
	}
	keys := st.Keys()
	if len(keys) == 0 {
		if st&printer.StatusPrinting != 0 {
			return T("printer.state.printing")
		}
		return T("printer.state.ready")
	}
	texts := make([]string, len(keys))
	for i, k := range keys {
		texts[i] = T(k)
	}
	return strings.Join(texts, ", ")
}

// StartBatch prints a batch of the orders the print screen's source
// chooses (every order awaiting shipment by default). A second tap while a
// batch runs does nothing; the station itself also refuses a second batch.
func (u *UI) StartBatch() {
	if !u.batchRunning.CompareAndSwap(false, true) {
		return
	}
	s := u.print
	ids := s.batchOrderIDs()
	s.lastBatch = s.pendingOrderIDs()
	ctx, cancel := context.WithCancel(context.Background())
	u.batchCancel = cancel
	u.batchButton.Disable()
	s.pauseButton.Enable()
	s.cancelButton.Enable()
	s.progress.SetValue(0)
	u.background(func() func() {
		// A sync first brings in the newest orders and the refunds that
		// intercept parcels. When the shop is offline, the batch still
		// prints the parcels that have waybills.
		u.station.Sync(ctx)
		res, err := u.station.PrintBatch(ctx, app.BatchOptions{OrderIDs: ids}, func(p app.Progress) {
			fyne.Do(func() { u.showProgress(p) })
		})
		cancel()
		return func() {
			u.batchRunning.Store(false)
			u.batchCancel = nil
			if u.station.Paused() {
				u.station.Resume()
			}
			u.batchButton.Enable()
			u.print.pauseButton.Disable()
			u.print.pauseButton.SetText(T("button.pause"))
			u.print.cancelButton.Disable()
			u.showProgress(res.Progress)
			switch {
			case errors.Is(err, context.Canceled):
				u.print.phase.SetText(T("progress.cancelled"))
			case err != nil:
				u.showError(err)
			}
			u.Refresh()
		}
	})
}

// TogglePause pauses the running batch before its next label, or lets it
// go on.
func (u *UI) TogglePause() {
	if u.station.Paused() {
		u.station.Resume()
		u.print.pauseButton.SetText(T("button.pause"))
		return
	}
	u.station.Pause()
	u.print.pauseButton.SetText(T("button.resume"))
}

// CancelBatch stops the running batch after the label being printed;
// every parcel stays where the next batch picks it up.
func (u *UI) CancelBatch() {
	if u.batchCancel != nil {
		u.batchCancel()
	}
	// A paused batch waits for Resume or its context, so cancelling needs
	// no resume; the pause is lifted when the batch returns.
}

// MergeProposals merges the orders of each receiver with several orders
// awaiting shipment into one parcel (合并订单), as the planner proposes.
func (u *UI) MergeProposals() {
	u.background(func() func() {
		groups, err := u.station.MergeProposals()
		merged := 0
		for _, g := range groups {
			if err != nil {
				break
			}
			var n int
			n, err = u.station.MergeOrders(g)
			merged += n
		}
		return func() {
			switch {
			case err != nil:
				u.showError(err)
			case len(groups) == 0:
				u.showOK(T("merge.none"))
			default:
				u.showOK(T("merge.done", map[string]any{"Groups": len(groups), "Parcels": merged}))
			}
			u.Refresh()
		}
	})
}

func (u *UI) showProgress(p app.Progress) {
	if p.Phase == "" {
		return
	}
	text := T("progress.phase."+string(p.Phase)) + "  " + T("progress.detail", map[string]any{
		"Total": p.Total, "Waybills": p.Waybills, "Printed": p.Printed, "WrittenBack": p.WrittenBack, "SetAside": p.SetAside,
	})
	if p.CostFen > 0 {
		text += "  " + T("progress.cost", map[string]any{"Yuan": strconv.FormatFloat(float64(p.CostFen)/100, 'f', 2, 64)})
	}
	u.print.phase.SetText(text)
	if p.Total > 0 {
		u.print.progress.SetValue(float64(p.Printed+p.SetAside) / float64(p.Total))
	}
}
