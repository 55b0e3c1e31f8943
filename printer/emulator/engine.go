package emulator

import (
	"context"
	"time"
)

// Defaults of the print engine model.
const (
	defaultBufferLabels = 2
	// defaultLabelMM is the length of a label without SIZE (ESC/POS): the
	// common 76×130 mm e-waybill.
	defaultLabelMM = 130
	// gapMM is the gap between labels the engine feeds after each one.
	gapMM = 2
	// faultPoll is how often a stopped engine checks whether the fault was
	// cleared.
	faultPoll = time.Millisecond
)

// engine models a print mechanism that prints one label at a time at a
// fixed speed from a small buffer. A label that meets a fault waits in the
// buffer and prints once the fault is cleared.
//
// NOTE: real printers differ here. Some keep the buffered labels through
// paper out, others drop them, which the emulator without PrintSpeed models.
type engine struct {
	e        *Emulator
	queue    chan Label
	perMM    time.Duration // time to feed one millimetre, scaled
	lastEnd  time.Time     // when the previous label finished; zero after a fault
	gaps     []time.Duration
	printing bool
}

func newEngine(e *Emulator, opts Options) *engine {
	scale := opts.TimeScale
	if scale <= 0 {
		scale = 1
	}
	buffer := opts.BufferLabels
	if buffer <= 0 {
		buffer = defaultBufferLabels
	}
	return &engine{
		e:     e,
		queue: make(chan Label, buffer),
		perMM: time.Duration(float64(time.Second) * scale / opts.PrintSpeed),
	}
}

// enqueue puts copies of l into the buffer, one entry per copy, waiting
// while the buffer is full. It returns how many copies it queued, fewer
// when the emulator closes.
func (g *engine) enqueue(l Label, copies int) int {
	l.Copies = 1
	for i := range copies {
		g.e.mu.Lock()
		g.e.pending++
		g.e.mu.Unlock()

		select {
		case g.queue <- l:
		case <-g.e.done:
			g.e.mu.Lock()
			g.e.pending--
			g.e.mu.Unlock()
			return i
		}
	}
	return copies
}

func (g *engine) run() {
	defer g.e.wg.Done()
	for {
		var l Label
		select {
		case l = <-g.queue:
		case <-g.e.done:
			return
		}

		g.e.mu.Lock()
		if !g.lastEnd.IsZero() {
			g.gaps = append(g.gaps, time.Since(g.lastEnd))
		}
		g.e.mu.Unlock()

		if !g.printOne(l) {
			return
		}
	}
}

// printOne waits until the printer has no fault and paper left, feeds the
// label's length and records it. It returns false when the emulator closes.
func (g *engine) printOne(l Label) bool {
	for {
		g.e.mu.Lock()
		faulted := g.e.headOpen || g.e.paperOut
		if !faulted && g.e.paperLeft >= 0 {
			if g.e.paperLeft == 0 {
				g.e.paperOut = true
				faulted = true
			} else {
				g.e.paperLeft--
			}
		}
		if faulted {
			// Time spent waiting for the packer is no gap the PC caused.
			g.lastEnd = time.Time{}
		} else {
			g.printing = true
		}
		g.e.mu.Unlock()

		if !faulted {
			break
		}
		if !g.sleep(faultPoll) {
			return false
		}
	}

	length := float64(defaultLabelMM)
	if l.heightDots > 0 {
		length = float64(l.heightDots) * 25.4 / float64(g.e.dpi)
	}
	if !g.sleep(time.Duration((length + gapMM) * float64(g.perMM))) {
		return false
	}

	g.e.mu.Lock()
	g.e.labels = append(g.e.labels, l)
	g.e.pending--
	g.printing = false
	g.lastEnd = time.Now()
	g.e.mu.Unlock()
	return true
}

func (g *engine) sleep(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-g.e.done:
		return false
	}
}

// IdleGaps returns, for the print engine model (Options.PrintSpeed), the
// time the engine waited for the next label after finishing one, for every
// label after the first. A gap near zero means the next label was already
// in the buffer. Waits for a fault to be cleared are not counted. Without
// the model it returns nil.
func (e *Emulator) IdleGaps() []time.Duration {
	if e.engine == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]time.Duration(nil), e.engine.gaps...)
}

// WaitIdle waits until no connection is open and, with the print engine
// model, every received label has printed, or until ctx ends. Tests call it
// before they count labels of a job whose sender gave up early.
func (e *Emulator) WaitIdle(ctx context.Context) error {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	for {
		e.mu.Lock()
		idle := len(e.conns) == 0 && e.pending == 0
		e.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ticker.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
