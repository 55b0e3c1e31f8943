package emulator

import (
	"bytes"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func start(t *testing.T) *Emulator {
	t.Helper()
	e, err := Start(Options{})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// sendRaw writes data, half-closes and returns everything the emulator sent
// back until it closed the connection, which it does after parsing all input.
func sendRaw(t *testing.T, addr string, data []byte) ([]byte, error) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	if _, err := conn.Write(data); err != nil {
		return nil, err
	}
	conn.(*net.TCPConn).CloseWrite()
	return io.ReadAll(conn)
}

func gb(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse_HandWrittenJob(t *testing.T) {
	e := start(t)

	// The bitmap payload is 4 bytes by 3 rows and contains a quote, CR LF
	// and a whole "PRINT 1" line, none of which may be read as text.
	payload := "\"\r\nPRINT 1\r\n"
	if len(payload) != 12 {
		t.Fatalf("payload is %d bytes, want 12", len(payload))
	}
	job := "SIZE 76 mm,130 mm\r\n" +
		"GAP 2 mm,0 mm\r\n" +
		"DIRECTION 1\r\n" +
		"REFERENCE 0,0\r\n" +
		"DENSITY 8\r\n" +
		"SPEED 3\r\n" +
		"CODEPAGE 936\r\n" +
		"SET TEAR ON\r\n" +
		"CLS\r\n" +
		`TEXT 16,16,"TSS24.BF2",0,1,1,"` + gb(t, "张三 ") + `\["]` + gb(t, " 广东省") + "\"\r\n" +
		`BLOCK 16,60,600,96,"TSS24.BF2",0,1,1,"` + gb(t, "深圳市南山区, 科技园") + "\"\r\n" +
		`BARCODE 16,200,"128",96,1,0,2,4,"SF1234567890"` + "\r\n" +
		`QRCODE 420,200,M,6,A,0,"https://example.com/q?a=1,2"` + "\r\n" +
		"BAR 0,320,608,3\r\n" +
		"BOX 0,0,607,1039,3\r\n" +
		"REVERSE 0,340,100,40\r\n" +
		"BITMAP 16,400,4,3,0," + payload + "\r\n" +
		"PRINT 2,3\r\n" +
		"SOUND 2,100\r\n" +
		"cls\n" + // lower case and a bare LF are accepted
		`TEXT 16,16,"3",0,1,1,"second"` + "\n" +
		"PRINT 1\n"

	if _, err := sendRaw(t, e.Addr(), []byte(job)); err != nil {
		t.Fatalf("send: %v", err)
	}

	if errs := e.Errors(); len(errs) != 0 {
		t.Fatalf("Errors() = %q, want none", errs)
	}
	labels := e.Labels()
	if len(labels) != 2 {
		t.Fatalf("got %d labels, want 2: %+v", len(labels), labels)
	}

	first := labels[0]
	if len(first.marks) != 8 || first.widthDots != 607 || first.heightDots != 1038 {
		t.Errorf("first label has %d marks on %dx%d dots, want 8 on 607x1038", len(first.marks), first.widthDots, first.heightDots)
	}
	first.ReceivedAt = time.Time{}
	first.marks, first.widthDots, first.heightDots = nil, 0, 0
	want := Label{
		Texts:    []string{`张三 " 广东省`, "深圳市南山区, 科技园"},
		Barcodes: []string{"SF1234567890"},
		QRCodes:  []string{"https://example.com/q?a=1,2"},
		Bitmaps:  1,
		Copies:   6,
		Size:     "76 mm,130 mm",
	}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("first label = %+v\nwant          %+v", first, want)
	}

	second := labels[1]
	if !reflect.DeepEqual(second.Texts, []string{"second"}) || second.Bitmaps != 0 || second.Barcodes != nil {
		t.Errorf("second label = %+v, want only the text \"second\" (CLS clears the buffer)", second)
	}
	if second.Copies != 1 || second.Size != "76 mm,130 mm" {
		t.Errorf("second label copies=%d size=%q, want 1 and the size kept from the first", second.Copies, second.Size)
	}
	if second.ReceivedAt.IsZero() {
		t.Error("ReceivedAt is zero")
	}
	if got := e.LabelCount(); got != 7 {
		t.Errorf("LabelCount() = %d, want 7", got)
	}
	if got := e.Jobs(); got != 1 {
		t.Errorf("Jobs() = %d, want 1", got)
	}
}

func TestParse_MalformedInput(t *testing.T) {
	tests := []struct {
		name      string
		job       string
		wantError string
		wantCount int
	}{
		{"unknown command", "CLS\r\nFEED 10\r\nPRINT 1\r\n", `unknown command "FEED"`, 1},
		{"quote cut by line end", "CLS\r\nTEXT 1,1,\"3\",0,1,1,\"O'Brien\r\n\"\r\nPRINT 1\r\n", "unterminated quote", 1},
		{"data outside a command", "CLS\r\n\x00\x01garbage\r\nPRINT 1\r\n", "data outside a command", 1},
		{"text without quotes", "TEXT 1,1,\"3\",0,1,1,abc\r\n", "content must be quoted", 0},
		{"quote inside plain parameter", "BAR 1,2\"x,3,4\r\n", "quote inside an unquoted parameter", 0},
		{"bytes after closing quote", "TEXT 1,1,\"3\",0,1,1,\"a\"b\r\n", "after closing quote", 0},
		{"bitmap payload short", "BITMAP 0,0,10,10,0,abc", "payload shorter than the 100 bytes", 0},
		{"bitmap header claims too few bytes", "BITMAP 0,0,1,1,0,\xff\xfe\xfd\r\nPRINT 1\r\n", "length in the header is wrong", 1},
		{"bitmap header cut by line end", "BITMAP 0,0,1\r\nPRINT 1\r\n", "header ends before the payload", 1},
		{"bitmap invalid mode", "BITMAP 0,0,1,1,7,\xff\r\n", "invalid mode 7", 0},
		{"print zero copies", "PRINT 0\r\n", "invalid count", 0},
		{"barcode type unquoted", "BARCODE 1,1,128,50,1,0,2,4,\"1\"\r\n", "barcode type must be quoted", 0},
		{"qr invalid error correction", "QRCODE 1,1,X,4,A,0,\"1\"\r\n", "invalid error correction", 0},
		{"non-numeric bar", "BAR 1,2,three,4\r\n", "expected a number", 0},
		{"last line without line end", "CLS\r\nPRINT 1", "no line end", 0},
		{"unknown escape", "\x1b!Z", "unknown escape", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			if _, err := sendRaw(t, e.Addr(), []byte(tt.job)); err != nil {
				t.Fatalf("send: %v", err)
			}

			errs := e.Errors()
			if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), tt.wantError) {
				t.Errorf("Errors() = %q, want one containing %q", errs, tt.wantError)
			}
			if got := e.LabelCount(); got != tt.wantCount {
				t.Errorf("LabelCount() = %d, want %d", got, tt.wantCount)
			}
		})
	}
}

