// Package store keeps the print station's durable state in one bbolt file:
// the orders pulled from the shops, the parcels made from them (waybill,
// print state, write-back state), an index from waybill number and from
// order id to parcel, an append-only event log, and small settings such as
// the sync cursor of each shop.
//
// # Basics
//
// Open creates or opens the file with mode 0600, because it contains the
// receivers' decrypted names, phones and addresses of printed parcels.
// Reads go through View and writes through Update; each Update is one bbolt
// transaction, so a parcel's state change, its indexes and its event are
// written together or not at all.
//
// Records are stored as JSON so that later schema versions can add fields
// without rewriting old records. The schema version is kept in the meta
// bucket; Open runs the migrations from the file's version to SchemaVersion.
//
// # Caveats
//
// bbolt allows one writer at a time and holds a file lock, so a second
// process opening the same file waits up to OpenTimeout and then fails with
// ErrLocked.
package store
