package gui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// languageCodes are the values of the language drop-down, in order.
var languageCodes = []string{"", "zh", "en"}

// settingsScreen edits app.Settings. Secrets are shown masked and only
// replaced when a new one is typed.
type settingsScreen struct {
	u       *UI
	content fyne.CanvasObject

	shopList                         *widget.List
	shopChosen                       int
	shopID, shopName, appKey, secret *widget.Entry
	sender                           [7]*widget.Entry
	courier, outlet                  *widget.Entry
	dueSoon, urgent                  *widget.Entry
	language                         *widget.Select
	mask                             *widget.Check
	save                             *widget.Button
	draft                            app.Settings
}

func (u *UI) newSettingsScreen() *settingsScreen {
	s := &settingsScreen{u: u, draft: u.settings, shopChosen: -1}

	s.shopList = widget.NewList(
		func() int { return len(s.draft.Shops) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			sh := s.draft.Shops[id]
			o.(*widget.Label).SetText(T("settings.shop_line", map[string]any{"Name": sh.Name, "ID": sh.ID, "Key": sh.AppKey, "Secret": app.MaskSecret(sh.AppSecret)}))
		})
	s.shopList.OnSelected = func(id widget.ListItemID) { s.chooseShop(id) }
	s.shopID, s.shopName, s.appKey = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.secret = widget.NewPasswordEntry()
	s.secret.SetPlaceHolder(T("settings.secret_unchanged"))
	addShop := widget.NewButtonWithIcon(T("button.put_shop"), theme.ContentAddIcon(), u.tapped(s.putShop))
	removeShop := widget.NewButtonWithIcon(T("button.remove_shop"), theme.ContentRemoveIcon(), u.tapped(s.removeShop))

	for i := range s.sender {
		s.sender[i] = widget.NewEntry()
	}
	s.courier, s.outlet = widget.NewEntry(), widget.NewEntry()
	s.dueSoon, s.urgent = widget.NewEntry(), widget.NewEntry()
	s.language = widget.NewSelect([]string{T("settings.language.system"), T("settings.language.zh"), T("settings.language.en")}, nil)
	s.mask = widget.NewCheck(T("settings.mask_receiver"), nil)
	s.save = widget.NewButtonWithIcon(T("button.save_settings"), theme.DocumentSaveIcon(), u.tapped(s.saveSettings))
	s.save.Importance = widget.HighImportance

	shopForm := widget.NewForm(
		widget.NewFormItem(T("settings.shop_id"), s.shopID),
		widget.NewFormItem(T("settings.shop_name"), s.shopName),
		widget.NewFormItem(T("settings.app_key"), s.appKey),
		widget.NewFormItem(T("settings.app_secret"), s.secret),
	)
	senderKeys := []string{"settings.sender.name", "settings.sender.mobile", "settings.sender.province", "settings.sender.city",
		"settings.sender.district", "settings.sender.street", "settings.sender.detail"}
	senderForm := widget.NewForm()
	for i, k := range senderKeys {
		senderForm.Append(T(k), s.sender[i])
	}
	otherForm := widget.NewForm(
		widget.NewFormItem(T("settings.courier"), s.courier),
		widget.NewFormItem(T("settings.outlet"), s.outlet),
		widget.NewFormItem(T("settings.due_soon_hours"), s.dueSoon),
		widget.NewFormItem(T("settings.urgent_hours"), s.urgent),
		widget.NewFormItem(T("settings.language"), s.language),
		widget.NewFormItem("", s.mask),
	)

	shops := container.NewBorder(nil, container.NewVBox(shopForm, container.NewHBox(addShop, removeShop)), nil, nil, s.shopList)
	left := widget.NewCard(T("settings.shops"), "", shops)
	right := container.NewVBox(widget.NewCard(T("settings.sender"), "", senderForm), widget.NewCard(T("settings.other"), "", otherForm), container.NewHBox(s.save))
	s.content = container.NewHSplit(left, container.NewVScroll(right))
	s.load(u.settings)
	return s
}

