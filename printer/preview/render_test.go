package preview

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/printer/label"
)

var (
	update  = flag.Bool("update", false, "rewrite the golden files in testdata")
	example = flag.String("example", "", "also write the example waybill PNG to this path (docs/label-76x130.png)")
)

const trackNo = "75312345678901"

func sampleWaybill() label.Waybill {
	return label.Waybill{
		Courier: "中通快递", CourierCode: "zhongtong",
		TrackNo: trackNo, SortCode: "300-A12 05", PackageCenter: "杭州转运中心", ShortAddress: "浙江杭州西湖",
		Receiver: label.Party{Name: "王小明", Phone: "138****5678", Address: "浙江省杭州市西湖区文三路478号华星时代广场A座1203室(前台代收)"},
		Sender:   label.Party{Name: "好物小铺", Phone: "0571-88886666", Address: "浙江省义乌市福田街道商城大道88号3号仓"},
		Items: []label.ItemLine{
			{Code: "TS-BLK-XL", Qty: 2}, {Code: "SOCK-5P", Qty: 1}, {Code: "CAP-01", Qty: 1},
			{Code: "BAG-CANVAS-L", Qty: 1}, {Code: "KEYRING-PANDA", Qty: 3},
		},
		BuyerRemark: "请尽快发货，周末家里没人，放丰巢快递柜，谢谢！",
		SellerMemo:  "送小礼品，VIP老客户",
		OrderID:     "6921234567890123456",
		PrintTime:   time.Date(2024, 6, 18, 20, 15, 0, 0, time.FixedZone("CST", 8*3600)),
		ParcelNo:    1, ParcelCount: 2,
	}
}

func TestRender_ZbarDecodesBarcodeAndQRCode(t *testing.T) {
	zbarimg, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not on PATH (Debian package zbar-tools)")
	}
	img, err := Render(label.Waybill76x130(sampleWaybill()), 203)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "waybill.png")
	writePNGFile(t, path, img)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, zbarimg, "--raw", "-q", path).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v (output %q)", err, out)
	}
	decoded := strings.Fields(string(out))
	if len(decoded) != 2 {
		t.Fatalf("zbarimg decoded %q, want the Code 128 and the QR code", decoded)
	}
	for _, d := range decoded {
		if d != trackNo {
			t.Errorf("zbarimg decoded %q, want %q", d, trackNo)
		}
	}
}

// The golden image contains the font's glyph shapes, so pixels are compared
// only when this machine uses the same font file as the one that wrote it.
// TestRender_TextStaysInPlacedCells checks text positions with any font.
func TestRender_GoldenWaybill76x130(t *testing.T) {
	img, err := Render(label.Waybill76x130(sampleWaybill()), 203)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "waybill_76x130_203dpi.png")
	fontRecord := filepath.Join("testdata", "waybill_76x130_203dpi.font")
	if *update {
		writePNGFile(t, golden, img)
		if err := os.WriteFile(fontRecord, []byte(FontPath()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *example != "" {
		writePNGFile(t, *example, img)
	}

	recorded, err := os.ReadFile(fontRecord)
	if err != nil {
		t.Fatalf("%v (run go test ./printer/preview -update to create it)", err)
	}
	if strings.TrimSpace(string(recorded)) != FontPath() {
		t.Skipf("golden drawn with font %q, this machine uses %q", strings.TrimSpace(string(recorded)), FontPath())
	}
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
	if differ > 0 {
		t.Errorf("%d pixels differ from %s (run with -update after checking the change)", differ, golden)
	}
}

func TestRender_ImageIsBlackAndWhite(t *testing.T) {
	img, err := Render(label.Waybill76x130(sampleWaybill()), 300)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got != image.Rect(0, 0, 76*12, 130*12) {
		t.Errorf("bounds %v, want 912×1560 dots at 300 dpi", got)
	}
	for _, v := range img.Pix {
		if v != 0 && v != 0xFF {
			t.Fatalf("pixel value %d, want only 0 and 255 as a thermal head prints", v)
		}
	}
}

func TestRender_TextStaysInPlacedCells(t *testing.T) {
	text := label.Text{X: 5, Y: 5, W: 40, H: 10, Size: 3, Wrap: true, Bold: true, Content: "浙江省杭州市西湖区文三路478号 Room 12"}
	l := label.Label{Width: 60, Height: 20, Items: []label.Item{text}}
	img, err := Render(l, 203)
	if err != nil {
		t.Fatal(err)
	}
	lines := text.Lines(203)
	inCell := func(x, y int) bool {
		for _, line := range lines {
			if x >= line.X && x < line.X+line.Width && y >= line.Y && y < line.Y+label.CellDots*line.Mul {
				return true
			}
		}
		return false
	}
	black := 0
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			if img.GrayAt(x, y).Y == 0 {
				black++
				if !inCell(x, y) {
					t.Fatalf("black dot at %d,%d outside the placed lines %+v", x, y, lines)
				}
			}
		}
	}
	if black == 0 {
		t.Error("no text drawn")
	}
}

