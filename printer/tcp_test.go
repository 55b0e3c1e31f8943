package printer_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/emulator"
)

const oneLabel = "SIZE 76 mm,130 mm\r\nGAP 2 mm,0 mm\r\nCLS\r\n" +
	"BARCODE 16,16,\"128\",96,1,0,2,4,\"SF1234567890\"\r\nPRINT 1\r\n"

func startEmulator(t *testing.T) *emulator.Emulator {
	t.Helper()
	e, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func newTCP(addr string) *printer.TCP {
	return &printer.TCP{
		Addr:          addr,
		DialTimeout:   time.Second,
		WriteTimeout:  time.Second,
		StatusTimeout: time.Second,
		QueryStatus:   true,
	}
}

func job(id string) printer.Job {
	return printer.Job{ID: id, Data: []byte(oneLabel)}
}

// closedPort returns a loopback address on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// silentPrinter accepts connections and reads everything without ever
// replying, and keeps each connection open until the test ends, like a
// printer that ignores ESC ! ? and does not close after a job.
func silentPrinter(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() {
		close(stop)
		l.Close()
		wg.Wait()
	})

	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				go io.Copy(io.Discard, conn)
				<-stop
			}()
		}
	}()
	return l.Addr().String()
}

func TestTCP_DeliversJob(t *testing.T) {
	e := startEmulator(t)
	tr := newTCP(e.Addr())

	if err := tr.Send(context.Background(), job("SF1")); err != nil {
		t.Fatalf("Send: %v", err)
	}

	// Send returned after the status reply, so the emulator has already
	// parsed the PRINT: no waiting needed.
	if got := e.LabelCount(); got != 1 {
		t.Errorf("LabelCount() = %d, want 1", got)
	}
	if labels := e.Labels(); len(labels) == 1 && strings.Join(labels[0].Barcodes, ",") != "SF1234567890" {
		t.Errorf("barcodes = %q, want SF1234567890", labels[0].Barcodes)
	}
	if errs := e.Errors(); len(errs) != 0 {
		t.Errorf("emulator errors: %q", errs)
	}
	if got := tr.String(); got != "tcp://"+e.Addr() {
		t.Errorf("String() = %q", got)
	}
}

func TestTCP_LargeJobThroughSlowPrinter(t *testing.T) {
	e := startEmulator(t)
	e.SetReadDelay(2 * time.Millisecond)
	tr := newTCP(e.Addr())
	tr.StatusTimeout = 5 * time.Second

	// 64 KiB of bitmap is larger than one 16 KiB write and takes the slow
	// printer about 130 ms to read.
	data := "CLS\r\nBITMAP 0,0,128,512,0," + strings.Repeat("\x00", 128*512) + "\r\nPRINT 1\r\n"
	if err := tr.Send(context.Background(), printer.Job{ID: "big", Data: []byte(data)}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := e.LabelCount(); got != 1 {
		t.Errorf("LabelCount() = %d right after Send, want 1", got)
	}
}

func TestTCP_ConnectionRefusedIsUnreachable(t *testing.T) {
	tr := newTCP(closedPort(t))
	tr.DialTimeout = 3 * time.Second

	begin := time.Now()
	err := tr.Send(context.Background(), job("SF1"))
	if !errors.Is(err, printer.ErrUnreachable) {
		t.Fatalf("Send error = %v, want ErrUnreachable", err)
	}
	if elapsed := time.Since(begin); elapsed > time.Second {
		t.Errorf("refused connection took %v, want well under the 3s dial timeout", elapsed)
	}
}

func TestTCP_PrinterFaults(t *testing.T) {
	tests := []struct {
		name       string
		fault      func(e *emulator.Emulator)
		wantErr    error
		wantStatus printer.Status
	}{
		{"paper out", func(e *emulator.Emulator) { e.SetPaperOutAfter(0) }, printer.ErrPaperOut, printer.StatusPaperOut},
		{"runs out during job", func(e *emulator.Emulator) { e.SetPaperOutAfter(1) }, printer.ErrPaperOut, printer.StatusPaperOut},
		{"head open", func(e *emulator.Emulator) { e.SetHeadOpen(true) }, printer.ErrHeadOpen, printer.StatusHeadOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startEmulator(t)
			tt.fault(e)

			err := newTCP(e.Addr()).Send(context.Background(), job("SF1"))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Send error = %v, want %v", err, tt.wantErr)
			}
			var statusErr *printer.StatusError
			if !errors.As(err, &statusErr) || statusErr.Status != tt.wantStatus {
				t.Errorf("Send error = %v, want *StatusError with status %v", err, tt.wantStatus)
			}
			if errors.Is(err, printer.ErrUnreachable) || errors.Is(err, printer.ErrTimeout) {
				t.Errorf("fault error %v also matches a connection error", err)
			}
		})
	}
}

