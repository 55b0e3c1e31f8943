package plan

import "errors"

// Errors a caller can act on.
var (
	// ErrConfig is returned by LoadConfig for a missing or malformed rule
	// file; the wrapping error names the file, the line and the field.
	ErrConfig = errors.New("invalid plan configuration")

	// ErrInsufficientStock is returned by Stock.Reserve when a warehouse
	// holds fewer units of a SKU than a parcel needs.
	ErrInsufficientStock = errors.New("insufficient stock")

	// ErrBoxesMismatch is returned by SplitByPacker when the packer's boxes
	// do not hold exactly the parcel's items.
	ErrBoxesMismatch = errors.New("boxes do not match the parcel's items")

	// ErrAlreadySplit is returned by SplitByPacker for a parcel that is
	// already one of several parts.
	ErrAlreadySplit = errors.New("parcel is already split")
)

// Reasons a parcel is set aside or flagged. Each is a stable key: the text a
// packer reads is the translation "plan.reason.<key>".
const (
	ReasonProvinceMissing     = "province_missing"
	ReasonCityMissing         = "city_missing"
	ReasonDistrictMissing     = "district_missing"
	ReasonDetailMissing       = "detail_missing"
	ReasonPhoneMissing        = "phone_missing"
	ReasonPhoneInvalid        = "phone_invalid"
	ReasonProvinceUnknown     = "province_unknown"
	ReasonCityNotInProvince   = "city_not_in_province"
	ReasonDistrictNotInCity   = "district_not_in_city"
	ReasonDetailContradicts   = "detail_contradicts_region"
	ReasonDetailRepeatsRegion = "detail_repeats_region"
	ReasonPOBox               = "po_box"
	ReasonOverseas            = "overseas"
	ReasonOutOfStock          = "out_of_stock"
	ReasonSplitNotAllowed     = "warehouse_split_not_allowed"
	ReasonNoCourier           = "no_courier"
)

// TranslationKey returns the key of a reason's text in the translations.
func TranslationKey(reason string) string {
	return "plan.reason." + reason
}

// allReasons lists every reason key, so a test can check the translations.
var allReasons = []string{
	ReasonProvinceMissing, ReasonCityMissing, ReasonDistrictMissing, ReasonDetailMissing,
	ReasonPhoneMissing, ReasonPhoneInvalid, ReasonProvinceUnknown, ReasonCityNotInProvince,
	ReasonDistrictNotInCity, ReasonDetailContradicts, ReasonDetailRepeatsRegion, ReasonPOBox,
	ReasonOverseas, ReasonOutOfStock, ReasonSplitNotAllowed, ReasonNoCourier,
}
