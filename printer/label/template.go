package label

import (
	"errors"
	"fmt"
	"image"
	"slices"
)

// Kind says what data a Template is filled from.
type Kind string

// Template kinds.
const (
	// KindWaybill is a courier label filled from one Waybill.
	KindWaybill Kind = "waybill"
	// KindPackingSlip (发货单) is filled from one Waybill; its tables list the
	// waybill's items one per row.
	KindPackingSlip Kind = "packingslip"
	// KindPickList (拣货单) is filled from a batch of waybills; its tables list
	// each SKU once with the quantity summed over the batch.
	KindPickList Kind = "picklist"
)

// Template is a label layout stored as data: a JSON file that names the
// Waybill fields each item shows. FromTemplate and PickList fill it.
type Template struct {
	Name   string         `json:"name"`  // what --template and the settings call it, e.g. "76x130"
	Title  string         `json:"title"` // shown in the settings, e.g. "一联单 76×130"
	Kind   Kind           `json:"kind"`
	Width  float64        `json:"width"` // millimetres
	Height float64        `json:"height"`
	Items  []TemplateItem `json:"items"`

	// File is where the template was read from, for error messages.
	File string `json:"-"`
}

// TemplateItem is one item of a Template. Type picks the item and which of
// the other members apply; all lengths are in millimetres.
type TemplateItem struct {
	// Type is text, barcode, qrcode, line, box, reverse, image, stack or table.
	Type string `json:"type"`

	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	W         float64 `json:"w"`
	H         float64 `json:"h"`
	X2        float64 `json:"x2"` // end of a line
	Y2        float64 `json:"y2"`
	Thickness float64 `json:"thickness"` // of a line or box

	Size  float64 `json:"size"`  // text cell height; side of a QR square
	Bold  bool    `json:"bold"`  // text
	Align string  `json:"align"` // text: left (default), center or right
	Wrap  bool    `json:"wrap"`  // text

	// Field names the data a text, barcode or QR code shows (see Fields).
	Field string `json:"field"`
	// Text is literal text, printed when every When field is present.
	Text string `json:"text"`
	// Caption goes before the field's value, and only when it is not empty.
	Caption string `json:"caption"`
	// When lists fields of which at least one must be non-empty for the item
	// to be drawn, so a marker or a reverse block never stands alone.
	When []string `json:"when"`

	HumanReadable bool `json:"human_readable"` // barcode: number below the bars

	// Src is an image file, relative to the template's folder.
	Src string `json:"src"`

	// Gap is the space between the texts of a stack, which drops its empty
	// texts and moves the ones below up.
	Gap   float64        `json:"gap"`
	Items []TemplateItem `json:"items"` // the texts of a stack

	// RowHeight and Columns shape a table; Rows names its row source
	// ("items" or "pick").
	RowHeight float64  `json:"row_height"`
	Rows      string   `json:"rows"`
	Columns   []Column `json:"columns"`

	image image.Image // decoded Src
}

// Column is one column of a table item: the row field it shows, its header
// text and width in millimetres.
type Column struct {
	Field  string  `json:"field"`
	Header string  `json:"header"`
	W      float64 `json:"w"`
	Align  string  `json:"align"`
}

// ErrInvalidTemplate is wrapped by every TemplateError.
var ErrInvalidTemplate = errors.New("invalid label template")

// TemplateError is a template that cannot be used, with the file and the
// JSON path of the offending member (for example "items[3].field").
type TemplateError struct {
	File, Path, Problem string
}

func (e *TemplateError) Error() string {
	where := e.File
	if e.Path != "" {
		where += ": " + e.Path
	}
	return fmt.Sprintf("label template %s: %s", where, e.Problem)
}

func (e *TemplateError) Unwrap() error { return ErrInvalidTemplate }

var itemTypes = []string{"text", "barcode", "qrcode", "line", "box", "reverse", "image", "stack", "table"}

// Validate checks every member a fill would use and returns a *TemplateError
// for the first problem, so a user's own template fails when it is loaded,
// not when a label is printed.
func (t Template) Validate() error {
	fail := func(path, format string, args ...any) error {
		return &TemplateError{File: t.File, Path: path, Problem: fmt.Sprintf(format, args...)}
	}
	if t.Name == "" {
		return fail("name", "missing")
	}
	if !slices.Contains([]Kind{KindWaybill, KindPackingSlip, KindPickList}, t.Kind) {
		return fail("kind", "%q is not waybill, packingslip or picklist", t.Kind)
	}
	if t.Width <= 0 || t.Height <= 0 || t.Width > 250 || t.Height > 1000 {
		return fail("width", "label %g×%g mm is not between 1×1 and 250×1000 mm", t.Width, t.Height)
	}
	for i, it := range t.Items {
		if err := t.validateItem(it, fmt.Sprintf("items[%d]", i), false); err != nil {
			return err
		}
	}
	return nil
}

