package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version this program writes. Version 2 added
// the parcel indexes by state and by ship-by time.
const SchemaVersion = 2

// OpenTimeout is how long Open waits for another process to release the
// file before it fails with ErrLocked.
const OpenTimeout = 2 * time.Second

var (
	bucketMeta       = []byte("meta")
	bucketOrders     = []byte("orders")
	bucketParcels    = []byte("parcels")
	bucketIdxWaybill = []byte("idx_waybill")
	bucketIdxOrder   = []byte("idx_order")
	bucketEvents     = []byte("events")
	bucketPrinters   = []byte("printers")
	bucketIdxState   = []byte("idx_state")
	bucketIdxShipBy  = []byte("idx_ship_by")

	allBuckets = [][]byte{bucketMeta, bucketOrders, bucketParcels, bucketIdxWaybill, bucketIdxOrder,
		bucketEvents, bucketPrinters, bucketIdxState, bucketIdxShipBy}

	keySchemaVersion = []byte("schema_version")
)

// DB is an open station store.
type DB struct {
	bolt *bolt.DB
	path string
}

// Open opens the store at path, creating the file (mode 0600) and its
// folder when missing, and brings an older schema up to SchemaVersion.
func Open(path string) (db *DB, err error) {
	// bbolt panics on some damaged files instead of returning an error.
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("open store %s: %w (%v)", path, ErrCorrupt, r)
		}
	}()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := checkFileSize(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: OpenTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// bbolt keeps the mode of an existing file; tighten a file created by
	// hand or copied with looser permissions.
	if err := os.Chmod(path, 0o600); err != nil {
		bdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	db = &DB{bolt: bdb, path: path}
	if err := db.migrate(); err != nil {
		bdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// migrate creates the buckets and upgrades the schema version.
func (db *DB) migrate() error {
	return db.bolt.Update(func(btx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := btx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := btx.Bucket(bucketMeta)
		version := 0
		if raw := meta.Get(keySchemaVersion); raw != nil {
			v, err := strconv.Atoi(string(raw))
			if err != nil {
				return fmt.Errorf("schema version %q: %w", raw, err)
			}
			version = v
		}
		if version > SchemaVersion {
			return fmt.Errorf("%w: file has %d, this program %d", ErrNewerSchema, version, SchemaVersion)
		}
		// Version 0 is a new file, which has nothing to migrate.
		for v := max(version, 1); version > 0 && v < SchemaVersion; v++ {
			if err := migrations[v](&Tx{btx: btx}); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		return meta.Put(keySchemaVersion, []byte(strconv.Itoa(SchemaVersion)))
	})
}

// migrations[v] brings a file from schema version v to v+1 inside the
// transaction that opens it.
var migrations = map[int]func(tx *Tx) error{
	1: func(tx *Tx) error { return tx.reindexParcels() },
}

// Path returns the file the store was opened from.
func (db *DB) Path() string { return db.path }

// Close closes the file.
func (db *DB) Close() error { return db.bolt.Close() }

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(tx *Tx) error) (err error) {
	defer recoverCorrupt(&err)
	return db.bolt.View(func(btx *bolt.Tx) error { return fn(&Tx{btx: btx}) })
}

// Update runs fn in a read-write transaction, committed when fn returns nil.
func (db *DB) Update(fn func(tx *Tx) error) (err error) {
	defer recoverCorrupt(&err)
	return db.bolt.Update(func(btx *bolt.Tx) error { return fn(&Tx{btx: btx}) })
}

// recoverCorrupt turns a bbolt panic over a damaged page into ErrCorrupt.
// NOTE: it also catches a panic of fn itself, which then reads as damage.
func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w (%v)", ErrCorrupt, r)
	}
}

// Backup writes a consistent copy of the store to path while it stays open.
func (db *DB) Backup(path string) error {
	return db.bolt.View(func(btx *bolt.Tx) error {
		return btx.CopyFile(path, 0o600)
	})
}

func uint64Key(v uint64) []byte {
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, v)
	return key
}
