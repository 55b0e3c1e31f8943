// Package gui is the packing-room window over an app.Station: the order
// list, the batch button with its progress bar, and the scan box that
// reprints a label when a waybill number or an order id is scanned.
//
// The window holds no workflow logic. It calls the station from a
// goroutine and applies every result to the widgets through fyne.Do, and
// every text it shows comes from the translations in assets through
// Fyne's lang package.
package gui
