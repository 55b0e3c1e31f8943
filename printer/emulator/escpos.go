package emulator

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Control bytes that start ESC/POS commands.
const (
	dle = 0x10
	eot = 0x04
	fs  = 0x1C
	gs  = 0x1D
	lf  = 0x0A
	cr  = 0x0D
	ff  = 0x0C
	ht  = 0x09
)

// maxRasterRows is the tallest GS v 0 image ESC/POS accepts. Printers with
// small buffers garble far smaller ones, which is why jobs send bands.
const maxRasterRows = 4095

// escposHandler parses the parameters of one command whose two leading
// bytes were read.
type escposHandler func(s *session) error

// escposCommands maps the two bytes that start each ESC/POS command the
// emulator accepts to its handler. Commands that change only how text looks
// (alignment, size, bold) are read and ignored.
var escposCommands map[[2]byte]escposHandler

func init() {
	escposCommands = map[[2]byte]escposHandler{
		{esc, '@'}: (*session).escposReset,
		{esc, '!'}: skip(1),
		{esc, '-'}: skip(1),
		{esc, '2'}: skip(0),
		{esc, '3'}: skip(1),
		{esc, '$'}: skip(2),
		{esc, 'E'}: skip(1),
		{esc, 'G'}: skip(1),
		{esc, 'J'}: (*session).escposFeedDots,
		{esc, 'M'}: skip(1),
		{esc, 'R'}: skip(1),
		{esc, 'V'}: skip(1),
		{esc, 'a'}: skip(1),
		{esc, 'd'}: (*session).escposFeedLines,
		{esc, 't'}: skip(1),
		{esc, '{'}: skip(1),
		{gs, '!'}:  skip(1),
		{gs, 'B'}:  skip(1),
		{gs, 'H'}:  skip(1),
		{gs, 'L'}:  skip(2),
		{gs, 'W'}:  skip(2),
		{gs, 'f'}:  skip(1),
		{gs, 'h'}:  (*session).escposBarHeight,
		{gs, 'w'}:  (*session).escposModuleWidth,
		{gs, 'V'}:  (*session).escposCut,
		{gs, 'v'}:  (*session).escposRaster,
		{gs, '('}:  (*session).escposFunction,
		{gs, 'k'}:  (*session).escposBarcode,
		{gs, ff}:   (*session).escposFormFeed,
		{fs, '&'}:  func(s *session) error { s.pos.kanji = true; return nil },
		{fs, '.'}:  func(s *session) error { s.pos.kanji = false; return nil },
		{fs, '!'}:  skip(1),
		{fs, 'C'}:  skip(1),
		{fs, 'W'}:  skip(1),
		{dle, eot}: (*session).escposStatus,
	}
}

// escposState is the part of a session that only ESC/POS needs.
type escposState struct {
	kanji       bool   // FS & is in effect
	line        []byte // text since the last LF
	qr          []byte // QR data stored by GS ( k fn 80
	y           int    // paper position in dots from the top of the label
	barHeight   int    // GS h, in dots
	moduleWidth int    // GS w, in dots
}

// runESCPOS parses an ESC/POS byte stream until the connection ends.
func (s *session) runESCPOS() {
	s.pos = escposState{barHeight: 162, moduleWidth: 3}
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return
		}

		switch {
		case b == esc || b == gs || b == fs || b == dle:
			if err := s.escposCommand(b); err != nil {
				return
			}
		case b == lf:
			s.escposPrintLine()
		case b == ff:
			s.escposEndLabel()
		case b == cr:
		case b >= 0x20 || b == ht:
			s.markCommand()
			s.pos.line = append(s.pos.line, b)
			if len(s.pos.line) > maxLine {
				s.e.addError("command %d: text line longer than %d bytes", s.line, maxLine)
				s.pos.line = s.pos.line[:0]
			}
		default:
			s.line++
			s.e.addError("command %d: unknown control byte 0x%02X", s.line, b)
		}
	}
}

func (s *session) escposCommand(first byte) error {
	second, err := s.r.ReadByte()
	if err != nil {
		return errBroken
	}
	s.line++

	handler, ok := escposCommands[[2]byte{first, second}]
	if !ok {
		s.e.addError("command %d: unknown command %s 0x%02X", s.line, controlName(first), second)
		return nil
	}
	if first != dle {
		s.markCommand()
	}
	return handler(s)
}

func controlName(b byte) string {
	switch b {
	case esc:
		return "ESC"
	case gs:
		return "GS"
	case fs:
		return "FS"
	case dle:
		return "DLE"
	}
	return fmt.Sprintf("0x%02X", b)
}

// skip reads and ignores n parameter bytes.
func skip(n int) escposHandler {
	return func(s *session) error {
		_, err := s.readN(n)
		return err
	}
}

// readN reads exactly n bytes or returns errBroken.
func (s *session) readN(n int) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(s.r, buf); err != nil {
		return nil, errBroken
	}
	return buf, nil
}

