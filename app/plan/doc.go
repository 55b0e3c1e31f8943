// Package plan turns orders awaiting shipment into parcels before any
// waybill is spent. It checks each receiver address against the official
// administrative divisions and merges the orders of one buyer into one
// parcel. It picks the warehouse that has the stock, and splits a parcel
// that two warehouses must fill or that is too heavy for one box. It
// chooses a courier by rule or by price, and adds the packing lines and
// review flags a packer needs.
//
// # Basics
//
// Load the rules with LoadConfig, then call Plan with the orders of a batch.
// Plan is a pure function: it reads the configuration, never changes it,
// and needs no network or database. The caller stores the parcels, reserves
// their stock with Stock.Reserve when their labels print and calls
// Stock.Release when a parcel is cancelled.
//
// Orders that cannot ship come back in Result.SetAside, each with a stable
// reason key (ReasonCityNotInProvince, …) whose text a packer reads under
// the translation key "plan.reason.<reason>".
//
// # Caveats
//
// Receiver names, phones and details usually arrive encrypted. Merging then
// compares the search-index part of the platform's ciphertexts, and the
// checks that need the plaintext detail (a PO box, a detail that
// contradicts the region) run only on orders that carry plaintext.
package plan
