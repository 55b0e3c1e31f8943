package escpos

import (
	"bytes"
	"image"
)

// Command bytes.
const (
	esc = 0x1B
	gs  = 0x1D
	fs  = 0x1C
	lf  = 0x0A
)

// raster sends rows [from, to) of img: runs of blank rows as ESC J feeds and
// the rest as GS v 0 images of at most BandRows rows. Every image header
// states exactly the bytes that follow it: width rounded up to whole bytes,
// the padding bits white.
func (e *encoder) raster(img *image.Gray, from, to int) {
	width := img.Rect.Dx()
	widthBytes := (width + 7) / 8
	row := make([]byte, widthBytes)
	white := bytes.Repeat([]byte{0xFF}, width)

	for y := from; y < to; {
		if blankRow(img, y, white) {
			blank := y
			for y < to && blankRow(img, y, white) {
				y++
			}
			e.feed(y - blank)
			continue
		}

		start := y
		for y < to && y-start < e.profile.BandRows && !blankRow(img, y, white) {
			y++
		}
		rows := y - start
		e.buf = append(e.buf, gs, 'v', '0', 0, byte(widthBytes), byte(widthBytes>>8), byte(rows), byte(rows>>8))
		for r := start; r < y; r++ {
			packRow(row, img.Pix[r*img.Stride:r*img.Stride+width], e.profile.InvertRaster)
			e.buf = append(e.buf, row...)
		}
	}
}

// feed advances the paper by dots with ESC J, whose one-byte parameter
// moves at most 255 dots per command.
func (e *encoder) feed(dots int) {
	for dots > 0 {
		n := min(dots, 255)
		e.buf = append(e.buf, esc, 'J', byte(n))
		dots -= n
	}
}

// blankRow reports whether row y has no black pixel. white is a row of 255s
// as wide as the image: preview images hold only 0 and 255, so comparing
// whole rows with it finds blank ones at memory speed.
func blankRow(img *image.Gray, y int, white []uint8) bool {
	return bytes.Equal(img.Pix[y*img.Stride:y*img.Stride+img.Rect.Dx()], white)
}

// packRow packs gray pixels eight to a byte, leftmost in the most
// significant bit, 1 for black; padding bits past the width are white (0).
// invert flips every bit, padding included. A pixel's top bit is 0 for
// black (below 128), so each bit is that top bit inverted.
func packRow(row []byte, pixels []uint8, invert bool) {
	whole := len(pixels) / 8
	for i := range whole {
		p := pixels[i*8 : i*8+8 : i*8+8]
		row[i] = ^(p[0]&0x80 | p[1]>>1&0x40 | p[2]>>2&0x20 | p[3]>>3&0x10 |
			p[4]>>4&0x08 | p[5]>>5&0x04 | p[6]>>6&0x02 | p[7]>>7)
	}
	for i := whole; i < len(row); i++ {
		var bits byte
		for bit := range 8 {
			if px := i*8 + bit; px < len(pixels) && pixels[px] < 128 {
				bits |= 0x80 >> bit
			}
		}
		row[i] = bits
	}
	if invert {
		for i := range row {
			row[i] = ^row[i]
		}
	}
}
