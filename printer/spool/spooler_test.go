package spool_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
	"github.com/printstation/printstation/printer/spool"
)

// tsplJob is a one-label TSPL job whose barcode is its ID, so the
// emulator's labels tell which job printed.
func tsplJob(id string) printer.Job {
	data := "SIZE 76 mm,130 mm\r\nGAP 2 mm,0 mm\r\nCLS\r\n" +
		`TEXT 16,16,"TSS24.BF2",0,1,1,"test label"` + "\r\n" +
		`BARCODE 16,64,"128",96,1,0,2,4,"` + id + `"` + "\r\nPRINT 1,1\r\n"
	return printer.Job{ID: id, Data: []byte(data)}
}

// escposJob is a one-label ESC/POS job whose CODE128 barcode is its ID.
func escposJob(id string) printer.Job {
	code := "{B" + id
	data := append([]byte{0x1B, '@', 0x1D, 'k', 73, byte(len(code))}, code...)
	data = append(data, '\n', 0x1D, 'V', 0)
	return printer.Job{ID: id, Data: data}
}

func startEmulator(t testing.TB, opts emulator.Options) *emulator.Emulator {
	t.Helper()
	e, err := emulator.Start(opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func newTCP(addr string) *printer.TCP {
	return &printer.TCP{
		Addr: addr, QueryStatus: true,
		DialTimeout: time.Second, WriteTimeout: time.Second, StatusTimeout: time.Second,
	}
}

// printed counts the labels per barcode over every emulator given.
func printed(emulators ...*emulator.Emulator) map[string]int {
	counts := map[string]int{}
	for _, e := range emulators {
		for _, l := range e.Labels() {
			for _, b := range l.Barcodes {
				counts[b] += l.Copies
			}
		}
	}
	return counts
}

// event is a Result or a Fault, on one channel so that the Unknown Result
// of a job arrives before the Fault it caused.
type event struct {
	result *spool.Result
	fault  *spool.Fault
}

// batch runs jobs through a Spooler and plays the packer. It fixes each
// fault with fix. After the fix it counts the labels of every Unknown job on
// the emulators and sends a job again only when no label of it came out.
type batch struct {
	t         *testing.T
	transport printer.Transport
	opts      spool.Options
	// fix clears the fault on the emulator, as the packer would.
	fix func(spool.Fault)
	// emulators returns the emulators that count as the printer.
	emulators func() []*emulator.Emulator

	faults []spool.Fault
	stats  map[spool.Outcome]int
}

func (b *batch) run(ids []string, newJob func(string) printer.Job) {
	t := b.t
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	events := make(chan event, len(ids)*4)
	opts := b.opts
	opts.OnResult = func(r spool.Result) { events <- event{result: &r} }
	opts.OnFault = func(f spool.Fault) { events <- event{fault: &f} }
	s := spool.New(b.transport, opts)

	jobs := make(chan printer.Job, len(ids)*2)
	for _, id := range ids {
		jobs <- newJob(id)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, jobs) }()

	b.stats = map[spool.Outcome]int{}
	var unknown []printer.Job
	resolved := 0
	for resolved < len(ids) {
		var ev event
		select {
		case ev = <-events:
		case <-ctx.Done():
			t.Fatalf("batch stuck after %d of %d jobs with %d faults", resolved, len(ids), len(b.faults))
		}

		switch {
		case ev.fault != nil:
			b.faults = append(b.faults, *ev.fault)
			b.fix(*ev.fault)
			resolved += b.look(ctx, unknown, jobs)
			unknown = nil
			s.Resume()
		case ev.result.Outcome == spool.Printed:
			b.stats[spool.Printed]++
			resolved++
		case ev.result.Outcome == spool.Unknown:
			b.stats[spool.Unknown]++
			unknown = append(unknown, ev.result.Job)
		default:
			b.stats[ev.result.Outcome]++
			t.Errorf("job %s: outcome %v (%v) while the spooler runs", ev.result.Job.ID, ev.result.Outcome, ev.result.Err)
		}
	}

	close(jobs)
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// look is the packer at the printer: for each job of unknown fate it checks
// whether a label came out and sends the job again if not. It returns how
// many jobs it confirmed printed.
func (b *batch) look(ctx context.Context, unknown []printer.Job, jobs chan<- printer.Job) int {
	for _, e := range b.emulators() {
		if err := e.WaitIdle(ctx); err != nil {
			b.t.Fatalf("printer never went idle: %v", err)
		}
	}
	counts := printed(b.emulators()...)

	confirmed := 0
	for _, job := range unknown {
		if counts[job.ID] > 0 {
			confirmed++
			continue
		}
		jobs <- job
	}
	return confirmed
}

// checkExactlyOnce fails unless every id printed exactly once in total.
func checkExactlyOnce(t *testing.T, ids []string, emulators ...*emulator.Emulator) {
	t.Helper()
	counts := printed(emulators...)
	total := 0
	for _, id := range ids {
		if counts[id] != 1 {
			t.Errorf("label %s printed %d times, want exactly once", id, counts[id])
		}
		total += counts[id]
	}
	labels := 0
	for _, e := range emulators {
		labels += e.LabelCount()
		if errs := e.Errors(); len(errs) != 0 {
			t.Errorf("emulator parse errors: %q", errs)
		}
	}
	if labels != total {
		t.Errorf("emulators printed %d labels, %d of them for the batch", labels, total)
	}
}

func jobIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("SF%06d", i+1)
	}
	return ids
}

