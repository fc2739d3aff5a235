package store

import (
	"math"
	"time"
)

// Score is the deterministic key-development score digests rank by:
//
//	score = 4·recency + 2·min(sources−1, 3) + min(participants, 4) + 2·quoted + lead
//	recency = 1 / (1 + days/7)
//
// where days is the number of days between now and the nearest day of the
// event's date range (sortStart to sortEnd, YYYY-MM-DD) plus half the
// range's length (so "2025" counts as far from any day in it, and "22 Oct"
// as close), sources the number of sources reporting the development,
// participants the number of known people and organisations taking part,
// quoted whether it carries a quote, and lead whether it stands in its
// article's first three sentences. The result is rounded to 0.001 so that
// ties are exact.
func Score(sortStart, sortEnd string, now time.Time, sources, participants int, quoted, lead bool) float64 {
	start, err1 := time.Parse(time.DateOnly, sortStart)
	end, err2 := time.Parse(time.DateOnly, sortEnd)
	recency := 0.0
	if err1 == nil && err2 == nil {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		var dist float64
		switch {
		case today.Before(start):
			dist = start.Sub(today).Hours() / 24
		case today.After(end):
			dist = today.Sub(end).Hours() / 24
		}
		days := dist + end.Sub(start).Hours()/24/2
		recency = 1 / (1 + days/7)
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	s := 4*recency + 2*float64(min(max(sources-1, 0), 3)) + float64(min(participants, 4)) + 2*b(quoted) + b(lead)
	return math.Round(s*1000) / 1000
}
