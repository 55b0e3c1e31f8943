package app

import (
	"context"
	"sync"
	"sync/atomic"
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

// Shop is the part of the Douyin shop API the station calls. The real
// implementation is *doudian.Client.
type Shop interface {
	ForEachUpdatedOrder(ctx context.Context, start, end int64, fn func(doudian.ShopOrder) error) (requests int, err error)
	OrderDetail(ctx context.Context, shopOrderID string) (doudian.ShopOrder, error)
	NewCreateOrder(ctx context.Context, req doudian.NewCreateOrderRequest) (doudian.NewCreateOrderResponse, error)
	AddSinglePack(ctx context.Context, req doudian.SinglePackRequest) error
	AddMultiPack(ctx context.Context, req doudian.MultiPackRequest) error
	CancelOrder(ctx context.Context, logisticsCode, trackNo string) error
	CheckWaybillBalance(ctx context.Context, logisticsCode string, need int) (int64, error)
	BatchDecrypt(ctx context.Context, in []doudian.CipherInfo) ([]doudian.DecryptInfo, error)
}

// Config is the configuration of one station.
type Config struct {
	// ShopID keys the sync cursor of the shop.
	ShopID int64
	// Courier is the platform's logistics code of the courier the waybills
	// are requested from, for example "zhongtong".
	Courier string
	// Sender is printed on every label and sent with every waybill request.
	Sender Sender
	// Language is the printer's command language, LanguageTSPL (the
	// default) or LanguageESCPOS; Profile and ESCPOS are how it takes each.
	Language string
	Profile  tspl.Profile
	ESCPOS   escpos.Profile
	// Template lays out the waybill label; nil is the built-in 76×130
	// 一联单.
	Template *label.Template
	// CourierTemplates overrides Template for the parcels of a courier, by
	// the courier's code, for couriers whose standard label has another
	// size.
	CourierTemplates map[string]*label.Template
	// MaskReceiver prints the masked receiver instead of decrypting it.
	MaskReceiver bool
	// Preview makes every job carry a PNG preview (the virtual printer
	// stores it); it costs tens of milliseconds per label.
	Preview bool
	// Operator is recorded as the actor of events.
	Operator string
	// SyncOverlap is how far back each incremental sync reaches before the
	// previous cursor, so an order updated during the last sync is not
	// missed. Default 5 minutes.
	SyncOverlap time.Duration
	Logger      zerolog.Logger
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Plan is the planner's rules (warehouses, couriers, rates, packing);
	// nil plans one parcel per order with Courier, merging the orders of
	// one receiver when AutoMerge is set.
	Plan      *plan.Config
	AutoMerge bool
	// WaybillPool is how many parcels Prefetch keeps ready to print ahead
	// of their batch; default DefaultWaybillPool.
	WaybillPool int
	// DueSoonWithin is the time before its ship-by time from which a parcel
	// counts as due soon; default DefaultDueSoonWithin.
	DueSoonWithin time.Duration
}

// Sender is the shipping party: a name, a mobile number and an address.
type Sender struct {
	Name     string `json:"name"`
	Mobile   string `json:"mobile"`
	Province string `json:"province"`
	City     string `json:"city"`
	District string `json:"district"`
	Street   string `json:"street"`
	Detail   string `json:"detail"`
}

// Address returns the sender's whole address on one line.
func (s Sender) Address() string {
	return s.Province + s.City + s.District + s.Street + s.Detail
}

func (s Sender) party() label.Party {
	return label.Party{Name: s.Name, Phone: s.Mobile, Address: s.Address()}
}

// Printer command languages.
const (
	LanguageTSPL   = "tspl"
	LanguageESCPOS = "escpos"
)

// Station runs the print station's workflow over a store, a shop and a
// printer. Its methods are safe for concurrent use.
type Station struct {
	cfg     Config
	db      *store.DB
	shop    Shop
	printer printer.Transport
	log     zerolog.Logger

	batchMu      sync.Mutex // held while a batch runs
	desks        []*desk    // the printers; the first is printer, where reprints go
	pause        pauseGate
	offline      atomic.Bool
	batchRunning atomic.Bool
}

// New returns a station. The caller keeps ownership of db and p and closes
// them after the station is no longer used.
func New(cfg Config, db *store.DB, shop Shop, p printer.Transport) *Station {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SyncOverlap == 0 {
		cfg.SyncOverlap = 5 * time.Minute
	}
	if cfg.Operator == "" {
		cfg.Operator = "station"
	}
	if cfg.Profile.DPI == 0 {
		cfg.Profile.DPI = 203
	}
	if cfg.ESCPOS.DPI == 0 {
		cfg.ESCPOS.DPI = cfg.Profile.DPI
	}
	return &Station{
		cfg:     cfg,
		db:      db,
		shop:    shop,
		printer: p,
		desks:   []*desk{{transport: p}},
		log:     cfg.Logger,
	}
}

// Store returns the station's store.
func (s *Station) Store() *store.DB { return s.db }

// Printer returns the printer the station prints to.
func (s *Station) Printer() printer.Transport { return s.printer }

// transition changes one parcel in one transaction. It loads the parcel,
// checks that its state is one of from (any state when from is empty),
// applies change, and stores it with its indexes. Then it appends the
// event with detail, or with the set-aside reason when detail is empty and
// the parcel is set aside.
func (s *Station) transition(id string, from []store.State, kind, detail string, change func(p *store.Parcel) error) (store.Parcel, error) {
	return s.transitionTx(id, from, kind, detail, func(_ *store.Tx, p *store.Parcel) error { return change(p) })
}

// transitionTx is transition for a change that also writes other records
// in the same transaction, such as the stock.
func (s *Station) transitionTx(id string, from []store.State, kind, detail string, change func(tx *store.Tx, p *store.Parcel) error) (store.Parcel, error) {
	var out store.Parcel
	err := s.db.Update(func(tx *store.Tx) error {
		p, err := tx.Parcel(id)
		if err != nil {
			return err
		}
		if len(from) > 0 && !stateIn(p.State, from) {
			return wrapParcel(id, fmtStateConflict(p.State, kind))
		}
		before := p.State
		if err := change(tx, &p); err != nil {
			return err
		}
		p.UpdatedAt = s.cfg.Now()
		if err := tx.PutParcel(p); err != nil {
			return err
		}
		ev := store.Event{At: p.UpdatedAt, Parcel: p.ID, Kind: kind, From: before, To: p.State, Actor: s.cfg.Operator}
		if p.State == store.StateSent || kind == EventReprint || kind == EventPrinted {
			ev.Printer = p.Printer
			if kind == EventReprint && s.printer != nil {
				ev.Printer = s.printer.String()
			}
		}
		ev.Detail = detail
		if detail == "" && p.State.SetAside() {
			ev.Detail = p.Reason
		}
		if _, err := tx.AppendEvent(ev); err != nil {
			return err
		}
		out = p
		return nil
	})
	return out, err
}

func stateIn(s store.State, set []store.State) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// Event kinds written to the store's log.
const (
	EventCreated         = "created"
	EventWaybillRequest  = "waybill_requested"
	EventWaybillIssued   = "waybill_issued"
	EventReceiverReady   = "receiver_ready"
	EventSent            = "sent"
	EventPrinted         = "printed"
	EventSendFailed      = "send_failed"
	EventReprint         = "reprint"
	EventConfirmed       = "confirmed"
	EventShipped         = "shipped"
	EventSetAside        = "set_aside"
	EventWriteBackFailed = "writeback_failed"
	EventRetried         = "retried"
	EventWaybillCancel   = "waybill_cancelled"
)
