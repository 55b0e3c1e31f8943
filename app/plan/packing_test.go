package plan

import (
	"slices"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestPlan_PackingRules(t *testing.T) {
	tests := []struct {
		name      string
		lines     []string
		remark    string
		memo      string
		wantTags  []string
		wantFlags []string
	}{
		{"fragile SKU", []string{"MUG-350-WHT"}, "", "", []string{"易碎 轻拿轻放"}, nil},
		{"lines follow the rule order", []string{"CANDLE-FIG", "GLASS-400"}, "", "", []string{"易碎 轻拿轻放", "防压 勿重压"}, nil},
		{"SKU with two tags", []string{"YOGURT-1KG"}, "", "", []string{"防压 勿重压", "冷链 冷藏保存"}, nil},
		{"untagged SKU", []string{"PILLOW-LIN-GRY"}, "", "", nil, nil},
		{"gift remark raises two flags", []string{"PILLOW-LIN-GRY"}, "送人的，请不要放价格单🎁", "", nil, []string{"不要放价格单", "送人"}},
		{"seller memo flags too", []string{"PILLOW-LIN-GRY"}, "", "客户急用，优先发", nil, []string{"急用"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder("1", tt.lines...)
			o.BuyerWords, o.SellerWords = tt.remark, tt.memo
			o.PayAmount = 8000
			res := Plan([]store.Order{o}, loadRules(t))
			if len(res.Parcels) != 1 {
				t.Fatalf("parcels = %d, want 1", len(res.Parcels))
			}
			if got := res.Parcels[0].Tags; !slices.Equal(got, tt.wantTags) {
				t.Errorf("Tags = %q, want %q", got, tt.wantTags)
			}
			if got := res.Parcels[0].Flags; !slices.Equal(got, tt.wantFlags) {
				t.Errorf("Flags = %q, want %q", got, tt.wantFlags)
			}
		})
	}
}

func TestPlan_AddressWarningKeepsParcel(t *testing.T) {
	o := testOrder("1", "PILLOW-LIN-GRY")
	o.Receiver.Detail = "浙江省杭州市西湖区文三路1号"

	res := Plan([]store.Order{o}, loadRules(t))

	if len(res.Parcels) != 1 {
		t.Fatalf("parcels = %d, set aside %+v; want 1 parcel", len(res.Parcels), res.SetAside)
	}
	if got := res.Parcels[0].Warnings; !slices.Equal(got, []string{ReasonDetailRepeatsRegion}) {
		t.Errorf("Warnings = %q, want [%s]", got, ReasonDetailRepeatsRegion)
	}
}
