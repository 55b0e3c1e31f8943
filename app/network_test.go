package app

import (
	"context"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestNetwork_FailuresAndOutageLoseNothing(t *testing.T) {
	const orders = 200
	r := newRig(t, orders)
	r.setup.Shop.TimeoutMS = 1000 // shorter than the simulator's slow replies
	r.open(t)
	ctx := context.Background()
	// 30% of the shop's and the courier's replies fail: errors 20000 and
	// 60000, HTTP 502, dropped connections, lost replies and timeouts.
	r.sim.SetFailureRate(0.3)

	// The shop goes down completely once 50 labels are printed, and stays
	// down for the rest of the batch and for one outbox round after it.
	outage := false
	progress := func(p Progress) {
		if p.Printed >= 50 && !outage {
			outage = true
			r.sim.SetUnavailable(true)
		}
	}
	var printed int
	for try := 0; try < 10; try++ {
		if _, err := r.station.Sync(ctx); err == nil {
			break
		}
	}
	res, err := r.station.PrintBatch(ctx, BatchOptions{}, progress)
	if err != nil {
		t.Fatalf("batch with failures: %v", err)
	}
	printed += res.Printed
	if !outage {
		t.Fatalf("the batch printed %d labels, never reaching the outage", res.Printed)
	}
	if res.Printed <= 50 {
		t.Errorf("printed %d labels; printing must go on through the outage", res.Printed)
	}
	if _, waiting, _ := r.station.DrainOutbox(ctx); waiting == 0 {
		t.Errorf("outbox empty during the outage; the write-backs must wait")
	}
	if r.station.Status().Online {
		t.Errorf("status says online during the outage")
	}

	// The shop returns (still failing 30% of the time): syncs, batches and
	// outbox rounds finish the job, a bounded number of times.
	r.sim.SetUnavailable(false)
	for round := 0; round < 20; round++ {
		_, _ = r.station.Sync(ctx)
		res, err := r.station.PrintBatch(ctx, BatchOptions{}, nil)
		if err != nil {
			t.Logf("round %d: %v", round, err)
		}
		printed += res.Printed
		_, waiting, _ := r.station.DrainOutbox(ctx)
		if shipped := len(mustParcelsIn(t, r.station, store.StateShipped)); shipped == orders && waiting == 0 {
			break
		}
	}

	shipped := mustParcelsIn(t, r.station, store.StateShipped)
	if len(shipped) != orders {
		t.Fatalf("shipped %d of %d parcels", len(shipped), orders)
	}
	if printed != orders || r.emulator.LabelCount() != orders {
		t.Errorf("labels printed: station %d, emulator %d; want %d each", printed, r.emulator.LabelCount(), orders)
	}
	if got := len(r.sim.Waybills()); got != orders {
		t.Errorf("waybills issued = %d, want one per order (%d)", got, orders)
	}
	if got := len(r.sim.WriteBacks()); got != orders {
		t.Errorf("write-backs = %d, want %d", got, orders)
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d, want 0", d)
	}
	if counts := r.sim.FaultCounts(); len(counts) == 0 {
		t.Errorf("the simulator injected no faults")
	}
}

func mustParcelsIn(t *testing.T, st *Station, states ...store.State) []store.Parcel {
	t.Helper()
	parcels, err := st.ParcelsIn(states...)
	if err != nil {
		t.Fatal(err)
	}
	return parcels
}