func TestSpooler_FaultsPrintEveryLabelOnce(t *testing.T) {
	tests := []struct {
		name string
		// setup prepares the emulator and transport. It may return a hook
		// that runs before each Send to inject the fault mid-batch.
		setup     func(e *emulator.Emulator, tr *printer.TCP) func(printer.Job)
		fix       func(e *emulator.Emulator)
		minFaults int
	}{
		{"paper out after 7 labels",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) { e.SetPaperOutAfter(7); return nil },
			func(e *emulator.Emulator) { e.ClearFault() }, 1},
		{"paper out before the batch",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) { e.SetPaperOutAfter(0); return nil },
			func(e *emulator.Emulator) { e.ClearFault() }, 1},
		{"head opened mid-batch",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) {
				return once("SF000006", func() { e.SetHeadOpen(true) })
			},
			func(e *emulator.Emulator) { e.SetHeadOpen(false) }, 1},
		{"slow reader within the timeouts",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) {
				e.SetReadDelay(2 * time.Millisecond)
				return nil
			},
			func(e *emulator.Emulator) {}, 0},
		{"slow reader beyond the status timeout",
			func(e *emulator.Emulator, tr *printer.TCP) func(printer.Job) {
				tr.StatusTimeout = 20 * time.Millisecond
				e.SetReadDelay(200 * time.Millisecond)
				return nil
			},
			func(e *emulator.Emulator) { e.SetReadDelay(0) }, 1},
		{"connection reset mid-job",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) {
				return once("SF000004", func() { e.ResetAfter(60) })
			},
			func(e *emulator.Emulator) {}, 1},
		{"second connection dropped",
			func(e *emulator.Emulator, _ *printer.TCP) func(printer.Job) {
				e.DropQuickReconnect(time.Second)
				return nil
			},
			func(e *emulator.Emulator) { e.DropQuickReconnect(0) }, 1},
		{"second connection dropped, reconnect delay set",
			func(e *emulator.Emulator, tr *printer.TCP) func(printer.Job) {
				e.DropQuickReconnect(5 * time.Millisecond)
				tr.ReconnectDelay = 15 * time.Millisecond
				return nil
			},
			func(e *emulator.Emulator) {}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startEmulator(t, emulator.Options{})
			tr := newTCP(e.Addr())
			ids := jobIDs(20)
			hook := tt.setup(e, tr)
			if hook == nil {
				hook = func(printer.Job) {}
			}
			b := &batch{
				t: t, transport: &hookedTCP{TCP: tr, before: hook},
				fix:       func(spool.Fault) { tt.fix(e) },
				emulators: func() []*emulator.Emulator { return []*emulator.Emulator{e} },
			}
			b.run(ids, tsplJob)

			checkExactlyOnce(t, ids, e)
			if len(b.faults) < tt.minFaults {
				t.Errorf("got %d faults, want at least %d", len(b.faults), tt.minFaults)
			}
			if tt.minFaults == 0 && len(b.faults) > 0 {
				t.Errorf("got faults %v, want none", b.faults)
			}
			for _, f := range b.faults {
				if len(f.Keys) == 0 || f.Printer != tr.String() {
					t.Errorf("fault %+v has no message key or the wrong printer", f)
				}
			}
		})
	}
}

func TestSpooler_FaultNamesWhatToDo(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	e.SetPaperOutAfter(3)
	b := &batch{
		t: t, transport: newTCP(e.Addr()),
		fix:       func(spool.Fault) { e.ClearFault() },
		emulators: func() []*emulator.Emulator { return []*emulator.Emulator{e} },
	}
	b.run(jobIDs(5), tsplJob)

	if len(b.faults) != 1 {
		t.Fatalf("got %d faults, want 1", len(b.faults))
	}
	f := b.faults[0]
	if !errors.Is(f.Err, printer.ErrPaperOut) {
		t.Errorf("fault error %v, want ErrPaperOut", f.Err)
	}
	if len(f.Keys) != 1 || f.Keys[0] != "printer.fault.paper_out" {
		t.Errorf("fault keys %q, want printer.fault.paper_out", f.Keys)
	}
	if f.Job != "SF000003" {
		t.Errorf("fault at job %q, want SF000003, the label that used the last paper", f.Job)
	}
	if b.stats[spool.Unknown] != 1 {
		t.Errorf("%d Unknown results, want 1: the job whose reply showed paper out", b.stats[spool.Unknown])
	}
}

