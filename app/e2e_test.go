package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/app/plan"
	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
	"github.com/printstation/printstation/printer/escpos"
	"github.com/printstation/printstation/store"
)

// rig is a station wired to a simulated shop over loopback HTTP, a real
// bbolt file and a TCP printer emulator.
type rig struct {
	sim      *sim.Simulator
	emulator *emulator.Emulator
	runtime  *Runtime
	station  *Station
	setup    Setup
}

func newRig(t testing.TB, orders int) *rig {
	t.Helper()
	shop := sim.New(sim.Options{Orders: orders, Seed: 7})
	baseURL, err := shop.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shop.Close() })

	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })

	r := &rig{sim: shop, emulator: emu}
	r.setup = Setup{
		Shop:    ShopSetup{BaseURL: baseURL, AppKey: sim.DefaultAppKey, AppSecret: sim.DefaultAppSecret, ShopID: sim.DefaultShopID},
		Courier: "zhongtong",
		Sender:  demoSender,
		Printer: "tcp://" + emu.Addr(),
		Store:   filepath.Join(t.TempDir(), "station.db"),
	}
	r.open(t)
	return r
}

// open (re)starts the station over the rig's store, as a restart would.
func (r *rig) open(t testing.TB) {
	t.Helper()
	if r.runtime != nil {
		r.runtime.Close()
	}
	rt, err := Open(context.Background(), r.setup, zerolog.Nop())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { rt.Close() })
	r.runtime, r.station = rt, rt.Station
}

func TestEndToEnd_300OrdersPrintedOnceAndWrittenBack(t *testing.T) {
	r := newRig(t, 300)
	ctx := context.Background()

	sum, err := RunOnce(ctx, r.station, nil)
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sum.Orders != 300 {
		t.Errorf("orders pulled = %d, want 300", sum.Orders)
	}
	if sum.Printed != 300 || sum.WrittenBack != 300 {
		t.Errorf("printed %d, written back %d; want 300 and 300", sum.Printed, sum.WrittenBack)
	}

	labels := r.emulator.Labels()
	if got := r.emulator.LabelCount(); got != 300 {
		t.Fatalf("emulator printed %d labels, want 300", got)
	}
	if errs := r.emulator.Errors(); len(errs) > 0 {
		t.Errorf("emulator saw malformed input: %v", errs[:min(3, len(errs))])
	}
	issued := map[string]bool{}
	for _, no := range r.sim.Waybills() {
		issued[no] = true
	}
	printed := map[string]bool{}
	for _, l := range labels {
		if len(l.Barcodes) != 1 {
			t.Fatalf("label has barcodes %v, want exactly the waybill", l.Barcodes)
		}
		no := l.Barcodes[0]
		if printed[no] {
			t.Errorf("waybill %s printed twice", no)
		}
		if !issued[no] {
			t.Errorf("printed waybill %s was never issued by the shop", no)
		}
		printed[no] = true
	}
	if len(printed) != 300 {
		t.Errorf("distinct waybills printed = %d, want 300", len(printed))
	}

	writeBacks := r.sim.WriteBacks()
	if len(writeBacks) != 300 {
		t.Errorf("write-backs recorded by the shop = %d, want 300", len(writeBacks))
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d, want 0", d)
	}
	for _, wb := range writeBacks {
		if !printed[wb.TrackNo] {
			t.Errorf("write-back of %s, a number never printed", wb.TrackNo)
		}
	}

	second, err := RunOnce(ctx, r.station, nil)
	if err != nil {
		t.Fatalf("second RunOnce: %v", err)
	}
	if second.Printed != 0 || r.emulator.LabelCount() != 300 {
		t.Errorf("second run printed %d (emulator total %d), want nothing new", second.Printed, r.emulator.LabelCount())
	}
	if got := len(r.sim.WriteBacks()); got != 300 {
		t.Errorf("write-backs after second run = %d, want 300", got)
	}
}

