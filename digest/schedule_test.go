package digest

import (
	"errors"
	"testing"
	"time"
)

func mustSpec(t *testing.T, clock, zone, days string) Spec {
	t.Helper()
	s, err := ParseSpec(clock, zone, days)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustTime(t *testing.T, v string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		h, m int
		err  bool
	}{
		{"08:00", 8, 0, false}, {"8:00", 8, 0, false}, {"0800", 8, 0, false}, {"23:59", 23, 59, false},
		{"00:00", 0, 0, false}, {"8am", 8, 0, false}, {"8:30 pm", 20, 30, false}, {"12am", 0, 0, false},
		{"12pm", 12, 0, false}, {"12:15PM", 12, 15, false}, {"7.45", 7, 45, false},
		{"24:00", 0, 0, true}, {"8:60", 0, 0, true}, {"13pm", 0, 0, true}, {"", 0, 0, true},
		{"eight", 0, 0, true}, {"8:5", 0, 0, true}, {"-1:00", 0, 0, true}, {"123:00", 0, 0, true},
	} {
		h, m, err := ParseClock(tc.in)
		if tc.err {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseClock(%q) = %d:%d, %v; want ErrInvalid", tc.in, h, m, err)
			}
			continue
		}
		if err != nil || h != tc.h || m != tc.m {
			t.Errorf("ParseClock(%q) = %d:%d, %v; want %d:%d", tc.in, h, m, err, tc.h, tc.m)
		}
	}
}

