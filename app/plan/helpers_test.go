package plan

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/printstation/printstation/store"
)

// loadRules loads the rule files of testdata/rules, the configuration every
// table test starts from.
func loadRules(t testing.TB) Config {
	t.Helper()
	cfg, err := LoadConfig("testdata/rules")
	if err != nil {
		t.Fatalf("LoadConfig(testdata/rules): %v", err)
	}
	return cfg
}

var baseTime = time.Date(2025, 6, 18, 20, 0, 0, 0, time.FixedZone("CST", 8*3600))

// testOrder is an order awaiting shipment to a valid encrypted receiver in
// Hangzhou, with one line per "CODE" or "CODE*qty" argument.
func testOrder(id string, lines ...string) store.Order {
	o := store.Order{
		ID:          id,
		ShopID:      4463798,
		Status:      store.OrderAwaitingShipment,
		PayTime:     baseTime,
		ExpShipTime: baseTime.Add(48 * time.Hour),
		PayAmount:   3000,
		Receiver: store.Receiver{
			Province: "浙江省", City: "杭州市", District: "西湖区", DistrictID: "330106",
			NameCipher:   "#Nm" + id + "#cGF5bG9hZA==#2##",
			PhoneCipher:  "$13811$cGF5bG9hZA" + id + "==$1$$",
			DetailCipher: "#Dt" + id + "#cGF5bG9hZA==#1##",
		},
	}
	for i, line := range lines {
		code, count, found := strings.Cut(line, "*")
		qty := 1
		if found {
			qty, _ = strconv.Atoi(count)
		}
		o.Items = append(o.Items, store.Item{SubOrderID: fmt.Sprintf("%s%d", id, i+1), Code: code, Name: code, Qty: qty})
	}
	return o
}

// to moves an order's receiver to another region.
func to(o store.Order, province, city, district string) store.Order {
	o.Receiver.Province, o.Receiver.City, o.Receiver.District, o.Receiver.DistrictID = province, city, district, ""
	return o
}

// sameBuyer gives o the receiver of like.
func sameBuyer(o, like store.Order) store.Order {
	o.Receiver = like.Receiver
	return o
}
