package printer

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
)

// Job is one print job: one or more labels as the bytes of a complete
// printer job.
type Job struct {
	// ID is a stable identifier for file names and logs, for example the
	// waybill number. It is not sent to the printer.
	ID string
	// Data is the encoded job (TSPL or ESC/POS bytes), sent unchanged.
	Data []byte
	// PNG renders an optional preview of the job. Only the virtual printer
	// (Dir) calls it and stores the result next to the job.
	PNG func() ([]byte, error)
	// Template names the label template the job was rendered with. A
	// spool.Pool sends it only to a printer whose profile has the same
	// template or none. It is not sent to the printer.
	Template string
}

// StatusReader is a Transport that can query the printer's status without
// sending a job.
type StatusReader interface {
	Status(ctx context.Context) (Status, error)
}

// Transport sends jobs to one printer.
type Transport interface {
	// Send delivers job and returns only when the printer has taken it. A
	// printer that took the job but reported a fault returns an error that
	// wraps *StatusError.
	Send(ctx context.Context, job Job) error
	// Close releases the transport. A closed transport must not be used.
	Close() error
	// String returns the printer address for logs and the window, for example
	// "tcp://127.0.0.1:9100".
	String() string
}

// OpenFunc builds a Transport from an address whose scheme it was registered
// for. It receives the whole address, scheme included.
type OpenFunc func(addr string) (Transport, error)

// DefaultTCPPort is the raw printing port of network label printers.
const DefaultTCPPort = "9100"

var (
	schemesMu sync.RWMutex
	schemes   = map[string]OpenFunc{}
)

// RegisterScheme makes Open call open for addresses that start with
// scheme + "://", or with scheme + ":" and no "//". A later registration of
// the same scheme replaces the earlier one. The built-in schemes "tcp",
// "dir" and "lp" cannot be replaced.
func RegisterScheme(scheme string, open OpenFunc) {
	scheme = strings.ToLower(scheme)
	if scheme == "tcp" || scheme == "dir" || scheme == "lp" {
		panic("printer: scheme " + scheme + " is built in")
	}

	schemesMu.Lock()
	defer schemesMu.Unlock()
	schemes[scheme] = open
}

// Open builds a Transport from an address:
//
//   - "tcp://host[:port]" is a network printer (port 9100 unless given).
//     The query "?status=0" turns off the status query for printers that do
//     not reply to it, so that Send waits for the printer to close instead.
//     ESC/POS printers need it, because the query is TSPL only.
//   - "tcp://host?lang=escpos" queries the status of an ESC/POS printer
//     (DLE EOT) instead of a TSPL one (ESC ! ?).
//   - "dir:/path" or a plain path is the virtual printer, a folder that is
//     created if missing.
//   - "lp:/dev/usb/lp0" is a device file of the system's printer driver.
//   - "winspool:Printer Name" is a printer of the Windows spooler, handled
//     by printer/winspool when it is imported.
//   - "usb://VID:PID[/serial]" and any other scheme are handled by the
//     function registered for it with RegisterScheme (printer/usb registers
//     "usb" when it is imported).
//
// An address with an unknown scheme returns an error wrapping ErrBadAddress.
func Open(addr string) (Transport, error) {
	if addr == "" {
		return nil, fmt.Errorf("open printer: empty address: %w", ErrBadAddress)
	}

	if rest, ok := strings.CutPrefix(addr, "dir:"); ok {
		return NewDir(rest)
	}
	if rest, ok := strings.CutPrefix(addr, "lp:"); ok {
		if rest == "" {
			return nil, fmt.Errorf("open printer %q: missing device file: %w", addr, ErrBadAddress)
		}
		return &LP{Path: rest}, nil
	}

	scheme, _, hasScheme := strings.Cut(addr, "://")
	if !hasScheme {
		// "winspool:Printer Name" and other "scheme:rest" addresses of a
		// registered scheme. A one-letter scheme is a Windows drive.
		if name, _, ok := strings.Cut(addr, ":"); ok && len(name) > 1 {
			schemesMu.RLock()
			open, registered := schemes[strings.ToLower(name)]
			schemesMu.RUnlock()
			if registered {
				return open(addr)
			}
		}
		return NewDir(addr)
	}

	scheme = strings.ToLower(scheme)
	if scheme == "tcp" {
		return openTCP(addr)
	}

	schemesMu.RLock()
	open, ok := schemes[scheme]
	schemesMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("open printer %q: unknown scheme %q (use tcp://, dir: or a registered scheme such as usb://): %w",
			addr, scheme, ErrBadAddress)
	}
	return open(addr)
}

func openTCP(addr string) (Transport, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return nil, fmt.Errorf("open printer %q: %w: %w", addr, ErrBadAddress, err)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("open printer %q: missing host: %w", addr, ErrBadAddress)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("open printer %q: unexpected path %q: %w", addr, u.Path, ErrBadAddress)
	}

	port := u.Port()
	if port == "" {
		port = DefaultTCPPort
	}
	t := &TCP{Addr: net.JoinHostPort(u.Hostname(), port), QueryStatus: true}

	lang, err := ParseLanguage(u.Query().Get("lang"))
	if err != nil {
		return nil, fmt.Errorf("open printer %q: %w", addr, err)
	}
	t.Language = lang

	switch status := u.Query().Get("status"); status {
	case "", "1", "true", "on":
	case "0", "false", "off":
		t.QueryStatus = false
	default:
		return nil, fmt.Errorf("open printer %q: invalid status=%q (use 0 or 1): %w", addr, status, ErrBadAddress)
	}
	return t, nil
}
