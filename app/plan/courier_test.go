package plan

import (
	"testing"

	"github.com/printstation/printstation/store"
)

func TestPlan_CourierRules(t *testing.T) {
	order := func(amount int64, remark string, lines ...string) store.Order {
		o := testOrder("1", lines...)
		o.PayAmount, o.BuyerWords = amount, remark
		return o
	}
	tests := []struct {
		name        string
		configure   func(*Config)
		order       store.Order
		wantCourier string
		wantService string
		wantCost    int64
	}{
		{"low value picks the cheaper of two", nil, order(3000, "", "MUG-350-WHT"), "jtexpress", "标快", 330},
		{"valuable fragile goes by SF", nil, order(20000, "", "MUG-350-WHT"), "shunfeng", "标快", 1200},
		{"buyer asks for SF in Chinese", nil, order(3000, "麻烦发顺丰，谢谢", "PILLOW-LIN-GRY"), "shunfeng", "标快", 1200},
		{"buyer asks for SF in Latin letters", nil, order(3000, "please ship by sf", "PILLOW-LIN-GRY"), "shunfeng", "标快", 1200},
		{"cold chain wins over a later rule", nil, order(3000, "发顺丰", "YOGURT-1KG"), "shunfeng", "冷运", 1600},
		{"remote province", nil, to(order(3000, "", "PILLOW-LIN-GRY"), "新疆维吾尔自治区", "乌鲁木齐市", "天山区"), "yuantong", "标快", 1500},
		{"heavy parcel in Zhejiang", nil, order(20000, "", "BOARD-BMB-M*3"), "zhongtong", "标快", 650},
		{"heavy parcel in Guangdong", nil, to(order(20000, "", "BOARD-BMB-M*3"), "广东省", "深圳市", "南山区"), "jtexpress", "标快", 730},
		{"no rule matches, default courier", nil, order(8000, "", "PILLOW-LIN-GRY"), "zhongtong", "标快", 350},
		{"cheapest skips a courier without a rate", nil, to(order(3000, "", "PILLOW-LIN-GRY"), "河南省", "郑州市", "金水区"), "zhongtong", "标快", 500},
		{"default courier without a rate has no cost", func(c *Config) { c.DefaultCourier = "debang" }, order(8000, "", "PILLOW-LIN-GRY"), "debang", "标快", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadRules(t)
			if tt.configure != nil {
				tt.configure(&cfg)
			}
			res := Plan([]store.Order{tt.order}, cfg)
			if len(res.Parcels) != 1 {
				t.Fatalf("parcels = %d (set aside %+v), want 1", len(res.Parcels), res.SetAside)
			}
			p := res.Parcels[0]
			if p.Courier != tt.wantCourier || p.Service != tt.wantService {
				t.Errorf("courier = %s %s, want %s %s", p.Courier, p.Service, tt.wantCourier, tt.wantService)
			}
			if p.CostFen != tt.wantCost {
				t.Errorf("cost = %d fen, want %d", p.CostFen, tt.wantCost)
			}
			if p.CostKnown != (tt.wantCost > 0) {
				t.Errorf("CostKnown = %v, want %v", p.CostKnown, tt.wantCost > 0)
			}
			if res.TotalCostFen != tt.wantCost {
				t.Errorf("TotalCostFen = %d, want %d", res.TotalCostFen, tt.wantCost)
			}
		})
	}
}

func TestPlan_NoCourierSetsAside(t *testing.T) {
	cfg := loadRules(t)
	cfg.DefaultCourier = ""
	cfg.Stock = Stock{"WH-HZ": {"PILLOW-LIN-GRY": 1}}
	// 80 yuan of pillows match no rule, so only the default could ship them.
	first, second := testOrder("1", "PILLOW-LIN-GRY"), testOrder("2", "PILLOW-LIN-GRY")
	first.PayAmount, second.PayAmount = 8000, 8000

	res := Plan([]store.Order{first}, cfg)

	if len(res.Parcels) != 0 || len(res.SetAside) != 1 || res.SetAside[0].Reason != ReasonNoCourier {
		t.Fatalf("parcels %d, set aside %+v; want one set aside for %s", len(res.Parcels), res.SetAside, ReasonNoCourier)
	}
	// The stock taken for the parcel goes back, so a later order can use it.
	res = Plan([]store.Order{first, second}, cfg)
	if len(res.SetAside) != 2 || res.SetAside[1].Reason != ReasonNoCourier {
		t.Errorf("second order set aside as %+v, want %s (stock released)", res.SetAside, ReasonNoCourier)
	}
}

func TestRateCost(t *testing.T) {
	rate := Rate{FirstG: 1000, FirstFen: 500, StepG: 500, StepFen: 100}
	tests := []struct {
		weightG int
		want    int64
	}{
		{0, 500}, {1000, 500}, {1001, 600}, {1500, 600}, {1501, 700}, {3000, 900},
	}
	for _, tt := range tests {
		if got := rate.Cost(tt.weightG); got != tt.want {
			t.Errorf("Cost(%d g) = %d, want %d", tt.weightG, got, tt.want)
		}
	}
	if got := (Rate{FirstG: 1000, FirstFen: 500}).Cost(5000); got != 500 {
		t.Errorf("Cost without a step = %d, want the first-weight price 500", got)
	}
}

func TestRateTable_FallsBackToEveryProvince(t *testing.T) {
	rates := loadRules(t).Rates
	tests := []struct {
		courier, province string
		want              int64
		wantOK            bool
	}{
		{"zhongtong", "浙江省", 350, true},
		{"zhongtong", "河南省", 500, true},
		{"jtexpress", "河南省", 0, false},
		{"debang", "浙江省", 0, false},
	}
	for _, tt := range tests {
		got, ok := rates.Cost(tt.courier, tt.province, 800)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Cost(%s, %s) = %d, %v; want %d, %v", tt.courier, tt.province, got, ok, tt.want, tt.wantOK)
		}
	}
}