func TestParse_ErrorsHideLabelContent(t *testing.T) {
	e := start(t)
	job := "TEXT 1,1,\"3\",0,1,1,\"13800138000 secret road\r\n"
	if _, err := sendRaw(t, e.Addr(), []byte(job)); err != nil {
		t.Fatalf("send: %v", err)
	}

	for _, msg := range e.Errors() {
		if strings.Contains(msg, "13800138000") || strings.Contains(msg, "secret") {
			t.Errorf("error %q contains label content", msg)
		}
	}
}

func TestStatus_Replies(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(e *Emulator)
		wantByte byte
	}{
		{"ready", func(e *Emulator) {}, 0x00},
		{"head open", func(e *Emulator) { e.SetHeadOpen(true) }, 0x01},
		{"paper out", func(e *Emulator) { e.SetPaperOutAfter(0) }, 0x04},
		{"paper out and head open", func(e *Emulator) { e.SetPaperOutAfter(0); e.SetHeadOpen(true) }, 0x05},
		{"cleared", func(e *Emulator) { e.SetPaperOutAfter(0); e.SetHeadOpen(true); e.ClearFault() }, 0x00},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			tt.setup(e)

			reply, err := sendRaw(t, e.Addr(), []byte("\x1b!?"))
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if !bytes.Equal(reply, []byte{tt.wantByte}) {
				t.Errorf("ESC ! ? reply = % X, want %02X", reply, tt.wantByte)
			}

			reply, err = sendRaw(t, e.Addr(), []byte("\x1b!S"))
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if len(reply) != 8 || reply[0] != stx || !bytes.HasSuffix(reply, []byte{etx, '\r', '\n'}) {
				t.Errorf("ESC ! S reply = % X, want STX, 4 bytes, ETX CR LF", reply)
			}
			if got := e.Jobs(); got != 0 {
				t.Errorf("Jobs() = %d after status queries only, want 0", got)
			}
		})
	}
}

func TestStatus_QueryInsideLineRepliesInOrder(t *testing.T) {
	e := start(t)
	e.SetPaperOutAfter(1)

	// The first query is read before PRINT, the second after it, so only the
	// second sees the paper run out. The third sits inside a command line.
	job := "\x1b!?CLS\r\nPRINT 1\r\n\x1b!?TEXT 1,1,\"3\",0,1,1,\x1b!?\"a\"\r\n"
	reply, err := sendRaw(t, e.Addr(), []byte(job))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if want := []byte{0x00, 0x04, 0x04}; !bytes.Equal(reply, want) {
		t.Errorf("replies = % X, want % X", reply, want)
	}
	if errs := e.Errors(); len(errs) != 0 {
		t.Errorf("Errors() = %q, want none", errs)
	}
}

