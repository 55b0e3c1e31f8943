// Package sim is a local simulator of the Douyin shop open platform for tests and demos.
//
// It speaks the same HTTP protocol as the gateway: signed POSTs checked for signature,
// timestamp and token, answered in the code/msg/sub_code envelope. It serves the methods a
// print station uses:
// token.create (both grants), token.refresh, order.searchList, order.orderDetail,
// order.batchDecrypt, logistics.newCreateOrder, logistics.cancelOrder,
// logistics.listShopNetsite, logistics.trackNoRouteDetail, order.logisticsCompanyList,
// order.logisticsAddSinglePack and order.logisticsAddMultiPack. It enforces the page size of
// 100, the 50,000-result cap and the 90-day window of order.searchList, issues one waybill
// number per order and pack id, and records every write-back with a count of duplicates.
//
// One simulator serves several shops ([Simulator.AddShop]) the way one app key of the platform
// does: each token belongs to one shop and sees only that shop's orders, waybills and
// ciphertexts. Seeded orders use real administrative divisions, names with characters outside
// GB2312, long addresses and emoji in remarks; 100,000 of them take about a second to seed.
//
// Faults come on demand: latency ([Simulator.SetLatency]), envelope errors
// ([Simulator.FailNext]), an unavailable gateway ([Simulator.SetUnavailable]), single faults
// ([Simulator.InjectFaults]), a seeded random share of faults ([Simulator.SetFailureRate]),
// token expiry now or mid-sync ([Simulator.ExpireTokens], [Simulator.ExpireTokensAfter]),
// order changes now or mid-batch ([Simulator.MutateRandomOrders], [Simulator.MutateAfter]), a
// waybill balance and a decryption quota. Push messages for order changes go to a loopback URL
// ([Simulator.SetPushURL]).
//
// The simulator logs each request's method and result code at debug level and never logs
// plaintext personal data, tokens or the app secret.
package sim
