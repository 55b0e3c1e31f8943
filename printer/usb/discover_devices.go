//go:build cgo

package usb

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// USB printer class request GET_DEVICE_ID (USB Device Class Definition for
// Printing Devices 1.1): a class request to the interface, device to host.
const (
	requestTypeClassInterfaceIn = 0xA1
	requestGetDeviceID          = 0
	maxDeviceID                 = 1023
	controlTimeout              = 2 * time.Second
)

// Printer is a USB printer found by Discover.
type Printer struct {
	VendorID, ProductID uint16
	Serial              string
	// Manufacturer and Product are the device's string descriptors; empty
	// when the device has none or denies reading them.
	Manufacturer, Product string
	// DeviceID is the parsed IEEE 1284 device ID. Its Fields are nil when
	// the printer did not return one, and DeviceIDErr holds the reason.
	DeviceID    DeviceID
	DeviceIDErr error
	// Bidirectional is true when the printer interface has a bulk IN
	// endpoint, so status can be read back.
	Bidirectional bool
}

// Address returns the address printer.Open takes for the printer,
// "usb://VID:PID" with "/SERIAL" when the serial number is known.
func (p Printer) Address() string {
	t := Transport{VendorID: p.VendorID, ProductID: p.ProductID, Serial: p.Serial}
	return t.String()
}

// Discover lists the attached devices that have a printer-class interface
// (class 7) with a bulk OUT endpoint, with their IEEE 1284 device IDs. A
// device the user may not open is skipped; ctx bounds the control requests.
func Discover(ctx context.Context) ([]Printer, error) {
	usbCtx := newLibusbContext()
	defer usbCtx.close()
	return discover(ctx, usbCtx)
}

func discover(ctx context.Context, usbCtx usbContext) ([]Printer, error) {
	devices, err := usbCtx.printers()
	if err != nil && len(devices) == 0 {
		return nil, classify(ctx, "list USB printers", err)
	}

	var found []Printer
	for _, dev := range devices {
		p, ok := describe(ctx, dev)
		dev.close()
		if ok {
			found = append(found, p)
		}
	}
	slices.SortFunc(found, func(a, b Printer) int {
		return int(a.VendorID)<<16 + int(a.ProductID) - (int(b.VendorID)<<16 + int(b.ProductID))
	})
	return found, nil
}

func describe(ctx context.Context, dev usbDevice) (Printer, bool) {
	desc := dev.descriptor()
	active, err := dev.activeConfig()
	if err != nil {
		active = 1
	}
	pi, ok := findPrinterInterface(desc, active)
	if !ok {
		return Printer{}, false
	}

	p := Printer{VendorID: uint16(desc.Vendor), ProductID: uint16(desc.Product), Bidirectional: pi.in >= 0}
	p.Manufacturer, p.Product, p.Serial = dev.strings()

	// wValue is the zero-based index of the configuration; wIndex holds the
	// interface number in the high byte and the alternate setting in the low.
	configIndex := 0
	for n := range desc.Configs {
		if n < pi.config {
			configIndex++
		}
	}
	reqCtx, cancel := context.WithTimeout(ctx, controlTimeout)
	defer cancel()
	buf := make([]byte, maxDeviceID)
	n, err := dev.control(reqCtx, requestTypeClassInterfaceIn, requestGetDeviceID,
		uint16(configIndex), uint16(pi.number)<<8|uint16(pi.alt), buf)
	if err != nil {
		p.DeviceIDErr = classify(ctx, "read IEEE 1284 device ID", err)
		return p, true
	}
	if p.DeviceID, err = ParseDeviceID(buf[:n]); err != nil {
		p.DeviceIDErr = fmt.Errorf("read IEEE 1284 device ID: %w", err)
	}
	return p, true
}
