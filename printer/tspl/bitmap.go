package tspl

import (
	"fmt"
	"image"
)

// bitmap writes img as BITMAP x,y,width_bytes,height,0 followed by the raw
// rows. In TSPL a 0 bit burns a dot, so black pixels (below 128) are 0 bits and
// the padding bits at the end of each row are 1 (white); InvertBitmap swaps both.
func (e *encoder) bitmap(x, y int, img *image.Gray) {
	bounds := img.Bounds()
	widthBytes := (bounds.Dx() + 7) / 8
	fmt.Fprintf(&e.buf, "BITMAP %d,%d,%d,%d,0,", x, y, widthBytes, bounds.Dy())
	e.buf.Grow(widthBytes*bounds.Dy() + 2)

	row := make([]byte, widthBytes)
	for py := range bounds.Dy() {
		pixels := img.Pix[py*img.Stride : py*img.Stride+bounds.Dx()]
		packRow(row, pixels, e.profile.InvertBitmap)
		e.buf.Write(row)
	}
	e.buf.WriteString("\r\n")
}

// packRow packs one row of gray pixels into TSPL bitmap bits, eight pixels
// to a byte with the leftmost in the most significant bit: 0 for black, 1
// for white and for the padding, all inverted when invert is set. A pixel's
// top bit is its bit, because black is below 128 and white 128 or above.
func packRow(row []byte, pixels []uint8, invert bool) {
	whole := len(pixels) / 8
	for i := range whole {
		p := pixels[i*8 : i*8+8 : i*8+8]
		row[i] = p[0]&0x80 | p[1]>>1&0x40 | p[2]>>2&0x20 | p[3]>>3&0x10 |
			p[4]>>4&0x08 | p[5]>>5&0x04 | p[6]>>6&0x02 | p[7]>>7
	}
	for i := whole; i < len(row); i++ {
		bits := byte(0xFF)
		for bit := range 8 {
			if px := i*8 + bit; px < len(pixels) && pixels[px] < 128 {
				bits &^= 0x80 >> bit
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
