package plan

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/platform/sim"
	"github.com/printstation/printstation/store"
)

// simulatedShop is the simulator's seeded orders plus the special orders a
// test injects, converted to the store's form.
type simulatedShop struct {
	orders []store.Order
	// invalid maps each injected order with a bad address to the reason it
	// must be set aside for.
	invalid map[string]string
}

var simNow = time.Date(2025, 6, 18, 22, 0, 0, 0, time.FixedZone("CST", 8*3600))

// newSimulatedShop seeds n orders and injects repeat buyers (some in another
// shop or refunded), orders that need two warehouses, and orders with an
// invalid address.
func newSimulatedShop(n int, seed int64) simulatedShop {
	s := sim.New(sim.Options{Orders: n, Seed: seed, Now: func() time.Time { return simNow }})
	seeded := s.Orders()
	rng := rand.New(rand.NewPCG(uint64(seed), 9))
	nextID := int64(7_100_000_000_000_000_000)
	newID := func() string { nextID += 10; return strconv.FormatInt(nextID, 10) }
	shop := simulatedShop{invalid: map[string]string{}}

	// Repeat buyers: a later order to the same receiver carries the same
	// ciphertexts, as the platform sends them for one address book entry.
	for i := range n / 30 {
		base := seeded[i*30]
		for j := range 1 + i%2 {
			o := base
			o.OrderID = newID()
			o.PayTime = base.PayTime + int64(600*(j+1))
			o.ExpShipTime = o.PayTime + 48*3600
			o.BuyerWords = seeded[rng.IntN(len(seeded))].BuyerWords
			o.SKUOrderList = reparent(seeded[rng.IntN(len(seeded))].SKUOrderList, o.OrderID)
			switch {
			case i == 0 && j == 0:
				o.ShopID++ // another shop of the same seller never merges
			case i == 1:
				o.SKUOrderList[0].AfterSaleInfo.RefundStatus = 1
			}
			s.AddOrder(o)
		}
	}

	// Orders that no single warehouse can fill, to fresh receivers.
	pairs := [][2]string{{"TRAY-L-WAL", "BOARD-BMB-M"}, {"CLOTH-140", "BOX-SET3"}, {"TRAY-L-WAL", "CANDLE-TEA"}}
	for i := range n / 50 {
		o := freshOrder(seeded[rng.IntN(len(seeded))], newID())
		o.SKUOrderList = nil
		for k, code := range pairs[i%len(pairs)] {
			o.SKUOrderList = append(o.SKUOrderList, doudian.SKUOrder{
				OrderID: o.OrderID + strconv.Itoa(k), ParentOrderID: o.OrderID, Code: code, ProductName: code, ItemNum: 1 + rng.IntN(3),
			})
		}
		s.AddOrder(o)
	}

	// Invalid addresses.
	for i := range 30 {
		bad := freshOrder(seeded[i], newID())
		bad.PostAddr.Province = doudian.Region{Name: "浙江省", ID: "33"}
		bad.PostAddr.City = doudian.Region{Name: "广州市", ID: "440100"}
		bad.PostAddr.Town = doudian.Region{Name: "天河区", ID: "440106"}
		s.AddOrder(bad)
		shop.invalid[bad.OrderID] = ReasonCityNotInProvince

		bad = freshOrder(seeded[i+30], newID())
		bad.PostAddr.Town = doudian.Region{}
		s.AddOrder(bad)
		shop.invalid[bad.OrderID] = ReasonDistrictMissing

		bad = freshOrder(seeded[i+60], newID())
		bad.PostTel = ""
		s.AddOrder(bad)
		shop.invalid[bad.OrderID] = ReasonPhoneMissing
	}

	for _, o := range s.Orders() {
		shop.orders = append(shop.orders, convertOrder(o))
	}
	return shop
}

// freshOrder copies like with a new id and a new plaintext receiver, which
// AddOrder encrypts with fresh ciphertexts.
func freshOrder(like doudian.ShopOrder, id string) doudian.ShopOrder {
	o := like
	o.OrderID = id
	o.EncryptPostReceiver, o.EncryptPostTel, o.PostAddr.EncryptDetail = "", "", ""
	o.MaskPostAddr = doudian.PostAddr{}
	o.PostReceiver, o.PostTel, o.PostAddr.Detail = "测试"+id[len(id)-4:], "139"+id[len(id)-8:], "测试路"+id[len(id)-4:]+"号"
	o.SKUOrderList = reparent(like.SKUOrderList, id)
	return o
}

func reparent(skus []doudian.SKUOrder, parent string) []doudian.SKUOrder {
	out := make([]doudian.SKUOrder, len(skus))
	for i, sku := range skus {
		sku.OrderID, sku.ParentOrderID = fmt.Sprintf("%s%d", parent, i+1), parent
		out[i] = sku
	}
	return out
}

// convertOrder turns a platform order into the store's form, as the
// station's sync does.
func convertOrder(o doudian.ShopOrder) store.Order {
	out := store.Order{
		ID: o.OrderID, ShopID: o.ShopID, ShopName: o.ShopName, Status: o.OrderStatus,
		PayTime: time.Unix(o.PayTime, 0), ExpShipTime: time.Unix(o.ExpShipTime, 0),
		BuyerWords: o.BuyerWords, SellerWords: o.SellerWords, PayAmount: o.PayAmount,
		Receiver: store.Receiver{
			Province: o.PostAddr.Province.Name, City: o.PostAddr.City.Name, District: o.PostAddr.Town.Name,
			Street: o.PostAddr.Street.Name, DistrictID: o.PostAddr.Town.ID,
			NameCipher: o.EncryptPostReceiver, PhoneCipher: o.EncryptPostTel, DetailCipher: o.PostAddr.EncryptDetail,
			Name: o.PostReceiver, Phone: o.PostTel, Detail: o.PostAddr.Detail,
		},
	}
	for _, sku := range o.SKUOrderList {
		out.Items = append(out.Items, store.Item{SubOrderID: sku.OrderID, SKUID: sku.SKUID, Code: sku.Code, Name: sku.ProductName, Qty: sku.ItemNum})
		if sku.AfterSaleInfo.RefundStatus != 0 {
			out.Refund = true
		}
		if out.LiveRoomID == "" && sku.ThemeType == doudian.ThemeTypeLiveRoom {
			out.LiveRoomID = sku.RoomIDStr
		}
	}
	return out
}

// receiverIdentity is the test's own merge key: the whole ciphertexts.
func receiverIdentity(o store.Order) string {
	r := o.Receiver
	return strings.Join([]string{strconv.FormatInt(o.ShopID, 10), r.Province, r.City, r.District, r.NameCipher, r.PhoneCipher, r.DetailCipher}, "|")
}
