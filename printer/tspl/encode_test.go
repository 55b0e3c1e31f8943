package tspl

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/printstation/printstation/printer/label"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleWaybill() label.Waybill {
	return label.Waybill{
		Courier: "中通快递", CourierCode: "zhongtong",
		TrackNo: "75312345678901", SortCode: "300-A12 05", PackageCenter: "杭州转运中心", ShortAddress: "浙江杭州西湖",
		Receiver: label.Party{Name: "王小明", Phone: "138****5678", Address: "浙江省杭州市西湖区文三路478号华星时代广场A座1203室(前台代收)"},
		Sender:   label.Party{Name: "好物小铺", Phone: "0571-88886666", Address: "浙江省义乌市福田街道商城大道88号3号仓"},
		Items: []label.ItemLine{
			{Code: "TS-BLK-XL", Qty: 2}, {Code: "SOCK-5P", Qty: 1}, {Code: "CAP-01", Qty: 1},
		},
		BuyerRemark: "请尽快发货，谢谢！",
		SellerMemo:  "送小礼品",
		OrderID:     "6921234567890123456",
		PrintTime:   time.Date(2024, 6, 18, 20, 15, 0, 0, time.FixedZone("CST", 8*3600)),
		ParcelNo:    1, ParcelCount: 2,
	}
}

func TestEncode_GoldenWaybill76x130(t *testing.T) {
	job, err := Encode(label.Waybill76x130(sampleWaybill()), Profile{})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "waybill_76x130.tspl")
	if *update {
		if err := os.WriteFile(golden, job, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./printer/tspl -update to create it)", err)
	}
	if !bytes.Equal(job, want) {
		t.Errorf("job differs from %s (run with -update after checking the change):\n%s", golden, decodeGB18030(t, job))
	}
}

func TestEncode_JobStructure(t *testing.T) {
	job, err := Encode(label.Waybill76x130(sampleWaybill()), Profile{})
	if err != nil {
		t.Fatal(err)
	}
	commands, err := parseJob(job)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"SIZE 76 mm,130 mm", "GAP 2 mm,0 mm", "DIRECTION 0", "REFERENCE 0,0", "DENSITY 8", "SPEED 4", "CLS"}
	for i, want := range wantHeader {
		if got := strings.TrimSpace(commands[i].Name + " " + strings.Join(commands[i].Args, ",")); got != want {
			t.Errorf("command %d = %q, want %q", i, got, want)
		}
	}
	if last := commands[len(commands)-1]; last.Name != "PRINT" || strings.Join(last.Args, ",") != "1,1" {
		t.Errorf("last command = %v, want PRINT 1,1", last)
	}
	counts := map[string]int{}
	for _, c := range commands {
		counts[c.Name]++
	}
	if counts["BARCODE"] != 1 || counts["QRCODE"] != 1 || counts["REVERSE"] != 1 || counts["PRINT"] != 1 {
		t.Errorf("command counts %v, want one BARCODE, QRCODE, REVERSE and PRINT", counts)
	}
}

func TestEncode_QuoteInBuyerNameStaysText(t *testing.T) {
	w := sampleWaybill()
	w.Receiver.Name = `王"小明",0,1,1,"`
	texts := textContents(t, mustEncode(t, label.Waybill76x130(w), Profile{}))
	if !containsAny(texts, "王＂小明＂,0,1,1,＂") {
		t.Errorf("TEXT contents %q lack the name with full-width quotes", texts)
	}
}

func TestEncode_CRLFInRemarkStartsNoCommand(t *testing.T) {
	w := sampleWaybill()
	w.BuyerRemark = "快\r\nPRINT 99\r\nCLS\n"
	commands, err := parseJob(mustEncode(t, label.Waybill76x130(w), Profile{}))
	if err != nil {
		t.Fatal(err)
	}
	prints := 0
	for _, c := range commands {
		if c.Name == "PRINT" {
			prints++
		}
	}
	if prints != 1 {
		t.Errorf("job has %d PRINT commands, want 1", prints)
	}
}

