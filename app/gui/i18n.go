package gui

import (
	"os"
	"strings"
	"sync"

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
	translationsMu.Lock()
	defer translationsMu.Unlock()
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

// translationsMu keeps a lookup from running while LoadTranslations
// replaces the translations: Fyne's lang package does not lock its maps,
// and a background call can translate while the language changes.
var translationsMu sync.RWMutex

// T returns the translation of key with its arguments.
func T(key string, args ...map[string]any) string {
	translationsMu.RLock()
	defer translationsMu.RUnlock()
	if len(args) > 0 {
		return lang.X(key, key, args[0])
	}
	return lang.X(key, key)
}

// Message translates a message of the station.
func Message(m app.MessageKey) string {
	translationsMu.RLock()
	defer translationsMu.RUnlock()
	return lang.X(m.Key, m.Key, m.Args)
}
