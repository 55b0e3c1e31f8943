package label

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var builtinNames = []string{"76x130", "100x180", "100x150", "packingslip", "picklist"}

func TestBuiltinTemplates_LayOutAtBothResolutions(t *testing.T) {
	set, err := LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range builtinNames {
		tpl, err := set.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		labels := fillAny(t, tpl, sampleWaybill())
		for _, dpi := range []int{203, 300} {
			for _, l := range labels {
				if _, err := Layout(l, dpi); err != nil {
					t.Errorf("%s at %d dpi: %v", name, dpi, err)
				}
			}
		}
	}
}

func TestWaybillTemplates_ShowEveryField(t *testing.T) {
	w := sampleWaybill()
	w.Tags = []string{"易碎"}
	for _, name := range []string{"76x130", "100x180", "100x150"} {
		tpl := mustBuiltin(t, name)
		text := allText(t, mustFill(t, tpl, w))
		for _, want := range []string{w.Courier, "1/2", w.ShortAddress, w.SortCode, w.PackageCenter, w.TrackNo, "王小明", "138****5678", "好物小铺", "TS-BLK-XL×2", "留言: ", "备注: ", "订单 " + w.OrderID, "2024-06-18 20:15"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: label text lacks %q", name, want)
			}
		}
		if name != "76x130" && !strings.Contains(text, "易碎") {
			t.Errorf("%s: label text lacks the tag 易碎", name)
		}
	}
}

func TestFromTemplate_EmptyFieldsLeaveNoCaptions(t *testing.T) {
	bare := Waybill{TrackNo: "75312345678901"}
	for _, name := range []string{"76x130", "100x180", "100x150", "packingslip"} {
		l := mustFill(t, mustBuiltin(t, name), bare)
		text := allText(t, l)
		for _, caption := range []string{"留言", "备注", "订单", "打印", "商品:", "合计", "包裹", "收件人"} {
			if strings.Contains(text, caption) {
				t.Errorf("%s: caption %q printed without its field: %q", name, caption, text)
			}
		}
		for _, marker := range []string{"收", "寄"} {
			if contains(textLines(t, l), marker) {
				t.Errorf("%s: marker %q printed without a party", name, marker)
			}
		}
	}
}

func TestFromTemplate_LongAddressWrapsInsideBox(t *testing.T) {
	w := sampleWaybill()
	w.Receiver.Address = longAddress(200)
	for _, name := range []string{"76x130", "100x180", "100x150"} {
		tpl := mustBuiltin(t, name)
		box := findItem(t, tpl, "receiver_address")
		for _, dpi := range []int{203, 300} {
			dotsPerMM, _ := DotsPerMM(dpi)
			text := Text{X: box.X, Y: box.Y, W: box.W, H: box.H, Size: box.Size, Wrap: true, Content: w.Receiver.Address}
			lines := text.Lines(dpi)
			if len(lines) < 2 {
				t.Fatalf("%s %d dpi: %d lines, want the address wrapped", name, dpi, len(lines))
			}
			for _, line := range lines {
				right := line.X + line.Width
				bottom := line.Y + CellDots*line.Mul
				if line.X < toDots(box.X, dotsPerMM) || right > toDots(box.X+box.W, dotsPerMM) || bottom > toDots(box.Y+box.H, dotsPerMM) {
					t.Errorf("%s %d dpi: line %+v leaves the box %+v", name, dpi, line, box)
				}
			}
			var joined strings.Builder
			for _, line := range lines {
				joined.WriteString(line.Text)
			}
			if got := joined.String(); got != w.Receiver.Address && !strings.HasSuffix(got, Ellipsis) {
				t.Errorf("%s %d dpi: printed %q, want the whole address or one cut with %q", name, dpi, got, Ellipsis)
			}
		}
	}
}

func TestFromTemplate_SixtyItemsSummarise(t *testing.T) {
	w := sampleWaybill()
	w.Items = nil
	for i := range 60 {
		w.Items = append(w.Items, ItemLine{Code: "SKU-" + strconv.Itoa(1000+i), Qty: 2})
	}
	for _, name := range []string{"76x130", "100x180", "100x150"} {
		text := allText(t, mustFill(t, mustBuiltin(t, name), w))
		if !strings.Contains(text, "等120件") {
			t.Errorf("%s: label text lacks the total 等120件: %q", name, text)
		}
		if strings.Contains(text, "SKU-1059") {
			t.Errorf("%s: all 60 entries printed, want a summary", name)
		}
	}

	slip := allText(t, mustFill(t, mustBuiltin(t, "packingslip"), w))
	if !strings.Contains(slip, "另有") || !strings.Contains(slip, "合计件数: 120") {
		t.Errorf("packing slip text lacks the overflow row or the total: %q", slip)
	}
}

