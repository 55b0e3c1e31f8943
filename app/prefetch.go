package app

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/printstation/printstation/store"
)

// DefaultWaybillPool is how many parcels get their waybill ahead of their
// batch when the configuration names no pool size.
const DefaultWaybillPool = 200

// Prefetch gets waybills and receivers, while the shop is reachable, for
// the next parcels to print in ship-by order (the waybill pool), so that a
// batch started during a network outage can still print them. It does
// nothing while a batch runs, and returns how many parcels are ready to
// print.
func (s *Station) Prefetch(ctx context.Context) (ready int, err error) {
	if !s.batchMu.TryLock() {
		return 0, nil
	}
	defer s.batchMu.Unlock()

	ids, _, _, err := s.planParcels(BatchOptions{})
	if err != nil {
		return 0, err
	}
	pool := s.cfg.WaybillPool
	if pool <= 0 {
		pool = DefaultWaybillPool
	}
	ids = ids[:min(pool, len(ids))]

	b := &batchRun{station: s}
	if err := b.issueWaybills(ctx, ids); err != nil {
		return 0, err
	}
	if err := b.prepareReceivers(ctx, ids); err != nil {
		return 0, err
	}
	queued, err := s.countQueued(ids)
	s.log.Info().Int("pool", pool).Int("ready", queued).Msg("waybills fetched ahead")
	return queued, err
}

func (s *Station) countQueued(ids []string) (int, error) {
	n := 0
	for _, id := range ids {
		p, _, err := s.parcelAndOrder(id)
		if err != nil {
			return n, err
		}
		if p.State == store.StateQueued {
			n++
		}
	}
	return n, nil
}

// Outbox delivery timing: an idle pause between rounds while everything
// is delivered, and a back-off with jitter, doubling up to a cap, while
// the shop cannot be reached.
const (
	outboxIdle       = 30 * time.Second
	outboxBackoff    = 2 * time.Second
	outboxMaxBackoff = 2 * time.Minute
)

// RunOutbox delivers waiting write-backs until ctx ends, which also covers
// the write-backs left by an earlier run of the program.
func (s *Station) RunOutbox(ctx context.Context) {
	backoff := outboxBackoff
	for {
		shipped, waiting, _ := s.DrainOutbox(ctx)
		wait := outboxIdle
		if waiting > 0 && shipped == 0 {
			wait = backoff + rand.N(backoff/2+1)
			backoff = min(2*backoff, outboxMaxBackoff)
			s.log.Info().Int("waiting", waiting).Dur("retry_in", wait).Msg("outbox waiting for the shop")
		} else {
			backoff = outboxBackoff
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}
