package escpos

import (
	"fmt"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/printstation/printstation/printer/preview"
)

// selfTestSamples are the Chinese self-test lines: GBK 堃 and 喆 are outside
// GB2312 and GB18030 sends ¥ (U+00A5) as a four-byte code, so the line that prints
// whole names the code page the printer's Chinese mode takes. The UTF-8 line
// goes out without Chinese mode.
var selfTestSamples = []struct{ Encoding, Text string }{
	{EncodingGB2312, "中文打印测试 电子面单"},
	{EncodingGBK, "中文打印测试 堃喆"},
	{EncodingGB18030, "中文打印测试 ¥"},
	{"utf-8", "中文打印测试 UTF-8"},
}

// SelfTest returns an ESC/POS job that prints one line per code page, named
// in ASCII, and two polarity squares: A sent with 1 = black as ESC/POS
// specifies, B inverted. The packer keeps the code page whose line reads
// correctly and the square that prints black with a white "OK".
func SelfTest(p Profile) ([]byte, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	e := encoder{profile: p}
	e.buf = append(e.buf, esc, '@', esc, '3', 30)
	e.buf = fmt.Appendf(e.buf, "PRINTSTATION SELF-TEST %d DPI\nPROFILE: %s, INVERT %t\n", p.DPI, p.Encoding, p.InvertRaster)

	for _, sample := range selfTestSamples {
		e.buf = fmt.Appendf(e.buf, "%s: ", sample.Encoding)
		switch sample.Encoding {
		case "utf-8":
			e.buf = append(e.buf, sample.Text...)
		default:
			encoder := simplifiedchinese.GBK.NewEncoder()
			if sample.Encoding == EncodingGB18030 {
				encoder = simplifiedchinese.GB18030.NewEncoder()
			}
			encoded, err := encoder.Bytes([]byte(sample.Text))
			if err != nil {
				return nil, fmt.Errorf("self-test %s line: %w", sample.Encoding, err)
			}
			e.buf = append(e.buf, fs, '&')
			e.buf = append(e.buf, encoded...)
			e.buf = append(e.buf, fs, '.')
		}
		e.buf = append(e.buf, lf)
	}

	dotsPerMM := 8
	if p.DPI == 300 {
		dotsPerMM = 12
	}
	square := preview.PolaritySample(16 * dotsPerMM)
	for i, invert := range []bool{false, true} {
		e.buf = fmt.Appendf(e.buf, "%c:\n", 'A'+i)
		e.profile.InvertRaster = invert
		e.raster(square, 0, square.Rect.Dy())
		e.buf = append(e.buf, lf)
	}
	e.buf = append(e.buf, "KEEP THE BLACK SQUARE WITH WHITE OK\nA: INVERT FALSE   B: INVERT TRUE\n"...)
	e.feed(3 * dotsPerMM)
	if p.Cut {
		e.buf = append(e.buf, gs, 'V', 1)
	}
	return e.buf, nil
}
