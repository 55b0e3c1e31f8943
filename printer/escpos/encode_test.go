package escpos

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMain draws every raster with the Go fallback font, whose tofu boxes
// stand in for Chinese glyphs, so the golden jobs hold the same bytes on
// every machine whatever CJK fonts it has.
func TestMain(m *testing.M) {
	os.Setenv(preview.FontEnv, filepath.Join(os.TempDir(), "printstation-no-such-font.ttf"))
	os.Exit(m.Run())
}

func sampleWaybill() label.Waybill {
	return label.Waybill{
		Courier: "中通快递", CourierCode: "zhongtong",
		TrackNo: "75312345678901", SortCode: "300-A12 05", PackageCenter: "杭州转运中心", ShortAddress: "浙江杭州西湖",
		Receiver: label.Party{Name: "王小明", Phone: "138****5678", Address: "浙江省杭州市西湖区文三路478号华星时代广场A座1203室(前台代收)"},
		Sender:   label.Party{Name: "好物小铺", Phone: "0571-88886666", Address: "浙江省义乌市福田街道商城大道88号3号仓"},
		Items: []label.ItemLine{
			{Code: "TS-BLK-XL", Name: "纯棉T恤", Spec: "黑 XL", Qty: 2}, {Code: "SOCK-5P", Name: "船袜", Qty: 1}, {Code: "CAP-01", Name: "鸭舌帽", Qty: 1},
		},
		BuyerRemark: "请尽快发货，谢谢！",
		SellerMemo:  "送小礼品",
		OrderID:     "6921234567890123456",
		ShopName:    "好物小铺",
		Tags:        []string{"易碎"},
		PrintTime:   time.Date(2024, 6, 18, 20, 15, 0, 0, time.FixedZone("CST", 8*3600)),
		ParcelNo:    1, ParcelCount: 2,
	}
}

var templateNames = []string{"76x130", "100x180", "100x150", "packingslip", "picklist"}

