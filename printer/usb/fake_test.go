//go:build cgo

package usb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/gousb"
)

// fakeContext is a USB bus with the given devices attached.
type fakeContext struct {
	devices []*fakeDevice
	openErr error
}

func (c *fakeContext) close() error { return nil }

func (c *fakeContext) printers() ([]usbDevice, error) {
	if c.openErr != nil {
		return nil, c.openErr
	}
	var out []usbDevice
	for _, d := range c.devices {
		if hasPrinterInterface(d.desc) {
			d.opened = true
			out = append(out, d)
		}
	}
	return out, nil
}

func (c *fakeContext) open(vid, pid uint16, serial string) (usbDevice, error) {
	if c.openErr != nil {
		return nil, c.openErr
	}
	for _, d := range c.devices {
		if uint16(d.desc.Vendor) == vid && uint16(d.desc.Product) == pid && (serial == "" || serial == d.serial) {
			d.opened = true
			return d, nil
		}
	}
	return nil, ErrNotFound
}

// fakeDevice models the parts of a device a print job touches, including a
// kernel driver that holds the interface until it is detached.
type fakeDevice struct {
	desc   *gousb.DeviceDesc
	active int
	serial string

	kernelDriver bool // usblp is bound to the interface
	driverStuck  bool // detaching the driver fails
	claimErr     error

	iface *fakeInterface

	manufacturer, product string
	deviceID              []byte // GET_DEVICE_ID reply
	controlErr            error
	lastControl           [4]int // requestType, request, value, index

	opened, closed, autoDetach bool
	claimedConfig, claimedIntf int
	claimedAlt                 int
}

func (d *fakeDevice) descriptor() *gousb.DeviceDesc { return d.desc }
func (d *fakeDevice) activeConfig() (int, error)    { return d.active, nil }
func (d *fakeDevice) setAutoDetach(on bool) error   { d.autoDetach = on; return nil }
func (d *fakeDevice) close() error                  { d.closed = true; return nil }

func (d *fakeDevice) strings() (string, string, string) { return d.manufacturer, d.product, d.serial }

func (d *fakeDevice) control(ctx context.Context, requestType, request uint8, value, index uint16, data []byte) (int, error) {
	d.lastControl = [4]int{int(requestType), int(request), int(value), int(index)}
	if d.controlErr != nil {
		return 0, d.controlErr
	}
	return copy(data, d.deviceID), nil
}

func (d *fakeDevice) claim(config, iface, alt int) (usbInterface, error) {
	if d.claimErr != nil {
		return nil, d.claimErr
	}
	if d.kernelDriver && (!d.autoDetach || d.driverStuck) {
		// gousb formats the libusb code into its message with %v.
		return nil, fmt.Errorf("failed to claim interface %d on fake: %v", iface, gousb.ErrorBusy)
	}
	d.kernelDriver = false
	d.claimedConfig, d.claimedIntf, d.claimedAlt = config, iface, alt
	d.iface.device = d
	d.iface.claimed = true
	return d.iface, nil
}

// fakeInterface records what the host writes and plays the printer side.
type fakeInterface struct {
	device *fakeDevice

	mu          sync.Mutex
	written     map[int][]byte
	maxPerWrite int   // take at most this many bytes per transfer, 0 = all
	stallAfter  int   // stall once this many bytes were taken, 0 = never
	writeErr    error // fail every write
	takeNothing bool  // complete every transfer with 0 bytes
	status      []byte
	silent      bool // block every read until its context ends
	claimed     bool
	releases    int
}

func (i *fakeInterface) write(ctx context.Context, endpoint int, p []byte) (int, error) {
	i.mu.Lock()
	defer i.mu.Unlock()

	if i.writeErr != nil {
		return 0, i.writeErr
	}
	if i.written == nil {
		i.written = map[int][]byte{}
	}

	n := len(p)
	if i.takeNothing {
		n = 0
	}
	if i.maxPerWrite > 0 {
		n = min(n, i.maxPerWrite)
	}
	if i.stallAfter > 0 {
		n = min(n, i.stallAfter-len(i.written[endpoint]))
	}
	i.written[endpoint] = append(i.written[endpoint], p[:n]...)

	if i.stallAfter > 0 && len(i.written[endpoint]) >= i.stallAfter {
		return n, gousb.TransferStall
	}
	return n, nil
}

func (i *fakeInterface) read(ctx context.Context, endpoint int, p []byte) (int, error) {
	if i.silent {
		<-ctx.Done()
		return 0, gousb.TransferCancelled
	}
	return copy(p, i.status), nil
}

func (i *fakeInterface) release() {
	i.releases++
	i.claimed = false
	if i.device != nil && i.device.autoDetach {
		i.device.kernelDriver = true
	}
}

func endpoint(addr gousb.EndpointAddress, tt gousb.TransferType) gousb.EndpointDesc {
	dir := gousb.EndpointDirectionOut
	if addr&0x80 != 0 {
		dir = gousb.EndpointDirectionIn
	}
	return gousb.EndpointDesc{Address: addr, Number: int(addr & 0x0f), Direction: dir, TransferType: tt, MaxPacketSize: 64}
}

func setting(number, alt int, class gousb.Class, protocol gousb.Protocol, eps ...gousb.EndpointDesc) gousb.InterfaceSetting {
	m := map[gousb.EndpointAddress]gousb.EndpointDesc{}
	for _, ep := range eps {
		m[ep.Address] = ep
	}
	return gousb.InterfaceSetting{Number: number, Alternate: alt, Class: class, SubClass: 1, Protocol: protocol, Endpoints: m}
}

func deviceDesc(configs ...gousb.ConfigDesc) *gousb.DeviceDesc {
	m := map[int]gousb.ConfigDesc{}
	for _, c := range configs {
		m[c.Number] = c
	}
	return &gousb.DeviceDesc{Vendor: 0x0483, Product: 0x5743, Configs: m}
}

func config(number int, ifaces ...gousb.InterfaceDesc) gousb.ConfigDesc {
	return gousb.ConfigDesc{Number: number, Interfaces: ifaces}
}

func iface(number int, settings ...gousb.InterfaceSetting) gousb.InterfaceDesc {
	return gousb.InterfaceDesc{Number: number, AltSettings: settings}
}

// bidirectionalPrinter is a label printer with endpoints 0x03 OUT and
// 0x81 IN, so code that assumes 0x01/0x82 fails on it.
func bidirectionalPrinter() *fakeDevice {
	return &fakeDevice{
		desc: deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 2,
			endpoint(0x03, gousb.TransferTypeBulk), endpoint(0x81, gousb.TransferTypeBulk))))),
		active:       1,
		kernelDriver: true,
		iface:        &fakeInterface{status: []byte{0x00}},
	}
}

func fakeTransport(devices ...*fakeDevice) *Transport {
	bus := &fakeContext{devices: devices}
	return &Transport{
		VendorID: 0x0483, ProductID: 0x5743, QueryStatus: true,
		WriteTimeout: 200 * time.Millisecond, StatusTimeout: 100 * time.Millisecond,
		newContext: func() usbContext { return bus },
	}
}
