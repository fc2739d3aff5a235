// Package digest posts scheduled digests of key developments to chat
// channels: per channel, at a local time in the channel's own IANA time
// zone, exactly once per due time. It is transport-neutral: a Poster
// delivers a rendered Message (the bot package provides the Discord one),
// and the store keeps schedules, runs and the items already posted.
package digest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones even where the system has no zoneinfo
)

// ErrInvalid is returned for schedules that cannot be parsed; the message
// says what was wrong and is meant for the admin who typed it.
var ErrInvalid = errors.New("invalid schedule")

// Spec is a parsed schedule: a wall-clock time on a set of weekdays in a
// time zone. Its Next and Prev methods are the only place due times are
// computed, so that cron wakeups, catch-up after downtime and tests all
// agree on which digest is due when.
type Spec struct {
	Hour, Minute int
	Loc          *time.Location
	// Days holds the weekdays the digest is posted on, indexed by
	// time.Weekday (Sunday = 0).
	Days [7]bool
}

// ParseSpec parses the time ("08:00", "8:30pm"), the IANA time zone
// ("Europe/Amsterdam"; empty means UTC) and the days ("mon-fri",
// "sat,sun", "weekdays"; empty means every day) of a schedule.
func ParseSpec(clock, zone, days string) (Spec, error) {
	var s Spec
	var err error
	if s.Hour, s.Minute, err = ParseClock(clock); err != nil {
		return Spec{}, err
	}
	if s.Loc, err = ParseZone(zone); err != nil {
		return Spec{}, err
	}
	if s.Days, err = ParseDays(days); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// Clock returns the schedule's time as HH:MM.
func (s Spec) Clock() string { return fmt.Sprintf("%02d:%02d", s.Hour, s.Minute) }

// DaysString returns the schedule's days in canonical form.
func (s Spec) DaysString() string { return FormatDays(s.Days) }

// String returns the schedule as "08:00 Europe/Amsterdam mon-fri".
func (s Spec) String() string {
	return s.Clock() + " " + s.Loc.String() + " " + s.DaysString()
}

// ParseClock parses a wall-clock time: "08:00", "8:00", "0800", "8am",
// "8:30 pm", "20:15".
func ParseClock(v string) (hour, minute int, err error) {
	orig := v
	v = strings.ToLower(strings.TrimSpace(v))
	v = strings.ReplaceAll(v, " ", "")
	bad := func() (int, int, error) {
		return 0, 0, fmt.Errorf("%w: time %q: use HH:MM, 24-hour (08:00, 17:30) or with am/pm (8am, 5:30pm)", ErrInvalid, orig)
	}
	ampm := ""
	for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
		if strings.HasSuffix(v, suf) {
			ampm = suf[:1]
			v = strings.TrimSuffix(v, suf)
			break
		}
	}
	hs, ms := v, "0"
	if i := strings.IndexAny(v, ":."); i >= 0 {
		hs, ms = v[:i], v[i+1:]
		if len(ms) != 2 {
			return bad()
		}
	} else if len(v) == 4 && ampm == "" {
		hs, ms = v[:2], v[2:]
	}
	if hs == "" || len(hs) > 2 || !digits(hs) || !digits(ms) {
		return bad()
	}
	hour, _ = strconv.Atoi(hs)
	minute, _ = strconv.Atoi(ms)
	if minute > 59 {
		return bad()
	}
	switch ampm {
	case "":
		if hour > 23 {
			return bad()
		}
	default:
		if hour < 1 || hour > 12 {
			return bad()
		}
		if hour == 12 {
			hour = 0
		}
		if ampm == "p" {
			hour += 12
		}
	}
	return hour, minute, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ParseZone loads an IANA time zone such as "Europe/Amsterdam". Empty means
// UTC. "Local" is refused because the server's zone is not the admins'.
func ParseZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return time.UTC, nil
	}
	if strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("%w: time zone %q: give an IANA name such as Europe/Amsterdam", ErrInvalid, name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Zone names are case-sensitive; try the usual capitalisation
		// before refusing, so "europe/amsterdam" works.
		if fixed := capitalizeZone(name); fixed != name {
			if loc, err2 := time.LoadLocation(fixed); err2 == nil {
				return loc, nil
			}
		}
		return nil, fmt.Errorf("%w: unknown time zone %q: give an IANA name such as Europe/Amsterdam, America/New_York or UTC", ErrInvalid, name)
	}
	return loc, nil
}

func capitalizeZone(name string) string {
	if strings.EqualFold(name, "utc") {
		return "UTC"
	}
	b := []byte(strings.ToLower(name))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}

var dayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func parseDay(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 {
		return 0, false
	}
	// Two letters at least: "tu"/"th" and "sa"/"su" need their second.
	for i, full := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if strings.HasPrefix(full, s) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// ParseDays parses a set of weekdays: "mon-fri", "mon,wed,fri",
// "fri-mon" (wrapping), "weekdays", "weekends", "daily"; empty means every
// day.
func ParseDays(v string) ([7]bool, error) {
	var days [7]bool
	s := strings.ToLower(strings.TrimSpace(v))
	switch s {
	case "", "daily", "every day", "everyday", "all", "*":
		return [7]bool{true, true, true, true, true, true, true}, nil
	case "weekdays", "workdays":
		s = "mon-fri"
	case "weekends", "weekend":
		s = "sat,sun"
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		a, b, isRange := strings.Cut(part, "-")
		from, ok1 := parseDay(a)
		to := from
		ok2 := true
		if isRange {
			to, ok2 = parseDay(b)
		}
		if !ok1 || !ok2 {
			return days, fmt.Errorf("%w: days %q: use day names and ranges such as mon-fri, sat,sun or daily", ErrInvalid, v)
		}
		for d := from; ; d = (d + 1) % 7 {
			days[d] = true
			if d == to {
				break
			}
		}
	}
	if days == ([7]bool{}) {
		return days, fmt.Errorf("%w: days %q: no day given", ErrInvalid, v)
	}
	return days, nil
}

// FormatDays returns the canonical form of a set of weekdays: "daily",
// "mon-fri", "sat-sun", "mon,wed,fri", ranges of three days or more
// collapsed, weeks starting on Monday.
func FormatDays(days [7]bool) string {
	all := true
	for _, d := range days {
		all = all && d
	}
	if all {
		return "daily"
	}
	// Order Monday first, so that mon-fri reads as usual.
	order := []int{1, 2, 3, 4, 5, 6, 0}
	var parts []string
	for i := 0; i < 7; {
		if !days[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < 7 && days[order[j+1]] {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, dayNames[order[i]]+"-"+dayNames[order[j]])
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, dayNames[order[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// civil is a calendar date, used to step through days without touching
// any time zone.
type civil struct{ t time.Time } // midnight UTC of the date

func civilOf(t time.Time, loc *time.Location) civil {
	y, m, d := t.In(loc).Date()
	return civil{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func (c civil) add(days int) civil { return civil{c.t.AddDate(0, 0, days)} }

// DueOn returns the instant the digest of the given date is due, whether
// or not the schedule posts on that weekday. A wall-clock time that does
// not exist that day (it falls in the hour skipped when clocks go forward)
// is due at the first instant after the gap, so the digest is posted once,
// a little late; a time that happens twice (clocks go back) is due at its
// first occurrence.
func (s Spec) DueOn(year int, month time.Month, day int) time.Time {
	naive := time.Date(year, month, day, s.Hour, s.Minute, 0, 0, time.UTC)
	want := func(t time.Time) bool {
		l := t.In(s.Loc)
		y, m, d := l.Date()
		return y == year && m == month && d == day && l.Hour() == s.Hour && l.Minute() == s.Minute && l.Second() == 0
	}
	// The offsets the zone may have around that day: a day has at most one
	// transition, so those in effect a day before and after cover it.
	var offs []int
	for _, h := range []time.Duration{-26 * time.Hour, 0, 26 * time.Hour} {
		_, off := naive.Add(h).In(s.Loc).Zone()
		dup := false
		for _, o := range offs {
			dup = dup || o == off
		}
		if !dup {
			offs = append(offs, off)
		}
	}
	var best time.Time
	for _, off := range offs {
		t := naive.Add(-time.Duration(off) * time.Second)
		if want(t) && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if !best.IsZero() {
		return best
	}
	// The time falls in a gap: find the first instant whose local time is
	// at or after the wanted one. Local time only moves forward across a
	// gap, so a binary search over the span the offsets allow works.
	lo, hi := naive, naive
	for _, off := range offs {
		t := naive.Add(-time.Duration(off) * time.Second)
		if t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
	}
	wantWall := naive
	after := func(t time.Time) bool {
		l := t.In(s.Loc)
		wall := time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
		return !wall.Before(wantWall)
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if after(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func (s Spec) dueOnCivil(c civil) time.Time {
	y, m, d := c.t.Date()
	return s.DueOn(y, m, d)
}

// Next returns the first due time strictly after t.
func (s Spec) Next(t time.Time) time.Time {
	if s.Loc == nil || s.Days == ([7]bool{}) {
		return time.Time{}
	}
	c := civilOf(t, s.Loc).add(-1)
	for i := 0; i < 10; i++ {
		if s.Days[c.t.Weekday()] {
			if due := s.dueOnCivil(c); due.After(t) {
				return due
			}
		}
		c = c.add(1)
	}
	return time.Time{}
}

// Prev returns the last due time at or before t, or the zero time when the
// schedule has no days.
func (s Spec) Prev(t time.Time) time.Time {
	if s.Loc == nil || s.Days == ([7]bool{}) {
		return time.Time{}
	}
	c := civilOf(t, s.Loc).add(1)
	for i := 0; i < 10; i++ {
		if s.Days[c.t.Weekday()] {
			if due := s.dueOnCivil(c); !due.After(t) {
				return due
			}
		}
		c = c.add(-1)
	}
	return time.Time{}
}
