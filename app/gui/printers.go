package gui

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
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
	// list selects, -1 when none. restoringChoice is true while reload
	// selects the chosen profile again, which must not reset the form.
	profiles        []printer.Profile
	chosen          int
	list            *widget.List
	restoringChoice bool

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

	// discoverUSB lists the USB printers. Tests replace it with a fake.
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
	station := container.NewVBox(container.NewHBox(heading(T("printers.station")), s.check), s.address, s.kind, s.status, help)

	s.list = widget.NewList(
		func() int { return len(s.profiles) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(profileLine(s.profiles[id]))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if s.restoringChoice {
			return
		}
		s.choose(id)
		u.win.Canvas().Focus(u.scan)
	}
	newProfile := widget.NewButtonWithIcon(T("button.new_profile"), theme.ContentAddIcon(), u.tapped(s.newProfile))
	deleteProfile := widget.NewButtonWithIcon(T("button.delete_profile"), theme.DeleteIcon(), u.tapped(s.deleteChosen))
	profiles := container.NewBorder(container.NewHBox(heading(T("printers.profiles")), newProfile, deleteProfile), nil, nil, nil, s.list)

	s.discoverButton = widget.NewButtonWithIcon(T("button.discover"), theme.SearchIcon(), u.tapped(s.discover))
	s.discoverNote = widget.NewLabel("")
	s.discoverNote.Wrapping = fyne.TextWrapWord
	s.discoverNote.Hide()
	s.discovered = container.NewVBox()
	discovered := container.NewVBox(container.NewHBox(heading(T("printers.discovered")), s.discoverButton), s.discoverNote, s.discovered)

	// The left column is about printers that exist, the right one edits a
	// profile, starting from a discovered printer or from the defaults.
	left := container.NewBorder(container.NewVBox(station, widget.NewSeparator()), container.NewVBox(widget.NewSeparator(), s.buildActions()), nil, nil, profiles)
	right := container.NewVScroll(container.NewVBox(discovered, widget.NewSeparator(), s.buildForm()))
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
	return container.NewVBox(heading(T("printers.profile")), form, container.NewHBox(s.saveButton))
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
	return container.NewVBox(s.profileStatus, container.NewHBox(testLabel, selfTest, checkStatus), s.result)
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
// chosen when it still exists. The form keeps what the user typed.
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
	s.restoringChoice = true
	s.list.UnselectAll()
	for i, p := range profiles {
		if p.ID == chosenID {
			s.chosen = i
			s.list.Select(i)
		}
	}
	s.restoringChoice = false
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
	s.language.SetSelectedIndex(max(0, slices.Index(profileLanguages, p.Language)))
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
// a time into a valid profile and validating the copy. That way the rules
// stay in printer.Profile.Validate alone.
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

	idTaken := false
	err = s.u.station.Store().Update(func(tx *store.Tx) error {
		if s.editing == "" {
			if _, err := tx.Printer(p.ID); err == nil {
				idTaken = true
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
	if idTaken {
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

// chosenProfile returns the saved profile the list selects. With none
// selected it shows the choose-first message and returns false.
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

// showPending shows, in the normal colour, an action that has not finished.
func (s *printersScreen) showPending(text string) {
	s.result.Importance = widget.MediumImportance
	s.result.SetText(text)
}

// discover lists the attached USB printers in the background, each with a
// button that starts a new profile for it.
func (s *printersScreen) discover() {
	s.discoverButton.Disable()
	s.discoverNote.SetText(T("printers.discover.searching"))
	s.discoverNote.Show()
	s.discovered.RemoveAll()
	s.u.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), discoverTimeout)
		defer cancel()
		found, err := s.discoverUSB(ctx)
		return func() {
			s.discoverButton.Enable()
			s.showDiscovered(found, err)
		}
	})
}

func (s *printersScreen) showDiscovered(found []usb.Printer, err error) {
	switch {
	case errors.Is(err, usb.ErrNoCgo):
		s.discoverNote.SetText(T("printers.discover.no_cgo"))
	case err != nil:
		s.discoverNote.SetText(T("printers.discover.failed", map[string]any{"Detail": err.Error()}))
	case len(found) == 0:
		s.discoverNote.SetText(T("printers.discover.none"))
	default:
		s.discoverNote.SetText(T("printers.discover.found", map[string]any{"Count": len(found)}))
	}

	for _, p := range found {
		line := widget.NewLabel(discoveredLine(p))
		line.Wrapping = fyne.TextWrapWord
		use := widget.NewButtonWithIcon(T("button.use_printer"), theme.ContentAddIcon(), s.u.tapped(func() {
			s.startNew(profileFromUSB(p))
		}))
		s.discovered.Add(container.NewBorder(nil, nil, nil, use, line))
	}
}

// discoveredLine describes a USB printer: maker, model, the command
// languages its IEEE 1284 device ID lists, and its address.
func discoveredLine(p usb.Printer) string {
	unknown := T("printers.unknown")
	languages := strings.Join(p.DeviceID.Commands, ", ")
	if languages == "" {
		languages = unknown
	}
	return T("printers.discovered_line", map[string]any{
		"Maker":     cmp.Or(p.DeviceID.Manufacturer, p.Manufacturer, unknown),
		"Model":     cmp.Or(p.DeviceID.Model, p.Product, unknown),
		"Languages": languages,
		"Address":   p.Address(),
	})
}

// profileFromUSB returns a new profile with the default settings for a
// discovered printer, in the first language the station speaks that the
// printer lists.
func profileFromUSB(p usb.Printer) printer.Profile {
	profile := printer.DefaultProfile()
	profile.ID = "usb" + "_" + hex4(p.VendorID) + "_" + hex4(p.ProductID)
	profile.Name = strings.TrimSpace(cmp.Or(p.DeviceID.Manufacturer, p.Manufacturer) + " " + cmp.Or(p.DeviceID.Model, p.Product))
	profile.Address = p.Address()
	if languages := p.DeviceID.Languages(); len(languages) > 0 {
		profile.Language = languages[0]
	}
	return profile
}

// printTestLabel sends Profile.TestJob to the chosen profile's printer.
func (s *printersScreen) printTestLabel() {
	p, ok := s.chosenProfile()
	if !ok {
		return
	}
	s.showPending(T("printers.test.sending", map[string]any{"Name": p.Name}))
	s.u.background(func() func() {
		err := sendProfileJob(p, p.TestJob)
		return func() {
			if err != nil {
				s.showResult(sendFailedText(p, err), false)
				return
			}
			s.showResult(T("printer.test.sent", map[string]any{"Printer": p.Name}), true)
		}
	})
}

// printSelfTest sends the self-test label of the profile's language to
// the chosen profile's printer.
func (s *printersScreen) printSelfTest() {
	p, ok := s.chosenProfile()
	if !ok {
		return
	}
	s.showPending(T("printers.self_test.sending", map[string]any{"Name": p.Name}))
	s.u.background(func() func() {
		err := sendProfileJob(p, func() (printer.Job, error) { return selfTestJob(p) })
		return func() {
			if err != nil {
				s.showResult(sendFailedText(p, err), false)
				return
			}
			s.showResult(T("printers.self_test.sent", map[string]any{"Printer": p.Name}), true)
		}
	})
}

// selfTestJob returns the self-test label for p. The label prints every
// code page and both bitmap polarities, so the profile's encoding and
// polarity are only named on it. escpos.Profile accepts no UTF-8 code
// page, so a UTF-8 profile gets the ESC/POS default code page (GBK) there.
func selfTestJob(p printer.Profile) (printer.Job, error) {
	if err := p.Validate(); err != nil {
		return printer.Job{}, err
	}
	var data []byte
	var err error
	if p.Language == printer.ESCPOS {
		encoding := p.Encoding
		if encoding == tspl.EncodingUTF8 {
			encoding = ""
		}
		data, err = escpos.SelfTest(escpos.Profile{DPI: p.DPI, Encoding: encoding})
	} else {
		data, err = tspl.SelfTest(p.TSPL())
	}
	if err != nil {
		return printer.Job{}, err
	}
	return printer.Job{ID: "selftest" + "-" + p.ID, Data: data}, nil
}

// sendProfileJob opens p's printer, sends the job that build returns and
// closes the printer. It blocks, so call it off the Fyne thread.
func sendProfileJob(p printer.Profile, build func() (printer.Job, error)) error {
	job, err := build()
	if err != nil {
		return err
	}
	t, err := p.Open()
	if err != nil {
		return err
	}
	defer t.Close()
	ctx, cancel := context.WithTimeout(context.Background(), sendJobTimeout)
	defer cancel()
	return t.Send(ctx, job)
}

// checkChosen queries the status of the chosen profile's printer in the
// background.
func (s *printersScreen) checkChosen() {
	p, ok := s.chosenProfile()
	if !ok {
		return
	}
	s.profileStatus.SetText(T("printer.line.asking", map[string]any{"Printer": p.Name}))
	s.u.background(func() func() {
		text := profileStatusText(p)
		return func() { s.profileStatus.SetText(text) }
	})
}

// profileStatusText opens p's printer, queries its status when the
// transport and the profile allow it, and returns the translated status
// line. It blocks, so call it off the Fyne thread.
func profileStatusText(p printer.Profile) string {
	t, err := p.Open()
	if err != nil {
		return T("printer.line.status", map[string]any{"Printer": p.Name, "Status": printerErrorText(p, err)})
	}
	defer t.Close()
	reader, ok := t.(printer.StatusReader)
	if !ok || !p.QueryStatus {
		return T("printer.line.no_status", map[string]any{"Printer": p.Name})
	}
	ctx, cancel := context.WithTimeout(context.Background(), printerStatusTimeout)
	defer cancel()
	st, err := reader.Status(ctx)
	if err != nil {
		return T("printer.line.status", map[string]any{"Printer": p.Name, "Status": printerErrorText(p, err)})
	}
	return T("printer.line.status", map[string]any{"Printer": p.Name, "Status": printerStatusText(st, nil)})
}

func sendFailedText(p printer.Profile, err error) string {
	return T("printers.send_failed", map[string]any{"Printer": p.Name, "Reason": printerErrorText(p, err)})
}

// printerErrorText translates an error of p's printer with the messages of
// printer.MessageKeys. An error the printer package cannot explain also
// shows its text, because the general message alone gives nothing to act on.
func printerErrorText(p printer.Profile, err error) string {
	if errors.Is(err, printer.ErrInvalidProfile) {
		return invalidProfileText(p, err)
	}
	keys := printer.MessageKeys(err)
	texts := make([]string, len(keys))
	for i, k := range keys {
		texts[i] = T(k)
	}
	text := strings.Join(texts, " ")
	if len(keys) == 1 && keys[0] == printer.KeyOther {
		text = T("printers.error_detail", map[string]any{"Message": text, "Detail": err.Error()})
	}
	return text
}

// profileLine describes a saved profile in the list.
func profileLine(p printer.Profile) string {
	return T("printers.profile_line", map[string]any{
		"Name": p.Name, "ID": p.ID, "Address": p.Address, "Language": languageText(p.Language),
		"DPI": p.DPI, "Width": formatNumber(p.LabelWidthMM), "Height": formatNumber(p.LabelHeightMM),
	})
}

func languageText(l printer.Language) string {
	if l == printer.ESCPOS {
		return T("printers.language.escpos")
	}
	return T("printers.language.tspl")
}

// printerKindKey returns the translation key of a printer's kind from its
// address (tcp://, usb://, or a folder).
func printerKindKey(address string) string {
	switch {
	case strings.HasPrefix(address, "tcp://"):
		return "printers.kind.tcp"
	case strings.HasPrefix(address, "usb://"):
		return "printers.kind.usb"
	}
	return "printers.kind.folder"
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// hex4 formats a USB vendor or product id as four lower-case hex digits.
func hex4(v uint16) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 4-len(s)) + s
}
