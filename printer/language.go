package printer

import (
	"fmt"
	"strings"
)

// Language is the command language of a printer.
type Language string

// Languages the station encodes jobs and queries status in.
const (
	// TSPL is the label language of TSC, Gprinter, Xprinter, HPRT and most
	// Chinese label printers. Status query: ESC ! ?.
	TSPL Language = "tspl"
	// ESCPOS is the receipt printer language that some label printers also
	// speak. Status query: DLE EOT 1, 2 and 4.
	ESCPOS Language = "escpos"
)

// ParseLanguage reads a language name as a profile or an address writes
// it: "tspl", "escpos" or "esc/pos", in any case. The empty string is TSPL.
func ParseLanguage(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "tspl", "tspl2":
		return TSPL, nil
	case "escpos", "esc/pos", "esc-pos":
		return ESCPOS, nil
	}
	return "", fmt.Errorf("printer language %q: use tspl or escpos: %w", s, ErrBadAddress)
}

// statusQuery returns the bytes that request the status and the length of
// the reply.
func (l Language) statusQuery() ([]byte, int) {
	if l == ESCPOS {
		return QueryStatusESCPOS, 3
	}
	return QueryStatusCommand, 1
}

// decodeStatus turns the reply to statusQuery into a Status.
func (l Language) decodeStatus(reply []byte) (Status, error) {
	if l == ESCPOS {
		return DecodeESCPOS(reply[0], reply[1], reply[2])
	}
	return Status(reply[0]), nil
}
