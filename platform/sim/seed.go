package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

const (
	shipWithin    = 48 * time.Hour // exp_ship_time = pay_time + shipWithin
	paidWithin    = 48 * time.Hour // seeded orders were paid within this window before Now
	firstRoomID   = 7443512098812345678
	orderIDFloor  = 6934100000000000000
	maxSKUsPerPay = 5
)

// seedOrders adds n orders awaiting shipment to a shop, generated from the seed. It runs
// with s.mu held or before the simulator is shared.
func (s *Simulator) seedOrders(shopID int64, shopName string, n int) {
	now := s.opts.Now()
	nextID := orderIDFloor + s.rng.Int64N(1_000_000_000_000_000)

	for range n {
		order, plain := s.randomOrder(now, nextID, shopID, shopName)
		nextID += 16 + s.rng.Int64N(1<<20) // leaves room for up to 15 child ids per order
		if _, taken := s.orders[order.OrderID]; taken {
			continue // another shop's ids overlap here; the next id is far away
		}
		s.encryptReceiver(&order, plain)
		s.putOrder(&order)
	}
}

// randomOrder builds one paid order with id parentID and its child ids following it.
func (s *Simulator) randomOrder(now time.Time, parentID, shopID int64, shopName string) (doudian.ShopOrder, receiver) {
	payTime := now.Add(-time.Duration(s.rng.Int64N(int64(paidWithin)))).Unix()
	createTime := payTime - 5 - s.rng.Int64N(300)
	updateTime := min(payTime+s.rng.Int64N(600), now.Unix())
	expShip := payTime + int64(shipWithin/time.Second)

	place := regions[s.rng.IntN(len(regions))]
	plain := receiver{
		name:   surnames[s.rng.IntN(len(surnames))] + givenNames[s.rng.IntN(len(givenNames))],
		phone:  phonePrefixes[s.rng.IntN(len(phonePrefixes))] + fmt.Sprintf("%08d", s.rng.IntN(100_000_000)),
		detail: s.randomDetail(place),
	}
	addr := doudian.PostAddr{
		Province: doudian.Region{Name: place.province, ID: place.provinceID},
		City:     doudian.Region{Name: place.city, ID: place.cityID},
		Town:     doudian.Region{Name: place.district, ID: place.districtID},
		Street:   doudian.Region{Name: place.street, ID: place.streetID},
	}

	orderID := strconv.FormatInt(parentID, 10)
	memo := sellerWords[s.rng.IntN(len(sellerWords))]
	order := doudian.ShopOrder{
		ShopID:            shopID,
		ShopName:          shopName,
		OrderID:           orderID,
		OrderLevel:        2,
		OrderStatus:       doudian.StatusAwaitingShipment,
		OrderStatusDesc:   "备货中",
		MainStatus:        103,
		MainStatusDesc:    "待发货",
		CreateTime:        createTime,
		PayTime:           payTime,
		UpdateTime:        updateTime,
		ExpShipTime:       expShip,
		BuyerWords:        buyerWords[s.rng.IntN(len(buyerWords))],
		SellerWords:       memo.text,
		SellerRemarkStars: memo.stars,
		PostAddr:          addr,
		LogisticsInfo:     []doudian.LogisticsInfo{},
	}
	order.SKUOrderList = s.randomSKUs(orderID, parentID, expShip)
	for _, sku := range order.SKUOrderList {
		order.OrderAmount += sku.OriginAmount * int64(sku.ItemNum)
		order.PayAmount += sku.PayAmount
	}
	return order, plain
}

// randomSKUs picks 1 to 5 distinct catalogue items, mostly one or two, sometimes sold in a
// live room. Child order ids follow the parent id.
func (s *Simulator) randomSKUs(orderID string, parentID, expShip int64) []doudian.SKUOrder {
	count := 1 + s.rng.IntN(2)
	if s.rng.IntN(5) == 0 {
		count = 1 + s.rng.IntN(maxSKUsPerPay)
	}
	live := s.rng.IntN(10) < 3
	author := liveAuthors[s.rng.IntN(len(liveAuthors))]
	roomID := firstRoomID + s.rng.Int64N(1_000_000)

	var skus []doudian.SKUOrder
	for i, pick := range s.rng.Perm(len(catalogue))[:count] {
		item := catalogue[pick]
		num := 1 + s.rng.IntN(3)
		pay := item.price * int64(num)
		if s.rng.IntN(4) == 0 {
			pay -= pay / 10 // a coupon
		}
		sku := doudian.SKUOrder{
			OrderID:         strconv.FormatInt(parentID+int64(i)+1, 10),
			ParentOrderID:   orderID,
			OrderStatus:     doudian.StatusAwaitingShipment,
			OrderStatusDesc: "备货中",
			ProductID:       item.productID,
			ProductName:     item.productName,
			SKUID:           item.skuID,
			Code:            item.code,
			Spec:            append([]doudian.SpecItem(nil), item.spec...),
			ItemNum:         num,
			OriginAmount:    item.price,
			PayAmount:       pay,
			ThemeType:       "0",
			ExpShipTime:     expShip,
		}
		if live {
			sku.ThemeType = doudian.ThemeTypeLiveRoom
			sku.ThemeTypeDesc = "直播间"
			sku.RoomID = roomID
			sku.RoomIDStr = strconv.FormatInt(roomID, 10)
			sku.AuthorID = author.id
			sku.AuthorName = author.name
		}
		skus = append(skus, sku)
	}
	return skus
}

// randomDetail writes a detail address: road, number, community, building, unit and room,
// and for about one order in five a delivery note that makes it 60 to 100 characters long.
func (s *Simulator) randomDetail(place region) string {
	var b strings.Builder
	b.WriteString(place.roads[s.rng.IntN(len(place.roads))])
	fmt.Fprintf(&b, "%d号", 1+s.rng.IntN(999))
	b.WriteString(communities[s.rng.IntN(len(communities))])
	fmt.Fprintf(&b, "%d幢%d单元%d%02d室", 1+s.rng.IntN(30), 1+s.rng.IntN(4), 1+s.rng.IntN(33), 1+s.rng.IntN(4))
	if s.rng.IntN(5) == 0 {
		b.WriteString(deliveryNotes[s.rng.IntN(len(deliveryNotes))])
	}
	return b.String()
}
