//go:build cgo

package usb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/printstation/printstation/printer"
)

// Default timeouts of Transport, used where a field is zero.
const (
	DefaultWriteTimeout  = 10 * time.Second
	DefaultStatusTimeout = 3 * time.Second
)

// writeChunk is the size of one bulk transfer. WriteTimeout applies to each
// chunk, so it bounds a stalled printer without capping the job size.
const writeChunk = 16 << 10

// maxZeroWrites bounds how often a transfer may complete with no bytes taken
// before Send gives up instead of looping forever.
const maxZeroWrites = 3

func init() {
	printer.RegisterScheme("usb", func(addr string) (printer.Transport, error) {
		return Open(addr)
	})
}

// Transport sends jobs to one USB printer. It is safe for concurrent use:
// jobs are sent one at a time.
type Transport struct {
	// VendorID, ProductID and Serial select the device. An empty Serial
	// takes the first device with the IDs.
	VendorID, ProductID uint16
	Serial              string
	// WriteTimeout bounds each bulk transfer of up to 16 KiB (default
	// DefaultWriteTimeout).
	WriteTimeout time.Duration
	// StatusTimeout bounds the wait for the status reply (default
	// DefaultStatusTimeout).
	StatusTimeout time.Duration
	// QueryStatus sends ESC ! ? after the job and reads the reply when the
	// printer interface has a bulk IN endpoint. Without one, Send returns
	// once the last transfer completed.
	QueryStatus bool
	// Language selects the status query: TSPL ESC ! ? unless set to
	// printer.ESCPOS, which sends DLE EOT 1, 2 and 4.
	Language printer.Language
	// Logger receives one debug event per job. The zero value discards.
	Logger zerolog.Logger

	mu         sync.Mutex
	newContext func() usbContext // replaced by tests
	closed     bool
}

// Open parses "usb://VID:PID[/serial]" (IDs in hex) and returns a Transport
// with the status query on. It does not touch the device until Send.
func Open(addr string) (*Transport, error) {
	vid, pid, serial, err := ParseAddress(addr)
	if err != nil {
		return nil, err
	}
	return &Transport{VendorID: vid, ProductID: pid, Serial: serial, QueryStatus: true}, nil
}

// String returns the address, for example "usb://0483:5743/A1B2".
func (t *Transport) String() string {
	s := fmt.Sprintf("usb://%04x:%04x", t.VendorID, t.ProductID)
	if t.Serial != "" {
		s += "/" + t.Serial
	}
	return s
}

// Configure sets Language and QueryStatus.
func (t *Transport) Configure(lang printer.Language, queryStatus bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Language = lang
	t.QueryStatus = queryStatus
}

// Status queries the printer's status over the bulk IN endpoint without
// sending a job. A one-way printer has no status to read: Status then
// returns printer.StatusReady once the device could be claimed, which
// proves no more than that it is attached.
func (t *Transport) Status(ctx context.Context) (printer.Status, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return 0, fmt.Errorf("%s: %w", t, printer.ErrClosed)
	}

	query := t.QueryStatus
	t.QueryStatus = true
	defer func() { t.QueryStatus = query }()
	status, err := t.send(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("status of %s: %w", t, err)
	}
	return status, nil
}

// Close makes later calls to Send fail with printer.ErrClosed. The device is
// already released after each job.
func (t *Transport) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	return nil
}

// Send opens the device, claims the printer interface, writes the job and,
// if configured, reads the status reply, then releases the device. Errors
// wrap printer.ErrUnreachable, printer.ErrTimeout, ErrPermission, ErrBusy,
// ErrStalled or ErrNoPrinterInterface, or are a *printer.StatusError.
func (t *Transport) Send(ctx context.Context, job printer.Job) error {
	if len(job.Data) == 0 {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, printer.ErrEmptyJob)
	}

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, printer.ErrClosed)
	}

	start := time.Now()
	status, err := t.send(ctx, job.Data)
	if err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, err)
	}

	t.Logger.Debug().Str("printer", t.String()).Str("job", job.ID).Int("bytes", len(job.Data)).
		Stringer("status", status).Dur("elapsed", time.Since(start)).Msg("job delivered")

	if err := status.Err(); err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, err)
	}
	return nil
}

