package plan

import (
	"slices"
	"testing"

	"github.com/printstation/printstation/store"
)

func TestCheckAddress(t *testing.T) {
	encrypted := func(province, city, district string) store.Receiver {
		return store.Receiver{Province: province, City: city, District: district,
			NameCipher: "#Ab12#eA==#2##", PhoneCipher: "$13811$eA==$1$$", DetailCipher: "#Cd34#eA==#1##"}
	}
	plain := func(province, city, district, detail string) store.Receiver {
		return store.Receiver{Province: province, City: city, District: district, Name: "王伟", Phone: "13812345678", Detail: detail}
	}
	with := func(r store.Receiver, change func(*store.Receiver)) store.Receiver {
		change(&r)
		return r
	}
	blocking := func(reasons ...string) []AddressProblem {
		var out []AddressProblem
		for _, r := range reasons {
			out = append(out, AddressProblem{Reason: r, Blocking: true})
		}
		return out
	}

	tests := []struct {
		name     string
		receiver store.Receiver
		want     []AddressProblem
	}{
		{"encrypted receiver in a province city", encrypted("浙江省", "杭州市", "西湖区"), nil},
		{"municipality named as its own city", encrypted("北京市", "北京市", "朝阳区"), nil},
		{"municipality city given as 市辖区", encrypted("上海市", "市辖区", "浦东新区"), nil},
		{"county of Chongqing", encrypted("重庆市", "重庆市", "城口县"), nil},
		{"county-level city under the province", encrypted("湖北省", "仙桃市", "沙嘴街道"), nil},
		{"town of a city without districts", encrypted("广东省", "东莞市", "虎门镇"), nil},
		{"renamed district accepted by its code", with(encrypted("浙江省", "杭州市", "西湖"), func(r *store.Receiver) { r.DistrictID = "330106" }), nil},
		{"spaces around names", encrypted(" 浙江省", "杭州市 ", " 西湖区 "), nil},
		{"city not in province", encrypted("浙江省", "广州市", "天河区"), blocking(ReasonCityNotInProvince)},
		{"district not in city", encrypted("浙江省", "杭州市", "天河区"), blocking(ReasonDistrictNotInCity)},
		{"district code of another city", with(encrypted("浙江省", "杭州市", "天河"), func(r *store.Receiver) { r.DistrictID = "440106" }), blocking(ReasonDistrictNotInCity)},
		{"missing district", encrypted("浙江省", "杭州市", ""), blocking(ReasonDistrictMissing)},
		{"missing city and district", encrypted("浙江省", "", ""), blocking(ReasonCityMissing, ReasonDistrictMissing)},
		{"missing province", encrypted("", "杭州市", "西湖区"), blocking(ReasonProvinceMissing)},
		{"province short name", encrypted("浙江", "杭州市", "西湖区"), blocking(ReasonProvinceUnknown)},
		{"Hong Kong", encrypted("香港特别行政区", "香港岛", "中西区"), blocking(ReasonOverseas)},
		{"foreign province in Latin letters", encrypted("California", "Los Angeles", "Downtown"), blocking(ReasonOverseas)},
		{"no phone", with(encrypted("浙江省", "杭州市", "西湖区"), func(r *store.Receiver) { r.PhoneCipher = "" }), blocking(ReasonPhoneMissing)},
		{"no detail", with(encrypted("浙江省", "杭州市", "西湖区"), func(r *store.Receiver) { r.DetailCipher = "" }), blocking(ReasonDetailMissing)},
		{"plaintext phone too short", with(plain("浙江省", "杭州市", "西湖区", "文三路1号"), func(r *store.Receiver) { r.Phone = "12345" }), blocking(ReasonPhoneInvalid)},
		{"virtual phone with extension", with(plain("浙江省", "杭州市", "西湖区", "文三路1号"), func(r *store.Receiver) { r.Phone = "13800138000-1234" }), nil},
		{"landline with area code", with(plain("浙江省", "杭州市", "西湖区", "文三路1号"), func(r *store.Receiver) { r.Phone = "0571-88886666" }), nil},
		{"post office box in Chinese", plain("浙江省", "杭州市", "西湖区", "邮政信箱2001号"), blocking(ReasonPOBox)},
		{"post office box in English", plain("浙江省", "杭州市", "西湖区", "P.O. Box 123"), blocking(ReasonPOBox)},
		{"forwarding warehouse", plain("浙江省", "金华市", "义乌市", "稠州北路8号集运仓 转台湾"), blocking(ReasonOverseas)},
		{"detail repeats the region", plain("浙江省", "杭州市", "西湖区", "浙江省杭州市西湖区文三路1号"), []AddressProblem{{Reason: ReasonDetailRepeatsRegion}}},
		{"municipality detail repeats the region", plain("北京市", "北京市", "朝阳区", "北京市朝阳区建国路1号"), []AddressProblem{{Reason: ReasonDetailRepeatsRegion}}},
		{"detail names another province", plain("浙江省", "杭州市", "西湖区", "江苏省南京市鼓楼区中山北路1号"), blocking(ReasonDetailContradicts)},
		{"detail names a city of another province", plain("浙江省", "杭州市", "西湖区", "苏州市姑苏区干将西路1号"), blocking(ReasonDetailContradicts)},
		{"detail names another district of the city", plain("浙江省", "杭州市", "西湖区", "杭州市余杭区文一西路1号"), blocking(ReasonDetailContradicts)},
		{"road named after another city", plain("广东省", "广州市", "天河区", "北京路100号"), nil},
		{"Qingdao road named after Hong Kong", plain("山东省", "青岛市", "市南区", "香港中路8号"), nil},
	}

	divisions := DefaultDivisions()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := divisions.CheckAddress(tt.receiver)
			if !slices.Equal(got, tt.want) {
				t.Errorf("CheckAddress(%+v) = %+v, want %+v", tt.receiver, got, tt.want)
			}
		})
	}
}

func TestDefaultDivisions_CoversEveryProvince(t *testing.T) {
	divisions := DefaultDivisions()
	if got := len(divisions.cities); got != 31 {
		t.Errorf("provinces = %d, want the 31 of mainland China", got)
	}
	for province := range divisions.cities {
		if _, ok := divisions.DistanceKM(province, "北京市"); !ok {
			t.Errorf("province %s has no location in provinces.tsv", province)
		}
	}
}

func TestDistanceKM_KnownPairs(t *testing.T) {
	tests := []struct {
		from, to string
		min, max int
	}{
		{"浙江省", "浙江省", 0, 0},
		{"北京市", "上海市", 1000, 1150}, // about 1,070 km
		{"广东省", "四川省", 1150, 1300}, // about 1,240 km
	}
	for _, tt := range tests {
		got, ok := DefaultDivisions().DistanceKM(tt.from, tt.to)
		if !ok || got < tt.min || got > tt.max {
			t.Errorf("DistanceKM(%s, %s) = %d, %v; want %d..%d", tt.from, tt.to, got, ok, tt.min, tt.max)
		}
	}
}
