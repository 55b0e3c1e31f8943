package gui

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/escpos"
	"github.com/printstation/printstation/printer/tspl"
	"github.com/printstation/printstation/printer/usb"
	"github.com/printstation/printstation/store"
)

// printersScreen shows the station's printer with its live status, the
// saved printer profiles with a form to add, edit and delete them, the USB
// printers that discovery finds, and sends a test or self-test label to the
// chosen profile's printer.
//
// NOTE: only USB printers are discovered. A network printer is added by
// typing its tcp:// address into the form.
type printersScreen struct {
	u       *UI
	content fyne.CanvasObject

	// The station's own printer.
	address *widget.Label
	kind    *widget.Label
	status  *widget.Label
	check   *widget.Button

	// Saved profiles. chosen is the index in profiles of the profile the
	// list selects, -1 when none.
	profiles []printer.Profile
	chosen   int
	list     *widget.List

	// The profile form. editing is the id of the saved profile the form
	// edits, "" for a new profile.
	editing                    string
	id, name, addr, template   *widget.Entry
	width, height, gap         *widget.Entry
	density, speed             *widget.Entry
	language, dpi, encoding    *widget.Select
	invert, queryStatus        *widget.Check
	profileStatus, result      *widget.Label
	discoverNote               *widget.Label
	discovered                 *fyne.Container
	discoverButton, saveButton *widget.Button

	// discoverUSB lists the USB printers; tests replace it.
	discoverUSB func(ctx context.Context) ([]usb.Printer, error)
}

// Choices of the form's drop-downs, in the order of their options.
var (
	profileLanguages = []printer.Language{printer.TSPL, printer.ESCPOS}
	profileDPIs      = []string{"203", "300"}
	profileEncodings = []string{tspl.EncodingGB18030, tspl.EncodingGBK, tspl.EncodingGB2312, tspl.EncodingUTF8}
)

// Time limits of the work on a profile's printer.
const (
	discoverTimeout = 10 * time.Second
	sendJobTimeout  = 30 * time.Second
)

func (u *UI) newPrintersScreen() *printersScreen {
	s := &printersScreen{u: u, chosen: -1, discoverUSB: usb.Discover}

	s.address = widget.NewLabel(T("printers.address", map[string]any{"Address": u.station.Printer().String()}))
	s.kind = widget.NewLabel(T(printerKindKey(u.station.Printer().String())))
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.check = widget.NewButtonWithIcon(T("button.check_printer"), theme.ViewRefreshIcon(), u.tapped(s.refreshStation))
	help := widget.NewLabel(T("printers.help"))
	help.Wrapping = fyne.TextWrapWord
	station := widget.NewCard(T("printers.station"), "", container.NewVBox(s.address, s.kind, s.status, container.NewHBox(s.check), help))

	s.list = widget.NewList(
		func() int { return len(s.profiles) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(profileLine(s.profiles[id]))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.choose(id)
		u.win.Canvas().Focus(u.scan)
	}
	newProfile := widget.NewButtonWithIcon(T("button.new_profile"), theme.ContentAddIcon(), u.tapped(s.newProfile))
	deleteProfile := widget.NewButtonWithIcon(T("button.delete_profile"), theme.DeleteIcon(), u.tapped(s.deleteChosen))
	profiles := widget.NewCard(T("printers.profiles"), "", container.NewBorder(nil, container.NewHBox(newProfile, deleteProfile), nil, nil, s.list))

	s.discoverButton = widget.NewButtonWithIcon(T("button.discover"), theme.SearchIcon(), u.tapped(s.discover))
	s.discoverNote = widget.NewLabel("")
	s.discoverNote.Wrapping = fyne.TextWrapWord
	s.discovered = container.NewVBox()
	discovered := widget.NewCard(T("printers.discovered"), "", container.NewVBox(container.NewHBox(s.discoverButton), s.discoverNote, s.discovered))

	left := container.NewBorder(station, discovered, nil, nil, profiles)
	right := container.NewVScroll(container.NewVBox(s.buildForm(), s.buildActions()))
	s.content = container.NewHSplit(left, right)
	s.fillForm(printer.DefaultProfile())
	return s
}

// buildForm makes the profile form and its save button.
func (s *printersScreen) buildForm() fyne.CanvasObject {
	s.id, s.name, s.addr, s.template = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.width, s.height, s.gap = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.density, s.speed = widget.NewEntry(), widget.NewEntry()
	s.language = widget.NewSelect([]string{T("printers.language.tspl"), T("printers.language.escpos")}, nil)
	s.dpi = widget.NewSelect(profileDPIs, nil)
	s.encoding = widget.NewSelect(profileEncodings, nil)
	s.invert = widget.NewCheck(T("printers.field.invert"), nil)
	s.queryStatus = widget.NewCheck(T("printers.field.query_status"), nil)
	s.saveButton = widget.NewButtonWithIcon(T("button.save_profile"), theme.DocumentSaveIcon(), s.u.tapped(s.save))
	s.saveButton.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(T("printers.field.id"), s.id),
		widget.NewFormItem(T("printers.field.name"), s.name),
		widget.NewFormItem(T("printers.field.address"), s.addr),
		widget.NewFormItem(T("printers.field.language"), s.language),
		widget.NewFormItem(T("printers.field.dpi"), s.dpi),
		widget.NewFormItem(T("printers.field.width"), s.width),
		widget.NewFormItem(T("printers.field.height"), s.height),
		widget.NewFormItem(T("printers.field.gap"), s.gap),
		widget.NewFormItem(T("printers.field.encoding"), s.encoding),
		widget.NewFormItem(T("printers.field.density"), s.density),
		widget.NewFormItem(T("printers.field.speed"), s.speed),
		widget.NewFormItem(T("printers.field.template"), s.template),
		widget.NewFormItem("", s.invert),
		widget.NewFormItem("", s.queryStatus),
	)
	return widget.NewCard(T("printers.profile"), "", container.NewVBox(form, container.NewHBox(s.saveButton)))
}

