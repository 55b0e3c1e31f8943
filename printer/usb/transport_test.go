//go:build cgo

package usb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/gousb"

	"github.com/printstation/printstation/printer"
)

var testJob = printer.Job{ID: "SF1", Data: []byte("SIZE 76 mm,130 mm\r\nCLS\r\nPRINT 1\r\n")}

func TestFindPrinterInterface(t *testing.T) {
	bulk, intr := gousb.TransferTypeBulk, gousb.TransferTypeInterrupt
	tests := []struct {
		name   string
		desc   *gousb.DeviceDesc
		active int
		want   printerInterface
		wantOK bool
	}{
		{"endpoints 0x03 and 0x81", bidirectionalPrinter().desc, 1,
			printerInterface{config: 1, number: 0, alt: 0, out: 3, in: 1, inPacketSize: 64}, true},
		{"one-way printer", deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 1,
			endpoint(0x02, bulk))))), 1,
			printerInterface{config: 1, out: 2, in: -1}, true},
		{"printer behind a HID interface", deviceDesc(config(1,
			iface(0, setting(0, 0, gousb.ClassHID, 0, endpoint(0x81, intr))),
			iface(1, setting(1, 0, gousb.ClassPrinter, 2, endpoint(0x01, bulk), endpoint(0x82, bulk))))), 1,
			printerInterface{config: 1, number: 1, out: 1, in: 2, inPacketSize: 64}, true},
		{"bidirectional alternate setting preferred", deviceDesc(config(1, iface(0,
			setting(0, 0, gousb.ClassPrinter, 1, endpoint(0x01, bulk)),
			setting(0, 1, gousb.ClassPrinter, 2, endpoint(0x01, bulk), endpoint(0x82, bulk))))), 1,
			printerInterface{config: 1, alt: 1, out: 1, in: 2, inPacketSize: 64}, true},
		{"interrupt endpoints ignored", deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 2,
			endpoint(0x01, intr), endpoint(0x02, bulk), endpoint(0x83, intr))))), 1,
			printerInterface{config: 1, out: 2, in: -1}, true},
		{"active configuration preferred", deviceDesc(
			config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 2, endpoint(0x01, bulk), endpoint(0x81, bulk)))),
			config(2, iface(0, setting(0, 0, gousb.ClassPrinter, 1, endpoint(0x04, bulk))))), 2,
			printerInterface{config: 2, out: 4, in: -1}, true},
		{"no printer class", deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassVendorSpec, 0,
			endpoint(0x01, bulk))))), 1, printerInterface{}, false},
		{"printer class without bulk OUT", deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 2,
			endpoint(0x81, bulk))))), 1, printerInterface{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := findPrinterInterface(tt.desc, tt.active)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("findPrinterInterface = %+v, %v; want %+v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestSend_WritesJobAndReadsStatus(t *testing.T) {
	dev := bidirectionalPrinter()
	tr := fakeTransport(dev)

	if err := tr.Send(context.Background(), testJob); err != nil {
		t.Fatalf("Send: %v", err)
	}

	want := append(append([]byte{}, testJob.Data...), printer.QueryStatusCommand...)
	if got := dev.iface.written[3]; !bytes.Equal(got, want) {
		t.Errorf("endpoint 3 got %q, want %q", got, want)
	}
	if !dev.autoDetach {
		t.Error("kernel driver auto-detach was not turned on")
	}
	if dev.iface.claimed || dev.iface.releases != 1 || !dev.closed {
		t.Errorf("claimed=%v releases=%d closed=%v, want the interface released and the device closed",
			dev.iface.claimed, dev.iface.releases, dev.closed)
	}
	if !dev.kernelDriver {
		t.Error("kernel driver was not reattached after the job")
	}
}

func TestSend_OneWayPrinterSkipsStatus(t *testing.T) {
	dev := bidirectionalPrinter()
	dev.desc = deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassPrinter, 1, endpoint(0x02, gousb.TransferTypeBulk)))))
	dev.iface.silent = true

	if err := fakeTransport(dev).Send(context.Background(), testJob); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := dev.iface.written[2]; !bytes.Equal(got, testJob.Data) {
		t.Errorf("endpoint 2 got %q, want the job without a status query", got)
	}
}

