package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/app/gui"
	"github.com/printstation/printstation/assets"
)

// appID is the application id, the same as in FyneApp.toml.
const appID = "io.github.printstation"

// runGUI is "printstation gui": the window over the configured shop, or the
// demo shop when no config is given.
func runGUI(args []string) error {
	fs := flag.NewFlagSet("gui", flag.ExitOnError)
	var f shopFlags
	f.register(fs)
	fs.Parse(args)
	if f.config == "" && f.baseURL == "" {
		return runDemo(args)
	}

	setup := app.Setup{Courier: "zhongtong", Store: app.DefaultStorePath()}
	if f.config != "" {
		loaded, err := app.LoadSetup(f.config)
		if err != nil {
			return err
		}
		setup = loaded
	}
	f.apply(&setup)
	return openWindow(setup, &f, "", false)
}

func openWindow(setup app.Setup, f *shopFlags, printerDir string, demo bool) error {
	return openWindowWith(setup, f, printerDir, demo, false, "orders")
}

// openWindowWith opens the window; with autoBatch it also runs one batch as
// a tap on the batch button would, and prints batchDoneLine when the batch
// is done and on screen (the smoke test and the screenshot script wait for
// that line).
func openWindowWith(setup app.Setup, f *shopFlags, printerDir string, demo, autoBatch bool, tabName string) error {
	tab, err := tabIndex(tabName)
	if err != nil {
		return err
	}
	if err := gui.LoadTranslations(f.lang); err != nil {
		return err
	}
	if !displayAvailable() {
		return errors.New(gui.T("err.no_display"))
	}
	rt, err := app.Open(context.Background(), setup, f.logger())
	if err != nil {
		return err
	}
	defer rt.Close()

	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	title := gui.T("app.title")
	if demo {
		title = gui.T("app.demo_title")
	}
	ui := gui.New(a, rt.Station, gui.Options{Title: title, PrinterFolder: printerDir, Prefetch: true})
	ui.SyncOrders()
	if !autoBatch {
		ui.ShowTab(tab)
	}
	// Write-backs left by a batch or an earlier run are delivered in the
	// background for as long as the window is open.
	outboxCtx, stopOutbox := context.WithCancel(context.Background())
	defer stopOutbox()
	go rt.Station.RunOutbox(outboxCtx)
	if setup.PushAddr != "" {
		if _, err := rt.ServePush(outboxCtx, setup.PushAddr); err != nil {
			return err
		}
	}
	if autoBatch {
		go func() {
			ui.Wait()
			fyne.DoAndWait(ui.StartBatch)
			ui.Wait()
			fyne.DoAndWait(func() { ui.ShowTab(tab) })
			ui.Wait()
			fmt.Println(batchDoneLine)
		}()
	}
	ui.Window().ShowAndRun()
	return nil
}

// displayAvailable reports whether a window can open: on Linux and the
// BSDs an X11 or Wayland display must be named; elsewhere there always is
// one.
func displayAvailable() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// batchDoneLine is printed on standard output after an automatic batch.
const batchDoneLine = "printstation: batch done"
