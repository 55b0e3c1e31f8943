package emulator

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// Options configures Start.
type Options struct {
	// Addr is the listen address, "127.0.0.1:0" (a free port) if empty.
	Addr string
	// Logger receives connection and parse error events. The zero value
	// discards.
	Logger zerolog.Logger
	// DPI is the resolution for SIZE in millimetres or inches, 203 if zero.
	DPI int
	// BitmapOneIsBlack draws TSPL BITMAP with 1 = black, as the clones with
	// ESC/POS polarity do. TSPL burns a dot for a 0 bit.
	BitmapOneIsBlack bool
	// PrintSpeed turns on the print engine model: labels print one after
	// the other at this speed in millimetres per second, from a buffer of
	// BufferLabels labels, and IdleGaps records the pauses between them.
	// Zero prints every label the moment its PRINT arrives.
	PrintSpeed float64
	// TimeScale multiplies every print time of the engine model, so that
	// 0.01 runs a 1.3 s label in 13 ms. Zero is 1.
	TimeScale float64
	// BufferLabels is how many labels wait in the engine model's buffer
	// behind the one printing, 2 if zero. A PRINT that finds the buffer full
	// stops reading the connection until a label finishes, as a printer
	// stops reading its input.
	BufferLabels int
}

// Label is one label the emulator printed: the content of the image buffer
// when a TSPL PRINT, or an ESC/POS cut or form feed, arrived.
type Label struct {
	// Barcodes and QRCodes contain the raw content of each BARCODE and
	// QRCODE command, in order.
	Barcodes []string
	QRCodes  []string
	// Texts contains the GB18030-decoded content of each TEXT and BLOCK
	// command, in order.
	Texts []string
	// Bitmaps is the number of BITMAP commands.
	Bitmaps int
	// Copies is m*n of "PRINT m,n", less any copies lost to a fault.
	Copies int
	// Size is the parameter text of the last SIZE command, for example
	// "76 mm,130 mm".
	Size string
	// ReceivedAt is when the PRINT command was read.
	ReceivedAt time.Time

	marks                 []mark // drawing operations for Image
	widthDots, heightDots int
}

// Status bits the emulator reports in reply to ESC ! ?.
const (
	statusHeadOpen byte = 1 << 0
	statusPaperOut byte = 1 << 2
	statusPrinting byte = 1 << 5
)

// Emulator is a TSPL printer listening on TCP. It is safe for concurrent use.
type Emulator struct {
	listener net.Listener
	log      zerolog.Logger
	done     chan struct{}
	wg       sync.WaitGroup

	dpi              int
	bitmapOneIsBlack bool
	engine           *engine // nil without the print engine model

	mu         sync.Mutex
	conns      map[net.Conn]struct{}
	labels     []Label
	errs       []string
	jobs       int
	dropped    int
	paperLeft  int // labels until paper out; negative means unlimited
	paperOut   bool
	headOpen   bool
	readDelay  time.Duration
	resetAfter int // bytes before the next connection is reset; 0 means off
	reject     bool
	pending    int // labels in the engine model's buffer or printing

	dropWindow time.Duration // see DropQuickReconnect
	lastClose  time.Time     // when the last served connection closed
	drops      int
}

// Start listens on opts.Addr and serves connections until Close.
func Start(opts Options) (*Emulator, error) {
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start printer emulator on %s: %w", addr, err)
	}

	e := &Emulator{
		listener:  listener,
		log:       opts.Logger,
		done:      make(chan struct{}),
		conns:     map[net.Conn]struct{}{},
		paperLeft: -1,
		dpi:       opts.DPI,

		bitmapOneIsBlack: opts.BitmapOneIsBlack,
	}
	if e.dpi == 0 {
		e.dpi = 203
	}
	if opts.PrintSpeed > 0 {
		e.engine = newEngine(e, opts)
		e.wg.Add(1)
		go e.engine.run()
	}
	e.wg.Add(1)
	go e.acceptLoop()

	e.log.Info().Str("addr", e.Addr()).Msg("printer emulator started")
	return e, nil
}

// Addr returns the address the emulator listens on, "127.0.0.1:PORT".
func (e *Emulator) Addr() string { return e.listener.Addr().String() }

