package winspool

import (
	"errors"
	"fmt"
	"strings"

	"github.com/printstation/printstation/printer"
)

// ErrUnsupported is returned outside Windows.
var ErrUnsupported = errors.New("winspool: printers of the Windows spooler exist only on Windows")

// Scheme is the address prefix: "winspool:PRINTER NAME".
const Scheme = "winspool"

func init() {
	printer.RegisterScheme(Scheme, func(addr string) (printer.Transport, error) {
		name, err := ParseAddress(addr)
		if err != nil {
			return nil, err
		}
		return open(name)
	})
}

// ParseAddress returns the printer name of "winspool:NAME" (also accepted
// as "winspool://NAME"). The error wraps printer.ErrBadAddress.
func ParseAddress(addr string) (string, error) {
	rest, ok := strings.CutPrefix(addr, Scheme+":")
	if !ok {
		return "", fmt.Errorf("parse %q: want winspool:PRINTER NAME: %w", addr, printer.ErrBadAddress)
	}
	name := strings.TrimSpace(strings.TrimPrefix(rest, "//"))
	if name == "" {
		return "", fmt.Errorf("parse %q: missing printer name: %w", addr, printer.ErrBadAddress)
	}
	return name, nil
}
