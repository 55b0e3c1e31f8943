package plan

import (
	"slices"
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

func TestSearchIndex(t *testing.T) {
	tests := []struct{ cipher, want string }{
		{"#L2kN#Qm9ZWmE0dVJ3bk1QcWFwZg==#2##", "L2kN"},
		{"$13811$TUxLcGx3S2x6ZHI5YmJhWQ==$1$$", "13811"},
		{"plain text", "plain text"},
		{"##no index#", "##no index#"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := searchIndex(tt.cipher); got != tt.want {
			t.Errorf("searchIndex(%q) = %q, want %q", tt.cipher, got, tt.want)
		}
	}
}

func TestPlan_Merge(t *testing.T) {
	first := testOrder("1", "MUG-350-WHT")
	first.BuyerWords, first.SellerWords = "颜色要和图片一样的哦~", "老客户"
	second := sameBuyer(testOrder("2", "CANDLE-FIG*2"), first)
	second.BuyerWords = "尽快发货，周末要用"
	second.ExpShipTime = first.ExpShipTime.Add(-time.Hour)

	tests := []struct {
		name          string
		autoMerge     bool
		orders        []store.Order
		wantOrders    [][]string // OrderIDs of each parcel
		wantProposals [][]string
		wantSetAside  int
	}{
		{"one buyer's orders merge, earliest ship-by first", true,
			[]store.Order{first, second}, [][]string{{"2", "1"}}, nil, 0},
		{"new ciphertext payload with the same search index merges", true,
			[]store.Order{first, func() store.Order {
				o := sameBuyer(testOrder("2", "GLASS-400"), first)
				o.Receiver.NameCipher = "#Nm1#b3RoZXI=#2##"
				o.Receiver.PhoneCipher = "$13811$b3RoZXI=$1$$"
				o.Receiver.DetailCipher = "#Dt1#b3RoZXI=#1##"
				return o
			}()}, [][]string{{"1", "2"}}, nil, 0},
		{"another receiver does not merge", true,
			[]store.Order{first, testOrder("3", "GLASS-400")}, [][]string{{"1"}, {"3"}}, nil, 0},
		{"another shop does not merge", true,
			[]store.Order{first, func() store.Order { o := sameBuyer(testOrder("2", "GLASS-400"), first); o.ShopID = 1; return o }()},
			[][]string{{"1"}, {"2"}}, nil, 0},
		{"another district does not merge", true,
			[]store.Order{first, to(sameBuyer(testOrder("2", "GLASS-400"), first), "浙江省", "杭州市", "余杭区")},
			[][]string{{"1"}, {"2"}}, nil, 0},
		{"plaintext and ciphertext do not merge", true,
			[]store.Order{first, func() store.Order {
				o := sameBuyer(testOrder("2", "GLASS-400"), first)
				o.Receiver.Name, o.Receiver.Phone, o.Receiver.Detail = "王伟", "13811112222", "文三路1号"
				return o
			}()}, [][]string{{"1"}, {"2"}}, nil, 0},
		{"refunded order is left out", true,
			[]store.Order{first, func() store.Order { o := second; o.Refund = true; return o }()}, [][]string{{"1"}}, nil, 0},
		{"order with a bad address is set aside, not merged", true,
			[]store.Order{first, func() store.Order { o := second; o.Receiver.District = ""; return o }()}, [][]string{{"1"}}, nil, 1},
		{"without auto merge the orders are proposed", false,
			[]store.Order{first, second}, [][]string{{"2"}, {"1"}}, [][]string{{"2", "1"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadRules(t)
			cfg.AutoMerge = tt.autoMerge

			res := Plan(tt.orders, cfg)

			var got [][]string
			for _, p := range res.Parcels {
				got = append(got, p.OrderIDs)
			}
			if !slices.EqualFunc(got, tt.wantOrders, slices.Equal) {
				t.Errorf("parcel orders = %q, want %q", got, tt.wantOrders)
			}
			if !slices.EqualFunc(res.MergeProposals, tt.wantProposals, slices.Equal) {
				t.Errorf("MergeProposals = %q, want %q", res.MergeProposals, tt.wantProposals)
			}
			if len(res.SetAside) != tt.wantSetAside {
				t.Errorf("set aside %+v, want %d", res.SetAside, tt.wantSetAside)
			}
		})
	}
}

func TestPlan_MergedParcelCarriesEveryItemAndRemark(t *testing.T) {
	first := testOrder("1", "MUG-350-WHT")
	first.BuyerWords, first.SellerWords = "颜色要和图片一样的哦~", "老客户"
	second := sameBuyer(testOrder("2", "CANDLE-FIG*2"), first)
	second.BuyerWords = "颜色要和图片一样的哦~"
	third := sameBuyer(testOrder("3", "GLASS-400"), first)
	third.BuyerWords = "尽快发货"

	res := Plan([]store.Order{first, second, third}, loadRules(t))

	if len(res.Parcels) != 1 {
		t.Fatalf("parcels = %d, want 1", len(res.Parcels))
	}
	p := res.Parcels[0]
	if got, want := describe(p), "WH-HZ:MUG-350-WHT*1,CANDLE-FIG*2,GLASS-400*1"; got != want {
		t.Errorf("items = %s, want %s", got, want)
	}
	if want := []string{"颜色要和图片一样的哦~", "老客户", "尽快发货"}; !slices.Equal(p.Remarks, want) {
		t.Errorf("Remarks = %q, want %q", p.Remarks, want)
	}
	if p.AmountFen != 9000 {
		t.Errorf("AmountFen = %d, want the three orders' 9000", p.AmountFen)
	}
	if want := []string{"易碎 轻拿轻放", "防压 勿重压"}; !slices.Equal(p.Tags, want) {
		t.Errorf("Tags = %q, want %q", p.Tags, want)
	}
	if res.Merged != 1 {
		t.Errorf("Merged = %d, want 1", res.Merged)
	}
}
