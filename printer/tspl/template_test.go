package tspl

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

// TestMain draws bitmaps with the Go fallback font, whose tofu boxes stand
// in for Chinese glyphs, so the golden bitmap jobs hold the same bytes on
// every machine whatever CJK fonts it has.
func TestMain(m *testing.M) {
	os.Setenv(preview.FontEnv, filepath.Join(os.TempDir(), "printstation-no-such-font.ttf"))
	os.Exit(m.Run())
}

var templateNames = []string{"76x130", "100x180", "100x150", "packingslip", "picklist"}

// templateLabel fills a built-in template with the sample; a pick list gets
// the sample twice and returns its first page.
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

func TestEncode_GoldenTemplates(t *testing.T) {
	w := sampleWaybill()
	w.Tags = []string{"易碎"}
	w.ShopName = "好物小铺"
	for _, name := range templateNames {
		for _, dpi := range []int{203, 300} {
			for _, mode := range []string{ModeText, ModeBitmap} {
				if mode == ModeBitmap && dpi == 300 {
					continue // one bitmap golden per template keeps testdata small
				}
				job := mustEncode(t, templateLabel(t, name, w), Profile{DPI: dpi, Mode: mode})
				// Text jobs are stored plain so a diff shows the commands;
				// whole-label bitmaps are compressed.
				golden := filepath.Join("testdata", name+"_"+itoa(dpi)+"dpi_"+mode+".tspl")
				write, read := writeFile, readFile
				if mode == ModeBitmap {
					golden += ".gz"
					write, read = writeGzip, readGzip
				}
				if *update {
					write(t, golden, job)
				}
				if want := read(t, golden); !bytes.Equal(job, want) {
					t.Errorf("%s: job differs from %s (run go test ./printer/tspl -update after checking the change):\n%.2000s", name, golden, decodeGB18030(t, job))
				}
			}
		}
	}
}

func TestEncode_TextModeUnder3KB(t *testing.T) {
	w := sampleWaybill()
	w.Tags = []string{"易碎"}
	for _, name := range []string{"76x130", "100x180", "100x150"} {
		job := mustEncode(t, templateLabel(t, name, w), Profile{})
		if len(job) > 3*1024 {
			t.Errorf("%s: %d bytes in text mode, want at most 3 KB", name, len(job))
		}
	}
}

func TestEncode_BitmapModeIsOneWholeLabelBitmap(t *testing.T) {
	for _, tt := range []struct {
		invert bool
		black  byte
	}{{false, 0x00}, {true, 0xFF}} {
		job := mustEncode(t, templateLabel(t, "76x130", sampleWaybill()), Profile{Mode: ModeBitmap, InvertBitmap: tt.invert})
		commands, err := parseJob(job)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range commands {
			names = append(names, c.Name)
		}
		want := "SIZE GAP DIRECTION REFERENCE DENSITY SPEED CLS BITMAP PRINT"
		if got := joinNames(names); got != want {
			t.Fatalf("commands %s, want %s", got, want)
		}
		bitmap := commands[7]
		if joinArgs(bitmap.Args) != "0,0,76,1040,0" {
			t.Errorf("BITMAP %s, want 0,0,76,1040,0 (608×1040 dots)", joinArgs(bitmap.Args))
		}
		// Row 72 is the rule at y = 9 mm; byte 10 covers dots 80–87 of it.
		row := bitmap.Data[72*76 : 73*76]
		if row[10] != tt.black {
			t.Errorf("invert %v: rule byte %#x, want %#x", tt.invert, row[10], tt.black)
		}
	}
}

func TestSelfTest_LinesAndPolaritySquares(t *testing.T) {
	job, err := SelfTest(Profile{})
	if err != nil {
		t.Fatal(err)
	}
	commands, err := parseJob(job)
	if err != nil {
		t.Fatal(err)
	}
	var samples [][]byte
	var squares []byte
	for _, c := range commands {
		switch {
		case c.Name == "TEXT" && c.Args[2] == `"TSS24.BF2"`:
			content := c.Args[len(c.Args)-1]
			samples = append(samples, []byte(content[1:len(content)-1]))
		case c.Name == "BITMAP":
			squares = append(squares, c.Data[0])
		}
	}
	if len(samples) != len(SelfTestSample) {
		t.Fatalf("%d sample lines, want %d", len(samples), len(SelfTestSample))
	}
	if !bytes.Contains(samples[1], gb("堃")) || !bytes.Contains(samples[2], []byte{0x81, 0x30, 0x84, 0x36}) || !bytes.Contains(samples[3], []byte("中")) {
		t.Errorf("sample lines % x, want GBK 堃, GB18030 four-byte ¥ and UTF-8 中", samples)
	}
	// A is TSPL's own polarity (0 = black), B inverted.
	if len(squares) != 2 || squares[0] != 0x00 || squares[1] != 0xFF {
		t.Errorf("polarity squares start % x, want 00 then ff", squares)
	}
}

func BenchmarkEncodeText76x130(b *testing.B) {
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

// BenchmarkFillAndEncodeText76x130 includes filling the template, as a
// batch does for every parcel.
func BenchmarkFillAndEncodeText76x130(b *testing.B) {
	w := sampleWaybill()
	for b.Loop() {
		if _, err := Encode(label.Waybill76x130(w), Profile{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeBitmap76x130_203dpi(b *testing.B) {
	l := templateLabel(b, "76x130", sampleWaybill())
	var size int
	for b.Loop() {
		job, err := Encode(l, Profile{Mode: ModeBitmap})
		if err != nil {
			b.Fatal(err)
		}
		size = len(job)
	}
	b.ReportMetric(float64(size), "bytes/label")
}

func joinNames(names []string) string { return strings.Join(names, " ") }

func joinArgs(args []string) string { return strings.Join(args, ",") }

func itoa(v int) string { return strconv.Itoa(v) }

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./printer/tspl -update to create it)", err)
	}
	return data
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
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
		t.Fatalf("%v (run go test ./printer/tspl -update to create it)", err)
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