func TestSend_ShortWritesResendRest(t *testing.T) {
	dev := bidirectionalPrinter()
	dev.iface.maxPerWrite = 5
	data := bytes.Repeat([]byte("0123456789"), 4000) // spans several 16 KiB chunks

	if err := fakeTransport(dev).Send(context.Background(), printer.Job{ID: "big", Data: data}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	want := append(append([]byte{}, data...), printer.QueryStatusCommand...)
	if got := dev.iface.written[3]; !bytes.Equal(got, want) {
		t.Errorf("endpoint 3 got %d bytes, want %d in order", len(got), len(want))
	}
}

func TestSend_Errors(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(d *fakeDevice, bus *fakeContext)
		want     []error
		wantText string
	}{
		{"paper out", func(d *fakeDevice, _ *fakeContext) { d.iface.status = []byte{0x04} },
			[]error{printer.ErrPaperOut}, ""},
		{"not attached", func(d *fakeDevice, _ *fakeContext) { d.desc.Product = 0x1111 },
			[]error{printer.ErrUnreachable, ErrNotFound}, ""},
		{"no permission", func(_ *fakeDevice, bus *fakeContext) { bus.openErr = gousb.ErrorAccess },
			[]error{ErrPermission}, "udev"},
		{"kernel driver busy", func(d *fakeDevice, _ *fakeContext) { d.driverStuck = true },
			[]error{ErrBusy}, "usblp"},
		{"no printer interface", func(d *fakeDevice, _ *fakeContext) {
			d.desc = deviceDesc(config(1, iface(0, setting(0, 0, gousb.ClassHID, 0))))
		}, []error{ErrNoPrinterInterface}, ""},
		{"endpoint stall", func(d *fakeDevice, _ *fakeContext) { d.iface.stallAfter = 10 },
			[]error{ErrStalled}, "after 10 of"},
		{"unplugged mid-job", func(d *fakeDevice, _ *fakeContext) { d.iface.writeErr = gousb.TransferNoDevice },
			[]error{printer.ErrUnreachable}, "unplugged"},
		{"transfer timeout", func(d *fakeDevice, _ *fakeContext) { d.iface.writeErr = gousb.TransferTimedOut },
			[]error{printer.ErrTimeout}, ""},
		{"printer takes nothing", func(d *fakeDevice, _ *fakeContext) { d.iface.takeNothing = true },
			[]error{printer.ErrTimeout}, "took no data"},
		{"no status reply", func(d *fakeDevice, _ *fakeContext) { d.iface.silent = true },
			[]error{printer.ErrTimeout}, "read status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dev := bidirectionalPrinter()
			tr := fakeTransport(dev)
			bus := tr.newContext().(*fakeContext)
			tt.setup(dev, bus)

			err := tr.Send(context.Background(), testJob)
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("Send error = %v, want %v", err, want)
				}
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("Send error = %q, want it to mention %q", err, tt.wantText)
			}
			if dev.iface.claimed {
				t.Error("interface still claimed after a failed Send")
			}
		})
	}
}

func TestSend_ContextCancelled(t *testing.T) {
	dev := bidirectionalPrinter()
	dev.iface.silent = true
	tr := fakeTransport(dev)
	tr.StatusTimeout = 0 // default, longer than the context

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := tr.Send(ctx, testJob)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Send error = %v, want context.DeadlineExceeded", err)
	}
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		addr       string
		vid, pid   uint16
		serial     string
		wantErr    bool
		wantString string
	}{
		{"usb://0483:5743", 0x0483, 0x5743, "", false, "usb://0483:5743"},
		{"usb://0FE6:811e/A1B2", 0x0fe6, 0x811e, "A1B2", false, "usb://0fe6:811e/A1B2"},
		{"usb://0483", 0, 0, "", true, ""},
		{"usb://xyz:5743", 0, 0, "", true, ""},
		{"usb://10000:1", 0, 0, "", true, ""},
		{"tcp://0483:5743", 0, 0, "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			tr, err := Open(tt.addr)
			if tt.wantErr {
				if !errors.Is(err, printer.ErrBadAddress) {
					t.Errorf("Open error = %v, want ErrBadAddress", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if tr.VendorID != tt.vid || tr.ProductID != tt.pid || tr.Serial != tt.serial {
				t.Errorf("got %04x:%04x/%q, want %04x:%04x/%q", tr.VendorID, tr.ProductID, tr.Serial, tt.vid, tt.pid, tt.serial)
			}
			if tr.String() != tt.wantString {
				t.Errorf("String() = %q, want %q", tr.String(), tt.wantString)
			}
		})
	}
}

func TestRegisteredWithPrinterOpen(t *testing.T) {
	tr, err := printer.Open("usb://0483:5743")
	if err != nil {
		t.Fatalf("printer.Open: %v", err)
	}
	if _, ok := tr.(*Transport); !ok {
		t.Errorf("printer.Open returned %T, want *usb.Transport", tr)
	}
}

func TestClassify_TextOfWrappedLibusbError(t *testing.T) {
	// Device.Config reports a failed detach with %v, so only the text
	// carries the code.
	err := classify(context.Background(), "claim", fmt.Errorf("Can't detach kernel driver: %v", gousb.ErrorBusy))
	if !errors.Is(err, ErrBusy) {
		t.Errorf("classify = %v, want ErrBusy", err)
	}
}
