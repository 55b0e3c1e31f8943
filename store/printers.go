package store

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Printer profiles are stored as the JSON their owner (package printer)
// encodes, keyed by profile id, so that the store need not know the
// profile's fields.

// PutPrinter inserts or replaces the printer profile with the id. profile
// must be a JSON object.
func (tx *Tx) PutPrinter(id string, profile []byte) error {
	if id == "" {
		return fmt.Errorf("put printer: empty id")
	}
	trimmed := bytes.TrimSpace(profile)
	if !json.Valid(trimmed) || len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("put printer %q: profile is not a JSON object", id)
	}
	return tx.btx.Bucket(bucketPrinters).Put([]byte(id), trimmed)
}

// Printer returns a copy of the JSON profile of the printer with the id, or
// an error wrapping ErrNotFound.
func (tx *Tx) Printer(id string) ([]byte, error) {
	raw := tx.btx.Bucket(bucketPrinters).Get([]byte(id))
	if raw == nil {
		return nil, fmt.Errorf("printer %q: %w", id, ErrNotFound)
	}
	return bytes.Clone(raw), nil
}

// ForEachPrinter calls fn with every printer profile in id order until fn
// returns an error. profile is a copy fn may keep.
func (tx *Tx) ForEachPrinter(fn func(id string, profile []byte) error) error {
	return tx.btx.Bucket(bucketPrinters).ForEach(func(k, raw []byte) error {
		return fn(string(k), bytes.Clone(raw))
	})
}

// DeletePrinter removes the printer profile with the id, or returns an error
// wrapping ErrNotFound when there is none.
func (tx *Tx) DeletePrinter(id string) error {
	b := tx.btx.Bucket(bucketPrinters)
	if b.Get([]byte(id)) == nil {
		return fmt.Errorf("delete printer %q: %w", id, ErrNotFound)
	}
	return b.Delete([]byte(id))
}