func (t *Transport) send(ctx context.Context, data []byte) (printer.Status, error) {
	newContext := t.newContext
	if newContext == nil {
		newContext = newLibusbContext
	}
	usbCtx := newContext()
	defer usbCtx.close()

	dev, pi, err := t.openPrinter(ctx, usbCtx)
	if err != nil {
		return 0, nothingSent(err)
	}
	defer dev.close()

	if err := dev.setAutoDetach(true); err != nil {
		return 0, nothingSent(classify(ctx, "detach kernel driver", err))
	}
	intf, err := dev.claim(pi.config, pi.number, pi.alt)
	if err != nil {
		return 0, nothingSent(classify(ctx, fmt.Sprintf("claim interface %d", pi.number), err))
	}
	defer intf.release()

	if len(data) > 0 {
		if written, err := t.writeAll(ctx, intf, pi.out, data); err != nil {
			if written == 0 {
				err = nothingSent(err)
			}
			return 0, err
		}
	}
	if !t.QueryStatus || pi.in < 0 {
		return printer.StatusReady, nil
	}
	return t.readStatus(ctx, intf, pi)
}

// openPrinter opens the device and finds its printer interface.
func (t *Transport) openPrinter(ctx context.Context, usbCtx usbContext) (usbDevice, printerInterface, error) {
	dev, err := usbCtx.open(t.VendorID, t.ProductID, t.Serial)
	if errors.Is(err, ErrNotFound) {
		return nil, printerInterface{}, fmt.Errorf("open device: %w: %w", printer.ErrUnreachable, err)
	}
	if err != nil {
		return nil, printerInterface{}, classify(ctx, "open device", err)
	}

	active, err := dev.activeConfig()
	if err != nil {
		dev.close()
		return nil, printerInterface{}, classify(ctx, "read active configuration", err)
	}
	pi, ok := findPrinterInterface(dev.descriptor(), active)
	if !ok {
		dev.close()
		return nil, printerInterface{}, ErrNoPrinterInterface
	}
	return dev, pi, nil
}

// nothingSent marks err as a failure before any byte of the job left.
func nothingSent(err error) error {
	return fmt.Errorf("%w (%w)", err, printer.ErrNothingSent)
}

// writeAll writes data in chunks and resends the rest after a short write.
// It returns how many bytes the printer took.
func (t *Transport) writeAll(ctx context.Context, intf usbInterface, endpoint int, data []byte) (int, error) {
	timeout := t.WriteTimeout
	if timeout <= 0 {
		timeout = DefaultWriteTimeout
	}

	zeroWrites, written := 0, 0
	for written < len(data) {
		chunk := data[written:min(len(data), written+writeChunk)]

		writeCtx, cancel := context.WithTimeout(ctx, timeout)
		n, err := intf.write(writeCtx, endpoint, chunk)
		cancel()
		written += n

		if err != nil {
			return written, classify(ctx, fmt.Sprintf("write to endpoint %d after %d of %d bytes", endpoint, written, len(data)), err)
		}
		if n == 0 {
			zeroWrites++
			if zeroWrites >= maxZeroWrites {
				return written, fmt.Errorf("write to endpoint %d: printer took no data %d times after %d of %d bytes: %w",
					endpoint, zeroWrites, written, len(data), printer.ErrTimeout)
			}
		}
	}
	return written, nil
}

func (t *Transport) readStatus(ctx context.Context, intf usbInterface, pi printerInterface) (printer.Status, error) {
	query, replyLen := printer.QueryStatusCommand, 1
	if t.Language == printer.ESCPOS {
		query, replyLen = printer.QueryStatusESCPOS, 3
	}
	if _, err := t.writeAll(ctx, intf, pi.out, query); err != nil {
		return 0, err
	}

	timeout := t.StatusTimeout
	if timeout <= 0 {
		timeout = DefaultStatusTimeout
	}
	readCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// A read shorter than the packet size overflows if the printer sends a
	// full packet, so the buffer is at least one packet.
	buf := make([]byte, max(pi.inPacketSize, 64))
	n, err := intf.read(readCtx, pi.in, buf)
	if err != nil {
		if ctx.Err() == nil && readCtx.Err() != nil {
			return 0, fmt.Errorf("read status from endpoint %d: %w: %w", pi.in, printer.ErrTimeout, err)
		}
		return 0, classify(ctx, fmt.Sprintf("read status from endpoint %d", pi.in), err)
	}
	if n < replyLen {
		return 0, fmt.Errorf("read status from endpoint %d: %d of %d reply bytes: %w", pi.in, n, replyLen, printer.ErrTimeout)
	}
	if t.Language == printer.ESCPOS {
		return printer.DecodeESCPOS(buf[0], buf[1], buf[2])
	}
	return printer.Status(buf[0]), nil
}
