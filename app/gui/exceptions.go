package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// exceptionsScreen lists the set-aside parcels with their reason and the
// suggested action, and acts on the chosen one.
type exceptionsScreen struct {
	u       *UI
	content fyne.CanvasObject

	parcels  []store.Parcel
	chosen   int // index in parcels, -1 when none
	list     *widget.List
	reason   *widget.Label
	action   *widget.Label
	retry    *widget.Button
	newWB    *widget.Button
	preview  *labelPreview
	selected string
}

// newWaybiller is the station's NewWaybill, used when the station has it.
type newWaybiller interface {
	NewWaybill(ctx context.Context, parcelID, reason string) error
}

func (u *UI) newExceptionsScreen() *exceptionsScreen {
	s := &exceptionsScreen{u: u, chosen: -1}
	s.list = widget.NewList(
		func() int { return len(s.parcels) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.parcels[id]
			l := o.(*widget.Label)
			l.Importance = widget.DangerImportance
			l.SetText(T("exceptions.line", map[string]any{
				"Orders": strings.Join(p.OrderIDs, ", "), "State": stateText(p.State), "Countdown": Message(app.Countdown(u.opts.Now(), p.ExpShipTime)),
			}))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.choose(id)
		u.win.Canvas().Focus(u.scan)
	}
	s.reason = widget.NewLabel(T("exceptions.none_chosen"))
	s.reason.Wrapping = fyne.TextWrapWord
	s.action = widget.NewLabel("")
	s.action.Wrapping = fyne.TextWrapWord
	s.action.TextStyle = fyne.TextStyle{Bold: true}
	s.retry = widget.NewButtonWithIcon(T("button.retry"), theme.MediaReplayIcon(), u.tapped(s.retryChosen))
	s.newWB = widget.NewButtonWithIcon(T("button.new_waybill"), theme.DocumentCreateIcon(), u.tapped(s.newWaybillChosen))
	s.retry.Disable()
	s.newWB.Disable()
	if _, ok := any(u.station).(newWaybiller); !ok {
		// TODO: show the button once the station has NewWaybill.
		s.newWB.Hide()
	}
	s.preview = newLabelPreview(u)

	detail := container.NewVBox(s.reason, s.action, container.NewHBox(s.retry, s.newWB))
	right := container.NewBorder(detail, nil, nil, nil, s.preview.content)
	split := container.NewHSplit(s.list, right)
	split.Offset = 0.55
	s.content = split
	return s
}

// refresh reloads the set-aside parcels and keeps the chosen one chosen.
func (s *exceptionsScreen) refresh() {
	parcels, err := s.u.station.ParcelsIn(store.StateException, store.StateIntercepted, store.StateCancelled)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.parcels = parcels
	s.list.Refresh()
	s.chosen = -1
	for i, p := range parcels {
		if p.ID == s.selected {
			s.chosen = i
		}
	}
	s.showChosen()
}

func (s *exceptionsScreen) choose(i int) {
	s.chosen = i
	s.selected = s.parcels[i].ID
	s.showChosen()
}

func (s *exceptionsScreen) showChosen() {
	if s.chosen < 0 {
		s.selected = ""
		s.reason.SetText(T("exceptions.none_chosen"))
		s.action.SetText("")
		s.retry.Disable()
		s.newWB.Disable()
		s.preview.show("")
		return
	}
	p := s.parcels[s.chosen]
	reason := Message(app.ReasonMessage(p.Reason))
	if p.ReasonDetail != "" {
		reason += "\n" + p.ReasonDetail
	}
	s.reason.SetText(reason)
	s.action.SetText(T("exceptions.suggested", map[string]any{"Action": Message(s.u.station.ExceptionAction(p))}))
	s.retry.Enable()
	if p.Waybill.TrackNo != "" {
		s.newWB.Enable()
	} else {
		s.newWB.Disable()
	}
	s.preview.show(p.ID)
}

func (s *exceptionsScreen) retryChosen() {
	if s.chosen < 0 {
		return
	}
	id := s.parcels[s.chosen].ID
	s.u.background(func() func() {
		err := s.u.station.RetryParcel(context.Background(), id)
		return func() {
			if err != nil {
				s.u.showError(err)
			} else {
				s.u.showOK(T("exceptions.retried", map[string]any{"Parcel": id}))
			}
			s.u.Refresh()
		}
	})
}

func (s *exceptionsScreen) newWaybillChosen() {
	nw, ok := any(s.u.station).(newWaybiller)
	if s.chosen < 0 || !ok {
		return
	}
	id := s.parcels[s.chosen].ID
	reason := T("exceptions.new_waybill_reason")
	s.u.background(func() func() {
		err := nw.NewWaybill(context.Background(), id, reason)
		return func() {
			if err != nil {
				s.u.showError(err)
			} else {
				s.u.showOK(T("exceptions.new_waybill_done", map[string]any{"Parcel": id}))
			}
			s.u.Refresh()
		}
	})
}
