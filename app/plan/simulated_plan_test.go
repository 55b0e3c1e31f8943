package plan

import (
	"bufio"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/printstation/printstation/assets"
	"github.com/printstation/printstation/store"
)

// reference is the test's own reading of testdata/rules and the province
// table, kept apart from LoadConfig so the checks below do not share the
// planner's code.
type reference struct {
	weight     map[string]int
	tags       map[string][]string
	holds      map[string]map[string]bool // warehouse -> SKU codes it stocks
	warehouses []string                   // in file order
	located    map[string]string          // warehouse -> province
	latLon     map[string][2]float64
	rates      map[string][4]int64 // courier+"/"+province -> first_g, first_fen, step_g, step_fen
}

func readReference(t *testing.T) reference {
	t.Helper()
	ref := reference{weight: map[string]int{}, tags: map[string][]string{}, holds: map[string]map[string]bool{},
		located: map[string]string{}, latLon: map[string][2]float64{}, rates: map[string][4]int64{}}
	rows := func(path string) [][]string {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]string
		for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] {
			out = append(out, strings.Split(line, ","))
		}
		return out
	}
	for _, f := range rows("testdata/rules/skus.csv") {
		ref.weight[f[0]], _ = strconv.Atoi(f[1])
		if f[2] != "" {
			ref.tags[f[0]] = strings.Split(f[2], "|")
		}
	}
	for _, f := range rows("testdata/rules/warehouses.csv") {
		ref.warehouses = append(ref.warehouses, f[0])
		ref.located[f[0]] = f[2]
		ref.holds[f[0]] = map[string]bool{}
	}
	for _, f := range rows("testdata/rules/stock.csv") {
		if qty, _ := strconv.Atoi(f[2]); qty > 0 {
			ref.holds[f[0]][f[1]] = true
		}
	}
	for _, f := range rows("testdata/rules/rates.csv") {
		var r [4]int64
		for i := range r {
			r[i], _ = strconv.ParseInt(f[2+i], 10, 64)
		}
		ref.rates[f[0]+"/"+f[1]] = r
	}

	file, err := assets.Plan.Open("plan/provinces.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		f := strings.Split(scanner.Text(), "\t")
		if len(f) == 3 && !strings.HasPrefix(f[0], "#") {
			lat, _ := strconv.ParseFloat(f[1], 64)
			lon, _ := strconv.ParseFloat(f[2], 64)
			ref.latLon[f[0]] = [2]float64{lat, lon}
		}
	}
	return ref
}

// km is the spherical law of cosines, a different formula from the
// planner's haversine.
func (ref reference) km(a, b string) float64 {
	p, q := ref.latLon[a], ref.latLon[b]
	rad := math.Pi / 180
	c := math.Sin(p[0]*rad)*math.Sin(q[0]*rad) + math.Cos(p[0]*rad)*math.Cos(q[0]*rad)*math.Cos((q[1]-p[1])*rad)
	return 6371 * math.Acos(math.Min(1, c))
}

// cost adds the step price once per started step, by counting up.
func (ref reference) cost(courier, province string, weightG int) (int64, bool) {
	r, ok := ref.rates[courier+"/"+province]
	if !ok {
		r, ok = ref.rates[courier+"/*"]
	}
	if !ok {
		return 0, false
	}
	price := r[1]
	for covered := r[0]; covered < int64(weightG); covered += r[2] {
		price += r[3]
	}
	return price, true
}

