package source

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// ParsePublished parses a configured publication date (YYYY-MM-DD) as
// midnight UTC.
func ParsePublished(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("published %q is not a YYYY-MM-DD date", s)
	}
	return t, nil
}

const (
	monthRE   = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)`
	weekdayRE = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)`
)

var (
	// fileDateRE finds a YYYY-MM-DD (or YYYY/MM/DD in URLs) date.
	fileDateRE = lazyRegexp(`(\d{4})[-/_](\d{2})[-/_](\d{2})(?:$|[^\d])`)

	// datelineRE matches a line that is a date, optionally after a weekday
	// or a place and before a dash, as in Wikinews ("June 13, 2005") and
	// wire copy ("WASHINGTON, June 13, 2005 —").
	datelineRE = lazyRegexp(`^(?:(?:Published|Posted|Updated)(?: on)?:?\s+)?(?:[A-Z][A-Za-z.' -]{0,40},\s+)?(?:` + weekdayRE + `,?\s+)?` +
		`(` + monthRE + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+` + monthRE + `,?\s+\d{4}|\d{4}-\d{2}-\d{2})` +
		`\s*(?:$|[-—–:(]|--)`)

	// weekdayDateRE matches a weekday named with a month-day, with or
	// without a year: "Wednesday, Oct. 22", "Wednesday (Oct. 22)",
	// "Wednesday 22 October", "Wednesday, October 22, 2025".
	weekdayDateRE = lazyRegexp(`\b(` + weekdayRE + `)(?:,\s*|\s+|\s*\(\s*)(?:` +
		`(` + monthRE + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?\)?` +
		`|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthRE + `)(?:,?\s+(\d{4})\b)?)`)
)

// InferPublished guesses the publication date of a source that has no
// date in its config or metadata. location is the file path or URL (may be
// empty), text the article text, now the load time. It tries, in order:
//
//  1. a YYYY-MM-DD date in the file name or URL path ("2025-10-22-x.txt",
//     "/2025/10/22/x");
//  2. a dateline among the first lines ("June 13, 2005", as in Wikinews);
//  3. a weekday named with a month-day ("On Wednesday, Oct. 22", "Wednesday
//     (Oct. 22)"): the weekday pins the year, the most recent one whose
//     date falls on that weekday and is not more than a month after now;
//  4. the load date.
//
// The returned note says which rule fired, quoting the matched text.
// Dates are midnight UTC.
func InferPublished(location, text string, now time.Time) (time.Time, string) {
	if t, ok := dateFromLocation(location, now); ok {
		if strings.Contains(location, "://") {
			return t, NoteFromURL
		}
		return t, NoteFromFileName
	}
	if t, m, ok := dateFromDateline(text, now); ok {
		return t, "from dateline: " + m
	}
	if t, m, ok := dateFromWeekday(text, now); ok {
		return t, "inferred from text: " + m
	}
	y, mo, d := now.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), NoteLoadDate
}

func dateFromLocation(location string, now time.Time) (time.Time, bool) {
	if location == "" {
		return time.Time{}, false
	}
	name := location
	if i := strings.Index(name, "://"); i >= 0 {
		// Only the path: hosts and queries carry no publication dates.
		rest := name[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			name = rest[j:]
		} else {
			return time.Time{}, false
		}
		if j := strings.IndexAny(name, "?#"); j >= 0 {
			name = name[:j]
		}
	} else {
		name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	}
	for _, m := range fileDateRE().FindAllStringSubmatch(name, -1) {
		if t, ok := validDate(m[1], m[2], m[3], now); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// validDate builds a date from strings, refusing impossible dates
// (time.Date would normalise Feb 30 to March) and ones far from now.
func validDate(ys, ms, ds string, now time.Time) (time.Time, bool) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < 1900 || y > now.Year()+1 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func dateFromDateline(text string, now time.Time) (time.Time, string, bool) {
	lines := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if lines++; lines > 4 {
			break
		}
		m := datelineRE().FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if t, ok := parseLooseDate(m[1], now); ok {
			return t, m[1], true
		}
	}
	return time.Time{}, "", false
}

var ordinalRE = lazyRegexp(`(\d)(?:st|nd|rd|th)\b`)

var looseLayouts = []string{"January 2 2006", "2 January 2006", "2006-01-02"}

// parseLooseDate parses "Oct. 22, 2025", "October 22nd 2025", "22 October
// 2025" or "2025-10-22".
func parseLooseDate(s string, now time.Time) (time.Time, bool) {
	s = ordinalRE().ReplaceAllString(strings.ReplaceAll(s, ",", " "), "$1")
	f := strings.Fields(s)
	for i, w := range f {
		if m, ok := monthByName(w); ok {
			f[i] = m.String()
		}
	}
	s = strings.Join(f, " ")
	for _, layout := range looseLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= now.Year()+1 {
			return t, true
		}
	}
	return time.Time{}, false
}

func dateFromWeekday(text string, now time.Time) (time.Time, string, bool) {
	// The date that matters is near the top of an article; reading the
	// whole text would pick up references to other events.
	head := text[:min(len(text), 4000)]
	for _, m := range weekdayDateRE().FindAllStringSubmatch(head, -1) {
		wd, ok := weekdayByName(m[1])
		if !ok {
			continue
		}
		monthName, dayStr, yearStr := m[2], m[3], m[4]
		if monthName == "" {
			monthName, dayStr, yearStr = m[6], m[5], m[7]
		}
		mo, ok := monthByName(monthName)
		if !ok {
			continue
		}
		day, _ := strconv.Atoi(dayStr)
		matched := strings.Join(strings.Fields(strings.TrimRight(m[0], " ")), " ")
		if yearStr != "" {
			if t, ok := validDate(yearStr, strconv.Itoa(int(mo)), dayStr, now); ok {
				return t, matched, true
			}
			continue
		}
		if t, ok := yearFromWeekday(wd, mo, day, now); ok {
			return t, matched, true
		}
	}
	return time.Time{}, "", false
}

// yearFromWeekday finds the most recent year in which month/day falls on
// wd, not more than a month after now (an article may announce an event a
// few days ahead, never a year ahead). The weekday cycle for a date
// repeats within 11 years except around Feb 29, hence the 30-year window.
func yearFromWeekday(wd time.Weekday, mo time.Month, day int, now time.Time) (time.Time, bool) {
	limit := now.AddDate(0, 1, 0)
	for y := now.Year() + 1; y > now.Year()-30; y-- {
		t := time.Date(y, mo, day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day || t.After(limit) {
			continue
		}
		if t.Weekday() == wd {
			return t, true
		}
	}
	return time.Time{}, false
}

func monthByName(s string) (time.Month, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || (len(s) <= 4 && strings.HasPrefix(name, s)) {
			return m, true
		}
	}
	return 0, false
}

func weekdayByName(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || (len(s) <= 5 && strings.HasPrefix(name, s)) {
			return d, true
		}
	}
	return 0, false
}
