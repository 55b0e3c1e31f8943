package doudian

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Signature methods accepted in the sign_method query parameter.
const (
	SignMethodHMACSHA256 = "hmac-sha256"
	SignMethodMD5        = "md5"
)

// CanonicalJSON encodes v as the platform expects param_json: object keys sorted at every depth,
// no insignificant spaces, no HTML escaping, non-ASCII kept as UTF-8 and numbers written exactly
// as given. A json.RawMessage or []byte is taken as JSON text and re-encoded canonically.
// A nil value, or one that encodes to null, becomes "{}".
func CanonicalJSON(v any) ([]byte, error) {
	var raw []byte
	switch t := v.(type) {
	case nil:
		return []byte("{}"), nil
	case json.RawMessage:
		raw = t
	case []byte:
		raw = t
	default:
		encoded, err := encodeNoHTMLEscape(v)
		if err != nil {
			return nil, fmt.Errorf("canonical json: %w", err)
		}
		raw = encoded
	}

	// Decoding into a generic tree with UseNumber keeps numbers as their original text, and
	// encoding/json writes map keys in sorted order, which gives the sorting at every depth.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	if dec.More() {
		return nil, errors.New("canonical json: trailing data after the JSON value")
	}
	if tree == nil {
		return []byte("{}"), nil
	}

	out, err := encodeNoHTMLEscape(tree)
	if err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	return out, nil
}

// encodeNoHTMLEscape marshals v without escaping <, > and &, and without the trailing newline
// that json.Encoder appends.
func encodeNoHTMLEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Sign computes the request signature as lowercase hex. The signed string is
// secret + "app_key" + appKey + "method" + method + "param_json" + paramJSON +
// "timestamp" + timestamp + "v2" + secret. With signMethod "hmac-sha256" it is an HMAC-SHA256
// keyed with the secret; any other value, including "", selects the older MD5 digest.
func Sign(method, appKey, appSecret, paramJSON, timestamp, signMethod string) string {
	payload := appSecret +
		"app_key" + appKey +
		"method" + method +
		"param_json" + paramJSON +
		"timestamp" + timestamp +
		"v" + "2" +
		appSecret

	if signMethod == SignMethodHMACSHA256 {
		mac := hmac.New(sha256.New, []byte(appSecret))
		mac.Write([]byte(payload))
		return hex.EncodeToString(mac.Sum(nil))
	}
	sum := md5.Sum([]byte(payload))
	return hex.EncodeToString(sum[:])
}

// TimestampFormat is a form of the timestamp query value.
type TimestampFormat int

const (
	// TimestampUnix writes Unix seconds, as the current SDKs do.
	TimestampUnix TimestampFormat = iota
	// TimestampDateTime writes "yyyy-MM-dd HH:mm:ss" in UTC+8, as the older guide does.
	TimestampDateTime
)

// chinaTime is UTC+8, the zone of TimestampDateTime.
var chinaTime = time.FixedZone("CST", 8*60*60)

// FormatTimestamp writes t in format; the platform signs the value exactly as written.
func FormatTimestamp(t time.Time, format TimestampFormat) string {
	if format == TimestampDateTime {
		return t.In(chinaTime).Format(time.DateTime)
	}
	return strconv.FormatInt(t.Unix(), 10)
}
