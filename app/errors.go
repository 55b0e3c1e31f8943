package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/store"
)

// Errors a caller can act on.
var (
	// ErrBatchRunning is returned by PrintBatch while another batch runs,
	// for example after a double click on the batch button.
	ErrBatchRunning = errors.New("a print batch is already running")
	// ErrUnknownCode is returned by Reprint for a code that is neither a
	// known waybill number nor a known order id.
	ErrUnknownCode = errors.New("unknown waybill number or order id")
	// ErrIntercepted is returned by Reprint when the parcel's order was
	// cancelled or has a refund request: the parcel must not ship.
	ErrIntercepted = errors.New("parcel intercepted: order cancelled or refund requested")
	// ErrNotPrinted is returned by Reprint for a parcel whose label was
	// never printed, so there is nothing to print again.
	ErrNotPrinted = errors.New("parcel has no printed label yet")
	// ErrSetAside is returned by Reprint for a parcel in the exception queue.
	ErrSetAside = errors.New("parcel is in the exception queue")
	// ErrNoPrinterForTemplate is returned by PrintBatch when labels of a
	// template are left because no ready printer takes that template.
	ErrNoPrinterForTemplate = errors.New("no ready printer takes these label templates")
	// ErrNothingSelected is returned for an action on selected orders when
	// none is selected.
	ErrNothingSelected = errors.New("no order is selected")
)

// MessageKey is a translation key of a message a packer sees, with the
// values its text refers to.
type MessageKey struct {
	Key  string
	Args map[string]any
}

// UserMessage returns the message a packer should read for err: what went
// wrong and what to do. The GUI and the command line translate the key with
// the files under assets/translations.
func UserMessage(err error) MessageKey {
	var apiErr *doudian.APIError
	switch {
	case err == nil:
		return MessageKey{Key: "msg.ok"}
	case errors.Is(err, context.Canceled):
		return MessageKey{Key: "err.stopped"}
	case errors.Is(err, store.ErrCorrupt):
		return MessageKey{Key: "err.store_corrupt"}
	case errors.Is(err, store.ErrLocked):
		return MessageKey{Key: "err.store_locked"}
	case errors.Is(err, ErrIncompleteSetup):
		return MessageKey{Key: "err.setup", Args: map[string]any{"Detail": err.Error()}}
	case errors.Is(err, ErrNoPrinterForTemplate):
		return MessageKey{Key: "err.no_printer_for_template", Args: map[string]any{"Detail": err.Error()}}
	case errors.Is(err, ErrNothingSelected):
		return MessageKey{Key: "err.nothing_selected"}
	case errors.Is(err, ErrStillInvalid):
		return MessageKey{Key: "err.still_invalid", Args: map[string]any{"Detail": err.Error()}}
	case errors.Is(err, ErrBatchRunning):
		return MessageKey{Key: "err.batch_running"}
	case errors.Is(err, ErrUnknownCode):
		return MessageKey{Key: "err.unknown_code"}
	case errors.Is(err, ErrIntercepted):
		return MessageKey{Key: "err.intercepted"}
	case errors.Is(err, ErrNotPrinted):
		return MessageKey{Key: "err.not_printed"}
	case errors.Is(err, ErrSetAside):
		return MessageKey{Key: "err.set_aside"}
	case errors.Is(err, doudian.ErrInsufficientBalance):
		return MessageKey{Key: "err.waybill_balance", Args: map[string]any{"Detail": err.Error()}}
	case isPrinterError(err):
		// The printer package names the fault and what to do about it.
		return MessageKey{Key: printer.MessageKeys(err)[0]}
	case errors.As(err, &apiErr) || doudian.IsRetryable(err) || errors.Is(err, doudian.ErrDecryptQuota) ||
		errors.Is(err, doudian.ErrNeedAuthorization) || errors.Is(err, doudian.ErrNoRefreshToken):
		// The shop client names each platform failure and what to do.
		return MessageKey{Key: doudian.UserMessageKey(err)}
	}
	return MessageKey{Key: "err.unexpected", Args: map[string]any{"Detail": err.Error()}}
}

// Set-aside reasons stored on parcels; each has a translation key
// "reason.<value>" and an action key "action.<value>".
const (
	ReasonAddressMissing  = "address_missing"
	ReasonWaybillRejected = "waybill_rejected"
	ReasonRefund          = "refund_requested"
	ReasonCancelled       = "order_cancelled"
	ReasonWriteBackFailed = "writeback_rejected"
	ReasonDecryptFailed   = "decrypt_failed"
)

func wrapParcel(id string, err error) error {
	return fmt.Errorf("parcel %s: %w", id, err)
}

func isPrinterError(err error) bool {
	var statusErr *printer.StatusError
	return errors.As(err, &statusErr) || errors.Is(err, printer.ErrUnreachable) ||
		errors.Is(err, printer.ErrTimeout) || errors.Is(err, printer.ErrBadStatusReply)
}

func fmtStateConflict(s store.State, change string) error {
	return fmt.Errorf("%w: %s from %s", store.ErrStateConflict, change, s)
}
