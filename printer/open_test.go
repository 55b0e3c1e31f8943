package printer_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/printstation/printstation/printer"
)

func TestOpen_TCPAddresses(t *testing.T) {
	tests := []struct {
		addr        string
		wantAddr    string
		wantQuery   bool
		wantPrinted string
	}{
		{"tcp://127.0.0.1", "127.0.0.1:9100", true, "tcp://127.0.0.1:9100"},
		{"tcp://127.0.0.1:9200", "127.0.0.1:9200", true, "tcp://127.0.0.1:9200"},
		{"TCP://localhost:9100/", "localhost:9100", true, "tcp://localhost:9100"},
		{"tcp://[::1]", "[::1]:9100", true, "tcp://[::1]:9100"},
		{"tcp://127.0.0.1?status=0", "127.0.0.1:9100", false, "tcp://127.0.0.1:9100"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			tr, err := printer.Open(tt.addr)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			tcp, ok := tr.(*printer.TCP)
			if !ok {
				t.Fatalf("Open returned %T, want *printer.TCP", tr)
			}
			if tcp.Addr != tt.wantAddr || tcp.QueryStatus != tt.wantQuery {
				t.Errorf("Addr=%q QueryStatus=%v, want %q %v", tcp.Addr, tcp.QueryStatus, tt.wantAddr, tt.wantQuery)
			}
			if tr.String() != tt.wantPrinted {
				t.Errorf("String() = %q, want %q", tr.String(), tt.wantPrinted)
			}
		})
	}
}

func TestOpen_FolderAddresses(t *testing.T) {
	root := t.TempDir()
	for _, addr := range []string{"dir:" + filepath.Join(root, "a"), filepath.Join(root, "b")} {
		tr, err := printer.Open(addr)
		if err != nil {
			t.Fatalf("Open(%q): %v", addr, err)
		}
		if _, ok := tr.(*printer.Dir); !ok {
			t.Errorf("Open(%q) returned %T, want *printer.Dir", addr, tr)
		}
	}
}

func TestOpen_InvalidAddresses(t *testing.T) {
	for _, addr := range []string{"", "tcp://", "tcp://host:9100/queue", "tcp://host?status=maybe", "lpt://1", "unregistered-usb://0483:5743"} {
		if _, err := printer.Open(addr); !errors.Is(err, printer.ErrBadAddress) {
			t.Errorf("Open(%q) error = %v, want ErrBadAddress", addr, err)
		}
	}
}

func TestOpen_RegisteredScheme(t *testing.T) {
	var got string
	printer.RegisterScheme("testfake", func(addr string) (printer.Transport, error) {
		got = addr
		return printer.NewDir(t.TempDir())
	})

	if _, err := printer.Open("testfake://0483:5743"); err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got != "testfake://0483:5743" {
		t.Errorf("open function got %q, want the whole address", got)
	}
}
