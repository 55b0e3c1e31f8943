package emulator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// param is one comma-separated parameter of a command line.
type param struct {
	value  []byte // unescaped content, without the quotes
	quoted bool
}

// handler applies one command to the session. raw is the parameter text as
// it arrived, for commands that record it.
type handler func(s *session, params []param, raw []byte) error

// commands maps each TSPL command name the emulator accepts to its handler.
// BITMAP is handled by session.bitmap because its payload is binary.
var commands map[string]handler

func init() {
	commands = map[string]handler{
		"SIZE":      size,
		"GAP":       numbers(1, 2),
		"DIRECTION": numbers(1, 2),
		"REFERENCE": numbers(2, 2),
		"DENSITY":   numbers(1, 1),
		"SPEED":     numbers(1, 1),
		"CODEPAGE":  count(1, 1),
		"SET":       count(1, 2),
		"SOUND":     numbers(2, 2),
		"CLS":       cls,
		"TEXT":      text(7),
		"BLOCK":     text(9),
		"BARCODE":   barcode,
		"QRCODE":    qrcode,
		"BAR":       shape(4, 4, func(v []int) mark { return rectMark{v[0], v[1], v[2], v[3]} }),
		"BOX":       shape(5, 6, func(v []int) mark { return boxMark{v[0], v[1], v[2], v[3], v[4]} }),
		"REVERSE":   shape(4, 4, func(v []int) mark { return reverseMark{v[0], v[1], v[2], v[3]} }),
		"PRINT":     printLabel,
	}
}

func size(s *session, params []param, raw []byte) error {
	if len(params) < 1 || len(params) > 2 {
		return fmt.Errorf("expected width[,height], got %d parameters", len(params))
	}
	s.size = string(bytes.TrimSpace(raw))

	s.widthDots = s.e.toDots(params[0].value)
	if len(params) == 2 {
		s.heightDots = s.e.toDots(params[1].value)
	}
	return nil
}

// toDots converts a SIZE parameter to dots: "76 mm", "600 dot", or a bare
// number in inches as TSPL reads it. It returns 0 for text it cannot read.
func (e *Emulator) toDots(value []byte) int {
	fields := bytes.Fields(value)
	if len(fields) == 0 {
		return 0
	}
	n, err := strconv.ParseFloat(string(fields[0]), 64)
	if err != nil || n <= 0 {
		return 0
	}
	unit := ""
	if len(fields) > 1 {
		unit = strings.ToLower(string(fields[1]))
	}
	switch unit {
	case "mm":
		return int(n * float64(e.dpi) / 25.4)
	case "dot", "dots":
		return int(n)
	}
	return int(n * float64(e.dpi))
}

// shape accepts the numeric parameters of BAR, BOX and REVERSE and records
// the mark newMark builds from them.
func shape(minCount, maxCount int, newMark func(values []int) mark) handler {
	check := numbers(minCount, maxCount)
	return func(s *session, params []param, raw []byte) error {
		if err := check(s, params, raw); err != nil {
			return err
		}
		values := make([]int, maxCount)
		for i, p := range params {
			values[i] = atoi(p.value)
		}
		s.page.marks = append(s.page.marks, newMark(values))
		return nil
	}
}

// atoi reads the leading number of a parameter such as "16" or "2 mm",
// and 0 when there is none.
func atoi(value []byte) int {
	fields := bytes.Fields(value)
	if len(fields) == 0 {
		return 0
	}
	f, _ := strconv.ParseFloat(string(fields[0]), 64)
	return int(f)
}

// fontHeights is the cell height in dots of the resident fonts at 203 dpi.
var fontHeights = map[string]int{
	"1": 12, "2": 20, "3": 24, "4": 32, "5": 48, "6": 22, "7": 21, "8": 19,
	"TSS16.BF2": 16, "TSS24.BF2": 24, "TST24.BF2": 24,
}

func fontHeight(name []byte) int {
	if h, ok := fontHeights[strings.ToUpper(string(name))]; ok {
		return h
	}
	return 24
}

func cls(s *session, params []param, _ []byte) error {
	s.page = Label{}
	if len(params) != 0 {
		return errors.New("expected no parameters")
	}
	return nil
}

// text records the last parameter of TEXT (7 parameters) or BLOCK (9) as a
// GB18030 string.
func text(n int) handler {
	return func(s *session, params []param, _ []byte) error {
		content, err := lastQuoted(params, n, n)
		if err != nil {
			return err
		}
		decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(content)
		if err != nil {
			return fmt.Errorf("content is not GB18030: %w", err)
		}
		s.page.Texts = append(s.page.Texts, string(decoded))

		// TEXT x,y,"font",rotation,xmul,ymul; BLOCK x,y,w,h,"font",rotation,xmul,ymul.
		font, ymul := params[2], params[5]
		if n == 9 {
			font, ymul = params[4], params[7]
		}
		height := fontHeight(font.value) * max(atoi(ymul.value), 1)
		s.page.marks = append(s.page.marks, textMark{x: atoi(params[0].value), y: atoi(params[1].value), height: height, text: string(decoded)})
		return nil
	}
}

