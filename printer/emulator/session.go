package emulator

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"time"
)

// Limits that keep a malformed or hostile job from exhausting memory. A
// 108 mm wide label at 300 dpi is 160 bytes by about 2400 rows, far below
// maxBitmap.
const (
	maxLine   = 64 << 10
	maxBitmap = 16 << 20
)

const (
	esc = 0x1B
	stx = 0x02
	etx = 0x03
)

// session parses the input of one connection.
type session struct {
	e *Emulator
	r *bufio.Reader
	w io.Writer

	line       int  // number of the command being parsed, for error messages
	sawCommand bool // a command other than a status query arrived
	printed    int
	size       string
	page       Label // image buffer content since the last CLS

	widthDots, heightDots int         // label size from the last SIZE
	pos                   escposState // ESC/POS paper position and modes
}

// isESCPOS reports whether the connection speaks ESC/POS, from its first
// two bytes: DLE, GS or FS, or ESC followed by anything but '!' (ESC ! is a
// TSPL status query). Anything else is TSPL.
func (s *session) isESCPOS() bool {
	head, _ := s.r.Peek(2)
	if len(head) == 0 {
		return false
	}
	switch head[0] {
	case dle, gs, fs:
		return true
	case esc:
		return len(head) == 2 && head[1] != '!'
	}
	return false
}

// errBroken marks input that ended because the connection failed. The
// command cut off by it is not reported as malformed.
var errBroken = errors.New("connection broken")

func (s *session) run() {
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return
		}

		switch {
		case b == '\r' || b == '\n':
			continue
		case b == esc:
			if err := s.immediate(); err != nil {
				return
			}
		case isLetter(b):
			s.r.UnreadByte()
			s.line++
			if err := s.command(); err != nil {
				return
			}
		default:
			s.line++
			s.e.addError("command %d: data outside a command (byte 0x%02X)", s.line, b)
			if err := s.skipLine(); err != nil {
				return
			}
		}
	}
}

// immediate handles an escape sequence after its ESC byte. The emulator
// replies at once, even when the sequence is inside a command line.
func (s *session) immediate() error {
	var seq [2]byte
	if _, err := io.ReadFull(s.r, seq[:]); err != nil {
		return errBroken
	}

	switch string(seq[:]) {
	case "!?":
		return s.reply([]byte{s.e.Status()})
	case "!S":
		// NOTE: the four bytes are this emulator's own layout ('@' ORed with
		// the low and the high nibble of the ESC ! ? status, then two '@'),
		// not a vendor's: nothing in the project decodes them yet.
		st := s.e.Status()
		return s.reply([]byte{stx, '@' | st&0x0F, '@' | st>>4, '@', '@', etx, '\r', '\n'})
	default:
		s.e.addError("command %d: unknown escape sequence ESC %q", s.line, seq[:])
		return nil
	}
}

func (s *session) reply(b []byte) error {
	if conn, ok := s.w.(interface{ SetWriteDeadline(time.Time) error }); ok {
		conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	}
	if _, err := s.w.Write(b); err != nil {
		return errBroken
	}
	return nil
}

// command parses one command line, or a BITMAP with its binary payload.
func (s *session) command() error {
	name, err := s.readName()
	if err != nil {
		return err
	}
	s.markCommand()

	if name == "BITMAP" {
		return s.bitmap()
	}

	line, err := s.readLine()
	if err != nil {
		return err
	}

	handler, ok := commands[name]
	if !ok {
		s.e.addError("command %d: unknown command %q", s.line, truncate(name, 20))
		return nil
	}

	params, err := splitParams(line)
	if err != nil {
		s.e.addError("command %d: %s: %v", s.line, name, err)
		return nil
	}
	if err := handler(s, params, line); err != nil {
		s.e.addError("command %d: %s: %v", s.line, name, err)
	}
	return nil
}

func (s *session) markCommand() {
	if !s.sawCommand {
		s.sawCommand = true
		s.e.countJob()
	}
}

// readName reads the command name: letters and digits up to a space or the
// line end. TSPL names are case-insensitive.
func (s *session) readName() (string, error) {
	var name []byte
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.e.addError("command %d: last command has no line end", s.line)
			}
			return "", errBroken
		}
		if !isLetter(b) && !(b >= '0' && b <= '9') {
			s.r.UnreadByte()
			return strings.ToUpper(string(name)), nil
		}
		if len(name) > 64 {
			s.e.addError("command %d: command name longer than 64 bytes", s.line)
			return "", s.skipLine()
		}
		name = append(name, b)
	}
}

// readLine returns the rest of the line without its CR LF or LF. ESC !
// sequences inside it are handled and removed. A line cut off by the end of
// the connection is reported and returns errBroken.
func (s *session) readLine() ([]byte, error) {
	var line []byte
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) && len(line) > 0 {
				s.e.addError("command %d: last command has no line end", s.line)
			}
			return nil, errBroken
		}

		switch b {
		case '\n':
			return bytes.TrimSuffix(line, []byte{'\r'}), nil
		case esc:
			if err := s.immediate(); err != nil {
				return nil, err
			}
			continue
		}

		if len(line) >= maxLine {
			s.e.addError("command %d: line longer than %d bytes", s.line, maxLine)
			return nil, s.skipLine()
		}
		line = append(line, b)
	}
}

func (s *session) skipLine() error {
	if _, err := s.r.ReadSlice('\n'); err != nil && !errors.Is(err, bufio.ErrBufferFull) {
		return errBroken
	} else if err != nil {
		return s.skipLine()
	}
	return nil
}

func isLetter(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
