package printer

import "errors"

// Errors about reaching the printer. Send wraps them with the address and the
// underlying network error.
var (
	// ErrUnreachable is returned when the printer cannot be reached or drops
	// the connection: connection refused or reset, no route to the host, or
	// the printer closing the connection before it replied.
	ErrUnreachable = errors.New("printer: unreachable")
	// ErrTimeout is returned when connecting, writing or waiting for the
	// status reply takes longer than the transport's timeout.
	ErrTimeout = errors.New("printer: timed out")
	// ErrBadAddress is returned by Open for an address it cannot parse or
	// whose scheme has no registered transport.
	ErrBadAddress = errors.New("printer: invalid address")
	// ErrEmptyJob is returned by Send for a job without data.
	ErrEmptyJob = errors.New("printer: job has no data")
	// ErrClosed is returned by Send after Close.
	ErrClosed = errors.New("printer: transport is closed")
	// ErrNothingSent is wrapped, next to ErrUnreachable or ErrTimeout, by a
	// Send that failed before any byte of the job left this computer: the
	// printer could not be reached, or the device could not be opened. Such
	// a job can be sent again without risk of a second label. Without it,
	// a failed Send may have printed the label.
	ErrNothingSent = errors.New("printer: nothing was sent")
	// ErrBadStatusReply is returned when the printer replied to a status
	// query with bytes that are no status reply. A printer that speaks
	// another language than the one configured does this.
	ErrBadStatusReply = errors.New("printer: invalid status reply")
)

// Printer faults, each one bit of Status. A *StatusError returned by Send
// wraps one of them for each bit that is set.
var (
	ErrHeadOpen  = errors.New("printer: print head open")
	ErrPaperJam  = errors.New("printer: paper jam")
	ErrPaperOut  = errors.New("printer: paper out")
	ErrRibbonOut = errors.New("printer: ribbon out")
	ErrPaused    = errors.New("printer: paused")
	ErrCoverOpen = errors.New("printer: cover open")
	ErrOverheat  = errors.New("printer: print head too hot")
	// ErrOffline is an ESC/POS printer that reports itself offline for no
	// other reported reason.
	ErrOffline = errors.New("printer: offline")
	// ErrMechanical is the ESC/POS "error occurred" bit, such as a cutter
	// jam, which needs the printer switched off and on.
	ErrMechanical = errors.New("printer: mechanical error")
)
