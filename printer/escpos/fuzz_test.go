package escpos

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/printstation/printstation/printer/label"
)

// FuzzEncodeOrderText puts random text in every order field a buyer or a
// seller controls. The independent parser of parse_test.go must find the job
// of a harmless twin of that text. Raster bands and feeds between two native
// commands are compared by their total rows, because glyph shapes move blank
// rows around. Every native command must match in name, parameters and data
// length.
func FuzzEncodeOrderText(f *testing.F) {
	f.Add("王\"小明\x1b@", "文三路\r\n\x1dV\x01\x1c.", "\x1b!?\x00 ¥5 😀 {C12", "A{B\r\n")
	f.Add("\x1c&\x1c.", "堃\u200d\ufeff\u2028", "，。）", "SKU×2")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, name, address, remark, code string) {
		for _, encoding := range []string{EncodingGBK, EncodingGB2312} {
			page := newCodePage(encoding)
			hostile := sampleWaybill()
			hostile.Receiver.Name, hostile.Receiver.Address = name, address
			hostile.BuyerRemark, hostile.SellerMemo = remark, remark+name
			hostile.Items[0].Code = code

			twin := hostile
			twin.Receiver.Name, twin.Receiver.Address = harmlessTwin(page, name), harmlessTwin(page, address)
			twin.BuyerRemark, twin.SellerMemo = harmlessTwin(page, remark), harmlessTwin(page, remark+name)
			first := hostile.Items[0]
			first.Code, first.Name = harmlessTwin(page, first.Code), harmlessTwin(page, first.Name)
			twin.Items = append([]label.ItemLine{first}, hostile.Items[1:]...)

			for _, mode := range []string{ModeNative, ModeRaster} {
				profile := Profile{Encoding: encoding, Mode: mode}
				got, err := parseJob(mustEncode(t, templateLabel(t, "76x130", hostile), profile))
				if err != nil {
					t.Fatalf("%s %s: hostile job does not parse: %v", encoding, mode, err)
				}
				want, err := parseJob(mustEncode(t, templateLabel(t, "76x130", twin), profile))
				if err != nil {
					t.Fatalf("%s %s: twin job does not parse: %v", encoding, mode, err)
				}
				compareJobs(t, encoding+" "+mode, mergeRaster(got), mergeRaster(want))
			}
		}
	})
}

// mergeRaster replaces each run of GS v 0 and ESC J commands by one RASTER
// command whose parameter is the rows it covers, two bytes little-endian.
func mergeRaster(commands []command) []command {
	var out []command
	rows := -1
	flush := func() {
		if rows >= 0 {
			out = append(out, command{Name: "RASTER", Params: []byte{byte(rows), byte(rows >> 8)}})
			rows = -1
		}
	}
	for _, c := range commands {
		switch c.Name {
		case "GS v 0":
			rows = max(rows, 0) + (int(c.Params[3]) | int(c.Params[4])<<8)
		case "ESC J":
			rows = max(rows, 0) + int(c.Params[0])
		default:
			flush()
			out = append(out, c)
		}
	}
	flush()
	return out
}

func compareJobs(t *testing.T, what string, got, want []command) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d commands, twin %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Name != want[i].Name || !slices.Equal(got[i].Params, want[i].Params) || len(got[i].Data) != len(want[i].Data) {
			t.Fatalf("%s: command %d is %s % x (%d data bytes), twin %s % x (%d)", what, i,
				got[i].Name, got[i].Params, len(got[i].Data), want[i].Name, want[i].Params, len(want[i].Data))
		}
	}
	if got[0].Name != "ESC @" {
		t.Fatalf("%s: job starts with %s, want ESC @", what, got[0].Name)
	}
}

// harmlessTwin maps sanitized text character by character to characters
// that cannot mean anything to a printer but take the same room: ASCII word
// characters become 'a', other characters the code page has '中', the rest
// '😀'. Spaces, U+3000, '×' and closing punctuation stay, because they decide
// where lines break.
func harmlessTwin(page codePage, s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\u3000' || r == '×' || strings.ContainsRune("，。、；：！？）》」』】,.;:!?)", r):
			return r
		case r < utf8.RuneSelf:
			return 'a'
		}
		if _, ok := page.encode(nil, string(r)); ok {
			return '中'
		}
		return '😀'
	}, label.Sanitize(s))
}