func TestFromTemplate_MaskedReceiver(t *testing.T) {
	w := sampleWaybill()
	w.Receiver = Party{Name: "王小明", Phone: "13899990000", Address: "浙江省杭州市西湖区文三路478号"}
	w.MaskReceiver = true
	text := allText(t, Waybill76x130(w))
	for _, hidden := range []string{"小明", "9999", "文三路"} {
		if strings.Contains(text, hidden) {
			t.Errorf("masked label shows %q: %q", hidden, text)
		}
	}
	for _, shown := range []string{"王**", "138****0000", "浙江省杭州市西湖区****"} {
		if !strings.Contains(text, shown) {
			t.Errorf("masked label lacks %q: %q", shown, text)
		}
	}
}

func TestMaskParty(t *testing.T) {
	tests := []struct{ in, want Party }{
		{Party{"王小明", "13812345678", "浙江省杭州市西湖区文三路478号"}, Party{"王**", "138****5678", "浙江省杭州市西湖区****"}},
		{Party{"欧阳", "0571-88886666", "上海市浦东新区张江路1号"}, Party{"欧*", "****6666", "上海市浦东新区****"}},
		{Party{"周**", "138****2617", "浙江省杭州市西湖区****"}, Party{"周**", "138****2617", "浙江省杭州市西湖区****"}},
		{Party{}, Party{}},
	}
	for _, tt := range tests {
		if got := MaskParty(tt.in); got != tt.want {
			t.Errorf("MaskParty(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPickList_SumsSKUsAndPaginates(t *testing.T) {
	tpl := mustBuiltin(t, "picklist")
	a := Waybill{OrderID: "1", Items: []ItemLine{{Code: "MUG", Name: "杯", Qty: 2}, {Code: "CAP", Qty: 1}}}
	b := Waybill{OrderID: "2", Items: []ItemLine{{Code: "MUG", Name: "杯", Qty: 3}, {Name: "袜子", Spec: "白", Qty: 1}}}
	at := time.Date(2024, 6, 18, 9, 0, 0, 0, time.UTC)
	pages, err := PickList(tpl, []Waybill{a, b}, at)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages, want 1", len(pages))
	}
	lines := textLines(t, pages[0])
	for _, want := range []string{"订单数: 2", "品种: 3", "总件数: 7", "页 1/1", "打印: 2024-06-18 09:00"} {
		if !contains(lines, want) {
			t.Errorf("pick list lacks %q in %q", want, lines)
		}
	}
	// MUG sorts after CAP and carries 5 pieces from 2 orders.
	if i := indexOf(lines, "MUG"); i < 0 || lines[i+2] != "5" || lines[i+3] != "2" || indexOf(lines, "CAP") > i {
		t.Errorf("pick list rows %q, want MUG summed to 5 from 2 orders after CAP", lines)
	}

	var big []Waybill
	for i := range 60 {
		big = append(big, Waybill{OrderID: strconv.Itoa(i), Items: []ItemLine{{Code: "SKU-" + strconv.Itoa(100+i), Qty: 1}}})
	}
	pages, err = PickList(tpl, big, at)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("%d pages for 60 SKUs, want several", len(pages))
	}
	seen := 0
	for i, page := range pages {
		lines := textLines(t, page)
		if !contains(lines, "页 "+strconv.Itoa(i+1)+"/"+strconv.Itoa(len(pages))) {
			t.Errorf("page %d lacks its number: %q", i+1, lines)
		}
		for _, line := range lines {
			if strings.HasPrefix(line, "SKU-") {
				seen++
			}
		}
	}
	if seen != 60 {
		t.Errorf("pages list %d SKUs, want all 60", seen)
	}
}

func TestLoadTemplates_UserFolderAddsAndReplaces(t *testing.T) {
	dir := t.TempDir()
	logo := image.NewGray(image.Rect(0, 0, 4, 2))
	for i := range logo.Pix {
		logo.Pix[i] = 0xFF
	}
	logo.SetGray(0, 0, color.Gray{Y: 0})
	var buf bytes.Buffer
	if err := png.Encode(&buf, logo); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "logo.png"), buf.Bytes())
	writeFile(t, filepath.Join(dir, "mine.json"), []byte(`{"name": "mine", "kind": "waybill", "width": 60, "height": 40, "items": [
		{"type": "image", "src": "logo.png", "x": 1, "y": 1, "w": 8, "h": 4},
		{"type": "text", "field": "track_no", "x": 1, "y": 10, "w": 50, "h": 4, "size": 3}]}`))
	writeFile(t, filepath.Join(dir, "76x130.json"), []byte(`{"name": "76x130", "kind": "waybill", "width": 76, "height": 130, "items": []}`))

	set, err := LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Names(); strings.Join(got, ",") != "100x150,100x180,76x130,mine,packingslip,picklist" {
		t.Errorf("names %v", got)
	}
	if len(set["76x130"].Items) != 0 {
		t.Error("the user's 76x130 did not replace the built-in one")
	}
	ops, err := Layout(mustFill(t, set["mine"], sampleWaybill()), 203)
	if err != nil {
		t.Fatal(err)
	}
	img, ok := ops[0].(PlacedImage)
	if !ok || img.Bitmap.Rect.Dx() != 64 || img.Bitmap.Pix[0] != 0 || img.Bitmap.Pix[63] != 0xFF {
		t.Errorf("first op %#v, want the logo scaled to 64×32 dots with its black corner", ops[0])
	}
}

