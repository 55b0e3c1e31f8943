package app

import (
	"bytes"
	"context"
	"io"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
)

// firstBytePrinter is a TCP printer that records when the first byte of
// each connection arrives and answers the TSPL status query with "ready".
type firstBytePrinter struct {
	listener net.Listener
	mu       sync.Mutex
	arrivals []time.Time
}

func startFirstBytePrinter(b *testing.B) *firstBytePrinter {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	p := &firstBytePrinter{listener: l}
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go p.serve(conn)
		}
	}()
	b.Cleanup(func() { l.Close() })
	return p
}

func (p *firstBytePrinter) serve(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 64<<10)
	first := true
	var seen []byte
	for {
		n, err := conn.Read(buf)
		if n > 0 && first {
			p.mu.Lock()
			p.arrivals = append(p.arrivals, time.Now())
			p.mu.Unlock()
			first = false
		}
		seen = append(seen, buf[:n]...)
		if bytes.Contains(seen, printer.QueryStatusCommand) {
			conn.Write([]byte{0x00})
			seen = seen[:0]
		}
		if err == io.EOF || err != nil {
			return
		}
		if len(seen) > 8 {
			seen = seen[len(seen)-8:]
		}
	}
}

func (p *firstBytePrinter) last() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.arrivals[len(p.arrivals)-1]
}

// BenchmarkReprint_EnterToFirstByte measures a scan's path: from the call
// that Enter in the scan box makes (Reprint with the waybill number) to the
// first byte of the label at a TCP printer on loopback.
func BenchmarkReprint_EnterToFirstByte(b *testing.B) {
	r := newRig(b, 20)
	prn := startFirstBytePrinter(b)
	r.setup.Printer = "tcp://" + prn.listener.Addr().String()
	r.open(b)
	ctx := context.Background()
	if _, err := RunOnce(ctx, r.station, nil); err != nil {
		b.Fatal(err)
	}
	shipped, err := r.station.ParcelsIn("shipped")
	if err != nil || len(shipped) == 0 {
		b.Fatalf("no shipped parcels to reprint: %v", err)
	}

	var delays []time.Duration
	i := 0
	for b.Loop() {
		code := shipped[i%len(shipped)].Waybill.TrackNo
		i++
		start := time.Now()
		if _, err := r.station.Reprint(ctx, code, "bench"); err != nil {
			b.Fatal(err)
		}
		delays = append(delays, prn.last().Sub(start))
	}
	slices.Sort(delays)
	b.ReportMetric(float64(delays[len(delays)/2].Microseconds())/1000, "ms-to-first-byte-p50")
	b.ReportMetric(float64(delays[len(delays)*99/100].Microseconds())/1000, "ms-to-first-byte-p99")
}
