package sim

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
)

// courier is a courier company the simulator issues numbers for.
type courier struct {
	name    string
	pattern *regexp.Regexp // the shape of its tracking numbers
	newNo   func(s *Simulator) string
}

// couriers by code. The shapes follow the numbers these companies print: 中通 "7" + 14
// digits, 圆通 "YT" + 13 digits, 韵达 13 digits from "43", 极兔 "JT" + 13 digits, 顺丰 "SF" +
// 13 digits, 申通 "77" + 13 digits.
var couriers = map[string]courier{
	"zhongtong": {"中通快递", regexp.MustCompile(`^7\d{14}$`), digitsAfter("7", 14)},
	"yuantong":  {"圆通速递", regexp.MustCompile(`^YT\d{13}$`), digitsAfter("YT", 13)},
	"yunda":     {"韵达快递", regexp.MustCompile(`^43\d{11}$`), digitsAfter("43", 11)},
	"jtexpress": {"极兔速递", regexp.MustCompile(`^JT\d{13}$`), digitsAfter("JT", 13)},
	"shunfeng":  {"顺丰速运", regexp.MustCompile(`^SF\d{13}$`), digitsAfter("SF", 13)},
	"shentong":  {"申通快递", regexp.MustCompile(`^77\d{13}$`), digitsAfter("77", 13)},
}

// digitsAfter returns a generator of prefix + n random digits. It runs with s.mu held.
func digitsAfter(prefix string, n int) func(s *Simulator) string {
	return func(s *Simulator) string {
		var b strings.Builder
		b.WriteString(prefix)
		for range n {
			b.WriteByte(byte('0' + s.rng.IntN(10)))
		}
		return b.String()
	}
}

// routing contains the codes a courier prints on a label to route the parcel.
type routing struct {
	sortCode, centerCode, centerName, shortCode, shortName string
}

// routeParcel derives the routing codes from the receiver region. The same courier and region
// always give the same codes, as a real sorting plan does.
func routeParcel(courierCode, province, city, district string) routing {
	center, ok := packageCenters[province]
	if !ok {
		center = packageCenter{name: shortRegionName(province) + "转运中心", code: "000000"}
	}

	first := 100 + hashOf(courierCode, province)%900
	letter := 'A' + rune(hashOf(courierCode, city)%26)
	second := hashOf(courierCode, city, "line") % 100
	third := hashOf(courierCode, city, district) % 1000

	r := routing{
		sortCode:   fmt.Sprintf("%03d-%c%02d %03d", first, letter, second, third),
		centerCode: center.code,
		centerName: center.name,
		shortName:  shortAddressName(province, city, district),
	}
	if place, found := findRegion(province, city, district); found {
		r.shortCode = place.districtID
	}
	return r
}

// shortAddressName builds the 大头笔: the short names of province, city and district, with a
// municipality's city left out, e.g. "浙江杭州西湖" or "上海浦东".
func shortAddressName(province, city, district string) string {
	parts := []string{shortRegionName(province)}
	if shortCity := shortRegionName(city); shortCity != parts[0] {
		parts = append(parts, shortCity)
	}
	parts = append(parts, shortRegionName(district))
	return strings.Join(parts, "")
}

// regionSuffixes are removed from region names, longest first.
var regionSuffixes = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "新区", "省", "市", "区", "县"}

func shortRegionName(name string) string {
	for _, suffix := range regionSuffixes {
		if short, ok := strings.CutSuffix(name, suffix); ok && short != "" {
			return short
		}
	}
	return name
}

func hashOf(parts ...string) int {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return int(h.Sum32() & 0x7fffffff)
}
