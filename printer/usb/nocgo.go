//go:build !cgo

package usb

import (
	"context"
	"fmt"

	"github.com/printstation/printstation/printer"
)

func init() {
	printer.RegisterScheme("usb", func(addr string) (printer.Transport, error) {
		if _, _, _, err := ParseAddress(addr); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("open printer %q: %w; use lp:/dev/usb/lp0 on Linux or winspool:NAME on Windows", addr, ErrNoCgo)
	})
}

// Printer is a USB printer found by Discover. Without cgo Discover finds
// none.
type Printer struct {
	VendorID, ProductID   uint16
	Serial                string
	Manufacturer, Product string
	DeviceID              DeviceID
	DeviceIDErr           error
	Bidirectional         bool
}

// Address returns "usb://VID:PID[/SERIAL]".
func (p Printer) Address() string {
	s := fmt.Sprintf("usb://%04x:%04x", p.VendorID, p.ProductID)
	if p.Serial != "" {
		s += "/" + p.Serial
	}
	return s
}

// Discover returns ErrNoCgo: listing USB devices needs libusb.
func Discover(context.Context) ([]Printer, error) {
	return nil, ErrNoCgo
}
