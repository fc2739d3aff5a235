package source

import (
	"testing"
	"time"
)

func TestParsePublished(t *testing.T) {
	got, err := ParsePublished("2025-10-22")
	if err != nil || !got.Equal(time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("ParsePublished = %v, %v", got, err)
	}
	for _, bad := range []string{"", "2025-13-01", "22/10/2025", "2025-10-22T10:00:00Z", "2025-02-30"} {
		if _, err := ParsePublished(bad); err == nil {
			t.Errorf("ParsePublished(%q) succeeded", bad)
		}
	}
}

func TestInferPublished(t *testing.T) {
	now := time.Date(2025, 11, 3, 15, 4, 5, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		location string
		text     string
		now      time.Time
		want     time.Time
		note     string
	}{
		{"file name date", "/data/2025-10-22-rutte-white-house.txt", "WASHINGTON—On Oct. 21 ...", now, day(2025, 10, 22), NoteFromFileName},
		{"file name beats text", "2024-01-05_story.txt", "On Wednesday, Oct. 22, he spoke.", now, day(2024, 1, 5), NoteFromFileName},
		{"impossible file date ignored", "2025-02-30-x.txt", "Nothing here.", now, day(2025, 11, 3), NoteLoadDate},
		{"dir date ignored, base only", "/archive/2020-01-01/story.txt", "Nothing here.", now, day(2025, 11, 3), NoteLoadDate},
		{"URL path date", "https://example.com/2024/03/15/story.html", "text", now, day(2024, 3, 15), NoteFromURL},
		{"URL host digits ignored", "https://2024-03-15.example.com/story", "text", now, day(2025, 11, 3), NoteLoadDate},
		{"wikinews dateline", "", "U.S. automaker Chrysler wants to eliminate 789 dealerships\nMay 14, 2009\nAmerican automobile manufacturer ...", now, day(2009, 5, 14), "from dateline: May 14, 2009"},
		{"dateline with weekday", "", "Title here\nThursday, June 13, 2005\nBody.", now, day(2005, 6, 13), "from dateline: June 13, 2005"},
		{"wire dateline", "", "WASHINGTON, Oct. 22, 2025 — The president said ...", now, day(2025, 10, 22), "from dateline: Oct. 22, 2025"},
		{"day-month dateline", "", "Headline\n13 June 2005\nBody.", now, day(2005, 6, 13), "from dateline: 13 June 2005"},
		{"ISO dateline", "", "Headline\n2019-07-04\nBody.", now, day(2019, 7, 4), "from dateline: 2019-07-04"},
		{"published prefix", "", "Headline\nPublished: March 3rd, 2021\nBody.", now, day(2021, 3, 3), "from dateline: March 3rd, 2021"},
		{"date deep in body is not a dateline", "", "One.\nTwo.\nThree.\nFour.\nFive.\nJune 13, 2005\n", now, day(2025, 11, 3), NoteLoadDate},
		{"weekday comma month-day", "", "On Wednesday, Oct. 22, the president met Rutte.", now, day(2025, 10, 22), "inferred from text: Wednesday, Oct. 22"},
		{"weekday parenthesised", "", "The talks on Wednesday (Oct. 22) ended early.", now, day(2025, 10, 22), "inferred from text: Wednesday (Oct. 22)"},
		{"weekday day-month", "", "He arrived on Friday 17 October for talks.", now, day(2025, 10, 17), "inferred from text: Friday 17 October"},
		{"weekday pins an earlier year", "", "On Tuesday, Oct. 22, markets fell.", now, day(2024, 10, 22), "inferred from text: Tuesday, Oct. 22"},
		{"weekday with year", "", "On Monday, June 13, 2005, the court ruled.", now, day(2005, 6, 13), "inferred from text: Monday, June 13, 2005"},
		{"abbreviated weekday", "", "Talks resume Thu., Nov. 6 in Geneva.", now, day(2025, 11, 6), "inferred from text: Thu., Nov. 6"},
		{"near future allowed", "", "The summit opens Wednesday, Nov. 12.", now, day(2025, 11, 12), "inferred from text: Wednesday, Nov. 12"},
		{"far future pushed back a cycle", "", "On Wednesday, Dec. 31, it closes.", time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC), day(2014, 12, 31), "inferred from text: Wednesday, Dec. 31"},
		{"leap day", "", "On Thursday, Feb. 29, voters went to the polls.", now, day(2024, 2, 29), "inferred from text: Thursday, Feb. 29"},
		{"impossible date skipped", "", "On Monday, Feb. 30, nothing. On Friday, Oct. 31, rally.", now, day(2025, 10, 31), "inferred from text: Friday, Oct. 31"},
		{"lone weekday is not enough", "", "In a statement later Wednesday, the Treasury acted. On Oct. 21, Trump canceled.", now, day(2025, 11, 3), NoteLoadDate},
		{"no date", "", "Nothing dated here at all.", now, day(2025, 11, 3), NoteLoadDate},
		{"load date drops clock and zone", "", "x", time.Date(2025, 11, 3, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), day(2025, 11, 3), NoteLoadDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note := InferPublished(tt.location, tt.text, tt.now)
			if !got.Equal(tt.want) || note != tt.note {
				t.Errorf("InferPublished = %s, %q; want %s, %q", got.Format(time.DateOnly), note, tt.want.Format(time.DateOnly), tt.note)
			}
		})
	}
}
