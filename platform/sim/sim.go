package sim

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/rs/zerolog"
)

// Defaults of Options.
const (
	DefaultAppKey    = "demo-app-key"
	DefaultAppSecret = "demo-app-secret"
	DefaultShopID    = 4463798
	DefaultShopName  = "青禾家居旗舰店"
	DefaultTokenTTL  = 7 * 24 * time.Hour
	refreshTokenTTL  = 14 * 24 * time.Hour
)

// Options configure a simulator. Zero fields take the defaults above.
type Options struct {
	AppKey, AppSecret string
	ShopID            int64
	ShopName          string
	Orders            int   // number of seeded orders awaiting shipment (order_status 2)
	Seed              int64 // the same seed gives the same orders, receivers and numbers
	Now               func() time.Time
	Logger            zerolog.Logger
	TokenTTL          time.Duration // access token lifetime; default 7 days

	// FailureRate, when above zero, makes that share of requests fail at random with one of
	// RandomFaults, as SetFailureRate does.
	FailureRate float64
	// PushURL, when set, receives push messages for order changes, as SetPushURL does. It must
	// be a loopback http URL.
	PushURL string
}

// WriteBack is one accepted shipping write-back.
type WriteBack struct {
	RequestID     string
	OrderIDs      []string
	LogisticsCode string // courier code
	TrackNo       string
	PackID        string // the platform's id of the written-back parcel
	At            time.Time
	Method        string // order.logisticsAddSinglePack or order.logisticsAddMultiPack
}

// Simulator is an in-memory shop behind the platform protocol. It is safe for concurrent use.
type Simulator struct {
	opts     Options
	log      zerolog.Logger
	requests atomic.Int64

	mu          sync.Mutex
	rng         *rand.Rand
	shops       map[int64]string // shop id -> shop name
	orders      map[string]*doudian.ShopOrder
	orderIDs    []string             // insertion order, for stable listings
	byUpdate    []*doudian.ShopOrder // orders by update_time then id; rebuilt when indexStale
	indexStale  bool
	ciphers     map[string]cipherEntry
	receivers   map[string]receiver // order id -> plaintext receiver
	access      map[string]accessToken
	refresh     map[string]refreshState // refresh token -> state
	authCodes   map[string]authCode
	waybills    map[string]doudian.EbillInfo // order_id + "/" + pack_id -> issued waybill
	trackNos    map[string]string            // track_no -> order id it was issued for
	cancelled   map[string]bool              // cancelled track numbers
	balance     map[string]int64             // courier code -> waybills left
	writeBacks  []WriteBack
	byRequestID map[string][]int // request_id -> indexes in writeBacks
	shippedBy   map[string]int   // track_no -> index in writeBacks
	duplicates  int
	logSeq      int
	decryptLeft int // ciphertexts the quota still allows; negative means unlimited

	latency     time.Duration
	failLeft    int
	failCode    int
	unavailable bool
	faults      faultState
	mutated     map[string]Mutation
	pushURL     string
	pushes      sync.WaitGroup
	pushSent    atomic.Int64
	pushFailed  atomic.Int64

	server   *http.Server
	listener net.Listener
}

// New returns a simulator seeded with opts.Orders orders awaiting shipment.
func New(opts Options) *Simulator {
	if opts.AppKey == "" {
		opts.AppKey = DefaultAppKey
	}
	if opts.AppSecret == "" {
		opts.AppSecret = DefaultAppSecret
	}
	if opts.ShopID == 0 {
		opts.ShopID = DefaultShopID
	}
	if opts.ShopName == "" {
		opts.ShopName = DefaultShopName
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}

	s := &Simulator{
		opts: opts,
		log:  opts.Logger,
		rng:  rand.New(rand.NewPCG(uint64(opts.Seed), 0x7072696e74)),
		// Sized up front because growing maps dominates seeding a large shop.
		orders:      make(map[string]*doudian.ShopOrder, opts.Orders),
		orderIDs:    make([]string, 0, opts.Orders),
		ciphers:     make(map[string]cipherEntry, 3*opts.Orders),
		receivers:   make(map[string]receiver, opts.Orders),
		access:      map[string]accessToken{},
		shops:       map[int64]string{opts.ShopID: opts.ShopName},
		refresh:     map[string]refreshState{},
		authCodes:   map[string]authCode{},
		waybills:    map[string]doudian.EbillInfo{},
		trackNos:    map[string]string{},
		cancelled:   map[string]bool{},
		balance:     map[string]int64{},
		byRequestID: map[string][]int{},
		shippedBy:   map[string]int{},
		decryptLeft: -1,
		mutated:     map[string]Mutation{},
	}
	s.faults.rng = rand.New(rand.NewPCG(uint64(opts.Seed), 0x6661756c74))
	s.faults.rate = opts.FailureRate
	s.faults.slowReply = DefaultSlowReply
	if err := checkLoopbackURL(opts.PushURL); opts.PushURL != "" && err != nil {
		s.log.Error().Err(err).Msg("simulator push url ignored")
	} else {
		s.pushURL = opts.PushURL
	}
	s.seedOrders(opts.ShopID, opts.ShopName, opts.Orders)
	return s
}

