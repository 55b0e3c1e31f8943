package preview

import (
	"fmt"
	"image"
	"unicode/utf8"
)

// Rasterizer draws text runs the printer's font cannot show, with the glyphs
// Render uses. It implements tspl.Rasterizer; the zero value is ready to use
// and safe for concurrent use.
type Rasterizer struct{}

// RasterizeRun draws s black on white in cells heightDots high: ASCII
// characters heightDots/2 wide and others heightDots wide, plus one dot when
// bold.
func (Rasterizer) RasterizeRun(s string, heightDots int, bold bool) (*image.Gray, error) {
	if heightDots <= 0 {
		return nil, fmt.Errorf("rasterize run: height %d dots is not positive", heightDots)
	}
	width := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			width += heightDots / 2
		} else {
			width += heightDots
		}
	}
	if bold {
		width++
	}

	img := image.NewGray(image.Rect(0, 0, width, heightDots))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	drawRun(img, 0, 0, s, heightDots, bold)
	return img, nil
}