// barcode accepts BARCODE x,y,"type",height,human_readable,rotation,narrow,
// wide[,alignment],"content".
func barcode(s *session, params []param, _ []byte) error {
	content, err := lastQuoted(params, 9, 10)
	if err != nil {
		return err
	}
	if !params[2].quoted {
		return errors.New("barcode type must be quoted")
	}
	s.page.Barcodes = append(s.page.Barcodes, string(content))
	s.page.marks = append(s.page.marks, barcodeMark{
		x: atoi(params[0].value), y: atoi(params[1].value), height: atoi(params[3].value),
		narrow: max(atoi(params[6].value), 1), content: string(content),
	})
	return nil
}

// qrcode accepts QRCODE x,y,ECC,cell,mode,rotation[,model][,mask],"content".
func qrcode(s *session, params []param, _ []byte) error {
	content, err := lastQuoted(params, 7, 9)
	if err != nil {
		return err
	}
	switch string(params[2].value) {
	case "L", "M", "Q", "H":
	default:
		return fmt.Errorf("invalid error correction level %q", params[2].value)
	}
	s.page.QRCodes = append(s.page.QRCodes, string(content))
	s.page.marks = append(s.page.marks, qrMark{
		x: atoi(params[0].value), y: atoi(params[1].value), cell: max(atoi(params[3].value), 1), content: string(content),
	})
	return nil
}

// printLabel handles PRINT m[,n]: m label sets of n copies each.
func printLabel(s *session, params []param, _ []byte) error {
	if len(params) < 1 || len(params) > 2 {
		return fmt.Errorf("expected m[,n], got %d parameters", len(params))
	}
	copies := 1
	for _, p := range params {
		n, err := strconv.Atoi(string(p.value))
		if err != nil || n < 1 || p.quoted {
			return fmt.Errorf("invalid count %q", p.value)
		}
		copies *= n
	}

	l := s.page
	l.Size = s.size
	l.widthDots, l.heightDots = s.widthDots, s.heightDots
	s.finishLabel(l, copies)
	return nil
}

// numbers accepts min to max unquoted parameters. Values may carry a unit
// ("2 mm") or be decimals, as GAP and SIZE allow.
func numbers(minCount, maxCount int) handler {
	return func(_ *session, params []param, _ []byte) error {
		if len(params) < minCount || len(params) > maxCount {
			return fmt.Errorf("expected %d to %d parameters, got %d", minCount, maxCount, len(params))
		}
		for i, p := range params {
			fields := bytes.Fields(p.value)
			if p.quoted || len(fields) == 0 || len(fields) > 2 {
				return fmt.Errorf("parameter %d: expected a number", i+1)
			}
			if _, err := strconv.ParseFloat(string(fields[0]), 64); err != nil {
				return fmt.Errorf("parameter %d: expected a number, got %q", i+1, truncate(string(fields[0]), 12))
			}
		}
		return nil
	}
}

// count accepts min to max parameters of any form.
func count(minCount, maxCount int) handler {
	return func(_ *session, params []param, _ []byte) error {
		if len(params) < minCount || len(params) > maxCount {
			return fmt.Errorf("expected %d to %d parameters, got %d", minCount, maxCount, len(params))
		}
		return nil
	}
}

// lastQuoted checks the parameter count and returns the last parameter,
// which must be quoted.
func lastQuoted(params []param, minCount, maxCount int) ([]byte, error) {
	if len(params) < minCount || len(params) > maxCount {
		return nil, fmt.Errorf("expected %d to %d parameters, got %d", minCount, maxCount, len(params))
	}
	last := params[len(params)-1]
	if !last.quoted {
		return nil, errors.New("content must be quoted")
	}
	return last.value, nil
}

// errUnterminatedQuote is a quoted parameter that the line end cut off, as
// happens when label text with a quote or line break is sent unescaped.
var errUnterminatedQuote = errors.New("unterminated quote")

// quoteEscape is TSC firmware's escape for a literal '"' inside a quoted
// parameter.
var quoteEscape = []byte(`\["]`)

