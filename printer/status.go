package printer

import (
	"fmt"
	"strings"
)

// Status is the one-byte reply of a TSPL printer to ESC ! ? (1B 21 3F).
// Each bit is one condition; 0x00 is ready.
type Status byte

// Status bits, as documented for TSC-compatible firmware.
const (
	StatusHeadOpen  Status = 1 << 0
	StatusPaperJam  Status = 1 << 1
	StatusPaperOut  Status = 1 << 2
	StatusRibbonOut Status = 1 << 3
	StatusPaused    Status = 1 << 4
	StatusPrinting  Status = 1 << 5
	StatusCoverOpen Status = 1 << 6
	StatusOverheat  Status = 1 << 7
)

// StatusReady is the reply of an idle printer without faults.
const StatusReady Status = 0

// QueryStatusCommand is the TSPL immediate command that requests the status
// byte. TSPL printers reply with one byte at once, even between labels.
var QueryStatusCommand = []byte{0x1B, '!', '?'}

var statusBits = []struct {
	bit  Status
	name string
	err  error
}{
	{StatusHeadOpen, "head open", ErrHeadOpen},
	{StatusPaperJam, "paper jam", ErrPaperJam},
	{StatusPaperOut, "paper out", ErrPaperOut},
	{StatusRibbonOut, "ribbon out", ErrRibbonOut},
	{StatusPaused, "paused", ErrPaused},
	{StatusPrinting, "printing", nil},
	{StatusCoverOpen, "cover open", ErrCoverOpen},
	{StatusOverheat, "overheat", ErrOverheat},
}

// String lists the conditions, for example "paper out, head open (0x05)".
func (s Status) String() string {
	if s == StatusReady {
		return "ready (0x00)"
	}

	var names []string
	for _, b := range statusBits {
		if s&b.bit != 0 {
			names = append(names, b.name)
		}
	}
	return fmt.Sprintf("%s (0x%02X)", strings.Join(names, ", "), byte(s))
}

// Faults returns the named error of every fault bit that is set. The
// printing bit is not a fault, so 0x00 and 0x20 return nil.
func (s Status) Faults() []error {
	var errs []error
	for _, b := range statusBits {
		if s&b.bit != 0 && b.err != nil {
			errs = append(errs, b.err)
		}
	}
	return errs
}

// Err returns nil when the printer can print, and a *StatusError otherwise.
func (s Status) Err() error {
	if len(s.Faults()) == 0 {
		return nil
	}
	return &StatusError{Status: s}
}

// StatusError is a status reply with at least one fault bit. It unwraps to
// the named fault errors, so errors.Is(err, ErrPaperOut) works on it.
//
// The printer has read the job when it sends this reply, so the job may be
// held in its buffer and print once the fault is cleared, or be lost,
// depending on the model. Check the printed labels before sending it again.
type StatusError struct {
	Status Status
}

// Error describes the faults, for example "printer status: paper out (0x04)".
func (e *StatusError) Error() string {
	return "printer status: " + e.Status.String()
}

// Unwrap returns the named fault errors for errors.Is.
func (e *StatusError) Unwrap() []error {
	return e.Status.Faults()
}
