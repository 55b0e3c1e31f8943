package plan

import "testing"

// BenchmarkPlan10000 plans the simulator's 10,000 seeded orders plus the
// injected ones (10,789 in all) with testdata/rules.
func BenchmarkPlan10000(b *testing.B) {
	shop := newSimulatedShop(10000, 8)
	cfg := loadRules(b)
	b.ReportAllocs()
	for b.Loop() {
		Plan(shop.orders, cfg)
	}
}
