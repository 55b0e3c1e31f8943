package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// bbolt's meta page: a 16-byte page header, then magic, version and page
// size (uint32 each), flags, the root bucket (16 bytes), the freelist page
// id, the high-water page id, the transaction id and a checksum. Offsets
// from the start of the page; bbolt writes its fields in the machine's byte
// order, little-endian on every platform the station runs on.
const (
	metaMagic          = 0xED0CDAED
	metaOffsetMagic    = 16
	metaOffsetPageSize = 24
	metaOffsetHighPage = 56
	metaOffsetTxID     = 64
	metaSize           = 80
)

// checkFileSize returns ErrCorrupt when the file at path is shorter than
// its own meta page says. bbolt maps the file into memory and reading a
// page past its end kills the process with SIGSEGV, which no recover
// catches, so a truncated copy must be caught before bbolt opens it. A file
// that does not exist yet, or is empty, is a new store.
func checkFileSize(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}

	first := make([]byte, metaSize)
	if _, err := io.ReadFull(f, first); err != nil {
		return fmt.Errorf("%w: %d bytes, shorter than a meta page", ErrCorrupt, info.Size())
	}
	pageSize, high, txid, ok := readMeta(first)
	if !ok {
		return fmt.Errorf("%w: no valid meta page", ErrCorrupt)
	}
	second := make([]byte, metaSize)
	if _, err := f.ReadAt(second, int64(pageSize)); err == nil {
		if _, high2, txid2, ok2 := readMeta(second); ok2 && txid2 > txid {
			high = high2
		}
	}
	if need := int64(high) * int64(pageSize); info.Size() < need {
		return fmt.Errorf("%w: the file has %d bytes, its pages need %d", ErrCorrupt, info.Size(), need)
	}
	return nil
}

func readMeta(page []byte) (pageSize uint32, high, txid uint64, ok bool) {
	le := binary.LittleEndian
	if le.Uint32(page[metaOffsetMagic:]) != metaMagic {
		return 0, 0, 0, false
	}
	pageSize = le.Uint32(page[metaOffsetPageSize:])
	if pageSize < 512 || pageSize > 1<<16 {
		return 0, 0, 0, false
	}
	return pageSize, le.Uint64(page[metaOffsetHighPage:]), le.Uint64(page[metaOffsetTxID:]), true
}
