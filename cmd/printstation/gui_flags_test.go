package main

import (
	"testing"

	"github.com/printstation/printstation/app/gui"
)

func TestTabIndex_NamesEveryTab(t *testing.T) {
	want := map[string]int{"orders": gui.TabOrders, "print": gui.TabPrint, "scan": gui.TabScan, "exceptions": gui.TabExceptions,
		"outbox": gui.TabOutbox, "printers": gui.TabPrinters, "summary": gui.TabSummary, "Settings": gui.TabSettings}
	for name, tab := range want {
		got, err := tabIndex(name)
		if err != nil || got != tab {
			t.Errorf("tabIndex(%q) = %d, %v; want %d", name, got, err, tab)
		}
	}
	if _, err := tabIndex("nope"); err == nil {
		t.Errorf("tabIndex(nope) returned no error")
	}
}
