package gui

import (
	"os"

	"fyne.io/fyne/v2/lang"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/assets"
)

// LoadTranslations registers the station's translations with Fyne. choice
// is "zh" or "en" to override the system language, "" to follow it. The
// override works through the locale variables that Fyne reads on Linux and
// macOS.
//
// NOTE: on Windows the system language always wins; a language setting
// that works there needs Fyne to accept a chosen locale.
func LoadTranslations(choice string) error {
	switch choice {
	case "zh":
		setLocaleEnv("zh_CN.UTF-8")
	case "en":
		setLocaleEnv("en_US.UTF-8")
	}
	return lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir)
}

func setLocaleEnv(locale string) {
	os.Setenv("LANGUAGE", locale)
	os.Setenv("LC_ALL", locale)
}

// T returns the translation of key with its arguments.
func T(key string, args ...map[string]any) string {
	if len(args) > 0 {
		return lang.X(key, key, args[0])
	}
	return lang.X(key, key)
}

// Message translates a message of the station.
func Message(m app.MessageKey) string {
	return lang.X(m.Key, m.Key, m.Args)
}
