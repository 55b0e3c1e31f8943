package tspl

import (
	"bytes"
	"fmt"
	"strconv"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

// SelfTestSample is the Chinese text of a self-test line plus, per encoding,
// characters only that encoding has: GBK 堃 and 喆 are outside GB2312, and
// GB18030 sends ¥ (U+00A5) as a four-byte code. The line that prints all of it
// correctly names the encoding the printer takes.
var SelfTestSample = []struct{ Encoding, Text string }{
	{EncodingGB2312, "中文打印测试 电子面单"},
	{EncodingGBK, "中文打印测试 堃喆"},
	{EncodingGB18030, "中文打印测试 ¥"},
	{EncodingUTF8, "中文打印测试 UTF-8"},
}

// selfTestFont is a resident ASCII font (16×24 dots at 203 dpi), used for
// the captions so they print whatever code page the printer expects.
const selfTestFont = "3"

// SelfTest returns a TSPL job that prints a 76×80 mm test label: one line per
// code page with its name in an ASCII font and the same Chinese text encoded
// in it, then two polarity squares, A sent as TSPL (0 = black) and B
// inverted. The packer keeps the encoding whose line reads correctly and the
// square that prints black with a white "OK". The profile's DPI, gap,
// density, speed and direction apply; its Encoding and InvertBitmap are what
// the label tests, so they are only named on it.
func SelfTest(p Profile) ([]byte, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	dotsPerMM, err := label.DotsPerMM(p.DPI)
	if err != nil {
		return nil, err
	}
	dots := func(mm float64) int { return int(mm * float64(dotsPerMM)) }

	e := encoder{profile: p}
	e.header(label.Label{Width: 76, Height: 80})
	e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"PRINTSTATION SELF-TEST %d DPI"`, dots(2), dots(2), selfTestFont, p.DPI))
	e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"PROFILE: %s, INVERT %s"`, dots(2), dots(7), selfTestFont, p.Encoding, strconv.FormatBool(p.InvertBitmap)))

	for i, sample := range SelfTestSample {
		y := dots(14 + float64(i)*7)
		encoded, err := encodeWhole(sample.Encoding, sample.Text)
		if err != nil {
			return nil, fmt.Errorf("self-test %s line: %w", sample.Encoding, err)
		}
		e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"%s:"`, dots(2), y, selfTestFont, sample.Encoding))
		e.textCommand(dots(22), y, 1, encoded)
	}

	square := preview.PolaritySample(dots(16))
	y := dots(46)
	for i, invert := range []bool{false, true} {
		x := dots(4 + float64(i)*36)
		e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"%c"`, x, y, selfTestFont, 'A'+i))
		e.profile.InvertBitmap = invert
		e.bitmap(x+dots(5), y, square)
	}
	e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"KEEP THE BLACK SQUARE WITH WHITE OK"`, dots(2), dots(66), selfTestFont))
	e.line(fmt.Sprintf(`TEXT %d,%d,"%s",0,1,1,"A: INVERT FALSE   B: INVERT TRUE"`, dots(2), dots(72), selfTestFont))
	e.line("PRINT 1,1")
	return e.buf.Bytes(), nil
}

// encodeWhole encodes s in one of the code pages, four-byte GB18030
// sequences included, because the self-test exists to find out whether the
// printer shows them.
func encodeWhole(name, s string) ([]byte, error) {
	var out []byte
	var err error
	switch name {
	case EncodingGB2312, EncodingGBK:
		out, err = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	case EncodingGB18030:
		out, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	default:
		out = []byte(s)
	}
	if err != nil {
		return nil, err
	}
	if bytes.ContainsAny(out, "\"\r\n") {
		return nil, fmt.Errorf("%w: %q", ErrUnsafeContent, s)
	}
	return out, nil
}
