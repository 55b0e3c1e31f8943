//go:build !windows

package winspool

import (
	"fmt"

	"github.com/printstation/printstation/printer"
)

func open(name string) (printer.Transport, error) {
	return nil, fmt.Errorf("open printer %q: %w", name, ErrUnsupported)
}
