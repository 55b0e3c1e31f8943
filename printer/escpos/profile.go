// Package escpos encodes a label.Label as an ESC/POS job for receipt printers
// and for the label printers that speak ESC/POS.
//
// In raster mode (the default) the whole label goes out as GS v 0 raster
// images drawn like the preview, in bands of at most Profile.BandRows rows,
// with runs of blank rows sent as ESC J paper feeds. In native mode a
// barcode, QR code or text line that shares its rows with no other item goes
// out as the printer's own command instead: GS k 73 CODE128 with code sets
// {B and {C, GS ( k QR, and text in Chinese mode (FS & … FS .) in the
// profile's code page. Everything else stays raster.
//
// Order text never reaches the printer as command bytes: raster pixels carry
// it in raster mode, and in native mode it is sanitized by label.Sanitize and
// encoded in GB2312, GBK or GB18030 two-byte codes, whose bytes are all 0x20
// or above, so no ESC, GS, FS, LF or NUL can appear inside it.
package escpos

import (
	"errors"
	"fmt"
)

// Print modes accepted in Profile.Mode.
const (
	ModeRaster = "raster"
	ModeNative = "native"
)

// Code pages accepted in Profile.Encoding for Chinese-mode text.
const (
	EncodingGBK     = "gbk"
	EncodingGB2312  = "gb2312"
	EncodingGB18030 = "gb18030"
)

// DefaultBandRows is the height of one GS v 0 image when the profile leaves
// BandRows at zero. Printers with small receive buffers garble tall images;
// 256 rows of an 80 mm head are 18 KB.
const DefaultBandRows = 256

// maxBandRows caps BandRows below the 4095-row limit of GS v 0's yL yH.
const maxBandRows = 2048

// Profile is the setup of one ESC/POS printer. Zero fields take the
// defaults listed on each field.
type Profile struct {
	DPI      int    // 203 (default) or 300
	Mode     string // "raster" (default) or "native"
	Encoding string // Chinese-mode code page in native mode: "gbk" (default), "gb2312" or "gb18030" (two-byte codes only)
	BandRows int    // rows per GS v 0 image, default DefaultBandRows

	// InvertRaster sends raster bits with 0 = black, for clones whose
	// polarity is the reverse of ESC/POS's 1 = black.
	InvertRaster bool
	// Cut ends the job with GS V 1, a partial cut, for printers with a cutter.
	Cut bool
}

// Errors returned by Encode.
var (
	ErrUnsupportedDPI      = errors.New("unsupported printer resolution: use 203 or 300 dpi")
	ErrUnsupportedEncoding = errors.New("unsupported Chinese-mode encoding: use gbk, gb2312 or gb18030")
	ErrInvalidProfile      = errors.New("invalid ESC/POS printer profile")
	// ErrInvalidBarcode means CODE128 content has a character outside
	// printable ASCII or is too long for GS k's one-byte length.
	ErrInvalidBarcode = errors.New("invalid CODE128 content for ESC/POS")
	// ErrQRTooLong means the QR content exceeds what GS ( k can store.
	ErrQRTooLong = errors.New("QR content too long for ESC/POS")
)

func (p Profile) withDefaults() (Profile, error) {
	if p.DPI == 0 {
		p.DPI = 203
	}
	if p.DPI != 203 && p.DPI != 300 {
		return p, fmt.Errorf("profile dpi %d: %w", p.DPI, ErrUnsupportedDPI)
	}
	if p.Mode == "" {
		p.Mode = ModeRaster
	}
	if p.Mode != ModeRaster && p.Mode != ModeNative {
		return p, fmt.Errorf("%w: mode %q is not raster or native", ErrInvalidProfile, p.Mode)
	}
	if p.Encoding == "" {
		p.Encoding = EncodingGBK
	}
	switch p.Encoding {
	case EncodingGBK, EncodingGB2312, EncodingGB18030:
	default:
		return p, fmt.Errorf("profile encoding %q: %w", p.Encoding, ErrUnsupportedEncoding)
	}
	if p.BandRows == 0 {
		p.BandRows = DefaultBandRows
	}
	if p.BandRows < 8 || p.BandRows > maxBandRows {
		return p, fmt.Errorf("%w: band of %d rows is outside 8–%d", ErrInvalidProfile, p.BandRows, maxBandRows)
	}
	return p, nil
}
