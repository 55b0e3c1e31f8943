package gui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// paidTimeLayout is the layout of the live-stream window's times.
const paidTimeLayout = "2006-01-02 15:04"

// errBadTime is the validation error of a live-stream time that does not
// parse; the entry shows it with its red outline.
var errBadTime = errors.New("time must look like 2006-01-02 15:04")

// ordersScreen is the order list with its filters and the selection a
// batch can be printed from.
type ordersScreen struct {
	u       *UI
	content fyne.CanvasObject

	index    *app.OrderIndex
	view     []int // positions in index that the filter keeps, in order
	selected map[string]bool
	filter   app.OrderFilter
	reloads  int // reload requests so far; touched only on the Fyne thread

	table      *widget.Table
	syncButton *widget.Button
	phase      *widget.Label

	state, shop, courier, province, urgency *widget.Select
	paidFrom, paidTo, search                *widget.Entry

	stateValues    []store.State
	shopValues     []int64
	courierValues  []string
	provinceValues []string
	preview        *labelPreview
}

var filterStates = []store.State{app.StateAwaitingBatch, store.StateQueued, store.StateSent, store.StateWriteBackQueued,
	store.StateShipped, store.StateException, store.StateIntercepted}

var urgencyChoices = []app.Urgency{app.UrgencyNone, app.UrgencyDueSoon, app.UrgencyUrgent, app.UrgencyOverdue}

func (u *UI) newOrdersScreen() *ordersScreen {
	s := &ordersScreen{u: u, index: app.NewOrderIndex(nil), selected: map[string]bool{}}
	s.table = s.newOrderTable()
	s.syncButton = widget.NewButtonWithIcon(T("button.sync"), theme.ViewRefreshIcon(), u.tapped(u.SyncOrders))
	s.phase = widget.NewLabel(T("status.ready"))

	stateNames := []string{T("filter.all_states")}
	for _, st := range filterStates {
		stateNames = append(stateNames, stateText(st))
	}
	s.state = s.newSelect(stateNames, func(i int) {
		s.filter.States = nil
		if i > 0 {
			s.filter.States = []store.State{filterStates[i-1]}
		}
	})
	s.shop = s.newSelect(nil, func(i int) { s.filter.ShopID = pick(s.shopValues, i) })
	s.courier = s.newSelect(nil, func(i int) { s.filter.Courier = pick(s.courierValues, i) })
	s.province = s.newSelect(nil, func(i int) { s.filter.Province = pick(s.provinceValues, i) })
	urgencyNames := []string{T("filter.any_urgency"), T("filter.due_soon"), T("filter.urgent"), T("filter.overdue")}
	s.urgency = s.newSelect(urgencyNames, func(i int) { s.filter.MinUrgency = urgencyChoices[i] })

	s.paidFrom = s.newTimeEntry(T("filter.paid_from"), func(t time.Time) { s.filter.PaidFrom = t })
	s.paidTo = s.newTimeEntry(T("filter.paid_to"), func(t time.Time) { s.filter.PaidTo = t })
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("filter.search"))
	s.search.OnChanged = func(text string) { s.filter.Text = text; s.apply() }

	selectAll := widget.NewButton(T("button.select_shown"), u.tapped(s.selectShown))
	clear := widget.NewButton(T("button.clear_selection"), u.tapped(s.clearSelection))
	splitBySKU := widget.NewButton(T("button.split_by_sku"), u.tapped(s.splitSelected))
	s.preview = newLabelPreview(u)

	filters := container.NewGridWithColumns(5, s.state, s.shop, s.courier, s.province, s.urgency)
	window := container.NewGridWithColumns(2, s.paidFrom, s.paidTo)
	live := container.NewBorder(nil, nil, widget.NewLabel(T("filter.live_window")), nil, window)
	toolbar := container.NewBorder(nil, nil, container.NewHBox(s.syncButton, selectAll, clear, splitBySKU), container.NewHBox(s.phase, u.count), s.search)
	top := container.NewVBox(toolbar, filters, live)
	split := container.NewHSplit(s.table, s.preview.content)
	split.Offset = 0.78
	s.content = container.NewBorder(top, nil, nil, nil, split)
	return s
}

// splitSelected ships each selected order in one parcel per item line
// (拆包), before its labels print.
func (s *ordersScreen) splitSelected() {
	ids := s.selectedIDs()
	if len(ids) == 0 {
		s.u.showError(app.ErrNothingSelected)
		return
	}
	s.u.background(func() func() {
		var errs []error
		for _, id := range ids {
			errs = append(errs, s.u.station.SplitOrderBySKU(id))
		}
		err := errors.Join(errs...)
		return func() {
			if err != nil {
				s.u.showError(err)
			} else {
				s.u.showOK(T("split.done", map[string]any{"Count": len(ids)}))
			}
			s.u.Refresh()
		}
	})
}

// newSelect returns a drop-down whose choice i sets the filter through
// set; choice 0 always means "any".
func (s *ordersScreen) newSelect(options []string, set func(i int)) *widget.Select {
	sel := widget.NewSelect(options, nil)
	sel.OnChanged = func(string) {
		set(sel.SelectedIndex())
		s.apply()
		s.u.win.Canvas().Focus(s.u.scan)
	}
	if len(options) > 0 {
		sel.SetSelectedIndex(0)
	}
	return sel
}

