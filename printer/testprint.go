package printer

import (
	"bytes"
	"fmt"
	"strconv"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/tspl"
)

// TestBarcode is the content of the barcode on the test label. A scanner
// that reads it back proves the barcode prints sharp enough.
const TestBarcode = "PS0123456789"

// TestJob returns a test label for the profile, in its language. It has a
// frame around the label edge, which shows whether size and gap are right.
// Inside are the profile's name and settings, a Chinese line in the
// profile's code page, a Code 128 barcode of TestBarcode and a QR code.
func (p Profile) TestJob() (Job, error) {
	if err := p.Validate(); err != nil {
		return Job{}, err
	}

	var data []byte
	var err error
	if p.Language == ESCPOS {
		data, err = p.escposTestJob()
	} else {
		data, err = tspl.Encode(p.testLabel(), p.TSPL())
	}
	if err != nil {
		return Job{}, fmt.Errorf("test label for %q: %w", p.ID, err)
	}
	return Job{ID: "test-" + p.ID, Data: data}, nil
}

func (p Profile) settingsLine() string {
	return fmt.Sprintf("%s %d dpi %gx%g mm %s", p.Language, p.DPI, p.LabelWidthMM, p.LabelHeightMM, p.Encoding)
}

func (p Profile) testLabel() label.Label {
	w, h := p.LabelWidthMM, p.LabelHeightMM
	inner := w - 8
	return label.Label{Width: w, Height: h, Items: []label.Item{
		label.Box{X: 1, Y: 1, W: w - 2, H: h - 2, Thickness: 0.5},
		label.Text{X: 4, Y: 4, W: inner, H: 8, Size: 6, Bold: true, Content: "打印测试 " + p.Name},
		label.Text{X: 4, Y: 13, W: inner, H: 6, Size: 3, Content: p.settingsLine()},
		label.Text{X: 4, Y: 20, W: inner, H: 6, Size: 3, Content: "中文：收件人 寄件人 浙江省杭州市"},
		label.Barcode{X: 4, Y: 28, W: inner, H: min(18, h/5), Content: TestBarcode, HumanReadable: true},
		label.QRCode{X: 4, Y: 30 + min(18, h/5), Size: min(20, h/4), Content: TestBarcode},
	}}
}

// escposTestJob writes the test label as ESC/POS: text in the profile's code
// page between FS & and FS ., a CODE128 barcode in code set B, a QR code,
// then feed and cut.
func (p Profile) escposTestJob() ([]byte, error) {
	text, err := encodeText(p.Encoding, "打印测试 "+p.Name+"\n"+p.settingsLine()+"\n中文：收件人 寄件人 浙江省杭州市\n")
	if err != nil {
		return nil, err
	}

	var b bytes.Buffer
	b.Write([]byte{0x1B, '@'}) // ESC @: reset
	b.Write([]byte{0x1C, '&'}) // FS &: two-byte characters on
	b.Write(text)
	b.Write([]byte{0x1C, '.'})     // FS .: two-byte characters off
	b.Write([]byte{0x1D, 'h', 80}) // GS h: bar height in dots
	b.Write([]byte{0x1D, 'w', 2})  // GS w: module width
	b.Write([]byte{0x1D, 'H', 2})  // GS H: number below the bars
	code := "{B" + TestBarcode     // code set B, so the digits stay ASCII
	b.Write([]byte{0x1D, 'k', 73, byte(len(code))})
	b.WriteString(code)
	b.WriteByte('\n')

	qr := []byte(TestBarcode)
	store := len(qr) + 3
	b.Write([]byte{0x1D, '(', 'k', 3, 0, 49, 67, 6})                                  // module size 6
	b.Write([]byte{0x1D, '(', 'k', 3, 0, 49, 69, 49})                                 // error correction M
	b.Write([]byte{0x1D, '(', 'k', byte(store % 256), byte(store / 256), 49, 80, 48}) // store the data
	b.Write(qr)
	b.Write([]byte{0x1D, '(', 'k', 3, 0, 49, 81, 48}) // print the symbol
	b.WriteByte('\n')
	b.Write([]byte{0x1D, 'V', 66, 0}) // GS V 66: feed to the cut position and cut
	return b.Bytes(), nil
}

// encodeText converts s to the code page. GB2312 text goes out as GBK,
// which is the same bytes for every GB2312 character.
func encodeText(encoding, s string) ([]byte, error) {
	switch encoding {
	case tspl.EncodingUTF8:
		return []byte(s), nil
	case tspl.EncodingGB18030:
		return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	case tspl.EncodingGBK, tspl.EncodingGB2312:
		return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	}
	return nil, fmt.Errorf("encoding %s: %w", strconv.Quote(encoding), ErrInvalidProfile)
}
