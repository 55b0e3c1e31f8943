package plan

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// minBoxes returns the fewest boxes of capacity maxG for weights by
// depth-first search, trying each unit in every open box and one new box.
func minBoxes(weights []int, maxG int) int {
	sorted := slices.Clone(weights)
	slices.Sort(sorted)
	slices.Reverse(sorted)
	best := len(sorted)
	var loads []int
	var search func(i int)
	search = func(i int) {
		if len(loads) >= best {
			return
		}
		if i == len(sorted) {
			best = len(loads)
			return
		}
		for b := range loads {
			if loads[b]+sorted[i] <= maxG {
				loads[b] += sorted[i]
				search(i + 1)
				loads[b] -= sorted[i]
			}
		}
		loads = append(loads, sorted[i])
		search(i + 1)
		loads = loads[:len(loads)-1]
	}
	search(0)
	return best
}

// checkBoxes fails unless boxes hold exactly items' units, each box within
// maxG unless it is one unit heavier than maxG.
func checkBoxes(t *testing.T, items []Item, boxes [][]Item, maxG int) {
	t.Helper()
	packed := map[string]int{}
	for i, box := range boxes {
		units := 0
		for _, item := range box {
			packed[item.Code] += item.Qty
			units += item.Qty
		}
		if w := weightOf(box); w > maxG && units > 1 {
			t.Errorf("box %d weighs %d g, over %d g", i, w, maxG)
		}
	}
	for _, item := range items {
		packed[item.Code] -= item.Qty
	}
	for code, diff := range packed {
		if diff != 0 {
			t.Errorf("boxes hold %+d units of %s compared with the items", diff, code)
		}
	}
}

func TestPackBoxes_MatchesExhaustiveMinimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const maxG = 5000
	for round := range 300 {
		var items []Item
		var weights []int
		for line := range 1 + rng.IntN(4) {
			item := Item{Code: string(rune('A' + line)), WeightG: 200 + rng.IntN(3000), Qty: 1 + rng.IntN(4)}
			items = append(items, item)
			for range item.Qty {
				weights = append(weights, item.WeightG)
			}
		}

		boxes := packBoxes(items, maxG)

		want := 1
		if weightOf(items) > maxG {
			want = minBoxes(weights, maxG)
		}
		if len(boxes) != want {
			t.Errorf("round %d: %d boxes for %v, want the minimum %d", round, len(boxes), weights, want)
		}
		checkBoxes(t, items, boxes, maxG)
	}
}

func TestPackBoxes_EdgeCases(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		maxG  int
		want  int
	}{
		{"no limit", []Item{{Code: "A", WeightG: 9000, Qty: 3}}, 0, 1},
		{"exactly at the limit", []Item{{Code: "A", WeightG: 2500, Qty: 2}}, 5000, 1},
		{"unit heavier than the limit gets its own box", []Item{{Code: "A", WeightG: 6000, Qty: 2}, {Code: "B", WeightG: 100, Qty: 1}}, 5000, 3},
		{"thirty units of one line", []Item{{Code: "A", WeightG: 1000, Qty: 30}}, 5000, 6},
		{"too many combinations fall back to first-fit decreasing", func() []Item {
			var items []Item
			for i := range 10 {
				items = append(items, Item{Code: string(rune('A' + i)), WeightG: 900 + 100*i, Qty: 3})
			}
			return items
		}(), 5000, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			boxes := packBoxes(tt.items, tt.maxG)
			if len(boxes) != tt.want {
				t.Errorf("%d boxes, want %d", len(boxes), tt.want)
			}
			limit := tt.maxG
			if limit == 0 {
				limit = math.MaxInt
			}
			checkBoxes(t, tt.items, boxes, limit)
		})
	}
}
