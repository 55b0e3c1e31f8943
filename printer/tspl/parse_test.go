package tspl

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// command is one parsed TSPL command. Quoted arguments keep their quotes, so a
// test can tell content from numbers.
type command struct {
	Name string
	Args []string
	Data []byte // raw rows of a BITMAP
}

// knownCommands are the commands Encode may emit.
var knownCommands = map[string]bool{
	"SIZE": true, "GAP": true, "DIRECTION": true, "REFERENCE": true, "DENSITY": true, "SPEED": true,
	"CLS": true, "TEXT": true, "BARCODE": true, "QRCODE": true, "BAR": true, "BOX": true,
	"REVERSE": true, "BITMAP": true, "PRINT": true,
}

// parseJob splits a TSPL job into commands, independently of the encoder: every
// command must be known and end with CR LF, a quoted string must close before
// the line ends, and a BITMAP is followed by exactly width_bytes·height bytes.
func parseJob(job []byte) ([]command, error) {
	var commands []command
	for len(job) > 0 {
		end := bytes.IndexAny(job, " \r\n")
		if end < 0 {
			return nil, fmt.Errorf("command %q not ended by CR LF", job)
		}
		name := string(job[:end])
		if !knownCommands[name] {
			return nil, fmt.Errorf("unknown command %q", name)
		}

		if name == "BITMAP" {
			cmd, rest, err := parseBitmap(job)
			if err != nil {
				return nil, err
			}
			commands = append(commands, cmd)
			job = rest
			continue
		}

		lineEnd := bytes.Index(job, []byte("\r\n"))
		if lineEnd < 0 {
			return nil, fmt.Errorf("%s not ended by CR LF", name)
		}
		line := job[:lineEnd]
		if bytes.ContainsAny(line, "\r\n") {
			return nil, fmt.Errorf("%s line %q holds a bare CR or LF", name, line)
		}
		args, err := splitArgs(string(bytes.TrimPrefix(line[end:], []byte(" "))))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		commands = append(commands, command{Name: name, Args: args})
		job = job[lineEnd+2:]
	}
	return commands, nil
}

// splitArgs splits a comma-separated argument list in which a quoted string
// runs from one '"' to the next and must be followed by a comma or the end.
func splitArgs(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var args []string
	for {
		if strings.HasPrefix(s, `"`) {
			closing := strings.IndexByte(s[1:], '"')
			if closing < 0 {
				return nil, fmt.Errorf("unterminated string in %q", s)
			}
			args = append(args, s[:closing+2])
			s = s[closing+2:]
			if s == "" {
				return args, nil
			}
			if s[0] != ',' {
				return nil, fmt.Errorf("text %q after a closing quote", s)
			}
			s = s[1:]
			continue
		}
		comma := strings.IndexByte(s, ',')
		if comma < 0 {
			return append(args, s), nil
		}
		args = append(args, s[:comma])
		s = s[comma+1:]
	}
}

func parseBitmap(job []byte) (command, []byte, error) {
	header := job[len("BITMAP "):]
	var fields []string
	for range 5 {
		comma := bytes.IndexByte(header, ',')
		if comma < 0 {
			return command{}, nil, fmt.Errorf("BITMAP header %q has fewer than 5 fields", header)
		}
		fields = append(fields, string(header[:comma]))
		header = header[comma+1:]
	}
	widthBytes, err1 := strconv.Atoi(fields[2])
	height, err2 := strconv.Atoi(fields[3])
	if err1 != nil || err2 != nil || widthBytes <= 0 || height <= 0 {
		return command{}, nil, fmt.Errorf("BITMAP header fields %v are not positive numbers", fields)
	}
	size := widthBytes * height
	if len(header) < size+2 || string(header[size:size+2]) != "\r\n" {
		return command{}, nil, fmt.Errorf("BITMAP of %d bytes not followed by CR LF", size)
	}
	return command{Name: "BITMAP", Args: fields, Data: header[:size]}, header[size+2:], nil
}