func TestTCP_ConnectionErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T) *printer.TCP
		wantErr error
	}{
		{"reset mid-job", func(t *testing.T) *printer.TCP {
			e := startEmulator(t)
			e.ResetAfter(20)
			return newTCP(e.Addr())
		}, printer.ErrUnreachable},
		{"connection rejected", func(t *testing.T) *printer.TCP {
			e := startEmulator(t)
			e.RejectConnections(true)
			return newTCP(e.Addr())
		}, printer.ErrUnreachable},
		{"status reply too slow", func(t *testing.T) *printer.TCP {
			e := startEmulator(t)
			e.SetReadDelay(100 * time.Millisecond)
			tr := newTCP(e.Addr())
			tr.StatusTimeout = 50 * time.Millisecond
			return tr
		}, printer.ErrTimeout},
		{"printer never replies", func(t *testing.T) *printer.TCP {
			tr := newTCP(silentPrinter(t))
			tr.StatusTimeout = 100 * time.Millisecond
			return tr
		}, printer.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tt.setup(t)
			// 4 KiB of bitmap takes the slow printer about 400 ms to read.
			data := "CLS\r\nBITMAP 0,0,64,64,0," + strings.Repeat("\x00", 64*64) + "\r\nPRINT 1\r\n"
			err := tr.Send(context.Background(), printer.Job{ID: "SF1", Data: []byte(data)})
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Send error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestTCP_DrainWithoutStatusQuery(t *testing.T) {
	e := startEmulator(t)
	tr := newTCP(e.Addr())
	tr.QueryStatus = false

	if err := tr.Send(context.Background(), job("SF1")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	// The emulator closes only after parsing everything, so the label is
	// recorded once the drain saw the close.
	if got := e.LabelCount(); got != 1 {
		t.Errorf("LabelCount() = %d, want 1", got)
	}
}

func TestTCP_DrainTimeoutCountsAsDelivered(t *testing.T) {
	tr := newTCP(silentPrinter(t))
	tr.QueryStatus = false
	tr.StatusTimeout = 100 * time.Millisecond

	if err := tr.Send(context.Background(), job("SF1")); err != nil {
		t.Errorf("Send error = %v, want nil for a printer that keeps the connection open", err)
	}
}

func TestTCP_ContextCancelStopsSend(t *testing.T) {
	tr := newTCP(silentPrinter(t))
	tr.StatusTimeout = 5 * time.Second

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	begin := time.Now()
	err := tr.Send(ctx, job("SF1"))

	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, printer.ErrTimeout) {
		t.Errorf("Send error = %v, want context.DeadlineExceeded and ErrTimeout", err)
	}
	if elapsed := time.Since(begin); elapsed > time.Second {
		t.Errorf("Send returned after %v, want soon after the context ended", elapsed)
	}
}

func TestTCP_OneConnectionPerPrinter(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	// Each connection takes the printer 30 ms before it replies, so six
	// jobs in a row take at least 180 ms and six in parallel about 30 ms.
	const hold = 30 * time.Millisecond
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				buf := make([]byte, 4096)
				var got []byte
				for !strings.HasSuffix(string(got), "\x1b!?") {
					k, err := conn.Read(buf)
					if err != nil {
						return
					}
					got = append(got, buf[:k]...)
				}
				time.Sleep(hold)
				conn.Write([]byte{0x00})
				io.Copy(io.Discard, conn)
			}()
		}
	}()

	// Separate TCP values for the same address share one lock.
	const jobs = 6
	var wg sync.WaitGroup
	errs := make(chan error, jobs)
	begin := time.Now()
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- newTCP(l.Addr().String()).Send(context.Background(), job(string(rune('a'+i))))
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	close(errs)

	for err := range errs {
		if err != nil {
			t.Errorf("Send: %v", err)
		}
	}
	if elapsed < jobs*hold {
		t.Errorf("%d jobs took %v, want at least %v because they must not overlap", jobs, elapsed, jobs*hold)
	}
}

func TestTCP_StatusQuery(t *testing.T) {
	e := startEmulator(t)
	e.SetHeadOpen(true)

	got, err := newTCP(e.Addr()).Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if got != printer.StatusHeadOpen {
		t.Errorf("Status() = %v, want %v", got, printer.StatusHeadOpen)
	}
	if e.Jobs() != 0 {
		t.Errorf("a status query counted as %d jobs, want 0", e.Jobs())
	}
}

func TestTCP_RejectsEmptyJobAndClosed(t *testing.T) {
	e := startEmulator(t)
	tr := newTCP(e.Addr())

	if err := tr.Send(context.Background(), printer.Job{ID: "x"}); !errors.Is(err, printer.ErrEmptyJob) {
		t.Errorf("empty job error = %v, want ErrEmptyJob", err)
	}
	tr.Close()
	if err := tr.Send(context.Background(), job("x")); !errors.Is(err, printer.ErrClosed) {
		t.Errorf("Send after Close error = %v, want ErrClosed", err)
	}
	if e.Jobs() != 0 {
		t.Errorf("emulator saw %d jobs, want 0", e.Jobs())
	}
}
