package label

import "time"

// sampleWaybill is a realistic two-parcel order with a long address and several SKUs.
func sampleWaybill() Waybill {
	return Waybill{
		Courier: "中通快递", CourierCode: "zhongtong",
		TrackNo: "75312345678901", SortCode: "300-A12 05", PackageCenter: "杭州转运中心", ShortAddress: "浙江杭州西湖",
		Receiver: Party{Name: "王小明", Phone: "138****5678", Address: "浙江省杭州市西湖区文三路478号华星时代广场A座1203室(前台代收)"},
		Sender:   Party{Name: "好物小铺", Phone: "0571-88886666", Address: "浙江省义乌市福田街道商城大道88号3号仓"},
		Items: []ItemLine{
			{Code: "TS-BLK-XL", Name: "纯棉T恤 黑色 XL", Qty: 2},
			{Code: "SOCK-5P", Name: "船袜五双装", Qty: 1},
			{Code: "CAP-01", Name: "鸭舌帽", Qty: 1},
		},
		BuyerRemark: "请尽快发货，谢谢！",
		SellerMemo:  "送小礼品",
		OrderID:     "6921234567890123456",
		PrintTime:   time.Date(2024, 6, 18, 20, 15, 0, 0, time.FixedZone("CST", 8*3600)),
		ParcelNo:    1, ParcelCount: 2,
	}
}
