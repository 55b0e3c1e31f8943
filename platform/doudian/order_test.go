package doudian

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"
)

// TestFixture_ParsesWithoutLoss decodes a real searchList reply into the typed structs,
// encodes it again and checks that every field of the fixture survives with its exact value.
func TestFixture_ParsesWithoutLoss(t *testing.T) {
	raw, err := os.ReadFile("testdata/order_searchList.json")
	if err != nil {
		t.Fatal(err)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatal(err)
	}
	if apiErr := env.apiError("order.searchList"); apiErr != nil {
		t.Fatalf("fixture envelope is an error: %v", apiErr)
	}

	var page SearchListResponse
	if err := decodeData("order.searchList", env.Data, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.ShopOrderList) != 3 {
		t.Fatalf("got %d orders, want 3", len(page.ShopOrderList))
	}
	live := page.ShopOrderList[1].SKUOrderList[0]
	if live.RoomID != 7443512098812345678 {
		t.Errorf("room_id = %d, want 7443512098812345678", live.RoomID)
	}
	if live.ProductID != 3629845501237760812 {
		t.Errorf("product_id = %d, want 3629845501237760812", live.ProductID)
	}
	if got := page.ShopOrderList[2].SKUOrderList[0].AfterSaleInfo.RefundStatus; got != 1 {
		t.Errorf("refund_status = %d, want 1", got)
	}

	reencoded, err := json.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	want := decodeTree(t, env.Data)
	got := decodeTree(t, reencoded)
	assertSubset(t, "data", want, got)
}

func decodeTree(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	return tree
}

// assertSubset checks that every value in want is present and equal in got.
func assertSubset(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %T, want an object", path, got)
			return
		}
		for key, value := range w {
			if _, present := g[key]; !present {
				t.Errorf("%s.%s: missing after decoding", path, key)
				continue
			}
			assertSubset(t, path+"."+key, value, g[key])
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %d elements", path, got, len(w))
			return
		}
		for i := range w {
			assertSubset(t, fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
		}
	default:
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: got %v, want %v", path, got, want)
		}
	}
}
