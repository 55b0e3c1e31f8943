package doudian

import (
	"encoding/json"
	"testing"
)

func TestSign_ReferenceVector(t *testing.T) {
	const (
		appKey    = "3409409348479354011"
		secret    = "2ad2355c-01d0-11f8-91dc-05a8cd1054b1"
		method    = "product.getGoodsCategory"
		paramJSON = `{"cid":"12","page":"1"}`
		timestamp = "1600152493"
	)
	tests := []struct {
		signMethod string
		want       string
	}{
		{SignMethodHMACSHA256, "80a372b59d9f919f84f16b889097c242abe381259da6a91d366f1e868085e868"},
		{SignMethodMD5, "9accf3b91515a5fdb920697e234d7d9d"},
		{"", "9accf3b91515a5fdb920697e234d7d9d"},
	}
	for _, tt := range tests {
		t.Run("method="+tt.signMethod, func(t *testing.T) {
			if got := Sign(method, appKey, secret, paramJSON, timestamp, tt.signMethod); got != tt.want {
				t.Errorf("Sign = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCanonicalJSON(t *testing.T) {
	type inner struct {
		Zeta  string `json:"zeta"`
		Alpha int64  `json:"alpha"`
	}
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"nil is empty object", nil, `{}`},
		{"empty map", map[string]any{}, `{}`},
		{"keys sorted at every depth",
			map[string]any{"b": 1, "a": map[string]any{"y": []any{map[string]any{"d": 1, "c": 2}}, "x": true}},
			`{"a":{"x":true,"y":[{"c":2,"d":1}]},"b":1}`},
		{"struct fields sorted by tag", struct {
			B inner `json:"b"`
			A string
		}{B: inner{Zeta: "z", Alpha: 1}, A: "a"}, `{"A":"a","b":{"alpha":1,"zeta":"z"}}`},
		{"html characters not escaped", map[string]string{"remark": "<a&b>"}, `{"remark":"<a&b>"}`},
		{"chinese and emoji kept", map[string]string{"name": "青禾 玥🎁"}, `{"name":"青禾 玥🎁"}`},
		{"big int kept from raw json", json.RawMessage(`{"room_id":7443512098812345678}`), `{"room_id":7443512098812345678}`},
		{"big int kept from int64", map[string]int64{"room_id": 7443512098812345678}, `{"room_id":7443512098812345678}`},
		{"number text kept as given", json.RawMessage(`{"price":1.50,"exp":1e3}`), `{"exp":1e3,"price":1.50}`},
		{"spaces removed", []byte("{ \"b\" : [ 1, 2 ] ,\n \"a\" : \"x y\" }"), `{"a":"x y","b":[1,2]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CanonicalJSON(tt.in)
			if err != nil {
				t.Fatalf("CanonicalJSON: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("CanonicalJSON = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCanonicalJSON_RejectsInvalidJSON(t *testing.T) {
	for _, raw := range []string{`{"a":`, `{"a":1} {"b":2}`} {
		if _, err := CanonicalJSON(json.RawMessage(raw)); err == nil {
			t.Errorf("CanonicalJSON(%q) returned no error", raw)
		}
	}
}
