package emulator

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// escposJob builds an ESC/POS byte stream from parts.
func escposJob(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestESCPOS_HandWrittenJob(t *testing.T) {
	e := start(t)
	qrData := strings.Repeat("Q", 300) // over 252 bytes, so pH is 1
	store := len(qrData) + 3
	job := escposJob(
		[]byte{esc, '@'},
		[]byte{esc, 'a', 1},
		[]byte{fs, '&'}, []byte(gb(t, "张三 广东省")), []byte{fs, '.'}, []byte{lf},
		[]byte("plain line\n"),
		[]byte{gs, 'h', 80}, []byte{gs, 'w', 2},
		[]byte{gs, 'k', 73, 10, '{', 'B', 'S', 'F', '{', 'C', 12, 34, 5, 0},
		[]byte{gs, '(', 'k', 3, 0, 49, 67, 6},
		[]byte{gs, '(', 'k', 3, 0, 49, 69, 49},
		[]byte{gs, '(', 'k', byte(store % 256), byte(store / 256), 49, 80, 48}, []byte(qrData),
		[]byte{gs, '(', 'k', 3, 0, 49, 81, 48},
		[]byte{gs, 'v', '0', 0, 2, 0, 3, 0}, []byte{0xFF, 0x00, 0x0A, 0x0D, 0x1B, 0x40}, // 2 bytes × 3 rows
		[]byte{gs, 'V', 66, 0},
		[]byte{dle, eot, 1},
	)
	reply, err := sendRaw(t, e.Addr(), job)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if errs := e.Errors(); len(errs) != 0 {
		t.Fatalf("Errors() = %q, want none", errs)
	}
	if !bytes.Equal(reply, []byte{0x12}) {
		t.Errorf("DLE EOT 1 reply = % X, want 12", reply)
	}

	labels := e.Labels()
	if len(labels) != 1 {
		t.Fatalf("got %d labels, want 1 (one cut)", len(labels))
	}
	l := labels[0]
	if want := []string{"张三 广东省", "plain line"}; !reflect.DeepEqual(l.Texts, want) {
		t.Errorf("Texts = %q, want %q", l.Texts, want)
	}
	if want := []string{"SF12340500"}; !reflect.DeepEqual(l.Barcodes, want) {
		t.Errorf("Barcodes = %q, want %q", l.Barcodes, want)
	}
	if len(l.QRCodes) != 1 || l.QRCodes[0] != qrData {
		t.Errorf("QR code content is %d bytes, want the %d stored", len(strings.Join(l.QRCodes, "")), len(qrData))
	}
	if l.Bitmaps != 1 {
		t.Errorf("Bitmaps = %d, want 1", l.Bitmaps)
	}
	if e.Jobs() != 1 {
		t.Errorf("Jobs() = %d, want 1", e.Jobs())
	}
}

func TestESCPOS_MalformedInput(t *testing.T) {
	tests := []struct {
		name      string
		job       []byte
		wantError string
	}{
		{"raster shorter than header", escposJob([]byte{esc, '@', gs, 'v', '0', 0, 4, 0, 4, 0}, []byte{1, 2, 3}), "shorter than the 16 bytes"},
		{"raster too tall", []byte{esc, '@', gs, 'v', '0', 0, 1, 0, 0x00, 0x10}, "at most 4095 rows"},
		{"code128 without code set", escposJob([]byte{esc, '@', gs, 'k', 73, 4}, []byte("1234")), "must start with {A, {B or {C"},
		{"code128 set C value over 99", escposJob([]byte{esc, '@', gs, 'k', 73, 3}, []byte("{C\x64")), "not a value 0–99"},
		{"unknown command", []byte{esc, '@', gs, 'Z'}, "unknown command GS 0x5A"},
		{"cut mode invalid", []byte{esc, '@', gs, 'V', 7}, "invalid cut mode"},
		{"QR print without data", []byte{esc, '@', gs, '(', 'k', 3, 0, 49, 81, 48}, "no QR data stored"},
		{"unknown control byte", []byte{esc, '@', 0x01}, "unknown control byte 0x01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			if _, err := sendRaw(t, e.Addr(), tt.job); err != nil {
				t.Fatalf("send: %v", err)
			}
			if errs := e.Errors(); !strings.Contains(strings.Join(errs, "\n"), tt.wantError) {
				t.Errorf("Errors() = %q, want one containing %q", errs, tt.wantError)
			}
		})
	}
}

func TestESCPOS_StatusReplies(t *testing.T) {
	query := []byte{dle, eot, 1, dle, eot, 2, dle, eot, 4}
	tests := []struct {
		name  string
		setup func(e *Emulator)
		want  []byte
	}{
		{"ready", func(e *Emulator) {}, []byte{0x12, 0x12, 0x12}},
		{"paper out", func(e *Emulator) { e.SetPaperOutAfter(0) }, []byte{0x1A, 0x32, 0x72}},
		{"cover open", func(e *Emulator) { e.SetHeadOpen(true) }, []byte{0x1A, 0x16, 0x12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := start(t)
			tt.setup(e)
			reply, err := sendRaw(t, e.Addr(), query)
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if !bytes.Equal(reply, tt.want) {
				t.Errorf("reply = % X, want % X", reply, tt.want)
			}
		})
	}
}

func TestDecodeCode128(t *testing.T) {
	tests := []struct {
		data, want string
	}{
		{"{BSF1234", "SF1234"},
		{"{C\x0c\x22\x38", "123456"},
		{"{BAB{C\x01\x02", "AB0102"},
		{"{Ba{{b", "a{b"},
		{"{A{1AB", "AB"},
	}
	for _, tt := range tests {
		got, err := decodeCode128([]byte(tt.data))
		if err != nil || got != tt.want {
			t.Errorf("decodeCode128(%q) = %q, %v; want %q", tt.data, got, err, tt.want)
		}
	}
}
