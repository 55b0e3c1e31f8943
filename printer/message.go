package printer

import (
	"errors"
)

// Translation keys of the messages about a printer that a packer sees, in
// assets/translations/printer.<lang>.json. Each message says what to do.
// The keys of the single status conditions come from Status.Keys.
const (
	KeyUnreachable    = "printer.fault.unreachable"
	KeyTimeout        = "printer.fault.timeout"
	KeyConnectionLost = "printer.fault.connection_lost"
	KeyWrongLanguage  = "printer.fault.wrong_language"
	KeyOther          = "printer.fault.other"
	// KeyUnknownFate asks the packer whether the label {{.Job}} came out.
	KeyUnknownFate = "printer.unknown_fate"
)

// MessageKeys returns the translation keys of the messages that explain err
// to a packer, most important first: one per fault of a *StatusError, or one
// for a connection problem. It returns nil for a nil error. A connection
// error that sent part of a job gets KeyConnectionLost, because the packer
// must then check the printed labels.
func MessageKeys(err error) []string {
	if err == nil {
		return nil
	}

	var statusErr *StatusError
	if errors.As(err, &statusErr) {
		if keys := statusErr.Status.Keys(); len(keys) > 0 {
			return keys
		}
	}

	switch {
	case errors.Is(err, ErrBadStatusReply):
		return []string{KeyWrongLanguage}
	case errors.Is(err, ErrTimeout) && errors.Is(err, ErrNothingSent):
		return []string{KeyUnreachable}
	case errors.Is(err, ErrTimeout):
		return []string{KeyTimeout}
	case errors.Is(err, ErrUnreachable) && errors.Is(err, ErrNothingSent):
		return []string{KeyUnreachable}
	case errors.Is(err, ErrUnreachable):
		return []string{KeyConnectionLost}
	}
	return []string{KeyOther}
}
