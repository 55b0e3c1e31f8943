package main

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/printer/emulator"
	"github.com/printstation/printstation/store"
)

// crashRig is the outside world of the crash test, which outlives every
// station process: the shop simulator and the printer emulator.
type crashRig struct {
	shop   *sim.Simulator
	emu    *emulator.Emulator
	setup  app.Setup
	config string
}

func newCrashRig(t *testing.T, orders int) *crashRig {
	t.Helper()
	shop := sim.New(sim.Options{Orders: orders, Seed: 23})
	url, err := shop.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shop.Close() })
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	// A printer that takes a label in about 40 ms stretches the batch over
	// the thirty kills, so they land in every phase of it.
	emu.SetReadDelay(25 * time.Millisecond)

	dir := t.TempDir()
	r := &crashRig{shop: shop, emu: emu, config: filepath.Join(dir, "station.json")}
	r.setup = app.Setup{
		Shop:    app.ShopSetup{BaseURL: url, AppKey: sim.DefaultAppKey, AppSecret: sim.DefaultAppSecret, ShopID: sim.DefaultShopID},
		Courier: "zhongtong",
		Sender:  app.Sender{Name: "测试仓", Mobile: "13800000000", Province: "浙江省", City: "杭州市", District: "余杭区", Detail: "文一西路1号"},
		Printer: "tcp://" + emu.Addr(),
		Store:   filepath.Join(dir, "station.db"),
	}
	raw, err := json.Marshal(r.setup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r.config, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return r
}

// runStation starts "printstation run" and kills it with SIGKILL after
// killAfter, or lets it finish when killAfter is zero.
func (r *crashRig) runStation(t *testing.T, killAfter time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := command(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(cmd.Env, mainArgsEnv+"=run --lang en --config "+r.config)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if killAfter > 0 {
		timer := time.AfterFunc(killAfter, func() { syscall.Kill(cmd.Process.Pid, syscall.SIGKILL) })
		defer timer.Stop()
	}
	err := cmd.Wait()
	if killAfter == 0 && err != nil {
		t.Fatalf("station run without a kill failed: %v", err)
	}
}

// confirmLikeAPacker settles every label of unknown fate the way a packer
// at the printer would: once the printer has stopped, printed if it shows
// the label, else not.
func (r *crashRig) confirmLikeAPacker(t *testing.T) {
	t.Helper()
	r.waitForPrinterToStop()
	printed := map[string]bool{}
	for _, l := range r.emu.Labels() {
		for _, b := range l.Barcodes {
			printed[b] = true
		}
	}
	rt, err := app.Open(context.Background(), r.setup, zerolog.Nop())
	if err != nil {
		t.Fatalf("open the store between runs: %v", err)
	}
	defer rt.Close()
	unknown, err := rt.Station.ParcelsIn(store.StateSent)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range unknown {
		if _, err := rt.Station.ConfirmSent(p.ID, printed[p.Waybill.TrackNo]); err != nil {
			t.Fatalf("confirm %s: %v", p.ID, err)
		}
	}
}

// waitForPrinterToStop waits until the emulator has printed nothing new for
// half a second: bytes the killed station sent may still be on their way.
func (r *crashRig) waitForPrinterToStop() {
	last, stable := r.emu.LabelCount(), 0
	for i := 0; i < 200 && stable < 10; i++ {
		time.Sleep(50 * time.Millisecond)
		if n := r.emu.LabelCount(); n != last {
			last, stable = n, 0
			continue
		}
		stable++
	}
}

func TestCrash_KilledThirtyTimesLosesAndDoublesNothing(t *testing.T) {
	const orders = 300
	r := newCrashRig(t, orders)
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill schedule seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	for i := range 30 {
		killAfter := time.Duration(100+rng.IntN(900)) * time.Millisecond
		r.runStation(t, killAfter)
		r.confirmLikeAPacker(t)
		t.Logf("kill %d after %v: %d labels printed, %d write-backs so far", i+1, killAfter, r.emu.LabelCount(), len(r.shop.WriteBacks()))
	}
	// Unkilled runs finish the job; a label of unknown fate left by the
	// last kill needs one confirmation and one more run at most.
	for range 2 {
		r.runStation(t, 0)
		r.confirmLikeAPacker(t)
	}

	rt, err := app.Open(context.Background(), r.setup, zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	var parcels []store.Parcel
	err = rt.DB.View(func(tx *store.Tx) error {
		return tx.ForEachParcel(func(p store.Parcel) error { parcels = append(parcels, p); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(parcels) != orders {
		t.Fatalf("parcels = %d, want %d", len(parcels), orders)
	}

	timesPrinted := map[string]int{}
	for _, l := range r.emu.Labels() {
		timesPrinted[l.Barcodes[0]] += max(l.Copies, 1)
	}
	issued := r.shop.Waybills()
	if len(issued) != orders {
		t.Errorf("waybills issued by the shop = %d, want %d: one per order", len(issued), orders)
	}
	for _, p := range parcels {
		if p.State != store.StateShipped {
			t.Errorf("parcel %s ended %s, want shipped", p.ID, p.State)
		}
		if want := issued[p.OrderIDs[0]+"/"]; p.Waybill.TrackNo != want {
			t.Errorf("parcel %s carries %s, the shop issued %s", p.ID, p.Waybill.TrackNo, want)
		}
		if got, want := timesPrinted[p.Waybill.TrackNo], 1+p.Reprints; got != want {
			t.Errorf("waybill %s printed %d times, want %d (1 + recorded reprints)", p.Waybill.TrackNo, got, want)
		}
	}
	if got := len(r.shop.WriteBacks()); got != orders {
		t.Errorf("write-backs = %d, want %d", got, orders)
	}
	if d := r.shop.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d, want 0", d)
	}
}
