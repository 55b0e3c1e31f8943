package label

import (
	"strconv"
	"strings"
)

// PrintTimeLayout is how print_time is printed.
const PrintTimeLayout = "2006-01-02 15:04"

// waybillFields are the names a waybill or packing-slip template binds to,
// each with the text it prints. The field "items" is summarised to fit its
// box by FromTemplate rather than taken from here.
var waybillFields = map[string]func(w *Waybill) string{
	"courier":          func(w *Waybill) string { return w.Courier },
	"parcel":           parcelOf,
	"short_address":    func(w *Waybill) string { return w.ShortAddress },  // 大头笔
	"sort_code":        func(w *Waybill) string { return w.SortCode },      // 三段码
	"package_center":   func(w *Waybill) string { return w.PackageCenter }, // 集包地
	"track_no":         func(w *Waybill) string { return w.TrackNo },
	"receiver":         func(w *Waybill) string { return nameAndPhone(w.receiver()) },
	"receiver_name":    func(w *Waybill) string { return w.receiver().Name },
	"receiver_phone":   func(w *Waybill) string { return w.receiver().Phone },
	"receiver_address": func(w *Waybill) string { return w.receiver().Address },
	"sender":           func(w *Waybill) string { return nameAndPhone(w.Sender) },
	"sender_name":      func(w *Waybill) string { return w.Sender.Name },
	"sender_phone":     func(w *Waybill) string { return w.Sender.Phone },
	"sender_address":   func(w *Waybill) string { return w.Sender.Address },
	"items":            func(w *Waybill) string { return itemEntries(w.Items) },
	"item_count":       func(w *Waybill) string { return countOrEmpty(totalQty(w.Items)) },
	"buyer_remark":     func(w *Waybill) string { return w.BuyerRemark },
	"seller_memo":      func(w *Waybill) string { return w.SellerMemo },
	"order_id":         func(w *Waybill) string { return w.OrderID },
	"shop_name":        func(w *Waybill) string { return w.ShopName },
	"tags":             func(w *Waybill) string { return strings.Join(w.Tags, " ") },
	"print_time": func(w *Waybill) string {
		if w.PrintTime.IsZero() {
			return ""
		}
		return w.PrintTime.Format(PrintTimeLayout)
	},
}

// pickFields are the names a pick-list template binds to.
var pickFields = []string{"batch_orders", "batch_items", "batch_skus", "page", "print_time"}

// rowFields are the column fields of a table row.
var rowFields = []string{"code", "name", "spec", "qty", "orders"}

// Fields returns the field names a template of kind k may bind to.
func Fields(k Kind) []string {
	if k == KindPickList {
		return append([]string(nil), pickFields...)
	}
	names := make([]string, 0, len(waybillFields))
	for name := range waybillFields {
		names = append(names, name)
	}
	return names
}

// fieldValue returns the sanitized, trimmed text of a waybill field.
func (w *Waybill) fieldValue(name string) string {
	value, ok := waybillFields[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(Sanitize(value(w)))
}

// receiver returns the receiver as printed: masked when MaskReceiver is set.
func (w *Waybill) receiver() Party {
	if w.MaskReceiver {
		return MaskParty(w.Receiver)
	}
	return w.Receiver
}

func nameAndPhone(p Party) string {
	return strings.TrimSpace(strings.TrimSpace(p.Name) + " " + strings.TrimSpace(p.Phone))
}

// parcelOf returns "n/m" for a parcel of a multi-parcel order, or "" when unknown.
func parcelOf(w *Waybill) string {
	if w.ParcelNo <= 0 || w.ParcelCount <= 0 {
		return ""
	}
	return strconv.Itoa(w.ParcelNo) + "/" + strconv.Itoa(w.ParcelCount)
}

func totalQty(lines []ItemLine) int {
	total := 0
	for _, l := range lines {
		total += l.Qty
	}
	return total
}

func countOrEmpty(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// itemEntries joins every "code×qty" entry without truncation.
func itemEntries(lines []ItemLine) string {
	entries, _ := summaryEntries(lines)
	return strings.Join(entries, " ")
}
