package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/printer/escpos"
	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/preview"
	"github.com/printstation/printstation/printer/tspl"
	"github.com/printstation/printstation/store"
)

// Marks of a label rendered for an order without a waybill, so that no packer
// ships a parcel with it.
const (
	sampleTrackNo      = "SAMPLE0000000000"
	sampleShortAddress = "样张 勿发货"
)

// renderFlags are the flags of "printstation render".
type renderFlags struct {
	template, templates, format, mode, encoding string
	orderJSON, storePath, orderID, config, out  string
	dpi, parcel                                 int
	masked, selfTest                            bool
}

// runRender is "printstation render": one order (or a batch, for a pick
// list) through a template into TSPL, ESC/POS or PNG, for support and for
// scripted checks. With --self-test it writes the printer self-test job.
func runRender(args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	var f renderFlags
	fs.StringVar(&f.template, "template", "76x130", "label template `name`: 76x130, 100x180, 100x150, packingslip, picklist or one of --templates")
	fs.StringVar(&f.templates, "templates", "", "`folder` of your own *.json label templates, added to the built-in ones")
	fs.StringVar(&f.format, "format", "png", "output: tspl, escpos or png")
	fs.StringVar(&f.mode, "mode", "", "tspl: text (default) or bitmap; escpos: raster (default) or native")
	fs.StringVar(&f.encoding, "encoding", "", "printer code page: gb18030, gbk, gb2312 or utf-8 (tspl only)")
	fs.IntVar(&f.dpi, "dpi", 0, "printer resolution in dots per inch: 203 (default) or 300")
	fs.BoolVar(&f.masked, "masked", false, "print the receiver masked (name, phone and address detail hidden)")
	fs.StringVar(&f.orderJSON, "order-json", "", "`file` with one platform order, or an order.searchList reply")
	fs.StringVar(&f.storePath, "store", "", "station store `file` to read the order from (with --order)")
	fs.StringVar(&f.orderID, "order", "", "order `id` to render; default the first order of --order-json")
	fs.IntVar(&f.parcel, "parcel", 1, "parcel `number` of a multi-parcel order in the store")
	fs.StringVar(&f.config, "config", "", "station config `file` for the sender, courier and printer profile")
	fs.StringVar(&f.out, "out", "", "output `file`; a pick list of several PNG pages adds -2, -3 … before the extension")
	fs.BoolVar(&f.selfTest, "self-test", false, "write the printer self-test label (tspl or escpos) instead of an order")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if f.out == "" {
		return errors.New("render: --out is required")
	}

	setup := app.Setup{Courier: "zhongtong"}
	if f.config != "" {
		loaded, err := app.LoadSetup(f.config)
		if err != nil {
			return fmt.Errorf("render: %w", err)
		}
		setup = loaded
	}
	if f.dpi != 0 {
		setup.Profile.DPI = f.dpi
	}
	if f.encoding != "" {
		setup.Profile.Encoding = f.encoding
	}
	if setup.Profile.DPI == 0 {
		setup.Profile.DPI = 203
	}
	masked := f.masked || setup.MaskReceiver

	if f.selfTest {
		return writeSelfTest(f, setup.Profile)
	}

	templates, err := label.LoadTemplates(f.templates)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	t, err := templates.Get(f.template)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}

	batch, err := loadWaybills(f, setup, t.Kind == label.KindPickList)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	now := time.Now()
	var pages []label.Label
	if t.Kind == label.KindPickList {
		pages, err = label.PickList(t, batch, now)
	} else {
		w := batch[0]
		w.MaskReceiver = masked
		if w.PrintTime.IsZero() {
			w.PrintTime = now
		}
		var l label.Label
		l, err = label.FromTemplate(t, w)
		pages = []label.Label{l}
	}
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return writePages(f, setup.Profile, pages)
}

