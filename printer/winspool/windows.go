//go:build windows

package winspool

import (
	"context"
	"fmt"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/printstation/printstation/printer"
)

var (
	winspoolDLL          = windows.NewLazySystemDLL("winspool.drv")
	procOpenPrinter      = winspoolDLL.NewProc("OpenPrinterW")
	procClosePrinter     = winspoolDLL.NewProc("ClosePrinter")
	procStartDocPrinter  = winspoolDLL.NewProc("StartDocPrinterW")
	procEndDocPrinter    = winspoolDLL.NewProc("EndDocPrinter")
	procStartPagePrinter = winspoolDLL.NewProc("StartPagePrinter")
	procEndPagePrinter   = winspoolDLL.NewProc("EndPagePrinter")
	procWritePrinter     = winspoolDLL.NewProc("WritePrinter")
)

// docInfo1 is DOC_INFO_1W.
type docInfo1 struct {
	docName    *uint16
	outputFile *uint16
	datatype   *uint16
}

// Transport sends RAW jobs to one printer of the Windows spooler. It is
// safe for concurrent use: jobs are sent one at a time.
type Transport struct {
	name   string
	mu     sync.Mutex
	closed bool
}

func open(name string) (printer.Transport, error) {
	return &Transport{name: name}, nil
}

// String returns "winspool:" followed by the printer name.
func (t *Transport) String() string { return Scheme + ":" + t.name }

// Close makes later calls to Send fail with printer.ErrClosed.
func (t *Transport) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	return nil
}

// Send queues the job as one RAW document. Errors before the document was
// started wrap printer.ErrNothingSent.
//
// NOTE: WritePrinter blocks inside the spooler and takes no context, so ctx
// is checked only before the job starts.
func (t *Transport) Send(ctx context.Context, job printer.Job) error {
	if len(job.Data) == 0 {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, printer.ErrEmptyJob)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return fmt.Errorf("send job %q to %s: %w", job.ID, t, printer.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("send job %q to %s: %w (%w)", job.ID, t, err, printer.ErrNothingSent)
	}

	name, err := windows.UTF16PtrFromString(t.name)
	if err != nil {
		return fmt.Errorf("send job %q: printer name %q: %w", job.ID, t.name, printer.ErrBadAddress)
	}
	var handle windows.Handle
	if r, _, callErr := procOpenPrinter.Call(uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(&handle)), 0); r == 0 {
		return fmt.Errorf("send job %q: open %s (is the printer installed under this name?): %w: %w (%w)",
			job.ID, t, printer.ErrUnreachable, callErr, printer.ErrNothingSent)
	}
	defer procClosePrinter.Call(uintptr(handle))

	docName, _ := windows.UTF16PtrFromString(job.ID)
	raw, _ := windows.UTF16PtrFromString("RAW")
	doc := docInfo1{docName: docName, datatype: raw}
	if r, _, callErr := procStartDocPrinter.Call(uintptr(handle), 1, uintptr(unsafe.Pointer(&doc))); r == 0 {
		return fmt.Errorf("send job %q: start document on %s: %w: %w (%w)", job.ID, t, printer.ErrUnreachable, callErr, printer.ErrNothingSent)
	}
	procStartPagePrinter.Call(uintptr(handle))

	var written uint32
	r, _, callErr := procWritePrinter.Call(uintptr(handle), uintptr(unsafe.Pointer(&job.Data[0])),
		uintptr(len(job.Data)), uintptr(unsafe.Pointer(&written)))
	procEndPagePrinter.Call(uintptr(handle))
	if r == 0 || int(written) != len(job.Data) {
		procEndDocPrinter.Call(uintptr(handle))
		return fmt.Errorf("send job %q: write to %s: %d of %d bytes: %w: %w", job.ID, t, written, len(job.Data), printer.ErrUnreachable, callErr)
	}
	if r, _, callErr := procEndDocPrinter.Call(uintptr(handle)); r == 0 {
		return fmt.Errorf("send job %q: end document on %s: %w: %w", job.ID, t, printer.ErrUnreachable, callErr)
	}
	return nil
}
