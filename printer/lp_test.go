//go:build unix

package printer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/printstation/printstation/printer"
)

// fifo creates a named pipe that replaces /dev/usb/lp0 in tests.
func fifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lp0")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return path
}

func TestLP_WritesJob(t *testing.T) {
	path := fifo(t)
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		got <- data
	}()

	tr, err := printer.Open("lp:" + path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if tr.String() != "lp:"+path {
		t.Errorf("String() = %q", tr.String())
	}
	if err := tr.Send(context.Background(), job("SF1")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if data := <-got; !bytes.Equal(data, []byte(oneLabel)) {
		t.Errorf("device got %q, want the job", data)
	}
}

func TestLP_StalledPrinterTimesOut(t *testing.T) {
	path := fifo(t)
	// The reader opens the device but never reads, like a printer whose
	// buffer is full; the pipe holds 64 KiB.
	reader, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	tr := &printer.LP{Path: path, WriteTimeout: 50 * time.Millisecond}
	big := printer.Job{ID: "big", Data: bytes.Repeat([]byte("BAR 0,0,10,10\r\n"), 20000)}
	begin := time.Now()
	err = tr.Send(context.Background(), big)
	if !errors.Is(err, printer.ErrTimeout) {
		t.Errorf("Send = %v, want ErrTimeout", err)
	}
	if errors.Is(err, printer.ErrNothingSent) {
		t.Errorf("Send = %v: bytes went out, so it must not claim nothing was sent", err)
	}
	if elapsed := time.Since(begin); elapsed > 2*time.Second {
		t.Errorf("Send took %v, want about the write timeout", elapsed)
	}
}

func TestLP_MissingDeviceSentNothing(t *testing.T) {
	tr := &printer.LP{Path: filepath.Join(t.TempDir(), "lp9")}
	err := tr.Send(context.Background(), job("SF1"))
	if !errors.Is(err, printer.ErrUnreachable) || !errors.Is(err, printer.ErrNothingSent) {
		t.Errorf("Send = %v, want ErrUnreachable and ErrNothingSent", err)
	}
}

func TestOpen_LPAddress(t *testing.T) {
	if _, err := printer.Open("lp:"); !errors.Is(err, printer.ErrBadAddress) {
		t.Errorf("Open(lp:) error = %v, want ErrBadAddress", err)
	}
	tr, err := printer.Open("lp:/dev/usb/lp0")
	if err != nil {
		t.Fatal(err)
	}
	if lp, ok := tr.(*printer.LP); !ok || lp.Path != "/dev/usb/lp0" {
		t.Errorf("Open returned %#v, want *LP for /dev/usb/lp0", tr)
	}
}
