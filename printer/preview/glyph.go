package preview

import (
	"image"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// glyph is a character drawn into its cell: the black pixels of a cell
// cellHeight high, relative to the cell's top-left corner.
type glyph struct {
	bounds image.Rectangle
	black  []bool // bounds.Dx()·bounds.Dy(), row by row
}

type glyphKey struct {
	r          rune
	cellHeight int
}

// glyphCache holds thresholded glyphs; it is read without locking. Faces are
// not safe for concurrent use, so rasterizing a missing glyph holds faceMu.
var (
	glyphCache sync.Map // glyphKey → *glyph
	faceMu     sync.Mutex
	faces      = map[faceKey]*sizedFace{}
)

type faceKey struct {
	font       *sfnt.Font
	cellHeight int
}

// sizedFace is a face for one cell height with the baseline that centres an
// ideograph vertically in the cell, so ASCII and Chinese share a baseline.
type sizedFace struct {
	face     font.Face
	baseline fixed.Int26_6
}

// cellGlyph returns the glyph of r for a cell cellHeight high, as Render draws
// it: one cell wide for non-ASCII, half a cell for ASCII, centred horizontally.
func cellGlyph(r rune, cellHeight int) *glyph {
	key := glyphKey{r, cellHeight}
	if g, ok := glyphCache.Load(key); ok {
		return g.(*glyph)
	}

	faceMu.Lock()
	g := rasterizeGlyph(r, cellHeight)
	faceMu.Unlock()
	glyphCache.Store(key, g)
	return g
}

// rasterizeGlyph draws r with the CJK font, else with the Latin fallback, else
// as an empty box (tofu), and keeps the pixels of at least half coverage:
// a thermal head burns a dot or does not.
func rasterizeGlyph(r rune, cellHeight int) *glyph {
	cellWidth := cellHeight
	if r < utf8.RuneSelf {
		cellWidth = cellHeight / 2
	}
	if r == ' ' || r == '\u3000' {
		return &glyph{}
	}

	fs := sharedFonts()
	for _, f := range []*sfnt.Font{fs.cjk, fs.fallback} {
		if f == nil || !hasGlyph(f, r) {
			continue
		}
		sf := faceFor(f, cellHeight)
		if sf == nil {
			continue
		}
		advance, ok := sf.face.GlyphAdvance(r)
		if !ok {
			continue
		}
		dot := fixed.Point26_6{X: (fixed.I(cellWidth) - advance) / 2, Y: sf.baseline}
		dr, mask, maskp, _, ok := sf.face.Glyph(dot, r)
		if !ok {
			continue
		}
		g := &glyph{bounds: dr, black: make([]bool, dr.Dx()*dr.Dy())}
		for y := range dr.Dy() {
			for x := range dr.Dx() {
				_, _, _, a := mask.At(maskp.X+x, maskp.Y+y).RGBA()
				g.black[y*dr.Dx()+x] = a >= 0x8000
			}
		}
		return g
	}
	return tofu(cellWidth, cellHeight)
}

func hasGlyph(f *sfnt.Font, r rune) bool {
	var buf sfnt.Buffer
	index, err := f.GlyphIndex(&buf, r)
	return err == nil && index != 0
}

// faceFor returns the cached face of f for a cell height, or nil if the font
// cannot be sized.
func faceFor(f *sfnt.Font, cellHeight int) *sizedFace {
	key := faceKey{f, cellHeight}
	if sf, ok := faces[key]; ok {
		return sf
	}
	face, err := newFace(f, cellHeight)
	if err != nil {
		faces[key] = nil
		return nil
	}

	// Centre the ideograph 国 (or, in a Latin font, H) vertically in the cell.
	sf := &sizedFace{face: face, baseline: fixed.I(cellHeight) * 7 / 8}
	for _, reference := range []rune{'国', 'H'} {
		if !hasGlyph(f, reference) {
			continue
		}
		if bounds, _, ok := face.GlyphBounds(reference); ok {
			sf.baseline = (fixed.I(cellHeight)-(bounds.Max.Y-bounds.Min.Y))/2 - bounds.Min.Y
			break
		}
	}
	faces[key] = sf
	return sf
}

// tofu is the outline box drawn for a character no font has.
func tofu(cellWidth, cellHeight int) *glyph {
	inset := max(1, cellHeight/12)
	bounds := image.Rect(inset, inset, cellWidth-inset, cellHeight-inset)
	g := &glyph{bounds: bounds, black: make([]bool, bounds.Dx()*bounds.Dy())}
	for y := range bounds.Dy() {
		for x := range bounds.Dx() {
			g.black[y*bounds.Dx()+x] = x == 0 || y == 0 || x == bounds.Dx()-1 || y == bounds.Dy()-1
		}
	}
	return g
}

// draw paints the glyph black on img with its cell's top-left corner at x, y.
func (g *glyph) draw(img *image.Gray, x, y int) {
	width := g.bounds.Dx()
	for gy := range g.bounds.Dy() {
		py := y + g.bounds.Min.Y + gy
		if py < img.Rect.Min.Y || py >= img.Rect.Max.Y {
			continue
		}
		row := img.Pix[(py-img.Rect.Min.Y)*img.Stride:]
		for gx := range width {
			px := x + g.bounds.Min.X + gx
			if g.black[gy*width+gx] && px >= img.Rect.Min.X && px < img.Rect.Max.X {
				row[px-img.Rect.Min.X] = 0
			}
		}
	}
}

// drawRun draws s with cells cellHeight high starting at x, y, and again one
// dot to the right when bold, as the printer's double strike does.
func drawRun(img *image.Gray, x, y int, s string, cellHeight int, bold bool) {
	for _, r := range s {
		g := cellGlyph(r, cellHeight)
		g.draw(img, x, y)
		if bold {
			g.draw(img, x+1, y)
		}
		if r < utf8.RuneSelf {
			x += cellHeight / 2
		} else {
			x += cellHeight
		}
	}
}
