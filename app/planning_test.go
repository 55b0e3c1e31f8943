package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/printstation/printstation/app/plan"
	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

func TestBatch_RepeatBuyerMergedIntoOneParcel(t *testing.T) {
	r := newRig(t, 3)
	ctx := context.Background()
	first := r.sim.Orders()[0]
	again := first
	again.OrderID = "6939999999999999991"
	again.BuyerWords = "第二单也一起发"
	// The same receiver in plaintext: the simulator encrypts it again, with
	// the same search index, as the platform does.
	name, phone, detail, ok := r.sim.Receiver(first.OrderID)
	if !ok {
		t.Fatal("simulator has no receiver for the first order")
	}
	again.PostReceiver, again.PostTel, again.PostAddr.Detail = name, phone, detail
	again.SKUOrderList = slices.Clone(first.SKUOrderList)
	for i := range again.SKUOrderList {
		again.SKUOrderList[i].OrderID = again.OrderID + "1"
		again.SKUOrderList[i].ParentOrderID = again.OrderID
	}
	r.sim.AddOrder(again)

	cfg := r.station.cfg
	cfg.AutoMerge = true
	st := New(cfg, r.runtime.DB, r.runtime.Client, r.runtime.Printer)
	sum, err := RunOnce(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Printed != 3 {
		t.Errorf("printed %d labels, want 3: the repeat buyer's two orders share one", sum.Printed)
	}
	var merged store.Parcel
	err = r.runtime.DB.View(func(tx *store.Tx) error {
		ps, err := tx.ParcelsByOrder(again.OrderID)
		if err == nil && len(ps) == 1 {
			merged = ps[0]
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(merged.OrderIDs, first.OrderID) || !slices.Contains(merged.OrderIDs, again.OrderID) {
		t.Fatalf("parcel of the second order carries %v, want both orders", merged.OrderIDs)
	}
	var covering int
	for _, wb := range r.sim.WriteBacks() {
		if slices.Contains(wb.OrderIDs, first.OrderID) && slices.Contains(wb.OrderIDs, again.OrderID) && wb.TrackNo == merged.Waybill.TrackNo {
			covering++
		}
	}
	if covering != 1 {
		t.Errorf("write-backs covering both orders with one number = %d, want 1", covering)
	}
	w := st.WaybillLabel(merged, mustOrder(t, r, merged.OrderIDs[0]))
	if len(w.Items) != len(first.SKUOrderList)+len(again.SKUOrderList) {
		t.Errorf("label items = %d, want every order's items", len(w.Items))
	}
	if !strings.Contains(w.BuyerRemark, "第二单也一起发") {
		t.Errorf("label buyer remark %q lacks the second order's remark", w.BuyerRemark)
	}
}

func TestBatch_HeavyOrderSplitIntoParcelsWrittenBackTogether(t *testing.T) {
	r := newRig(t, 1)
	ctx := context.Background()
	order := r.sim.Orders()[0]
	err := r.sim.UpdateOrder(order.OrderID, func(o *doudian.ShopOrder) {
		o.SKUOrderList = o.SKUOrderList[:1]
		o.SKUOrderList[0].ItemNum = 3
	})
	if err != nil {
		t.Fatal(err)
	}
	const units = 3

	cfg := r.station.cfg
	cfg.Plan = &plan.Config{DefaultCourier: "zhongtong", MaxParcelWeightG: 1000, DefaultItemWeightG: 600}
	st := New(cfg, r.runtime.DB, r.runtime.Client, r.runtime.Printer)
	sum, err := RunOnce(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Printed != units {
		t.Fatalf("printed %d labels, want one per 600 g unit (%d)", sum.Printed, units)
	}
	waybills := r.sim.Waybills()
	if len(waybills) != units {
		t.Errorf("waybills issued = %d, want %d (one per pack_id)", len(waybills), units)
	}
	shipped := mustParcelsIn(t, st, store.StateShipped)
	if len(shipped) != units {
		t.Errorf("shipped parcels = %d, want %d", len(shipped), units)
	}
	written := map[string]bool{}
	for _, wb := range r.sim.WriteBacks() {
		written[wb.TrackNo] = true
	}
	for _, p := range shipped {
		if !written[p.Waybill.TrackNo] {
			t.Errorf("part %s (%s) was never written back", p.ID, p.Waybill.TrackNo)
		}
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d, want 0", d)
	}
}

func mustOrder(t *testing.T, r *rig, id string) store.Order {
	t.Helper()
	var o store.Order
	err := r.runtime.DB.View(func(tx *store.Tx) error {
		var err error
		o, err = tx.Order(id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestStock_TakenAtPrintReturnedAtCancel(t *testing.T) {
	r := newRig(t, 1)
	ctx := context.Background()
	order := r.sim.Orders()[0]
	err := r.sim.UpdateOrder(order.OrderID, func(o *doudian.ShopOrder) {
		o.SKUOrderList = o.SKUOrderList[:1]
		o.SKUOrderList[0].ItemNum = 2
	})
	if err != nil {
		t.Fatal(err)
	}
	code := order.SKUOrderList[0].Code
	cfg := r.station.cfg
	cfg.Plan = &plan.Config{
		DefaultCourier: "zhongtong",
		Warehouses:     []plan.Warehouse{{Code: "HZ", Name: "杭州仓", Province: "浙江省"}},
		Stock:          plan.Stock{"HZ": {code: 5}},
	}
	st := New(cfg, r.runtime.DB, shopWithoutWriteBack{r.runtime.Client}, r.runtime.Printer)
	if _, err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if res, err := st.PrintBatch(ctx, BatchOptions{}, nil); err != nil || res.Printed != 1 {
		t.Fatalf("batch printed %d, %v", res.Printed, err)
	}
	stock, _ := st.Stock()
	if got := stock.Available("HZ", code); got != 3 {
		t.Errorf("stock after printing 2 = %d, want 3", got)
	}

	p := mustParcelsIn(t, st, store.StateWriteBackQueued)[0]
	if err := st.CancelWaybill(ctx, p.ID, "buyer cancelled"); err != nil {
		t.Fatalf("CancelWaybill: %v", err)
	}
	stock, _ = st.Stock()
	if got := stock.Available("HZ", code); got != 5 {
		t.Errorf("stock after cancelling = %d, want 5 again", got)
	}
}

func TestMergeProposals_AcceptedByPacker(t *testing.T) {
	r := newRig(t, 2)
	ctx := context.Background()
	first := r.sim.Orders()[0]
	name, phone, detail, _ := r.sim.Receiver(first.OrderID)
	again := first
	again.OrderID = "6939999999999999992"
	again.PostReceiver, again.PostTel, again.PostAddr.Detail = name, phone, detail
	again.SKUOrderList = slices.Clone(first.SKUOrderList)
	for i := range again.SKUOrderList {
		again.SKUOrderList[i].OrderID = again.OrderID + "1"
		again.SKUOrderList[i].ParentOrderID = again.OrderID
	}
	r.sim.AddOrder(again)
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	groups, err := r.station.MergeProposals()
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || !slices.Contains(groups[0], first.OrderID) || !slices.Contains(groups[0], again.OrderID) {
		t.Fatalf("proposals = %v, want the repeat buyer's two orders", groups)
	}
	n, err := r.station.MergeOrders(groups[0])
	if err != nil || n != 1 {
		t.Fatalf("MergeOrders = %d parcels, %v; want 1", n, err)
	}
	sum, err := RunOnce(ctx, r.station, nil)
	if err != nil || sum.Printed != 2 {
		t.Errorf("run after the merge printed %d, %v; want 2 labels for 3 orders", sum.Printed, err)
	}
	if left, _ := r.station.MergeProposals(); len(left) != 0 {
		t.Errorf("proposals after the merge = %v, want none", left)
	}
}

func TestBatch_ReportsEstimatedPostage(t *testing.T) {
	r := newRig(t, 3)
	cfg := r.station.cfg
	cfg.Plan = &plan.Config{DefaultCourier: "zhongtong", DefaultItemWeightG: 500,
		Rates: plan.RateTable{"zhongtong": {"*": {FirstG: 1000, FirstFen: 500, StepG: 1000, StepFen: 200}}}}
	st := New(cfg, r.runtime.DB, r.runtime.Client, r.runtime.Printer)
	if _, err := st.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := st.PrintBatch(context.Background(), BatchOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.CostFen < 3*500 {
		t.Errorf("batch postage = %d fen, want at least 3 parcels × 500", res.CostFen)
	}
}

func TestSplitOrderBySKU_PartsPrintedAndWrittenBackTogether(t *testing.T) {
	r := newRig(t, 1)
	ctx := context.Background()
	order := r.sim.Orders()[0]
	if err := r.sim.UpdateOrder(order.OrderID, func(o *doudian.ShopOrder) {
		extra := o.SKUOrderList[0]
		extra.OrderID = order.OrderID + "9"
		extra.Code = "EXTRA-SKU"
		o.SKUOrderList = append(o.SKUOrderList[:1], extra)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.station.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	if err := r.station.SplitOrderBySKU(order.OrderID); err != nil {
		t.Fatalf("SplitOrderBySKU: %v", err)
	}
	sum, err := RunOnce(ctx, r.station, nil)
	if err != nil || sum.Printed != 2 {
		t.Fatalf("run after the split printed %d, %v; want 2 parcels", sum.Printed, err)
	}
	shipped := mustParcelsIn(t, r.station, store.StateShipped)
	if len(shipped) != 2 || shipped[0].Waybill.TrackNo == shipped[1].Waybill.TrackNo {
		t.Fatalf("shipped parts = %+v, want two with their own waybills", shipped)
	}
	for _, p := range shipped {
		if p.ParcelCount != 2 || len(p.Items) != 1 {
			t.Errorf("part %s: %d of %d with %d item lines, want one line of 2 parts", p.ID, p.ParcelNo, p.ParcelCount, len(p.Items))
		}
	}
	if d := r.sim.DuplicateWriteBacks(); d != 0 {
		t.Errorf("duplicate write-backs = %d", d)
	}
	if err := r.station.SplitOrder(order.OrderID, [][]store.Item{{}, {}}); err == nil {
		t.Errorf("splitting a shipped order again succeeded")
	}
}