// buildActions makes the buttons that act on the chosen profile's printer
// and the lines that show their results.
func (s *printersScreen) buildActions() fyne.CanvasObject {
	testLabel := widget.NewButtonWithIcon(T("button.test_label"), theme.DocumentPrintIcon(), s.u.tapped(s.printTestLabel))
	selfTest := widget.NewButtonWithIcon(T("button.self_test"), theme.DocumentPrintIcon(), s.u.tapped(s.printSelfTest))
	checkStatus := widget.NewButtonWithIcon(T("button.check_profile_status"), theme.ViewRefreshIcon(), s.u.tapped(s.checkChosen))
	s.profileStatus = widget.NewLabel(T("printers.choose_first"))
	s.profileStatus.Wrapping = fyne.TextWrapWord
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	return widget.NewCard(T("printers.chosen"), "", container.NewVBox(container.NewHBox(testLabel, selfTest, checkStatus), s.profileStatus, s.result))
}

// refresh reloads the saved profiles and queries the station printer.
func (s *printersScreen) refresh() {
	s.refreshStation()
	s.reload()
}

func (s *printersScreen) refreshStation() {
	s.u.printerStatus(s.status)
}

// reload reads the saved profiles from the store and keeps the chosen one
// chosen when it still exists.
func (s *printersScreen) reload() {
	chosenID := ""
	if s.chosen >= 0 && s.chosen < len(s.profiles) {
		chosenID = s.profiles[s.chosen].ID
	}

	var profiles []printer.Profile
	var unreadable []string
	err := s.u.station.Store().View(func(tx *store.Tx) error {
		return tx.ForEachPrinter(func(id string, raw []byte) error {
			var p printer.Profile
			if err := json.Unmarshal(raw, &p); err != nil {
				unreadable = append(unreadable, id)
				return nil
			}
			profiles = append(profiles, p)
			return nil
		})
	})
	if err != nil {
		s.u.showError(err)
		return
	}
	if len(unreadable) > 0 {
		s.showResult(T("printers.unreadable", map[string]any{"IDs": strings.Join(unreadable, ", ")}), false)
	}

	s.profiles = profiles
	s.chosen = -1
	s.list.UnselectAll()
	for i, p := range profiles {
		if p.ID == chosenID {
			s.chosen = i
			s.list.Select(i)
		}
	}
	s.list.Refresh()
}

