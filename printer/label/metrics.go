package label

import (
	"math"
	"unicode/utf8"
)

// Metrics of the TSPL resident font TSS24.BF2, in printer dots at multiplier 1.
const (
	// CellDots is the height of a character cell and the advance of a full-width character.
	CellDots = 24
	// HalfCellDots is the advance of an ASCII character.
	HalfCellDots = CellDots / 2
	// MaxMultiplier is the largest TEXT multiplier TSPL accepts.
	MaxMultiplier = 10
)

// Ellipsis ends text that was truncated to fit its box. It is in GB2312 (A1AD),
// so the printer's resident font can print it.
const Ellipsis = "…"

// DotsPerMM returns the dots per millimetre of a printer resolution in dpi:
// 8 for 203 dpi, 12 for 300 dpi.
func DotsPerMM(dpi int) (int, error) {
	switch dpi {
	case 203:
		return 8, nil
	case 300:
		return 12, nil
	}
	return 0, ErrUnsupportedDPI
}

// toDots converts millimetres to whole dots, rounding to the nearest dot.
func toDots(mm float64, dotsPerMM int) int {
	return int(math.Round(mm * float64(dotsPerMM)))
}

// RuneAdvance returns the advance of r in dots at multiplier mul. ASCII takes
// half a cell and every other character a full cell. The printer's code pages
// encode non-ASCII characters as two bytes, and the font draws those full width.
func RuneAdvance(r rune, mul int) int {
	if r < utf8.RuneSelf {
		return HalfCellDots * mul
	}
	return CellDots * mul
}

// TextAdvance returns the width of s in dots at multiplier mul, without the
// extra dot of bold.
func TextAdvance(s string, mul int) int {
	width := 0
	for _, r := range s {
		width += RuneAdvance(r, mul)
	}
	return width
}

// lineGap is the space between two wrapped lines, in dots.
func lineGap(mul int) int {
	return 2 * mul
}

// linePitch is the distance between the tops of two wrapped lines, in dots.
func linePitch(mul int) int {
	return CellDots*mul + lineGap(mul)
}

// maxLines returns how many lines of multiplier mul fit a box height in dots.
func maxLines(height, mul int) int {
	return (height + lineGap(mul)) / linePitch(mul)
}

// multiplierFor returns the multiplier whose cell comes closest to sizeDots
// without exceeding it, clamped to 1…MaxMultiplier.
func multiplierFor(sizeDots int) int {
	mul := sizeDots / CellDots
	return max(1, min(mul, MaxMultiplier))
}
