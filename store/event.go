package store

import "time"

// Event is one entry of the append-only log: what happened to which parcel,
// when, by whom and on which printer.
type Event struct {
	Seq     uint64    `json:"seq"`
	At      time.Time `json:"at"`
	Parcel  string    `json:"parcel,omitempty"`
	Kind    string    `json:"kind"`
	From    State     `json:"from,omitempty"`
	To      State     `json:"to,omitempty"`
	Actor   string    `json:"actor,omitempty"`
	Printer string    `json:"printer,omitempty"`
	Detail  string    `json:"detail,omitempty"`
}
