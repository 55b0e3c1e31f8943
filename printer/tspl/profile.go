// Package tspl encodes a label.Label as a TSPL/TSPL2 print job for TSC,
// Gprinter, Xprinter, HPRT and the other printers that speak TSPL.
//
// Every command is one line ended by CR LF. Text goes out as TEXT in the resident
// simplified-Chinese font TSS24.BF2, encoded in the profile's code page. Order
// text passes through label.Sanitize, so it can neither close a quoted string
// nor start a command. Characters the printer cannot show go out as a BITMAP drawn
// by a Rasterizer, or as "□" when there is none.
//
// In bitmap mode (Profile.Mode) the whole label goes out as one BITMAP drawn
// like the preview, in the profile's polarity, for printers whose resident
// font or code page cannot be trusted. SelfTest prints a label that shows
// which code page and which bitmap polarity a printer needs.
package tspl

import (
	"errors"
	"fmt"
	"image"
)

// Code pages accepted in Profile.Encoding.
const (
	EncodingGB18030 = "gb18030"
	EncodingGBK     = "gbk"
	EncodingGB2312  = "gb2312"
	EncodingUTF8    = "utf-8"
)

// Rasterizer draws a run of text that the printer's font cannot show, in the
// cell metrics of package label: heightDots high, each ASCII character
// heightDots/2 wide and every other character heightDots wide, plus one dot
// when bold. Black is 0, white 255.
type Rasterizer interface {
	RasterizeRun(s string, heightDots int, bold bool) (*image.Gray, error)
}

// Print modes accepted in Profile.Mode.
const (
	// ModeText sends text as TEXT in the resident font and barcodes and QR
	// codes as native commands: a few kilobytes per label.
	ModeText = "text"
	// ModeBitmap sends the whole label as one BITMAP drawn like the preview,
	// for printers without TSS24.BF2 or whose firmware garbles Chinese text.
	ModeBitmap = "bitmap"
)

// Profile is the setup of one printer model. Zero fields take the defaults
// listed on each field.
type Profile struct {
	DPI       int     // 203 (default) or 300
	Encoding  string  // text code page: "gb18030" (default), "gbk", "gb2312" or "utf-8"
	GapMM     float64 // gap between labels in millimetres, default 2
	Density   int     // print darkness 1–15, default 8; NOTE: 0, the lightest, cannot be chosen
	Speed     float64 // inches per second, default 4
	Direction int     // 0 or 1, the TSPL DIRECTION
	Mode      string  // "text" (default) or "bitmap"

	// InvertBitmap sends BITMAP with 1 = black for the clones that have the
	// polarity of ESC/POS; TSPL itself burns a dot for a 0 bit.
	InvertBitmap bool
	// Rasterizer draws characters the code page or font cannot show; nil prints
	// "□" in their place.
	Rasterizer Rasterizer
}

// Errors returned by Encode.
var (
	ErrUnsupportedDPI      = errors.New("unsupported printer resolution: use 203 or 300 dpi")
	ErrUnsupportedEncoding = errors.New("unsupported text encoding: use gb18030, gbk, gb2312 or utf-8")
	ErrInvalidProfile      = errors.New("invalid printer profile")
	// ErrUnsafeContent means barcode or QR content holds a '"' or a control
	// character, which would end the quoted string or the command line.
	ErrUnsafeContent = errors.New("barcode content cannot be quoted safely")
)

// withDefaults returns p with zero fields set to their defaults, or an error
// naming the first invalid field.
func (p Profile) withDefaults() (Profile, error) {
	if p.DPI == 0 {
		p.DPI = 203
	}
	if p.DPI != 203 && p.DPI != 300 {
		return p, fmt.Errorf("profile dpi %d: %w", p.DPI, ErrUnsupportedDPI)
	}
	if p.Encoding == "" {
		p.Encoding = EncodingGB18030
	}
	switch p.Encoding {
	case EncodingGB18030, EncodingGBK, EncodingGB2312, EncodingUTF8:
	default:
		return p, fmt.Errorf("profile encoding %q: %w", p.Encoding, ErrUnsupportedEncoding)
	}
	if p.Mode == "" {
		p.Mode = ModeText
	}
	if p.Mode != ModeText && p.Mode != ModeBitmap {
		return p, fmt.Errorf("%w: mode %q is not text or bitmap", ErrInvalidProfile, p.Mode)
	}
	if p.GapMM == 0 {
		p.GapMM = 2
	}
	if p.Density == 0 {
		p.Density = 8
	}
	if p.Speed == 0 {
		p.Speed = 4
	}
	switch {
	case p.GapMM < 0:
		return p, fmt.Errorf("%w: gap %g mm is negative", ErrInvalidProfile, p.GapMM)
	case p.Density < 0 || p.Density > 15:
		return p, fmt.Errorf("%w: density %d is outside 1–15", ErrInvalidProfile, p.Density)
	case p.Speed < 0:
		return p, fmt.Errorf("%w: speed %g ips is negative", ErrInvalidProfile, p.Speed)
	case p.Direction != 0 && p.Direction != 1:
		return p, fmt.Errorf("%w: direction %d is not 0 or 1", ErrInvalidProfile, p.Direction)
	}
	return p, nil
}
