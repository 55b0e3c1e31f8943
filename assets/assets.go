// Package assets embeds the files the station ships with: the translations
// of every message a packer sees (Simplified Chinese and English) and the
// application icon.
package assets

import (
	"embed"
	_ "embed"
)

// Translations holds translations/<locale>.json in the format of Fyne's lang
// package: one flat JSON object from message key to text.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the folder inside Translations.
const TranslationsDir = "translations"

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte
