package label

import (
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

func TestQRModules_MatchesFullEncoding(t *testing.T) {
	contents := []string{"7", "75312345678901", "SF1234567890123", "JT0001234567890", "https://example.com/w?id=1", strings.Repeat("9", 300), "中通快递"}
	for _, content := range contents {
		// Twice: the second call reads the cache.
		for range 2 {
			got, err := qrModules(content)
			if err != nil {
				t.Fatalf("%q: %v", content, err)
			}
			symbol, err := qr.Encode(content, qr.M, qr.Auto)
			if err != nil {
				t.Fatal(err)
			}
			if want := symbol.Bounds().Dx(); got != want {
				t.Errorf("%q: %d modules, want %d", content, got, want)
			}
		}
	}
}

func TestBreakLines_NoLineStartsWithClosingPunctuation(t *testing.T) {
	// 4 cells per line; the comma would start line 2 without the rule.
	lines := breakLines("一二三四，五六", 4*CellDots, 1)
	for _, line := range lines[1:] {
		if strings.HasPrefix(line, "，") {
			t.Errorf("lines %q: a line starts with a comma", lines)
		}
	}
	if got := breakLines("A1×2 B2×10", 6*HalfCellDots, 1); strings.Join(got, "|") != "A1×2|B2×10" {
		t.Errorf("lines %q, want each SKU×qty whole", got)
	}
}
