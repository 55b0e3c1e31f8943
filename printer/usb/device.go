//go:build cgo

package usb

import (
	"context"

	"github.com/google/gousb"
)

// The interfaces below are the only way the package reaches libusb. Their
// errors are the ones gousb returns (gousb.Error, gousb.TransferStatus, or
// text that contains them), which classify turns into this package's errors.

// usbContext opens devices.
type usbContext interface {
	// open returns the device with the IDs, and the serial number unless it
	// is empty. It returns ErrNotFound when none is attached.
	open(vid, pid uint16, serial string) (usbDevice, error)
	// printers opens every attached device with an interface of class 7.
	// It returns the devices it could open and the last error, if any.
	printers() ([]usbDevice, error)
	close() error
}

// usbDevice is an opened device.
type usbDevice interface {
	descriptor() *gousb.DeviceDesc
	activeConfig() (int, error)
	// setAutoDetach makes claim detach the kernel driver and release
	// reattach it.
	setAutoDetach(on bool) error
	claim(config, iface, alt int) (usbInterface, error)
	// control runs a control transfer on endpoint 0.
	control(ctx context.Context, requestType, request uint8, value, index uint16, data []byte) (int, error)
	// strings returns the manufacturer, product and serial number string
	// descriptors, empty where missing or unreadable.
	strings() (manufacturer, product, serial string)
	close() error
}

// usbInterface is a claimed interface.
type usbInterface interface {
	write(ctx context.Context, endpoint int, p []byte) (int, error)
	read(ctx context.Context, endpoint int, p []byte) (int, error)
	release()
}