func TestFault_PaperOutAfterN(t *testing.T) {
	e := start(t)
	e.SetPaperOutAfter(2)

	reply, err := sendRaw(t, e.Addr(), []byte("CLS\r\nPRINT 1\r\nPRINT 3\r\nPRINT 1\r\n\x1b!?"))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if !bytes.Equal(reply, []byte{0x04}) {
		t.Errorf("status = % X, want 04", reply)
	}
	if got := e.LabelCount(); got != 2 {
		t.Errorf("LabelCount() = %d, want 2", got)
	}
	if got := e.Dropped(); got != 3 {
		t.Errorf("Dropped() = %d, want 3", got)
	}

	e.ClearFault()
	if _, err := sendRaw(t, e.Addr(), []byte("PRINT 1\r\n")); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := e.LabelCount(); got != 3 {
		t.Errorf("LabelCount() after ClearFault = %d, want 3", got)
	}
}

func TestFault_HeadOpenPrintsNothing(t *testing.T) {
	e := start(t)
	e.SetHeadOpen(true)

	reply, err := sendRaw(t, e.Addr(), []byte("CLS\r\nPRINT 1\r\n\x1b!?"))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if !bytes.Equal(reply, []byte{0x01}) {
		t.Errorf("status = % X, want 01", reply)
	}
	if got := e.LabelCount(); got != 0 {
		t.Errorf("LabelCount() = %d, want 0", got)
	}

	e.SetHeadOpen(false)
	if _, err := sendRaw(t, e.Addr(), []byte("PRINT 1\r\n")); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := e.LabelCount(); got != 1 {
		t.Errorf("LabelCount() after closing the head = %d, want 1", got)
	}
}

func TestFault_ReadDelaySlowsJob(t *testing.T) {
	e := start(t)
	e.SetReadDelay(50 * time.Millisecond)

	job := "CLS\r\nBITMAP 0,0,64,64,0," + strings.Repeat("\xff", 64*64) + "\r\nPRINT 1\r\n\x1b!?"
	begin := time.Now()
	reply, err := sendRaw(t, e.Addr(), []byte(job))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	elapsed := time.Since(begin)

	// About 4 KiB at 50 ms per KiB.
	if elapsed < 180*time.Millisecond {
		t.Errorf("job took %v, want at least 180ms", elapsed)
	}
	if !bytes.Equal(reply, []byte{0x00}) || e.LabelCount() != 1 {
		t.Errorf("reply % X, %d labels, want 00 and 1 label", reply, e.LabelCount())
	}
}

func TestFault_ResetAfterAppliesOnce(t *testing.T) {
	e := start(t)
	e.ResetAfter(10)

	job := []byte("CLS\r\nPRINT 1\r\n" + strings.Repeat("BAR 0,0,10,10\r\n", 100) + "\x1b!?")
	_, err := sendRaw(t, e.Addr(), job)
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, syscall.EPIPE) {
		t.Errorf("first job error = %v, want connection reset", err)
	}

	reply, err := sendRaw(t, e.Addr(), job)
	if err != nil || !bytes.Equal(reply, []byte{0x00}) {
		t.Errorf("second job: reply % X, error %v, want 00 and no error", reply, err)
	}
	if got := e.LabelCount(); got != 1 {
		t.Errorf("LabelCount() = %d, want 1 (the reset job stops before its PRINT)", got)
	}
	if errs := e.Errors(); len(errs) != 0 {
		t.Errorf("Errors() = %q, want none for a broken connection", errs)
	}
}

func TestFault_RejectConnections(t *testing.T) {
	e := start(t)
	e.RejectConnections(true)

	reply, _ := sendRaw(t, e.Addr(), []byte("CLS\r\nPRINT 1\r\n\x1b!?"))
	if len(reply) != 0 {
		t.Errorf("rejected connection replied % X", reply)
	}
	if e.Jobs() != 0 || e.LabelCount() != 0 {
		t.Errorf("Jobs()=%d LabelCount()=%d, want 0 and 0", e.Jobs(), e.LabelCount())
	}

	e.RejectConnections(false)
	reply, err := sendRaw(t, e.Addr(), []byte("CLS\r\nPRINT 1\r\n\x1b!?"))
	if err != nil || !bytes.Equal(reply, []byte{0x00}) {
		t.Errorf("after RejectConnections(false): reply % X, error %v", reply, err)
	}
}

func TestClose_EndsOpenConnections(t *testing.T) {
	e, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", e.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("CLS\r\n"))

	done := make(chan error, 1)
	go func() { done <- e.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not return while a client was connected")
	}
}