// choose puts the saved profile i into the form for editing. Its id stays
// fixed, because the id is the key the profile is stored under.
func (s *printersScreen) choose(i int) {
	if i < 0 || i >= len(s.profiles) {
		return
	}
	s.chosen = i
	p := s.profiles[i]
	s.fillForm(p)
	s.editing = p.ID
	s.id.Disable()
	s.profileStatus.SetText(T("printers.chosen_line", map[string]any{"Name": p.Name}))
}

// newProfile empties the form for a new profile with the default settings.
func (s *printersScreen) newProfile() {
	s.startNew(printer.DefaultProfile())
}

// startNew fills the form with p as a profile that is not saved yet.
func (s *printersScreen) startNew(p printer.Profile) {
	s.chosen = -1
	s.list.UnselectAll()
	s.fillForm(p)
	s.editing = ""
	s.id.Enable()
	s.profileStatus.SetText(T("printers.choose_first"))
}

func (s *printersScreen) fillForm(p printer.Profile) {
	s.id.SetText(p.ID)
	s.name.SetText(p.Name)
	s.addr.SetText(p.Address)
	s.template.SetText(p.Template)
	s.language.SetSelectedIndex(max(0, indexOf(profileLanguages, p.Language)))
	s.dpi.SetSelected(strconv.Itoa(p.DPI))
	s.encoding.SetSelected(p.Encoding)
	s.width.SetText(formatNumber(p.LabelWidthMM))
	s.height.SetText(formatNumber(p.LabelHeightMM))
	s.gap.SetText(formatNumber(p.GapMM))
	s.density.SetText(strconv.Itoa(p.Density))
	s.speed.SetText(formatNumber(p.Speed))
	s.invert.SetChecked(p.InvertBitmap)
	s.queryStatus.SetChecked(p.QueryStatus)
}

// readForm returns the profile the form holds, or the translated message
// about the first field that is not a number or that Validate rejects.
func (s *printersScreen) readForm() (printer.Profile, string) {
	p := printer.Profile{
		ID:           strings.TrimSpace(s.id.Text),
		Name:         strings.TrimSpace(s.name.Text),
		Address:      strings.TrimSpace(s.addr.Text),
		Template:     strings.TrimSpace(s.template.Text),
		Encoding:     s.encoding.Selected,
		InvertBitmap: s.invert.Checked,
		QueryStatus:  s.queryStatus.Checked,
	}
	if i := s.language.SelectedIndex(); i >= 0 {
		p.Language = profileLanguages[i]
	}
	p.DPI, _ = strconv.Atoi(s.dpi.Selected)

	numbers := []struct {
		entry *widget.Entry
		value *float64
		key   string
	}{
		{s.width, &p.LabelWidthMM, "printers.invalid.width"},
		{s.height, &p.LabelHeightMM, "printers.invalid.height"},
		{s.gap, &p.GapMM, "printers.invalid.gap"},
		{s.speed, &p.Speed, "printers.invalid.speed"},
	}
	for _, n := range numbers {
		v, err := strconv.ParseFloat(strings.TrimSpace(n.entry.Text), 64)
		if err != nil {
			return p, T(n.key)
		}
		*n.value = v
	}
	density, err := strconv.Atoi(strings.TrimSpace(s.density.Text))
	if err != nil {
		return p, T("printers.invalid.density")
	}
	p.Density = density

	if err := p.Validate(); err != nil {
		return p, invalidProfileText(p, err)
	}
	return p, ""
}

