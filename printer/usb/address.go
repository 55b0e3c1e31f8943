package usb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/printstation/printstation/printer"
)

// ParseAddress splits "usb://VID:PID[/serial]" into its parts. The error
// wraps printer.ErrBadAddress.
func ParseAddress(addr string) (vid, pid uint16, serial string, err error) {
	rest, ok := strings.CutPrefix(addr, "usb://")
	if !ok {
		return 0, 0, "", fmt.Errorf("parse %q: want usb://VID:PID[/serial]: %w", addr, printer.ErrBadAddress)
	}
	ids, serial, _ := strings.Cut(rest, "/")
	vidText, pidText, ok := strings.Cut(ids, ":")
	if !ok {
		return 0, 0, "", fmt.Errorf("parse %q: want usb://VID:PID[/serial]: %w", addr, printer.ErrBadAddress)
	}

	v, errV := strconv.ParseUint(vidText, 16, 16)
	p, errP := strconv.ParseUint(pidText, 16, 16)
	if errV != nil || errP != nil {
		return 0, 0, "", fmt.Errorf("parse %q: vendor and product ID must be 4 hex digits each: %w", addr, printer.ErrBadAddress)
	}
	return uint16(v), uint16(p), serial, nil
}