func TestEncode_HostileWaybillKeepsCommandSequence(t *testing.T) {
	hostile := sampleWaybill()
	hostile.Receiver.Name = "王\"小\x1b!?明\\[\"]"
	hostile.Receiver.Address = "文三路{1}号\r\nPRINT 99\r\n\x00\x1d\x1bA😀堃"
	hostile.BuyerRemark = "\"\r\nPRINT 99\r\nCLS {B} 😀"
	hostile.SellerMemo = "\x1b@\x1dV\x00 ¥5"
	hostile.Items[0].Code = "A\"B\r\n"

	// The benign twin has the same character widths and break points.
	benign := hostile
	benign.Receiver.Name = strings.Map(benignRune, hostile.Receiver.Name)
	benign.Receiver.Address = strings.Map(benignRune, hostile.Receiver.Address)
	benign.BuyerRemark = strings.Map(benignRune, hostile.BuyerRemark)
	benign.SellerMemo = strings.Map(benignRune, hostile.SellerMemo)
	benign.Items = []label.ItemLine{{Code: strings.Map(benignRune, hostile.Items[0].Code), Qty: 2}, hostile.Items[1], hostile.Items[2]}

	for _, encoding := range []string{EncodingGB18030, EncodingGBK, EncodingGB2312, EncodingUTF8} {
		profile := Profile{Encoding: encoding}
		want, err := parseJob(mustEncode(t, label.Waybill76x130(benign), profile))
		if err != nil {
			t.Fatalf("%s benign: %v", encoding, err)
		}
		got, err := parseJob(mustEncode(t, label.Waybill76x130(hostile), profile))
		if err != nil {
			t.Fatalf("%s hostile: %v", encoding, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: hostile job has %d commands, benign %d", encoding, len(got), len(want))
		}
		for i := range got {
			if got[i].Name != want[i].Name || len(got[i].Args) != len(want[i].Args) {
				t.Fatalf("%s: command %d is %s%q, benign %s%q", encoding, i, got[i].Name, got[i].Args, want[i].Name, want[i].Args)
			}
			for j := range got[i].Args {
				if !strings.HasPrefix(got[i].Args[j], `"`) && got[i].Args[j] != want[i].Args[j] {
					t.Errorf("%s: command %d %s argument %d = %q, benign %q", encoding, i, got[i].Name, j, got[i].Args[j], want[i].Args[j])
				}
			}
		}
	}
}

// benignRune maps each character that order text may use against the printer
// to a harmless one of the same width and line-breaking class.
func benignRune(r rune) rune {
	switch {
	case r == '"' || r == '\\':
		return '中' // both become full-width characters
	case r < 0x20:
		return ' '
	case r == '{' || r == '}':
		return '('
	case r > 0x7f:
		return '中'
	}
	return r
}

func TestEncode_UnshowableCharacters(t *testing.T) {
	tests := []struct {
		encoding, in string
		want         []byte
	}{
		{EncodingGB2312, "堃", gb("□")},
		{EncodingGBK, "堃", gb("□")},
		{EncodingGB18030, "堃", gb("堃")},
		{EncodingGB18030, "¥9", append(gb("□"), '9')},
		{EncodingGB18030, "￥9", append(gb("￥"), '9')},
		{EncodingGB18030, "a😀b", append(append([]byte("a"), gb("□")...), 'b')},
		{EncodingUTF8, "堃😀", []byte("堃□")},
	}
	for _, tt := range tests {
		job := mustEncode(t, oneText(tt.in), Profile{Encoding: tt.encoding})
		texts := textContents(t, job)
		var joined []byte
		for _, text := range texts {
			joined = append(joined, text...)
		}
		if !bytes.Equal(joined, tt.want) {
			t.Errorf("%s %q: TEXT bytes % x, want % x", tt.encoding, tt.in, joined, tt.want)
		}
	}
}

func TestEncode_UnshowableRunAsBitmap(t *testing.T) {
	raster := &fakeRasterizer{}
	job := mustEncode(t, oneText("王堃a"), Profile{Encoding: EncodingGB2312, Rasterizer: raster})
	commands, err := parseJob(job)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range commands[7 : len(commands)-1] {
		names = append(names, c.Name+" "+strings.Join(c.Args, ","))
	}
	want := []string{`TEXT 8,8,"TSS24.BF2",0,1,1,"` + string(gb("王")) + `"`, "BITMAP 32,8,3,24,0", `TEXT 56,8,"TSS24.BF2",0,1,1,"a"`}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("commands\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if raster.run != "堃" || raster.height != 24 {
		t.Errorf("rasterized %q at %d dots, want 堃 at 24", raster.run, raster.height)
	}
}

func TestEncode_BitmapPolarity(t *testing.T) {
	tests := []struct {
		invert bool
		want   byte
	}{
		{false, 0x0f}, // TSPL: 0 bits burn dots, so the black left half is 0000
		{true, 0xf0},
	}
	for _, tt := range tests {
		job := mustEncode(t, oneText("堃"), Profile{Encoding: EncodingGB2312, Rasterizer: &fakeRasterizer{}, InvertBitmap: tt.invert})
		commands, err := parseJob(job)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range commands {
			if c.Name != "BITMAP" {
				continue
			}
			// fakeRasterizer paints the first 4 of 24 columns black: byte 0 is 4 black then 4 white dots.
			if c.Data[0] != tt.want || c.Data[2] != ^byte(0)^invertMask(tt.invert) {
				t.Errorf("invert %v: row starts % x, want %02x .. %02x", tt.invert, c.Data[:3], tt.want, ^byte(0)^invertMask(tt.invert))
			}
		}
	}
}

func invertMask(invert bool) byte {
	if invert {
		return 0xff
	}
	return 0
}

func TestEncode_ProfileErrors(t *testing.T) {
	tests := []struct {
		name    string
		profile Profile
		want    error
	}{
		{"dpi", Profile{DPI: 600}, ErrUnsupportedDPI},
		{"encoding", Profile{Encoding: "big5"}, ErrUnsupportedEncoding},
		{"density", Profile{Density: 16}, ErrInvalidProfile},
		{"direction", Profile{Direction: 2}, ErrInvalidProfile},
	}
	for _, tt := range tests {
		if _, err := Encode(oneText("a"), tt.profile); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestEncode_HandBuiltUnsafeBarcodeRejected(t *testing.T) {
	e := encoder{profile: Profile{}}
	err := e.op(label.PlacedBarcode{Content: "75\"\r\nPRINT 9"})
	if !errors.Is(err, ErrUnsafeContent) {
		t.Errorf("err = %v, want ErrUnsafeContent", err)
	}
}

func BenchmarkEncodeWaybill76x130(b *testing.B) {
	l := label.Waybill76x130(sampleWaybill())
	for b.Loop() {
		if _, err := Encode(l, Profile{}); err != nil {
			b.Fatal(err)
		}
	}
}

// fakeRasterizer paints the first 4 columns black and records its request.
type fakeRasterizer struct {
	run    string
	height int
}

func (f *fakeRasterizer) RasterizeRun(s string, height int, bold bool) (*image.Gray, error) {
	f.run, f.height = s, height
	img := image.NewGray(image.Rect(0, 0, label.TextAdvance(s, height/label.CellDots), height))
	for y := range height {
		for x := range img.Bounds().Dx() {
			img.SetGray(x, y, color.Gray{Y: 255})
			if x < 4 {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	return img, nil
}

func oneText(s string) label.Label {
	return label.Label{Width: 76, Height: 30, Items: []label.Item{label.Text{X: 1, Y: 1, W: 70, H: 3, Size: 3, Content: s}}}
}

func mustEncode(t *testing.T, l label.Label, p Profile) []byte {
	t.Helper()
	job, err := Encode(l, p)
	if err != nil {
		t.Fatal(err)
	}
	return job
}

// textContents returns the content bytes of every TEXT command, without quotes.
func textContents(t *testing.T, job []byte) [][]byte {
	t.Helper()
	commands, err := parseJob(job)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, c := range commands {
		if c.Name == "TEXT" {
			content := c.Args[len(c.Args)-1]
			out = append(out, []byte(content[1:len(content)-1]))
		}
	}
	return out
}

func containsAny(texts [][]byte, want string) bool {
	for _, text := range texts {
		decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(text)
		if err == nil && strings.Contains(string(decoded), want) {
			return true
		}
	}
	return false
}

func gb(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func decodeGB18030(t *testing.T, job []byte) string {
	t.Helper()
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(job)
	if err != nil {
		return string(job)
	}
	return string(text)
}
