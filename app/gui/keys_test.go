package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"testing"
)

var keyEnter = &fyne.KeyEvent{Name: fyne.KeyReturn}

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// findButton returns the button of the window with the text.
func findButton(t *testing.T, ui *UI, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(ui.Window().Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q on screen", text)
	return nil
}
