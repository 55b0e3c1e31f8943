package plan

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// CourierRule chooses a courier for the parcels it matches. Every condition
// that is set must hold; an unset condition matches anything.
type CourierRule struct {
	Name string `json:"name"` // shown to the seller

	Provinces      []string `json:"provinces,omitempty"`       // receiver province is one of these
	Tags           []string `json:"tags,omitempty"`            // a SKU of the parcel has one of these tags
	MinWeightG     int      `json:"min_weight_g,omitempty"`    // parcel weight ≥ this
	MaxWeightG     int      `json:"max_weight_g,omitempty"`    // parcel weight ≤ this
	MinAmountFen   int64    `json:"min_amount_fen,omitempty"`  // pay amount of the parcel's orders ≥ this
	MaxAmountFen   int64    `json:"max_amount_fen,omitempty"`  // pay amount of the parcel's orders ≤ this
	RemarkKeywords []string `json:"remark_keywords,omitempty"` // a buyer remark or seller memo contains one of these

	// Courier and Service are chosen when the rule matches. When Courier
	// is empty, the rule chooses the cheapest of Cheapest by the rate
	// table instead, among those with a rate for the receiver's province.
	Courier  string   `json:"courier,omitempty"`
	Service  string   `json:"service,omitempty"`
	Cheapest []string `json:"cheapest,omitempty"`
}

// Rate is a courier's price to a province: FirstFen covers up to FirstG
// grams, and each started StepG grams above that adds StepFen.
type Rate struct {
	FirstG, StepG     int
	FirstFen, StepFen int64
}

// Cost returns the price of a parcel of weightG grams in fen.
func (r Rate) Cost(weightG int) int64 {
	if weightG <= r.FirstG || r.StepG <= 0 {
		return r.FirstFen
	}
	steps := (weightG - r.FirstG + r.StepG - 1) / r.StepG
	return r.FirstFen + int64(steps)*r.StepFen
}

// RateTable is the rates by courier code and receiver province; the
// province "*" is a courier's rate for provinces not listed.
type RateTable map[string]map[string]Rate

// Cost returns a parcel's price with a courier, and false when the table
// has no rate for that courier and province.
func (t RateTable) Cost(courier, province string, weightG int) (int64, bool) {
	rates := t[courier]
	rate, ok := rates[province]
	if !ok {
		rate, ok = rates["*"]
	}
	if !ok {
		return 0, false
	}
	return rate.Cost(weightG), true
}

// ReadRatesCSV reads a rate table: a header line, then
// courier,province,first_g,first_fen,step_g,step_fen per line.
func ReadRatesCSV(r io.Reader) (RateTable, error) {
	table := RateTable{}
	err := readCSV(r, 6, func(f []string) error {
		var numbers [4]int64
		for i, field := range f[2:] {
			n, err := strconv.ParseInt(field, 10, 64)
			if err != nil || n < 0 {
				return fmt.Errorf("invalid number %q for %s to %s", field, f[0], f[1])
			}
			numbers[i] = n
		}
		if table[f[0]] == nil {
			table[f[0]] = map[string]Rate{}
		}
		table[f[0]][f[1]] = Rate{FirstG: int(numbers[0]), FirstFen: numbers[1], StepG: int(numbers[2]), StepFen: numbers[3]}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rates: %w", err)
	}
	return table, nil
}

// shipment contains the facts of a parcel that courier rules test.
type shipment struct {
	province  string
	tags      []string
	weightG   int
	amountFen int64
	remarks   []string
}

func (rule CourierRule) matches(s shipment) bool {
	switch {
	case len(rule.Provinces) > 0 && !slices.Contains(rule.Provinces, s.province):
	case len(rule.Tags) > 0 && !slices.ContainsFunc(rule.Tags, func(t string) bool { return slices.Contains(s.tags, t) }):
	case rule.MinWeightG > 0 && s.weightG < rule.MinWeightG:
	case rule.MaxWeightG > 0 && s.weightG > rule.MaxWeightG:
	case rule.MinAmountFen > 0 && s.amountFen < rule.MinAmountFen:
	case rule.MaxAmountFen > 0 && s.amountFen > rule.MaxAmountFen:
	case len(rule.RemarkKeywords) > 0 && !containsAnyKeyword(s.remarks, rule.RemarkKeywords):
	default:
		return true
	}
	return false
}

// choice is a chosen courier with the parcel's estimated cost.
type choice struct {
	courier, service string
	costFen          int64
	costKnown        bool
}

// chooseCourier applies the first matching rule, or the default courier.
// It returns false when no rule matches and there is no default, or when
// the matching rule's cheapest list has no rate for the province.
func chooseCourier(cfg Config, s shipment) (choice, bool) {
	c := choice{courier: cfg.DefaultCourier, service: cfg.DefaultService}
	for _, rule := range cfg.CourierRules {
		if !rule.matches(s) {
			continue
		}
		if rule.Courier != "" {
			c = choice{courier: rule.Courier, service: rule.Service}
			break
		}
		cheapest, ok := cheapestCourier(cfg.Rates, rule.Cheapest, s)
		if !ok {
			return choice{}, false
		}
		c = cheapest
		c.service = rule.Service
		return c, true
	}
	if c.courier == "" {
		return choice{}, false
	}
	c.costFen, c.costKnown = cfg.Rates.Cost(c.courier, s.province, s.weightG)
	return c, true
}

// cheapestCourier returns the courier of candidates with the lowest cost,
// the earlier one on a tie.
func cheapestCourier(rates RateTable, candidates []string, s shipment) (choice, bool) {
	var best choice
	for _, courier := range candidates {
		cost, ok := rates.Cost(courier, s.province, s.weightG)
		if ok && (!best.costKnown || cost < best.costFen) {
			best = choice{courier: courier, costFen: cost, costKnown: true}
		}
	}
	return best, best.costKnown
}

// containsAnyKeyword reports whether any text contains any keyword,
// ignoring the case of Latin letters.
func containsAnyKeyword(texts, keywords []string) bool {
	return len(matchedKeywords(texts, keywords)) > 0
}

// matchedKeywords returns the keywords found in texts, in keyword order.
func matchedKeywords(texts, keywords []string) []string {
	var found []string
	for _, keyword := range keywords {
		lower := strings.ToLower(keyword)
		for _, text := range texts {
			if keyword != "" && strings.Contains(strings.ToLower(text), lower) {
				found = append(found, keyword)
				break
			}
		}
	}
	return found
}
