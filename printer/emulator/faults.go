package emulator

import (
	"net"
	"time"
)

// SetPaperOutAfter lets the emulator print n more labels and then report
// paper out (status 0x04) and print nothing until ClearFault. A PRINT that
// requests more copies than are left prints the rest of the roll.
func (e *Emulator) SetPaperOutAfter(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()

	e.paperLeft = max(n, 0)
	e.paperOut = e.paperLeft == 0
}

// SetHeadOpen opens or closes the print head. While it is open the status
// has bit 0 set (0x01) and PRINT prints nothing.
func (e *Emulator) SetHeadOpen(open bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.headOpen = open
}

// ClearFault loads paper and closes the head. The status returns to 0x00
// and the paper is unlimited again.
func (e *Emulator) ClearFault() {
	e.mu.Lock()
	defer e.mu.Unlock()

	e.paperLeft = -1
	e.paperOut = false
	e.headOpen = false
}

// SetReadDelay makes the emulator wait perKB after reading each KiB (1024
// bytes) of input, like a printer that reads only as fast as it prints.
// Zero turns the delay off. The delay applies to connections already open.
func (e *Emulator) SetReadDelay(perKB time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.readDelay = max(perKB, 0)
}

// ResetAfter makes the next connection end with a TCP reset after the
// emulator has read n bytes of it. It applies once. Commands before the
// reset are processed, so a PRINT in the first n bytes still prints.
func (e *Emulator) ResetAfter(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetAfter = max(n, 1)
}

// RejectConnections makes the emulator close every new connection at once,
// without reading, until it is called with false.
func (e *Emulator) RejectConnections(reject bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reject = reject
}

// DropQuickReconnect makes the emulator accept and at once close, without
// reading, every connection opened while another is open or less than
// window after the previous one closed, like printers that drop a second
// connection opened within seconds of the first. Zero turns it off.
func (e *Emulator) DropQuickReconnect(window time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dropWindow = max(window, 0)
}

// DroppedConnections returns how many connections DropQuickReconnect
// dropped.
func (e *Emulator) DroppedConnections() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.drops
}

// dropLocked reports whether a connection accepted now is dropped by
// DropQuickReconnect, and counts it.
func (e *Emulator) dropLocked() bool {
	if e.dropWindow == 0 {
		return false
	}
	if len(e.conns) == 0 && (e.lastClose.IsZero() || time.Since(e.lastClose) >= e.dropWindow) {
		return false
	}
	e.drops++
	return true
}

// faultReader reads from the connection and applies the read delay and the
// reset knob.
type faultReader struct {
	conn       net.Conn
	e          *Emulator
	resetAfter int
	total      int64
	reset      bool
}

func (r *faultReader) Read(p []byte) (int, error) {
	if r.reset {
		return 0, net.ErrClosed
	}

	r.e.mu.Lock()
	delay := r.e.readDelay
	r.e.mu.Unlock()

	if delay > 0 && len(p) > 1024 {
		p = p[:1024]
	}
	if r.resetAfter > 0 {
		p = p[:min(len(p), r.resetAfter-int(r.total))]
	}

	n, err := r.conn.Read(p)
	r.total += int64(n)

	if r.resetAfter > 0 && r.total >= int64(r.resetAfter) {
		r.abort()
		// Hand over the bytes read so far. The next Read reports the reset.
		return n, nil
	}

	if delay > 0 && n > 0 {
		r.sleep(delay * time.Duration(n) / 1024)
	}
	return n, err
}

// abort closes the connection with SO_LINGER 0, so the peer gets a reset
// (RST) instead of an orderly close.
func (r *faultReader) abort() {
	r.reset = true
	if tcp, ok := r.conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	r.conn.Close()
}

func (r *faultReader) sleep(d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-r.e.done:
	}
}
