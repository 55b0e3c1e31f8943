package tspl

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

// Font is the resident simplified-Chinese font every TEXT command uses. Its
// metrics (24×24-dot cell, ASCII half width) are the ones package label lays
// out with.
const Font = "TSS24.BF2"

// Encode renders one label as a complete TSPL job: SIZE, GAP, DIRECTION,
// REFERENCE, DENSITY, SPEED, CLS, the items, then PRINT 1,1. Positions come
// from label.Layout, so they match the preview at the same dpi. In bitmap
// mode the items are one BITMAP of the whole label as the preview draws it.
func Encode(l label.Label, p Profile) ([]byte, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	ops, err := label.Layout(l, p.DPI)
	if err != nil {
		return nil, fmt.Errorf("encode tspl: %w", err)
	}

	e := encoder{profile: p, codePage: newCodePage(p.Encoding)}
	e.buf.Grow(4096)
	e.header(l)
	if p.Mode == ModeBitmap {
		if err := e.wholeLabel(l, ops); err != nil {
			return nil, fmt.Errorf("encode tspl: %w", err)
		}
		e.line("PRINT 1,1")
		return e.buf.Bytes(), nil
	}
	for _, op := range ops {
		if err := e.op(op); err != nil {
			return nil, fmt.Errorf("encode tspl: %w", err)
		}
	}
	e.line("PRINT 1,1")
	return e.buf.Bytes(), nil
}

type encoder struct {
	profile  Profile
	codePage codePage
	buf      bytes.Buffer
	scratch  []byte
}

func (e *encoder) header(l label.Label) {
	e.line("SIZE " + mm(l.Width) + " mm," + mm(l.Height) + " mm")
	e.line("GAP " + mm(e.profile.GapMM) + " mm,0 mm")
	e.line("DIRECTION " + strconv.Itoa(e.profile.Direction))
	e.line("REFERENCE 0,0")
	e.line("DENSITY " + strconv.Itoa(e.profile.Density))
	e.line("SPEED " + mm(e.profile.Speed))
	e.line("CLS")
}

func (e *encoder) op(op label.Op) error {
	switch o := op.(type) {
	case label.PlacedLine:
		return e.text(o)
	case label.PlacedBarcode:
		if err := checkQuotable(o.Content); err != nil {
			return err
		}
		// Human-readable 0: package label places the number as its own text line.
		e.line(fmt.Sprintf(`BARCODE %d,%d,"128",%d,0,0,%d,%d,"%s"`, o.X, o.Y, o.Height, o.Module, o.Module, o.Content))
	case label.PlacedQRCode:
		if err := checkQuotable(o.Content); err != nil {
			return err
		}
		e.line(fmt.Sprintf(`QRCODE %d,%d,M,%d,A,0,"%s"`, o.X, o.Y, o.Cell, o.Content))
	case label.PlacedBar:
		e.line(fmt.Sprintf("BAR %d,%d,%d,%d", o.X, o.Y, o.W, o.H))
	case label.PlacedBox:
		e.line(fmt.Sprintf("BOX %d,%d,%d,%d,%d", o.X1, o.Y1, o.X2, o.Y2, o.Thickness))
	case label.PlacedReverse:
		e.line(fmt.Sprintf("REVERSE %d,%d,%d,%d", o.X, o.Y, o.W, o.H))
	case label.PlacedImage:
		e.bitmap(o.X, o.Y, o.Bitmap)
	default:
		return fmt.Errorf("unknown op %T", op)
	}
	return nil
}

// text writes a line as TEXT commands, one per run of characters the printer
// can show, and a BITMAP for each run it cannot. Without a Rasterizer those
// characters become Placeholder. Each run starts where label's metrics put it.
func (e *encoder) text(line label.PlacedLine) error {
	// Sanitize again: a PlacedLine may be built by hand, not only by label.Layout.
	content := label.Sanitize(line.Text)
	if e.profile.Rasterizer == nil {
		content = e.withPlaceholders(content)
	}
	x := line.X
	for len(content) > 0 {
		printable, rest, encoded := e.splitPrintable(content)
		if printable != "" {
			e.textCommand(x, line.Y, line.Mul, encoded)
			if line.Bold {
				e.textCommand(x+1, line.Y, line.Mul, encoded)
			}
			x += label.TextAdvance(printable, line.Mul)
		}
		if rest == "" {
			break
		}

		unprintable, after := e.splitUnprintable(rest)
		if err := e.unprintable(x, line, unprintable); err != nil {
			return err
		}
		x += label.TextAdvance(unprintable, line.Mul)
		content = after
	}
	return nil
}

// splitPrintable returns the leading run the printer can show, its bytes in
// the code page, and the remainder.
func (e *encoder) splitPrintable(s string) (run, rest string, encoded []byte) {
	e.scratch = e.scratch[:0]
	for i, r := range s {
		next, ok := e.codePage.appendRune(e.scratch, r)
		if !ok {
			return s[:i], s[i:], e.scratch
		}
		e.scratch = next
	}
	return s, "", e.scratch
}

func (e *encoder) splitUnprintable(s string) (run, rest string) {
	var probe [8]byte
	for i, r := range s {
		if _, ok := e.codePage.appendRune(probe[:0], r); ok {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// unprintable rasterizes a run the printer cannot show and sends it as a BITMAP.
func (e *encoder) unprintable(x int, line label.PlacedLine, run string) error {
	img, err := e.profile.Rasterizer.RasterizeRun(run, label.CellDots*line.Mul, line.Bold)
	if err != nil {
		return fmt.Errorf("rasterize %d characters: %w", len([]rune(run)), err)
	}
	e.bitmap(x, line.Y, img)
	return nil
}

// withPlaceholders replaces every character the printer cannot show by
// Placeholder, which keeps the line one TEXT command at the same width.
func (e *encoder) withPlaceholders(s string) string {
	var probe [8]byte
	return strings.Map(func(r rune) rune {
		if _, ok := e.codePage.appendRune(probe[:0], r); ok {
			return r
		}
		return Placeholder
	}, s)
}

// textCommand writes TEXT with content already in the printer's code page and
// free of '"', CR and LF (label.Sanitize removed them before encoding).
func (e *encoder) textCommand(x, y, mul int, content []byte) {
	fmt.Fprintf(&e.buf, `TEXT %d,%d,"%s",0,%d,%d,"`, x, y, Font, mul, mul)
	e.buf.Write(content)
	e.buf.WriteString("\"\r\n")
}

// wholeLabel draws every op as the preview does and sends the page as one
// BITMAP at 0,0.
func (e *encoder) wholeLabel(l label.Label, ops []label.Op) error {
	dotsPerMM, err := label.DotsPerMM(e.profile.DPI)
	if err != nil {
		return err
	}
	width := int(math.Round(l.Width * float64(dotsPerMM)))
	height := int(math.Round(l.Height * float64(dotsPerMM)))
	img, err := preview.Draw(ops, width, height)
	if err != nil {
		return err
	}
	e.bitmap(0, 0, img)
	return nil
}

func (e *encoder) line(s string) {
	e.buf.WriteString(s)
	e.buf.WriteString("\r\n")
}

// checkQuotable rejects barcode content that would end its quoted string or
// its line. label.Layout already rejects it; this guards hand-built ops.
func checkQuotable(s string) error {
	if strings.ContainsFunc(s, func(r rune) bool { return r == '"' || r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("%w: %q", ErrUnsafeContent, s)
	}
	return nil
}

// mm formats a millimetre or speed value without trailing zeros.
func mm(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
