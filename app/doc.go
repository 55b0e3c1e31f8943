// Package app is the print station's workflow: it pulls orders from the
// shop into the store, turns them into parcels, gets a waybill for each,
// prints the labels, reprints on a scan, and writes the tracking numbers
// back to the shop.
//
// The package has no GUI import. The Fyne window (package app/gui) and the
// headless command both drive a Station and show what it reports: progress
// through a callback, and errors a packer must read through UserMessage,
// which turns them into a translation key and its arguments.
//
// Every change of a parcel's state is one store transaction together with
// its event, so a crash leaves each parcel in a state the next run can
// resume from. A parcel in store.StateSent has an unknown fate (the bytes
// left for the printer but the printer did not confirm them): it is never
// printed again without a packer's confirmation.
package app
