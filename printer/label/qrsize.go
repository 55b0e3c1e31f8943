package label

import (
	"fmt"
	"strings"
	"sync"

	"github.com/boombuler/barcode/qr"
)

// qrSizeKey is what decides a QR symbol's version at a fixed error correction
// level: the encoding mode and the length of the content.
type qrSizeKey struct {
	mode   qr.Encoding
	length int
}

// qrSizes caches symbol widths in modules. Encoding a whole symbol costs about
// a millisecond (mask selection), while a batch of waybills has a handful of
// distinct number lengths.
var qrSizes sync.Map // qrSizeKey → int

// qrModules returns the width in modules of the QR symbol of content at
// error correction M in automatic mode, as github.com/boombuler/barcode/qr
// encodes it.
func qrModules(content string) (int, error) {
	key := qrSizeKey{qrMode(content), len(content)}
	if modules, ok := qrSizes.Load(key); ok {
		return modules.(int), nil
	}
	symbol, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrInvalidQRCode, err)
	}
	modules := symbol.Bounds().Dx()
	qrSizes.Store(key, modules)
	return modules, nil
}

// qrMode returns the mode qr.Auto picks: numeric, then alphanumeric, then bytes.
func qrMode(content string) qr.Encoding {
	numeric, alphanumeric := true, true
	for _, r := range content {
		if r < '0' || r > '9' {
			numeric = false
		}
		if !strings.ContainsRune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", r) {
			alphanumeric = false
		}
	}
	switch {
	case numeric:
		return qr.Numeric
	case alphanumeric:
		return qr.AlphaNumeric
	}
	return qr.Unicode
}
