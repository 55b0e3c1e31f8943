package gui

import (
	"fyne.io/fyne/v2/widget"
)

// scanEntry is the one-line box a keyboard-wedge scanner types into: the
// scanner sends the code's characters and then Enter.
type scanEntry struct {
	widget.Entry
}

func newScanEntry() *scanEntry {
	e := &scanEntry{}
	e.ExtendBaseWidget(e)
	return e
}
