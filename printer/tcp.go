package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

// Default timeouts of TCP, used where a field is zero.
const (
	DefaultDialTimeout   = 3 * time.Second
	DefaultWriteTimeout  = 10 * time.Second
	DefaultStatusTimeout = 5 * time.Second
)

// writeChunk is the size of one write. WriteTimeout applies to each chunk, so
// it bounds a stalled printer without capping the length of a large job.
const writeChunk = 16 << 10

// TCP sends raw jobs to a network printer, usually on port 9100.
//
// Send opens one connection per job. Only one connection per address is open
// at a time, across all TCP values in the process, because some printers drop
// or ignore a second connection. The zero value of a duration field selects
// its default. Fields must not be changed after the first Send.
type TCP struct {
	// Addr is "host:port" of the printer.
	Addr string
	// DialTimeout bounds connecting (default DefaultDialTimeout).
	DialTimeout time.Duration
	// WriteTimeout bounds each write of up to 16 KiB (default DefaultWriteTimeout).
	WriteTimeout time.Duration
	// StatusTimeout bounds the wait for the status reply, or for the printer
	// to close the connection when QueryStatus is false (default
	// DefaultStatusTimeout).
	StatusTimeout time.Duration
	// QueryStatus sends the status query of Language after the job and waits
	// for the reply. Since the printer reads its input in order, the reply
	// proves it read the whole job, and it reports faults. Turn it off for
	// printers that do not reply, so that Send half-closes the connection and
	// waits for the printer to close its side.
	QueryStatus bool
	// Language selects the status query: ESC ! ? (one byte) for TSPL, the
	// default, or DLE EOT 1, 2 and 4 (three bytes) for ESCPOS. An ESC/POS
	// printer reads ESC ! as "select print mode" and never replies to the
	// TSPL query, so the language must match the printer.
	Language Language
	// ReconnectDelay is the minimum time between closing a connection to Addr
	// and opening the next one, for printers that drop a connection opened
	// too soon after the previous one. Zero means no wait.
	ReconnectDelay time.Duration
	// Logger receives one debug event per job and a warning when a drain
	// cannot be confirmed. The zero value discards.
	Logger zerolog.Logger

	closed atomic.Bool
}

// String returns "tcp://" followed by Addr.
func (t *TCP) String() string { return "tcp://" + t.Addr }

// Close marks the transport closed. TCP holds no connection between jobs, so
// there is nothing else to release.
func (t *TCP) Close() error {
	t.closed.Store(true)
	return nil
}

// Send writes job.Data to the printer and waits until the printer confirms it
// read the job (see QueryStatus). It returns an error wrapping ErrUnreachable
// or ErrTimeout for connection problems, also wrapping ErrNothingSent when no
// byte of the job was written, or a *StatusError when the printer reported a
// fault after reading the job.
func (t *TCP) Send(ctx context.Context, job Job) error {
	if len(job.Data) == 0 {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, ErrEmptyJob)
	}

	start := time.Now()
	status, err := t.exchange(ctx, job.Data, t.QueryStatus)
	if err != nil {
		return fmt.Errorf("send job %q: %w", job.ID, err)
	}

	t.Logger.Debug().Str("printer", t.String()).Str("job", job.ID).Int("bytes", len(job.Data)).
		Stringer("status", status).Dur("elapsed", time.Since(start)).Msg("job delivered")

	if err := status.Err(); err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, err)
	}
	return nil
}

// Status queries the printer's status without sending a job. It ignores
// QueryStatus, so it fails with ErrTimeout on a printer that does not reply
// to the status query of Language.
func (t *TCP) Status(ctx context.Context) (Status, error) {
	return t.exchange(ctx, nil, true)
}

// exchange runs one connection: write data, then confirm with a status query
// or a drain, and close.
func (t *TCP) exchange(ctx context.Context, data []byte, queryStatus bool) (Status, error) {
	if t.closed.Load() {
		return 0, fmt.Errorf("%s: %w", t, ErrClosed)
	}

	lock := addrLock(t.Addr)
	if err := lock.acquire(ctx); err != nil {
		return 0, nothingSent(t.classify(ctx, "wait for printer", err))
	}
	defer lock.release()

	if err := lock.waitReconnect(ctx, t.ReconnectDelay); err != nil {
		return 0, nothingSent(t.classify(ctx, "wait for printer", err))
	}

	dialer := net.Dialer{Timeout: orDefault(t.DialTimeout, DefaultDialTimeout)}
	conn, err := dialer.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return 0, nothingSent(t.classify(ctx, "connect", err))
	}
	defer lock.markClosed()

	// Closing the connection is the only way to interrupt a blocked read or
	// write when ctx ends. The deferred Close then returns an error we ignore.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()

	if written, err := t.write(conn, data); err != nil {
		err = t.classify(ctx, "write", err)
		if written == 0 {
			err = nothingSent(err)
		}
		return 0, err
	}

	if !queryStatus {
		return StatusReady, t.drain(ctx, conn)
	}

	status, err := t.readStatus(conn)
	if errors.Is(err, ErrBadStatusReply) {
		return 0, fmt.Errorf("read status %s: %w", t, err)
	}
	if err != nil {
		return 0, t.classify(ctx, "read status", err)
	}
	return status, nil
}

