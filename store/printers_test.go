package store

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestPrinters_PutGetListDelete(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "station.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	err = db.Update(func(tx *Tx) error {
		if err := tx.PutPrinter("desk-2", []byte(`{"id":"desk-2","dpi":300}`)); err != nil {
			return err
		}
		return tx.PutPrinter("desk-1", []byte(` {"id":"desk-1","dpi":203} `))
	})
	if err != nil {
		t.Fatalf("PutPrinter: %v", err)
	}

	err = db.View(func(tx *Tx) error {
		got, err := tx.Printer("desk-1")
		if err != nil || string(got) != `{"id":"desk-1","dpi":203}` {
			t.Errorf("Printer(desk-1) = %s, %v", got, err)
		}
		var ids []string
		tx.ForEachPrinter(func(id string, _ []byte) error { ids = append(ids, id); return nil })
		if len(ids) != 2 || ids[0] != "desk-1" || ids[1] != "desk-2" {
			t.Errorf("ForEachPrinter ids = %v, want [desk-1 desk-2]", ids)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	if err := db.Update(func(tx *Tx) error { return tx.DeletePrinter("desk-1") }); err != nil {
		t.Fatalf("DeletePrinter: %v", err)
	}
	db.View(func(tx *Tx) error {
		if _, err := tx.Printer("desk-1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Printer after delete: %v, want ErrNotFound", err)
		}
		if err := tx.DeletePrinter("desk-1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v, want ErrNotFound", err)
		}
		return nil
	})
}

func TestPrinters_RejectsNonObject(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "station.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, raw := range []string{``, `[]`, `{"id":`, `"x"`} {
		err := db.Update(func(tx *Tx) error { return tx.PutPrinter("p", []byte(raw)) })
		if err == nil {
			t.Errorf("PutPrinter(%q) succeeded, want an error", raw)
		}
	}
	if err := db.Update(func(tx *Tx) error { return tx.PutPrinter("", []byte(`{}`)) }); err == nil {
		t.Error("PutPrinter with empty id succeeded")
	}
}
