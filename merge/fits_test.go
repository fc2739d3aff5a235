package merge

import (
	"testing"
	"time"
)

// assign groups reports into happenings as the store does: each report
// joins the happening holding the best matching report (Compare), if
// fit says the report may join that happening's own date, else starts
// its own. It returns the happenings' reports.
func assign(reports []*Report, fit bool) [][]*Report {
	var hs [][]*Report
	for _, r := range reports {
		best, bestScore := -1, 0.0
		for i, h := range hs {
			if fit && !Fits(r, Summarize(h)) {
				continue
			}
			for _, o := range h {
				if s := Compare(r, o); s.Same() && s.Score() > bestScore {
					best, bestScore = i, s.Score()
				}
			}
		}
		if best < 0 {
			hs = append(hs, []*Report{r})
		} else {
			hs[best] = append(hs[best], r)
		}
	}
	return hs
}

// daily returns n reports of one story, the k-th from its own source
// and dated start+k days: a text retold each day about "today".
func daily(start string, n int) []*Report {
	d0, _ := time.Parse(time.DateOnly, start)
	var out []*Report
	for k := range n {
		d := d0.AddDate(0, 0, k).Format(time.DateOnly)
		out = append(out, rep(int64(k+1), int64(k+1), d, d, "day", d, d, "Harrow Motors said it would close its Dunmore plant", 10, 11))
	}
	return out
}

// spanDays is how many days a happening's reports cover, first to last.
func spanDays(h []*Report) int {
	lo, hi := h[0].SortStart, h[0].SortEnd
	for _, r := range h {
		lo, hi = min(lo, r.SortStart), max(hi, r.SortEnd)
	}
	a, _ := time.Parse(time.DateOnly, lo)
	b, _ := time.Parse(time.DateOnly, hi)
	return int(b.Sub(a).Hours() / 24)
}

func TestFits_BoundsHappeningSpan(t *testing.T) {
	tests := []struct {
		name string
		n    int
		// happenings is how many the reports should make; maxSpan the
		// most days one may cover.
		happenings, maxSpan int
	}{
		{"one report", 1, 1, 0},
		{"within the window merges", nearDays + 1, 1, nearDays},
		{"one day past the window splits", nearDays + 2, 2, nearDays},
		{"eleven days do not chain", 11, 3, nearDays},
		{"a year of days does not chain", 365, 92, nearDays},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := assign(daily("2026-03-02", tt.n), true)
			if len(hs) != tt.happenings {
				t.Errorf("%d happenings, want %d", len(hs), tt.happenings)
			}
			for i, h := range hs {
				if s := spanDays(h); s > tt.maxSpan || s > 2*nearDays {
					t.Errorf("happening %d spans %d days (%d reports), want at most %d", i, s, len(h), tt.maxSpan)
				}
			}
		})
	}
	// Without the rule, the same reports chain into one happening: what
	// the test guards against.
	if hs := assign(daily("2026-03-02", 11), false); len(hs) != 1 {
		t.Errorf("without Fits: %d happenings, want the chain of 1 this test is about", len(hs))
	}
}

func TestFits(t *testing.T) {
	day := func(d string) *Report { return rep(1, 1, "", d, "day", d, d, "x", 1) }
	h := Summarize([]*Report{day("2026-03-02")})
	month := Happening{Date: "2026-03", Precision: "month", SortStart: "2026-03-01", SortEnd: "2026-03-31"}
	tests := []struct {
		name string
		r    *Report
		h    Happening
		want bool
	}{
		{"same day", day("2026-03-02"), h, true},
		{"nearDays later", day("2026-03-05"), h, true},
		{"nearDays earlier", day("2026-02-27"), h, true},
		{"one past nearDays", day("2026-03-06"), h, false},
		{"a day inside the happening's month", day("2026-03-20"), month, true},
		{"a day outside the happening's month", day("2026-04-02"), month, false},
		{"neighbouring month", rep(1, 1, "", "2026-04", "month", "2026-04-01", "2026-04-30", "x", 1), month, true},
		{"undated happening", day("2026-03-20"), Happening{}, true},
		{"undated report", &Report{}, h, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fits(tt.r, tt.h); got != tt.want {
				t.Errorf("Fits = %v, want %v", got, tt.want)
			}
		})
	}
}
