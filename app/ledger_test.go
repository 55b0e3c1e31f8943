package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/store"
)

// shopCancellingAfterWaybill is the real shop client that cancels one order
// on the platform right after the waybills are issued: the order changes
// between waybill and print.
type shopCancellingAfterWaybill struct {
	Shop
	sim    *sim.Simulator
	target string
}

func (s shopCancellingAfterWaybill) NewCreateOrder(ctx context.Context, req doudian.NewCreateOrderRequest) (doudian.NewCreateOrderResponse, error) {
	resp, err := s.Shop.NewCreateOrder(ctx, req)
	if err == nil {
		_ = s.sim.UpdateOrder(s.target, func(o *doudian.ShopOrder) { o.OrderStatus = store.OrderCancelled })
	}
	return resp, err
}

func TestBatch_OrderCancelledBetweenWaybillAndPrintIsNotPrinted(t *testing.T) {
	r := newRig(t, 6)
	ctx := context.Background()
	target := r.sim.Orders()[2].OrderID
	st := New(r.station.cfg, r.runtime.DB, shopCancellingAfterWaybill{r.runtime.Client, r.sim, target}, r.runtime.Printer)

	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := st.PrintBatch(ctx, BatchOptions{}, nil)
	if err != nil {
		t.Fatalf("PrintBatch: %v", err)
	}
	if res.Printed != 5 {
		t.Errorf("printed %d, want the 5 orders still wanted", res.Printed)
	}
	intercepted, _ := st.ParcelsIn(store.StateIntercepted)
	if len(intercepted) != 1 || intercepted[0].OrderIDs[0] != target || intercepted[0].Reason != ReasonCancelled {
		t.Fatalf("intercepted = %+v, want the cancelled order with reason %s", intercepted, ReasonCancelled)
	}
	for _, l := range r.emulator.Labels() {
		if l.Barcodes[0] == intercepted[0].Waybill.TrackNo {
			t.Errorf("the cancelled order's label %s was printed", l.Barcodes[0])
		}
	}
	if key := st.ExceptionAction(intercepted[0]).Key; key != "action.order_cancelled" {
		t.Errorf("suggested action = %s, want action.order_cancelled", key)
	}
}

func TestPrefetch_PrintsThroughOutageAndDrainsOutbox(t *testing.T) {
	r := newRig(t, 12)
	ctx := context.Background()
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	ready, err := r.station.Prefetch(ctx)
	if err != nil || ready != 12 {
		t.Fatalf("Prefetch = %d ready, %v; want 12", ready, err)
	}

	r.sim.SetUnavailable(true)
	res, err := r.station.PrintBatch(ctx, BatchOptions{}, nil)
	if err != nil {
		t.Fatalf("PrintBatch during the outage: %v", err)
	}
	if res.Printed != 12 || res.Outbox != 12 || !res.ShopOffline {
		t.Errorf("during outage: printed %d, outbox %d, offline %v; want 12, 12, true", res.Printed, res.Outbox, res.ShopOffline)
	}
	if st := r.station.Status(); st.Online || st.Outbox != 12 {
		t.Errorf("status during outage = %+v, want offline with 12 in the outbox", st)
	}

	r.sim.SetUnavailable(false)
	shipped, waiting, err := r.station.DrainOutbox(ctx)
	if err != nil || shipped != 12 || waiting != 0 {
		t.Fatalf("DrainOutbox after the outage = %d shipped, %d waiting, %v; want 12, 0", shipped, waiting, err)
	}
	if got := len(r.sim.WriteBacks()); got != 12 {
		t.Errorf("write-backs recorded = %d, want 12", got)
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d", d)
	}
	if !r.station.Status().Online {
		t.Errorf("status still offline after the shop answered")
	}
}

