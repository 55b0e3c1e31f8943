package winspool

import (
	"errors"
	"runtime"
	"testing"

	"github.com/printstation/printstation/printer"
)

func TestParseAddress(t *testing.T) {
	for addr, want := range map[string]string{
		"winspool:Xprinter XP-420B":   "Xprinter XP-420B",
		"winspool://Gprinter GP-1324": "Gprinter GP-1324",
	} {
		if got, err := ParseAddress(addr); err != nil || got != want {
			t.Errorf("ParseAddress(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	for _, addr := range []string{"winspool:", "winspool:  ", "lp:/dev/usb/lp0"} {
		if _, err := ParseAddress(addr); !errors.Is(err, printer.ErrBadAddress) {
			t.Errorf("ParseAddress(%q) error = %v, want ErrBadAddress", addr, err)
		}
	}
}

func TestOpen_RegisteredWithPrinterOpen(t *testing.T) {
	tr, err := printer.Open("winspool:Xprinter XP-420B")
	if runtime.GOOS != "windows" {
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("Open error = %v, want ErrUnsupported outside Windows", err)
		}
		return
	}
	if err != nil || tr.String() != "winspool:Xprinter XP-420B" {
		t.Errorf("Open = %v, %v", tr, err)
	}
}
