package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/store"
)

// BatchOptions chooses the orders of a batch.
type BatchOptions struct {
	// OrderIDs limits the batch to these orders; nil takes every order
	// awaiting shipment.
	OrderIDs []string
}

// Progress is a snapshot of a running batch, reported after every step.
type Progress struct {
	Phase       Phase
	Total       int // parcels in the batch
	Waybills    int // parcels with a waybill
	Printed     int // labels printed in this batch
	WrittenBack int // write-backs confirmed in this batch
	SetAside    int // parcels moved to the exception queue in this batch
	// CostFen is the estimated postage of the batch's parcels, from the
	// planner's rate tables; 0 without rates.
	CostFen int64
}

// Phase is the step a batch is in.
type Phase string

// Batch phases in order.
const (
	PhasePlanning  Phase = "planning"
	PhaseWaybills  Phase = "waybills"
	PhasePrinting  Phase = "printing"
	PhaseWriteBack Phase = "writeback"
	PhaseDone      Phase = "done"
)

// BatchResult is the outcome of one batch.
type BatchResult struct {
	Progress
	// Unconfirmed counts parcels whose label went to the printer without
	// a confirmation; a packer must confirm them (ConfirmSent).
	Unconfirmed int
	// Outbox counts write-backs still waiting for the shop.
	Outbox int
	// ShopOffline is true when the shop could not be reached during the
	// batch; parcels without waybills stay queued for the next batch.
	ShopOffline bool
	Duration    time.Duration
}

// PrintBatch runs one batch: it turns the chosen orders into parcels, gets
// their waybills, prints their labels in ship-by order and writes the
// tracking numbers back. It returns ErrBatchRunning while another batch
// runs. A batch that stops on an error leaves every parcel where the next
// batch picks it up; a second batch over the same orders prints nothing
// already printed.
//
// When the shop is unreachable, the labels of parcels that already have a
// waybill are printed anyway and their write-backs wait in the outbox.
func (s *Station) PrintBatch(ctx context.Context, opts BatchOptions, progress func(Progress)) (BatchResult, error) {
	if !s.batchMu.TryLock() {
		return BatchResult{}, ErrBatchRunning
	}
	defer s.batchMu.Unlock()
	s.batchRunning.Store(true)
	defer s.batchRunning.Store(false)

	started := s.cfg.Now()
	b := &batchRun{station: s, report: progress}
	res, err := b.run(ctx, opts)
	res.Duration = s.cfg.Now().Sub(started)
	res.Unconfirmed, res.Outbox = s.countPending()
	s.log.Info().Int("parcels", res.Total).Int("printed", res.Printed).Int("written_back", res.WrittenBack).
		Int("set_aside", res.SetAside).Int("outbox", res.Outbox).Dur("took", res.Duration).Err(err).Msg("batch ended")
	return res, err
}

// BatchRunning reports whether a batch is running.
func (s *Station) BatchRunning() bool { return s.batchRunning.Load() }

// batchRun is the state of one PrintBatch call.
type batchRun struct {
	station *Station
	report  func(Progress)

	mu       sync.Mutex
	progress Progress
	offline  bool
}

func (b *batchRun) update(f func(p *Progress)) {
	b.mu.Lock()
	f(&b.progress)
	snapshot := b.progress
	b.mu.Unlock()
	if b.report != nil {
		b.report(snapshot)
	}
}

func (b *batchRun) result() BatchResult {
	b.mu.Lock()
	defer b.mu.Unlock()
	return BatchResult{Progress: b.progress, ShopOffline: b.offline}
}

