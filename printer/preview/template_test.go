package preview

import (
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/printer/label"
)

var templateNames = []string{"76x130", "100x180", "100x150", "packingslip", "picklist"}

// templateLabel fills a built-in template with the sample; a pick list gets
// the sample twice and returns its first page.
func templateLabel(t testing.TB, name string) label.Label {
	t.Helper()
	w := sampleWaybill()
	w.Tags, w.ShopName = []string{"易碎"}, "好物小铺"
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

// TestRender_ZbarDecodesEveryTemplate cuts each barcode and QR code of each
// waybill template's preview out with a 2 mm margin and decodes it with
// zbarimg, an independent decoder, at both resolutions. Symbols are decoded
// one by one because zbarimg reports two equal symbols of a label once.
func TestRender_ZbarDecodesEveryTemplate(t *testing.T) {
	zbarimg, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not on PATH (Debian package zbar-tools)")
	}
	for _, name := range []string{"76x130", "100x180", "100x150"} {
		l := templateLabel(t, name)
		for _, dpi := range []int{203, 300} {
			img, err := Render(l, dpi)
			if err != nil {
				t.Fatal(err)
			}
			dotsPerMM, _ := label.DotsPerMM(dpi)
			symbols := 0
			for i, item := range l.Items {
				var box image.Rectangle
				var kind string
				switch it := item.(type) {
				case label.Barcode:
					box, kind = mmRect(it.X, it.Y, it.W, it.H, dotsPerMM), "CODE-128"
				case label.QRCode:
					box, kind = mmRect(it.X, it.Y, it.Size, it.Size, dotsPerMM), "QR-Code"
				default:
					continue
				}
				symbols++
				crop := image.NewGray(box.Inset(-2 * dotsPerMM).Intersect(img.Rect))
				for j := range crop.Pix {
					crop.Pix[j] = 0xFF
				}
				for y := box.Min.Y; y < box.Max.Y; y++ {
					for x := box.Min.X; x < box.Max.X; x++ {
						crop.SetGray(x, y, img.GrayAt(x, y))
					}
				}
				path := filepath.Join(t.TempDir(), name+".png")
				writePNGFile(t, path, crop)

				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				out, err := exec.CommandContext(ctx, zbarimg, "-q", path).Output()
				cancel()
				if err != nil {
					t.Errorf("%s %d dpi item %d: zbarimg: %v (output %q)", name, dpi, i, err, out)
					continue
				}
				if got, want := strings.TrimSpace(string(out)), kind+":"+trackNo; got != want {
					t.Errorf("%s %d dpi item %d: zbarimg decoded %q, want %q", name, dpi, i, got, want)
				}
			}
			if symbols == 0 {
				t.Errorf("%s: no barcode or QR code to decode", name)
			}
		}
	}
}

func mmRect(x, y, w, h float64, dotsPerMM int) image.Rectangle {
	d := float64(dotsPerMM)
	return image.Rect(int(x*d), int(y*d), int((x+w)*d), int((y+h)*d))
}

// TestRender_GoldenTemplates compares each template's 203 dpi preview with
// its golden PNG. Glyph shapes come from the system font, so pixels are
// compared only on a machine that uses the font recorded with the goldens.
func TestRender_GoldenTemplates(t *testing.T) {
	fontRecord := filepath.Join("testdata", "templates.font")
	if *update {
		if err := os.WriteFile(fontRecord, []byte(FontPath()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	recorded, err := os.ReadFile(fontRecord)
	if err != nil {
		t.Fatalf("%v (run go test ./printer/preview -update to create it)", err)
	}
	sameFont := strings.TrimSpace(string(recorded)) == FontPath()

	for _, name := range templateNames {
		img, err := Render(templateLabel(t, name), 203)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "template_"+name+"_203dpi.png")
		if *update {
			writePNGFile(t, golden, img)
		}
		if !sameFont {
			continue
		}
		if differ := differingPixels(t, golden, img); differ > 0 {
			t.Errorf("%s: %d pixels differ from %s (run with -update after checking the change)", name, differ, golden)
		}
	}
	if !sameFont {
		t.Skipf("goldens drawn with font %q, this machine uses %q", strings.TrimSpace(string(recorded)), FontPath())
	}
}

func differingPixels(t *testing.T, golden string, img *image.Gray) int {
	t.Helper()
	file, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	want, err := png.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	differ := 0
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			r, _, _, _ := want.At(x, y).RGBA()
			if uint8(r>>8) != img.GrayAt(x, y).Y {
				differ++
			}
		}
	}
	return differ
}

func TestRender_ImageItem(t *testing.T) {
	logo := image.NewGray(image.Rect(0, 0, 2, 2))
	logo.Pix = []uint8{0, 255, 255, 0}
	img, err := Render(label.Label{Width: 10, Height: 10, Items: []label.Item{label.Image{X: 1, Y: 1, W: 2, H: 2, Source: logo}}}, 203)
	if err != nil {
		t.Fatal(err)
	}
	// 2 mm = 16 dots: each source pixel is an 8×8 block starting at dot 8.
	for _, tt := range []struct{ x, y, want int }{{8, 8, 0}, {16, 8, 255}, {16, 16, 0}, {8, 16, 255}, {7, 7, 255}} {
		if got := int(img.GrayAt(tt.x, tt.y).Y); got != tt.want {
			t.Errorf("dot %d,%d = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestPolaritySample_BlackSquareWithWhiteLetters(t *testing.T) {
	for _, size := range []int{64, 128, 192} {
		img := PolaritySample(size)
		black, white := 0, 0
		for _, v := range img.Pix {
			if v == 0 {
				black++
			} else {
				white++
			}
		}
		if white == 0 || black < 3*white {
			t.Errorf("size %d: %d black and %d white dots, want a mostly black square with white letters", size, black, white)
		}
		if img.Pix[0] != 0 || img.Pix[len(img.Pix)-1] != 0 {
			t.Errorf("size %d: corners are not black", size)
		}
	}
}
