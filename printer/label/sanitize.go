package label

import (
	"strings"
	"unicode"
)

// Sanitize makes order text safe to place inside a quoted printer command and
// gives it the shape it is drawn with:
//   - '"' becomes the full-width '＂' (U+FF02) and '\' the full-width '＼' (U+FF3C),
//     because TSC firmware reads \["] as an escape and clones do not; both are in GB2312;
//   - CR, LF, NUL, ESC, GS, every other control character and every space other
//     than U+3000 become one ASCII space;
//   - invisible format characters (zero-width joiners, direction marks, BOM) and
//     variation selectors are dropped.
//
// Invalid UTF-8 becomes U+FFFD.
func Sanitize(s string) string {
	return strings.Map(sanitizeRune, s)
}

func sanitizeRune(r rune) rune {
	switch {
	case r == '"':
		return '＂'
	case r == '\\':
		return '＼'
	case r == '\u3000':
		return r
	case unicode.IsControl(r), unicode.IsSpace(r), r == '\u2028', r == '\u2029':
		return ' '
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
		return -1
	}
	return r
}