func (b *batchRun) run(ctx context.Context, opts BatchOptions) (BatchResult, error) {
	s := b.station
	b.update(func(p *Progress) { p.Phase = PhasePlanning })
	ids, setAside, cost, err := s.planParcels(opts)
	if err != nil {
		return b.result(), err
	}
	b.update(func(p *Progress) { p.Total = len(ids); p.SetAside = setAside; p.CostFen = cost })

	b.update(func(p *Progress) { p.Phase = PhaseWaybills })
	if err := b.issueWaybills(ctx, ids); err != nil {
		if !isShopUnavailable(err) {
			return b.result(), err
		}
		b.offline = true
		s.log.Warn().Err(err).Msg("shop unreachable; printing the parcels that have waybills")
	}
	if err := b.prepareReceivers(ctx, ids); err != nil {
		if !isShopUnavailable(err) {
			return b.result(), err
		}
		b.offline = true
		s.log.Warn().Err(err).Msg("shop unreachable while decrypting receivers")
	}

	// An order cancelled or refunded since the last sync must not print:
	// one more sync (a single request when little changed) brings the
	// platform's latest word before the first label.
	if !b.offline {
		if _, err := s.Sync(ctx); err != nil {
			s.log.Warn().Err(err).Msg("sync before printing failed; printing with the orders as last synced")
		}
	}

	// A printer that reports a fault (paper out, head open) before the
	// first label stops the batch here, with nothing sent and nothing of
	// unknown fate; the next batch resumes once the packer has fixed it.
	desks, err := s.readyDesks(ctx)
	if err != nil {
		return b.result(), err
	}

	// Write-backs run beside printing, so a slow shop never holds up the
	// printer; the outbox keeps what the shop did not take.
	b.update(func(p *Progress) { p.Phase = PhasePrinting })
	outbox := make(chan string, len(ids))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.writeBackAll(ctx, outbox)
	}()
	for _, id := range s.outboxIDs() {
		outbox <- id
	}
	printErr := b.printAll(ctx, desks, ids, outbox)
	close(outbox)
	b.update(func(p *Progress) { p.Phase = PhaseWriteBack })
	wg.Wait()

	if printErr != nil {
		return b.result(), printErr
	}
	b.update(func(p *Progress) { p.Phase = PhaseDone })
	return b.result(), nil
}

func isShopUnavailable(err error) bool {
	return isRetryable(err)
}

// planParcels creates the parcels of new orders, sets aside those that
// cannot ship, and returns the ids of the parcels still to be worked on in
// ship-by order, with the number of parcels it set aside.
func (s *Station) planParcels(opts BatchOptions) (ids []string, setAside int, costFen int64, err error) {
	type item struct {
		id     string
		shipBy time.Time
		cost   int64
	}
	var work []item
	now := s.cfg.Now()

	err = s.db.Update(func(tx *store.Tx) error {
		var fresh []store.Order
		seen := map[string]bool{} // a merged parcel is listed under each of its orders
		visit := func(o store.Order) error {
			// Several shops share a store; each station plans its own.
			if s.cfg.ShopID != 0 && o.ShopID != 0 && o.ShopID != s.cfg.ShopID {
				return nil
			}
			parcels, err := tx.ParcelsByOrder(o.ID)
			if err != nil {
				return err
			}
			if len(parcels) == 0 {
				if o.Shippable() {
					fresh = append(fresh, o)
				}
				return nil
			}
			for _, p := range parcels {
				if seen[p.ID] {
					continue
				}
				seen[p.ID] = true
				if o.Intercepted() && !p.State.SetAside() && p.State != store.StateShipped {
					if err := s.intercept(tx, &p, o, now); err != nil {
						return err
					}
					setAside++
					continue
				}
				if stateIn(p.State, workableStates) {
					work = append(work, item{p.ID, p.ExpShipTime, p.CostFen})
				}
			}
			return nil
		}

		if opts.OrderIDs == nil {
			if err := tx.ForEachOrder(visit); err != nil {
				return err
			}
		} else {
			for _, id := range opts.OrderIDs {
				o, err := tx.Order(id)
				if err != nil {
					return err
				}
				if err := visit(o); err != nil {
					return err
				}
			}
		}

		created, aside, err := s.createParcels(tx, fresh, now, false)
		if err != nil {
			return err
		}
		setAside += aside
		for _, p := range created {
			work = append(work, item{p.ID, p.ExpShipTime, p.CostFen})
		}
		return nil
	})
	if err != nil {
		return nil, 0, 0, fmt.Errorf("plan batch: %w", err)
	}

	slices.SortStableFunc(work, func(a, b item) int {
		if c := a.shipBy.Compare(b.shipBy); c != 0 {
			return c
		}
		return compareStrings(a.id, b.id)
	})
	for _, w := range work {
		ids = append(ids, w.id)
		costFen += w.cost
	}
	return ids, setAside, costFen, nil
}

