package emulator

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	bc "github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"

	"github.com/printstation/printstation/printer/preview"
)

// defaultWidthDots is the canvas width of an ESC/POS label, which has no
// SIZE: the 72 mm printable width of an 80 mm roll at 203 dpi.
const defaultWidthDots = 576

// mark is one thing the emulator draws on a label's image.
type mark interface {
	draw(img *image.Gray) error
}

// Image draws what the emulator received for the label: text (in the CJK
// font the preview finds, or boxes without one), bars, boxes, reversed
// blocks, bitmaps with the polarity they arrived in, barcodes and QR codes.
// White is 255, black 0. The image is as large as the label's SIZE, or for
// ESC/POS as wide as an 80 mm roll and as long as the paper fed.
func (l Label) Image() (*image.Gray, error) {
	w, h := l.widthDots, l.heightDots
	if w <= 0 {
		w = defaultWidthDots
	}
	if h <= 0 {
		h = 8
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for _, m := range l.marks {
		if err := m.draw(img); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// PNG returns Image encoded as PNG.
func (l Label) PNG() ([]byte, error) {
	img, err := l.Image()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode label image: %w", err)
	}
	return buf.Bytes(), nil
}

func fill(img *image.Gray, x, y, w, h int, c uint8) {
	r := image.Rect(x, y, x+w, y+h).Intersect(img.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			img.SetGray(px, py, color.Gray{Y: c})
		}
	}
}

type rectMark struct{ x, y, w, h int }

func (m rectMark) draw(img *image.Gray) error {
	fill(img, m.x, m.y, m.w, m.h, 0)
	return nil
}

// boxMark is TSPL BOX x1,y1,x2,y2,thickness: the outline grows inward.
type boxMark struct{ x1, y1, x2, y2, t int }

func (m boxMark) draw(img *image.Gray) error {
	w, h := m.x2-m.x1, m.y2-m.y1
	fill(img, m.x1, m.y1, w, m.t, 0)
	fill(img, m.x1, m.y2-m.t, w, m.t, 0)
	fill(img, m.x1, m.y1, m.t, h, 0)
	fill(img, m.x2-m.t, m.y1, m.t, h, 0)
	return nil
}

type reverseMark struct{ x, y, w, h int }

func (m reverseMark) draw(img *image.Gray) error {
	r := image.Rect(m.x, m.y, m.x+m.w, m.y+m.h).Intersect(img.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			i := img.PixOffset(px, py)
			img.Pix[i] = 255 - img.Pix[i]
		}
	}
	return nil
}

// textMark draws text with the preview's glyphs in cells height dots high.
type textMark struct {
	x, y, height int
	text         string
}

func (m textMark) draw(img *image.Gray) error {
	run, err := preview.Rasterizer{}.RasterizeRun(m.text, m.height, false)
	if err != nil {
		return err
	}
	b := run.Bounds()
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			if run.GrayAt(px, py).Y < 128 {
				fill(img, m.x+px-b.Min.X, m.y+py-b.Min.Y, 1, 1, 0)
			}
		}
	}
	return nil
}

// bitmapMark is a TSPL BITMAP or an ESC/POS raster image. TSPL burns a dot
// for a 0 bit and ESC/POS for a 1 bit, so oneIsBlack records which rule applies.
type bitmapMark struct {
	x, y, widthBytes, rows int
	mode                   int // TSPL: 0 overwrite, 1 OR, 2 XOR
	data                   []byte
	oneIsBlack             bool
}

func (m bitmapMark) draw(img *image.Gray) error {
	for row := range m.rows {
		for col := range m.widthBytes * 8 {
			bit := m.data[row*m.widthBytes+col/8]&(0x80>>(col%8)) != 0
			black := bit == m.oneIsBlack
			px, py := m.x+col, m.y+row
			if !image.Pt(px, py).In(img.Rect) {
				continue
			}
			i := img.PixOffset(px, py)
			switch {
			case m.mode == 2 && black:
				img.Pix[i] = 255 - img.Pix[i]
			case m.mode == 2:
			case black:
				img.Pix[i] = 0
			case m.mode == 0:
				img.Pix[i] = 255
			}
		}
	}
	return nil
}

// barcodeMark draws content as Code 128 bars, narrow dots per module.
//
// NOTE: other symbologies (39, EAN13) are drawn as Code 128 too: the image
// shows where the barcode is and that it has content, not its exact bars.
type barcodeMark struct {
	x, y, height, narrow int
	content              string
}

func (m barcodeMark) draw(img *image.Gray) error {
	symbol, err := code128.Encode(m.content)
	if err != nil {
		fill(img, m.x, m.y, 8, m.height, 0)
		return nil
	}
	drawModules(img, symbol, m.x, m.y, m.narrow, m.height)
	return nil
}

type qrMark struct {
	x, y, cell int
	content    string
}

func (m qrMark) draw(img *image.Gray) error {
	symbol, err := qr.Encode(m.content, qr.M, qr.Auto)
	if err != nil {
		fill(img, m.x, m.y, 8*m.cell, 8*m.cell, 0)
		return nil
	}
	drawModules(img, symbol, m.x, m.y, m.cell, m.cell)
	return nil
}

// drawModules draws every dark module of a one- or two-dimensional symbol.
// A one-dimensional symbol has a height of one module, drawn height dots
// tall.
func drawModules(img *image.Gray, symbol bc.Barcode, x, y, module, height int) {
	b := symbol.Bounds()
	for my := b.Min.Y; my < b.Max.Y; my++ {
		for mx := b.Min.X; mx < b.Max.X; mx++ {
			if r, _, _, _ := symbol.At(mx, my).RGBA(); r < 0x8000 {
				fill(img, x+(mx-b.Min.X)*module, y+(my-b.Min.Y)*height, module, height, 0)
			}
		}
	}
}

// qrSide estimates the side of a QR code in dots, for the paper position
// after it.
func qrSide(content string, cell int) int {
	symbol, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return 21 * cell
	}
	return symbol.Bounds().Dx() * cell
}

// SavePNGs writes the image of every label printed so far to dir as
// "label-0001.png" and so on, creating dir if needed, and returns how many
// it wrote.
func (e *Emulator) SavePNGs(dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("save label images: %w", err)
	}
	for i, l := range e.Labels() {
		data, err := l.PNG()
		if err != nil {
			return i, fmt.Errorf("save label image %d: %w", i+1, err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("label-%04d.png", i+1)), data, 0o644); err != nil {
			return i, fmt.Errorf("save label images: %w", err)
		}
	}
	return len(e.Labels()), nil
}