// splitParams splits a command's parameter text at commas outside quotes.
func splitParams(line []byte) ([]param, error) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil
	}

	var params []param
	i := 0
	for {
		for i < len(line) && line[i] == ' ' {
			i++
		}

		var p param
		var err error
		if i < len(line) && line[i] == '"' {
			p, i, err = quotedParam(line, i+1)
		} else {
			p, i, err = plainParam(line, i)
		}
		if err != nil {
			return nil, fmt.Errorf("parameter %d: %w", len(params)+1, err)
		}
		params = append(params, p)

		if i >= len(line) {
			return params, nil
		}
		i++ // the comma
	}
}

// quotedParam reads a quoted parameter starting after its opening quote and
// returns the index of the comma or line end after it.
func quotedParam(line []byte, i int) (param, int, error) {
	p := param{quoted: true, value: []byte{}}
	for {
		if i >= len(line) {
			return param{}, i, errUnterminatedQuote
		}
		if bytes.HasPrefix(line[i:], quoteEscape) {
			p.value = append(p.value, '"')
			i += len(quoteEscape)
			continue
		}
		if line[i] == '"' {
			i++
			break
		}
		if line[i] < 0x20 && line[i] != '\t' {
			return param{}, i, fmt.Errorf("control byte 0x%02X inside quotes", line[i])
		}
		p.value = append(p.value, line[i])
		i++
	}

	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i < len(line) && line[i] != ',' {
		return param{}, i, fmt.Errorf("unexpected byte 0x%02X after closing quote", line[i])
	}
	return p, i, nil
}

func plainParam(line []byte, i int) (param, int, error) {
	end := bytes.IndexByte(line[i:], ',')
	if end < 0 {
		end = len(line)
	} else {
		end += i
	}

	value := bytes.TrimSpace(line[i:end])
	if bytes.IndexByte(value, '"') >= 0 {
		return param{}, end, errors.New("quote inside an unquoted parameter")
	}
	for _, b := range value {
		if b < 0x20 && b != '\t' {
			return param{}, end, fmt.Errorf("control byte 0x%02X", b)
		}
	}
	return param{value: value}, end, nil
}

// bitmap reads "BITMAP x,y,width_bytes,height,mode," and then exactly
// width_bytes*height bytes of payload, which may contain any byte value.
func (s *session) bitmap() error {
	header, err := s.bitmapHeader()
	if err != nil || header == nil {
		return err
	}

	length := header[2] * header[3]
	data := make([]byte, length)
	if _, err := io.ReadFull(s.r, data); err != nil {
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return errBroken
		}
		s.e.addError("command %d: BITMAP: payload shorter than the %d bytes of %dx%d in the header",
			s.line, length, header[2], header[3])
		return errBroken
	}
	s.page.Bitmaps++
	s.page.marks = append(s.page.marks, bitmapMark{
		x: header[0], y: header[1], widthBytes: header[2], rows: header[3], mode: header[4],
		data: data, oneIsBlack: s.e.bitmapOneIsBlack,
	})

	// The line end after the payload is optional. Anything else means the
	// header's size did not match the payload.
	next, err := s.r.Peek(1)
	if err != nil {
		return nil
	}
	if next[0] != '\r' && next[0] != '\n' && next[0] != esc && !isLetter(next[0]) {
		s.e.addError("command %d: BITMAP: byte 0x%02X after the %d-byte payload, length in the header is wrong",
			s.line, next[0], length)
		return s.skipLine()
	}
	return nil
}

// bitmapHeader reads the five parameters and the comma after mode. It
// returns nil without error for a malformed header it has reported.
func (s *session) bitmapHeader() ([]int, error) {
	var text []byte
	commas := 0
	for commas < 5 {
		b, err := s.r.ReadByte()
		if err != nil {
			return nil, errBroken
		}
		if b == '\n' || len(text) > 64 {
			s.e.addError("command %d: BITMAP: header ends before the payload", s.line)
			if b != '\n' {
				return nil, s.skipLine()
			}
			return nil, nil
		}
		if b == ',' {
			commas++
		}
		text = append(text, b)
	}

	fields := bytes.Split(bytes.TrimSuffix(text, []byte{','}), []byte{','})
	values := make([]int, len(fields))
	for i, f := range fields {
		n, err := strconv.Atoi(string(bytes.TrimSpace(f)))
		if err != nil || n < 0 {
			s.e.addError("command %d: BITMAP: parameter %d is not a number", s.line, i+1)
			return nil, s.skipLine()
		}
		values[i] = n
	}

	if values[4] > 2 {
		s.e.addError("command %d: BITMAP: invalid mode %d (0 overwrite, 1 OR, 2 XOR)", s.line, values[4])
	}
	if values[2] == 0 || values[3] == 0 || values[2] > maxBitmap || values[3] > maxBitmap || values[2]*values[3] > maxBitmap {
		s.e.addError("command %d: BITMAP: invalid size %dx%d bytes", s.line, values[2], values[3])
		return nil, s.skipLine()
	}
	return values, nil
}
