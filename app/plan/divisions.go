package plan

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/printstation/printstation/assets"
)

// Divisions is the table of provinces, cities and districts an address is
// checked against, with a location per province for warehouse distances.
// It is safe for concurrent use once loaded.
type Divisions struct {
	// cities maps province -> city -> district -> GB/T 2260 code.
	cities map[string]map[string]map[string]string
	// locations maps a province to its capital's latitude and longitude.
	locations map[string][2]float64
}

// LoadDivisions reads a divisions table (code, province, city, district per
// tab-separated line) and a province location table (province, latitude,
// longitude). Lines starting with '#' are comments.
func LoadDivisions(divisions, locations io.Reader) (*Divisions, error) {
	d := &Divisions{cities: map[string]map[string]map[string]string{}, locations: map[string][2]float64{}}

	err := readTSV(divisions, 4, func(fields []string) error {
		code, province, city, district := fields[0], fields[1], fields[2], fields[3]
		if d.cities[province] == nil {
			d.cities[province] = map[string]map[string]string{}
		}
		if d.cities[province][city] == nil {
			d.cities[province][city] = map[string]string{}
		}
		d.cities[province][city][district] = code
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read divisions: %w", err)
	}

	err = readTSV(locations, 3, func(fields []string) error {
		lat, errLat := strconv.ParseFloat(fields[1], 64)
		lon, errLon := strconv.ParseFloat(fields[2], 64)
		if errLat != nil || errLon != nil {
			return fmt.Errorf("%w: invalid coordinates for %s", ErrConfig, fields[0])
		}
		d.locations[fields[0]] = [2]float64{lat, lon}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read province locations: %w", err)
	}
	return d, nil
}

// DefaultDivisions returns the divisions embedded in the assets package
// (National Bureau of Statistics codes of 2023), parsed once.
func DefaultDivisions() *Divisions {
	return defaultDivisions()
}

var defaultDivisions = sync.OnceValue(func() *Divisions {
	divisions, err := assets.Plan.Open("plan/divisions.tsv")
	if err != nil {
		panic(err) // the file is embedded, so this is a build error
	}
	defer divisions.Close()
	locations, err := assets.Plan.Open("plan/provinces.tsv")
	if err != nil {
		panic(err)
	}
	defer locations.Close()
	d, err := LoadDivisions(divisions, locations)
	if err != nil {
		panic(err)
	}
	return d
})

// HasProvince reports whether province is a province-level division name.
func (d *Divisions) HasProvince(province string) bool {
	_, ok := d.cities[province]
	return ok
}

// DistanceKM returns the great-circle distance between the capitals of two
// provinces in whole kilometres, and false when either has no location.
func (d *Divisions) DistanceKM(from, to string) (int, bool) {
	a, okA := d.locations[from]
	b, okB := d.locations[to]
	if !okA || !okB {
		return 0, false
	}
	const earthRadiusKM = 6371.0
	lat1, lat2 := a[0]*math.Pi/180, b[0]*math.Pi/180
	dLat, dLon := lat2-lat1, (b[1]-a[1])*math.Pi/180
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return int(math.Round(2 * earthRadiusKM * math.Asin(math.Sqrt(h)))), true
}

// readTSV calls row for every non-comment line with exactly n
// tab-separated fields and rejects any other line.
func readTSV(r io.Reader, n int, row func(fields []string) error) error {
	scanner := bufio.NewScanner(r)
	line := 0
	for scanner.Scan() {
		line++
		text := strings.TrimRight(scanner.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != n {
			return fmt.Errorf("%w: line %d has %d fields, want %d", ErrConfig, line, len(fields), n)
		}
		if err := row(fields); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	return scanner.Err()
}