// Handler returns the HTTP handler that serves the platform methods.
func (s *Simulator) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Listen serves on addr ("127.0.0.1:0" picks a free port) and returns the base URL,
// e.g. "http://127.0.0.1:34567".
func (s *Simulator) Listen(addr string) (baseURL string, err error) {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("simulator listen on %s: %w", addr, err)
	}
	server := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}

	s.mu.Lock()
	if s.server != nil {
		s.mu.Unlock()
		listener.Close()
		return "", errors.New("simulator is already listening")
	}
	s.server, s.listener = server, listener
	s.mu.Unlock()

	go func() {
		if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error().Err(err).Msg("simulator server stopped")
		}
	}()
	s.log.Info().Str("addr", listener.Addr().String()).Msg("simulator listening")
	return "http://" + listener.Addr().String(), nil
}

// Close stops the listener started by Listen, if any, closes open connections and waits for
// push messages in flight.
func (s *Simulator) Close() error {
	s.mu.Lock()
	server := s.server
	s.server, s.listener = nil, nil
	s.mu.Unlock()

	defer s.pushes.Wait()
	if server == nil {
		return nil
	}
	return server.Close()
}

// Requests returns the number of HTTP requests served, including rejected ones.
func (s *Simulator) Requests() int { return int(s.requests.Load()) }

// SetLatency delays every following request by d before it is handled.
func (s *Simulator) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// FailNext makes the next n requests return the envelope code (e.g. 20000, 60000) with its
// usual sub_code, without touching any state.
func (s *Simulator) FailNext(n int, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failLeft, s.failCode = n, code
}

// SetUnavailable makes every following request return HTTP 503 until it is set back to false.
func (s *Simulator) SetUnavailable(unavailable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unavailable = unavailable
}

// ExpireTokens makes every access token issued so far expired; refresh tokens stay valid.
func (s *Simulator) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireTokens()
}

// expireTokens runs with s.mu held.
func (s *Simulator) expireTokens() {
	expired := s.opts.Now().Add(-time.Second)
	for token, state := range s.access {
		state.expiresAt = expired
		s.access[token] = state
	}
}

// WriteBacks returns each distinct accepted write-back once, in the order accepted. A
// multi-parcel write-back contributes one entry per parcel, all with its request id.
func (s *Simulator) WriteBacks() []WriteBack {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]WriteBack, len(s.writeBacks))
	for i, wb := range s.writeBacks {
		wb.OrderIDs = append([]string(nil), wb.OrderIDs...)
		out[i] = wb
	}
	return out
}

// DuplicateWriteBacks counts write-backs for an order that was already shipped, under another
// request id, with the same number or a different one. A station that never ships twice keeps
// it at zero.
func (s *Simulator) DuplicateWriteBacks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duplicates
}

// Waybills returns the issued numbers keyed by order_id + "/" + pack_id.
func (s *Simulator) Waybills() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.waybills))
	for key, info := range s.waybills {
		out[key] = info.TrackNo
	}
	return out
}

// Receiver returns the plaintext receiver of an order, for tests that check a printed label.
func (s *Simulator) Receiver(orderID string) (name, phone, detail string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.receivers[orderID]
	return r.name, r.phone, r.detail, ok
}
