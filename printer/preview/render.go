// Package preview draws a label.Label as the black-and-white image a thermal
// printer prints, for the screen and for documentation.
//
// It places text, barcodes and QR codes with label.Layout, the same pass the
// TSPL encoder uses, so every line starts on the dot it starts on paper. Only
// the glyph shapes differ: the preview draws each character with a system CJK
// font (see FindCJKFont) scaled into the printer font's cell, where the printer
// uses its resident bitmap font.
package preview

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"math"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"

	"github.com/printstation/printstation/printer/label"
)

// Render draws l at dpi (203 or 300, that is 8 or 12 dots/mm), one pixel per
// printer dot, black (0) on white (255). Fonts load once and glyphs are cached;
// Render is safe for concurrent use.
func Render(l label.Label, dpi int) (*image.Gray, error) {
	dotsPerMM, err := label.DotsPerMM(dpi)
	if err != nil {
		return nil, fmt.Errorf("render preview: %w", err)
	}
	ops, err := label.Layout(l, dpi)
	if err != nil {
		return nil, fmt.Errorf("render preview: %w", err)
	}

	width := int(math.Round(l.Width * float64(dotsPerMM)))
	height := int(math.Round(l.Height * float64(dotsPerMM)))
	return Draw(ops, width, height)
}

// Draw paints placed ops, in order, on a white image of width×height dots.
// Encoders that send some ops as native printer commands draw the others
// with it.
func Draw(ops []label.Op, width, height int) (*image.Gray, error) {
	img := image.NewGray(image.Rect(0, 0, width, height))
	fillWhite(img.Pix)

	for _, op := range ops {
		if err := drawOp(img, op); err != nil {
			return nil, fmt.Errorf("render preview: %w", err)
		}
	}
	return img, nil
}

func drawOp(img *image.Gray, op label.Op) error {
	switch o := op.(type) {
	case label.PlacedLine:
		drawRun(img, o.X, o.Y, o.Text, label.CellDots*o.Mul, o.Bold)
	case label.PlacedBarcode:
		drawBarcode(img, o)
	case label.PlacedQRCode:
		return drawQRCode(img, o)
	case label.PlacedBar:
		fillRect(img, o.X, o.Y, o.W, o.H)
	case label.PlacedBox:
		t := o.Thickness
		fillRect(img, o.X1, o.Y1, o.X2-o.X1, t)
		fillRect(img, o.X1, o.Y2-t, o.X2-o.X1, t)
		fillRect(img, o.X1, o.Y1, t, o.Y2-o.Y1)
		fillRect(img, o.X2-t, o.Y1, t, o.Y2-o.Y1)
	case label.PlacedReverse:
		invertRect(img, o.X, o.Y, o.W, o.H)
	case label.PlacedImage:
		drawBitmap(img, o)
	default:
		return fmt.Errorf("unknown op %T", op)
	}
	return nil
}

func drawBarcode(img *image.Gray, b label.PlacedBarcode) {
	modules := b.Symbol.Bounds().Dx()
	for i := range modules {
		if isDark(b.Symbol, i, 0) {
			fillRect(img, b.X+i*b.Module, b.Y, b.Module, b.Height)
		}
	}
}

func drawQRCode(img *image.Gray, q label.PlacedQRCode) error {
	symbol, err := qr.Encode(q.Content, qr.M, qr.Auto)
	if err != nil {
		return fmt.Errorf("encode QR code: %w", err)
	}
	if symbol.Bounds().Dx() != q.Modules {
		return fmt.Errorf("QR code has %d modules, layout expected %d", symbol.Bounds().Dx(), q.Modules)
	}
	for y := range q.Modules {
		for x := range q.Modules {
			if isDark(symbol, x, y) {
				fillRect(img, q.X+x*q.Cell, q.Y+y*q.Cell, q.Cell, q.Cell)
			}
		}
	}
	return nil
}

func isDark(symbol barcode.Barcode, x, y int) bool {
	r, g, b, _ := symbol.At(x, y).RGBA()
	return r+g+b < 3*0x8000
}

// drawBitmap copies a placed image, white dots included, as TSPL BITMAP
// mode 0 (overwrite) does.
func drawBitmap(img *image.Gray, b label.PlacedImage) {
	bounds := b.Bitmap.Rect
	for y := range bounds.Dy() {
		for x := range bounds.Dx() {
			px, py := b.X+x, b.Y+y
			if image.Pt(px, py).In(img.Rect) {
				img.Pix[img.PixOffset(px, py)] = b.Bitmap.Pix[y*b.Bitmap.Stride+x]
			}
		}
	}
}

// fillWhite sets every byte of pix to 255, doubling the filled part with
// copy, which runs far faster than a byte loop on a whole label.
func fillWhite(pix []uint8) {
	if len(pix) == 0 {
		return
	}
	pix[0] = 0xFF
	for filled := 1; filled < len(pix); filled *= 2 {
		copy(pix[filled:], pix[:filled])
	}
}

// fillRect paints a rectangle black, clipped to the image.
func fillRect(img *image.Gray, x, y, w, h int) {
	rect := image.Rect(x, y, x+w, y+h).Intersect(img.Rect)
	for py := rect.Min.Y; py < rect.Max.Y; py++ {
		row := img.Pix[img.PixOffset(rect.Min.X, py):img.PixOffset(rect.Max.X, py)]
		for i := range row {
			row[i] = 0
		}
	}
}

// invertRect swaps black and white in a rectangle, as TSPL REVERSE does.
func invertRect(img *image.Gray, x, y, w, h int) {
	rect := image.Rect(x, y, x+w, y+h).Intersect(img.Rect)
	for py := rect.Min.Y; py < rect.Max.Y; py++ {
		row := img.Pix[img.PixOffset(rect.Min.X, py):img.PixOffset(rect.Max.X, py)]
		for i := range row {
			row[i] = ^row[i]
		}
	}
}

// WritePNG encodes img as PNG with the fastest compression, because previews
// are rendered per label and shown at once.
func WritePNG(w io.Writer, img image.Image) error {
	encoder := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := encoder.Encode(w, img); err != nil {
		return fmt.Errorf("write preview png: %w", err)
	}
	return nil
}
