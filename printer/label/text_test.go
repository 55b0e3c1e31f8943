package label

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestTextLines_BlankContentProducesNothing(t *testing.T) {
	for _, content := range []string{"", "   ", "\r\n\t"} {
		lines := Text{X: 1, Y: 1, W: 20, H: 10, Size: 3, Content: content}.Lines(203)
		if len(lines) != 0 {
			t.Errorf("content %q: got %d lines, want none", content, len(lines))
		}
	}
}

func TestTextLines_CellMetrics(t *testing.T) {
	lines := Text{X: 1, Y: 2, W: 50, H: 6, Size: 6, Content: "ab中文"}.Lines(203)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	got := lines[0]
	if got.X != 8 || got.Y != 16 {
		t.Errorf("position = %d,%d dots, want 8,16", got.X, got.Y)
	}
	if got.Mul != 2 {
		t.Errorf("multiplier = %d, want 2 for a 6 mm cell at 8 dots/mm", got.Mul)
	}
	if want := 2*12*2 + 2*24*2; got.Width != want {
		t.Errorf("width = %d dots, want %d (two half cells and two full cells)", got.Width, want)
	}
}

func TestTextLines_WrapsInsideBox(t *testing.T) {
	text := Text{X: 2, Y: 3, W: 30, H: 20, Size: 3, Wrap: true, Content: strings.Repeat("浙江省杭州市西湖区", 3)}
	lines := text.Lines(203)
	if len(lines) < 2 {
		t.Fatalf("got %d lines, want the text wrapped", len(lines))
	}
	assertInside(t, text, lines, 8)
	if joined := joinLines(lines); joined != text.Content {
		t.Errorf("wrapped text = %q, want all of %q", joined, text.Content)
	}
}

func TestTextLines_KeepsDigitRunTogether(t *testing.T) {
	// 10 cells wide: "收件人电话" (5 cells) then a phone number that cannot follow on the line.
	lines := Text{W: 30, H: 12, Size: 3, Wrap: true, Content: "收件人电话13812345678"}.Lines(203)
	if len(lines) != 2 {
		t.Fatalf("got %d lines %v, want 2", len(lines), lines)
	}
	if lines[1].Text != "13812345678" {
		t.Errorf("second line = %q, want the whole phone number", lines[1].Text)
	}
}

func TestTextLines_ShrinksWhenTooWide(t *testing.T) {
	lines := Text{W: 30, H: 9, Size: 9, Content: "西湖区文三路"}.Lines(203)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	if lines[0].Mul != 1 {
		t.Errorf("multiplier = %d, want 1 (6 cells of 24 dots in 240 dots)", lines[0].Mul)
	}
	if lines[0].Text != "西湖区文三路" {
		t.Errorf("text = %q, want it whole", lines[0].Text)
	}
}

func TestTextLines_TruncatesWithEllipsis(t *testing.T) {
	text := Text{W: 15, H: 3, Size: 3, Content: "一二三四五六七八九十"}
	lines := text.Lines(203)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	if lines[0].Text != "一二三四…" {
		t.Errorf("text = %q, want %q", lines[0].Text, "一二三四…")
	}
	assertInside(t, text, lines, 8)
}

func TestTextLines_TruncatesLastWrappedLine(t *testing.T) {
	text := Text{W: 15, H: 7, Size: 3, Wrap: true, Content: strings.Repeat("一二三四五", 4)}
	lines := text.Lines(203)
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2 (the box height)", len(lines))
	}
	if !strings.HasSuffix(lines[1].Text, Ellipsis) {
		t.Errorf("last line = %q, want it to end with %q", lines[1].Text, Ellipsis)
	}
	assertInside(t, text, lines, 8)
}

func TestTextLines_Alignment(t *testing.T) {
	tests := []struct {
		align Align
		wantX int
	}{
		{AlignLeft, 80},
		{AlignCenter, 80 + (160-48)/2},
		{AlignRight, 80 + 160 - 48},
	}
	for _, tt := range tests {
		lines := Text{X: 10, W: 20, H: 3, Size: 3, Align: tt.align, Content: "中文"}.Lines(203)
		if len(lines) != 1 || lines[0].X != tt.wantX {
			t.Errorf("align %d: lines %v, want x %d", tt.align, lines, tt.wantX)
		}
	}
}

func TestTextLines_BoldAddsOneDot(t *testing.T) {
	lines := Text{W: 20, H: 3, Size: 3, Bold: true, Content: "中"}.Lines(203)
	if len(lines) != 1 || lines[0].Width != 25 {
		t.Errorf("lines %v, want one line 25 dots wide", lines)
	}
}

func TestTextLines_RandomTextStaysInBox(t *testing.T) {
	alphabet := []rune("中文地址abc123 -\"\\\r\n\x1b😀¥")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		runes := make([]rune, rng.IntN(120))
		for j := range runes {
			runes[j] = alphabet[rng.IntN(len(alphabet))]
		}
		text := Text{
			X: 1, Y: 1, W: 5 + rng.Float64()*60, H: 3 + rng.Float64()*20, Size: 3 + rng.Float64()*10,
			Wrap: rng.IntN(2) == 0, Bold: rng.IntN(2) == 0, Align: Align(rng.IntN(3)), Content: string(runes),
		}
		for _, dpi := range []int{203, 300} {
			dotsPerMM, _ := DotsPerMM(dpi)
			lines := text.Lines(dpi)
			assertInside(t, text, lines, dotsPerMM)
			for _, line := range lines {
				if strings.ContainsAny(line.Text, "\"\\\r\n\x1b") {
					t.Fatalf("case %d: line %q keeps a character that must be sanitized", i, line.Text)
				}
			}
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"quote becomes full width", `王"小"明`, "王＂小＂明"},
		{"backslash becomes full width", `a\["]b`, "a＼[＂]b"},
		{"line breaks become spaces", "a\r\nb", "a  b"},
		{"escape and group separator become spaces", "a\x1b!?\x1db\x00", "a !? b "},
		{"zero width joiner dropped", "a\u200db", "ab"},
		{"ideographic space kept", "a\u3000b", "a\u3000b"},
		{"invalid utf-8 replaced", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// assertInside fails when a line leaves the text's box, allowing a box lower
// than one cell to hold a single line.
func assertInside(t *testing.T, text Text, lines []PlacedLine, dotsPerMM int) {
	t.Helper()
	x0, y0 := toDots(text.X, dotsPerMM), toDots(text.Y, dotsPerMM)
	x1, y1 := x0+toDots(text.W, dotsPerMM), y0+toDots(text.H, dotsPerMM)
	for _, line := range lines {
		if line.X < x0 || line.X+line.Width > x1 && line.Width > CellDots*line.Mul {
			t.Fatalf("line %q spans x %d..%d, box %d..%d", line.Text, line.X, line.X+line.Width, x0, x1)
		}
		if line.Y < y0 || line.Y+CellDots*line.Mul > y1 && len(lines) > 1 {
			t.Fatalf("line %q spans y %d..%d, box %d..%d", line.Text, line.Y, line.Y+CellDots*line.Mul, y0, y1)
		}
	}
}

func joinLines(lines []PlacedLine) string {
	var b strings.Builder
	for _, line := range lines {
		b.WriteString(line.Text)
	}
	return b.String()
}
