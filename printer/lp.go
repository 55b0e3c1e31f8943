package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"
)

// LP sends jobs to a printer through a device file of the operating system's
// printer driver, such as /dev/usb/lp0 of the Linux usblp driver. It needs
// neither libusb nor cgo, but the device file must be writable by the user
// (on Debian, membership of the lp group).
//
// Each Send opens the file, writes the job, waits until the driver has
// handed the last byte to the printer and closes the file. LP is safe for
// concurrent use: jobs are sent one at a time.
type LP struct {
	// Path is the device file, for example "/dev/usb/lp0".
	Path string
	// WriteTimeout bounds each write of up to 16 KiB and the wait for the
	// driver to finish the last one (default DefaultWriteTimeout).
	WriteTimeout time.Duration
	// StatusTimeout bounds the wait for the status reply (default
	// DefaultStatusTimeout).
	StatusTimeout time.Duration
	// QueryStatus sends the status query of Language after the job and reads
	// the reply from the same file. It needs a bidirectional printer; usblp
	// rejects reads from a one-way printer, which Send then reports.
	QueryStatus bool
	// Language selects the status query, TSPL unless set.
	Language Language

	mu     sync.Mutex
	closed bool
}

// String returns "lp:" followed by Path.
func (t *LP) String() string { return "lp:" + t.Path }

// Configure sets Language and QueryStatus.
func (t *LP) Configure(lang Language, queryStatus bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Language = lang
	t.QueryStatus = queryStatus
}

// Close makes later calls to Send fail with ErrClosed. The file is already
// closed after each job.
func (t *LP) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	return nil
}

// Send writes the job to the device file. Errors wrap ErrUnreachable (the
// file cannot be opened or the printer was unplugged) or ErrTimeout, with
// ErrNothingSent when the file could not be opened, or are a *StatusError.
func (t *LP) Send(ctx context.Context, job Job) error {
	if len(job.Data) == 0 {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, ErrEmptyJob)
	}

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, ErrClosed)
	}

	status, err := t.exchange(ctx, job.Data)
	if err != nil {
		return fmt.Errorf("send job %q: %w", job.ID, err)
	}
	if err := status.Err(); err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, err)
	}
	return nil
}

// Status queries the printer's status without sending a job.
func (t *LP) Status(ctx context.Context) (Status, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return 0, fmt.Errorf("%s: %w", t, ErrClosed)
	}

	query := t.QueryStatus
	t.QueryStatus = true
	defer func() { t.QueryStatus = query }()
	return t.exchange(ctx, nil)
}

func (t *LP) exchange(ctx context.Context, data []byte) (Status, error) {
	if err := ctx.Err(); err != nil {
		return 0, nothingSent(fmt.Errorf("%s: %w", t, err))
	}

	flag := os.O_WRONLY
	if t.QueryStatus {
		flag = os.O_RDWR
	}
	f, err := os.OpenFile(t.Path, flag, 0)
	if err != nil {
		return 0, nothingSent(t.classifyOpen(err))
	}
	defer f.Close()

	// Closing the file interrupts a blocked read or write when ctx ends.
	stop := context.AfterFunc(ctx, func() { f.Close() })
	defer stop()

	timeout := orDefault(t.WriteTimeout, DefaultWriteTimeout)
	written := 0
	for written < len(data) {
		chunk := data[written:min(len(data), written+writeChunk)]
		f.SetWriteDeadline(time.Now().Add(timeout))
		n, err := f.Write(chunk)
		written += n
		if err != nil {
			err = t.classify(ctx, fmt.Sprintf("write after %d of %d bytes", written, len(data)), err)
			if written == 0 {
				err = nothingSent(err)
			}
			return 0, err
		}
	}

	f.SetWriteDeadline(time.Now().Add(timeout))
	if err := waitWritten(f); err != nil {
		return 0, t.classify(ctx, "wait for the driver", err)
	}
	if !t.QueryStatus {
		return StatusReady, nil
	}
	return t.readStatus(ctx, f)
}

func (t *LP) readStatus(ctx context.Context, f *os.File) (Status, error) {
	query, replyLen := t.Language.statusQuery()
	f.SetWriteDeadline(time.Now().Add(orDefault(t.WriteTimeout, DefaultWriteTimeout)))
	if _, err := f.Write(query); err != nil {
		return 0, t.classify(ctx, "send status query", err)
	}

	f.SetReadDeadline(time.Now().Add(orDefault(t.StatusTimeout, DefaultStatusTimeout)))
	reply := make([]byte, replyLen)
	if _, err := io.ReadFull(f, reply); err != nil {
		return 0, t.classify(ctx, "read status (a one-way printer has none: turn the status query off)", err)
	}
	return t.Language.decodeStatus(reply)
}

func (t *LP) classifyOpen(err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("open %s: no write access to the device file; add the user to its group (lp on Debian) "+
			"and log in again: %w: %w", t, ErrUnreachable, err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("open %s: device file not found; check the cable and that the printer is on: %w: %w",
			t, ErrUnreachable, err)
	}
	return fmt.Errorf("open %s: %w: %w", t, ErrUnreachable, err)
}

func (t *LP) classify(ctx context.Context, op string, err error) error {
	switch ctxErr := ctx.Err(); {
	case errors.Is(ctxErr, context.DeadlineExceeded):
		return fmt.Errorf("%s %s: %w: %w", op, t, ErrTimeout, ctxErr)
	case ctxErr != nil:
		return fmt.Errorf("%s %s: %w", op, t, ctxErr)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%s %s: %w: %w", op, t, ErrTimeout, err)
	}
	return fmt.Errorf("%s %s: %w: %w", op, t, ErrUnreachable, err)
}
