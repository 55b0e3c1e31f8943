package preview

import "image"

// PolaritySample draws the square of a printer self-test: black, size dots
// on a side, with "OK" in white strokes. A printer that takes the bitmap
// polarity it was sent in prints exactly that. One with the other polarity
// prints a white square with black "OK", so the packer can tell which
// setting to keep. The letters are drawn from rectangles, not a font, so the sample
// is the same on every machine.
func PolaritySample(size int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, size, size))
	for i := range img.Pix {
		img.Pix[i] = 0
	}
	white := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.Pix[y*img.Stride+x] = 0xFF
			}
		}
	}

	// Both letters sit on a grid of eighths of the square.
	u := max(1, size/16)
	top, bottom := 4*u, 12*u
	// O: a ring from 2u to 7u.
	white(2*u, top, 7*u, top+u)
	white(2*u, bottom-u, 7*u, bottom)
	white(2*u, top, 3*u, bottom)
	white(6*u, top, 7*u, bottom)
	// K: a stem at 9u and two arms stepping away from its middle.
	white(9*u, top, 10*u, bottom)
	middle := (top + bottom) / 2
	for step := range 4 {
		white(10*u+step*u, middle-(step+1)*u, 11*u+step*u, middle-step*u)
		white(10*u+step*u, middle+step*u, 11*u+step*u, middle+(step+1)*u)
	}
	return img
}
