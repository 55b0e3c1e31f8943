//go:build cgo

package usb

import (
	"context"
	"errors"
	"testing"

	"github.com/google/gousb"

	"github.com/printstation/printstation/printer"
)

func TestDiscover_FindsPrintersWithDeviceID(t *testing.T) {
	label := bidirectionalPrinter()
	label.manufacturer, label.product, label.serial = "Gprinter", "GP-1324D", "A1B2"
	label.deviceID = withLength("MFG:Gprinter;MDL:GP-1324D;CMD:TSPL,ESC/POS;")

	// A one-way printer whose interface 1 has alternate setting 2, behind a
	// HID interface, so wIndex must carry both.
	oneWay := &fakeDevice{
		desc: &gousb.DeviceDesc{Vendor: 0x0fe6, Product: 0x811e, Configs: map[int]gousb.ConfigDesc{1: config(1,
			iface(0, setting(0, 0, gousb.ClassHID, 0, endpoint(0x81, gousb.TransferTypeInterrupt))),
			iface(1, setting(1, 2, gousb.ClassPrinter, 1, endpoint(0x02, gousb.TransferTypeBulk))))}},
		active:     1,
		controlErr: gousb.ErrorPipe,
	}
	keyboard := &fakeDevice{desc: &gousb.DeviceDesc{Vendor: 0x046d, Product: 0xc31c, Configs: map[int]gousb.ConfigDesc{1: config(1,
		iface(0, setting(0, 0, gousb.ClassHID, 0, endpoint(0x81, gousb.TransferTypeInterrupt))))}}, active: 1}

	found, err := discover(context.Background(), &fakeContext{devices: []*fakeDevice{keyboard, oneWay, label}})
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	if len(found) != 2 {
		t.Fatalf("found %d printers, want 2 (the keyboard is no printer): %+v", len(found), found)
	}

	gp := found[0]
	if gp.Address() != "usb://0483:5743/A1B2" || gp.Manufacturer != "Gprinter" || !gp.Bidirectional {
		t.Errorf("first printer = %+v, want usb://0483:5743/A1B2 from Gprinter, bidirectional", gp)
	}
	if gp.DeviceIDErr != nil || gp.DeviceID.Model != "GP-1324D" || len(gp.DeviceID.Languages()) != 2 {
		t.Errorf("device ID = %+v (%v), want model GP-1324D with TSPL and ESC/POS", gp.DeviceID, gp.DeviceIDErr)
	}
	if want := [4]int{0xA1, 0, 0, 0x0000}; label.lastControl != want {
		t.Errorf("GET_DEVICE_ID sent as %v, want %v", label.lastControl, want)
	}

	xp := found[1]
	if xp.Bidirectional || xp.Address() != "usb://0fe6:811e" {
		t.Errorf("second printer = %+v, want one-way usb://0fe6:811e", xp)
	}
	if want := [4]int{0xA1, 0, 0, 0x0102}; oneWay.lastControl != want {
		t.Errorf("GET_DEVICE_ID sent as %v, want wIndex 0x0102 (interface 1, alternate 2)", oneWay.lastControl)
	}
	if !errors.Is(xp.DeviceIDErr, ErrStalled) {
		t.Errorf("DeviceIDErr = %v, want ErrStalled for a printer that rejects the request", xp.DeviceIDErr)
	}
	for _, d := range []*fakeDevice{label, oneWay} {
		if !d.closed {
			t.Errorf("device %04x not closed after discovery", uint16(d.desc.Vendor))
		}
	}
}

func TestSend_NothingSentOnlyBeforeFirstByte(t *testing.T) {
	tests := []struct {
		name            string
		setup           func(d *fakeDevice, bus *fakeContext)
		wantNothingSent bool
	}{
		{"not attached", func(d *fakeDevice, _ *fakeContext) { d.desc.Product = 0x1111 }, true},
		{"no permission", func(_ *fakeDevice, bus *fakeContext) { bus.openErr = gousb.ErrorAccess }, true},
		{"kernel driver held", func(d *fakeDevice, _ *fakeContext) { d.driverStuck = true }, true},
		{"stall before any byte", func(d *fakeDevice, _ *fakeContext) { d.iface.writeErr = gousb.TransferStall }, true},
		{"stall after 10 bytes", func(d *fakeDevice, _ *fakeContext) { d.iface.stallAfter = 10 }, false},
		{"no status reply", func(d *fakeDevice, _ *fakeContext) { d.iface.silent = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dev := bidirectionalPrinter()
			tr := fakeTransport(dev)
			tt.setup(dev, tr.newContext().(*fakeContext))

			err := tr.Send(context.Background(), testJob)
			if err == nil {
				t.Fatal("Send succeeded, want an error")
			}
			if got := errors.Is(err, printer.ErrNothingSent); got != tt.wantNothingSent {
				t.Errorf("errors.Is(%v, ErrNothingSent) = %v, want %v", err, got, tt.wantNothingSent)
			}
		})
	}
}

func TestSend_ESCPOSStatusOverINEndpoint(t *testing.T) {
	dev := bidirectionalPrinter()
	dev.iface.status = []byte{0x12, 0x32, 0x72}
	tr := fakeTransport(dev)
	tr.Configure(printer.ESCPOS, true)

	err := tr.Send(context.Background(), testJob)
	if !errors.Is(err, printer.ErrPaperOut) {
		t.Errorf("Send = %v, want ErrPaperOut from DLE EOT replies", err)
	}
	if got := dev.iface.written[3]; len(got) < 9 || string(got[len(got)-9:]) != string(printer.QueryStatusESCPOS) {
		t.Errorf("the job did not end with DLE EOT 1, 2, 4: % X", got)
	}
}

func TestStatus_QueriesWithoutJob(t *testing.T) {
	dev := bidirectionalPrinter()
	dev.iface.status = []byte{0x01}
	tr := fakeTransport(dev)
	tr.QueryStatus = false

	status, err := tr.Status(context.Background())
	if err != nil || status != printer.StatusHeadOpen {
		t.Errorf("Status() = %v, %v; want head open", status, err)
	}
	if got := string(dev.iface.written[3]); got != string(printer.QueryStatusCommand) {
		t.Errorf("wrote %q, want only the status query", got)
	}
	if tr.QueryStatus {
		t.Error("Status turned QueryStatus on for later jobs")
	}
}
