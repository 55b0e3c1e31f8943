package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// orderFromPlatform converts one order of order.searchList to the store's
// form.
func orderFromPlatform(o doudian.ShopOrder) store.Order {
	out := store.Order{
		ID:          o.OrderID,
		ShopID:      o.ShopID,
		ShopName:    o.ShopName,
		Status:      o.OrderStatus,
		StatusDesc:  o.OrderStatusDesc,
		CreateTime:  unixTime(o.CreateTime),
		PayTime:     unixTime(o.PayTime),
		UpdateTime:  unixTime(o.UpdateTime),
		ExpShipTime: unixTime(o.ExpShipTime),
		BuyerWords:  o.BuyerWords,
		SellerWords: o.SellerWords,
		PayAmount:   o.PayAmount,
		Receiver: store.Receiver{
			Province:     o.PostAddr.Province.Name,
			City:         o.PostAddr.City.Name,
			District:     o.PostAddr.Town.Name,
			Street:       o.PostAddr.Street.Name,
			DistrictID:   o.PostAddr.Town.ID,
			NameCipher:   o.EncryptPostReceiver,
			PhoneCipher:  o.EncryptPostTel,
			DetailCipher: o.PostAddr.EncryptDetail,
			Name:         o.PostReceiver,
			Phone:        o.PostTel,
			Detail:       o.PostAddr.Detail,
			MaskName:     o.MaskPostReceiver,
			MaskPhone:    o.MaskPostTel,
			MaskDetail:   o.MaskPostAddr.Detail,
		},
	}
	for _, sku := range o.SKUOrderList {
		out.Items = append(out.Items, store.Item{
			SubOrderID: sku.OrderID,
			SKUID:      sku.SKUID,
			Code:       sku.Code,
			Name:       sku.ProductName,
			Spec:       specText(sku.Spec),
			Qty:        sku.ItemNum,
		})
		if sku.AfterSaleInfo.RefundStatus != 0 {
			out.Refund = true
		}
		if out.LiveRoomID == "" && sku.ThemeType == "1" {
			out.LiveRoomID = sku.RoomIDStr
			if out.LiveRoomID == "" && sku.RoomID != 0 {
				out.LiveRoomID = strconv.FormatInt(sku.RoomID, 10)
			}
		}
		if out.ExpShipTime.IsZero() && sku.ExpShipTime != 0 {
			out.ExpShipTime = unixTime(sku.ExpShipTime)
		}
	}
	return out
}

func specText(spec []doudian.SpecItem) string {
	parts := make([]string, 0, len(spec))
	for _, s := range spec {
		parts = append(parts, s.Value)
	}
	return strings.Join(parts, " ")
}

func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0)
}