func TestParseTemplate_ErrorNamesFileAndMember(t *testing.T) {
	tests := []struct {
		name, json, wantPath string
	}{
		{"unknown field", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"text","field":"recever","x":1,"y":1,"w":10,"h":3,"size":3}]}`, "items[0].field"},
		{"unknown member", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"text","feild":"courier"}]}`, ""},
		{"unknown type", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"circle"}]}`, "items[0].type"},
		{"outside label", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"box","x":40,"y":1,"w":20,"h":3}]}`, "items[0]"},
		{"diagonal line", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"line","x":1,"y":1,"x2":5,"y2":5}]}`, "items[0]"},
		{"bad kind", `{"name":"x","kind":"receipt","width":50,"height":50}`, "kind"},
		{"no name", `{"kind":"waybill","width":50,"height":50}`, "name"},
		{"stack child", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"stack","x":1,"y":1,"w":40,"h":20,"items":[{"type":"text","field":"nope","h":3,"size":3}]}]}`, "items[0].items[0].field"},
		{"table rows", `{"name":"x","kind":"packingslip","width":50,"height":50,"items":[{"type":"table","rows":"pick","x":1,"y":1,"w":40,"h":20,"row_height":5,"size":3,"columns":[{"field":"code","w":10}]}]}`, "items[0].rows"},
		{"table column", `{"name":"x","kind":"packingslip","width":50,"height":50,"items":[{"type":"table","rows":"items","x":1,"y":1,"w":40,"h":20,"row_height":5,"size":3,"columns":[{"field":"price","w":10}]}]}`, "items[0].columns[0].field"},
		{"image missing", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"image","src":"../etc/logo.png","x":1,"y":1,"w":4,"h":4}]}`, "items[0].src"},
		{"when", `{"name":"x","kind":"waybill","width":50,"height":50,"items":[{"type":"reverse","when":["nope"],"x":1,"y":1,"w":4,"h":4}]}`, "items[0].when[0]"},
	}
	for _, tt := range tests {
		_, err := ParseTemplate([]byte(tt.json), "mine.json", nil)
		var te *TemplateError
		if !errors.As(err, &te) || !errors.Is(err, ErrInvalidTemplate) {
			t.Errorf("%s: err = %v, want a *TemplateError", tt.name, err)
			continue
		}
		if te.File != "mine.json" || te.Path != tt.wantPath {
			t.Errorf("%s: error at %q %q, want mine.json %q (%v)", tt.name, te.File, te.Path, tt.wantPath, err)
		}
	}
}

func TestLoadTemplates_BadUserFileFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "broken.json"), []byte(`{"name": "broken", "kind": "waybill", "width": 76, "height": 130, "items": [{"type": "qrcode", "field": "track_no", "x": 70, "y": 1, "size": 20}]}`))
	_, err := LoadTemplates(dir)
	if !errors.Is(err, ErrInvalidTemplate) || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("err = %v, want an invalid-template error naming broken.json", err)
	}
}

func mustBuiltin(t *testing.T, name string) Template {
	t.Helper()
	tpl, err := BuiltinTemplate(name)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func mustFill(t *testing.T, tpl Template, w Waybill) Label {
	t.Helper()
	l, err := FromTemplate(tpl, w)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fillAny fills a template of any kind; a pick list gets a batch of w.
func fillAny(t *testing.T, tpl Template, w Waybill) []Label {
	t.Helper()
	if tpl.Kind == KindPickList {
		pages, err := PickList(tpl, []Waybill{w, w}, w.PrintTime)
		if err != nil {
			t.Fatal(err)
		}
		return pages
	}
	return []Label{mustFill(t, tpl, w)}
}

func findItem(t *testing.T, tpl Template, field string) TemplateItem {
	t.Helper()
	for _, it := range tpl.Items {
		if it.Field == field {
			return it
		}
	}
	t.Fatalf("%s has no item for %s", tpl.Name, field)
	return TemplateItem{}
}

// longAddress returns an address of n characters with house numbers in it.
func longAddress(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < 4*n; i++ {
		b.WriteString("浙江省杭州市西湖区文三路" + strconv.Itoa(400+i) + "号")
	}
	return string([]rune(b.String())[:n])
}

func textLines(t *testing.T, l Label) []string {
	t.Helper()
	return strings.Split(strings.TrimSuffix(allText(t, l), "\n"), "\n")
}

func contains(lines []string, want string) bool { return indexOf(lines, want) >= 0 }

func indexOf(lines []string, want string) int {
	for i, line := range lines {
		if line == want {
			return i
		}
	}
	return -1
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
