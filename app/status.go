package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/printstation/printstation/store"
)

// StationStatus is the summary the status bar shows.
type StationStatus struct {
	// Online is false after the last call to the shop failed for want of
	// the shop (network down, platform unavailable).
	Online      bool
	Outbox      int // write-backs waiting for the shop
	Unconfirmed int // labels of unknown fate waiting for a packer
	Exceptions  int // parcels set aside
	DueSoon     int // parcels not yet shipped whose ship-by time is within the warning threshold
	Overdue     int // parcels not yet shipped past their ship-by time
	Paused      bool
}

// Ship-by thresholds used until settings give others: a parcel is due soon
// within DueSoonWithin of its ship-by time and urgent within UrgentWithin.
const (
	DefaultDueSoonWithin = 6 * time.Hour
	DefaultUrgentWithin  = 2 * time.Hour
)

// Status counts the parcels by what they wait for.
func (s *Station) Status() StationStatus {
	st := StationStatus{Online: !s.offline.Load(), Paused: s.Paused()}
	now := s.cfg.Now()
	_ = s.db.View(func(tx *store.Tx) error {
		st.Outbox = tx.CountInState(store.StateWriteBackQueued)
		st.Unconfirmed = tx.CountInState(store.StateSent)
		for _, set := range []store.State{store.StateException, store.StateIntercepted, store.StateCancelled} {
			st.Exceptions += tx.CountInState(set)
		}
		// The ship-by index walks soonest first, so the walk stops at the
		// first parcel that is not due soon.
		return tx.ForEachOpenParcelByShipBy(func(p store.Parcel) error {
			if p.ExpShipTime.IsZero() || p.ExpShipTime.Sub(now) >= s.dueSoonWithin() {
				return errStopWalk
			}
			if p.ExpShipTime.Before(now) {
				st.Overdue++
			} else {
				st.DueSoon++
			}
			return nil
		})
	})
	return st
}

func (s *Station) dueSoonWithin() time.Duration {
	if s.cfg.DueSoonWithin > 0 {
		return s.cfg.DueSoonWithin
	}
	return DefaultDueSoonWithin
}

var errStopWalk = errors.New("stop walk")

// noteShop records whether the shop replied, for the online indicator.
func (s *Station) noteShop(err error) {
	switch {
	case err == nil:
		s.offline.Store(false)
	case isRetryable(err):
		s.offline.Store(true)
	}
}

// pauseGate holds a batch between two labels while the packer has paused
// it.
type pauseGate struct {
	mu     sync.Mutex
	paused bool
	resume chan struct{}
}

// Pause stops the running batch before its next label; the label being
// printed finishes.
func (s *Station) Pause() {
	g := &s.pause
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.paused {
		g.paused = true
		g.resume = make(chan struct{})
	}
}

// Resume lets a paused batch go on.
func (s *Station) Resume() {
	g := &s.pause
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.paused {
		g.paused = false
		close(g.resume)
	}
}

// Paused reports whether batches are paused.
func (s *Station) Paused() bool {
	g := &s.pause
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.paused
}

// waitWhilePaused blocks while the station is paused, until Resume or the
// end of ctx.
func (s *Station) waitWhilePaused(ctx context.Context) error {
	g := &s.pause
	g.mu.Lock()
	paused, resume := g.paused, g.resume
	g.mu.Unlock()
	if !paused {
		return nil
	}
	select {
	case <-resume:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
