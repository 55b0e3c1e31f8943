package label

import (
	"fmt"
	"math"
	"strings"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
)

// Op is one placed element in printer dots: PlacedLine, PlacedBarcode,
// PlacedQRCode, PlacedBar, PlacedBox, PlacedReverse or PlacedImage.
type Op interface{ isOp() }

// PlacedBarcode is a Code 128 symbol whose first bar starts at X, Y (dots).
// Module is the narrow bar width in dots; Symbol is the encoded symbol, one
// module per pixel, as the preview draws it.
type PlacedBarcode struct {
	X, Y, Height, Module int
	Content              string
	Symbol               barcode.Barcode
}

// PlacedQRCode is a QR symbol (error correction M, automatic mode) whose
// top-left module is at X, Y (dots). Cell is the module size in dots and
// Modules the symbol's width in modules.
type PlacedQRCode struct {
	X, Y, Cell, Modules int
	Content             string
}

// PlacedBar is a filled black rectangle in dots.
type PlacedBar struct{ X, Y, W, H int }

// PlacedBox is a rectangle outline from X1, Y1 to X2, Y2 (dots, exclusive),
// Thickness dots wide inward.
type PlacedBox struct{ X1, Y1, X2, Y2, Thickness int }

// PlacedReverse is a block in dots whose dots are inverted.
type PlacedReverse struct{ X, Y, W, H int }

func (PlacedLine) isOp()    {}
func (PlacedBarcode) isOp() {}
func (PlacedQRCode) isOp()  {}
func (PlacedBar) isOp()     {}
func (PlacedBox) isOp()     {}
func (PlacedReverse) isOp() {}

// Layout places every item of l for a printer of dpi dots per inch (203 or
// 300), in item order. Both the TSPL encoder and the preview draw these Ops, so
// they agree on every dot position.
func Layout(l Label, dpi int) ([]Op, error) {
	dotsPerMM, err := DotsPerMM(dpi)
	if err != nil {
		return nil, fmt.Errorf("layout at %d dpi: %w", dpi, err)
	}
	page := dotBox{0, 0, toDots(l.Width, dotsPerMM), toDots(l.Height, dotsPerMM)}

	ops := make([]Op, 0, len(l.Items)+16)
	for i, item := range l.Items {
		placed, err := layoutItem(item, dotsPerMM)
		if err != nil {
			return nil, fmt.Errorf("layout item %d (%T): %w", i, item, err)
		}
		for _, op := range placed {
			if !inside(op, page) {
				return nil, fmt.Errorf("layout item %d (%T): %w", i, item, ErrOutsideLabel)
			}
		}
		ops = append(ops, placed...)
	}
	return ops, nil
}

func layoutItem(item Item, dotsPerMM int) ([]Op, error) {
	switch it := item.(type) {
	case Text:
		lines, _ := it.place(dotsPerMM)
		return linesToOps(lines), nil
	case Barcode:
		return layoutBarcode(it, dotsPerMM)
	case QRCode:
		return layoutQRCode(it, dotsPerMM)
	case Line:
		return layoutLine(it, dotsPerMM)
	case Box:
		x, y := toDots(it.X, dotsPerMM), toDots(it.Y, dotsPerMM)
		return []Op{PlacedBox{
			X1: x, Y1: y, X2: x + toDots(it.W, dotsPerMM), Y2: y + toDots(it.H, dotsPerMM),
			Thickness: thickness(it.Thickness, dotsPerMM),
		}}, nil
	case Reverse:
		return []Op{PlacedReverse{
			X: toDots(it.X, dotsPerMM), Y: toDots(it.Y, dotsPerMM), W: toDots(it.W, dotsPerMM), H: toDots(it.H, dotsPerMM),
		}}, nil
	case Image:
		return layoutImage(it, dotsPerMM)
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("unknown item type %T", item)
}

func linesToOps(lines []PlacedLine) []Op {
	ops := make([]Op, len(lines))
	for i, line := range lines {
		ops[i] = line
	}
	return ops
}

// thickness converts a line thickness to dots; a thickness above zero is at least one dot.
func thickness(mm float64, dotsPerMM int) int {
	return max(1, toDots(mm, dotsPerMM))
}

// quietModules is the blank margin that Code 128 needs on each side, in modules.
const quietModules = 10

// barcodeTextGap is the space between the bars and the human-readable line, in dots.
const barcodeTextGap = 4

func layoutBarcode(b Barcode, dotsPerMM int) ([]Op, error) {
	if err := checkBarcodeContent(b.Content); err != nil {
		return nil, err
	}
	symbol, err := code128.Encode(b.Content)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrInvalidBarcode, b.Content, err)
	}

	box := dotBox{toDots(b.X, dotsPerMM), toDots(b.Y, dotsPerMM), toDots(b.W, dotsPerMM), toDots(b.H, dotsPerMM)}
	modules := symbol.Bounds().Dx()
	module := box.w / (modules + 2*quietModules)
	if module < 1 {
		return nil, fmt.Errorf("%w: %d modules in %d dots", ErrBarcodeTooWide, modules, box.w)
	}

	barsHeight := box.h
	var text []PlacedLine
	if b.HumanReadable {
		barsHeight -= CellDots + barcodeTextGap
		textBox := dotBox{box.x, box.y + barsHeight + barcodeTextGap, box.w, CellDots}
		text, _ = fitText(b.Content, textBox, 1, false, false, AlignCenter)
	}
	if barsHeight < 1 {
		return nil, fmt.Errorf("%w: %d dots leave no room for bars", ErrBarcodeTooWide, box.h)
	}

	// NOTE: the printer picks its own Code 128 code sets for BARCODE "128"; if
	// its choice differs from boombuler's, its bars end a few modules off the
	// preview's, while the start X stays the same.
	ops := []Op{PlacedBarcode{
		X: box.x + (box.w-modules*module)/2, Y: box.y, Height: barsHeight, Module: module,
		Content: b.Content, Symbol: symbol,
	}}
	return append(ops, linesToOps(text)...), nil
}