func TestSpooler_UnreachablePrinterKeepsJob(t *testing.T) {
	first := startEmulator(t, emulator.Options{})
	addr := first.Addr()
	var mu sync.Mutex
	current := []*emulator.Emulator{first}

	// The printer is switched off just before job 5 connects.
	tr := &hookedTCP{TCP: newTCP(addr), before: func(job printer.Job) {
		if job.ID == "SF000005" {
			first.Close()
		}
	}}
	b := &batch{
		t: t, transport: tr,
		// The packer switches the printer back on: a new emulator on the
		// same address.
		fix: func(f spool.Fault) {
			mu.Lock()
			defer mu.Unlock()
			if len(current) == 1 {
				second, err := emulator.Start(emulator.Options{Addr: addr})
				if err != nil {
					t.Fatalf("restart emulator: %v", err)
				}
				t.Cleanup(func() { second.Close() })
				current = append(current, second)
			}
		},
		emulators: func() []*emulator.Emulator {
			mu.Lock()
			defer mu.Unlock()
			return append([]*emulator.Emulator(nil), current...)
		},
	}
	ids := jobIDs(10)
	b.run(ids, tsplJob)

	checkExactlyOnce(t, ids, b.emulators()...)
	refused := 0
	for _, f := range b.faults {
		if errors.Is(f.Err, printer.ErrNothingSent) {
			refused++
		}
	}
	if refused == 0 {
		t.Errorf("faults %v, want one with nothing sent", b.faults)
	}
	if b.stats[spool.Unknown] != 0 {
		t.Errorf("%d Unknown results, want 0: a refused connection sends nothing", b.stats[spool.Unknown])
	}
}

func TestSpooler_ESCPOSPaperOut(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	e.SetPaperOutAfter(4)
	tr := newTCP(e.Addr())
	tr.Language = printer.ESCPOS
	b := &batch{
		t: t, transport: tr,
		fix:       func(spool.Fault) { e.ClearFault() },
		emulators: func() []*emulator.Emulator { return []*emulator.Emulator{e} },
	}
	ids := jobIDs(10)
	b.run(ids, escposJob)

	checkExactlyOnce(t, ids, e)
	if len(b.faults) != 1 || !errors.Is(b.faults[0].Err, printer.ErrPaperOut) {
		t.Errorf("faults %v, want one paper out", b.faults)
	}
}

func TestSpooler_PaperOutWithBufferedLabels(t *testing.T) {
	// The print engine model holds labels in its buffer through paper out
	// and prints them after the fault is cleared.
	e := startEmulator(t, emulator.Options{PrintSpeed: 100, TimeScale: 0.001, BufferLabels: 2})
	e.SetPaperOutAfter(6)
	b := &batch{
		t: t, transport: newTCP(e.Addr()),
		fix:       func(spool.Fault) { e.ClearFault() },
		emulators: func() []*emulator.Emulator { return []*emulator.Emulator{e} },
	}
	ids := jobIDs(15)
	b.run(ids, tsplJob)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}

	checkExactlyOnce(t, ids, e)
}

func TestSpooler_StopReportsHeldJobNotSent(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	e.SetPaperOutAfter(0)

	ctx, cancel := context.WithCancel(context.Background())
	var results []spool.Result
	s := spool.New(newTCP(e.Addr()), spool.Options{
		OnResult: func(r spool.Result) { results = append(results, r) },
		OnFault:  func(spool.Fault) { cancel() },
	})
	jobs := make(chan printer.Job, 2)
	jobs <- tsplJob("SF1")
	jobs <- tsplJob("SF2")

	if err := s.Run(ctx, jobs); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if len(results) != 1 || results[0].Outcome != spool.NotSent || results[0].Job.ID != "SF1" {
		t.Fatalf("results %+v, want SF1 not sent", results)
	}
	if !errors.Is(results[0].Err, spool.ErrStopped) {
		t.Errorf("Err = %v, want ErrStopped", results[0].Err)
	}
	if e.LabelCount() != 0 || e.Jobs() != 0 {
		t.Errorf("emulator got %d jobs, want none: the status check found paper out", e.Jobs())
	}
	if _, paused := s.Paused(); paused {
		t.Error("Paused() after Run returned")
	}
}

// hookedTCP runs before ahead of each Send, on the Spooler's goroutine.
type hookedTCP struct {
	*printer.TCP
	before func(printer.Job)
}

func (h *hookedTCP) Send(ctx context.Context, job printer.Job) error {
	h.before(job)
	return h.TCP.Send(ctx, job)
}

// once returns a Send hook that runs inject before the first Send of the job
// with the id, and never again, so that the job's resend finds no fault.
func once(id string, inject func()) func(printer.Job) {
	var done bool
	return func(job printer.Job) {
		if job.ID == id && !done {
			done = true
			inject()
		}
	}
}
