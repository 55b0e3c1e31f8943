package plan

import (
	"regexp"
	"strings"

	"github.com/printstation/printstation/store"
)

// AddressProblem is one thing wrong with a receiver address.
type AddressProblem struct {
	Reason string // a Reason… key
	// Blocking is true when the parcel must not get a waybill. A
	// non-blocking problem (a detail that repeats the region) only flags
	// the parcel for a packer to look at.
	Blocking bool
}

// overseasProvinces are province values the platform or a buyer may send
// for places outside mainland China, where a domestic e-waybill does not go.
var overseasProvinces = map[string]bool{
	"香港": true, "香港特别行政区": true, "澳门": true, "澳门特别行政区": true,
	"台湾": true, "台湾省": true, "海外": true, "国外": true,
}

// Forwarding warehouses (集运) re-ship parcels abroad, so their addresses
// count as overseas.
var forwardingWords = []string{"集运仓", "集运站", "转运仓"}

var (
	poBoxPattern = regexp.MustCompile(`(?i)(信箱|p\.?\s*o\.?\s*box|post\s*office\s*box)`)
	latinPattern = regexp.MustCompile(`[A-Za-z]`)
	// phonePattern accepts a mobile number (11 digits from 1) or a landline
	// with its area code, an optional +86 prefix and an optional extension,
	// such as the platform's virtual numbers "138…-1234". Spaces are removed
	// before matching.
	phonePattern = regexp.MustCompile(`^(\+?86-?)?(1\d{10}|0\d{2,3}-?\d{7,8})([-#转]\d{1,6})?$`)
)

// municipalityCityAliases are city values that mean the municipality
// itself: the statistics tables group a municipality's districts under
// 市辖区 and its counties under 县.
var municipalityCityAliases = map[string]bool{"市辖区": true, "县": true}

// CheckAddress returns every problem of a receiver address, in the order
// province, city, district, phone, detail; none for a deliverable address.
// Region names must match the table exactly after trimming spaces, with two
// exceptions. A municipality's city may be given as 市辖区 or 县. A district
// whose name differs is accepted when its DistrictID is the table's code for
// a district of that city, as happens after a district is renamed.
func (d *Divisions) CheckAddress(r store.Receiver) []AddressProblem {
	var problems []AddressProblem
	block := func(reason string) { problems = append(problems, AddressProblem{Reason: reason, Blocking: true}) }

	province := strings.TrimSpace(r.Province)
	city := strings.TrimSpace(r.City)
	district := strings.TrimSpace(r.District)
	detail := strings.Join(strings.Fields(r.Detail), "")

	districts, regionOK := d.checkRegion(province, city, district, r.DistrictID, block)

	switch phone := strings.ReplaceAll(strings.TrimSpace(r.Phone), " ", ""); {
	case phone == "" && r.PhoneCipher == "":
		block(ReasonPhoneMissing)
	case phone != "" && !phonePattern.MatchString(phone):
		block(ReasonPhoneInvalid)
	}

	if detail == "" && r.DetailCipher == "" {
		block(ReasonDetailMissing)
		return problems
	}
	if detail == "" {
		return problems // the remaining checks need the plaintext detail
	}
	if poBoxPattern.MatchString(detail) {
		block(ReasonPOBox)
	}
	for _, word := range forwardingWords {
		if strings.Contains(detail, word) {
			block(ReasonOverseas)
			break
		}
	}
	if regionOK {
		switch d.compareDetail(detail, province, city, district, districts) {
		case detailContradicts:
			block(ReasonDetailContradicts)
		case detailRepeats:
			problems = append(problems, AddressProblem{Reason: ReasonDetailRepeatsRegion})
		}
	}
	return problems
}

// checkRegion checks province, city and district against the table and
// returns the city's districts, and whether all three levels are valid.
func (d *Divisions) checkRegion(province, city, district, districtID string, block func(string)) (map[string]string, bool) {
	switch {
	case province == "":
		block(ReasonProvinceMissing)
		return nil, false
	case overseasProvinces[province] || latinPattern.MatchString(province):
		block(ReasonOverseas)
		return nil, false
	case !d.HasProvince(province):
		block(ReasonProvinceUnknown)
		return nil, false
	}

	if city == "" {
		block(ReasonCityMissing)
		if district == "" {
			block(ReasonDistrictMissing)
		}
		return nil, false
	}
	if municipalityCityAliases[city] && d.cities[province][province] != nil {
		city = province
	}
	districts, ok := d.cities[province][city]
	if !ok {
		block(ReasonCityNotInProvince)
		if district == "" {
			block(ReasonDistrictMissing)
		}
		return nil, false
	}

	if district == "" {
		block(ReasonDistrictMissing)
		return districts, false
	}
	if _, ok := districts[district]; ok {
		return districts, true
	}
	for _, code := range districts {
		if districtID != "" && code == districtID {
			return districts, true
		}
	}
	block(ReasonDistrictNotInCity)
	return districts, false
}

type detailVerdict int

const (
	detailFine detailVerdict = iota
	detailRepeats
	detailContradicts
)

// compareDetail looks at the start of a plaintext detail, where buyers who
// paste a whole address put the region. Only full names with their suffix
// (浙江省, 杭州市) count, because short names are common in road names
// (北京路 in Guangzhou).
// NOTE: a detail that starts with a road named after a full city name, such
// as "南京市场路", is reported as contradicting the region.
func (d *Divisions) compareDetail(detail, province, city, district string, districts map[string]string) detailVerdict {
	rest := detail
	levels := 0

	if strings.HasPrefix(rest, province) {
		rest = rest[len(province):]
		levels++
	} else {
		for other := range d.cities {
			if strings.HasPrefix(rest, other) {
				return detailContradicts
			}
		}
	}

	if city != province && strings.HasPrefix(rest, city) {
		rest = rest[len(city):]
		levels++
	} else if d.startsWithForeignCity(rest, province) {
		return detailContradicts
	}

	if strings.HasPrefix(rest, district) {
		levels++
	} else if levels > 0 {
		for other := range districts {
			if strings.HasPrefix(rest, other) {
				return detailContradicts
			}
		}
	}

	if levels >= 2 {
		return detailRepeats
	}
	return detailFine
}

// startsWithForeignCity reports whether text starts with the full name of a
// city (ending in 市, 州 or 盟) of a province other than province.
func (d *Divisions) startsWithForeignCity(text, province string) bool {
	for other, cities := range d.cities {
		if other == province {
			continue
		}
		for name := range cities {
			if strings.HasPrefix(text, name) && strings.ContainsAny(lastRune(name), "市州盟") {
				if _, own := d.cities[province][name]; !own {
					return true
				}
			}
		}
	}
	return false
}

func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}
