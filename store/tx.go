package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Tx is a transaction over the store's buckets. It is valid only inside the
// function given to View or Update.
type Tx struct {
	btx *bolt.Tx
}

func (tx *Tx) get(bucket []byte, key string, v any) error {
	raw := tx.btx.Bucket(bucket).Get([]byte(key))
	if raw == nil {
		return fmt.Errorf("%s %q: %w", bucket, key, ErrNotFound)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %s %q: %w", bucket, key, err)
	}
	return nil
}

func (tx *Tx) put(bucket []byte, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s %q: %w", bucket, key, err)
	}
	return tx.btx.Bucket(bucket).Put([]byte(key), raw)
}

// Order returns the order with the id.
func (tx *Tx) Order(id string) (Order, error) {
	var o Order
	err := tx.get(bucketOrders, id, &o)
	return o, err
}

// PutOrder inserts or replaces an order.
func (tx *Tx) PutOrder(o Order) error {
	return tx.put(bucketOrders, o.ID, o)
}

// ForEachOrder calls fn for every order in id order until fn returns an error.
func (tx *Tx) ForEachOrder(fn func(o Order) error) error {
	return tx.btx.Bucket(bucketOrders).ForEach(func(k, raw []byte) error {
		var o Order
		if err := json.Unmarshal(raw, &o); err != nil {
			return fmt.Errorf("decode order %q: %w", k, err)
		}
		return fn(o)
	})
}

// Parcel returns the parcel with the id.
func (tx *Tx) Parcel(id string) (Parcel, error) {
	var p Parcel
	err := tx.get(bucketParcels, id, &p)
	return p, err
}

// PutParcel inserts or replaces a parcel and keeps the waybill and order
// indexes in step with it.
func (tx *Tx) PutParcel(p Parcel) error {
	old, err := tx.Parcel(p.ID)
	exists := err == nil
	idxWaybill := tx.btx.Bucket(bucketIdxWaybill)
	idxOrder := tx.btx.Bucket(bucketIdxOrder)

	if exists && old.Waybill.TrackNo != "" && old.Waybill.TrackNo != p.Waybill.TrackNo {
		if err := idxWaybill.Delete([]byte(old.Waybill.TrackNo)); err != nil {
			return err
		}
	}
	if p.Waybill.TrackNo != "" {
		if err := idxWaybill.Put([]byte(p.Waybill.TrackNo), []byte(p.ID)); err != nil {
			return err
		}
	}
	if exists {
		for _, id := range old.OrderIDs {
			if err := idxOrder.Delete(orderIndexKey(id, p.ID)); err != nil {
				return err
			}
		}
		if err := tx.unindexStateAndShipBy(old); err != nil {
			return err
		}
	}
	if err := tx.indexStateAndShipBy(p); err != nil {
		return err
	}
	for _, id := range p.OrderIDs {
		if err := idxOrder.Put(orderIndexKey(id, p.ID), nil); err != nil {
			return err
		}
	}
	return tx.put(bucketParcels, p.ID, p)
}

func orderIndexKey(orderID, parcelID string) []byte {
	return []byte(orderID + "\x00" + parcelID)
}

// ParcelByWaybill returns the parcel that carries the waybill number.
func (tx *Tx) ParcelByWaybill(trackNo string) (Parcel, error) {
	id := tx.btx.Bucket(bucketIdxWaybill).Get([]byte(trackNo))
	if id == nil {
		return Parcel{}, fmt.Errorf("waybill %q: %w", trackNo, ErrNotFound)
	}
	return tx.Parcel(string(id))
}

// ParcelsByOrder returns the parcels that carry the order, in id order.
func (tx *Tx) ParcelsByOrder(orderID string) ([]Parcel, error) {
	prefix := []byte(orderID + "\x00")
	var parcels []Parcel
	c := tx.btx.Bucket(bucketIdxOrder).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		p, err := tx.Parcel(string(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		parcels = append(parcels, p)
	}
	return parcels, nil
}

// ForEachParcel calls fn for every parcel in id order until fn returns an
// error.
func (tx *Tx) ForEachParcel(fn func(p Parcel) error) error {
	return tx.btx.Bucket(bucketParcels).ForEach(func(k, raw []byte) error {
		var p Parcel
		if err := json.Unmarshal(raw, &p); err != nil {
			return fmt.Errorf("decode parcel %q: %w", k, err)
		}
		return fn(p)
	})
}

// AppendEvent adds e to the event log with the next sequence number and
// returns that number.
func (tx *Tx) AppendEvent(e Event) (uint64, error) {
	b := tx.btx.Bucket(bucketEvents)
	seq, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	e.Seq = seq
	raw, err := json.Marshal(e)
	if err != nil {
		return 0, fmt.Errorf("encode event: %w", err)
	}
	return seq, b.Put(uint64Key(seq), raw)
}

// ForEachEvent calls fn for every event from sequence number from on, in
// order, until fn returns an error.
func (tx *Tx) ForEachEvent(from uint64, fn func(e Event) error) error {
	c := tx.btx.Bucket(bucketEvents).Cursor()
	for k, raw := c.Seek(uint64Key(from)); k != nil; k, raw = c.Next() {
		var e Event
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("decode event %x: %w", k, err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Setting returns the value stored under key in the meta bucket, or "" when
// there is none.
func (tx *Tx) Setting(key string) string {
	return string(tx.btx.Bucket(bucketMeta).Get([]byte("setting/" + key)))
}

// PutSetting stores value under key in the meta bucket.
func (tx *Tx) PutSetting(key, value string) error {
	return tx.btx.Bucket(bucketMeta).Put([]byte("setting/"+key), []byte(value))
}

// SettingInt64 returns the integer stored under key, or 0.
func (tx *Tx) SettingInt64(key string) int64 {
	v, _ := strconv.ParseInt(tx.Setting(key), 10, 64)
	return v
}

// PutSettingInt64 stores an integer under key.
func (tx *Tx) PutSettingInt64(key string, v int64) error {
	return tx.PutSetting(key, strconv.FormatInt(v, 10))
}
