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

// ItemLine is one SKU in a parcel.
type ItemLine struct {
	Code, Name string
	Qty        int
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
}

// Label size of the one-part e-waybill (一联单), in millimetres.
const (
	Waybill76x130Width  = 76
	Waybill76x130Height = 130
)

// Positions of the 76×130 layout, in millimetres.
const (
	margin      = 2.0
	contentW    = Waybill76x130Width - 2*margin
	indentX     = 9.0 // left edge of party text, after the 收/寄 marker
	indentW     = Waybill76x130Width - margin - indentX
	rule        = 0.25 // thickness of separator lines
	smallSize   = 3.0  // one cell at 203 dpi, one at 300 dpi
	mediumSize  = 4.5  // one cell at 203 dpi, two at 300 dpi
	largeSize   = 6.0
	routingSize = 9.0
	noteHeight  = 7.0 // two lines of smallSize
)

// Waybill76x130 lays out the standard 76×130 mm one-part e-waybill (一联单).
// From top to bottom it holds the courier and parcel n/m, the routing code
// (大头笔), the sort code (三段码) and the package centre (集包地) white on
// black. Below come the Code 128 waybill barcode with its number, the receiver,
// the sender, the item summary, the buyer remark (买家留言) and the seller memo
// (卖家备注). The footer holds order id, print time and a QR code of the
// waybill number. Empty fields leave their place blank and print no caption.
func Waybill76x130(w Waybill) Label {
	var items []Item
	add := func(it ...Item) { items = append(items, it...) }
	hrule := func(y float64) { add(Line{X1: margin, Y1: y, X2: Waybill76x130Width - margin, Y2: y, Thickness: rule}) }

	add(
		Text{X: margin, Y: 1.5, W: 46, H: largeSize, Size: largeSize, Bold: true, Content: w.Courier},
		Text{X: 50, Y: 1.5, W: 24, H: largeSize, Size: largeSize, Bold: true, Align: AlignRight, Content: parcelOf(w)},
	)
	hrule(9)
	add(Text{X: margin, Y: 10.5, W: contentW, H: routingSize, Size: routingSize, Bold: true, Align: AlignCenter, Content: w.ShortAddress})
	hrule(21)
	add(Text{X: margin, Y: 22.5, W: contentW, H: routingSize, Size: routingSize, Bold: true, Align: AlignCenter, Content: w.SortCode})
	hrule(33)
	if strings.TrimSpace(w.PackageCenter) != "" {
		add(
			Text{X: margin, Y: 34.5, W: contentW, H: largeSize, Size: largeSize, Bold: true, Align: AlignCenter, Content: w.PackageCenter},
			Reverse{X: margin, Y: 33.5, W: contentW, H: 8},
		)
	}
	hrule(42)
	if w.TrackNo != "" {
		add(Barcode{X: margin, Y: 43, W: contentW, H: 15, Content: w.TrackNo, HumanReadable: true})
	}
	hrule(59)

	add(partyBlock("收", w.Receiver, 60, 19, mediumSize)...)
	hrule(80)
	add(partyBlock("寄", w.Sender, 81, 7, smallSize)...)
	hrule(89)

	y := 90.0
	for _, note := range []struct{ caption, text string }{
		{"", itemSummary(w.Items)},
		{"留言: ", w.BuyerRemark},
		{"备注: ", w.SellerMemo},
	} {
		if strings.TrimSpace(note.text) == "" {
			continue
		}
		add(Text{X: margin, Y: y, W: contentW, H: noteHeight, Size: smallSize, Wrap: true, Content: note.caption + note.text})
		y += noteHeight + 0.5
	}
	hrule(112)

	if w.OrderID != "" {
		add(Text{X: margin, Y: 115, W: 53, H: 3.5, Size: smallSize, Content: "订单 " + w.OrderID})
	}
	if !w.PrintTime.IsZero() {
		add(Text{X: margin, Y: 120, W: 53, H: 3.5, Size: smallSize, Content: "打印 " + w.PrintTime.Format("2006-01-02 15:04")})
	}
	if w.TrackNo != "" {
		add(QRCode{X: 57, Y: 112.5, Size: 17, Content: w.TrackNo})
	}

	return Label{Width: Waybill76x130Width, Height: Waybill76x130Height, Items: items}
}

// parcelOf returns "n/m" for a parcel of a multi-parcel order, or "" when unknown.
func parcelOf(w Waybill) string {
	if w.ParcelNo <= 0 || w.ParcelCount <= 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", w.ParcelNo, w.ParcelCount)
}

// partyBlock lays out a 收 (receiver) or 寄 (sender) block from top y, height
// mm high: the marker, "name phone" on the first line and the wrapped address
// below it. A party with no data prints nothing, not even its marker.
func partyBlock(marker string, p Party, y, height, size float64) []Item {
	head := strings.TrimSpace(strings.TrimSpace(p.Name) + " " + strings.TrimSpace(p.Phone))
	if head == "" && strings.TrimSpace(p.Address) == "" {
		return nil
	}
	return []Item{
		Text{X: margin, Y: y, W: 6, H: largeSize, Size: largeSize, Bold: true, Content: marker},
		Text{X: indentX, Y: y, W: indentW, H: size, Size: size, Bold: true, Content: head},
		Text{X: indentX, Y: y + size + 0.5, W: indentW, H: height - size - 0.5, Size: size, Wrap: true, Content: p.Address},
	}
}

// itemSummary lists "code×qty" for each SKU (the name when there is no code).
// When the list does not fit the two lines of the note box it keeps the
// entries that fit and appends "等N件", N being the total quantity.
func itemSummary(lines []ItemLine) string {
	entries := make([]string, 0, len(lines))
	total := 0
	for _, l := range lines {
		what := strings.TrimSpace(l.Code)
		if what == "" {
			what = strings.TrimSpace(l.Name)
		}
		if what == "" {
			continue
		}
		entries = append(entries, what+"×"+strconv.Itoa(l.Qty))
		total += l.Qty
	}
	if len(entries) == 0 {
		return ""
	}

	for n := len(entries); n >= 1; n-- {
		summary := strings.Join(entries[:n], " ")
		if n < len(entries) {
			summary += " 等" + strconv.Itoa(total) + "件"
		}
		if fitsWhole(Text{W: contentW, H: noteHeight, Size: smallSize, Wrap: true, Content: summary}) {
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
