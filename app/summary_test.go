package app

import (
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestSummarize_CountsTheDayByHour(t *testing.T) {
	day := time.Date(2025, 6, 18, 15, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return time.Date(2025, 6, 18, h, m, 0, 0, time.UTC) }
	events := []store.Event{
		{At: at(9, 5), Kind: EventPrinted, From: store.StateSent, To: store.StatePrinted},
		{At: at(9, 6), Kind: EventPrinted, From: store.StateSent, To: store.StatePrinted},
		{At: at(9, 30), Kind: EventConfirmed, From: store.StateSent, To: store.StateWriteBackQueued},
		{At: at(9, 31), Kind: EventConfirmed, From: store.StateSent, To: store.StateQueued}, // no label came out
		{At: at(10, 0), Kind: EventShipped, From: store.StateWriteBackQueued, To: store.StateShipped},
		{At: at(11, 0), Kind: EventReprint, From: store.StateShipped, To: store.StateShipped},
		{At: at(12, 0), Kind: EventSetAside, From: store.StateNew, To: store.StateException},
		{At: at(12, 1), Kind: EventSetAside, From: store.StateException, To: store.StateIntercepted}, // already aside
		{At: at(23, 59), Kind: EventSetAside, From: store.StatePrinted, To: store.StateIntercepted},
		{At: time.Date(2025, 6, 17, 23, 59, 0, 0, time.UTC), Kind: EventPrinted}, // day before
		{At: time.Date(2025, 6, 19, 0, 0, 0, 0, time.UTC), Kind: EventPrinted},   // day after
	}

	sum := Summarize(events, day)

	if want := (DayCounts{Printed: 3, Shipped: 1, SetAside: 2, Reprints: 1}); sum.DayCounts != want {
		t.Errorf("day counts = %+v, want %+v", sum.DayCounts, want)
	}
	if got := sum.Hours[9].Printed; got != 3 {
		t.Errorf("printed at 9h = %d, want 3", got)
	}
	if got := sum.Hours[23].SetAside; got != 1 {
		t.Errorf("set aside at 23h = %d, want 1", got)
	}
	if !sum.Day.Equal(time.Date(2025, 6, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("day = %v, want midnight of 18 June", sum.Day)
	}
}

func TestSummarize_UsesTheDaysLocation(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	day := time.Date(2025, 6, 18, 12, 0, 0, 0, shanghai)
	// 17 June 16:30 UTC is 18 June 00:30 in Shanghai.
	events := []store.Event{{At: time.Date(2025, 6, 17, 16, 30, 0, 0, time.UTC), Kind: EventPrinted}}

	sum := Summarize(events, day)

	if sum.Printed != 1 || sum.Hours[0].Printed != 1 {
		t.Errorf("printed = %d (hour 0: %d), want 1 in the first hour", sum.Printed, sum.Hours[0].Printed)
	}
}