func (t Template) validateItem(it TemplateItem, path string, inStack bool) error {
	fail := func(member, format string, args ...any) error {
		return &TemplateError{File: t.File, Path: path + member, Problem: fmt.Sprintf(format, args...)}
	}
	if !slices.Contains(itemTypes, it.Type) {
		return fail(".type", "%q is not one of %v", it.Type, itemTypes)
	}
	if inStack && it.Type != "text" {
		return fail(".type", "a stack holds only text items, not %q", it.Type)
	}
	for j, name := range it.When {
		if !t.hasField(name) {
			return fail(fmt.Sprintf(".when[%d]", j), "unknown field %q for a %s template", name, t.Kind)
		}
	}
	if _, ok := parseAlign(it.Align); !ok {
		return fail(".align", "%q is not left, center or right", it.Align)
	}

	x2, y2 := it.X+it.W, it.Y+it.H
	if it.Type == "line" {
		x2, y2 = max(it.X, it.X2), max(it.Y, it.Y2)
	}
	if it.Type == "qrcode" {
		x2, y2 = it.X+it.Size, it.Y+it.Size
	}
	if it.X < 0 || it.Y < 0 || x2 > t.Width || y2 > t.Height {
		return fail("", "%s at (%g,%g)-(%g,%g) mm extends beyond the %g×%g mm label", it.Type, it.X, it.Y, x2, y2, t.Width, t.Height)
	}

	switch it.Type {
	case "text":
		if it.Field == "" && it.Text == "" {
			return fail(".field", "a text needs a field or a text")
		}
		if it.Field != "" && !t.hasField(it.Field) {
			return fail(".field", "unknown field %q for a %s template", it.Field, t.Kind)
		}
		if it.Size <= 0 || it.W <= 0 || it.H <= 0 {
			return fail(".size", "a text needs a size, w and h above zero")
		}
	case "barcode", "qrcode":
		if !t.hasField(it.Field) {
			return fail(".field", "unknown field %q for a %s template", it.Field, t.Kind)
		}
		if it.Type == "barcode" && (it.W <= 0 || it.H <= 0) {
			return fail(".w", "a barcode needs w and h above zero")
		}
		if it.Type == "qrcode" && it.Size <= 0 {
			return fail(".size", "a QR code needs a size above zero")
		}
	case "line":
		if it.X != it.X2 && it.Y != it.Y2 {
			return fail("", "a line must be horizontal or vertical")
		}
	case "box", "reverse":
		if it.W <= 0 || it.H <= 0 {
			return fail(".w", "a %s needs w and h above zero", it.Type)
		}
	case "image":
		if it.image == nil {
			return fail(".src", "image %q was not loaded", it.Src)
		}
	case "stack":
		for j, child := range it.Items {
			if err := t.validateItem(stackChild(it, child), fmt.Sprintf("%s.items[%d]", path, j), true); err != nil {
				return err
			}
		}
	case "table":
		return t.validateTable(it, fail)
	}
	return nil
}

func (t Template) validateTable(it TemplateItem, fail func(member, format string, args ...any) error) error {
	wantRows := "items"
	if t.Kind == KindPickList {
		wantRows = "pick"
	}
	if t.Kind == KindWaybill || it.Rows != wantRows {
		return fail(".rows", "a %s template takes a table of %q rows, not %q", t.Kind, wantRows, it.Rows)
	}
	if it.RowHeight <= 0 || it.Size <= 0 || it.Size > it.RowHeight || it.H < 2*it.RowHeight {
		return fail(".row_height", "a table needs 0 < size ≤ row_height and room for a header and a row")
	}
	total := 0.0
	for j, c := range it.Columns {
		if !slices.Contains(rowFields, c.Field) {
			return fail(fmt.Sprintf(".columns[%d].field", j), "unknown row field %q, use one of %v", c.Field, rowFields)
		}
		if c.W <= 0 {
			return fail(fmt.Sprintf(".columns[%d].w", j), "a column needs a width above zero")
		}
		if _, ok := parseAlign(c.Align); !ok {
			return fail(fmt.Sprintf(".columns[%d].align", j), "%q is not left, center or right", c.Align)
		}
		total += c.W
	}
	if len(it.Columns) == 0 || total > it.W+1e-9 {
		return fail(".columns", "columns of %g mm in total must exist and fit the table's %g mm", total, it.W)
	}
	return nil
}

func (t Template) hasField(name string) bool {
	if t.Kind == KindPickList {
		return slices.Contains(pickFields, name)
	}
	_, ok := waybillFields[name]
	return ok
}

func parseAlign(s string) (Align, bool) {
	switch s {
	case "", "left":
		return AlignLeft, true
	case "center":
		return AlignCenter, true
	case "right":
		return AlignRight, true
	}
	return AlignLeft, false
}
