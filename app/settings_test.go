package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestSettings_SaveLoadRoundTrip(t *testing.T) {
	st := newStoreStation(t, func(tx *store.Tx) error { return nil })
	loaded, err := LoadSettings(st.Store())
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Thresholds() != DefaultThresholds {
		t.Errorf("new store thresholds = %+v, want the defaults", loaded.Thresholds())
	}

	want := DefaultSettings()
	want.Shops = []ShopSettings{{ID: 4463798, Name: "茶铺", AppKey: "key", AppSecret: "s3cret-value"}}
	want.Couriers = []CourierSettings{{Code: "zhongtong", Outlet: "余杭网点"}}
	want.Sender = Sender{Name: "王仓", Mobile: "13800000000", Province: "浙江省"}
	want.Language, want.MaskReceiver = "zh", true
	if err := SaveSettings(st.Store(), want); err != nil {
		t.Fatal(err)
	}
	got, err := LoadSettings(st.Store())
	if err != nil {
		t.Fatal(err)
	}
	if got.Shops[0] != want.Shops[0] || got.Couriers[0] != want.Couriers[0] || got.Sender != want.Sender {
		t.Errorf("loaded %+v, want %+v", got, want)
	}
	if got.Language != "zh" || !got.MaskReceiver {
		t.Errorf("language %q, mask %v; want zh, true", got.Language, got.MaskReceiver)
	}
}

func TestSaveSettings_RejectsInvalid(t *testing.T) {
	st := newStoreStation(t, func(tx *store.Tx) error { return nil })
	cases := []struct {
		name string
		edit func(s *Settings)
	}{
		{"urgent not positive", func(s *Settings) { s.Urgent = 0 }},
		{"due soon not after urgent", func(s *Settings) { s.DueSoon = time.Hour; s.Urgent = 2 * time.Hour }},
		{"unknown language", func(s *Settings) { s.Language = "fr" }},
		{"shop without id", func(s *Settings) { s.Shops = []ShopSettings{{Name: "x"}} }},
		{"courier without code", func(s *Settings) { s.Couriers = []CourierSettings{{Outlet: "x"}} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := DefaultSettings()
			c.edit(&s)
			if err := SaveSettings(st.Store(), s); !errors.Is(err, ErrInvalidSetting) {
				t.Errorf("error = %v, want ErrInvalidSetting", err)
			}
		})
	}
}

func TestMaskSecret_ShowsOnlyLastFour(t *testing.T) {
	cases := map[string]string{
		"":                 "",
		"short":            "••••••••",
		"12345678":         "••••••••",
		"abcdefghijkl3f9a": "••••••••3f9a",
	}
	for secret, want := range cases {
		got := MaskSecret(secret)
		if got != want {
			t.Errorf("MaskSecret(%q) = %q, want %q", secret, got, want)
		}
		if len(secret) > 8 && strings.Contains(got, secret[:4]) {
			t.Errorf("MaskSecret(%q) shows the start of the secret", secret)
		}
	}
}