// courier is plan.json's courier rules written out as code.
func (ref reference) courier(province string, tags map[string]bool, weightG int, amount int64, remarks string) (string, string, int64, bool) {
	fixed := func(courier, service string) (string, string, int64, bool) {
		cost, ok := ref.cost(courier, province, weightG)
		return courier, service, cost, ok
	}
	cheapest := func(couriers ...string) (string, string, int64, bool) {
		best, bestCost := "", int64(math.MaxInt64)
		for _, c := range couriers {
			if cost, ok := ref.cost(c, province, weightG); ok && cost < bestCost {
				best, bestCost = c, cost
			}
		}
		return best, "标快", bestCost, best != ""
	}
	lower := strings.ToLower(remarks)
	switch {
	case tags["cold-chain"]:
		return fixed("shunfeng", "冷运")
	case strings.Contains(remarks, "顺丰") || strings.Contains(lower, "sf"):
		return fixed("shunfeng", "标快")
	case tags["fragile"] && amount >= 15000:
		return fixed("shunfeng", "标快")
	case slices.Contains([]string{"新疆维吾尔自治区", "西藏自治区", "内蒙古自治区", "甘肃省", "青海省"}, province):
		return fixed("yuantong", "标快")
	case weightG >= 3000:
		return cheapest("zhongtong", "yuantong", "jtexpress")
	case amount <= 5000 && weightG <= 2999:
		return cheapest("zhongtong", "jtexpress")
	}
	return fixed("zhongtong", "标快")
}

// expectedBoxes returns the warehouse of every box of a group: the fewest
// warehouses that stock every SKU (then the smallest total distance), each
// SKU from the nearest of them, and each warehouse's units in the fewest
// boxes of 5 kg.
func (ref reference) expectedBoxes(group []store.Order) []string {
	province := group[0].Receiver.Province
	units := map[string]int{}
	for _, o := range group {
		for _, item := range o.Items {
			units[item.Code] += item.Qty
		}
	}

	bestMask, bestSize, bestKM := 0, math.MaxInt, math.MaxFloat64
	for mask := 1; mask < 1<<len(ref.warehouses); mask++ {
		size, total, covers := 0, 0.0, true
		for i, w := range ref.warehouses {
			if mask&(1<<i) != 0 {
				size++
				total += math.Round(ref.km(ref.located[w], province))
			}
		}
		for code := range units {
			held := false
			for i, w := range ref.warehouses {
				held = held || (mask&(1<<i) != 0 && ref.holds[w][code])
			}
			covers = covers && held
		}
		if covers && (size < bestSize || size == bestSize && total < bestKM) {
			bestMask, bestSize, bestKM = mask, size, total
		}
	}
	if bestMask == 0 {
		return nil
	}

	weights := map[string][]int{}
	for code, qty := range units {
		from, fromKM := "", math.MaxFloat64
		for i, w := range ref.warehouses {
			if d := ref.km(ref.located[w], province); bestMask&(1<<i) != 0 && ref.holds[w][code] && d < fromKM {
				from, fromKM = w, d
			}
		}
		for range qty {
			weights[from] = append(weights[from], ref.weight[code])
		}
	}
	var boxes []string
	for w, ws := range weights {
		total := 0
		for _, g := range ws {
			total += g
		}
		n := 1
		if total > 5000 {
			n = minBoxes(ws, 5000)
		}
		for range n {
			boxes = append(boxes, w)
		}
	}
	slices.Sort(boxes)
	return boxes
}

