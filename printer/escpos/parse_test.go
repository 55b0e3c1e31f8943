package escpos

import (
	"bytes"
	"fmt"
)

// command is one parsed ESC/POS command. Name is the command as written in
// the manuals ("GS v 0", "FS &" …); TEXT is a run of printable bytes and
// CHINESE the bytes between FS & and FS .
type command struct {
	Name   string
	Params []byte
	Data   []byte
}

// fixedCommands maps a two-byte prefix to the command name and the number of
// parameter bytes that follow it.
var fixedCommands = map[[2]byte]struct {
	name   string
	params int
}{
	{0x1B, '@'}: {"ESC @", 0},
	{0x1B, 'J'}: {"ESC J", 1},
	{0x1B, '3'}: {"ESC 3", 1},
	{0x1B, '$'}: {"ESC $", 2},
	{0x1B, 'E'}: {"ESC E", 1},
	{0x1D, '!'}: {"GS !", 1},
	{0x1D, 'H'}: {"GS H", 1},
	{0x1D, 'h'}: {"GS h", 1},
	{0x1D, 'w'}: {"GS w", 1},
	{0x1D, 'L'}: {"GS L", 2},
	{0x1D, 'V'}: {"GS V", 1},
}

// parseJob splits an ESC/POS job into commands, independently of the
// encoder. Every byte below 0x20 must start a known command or be LF, and
// every length field must match the bytes that follow. Between FS & and FS .
// only printable ASCII and GB18030 codes may appear (two bytes, or four in
// the self-test).
func parseJob(job []byte) ([]command, error) {
	var out []command
	for len(job) > 0 {
		b := job[0]
		switch {
		case b == 0x0A:
			out = append(out, command{Name: "LF"})
			job = job[1:]
		case b >= 0x20:
			end := 0
			for end < len(job) && job[end] >= 0x20 {
				end++
			}
			out = append(out, command{Name: "TEXT", Data: job[:end]})
			job = job[end:]
		default:
			if len(job) < 2 {
				return nil, fmt.Errorf("job ends inside a command at byte %#x", b)
			}
			cmd, rest, err := parseCommand(job)
			if err != nil {
				return nil, err
			}
			out = append(out, cmd)
			job = rest
		}
	}
	return out, nil
}

func parseCommand(job []byte) (command, []byte, error) {
	prefix := [2]byte{job[0], job[1]}
	if fixed, ok := fixedCommands[prefix]; ok {
		if len(job) < 2+fixed.params {
			return command{}, nil, fmt.Errorf("%s cut short", fixed.name)
		}
		return command{Name: fixed.name, Params: job[2 : 2+fixed.params]}, job[2+fixed.params:], nil
	}
	switch prefix {
	case [2]byte{0x1D, 'v'}:
		if len(job) < 8 || job[2] != '0' {
			return command{}, nil, fmt.Errorf("GS v header % x", job[:min(8, len(job))])
		}
		x := int(job[4]) | int(job[5])<<8
		y := int(job[6]) | int(job[7])<<8
		if x == 0 || y == 0 || y > 4095 || len(job) < 8+x*y {
			return command{}, nil, fmt.Errorf("GS v 0 header says %d×%d bytes, %d follow", x, y, len(job)-8)
		}
		return command{Name: "GS v 0", Params: job[3:8], Data: job[8 : 8+x*y]}, job[8+x*y:], nil
	case [2]byte{0x1D, 'k'}:
		if len(job) < 4 || job[2] != 73 {
			return command{}, nil, fmt.Errorf("GS k not CODE128 (73): % x", job[:min(4, len(job))])
		}
		n := int(job[3])
		if len(job) < 4+n {
			return command{}, nil, fmt.Errorf("GS k 73 says %d bytes, %d follow", n, len(job)-4)
		}
		return command{Name: "GS k 73", Params: job[2:4], Data: job[4 : 4+n]}, job[4+n:], nil
	case [2]byte{0x1D, '('}:
		if len(job) < 5 || job[2] != 'k' {
			return command{}, nil, fmt.Errorf("GS ( not k: % x", job[:min(5, len(job))])
		}
		n := int(job[3]) | int(job[4])<<8
		if len(job) < 5+n || n < 2 || job[5] != 49 {
			return command{}, nil, fmt.Errorf("GS ( k says %d bytes, %d follow", n, len(job)-5)
		}
		return command{Name: "GS ( k", Params: job[5:7], Data: job[7 : 5+n]}, job[5+n:], nil
	case [2]byte{0x1C, '&'}:
		end := bytes.Index(job, []byte{0x1C, '.'})
		if end < 0 {
			return command{}, nil, fmt.Errorf("FS & without FS .")
		}
		text := job[2:end]
		for i := 0; i < len(text); i++ {
			switch c := text[i]; {
			case c < 0x20 || c == 0x7F:
				return command{}, nil, fmt.Errorf("control byte %#x inside Chinese mode", c)
			case c >= 0x81:
				size, err := gbCodeSize(text[i:])
				if err != nil {
					return command{}, nil, err
				}
				i += size - 1
			}
		}
		return command{Name: "CHINESE", Data: text}, job[end+2:], nil
	}
	return command{}, nil, fmt.Errorf("unknown command % x", job[:2])
}

// gbCodeSize returns the length of the GB18030 code at the start of b: two
// bytes with a trail of 0x40–0xFE, or four when the second byte is a digit.
func gbCodeSize(b []byte) (int, error) {
	switch {
	case len(b) >= 2 && b[1] >= 0x40 && b[1] <= 0xFE && b[1] != 0x7F:
		return 2, nil
	case len(b) >= 4 && b[1] >= 0x30 && b[1] <= 0x39 && b[2] >= 0x81 && b[2] <= 0xFE && b[3] >= 0x30 && b[3] <= 0x39:
		return 4, nil
	}
	return 0, fmt.Errorf("lead byte %#x without a valid GB18030 code: % x", b[0], b[:min(4, len(b))])
}
