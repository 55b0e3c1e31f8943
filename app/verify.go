package app

import (
	"fmt"
	"strings"

	"github.com/printstation/printstation/store"
)

// PackResult is the outcome of one item scan during a pack check.
type PackResult int

// Results of PackCheck.Scan.
const (
	// PackMatched: the item belongs in the parcel and was still missing.
	PackMatched PackResult = iota
	// PackComplete: the item matched and it was the last one missing.
	PackComplete
	// PackExtra: the item belongs in the parcel but all of it is scanned
	// already; one too many is in the box.
	PackExtra
	// PackWrongItem: the item does not belong in the parcel.
	PackWrongItem
)

// PackLine is one SKU of a parcel under a pack check.
type PackLine struct {
	Code    string
	Name    string
	Want    int
	Scanned int
}

// PackCheck verifies the packing of one parcel: after its label is
// scanned, each item's barcode (the SKU code) is scanned, and every scan
// is checked against the parcel's orders at once.
type PackCheck struct {
	Parcel  store.Parcel
	lines   []PackLine
	byCode  map[string]int
	wrong   []string // codes scanned that do not belong, in scan order
	scanned int
}

// NewPackCheck starts a pack check of parcel p with the items of its
// orders. Codes are compared without surrounding spaces and ignoring ASCII
// case, because scanners differ in both.
func NewPackCheck(p store.Parcel, items []store.Item) *PackCheck {
	c := &PackCheck{Parcel: p, byCode: map[string]int{}}
	for _, it := range items {
		code := normalizeCode(it.Code)
		if i, ok := c.byCode[code]; ok {
			c.lines[i].Want += it.Qty
			continue
		}
		c.byCode[code] = len(c.lines)
		c.lines = append(c.lines, PackLine{Code: it.Code, Name: it.Name, Want: it.Qty})
	}
	return c
}

func normalizeCode(code string) string { return lowerASCII(strings.TrimSpace(code)) }

// Scan records one scanned item barcode and returns what it found.
func (c *PackCheck) Scan(code string) PackResult {
	i, ok := c.byCode[normalizeCode(code)]
	if !ok || normalizeCode(code) == "" {
		c.wrong = append(c.wrong, strings.TrimSpace(code))
		return PackWrongItem
	}
	line := &c.lines[i]
	line.Scanned++
	if line.Scanned > line.Want {
		return PackExtra
	}
	if c.Done() {
		return PackComplete
	}
	return PackMatched
}

// Lines returns the parcel's SKUs with what was scanned of each.
func (c *PackCheck) Lines() []PackLine { return append([]PackLine(nil), c.lines...) }

// Missing returns the SKUs of which fewer were scanned than the parcel
// needs, with the count still missing in Want.
func (c *PackCheck) Missing() []PackLine {
	var out []PackLine
	for _, l := range c.lines {
		if l.Scanned < l.Want {
			out = append(out, PackLine{Code: l.Code, Name: l.Name, Want: l.Want - l.Scanned})
		}
	}
	return out
}

// Wrong returns the scanned codes that do not belong in the parcel.
func (c *PackCheck) Wrong() []string { return append([]string(nil), c.wrong...) }

// Done reports whether every item is scanned, none too many and nothing
// that does not belong.
func (c *PackCheck) Done() bool {
	if len(c.wrong) > 0 {
		return false
	}
	for _, l := range c.lines {
		if l.Scanned != l.Want {
			return false
		}
	}
	return true
}

// StartPackCheck looks up the parcel a scanned label names (a waybill
// number or an order id) and starts a pack check over the items of its
// orders. It returns ErrUnknownCode for an unknown code and ErrIntercepted
// for a parcel that must not ship.
func (s *Station) StartPackCheck(code string) (*PackCheck, error) {
	code = strings.TrimSpace(code)
	p, o, err := s.findByCode(code)
	if err != nil {
		return nil, fmt.Errorf("pack check %s: %w", code, err)
	}
	if p.State == store.StateIntercepted || p.State == store.StateCancelled || (o.Intercepted() && p.State != store.StateShipped) {
		return nil, fmt.Errorf("pack check %s: %w", code, ErrIntercepted)
	}

	items := append([]store.Item(nil), o.Items...)
	// A parcel may carry merged orders; the first one was loaded above.
	err = s.db.View(func(tx *store.Tx) error {
		for _, id := range p.OrderIDs {
			if id == o.ID {
				continue
			}
			other, err := tx.Order(id)
			if err != nil {
				return err
			}
			items = append(items, other.Items...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pack check %s: %w", code, err)
	}
	return NewPackCheck(p, items), nil
}
