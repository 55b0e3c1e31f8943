package gui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// recentShipped is how many shipped parcels the outbox screen lists.
const recentShipped = 200

// outboxScreen shows the write-backs waiting for the shop, the ones the
// shop rejected and the ones it accepted lately.
type outboxScreen struct {
	u       *UI
	content fyne.CanvasObject

	waiting, failed, sent []store.Parcel
	lists                 [3]*widget.List
	titles                [3]*widget.Label
	send                  *widget.Button
}

func (u *UI) newOutboxScreen() *outboxScreen {
	s := &outboxScreen{u: u}
	sets := [3]*[]store.Parcel{&s.waiting, &s.failed, &s.sent}
	columns := make([]fyne.CanvasObject, 3)
	for i := range sets {
		set := sets[i]
		s.lists[i] = widget.NewList(
			func() int { return len(*set) },
			func() fyne.CanvasObject { return widget.NewLabel("") },
			func(id widget.ListItemID, o fyne.CanvasObject) {
				p := (*set)[id]
				o.(*widget.Label).SetText(T("outbox.line", map[string]any{"Waybill": p.Waybill.TrackNo, "Orders": strings.Join(p.OrderIDs, ", ")}))
			})
		s.titles[i] = widget.NewLabel("")
		s.titles[i].TextStyle = fyne.TextStyle{Bold: true}
		columns[i] = container.NewBorder(s.titles[i], nil, nil, nil, s.lists[i])
	}
	s.send = widget.NewButtonWithIcon(T("button.send_outbox"), theme.MailSendIcon(), u.tapped(s.drain))
	s.content = container.NewBorder(container.NewHBox(s.send), nil, nil, nil, container.NewGridWithColumns(3, columns...))
	return s
}

func (s *outboxScreen) refresh() {
	waiting, err := s.u.station.ParcelsIn(store.StateWriteBackQueued)
	if err != nil {
		s.u.showError(err)
		return
	}
	aside, err := s.u.station.ParcelsIn(store.StateException)
	if err != nil {
		s.u.showError(err)
		return
	}
	shipped, err := s.u.station.ParcelsIn(store.StateShipped)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.waiting = waiting
	s.failed = slices.DeleteFunc(aside, func(p store.Parcel) bool { return p.Reason != app.ReasonWriteBackFailed })
	slices.SortFunc(shipped, func(a, b store.Parcel) int { return b.ShippedAt.Compare(a.ShippedAt) })
	s.sent = shipped[:min(len(shipped), recentShipped)]

	s.titles[0].SetText(T("outbox.waiting", map[string]any{"Count": len(s.waiting)}))
	s.titles[1].SetText(T("outbox.failed", map[string]any{"Count": len(s.failed)}))
	s.titles[2].SetText(T("outbox.sent", map[string]any{"Count": len(s.sent)}))
	for _, l := range s.lists {
		l.Refresh()
	}
}

// drain sends the waiting write-backs now instead of with the next batch.
func (s *outboxScreen) drain() {
	s.send.Disable()
	s.u.background(func() func() {
		shipped, waiting, err := s.u.station.DrainOutbox(context.Background())
		return func() {
			s.send.Enable()
			if err != nil {
				s.u.showError(err)
			} else {
				s.u.showOK(T("outbox.drained", map[string]any{"Shipped": shipped, "Waiting": waiting}))
			}
			s.u.Refresh()
		}
	})
}
