package printer_test

import (
	"errors"
	"testing"

	"github.com/printstation/printstation/printer"
)

func TestStatus_Decode(t *testing.T) {
	tests := []struct {
		status     printer.Status
		wantErrs   []error
		wantString string
	}{
		{0x00, nil, "ready (0x00)"},
		{0x20, nil, "printing (0x20)"},
		{0x04, []error{printer.ErrPaperOut}, "paper out (0x04)"},
		{0x05, []error{printer.ErrHeadOpen, printer.ErrPaperOut}, "head open, paper out (0x05)"},
		{0x02, []error{printer.ErrPaperJam}, "paper jam (0x02)"},
		{0x08, []error{printer.ErrRibbonOut}, "ribbon out (0x08)"},
		{0x10, []error{printer.ErrPaused}, "paused (0x10)"},
		{0x40, []error{printer.ErrCoverOpen}, "cover open (0x40)"},
		{0x80, []error{printer.ErrOverheat}, "overheat (0x80)"},
		{0x24, []error{printer.ErrPaperOut}, "paper out, printing (0x24)"},
	}
	for _, tt := range tests {
		t.Run(tt.wantString, func(t *testing.T) {
			err := tt.status.Err()
			if (err == nil) != (len(tt.wantErrs) == 0) {
				t.Fatalf("Err() = %v, want faults %v", err, tt.wantErrs)
			}
			for _, want := range tt.wantErrs {
				if !errors.Is(err, want) {
					t.Errorf("Err() = %v, does not match %v", err, want)
				}
			}
			if err != nil && errors.Is(err, printer.ErrCoverOpen) && tt.status&printer.StatusCoverOpen == 0 {
				t.Errorf("Err() = %v matches a fault whose bit is clear", err)
			}
			if got := tt.status.String(); got != tt.wantString {
				t.Errorf("String() = %q, want %q", got, tt.wantString)
			}
		})
	}
}