func TestEndToEnd_LabelCarriesDecryptedReceiver(t *testing.T) {
	r := newRig(t, 3)
	if _, err := RunOnce(context.Background(), r.station, nil); err != nil {
		t.Fatal(err)
	}

	var p store.Parcel
	err := r.runtime.DB.View(func(tx *store.Tx) error {
		var err error
		p, err = tx.ParcelByWaybill(r.emulator.Labels()[0].Barcodes[0])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	name, phone, detail, ok := r.sim.Receiver(p.OrderIDs[0])
	if !ok {
		t.Fatalf("simulator has no receiver for %s", p.OrderIDs[0])
	}
	if p.Receiver == nil || p.Receiver.Name != name || p.Receiver.Phone != phone {
		t.Fatalf("printed receiver = %+v, want name %q phone %q", p.Receiver, name, phone)
	}
	if want := detail; len(p.Receiver.Address) < len(want) || p.Receiver.Address[len(p.Receiver.Address)-len(want):] != want {
		t.Errorf("printed address %q does not end with the detail %q", p.Receiver.Address, want)
	}
}

func TestBatch_OrderWithoutAddressIsSetAside(t *testing.T) {
	r := newRig(t, 5)
	bad := r.sim.Orders()[0]
	bad.OrderID = "6930000000000000001"
	bad.PostAddr.EncryptDetail = ""
	bad.PostAddr.Detail = ""
	bad.PostAddr.Town = doudian.Region{}
	for i := range bad.SKUOrderList {
		bad.SKUOrderList[i].ParentOrderID = bad.OrderID
	}
	r.sim.AddOrder(bad)

	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sum.Printed != 5 || sum.SetAside != 1 {
		t.Errorf("printed %d, set aside %d; want 5 and 1", sum.Printed, sum.SetAside)
	}
	exceptions, err := r.station.ParcelsIn(store.StateException)
	if err != nil {
		t.Fatal(err)
	}
	if len(exceptions) != 1 || exceptions[0].OrderIDs[0] != bad.OrderID || exceptions[0].Reason != plan.ReasonDistrictMissing {
		t.Fatalf("exception queue = %+v, want the order without district with reason %s", exceptions, plan.ReasonDistrictMissing)
	}
	if key := ReasonMessage(exceptions[0].Reason).Key; key != "plan.reason.district_missing" {
		t.Errorf("reason message = %s, want plan.reason.district_missing", key)
	}
	if key := r.station.ExceptionAction(exceptions[0]).Key; key != "action.address_missing" {
		t.Errorf("suggested action = %s, want action.address_missing", key)
	}
	if exceptions[0].Waybill.TrackNo != "" {
		t.Errorf("parcel without address got waybill %s; no waybill may be spent on it", exceptions[0].Waybill.TrackNo)
	}
	if _, ok := r.sim.Waybills()[bad.OrderID+"/"]; ok {
		t.Errorf("shop issued a waybill for the order without address")
	}
}

func TestBatch_PrinterRefusingConnectionIsResumable(t *testing.T) {
	r := newRig(t, 20)
	closedPort := freeClosedPort(t)
	good := r.setup.Printer
	r.setup.Printer = "tcp://" + closedPort
	r.open(t)

	_, err := RunOnce(context.Background(), r.station, nil)
	if !errors.Is(err, printer.ErrUnreachable) {
		t.Fatalf("RunOnce error = %v, want printer.ErrUnreachable", err)
	}
	if key := UserMessage(err).Key; key != printer.KeyUnreachable {
		t.Errorf("user message = %s, want %s", key, printer.KeyUnreachable)
	}
	queued, _ := r.station.ParcelsIn(store.StateQueued)
	sent, _ := r.station.ParcelsIn(store.StateSent)
	if len(queued) != 20 || len(sent) != 0 {
		t.Fatalf("after refusal: %d queued, %d of unknown fate; want 20 and 0", len(queued), len(sent))
	}

	r.setup.Printer = good
	r.open(t)
	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil {
		t.Fatalf("resumed RunOnce: %v", err)
	}
	if sum.Printed != 20 || r.emulator.LabelCount() != 20 {
		t.Errorf("resumed batch printed %d (emulator %d), want 20", sum.Printed, r.emulator.LabelCount())
	}
	if got := len(r.sim.Waybills()); got != 20 {
		t.Errorf("waybills issued = %d, want 20: the resumed batch must reuse them", got)
	}
}

func TestReprint_ByWaybillAndOrderRecorded(t *testing.T) {
	r := newRig(t, 4)
	ctx := context.Background()
	if _, err := RunOnce(ctx, r.station, nil); err != nil {
		t.Fatal(err)
	}
	first := r.emulator.Labels()[0].Barcodes[0]

	p, err := r.station.Reprint(ctx, first, "damaged label")
	if err != nil {
		t.Fatalf("Reprint by waybill: %v", err)
	}
	if p.Reprints != 1 {
		t.Errorf("reprints = %d, want 1", p.Reprints)
	}
	if _, err := r.station.Reprint(ctx, " "+p.OrderIDs[0]+"\n", "scan"); err != nil {
		t.Fatalf("Reprint by order id: %v", err)
	}
	if got := r.emulator.LabelCount(); got != 6 {
		t.Errorf("emulator labels = %d, want 4 + 2 reprints", got)
	}
	events, err := r.station.Events(0, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, e := range events {
		if e.Kind == EventReprint {
			reasons = append(reasons, e.Detail)
		}
	}
	if len(reasons) != 2 || reasons[0] != "damaged label" || reasons[1] != "scan" {
		t.Errorf("reprint events = %v, want [damaged label scan]", reasons)
	}

	if _, err := r.station.Reprint(ctx, "NO-SUCH-CODE", "scan"); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("unknown code error = %v, want ErrUnknownCode", err)
	}
	if got := r.emulator.LabelCount(); got != 6 {
		t.Errorf("an unknown code printed something: %d labels", got)
	}
}

// shopWithoutWriteBack is the real shop client with write-backs failing as
// if the shop were unreachable, so printed parcels stay in the outbox.
type shopWithoutWriteBack struct{ Shop }

func (shopWithoutWriteBack) AddSinglePack(context.Context, doudian.SinglePackRequest) error {
	return fmt.Errorf("test: %w", doudian.ErrUnavailable)
}

func TestReprint_CancelledAfterPrintIsIntercepted(t *testing.T) {
	r := newRig(t, 2)
	ctx := context.Background()
	st := New(r.station.cfg, r.runtime.DB, shopWithoutWriteBack{r.runtime.Client}, r.runtime.Printer)
	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := st.PrintBatch(ctx, BatchOptions{}, nil)
	if err != nil || res.Printed != 2 || res.Outbox != 2 {
		t.Fatalf("batch printed %d with %d in the outbox, err %v; want 2 and 2", res.Printed, res.Outbox, err)
	}

	target := r.sim.Orders()[0].OrderID
	if err := r.sim.UpdateOrder(target, func(o *doudian.ShopOrder) { o.OrderStatus = store.OrderCancelled }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	before := r.emulator.LabelCount()
	_, err = st.Reprint(ctx, target, "scan")
	if !errors.Is(err, ErrIntercepted) {
		t.Fatalf("reprint of a cancelled order: err = %v, want ErrIntercepted", err)
	}
	if UserMessage(err).Key != "err.intercepted" {
		t.Errorf("user message = %s, want err.intercepted", UserMessage(err).Key)
	}
	if r.emulator.LabelCount() != before {
		t.Errorf("an intercepted parcel was printed")
	}
	intercepted, _ := st.ParcelsIn(store.StateIntercepted)
	if len(intercepted) != 1 || intercepted[0].Reason != ReasonCancelled {
		t.Errorf("intercepted parcels = %+v, want the cancelled order's with reason %s", intercepted, ReasonCancelled)
	}

	// With the shop back, the outbox ships only the parcel still wanted.
	shipped, waiting, err := r.station.DrainOutbox(ctx)
	if err != nil || shipped != 1 || waiting != 0 {
		t.Errorf("DrainOutbox = %d shipped, %d waiting, %v; want 1, 0", shipped, waiting, err)
	}
	for _, wb := range r.sim.WriteBacks() {
		for _, id := range wb.OrderIDs {
			if id == target {
				t.Errorf("the cancelled order was written back")
			}
		}
	}
}

// freeClosedPort returns a loopback address nothing listens on.
func freeClosedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestEndToEnd_ESCPOSPrinterWith100x180Template(t *testing.T) {
	r := newRig(t, 5)
	r.setup.Language = LanguageESCPOS
	r.setup.ESCPOS = escpos.Profile{Mode: "native", Cut: true}
	r.setup.Template = "100x180"
	r.setup.Printer += "?status=0" // ESC/POS printers do not reply to the TSPL status query
	r.open(t)

	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sum.Printed != 5 || r.emulator.LabelCount() != 5 {
		t.Fatalf("printed %d, emulator counted %d; want 5 ESC/POS labels", sum.Printed, r.emulator.LabelCount())
	}
	issued := map[string]bool{}
	for _, no := range r.sim.Waybills() {
		issued[no] = true
	}
	for _, l := range r.emulator.Labels() {
		if len(l.Barcodes) == 0 || !issued[l.Barcodes[0]] {
			t.Errorf("ESC/POS label barcodes %v, want an issued waybill number", l.Barcodes)
		}
	}
	if errs := r.emulator.Errors(); len(errs) > 0 {
		t.Errorf("emulator saw malformed ESC/POS: %v", errs[:min(3, len(errs))])
	}
}

func TestBatch_PaperOutBeforeBatchSendsNothing(t *testing.T) {
	r := newRig(t, 6)
	ctx := context.Background()
	r.emulator.SetPaperOutAfter(0)

	_, err := RunOnce(ctx, r.station, nil)
	if !errors.Is(err, printer.ErrPaperOut) {
		t.Fatalf("RunOnce error = %v, want printer.ErrPaperOut", err)
	}
	if key := UserMessage(err).Key; key != "printer.fault.paper_out" {
		t.Errorf("user message = %s, want printer.fault.paper_out", key)
	}
	if n := r.emulator.Jobs(); n != 0 {
		t.Errorf("jobs sent to a printer out of paper = %d, want 0", n)
	}
	if sent := mustParcelsIn(t, r.station, store.StateSent); len(sent) != 0 {
		t.Errorf("labels of unknown fate = %d, want 0", len(sent))
	}

	r.emulator.ClearFault()
	sum, err := RunOnce(ctx, r.station, nil)
	if err != nil || sum.Printed != 6 || r.emulator.LabelCount() != 6 {
		t.Errorf("after new paper: printed %d (emulator %d), %v; want 6", sum.Printed, r.emulator.LabelCount(), err)
	}
}

func TestEndToEnd_TwoShopsShareOneStation(t *testing.T) {
	r := newRig(t, 4)
	const second = int64(5510001)
	r.sim.AddShop(second, "青禾家居二店", 3)
	r.setup.Shops = []ShopSetup{{ShopID: second}}
	r.open(t)
	if len(r.runtime.Stations) != 2 {
		t.Fatalf("stations = %d, want one per shop", len(r.runtime.Stations))
	}

	sum, err := RunAll(context.Background(), r.runtime, nil)
	if err != nil {
		t.Fatalf("RunAll: %v", err)
	}
	if sum.Orders != 7 || sum.Printed != 7 || sum.WrittenBack != 7 {
		t.Errorf("summary %+v, want 7 orders pulled, printed and written back", sum)
	}
	if got := r.emulator.LabelCount(); got != 7 {
		t.Errorf("labels = %d, want 7", got)
	}
	if got := len(r.sim.WriteBacks()); got != 7 {
		t.Errorf("write-backs = %d, want 7", got)
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d", d)
	}
	if ex := mustParcelsIn(t, r.station, store.StateException); len(ex) != 0 {
		t.Errorf("exceptions = %+v, want none: each shop's parcels go through its own client", ex)
	}
}

func TestBatch_SplitAcrossTwoPrinters(t *testing.T) {
	r := newRig(t, 30)
	second, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	// Both printers take a while per label, so both get work.
	r.emulator.SetReadDelay(5 * time.Millisecond)
	second.SetReadDelay(5 * time.Millisecond)
	r.setup.Printers = []string{"tcp://" + second.Addr()}
	r.open(t)

	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	first, other := r.emulator.LabelCount(), second.LabelCount()
	if sum.Printed != 30 || first+other != 30 {
		t.Fatalf("printed %d; printers got %d + %d; want 30 in all", sum.Printed, first, other)
	}
	if first == 0 || other == 0 {
		t.Errorf("printers got %d and %d labels; the batch must be split across both", first, other)
	}
	seen := map[string]bool{}
	for _, l := range append(r.emulator.Labels(), second.Labels()...) {
		if seen[l.Barcodes[0]] {
			t.Errorf("waybill %s printed on both printers", l.Barcodes[0])
		}
		seen[l.Barcodes[0]] = true
	}
	shipped := mustParcelsIn(t, r.station, store.StateShipped)
	printers := map[string]int{}
	for _, p := range shipped {
		printers[p.Printer]++
	}
	if len(printers) != 2 {
		t.Errorf("parcels record printers %v, want both", printers)
	}
}

func TestBatch_SecondPrinterFinishesWhenFirstRunsOut(t *testing.T) {
	r := newRig(t, 20)
	second, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	r.emulator.SetPaperOutAfter(3)
	r.setup.Printers = []string{"tcp://" + second.Addr()}
	r.open(t)

	_, err = RunOnce(context.Background(), r.station, nil)
	if !errors.Is(err, printer.ErrPaperOut) {
		t.Fatalf("RunOnce error = %v, want the first printer's paper out", err)
	}
	// The label the first printer reported paper out for has an unknown
	// fate. Every other parcel was printed once, on one printer or the
	// other.
	sent := mustParcelsIn(t, r.station, store.StateSent)
	done := mustParcelsIn(t, r.station, store.StateShipped, store.StateWriteBackQueued)
	if len(sent) != 1 || len(done) != 19 {
		t.Fatalf("after the paper ran out: %d of unknown fate, %d printed; want 1 and 19", len(sent), len(done))
	}
	want := 19
	for _, l := range r.emulator.Labels() {
		if l.Barcodes[0] == sent[0].Waybill.TrackNo {
			want++ // the printer did print the label it then reported paper out for
		}
	}
	if total := r.emulator.LabelCount() + second.LabelCount(); total != want {
		t.Errorf("labels printed = %d, want %d", total, want)
	}
}

func TestBatch_RoutedToPrinterLoadedWithTemplate(t *testing.T) {
	r := newRig(t, 6)
	large, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { large.Close() })
	small := r.setup.Printer
	r.setup.Printers = []string{"tcp://" + large.Addr()}
	r.setup.CourierTemplates = map[string]string{"zhongtong": "100x150"}
	r.setup.PrinterTemplates = map[string]string{small: "76x130", r.setup.Printers[0]: "100x150"}
	r.open(t)

	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sum.Printed != 6 || large.LabelCount() != 6 || r.emulator.LabelCount() != 0 {
		t.Errorf("printed %d: 100x150 printer %d, 76x130 printer %d; want all 6 on the 100x150 one",
			sum.Printed, large.LabelCount(), r.emulator.LabelCount())
	}
	for _, l := range large.Labels() {
		if !strings.Contains(l.Size, "150") {
			t.Errorf("label size %q on the 100x150 printer", l.Size)
		}
	}
}

func TestBatch_NoPrinterForTemplateLeavesLabelsQueued(t *testing.T) {
	r := newRig(t, 3)
	r.setup.CourierTemplates = map[string]string{"zhongtong": "100x150"}
	r.setup.PrinterTemplates = map[string]string{r.setup.Printer: "76x130"}
	r.open(t)

	_, err := RunOnce(context.Background(), r.station, nil)
	if !errors.Is(err, ErrNoPrinterForTemplate) {
		t.Fatalf("RunOnce error = %v, want ErrNoPrinterForTemplate", err)
	}
	if n := r.emulator.LabelCount(); n != 0 {
		t.Errorf("the 76x130 printer printed %d labels of 100x150", n)
	}
	if queued := mustParcelsIn(t, r.station, store.StateQueued); len(queued) != 3 {
		t.Errorf("queued parcels = %d, want 3 waiting for a 100x150 printer", len(queued))
	}
}