func (s *session) escposReset() error {
	s.page = Label{}
	s.pos = escposState{barHeight: 162, moduleWidth: 3, qr: s.pos.qr}
	return nil
}

func (s *session) escposFeedLines() error {
	n, err := s.readN(1)
	if err != nil {
		return err
	}
	s.escposPrintLine()
	s.pos.y += int(n[0]) * lineDots
	return nil
}

func (s *session) escposFeedDots() error {
	n, err := s.readN(1)
	if err != nil {
		return err
	}
	s.pos.y += int(n[0])
	return nil
}

func (s *session) escposBarHeight() error {
	n, err := s.readN(1)
	if err == nil {
		s.pos.barHeight = max(int(n[0]), 1)
	}
	return err
}

func (s *session) escposModuleWidth() error {
	n, err := s.readN(1)
	if err == nil {
		s.pos.moduleWidth = min(max(int(n[0]), 1), 6)
	}
	return err
}

// lineDots is the height of one text line: a 24-dot font and 6 dots of
// line spacing, the ESC/POS default at 203 dpi.
const lineDots = 30

// escposPrintLine prints the text since the last LF. Text is GB18030, a
// superset of the GB2312 and GBK the printers accept after FS &.
func (s *session) escposPrintLine() {
	if len(s.pos.line) == 0 {
		s.pos.y += lineDots
		return
	}
	decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(s.pos.line)
	if err != nil {
		s.e.addError("command %d: text is not GB18030", s.line)
	}
	text := string(decoded)
	s.page.Texts = append(s.page.Texts, text)
	s.page.marks = append(s.page.marks, textMark{x: 0, y: s.pos.y, height: 24, text: text})
	s.pos.line = s.pos.line[:0]
	s.pos.y += lineDots
}

// escposCut handles GS V m, and GS V m n for m of 65 and above, which feed
// n before the cut. A cut ends the label.
func (s *session) escposCut() error {
	m, err := s.readN(1)
	if err != nil {
		return err
	}
	switch m[0] {
	case 0, 1, 48, 49:
	case 65, 66, 97, 98, 103, 104:
		if _, err := s.readN(1); err != nil {
			return err
		}
	default:
		s.e.addError("command %d: GS V: invalid cut mode %d", s.line, m[0])
		return nil
	}
	s.escposEndLabel()
	return nil
}

func (s *session) escposFormFeed() error {
	s.escposEndLabel()
	return nil
}

// escposEndLabel prints the page as one label, as a cut or a form feed
// does. An empty page prints nothing, because a cut right after ESC @ only
// cuts blank paper.
func (s *session) escposEndLabel() {
	if len(s.pos.line) > 0 {
		s.escposPrintLine()
	}
	page := s.page
	if len(page.marks) == 0 {
		return
	}
	page.heightDots = s.pos.y
	s.finishLabel(page, 1)
	s.page = Label{}
	s.pos.y = 0
}

// escposRaster reads GS v 0 m xL xH yL yH and the x·y bytes of the image,
// 1 = black, most significant bit leftmost.
func (s *session) escposRaster() error {
	header, err := s.readN(6)
	if err != nil {
		return err
	}
	if header[0] != '0' {
		s.e.addError("command %d: GS v: expected '0' after GS v, got 0x%02X", s.line, header[0])
		return nil
	}
	mode := header[1]
	if mode > 3 && (mode < 48 || mode > 51) {
		s.e.addError("command %d: GS v 0: invalid mode %d", s.line, mode)
	}
	widthBytes := int(header[2]) + int(header[3])<<8
	rows := int(header[4]) + int(header[5])<<8
	if widthBytes == 0 || rows == 0 || rows > maxRasterRows || widthBytes*rows > maxBitmap {
		s.e.addError("command %d: GS v 0: invalid size %d bytes by %d rows (at most %d rows)", s.line, widthBytes, rows, maxRasterRows)
		return errBroken
	}

	data := make([]byte, widthBytes*rows)
	n, err := io.ReadFull(s.r, data)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || (errors.Is(err, io.EOF) && n == 0) {
			s.e.addError("command %d: GS v 0: image data shorter than the %d bytes of %dx%d in the header",
				s.line, len(data), widthBytes, rows)
		}
		return errBroken
	}

	s.page.Bitmaps++
	s.page.marks = append(s.page.marks, bitmapMark{x: 0, y: s.pos.y, widthBytes: widthBytes, rows: rows, data: data, oneIsBlack: true})
	s.pos.y += rows
	return nil
}

