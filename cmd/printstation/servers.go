package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/printer/emulator"
)

// runSim is "printstation sim": the shop simulator as a standalone server,
// for trying any client against it.
func runSim(args []string) error {
	fs := flag.NewFlagSet("sim", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:8900", "loopback `address` to listen on")
	orders := fs.Int("orders", 1000, "number of orders awaiting shipment")
	seed := fs.Int64("seed", 1, "seed of the generated orders")
	fs.Parse(args)

	s := sim.New(sim.Options{Orders: *orders, Seed: *seed})
	url, err := s.Listen(*addr)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Printf("shop simulator on %s (app_key %s, app_secret %s, shop_id %d)\n", url, sim.DefaultAppKey, sim.DefaultAppSecret, sim.DefaultShopID)
	waitForSignal()
	return nil
}

// runEmulator is "printstation emulator": the TCP printer emulator as a
// standalone server.
func runEmulator(args []string) error {
	fs := flag.NewFlagSet("emulator", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:9100", "loopback `address` to listen on")
	fs.Parse(args)

	e, err := emulator.Start(emulator.Options{Addr: *addr})
	if err != nil {
		return err
	}
	defer e.Close()
	fmt.Printf("printer emulator on tcp://%s\n", e.Addr())
	waitForSignal()
	fmt.Printf("labels received: %d\n", e.LabelCount())
	return nil
}

func waitForSignal() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
