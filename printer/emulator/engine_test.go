package emulator

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

func startEngine(t *testing.T, speed float64) *Emulator {
	t.Helper()
	e, err := Start(Options{PrintSpeed: speed, TimeScale: 0.01, BufferLabels: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func waitIdle(t *testing.T, e *Emulator) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.WaitIdle(ctx); err != nil {
		t.Fatalf("WaitIdle: %v", err)
	}
}

func TestEngine_PrintsAtSpeed(t *testing.T) {
	// 100 mm/s scaled by 0.01: a 50 mm label and its 2 mm gap take 5.2 ms.
	e := startEngine(t, 100)
	job := "SIZE 40 mm,50 mm\r\nCLS\r\n" + strings.Repeat("PRINT 1\r\n", 4)

	begin := time.Now()
	if _, err := sendRaw(t, e.Addr(), []byte(job)); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, e)
	elapsed := time.Since(begin)

	if got := e.LabelCount(); got != 4 {
		t.Errorf("LabelCount() = %d, want 4", got)
	}
	if elapsed < 20*time.Millisecond {
		t.Errorf("4 labels took %v, want at least 20ms at 5.2 ms each", elapsed)
	}
	gaps := e.IdleGaps()
	if len(gaps) != 3 {
		t.Fatalf("IdleGaps() has %d entries, want 3", len(gaps))
	}
	for i, g := range gaps {
		// The buffer held the next label, so the engine never waited long.
		if g > 3*time.Millisecond {
			t.Errorf("gap %d = %v, want about 0", i, g)
		}
	}
}

func TestEngine_StatusShowsPrinting(t *testing.T) {
	e := startEngine(t, 10) // 52 ms per label
	conn, err := net.Dial("tcp", e.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	conn.Write([]byte("SIZE 40 mm,50 mm\r\nCLS\r\nPRINT 1\r\n\x1b!?"))
	reply := make([]byte, 1)
	if _, err := conn.Read(reply); err != nil {
		t.Fatal(err)
	}
	if reply[0] != statusPrinting {
		t.Errorf("status while printing = %02X, want %02X", reply[0], statusPrinting)
	}
}

func TestEngine_LabelHeldThroughPaperOut(t *testing.T) {
	e := startEngine(t, 100)
	e.SetPaperOutAfter(2)
	reply, err := sendRaw(t, e.Addr(), []byte("SIZE 40 mm,50 mm\r\nCLS\r\nPRINT 1\r\nPRINT 1\r\nPRINT 1\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reply) != 0 {
		t.Errorf("unexpected reply % X", reply)
	}

	deadline := time.Now().Add(2 * time.Second)
	for e.Status()&statusPaperOut == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := e.LabelCount(); got != 2 {
		t.Errorf("LabelCount() at paper out = %d, want 2", got)
	}
	if e.Status() != statusPaperOut|statusPrinting {
		t.Errorf("status = %02X, want paper out with a label waiting (%02X)", e.Status(), statusPaperOut|statusPrinting)
	}

	e.ClearFault()
	waitIdle(t, e)
	if got := e.LabelCount(); got != 3 {
		t.Errorf("LabelCount() after ClearFault = %d, want 3: the held label prints", got)
	}
	if e.Dropped() != 0 {
		t.Errorf("Dropped() = %d, want 0", e.Dropped())
	}
}

func TestFault_DropQuickReconnect(t *testing.T) {
	e := start(t)
	e.DropQuickReconnect(200 * time.Millisecond)
	job := []byte("CLS\r\nPRINT 1\r\n\x1b!?")

	if reply, err := sendRaw(t, e.Addr(), job); err != nil || !bytes.Equal(reply, []byte{0}) {
		t.Fatalf("first connection: reply % X, error %v", reply, err)
	}
	reply, _ := sendRaw(t, e.Addr(), job)
	if len(reply) != 0 {
		t.Errorf("second connection replied % X, want it dropped", reply)
	}
	if e.DroppedConnections() != 1 || e.LabelCount() != 1 {
		t.Errorf("DroppedConnections()=%d LabelCount()=%d, want 1 and 1", e.DroppedConnections(), e.LabelCount())
	}

	time.Sleep(250 * time.Millisecond)
	if reply, err := sendRaw(t, e.Addr(), job); err != nil || !bytes.Equal(reply, []byte{0}) {
		t.Errorf("connection after the window: reply % X, error %v", reply, err)
	}
}
