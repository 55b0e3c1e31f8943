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
	ui := New(a, rt.Station, Options{Title: "test", PrinterFolder: demo.PrinterDir, Alarm: &countingAlarm{}})
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

func TestWindow_UnknownScanSoundsAlarm(t *testing.T) {
	ui, _ := newDemoUI(t, 1)
	alarm := ui.opts.Alarm.(*countingAlarm)

	test.Type(ui.scan, "NOT-A-CODE")
	ui.scan.TypedKey(keyEnter)
	ui.Wait()

	if got := alarm.count(); got != 1 {
		t.Errorf("alarm sounded %d times, want 1", got)
	}
}

func TestWindow_FocusReturnsAfterEveryTap(t *testing.T) {
	ui, _ := newDemoUI(t, 2)
	c := ui.Window().Canvas()
	taps := []struct {
		name string
		tap  func()
	}{
		{"sync", func() { test.Tap(ui.orders.syncButton) }},
		{"select shown", func() { test.Tap(findButton(t, ui, T("button.select_shown"))) }},
		{"scan tab", func() { ui.ShowTab(TabScan) }},
		{"outbox send", func() { ui.ShowTab(TabOutbox); test.Tap(ui.outbox.send) }},
		{"printer check", func() { ui.ShowTab(TabPrinters); test.Tap(ui.printers.check) }},
	}
	for _, tc := range taps {
		c.Focus(ui.orders.search) // as if the packer had clicked into the search box
		tc.tap()
		ui.Wait()
		if c.Focused() != ui.scan {
			t.Errorf("after %s the focus is on %v, want the scan box", tc.name, c.Focused())
		}
	}
}

func TestWindow_VerifyPackingFlagsWrongItem(t *testing.T) {
	ui, _ := newDemoUI(t, 1)
	alarm := ui.opts.Alarm.(*countingAlarm)
	test.Tap(ui.batchButton)
	ui.Wait()
	row := ui.Rows()[0]
	ui.SetVerifyMode(true)

	test.Type(ui.scan, row.TrackNo)
	ui.scan.TypedKey(keyEnter)
	if ui.scanning.check == nil {
		t.Fatalf("scanning the label started no pack check; feedback %q", ui.Feedback())
	}
	test.Type(ui.scan, "NOT-IN-BOX")
	ui.scan.TypedKey(keyEnter)
	if ui.feedback.Color != colorAlarm || alarm.count() != 1 {
		t.Errorf("wrong item: feedback %q in %v, alarms %d; want red and one alarm", ui.Feedback(), ui.feedback.Color, alarm.count())
	}
	for _, line := range ui.scanning.check.Lines() {
		for range line.Want {
			test.Type(ui.scan, line.Code)
			ui.scan.TypedKey(keyEnter)
		}
	}
	if ui.scanning.check.Done() {
		t.Errorf("check done although a wrong item was scanned")
	}
	if len(ui.scanning.check.Missing()) != 0 {
		t.Errorf("missing after scanning every item: %v", ui.scanning.check.Missing())
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
