package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// The state index keys are state + 0x00 + parcel id. The ship-by index keys
// are the ship-by time as 8 big-endian bytes of Unix seconds + parcel id, so
// a cursor walks them soonest first; it holds only the open parcels (not
// shipped and not set aside), so its walk does not grow with history.

func stateIndexKey(s State, parcelID string) []byte {
	return []byte(string(s) + "\x00" + parcelID)
}

func shipByIndexKey(t time.Time, parcelID string) []byte {
	sec := uint64(math.MaxInt64) // parcels without a ship-by time sort last
	if !t.IsZero() {
		sec = uint64(t.Unix())
	}
	key := make([]byte, 8, 8+len(parcelID))
	binary.BigEndian.PutUint64(key, sec)
	return append(key, parcelID...)
}

func (tx *Tx) indexStateAndShipBy(p Parcel) error {
	if err := tx.btx.Bucket(bucketIdxState).Put(stateIndexKey(p.State, p.ID), nil); err != nil {
		return err
	}
	if p.State == StateShipped || p.State.SetAside() {
		return nil
	}
	return tx.btx.Bucket(bucketIdxShipBy).Put(shipByIndexKey(p.ExpShipTime, p.ID), nil)
}

func (tx *Tx) unindexStateAndShipBy(p Parcel) error {
	if err := tx.btx.Bucket(bucketIdxState).Delete(stateIndexKey(p.State, p.ID)); err != nil {
		return err
	}
	return tx.btx.Bucket(bucketIdxShipBy).Delete(shipByIndexKey(p.ExpShipTime, p.ID))
}

// reindexParcels rebuilds the state and ship-by indexes from the parcels.
func (tx *Tx) reindexParcels() error {
	return tx.btx.Bucket(bucketParcels).ForEach(func(k, raw []byte) error {
		var p Parcel
		if err := json.Unmarshal(raw, &p); err != nil {
			return fmt.Errorf("decode parcel %q: %w", k, err)
		}
		return tx.indexStateAndShipBy(p)
	})
}

// ParcelIDsInState returns the ids of the parcels in state s, in id order.
func (tx *Tx) ParcelIDsInState(s State) []string {
	prefix := []byte(string(s) + "\x00")
	var ids []string
	c := tx.btx.Bucket(bucketIdxState).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix):]))
	}
	return ids
}

// CountInState returns how many parcels are in state s.
func (tx *Tx) CountInState(s State) int {
	prefix := []byte(string(s) + "\x00")
	n := 0
	c := tx.btx.Bucket(bucketIdxState).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

// ForEachOpenParcelByShipBy calls fn for every parcel not yet shipped and
// not set aside, soonest ship-by time first, until fn returns an error;
// parcels without a ship-by time come last.
func (tx *Tx) ForEachOpenParcelByShipBy(fn func(p Parcel) error) error {
	c := tx.btx.Bucket(bucketIdxShipBy).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		p, err := tx.Parcel(string(k[8:]))
		if err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
