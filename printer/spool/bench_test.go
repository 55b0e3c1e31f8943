package spool_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/spool"
	"github.com/printstation/printstation/printer/tspl"
)

// waybillJob renders a full 76×130 mm e-waybill, as the station prints it.
func waybillJob(tb testing.TB, n int) printer.Job {
	track := fmt.Sprintf("7531%010d", n)
	l := label.Waybill76x130(label.Waybill{
		Courier: "中通快递", CourierCode: "zhongtong",
		TrackNo: track, SortCode: "300-A12 05", PackageCenter: "杭州转运中心", ShortAddress: "浙江杭州西湖",
		Receiver:  label.Party{Name: "王小明", Phone: "138****5678", Address: "浙江省杭州市西湖区文三路478号华星时代广场A座1203室"},
		Sender:    label.Party{Name: "好物小铺", Phone: "0571-88886666", Address: "浙江省义乌市福田街道商城大道88号3号仓"},
		Items:     []label.ItemLine{{Code: "TS-BLK-XL", Name: "纯棉T恤 黑色 XL", Qty: 2}},
		OrderID:   fmt.Sprintf("69212345678%08d", n),
		PrintTime: time.Date(2024, 6, 18, 20, 15, 0, 0, time.UTC),
		ParcelNo:  1, ParcelCount: 1,
	})
	data, err := tspl.Encode(l, tspl.Profile{})
	if err != nil {
		tb.Fatalf("encode waybill: %v", err)
	}
	return printer.Job{ID: track, Data: data}
}

// BenchmarkSpooler_500LabelsAtPrinterSpeed sends a 500-label batch through
// a Spooler to an emulator that prints at 100 mm/s from a one-label buffer.
// Every print time is scaled by 0.01, so a 132 mm label and gap take 13.2 ms
// instead of 1.32 s and the PC has 100 times less time per label than at a
// real printer. The jobs are rendered while the batch runs. The benchmark
// reports the print engine's idle gaps between labels, the time it waited
// for the PC.
func BenchmarkSpooler_500LabelsAtPrinterSpeed(b *testing.B) {
	const labels = 500
	for range b.N {
		e := startEmulator(b, emulator.Options{PrintSpeed: 100, TimeScale: 0.01, BufferLabels: 1})
		tr := newTCP(e.Addr())
		tr.StatusTimeout = 5 * time.Second

		printedCount := 0
		s := spool.New(tr, spool.Options{OnResult: func(r spool.Result) {
			if r.Outcome == spool.Printed {
				printedCount++
			}
		}})

		jobs := make(chan printer.Job, 4)
		go func() {
			defer close(jobs)
			for n := range labels {
				jobs <- waybillJob(b, n)
			}
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		if err := s.Run(ctx, jobs); err != nil {
			b.Fatalf("Run: %v", err)
		}
		if err := e.WaitIdle(ctx); err != nil {
			b.Fatal(err)
		}
		cancel()

		if printedCount != labels || e.LabelCount() != labels {
			b.Fatalf("%d Printed results, %d labels printed; want %d", printedCount, e.LabelCount(), labels)
		}
		gaps := e.IdleGaps()
		slices.Sort(gaps)
		var total time.Duration
		over := 0
		for _, g := range gaps {
			total += g
			if g > time.Millisecond {
				over++
			}
		}
		b.ReportMetric(float64(gaps[len(gaps)-1].Microseconds())/1000, "max-gap-ms")
		b.ReportMetric(float64(gaps[len(gaps)*99/100].Microseconds())/1000, "p99-gap-ms")
		b.ReportMetric(float64(total.Microseconds())/1000, "total-idle-ms")
		b.ReportMetric(float64(over), "gaps>1ms")
	}
}