func TestRetryParcel_AddressFixedInShop(t *testing.T) {
	r := newRig(t, 1)
	ctx := context.Background()
	id := r.sim.Orders()[0].OrderID
	var savedDetail string
	if err := r.sim.UpdateOrder(id, func(o *doudian.ShopOrder) {
		savedDetail, o.PostAddr.EncryptDetail = o.PostAddr.EncryptDetail, ""
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := RunOnce(ctx, r.station, nil); err != nil {
		t.Fatal(err)
	}
	parcels, _ := r.station.ParcelsIn(store.StateException)
	if len(parcels) != 1 {
		t.Fatalf("exceptions = %d, want 1", len(parcels))
	}
	if err := r.station.RetryParcel(ctx, parcels[0].ID); !errors.Is(err, ErrStillInvalid) {
		t.Errorf("retry before the fix = %v, want ErrStillInvalid", err)
	}

	if err := r.sim.UpdateOrder(id, func(o *doudian.ShopOrder) { o.PostAddr.EncryptDetail = savedDetail }); err != nil {
		t.Fatal(err)
	}
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.station.RetryParcel(ctx, parcels[0].ID); err != nil {
		t.Fatalf("retry after the fix: %v", err)
	}
	sum, err := RunOnce(ctx, r.station, nil)
	if err != nil || sum.Printed != 1 || sum.WrittenBack != 1 {
		t.Errorf("run after retry: printed %d, written back %d, %v; want 1 and 1", sum.Printed, sum.WrittenBack, err)
	}
}

func TestPause_HoldsBatchUntilResume(t *testing.T) {
	r := newRig(t, 3)
	ctx := context.Background()
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	r.station.Pause()
	done := make(chan BatchResult)
	go func() {
		res, _ := r.station.PrintBatch(ctx, BatchOptions{}, nil)
		done <- res
	}()

	// While paused the batch gets its waybills but prints nothing; a
	// second batch request is refused rather than queued.
	deadline := time.Now().Add(5 * time.Second)
	for !r.station.BatchRunning() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if _, err := r.station.PrintBatch(ctx, BatchOptions{}, nil); !errors.Is(err, ErrBatchRunning) {
		t.Fatalf("second batch while the first is paused: err = %v, want ErrBatchRunning", err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := r.emulator.LabelCount(); n != 0 {
		t.Fatalf("printed %d labels while paused", n)
	}
	r.station.Resume()
	if res := <-done; res.Printed != 3 {
		t.Errorf("printed %d after resume, want 3", res.Printed)
	}
}

func TestNewWaybill_CancelsOldAndPrintsNewNumber(t *testing.T) {
	r := newRig(t, 1)
	ctx := context.Background()
	st := New(r.station.cfg, r.runtime.DB, shopWithoutWriteBack{r.runtime.Client}, r.runtime.Printer)
	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PrintBatch(ctx, BatchOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	old := mustParcelsIn(t, st, store.StateWriteBackQueued)[0]

	if err := st.NewWaybill(ctx, old.ID, "label torn"); err != nil {
		t.Fatalf("NewWaybill: %v", err)
	}
	if _, err := st.PrintBatch(ctx, BatchOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	now := mustParcelsIn(t, st, store.StateWriteBackQueued)
	if len(now) != 1 || now[0].Waybill.TrackNo == "" || now[0].Waybill.TrackNo == old.Waybill.TrackNo {
		t.Fatalf("after replacement: %+v, want one parcel with a new number (old %s)", now, old.Waybill.TrackNo)
	}
	labels := r.emulator.Labels()
	if len(labels) != 2 || labels[1].Barcodes[0] != now[0].Waybill.TrackNo {
		t.Errorf("labels printed = %d, want the old and then the new number", len(labels))
	}
	if _, err := st.Reprint(ctx, old.Waybill.TrackNo, "scan"); err == nil {
		t.Errorf("the cancelled number still reprints")
	}
	events, _ := st.Events(0, old.ID)
	found := false
	for _, e := range events {
		if e.Kind == EventWaybillCancel && strings.Contains(e.Detail, "label torn") && strings.Contains(e.Detail, old.Waybill.TrackNo) {
			found = true
		}
	}
	if !found {
		t.Errorf("no waybill_cancelled event with the reason and the old number")
	}
}

func TestOpen_AppliesSavedSettings(t *testing.T) {
	r := newRig(t, 1)
	saved := DefaultSettings()
	saved.Sender = Sender{Name: "新仓", Mobile: "13900000000", Province: "广东省", City: "广州市", District: "白云区", Detail: "机场路1号"}
	saved.Couriers = []CourierSettings{{Code: "yuantong"}}
	saved.MaskReceiver = true
	if err := SaveSettings(r.runtime.DB, saved); err != nil {
		t.Fatal(err)
	}
	r.open(t)

	if got := r.station.cfg.Sender.Name; got != "新仓" {
		t.Errorf("sender = %q, want the saved 新仓", got)
	}
	if r.station.cfg.Courier != "yuantong" || !r.station.cfg.MaskReceiver {
		t.Errorf("courier %q, mask %v; want yuantong and masking from the settings", r.station.cfg.Courier, r.station.cfg.MaskReceiver)
	}
	sum, err := RunOnce(context.Background(), r.station, nil)
	if err != nil || sum.Printed != 1 {
		t.Fatalf("run with saved settings: printed %d, %v", sum.Printed, err)
	}
	p := mustParcelsIn(t, r.station, store.StateShipped)[0]
	if !p.Receiver.Masked || p.Courier != "yuantong" {
		t.Errorf("parcel receiver masked %v, courier %q; want masked and yuantong", p.Receiver.Masked, p.Courier)
	}
}

func TestBatch_LowOutletBalanceStopsBeforeAnyWaybill(t *testing.T) {
	r := newRig(t, 10)
	r.sim.SetWaybillBalance("zhongtong", 4)
	ctx := context.Background()
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := r.station.PrintBatch(ctx, BatchOptions{}, nil)
	if !errors.Is(err, doudian.ErrInsufficientBalance) {
		t.Fatalf("batch error = %v, want ErrInsufficientBalance", err)
	}
	if key := UserMessage(err).Key; key != "err.waybill_balance" {
		t.Errorf("user message = %s, want err.waybill_balance", key)
	}
	if n := len(r.sim.Waybills()); n != 0 {
		t.Errorf("waybills issued = %d, want none before the shortfall is fixed", n)
	}
}

func TestPush_CancellationInterceptsPrintedParcelAtOnce(t *testing.T) {
	r := newRig(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := New(r.station.cfg, r.runtime.DB, shopWithoutWriteBack{r.runtime.Client}, r.runtime.Printer)
	r.runtime.Stations = []*Station{st}
	r.runtime.Station = st
	addr, err := r.runtime.ServePush(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := r.sim.SetPushURL("http://" + addr + "/"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PrintBatch(ctx, BatchOptions{}, nil); err != nil {
		t.Fatal(err)
	}

	cancelled := r.sim.MutateRandomOrders(1, sim.MutationCancel)
	if len(cancelled) != 1 {
		t.Fatalf("simulator cancelled %v, want one order", cancelled)
	}
	target := cancelled[0]
	r.sim.WaitPushes()

	intercepted := mustParcelsIn(t, st, store.StateIntercepted)
	if len(intercepted) != 1 || intercepted[0].OrderIDs[0] != target {
		t.Fatalf("intercepted after the push = %+v, want the cancelled order's parcel, without a sync", intercepted)
	}
}
