package gui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/usb"
	"github.com/printstation/printstation/store"
)

// fillProfileForm types a valid TSPL profile for the folder printer dir
// into the printers screen's form.
func fillProfileForm(s *printersScreen, id, dir string) {
	s.id.SetText(id)
	s.name.SetText("打包台 1")
	s.addr.SetText(dir)
	s.language.SetSelectedIndex(0)
	s.dpi.SetSelected("203")
	s.width.SetText("76")
	s.height.SetText("130")
	s.gap.SetText("2")
	s.encoding.SetSelected("gb18030")
	s.density.SetText("8")
	s.speed.SetText("4")
}

// storedProfile reads the profile with the id back from the store.
func storedProfile(t *testing.T, ui *UI, id string) (printer.Profile, error) {
	t.Helper()
	var p printer.Profile
	err := ui.station.Store().View(func(tx *store.Tx) error {
		raw, err := tx.Printer(id)
		if err != nil {
			return err
		}
		return json.Unmarshal(raw, &p)
	})
	return p, err
}

// jobFiles returns the job files the folder printer dir holds.
func jobFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.tspl"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// saveFolderProfile saves a profile for a new folder printer through the
// form and returns the folder.
func saveFolderProfile(t *testing.T, ui *UI, id string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "labels")
	ui.ShowTab(TabPrinters)
	ui.Wait()
	fillProfileForm(ui.printers, id, dir)
	test.Tap(findButton(t, ui, T("button.save_profile")))
	if ui.printers.chosen < 0 {
		t.Fatalf("no profile chosen after saving; result = %q", ui.printers.result.Text)
	}
	return dir
}

func TestPrinters_SaveStoresProfile(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	dir := saveFolderProfile(t, ui, "desk-1")

	p, err := storedProfile(t, ui, "desk-1")
	if err != nil {
		t.Fatalf("stored profile: %v", err)
	}
	if p.Name != "打包台 1" || p.Address != dir {
		t.Errorf("stored name, address = %q, %q; want 打包台 1, %q", p.Name, p.Address, dir)
	}
	if p.Language != printer.TSPL || p.DPI != 203 || p.LabelWidthMM != 76 || p.Encoding != "gb18030" {
		t.Errorf("stored settings = %+v, want TSPL 203 dpi 76 mm gb18030", p)
	}
	if ui.printers.result.Importance != widget.SuccessImportance {
		t.Errorf("result %q is not green", ui.printers.result.Text)
	}
	if len(ui.printers.profiles) != 1 {
		t.Errorf("listed profiles = %d, want 1", len(ui.printers.profiles))
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after saving is on %v, want the scan box", ui.Window().Canvas().Focused())
	}
}

func TestPrinters_RefreshKeepsFormEdits(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	saveFolderProfile(t, ui, "desk-1")
	ui.printers.name.SetText("打包台 2")
	ui.Refresh()
	ui.Wait()

	if got := ui.printers.name.Text; got != "打包台 2" {
		t.Errorf("name after a refresh = %q, want the typed 打包台 2 kept", got)
	}
	if ui.printers.chosen != 0 || ui.printers.editing != "desk-1" {
		t.Errorf("chosen, editing = %d, %q; want desk-1 still chosen", ui.printers.chosen, ui.printers.editing)
	}
}

func TestPrinters_InvalidProfileNotSaved(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabPrinters)
	s := ui.printers
	fillProfileForm(s, "desk-1", t.TempDir())
	s.width.SetText("500")
	test.Tap(findButton(t, ui, T("button.save_profile")))

	if s.result.Text != T("printers.invalid.width") {
		t.Errorf("result = %q, want the label width message", s.result.Text)
	}
	if s.result.Importance != widget.DangerImportance {
		t.Errorf("result %q is not red", s.result.Text)
	}
	if _, err := storedProfile(t, ui, "desk-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("stored profile error = %v, want ErrNotFound", err)
	}
}

func TestPrinters_InvalidFieldsNamed(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabPrinters)
	s := ui.printers
	cases := []struct {
		name string
		edit func()
		key  string
	}{
		{"bad id", func() { s.id.SetText("desk 1") }, "printers.invalid.id"},
		{"no name", func() { s.name.SetText(" ") }, "printers.invalid.name"},
		{"no address", func() { s.addr.SetText("") }, "printers.invalid.address"},
		{"density range", func() { s.density.SetText("16") }, "printers.invalid.density"},
		{"speed not a number", func() { s.speed.SetText("fast") }, "printers.invalid.speed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fillProfileForm(s, "desk-1", t.TempDir())
			c.edit()
			test.Tap(findButton(t, ui, T("button.save_profile")))
			if s.result.Text != T(c.key) {
				t.Errorf("result = %q, want %q", s.result.Text, T(c.key))
			}
		})
	}
}

func TestPrinters_NewProfileKeepsSavedID(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	first := saveFolderProfile(t, ui, "desk-1")
	test.Tap(findButton(t, ui, T("button.new_profile")))
	fillProfileForm(ui.printers, "desk-1", t.TempDir())
	test.Tap(findButton(t, ui, T("button.save_profile")))

	if !strings.Contains(ui.printers.result.Text, "desk-1") || ui.printers.result.Importance != widget.DangerImportance {
		t.Errorf("result = %q, want the red id-taken message", ui.printers.result.Text)
	}
	p, err := storedProfile(t, ui, "desk-1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Address != first {
		t.Errorf("stored address = %q, want the first profile's %q kept", p.Address, first)
	}
}

