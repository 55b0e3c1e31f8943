package label

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Party is the receiver or sender of a parcel. Address is the whole address on
// one logical line; Layout wraps it.
type Party struct {
	Name, Phone, Address string
}

// ItemLine is one SKU in a parcel. Spec is its attributes as one line, for
// example "奶白 350ml".
type ItemLine struct {
	Code, Name string
	Qty        int
	Spec       string
}

// Waybill is the data printed on a courier label.
type Waybill struct {
	Courier     string // display name, e.g. "中通快递"
	CourierCode string // platform code, e.g. "zhongtong"

	TrackNo       string // waybill number, encoded in the barcode and the QR code
	SortCode      string // 三段码
	PackageCenter string // 集包地
	ShortAddress  string // 大头笔

	Receiver, Sender Party
	Items            []ItemLine

	BuyerRemark string // 买家留言
	SellerMemo  string // 卖家备注
	OrderID     string

	PrintTime             time.Time
	ParcelNo, ParcelCount int

	ShopName string   // shown on packing slips
	Tags     []string // packing notes such as "易碎" printed where a template has a tags field

	// MaskReceiver prints the receiver through MaskParty, for shops that
	// print masked labels or for a preview shown on screen.
	MaskReceiver bool
}

// Label size of the one-part e-waybill (一联单), in millimetres.
const (
	Waybill76x130Width  = 76
	Waybill76x130Height = 130
)

// Waybill76x130 lays out w on the built-in 76×130 mm one-part e-waybill
// (一联单) template, assets/templates/76x130.json. From top to bottom it
// holds the courier and parcel n/m, the routing code (大头笔), the sort code
// (三段码) and the package centre (集包地) white on black. Below come the
// Code 128 waybill barcode with its number, the receiver, the sender, the
// item summary, the buyer remark (买家留言) and the seller memo (卖家备注). The
// footer holds order id, print time and a QR code of the waybill number.
// Empty fields leave their place blank and print no caption.
func Waybill76x130(w Waybill) Label {
	t, err := BuiltinTemplate("76x130")
	if err == nil {
		var l Label
		if l, err = FromTemplate(t, w); err == nil {
			return l
		}
	}
	// The template is embedded and checked by the tests, so only a broken
	// build gets here.
	panic(fmt.Sprintf("built-in 76x130 label template: %v", err))
}

// summaryEntries returns "code×qty" for each SKU (the name when there is no
// code) and the total quantity.
func summaryEntries(lines []ItemLine) ([]string, int) {
	entries := make([]string, 0, len(lines))
	total := 0
	for _, l := range lines {
		what := strings.TrimSpace(Sanitize(l.Code))
		if what == "" {
			what = strings.TrimSpace(Sanitize(l.Name))
		}
		if what == "" {
			continue
		}
		entries = append(entries, what+"×"+strconv.Itoa(l.Qty))
		total += l.Qty
	}
	return entries, total
}

// summarizeItems lists the entries that fit, judged by fits, and appends
// "等N件" with the total quantity N when some had to be left out.
func summarizeItems(lines []ItemLine, fits func(summary string) bool) string {
	entries, total := summaryEntries(lines)
	if len(entries) == 0 {
		return ""
	}
	for n := len(entries); n >= 1; n-- {
		summary := strings.Join(entries[:n], " ")
		if n < len(entries) {
			summary += " 等" + strconv.Itoa(total) + "件"
		}
		if fits(summary) {
			return summary
		}
	}
	// Not even one entry fits: Layout truncates it with an ellipsis.
	return entries[0] + " 等" + strconv.Itoa(total) + "件"
}

// fitsWhole reports whether t fits its box without truncation at both 203 and 300 dpi.
func fitsWhole(t Text) bool {
	for _, dotsPerMM := range []int{8, 12} {
		if _, truncated := t.place(dotsPerMM); truncated {
			return false
		}
	}
	return true
}
