package gui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixtureNow is the clock of the fixture window.
var fixtureNow = time.Date(2025, 6, 18, 14, 30, 0, 0, time.UTC)

// countingAlarm records how often the alarm was requested.
type countingAlarm struct {
	mu sync.Mutex
	n  int
}

func (a *countingAlarm) Sound() { a.mu.Lock(); a.n++; a.mu.Unlock() }

func (a *countingAlarm) count() int { a.mu.Lock(); defer a.mu.Unlock(); return a.n }

// memPrinter keeps the jobs it is sent and has a fixed address, so golden
// files do not depend on a temporary folder.
type memPrinter struct {
	mu   sync.Mutex
	jobs []printer.Job
}

func (p *memPrinter) Send(_ context.Context, job printer.Job) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.jobs = append(p.jobs, job)
	return nil
}
func (p *memPrinter) Close() error   { return nil }
func (p *memPrinter) String() string { return "tcp://127.0.0.1:9100" }

// fixtureOrders are the orders of the fixture window: every state a row
// can be in, two shops, two couriers, ship-by times from overdue to a day
// ahead.
func fixtureOrders() ([]store.Order, []store.Parcel) {
	type row struct {
		id, shop, province, code, buyer string
		shipIn                          time.Duration
		state                           store.State
		courier, waybill, reason        string
	}
	rows := []row{
		{"6901000000000001", "茶铺", "浙江省", "TEA-250", "王*", -30 * time.Minute, store.StateQueued, "zhongtong", "78010001", ""},
		{"6901000000000002", "茶铺", "广东省", "CUP-01", "李*", 90 * time.Minute, "", "", "", ""},
		{"6901000000000003", "花店", "江苏省", "TEA-250", "张*", 4 * time.Hour, store.StateWriteBackQueued, "yuantong", "78010003", ""},
		{"6901000000000004", "花店", "浙江省", "ROSE-9", "赵*", 20 * time.Hour, store.StateShipped, "zhongtong", "78010004", ""},
		{"6901000000000005", "茶铺", "四川省", "CUP-01", "钱*", 3 * time.Hour, store.StateException, "zhongtong", "", app.ReasonAddressMissing},
		{"6901000000000006", "花店", "广东省", "ROSE-9", "孙*", 5 * time.Hour, store.StateIntercepted, "yuantong", "78010006", app.ReasonRefund},
	}
	var orders []store.Order
	var parcels []store.Parcel
	for i, r := range rows {
		shopID := int64(1)
		if r.shop == "花店" {
			shopID = 2
		}
		o := store.Order{
			ID: r.id, ShopID: shopID, ShopName: r.shop, Status: store.OrderAwaitingShipment,
			PayTime: fixtureNow.Add(-time.Duration(i+1) * time.Hour), ExpShipTime: fixtureNow.Add(r.shipIn),
			Receiver: store.Receiver{Province: r.province, City: "某市", District: "某区", MaskName: r.buyer, MaskPhone: "138****0000", MaskDetail: "某路**号",
				DetailCipher: "#d#", PhoneCipher: "#p#"},
			Items: []store.Item{{Code: r.code, Name: "商品 " + r.code, Qty: 1 + i%2}},
		}
		if r.state == store.StateIntercepted {
			o.Refund = true
		}
		if r.state == store.StateShipped {
			o.Status = store.OrderShipped
		}
		orders = append(orders, o)
		if r.state == "" {
			continue
		}
		p := store.Parcel{ID: r.id + "-1", OrderIDs: []string{r.id}, ShopID: shopID, State: r.state, Reason: r.reason, Courier: r.courier,
			Waybill: store.Waybill{TrackNo: r.waybill, SortCode: "310-A1", ShortAddressName: "杭州"}, ExpShipTime: o.ExpShipTime, ParcelNo: 1, ParcelCount: 1,
			Receiver: &store.PrintedReceiver{Name: r.buyer, Phone: "138****0000", Address: "某路**号", Masked: true}}
		if r.state.HasPrinted() {
			p.Prints, p.PrintedAt = 1, fixtureNow.Add(-time.Hour)
		}
		if r.state == store.StateShipped {
			p.ShippedAt = fixtureNow.Add(-30 * time.Minute)
		}
		parcels = append(parcels, p)
	}
	return orders, parcels
}

// newFixtureUI opens the window headless over a store holding the fixture
// orders and a day of events, with a fixed clock and no shop.
func newFixtureUI(t testing.TB, language string) (*UI, *countingAlarm, *memPrinter) {
	t.Helper()
	if err := LoadTranslations(language); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "station.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	orders, parcels := fixtureOrders()
	err = db.Update(func(tx *store.Tx) error {
		for _, o := range orders {
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		for _, p := range parcels {
			if err := tx.PutParcel(p); err != nil {
				return err
			}
		}
		for h, kind := range []string{app.EventPrinted, app.EventPrinted, app.EventShipped, app.EventReprint, app.EventPrinted} {
			ev := store.Event{At: fixtureNow.Add(-time.Duration(h) * time.Hour), Parcel: parcels[0].ID, Kind: kind}
			if _, err := tx.AppendEvent(ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := &memPrinter{}
	st := app.New(app.Config{Now: func() time.Time { return fixtureNow }}, db, nil, p)

	a := test.NewTempApp(t)
	alarm := &countingAlarm{}
	ui := New(a, st, Options{Title: "test", Now: func() time.Time { return fixtureNow }, Alarm: alarm})
	t.Cleanup(func() { ui.Window().Close() })
	ui.Window().Resize(fyne.NewSize(1200, 760))
	ui.Wait()
	return ui, alarm, p
}

// assertMarkup compares the window's markup with testdata/name, and
// rewrites that file first when the test runs with -update.
func assertMarkup(t *testing.T, name string, ui *UI) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(ui.Window().Canvas())), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, ui.Window().Canvas())
}
