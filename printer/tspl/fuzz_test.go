package tspl

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/printstation/printstation/printer/label"
)

// FuzzEncodeOrderText puts random text in every order field a buyer or a
// seller controls. The independent parser of parse_test.go must find the job
// of a harmless twin of that text: the same commands with the same numeric
// arguments, and PRINT last. The twin keeps each character's width,
// line-breaking class and printability in the code page, so any difference
// is text that escaped its string.
func FuzzEncodeOrderText(f *testing.F) {
	f.Add("王\"小明\",0,1,1,\"", "文三路\r\nPRINT 99\r\nCLS", "\x1b!?\x00\x1dV\x00 ¥5 😀", "A\"B\r\n{C}")
	f.Add(`\["]`, "堃\u200d\ufeff\u2028", "，。）", "SKU×2")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, name, address, remark, code string) {
		for _, encoding := range []string{EncodingGB18030, EncodingGB2312, EncodingUTF8} {
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

			for _, tpl := range []string{"76x130", "100x180"} {
				profile := Profile{Encoding: encoding}
				got, err := parseJob(mustEncode(t, templateLabel(t, tpl, hostile), profile))
				if err != nil {
					t.Fatalf("%s %s: hostile job does not parse: %v", encoding, tpl, err)
				}
				want, err := parseJob(mustEncode(t, templateLabel(t, tpl, twin), profile))
				if err != nil {
					t.Fatalf("%s %s: twin job does not parse: %v", encoding, tpl, err)
				}
				compareJobs(t, encoding+" "+tpl, got, want)
			}
		}
	})
}

func compareJobs(t *testing.T, what string, got, want []command) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d commands, twin %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Name != want[i].Name || len(got[i].Args) != len(want[i].Args) || len(got[i].Data) != len(want[i].Data) {
			t.Fatalf("%s: command %d is %s %q, twin %s %q", what, i, got[i].Name, got[i].Args, want[i].Name, want[i].Args)
		}
		for j := range got[i].Args {
			if !strings.HasPrefix(got[i].Args[j], `"`) && got[i].Args[j] != want[i].Args[j] {
				t.Fatalf("%s: command %d %s argument %d = %q, twin %q", what, i, got[i].Name, j, got[i].Args[j], want[i].Args[j])
			}
		}
	}
	if last := got[len(got)-1]; last.Name != "PRINT" {
		t.Fatalf("%s: last command %s, want PRINT", what, last.Name)
	}
}

// harmlessTwin maps sanitized text character by character to characters
// that cannot mean anything to a printer but take the same room: ASCII word
// characters become 'a', other printable non-ASCII characters '中', ones the
// code page cannot show '😀'. Spaces, U+3000, '×' and closing punctuation
// stay, because they decide where lines break.
func harmlessTwin(page codePage, s string) string {
	var probe [8]byte
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\u3000' || r == '×' || strings.ContainsRune("，。、；：！？）》」』】,.;:!?)", r):
			return r
		case r < utf8.RuneSelf:
			return 'a'
		}
		if _, ok := page.appendRune(probe[:0], r); ok {
			return '中'
		}
		return '😀'
	}, label.Sanitize(s))
}
