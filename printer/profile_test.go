package printer_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/printstation/printstation/printer"
)

func validProfile(addr string) printer.Profile {
	p := printer.DefaultProfile()
	p.ID, p.Name, p.Address = "desk-1", "打包台 1", addr
	return p
}

func TestProfile_Validate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *printer.Profile)
		want   string // part of the error, empty for valid
	}{
		{"default is valid", func(p *printer.Profile) {}, ""},
		{"escpos 300 dpi", func(p *printer.Profile) { p.Language, p.DPI = printer.ESCPOS, 300 }, ""},
		{"id with space", func(p *printer.Profile) { p.ID = "desk 1" }, "id"},
		{"no name", func(p *printer.Profile) { p.Name = " " }, "name"},
		{"no address", func(p *printer.Profile) { p.Address = "" }, "address"},
		{"unknown language", func(p *printer.Profile) { p.Language = "zpl" }, "language"},
		{"dpi 600", func(p *printer.Profile) { p.DPI = 600 }, "dpi"},
		{"label too wide", func(p *printer.Profile) { p.LabelWidthMM = 150 }, "width"},
		{"label too short", func(p *printer.Profile) { p.LabelHeightMM = 5 }, "height"},
		{"negative gap", func(p *printer.Profile) { p.GapMM = -1 }, "gap"},
		{"density 0", func(p *printer.Profile) { p.Density = 0 }, "density"},
		{"speed 20", func(p *printer.Profile) { p.Speed = 20 }, "speed"},
		{"encoding big5", func(p *printer.Profile) { p.Encoding = "big5" }, "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProfile("tcp://127.0.0.1:9100")
			tt.change(&p)
			err := p.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, printer.ErrInvalidProfile) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want ErrInvalidProfile naming %q", err, tt.want)
			}
		})
	}
}

func TestProfile_JSONRoundTrip(t *testing.T) {
	p := validProfile("usb://0483:5743")
	p.Template = "76x130"
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"label_width_mm":76`) || !strings.Contains(string(raw), `"language":"tspl"`) {
		t.Errorf("JSON %s lacks the documented field names", raw)
	}
	var back printer.Profile
	if err := json.Unmarshal(raw, &back); err != nil || !reflect.DeepEqual(back, p) {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, p)
	}
}

func TestProfile_TestJobPrintsOnEmulator(t *testing.T) {
	for _, lang := range []printer.Language{printer.TSPL, printer.ESCPOS} {
		t.Run(string(lang), func(t *testing.T) {
			e := startEmulator(t)
			p := validProfile("tcp://" + e.Addr())
			p.Language = lang

			job, err := p.TestJob()
			if err != nil {
				t.Fatalf("TestJob: %v", err)
			}
			tr, err := p.Open()
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if tcp := tr.(*printer.TCP); tcp.Language != lang || !tcp.QueryStatus {
				t.Errorf("Open configured language %q, status %v; want %q with status", tcp.Language, tcp.QueryStatus, lang)
			}
			if err := tr.Send(context.Background(), job); err != nil {
				t.Fatalf("Send: %v", err)
			}

			if errs := e.Errors(); len(errs) != 0 {
				t.Fatalf("emulator errors: %q", errs)
			}
			labels := e.Labels()
			if len(labels) != 1 {
				t.Fatalf("got %d labels, want 1", len(labels))
			}
			l := labels[0]
			if len(l.Barcodes) != 1 || l.Barcodes[0] != printer.TestBarcode {
				t.Errorf("barcodes %q, want %q", l.Barcodes, printer.TestBarcode)
			}
			if len(l.QRCodes) != 1 || !strings.Contains(strings.Join(l.Texts, "\n"), "打印测试 打包台 1") {
				t.Errorf("label %+v lacks the QR code or the Chinese title", l)
			}
		})
	}
}

func TestTCP_ESCPOSStatus(t *testing.T) {
	e := startEmulator(t)
	e.SetPaperOutAfter(0)
	tr := newTCP(e.Addr())
	tr.Language = printer.ESCPOS

	status, err := tr.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if status != printer.StatusPaperOut {
		t.Errorf("Status() = %v, want paper out", status)
	}
}

func TestTCP_WrongLanguageIsReported(t *testing.T) {
	// A TSPL printer that reads DLE EOT as data and replies a ready 0x00 to
	// every query it sees.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.Read(make([]byte, 64))
		conn.Write([]byte{0, 0, 0})
	}()

	tr := newTCP(l.Addr().String())
	tr.Language = printer.ESCPOS
	_, err = tr.Status(context.Background())
	if !errors.Is(err, printer.ErrBadStatusReply) {
		t.Fatalf("Status = %v, want ErrBadStatusReply", err)
	}
	if keys := printer.MessageKeys(err); len(keys) != 1 || keys[0] != printer.KeyWrongLanguage {
		t.Errorf("MessageKeys = %q, want %q", keys, printer.KeyWrongLanguage)
	}
}

func TestTCP_RefusedConnectionSentNothing(t *testing.T) {
	tr := newTCP(closedPort(t))
	err := tr.Send(context.Background(), job("SF1"))
	if !errors.Is(err, printer.ErrNothingSent) || !errors.Is(err, printer.ErrUnreachable) {
		t.Errorf("Send = %v, want ErrUnreachable and ErrNothingSent", err)
	}
}

func TestTCP_ResetMidJobSentSomething(t *testing.T) {
	e := startEmulator(t)
	e.ResetAfter(10)
	err := newTCP(e.Addr()).Send(context.Background(), job("SF1"))
	if err == nil || errors.Is(err, printer.ErrNothingSent) {
		t.Errorf("Send = %v, want an error without ErrNothingSent: bytes went out", err)
	}
}
