package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/app/plan"
	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/escpos"
	"github.com/printstation/printstation/printer/label"
	"github.com/printstation/printstation/printer/tspl"
	"github.com/printstation/printstation/store"
)

// Setup is everything a station needs to run, as read from a JSON config
// file and command-line flags.
type Setup struct {
	Shop ShopSetup `json:"shop"`
	// Shops are more shops printed by the same station, each with its own
	// credentials; they share the store, the printer and the sender.
	Shops []ShopSetup `json:"shops,omitempty"`
	// Courier is the logistics code waybills are requested from.
	Courier string `json:"courier"`
	Sender  Sender `json:"sender"`
	// Printer is a printer address: "tcp://host:9100", "usb://VID:PID" or
	// a folder for the virtual printer.
	Printer string `json:"printer"`
	// Printers are more printers of the same station: a batch is split
	// across all of them; reprints go to Printer.
	Printers []string `json:"printers,omitempty"`
	// Language is the printer's command language: "tspl" (default) or
	// "escpos"; Profile and ESCPOS are how the printer takes each.
	Language string         `json:"language,omitempty"`
	Profile  tspl.Profile   `json:"profile"`
	ESCPOS   escpos.Profile `json:"escpos,omitempty"`
	// Template names the waybill template: 76x130 (default), 100x180,
	// 100x150, or one of TemplatesDir.
	Template     string `json:"template,omitempty"`
	TemplatesDir string `json:"templates_dir,omitempty"`
	// CourierTemplates names another template for a courier's parcels,
	// e.g. {"shunfeng": "100x150"}.
	CourierTemplates map[string]string `json:"courier_templates,omitempty"`
	// PrinterTemplates names the only template a printer takes, by its
	// address as in Printer or Printers, for a printer loaded with that
	// label size. A printer not named takes any.
	PrinterTemplates map[string]string `json:"printer_templates,omitempty"`
	// Store is the path of the station's bbolt file.
	Store        string `json:"store"`
	MaskReceiver bool   `json:"mask_receiver"`
	// AutoMerge merges the orders of one receiver into one parcel.
	AutoMerge bool `json:"auto_merge"`
	// PushAddr is the address the window receives the shop's push
	// messages on, for example "127.0.0.1:8901" behind the tunnel or
	// reverse proxy the platform's push URL points to; empty receives none.
	PushAddr string `json:"push_addr,omitempty"`
	// PlanDir is a folder of planner rules (warehouses, stock, SKUs, courier
	// rules, rates; see app/plan); empty plans one parcel per order with
	// Courier.
	PlanDir string `json:"plan_dir,omitempty"`
	// Preview stores a PNG preview with every job sent to a virtual
	// printer; real printers ignore it.
	Preview bool `json:"preview"`
}

// ShopSetup is the connection to one shop of the Douyin open platform.
type ShopSetup struct {
	BaseURL    string `json:"base_url"`
	AppKey     string `json:"app_key"`
	AppSecret  string `json:"app_secret"`
	ShopID     int64  `json:"shop_id"`
	SignMethod string `json:"sign_method,omitempty"`
	// TimeoutMS is the timeout of one request in milliseconds; 0 means the
	// client's default of 12 s.
	TimeoutMS int `json:"timeout_ms,omitempty"`
}

// loadTemplates returns the station's waybill template (nil for the
// built-in 76×130) and the courier templates, checking that every template
// a setting names exists.
func loadTemplates(setup Setup) (*label.Template, map[string]*label.Template, error) {
	names := []string{setup.Template}
	for _, name := range setup.CourierTemplates {
		names = append(names, name)
	}
	for _, name := range setup.PrinterTemplates {
		names = append(names, name)
	}
	if strings.Join(names, "") == "" {
		return nil, nil, nil
	}
	set, err := label.LoadTemplates(setup.TemplatesDir)
	if err != nil {
		return nil, nil, err
	}
	for _, name := range names {
		if name == "" {
			continue
		}
		if _, err := set.Get(name); err != nil {
			return nil, nil, err
		}
	}

	var template *label.Template
	if setup.Template != "" {
		t, _ := set.Get(setup.Template)
		template = &t
	}
	byCourier := map[string]*label.Template{}
	for courier, name := range setup.CourierTemplates {
		t, _ := set.Get(name)
		byCourier[courier] = &t
	}
	return template, byCourier, nil
}

// inheritApp fills the gateway and the app credentials of an extra shop
// from the main one: one open-platform app usually serves all the shops.
func (s ShopSetup) inheritApp(main ShopSetup) ShopSetup {
	if s.BaseURL == "" {
		s.BaseURL = main.BaseURL
	}
	if s.AppKey == "" && s.AppSecret == "" {
		s.AppKey, s.AppSecret, s.SignMethod = main.AppKey, main.AppSecret, main.SignMethod
	}
	if s.TimeoutMS == 0 {
		s.TimeoutMS = main.TimeoutMS
	}
	return s
}

