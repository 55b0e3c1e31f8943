// Package label describes a shipping label as positioned items and turns it into
// printer-dot placements.
//
// A Label is a page of items (text, barcodes, QR codes, lines, boxes, reverse
// blocks, images) in millimetres with the origin at the top-left corner and y growing down.
// Layout converts it, for one printer resolution, into Ops in printer dots. Line
// breaking and shrink-to-fit happen there and only there, so the TSPL encoder and
// the PNG preview put every line of text at the same dot.
//
// Text metrics are those of the resident simplified-Chinese font TSS24.BF2 of TSPL
// printers: a 24×24-dot cell, a full-width character takes one cell and an ASCII
// character half a cell, scaled by an integer multiplier from 1 to 10.
//
// Labels are usually built from a Template, a JSON file that places items and
// names the Waybill field each one shows (see Fields). The built-in templates
// (76×130 一联单, 100×180 二联单 with the seller's stub, 100×150, packing slip
// 发货单 and pick list 拣货单) are embedded from assets/templates; LoadTemplates
// adds a user's folder of templates. FromTemplate fills a waybill or packing
// slip and PickList sums the SKUs of a batch onto as many pages as needed.
package label

import (
	"errors"
	"image"
)

// Label is one label page. Width and Height are in millimetres.
type Label struct {
	Width, Height float64
	Items         []Item
}

// Item is an element of a Label: Text, Barcode, QRCode, Line, Box, Reverse or Image.
type Item interface{ isItem() }

// Align is the horizontal alignment of text lines inside their box.
type Align int

// Alignments of a Text box.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Text is a text box. X, Y, W, H and Size are in millimetres; Size is the
// requested character cell height, rounded down to a whole multiple of the
// printer font's 24-dot cell (at least one cell). Text stays inside W×H: it
// wraps when Wrap is set, shrinks when it still does not fit, and finally ends
// with "…". The exception is a box lower than one cell or narrower than one
// character, which still gets that one line. Blank Content produces nothing.
type Text struct {
	X, Y, W, H float64
	Size       float64
	Bold       bool
	Align      Align
	Wrap       bool
	Content    string
}

// Barcode is a Code 128 barcode centred in the W×H box (millimetres). With
// HumanReadable the content is printed as text below the bars inside the same box.
type Barcode struct {
	X, Y, W, H    float64
	Content       string
	HumanReadable bool
}

// QRCode is a QR code (error correction level M) centred in a Size×Size square
// whose top-left corner is X, Y (millimetres).
type QRCode struct {
	X, Y, Size float64
	Content    string
}

// Line is a horizontal or vertical line from X1, Y1 to X2, Y2, Thickness wide
// (millimetres). Diagonal lines are rejected by Layout with ErrDiagonalLine.
type Line struct {
	X1, Y1, X2, Y2, Thickness float64
}

// Box is a rectangle outline whose Thickness (millimetres) grows inward from the
// outer edge X, Y, W, H.
type Box struct {
	X, Y, W, H, Thickness float64
}

// Reverse inverts the block X, Y, W, H (millimetres) as TSPL REVERSE does, so
// anything drawn there before it turns white on black.
type Reverse struct {
	X, Y, W, H float64
}

// Image is a picture scaled to fit the box X, Y, W, H (millimetres) with its
// aspect ratio kept, centred, and thresholded to black and white: a pixel
// darker than mid-grey over white paper burns a dot.
type Image struct {
	X, Y, W, H float64
	Source     image.Image
}

func (Text) isItem()    {}
func (Barcode) isItem() {}
func (QRCode) isItem()  {}
func (Line) isItem()    {}
func (Box) isItem()     {}
func (Reverse) isItem() {}
func (Image) isItem()   {}

// Errors returned by Layout.
var (
	// ErrUnsupportedDPI means the resolution is neither 203 nor 300 dpi.
	ErrUnsupportedDPI = errors.New("unsupported printer resolution: use 203 or 300 dpi")
	// ErrInvalidBarcode means the Code 128 content is empty, too long, or has a
	// character outside printable ASCII or a '"' or '\' that TSPL cannot quote.
	ErrInvalidBarcode = errors.New("invalid Code 128 content")
	// ErrBarcodeTooWide means the barcode does not fit its box even at one dot per module.
	ErrBarcodeTooWide = errors.New("barcode does not fit its box")
	// ErrInvalidQRCode means the QR content is empty or has a control character,
	// '"' or '\' that TSPL cannot quote.
	ErrInvalidQRCode = errors.New("invalid QR code content")
	// ErrQRCodeTooLarge means the QR symbol does not fit its square even at one dot per module.
	ErrQRCodeTooLarge = errors.New("QR code does not fit its square")
	// ErrDiagonalLine means a Line is neither horizontal nor vertical; TSPL BAR
	// draws only axis-aligned lines.
	ErrDiagonalLine = errors.New("diagonal lines are not supported")
	// ErrInvalidImage means an Image has no source or a box without area.
	ErrInvalidImage = errors.New("invalid image")
	// ErrOutsideLabel means an item extends beyond the label's width or height.
	ErrOutsideLabel = errors.New("item extends beyond the label")
)
