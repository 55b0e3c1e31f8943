package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/app/gui"
)

// shopFlags are the flags that override a config file's setup.
type shopFlags struct {
	config, baseURL, appKey, appSecret, printer, storePath, courier, lang string
	language, template                                                    string
	shopID                                                                int64
	dpi                                                                   int
	verbose                                                               bool
}

func (f *shopFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "JSON config `file` with the shop, printer, sender and store")
	fs.StringVar(&f.baseURL, "shop-url", "", "base `URL` of the shop's open platform gateway (overrides the config)")
	fs.StringVar(&f.appKey, "app-key", "", "app key of the shop's open platform app")
	fs.StringVar(&f.appSecret, "app-secret", "", "app secret (prefer the config file or PRINTSTATION_APP_SECRET: flags show in process lists)")
	fs.Int64Var(&f.shopID, "shop-id", 0, "shop id")
	fs.StringVar(&f.printer, "printer", "", "printer `address`: tcp://HOST:9100, usb://VID:PID or a folder for the virtual printer")
	fs.StringVar(&f.storePath, "store", "", "station store `file` (bbolt)")
	fs.StringVar(&f.courier, "courier", "", "courier code for waybills, e.g. zhongtong")
	fs.IntVar(&f.dpi, "dpi", 0, "printer resolution in dots per inch: 203 or 300")
	fs.StringVar(&f.language, "language", "", "printer command language: tspl (default) or escpos")
	fs.StringVar(&f.template, "template", "", "waybill template: 76x130 (default), 100x180 or 100x150")
	fs.StringVar(&f.lang, "lang", "", "language of messages: zh or en (default: the system's)")
	fs.BoolVar(&f.verbose, "v", false, "log debug events")
}

// apply overrides setup with the flags that were given.
func (f *shopFlags) apply(s *app.Setup) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&s.Shop.BaseURL, f.baseURL)
	set(&s.Shop.AppKey, f.appKey)
	// The environment overrides the config file and the flag overrides both.
	set(&s.Shop.AppSecret, os.Getenv("PRINTSTATION_APP_SECRET"))
	set(&s.Shop.AppSecret, f.appSecret)
	set(&s.Printer, app.ExpandHome(f.printer))
	set(&s.Store, app.ExpandHome(f.storePath))
	set(&s.Courier, f.courier)
	set(&s.Language, f.language)
	set(&s.Template, f.template)
	if f.shopID != 0 {
		s.Shop.ShopID = f.shopID
	}
	if f.dpi != 0 {
		s.Profile.DPI = f.dpi
	}
}

func (f *shopFlags) logger() zerolog.Logger {
	level := zerolog.InfoLevel
	if f.verbose {
		level = zerolog.DebugLevel
	}
	return zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr, TimeFormat: "15:04:05"}).Level(level).With().Timestamp().Logger()
}

// errShopOffline is the exit error of a headless run without the shop.
var errShopOffline = errors.New("the shop could not be reached; run again when the network is back")

// runHeadless is "printstation run": one sync, batch and write-back against
// the configured shop and printer.
func runHeadless(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	var f shopFlags
	f.register(fs)
	fs.Parse(args)

	setup := app.Setup{Courier: "zhongtong", Store: app.DefaultStorePath()}
	if f.config != "" {
		loaded, err := app.LoadSetup(f.config)
		if err != nil {
			return err
		}
		setup = loaded
	}
	f.apply(&setup)
	return headless(setup, &f, "")
}

// runDemo is "printstation demo": the embedded demo shop, in the window or,
// with --headless, printed once to a folder or the given printer.
func runDemo(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ExitOnError)
	var f shopFlags
	f.register(fs)
	isHeadless := fs.Bool("headless", false, "run one batch without a window and print a summary")
	orders := fs.Int("orders", 300, "number of orders awaiting shipment in the demo shop")
	out := fs.String("out", "", "`folder` for the store and the virtual printer's labels (default: a new temporary folder)")
	seed := fs.Int64("seed", 1, "seed of the demo shop's orders")
	autoBatch := fs.Bool("auto-batch", false, "in the window, run one batch at start and print a line when it is done")
	tab := registerTabFlag(fs)
	fs.Parse(args)

	demo, err := app.StartDemo(app.DemoOptions{Orders: *orders, Seed: *seed, Dir: *out, Printer: f.printer, Logger: f.logger()})
	if err != nil {
		return err
	}
	defer demo.Close()
	setup := demo.Setup
	f.apply(&setup)

	if !*isHeadless {
		return openWindowWith(setup, &f, demo.PrinterDir, true, *autoBatch, *tab)
	}
	if demo.PrinterDir == "" {
		// The labels went to the printer given; only the store is here.
		return headless(setup, &f, "")
	}
	return headless(setup, &f, demo.Dir)
}

func headless(setup app.Setup, f *shopFlags, outDir string) error {
	if err := gui.LoadTranslations(f.lang); err != nil {
		return err
	}
	log := f.logger()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	rt, err := app.Open(ctx, setup, log)
	if err != nil {
		return err
	}
	defer rt.Close()

	sum, runErr := app.RunAll(ctx, rt, nil)
	fmt.Println(gui.T("cli.summary", map[string]any{
		"Orders": sum.Orders, "Printed": sum.Printed, "WrittenBack": sum.WrittenBack, "SetAside": sum.SetAside,
		"Outbox": sum.Outbox, "Unconfirmed": sum.Unconfirmed, "Duration": sum.Duration.Round(1e6).String(),
	}))
	if outDir != "" {
		fmt.Println(gui.T("cli.output_folder", map[string]any{"Path": outDir}))
	}
	if runErr != nil {
		fmt.Fprintln(os.Stderr, gui.Message(app.UserMessage(runErr)))
		return runErr
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err()
	}
	// A run that could not reach the shop did its offline part (printing
	// labels that have waybills) but must not look like a clean run.
	if !rt.Station.Status().Online {
		fmt.Fprintln(os.Stderr, gui.T("err.shop_unavailable"))
		return errShopOffline
	}
	return nil
}
