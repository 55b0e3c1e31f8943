package spool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/printstation/printstation/printer"
)

// Strategy chooses among the printers that may print a job.
type Strategy int

// Strategies of a Pool.
const (
	// LeastLoaded sends each job to the printer with the fewest jobs
	// waiting, so a paused printer gets no new jobs while others print.
	LeastLoaded Strategy = iota
	// RoundRobin sends jobs to the printers in turn.
	RoundRobin
)

// ErrNoPrinter is the Err of a NotSent Result for a job whose template no
// printer of the Pool prints.
var ErrNoPrinter = errors.New("spool: no printer for the job's template")

// poolQueue is how many jobs wait in front of each printer of a Pool. Two
// keep a printer fed while the Pool routes the next job.
const poolQueue = 2

// Pool spreads jobs over several Spoolers. Each Spooler reports its own
// Results through its OnResult, so callbacks shared between the Spoolers of
// a Pool must be safe for concurrent use.
type Pool struct {
	spoolers []*Spooler
	strategy Strategy
	next     int
}

// NewPool returns a Pool over spoolers.
func NewPool(strategy Strategy, spoolers ...*Spooler) *Pool {
	return &Pool{spoolers: spoolers, strategy: strategy}
}

// Spoolers returns the Spoolers of the Pool, for Resume and Paused.
func (p *Pool) Spoolers() []*Spooler { return p.spoolers }

// Run routes every job from jobs to a Spooler and runs the Spoolers until
// jobs is closed and every job has its Result. When ctx ends, jobs already
// routed but not taken by their Spooler are reported NotSent, and Run
// returns ctx's error.
func (p *Pool) Run(ctx context.Context, jobs <-chan printer.Job) error {
	if len(p.spoolers) == 0 {
		return fmt.Errorf("run pool: %w", ErrNoPrinter)
	}

	queues := make([]chan printer.Job, len(p.spoolers))
	errs := make([]error, len(p.spoolers))
	var wg sync.WaitGroup
	for i, s := range p.spoolers {
		queues[i] = make(chan printer.Job, poolQueue)
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Run(ctx, queues[i])
			// Jobs the Spooler did not take never reached the printer.
			for job := range queues[i] {
				s.reject(job, fmt.Errorf("%w: %w", ErrStopped, ctx.Err()))
			}
		}()
	}

	routeErr := p.route(ctx, jobs, queues)
	for _, q := range queues {
		close(q)
	}
	wg.Wait()

	if routeErr != nil {
		return routeErr
	}
	return errors.Join(errs...)
}

func (p *Pool) route(ctx context.Context, jobs <-chan printer.Job, queues []chan printer.Job) error {
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

		if err := p.send(ctx, job, queues); err != nil {
			return err
		}
	}
}

// send puts job into the queue of the Spooler choose picks. While that
// queue is full it chooses again every millisecond, so that a Spooler that
// pauses after it was chosen does not hold the job.
func (p *Pool) send(ctx context.Context, job printer.Job, queues []chan printer.Job) error {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	for {
		i := p.choose(job, queues)
		if i < 0 {
			p.spoolers[0].reject(job, fmt.Errorf("job %q with template %q: %w", job.ID, job.Template, ErrNoPrinter))
			return nil
		}

		select {
		case queues[i] <- job:
			p.next = i + 1
			return nil
		default:
		}

		select {
		case <-ticker.C:
		case <-ctx.Done():
			p.spoolers[i].reject(job, fmt.Errorf("%w: %w", ErrStopped, ctx.Err()))
			return ctx.Err()
		}
	}
}

// choose returns the index of the Spooler for job, or -1 when none prints
// its template. A paused Spooler is chosen only when every candidate is
// paused, so that its queue does not fill while others could print.
func (p *Pool) choose(job printer.Job, queues []chan printer.Job) int {
	best, bestScore := -1, 0
	for n := range p.spoolers {
		i := n
		if p.strategy == RoundRobin {
			i = (p.next + n) % len(p.spoolers)
		}
		s := p.spoolers[i]
		if s.opts.Template != "" && s.opts.Template != job.Template {
			continue
		}

		score := s.Load() + len(queues[i])
		if p.strategy == RoundRobin {
			// The first candidate in turn wins unless it is paused.
			score = 0
		} else if len(queues[i]) == cap(queues[i]) {
			score += fullPenalty
		}
		if _, paused := s.Paused(); paused {
			score += pausedPenalty
		}
		if best < 0 || score < bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// Penalties added to the load of a Spooler: a full queue makes it the last
// choice among those that print, a pause the last choice of all.
const (
	fullPenalty   = 1 << 10
	pausedPenalty = 1 << 20
)