// checkBarcodeContent accepts printable ASCII except '"' and '\', which a TSPL
// quoted string cannot carry on every firmware. Code 128 itself limits the
// length to 80 characters here.
func checkBarcodeContent(s string) error {
	if s == "" {
		return fmt.Errorf("%w: empty", ErrInvalidBarcode)
	}
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return fmt.Errorf("%w: %q has %q", ErrInvalidBarcode, s, r)
		}
	}
	return nil
}

// qrQuietModules is the blank margin kept around a QR symbol inside its square, in modules.
const qrQuietModules = 2

// maxQRCell is the largest QR module size TSPL QRCODE accepts, in dots.
const maxQRCell = 10

func layoutQRCode(q QRCode, dotsPerMM int) ([]Op, error) {
	if q.Content == "" || strings.ContainsAny(q.Content, "\"\\") || strings.ContainsFunc(q.Content, isControl) {
		return nil, fmt.Errorf("%w: %q", ErrInvalidQRCode, q.Content)
	}
	modules, err := qrModules(q.Content)
	if err != nil {
		return nil, err
	}

	size := toDots(q.Size, dotsPerMM)
	cell := min(size/(modules+2*qrQuietModules), maxQRCell)
	if cell < 1 {
		return nil, fmt.Errorf("%w: %d modules in %d dots", ErrQRCodeTooLarge, modules, size)
	}
	// NOTE: assumes the printer's QRCODE auto mode picks the same smallest version
	// as boombuler; checked against no printer yet.
	offset := (size - modules*cell) / 2
	return []Op{PlacedQRCode{
		X: toDots(q.X, dotsPerMM) + offset, Y: toDots(q.Y, dotsPerMM) + offset, Cell: cell, Modules: modules,
		Content: q.Content,
	}}, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func layoutLine(l Line, dotsPerMM int) ([]Op, error) {
	t := thickness(l.Thickness, dotsPerMM)
	x1, y1 := toDots(l.X1, dotsPerMM), toDots(l.Y1, dotsPerMM)
	x2, y2 := toDots(l.X2, dotsPerMM), toDots(l.Y2, dotsPerMM)
	switch {
	case y1 == y2:
		return []Op{PlacedBar{X: min(x1, x2), Y: y1 - t/2, W: max(1, abs(x2-x1)), H: t}}, nil
	case x1 == x2:
		return []Op{PlacedBar{X: x1 - t/2, Y: min(y1, y2), W: t, H: abs(y2 - y1)}}, nil
	}
	return nil, fmt.Errorf("%w: (%g,%g)-(%g,%g)", ErrDiagonalLine, l.X1, l.Y1, l.X2, l.Y2)
}

func abs(v int) int { return int(math.Abs(float64(v))) }

// inside reports whether op lies within the page.
func inside(op Op, page dotBox) bool {
	var x, y, w, h int
	switch o := op.(type) {
	case PlacedLine:
		x, y, w, h = o.X, o.Y, o.Width, CellDots*o.Mul
	case PlacedBarcode:
		x, y, w, h = o.X, o.Y, o.Symbol.Bounds().Dx()*o.Module, o.Height
	case PlacedQRCode:
		n := o.Modules * o.Cell
		x, y, w, h = o.X, o.Y, n, n
	case PlacedBar:
		x, y, w, h = o.X, o.Y, o.W, o.H
	case PlacedBox:
		x, y, w, h = o.X1, o.Y1, o.X2-o.X1, o.Y2-o.Y1
	case PlacedReverse:
		x, y, w, h = o.X, o.Y, o.W, o.H
	case PlacedImage:
		x, y, w, h = o.X, o.Y, o.Bitmap.Rect.Dx(), o.Bitmap.Rect.Dy()
	}
	return x >= 0 && y >= 0 && w >= 0 && h >= 0 && x+w <= page.w && y+h <= page.h
}
