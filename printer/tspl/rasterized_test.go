package tspl

import (
	"testing"

	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
)

func TestEncode_HostileWaybillWithRasterizerStaysParseable(t *testing.T) {
	w := sampleWaybill()
	w.Receiver.Name = "王\"堃\r\nPRINT 99\r\n😀"
	w.BuyerRemark = "¥5 {B} \x1b!? 😀👍"
	for _, encoding := range []string{EncodingGB18030, EncodingGB2312, EncodingUTF8} {
		job := mustEncode(t, label.Waybill76x130(w), Profile{Encoding: encoding, Rasterizer: preview.Rasterizer{}})
		commands, err := parseJob(job)
		if err != nil {
			t.Fatalf("%s: %v", encoding, err)
		}
		prints, bitmaps := 0, 0
		for _, c := range commands {
			switch c.Name {
			case "PRINT":
				prints++
			case "BITMAP":
				bitmaps++
			}
		}
		if prints != 1 || commands[len(commands)-1].Name != "PRINT" {
			t.Errorf("%s: %d PRINT commands, want exactly one, last", encoding, prints)
		}
		if bitmaps == 0 {
			t.Errorf("%s: no BITMAP for the emoji", encoding)
		}
	}
}
