package store

import "errors"

var (
	// ErrNotFound is returned when no record has the requested key.
	ErrNotFound = errors.New("store: not found")
	// ErrLocked is returned by Open when another process holds the file.
	ErrLocked = errors.New("store: database file is in use by another process")
	// ErrNewerSchema is returned by Open when the file was written by a newer
	// version of the program than this one.
	ErrNewerSchema = errors.New("store: database file has a newer schema version")
	// ErrCorrupt is returned when the file is damaged (truncated, or
	// overwritten by something else); a backup must be restored.
	ErrCorrupt = errors.New("store: database file is damaged; restore a backup")
	// ErrStateConflict is returned when a parcel is not in a state the
	// requested change may start from, for example printing a parcel that
	// has no waybill yet.
	ErrStateConflict = errors.New("store: parcel state does not allow this change")
)
