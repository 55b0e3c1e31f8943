package label

import (
	"fmt"
	"image"
	"image/color"
)

// PlacedImage is a black-and-white picture whose top-left dot is at X, Y.
// Bitmap holds 0 for a burnt dot and 255 for paper, one pixel per dot.
type PlacedImage struct {
	X, Y   int
	Bitmap *image.Gray
}

func (PlacedImage) isOp() {}

// layoutImage scales the source into its box with nearest-neighbour sampling,
// keeping the aspect ratio, and thresholds it. Transparent pixels count as
// paper, because a label is printed on white.
func layoutImage(it Image, dotsPerMM int) ([]Op, error) {
	if it.Source == nil {
		return nil, fmt.Errorf("%w: no source", ErrInvalidImage)
	}
	src := it.Source.Bounds()
	box := dotBox{toDots(it.X, dotsPerMM), toDots(it.Y, dotsPerMM), toDots(it.W, dotsPerMM), toDots(it.H, dotsPerMM)}
	if src.Empty() || box.w <= 0 || box.h <= 0 {
		return nil, fmt.Errorf("%w: %v source in a %d×%d-dot box", ErrInvalidImage, src.Size(), box.w, box.h)
	}

	// Scale by the tighter of the two ratios so the whole picture fits.
	w, h := box.w, src.Dy()*box.w/src.Dx()
	if h > box.h {
		w, h = src.Dx()*box.h/src.Dy(), box.h
	}
	w, h = max(1, w), max(1, h)

	bitmap := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		sy := src.Min.Y + y*src.Dy()/h
		for x := range w {
			sx := src.Min.X + x*src.Dx()/w
			bitmap.Pix[y*bitmap.Stride+x] = threshold(it.Source.At(sx, sy))
		}
	}
	return []Op{PlacedImage{X: box.x + (box.w-w)/2, Y: box.y + (box.h-h)/2, Bitmap: bitmap}}, nil
}

// threshold composes c over white paper and returns 0 (black) below half
// luminance, else 255.
func threshold(c color.Color) uint8 {
	r, g, b, a := c.RGBA()
	// Premultiplied colour over white: add the paper showing through.
	paper := 0xFFFF - a
	luma := (299*(r+paper) + 587*(g+paper) + 114*(b+paper)) / 1000
	if luma < 0x8000 {
		return 0
	}
	return 0xFF
}
