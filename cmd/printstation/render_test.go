package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixturePage is one order.searchList reply as the platform sends it.
const fixturePage = "../../platform/doudian/testdata/order_searchList.json"

func runMain(t *testing.T, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := command(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(cmd.Env, mainArgsEnv+"="+strings.Join(args, " "))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("printstation %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func TestRender_FixtureOrderInEachFormat(t *testing.T) {
	dir := t.TempDir()
	order := "6934175510824961793" // the fixture's live-room order with two SKUs

	tsplPath := filepath.Join(dir, "label.tspl")
	runMain(t, "render", "--template", "76x130", "--format", "tspl", "--order-json", fixturePage, "--order", order, "--out", tsplPath)
	job, err := os.ReadFile(tsplPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(job, []byte("SIZE 76 mm,130 mm")) || bytes.Count(job, []byte("\r\nPRINT 1,1\r\n")) != 1 {
		t.Errorf("TSPL job lacks its size or one PRINT:\n%.300s", job)
	}

	escposPath := filepath.Join(dir, "label.bin")
	runMain(t, "render", "--template", "100x180", "--format", "escpos", "--order-json", fixturePage, "--order", order, "--out", escposPath)
	raw, err := os.ReadFile(escposPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte{0x1b, '@'}) || !bytes.Contains(raw, []byte{0x1d, 'v', '0'}) {
		t.Errorf("ESC/POS job does not start with ESC @ or lacks a GS v 0 raster")
	}

	pngPath := filepath.Join(dir, "label.png")
	runMain(t, "render", "--format", "png", "--order-json", fixturePage, "--order", order, "--out", pngPath)
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("preview is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 76*8 || b.Dy() != 130*8 {
		t.Errorf("preview is %v, want 608×1040 dots at 203 dpi", b.Size())
	}
}
