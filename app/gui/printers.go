package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// printersScreen shows the station's printer, its kind and its live
// status.
//
// TODO: list discovered USB and network printers, their stored profiles
// and a self-test label once printer/usb exports discovery, the store
// keeps printer profiles and printer/tspl has the self-test label.
type printersScreen struct {
	u       *UI
	content fyne.CanvasObject
	address *widget.Label
	kind    *widget.Label
	status  *widget.Label
	check   *widget.Button
}

func (u *UI) newPrintersScreen() *printersScreen {
	s := &printersScreen{u: u}
	s.address = widget.NewLabel(T("printers.address", map[string]any{"Address": u.station.Printer().String()}))
	s.kind = widget.NewLabel(T(printerKindKey(u.station.Printer().String())))
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.check = widget.NewButtonWithIcon(T("button.check_printer"), theme.ViewRefreshIcon(), u.tapped(s.refresh))
	help := widget.NewLabel(T("printers.help"))
	help.Wrapping = fyne.TextWrapWord
	s.content = container.NewVBox(s.address, s.kind, s.status, container.NewHBox(s.check), widget.NewSeparator(), help)
	return s
}

func (s *printersScreen) refresh() {
	s.u.printerStatus(s.status)
}

// printerKindKey returns the translation key of a printer's kind from its
// address (tcp://, usb://, or a folder).
func printerKindKey(address string) string {
	switch {
	case strings.HasPrefix(address, "tcp://"):
		return "printers.kind.tcp"
	case strings.HasPrefix(address, "usb://"):
		return "printers.kind.usb"
	}
	return "printers.kind.folder"
}
