package extract

import (
	"fmt"
	"strings"
	"time"
)

// FormatDate shows a TimeML date value at its precision: "2025-10-22" is
// "22 Oct 2025", "2025-10" "Oct 2025", "2026-Q4" "Q4 2026", "2025"
// "2025", "2025-W43" "week 43, 2025", "2025-SU" "summer 2025", "2025-H1"
// "H1 2025", "202" "the 2020s". A precision coarser than the value
// ("2025-10-22" at "month") shortens it. Values it does not know are
// returned as they are.
func FormatDate(value, precision string) string {
	v := value
	if i := strings.IndexByte(v, 'T'); i == 10 {
		v = v[:10]
	}
	if len(v) == 10 {
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return value
		}
		switch precision {
		case "month":
			return t.Format("Jan 2006")
		case "year":
			return t.Format("2006")
		case "quarter":
			return fmt.Sprintf("Q%d %d", (int(t.Month())+2)/3, t.Year())
		case "week":
			y, w := t.ISOWeek()
			return fmt.Sprintf("week %d, %d", w, y)
		}
		return fmt.Sprintf("%d %s", t.Day(), t.Format("Jan 2006"))
	}
	if len(v) == 7 && v[4] == '-' {
		if t, err := time.Parse("2006-01", v); err == nil {
			if precision == "year" {
				return t.Format("2006")
			}
			return t.Format("Jan 2006")
		}
	}
	parts := strings.Split(v, "-")
	if len(parts[0]) == 4 && isDigits(parts[0]) {
		y := parts[0]
		if len(parts) == 1 {
			return y
		}
		p := parts[1]
		switch {
		case len(p) == 2 && p[0] == 'Q' && p[1] >= '1' && p[1] <= '4':
			return p + " " + y
		case len(p) == 2 && p[0] == 'H' && (p[1] == '1' || p[1] == '2'):
			return p + " " + y
		case len(p) == 3 && p[0] == 'W' && isDigits(p[1:]):
			w := strings.TrimPrefix(p[1:], "0")
			if len(parts) == 3 && parts[2] == "WE" {
				return fmt.Sprintf("weekend of week %s, %s", w, y)
			}
			return fmt.Sprintf("week %s, %s", w, y)
		}
		if s, ok := map[string]string{"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}[p]; ok {
			return s + " " + y
		}
	}
	if len(v) == 3 && isDigits(v) {
		return "the " + v + "0s"
	}
	if len(v) == 2 && isDigits(v) {
		return fmt.Sprintf("the %s00s", v)
	}
	return value
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
