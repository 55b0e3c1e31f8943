package main

import (
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"time"

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
	return openWindowWith(setup, f, printerDir, demo, "")
}

// openWindowWith opens the window; with a screenshot path it runs one batch,
// saves a picture of the window there and quits (the smoke test's mode).
func openWindowWith(setup app.Setup, f *shopFlags, printerDir string, demo bool, screenshot string) error {
	if err := gui.LoadTranslations(f.lang); err != nil {
		return err
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
	ui := gui.New(a, rt.Station, gui.Options{Title: title, PrinterFolder: printerDir})
	ui.SyncOrders()
	var shotErr error
	if screenshot != "" {
		go func() {
			shotErr = captureAfterBatch(a, ui, screenshot)
		}()
	}
	ui.Window().ShowAndRun()
	return shotErr
}

// captureAfterBatch waits for the window to settle, runs a batch as a tap
// on the button would, saves the window as a PNG and quits.
func captureAfterBatch(a fyne.App, ui *gui.UI, path string) error {
	defer fyne.Do(a.Quit)
	ui.Wait()
	fyne.DoAndWait(ui.StartBatch)
	ui.Wait()
	// Let the last refresh reach the screen before the capture.
	time.Sleep(500 * time.Millisecond)

	var img image.Image
	fyne.DoAndWait(func() { img = ui.Window().Canvas().Capture() })
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}
