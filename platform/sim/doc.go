// Package sim is a local simulator of the Douyin shop open platform for tests and demos.
//
// It speaks the same HTTP protocol as the gateway (signed POSTs, the code/msg/sub_code
// envelope) for the methods a print station uses: token.create, token.refresh,
// order.searchList, order.orderDetail, order.batchDecrypt, logistics.newCreateOrder and
// order.logisticsAddSinglePack. It seeds a shop with deterministic orders awaiting shipment,
// keeps receiver plaintext only in memory to serve decrypt requests, and records waybills and
// write-backs so that tests can check what a client did. Fault knobs (SetLatency, FailNext,
// SetUnavailable, ExpireTokens) make it misbehave on purpose.
//
// The simulator logs each request's method and result code at debug level and never logs
// plaintext personal data, tokens or the app secret.
package sim