// workableStates are the states a batch moves forward.
var workableStates = []store.State{store.StateNew, store.StateWaybillRequested, store.StateWaybillIssued, store.StateQueued}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Station) intercept(tx *store.Tx, p *store.Parcel, o store.Order, now time.Time) error {
	from := p.State
	p.State = store.StateIntercepted
	p.Reason = ReasonRefund
	if o.Status == store.OrderCancelled {
		p.Reason = ReasonCancelled
	}
	p.UpdatedAt = now
	if err := tx.PutParcel(*p); err != nil {
		return err
	}
	_, err := tx.AppendEvent(store.Event{At: now, Parcel: p.ID, Kind: EventSetAside, From: from, To: p.State, Actor: s.cfg.Operator, Detail: p.Reason})
	return err
}

// printAll prints the queued parcels among ids in order and hands each
// printed one to the outbox. With several printers, each takes the next
// parcel it can print as soon as it is free, so a batch is split across
// them: a printer loaded for one template takes only the labels of that
// template. A printer that fails stops taking parcels and the others
// finish the batch. The first printer error is returned after all have
// stopped, or ErrNoPrinterForTemplate when labels were left that no ready
// printer takes.
func (b *batchRun) printAll(ctx context.Context, desks []*desk, ids []string, outbox chan<- string) error {
	queue := &printQueue{}
	for _, id := range ids {
		// Only courier templates make labels of one batch differ; without
		// them the parcel need not be read here as well as when printed.
		template := DefaultTemplate
		if len(b.station.cfg.CourierTemplates) > 0 {
			p, _, err := b.station.parcelAndOrder(id)
			if err != nil {
				return err
			}
			_, template = b.station.templateFor(p)
		} else if b.station.cfg.Template != nil {
			template = b.station.cfg.Template.Name
		}
		queue.add(id, template)
	}

	errs := make([]error, len(desks))
	var wg sync.WaitGroup
	for i, d := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = b.printFrom(ctx, d, queue, outbox)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if left := queue.templatesLeft(); len(left) > 0 {
		return fmt.Errorf("%w: %s", ErrNoPrinterForTemplate, strings.Join(left, ", "))
	}
	return nil
}

// printQueue is a batch's parcels in print order, each with its template,
// shared by the printers of the batch.
type printQueue struct {
	mu      sync.Mutex
	entries []queueEntry
	head    int // every entry before head is taken
}

type queueEntry struct {
	id, template string
	taken        bool
}

func (q *printQueue) add(id, template string) {
	q.entries = append(q.entries, queueEntry{id: id, template: template})
}

// next takes the first parcel the printer can print.
func (q *printQueue) next(d *desk) (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := q.head; i < len(q.entries); i++ {
		e := &q.entries[i]
		if e.taken || (d.template != "" && d.template != e.template) {
			continue
		}
		e.taken = true
		for q.head < len(q.entries) && q.entries[q.head].taken {
			q.head++
		}
		return e.id, true
	}
	return "", false
}

// templatesLeft returns the templates of the parcels no printer took.
func (q *printQueue) templatesLeft() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var left []string
	for _, e := range q.entries[q.head:] {
		if !e.taken && !slices.Contains(left, e.template) {
			left = append(left, e.template)
		}
	}
	return left
}

// printFrom prints the parcels it takes from queue on one printer until
// no parcel it can print is left or a label fails.
func (b *batchRun) printFrom(ctx context.Context, d *desk, queue *printQueue, outbox chan<- string) error {
	s := b.station
	for {
		id, ok := queue.next(d)
		if !ok {
			return nil
		}
		if err := s.waitWhilePaused(ctx); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		p, o, err := s.parcelAndOrder(id)
		if err != nil {
			return err
		}
		if p.State != store.StateQueued {
			continue
		}
		if o.Intercepted() {
			if err := s.db.Update(func(tx *store.Tx) error { return s.intercept(tx, &p, o, s.cfg.Now()) }); err != nil {
				return err
			}
			b.update(func(pr *Progress) { pr.SetAside++ })
			continue
		}

		if err := s.printParcel(ctx, d, p, o); err != nil {
			return err
		}
		b.update(func(pr *Progress) { pr.Printed++ })
		outbox <- id
	}
}

