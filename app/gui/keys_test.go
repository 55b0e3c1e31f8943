package gui

import "fyne.io/fyne/v2"

var keyEnter = &fyne.KeyEvent{Name: fyne.KeyReturn}
