package emulator

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNG files in testdata")

// checkGolden compares got with testdata/name, or writes it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(filepath.Join(t.TempDir(), name), got, 0o644)
		t.Errorf("%s differs from the golden file; rerun with -update after checking the image", name)
	}
}

// Text is left out of the golden jobs because its glyphs depend on the CJK
// font installed on the machine.

func TestRender_TSPLGolden(t *testing.T) {
	e := start(t)
	bitmap := "BITMAP 40,300,2,16,0," + strings.Repeat("\x0f\xf0", 16) + "\r\n"
	job := "SIZE 40 mm,50 mm\r\nCLS\r\n" +
		"BOX 0,0,319,399,4\r\n" +
		"BAR 20,20,280,6\r\n" +
		`BARCODE 20,40,"128",60,0,0,2,4,"SF123"` + "\r\n" +
		`QRCODE 20,120,M,4,A,0,"SF123"` + "\r\n" +
		bitmap +
		"REVERSE 200,120,80,40\r\n" +
		"PRINT 1\r\n"
	if _, err := sendRaw(t, e.Addr(), []byte(job)); err != nil {
		t.Fatalf("send: %v", err)
	}
	if errs := e.Errors(); len(errs) != 0 {
		t.Fatalf("Errors() = %q", errs)
	}
	labels := e.Labels()
	if len(labels) != 1 {
		t.Fatalf("got %d labels, want 1", len(labels))
	}

	img, err := labels[0].Image()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 319 || b.Dy() != 399 {
		t.Errorf("image is %dx%d, want 319x399 (40x50 mm at 203 dpi)", b.Dx(), b.Dy())
	}
	// TSPL burns a dot for a 0 bit: dots 0-3 of each row are black, 4-7 white.
	if img.GrayAt(40, 300).Y != 0 || img.GrayAt(44, 300).Y != 255 {
		t.Errorf("bitmap polarity: dot (40,300) = %d, (44,300) = %d; want 0 (black) and 255", img.GrayAt(40, 300).Y, img.GrayAt(44, 300).Y)
	}
	png, err := labels[0].PNG()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "tspl.png", png)
}

func TestRender_ESCPOSRasterGolden(t *testing.T) {
	e := start(t)
	band := func(rows int, b byte) []byte {
		return append([]byte{gs, 'v', '0', 0, 4, 0, byte(rows), 0}, bytes.Repeat([]byte{b}, 4*rows)...)
	}
	job := escposJob([]byte{esc, '@'}, band(8, 0xF0), band(8, 0x0F), []byte{gs, 'V', 0})
	if _, err := sendRaw(t, e.Addr(), job); err != nil {
		t.Fatalf("send: %v", err)
	}
	labels := e.Labels()
	if len(labels) != 1 || labels[0].Bitmaps != 2 {
		t.Fatalf("got %+v, want one label with two raster bands", labels)
	}
	img, err := labels[0].Image()
	if err != nil {
		t.Fatal(err)
	}
	// ESC/POS burns a dot for a 1 bit, and the second band starts below the first.
	if img.GrayAt(0, 0).Y != 0 || img.GrayAt(4, 0).Y != 255 || img.GrayAt(4, 8).Y != 0 {
		t.Errorf("raster bands drawn wrong: (0,0)=%d (4,0)=%d (4,8)=%d", img.GrayAt(0, 0).Y, img.GrayAt(4, 0).Y, img.GrayAt(4, 8).Y)
	}
	png, err := labels[0].PNG()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "escpos.png", png)
}
