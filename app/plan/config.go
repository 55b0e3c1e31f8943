package plan

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is everything the planner decides by. Without warehouses every
// parcel ships from "" with no stock check, and without rates its cost is
// unknown. DefaultCourier or a catch-all rule is needed: a parcel that no
// rule matches and no default covers is set aside with ReasonNoCourier.
type Config struct {
	// Warehouses in priority order: of two warehouses at the same distance
	// the earlier one ships.
	Warehouses []Warehouse
	// Stock is the units per warehouse and SKU; Plan never changes it.
	Stock Stock
	// SKUs by merchant SKU code (store.Item.Code).
	SKUs map[string]SKU

	// CourierRules are tried in order; the first that matches chooses.
	CourierRules   []CourierRule
	DefaultCourier string
	DefaultService string
	Rates          RateTable

	Packing PackingRules

	// AutoMerge merges the orders of one buyer into one parcel; without it
	// they are planned apart and listed in Result.MergeProposals.
	AutoMerge bool
	// AllowWarehouseSplit lets a parcel that no single warehouse can fill
	// ship from several; without it such a parcel is set aside.
	AllowWarehouseSplit bool
	// MaxParcelWeightG splits a heavier parcel into boxes; 0 means no limit.
	MaxParcelWeightG int
	// DefaultItemWeightG is the weight of a SKU missing from SKUs.
	DefaultItemWeightG int

	// Divisions checks addresses and measures warehouse distances; nil
	// means DefaultDivisions.
	Divisions *Divisions
}

// Warehouse is a place parcels ship from.
type Warehouse struct {
	Code     string
	Name     string
	Province string // GB/T 2260 name, used for the distance to a receiver
}

// SKU is the planner's data on one merchant SKU code.
type SKU struct {
	WeightG  int
	Tags     []string // such as "fragile" or "cold-chain"; see PackingRules
	Location string   // pick location (shelf and bin) that sorts pick lists
}

// settingsFile is the JSON shape of plan.json.
type settingsFile struct {
	DefaultCourier      string        `json:"default_courier"`
	DefaultService      string        `json:"default_service"`
	AutoMerge           bool          `json:"auto_merge"`
	AllowWarehouseSplit bool          `json:"allow_warehouse_split"`
	MaxParcelWeightG    int           `json:"max_parcel_weight_g"`
	DefaultItemWeightG  int           `json:"default_item_weight_g"`
	CourierRules        []CourierRule `json:"courier_rules"`
	Packing             PackingRules  `json:"packing"`
}

// LoadConfig reads the rule files of a folder:
//
//	plan.json       settings, courier rules and packing rules (required)
//	warehouses.csv  code,name,province
//	skus.csv        code,weight_g,tags,location   (tags separated by '|')
//	stock.csv       warehouse,sku,qty
//	rates.csv       courier,province,first_g,first_fen,step_g,step_fen
//
// Each CSV file starts with its header line and may be absent. Errors wrap
// ErrConfig with the file and line.
func LoadConfig(dir string) (Config, error) {
	var cfg Config

	raw, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		return cfg, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	var settings settingsFile
	if err := json.Unmarshal(raw, &settings); err != nil {
		return cfg, fmt.Errorf("%w: plan.json: %w", ErrConfig, err)
	}
	cfg.DefaultCourier, cfg.DefaultService = settings.DefaultCourier, settings.DefaultService
	cfg.AutoMerge, cfg.AllowWarehouseSplit = settings.AutoMerge, settings.AllowWarehouseSplit
	cfg.MaxParcelWeightG, cfg.DefaultItemWeightG = settings.MaxParcelWeightG, settings.DefaultItemWeightG
	cfg.CourierRules, cfg.Packing = settings.CourierRules, settings.Packing

	err = readCSVFile(dir, "warehouses.csv", 3, func(f []string) error {
		cfg.Warehouses = append(cfg.Warehouses, Warehouse{Code: f[0], Name: f[1], Province: f[2]})
		return nil
	})
	if err != nil {
		return cfg, err
	}

	cfg.SKUs = map[string]SKU{}
	err = readCSVFile(dir, "skus.csv", 4, func(f []string) error {
		weight, err := strconv.Atoi(f[1])
		if err != nil || weight < 0 {
			return fmt.Errorf("invalid weight_g %q", f[1])
		}
		sku := SKU{WeightG: weight, Location: f[3]}
		if f[2] != "" {
			sku.Tags = strings.Split(f[2], "|")
		}
		cfg.SKUs[f[0]] = sku
		return nil
	})
	if err != nil {
		return cfg, err
	}

	if cfg.Stock, err = openStock(dir); err != nil {
		return cfg, err
	}
	if cfg.Rates, err = openRates(dir); err != nil {
		return cfg, err
	}
	return cfg, cfg.validate()
}

// validate checks the references between the files.
func (cfg Config) validate() error {
	known := map[string]bool{}
	divisions := cfg.divisions()
	for _, w := range cfg.Warehouses {
		if !divisions.HasProvince(w.Province) {
			return fmt.Errorf("%w: warehouses.csv: warehouse %s: unknown province %q", ErrConfig, w.Code, w.Province)
		}
		known[w.Code] = true
	}
	for warehouse := range cfg.Stock {
		if !known[warehouse] {
			return fmt.Errorf("%w: stock.csv: unknown warehouse %q; add it to warehouses.csv", ErrConfig, warehouse)
		}
	}
	for i, rule := range cfg.CourierRules {
		if rule.Courier == "" && len(rule.Cheapest) == 0 {
			return fmt.Errorf("%w: plan.json: courier rule %d (%s) names no courier and no cheapest list", ErrConfig, i+1, rule.Name)
		}
	}
	return nil
}

func (cfg Config) divisions() *Divisions {
	if cfg.Divisions != nil {
		return cfg.Divisions
	}
	return DefaultDivisions()
}

func openStock(dir string) (Stock, error) {
	f, err := os.Open(filepath.Join(dir, "stock.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		return Stock{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	defer f.Close()
	stock, err := ReadStockCSV(f)
	if err != nil {
		return nil, fmt.Errorf("stock.csv: %w", err)
	}
	return stock, nil
}

func openRates(dir string) (RateTable, error) {
	f, err := os.Open(filepath.Join(dir, "rates.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		return RateTable{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	defer f.Close()
	rates, err := ReadRatesCSV(f)
	if err != nil {
		return nil, fmt.Errorf("rates.csv: %w", err)
	}
	return rates, nil
}

// readCSVFile calls row for each data line of an optional CSV file.
func readCSVFile(dir, name string, fields int, row func([]string) error) error {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	defer f.Close()
	if err := readCSV(f, fields, row); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readCSV skips the header line and calls row for each other line, which
// must have exactly fields fields. Errors wrap ErrConfig with the line.
func readCSV(r io.Reader, fields int, row func([]string) error) error {
	reader := csv.NewReader(r)
	reader.FieldsPerRecord = fields
	reader.TrimLeadingSpace = true
	first := true
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
		if first {
			first = false
			continue
		}
		for i := range record {
			record[i] = strings.TrimSpace(record[i])
		}
		if err := row(record); err != nil {
			line, _ := reader.FieldPos(0)
			return fmt.Errorf("%w: line %d: %w", ErrConfig, line, err)
		}
	}
}
