package label

import (
	"strings"
	"unicode"
)

// MaskParty returns p as a label shows a masked receiver. It keeps the first
// character of the name, the first three and last four digits of an 11-digit
// phone (the last four of others), and the address up to its district or county.
// Text the platform already masked ("周**", "138****2617", "…西湖区****")
// comes out unchanged.
func MaskParty(p Party) Party {
	return Party{Name: maskName(p.Name), Phone: maskPhone(p.Phone), Address: maskAddress(p.Address)}
}

func maskName(name string) string {
	runes := []rune(strings.TrimSpace(name))
	if len(runes) == 0 {
		return ""
	}
	return string(runes[0]) + strings.Repeat("*", max(1, min(len(runes)-1, 3)))
}

func maskPhone(phone string) string {
	phone = strings.TrimSpace(phone)
	if phone == "" || strings.Contains(phone, "*") {
		return phone
	}
	var digits []rune
	for _, r := range phone {
		if unicode.IsDigit(r) {
			digits = append(digits, r)
		}
	}
	switch {
	case len(digits) == 11:
		return string(digits[:3]) + "****" + string(digits[7:])
	case len(digits) > 4:
		return "****" + string(digits[len(digits)-4:])
	}
	return "****"
}

// addressLevels end the administrative part of a Chinese address; the detail
// after the last of them in the first 16 characters is hidden.
const addressLevels = "省市区县旗"

func maskAddress(address string) string {
	runes := []rune(strings.TrimSpace(address))
	if len(runes) == 0 {
		return ""
	}
	keep := 0
	for i, r := range runes[:min(len(runes), 16)] {
		if strings.ContainsRune(addressLevels, r) {
			keep = i + 1
		}
	}
	if keep == 0 {
		keep = min(len(runes), 3)
	}
	if keep == len(runes) {
		return string(runes)
	}
	return string(runes[:keep]) + "****"
}
