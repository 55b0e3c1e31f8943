package escpos

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/printstation/printstation/printer/label"
)

// yen is U+00A5, which GB18030 encodes in four bytes that GBK firmware prints
// as junk; fullWidthYen (A3A4 in GB2312) is sent in its place, at the same
// full-cell width in label's metrics.
const (
	yen          = '\u00A5'
	fullWidthYen = '\uFFE5'
)

// codePage encodes text for the printer's Chinese mode.
type codePage struct {
	gb2312Only bool
	encoder    *encoding.Encoder
}

func newCodePage(name string) codePage {
	if name == EncodingGB18030 {
		return codePage{encoder: simplifiedchinese.GB18030.NewEncoder()}
	}
	return codePage{gb2312Only: name == EncodingGB2312, encoder: simplifiedchinese.GBK.NewEncoder()}
}

// encode returns the Chinese-mode bytes of s, or false when a character has
// no one- or two-byte code the printer's font shows. ASCII control
// characters are refused as well, although label.Sanitize has already turned
// them into spaces.
func (c codePage) encode(dst []byte, s string) ([]byte, bool) {
	var in [utf8.UTFMax]byte
	var out [8]byte
	for _, r := range s {
		if r == yen {
			r = fullWidthYen
		}
		if r < utf8.RuneSelf {
			if r < 0x20 || r == 0x7F {
				return dst, false
			}
			dst = append(dst, byte(r))
			continue
		}
		n := utf8.EncodeRune(in[:], r)
		written, _, err := c.encoder.Transform(out[:], in[:n], true)
		c.encoder.Reset()
		if err != nil || written != 2 {
			return dst, false
		}
		lead, trail := out[0], out[1]
		if c.gb2312Only && (lead < 0xA1 || lead > 0xF7 || (lead >= 0xAA && lead <= 0xAF) || trail < 0xA1 || trail > 0xFE) {
			return dst, false
		}
		dst = append(dst, lead, trail)
	}
	return dst, true
}

// maxTextMultiplier is the largest character size GS ! selects.
const maxTextMultiplier = 8

// nativeText appends a text line in Chinese mode at its dot position, or
// reports false when the line cannot go out as text. The line spacing is set
// to the cell height so the LF that ends the line moves the paper exactly
// one cell, as the layout placed it.
func (e *encoder) nativeText(line label.PlacedLine) bool {
	if line.Mul < 1 || line.Mul > maxTextMultiplier {
		return false
	}
	content, ok := e.codePage.encode(e.scratch[:0], label.Sanitize(line.Text))
	e.scratch = content
	if !ok {
		return false
	}

	size := byte(line.Mul-1)<<4 | byte(line.Mul-1)
	bold := byte(0)
	if line.Bold {
		bold = 1
	}
	// NOTE: ESC $ counts in the printer's horizontal motion unit, taken here
	// to be one dot, the default of the 203 dpi printers documented.
	e.buf = append(e.buf,
		esc, '3', byte(label.CellDots*line.Mul), // line spacing in dots
		esc, '$', byte(line.X), byte(line.X>>8), // absolute position
		gs, '!', size,
		esc, 'E', bold,
		fs, '&',
	)
	e.buf = append(e.buf, content...)
	e.buf = append(e.buf, fs, '.', lf)
	return true
}