// Close stops listening, closes open connections and waits for their
// goroutines to end.
func (e *Emulator) Close() error {
	select {
	case <-e.done:
		return nil
	default:
	}
	close(e.done)
	err := e.listener.Close()

	e.mu.Lock()
	for c := range e.conns {
		c.Close()
	}
	e.mu.Unlock()

	e.wg.Wait()
	e.log.Info().Str("addr", e.Addr()).Msg("printer emulator stopped")
	return err
}

func (e *Emulator) acceptLoop() {
	defer e.wg.Done()

	for {
		conn, err := e.listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			e.log.Warn().Err(err).Msg("accept failed")
			continue
		}

		e.mu.Lock()
		reject := e.reject || e.dropLocked()
		if !reject {
			e.conns[conn] = struct{}{}
		}
		e.mu.Unlock()
		if reject {
			e.log.Debug().Str("remote", conn.RemoteAddr().String()).Msg("connection rejected")
			conn.Close()
			continue
		}

		e.wg.Add(1)
		go e.serve(conn)
	}
}

func (e *Emulator) serve(conn net.Conn) {
	defer e.wg.Done()
	defer func() {
		conn.Close()
		e.mu.Lock()
		delete(e.conns, conn)
		e.lastClose = time.Now()
		e.mu.Unlock()
	}()

	e.mu.Lock()
	resetAfter := e.resetAfter
	e.resetAfter = 0
	e.mu.Unlock()

	in := &faultReader{conn: conn, e: e, resetAfter: resetAfter}
	s := &session{e: e, r: bufio.NewReader(in), w: conn}
	if s.isESCPOS() {
		s.runESCPOS()
	} else {
		s.run()
	}

	e.log.Debug().Str("remote", conn.RemoteAddr().String()).Int64("bytes", in.total).
		Int("labels", s.printed).Bool("reset", in.reset).Msg("connection closed")
}

// Labels returns a copy of every label printed so far, in order.
func (e *Emulator) Labels() []Label {
	e.mu.Lock()
	defer e.mu.Unlock()

	out := make([]Label, len(e.labels))
	copy(out, e.labels)
	return out
}

// LabelCount returns the number of labels printed, the sum of Copies.
func (e *Emulator) LabelCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()

	n := 0
	for _, l := range e.labels {
		n += l.Copies
	}
	return n
}

// Jobs returns the number of connections that sent at least one command
// other than a status query.
func (e *Emulator) Jobs() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.jobs
}

// Dropped returns the number of label copies a PRINT asked for while a fault
// was active, which the emulator did not print.
func (e *Emulator) Dropped() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.dropped
}

// Errors returns a description of each malformed input seen so far: data
// outside a command, an unknown command, an unterminated quote, invalid
// parameters or a BITMAP whose payload length does not match its header.
// The descriptions name the command but never contain label content.
func (e *Emulator) Errors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()

	out := make([]string, len(e.errs))
	copy(out, e.errs)
	return out
}

// Status returns the byte the emulator sends in reply to ESC ! ?.
func (e *Emulator) Status() byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.statusLocked()
}

func (e *Emulator) statusLocked() byte {
	var s byte
	if e.pending > 0 {
		s |= statusPrinting
	}
	if e.headOpen {
		s |= statusHeadOpen
	}
	if e.paperOut {
		s |= statusPaperOut
	}
	return s
}

func (e *Emulator) addError(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)

	e.mu.Lock()
	e.errs = append(e.errs, msg)
	e.mu.Unlock()

	e.log.Warn().Str("problem", msg).Msg("malformed TSPL input")
}

// print records a PRINT of copies copies of l, or fewer if a fault stops
// the printer, and returns the number printed.
func (e *Emulator) print(l Label, copies int) int {
	if e.engine != nil {
		return e.engine.enqueue(l, copies)
	}

	e.mu.Lock()
	defer e.mu.Unlock()

	printed := copies
	if e.headOpen || e.paperOut {
		printed = 0
	}
	if e.paperLeft >= 0 {
		printed = min(printed, e.paperLeft)
		e.paperLeft -= printed
		if e.paperLeft == 0 {
			e.paperOut = true
		}
	}
	e.dropped += copies - printed

	if printed > 0 {
		l.Copies = printed
		e.labels = append(e.labels, l)
	}
	return printed
}

func (e *Emulator) countJob() {
	e.mu.Lock()
	e.jobs++
	e.mu.Unlock()
}
