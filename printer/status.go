package printer

import (
	"fmt"
	"strings"
)

// Status is a printer's condition as a set of bits. The low byte is the
// one-byte reply of a TSPL printer to ESC ! ? (1B 21 3F), unchanged, so
// Status(reply) decodes it. The high byte holds conditions that only ESC/POS
// printers report (DecodeESCPOS). 0 is ready.
type Status uint16

// Status bits. Bits 0 to 7 are the TSPL status byte of TSC-compatible
// firmware.
const (
	StatusHeadOpen  Status = 1 << 0
	StatusPaperJam  Status = 1 << 1
	StatusPaperOut  Status = 1 << 2
	StatusRibbonOut Status = 1 << 3
	StatusPaused    Status = 1 << 4
	StatusPrinting  Status = 1 << 5
	StatusCoverOpen Status = 1 << 6
	StatusOverheat  Status = 1 << 7

	// StatusOffline is an ESC/POS printer that reports itself offline
	// without a more precise cause.
	StatusOffline Status = 1 << 8
	// StatusPaperNearEnd is a warning, not a fault: the roll is nearly
	// used up but the printer still prints.
	StatusPaperNearEnd Status = 1 << 9
	// StatusMechanical is the ESC/POS "error occurred" bit: a cutter jam or
	// another mechanical error that needs the printer switched off and on.
	StatusMechanical Status = 1 << 10
)

// StatusReady is the reply of an idle printer without faults.
const StatusReady Status = 0

// QueryStatusCommand is the TSPL immediate command that requests the status
// byte. TSPL printers reply with one byte at once, even between labels.
var QueryStatusCommand = []byte{0x1B, '!', '?'}

// QueryStatusESCPOS requests the three ESC/POS status bytes: DLE EOT 1
// (printer status), DLE EOT 2 (offline cause) and DLE EOT 4 (paper roll
// sensor). The printer replies with one byte to each, in order.
var QueryStatusESCPOS = []byte{0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04}

// statusBits describes every bit: its name in String, the named error it
// wraps in a *StatusError (nil for bits that are no fault), and the
// translation key of the message a packer sees.
var statusBits = []struct {
	bit  Status
	name string
	err  error
	key  string
}{
	{StatusHeadOpen, "head open", ErrHeadOpen, "printer.fault.head_open"},
	{StatusPaperJam, "paper jam", ErrPaperJam, "printer.fault.paper_jam"},
	{StatusPaperOut, "paper out", ErrPaperOut, "printer.fault.paper_out"},
	{StatusRibbonOut, "ribbon out", ErrRibbonOut, "printer.fault.ribbon_out"},
	{StatusPaused, "paused", ErrPaused, "printer.fault.paused"},
	{StatusPrinting, "printing", nil, ""},
	{StatusCoverOpen, "cover open", ErrCoverOpen, "printer.fault.cover_open"},
	{StatusOverheat, "overheat", ErrOverheat, "printer.fault.overheat"},
	{StatusOffline, "offline", ErrOffline, "printer.fault.offline"},
	{StatusPaperNearEnd, "paper near end", nil, "printer.warning.paper_near_end"},
	{StatusMechanical, "mechanical error", ErrMechanical, "printer.fault.error"},
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
	if s > 0xFF {
		return fmt.Sprintf("%s (0x%04X)", strings.Join(names, ", "), uint16(s))
	}
	return fmt.Sprintf("%s (0x%02X)", strings.Join(names, ", "), uint16(s))
}

// Faults returns the named error of every fault bit that is set. Printing
// and paper near end are no faults, so 0x00 and 0x20 return nil.
func (s Status) Faults() []error {
	var errs []error
	for _, b := range statusBits {
		if s&b.bit != 0 && b.err != nil {
			errs = append(errs, b.err)
		}
	}
	return errs
}

// Keys returns the translation key of every condition that is set and that
// a packer should see: the faults, then the paper-near-end warning.
func (s Status) Keys() []string {
	var keys []string
	for _, b := range statusBits {
		if s&b.bit != 0 && b.key != "" {
			keys = append(keys, b.key)
		}
	}
	return keys
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

// ESC/POS status bytes have the fixed form 0xx1xx10: bit 1 and bit 4 set,
// bits 0 and 7 clear. A byte of another form is no status reply.
const (
	escposFixedMask  = 0b1001_0011
	escposFixedValue = 0b0001_0010
)

// DecodeESCPOS decodes the replies to DLE EOT 1, 2 and 4 (QueryStatusESCPOS)
// into a Status, following the Epson ESC/POS command reference:
//
//   - DLE EOT 1, bit 3: offline.
//   - DLE EOT 2, bit 2: cover open; bit 5: printing stopped at paper end;
//     bit 6: an error occurred.
//   - DLE EOT 4, bits 2 and 3: paper near end; bits 5 and 6: paper out.
//
// So 0x12 in every byte is ready, 0x1E from DLE EOT 4 is near end and 0x72
// is paper out. Offline is reported only when no other bit explains it. A
// byte without the fixed bits of a status reply returns an error wrapping
// ErrBadStatusReply.
func DecodeESCPOS(printerStatus, offlineCause, paperSensor byte) (Status, error) {
	for i, b := range []byte{printerStatus, offlineCause, paperSensor} {
		if b&escposFixedMask != escposFixedValue {
			return 0, fmt.Errorf("ESC/POS status byte %d is 0x%02X, not of the form 0xx1xx10: %w", i+1, b, ErrBadStatusReply)
		}
	}

	var s Status
	if offlineCause&(1<<2) != 0 {
		s |= StatusCoverOpen
	}
	if offlineCause&(1<<5) != 0 || paperSensor&(0b11<<5) != 0 {
		s |= StatusPaperOut
	}
	if offlineCause&(1<<6) != 0 {
		s |= StatusMechanical
	}
	if paperSensor&(0b11<<2) != 0 {
		s |= StatusPaperNearEnd
	}
	if printerStatus&(1<<3) != 0 && len(s.Faults()) == 0 {
		s |= StatusOffline
	}
	return s, nil
}
