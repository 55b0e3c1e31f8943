package label

import (
	"fmt"
	"strings"
)

// FromTemplate fills a waybill or packing-slip template with w. An item
// whose field is empty is left out with its caption, and so is an item none
// of whose When fields has a value. The item summary is cut to what fits its
// box and ends with "等N件" when entries were left out; a table with more
// items than rows ends with a row that counts the rest.
func FromTemplate(t Template, w Waybill) (Label, error) {
	if err := t.Validate(); err != nil {
		return Label{}, err
	}
	if t.Kind == KindPickList {
		return Label{}, &TemplateError{File: t.File, Path: "kind", Problem: "a picklist template is filled by PickList, not FromTemplate"}
	}
	f := filler{
		value: w.fieldValue,
		items: w.Items,
		rows:  itemRows(w.Items),
	}
	return f.fill(t)
}

// filler fills a template from one data source.
type filler struct {
	value func(field string) string
	items []ItemLine   // for the summary field "items"
	rows  [][]tableRow // table rows; a table takes the first slice left
	out   []Item
}

func (f *filler) fill(t Template) (Label, error) {
	for i, it := range t.Items {
		if err := f.item(it); err != nil {
			return Label{}, fmt.Errorf("fill %s items[%d]: %w", t.Name, i, err)
		}
	}
	return Label{Width: t.Width, Height: t.Height, Items: f.out}, nil
}

func (f *filler) item(it TemplateItem) error {
	if !f.anyPresent(it.When) {
		return nil
	}
	switch it.Type {
	case "text":
		if text, ok := f.text(it); ok {
			f.out = append(f.out, text)
		}
	case "barcode":
		if content := f.value(it.Field); content != "" {
			f.out = append(f.out, Barcode{X: it.X, Y: it.Y, W: it.W, H: it.H, Content: content, HumanReadable: it.HumanReadable})
		}
	case "qrcode":
		if content := f.value(it.Field); content != "" {
			f.out = append(f.out, QRCode{X: it.X, Y: it.Y, Size: it.Size, Content: content})
		}
	case "line":
		f.out = append(f.out, Line{X1: it.X, Y1: it.Y, X2: it.X2, Y2: it.Y2, Thickness: it.Thickness})
	case "box":
		f.out = append(f.out, Box{X: it.X, Y: it.Y, W: it.W, H: it.H, Thickness: it.Thickness})
	case "reverse":
		f.out = append(f.out, Reverse{X: it.X, Y: it.Y, W: it.W, H: it.H})
	case "image":
		f.out = append(f.out, Image{X: it.X, Y: it.Y, W: it.W, H: it.H, Source: it.image})
	case "stack":
		f.stack(it)
	case "table":
		f.table(it)
	default:
		return fmt.Errorf("%w: item type %q", ErrInvalidTemplate, it.Type)
	}
	return nil
}

// anyPresent reports whether When is empty or one of its fields has a value.
func (f *filler) anyPresent(fields []string) bool {
	for _, name := range fields {
		if f.value(name) != "" {
			return true
		}
	}
	return len(fields) == 0
}

// text returns the Text of a text item, or false when it has nothing to show.
func (f *filler) text(it TemplateItem) (Text, bool) {
	align, _ := parseAlign(it.Align)
	text := Text{X: it.X, Y: it.Y, W: it.W, H: it.H, Size: it.Size, Bold: it.Bold, Align: align, Wrap: it.Wrap}

	content := it.Text
	if content == "" {
		content = f.value(it.Field)
		if it.Field == "items" {
			content = summarizeItems(f.items, func(summary string) bool {
				probe := text
				probe.Content = it.Caption + summary
				return fitsWhole(probe)
			})
		}
		if strings.TrimSpace(content) == "" {
			return Text{}, false
		}
		content = it.Caption + content
	}
	text.Content = content
	return text, true
}

// stack places its texts top-down from the stack's top, each child's H apart
// plus Gap, skipping empty ones, and drops any that would pass the bottom.
func (f *filler) stack(it TemplateItem) {
	y := it.Y
	for _, child := range it.Items {
		child = stackChild(it, child)
		child.Y = y
		if y+child.H > it.Y+it.H+1e-9 {
			return
		}
		if text, ok := f.text(child); ok {
			f.out = append(f.out, text)
			y += child.H + it.Gap
		}
	}
}

// stackChild gives a stacked text the stack's x and width unless it sets its own.
func stackChild(stack, child TemplateItem) TemplateItem {
	if child.W == 0 {
		child.X, child.W = stack.X, stack.W
	}
	child.Y = stack.Y
	return child
}
