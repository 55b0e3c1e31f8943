package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/printstation/printstation/assets"
	"github.com/printstation/printstation/printer"
	"github.com/printstation/printstation/printer/usb"
	// Windows spooler printers: registers the winspool: address scheme.
	_ "github.com/printstation/printstation/printer/winspool"
	"github.com/printstation/printstation/store"
)

const printersUsage = `Usage:
  printstation printers list [--store FILE]     USB printers, /dev/usb/lp* devices and saved profiles
  printstation printers status ADDR [--lang L]  query a printer's status
  printstation printers test ADDR [flags]       print a test label

ADDR is a printer address: tcp://HOST[:PORT], usb://VID:PID[/SERIAL],
lp:/dev/usb/lp0, winspool:NAME or a folder. Run "printstation printers test -h"
for the label settings.
`

// runPrinters is "printstation printers": find printers, read their status
// and print a test label, without a window.
func runPrinters(args []string) error {
	if len(args) == 0 {
		fmt.Print(printersUsage)
		return errors.New("printers: missing subcommand (list, status or test)")
	}
	switch args[0] {
	case "list":
		return printersList(os.Stdout, args[1:])
	case "status":
		return printersStatus(os.Stdout, args[1:])
	case "test":
		return printersTest(os.Stdout, args[1:])
	case "help", "-h", "--help":
		fmt.Print(printersUsage)
		return nil
	}
	return fmt.Errorf("printers: unknown subcommand %q (use list, status or test)", args[0])
}

func printersList(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("printers list", flag.ContinueOnError)
	storePath := fs.String("store", "", "station database `file` whose saved printer profiles to list")
	if err := fs.Parse(args); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	found, err := usb.Discover(ctx)
	if err != nil {
		fmt.Fprintf(w, "USB: %v\n", err)
	}
	for _, p := range found {
		id := p.DeviceID
		fmt.Fprintf(w, "%s\t%s %s\tlanguages %v\ttwo-way %v", p.Address(), orUnknown(id.Manufacturer, p.Manufacturer),
			orUnknown(id.Model, p.Product), id.Languages(), p.Bidirectional)
		if p.DeviceIDErr != nil {
			fmt.Fprintf(w, "\t(no device ID: %v)", p.DeviceIDErr)
		}
		fmt.Fprintln(w)
	}

	devices, _ := filepath.Glob("/dev/usb/lp*")
	for _, d := range devices {
		fmt.Fprintf(w, "lp:%s\tkernel printer device\n", d)
	}
	if len(found) == 0 && len(devices) == 0 {
		fmt.Fprintln(w, "no USB printer found; network printers are not searched, use tcp://HOST")
	}

	if *storePath == "" {
		return nil
	}
	db, err := store.Open(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *store.Tx) error {
		return tx.ForEachPrinter(func(id string, raw []byte) error {
			var p printer.Profile
			if err := json.Unmarshal(raw, &p); err != nil {
				fmt.Fprintf(w, "profile %s: unreadable: %v\n", id, err)
				return nil
			}
			fmt.Fprintf(w, "profile %s\t%s\t%s\t%s %d dpi %gx%g mm\n", p.ID, p.Name, p.Address, p.Language, p.DPI, p.LabelWidthMM, p.LabelHeightMM)
			return nil
		})
	})
}

func orUnknown(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return "?"
}

// profileFlags registers the label settings of a profile on fs.
func profileFlags(fs *flag.FlagSet) func(addr string) (printer.Profile, error) {
	def := printer.DefaultProfile()
	lang := fs.String("lang", string(def.Language), "printer language: tspl or escpos")
	dpi := fs.Int("dpi", def.DPI, "print resolution in dots per inch: 203 or 300")
	width := fs.Float64("width", def.LabelWidthMM, "label width in millimetres")
	height := fs.Float64("height", def.LabelHeightMM, "label height in millimetres")
	gap := fs.Float64("gap", def.GapMM, "gap between labels in millimetres")
	encoding := fs.String("encoding", def.Encoding, "code page of Chinese text: gb18030, gbk, gb2312 or utf-8")
	noStatus := fs.Bool("no-status", false, "do not query the status (for printers that never reply)")

	return func(addr string) (printer.Profile, error) {
		l, err := printer.ParseLanguage(*lang)
		if err != nil {
			return printer.Profile{}, err
		}
		p := def
		p.ID, p.Name, p.Address = "cli", addr, addr
		p.Language, p.DPI, p.LabelWidthMM, p.LabelHeightMM, p.GapMM, p.Encoding = l, *dpi, *width, *height, *gap, *encoding
		p.QueryStatus = !*noStatus
		return p, p.Validate()
	}
}

func printersStatus(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("printers status", flag.ContinueOnError)
	profile := profileFlags(fs)
	addr, err := parseWithAddress(fs, args)
	if err != nil {
		return err
	}
	p, err := profile(addr)
	if err != nil {
		return err
	}
	t, err := p.Open()
	if err != nil {
		return err
	}
	defer t.Close()

	reader, ok := t.(printer.StatusReader)
	if !ok {
		return fmt.Errorf("printers status: %s cannot report its status", t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	status, err := reader.Status(ctx)
	if err != nil {
		printMessages(w, printer.MessageKeys(err))
		return err
	}
	fmt.Fprintf(w, "%s: %v\n", t, status)
	printMessages(w, status.Keys())
	return status.Err()
}

func printersTest(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("printers test", flag.ContinueOnError)
	profile := profileFlags(fs)
	addr, err := parseWithAddress(fs, args)
	if err != nil {
		return err
	}
	p, err := profile(addr)
	if err != nil {
		return err
	}
	job, err := p.TestJob()
	if err != nil {
		return err
	}
	t, err := p.Open()
	if err != nil {
		return err
	}
	defer t.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := t.Send(ctx, job); err != nil {
		printMessages(w, printer.MessageKeys(err))
		return err
	}
	fmt.Fprintf(w, "test label sent to %s (%d bytes); check that the text is sharp and the barcode scans as %s\n",
		t, len(job.Data), printer.TestBarcode)
	return nil
}

// parseWithAddress parses flags that come before or after the one address.
func parseWithAddress(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return "", fmt.Errorf("%s: missing printer address", fs.Name())
	}
	addr := rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return addr, nil
}

// printMessages prints the English message of each translation key.
func printMessages(w io.Writer, keys []string) {
	raw, err := assets.Translations.ReadFile(assets.TranslationsDir + "/printer.en.json")
	if err != nil {
		return
	}
	var messages map[string]string
	if json.Unmarshal(raw, &messages) != nil {
		return
	}
	for _, k := range keys {
		if m := messages[k]; m != "" {
			fmt.Fprintln(w, m)
		}
	}
}
