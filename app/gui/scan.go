package gui

import (
	"fyne.io/fyne/v2/widget"
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
