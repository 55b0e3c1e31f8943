package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/printer/tspl"
	"github.com/printstation/printstation/store"
)

// DemoOptions sets up the embedded demo: a simulated shop on loopback and,
// unless Printer names another, a virtual printer in a folder.
type DemoOptions struct {
	Orders int    // orders awaiting shipment in the demo shop
	Seed   int64  // the demo shop's data; the same seed gives the same orders
	Dir    string // folder of the store and the virtual printer; a new temporary one when empty
	// Printer overrides the virtual printer, e.g. "tcp://127.0.0.1:9100".
	Printer string
	Logger  zerolog.Logger
}

// Demo is a running embedded demo shop.
type Demo struct {
	Sim *sim.Simulator
	// Dir holds the store; PrinterDir the virtual printer's files when the
	// demo prints to the virtual printer.
	Dir        string
	PrinterDir string
	Setup      Setup
}

// Close stops the demo shop.
func (d *Demo) Close() error { return d.Sim.Close() }

// demoSender is the demo shop's sender address.
var demoSender = Sender{
	Name:     "青禾家居仓",
	Mobile:   "13800000000",
	Province: "浙江省",
	City:     "杭州市",
	District: "余杭区",
	Street:   "仓前街道",
	Detail:   "文一西路1500号6幢2楼",
}

// StartDemo starts the demo shop on a free loopback port and returns the
// setup of a station that uses it.
func StartDemo(opts DemoOptions) (*Demo, error) {
	if opts.Orders <= 0 {
		opts.Orders = 300
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	dir := opts.Dir
	if dir == "" {
		var err error
		dir, err = os.MkdirTemp("", "printstation-demo-")
		if err != nil {
			return nil, fmt.Errorf("demo folder: %w", err)
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}

	shop := sim.New(sim.Options{Orders: opts.Orders, Seed: opts.Seed, Logger: opts.Logger})
	baseURL, err := shop.Listen("127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start demo shop: %w", err)
	}

	d := &Demo{Sim: shop, Dir: dir}
	prn := opts.Printer
	if prn == "" {
		d.PrinterDir = filepath.Join(dir, "labels")
		prn = d.PrinterDir
	}
	d.Setup = Setup{
		Shop: ShopSetup{
			BaseURL:   baseURL,
			AppKey:    sim.DefaultAppKey,
			AppSecret: sim.DefaultAppSecret,
			ShopID:    sim.DefaultShopID,
		},
		Courier:   "zhongtong",
		Sender:    demoSender,
		Printer:   prn,
		Profile:   tspl.Profile{DPI: 203},
		Store:     filepath.Join(dir, "station.db"),
		Preview:   d.PrinterDir != "",
		AutoMerge: true,
	}
	return d, nil
}

// Summary is the report of a headless run.
type Summary struct {
	Orders      int // orders pulled from the shop
	Printed     int
	WrittenBack int
	SetAside    int
	Outbox      int
	Unconfirmed int
	Duration    time.Duration
}

// RunOnce does a packing room's whole job once: sync, one batch over every
// order awaiting shipment, and a last try at the outbox.
func RunOnce(ctx context.Context, st *Station, progress func(Progress)) (Summary, error) {
	started := time.Now()
	var sum Summary
	synced, err := st.Sync(ctx)
	sum.Orders = synced.Received
	if err != nil && !isRetryable(err) {
		return sum, err
	}

	res, err := st.PrintBatch(ctx, BatchOptions{}, progress)
	sum.Printed, sum.WrittenBack, sum.SetAside = res.Printed, res.WrittenBack, res.SetAside
	if err != nil {
		sum.Duration = time.Since(started)
		sum.Unconfirmed, sum.Outbox = res.Unconfirmed, res.Outbox
		return sum, err
	}

	if res.Outbox > 0 {
		shipped, _, _ := st.DrainOutbox(ctx)
		sum.WrittenBack += shipped
	}
	sum.Unconfirmed, sum.Outbox = st.countPending()
	sum.Duration = time.Since(started)
	return sum, nil
}

// RunAll runs RunOnce for the station of every shop of a runtime, one
// after the other, and adds up their summaries. It stops at the first
// error.
func RunAll(ctx context.Context, rt *Runtime, progress func(Progress)) (Summary, error) {
	var total Summary
	for _, st := range rt.Stations {
		sum, err := RunOnce(ctx, st, progress)
		total.Orders += sum.Orders
		total.Printed += sum.Printed
		total.WrittenBack += sum.WrittenBack
		total.SetAside += sum.SetAside
		total.Outbox, total.Unconfirmed = sum.Outbox, sum.Unconfirmed // store-wide counts
		total.Duration += sum.Duration
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// CountOrders returns how many orders the store holds.
func (s *Station) CountOrders() (n int, err error) {
	err = s.db.View(func(tx *store.Tx) error {
		return tx.ForEachOrder(func(store.Order) error { n++; return nil })
	})
	return n, err
}