// writePages encodes the pages in the chosen format: TSPL and ESC/POS jobs
// are concatenated into one file, PNG pages go to one file each.
func writePages(f renderFlags, profile tspl.Profile, pages []label.Label) error {
	var job bytes.Buffer
	for i, page := range pages {
		var data []byte
		var err error
		switch f.format {
		case "tspl":
			p := profile
			p.Mode = f.mode
			p.Rasterizer = preview.Rasterizer{}
			data, err = tspl.Encode(page, p)
		case "escpos":
			data, err = escpos.Encode(page, escpos.Profile{DPI: profile.DPI, Mode: f.mode})
		case "png":
			data, err = encodePNG(page, profile.DPI)
		default:
			return fmt.Errorf("render: --format %q is not tspl, escpos or png", f.format)
		}
		if err != nil {
			return fmt.Errorf("render page %d: %w", i+1, err)
		}
		if f.format != "png" {
			job.Write(data)
			continue
		}
		if err := os.WriteFile(pagePath(f.out, i), data, 0o644); err != nil {
			return fmt.Errorf("render: %w", err)
		}
	}
	if f.format == "png" {
		return nil
	}
	if err := os.WriteFile(f.out, job.Bytes(), 0o644); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

func encodePNG(l label.Label, dpi int) ([]byte, error) {
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

// pagePath returns out for the first page and out with "-N" before the
// extension for page N after it.
func pagePath(out string, index int) string {
	if index == 0 {
		return out
	}
	ext := filepath.Ext(out)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(out, ext), index+1, ext)
}

func writeSelfTest(f renderFlags, profile tspl.Profile) error {
	var data []byte
	var err error
	switch f.format {
	case "tspl":
		profile.Mode = ""
		data, err = tspl.SelfTest(profile)
	case "escpos":
		data, err = escpos.SelfTest(escpos.Profile{DPI: profile.DPI})
	default:
		return fmt.Errorf("render: --self-test needs --format tspl or escpos, not %q", f.format)
	}
	if err != nil {
		return fmt.Errorf("render self-test: %w", err)
	}
	return os.WriteFile(f.out, data, 0o644)
}

// loadWaybills returns the label data of the chosen order, or of every
// order for a pick list when no --order is given.
func loadWaybills(f renderFlags, setup app.Setup, all bool) ([]label.Waybill, error) {
	sender := label.Party{Name: setup.Sender.Name, Phone: setup.Sender.Mobile, Address: setup.Sender.Address()}
	switch {
	case f.orderJSON != "" && f.storePath != "":
		return nil, errors.New("give --order-json or --store, not both")
	case f.orderJSON != "":
		orders, err := readOrders(f.orderJSON)
		if err != nil {
			return nil, err
		}
		var batch []label.Waybill
		for _, o := range orders {
			if (f.orderID == "" && (all || len(batch) == 0)) || o.OrderID == f.orderID {
				batch = append(batch, waybillFromPlatform(o, setup.Courier, sender, f.masked || setup.MaskReceiver))
			}
		}
		if len(batch) == 0 {
			return nil, fmt.Errorf("order %q not found in %s", f.orderID, f.orderJSON)
		}
		return batch, nil
	case f.storePath != "":
		return waybillsFromStore(f, setup.Courier, sender, all)
	}
	return nil, errors.New("give --order-json FILE, or --store FILE with --order ID")
}

// readOrders accepts one order object or an order.searchList reply, with
// or without the gateway's code/data envelope.
func readOrders(path string) ([]doudian.ShopOrder, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var probe struct {
		OrderID       string              `json:"order_id"`
		ShopOrderList []doudian.ShopOrder `json:"shop_order_list"`
		Data          *struct {
			ShopOrderList []doudian.ShopOrder `json:"shop_order_list"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	switch {
	case probe.OrderID != "":
		var one doudian.ShopOrder
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, fmt.Errorf("parse %s: %w", path, err)
		}
		return []doudian.ShopOrder{one}, nil
	case probe.Data != nil && len(probe.Data.ShopOrderList) > 0:
		return probe.Data.ShopOrderList, nil
	case len(probe.ShopOrderList) > 0:
		return probe.ShopOrderList, nil
	}
	return nil, fmt.Errorf("%s contains no order: give a file with one order object (order_id) or an order.searchList reply (shop_order_list)", path)
}

// waybillFromPlatform fills a label from a platform order. The platform
// sends the receiver encrypted, so without plaintext the masked forms print,
// and with no waybill issued the label is marked as a sample.
func waybillFromPlatform(o doudian.ShopOrder, courier string, sender label.Party, masked bool) label.Waybill {
	w := sampleWaybill(courier, sender)
	w.OrderID = o.OrderID
	w.ShopName = o.ShopName
	w.BuyerRemark = o.BuyerWords
	w.SellerMemo = o.SellerWords

	region := o.PostAddr.Province.Name + o.PostAddr.City.Name + o.PostAddr.Town.Name + o.PostAddr.Street.Name
	w.Receiver = label.Party{Name: o.PostReceiver, Phone: o.PostTel, Address: region + o.PostAddr.Detail}
	if masked || o.PostReceiver == "" || o.PostAddr.Detail == "" {
		maskRegion := o.MaskPostAddr.Province.Name + o.MaskPostAddr.City.Name + o.MaskPostAddr.Town.Name + o.MaskPostAddr.Street.Name
		w.Receiver = label.Party{Name: o.MaskPostReceiver, Phone: o.MaskPostTel, Address: maskRegion + o.MaskPostAddr.Detail}
	}
	for _, sku := range o.SKUOrderList {
		var spec []string
		for _, s := range sku.Spec {
			spec = append(spec, s.Value)
		}
		w.Items = append(w.Items, label.ItemLine{Code: sku.Code, Name: sku.ProductName, Spec: strings.Join(spec, " "), Qty: sku.ItemNum})
	}
	for _, l := range o.LogisticsInfo {
		if l.TrackingNo != "" {
			w.TrackNo, w.ShortAddress, w.Tags = l.TrackingNo, "", nil
			break
		}
	}
	return w
}

// sampleWaybill is the start of every rendered label: a sample number and
// marks that stay only while no waybill replaces them.
func sampleWaybill(courier string, sender label.Party) label.Waybill {
	return label.Waybill{
		Courier: app.CourierName(courier), CourierCode: courier,
		TrackNo: sampleTrackNo, ShortAddress: sampleShortAddress, Tags: []string{"样张 SAMPLE"},
		Sender: sender, ParcelNo: 1, ParcelCount: 1,
	}
}

// waybillsFromStore reads the order and its parcel from the store, or every
// order awaiting shipment for a pick list without --order.
func waybillsFromStore(f renderFlags, courier string, sender label.Party, all bool) ([]label.Waybill, error) {
	// store.Open creates a missing file; a typo must not leave an empty store behind.
	if _, err := os.Stat(f.storePath); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db, err := store.Open(f.storePath)
	if err != nil {
		return nil, err
	}
	defer db.Close()

	var batch []label.Waybill
	err = db.View(func(tx *store.Tx) error {
		if f.orderID == "" {
			if !all {
				return errors.New("--store needs --order ID")
			}
			return tx.ForEachOrder(func(o store.Order) error {
				if o.Shippable() {
					batch = append(batch, waybillFromStore(o, nil, courier, sender, f.masked))
				}
				return nil
			})
		}
		o, err := tx.Order(f.orderID)
		if err != nil {
			return err
		}
		parcels, err := tx.ParcelsByOrder(f.orderID)
		if err != nil {
			return err
		}
		var parcel *store.Parcel
		for i := range parcels {
			if parcels[i].ParcelNo == f.parcel || (parcels[i].ParcelNo == 0 && f.parcel == 1) {
				parcel = &parcels[i]
			}
		}
		batch = append(batch, waybillFromStore(o, parcel, courier, sender, f.masked))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(batch) == 0 {
		return nil, errors.New("no order awaiting shipment in the store")
	}
	return batch, nil
}

// waybillFromStore fills a label from a stored order and, when it has one,
// its parcel's waybill and printed receiver.
func waybillFromStore(o store.Order, p *store.Parcel, courier string, sender label.Party, masked bool) label.Waybill {
	w := sampleWaybill(courier, sender)
	w.OrderID, w.ShopName = o.ID, o.ShopName
	w.BuyerRemark, w.SellerMemo = o.BuyerWords, o.SellerWords
	r := o.Receiver
	region := r.Province + r.City + r.District + r.Street
	w.Receiver = label.Party{Name: r.MaskName, Phone: r.MaskPhone, Address: region + r.MaskDetail}
	for _, it := range o.Items {
		w.Items = append(w.Items, label.ItemLine{Code: it.Code, Name: it.Name, Spec: it.Spec, Qty: it.Qty})
	}
	if p == nil {
		return w
	}
	if p.Courier != "" {
		w.Courier, w.CourierCode = app.CourierName(p.Courier), p.Courier
	}
	w.ParcelNo, w.ParcelCount = p.ParcelNo, p.ParcelCount
	if p.Receiver != nil && !masked {
		w.Receiver = label.Party{Name: p.Receiver.Name, Phone: p.Receiver.Phone, Address: p.Receiver.Address}
	}
	if p.Waybill.TrackNo != "" {
		w.TrackNo, w.Tags = p.Waybill.TrackNo, nil
		w.SortCode, w.PackageCenter, w.ShortAddress = p.Waybill.SortCode, p.Waybill.PackageCenterName, p.Waybill.ShortAddressName
	}
	return w
}