// escposFunction reads GS ( fn pL pH and the pL + pH·256 bytes after it.
// Only GS ( k with cn 49 (QR code) is interpreted.
func (s *session) escposFunction() error {
	header, err := s.readN(3)
	if err != nil {
		return err
	}
	length := int(header[1]) + int(header[2])<<8
	if length > maxLine {
		s.e.addError("command %d: GS ( %c: parameter length %d too long", s.line, header[0], length)
		return errBroken
	}
	params, err := s.readN(length)
	if err != nil {
		s.e.addError("command %d: GS ( %c: parameters shorter than pL pH = %d", s.line, header[0], length)
		return err
	}
	if header[0] != 'k' || length < 2 || params[0] != 49 {
		return nil
	}

	fn, args := params[1], params[2:]
	switch fn {
	case 65, 67, 69:
		if len(args) == 0 {
			s.e.addError("command %d: GS ( k fn %d: missing parameter", s.line, fn)
		}
	case 80:
		if len(args) == 0 || args[0] != 48 {
			s.e.addError("command %d: GS ( k fn 80: expected m = 48", s.line)
			return nil
		}
		s.pos.qr = append([]byte(nil), args[1:]...)
	case 81:
		if s.pos.qr == nil {
			s.e.addError("command %d: GS ( k fn 81: no QR data stored", s.line)
			return nil
		}
		content := string(s.pos.qr)
		s.page.QRCodes = append(s.page.QRCodes, content)
		s.page.marks = append(s.page.marks, qrMark{x: 0, y: s.pos.y, cell: 6, content: content})
		s.pos.y += qrSide(content, 6)
	}
	return nil
}

// escposBarcode reads GS k m: data ended by NUL for m 0 to 6, a length byte
// and data for m 65 to 79. CODE128 (m 73) is decoded from its code sets.
func (s *session) escposBarcode() error {
	m, err := s.readN(1)
	if err != nil {
		return err
	}

	var data []byte
	switch {
	case m[0] <= 6:
		data, err = s.r.ReadBytes(0)
		if err != nil {
			return errBroken
		}
		data = data[:len(data)-1]
	case m[0] >= 65 && m[0] <= 79:
		n, err := s.readN(1)
		if err != nil {
			return err
		}
		if data, err = s.readN(int(n[0])); err != nil {
			s.e.addError("command %d: GS k: data shorter than its length byte %d", s.line, n[0])
			return err
		}
	default:
		s.e.addError("command %d: GS k: invalid barcode system %d", s.line, m[0])
		return nil
	}

	content := string(data)
	if m[0] == 73 {
		if content, err = decodeCode128(data); err != nil {
			s.e.addError("command %d: GS k 73: %v", s.line, err)
			return nil
		}
	}
	s.page.Barcodes = append(s.page.Barcodes, content)
	s.page.marks = append(s.page.marks, barcodeMark{x: 0, y: s.pos.y, height: s.pos.barHeight, narrow: s.pos.moduleWidth, content: content})
	s.pos.y += s.pos.barHeight + lineDots
	return nil
}

// decodeCode128 turns GS k 73 data into the encoded text. The data starts
// with {A, {B or {C; "{" followed by A, B or C switches the code set, "{{"
// is a literal "{", "{1" to "{4" are function codes and "{S" shifts one
// character. In code set C each byte is two digits (0–99).
func decodeCode128(data []byte) (string, error) {
	if len(data) < 2 || data[0] != '{' || data[1] < 'A' || data[1] > 'C' {
		return "", errors.New("data must start with {A, {B or {C")
	}

	var out strings.Builder
	set := data[1]
	for i := 2; i < len(data); i++ {
		b := data[i]
		if b == '{' {
			if i+1 >= len(data) {
				return "", errors.New("data ends after '{'")
			}
			i++
			switch c := data[i]; c {
			case 'A', 'B', 'C':
				set = c
			case '{':
				out.WriteByte('{')
			case '1', '2', '3', '4', 'S':
			default:
				return "", fmt.Errorf("unknown escape {%c", c)
			}
			continue
		}
		if set == 'C' {
			if b > 99 {
				return "", fmt.Errorf("byte %d in code set C is not a value 0–99", b)
			}
			fmt.Fprintf(&out, "%02d", b)
			continue
		}
		out.WriteByte(b)
	}
	return out.String(), nil
}

// escposStatus replies to DLE EOT n with one status byte of the form
// 0xx1xx10.
func (s *session) escposStatus() error {
	n, err := s.readN(1)
	if err != nil {
		return err
	}
	st := s.e.Status()
	reply := byte(0x12)
	switch n[0] {
	case 1:
		if st&(statusHeadOpen|statusPaperOut) != 0 {
			reply |= 1 << 3
		}
	case 2:
		if st&statusHeadOpen != 0 {
			reply |= 1 << 2
		}
		if st&statusPaperOut != 0 {
			reply |= 1 << 5
		}
	case 3:
	case 4:
		if st&statusPaperOut != 0 {
			reply |= 0b11 << 5
		}
	default:
		s.e.addError("command %d: DLE EOT: invalid n %d", s.line, n[0])
		return nil
	}
	return s.reply([]byte{reply})
}

// finishLabel records page as printed with copies copies.
func (s *session) finishLabel(page Label, copies int) {
	page.ReceivedAt = time.Now()
	page.Barcodes = append([]string(nil), page.Barcodes...)
	page.QRCodes = append([]string(nil), page.QRCodes...)
	page.Texts = append([]string(nil), page.Texts...)
	page.marks = append([]mark(nil), page.marks...)
	s.printed += s.e.print(page, copies)
}
