//go:build cgo

package usb

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/gousb"

	"github.com/printstation/printstation/printer"
)

// classify wraps a gousb error with the named errors a caller acts on. For
// permission and busy errors, which users hit when setting up, the message
// also tells what to do next.
func classify(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			return fmt.Errorf("%s: %w: %w", op, printer.ErrTimeout, ctxErr)
		}
		return fmt.Errorf("%s: %w", op, ctxErr)
	}

	if status, ok := transferStatus(err); ok {
		switch status {
		case gousb.TransferTimedOut:
			return fmt.Errorf("%s: %w: %w", op, printer.ErrTimeout, err)
		case gousb.TransferStall:
			return fmt.Errorf("%s: %w: %w", op, ErrStalled, err)
		case gousb.TransferNoDevice:
			return fmt.Errorf("%s: printer was unplugged: %w: %w", op, printer.ErrUnreachable, err)
		}
		return fmt.Errorf("%s: %w: %w", op, printer.ErrUnreachable, err)
	}

	code, ok := libusbCode(err)
	if !ok {
		return fmt.Errorf("%s: %w", op, err)
	}
	switch code {
	case gousb.ErrorAccess:
		return fmt.Errorf("%s: no write access to the USB device; add a udev rule that gives the user access "+
			"(for example MODE=\"0666\" for this vendor and product ID) and replug the printer: %w: %w",
			op, ErrPermission, err)
	case gousb.ErrorBusy:
		return fmt.Errorf("%s: the interface is held by another driver or program; the kernel's usblp driver "+
			"could not be detached, so close other printing software or blacklist usblp: %w: %w",
			op, ErrBusy, err)
	case gousb.ErrorTimeout:
		return fmt.Errorf("%s: %w: %w", op, printer.ErrTimeout, err)
	case gousb.ErrorPipe:
		return fmt.Errorf("%s: %w: %w", op, ErrStalled, err)
	case gousb.ErrorNoDevice:
		return fmt.Errorf("%s: printer was unplugged: %w: %w", op, printer.ErrUnreachable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
