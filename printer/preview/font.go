package preview

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/rs/zerolog/log"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// FontEnv is the environment variable that names a font file to use instead of
// searching the system fonts.
const FontEnv = "PRINTSTATION_FONT"

// ErrNoCJKFont means no font with Chinese glyphs was found. Render still works
// and draws a box for every character it has no glyph for.
var ErrNoCJKFont = errors.New("no CJK font found: install fonts-noto-cjk (Debian, Ubuntu) or set " +
	FontEnv + " to a .ttf, .otf or .ttc file with Chinese glyphs")

// cjkFontCandidates lists system fonts with Chinese glyphs, most preferred first.
func cjkFontCandidates() []string {
	switch runtime.GOOS {
	case "windows":
		fonts := filepath.Join(os.Getenv("WINDIR"), "Fonts")
		if os.Getenv("WINDIR") == "" {
			fonts = `C:\Windows\Fonts`
		}
		return []string{
			filepath.Join(fonts, "msyh.ttc"), filepath.Join(fonts, "msyh.ttf"),
			filepath.Join(fonts, "simhei.ttf"), filepath.Join(fonts, "simsun.ttc"),
		}
	case "darwin":
		return []string{
			"/System/Library/Fonts/PingFang.ttc",
			"/System/Library/Fonts/STHeiti Medium.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
			"/System/Library/Fonts/Hiragino Sans GB.ttc", "/Library/Fonts/Arial Unicode.ttf",
		}
	}
	return []string{
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
		"/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		"/usr/share/fonts/google-droid/DroidSansFallback.ttf",
	}
}

// FindCJKFont returns the path of a font with Chinese glyphs. PRINTSTATION_FONT
// names the file when set. Otherwise it is the first system font found among
// Noto Sans CJK, WenQuanYi and Droid Sans Fallback (Linux), Microsoft YaHei and
// SimHei (Windows), PingFang, STHeiti and Hiragino Sans GB (macOS). The error
// wraps ErrNoCJKFont, which says what to install.
func FindCJKFont() (string, error) {
	if path := os.Getenv(FontEnv); path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("font from %s: %w (%v)", FontEnv, ErrNoCJKFont, err)
		}
		return path, nil
	}
	for _, path := range cjkFontCandidates() {
		if info, err := os.Stat(path); err == nil && !info.IsDir() {
			return path, nil
		}
	}
	return "", ErrNoCJKFont
}

// fonts holds the parsed fonts shared by all renders.
type fonts struct {
	cjk      *sfnt.Font // nil when no CJK font loads
	cjkPath  string
	fallback *sfnt.Font // Go Regular, for Latin when cjk is nil or lacks a glyph
}

var (
	loadOnce sync.Once
	loaded   fonts
)

// sharedFonts loads the fonts on first use. A missing or unreadable CJK font is
// logged once and leaves cjk nil.
func sharedFonts() *fonts {
	loadOnce.Do(func() {
		fallback, err := opentype.Parse(goregular.TTF)
		if err != nil {
			panic(fmt.Sprintf("parse embedded Go Regular font: %v", err)) // the font is embedded in golang.org/x/image, so only a broken build fails here
		}
		loaded.fallback = fallback

		path, err := FindCJKFont()
		if err == nil {
			loaded.cjk, err = openFont(path)
		}
		if err != nil {
			log.Warn().Err(err).Str("font", path).Msg("label preview draws boxes for Chinese characters")
			return
		}
		loaded.cjkPath = path
	})
	return &loaded
}

// FontPath returns the CJK font file the preview uses, or "" when none loaded.
func FontPath() string {
	return sharedFonts().cjkPath
}

// openFont parses a .ttf, .otf or .ttc file. From a collection it takes the
// Simplified Chinese member (family name with "SC" or "GB"), else the first.
// The file stays open because glyphs are read from it on demand.
func openFont(path string) (*sfnt.Font, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open font: %w", err)
	}
	collection, err := opentype.ParseCollectionReaderAt(file)
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("parse font %s: %w", path, err)
	}

	var first *sfnt.Font
	var buf sfnt.Buffer
	for i := range collection.NumFonts() {
		f, err := collection.Font(i)
		if err != nil {
			continue
		}
		if first == nil {
			first = f
		}
		family, _ := f.Name(&buf, sfnt.NameIDFamily)
		if strings.Contains(family, " SC") || strings.Contains(family, " GB") {
			return f, nil
		}
	}
	if first == nil {
		file.Close()
		return nil, fmt.Errorf("parse font %s: no readable font in the file", path)
	}
	return first, nil
}

// newFace returns a face whose em is sizePx pixels.
func newFace(f *sfnt.Font, sizePx int) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: float64(sizePx), DPI: 72, Hinting: font.HintingNone})
}
