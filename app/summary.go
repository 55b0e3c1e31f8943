package app

import (
	"time"

	"github.com/printstation/printstation/store"
)

// DayCounts are the counts of one day or one hour of the daily summary.
type DayCounts struct {
	Printed  int // labels printed for the first time, confirmed labels included
	Shipped  int // tracking numbers the shop accepted
	SetAside int // parcels moved into the exception queue
	Reprints int
}

// DailySummary is the count of the station's work on one day, with the
// same counts per hour for the chart.
type DailySummary struct {
	Day time.Time // midnight at the start of the day, in the day's location
	DayCounts
	Hours [24]DayCounts
}

// Summarize counts the events of the day that starts at the midnight of
// day in day's location. Events outside the day are skipped, so the whole
// log may be passed.
func Summarize(events []store.Event, day time.Time) DailySummary {
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, day.Location())
	end := start.AddDate(0, 0, 1)
	sum := DailySummary{Day: start}
	for _, e := range events {
		if e.At.Before(start) || !e.At.Before(end) {
			continue
		}
		hour := &sum.Hours[e.At.In(start.Location()).Hour()]
		for _, c := range []*DayCounts{&sum.DayCounts, hour} {
			countEvent(c, e)
		}
	}
	return sum
}

func countEvent(c *DayCounts, e store.Event) {
	switch {
	case e.Kind == EventPrinted:
		c.Printed++
	case e.Kind == EventConfirmed && e.To.HasPrinted():
		c.Printed++
	case e.Kind == EventShipped:
		c.Shipped++
	case e.Kind == EventReprint:
		c.Reprints++
	case e.To.SetAside() && !e.From.SetAside():
		c.SetAside++
	}
}

// DailySummary returns the summary of the day that contains day.
//
// NOTE: it reads the whole event log; a log of years would want an index
// by time.
func (s *Station) DailySummary(day time.Time) (DailySummary, error) {
	events, err := s.Events(0, "")
	if err != nil {
		return DailySummary{}, err
	}
	return Summarize(events, day), nil
}