func (s *ordersScreen) newTimeEntry(placeholder string, set func(time.Time)) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = func(text string) error {
		if _, err := parsePaidTime(text); err != nil {
			return err
		}
		return nil
	}
	e.OnChanged = func(text string) {
		t, err := parsePaidTime(text)
		if err != nil {
			return
		}
		set(t)
		s.apply()
	}
	return e
}

// parsePaidTime parses a live-stream time in the local zone; "" is an open
// end of the window.
func parsePaidTime(text string) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(paidTimeLayout, text, time.Local)
	if err != nil {
		return time.Time{}, errBadTime
	}
	return t, nil
}

// pick returns values[i-1], or the zero value for choice 0 ("any").
func pick[T any](values []T, i int) T {
	var zero T
	if i <= 0 || i > len(values) {
		return zero
	}
	return values[i-1]
}

// reload reads the order list from the store off the Fyne thread and
// shows it. Reading 100,000 stored orders takes seconds (see
// BenchmarkListRows_100k), so the window stays responsive meanwhile. A
// reload that finishes after a later one started is dropped.
//
// TODO: update only the rows a scan or a batch changed instead of reading
// every order again.
func (s *ordersScreen) reload() {
	s.reloads++
	seq := s.reloads
	s.u.background(func() func() {
		rows, err := s.u.station.ListRows()
		return func() {
			if seq != s.reloads {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.setRows(rows)
			if s.u.tabs.SelectedIndex() == TabPrint {
				s.u.print.refresh()
			}
		}
	})
}

// setRows replaces the rows and the drop-downs' choices.
func (s *ordersScreen) setRows(rows []app.ListRow) {
	s.index = app.NewOrderIndex(rows)
	shops, couriers, provinces := s.index.Choices()

	s.shopValues = s.shopValues[:0]
	for id := range shops {
		s.shopValues = append(s.shopValues, id)
	}
	slices.Sort(s.shopValues)
	shopNames := []string{T("filter.all_shops")}
	for _, id := range s.shopValues {
		shopNames = append(shopNames, shops[id])
	}
	s.courierValues = couriers
	slices.Sort(s.courierValues)
	courierNames := []string{T("filter.all_couriers")}
	for _, c := range s.courierValues {
		courierNames = append(courierNames, app.CourierName(c))
	}
	s.provinceValues = provinces
	slices.Sort(s.provinceValues)

	keepChoice(s.shop, shopNames)
	keepChoice(s.courier, courierNames)
	keepChoice(s.province, append([]string{T("filter.all_provinces")}, s.provinceValues...))
	s.apply()
}

// keepChoice replaces a drop-down's options and keeps its choice when the
// new options still have it, without running its OnChanged.
func keepChoice(sel *widget.Select, options []string) {
	selected := sel.Selected
	sel.Options = options
	if !slices.Contains(options, selected) {
		selected = options[0]
	}
	sel.Selected = selected
	sel.Refresh()
}

// apply filters the rows and redraws the table.
func (s *ordersScreen) apply() {
	if s.index == nil {
		return
	}
	s.view = s.index.Filter(s.filter, s.u.opts.Now(), s.u.settings.Thresholds())
	s.u.count.SetText(T("orders.count_filtered", map[string]any{"Shown": len(s.view), "Count": s.index.Len(), "Selected": len(s.selected)}))
	s.table.Refresh()
}

// toggle selects or unselects the order of row i and previews its label.
func (s *ordersScreen) toggle(i int) {
	r := s.index.Row(i)
	if s.selected[r.OrderID] {
		delete(s.selected, r.OrderID)
	} else {
		s.selected[r.OrderID] = true
	}
	s.preview.show(r.ParcelID)
	s.apply()
}

func (s *ordersScreen) selectShown() {
	for _, i := range s.view {
		s.selected[s.index.Row(i).OrderID] = true
	}
	s.apply()
}

func (s *ordersScreen) clearSelection() {
	clear(s.selected)
	s.apply()
}

// selectedIDs returns the selected orders in the list's order.
func (s *ordersScreen) selectedIDs() []string {
	var ids []string
	for i := 0; i < s.index.Len(); i++ {
		if id := s.index.Row(i).OrderID; s.selected[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// shownIDs returns the orders the filter keeps.
func (s *ordersScreen) shownIDs() []string {
	ids := make([]string, 0, len(s.view))
	for _, i := range s.view {
		ids = append(ids, s.index.Row(i).OrderID)
	}
	return ids
}

// Rows returns the rows the order list shows, in order.
func (u *UI) Rows() []app.ListRow {
	s := u.orders
	rows := make([]app.ListRow, 0, len(s.view))
	for _, i := range s.view {
		rows = append(rows, *s.index.Row(i))
	}
	return rows
}

// stateText is the translated state of a row.
func stateText(s store.State) string {
	if s == "" {
		return T("state.none")
	}
	return T("state." + string(s))
}
