package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/printstation/printstation/app"
	"github.com/printstation/printstation/store"
)

// runBackup is "printstation backup": a consistent copy of the store. The
// store is locked while a station uses it, so stop the station first.
func runBackup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ExitOnError)
	storePath := fs.String("store", app.DefaultStorePath(), "station store `file` to copy (stop the station first)")
	out := fs.String("out", "", "`file` to write the copy to (must not exist)")
	fs.Parse(args)
	if *out == "" {
		return errors.New("backup: --out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file", *out)
	}

	db, err := openExistingStore(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(*out); err != nil {
		return fmt.Errorf("backup to %s: %w", *out, err)
	}
	fmt.Printf("copied %s to %s\n", *storePath, *out)
	return nil
}

// runLog is "printstation log": the event log, whole or for one parcel,
// order or waybill.
func runLog(args []string) error {
	fs := flag.NewFlagSet("log", flag.ExitOnError)
	storePath := fs.String("store", app.DefaultStorePath(), "station store `file`")
	code := fs.String("code", "", "show only the parcel with this waybill number, order id or parcel id")
	fs.Parse(args)

	db, err := openExistingStore(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()

	parcelID := ""
	if *code != "" {
		if parcelID, err = findParcelID(db, *code); err != nil {
			return err
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SEQ\tTIME\tPARCEL\tEVENT\tFROM\tTO\tBY\tPRINTER\tDETAIL")
	err = db.View(func(tx *store.Tx) error {
		return tx.ForEachEvent(0, func(e store.Event) error {
			if parcelID != "" && e.Parcel != parcelID {
				return nil
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.At.Format(time.DateTime), e.Parcel, e.Kind,
				e.From, e.To, e.Actor, e.Printer, strings.ReplaceAll(e.Detail, "\n", " "))
			return nil
		})
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// openExistingStore opens a store that must exist already: the commands
// that read a store must not create an empty one from a mistyped path.
func openExistingStore(path string) (*store.DB, error) {
	path = app.ExpandHome(path)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return store.Open(path)
}

// findParcelID resolves a waybill number, an order id or a parcel id.
func findParcelID(db *store.DB, code string) (id string, err error) {
	err = db.View(func(tx *store.Tx) error {
		if p, err := tx.ParcelByWaybill(code); err == nil {
			id = p.ID
			return nil
		}
		if parcels, err := tx.ParcelsByOrder(code); err == nil && len(parcels) > 0 {
			id = parcels[len(parcels)-1].ID
			return nil
		}
		if p, err := tx.Parcel(code); err == nil {
			id = p.ID
			return nil
		}
		return fmt.Errorf("%q: %w", code, app.ErrUnknownCode)
	})
	return id, err
}

// runConfirm is "printstation confirm": settles a label of unknown fate
// from the command line, as the window's confirmation does.
func runConfirm(args []string) error {
	fs := flag.NewFlagSet("confirm", flag.ExitOnError)
	storePath := fs.String("store", app.DefaultStorePath(), "station store `file`")
	code := fs.String("code", "", "waybill number, order id or parcel id of the label")
	printed := fs.Bool("printed", false, "the label came out of the printer (false: queue it to print again)")
	list := fs.Bool("list", false, "list the labels of unknown fate and exit")
	fs.Parse(args)

	db, err := openExistingStore(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	st := app.New(app.Config{Operator: "cli"}, db, nil, nil)

	if *list {
		parcels, err := st.ParcelsIn(store.StateSent)
		if err != nil {
			return err
		}
		for _, p := range parcels {
			fmt.Printf("%s\t%s\t%s\n", p.ID, p.Waybill.TrackNo, p.UpdatedAt.Format(time.DateTime))
		}
		return nil
	}
	if *code == "" {
		return errors.New("confirm: --code is required (or --list)")
	}
	id, err := findParcelID(db, *code)
	if err != nil {
		return err
	}
	p, err := st.ConfirmSent(id, *printed)
	if err != nil {
		return err
	}
	fmt.Printf("%s is now %s\n", p.ID, p.State)
	return nil
}
