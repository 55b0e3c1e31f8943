package gui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/printstation/printstation/assets"
)

// translationFiles returns every translation file by locale: the main
// files and the <area>.<locale>.json files beside them.
func translationFiles(t *testing.T) map[string][]string {
	t.Helper()
	names, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*.json")
	if err != nil {
		t.Fatal(err)
	}
	byLocale := map[string][]string{}
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".json")
		locale := base[strings.LastIndex(base, ".")+1:]
		byLocale[locale] = append(byLocale[locale], name)
	}
	return byLocale
}

func loadMessages(t *testing.T, files []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range files {
		raw, err := fs.ReadFile(assets.Translations, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func TestTranslations_EveryKeyInBothLanguages(t *testing.T) {
	byLocale := translationFiles(t)
	en, zh := loadMessages(t, byLocale["en"]), loadMessages(t, byLocale["zh-Hans"])
	if len(en) == 0 || len(zh) == 0 {
		t.Fatalf("translations: %d English, %d Chinese messages", len(en), len(zh))
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("%s has no Chinese translation", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("%s has no English translation", k)
		}
	}
}

func TestTranslations_EveryKeyTheWindowUsesExists(t *testing.T) {
	en := loadMessages(t, translationFiles(t)["en"])
	keyPattern := regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)+$`)
	for _, lit := range guiStringLiterals(t) {
		if keyPattern.MatchString(lit.value) && strings.Count(lit.value, ".") >= 1 && !strings.HasSuffix(lit.value, ".") {
			if _, ok := en[lit.value]; !ok && !isKeyPrefix(lit.value, en) {
				t.Errorf("%s: key %q is in no translation file", lit.pos, lit.value)
			}
		}
	}
}

// isKeyPrefix reports whether s is the start of keys built at run time,
// such as "state." + the state.
func isKeyPrefix(s string, messages map[string]string) bool {
	for k := range messages {
		if strings.HasPrefix(k, s) && len(k) > len(s) {
			return true
		}
	}
	return false
}

type literal struct {
	pos   string
	value string
}

// guiStringLiterals returns the string literals of the window's source,
// tests excluded.
func guiStringLiterals(t *testing.T) []literal {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []literal
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if imp, ok := n.(*ast.ImportSpec); ok {
				_ = imp
				return false
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err == nil {
				out = append(out, literal{fset.Position(lit.Pos()).String(), v})
			}
			return true
		})
	}
	return out
}

// allowedLiterals are the literals of the window's source that contain
// letters but are never shown: file names, commands, layouts, formats.
var allowedLiterals = []string{
	"2006-01-02 15:04", "2006-01-02", "RIFF", "WAVEfmt ", "data", "printstation-alarm-*.wav",
	"darwin", "windows", "afplay", "powershell", "-NoProfile", "-Command",
	"(New-Object Media.SoundPlayer $args[0]).PlaySync()", "paplay", "aplay", "-q",
	"zh", "en", "zh_CN.UTF-8", "en_US.UTF-8", "C", "POSIX", "C.", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE",
	"tcp://", "usb://", ".png", "time must look like 2006-01-02 15:04",
}

// TestSource_NoHardCodedText fails on a string literal in the window's
// source that has letters and is neither a translation key, a template
// argument name, nor in allowedLiterals: text a packer sees must go
// through T.
func TestSource_NoHardCodedText(t *testing.T) {
	keyPattern := regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)*\.?$`)
	argPattern := regexp.MustCompile(`^[A-Z][A-Za-z]*$`)
	for _, lit := range guiStringLiterals(t) {
		v := lit.value
		hasLetter := strings.IndexFunc(v, unicode.IsLetter) >= 0
		switch {
		case !hasLetter, keyPattern.MatchString(v), argPattern.MatchString(v), slices.Contains(allowedLiterals, v):
			continue
		}
		t.Errorf("%s: literal %q looks like text for the packer; put it in the translations and use T", lit.pos, v)
	}
}

// TestScreens_ShowNoKeysNorOtherLanguage renders every screen in both
// languages and checks every visible text: a translation key on screen is
// a missing translation, and an English message in the Chinese window is
// text that bypassed the translations.
func TestScreens_ShowNoKeysNorOtherLanguage(t *testing.T) {
	byLocale := translationFiles(t)
	en, zh := loadMessages(t, byLocale["en"]), loadMessages(t, byLocale["zh-Hans"])
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			own, other := zh, en
			if language == "en" {
				own, other = en, zh
			}
			ui, _, _ := newFixtureUI(t, language)
			for i, name := range screenNames {
				ui.ShowTab(i)
				ui.Wait()
				for _, text := range visibleTexts(ui.Window().Content()) {
					if _, isKey := en[text]; isKey {
						t.Errorf("%s screen shows the key %q", name, text)
					}
					for k, v := range other {
						if text == v && own[k] != v {
							t.Errorf("%s screen in %s shows %q, the other language's text of %s", name, language, text, k)
						}
					}
				}
			}
		})
	}
}

// visibleTexts returns the text of every canvas.Text the renderers draw.
func visibleTexts(o fyne.CanvasObject) []string {
	var texts []string
	for _, obj := range test.LaidOutObjects(o) {
		if txt, ok := obj.(*canvas.Text); ok && obj.Visible() && strings.TrimSpace(txt.Text) != "" {
			texts = append(texts, txt.Text)
		}
	}
	return texts
}
