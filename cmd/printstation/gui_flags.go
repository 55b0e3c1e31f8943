package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/printstation/printstation/app/gui"
)

// windowTabs are the values of --tab, in the window's tab order.
var windowTabs = []string{"orders", "print", "scan", "exceptions", "outbox", "printers", "summary", "settings"}

// registerTabFlag adds --tab, the tab the window opens on, to fs.
func registerTabFlag(fs *flag.FlagSet) *string {
	return fs.String("tab", "orders", "tab the window opens on: "+strings.Join(windowTabs, ", "))
}

// tabIndex returns the window tab (gui.TabOrders …) that a --tab value
// names.
func tabIndex(name string) (int, error) {
	i := slices.Index(windowTabs, strings.ToLower(strings.TrimSpace(name)))
	if i < 0 {
		return 0, fmt.Errorf("--tab %q: want one of %s", name, strings.Join(windowTabs, ", "))
	}
	// windowTabs follows the order of the gui.Tab constants.
	return gui.TabOrders + i, nil
}
