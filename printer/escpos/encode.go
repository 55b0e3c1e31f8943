package escpos

import (
	"fmt"
	"math"
	"slices"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

// Encode renders one label as an ESC/POS job: ESC @, the label from top to
// bottom, then GS V 1 when the profile cuts. Positions come from
// label.Layout, so raster rows are the preview's rows at the same dpi.
func Encode(l label.Label, p Profile) ([]byte, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	ops, err := label.Layout(l, p.DPI)
	if err != nil {
		return nil, fmt.Errorf("encode escpos: %w", err)
	}
	dotsPerMM, err := label.DotsPerMM(p.DPI)
	if err != nil {
		return nil, fmt.Errorf("encode escpos: %w", err)
	}
	width := int(math.Round(l.Width * float64(dotsPerMM)))
	height := int(math.Round(l.Height * float64(dotsPerMM)))

	e := encoder{profile: p, codePage: newCodePage(p.Encoding)}
	e.buf = make([]byte, 0, width/8*height/4)
	e.buf = append(e.buf, esc, '@')
	if err := e.page(ops, width, height); err != nil {
		return nil, fmt.Errorf("encode escpos: %w", err)
	}
	if p.Cut {
		e.buf = append(e.buf, gs, 'V', 1)
	}
	return e.buf, nil
}

type encoder struct {
	profile  Profile
	codePage codePage
	buf      []byte
	scratch  []byte
}

// span is the rows [top, bottom) an op covers.
type span struct{ top, bottom int }

// native is an op sent as a printer command, with its rows.
type native struct {
	op label.Op
	span
}

// page sends the ops top-down. In native mode an op whose rows no other op
// touches may go out natively, and the raster of the other ops fills the
// rows between the native ones.
func (e *encoder) page(ops []label.Op, width, height int) error {
	var natives []native
	rasterOps := ops
	if e.profile.Mode == ModeNative {
		natives, rasterOps = e.pickNatives(ops)
	}
	img, err := preview.Draw(rasterOps, width, height)
	if err != nil {
		return err
	}

	cursor := 0
	for _, n := range natives {
		e.raster(img, cursor, n.top)
		if err := e.native(n.op); err != nil {
			return err
		}
		cursor = n.bottom
	}
	e.raster(img, cursor, height)
	return nil
}

// pickNatives splits ops into those sent natively, sorted top-down, and
// those drawn as raster.
func (e *encoder) pickNatives(ops []label.Op) ([]native, []label.Op) {
	spans := make([]span, len(ops))
	for i, op := range ops {
		spans[i] = opSpan(op)
	}

	var natives []native
	var rest []label.Op
	for i, op := range ops {
		if e.canSendNatively(op) && alone(spans, i) {
			natives = append(natives, native{op, spans[i]})
			continue
		}
		rest = append(rest, op)
	}
	slices.SortFunc(natives, func(a, b native) int { return a.top - b.top })
	return natives, rest
}

// alone reports whether no other op shares a row with op i.
func alone(spans []span, i int) bool {
	for j, s := range spans {
		if j != i && s.top < spans[i].bottom && spans[i].top < s.bottom {
			return false
		}
	}
	return true
}

// Limits of the native commands: GS h takes a one-byte height, GS w a module
// of 2–6 dots on the printers documented, GS ( k fn 67 a module of 1–16.
const (
	maxBarcodeHeight = 255
	minBarcodeModule = 2
	maxBarcodeModule = 6
	maxQRCell        = 16
)

// canSendNatively reports whether op has a native command within its limits.
// A text line also needs every character in the code page, else it is drawn
// as raster like any other op.
func (e *encoder) canSendNatively(op label.Op) bool {
	switch o := op.(type) {
	case label.PlacedBarcode:
		_, err := code128Data(o.Content)
		return err == nil && o.Height <= maxBarcodeHeight && o.Module >= minBarcodeModule && o.Module <= maxBarcodeModule
	case label.PlacedQRCode:
		return o.Cell >= 1 && o.Cell <= maxQRCell && len(o.Content) <= maxQRBytes
	case label.PlacedLine:
		_, ok := e.codePage.encode(e.scratch[:0], label.Sanitize(o.Text))
		return ok && o.Mul <= maxTextMultiplier
	}
	return false
}

func opSpan(op label.Op) span {
	switch o := op.(type) {
	case label.PlacedLine:
		return span{o.Y, o.Y + label.CellDots*o.Mul}
	case label.PlacedBarcode:
		return span{o.Y, o.Y + o.Height}
	case label.PlacedQRCode:
		return span{o.Y, o.Y + o.Modules*o.Cell}
	case label.PlacedBar:
		return span{o.Y, o.Y + o.H}
	case label.PlacedBox:
		return span{o.Y1, o.Y2}
	case label.PlacedReverse:
		return span{o.Y, o.Y + o.H}
	case label.PlacedImage:
		return span{o.Y, o.Y + o.Bitmap.Rect.Dy()}
	}
	return span{}
}

// native sends one op as a printer command. Barcodes and QR codes are
// placed with the left margin GS L, reset to 0 after them.
func (e *encoder) native(op label.Op) error {
	switch o := op.(type) {
	case label.PlacedLine:
		if !e.nativeText(o) {
			return fmt.Errorf("text line at y %d cannot be sent natively", o.Y)
		}
	case label.PlacedBarcode:
		data, err := code128Data(o.Content)
		if err != nil {
			return err
		}
		e.leftMargin(o.X)
		e.buf = append(e.buf,
			gs, 'H', 0, // no human-readable line: the layout places its own
			gs, 'h', byte(o.Height),
			gs, 'w', byte(o.Module),
			gs, 'k', 73, byte(len(data)),
		)
		e.buf = append(e.buf, data...)
		e.leftMargin(0)
	case label.PlacedQRCode:
		// NOTE: the rows after a native QR code assume the printer picks the
		// smallest version at level M, as the layout did; checked against no
		// printer yet.
		e.leftMargin(o.X)
		if err := e.qrCode(o.Content, o.Cell); err != nil {
			return err
		}
		e.leftMargin(0)
	default:
		return fmt.Errorf("op %T has no native command", op)
	}
	return nil
}

func (e *encoder) leftMargin(dots int) {
	e.buf = append(e.buf, gs, 'L', byte(dots), byte(dots>>8))
}