// load fills the fields from settings.
func (s *settingsScreen) load(st app.Settings) {
	s.draft = st
	s.draft.Shops = append([]app.ShopSettings(nil), st.Shops...)
	snd := st.Sender
	for i, v := range []string{snd.Name, snd.Mobile, snd.Province, snd.City, snd.District, snd.Street, snd.Detail} {
		s.sender[i].SetText(v)
	}
	if len(st.Couriers) > 0 {
		s.courier.SetText(st.Couriers[0].Code)
		s.outlet.SetText(st.Couriers[0].Outlet)
	}
	s.dueSoon.SetText(hoursText(st.DueSoon))
	s.urgent.SetText(hoursText(st.Urgent))
	for i, code := range languageCodes {
		if code == st.Language {
			s.language.SetSelectedIndex(i)
		}
	}
	s.mask.SetChecked(st.MaskReceiver)
	s.shopList.Refresh()
}

func hoursText(d time.Duration) string {
	return strconv.FormatFloat(d.Hours(), 'f', -1, 64)
}

// parseHours parses a threshold typed in hours; ok is false for anything
// but a positive number.
func parseHours(text string) (d time.Duration, ok bool) {
	h, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || h <= 0 {
		return 0, false
	}
	return time.Duration(h * float64(time.Hour)), true
}

func (s *settingsScreen) chooseShop(i int) {
	s.shopChosen = i
	sh := s.draft.Shops[i]
	s.shopID.SetText(strconv.FormatInt(sh.ID, 10))
	s.shopName.SetText(sh.Name)
	s.appKey.SetText(sh.AppKey)
	// The secret is never put back into a field; typing a new one
	// replaces it, leaving the field empty keeps it.
	s.secret.SetText("")
}

// putShop adds the shop of the form, or replaces the one with its id.
func (s *settingsScreen) putShop() {
	id, err := strconv.ParseInt(strings.TrimSpace(s.shopID.Text), 10, 64)
	if err != nil || id <= 0 {
		s.u.showProblem(T("settings.invalid_shop_id"))
		return
	}
	shop := app.ShopSettings{ID: id, Name: strings.TrimSpace(s.shopName.Text), AppKey: strings.TrimSpace(s.appKey.Text), AppSecret: s.secret.Text}
	for i, old := range s.draft.Shops {
		if old.ID == id {
			if shop.AppSecret == "" {
				shop.AppSecret = old.AppSecret
			}
			s.draft.Shops[i] = shop
			s.shopList.Refresh()
			return
		}
	}
	s.draft.Shops = append(s.draft.Shops, shop)
	s.secret.SetText("")
	s.shopList.Refresh()
}

func (s *settingsScreen) removeShop() {
	if s.shopChosen < 0 || s.shopChosen >= len(s.draft.Shops) {
		return
	}
	s.draft.Shops = append(s.draft.Shops[:s.shopChosen], s.draft.Shops[s.shopChosen+1:]...)
	s.shopChosen = -1
	s.shopList.UnselectAll()
	s.shopList.Refresh()
}

// saveSettings stores the settings, applies the thresholds and switches
// the language when it changed.
func (s *settingsScreen) saveSettings() {
	st := s.draft
	v := s.sender
	st.Sender = app.Sender{Name: v[0].Text, Mobile: v[1].Text, Province: v[2].Text, City: v[3].Text, District: v[4].Text, Street: v[5].Text, Detail: v[6].Text}
	st.Couriers = nil
	if code := strings.TrimSpace(s.courier.Text); code != "" || s.outlet.Text != "" {
		st.Couriers = []app.CourierSettings{{Code: code, Outlet: strings.TrimSpace(s.outlet.Text)}}
	}
	var dueOK, urgentOK bool
	st.DueSoon, dueOK = parseHours(s.dueSoon.Text)
	st.Urgent, urgentOK = parseHours(s.urgent.Text)
	if !dueOK || !urgentOK {
		s.u.showProblem(T("settings.invalid_hours"))
		return
	}
	st.Language = languageCodes[max(0, s.language.SelectedIndex())]
	st.MaskReceiver = s.mask.Checked
	err := app.SaveSettings(s.u.station.Store(), st)
	if errors.Is(err, app.ErrInvalidSetting) {
		s.u.showProblem(T("settings.invalid"))
		return
	}
	if err != nil {
		s.u.showError(err)
		return
	}

	languageChanged := st.Language != s.u.settings.Language
	s.u.settings = st
	if languageChanged {
		if err := s.u.Language(st.Language); err != nil {
			s.u.showError(err)
			return
		}
	}
	s.u.showOK(T("settings.saved"))
	s.u.Refresh()
}
