package gui

import (
	"os"
	"strings"

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
	default:
		// The C locale names no language, and Fyne logs an error for it.
		if l := systemLocaleEnv(); l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
			setLocaleEnv("en_US.UTF-8")
		}
	}
	return lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir)
}

// systemLocaleEnv returns the locale the environment sets for messages.
func systemLocaleEnv() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
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
