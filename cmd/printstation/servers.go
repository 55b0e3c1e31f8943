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
	failureRate := fs.Float64("failure-rate", 0, "share of requests, 0 to 1, that fail at random (20000, 60000, 502, dropped or slow replies)")
	pushURL := fs.String("push-url", "", "loopback `URL` that receives push messages when orders change")
	fs.Parse(args)

	s := sim.New(sim.Options{Orders: *orders, Seed: *seed, FailureRate: *failureRate, PushURL: *pushURL})
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
	speed := fs.Float64("speed", 0, "print speed in mm/s of the print engine model; 0 prints each label at once")
	pngDir := fs.String("png", "", "`folder` to save a PNG of every label received when the emulator stops")
	fs.Parse(args)

	e, err := emulator.Start(emulator.Options{Addr: *addr, PrintSpeed: *speed})
	if err != nil {
		return err
	}
	defer e.Close()
	fmt.Printf("printer emulator on tcp://%s\n", e.Addr())
	waitForSignal()
	fmt.Printf("labels received: %d\n", e.LabelCount())
	if *pngDir != "" {
		n, err := e.SavePNGs(*pngDir)
		if err != nil {
			return err
		}
		fmt.Printf("%d label images saved in %s\n", n, *pngDir)
	}
	return nil
}

func waitForSignal() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
