package gui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// scanEntry is the one-line box a keyboard-wedge scanner types into: the
// scanner sends the code's characters and then Enter. A scanner types
// wherever the focus is, so the box takes the focus back whenever it loses
// it to something that does not keep it (a click on the table, on a
// disabled button, on the background).
type scanEntry struct {
	widget.Entry
	onFocusLost func()
}

func newScanEntry() *scanEntry {
	e := &scanEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost implements fyne.Focusable.
func (e *scanEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// Scan modes of the scan screen.
const (
	modeReprint = iota
	modeVerify
)

// scanScreen chooses what a scan does, and shows the pack check under way.
type scanScreen struct {
	u       *UI
	content fyne.CanvasObject
	mode    *widget.RadioGroup
	modeIdx int
	check   *app.PackCheck
	title   *widget.Label
	lines   *widget.List
	wrong   *widget.Label
}

func (u *UI) newScanScreen() *scanScreen {
	s := &scanScreen{u: u}
	options := []string{T("scan.mode.reprint"), T("scan.mode.verify")}
	s.mode = widget.NewRadioGroup(options, func(choice string) {
		s.modeIdx = modeReprint
		if choice == options[modeVerify] {
			s.modeIdx = modeVerify
		}
		s.check = nil
		s.show()
		u.win.Canvas().Focus(u.scan)
	})
	s.mode.Horizontal = true
	s.mode.Required = true
	s.mode.Selected = options[modeReprint]

	s.title = widget.NewLabel(T("verify.idle"))
	s.title.TextStyle = fyne.TextStyle{Bold: true}
	s.lines = widget.NewList(
		func() int {
			if s.check == nil {
				return 0
			}
			return len(s.check.Lines())
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			line := s.check.Lines()[id]
			l.SetText(T("verify.line", map[string]any{"Code": line.Code, "Name": line.Name, "Scanned": line.Scanned, "Want": line.Want}))
			switch {
			case line.Scanned > line.Want:
				l.Importance = widget.DangerImportance
			case line.Scanned == line.Want:
				l.Importance = widget.SuccessImportance
			default:
				l.Importance = widget.MediumImportance
			}
			l.Refresh()
		})
	s.wrong = widget.NewLabel("")
	s.wrong.Importance = widget.DangerImportance
	s.wrong.Wrapping = fyne.TextWrapWord

	help := widget.NewLabel(T("scan.help"))
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(s.mode, help, widget.NewSeparator(), s.title)
	s.content = container.NewBorder(top, s.wrong, nil, nil, s.lines)
	return s
}

// show updates the pack check's title, lines and wrong items.
func (s *scanScreen) show() {
	switch {
	case s.modeIdx == modeReprint:
		s.title.SetText(T("verify.off"))
	case s.check == nil:
		s.title.SetText(T("verify.idle"))
	default:
		s.title.SetText(T("verify.parcel", map[string]any{"Waybill": s.check.Parcel.Waybill.TrackNo, "Order": s.check.Parcel.OrderIDs[0]}))
	}
	s.wrong.SetText("")
	if s.check != nil && len(s.check.Wrong()) > 0 {
		s.wrong.SetText(T("verify.wrong_items", map[string]any{"Codes": strings.Join(s.check.Wrong(), ", ")}))
	}
	s.lines.Refresh()
}

// SetVerifyMode switches scans to pack checks (true) or reprints (false).
func (u *UI) SetVerifyMode(on bool) {
	u.scanning.mode.SetSelected(u.scanning.mode.Options[map[bool]int{false: modeReprint, true: modeVerify}[on]])
}

// Scan handles a scanned or typed code: a reprint, or in verify mode the
// label or an item of a pack check. The result shows in large green or
// red text, and red codes sound the alarm.
func (u *UI) Scan(code string) {
	u.scan.SetText("")
	u.win.Canvas().Focus(u.scan)
	if code == "" {
		return
	}
	if u.scanning.modeIdx == modeVerify {
		u.verifyScan(code)
		return
	}
	reason := T("scan.reprint_reason")
	u.background(func() func() {
		p, err := u.station.Reprint(context.Background(), code, reason)
		return func() {
			if err != nil {
				u.showScanError(err)
			} else {
				u.showOK(T("scan.reprinted", map[string]any{"Waybill": p.Waybill.TrackNo, "Order": p.OrderIDs[0]}))
			}
			u.Refresh()
		}
	})
}

// showScanError shows a failed scan; the codes that must stop the packer
// (intercepted, unknown) sound the alarm too.
func (u *UI) showScanError(err error) {
	if errors.Is(err, app.ErrIntercepted) || errors.Is(err, app.ErrUnknownCode) {
		u.showAlarm(Message(app.UserMessage(err)))
		return
	}
	u.showError(err)
}

// verifyScan runs one scan of a pack check. With no check under way, or
// after a finished one, the code is a label that starts a new check.
// Otherwise it is an item's barcode.
func (u *UI) verifyScan(code string) {
	s := u.scanning
	if s.check == nil || s.check.Done() {
		check, err := u.station.StartPackCheck(code)
		if err != nil {
			s.check = nil
			s.show()
			u.showScanError(err)
			return
		}
		s.check = check
		s.show()
		u.showOK(T("verify.started", map[string]any{"Waybill": check.Parcel.Waybill.TrackNo, "Items": len(check.Lines())}))
		return
	}

	result := s.check.Scan(code)
	s.show()
	switch result {
	case app.PackMatched:
		u.showOK(T("verify.matched", map[string]any{"Code": code, "Missing": len(s.check.Missing())}))
	case app.PackComplete:
		u.showOK(T("verify.complete", map[string]any{"Waybill": s.check.Parcel.Waybill.TrackNo}))
	case app.PackExtra:
		u.showAlarm(T("verify.extra", map[string]any{"Code": code}))
	case app.PackWrongItem:
		u.showAlarm(T("verify.wrong", map[string]any{"Code": code}))
	}
}
