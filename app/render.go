package app

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/escpos"
	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
	"github.com/printstation/printstation/printer/tspl"
	"github.com/printstation/printstation/store"
)

// courierNames maps the platform's courier codes to the names printed on
// labels.
var courierNames = map[string]string{
	"zhongtong":      "中通快递",
	"yuantong":       "圆通速递",
	"yunda":          "韵达快递",
	"shentong":       "申通快递",
	"jtexpress":      "极兔速递",
	"shunfeng":       "顺丰速运",
	"youzhengguonei": "邮政快递包裹",
	"ems":            "EMS",
	"jd":             "京东快递",
}

// CourierName returns the display name of a courier code, or the code
// itself when it is not a known one.
func CourierName(code string) string {
	if name, ok := courierNames[code]; ok {
		return name
	}
	return code
}

// WaybillLabel returns the label data of a parcel with a waybill. o is the
// parcel's first order; a merged parcel's other orders are read from the
// store, so the label carries every order's items and remarks.
func (s *Station) WaybillLabel(p store.Parcel, o store.Order) label.Waybill {
	w := label.Waybill{
		Courier:       CourierName(p.Courier),
		CourierCode:   p.Courier,
		TrackNo:       p.Waybill.TrackNo,
		SortCode:      p.Waybill.SortCode,
		PackageCenter: p.Waybill.PackageCenterName,
		ShortAddress:  p.Waybill.ShortAddressName,
		Sender:        s.cfg.Sender.party(),
		OrderID:       o.ID,
		PrintTime:     s.cfg.Now(),
		ParcelNo:      p.ParcelNo,
		ParcelCount:   p.ParcelCount,
		Tags:          p.Tags,
		MaskReceiver:  s.cfg.MaskReceiver,
	}
	if p.Receiver != nil {
		w.Receiver = label.Party{Name: p.Receiver.Name, Phone: p.Receiver.Phone, Address: p.Receiver.Address}
	}

	orders := []store.Order{o}
	if len(p.OrderIDs) > 1 {
		if all, err := s.ordersOf(p); err == nil {
			orders = all
		}
	}
	var buyer, seller []string
	for _, ord := range orders {
		buyer = appendNonEmpty(buyer, ord.BuyerWords)
		seller = appendNonEmpty(seller, ord.SellerWords)
	}
	w.BuyerRemark = strings.Join(buyer, "；")
	w.SellerMemo = strings.Join(seller, "；")

	items := p.Items
	if len(items) == 0 {
		for _, ord := range orders {
			items = append(items, ord.Items...)
		}
	}
	for _, it := range items {
		w.Items = append(w.Items, label.ItemLine{Code: it.Code, Name: it.Name, Spec: it.Spec, Qty: it.Qty})
	}
	return w
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// DefaultTemplate is the name of the built-in waybill template.
const DefaultTemplate = "76x130"

// templateFor returns the template of a parcel's label, nil for the
// built-in 76×130 一联单, and the template's name.
func (s *Station) templateFor(p store.Parcel) (*label.Template, string) {
	t := s.cfg.Template
	if ct, ok := s.cfg.CourierTemplates[p.Courier]; ok {
		t = ct
	}
	if t == nil {
		return nil, DefaultTemplate
	}
	return t, t.Name
}

// layoutLabel lays out a parcel's label with its template.
func (s *Station) layoutLabel(p store.Parcel, o store.Order) (label.Label, error) {
	w := s.WaybillLabel(p, o)
	t, _ := s.templateFor(p)
	if t == nil {
		return label.Waybill76x130(w), nil
	}
	return label.FromTemplate(*t, w)
}

// encodeLabel encodes a label in the printer's command language.
func (s *Station) encodeLabel(l label.Label) ([]byte, error) {
	if s.cfg.Language == LanguageESCPOS {
		return escpos.Encode(l, s.cfg.ESCPOS)
	}
	return tspl.Encode(l, s.cfg.Profile)
}

// renderJob lays out a parcel's label and encodes it for the printer.
func (s *Station) renderJob(p store.Parcel, o store.Order) (printer.Job, error) {
	l, err := s.layoutLabel(p, o)
	if err != nil {
		return printer.Job{}, fmt.Errorf("lay out label %s: %w", p.Waybill.TrackNo, err)
	}
	data, err := s.encodeLabel(l)
	if err != nil {
		return printer.Job{}, fmt.Errorf("encode label %s: %w", p.Waybill.TrackNo, err)
	}
	job := printer.Job{ID: p.Waybill.TrackNo, Data: data}
	if s.cfg.Preview {
		dpi := s.cfg.Profile.DPI
		job.PNG = func() ([]byte, error) { return renderPNG(l, dpi) }
	}
	return job, nil
}

func renderPNG(l label.Label, dpi int) ([]byte, error) {
	img, err := preview.Render(l, dpi)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := preview.WritePNG(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PreviewPNG renders the label of the parcel with the id as a PNG.
func (s *Station) PreviewPNG(parcelID string) ([]byte, error) {
	p, o, err := s.parcelAndOrder(parcelID)
	if err != nil {
		return nil, err
	}
	l, err := s.layoutLabel(p, o)
	if err != nil {
		return nil, err
	}
	return renderPNG(l, s.cfg.Profile.DPI)
}
