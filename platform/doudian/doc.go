// Package doudian is a client for the Douyin shop open platform (抖店开放平台), limited to what a
// print station needs: tokens, paid orders, e-waybill numbers, shipping write-back and the
// decryption of receiver data.
//
// # Basics
//
// Every platform method is an HTTP POST to the gateway. The path is the method name with dots
// turned into slashes, the body is the canonical JSON of the parameters, and the query string
// carries the app key, the method, the version, a timestamp, the signature and the access token.
// [Client.Call] does the signing, the envelope decoding and one token refresh when the platform
// reports an expired access token. The typed methods ([Client.SearchList],
// [Client.NewCreateOrder], [Client.AddSinglePack], [Client.BatchDecrypt]) build on it.
//
// # Errors
//
// A reply with a non-success code is an [*APIError]; its methods sort it into the classes a
// caller acts on (Retryable, Fatal, BadInput, Intercept). Transport failures (timeouts, refused
// connections, HTTP 5xx, a body that is no envelope) wrap [ErrUnavailable]. [IsRetryable]
// covers both retryable kinds.
//
// # Caveats
//
// The client never logs parameters, response bodies, the app secret, tokens or request URLs,
// because these carry personal data or credentials. Numbers in replies are decoded into int64
// fields or [encoding/json.Number], never through float64, so 19-digit ids survive.
package doudian
