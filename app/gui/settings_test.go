package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/printstation/printstation/app"
)

func TestSettings_SaveStoresAndMasksSecret(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabSettings)
	s := ui.setup
	s.shopID.SetText("4463798")
	s.shopName.SetText("茶铺")
	s.appKey.SetText("key-1")
	s.secret.SetText("s3cret-value-9f2a")
	test.Tap(findButton(t, ui, T("button.put_shop")))
	s.dueSoon.SetText("5")
	s.urgent.SetText("1.5")
	test.Tap(findButton(t, ui, T("button.save_settings")))

	stored, err := app.LoadSettings(ui.station.Store())
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Shops) != 1 || stored.Shops[0].AppSecret != "s3cret-value-9f2a" {
		t.Fatalf("stored shops = %d, want the shop with its secret", len(stored.Shops))
	}
	if stored.DueSoon != 5*time.Hour || stored.Urgent != 90*time.Minute {
		t.Errorf("thresholds = %v, %v; want 5h, 1h30m", stored.DueSoon, stored.Urgent)
	}
	for _, text := range visibleTexts(ui.Window().Content()) {
		if strings.Contains(text, "s3cret") {
			t.Errorf("the window shows the secret in %q", text)
		}
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after saving is on %v, want the scan box", ui.Window().Canvas().Focused())
	}
}

func TestSettings_InvalidThresholdsNotSaved(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	ui.ShowTab(TabSettings)
	s := ui.setup
	s.dueSoon.SetText("1")
	s.urgent.SetText("2")
	test.Tap(findButton(t, ui, T("button.save_settings")))

	stored, err := app.LoadSettings(ui.station.Store())
	if err != nil {
		t.Fatal(err)
	}
	if stored.Thresholds() != app.DefaultThresholds {
		t.Errorf("stored thresholds = %+v, want the defaults kept", stored.Thresholds())
	}
	if ui.feedback.Color != colorAlarm || ui.Feedback() != T("settings.invalid") {
		t.Errorf("feedback = %q, want the invalid-settings message in red", ui.Feedback())
	}
}

func TestSettings_LanguageSwitchRebuildsWindow(t *testing.T) {
	ui, _, _ := newFixtureUI(t, "en")
	t.Cleanup(func() { LoadTranslations("en") })
	ui.ShowTab(TabSettings)
	ui.setup.language.SetSelectedIndex(1) // 中文
	test.Tap(findButton(t, ui, T("button.save_settings")))

	if got := ui.tabs.Items[TabOrders].Text; got != "订单" {
		t.Errorf("orders tab after switching to Chinese = %q, want 订单", got)
	}
	if ui.tabs.SelectedIndex() != TabSettings {
		t.Errorf("selected tab after the switch = %d, want the settings tab", ui.tabs.SelectedIndex())
	}
	if ui.Window().Canvas().Focused() != ui.scan {
		t.Errorf("focus after the switch is on %v, want the new scan box", ui.Window().Canvas().Focused())
	}
}
