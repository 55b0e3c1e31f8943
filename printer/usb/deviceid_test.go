package usb

import (
	"errors"
	"reflect"
	"testing"

	"github.com/printstation/printstation/printer"
)

// withLength prefixes s with its two-byte big-endian length, which counts
// the two length bytes.
func withLength(s string) []byte {
	n := len(s) + 2
	return append([]byte{byte(n >> 8), byte(n)}, s...)
}

func TestParseDeviceID(t *testing.T) {
	tests := []struct {
		name      string
		reply     []byte
		want      DeviceID
		wantLangs []printer.Language
	}{
		{"label printer with both languages", withLength("MFG:Gprinter;MDL:GP-1324D;CMD:TSPL,ESC/POS;CLS:PRINTER;"),
			DeviceID{Manufacturer: "Gprinter", Model: "GP-1324D", Commands: []string{"TSPL", "ESC/POS"}},
			[]printer.Language{printer.TSPL, printer.ESCPOS}},
		{"long key names and spaces", withLength("MANUFACTURER:Xprinter; MODEL:XP-420B; COMMAND SET: TSPL2 ;"),
			DeviceID{Manufacturer: "Xprinter", Model: "XP-420B", Commands: []string{"TSPL2"}},
			[]printer.Language{printer.TSPL}},
		{"receipt printer", withLength("MFG:EPSON;CMD:ESC/POS;MDL:TM-T20;"),
			DeviceID{Manufacturer: "EPSON", Model: "TM-T20", Commands: []string{"ESC/POS"}},
			[]printer.Language{printer.ESCPOS}},
		{"padding after the length ignored", append(withLength("MFG:A;MDL:B;"), 0, 0, 'X', ':', 'Y'),
			DeviceID{Manufacturer: "A", Model: "B"}, nil},
		{"length larger than the reply", append([]byte{0x04, 0x00}, "MFG:HPRT;MDL:N41;CMD:TSPL;"...),
			DeviceID{Manufacturer: "HPRT", Model: "N41", Commands: []string{"TSPL"}},
			[]printer.Language{printer.TSPL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDeviceID(tt.reply)
			if err != nil {
				t.Fatalf("ParseDeviceID: %v", err)
			}
			got.Fields = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseDeviceID = %+v, want %+v", got, tt.want)
			}
			if langs := got.Languages(); !reflect.DeepEqual(langs, tt.wantLangs) {
				t.Errorf("Languages() = %v, want %v", langs, tt.wantLangs)
			}
		})
	}
}

func TestParseDeviceID_Invalid(t *testing.T) {
	for _, reply := range [][]byte{nil, {0x00}, {0x00, 0x01}, withLength("no fields here")} {
		if _, err := ParseDeviceID(reply); !errors.Is(err, ErrBadDeviceID) {
			t.Errorf("ParseDeviceID(%q) error = %v, want ErrBadDeviceID", reply, err)
		}
	}
}