// profileFields copies one field of a profile each, in the order Validate
// checks them, with the translation key of the message about that field.
var profileFields = []struct {
	key  string
	copy func(dst *printer.Profile, src printer.Profile)
}{
	{"printers.invalid.id", func(d *printer.Profile, s printer.Profile) { d.ID = s.ID }},
	{"printers.invalid.name", func(d *printer.Profile, s printer.Profile) { d.Name = s.Name }},
	{"printers.invalid.address", func(d *printer.Profile, s printer.Profile) { d.Address = s.Address }},
	{"printers.invalid.language", func(d *printer.Profile, s printer.Profile) { d.Language = s.Language }},
	{"printers.invalid.dpi", func(d *printer.Profile, s printer.Profile) { d.DPI = s.DPI }},
	{"printers.invalid.width", func(d *printer.Profile, s printer.Profile) { d.LabelWidthMM = s.LabelWidthMM }},
	{"printers.invalid.height", func(d *printer.Profile, s printer.Profile) { d.LabelHeightMM = s.LabelHeightMM }},
	{"printers.invalid.gap", func(d *printer.Profile, s printer.Profile) { d.GapMM = s.GapMM }},
	{"printers.invalid.density", func(d *printer.Profile, s printer.Profile) { d.Density = s.Density }},
	{"printers.invalid.speed", func(d *printer.Profile, s printer.Profile) { d.Speed = s.Speed }},
	{"printers.invalid.encoding", func(d *printer.Profile, s printer.Profile) { d.Encoding = s.Encoding }},
}

// invalidProfileText translates the error of p.Validate. Validate's error
// is English text, so the wrong field is found by copying one field of p at
// a time into a valid profile and validating that: the rules stay in
// printer.Profile.Validate alone.
func invalidProfileText(p printer.Profile, err error) string {
	for _, f := range profileFields {
		probe := printer.DefaultProfile()
		probe.ID, probe.Name, probe.Address = "x", "x", "x"
		f.copy(&probe, p)
		if probe.Validate() != nil {
			return T(f.key)
		}
	}
	return T("printers.invalid", map[string]any{"Detail": err.Error()})
}

// save stores the form's profile when it is valid. A new profile may not
// take the id of a saved one, so a typo cannot overwrite another printer.
func (s *printersScreen) save() {
	p, problem := s.readForm()
	if problem != "" {
		s.showResult(problem, false)
		return
	}
	raw, err := json.Marshal(p)
	if err != nil {
		s.u.showError(err)
		return
	}

	taken := false
	err = s.u.station.Store().Update(func(tx *store.Tx) error {
		if s.editing == "" {
			if _, err := tx.Printer(p.ID); err == nil {
				taken = true
				return nil
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return tx.PutPrinter(p.ID, raw)
	})
	if err != nil {
		s.u.showError(err)
		return
	}
	if taken {
		s.showResult(T("printers.id_taken", map[string]any{"ID": p.ID}), false)
		return
	}

	s.showResult(T("printers.saved", map[string]any{"Name": p.Name}), true)
	s.chosen = -1
	s.reload()
	for i, saved := range s.profiles {
		if saved.ID == p.ID {
			s.list.Select(i)
		}
	}
}

func (s *printersScreen) deleteChosen() {
	p, ok := s.chosenProfile()
	if !ok {
		return
	}
	err := s.u.station.Store().Update(func(tx *store.Tx) error {
		return tx.DeletePrinter(p.ID)
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.u.showError(err)
		return
	}
	s.startNew(printer.DefaultProfile())
	s.reload()
	s.showResult(T("printers.deleted", map[string]any{"Name": p.Name}), true)
}

// chosenProfile returns the saved profile the list selects, and otherwise
// asks the user to choose one.
func (s *printersScreen) chosenProfile() (printer.Profile, bool) {
	if s.chosen < 0 || s.chosen >= len(s.profiles) {
		s.showResult(T("printers.choose_first"), false)
		return printer.Profile{}, false
	}
	return s.profiles[s.chosen], true
}

// showResult shows the outcome of the last action, green when it worked
// and red when it did not.
func (s *printersScreen) showResult(text string, ok bool) {
	s.result.Importance = widget.DangerImportance
	if ok {
		s.result.Importance = widget.SuccessImportance
	}
	s.result.SetText(text)
}
