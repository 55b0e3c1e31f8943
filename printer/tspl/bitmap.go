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

	row := make([]byte, widthBytes)
	for py := bounds.Min.Y; py < bounds.Max.Y; py++ {
		for i := range row {
			row[i] = 0xFF
		}
		for px := bounds.Min.X; px < bounds.Max.X; px++ {
			if img.GrayAt(px, py).Y < 128 {
				col := px - bounds.Min.X
				row[col/8] &^= 0x80 >> (col % 8)
			}
		}
		if e.profile.InvertBitmap {
			for i := range row {
				row[i] = ^row[i]
			}
		}
		e.buf.Write(row)
	}
	e.buf.WriteString("\r\n")
}
