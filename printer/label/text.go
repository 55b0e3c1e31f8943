package label

import (
	"strings"
	"unicode/utf8"
)

// PlacedLine is one line of text after line breaking, in printer dots. X, Y is
// the top-left corner of its first character cell; Mul is the font multiplier
// (cell height CellDots·Mul); Width includes the extra dot of bold. Bold text is
// drawn twice, the second time one dot to the right, because TSS24.BF2 has no
// bold face.
type PlacedLine struct {
	X, Y, Mul int
	Bold      bool
	Text      string
	Width     int
}

// dotBox is a rectangle in printer dots.
type dotBox struct{ x, y, w, h int }

// Lines breaks and places the text for a printer of dpi dots per inch (203 or
// 300). It returns nil for blank content or an unsupported dpi.
func (t Text) Lines(dpi int) []PlacedLine {
	dotsPerMM, err := DotsPerMM(dpi)
	if err != nil {
		return nil
	}
	lines, _ := t.place(dotsPerMM)
	return lines
}

// place returns the lines and whether the content had to be truncated.
func (t Text) place(dotsPerMM int) ([]PlacedLine, bool) {
	box := dotBox{toDots(t.X, dotsPerMM), toDots(t.Y, dotsPerMM), toDots(t.W, dotsPerMM), toDots(t.H, dotsPerMM)}
	return fitText(Sanitize(t.Content), box, multiplierFor(toDots(t.Size, dotsPerMM)), t.Bold, t.Wrap, t.Align)
}

// fitText tries the requested multiplier and then smaller ones until the text
// fits the box. At multiplier 1 it truncates the last line that fits with an
// ellipsis. A box lower than one cell still gets one line of multiplier 1.
func fitText(content string, box dotBox, mul int, bold, wrap bool, align Align) ([]PlacedLine, bool) {
	content = strings.TrimSpace(content)
	if content == "" {
		return nil, false
	}
	width := box.w
	if bold {
		width-- // the second, shifted stroke
	}

	for ; mul >= 1; mul-- {
		var lines []string
		if wrap {
			lines = breakLines(content, width, mul)
		} else {
			lines = []string{content}
		}
		if len(lines) <= max(1, maxLines(box.h, mul)) && widest(lines, mul) <= width && (mul == 1 || CellDots*mul <= box.h) {
			return position(lines, box, mul, bold, align), false
		}
	}

	mul = 1
	limit := max(1, maxLines(box.h, mul))
	var lines []string
	if wrap {
		lines = breakLines(content, width, mul)
	} else {
		lines = []string{content}
	}
	if len(lines) > limit {
		lines = lines[:limit]
	}
	lines[len(lines)-1] = truncate(lines[len(lines)-1], width, mul)
	return position(lines, box, mul, bold, align), true
}

func widest(lines []string, mul int) int {
	w := 0
	for _, line := range lines {
		w = max(w, TextAdvance(line, mul))
	}
	return w
}

// truncate shortens line until it and a trailing ellipsis fit width dots.
func truncate(line string, width, mul int) string {
	room := width - TextAdvance(Ellipsis, mul)
	used := 0
	for i, r := range line {
		used += RuneAdvance(r, mul)
		if used > room {
			return strings.TrimRight(line[:i], " ") + Ellipsis
		}
	}
	// The line fitted whole but text after it was cut.
	for TextAdvance(line, mul) > room {
		_, size := utf8.DecodeLastRuneInString(line)
		line = line[:len(line)-size]
	}
	return strings.TrimRight(line, " ") + Ellipsis
}

func position(lines []string, box dotBox, mul int, bold bool, align Align) []PlacedLine {
	placed := make([]PlacedLine, 0, len(lines))
	for i, line := range lines {
		width := TextAdvance(line, mul)
		if bold {
			width++
		}
		x := box.x
		switch align {
		case AlignCenter:
			x += (box.w - width) / 2
		case AlignRight:
			x += box.w - width
		}
		placed = append(placed, PlacedLine{
			X: x, Y: box.y + i*linePitch(mul), Mul: mul, Bold: bold, Text: line, Width: width,
		})
	}
	return placed
}

// breakLines wraps content greedily into lines of at most width dots. A line may
// break between any two characters except inside a run of ASCII letters and
// digits (a phone number, a house number, an SKU code), which breaks only when
// it is longer than a whole line. Spaces at a break are dropped.
func breakLines(content string, width, mul int) []string {
	var lines []string
	var line strings.Builder
	lineWidth := 0

	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineWidth = 0
	}

	for _, token := range tokens(content) {
		if token == " " && lineWidth == 0 {
			continue
		}
		tokenWidth := TextAdvance(token, mul)
		if lineWidth+tokenWidth <= width {
			line.WriteString(token)
			lineWidth += tokenWidth
			continue
		}
		if token == " " {
			flush()
			continue
		}
		if lineWidth > 0 && tokenWidth <= width {
			flush()
			line.WriteString(token)
			lineWidth = tokenWidth
			continue
		}
		// The token is longer than what is left: split it by character.
		for _, r := range token {
			advance := RuneAdvance(r, mul)
			if lineWidth+advance > width && lineWidth > 0 {
				flush()
			}
			line.WriteRune(r)
			lineWidth += advance
		}
	}
	if lineWidth > 0 {
		flush()
	}
	return lines
}

// tokens splits s into the units a line may not break inside. These are runs
// of printable ASCII other than space (with '×', so "SKU×2" stays whole) and
// single other characters. Closing punctuation joins the token before it,
// because a Chinese line must not start with "，" or "）".
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		if strings.ContainsRune(closingPunctuation, r) && len(out) > 0 && out[len(out)-1] != " " {
			out[len(out)-1] += string(r)
			continue
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// closingPunctuation may not start a line.
const closingPunctuation = "，。、；：！？）》」』】,.;:!?)"

func isWordRune(r rune) bool {
	return (r > ' ' && r < utf8.RuneSelf && !strings.ContainsRune(closingPunctuation, r)) || r == '×'
}
