package app

import (
	"context"
	"sync"

	"github.com/printstation/printstation/printer"
)

// desk is one printer of the station; its lock keeps one job at a time on
// it.
type desk struct {
	transport printer.Transport
	// template is the only label template the printer takes (the label
	// size loaded in it), "" for any.
	template string
	mu       sync.Mutex
}

func (d *desk) send(ctx context.Context, job printer.Job) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.transport.Send(ctx, job)
}

// AddPrinter adds a printer to the station: a batch is then split across
// all its printers, each taking the next label as soon as it is free.
// Reprints go to the first printer. Call it before the first batch.
func (s *Station) AddPrinter(t printer.Transport) {
	s.desks = append(s.desks, &desk{transport: t})
}

// SetPrinterTemplate makes the station's printer i (0 is the first) take
// only labels of the named template, the label size loaded in it. An empty
// name lets it take any.
func (s *Station) SetPrinterTemplate(i int, template string) {
	s.desks[i].template = template
}

// Printers returns the station's printers, the first one first.
func (s *Station) Printers() []printer.Transport {
	out := make([]printer.Transport, 0, len(s.desks))
	for _, d := range s.desks {
		out = append(out, d.transport)
	}
	return out
}
