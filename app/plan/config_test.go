package plan

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/printstation/printstation/assets"
)

func TestLoadConfig_ReadsEveryRuleFile(t *testing.T) {
	cfg := loadRules(t)

	if got := len(cfg.Warehouses); got != 3 {
		t.Errorf("warehouses = %d, want 3", got)
	}
	if sku := cfg.SKUs["YOGURT-1KG"]; sku.WeightG != 1100 || !slices.Equal(sku.Tags, []string{"cold-chain", "crush"}) || sku.Location != "F-01-1" {
		t.Errorf("SKU YOGURT-1KG = %+v", sku)
	}
	if got := cfg.Stock.Available("WH-CD", "TRAY-L-WAL"); got != 1000000 {
		t.Errorf("stock of TRAY-L-WAL in WH-CD = %d, want 1000000", got)
	}
	if got := cfg.Rates["yuantong"]["广东省"]; got != (Rate{FirstG: 1000, FirstFen: 380, StepG: 1000, StepFen: 150}) {
		t.Errorf("yuantong rate to 广东省 = %+v", got)
	}
	if got := len(cfg.CourierRules); got != 6 {
		t.Errorf("courier rules = %d, want 6", got)
	}
	if !cfg.AutoMerge || !cfg.AllowWarehouseSplit || cfg.MaxParcelWeightG != 5000 || cfg.DefaultCourier != "zhongtong" {
		t.Errorf("settings = merge %v split %v max %d default %s", cfg.AutoMerge, cfg.AllowWarehouseSplit, cfg.MaxParcelWeightG, cfg.DefaultCourier)
	}
}

func TestLoadConfig_RejectsBadFiles(t *testing.T) {
	tests := []struct {
		dir     string
		mention string // a word the error must name
	}{
		{"testdata/no-plan", "plan.json"},
		{"testdata/bad-stock-warehouse", "WH-XX"},
		{"testdata/bad-rate", "5.5"},
		{"testdata/bad-rule", "空规则"},
		{"testdata/bad-weight", "heavy"},
		{"testdata/bad-warehouse", "浙江"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			_, err := LoadConfig(tt.dir)
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, want ErrConfig", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("err = %v, want it to name %q", err, tt.mention)
			}
		})
	}
}

func TestStock_CSVRoundTrip(t *testing.T) {
	in := "warehouse,sku,qty\nWH-B,X,1\nWH-A,Y,2\nWH-A,X,3\nWH-A,X,4\n"
	stock, err := ReadStockCSV(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ReadStockCSV: %v", err)
	}
	var out strings.Builder
	if err := stock.WriteCSV(&out); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	if want := "warehouse,sku,qty\nWH-A,X,7\nWH-A,Y,2\nWH-B,X,1\n"; out.String() != want {
		t.Errorf("WriteCSV = %q, want %q", out.String(), want)
	}
	if _, err := ReadStockCSV(strings.NewReader("warehouse,sku,qty\nWH-A,X,-1\n")); !errors.Is(err, ErrConfig) {
		t.Errorf("negative qty: err = %v, want ErrConfig", err)
	}
}

func TestStock_ReserveIsAllOrNothing(t *testing.T) {
	stock := Stock{"WH-A": {"X": 3, "Y": 1}}
	items := []Item{{Code: "X", Qty: 2}, {Code: "Y", Qty: 1}, {Code: "X", Qty: 1}}

	if err := stock.Reserve("WH-A", items); err != nil {
		t.Fatalf("first Reserve: %v", err)
	}
	if stock.Available("WH-A", "X") != 0 || stock.Available("WH-A", "Y") != 0 {
		t.Errorf("after Reserve: %v, want X 0 and Y 0", stock)
	}

	stock.Release("WH-A", items[:2])
	before := maps.Clone(stock["WH-A"])
	if err := stock.Reserve("WH-A", items); !errors.Is(err, ErrInsufficientStock) {
		t.Errorf("second Reserve: err = %v, want ErrInsufficientStock", err)
	}
	if !maps.Equal(stock["WH-A"], before) {
		t.Errorf("a failed Reserve changed the stock: %v, was %v", stock["WH-A"], before)
	}
}

func TestTranslations_CoverEveryReason(t *testing.T) {
	for _, file := range []string{"plan.en.json", "plan.zh-Hans.json"} {
		raw, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + file)
		if err != nil {
			t.Fatalf("read %s: %v", file, err)
		}
		var messages map[string]string
		if err := json.Unmarshal(raw, &messages); err != nil {
			t.Fatalf("parse %s: %v", file, err)
		}
		for _, reason := range allReasons {
			if messages[TranslationKey(reason)] == "" {
				t.Errorf("%s has no text for %s", file, TranslationKey(reason))
			}
		}
		if len(messages) != len(allReasons) {
			t.Errorf("%s has %d keys, want one per reason (%d)", file, len(messages), len(allReasons))
		}
	}
}
