package printer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/printstation/printstation/printer/tspl"
)

// ErrInvalidProfile is returned by Profile.Validate, wrapped with the field
// that is wrong and the values it accepts.
var ErrInvalidProfile = errors.New("printer: invalid profile")

// Profile is the setup of one printer at the station: where it is, which
// language it speaks and what labels it holds. The behaviour that differs
// between models (code page, bitmap polarity, status replies) is a setting
// here, checked with a test print, never a constant. Profiles are stored as
// JSON, so the field names in the tags are part of the file format.
type Profile struct {
	// ID is the stable key of the profile: letters, digits, '-' and '_'.
	ID string `json:"id"`
	// Name is the printer's name in the packing room, for example "打包台 1".
	Name string `json:"name"`
	// Address is an address for Open, for example "tcp://192.0.2.10:9100",
	// "usb://0483:5743", "lp:/dev/usb/lp0" or "winspool:Xprinter XP-420B".
	Address string `json:"address"`
	// Language is TSPL or ESCPOS.
	Language Language `json:"language"`
	// DPI is 203 or 300.
	DPI int `json:"dpi"`
	// LabelWidthMM, LabelHeightMM and GapMM are the label stock in
	// millimetres, for example 76, 130 and 2.
	LabelWidthMM  float64 `json:"label_width_mm"`
	LabelHeightMM float64 `json:"label_height_mm"`
	GapMM         float64 `json:"gap_mm"`
	// Encoding is the code page of Chinese text: "gb18030", "gbk",
	// "gb2312" or "utf-8".
	Encoding string `json:"encoding"`
	// InvertBitmap sends bitmaps with 1 = black in TSPL, for the clones
	// that have the polarity of ESC/POS. Wrong polarity prints a solid
	// black block.
	InvertBitmap bool `json:"invert_bitmap"`
	// Density is the print darkness, 1 to 15.
	Density int `json:"density"`
	// Speed is the print speed in inches per second, 1 to 12.
	Speed float64 `json:"speed_ips"`
	// QueryStatus turns on the status query after each job; turn it off
	// for a printer that never replies to it.
	QueryStatus bool `json:"query_status"`
	// Template names the label template this printer prints, so that a
	// batch can be routed by template; empty takes any template.
	Template string `json:"template,omitempty"`
}

var profileID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// DefaultProfile returns a profile for the common setup: a 203 dpi TSPL
// printer with 76×130 mm labels and a 2 mm gap, GB18030 text, density 8,
// 4 ips, status query on. ID, Name and Address are left empty.
func DefaultProfile() Profile {
	return Profile{
		Language: TSPL, DPI: 203,
		LabelWidthMM: 76, LabelHeightMM: 130, GapMM: 2,
		Encoding: tspl.EncodingGB18030, Density: 8, Speed: 4,
		QueryStatus: true,
	}
}

// Validate returns nil when every field holds an accepted value, and
// otherwise an error wrapping ErrInvalidProfile that names the first wrong
// field and what it accepts.
func (p Profile) Validate() error {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("printer profile %q: %s: %w", p.ID, fmt.Sprintf(format, args...), ErrInvalidProfile)
	}

	switch {
	case !profileID.MatchString(p.ID):
		return invalid("id %q must be 1 to 64 letters, digits, '-' or '_'", p.ID)
	case strings.TrimSpace(p.Name) == "":
		return invalid("name is missing")
	case strings.TrimSpace(p.Address) == "":
		return invalid("address is missing")
	case p.Language != TSPL && p.Language != ESCPOS:
		return invalid("language %q must be %q or %q", p.Language, TSPL, ESCPOS)
	case p.DPI != 203 && p.DPI != 300:
		return invalid("dpi %d must be 203 or 300", p.DPI)
	case p.LabelWidthMM < 20 || p.LabelWidthMM > 120:
		return invalid("label width %g mm must be 20 to 120 mm", p.LabelWidthMM)
	case p.LabelHeightMM < 10 || p.LabelHeightMM > 300:
		return invalid("label height %g mm must be 10 to 300 mm", p.LabelHeightMM)
	case p.GapMM < 0 || p.GapMM > 10:
		return invalid("gap %g mm must be 0 to 10 mm", p.GapMM)
	case p.Density < 1 || p.Density > 15:
		return invalid("density %d must be 1 to 15", p.Density)
	case p.Speed < 1 || p.Speed > 12:
		return invalid("speed %g ips must be 1 to 12", p.Speed)
	}

	switch p.Encoding {
	case tspl.EncodingGB18030, tspl.EncodingGBK, tspl.EncodingGB2312, tspl.EncodingUTF8:
	default:
		return invalid("encoding %q must be gb18030, gbk, gb2312 or utf-8", p.Encoding)
	}
	return nil
}

// TSPL returns the settings of the TSPL encoder for this printer.
func (p Profile) TSPL() tspl.Profile {
	return tspl.Profile{
		DPI: p.DPI, Encoding: p.Encoding, GapMM: p.GapMM,
		Density: p.Density, Speed: p.Speed, InvertBitmap: p.InvertBitmap,
	}
}

// Configurable is a Transport whose status query can follow a profile.
type Configurable interface {
	// Configure sets the language of the status query and turns the query
	// on or off. Call it before the first Send.
	Configure(lang Language, queryStatus bool)
}

// Open opens the profile's address with Open and, when the transport is
// Configurable, sets its status query to the profile's language.
func (p Profile) Open() (Transport, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	t, err := Open(p.Address)
	if err != nil {
		return nil, err
	}
	if c, ok := t.(Configurable); ok {
		c.Configure(p.Language, p.QueryStatus)
	}
	return t, nil
}

// Configure sets Language and QueryStatus.
func (t *TCP) Configure(lang Language, queryStatus bool) {
	t.Language = lang
	t.QueryStatus = queryStatus
}
