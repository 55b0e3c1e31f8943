package spool_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
	"github.com/printstation/printstation/printer/spool"
)

// collector gathers Results from several Spoolers.
type collector struct {
	mu      sync.Mutex
	results []spool.Result
}

func (c *collector) add(r spool.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.results = append(c.results, r)
}

func (c *collector) outcomes() map[spool.Outcome]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := map[spool.Outcome]int{}
	for _, r := range c.results {
		m[r.Outcome]++
	}
	return m
}

func runPool(t *testing.T, p *spool.Pool, jobs []printer.Job) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ch := make(chan printer.Job, len(jobs))
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	if err := p.Run(ctx, ch); err != nil {
		t.Fatalf("Pool.Run: %v", err)
	}
}

func TestPool_SplitsBatchAcrossPrinters(t *testing.T) {
	for _, strategy := range []spool.Strategy{spool.LeastLoaded, spool.RoundRobin} {
		a := startEmulator(t, emulator.Options{})
		b := startEmulator(t, emulator.Options{})
		a.SetReadDelay(time.Millisecond)
		var c collector
		p := spool.NewPool(strategy,
			spool.New(newTCP(a.Addr()), spool.Options{OnResult: c.add}),
			spool.New(newTCP(b.Addr()), spool.Options{OnResult: c.add}))

		ids := jobIDs(30)
		jobs := make([]printer.Job, len(ids))
		for i, id := range ids {
			jobs[i] = tsplJob(id)
		}
		runPool(t, p, jobs)

		checkExactlyOnce(t, ids, a, b)
		if got := c.outcomes()[spool.Printed]; got != 30 {
			t.Errorf("strategy %d: %d Printed results, want 30", strategy, got)
		}
		if a.LabelCount() == 0 || b.LabelCount() == 0 {
			t.Errorf("strategy %d: printers got %d and %d labels, want both used", strategy, a.LabelCount(), b.LabelCount())
		}
		if strategy == spool.RoundRobin && (a.LabelCount() != 15 || b.LabelCount() != 15) {
			t.Errorf("round robin gave %d and %d labels, want 15 each", a.LabelCount(), b.LabelCount())
		}
	}
}

func TestPool_PausedPrinterGetsNoNewJobs(t *testing.T) {
	a := startEmulator(t, emulator.Options{})
	b := startEmulator(t, emulator.Options{})
	a.SetPaperOutAfter(2)

	var c collector
	var sa *spool.Spooler
	// whilePaused is printer a's label count when the packer loads paper:
	// after Resume, a may rightly take the last jobs too.
	var whilePaused atomic.Int64
	sa = spool.New(newTCP(a.Addr()), spool.Options{
		OnResult: c.add,
		// The packer loads paper only once the other printer has done the rest.
		OnFault: func(spool.Fault) {
			go func() {
				for b.LabelCount() < 20 {
					time.Sleep(time.Millisecond)
				}
				whilePaused.Store(int64(a.LabelCount()))
				a.ClearFault()
				sa.Resume()
			}()
		},
	})
	p := spool.NewPool(spool.LeastLoaded, sa, spool.New(newTCP(b.Addr()), spool.Options{OnResult: c.add}))

	ids := jobIDs(26)
	jobs := make([]printer.Job, len(ids))
	for i, id := range ids {
		jobs[i] = tsplJob(id)
	}
	runPool(t, p, jobs)

	// Printer a took the job that used its last label (Unknown, printed)
	// and at most a few more queued before it paused.
	if got := whilePaused.Load(); got > 2+3 {
		t.Errorf("paused printer printed %d labels before the paper was loaded, want at most 5", got)
	}
	out := c.outcomes()
	if out[spool.Printed]+out[spool.Unknown] != 26 || out[spool.NotSent] != 0 {
		t.Errorf("outcomes %v, want 26 printed or unknown", out)
	}
}

func TestPool_RoutesByTemplate(t *testing.T) {
	small := startEmulator(t, emulator.Options{})
	large := startEmulator(t, emulator.Options{})
	var c collector
	p := spool.NewPool(spool.LeastLoaded,
		spool.New(newTCP(small.Addr()), spool.Options{OnResult: c.add, Template: "76x130"}),
		spool.New(newTCP(large.Addr()), spool.Options{OnResult: c.add, Template: "100x180"}))

	var jobs []printer.Job
	bigIDs := map[string]bool{}
	for i, id := range jobIDs(12) {
		j := tsplJob(id)
		j.Template = "76x130"
		if i%3 == 0 {
			j.Template = "100x180"
			bigIDs[id] = true
		}
		jobs = append(jobs, j)
	}
	orphan := tsplJob("SF-ORPHAN")
	orphan.Template = "100x150"
	jobs = append(jobs, orphan)
	runPool(t, p, jobs)

	if small.LabelCount() != 8 || large.LabelCount() != 4 {
		t.Errorf("76x130 printer got %d labels, 100x180 printer %d; want 8 and 4", small.LabelCount(), large.LabelCount())
	}
	for _, id := range printedIDs(large) {
		if !bigIDs[id] {
			t.Errorf("100x180 printer printed %s, a 76x130 job", id)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var orphanResult *spool.Result
	for i, r := range c.results {
		if r.Job.ID == "SF-ORPHAN" {
			orphanResult = &c.results[i]
		}
	}
	if orphanResult == nil || orphanResult.Outcome != spool.NotSent || !errors.Is(orphanResult.Err, spool.ErrNoPrinter) {
		t.Errorf("job without a printer for its template: %+v, want NotSent with ErrNoPrinter", orphanResult)
	}
}

func printedIDs(e *emulator.Emulator) []string {
	var ids []string
	for _, l := range e.Labels() {
		ids = append(ids, l.Barcodes...)
	}
	return ids
}
