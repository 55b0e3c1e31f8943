package printer_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"

	"github.com/printstation/printstation/assets"
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

func TestDecodeESCPOS(t *testing.T) {
	tests := []struct {
		name                     string
		printer, offline, sensor byte
		want                     printer.Status
		wantErr                  error
	}{
		{"ready", 0x12, 0x12, 0x12, printer.StatusReady, nil},
		{"paper near end", 0x12, 0x12, 0x1E, printer.StatusPaperNearEnd, nil},
		{"paper out", 0x1A, 0x32, 0x72, printer.StatusPaperOut, printer.ErrPaperOut},
		{"paper out from the sensor alone", 0x12, 0x12, 0x72, printer.StatusPaperOut, printer.ErrPaperOut},
		{"cover open", 0x1A, 0x16, 0x12, printer.StatusCoverOpen, printer.ErrCoverOpen},
		{"mechanical error", 0x1A, 0x52, 0x12, printer.StatusMechanical, printer.ErrMechanical},
		{"offline without a cause", 0x1A, 0x12, 0x12, printer.StatusOffline, printer.ErrOffline},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := printer.DecodeESCPOS(tt.printer, tt.offline, tt.sensor)
			if err != nil {
				t.Fatalf("DecodeESCPOS: %v", err)
			}
			if got != tt.want {
				t.Errorf("DecodeESCPOS = %v, want %v", got, tt.want)
			}
			if tt.wantErr == nil && got.Err() != nil {
				t.Errorf("Err() = %v, want nil: a warning is no fault", got.Err())
			}
			if tt.wantErr != nil && !errors.Is(got.Err(), tt.wantErr) {
				t.Errorf("Err() = %v, want %v", got.Err(), tt.wantErr)
			}
		})
	}
}

func TestDecodeESCPOS_RejectsOtherBytes(t *testing.T) {
	// 0x00 is a TSPL "ready" reply, not an ESC/POS status byte.
	for _, b := range [][3]byte{{0x00, 0x12, 0x12}, {0x12, 0x13, 0x12}, {0x12, 0x12, 0x92}} {
		if _, err := printer.DecodeESCPOS(b[0], b[1], b[2]); !errors.Is(err, printer.ErrBadStatusReply) {
			t.Errorf("DecodeESCPOS(% X) error = %v, want ErrBadStatusReply", b, err)
		}
	}
}

func TestMessageKeys(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"nil", nil, nil},
		{"paper out and head open", &printer.StatusError{Status: printer.StatusPaperOut | printer.StatusHeadOpen},
			[]string{"printer.fault.head_open", "printer.fault.paper_out"}},
		{"refused", fmt.Errorf("connect: %w: x (%w)", printer.ErrUnreachable, printer.ErrNothingSent), []string{printer.KeyUnreachable}},
		{"reset mid-job", fmt.Errorf("write: %w", printer.ErrUnreachable), []string{printer.KeyConnectionLost}},
		{"timeout", fmt.Errorf("read: %w", printer.ErrTimeout), []string{printer.KeyTimeout}},
		{"wrong language", fmt.Errorf("read: %w", printer.ErrBadStatusReply), []string{printer.KeyWrongLanguage}},
		{"anything else", errors.New("boom"), []string{printer.KeyOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printer.MessageKeys(tt.err); !slices.Equal(got, tt.want) {
				t.Errorf("MessageKeys = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMessageKeys_Translated checks that every key a packer can be shown
// has an English and a Chinese message.
func TestMessageKeys_Translated(t *testing.T) {
	keys := []string{printer.KeyUnreachable, printer.KeyTimeout, printer.KeyConnectionLost,
		printer.KeyWrongLanguage, printer.KeyOther, printer.KeyUnknownFate}
	keys = append(keys, printer.Status(0xFFFF).Keys()...)

	for _, lang := range []string{"en", "zh-Hans"} {
		raw, err := fs.ReadFile(assets.Translations, "translations/printer."+lang+".json")
		if err != nil {
			t.Fatalf("read %s translations: %v", lang, err)
		}
		var messages map[string]string
		if err := json.Unmarshal(raw, &messages); err != nil {
			t.Fatalf("parse %s translations: %v", lang, err)
		}
		for _, k := range keys {
			if messages[k] == "" {
				t.Errorf("%s: no message for %q", lang, k)
			}
		}
	}
}