func TestRender_ConcurrentCallsAgree(t *testing.T) {
	l := label.Waybill76x130(sampleWaybill())
	images := make([]*image.Gray, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range images {
		wg.Go(func() { images[i], errs[i] = Render(l, 203) })
	}
	wg.Wait()
	for i := range images {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(images[i].Pix, images[0].Pix) {
			t.Errorf("render %d differs from render 0", i)
		}
	}
}

func TestRender_RejectsUnsupportedDPI(t *testing.T) {
	if _, err := Render(label.Label{Width: 10, Height: 10}, 96); !errors.Is(err, label.ErrUnsupportedDPI) {
		t.Errorf("err = %v, want label.ErrUnsupportedDPI", err)
	}
}

func TestRasterizer_RunSize(t *testing.T) {
	tests := []struct {
		run        string
		height     int
		bold       bool
		wantWidth  int
		wantHeight int
	}{
		{"堃", 24, false, 24, 24},
		{"堃a", 48, true, 48 + 24 + 1, 48},
		{"😀", 24, false, 24, 24},
	}
	for _, tt := range tests {
		img, err := Rasterizer{}.RasterizeRun(tt.run, tt.height, tt.bold)
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != tt.wantWidth || img.Bounds().Dy() != tt.wantHeight {
			t.Errorf("%q: %v, want %d×%d", tt.run, img.Bounds(), tt.wantWidth, tt.wantHeight)
		}
		if !bytes.Contains(img.Pix, []byte{0}) {
			t.Errorf("%q: no black dot drawn", tt.run)
		}
	}
}

func TestFindCJKFont_EnvOverride(t *testing.T) {
	path := filepath.Join(t.TempDir(), "font.ttf")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(FontEnv, path)
	if got, err := FindCJKFont(); err != nil || got != path {
		t.Errorf("FindCJKFont() = %q, %v, want %q", got, err, path)
	}

	t.Setenv(FontEnv, filepath.Join(t.TempDir(), "missing.ttc"))
	if _, err := FindCJKFont(); !errors.Is(err, ErrNoCJKFont) {
		t.Errorf("err = %v, want ErrNoCJKFont", err)
	}
	if !strings.Contains(ErrNoCJKFont.Error(), "fonts-noto-cjk") {
		t.Errorf("error %q does not say what to install", ErrNoCJKFont)
	}
}

func TestTofu_OutlineInsideCell(t *testing.T) {
	g := tofu(24, 24)
	img := image.NewGray(image.Rect(0, 0, 24, 24))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	g.draw(img, 0, 0)
	if img.GrayAt(2, 2).Y != 0 || img.GrayAt(12, 12).Y != 0xFF || img.GrayAt(0, 0).Y != 0xFF {
		t.Error("tofu is not an outline box inset in its cell")
	}
}

func BenchmarkRender76x130_203dpi(b *testing.B) {
	l := label.Waybill76x130(sampleWaybill())
	for b.Loop() {
		if _, err := Render(l, 203); err != nil {
			b.Fatal(err)
		}
	}
}

func writePNGFile(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