// write sends data in chunks and returns how many bytes the operating system
// accepted, so that a failure before the first byte is known to have sent
// nothing.
func (t *TCP) write(conn net.Conn, data []byte) (int, error) {
	timeout := orDefault(t.WriteTimeout, DefaultWriteTimeout)
	written := 0
	for written < len(data) {
		chunk := data[written:min(len(data), written+writeChunk)]
		if err := conn.SetWriteDeadline(time.Now().Add(timeout)); err != nil {
			return written, err
		}
		n, err := conn.Write(chunk)
		written += n
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

func (t *TCP) readStatus(conn net.Conn) (Status, error) {
	query, replyLen := t.Language.statusQuery()
	if err := conn.SetWriteDeadline(time.Now().Add(orDefault(t.WriteTimeout, DefaultWriteTimeout))); err != nil {
		return 0, err
	}
	if _, err := conn.Write(query); err != nil {
		return 0, err
	}

	if err := conn.SetReadDeadline(time.Now().Add(orDefault(t.StatusTimeout, DefaultStatusTimeout))); err != nil {
		return 0, err
	}
	reply := make([]byte, replyLen)
	if _, err := io.ReadFull(conn, reply); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, fmt.Errorf("printer closed the connection before the status reply: %w", err)
		}
		return 0, err
	}
	return t.Language.decodeStatus(reply)
}

// drain half-closes the connection and waits for the printer to close its
// side, which a raw 9100 server does once it has read everything we sent.
func (t *TCP) drain(ctx context.Context, conn net.Conn) error {
	if tcp, ok := conn.(*net.TCPConn); ok {
		if err := tcp.CloseWrite(); err != nil {
			return t.classify(ctx, "close write side", err)
		}
	}

	if err := conn.SetReadDeadline(time.Now().Add(orDefault(t.StatusTimeout, DefaultStatusTimeout))); err != nil {
		return t.classify(ctx, "drain", err)
	}
	_, err := io.Copy(io.Discard, conn)
	if err == nil {
		return nil
	}

	var netErr net.Error
	if ctx.Err() == nil && errors.As(err, &netErr) && netErr.Timeout() {
		// NOTE: the printer kept the connection open, so delivery is not
		// confirmed. Reporting a failure here would make callers resend and
		// print duplicate labels, so this counts as delivered.
		t.Logger.Warn().Str("printer", t.String()).Msg("printer did not close the connection after the job; delivery not confirmed")
		return nil
	}
	return t.classify(ctx, "drain", err)
}

// classify wraps err with ErrTimeout, ErrUnreachable or the context's error,
// so that callers can test for them with errors.Is.
func (t *TCP) classify(ctx context.Context, op string, err error) error {
	switch ctxErr := ctx.Err(); {
	case errors.Is(ctxErr, context.DeadlineExceeded):
		return fmt.Errorf("%s %s: %w: %w", op, t, ErrTimeout, ctxErr)
	case ctxErr != nil:
		return fmt.Errorf("%s %s: %w", op, t, ctxErr)
	}

	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("%s %s: %w: %w", op, t, ErrTimeout, err)
	}
	return fmt.Errorf("%s %s: %w: %w", op, t, ErrUnreachable, err)
}

// nothingSent marks err as a failure before any byte of the job was sent.
func nothingSent(err error) error {
	return fmt.Errorf("%w (%w)", err, ErrNothingSent)
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// printerLock serializes connections to one address and remembers when the
// last one closed.
type printerLock struct {
	sem       chan struct{}
	mu        sync.Mutex
	lastClose time.Time
}

var (
	locksMu sync.Mutex
	locks   = map[string]*printerLock{}
)

// addrLock returns the lock of addr. Locks are never removed: a process talks
// to a handful of printers.
func addrLock(addr string) *printerLock {
	locksMu.Lock()
	defer locksMu.Unlock()

	l, ok := locks[addr]
	if !ok {
		l = &printerLock{sem: make(chan struct{}, 1)}
		locks[addr] = l
	}
	return l
}

func (l *printerLock) acquire(ctx context.Context) error {
	select {
	case l.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *printerLock) release() { <-l.sem }

func (l *printerLock) markClosed() {
	l.mu.Lock()
	l.lastClose = time.Now()
	l.mu.Unlock()
}

func (l *printerLock) waitReconnect(ctx context.Context, delay time.Duration) error {
	l.mu.Lock()
	wait := time.Until(l.lastClose.Add(delay))
	l.mu.Unlock()
	if delay <= 0 || wait <= 0 {
		return nil
	}

	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
