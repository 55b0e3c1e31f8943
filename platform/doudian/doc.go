// Package doudian is a client for the Douyin shop open platform (抖店开放平台), limited to what a
// print station needs: tokens, orders, e-waybill numbers, shipping write-back, tracking, the
// decryption of receiver data and push messages.
//
// # Basics
//
// Every platform method is an HTTP POST to the gateway. The path is the method name with dots
// turned into slashes, and the body is the canonical JSON of the parameters. The query string
// carries the app key, the method, the version, a timestamp (Unix seconds or the older
// date-time form), the signature (HMAC-SHA256 or MD5) and the access token. [Client.Call] does
// the signing, the envelope decoding (current and legacy forms), the retries of retryable
// failures and one token refresh when the platform reports an expired access token. The typed
// methods build on it:
//
//   - tokens: [Client.CreateToken], [Client.CreateTokenWithCode], [Client.RefreshToken] and
//     [Client.EnsureToken], which a station calls before each sync;
//   - orders: [Client.SearchList], [Client.OrderDetail] and [Client.ForEachUpdatedOrder], the
//     incremental sync;
//   - waybills: [Client.NewCreateOrder], [Client.CancelOrder], [Client.ListShopNetsite],
//     [Client.CheckWaybillBalance], [Client.TrackNoRouteDetail] and
//     [Client.LogisticsCompanyList];
//   - write-back: [Client.AddSinglePack] and [Client.AddMultiPack], idempotent by request_id;
//   - receiver data: [Client.BatchDecrypt];
//   - push messages: [PushHandler].
//
// One Client serves one shop; a station with several shops keeps one Client per shop.
//
// # Errors
//
// A reply with a non-success code is an [*APIError]; its methods sort it into the classes a
// caller acts on (Retryable, Fatal, BadInput, Intercept), and [UserMessageKey] gives the
// translation key of the message a packer sees. Transport failures (timeouts, refused or
// dropped connections, HTTP 5xx, a body that is no envelope) wrap [ErrUnavailable].
// [IsRetryable] covers both retryable kinds; the client has already retried them as
// [Config.Retry] allows by the time the caller sees one.
//
// # Caveats
//
// The client never logs parameters, response bodies, the app secret, tokens or request URLs,
// because these carry personal data or credentials. Numbers in replies are decoded into int64
// fields or [encoding/json.Number], never through float64, so 19-digit ids survive.
package doudian