// templateLabel fills a built-in template with the sample; a pick list
// gets the sample twice and returns its first page.
func templateLabel(t testing.TB, name string, w label.Waybill) label.Label {
	t.Helper()
	tpl, err := label.BuiltinTemplate(name)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Kind == label.KindPickList {
		pages, err := label.PickList(tpl, []label.Waybill{w, w}, w.PrintTime)
		if err != nil {
			t.Fatal(err)
		}
		return pages[0]
	}
	l, err := label.FromTemplate(tpl, w)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustEncode(t testing.TB, l label.Label, p Profile) []byte {
	t.Helper()
	job, err := Encode(l, p)
	if err != nil {
		t.Fatal(err)
	}
	return job
}

func mustParse(t testing.TB, job []byte) []command {
	t.Helper()
	commands, err := parseJob(job)
	if err != nil {
		t.Fatal(err)
	}
	return commands
}

func TestEncode_GoldenTemplates(t *testing.T) {
	for _, name := range templateNames {
		for _, mode := range []string{ModeRaster, ModeNative} {
			job := mustEncode(t, templateLabel(t, name, sampleWaybill()), Profile{Mode: mode})
			golden := filepath.Join("testdata", name+"_203dpi_"+mode+".escpos.gz")
			if *update {
				writeGzip(t, golden, job)
			}
			want := readGzip(t, golden)
			if !bytes.Equal(job, want) {
				t.Errorf("%s %s: job of %d bytes differs from %s (%d bytes); run go test ./printer/escpos -update after checking the change", name, mode, len(job), golden, len(want))
			}
		}
	}
}

func TestEncode_RowsAddUpToLabelHeight(t *testing.T) {
	for _, name := range templateNames {
		for _, dpi := range []int{203, 300} {
			for _, mode := range []string{ModeRaster, ModeNative} {
				l := templateLabel(t, name, sampleWaybill())
				job := mustEncode(t, l, Profile{DPI: dpi, Mode: mode, BandRows: 100})
				dotsPerMM, _ := label.DotsPerMM(dpi)
				rows := paperRows(t, mustParse(t, job), int(l.Width)*dotsPerMM, 0)
				if want := int(l.Height) * dotsPerMM; rows != want {
					t.Errorf("%s %d dpi %s: paper advances %d dots, want the label's %d", name, dpi, mode, rows, want)
				}
			}
		}
	}
}

// paperRows adds up how far the job moves the paper: raster rows, ESC J
// feeds, barcode heights, qrHeight per printed QR code and text lines at the
// current line spacing. It also checks that every raster band is as wide as
// the label and at most 100 rows high.
func paperRows(t *testing.T, commands []command, width, qrHeight int) int {
	t.Helper()
	rows, spacing, barHeight := 0, 0, 0
	for _, c := range commands {
		switch c.Name {
		case "GS v 0":
			x := int(c.Params[1]) | int(c.Params[2])<<8
			y := int(c.Params[3]) | int(c.Params[4])<<8
			if x != (width+7)/8 || y > 100 {
				t.Errorf("raster band %d bytes × %d rows, want %d bytes wide and at most 100 rows", x, y, (width+7)/8)
			}
			rows += y
		case "ESC J":
			rows += int(c.Params[0])
		case "ESC 3":
			spacing = int(c.Params[0])
		case "LF":
			rows += spacing
		case "GS h":
			barHeight = int(c.Params[0])
		case "GS k 73":
			rows += barHeight
		case "GS ( k":
			if c.Params[1] == 81 {
				rows += qrHeight
			}
		}
	}
	return rows
}

func TestEncode_NativeCommands(t *testing.T) {
	l := label.Label{Width: 76, Height: 60, Items: []label.Item{
		label.Text{X: 2, Y: 1, W: 72, H: 6, Size: 6, Bold: true, Content: "中通 ¥5"},
		label.Barcode{X: 2, Y: 10, W: 72, H: 15, Content: "JT{0012345678"},
		label.QRCode{X: 20, Y: 30, Size: 25, Content: "75312345678901"},
	}}
	commands := mustParse(t, mustEncode(t, l, Profile{Mode: ModeNative}))

	var chinese, barcode, qr []byte
	for _, c := range commands {
		switch c.Name {
		case "CHINESE":
			chinese = c.Data
		case "GS k 73":
			barcode = c.Data
		case "GS ( k":
			if c.Params[1] == 80 {
				qr = c.Data[1:]
			}
		}
	}
	// 中通 in GBK, a space, the full-width yen A3A4 in place of U+00A5, then 5.
	if want := []byte{0xD6, 0xD0, 0xCD, 0xA8, ' ', 0xA3, 0xA4, '5'}; !bytes.Equal(chinese, want) {
		t.Errorf("Chinese-mode bytes % x, want % x", chinese, want)
	}
	if want := []byte("{BJT{{{C\x00\x0c\x22\x38\x4e"); !bytes.Equal(barcode, want) {
		t.Errorf("CODE128 data %q, want %q", barcode, want)
	}
	if string(qr) != "75312345678901" {
		t.Errorf("QR data %q", qr)
	}
}

func TestCode128Data(t *testing.T) {
	tests := []struct{ in, want string }{
		{"75312345678901", "{C\x4b\x1f\x17\x2d\x43\x59\x01"},
		{"SF1234567", "{BSF{C\x0c\x22\x38{B7"},
		{"A12B", "{BA12B"},
		{"{", "{B{{"},
		{"1227", "{C\x0c\x1b"}, // 27 is ESC as a byte, but only data inside GS k's count
	}
	for _, tt := range tests {
		got, err := code128Data(tt.in)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if string(got) != tt.want {
			t.Errorf("code128Data(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"", "中通", "a\nb", strings.Repeat("A", 300)} {
		if _, err := code128Data(bad); !errors.Is(err, ErrInvalidBarcode) {
			t.Errorf("code128Data(%q) err = %v, want ErrInvalidBarcode", bad, err)
		}
	}
}

func TestQRCode_LengthAbove252SetsHighByte(t *testing.T) {
	e := encoder{}
	content := strings.Repeat("9", 300)
	if err := e.qrCode(content, 3); err != nil {
		t.Fatal(err)
	}
	for _, c := range mustParse(t, e.buf) {
		if c.Name == "GS ( k" && c.Params[1] == 80 {
			if len(c.Data) != 1+300 {
				t.Errorf("stored %d bytes, want 300 after the 0x30 byte", len(c.Data)-1)
			}
			return
		}
	}
	t.Error("no fn 80 store command")
}

func TestRaster_PadsRowsToWholeBytes(t *testing.T) {
	l := label.Label{Width: 10.125, Height: 2, Items: []label.Item{label.Line{X1: 0, Y1: 1, X2: 10.125, Y2: 1, Thickness: 0.25}}}
	commands := mustParse(t, mustEncode(t, l, Profile{}))
	for _, c := range commands {
		if c.Name != "GS v 0" {
			continue
		}
		// 81 dots: 11 bytes, the last holding one black dot and seven white padding bits.
		if x := int(c.Params[1]); x != 11 {
			t.Fatalf("row of %d bytes, want 11 for 81 dots", x)
		}
		if c.Data[10] != 0x80 || c.Data[0] != 0xFF {
			t.Errorf("row % x, want black bytes ending in 80", c.Data[:11])
		}
		return
	}
	t.Error("no raster band")
}

func TestRaster_InvertedProfileFlipsBits(t *testing.T) {
	l := label.Label{Width: 8, Height: 2, Items: []label.Item{label.Line{X1: 0, Y1: 1, X2: 4, Y2: 1, Thickness: 0.25}}}
	for _, tt := range []struct {
		invert bool
		want   byte
	}{{false, 0xFF}, {true, 0x00}} {
		for _, c := range mustParse(t, mustEncode(t, l, Profile{InvertRaster: tt.invert})) {
			if c.Name == "GS v 0" && c.Data[0] != tt.want {
				t.Errorf("invert %v: first byte %#x, want %#x", tt.invert, c.Data[0], tt.want)
			}
		}
	}
}

func TestEncode_ProfileErrors(t *testing.T) {
	tests := []struct {
		profile Profile
		want    error
	}{
		{Profile{DPI: 600}, ErrUnsupportedDPI},
		{Profile{Encoding: "big5"}, ErrUnsupportedEncoding},
		{Profile{Mode: "page"}, ErrInvalidProfile},
		{Profile{BandRows: 5000}, ErrInvalidProfile},
	}
	for _, tt := range tests {
		if _, err := Encode(label.Label{Width: 10, Height: 10}, tt.profile); !errors.Is(err, tt.want) {
			t.Errorf("%+v: err = %v, want %v", tt.profile, err, tt.want)
		}
	}
}

func TestSelfTest_LinesAndPolaritySquares(t *testing.T) {
	commands := mustParse(t, mustSelfTest(t))
	var chinese [][]byte
	var squares []byte
	for _, c := range commands {
		switch c.Name {
		case "CHINESE":
			chinese = append(chinese, c.Data)
		case "GS v 0":
			squares = append(squares, c.Data[0])
		}
	}
	if len(chinese) != 3 {
		t.Fatalf("%d Chinese-mode lines, want GB2312, GBK and GB18030", len(chinese))
	}
	// U+00A5 ¥ is the four-byte GB18030 code 81 30 84 36.
	if !bytes.Contains(chinese[2], []byte{0x81, 0x30, 0x84, 0x36}) {
		t.Errorf("GB18030 line % x lacks the four-byte code of ¥", chinese[2])
	}
	if len(squares) != 2 || squares[0] != 0xFF || squares[1] != 0x00 {
		t.Errorf("polarity squares start % x, want ff (A, 1 = black) then 00 (B, inverted)", squares)
	}
}

func mustSelfTest(t *testing.T) []byte {
	t.Helper()
	job, err := SelfTest(Profile{})
	if err != nil {
		t.Fatal(err)
	}
	return job
}

func BenchmarkEncodeRaster76x130_203dpi(b *testing.B) {
	l := templateLabel(b, "76x130", sampleWaybill())
	var size int
	for b.Loop() {
		job, err := Encode(l, Profile{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(job)
	}
	b.ReportMetric(float64(size), "bytes/label")
}

func BenchmarkEncodeNative76x130_203dpi(b *testing.B) {
	l := templateLabel(b, "76x130", sampleWaybill())
	var size int
	for b.Loop() {
		job, err := Encode(l, Profile{Mode: ModeNative})
		if err != nil {
			b.Fatal(err)
		}
		size = len(job)
	}
	b.ReportMetric(float64(size), "bytes/label")
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./printer/escpos -update to create it)", err)
	}
	defer file.Close()
	zr, err := gzip.NewReader(file)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
