package spool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/printer"
)

// Outcome is the fate of one job.
type Outcome int

// Outcomes of a job; see the package documentation.
const (
	Printed Outcome = iota + 1
	NotSent
	Unknown
)

// String returns "printed", "not sent" or "unknown".
func (o Outcome) String() string {
	switch o {
	case Printed:
		return "printed"
	case NotSent:
		return "not sent"
	case Unknown:
		return "unknown"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Result is the outcome of one job.
type Result struct {
	Job     printer.Job
	Outcome Outcome
	// Err is the cause of a NotSent or Unknown outcome, nil when Printed.
	Err error
	// Printer is the address of the printer, Transport.String().
	Printer string
}

// Fault is a problem that paused a Spooler.
type Fault struct {
	// Printer is the address of the printer.
	Printer string
	// Job is the ID of the job the fault showed at, empty when it showed
	// in the status check before a job.
	Job string
	// Err is the error from the transport: a *printer.StatusError for a
	// fault the printer reported, or a connection error.
	Err error
	// Keys are the translation keys of the messages that tell the packer
	// what to do, from printer.MessageKeys.
	Keys []string
}

// Options configures a Spooler.
type Options struct {
	// OnResult receives the Result of every job, in the order the jobs were
	// taken, on the goroutine that runs Run. The Spooler does not send the
	// next job before it returns, so it can store the outcome first.
	OnResult func(Result)
	// OnFault receives each fault that pauses the Spooler, before it starts
	// waiting for Resume.
	OnFault func(Fault)
	// NoStatusCheck skips the status query before the first job and after
	// a fault, for printers that never reply to it.
	NoStatusCheck bool
	// Template is the label template this printer prints; a Pool sends it
	// only jobs of that template. Empty takes every template.
	Template string
	// Logger receives one event per fault, resume and job not printed. The
	// zero value discards.
	Logger zerolog.Logger
}

// ErrStopped is the Err of a NotSent Result for a job still held when Run
// ended, wrapped with the reason.
var ErrStopped = errors.New("spool: stopped before the job was sent")

// Spooler sends jobs to one printer; see the package documentation. Its
// methods are safe for concurrent use, but Run must run only once at a time.
type Spooler struct {
	transport printer.Transport
	opts      Options

	mu     sync.Mutex
	fault  *Fault
	resume chan struct{}

	load atomic.Int64 // jobs taken and not yet reported
}

// New returns a Spooler for the printer behind t.
func New(t printer.Transport, opts Options) *Spooler {
	return &Spooler{transport: t, opts: opts}
}

// String returns the printer's address.
func (s *Spooler) String() string { return s.transport.String() }

// Load returns the number of jobs the Spooler has taken and not yet
// reported: 1 while it sends or holds a job, 0 when it waits for the next.
func (s *Spooler) Load() int { return int(s.load.Load()) }

// Paused returns the fault the Spooler waits on, and whether it waits.
func (s *Spooler) Paused() (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fault == nil {
		return Fault{}, false
	}
	return *s.fault, true
}

// Resume lets a paused Spooler continue, after the packer fixed the
// printer. The Spooler checks the status again and pauses anew if the fault
// is still there. Resume does nothing when the Spooler is not paused.
func (s *Spooler) Resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fault != nil {
		s.fault = nil
		close(s.resume)
	}
}

// Run sends the jobs from jobs until the channel is closed and every job
// taken has its Result, then returns nil. When ctx ends, it reports the job
// it holds as NotSent, or Unknown if bytes of it went out, and returns ctx's
// error. Jobs still in the channel are not taken.
func (s *Spooler) Run(ctx context.Context, jobs <-chan printer.Job) error {
	checked := s.opts.NoStatusCheck
	for {
		var job printer.Job
		select {
		case j, ok := <-jobs:
			if !ok {
				return nil
			}
			job = j
		case <-ctx.Done():
			return ctx.Err()
		}
		s.load.Add(1)

		var err error
		if checked, err = s.print(ctx, job, checked); err != nil {
			return err
		}
	}
}

// print sends one job until it has an outcome, pausing on faults. It
// returns whether the printer's status is known to be good afterwards, and
// an error when Run must end.
func (s *Spooler) print(ctx context.Context, job printer.Job, checked bool) (bool, error) {
	for {
		if !checked {
			if err := s.checkStatus(ctx); err != nil {
				if ctx.Err() != nil {
					s.report(job, NotSent, fmt.Errorf("%w: %w", ErrStopped, ctx.Err()))
					return false, ctx.Err()
				}
				if err := s.pause(ctx, Fault{Err: err}); err != nil {
					s.report(job, NotSent, fmt.Errorf("%w: %w", ErrStopped, err))
					return false, err
				}
				continue
			}
		}

		err := s.transport.Send(ctx, job)
		switch {
		case err == nil:
			s.report(job, Printed, nil)
			return true, nil

		case errors.Is(err, printer.ErrEmptyJob):
			s.report(job, NotSent, err)
			return checked, nil

		case errors.Is(err, printer.ErrClosed):
			s.report(job, NotSent, err)
			return false, err

		case errors.Is(err, printer.ErrNothingSent):
			if ctx.Err() != nil {
				s.report(job, NotSent, fmt.Errorf("%w: %w", ErrStopped, err))
				return false, ctx.Err()
			}
			// The job stays here and is sent again after Resume.
			if err := s.pause(ctx, Fault{Job: job.ID, Err: err}); err != nil {
				s.report(job, NotSent, fmt.Errorf("%w: %w", ErrStopped, err))
				return false, err
			}
			checked = false

		default:
			// Bytes went out: a second send could print a second label.
			s.report(job, Unknown, err)
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			if err := s.pause(ctx, Fault{Job: job.ID, Err: err}); err != nil {
				return false, err
			}
			return false, nil
		}
	}
}

// checkStatus queries the status when the transport can, and returns a
// *printer.StatusError for a fault or the query's error.
func (s *Spooler) checkStatus(ctx context.Context) error {
	reader, ok := s.transport.(printer.StatusReader)
	if !ok || s.opts.NoStatusCheck {
		return nil
	}
	status, err := reader.Status(ctx)
	if err != nil {
		return fmt.Errorf("status check: %w", err)
	}
	if err := status.Err(); err != nil {
		return fmt.Errorf("status check of %s: %w", s, err)
	}
	return nil
}

// pause reports fault and waits for Resume or the end of ctx.
func (s *Spooler) pause(ctx context.Context, fault Fault) error {
	fault.Printer = s.String()
	fault.Keys = printer.MessageKeys(fault.Err)

	s.mu.Lock()
	s.fault = &fault
	resume := make(chan struct{})
	s.resume = resume
	s.mu.Unlock()

	s.opts.Logger.Warn().Str("printer", fault.Printer).Str("job", fault.Job).Err(fault.Err).Msg("printing paused")
	if s.opts.OnFault != nil {
		s.opts.OnFault(fault)
	}

	select {
	case <-resume:
		s.opts.Logger.Info().Str("printer", fault.Printer).Msg("printing resumed")
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		s.fault = nil
		s.mu.Unlock()
		return ctx.Err()
	}
}

func (s *Spooler) report(job printer.Job, outcome Outcome, err error) {
	s.load.Add(-1)
	if outcome != Printed {
		s.opts.Logger.Warn().Str("printer", s.String()).Str("job", job.ID).Stringer("outcome", outcome).Err(err).Msg("job not confirmed printed")
	}
	if s.opts.OnResult != nil {
		s.opts.OnResult(Result{Job: job, Outcome: outcome, Err: err, Printer: s.String()})
	}
}

// reject reports a job the Spooler never took as NotSent.
func (s *Spooler) reject(job printer.Job, err error) {
	s.load.Add(1)
	s.report(job, NotSent, err)
}
