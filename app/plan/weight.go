package plan

import (
	"cmp"
	"math"
	"slices"
)

// maxExactStates bounds the exact box search, whose states are the ways to
// take some units of each item line: the product of (quantity + 1) over the
// lines. Beyond it the boxes come from first-fit decreasing, which uses at
// most 11/9 of the minimum plus one box.
const maxExactStates = 1 << 16

// weightOf returns the total weight of items in grams.
func weightOf(items []Item) int {
	total := 0
	for _, item := range items {
		total += item.WeightG * item.Qty
	}
	return total
}

// packBoxes splits items into boxes of at most maxG grams each, using as
// few boxes as it finds. A unit heavier than maxG gets a box of its own.
// With maxG 0, or items that fit, it returns one box.
func packBoxes(items []Item, maxG int) [][]Item {
	if maxG <= 0 || weightOf(items) <= maxG {
		return [][]Item{items}
	}

	// Units heavier than a box go alone; the rest are counted per line.
	counts := make([]int, len(items))
	var heavy []int
	states := 1
	for line, item := range items {
		if item.WeightG > maxG {
			for range item.Qty {
				heavy = append(heavy, line)
			}
			continue
		}
		counts[line] = item.Qty
		states *= item.Qty + 1
		states = min(states, maxExactStates+1)
	}
	weight := func(line int) int { return items[line].WeightG }

	var boxes [][]int
	if states <= maxExactStates {
		boxes = packExact(counts, weight, maxG)
	} else {
		var units []int
		for line, n := range counts {
			for range n {
				units = append(units, line)
			}
		}
		boxes = packFirstFitDecreasing(units, weight, maxG)
	}
	for _, line := range heavy {
		boxes = append(boxes, []int{line})
	}

	out := make([][]Item, 0, len(boxes))
	for _, box := range boxes {
		out = append(out, regroup(items, box))
	}
	return out
}

// packExact returns a minimum number of boxes for counts[line] units of each
// line by dynamic programming over how many units of each line are packed:
// best[state] is the fewest boxes for those units, with the lightest
// possible last box. A state is a mixed-radix number with one digit per
// line. Every unit must fit a box on its own.
func packExact(counts []int, weight func(int) int, maxG int) [][]int {
	radix := make([]int, len(counts))
	size := 1
	for line, n := range counts {
		radix[line] = size
		size *= n + 1
	}
	digit := func(state, line int) int { return state / radix[line] % (counts[line] + 1) }

	type step struct{ boxes, load, from, line int }
	best := make([]step, size)
	for state := 1; state < size; state++ {
		best[state] = step{boxes: math.MaxInt}
	}
	best[0] = step{boxes: 1}

	// Adding a unit raises the state number, so increasing order visits
	// every state after all the states it is reached from.
	for state := range size {
		cur := best[state]
		for line, n := range counts {
			if digit(state, line) == n {
				continue
			}
			w := weight(line)
			next := step{boxes: cur.boxes, load: cur.load + w, from: state, line: line}
			if next.load > maxG {
				next.boxes, next.load = cur.boxes+1, w
			}
			old := &best[state+radix[line]]
			if next.boxes < old.boxes || next.boxes == old.boxes && next.load < old.load {
				*old = next
			}
		}
	}

	// Walk back from the full state: each unit belongs to the box that was
	// last when it was added.
	full := size - 1
	if full == 0 {
		return nil
	}
	boxes := make([][]int, best[full].boxes)
	for state := full; state != 0; state = best[state].from {
		s := best[state]
		boxes[s.boxes-1] = append(boxes[s.boxes-1], s.line)
	}
	return boxes
}

// packFirstFitDecreasing puts each unit, heaviest first, into the first box
// it fits in.
func packFirstFitDecreasing(units []int, weight func(int) int, maxG int) [][]int {
	sorted := slices.Clone(units)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(weight(b), weight(a)) })

	var boxes [][]int
	var loads []int
	for _, unit := range sorted {
		placed := false
		for i := range boxes {
			if loads[i]+weight(unit) <= maxG {
				boxes[i] = append(boxes[i], unit)
				loads[i] += weight(unit)
				placed = true
				break
			}
		}
		if !placed {
			boxes = append(boxes, []int{unit})
			loads = append(loads, weight(unit))
		}
	}
	return boxes
}

// regroup turns a box of units back into item lines, in the order of the
// original lines.
func regroup(items []Item, box []int) []Item {
	counts := make(map[int]int, len(box))
	for _, line := range box {
		counts[line]++
	}
	var out []Item
	for line, item := range items {
		if counts[line] > 0 {
			item.Qty = counts[line]
			out = append(out, item)
		}
	}
	return out
}
