package label

import (
	"errors"
	"strings"
	"testing"
)

func TestLayout_RejectsInvalidItems(t *testing.T) {
	tests := []struct {
		name string
		item Item
		want error
	}{
		{"diagonal line", Line{X1: 1, Y1: 1, X2: 5, Y2: 5, Thickness: 0.3}, ErrDiagonalLine},
		{"barcode with quote", Barcode{X: 1, Y: 1, W: 60, H: 10, Content: `75"12`}, ErrInvalidBarcode},
		{"barcode with chinese", Barcode{X: 1, Y: 1, W: 60, H: 10, Content: "中通"}, ErrInvalidBarcode},
		{"barcode with line feed", Barcode{X: 1, Y: 1, W: 60, H: 10, Content: "75\n12"}, ErrInvalidBarcode},
		{"barcode too narrow", Barcode{X: 1, Y: 1, W: 5, H: 10, Content: "ABCDEFGHIJKLMNOP"}, ErrBarcodeTooWide},
		{"qr with carriage return", QRCode{X: 1, Y: 1, Size: 20, Content: "a\rPRINT 9"}, ErrInvalidQRCode},
		{"qr too small", QRCode{X: 1, Y: 1, Size: 2, Content: strings.Repeat("x", 200)}, ErrQRCodeTooLarge},
		{"box outside label", Box{X: 40, Y: 1, W: 40, H: 10, Thickness: 0.3}, ErrOutsideLabel},
	}
	for _, tt := range tests {
		_, err := Layout(Label{Width: 76, Height: 130, Items: []Item{tt.item}}, 203)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestLayout_RejectsUnsupportedDPI(t *testing.T) {
	if _, err := Layout(Label{Width: 76, Height: 130}, 150); !errors.Is(err, ErrUnsupportedDPI) {
		t.Errorf("err = %v, want ErrUnsupportedDPI", err)
	}
}

func TestLayout_BarcodeCentredWithQuietZones(t *testing.T) {
	ops, err := Layout(Label{Width: 76, Height: 130, Items: []Item{
		Barcode{X: 2, Y: 43, W: 72, H: 15, Content: "75312345678901", HumanReadable: true},
	}}, 203)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 2 {
		t.Fatalf("got %d ops, want bars and the human-readable line", len(ops))
	}
	bars := ops[0].(PlacedBarcode)
	modules := bars.Symbol.Bounds().Dx()
	left := bars.X - 16
	right := 16 + 576 - (bars.X + modules*bars.Module)
	if left < 10*bars.Module || right < 10*bars.Module {
		t.Errorf("quiet zones %d and %d dots, want at least %d", left, right, 10*bars.Module)
	}
	if abs(left-right) > 1 {
		t.Errorf("quiet zones %d and %d dots, want the bars centred", left, right)
	}
	text := ops[1].(PlacedLine)
	if text.Text != "75312345678901" || text.Y <= bars.Y+bars.Height {
		t.Errorf("human-readable line %+v, want the number below the bars", text)
	}
}

func TestWaybill76x130_LaysOutAtBothResolutions(t *testing.T) {
	for _, dpi := range []int{203, 300} {
		ops, err := Layout(Waybill76x130(sampleWaybill()), dpi)
		if err != nil {
			t.Fatalf("%d dpi: %v", dpi, err)
		}
		var barcodes, qrcodes int
		for _, op := range ops {
			switch o := op.(type) {
			case PlacedBarcode:
				barcodes++
				if o.Content != "75312345678901" {
					t.Errorf("%d dpi: barcode content %q", dpi, o.Content)
				}
			case PlacedQRCode:
				qrcodes++
			}
		}
		if barcodes != 1 || qrcodes != 1 {
			t.Errorf("%d dpi: %d barcodes and %d QR codes, want one each", dpi, barcodes, qrcodes)
		}
	}
}

func TestWaybill76x130_NoCaptionWithoutRemark(t *testing.T) {
	w := sampleWaybill()
	w.BuyerRemark, w.SellerMemo = "", "  "
	text := allText(t, Waybill76x130(w))
	for _, caption := range []string{"留言", "备注"} {
		if strings.Contains(text, caption) {
			t.Errorf("label text has caption %q without a remark: %q", caption, text)
		}
	}

	w.BuyerRemark = "放门口"
	if text := allText(t, Waybill76x130(w)); !strings.Contains(text, "留言: 放门口") {
		t.Errorf("label text %q lacks the remark with its caption", text)
	}
}

func TestItemSummary_TruncatesWithTotal(t *testing.T) {
	var lines []ItemLine
	for range 12 {
		lines = append(lines, ItemLine{Code: "SKU-LONG-CODE-0001", Qty: 2})
	}
	got := summarizeItems(lines, noteBoxFits)
	if !strings.HasSuffix(got, " 等24件") {
		t.Errorf("summary %q, want it to end with the total 等24件", got)
	}
	if strings.Count(got, "SKU-") >= 12 {
		t.Errorf("summary %q, want fewer than all 12 entries", got)
	}
	if !noteBoxFits(got) {
		t.Errorf("summary %q does not fit its box", got)
	}
}

func TestItemSummary_ShortListComplete(t *testing.T) {
	got := summarizeItems([]ItemLine{{Code: "A1", Qty: 2}, {Name: "袜子", Qty: 1}}, noteBoxFits)
	if got != "A1×2 袜子×1" {
		t.Errorf("summary %q, want %q", got, "A1×2 袜子×1")
	}
}

// noteBoxFits reports whether a summary fits the two-line note box of the 76×130 label.
func noteBoxFits(summary string) bool {
	return fitsWhole(Text{W: 72, H: 7, Size: 3, Wrap: true, Content: summary})
}

func allText(t *testing.T, l Label) string {
	t.Helper()
	ops, err := Layout(l, 203)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, op := range ops {
		if line, ok := op.(PlacedLine); ok {
			b.WriteString(line.Text + "\n")
		}
	}
	return b.String()
}