func TestPrinters_TestLabelWritesJob(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	dir := saveFolderProfile(t, ui, "desk-1")
	test.Tap(findButton(t, ui, T("button.test_label")))
	ui.Wait()

	files := jobFiles(t, dir)
	if len(files) != 1 || !strings.Contains(filepath.Base(files[0]), "test-desk-1") {
		t.Fatalf("job files = %v, want the test label of desk-1", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "PRINT") {
		t.Errorf("job holds no PRINT command: %q", data)
	}
	if ui.printers.result.Importance != widget.SuccessImportance {
		t.Errorf("result %q is not green", ui.printers.result.Text)
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after the test print is on %v, want the scan box", ui.Window().Canvas().Focused())
	}
}

func TestPrinters_SelfTestWritesJob(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	dir := saveFolderProfile(t, ui, "desk-1")
	test.Tap(findButton(t, ui, T("button.self_test")))
	ui.Wait()

	files := jobFiles(t, dir)
	if len(files) != 1 || !strings.Contains(filepath.Base(files[0]), "selftest-desk-1") {
		t.Fatalf("job files = %v, want the self-test label of desk-1", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "SELF-TEST") {
		t.Errorf("job is not the self-test label: %.80q", data)
	}
	if want := T("printers.self_test.sent", map[string]any{"Printer": "打包台 1"}); ui.printers.result.Text != want {
		t.Errorf("result = %q, want %q", ui.printers.result.Text, want)
	}
}

func TestPrinters_SelfTestESCPOS(t *testing.T) {
	p := printer.DefaultProfile()
	p.ID, p.Name, p.Address = "receipt", "receipt", t.TempDir()
	p.Language, p.Encoding = printer.ESCPOS, "utf-8"
	job, err := selfTestJob(p)
	if err != nil {
		t.Fatalf("ESC/POS self-test with a UTF-8 profile: %v", err)
	}
	if !strings.Contains(string(job.Data), "SELF-TEST") {
		t.Errorf("job is not the self-test label: %.80q", job.Data)
	}
}

func TestPrinters_SendWithoutChoiceAsks(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabPrinters)
	test.Tap(findButton(t, ui, T("button.test_label")))
	ui.Wait()
	if ui.printers.result.Text != T("printers.choose_first") {
		t.Errorf("result = %q, want the choose-first message", ui.printers.result.Text)
	}
}

func TestPrinters_StatusOfFolderPrinter(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	saveFolderProfile(t, ui, "desk-1")
	test.Tap(findButton(t, ui, T("button.check_profile_status")))
	ui.Wait()
	if want := T("printer.line.no_status", map[string]any{"Printer": "打包台 1"}); ui.printers.profileStatus.Text != want {
		t.Errorf("status = %q, want %q", ui.printers.profileStatus.Text, want)
	}
}

func TestPrinters_DiscoverErrorShown(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabPrinters)
	ui.printers.discoverUSB = func(context.Context) ([]usb.Printer, error) { return nil, usb.ErrNoCgo }
	test.Tap(findButton(t, ui, T("button.discover")))
	ui.Wait()
	if ui.printers.discoverNote.Text != T("printers.discover.no_cgo") {
		t.Errorf("note = %q, want the no-cgo message", ui.printers.discoverNote.Text)
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after discovery is on %v, want the scan box", ui.Window().Canvas().Focused())
	}
}

func TestPrinters_DiscoveredPrinterFillsForm(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabPrinters)
	found := usb.Printer{VendorID: 0x0483, ProductID: 0x5743, DeviceID: usb.DeviceID{
		Manufacturer: "Gprinter", Model: "GP-1324D", Commands: []string{"ESC/POS"},
	}}
	ui.printers.discoverUSB = func(context.Context) ([]usb.Printer, error) { return []usb.Printer{found}, nil }
	test.Tap(findButton(t, ui, T("button.discover")))
	ui.Wait()

	line := discoveredLine(found)
	for _, want := range []string{"Gprinter", "GP-1324D", "ESC/POS", "usb://0483:5743"} {
		if !strings.Contains(line, want) {
			t.Errorf("discovered line %q lacks %q", line, want)
		}
	}
	test.Tap(findButton(t, ui, T("button.use_printer")))
	s := ui.printers
	if s.addr.Text != "usb://0483:5743" || s.name.Text != "Gprinter GP-1324D" || s.id.Text != "usb_0483_5743" {
		t.Errorf("form address, name, id = %q, %q, %q; want the discovered printer's", s.addr.Text, s.name.Text, s.id.Text)
	}
	if s.language.SelectedIndex() != 1 {
		t.Errorf("language index = %d, want ESC/POS (1)", s.language.SelectedIndex())
	}
	if s.editing != "" || s.id.Disabled() {
		t.Errorf("the form edits %q, want a new profile with an editable id", s.editing)
	}
}