// ErrIncompleteSetup is returned by Open when a required setting is empty.
var ErrIncompleteSetup = errors.New("incomplete setup")

// LoadSetup reads a JSON config file. A byte-order mark (Windows Notepad
// writes one) is skipped, an unknown key is an error naming it, and a path
// starting with "~/" is taken from the home folder.
func LoadSetup(path string) (Setup, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Setup{}, fmt.Errorf("read config: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var s Setup
	if err := dec.Decode(&s); err != nil {
		return Setup{}, fmt.Errorf("parse config %s: %w", path, err)
	}
	s.Store = ExpandHome(s.Store)
	s.Printer = ExpandHome(s.Printer)
	s.PlanDir = ExpandHome(s.PlanDir)
	s.TemplatesDir = ExpandHome(s.TemplatesDir)
	return s, nil
}

// ExpandHome replaces a leading "~/" with the user's home folder.
func ExpandHome(path string) string {
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}

// validate returns ErrIncompleteSetup naming every required setting that
// is empty, so a new config is fixed in one go.
func (s Setup) validate() error {
	var missing []string
	need := func(name, value string) {
		if strings.TrimSpace(value) == "" {
			missing = append(missing, name)
		}
	}

	need("shop.base_url", s.Shop.BaseURL)
	need("shop.app_key", s.Shop.AppKey)
	need("shop.app_secret", s.Shop.AppSecret)
	if s.Shop.ShopID == 0 {
		missing = append(missing, "shop.shop_id")
	}
	for i, shop := range s.Shops {
		if shop.ShopID == 0 {
			missing = append(missing, fmt.Sprintf("shops[%d].shop_id", i))
		}
	}

	need("printer", s.Printer)
	need("store", s.Store)
	need("courier", s.Courier)

	// The sender is printed on every label and sent with every waybill
	// request; a courier will not take a parcel without it.
	need("sender.name", s.Sender.Name)
	need("sender.mobile", s.Sender.Mobile)
	need("sender.province", s.Sender.Province)
	need("sender.city", s.Sender.City)
	need("sender.detail", s.Sender.Detail)

	if len(missing) > 0 {
		return fmt.Errorf("%w: %s required", ErrIncompleteSetup, strings.Join(missing, ", "))
	}
	return nil
}

// Runtime is a station wired to its store, shop client and printer.
// Station and Client are those of Setup.Shop; Stations has one station per
// shop, Setup.Shop's first, then those of Setup.Shops.
type Runtime struct {
	Station  *Station
	Stations []*Station
	DB       *store.DB
	Client   *doudian.Client
	Printer  printer.Transport
	// Extra are the printers of Setup.Printers.
	Extra []printer.Transport
	Setup Setup
}

// Close closes the printers and the store.
func (r *Runtime) Close() error {
	errs := []error{r.Printer.Close()}
	for _, p := range r.Extra {
		errs = append(errs, p.Close())
	}
	return errors.Join(append(errs, r.DB.Close())...)
}

// Open wires a station from setup: it opens the store and the printer,
// and connects to the shop with the stored token, creating or refreshing
// it when needed.
func Open(ctx context.Context, setup Setup, logger zerolog.Logger) (*Runtime, error) {
	if setup.Store == "" {
		return nil, fmt.Errorf("%w: store is required", ErrIncompleteSetup)
	}
	db, err := store.Open(setup.Store)
	if err != nil {
		return nil, err
	}
	saved, err := LoadSettings(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	setup = saved.applyTo(setup)
	if err := setup.validate(); err != nil {
		db.Close()
		return nil, err
	}

	prn, err := printer.Open(setup.Printer)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open printer %s: %w", setup.Printer, err)
	}

	rt := &Runtime{DB: db, Printer: prn, Setup: setup}
	for _, addr := range setup.Printers {
		extra, err := printer.Open(ExpandHome(addr))
		if err != nil {
			rt.Close()
			return nil, fmt.Errorf("open printer %s: %w", addr, err)
		}
		rt.Extra = append(rt.Extra, extra)
	}
	shops := []ShopSetup{setup.Shop}
	for _, shop := range setup.Shops {
		shops = append(shops, shop.inheritApp(setup.Shop))
	}
	clients := make([]*doudian.Client, 0, len(shops))
	for _, shop := range shops {
		client := newShopClient(db, shop, logger)
		if err := connect(ctx, db, client, shop.ShopID); err != nil {
			rt.Close()
			return nil, err
		}
		clients = append(clients, client)
	}
	rt.Client = clients[0]

	template, courierTemplates, err := loadTemplates(setup)
	if err != nil {
		rt.Close()
		return nil, err
	}
	if setup.Language != "" && setup.Language != LanguageTSPL && setup.Language != LanguageESCPOS {
		rt.Close()
		return nil, fmt.Errorf("%w: language %q is not tspl or escpos", ErrIncompleteSetup, setup.Language)
	}

	var rules *plan.Config
	if setup.PlanDir != "" {
		cfg, err := plan.LoadConfig(setup.PlanDir)
		if err != nil {
			rt.Close()
			return nil, err
		}
		cfg.AutoMerge = cfg.AutoMerge || setup.AutoMerge
		rules = &cfg
	}

	for i, shop := range shops {
		st := New(Config{
			Plan:             rules,
			Language:         setup.Language,
			ESCPOS:           setup.ESCPOS,
			Template:         template,
			CourierTemplates: courierTemplates,
			ShopID:           shop.ShopID,
			Courier:          setup.Courier,
			Sender:           setup.Sender,
			Profile:          setup.Profile,
			MaskReceiver:     setup.MaskReceiver,
			Preview:          setup.Preview,
			AutoMerge:        setup.AutoMerge,
			DueSoonWithin:    saved.DueSoon,
			Logger:           logger.With().Int64("shop", shop.ShopID).Logger(),
		}, db, clients[i], prn)
		for _, extra := range rt.Extra {
			st.AddPrinter(extra)
		}
		for j, addr := range append([]string{setup.Printer}, setup.Printers...) {
			st.SetPrinterTemplate(j, setup.PrinterTemplates[addr])
		}
		rt.Stations = append(rt.Stations, st)
	}
	rt.Station = rt.Stations[0]

	// A profile the encoder rejects (an unsupported dpi or encoding) fails
	// here, before any waybill of a batch is requested.
	if _, err := rt.Station.encodeLabel(label.Label{Width: 76, Height: 130}); err != nil {
		rt.Close()
		return nil, fmt.Errorf("printer profile: %w", err)
	}
	return rt, nil
}

// applyTo overrides setup with what a packer saved in the settings screen:
// the sender, the first courier, masking, and the credentials of the
// setup's shop when the setup has none. Empty settings change nothing.
func (s Settings) applyTo(setup Setup) Setup {
	if s.Sender.Name != "" {
		setup.Sender = s.Sender
	}
	if len(s.Couriers) > 0 && s.Couriers[0].Code != "" {
		setup.Courier = s.Couriers[0].Code
	}
	setup.MaskReceiver = setup.MaskReceiver || s.MaskReceiver
	for _, shop := range s.Shops {
		if shop.ID == setup.Shop.ShopID && setup.Shop.AppKey == "" && setup.Shop.AppSecret == "" {
			setup.Shop.AppKey, setup.Shop.AppSecret = shop.AppKey, shop.AppSecret
		}
	}
	return setup
}

// tokenRefreshMargin is how long before its expiry an access token is
// refreshed.
const tokenRefreshMargin = 24 * time.Hour

// newShopClient returns the client of one shop, which saves every token it
// obtains in the store.
func newShopClient(db *store.DB, shop ShopSetup, logger zerolog.Logger) *doudian.Client {
	tokenKey := tokenSettingKey(shop.ShopID)
	return doudian.New(doudian.Config{
		BaseURL:    shop.BaseURL,
		AppKey:     shop.AppKey,
		AppSecret:  shop.AppSecret,
		ShopID:     shop.ShopID,
		SignMethod: shop.SignMethod,
		Timeout:    time.Duration(shop.TimeoutMS) * time.Millisecond,
		Logger:     logger,
		OnToken: func(t doudian.Token) {
			raw, _ := json.Marshal(t)
			if err := db.Update(func(tx *store.Tx) error { return tx.PutSetting(tokenKey, string(raw)) }); err != nil {
				logger.Error().Err(err).Int64("shop", shop.ShopID).Msg("save shop token")
			}
		},
	})
}

func tokenSettingKey(shopID int64) string { return "token/" + strconv.FormatInt(shopID, 10) }

// connect loads the stored token of a shop and creates or refreshes it as
// needed. A shop that cannot be reached is not an error here: the station
// starts offline and can still print parcels that have waybills.
func connect(ctx context.Context, db *store.DB, client *doudian.Client, shopID int64) error {
	var stored doudian.Token
	_ = db.View(func(tx *store.Tx) error {
		if raw := tx.Setting(tokenSettingKey(shopID)); raw != "" {
			_ = json.Unmarshal([]byte(raw), &stored)
		}
		return nil
	})
	now := time.Now()
	var err error
	switch {
	case stored.AccessToken == "" || now.After(stored.RefreshExpiresAt):
		_, err = client.CreateToken(ctx)
	case now.Add(tokenRefreshMargin).After(stored.ExpiresAt):
		client.SetToken(stored)
		_, err = client.RefreshToken(ctx)
	default:
		client.SetToken(stored)
	}
	if err != nil && !doudian.IsRetryable(err) {
		return fmt.Errorf("connect to shop %d: %w", shopID, err)
	}
	return nil
}

// DefaultStorePath returns where the station keeps its store when the
// setup names none: the user's config folder.
func DefaultStorePath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "printstation", "station.db")
}