// printParcel sends one queued parcel's label to a printer and records the
// outcome: a confirmed label moves the parcel to the outbox; a job of which
// no byte reached the printer leaves it queued; any other failure leaves it
// sent, with an unknown fate for a packer to confirm.
func (s *Station) printParcel(ctx context.Context, d *desk, p store.Parcel, o store.Order) error {
	job, err := s.renderJob(p, o)
	if err != nil {
		return wrapParcel(p.ID, err)
	}
	name := d.transport.String()
	if _, err := s.transition(p.ID, []store.State{store.StateQueued}, EventSent, "", func(p *store.Parcel) error {
		p.State = store.StateSent
		p.Printer = name
		return nil
	}); err != nil {
		return err
	}

	sendErr := d.send(ctx, job)
	if sendErr != nil {
		_, err := s.transition(p.ID, []store.State{store.StateSent}, EventSendFailed, sendErr.Error(), func(p *store.Parcel) error {
			// Only a job of which no byte left may go again without a
			// packer's word; a reset mid-job may have printed the label.
			if errors.Is(sendErr, printer.ErrNothingSent) {
				p.State = store.StateQueued
			}
			return nil
		})
		s.log.Error().Err(sendErr).Str("parcel", p.ID).Str("waybill", p.Waybill.TrackNo).Str("printer", name).Msg("label not printed")
		return errors.Join(fmt.Errorf("print %s on %s: %w", p.Waybill.TrackNo, name, sendErr), err)
	}

	_, err = s.transitionTx(p.ID, []store.State{store.StateSent}, EventPrinted, "", func(tx *store.Tx, p *store.Parcel) error {
		p.State = store.StateWriteBackQueued
		p.Prints++
		p.PrintedAt = s.cfg.Now()
		return s.reserveStock(tx, p)
	})
	return err
}

// statusReader is a printer transport that can report its status.
type statusReader interface {
	Status(ctx context.Context) (printer.Status, error)
}

// readyDesks reads the status of each printer where the transport can
// and returns those without a fault. When every printer reports one, it
// returns the first fault as an error wrapping *printer.StatusError. A
// printer that does not reply is not held against it here, because
// sending will show whether it works.
func (s *Station) readyDesks(ctx context.Context) ([]*desk, error) {
	var ready []*desk
	var firstFault error
	for _, d := range s.desks {
		reader, ok := d.transport.(statusReader)
		if !ok {
			ready = append(ready, d)
			continue
		}
		d.mu.Lock()
		status, err := reader.Status(ctx)
		d.mu.Unlock()
		if err != nil {
			s.log.Warn().Err(err).Str("printer", d.transport.String()).Msg("printer status not read before the batch")
			ready = append(ready, d)
			continue
		}
		if fault := status.Err(); fault != nil {
			s.log.Warn().Err(fault).Str("printer", d.transport.String()).Msg("printer fault before the batch")
			if firstFault == nil {
				firstFault = fmt.Errorf("printer %s: %w", d.transport.String(), fault)
			}
			continue
		}
		ready = append(ready, d)
	}
	if len(ready) == 0 {
		return nil, firstFault
	}
	return ready, nil
}

// send sends a job to the station's first printer, where reprints go.
func (s *Station) send(ctx context.Context, job printer.Job) error {
	return s.desks[0].send(ctx, job)
}

// parcelAndOrder returns a parcel with its first order or, for a parcel of
// several orders of which one must not ship, with that order, so the
// callers' interception checks cover every order of a merged parcel.
func (s *Station) parcelAndOrder(id string) (p store.Parcel, o store.Order, err error) {
	err = s.db.View(func(tx *store.Tx) error {
		if p, err = tx.Parcel(id); err != nil {
			return err
		}
		for i, orderID := range p.OrderIDs {
			other, err := tx.Order(orderID)
			if err != nil {
				return err
			}
			if i == 0 || other.Intercepted() {
				o = other
			}
			if other.Intercepted() {
				break
			}
		}
		return nil
	})
	return p, o, err
}

// ordersOf returns every order a parcel carries, in its order.
func (s *Station) ordersOf(p store.Parcel) ([]store.Order, error) {
	orders := make([]store.Order, 0, len(p.OrderIDs))
	err := s.db.View(func(tx *store.Tx) error {
		for _, id := range p.OrderIDs {
			o, err := tx.Order(id)
			if err != nil {
				return err
			}
			orders = append(orders, o)
		}
		return nil
	})
	return orders, err
}

// countPending returns the parcels of unknown fate and the outbox size.
func (s *Station) countPending() (unconfirmed, outbox int) {
	_ = s.db.View(func(tx *store.Tx) error {
		unconfirmed = tx.CountInState(store.StateSent)
		outbox = tx.CountInState(store.StateWriteBackQueued)
		return nil
	})
	return unconfirmed, outbox
}
