package usb

import "errors"

var (
	// ErrNotFound is returned when no attached device has the requested IDs
	// and serial number. It comes wrapped with printer.ErrUnreachable.
	ErrNotFound = errors.New("usb: printer not found")
	// ErrPermission is returned when the operating system denies access to
	// the device.
	ErrPermission = errors.New("usb: permission denied")
	// ErrBusy is returned when another driver or program holds the printer
	// interface.
	ErrBusy = errors.New("usb: printer interface is busy")
	// ErrNoPrinterInterface is returned for a device without an interface of
	// class 7 (printer) that has a bulk OUT endpoint.
	ErrNoPrinterInterface = errors.New("usb: device has no printer interface with a bulk OUT endpoint")
	// ErrStalled is returned when the printer stalls an endpoint, which
	// printers do when they cannot take data, for example after a fault.
	ErrStalled = errors.New("usb: endpoint stalled")
	// ErrNoCgo is returned by every USB operation of a program built
	// without cgo, which libusb needs.
	ErrNoCgo = errors.New("usb: this program was built without cgo, so it cannot reach USB printers through libusb")
)
