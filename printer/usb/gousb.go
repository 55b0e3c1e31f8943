//go:build cgo

package usb

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/gousb"
)

// libusbContext implements usbContext with gousb.
type libusbContext struct {
	ctx *gousb.Context
}

func newLibusbContext() usbContext {
	return &libusbContext{ctx: gousb.NewContext()}
}

func (c *libusbContext) close() error { return c.ctx.Close() }

func (c *libusbContext) open(vid, pid uint16, serial string) (usbDevice, error) {
	devs, err := c.ctx.OpenDevices(func(desc *gousb.DeviceDesc) bool {
		return desc.Vendor == gousb.ID(vid) && desc.Product == gousb.ID(pid)
	})

	var found *gousb.Device
	for _, dev := range devs {
		if found == nil && matchesSerial(dev, serial) {
			found = dev
			continue
		}
		dev.Close()
	}

	if found != nil {
		return &libusbDevice{dev: found}, nil
	}
	if err != nil {
		// OpenDevices reports the last device it could not open, typically
		// for lack of permission on the device node.
		return nil, err
	}
	return nil, ErrNotFound
}

func (c *libusbContext) printers() ([]usbDevice, error) {
	devs, err := c.ctx.OpenDevices(hasPrinterInterface)
	out := make([]usbDevice, len(devs))
	for i, d := range devs {
		out[i] = &libusbDevice{dev: d}
	}
	return out, err
}

func hasPrinterInterface(desc *gousb.DeviceDesc) bool {
	for _, cfg := range desc.Configs {
		for _, iface := range cfg.Interfaces {
			for _, s := range iface.AltSettings {
				if s.Class == gousb.ClassPrinter {
					return true
				}
			}
		}
	}
	return false
}

func matchesSerial(dev *gousb.Device, serial string) bool {
	if serial == "" {
		return true
	}
	got, err := dev.SerialNumber()
	return err == nil && got == serial
}

// libusbDevice implements usbDevice with gousb.
type libusbDevice struct {
	dev *gousb.Device
}

func (d *libusbDevice) descriptor() *gousb.DeviceDesc { return d.dev.Desc }
func (d *libusbDevice) activeConfig() (int, error)    { return d.dev.ActiveConfigNum() }
func (d *libusbDevice) setAutoDetach(on bool) error   { return d.dev.SetAutoDetach(on) }
func (d *libusbDevice) close() error                  { return d.dev.Close() }

func (d *libusbDevice) control(ctx context.Context, requestType, request uint8, value, index uint16, data []byte) (int, error) {
	// gousb's Control takes no context, so the deadline becomes the
	// device's control timeout.
	if deadline, ok := ctx.Deadline(); ok {
		d.dev.ControlTimeout = max(time.Until(deadline), time.Millisecond)
	}
	return d.dev.Control(requestType, request, value, index, data)
}

func (d *libusbDevice) strings() (manufacturer, product, serial string) {
	manufacturer, _ = d.dev.Manufacturer()
	product, _ = d.dev.Product()
	serial, _ = d.dev.SerialNumber()
	return manufacturer, product, serial
}

func (d *libusbDevice) claim(config, iface, alt int) (usbInterface, error) {
	cfg, err := d.dev.Config(config)
	if err != nil {
		return nil, err
	}
	intf, err := cfg.Interface(iface, alt)
	if err != nil {
		cfg.Close()
		return nil, err
	}
	return &libusbInterface{cfg: cfg, intf: intf}, nil
}

// libusbInterface implements usbInterface with gousb.
type libusbInterface struct {
	cfg  *gousb.Config
	intf *gousb.Interface
}

func (i *libusbInterface) write(ctx context.Context, endpoint int, p []byte) (int, error) {
	ep, err := i.intf.OutEndpoint(endpoint)
	if err != nil {
		return 0, err
	}
	return ep.WriteContext(ctx, p)
}

func (i *libusbInterface) read(ctx context.Context, endpoint int, p []byte) (int, error) {
	ep, err := i.intf.InEndpoint(endpoint)
	if err != nil {
		return 0, err
	}
	return ep.ReadContext(ctx, p)
}

func (i *libusbInterface) release() {
	i.intf.Close()
	i.cfg.Close()
}

// libusbCode finds the libusb error code in err. Some gousb functions
// (Device.Config, Config.Interface) format the code into their message with
// %v instead of wrapping it, so the text is searched as well.
func libusbCode(err error) (gousb.Error, bool) {
	var code gousb.Error
	if errors.As(err, &code) {
		return code, true
	}
	for _, c := range []gousb.Error{gousb.ErrorAccess, gousb.ErrorBusy, gousb.ErrorNoDevice,
		gousb.ErrorTimeout, gousb.ErrorPipe, gousb.ErrorNotFound, gousb.ErrorIO} {
		if strings.Contains(err.Error(), c.Error()) {
			return c, true
		}
	}
	return 0, false
}

// transferStatus finds the libusb transfer status in err.
func transferStatus(err error) (gousb.TransferStatus, bool) {
	var status gousb.TransferStatus
	if errors.As(err, &status) {
		return status, true
	}
	return 0, false
}
