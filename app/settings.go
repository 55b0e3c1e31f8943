package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/printstation/printstation/store"
)

// ErrInvalidSetting is returned by SaveSettings for settings that cannot
// work, wrapped with the field and the value.
var ErrInvalidSetting = errors.New("invalid setting")

// settingsKey is the store setting that holds Settings as JSON.
const settingsKey = "station_settings"

// Settings are the station's settings of the settings screen. They are
// kept only in the station's local store (a file of mode 0600), and the
// screen shows secrets masked.
type Settings struct {
	Shops    []ShopSettings    `json:"shops"`
	Sender   Sender            `json:"sender"`
	Couriers []CourierSettings `json:"couriers"`
	// DueSoon and Urgent are the ship-by thresholds of the countdown
	// colours and the urgency filter.
	DueSoon time.Duration `json:"due_soon"`
	Urgent  time.Duration `json:"urgent"`
	// Language is "zh", "en", or "" to follow the system.
	Language     string `json:"language"`
	MaskReceiver bool   `json:"mask_receiver"`
}

// ShopSettings are one shop and the credentials of its open-platform app.
type ShopSettings struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	AppKey    string `json:"app_key"`
	AppSecret string `json:"app_secret"`
}

// CourierSettings are one courier the station may request waybills from
// and the outlet (网点) that serves the station.
type CourierSettings struct {
	Code   string `json:"code"` // the platform's logistics code, e.g. "zhongtong"
	Outlet string `json:"outlet"`
}

// DefaultSettings are the settings of a new store.
func DefaultSettings() Settings {
	return Settings{DueSoon: DefaultDueSoonWithin, Urgent: DefaultUrgentWithin}
}

// Thresholds returns the ship-by thresholds of the settings.
func (s Settings) Thresholds() Thresholds {
	return Thresholds{DueSoon: s.DueSoon, Urgent: s.Urgent}
}

// Validate returns ErrInvalidSetting, wrapped with the field, for settings
// that cannot work.
func (s Settings) Validate() error {
	switch {
	case s.Urgent <= 0:
		return fmt.Errorf("%w: urgent threshold %v must be positive", ErrInvalidSetting, s.Urgent)
	case s.DueSoon <= s.Urgent:
		return fmt.Errorf("%w: due-soon threshold %v must be longer than the urgent threshold %v", ErrInvalidSetting, s.DueSoon, s.Urgent)
	case s.Language != "" && s.Language != "zh" && s.Language != "en":
		return fmt.Errorf("%w: language %q, want zh, en or empty", ErrInvalidSetting, s.Language)
	}
	for _, shop := range s.Shops {
		if shop.ID <= 0 {
			return fmt.Errorf("%w: shop %q has id %d, want the shop's positive id", ErrInvalidSetting, shop.Name, shop.ID)
		}
	}
	for _, c := range s.Couriers {
		if strings.TrimSpace(c.Code) == "" {
			return fmt.Errorf("%w: a courier has no code", ErrInvalidSetting)
		}
	}
	return nil
}

// LoadSettings reads the settings from the store, DefaultSettings when
// none were saved.
func LoadSettings(db *store.DB) (Settings, error) {
	s := DefaultSettings()
	err := db.View(func(tx *store.Tx) error {
		raw := tx.Setting(settingsKey)
		if raw == "" {
			return nil
		}
		return json.Unmarshal([]byte(raw), &s)
	})
	if err != nil {
		return DefaultSettings(), fmt.Errorf("load settings: %w", err)
	}
	return s, nil
}

// SaveSettings validates s and stores it.
func SaveSettings(db *store.DB, s Settings) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return db.Update(func(tx *store.Tx) error { return tx.PutSetting(settingsKey, string(raw)) })
}

// MaskSecret returns a secret as a packer may see it: its last four
// characters after bullets, or only bullets when it is eight characters
// or shorter, so that nothing guessable shows.
func MaskSecret(secret string) string {
	n := utf8.RuneCountInString(secret)
	switch {
	case n == 0:
		return ""
	case n <= 8:
		return strings.Repeat("•", 8)
	}
	runes := []rune(secret)
	return strings.Repeat("•", 8) + string(runes[n-4:])
}