func TestParseZone(t *testing.T) {
	for _, ok := range []string{"Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "UTC", "", "europe/amsterdam", "america/new_york"} {
		if _, err := ParseZone(ok); err != nil {
			t.Errorf("ParseZone(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"Mars/Olympus", "Local", "CEST+2", "Europe/Amsterdamm", "../etc/passwd"} {
		if _, err := ParseZone(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseZone(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestParseDays(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "daily"}, {"daily", "daily"}, {"mon-fri", "mon-fri"}, {"weekdays", "mon-fri"},
		{"Monday-Friday", "mon-fri"}, {"sat,sun", "sat,sun"}, {"weekends", "sat,sun"},
		{"mon,wed,fri", "mon,wed,fri"}, {"fri-mon", "mon,fri-sun"}, {"tu,th", "tue,thu"},
		{"mon-sun", "daily"}, {"mon tue wed", "mon-wed"},
	} {
		d, err := ParseDays(tc.in)
		if err != nil {
			t.Errorf("ParseDays(%q): %v", tc.in, err)
			continue
		}
		if got := FormatDays(d); got != tc.want {
			t.Errorf("ParseDays(%q) = %s, want %s", tc.in, got, tc.want)
		}
		// The canonical form parses back to the same set.
		if d2, err := ParseDays(FormatDays(d)); err != nil || d2 != d {
			t.Errorf("ParseDays(FormatDays(%q)) = %v, %v", tc.in, d2, err)
		}
	}
	for _, bad := range []string{"funday", "mon-", "t", "s,s", ",", "mon-xyz"} {
		if _, err := ParseDays(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDays(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

// TestNext checks due times in several zones, weekdays only, and across
// the 2026 daylight-saving transitions.
func TestNext(t *testing.T) {
	for _, tc := range []struct {
		name, clock, zone, days string
		after                   string
		want                    []string // successive due times, UTC
	}{
		{"utc daily", "08:00", "UTC", "", "2026-03-01T07:59:59Z",
			[]string{"2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z"}},
		{"exactly at due is not after", "08:00", "UTC", "", "2026-03-01T08:00:00Z",
			[]string{"2026-03-02T08:00:00Z"}},
		{"amsterdam winter", "08:00", "Europe/Amsterdam", "", "2026-01-15T12:00:00Z",
			[]string{"2026-01-16T07:00:00Z", "2026-01-17T07:00:00Z"}},
		{"amsterdam summer", "08:00", "Europe/Amsterdam", "", "2026-07-15T12:00:00Z",
			[]string{"2026-07-16T06:00:00Z"}},
		{"new york weekdays", "07:30", "America/New_York", "mon-fri", "2026-05-01T12:00:00Z", // a Friday
			[]string{"2026-05-04T11:30:00Z", "2026-05-05T11:30:00Z", "2026-05-06T11:30:00Z", "2026-05-07T11:30:00Z", "2026-05-08T11:30:00Z", "2026-05-11T11:30:00Z"}},
		{"kolkata half-hour offset", "09:00", "Asia/Kolkata", "", "2026-05-01T00:00:00Z",
			[]string{"2026-05-01T03:30:00Z", "2026-05-02T03:30:00Z"}},
		{"tokyo date ahead of utc", "06:00", "Asia/Tokyo", "mon", "2026-05-03T20:00:00Z", // Monday 05:00 in Tokyo
			[]string{"2026-05-03T21:00:00Z", "2026-05-10T21:00:00Z"}},
		{"auckland weekends", "10:00", "Pacific/Auckland", "sat,sun", "2026-05-01T00:00:00Z",
			[]string{"2026-05-01T22:00:00Z", "2026-05-02T22:00:00Z", "2026-05-08T22:00:00Z"}},
		// Europe/Amsterdam: clocks go from 02:00 CET to 03:00 CEST on
		// 2026-03-29 (01:00 UTC) and from 03:00 CEST back to 02:00 CET on
		// 2026-10-25 (01:00 UTC).
		{"spring forward 08:00", "08:00", "Europe/Amsterdam", "", "2026-03-27T12:00:00Z",
			[]string{"2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z", "2026-03-30T06:00:00Z"}},
		{"spring forward inside the gap", "02:30", "Europe/Amsterdam", "", "2026-03-27T12:00:00Z",
			[]string{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}},
		{"spring forward at the gap start", "02:00", "Europe/Amsterdam", "", "2026-03-28T12:00:00Z",
			[]string{"2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"}},
		{"spring forward just after the gap", "03:00", "Europe/Amsterdam", "", "2026-03-28T12:00:00Z",
			[]string{"2026-03-29T01:00:00Z", "2026-03-30T01:00:00Z"}},
		{"fall back 08:00", "08:00", "Europe/Amsterdam", "", "2026-10-23T12:00:00Z",
			[]string{"2026-10-24T06:00:00Z", "2026-10-25T07:00:00Z", "2026-10-26T07:00:00Z"}},
		{"fall back inside the repeated hour", "02:30", "Europe/Amsterdam", "", "2026-10-23T12:00:00Z",
			[]string{"2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}},
		{"new york spring forward gap", "02:15", "America/New_York", "", "2026-03-07T12:00:00Z",
			[]string{"2026-03-08T07:00:00Z", "2026-03-09T06:15:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSpec(t, tc.clock, tc.zone, tc.days)
			at := mustTime(t, tc.after)
			for _, w := range tc.want {
				got := s.Next(at)
				if !got.Equal(mustTime(t, w)) {
					t.Fatalf("Next(%s) = %s, want %s", at.UTC().Format(time.RFC3339), got.UTC().Format(time.RFC3339), w)
				}
				// Prev agrees: the due time is the last one at or before itself,
				// and the one before it is the previous due.
				if p := s.Prev(got); !p.Equal(got) {
					t.Fatalf("Prev(%s) = %s", got, p)
				}
				if p := s.Prev(got.Add(-time.Second)); !p.Before(got) || !s.Next(p).Equal(got) {
					t.Fatalf("Prev(%s - 1s) = %s, whose Next is %s", got, p, s.Next(p))
				}
				at = got
			}
		})
	}
}

// TestDSTOncePerDay walks every minute of the Amsterdam transition days
// and checks that a schedule at every quarter hour of the night is due
// exactly once each day.
func TestDSTOncePerDay(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	for _, day := range []string{"2026-03-29", "2026-10-25", "2026-03-28", "2026-10-26"} {
		d, _ := time.ParseInLocation("2006-01-02", day, ams)
		for h := 0; h < 5; h++ {
			for m := 0; m < 60; m += 15 {
				s := Spec{Hour: h, Minute: m, Loc: ams, Days: [7]bool{true, true, true, true, true, true, true}}
				var dues []time.Time
				start := d.Add(-time.Minute)
				for at := start; ; {
					n := s.Next(at)
					if y, mo, dd := n.In(ams).Date(); y != d.Year() || mo != d.Month() || dd != d.Day() {
						break
					}
					dues = append(dues, n)
					at = n
				}
				if len(dues) != 1 {
					t.Errorf("%s %02d:%02d: due %d times (%v), want once", day, h, m, len(dues), dues)
				}
			}
		}
	}
}
