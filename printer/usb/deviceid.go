package usb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/printstation/printstation/printer"
)

// ErrBadDeviceID is returned by ParseDeviceID for a reply that is no IEEE
// 1284 device ID.
var ErrBadDeviceID = errors.New("usb: invalid IEEE 1284 device ID")

// DeviceID is the IEEE 1284 device ID a printer returns to the USB printer
// class request GET_DEVICE_ID, for example
// "MFG:Gprinter;MDL:GP-1324D;CMD:TSPL,ESC/POS;".
type DeviceID struct {
	// Manufacturer and Model are the MFG (or MANUFACTURER) and MDL (or
	// MODEL) fields.
	Manufacturer, Model string
	// Commands lists the command languages of the CMD (or COMMAND SET)
	// field, as the printer spells them.
	Commands []string
	// Fields holds every key and value, keys in upper case.
	Fields map[string]string
}

// ParseDeviceID parses a GET_DEVICE_ID reply: a two-byte big-endian length
// that counts itself, then "KEY:value;" pairs. Trailing bytes past the
// length are ignored, and a length larger than the reply takes what is there,
// because printers pad or truncate the buffer.
func ParseDeviceID(reply []byte) (DeviceID, error) {
	if len(reply) < 2 {
		return DeviceID{}, fmt.Errorf("device ID of %d bytes has no length: %w", len(reply), ErrBadDeviceID)
	}
	length := int(binary.BigEndian.Uint16(reply))
	if length < 2 {
		return DeviceID{}, fmt.Errorf("device ID length %d: %w", length, ErrBadDeviceID)
	}
	text := string(reply[2:min(length, len(reply))])

	id := DeviceID{Fields: map[string]string{}}
	for _, pair := range strings.Split(text, ";") {
		key, value, ok := strings.Cut(pair, ":")
		key = strings.ToUpper(strings.TrimSpace(key))
		if !ok || key == "" {
			continue
		}
		id.Fields[key] = strings.TrimSpace(value)
	}
	if len(id.Fields) == 0 {
		return DeviceID{}, fmt.Errorf("device ID %q has no KEY:value fields: %w", truncate(text, 40), ErrBadDeviceID)
	}

	id.Manufacturer = firstField(id.Fields, "MFG", "MANUFACTURER")
	id.Model = firstField(id.Fields, "MDL", "MODEL")
	for _, c := range strings.Split(firstField(id.Fields, "CMD", "COMMAND SET"), ",") {
		if c = strings.TrimSpace(c); c != "" {
			id.Commands = append(id.Commands, c)
		}
	}
	return id, nil
}

// Languages returns the command languages the station speaks that the
// printer lists, TSPL first.
func (id DeviceID) Languages() []printer.Language {
	var tspl, escpos bool
	for _, c := range id.Commands {
		switch strings.ToUpper(strings.ReplaceAll(c, " ", "")) {
		case "TSPL", "TSPL2", "TSC":
			tspl = true
		case "ESC/POS", "ESCPOS", "ESC":
			escpos = true
		}
	}
	var langs []printer.Language
	if tspl {
		langs = append(langs, printer.TSPL)
	}
	if escpos {
		langs = append(langs, printer.ESCPOS)
	}
	return langs
}

func firstField(fields map[string]string, keys ...string) string {
	for _, k := range keys {
		if v, ok := fields[k]; ok {
			return v
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
