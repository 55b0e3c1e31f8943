package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/rs/zerolog"

	"github.com/printstation/printstation/app"
)

// newDemoUI opens the window headless over the demo shop with n orders and
// a virtual printer in a temporary folder.
func newDemoUI(t *testing.T, n int) (*UI, *app.Demo) {
	t.Helper()
	if err := LoadTranslations("en"); err != nil {
		t.Fatal(err)
	}
	demo, err := app.StartDemo(app.DemoOptions{Orders: n, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { demo.Close() })
	rt, err := app.Open(context.Background(), demo.Setup, zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rt.Close() })

	a := test.NewTempApp(t)
	ui := New(a, rt.Station, Options{Title: "test", PrinterFolder: demo.PrinterDir})
	t.Cleanup(func() { ui.Window().Close() })
	ui.SyncOrders()
	ui.Wait()
	return ui, demo
}

// printedJobs counts the TSPL jobs the virtual printer stored.
func printedJobs(t *testing.T, dir string) int {
	t.Helper()
	jobs, err := filepath.Glob(filepath.Join(dir, "*.tspl"))
	if err != nil {
		t.Fatal(err)
	}
	return len(jobs)
}

func TestWindow_SyncFillsOrderList(t *testing.T) {
	ui, _ := newDemoUI(t, 12)
	if got := len(ui.Rows()); got != 12 {
		t.Fatalf("order rows = %d, want 12", got)
	}
	if !strings.Contains(ui.count.Text, "12") {
		t.Errorf("count label = %q, want it to say 12", ui.count.Text)
	}
}

func TestWindow_BatchButtonPrintsOnceAndReturnsFocus(t *testing.T) {
	ui, demo := newDemoUI(t, 8)

	test.Tap(ui.batchButton)
	if !ui.batchButton.Disabled() {
		t.Errorf("batch button enabled while the batch runs")
	}
	test.Tap(ui.batchButton) // a double click
	ui.Wait()

	if got := printedJobs(t, demo.PrinterDir); got != 8 {
		t.Errorf("virtual printer holds %d labels, want 8", got)
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus is on %v after the tap, want the scan box", ui.Window().Canvas().Focused())
	}
	if ui.batchButton.Disabled() {
		t.Errorf("batch button still disabled after the batch")
	}
	if ui.Feedback() != "" {
		t.Errorf("feedback after a clean batch = %q, want none", ui.Feedback())
	}
}

func TestWindow_ScanAndEnterReprints(t *testing.T) {
	ui, demo := newDemoUI(t, 3)
	test.Tap(ui.batchButton)
	ui.Wait()
	waybill := ui.Rows()[0].TrackNo
	if waybill == "" {
		t.Fatal("first row has no waybill after the batch")
	}

	test.Type(ui.scan, waybill)
	ui.scan.TypedKey(keyEnter)
	ui.Wait()

	if got := printedJobs(t, demo.PrinterDir); got != 4 {
		t.Errorf("virtual printer holds %d labels, want 3 + 1 reprint", got)
	}
	if !strings.Contains(ui.Feedback(), waybill) || ui.feedback.Color != colorOK {
		t.Errorf("feedback = %q in %v, want the waybill in green", ui.Feedback(), ui.feedback.Color)
	}
	if ui.scan.Text != "" {
		t.Errorf("scan box keeps %q, want it cleared for the next scan", ui.scan.Text)
	}
}

func TestWindow_UnknownScanShowsRedAndPrintsNothing(t *testing.T) {
	ui, demo := newDemoUI(t, 2)
	test.Tap(ui.batchButton)
	ui.Wait()
	before := printedJobs(t, demo.PrinterDir)

	test.Type(ui.scan, "NOT-A-CODE")
	ui.scan.TypedKey(keyEnter)
	ui.Wait()

	if got := printedJobs(t, demo.PrinterDir); got != before {
		t.Errorf("an unknown code printed: %d labels, want %d", got, before)
	}
	if ui.feedback.Color != colorAlarm || !strings.Contains(ui.Feedback(), "Unknown code") {
		t.Errorf("feedback = %q in %v, want the unknown-code message in red", ui.Feedback(), ui.feedback.Color)
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