func TestPlan_SimulatedShopMatchesIndependentPlan(t *testing.T) {
	shop := newSimulatedShop(10000, 8)
	ref := readReference(t)
	res := Plan(shop.orders, loadRules(t))

	// Invalid addresses: every one set aside for its reason, nothing else.
	setAside := map[string]string{}
	for _, s := range res.SetAside {
		for _, id := range s.OrderIDs {
			setAside[id] = s.Reason
		}
	}
	for id, reason := range shop.invalid {
		if setAside[id] != reason {
			t.Errorf("order %s set aside as %q, want %q", id, setAside[id], reason)
		}
	}
	if len(setAside) != len(shop.invalid) {
		t.Errorf("%d orders set aside, want the %d injected invalid ones", len(setAside), len(shop.invalid))
	}

	// The test's own grouping by whole ciphertexts.
	byKey := map[string][]store.Order{}
	var keys []string
	for _, o := range shop.orders {
		if !o.Shippable() || shop.invalid[o.ID] != "" {
			continue
		}
		key := receiverIdentity(o)
		if byKey[key] == nil {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], o)
	}

	// The planner's groups: parcels sharing an id before "-n".
	planned := map[string][]Parcel{}
	for _, p := range res.Parcels {
		if shop.invalid[p.OrderIDs[0]] != "" {
			t.Errorf("parcel %s ships invalid order %s", p.ID, p.OrderIDs[0])
		}
		base := p.ID[:strings.LastIndex(p.ID, "-")]
		planned[base] = append(planned[base], p)
	}
	if len(planned) != len(keys) {
		t.Fatalf("planner made %d groups, the independent grouping %d", len(planned), len(keys))
	}

	merged, split := 0, 0
	var totalCost int64
	warehousesUsed, couriersUsed := map[string]int{}, map[string]int{}
	for _, key := range keys {
		group := byKey[key]
		slices.SortFunc(group, compareShipBy)
		parcels := planned[group[0].ID]
		if len(parcels) == 0 {
			t.Errorf("no parcel for orders %v", orderIDs(group))
			continue
		}
		if len(group) > 1 {
			merged++
		}
		if len(parcels) > 1 {
			split++
		}

		var shipped []string
		var gotBoxes []string
		for _, p := range parcels {
			shipped = append(shipped, p.OrderIDs...)
			gotBoxes = append(gotBoxes, p.Warehouse)
		}
		slices.Sort(shipped)
		shipped = slices.Compact(shipped)
		want := orderIDs(group)
		slices.Sort(want)
		if !slices.Equal(shipped, want) {
			t.Errorf("group of %v ships orders %v", want, shipped)
		}
		slices.Sort(gotBoxes)
		if wantBoxes := ref.expectedBoxes(group); !slices.Equal(gotBoxes, wantBoxes) {
			t.Errorf("group of %v to %s: boxes from %v, want %v", want, group[0].Receiver.Province, gotBoxes, wantBoxes)
		}

		var amount int64
		var remarks []string
		for _, o := range group {
			amount += o.PayAmount
			remarks = append(remarks, o.BuyerWords, o.SellerWords)
		}
		for _, p := range parcels {
			weight, units := 0, 0
			tags := map[string]bool{}
			for _, item := range p.Items {
				weight += ref.weight[item.Code] * item.Qty
				units += item.Qty
				for _, tag := range ref.tags[item.Code] {
					tags[tag] = true
				}
			}
			if weight != p.WeightG {
				t.Errorf("parcel %s weighs %d g, want %d g", p.ID, p.WeightG, weight)
			}
			if weight > 5000 && units > 1 {
				t.Errorf("parcel %s weighs %d g, over the 5 kg limit", p.ID, weight)
			}
			courier, service, cost, known := ref.courier(p.Province, tags, weight, amount, strings.Join(remarks, "\n"))
			if p.Courier != courier || p.Service != service || p.CostFen != cost || p.CostKnown != known {
				t.Errorf("parcel %s: %s %s %d fen (%v), want %s %s %d fen (%v)", p.ID, p.Courier, p.Service, p.CostFen, p.CostKnown, courier, service, cost, known)
			}
			totalCost += cost
			warehousesUsed[p.Warehouse]++
			couriersUsed[p.Courier]++
		}
	}

	t.Logf("%d orders: %d parcels, %d merged groups, %d split groups, %d set aside, cost %.2f yuan; warehouses %v; couriers %v",
		len(shop.orders), len(res.Parcels), merged, split, len(res.SetAside), float64(res.TotalCostFen)/100, warehousesUsed, couriersUsed)
	if merged < 300 || split < 200 {
		t.Errorf("merged %d, split %d: the injected repeat buyers and two-warehouse orders did not show", merged, split)
	}
	if res.Split != split {
		t.Errorf("Result.Split = %d, want %d", res.Split, split)
	}
	if res.TotalCostFen != totalCost {
		t.Errorf("Result.TotalCostFen = %d, want %d", res.TotalCostFen, totalCost)
	}
	if len(warehousesUsed) != 3 || len(couriersUsed) != 4 {
		t.Errorf("warehouses used %v, couriers used %v; want 3 and 4", warehousesUsed, couriersUsed)
	}
}
