package tspl

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Placeholder replaces a character the printer cannot show when no Rasterizer
// is set. It is in GB2312 (A1F5) and full width, as wide as what it replaces.
const Placeholder = '□'

// codePage encodes single characters for the printer and reports which ones
// its resident font can show.
type codePage struct {
	name    string
	encoder *encoding.Encoder
}

func newCodePage(name string) codePage {
	switch name {
	case EncodingGB2312, EncodingGBK:
		return codePage{name, simplifiedchinese.GBK.NewEncoder()}
	case EncodingGB18030:
		return codePage{name, simplifiedchinese.GB18030.NewEncoder()}
	}
	return codePage{name: name}
}

// appendRune appends the printer bytes of r to dst, or reports false when the
// printer cannot show r:
//   - gb2312 and gbk: TSS24.BF2 holds the GB2312 repertoire, so only ASCII and
//     two-byte codes with both bytes in A1–FE, lead byte outside the empty rows AA–AF;
//   - gb18030: one- and two-byte codes, because four-byte sequences are not
//     documented to work on printers (U+00A5 ¥ is one of them);
//   - utf-8: characters of the Basic Multilingual Plane, because no printer font
//     is known to carry emoji.
func (c codePage) appendRune(dst []byte, r rune) ([]byte, bool) {
	if r < utf8.RuneSelf {
		return append(dst, byte(r)), true
	}
	if r == utf8.RuneError {
		return dst, false
	}
	if c.encoder == nil {
		if r > 0xFFFF {
			return dst, false
		}
		return utf8.AppendRune(dst, r), true
	}

	var in [utf8.UTFMax]byte
	var out [8]byte
	n := utf8.EncodeRune(in[:], r)
	written, _, err := c.encoder.Transform(out[:], in[:n], true)
	c.encoder.Reset()
	if err != nil || written != 2 {
		return dst, false
	}
	if c.name != EncodingGB18030 {
		lead, trail := out[0], out[1]
		if lead < 0xA1 || lead > 0xF7 || (lead >= 0xAA && lead <= 0xAF) || trail < 0xA1 || trail > 0xFE {
			return dst, false
		}
	}
	return append(dst, out[:2]...), true
}
