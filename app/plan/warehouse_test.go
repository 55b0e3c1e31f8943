package plan

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

// describe returns "WAREHOUSE:CODE*qty,CODE*qty" for a parcel.
func describe(p Parcel) string {
	var lines []string
	for _, item := range p.Items {
		lines = append(lines, fmt.Sprintf("%s*%d", item.Code, item.Qty))
	}
	return p.Warehouse + ":" + strings.Join(lines, ",")
}

func describeAll(parcels []Parcel) []string {
	var out []string
	for _, p := range parcels {
		out = append(out, describe(p))
	}
	return out
}

func TestPlan_WarehouseChoice(t *testing.T) {
	tests := []struct {
		name         string
		configure    func(*Config)
		orders       []store.Order
		want         []string // describe() of each parcel
		wantSetAside []string // reason of each set-aside group
	}{
		{
			name:   "nearest warehouse ships the whole parcel",
			orders: []store.Order{testOrder("1", "MUG-350-WHT")},
			want:   []string{"WH-HZ:MUG-350-WHT*1"},
		},
		{
			name:   "receiver in Guangdong gets the Guangzhou warehouse",
			orders: []store.Order{to(testOrder("1", "MUG-350-WHT"), "广东省", "深圳市", "南山区")},
			want:   []string{"WH-GZ:MUG-350-WHT*1"},
		},
		{
			name:   "SKU held by one far warehouse ships from there",
			orders: []store.Order{testOrder("1", "TRAY-L-WAL")},
			want:   []string{"WH-CD:TRAY-L-WAL*1"},
		},
		{
			name:   "nearest warehouse without one SKU loses to the next that has all",
			orders: []store.Order{testOrder("1", "MUG-350-WHT", "CLOTH-140")},
			want:   []string{"WH-GZ:MUG-350-WHT*1,CLOTH-140*1"},
		},
		{
			name:   "no single warehouse splits the parcel nearest first",
			orders: []store.Order{testOrder("1", "TRAY-L-WAL", "BOARD-BMB-M*2")},
			want:   []string{"WH-HZ:BOARD-BMB-M*2", "WH-CD:TRAY-L-WAL*1"},
		},
		{
			name:         "split across warehouses not allowed",
			configure:    func(c *Config) { c.AllowWarehouseSplit = false },
			orders:       []store.Order{testOrder("1", "TRAY-L-WAL", "BOARD-BMB-M")},
			wantSetAside: []string{ReasonSplitNotAllowed},
		},
		{
			name:         "SKU in no warehouse",
			orders:       []store.Order{testOrder("1", "UNKNOWN-SKU")},
			wantSetAside: []string{ReasonOutOfStock},
		},
		{
			name: "one line drawn from the nearest warehouse first",
			configure: func(c *Config) {
				c.Stock = Stock{"WH-HZ": {"GLASS-400": 2}, "WH-GZ": {"GLASS-400": 5}}
			},
			orders: []store.Order{testOrder("1", "GLASS-400*6")},
			want:   []string{"WH-HZ:GLASS-400*2", "WH-GZ:GLASS-400*4"},
		},
		{
			name: "earlier ship-by time gets the last units",
			configure: func(c *Config) {
				c.Stock = Stock{"WH-HZ": {"GLASS-400": 1}}
			},
			orders: func() []store.Order {
				late, early := testOrder("1", "GLASS-400"), testOrder("2", "GLASS-400")
				early.ExpShipTime = late.ExpShipTime.Add(-time.Hour)
				return []store.Order{late, early}
			}(),
			want:         []string{"WH-HZ:GLASS-400*1"},
			wantSetAside: []string{ReasonOutOfStock},
		},
		{
			name:      "no warehouses configured plans without stock",
			configure: func(c *Config) { c.Warehouses, c.Stock = nil, nil },
			orders:    []store.Order{testOrder("1", "UNKNOWN-SKU")},
			want:      []string{":UNKNOWN-SKU*1"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadRules(t)
			if tt.configure != nil {
				tt.configure(&cfg)
			}
			stockBefore := cfg.Stock.Clone()

			res := Plan(tt.orders, cfg)

			if got := describeAll(res.Parcels); !slices.Equal(got, tt.want) {
				t.Errorf("parcels = %q, want %q", got, tt.want)
			}
			var reasons []string
			for _, s := range res.SetAside {
				reasons = append(reasons, s.Reason)
			}
			if !slices.Equal(reasons, tt.wantSetAside) {
				t.Errorf("set-aside reasons = %q, want %q", reasons, tt.wantSetAside)
			}
			for warehouse := range stockBefore {
				if !maps.Equal(cfg.Stock[warehouse], stockBefore[warehouse]) {
					t.Errorf("Plan changed the configured stock of %s", warehouse)
				}
			}
		})
	}
}

func TestPlan_SplitPartsGetPackIDs(t *testing.T) {
	res := Plan([]store.Order{testOrder("42", "TRAY-L-WAL", "BOARD-BMB-M")}, loadRules(t))

	if len(res.Parcels) != 2 {
		t.Fatalf("parcels = %d, want 2", len(res.Parcels))
	}
	for i, p := range res.Parcels {
		wantID, wantPack := fmt.Sprintf("42-%d", i+1), ""
		if i > 0 {
			wantPack = fmt.Sprintf("P%d", i+1)
		}
		if p.ID != wantID || p.PackID != wantPack || p.ParcelNo != i+1 || p.ParcelCount != 2 {
			t.Errorf("part %d: id %s pack %q no %d/%d; want %s %q %d/2", i, p.ID, p.PackID, p.ParcelNo, p.ParcelCount, wantID, wantPack, i+1)
		}
	}
	if res.Split != 1 {
		t.Errorf("Split = %d, want 1", res.Split)
	}
}

func TestPlan_WeightSplit(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"three heavy boxes apart", "BOX-SET3*3", []string{"WH-HZ:BOX-SET3*1", "WH-HZ:BOX-SET3*1", "WH-HZ:BOX-SET3*1"}},
		{"two trays together and one apart", "TRAY-L-WAL*3", []string{"WH-CD:TRAY-L-WAL*2", "WH-CD:TRAY-L-WAL*1"}},
		{"at the limit stays whole", "BOARD-BMB-M*4", []string{"WH-HZ:BOARD-BMB-M*4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Plan([]store.Order{testOrder("1", tt.line)}, loadRules(t))
			if got := describeAll(res.Parcels); !slices.Equal(got, tt.want) {
				t.Errorf("parcels = %q, want %q", got, tt.want)
			}
		})
	}
}
