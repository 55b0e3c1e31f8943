package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
)

func TestPrinters_TestAndStatusAgainstEmulator(t *testing.T) {
	e, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	addr := "tcp://" + e.Addr()

	var out bytes.Buffer
	if err := printersTest(&out, []string{addr, "--lang", "escpos", "--width", "100", "--height", "150"}); err != nil {
		t.Fatalf("printers test: %v", err)
	}
	if e.LabelCount() != 1 || !strings.Contains(out.String(), "test label sent") {
		t.Errorf("emulator printed %d labels; output %q", e.LabelCount(), out.String())
	}

	e.SetPaperOutAfter(0)
	out.Reset()
	err = printersStatus(&out, []string{"--lang", "tspl", addr})
	if !errors.Is(err, printer.ErrPaperOut) {
		t.Errorf("printers status = %v, want ErrPaperOut", err)
	}
	if !strings.Contains(out.String(), "paper out") || !strings.Contains(out.String(), "Load a new roll") {
		t.Errorf("status output %q lacks the status and what to do", out.String())
	}
}

func TestPrinters_RejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"test"}, {"test", "tcp://127.0.0.1:1", "--dpi", "600"}} {
		if err := runPrinters(args); err == nil {
			t.Errorf("runPrinters(%q) succeeded, want an error", args)
		}
	}
}
