package extract

import (
	"reflect"
	"strings"
	"testing"
)

// at returns a Time for the first occurrence of sub in text.
func at(t *testing.T, text, sub, typ, value string) Time {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return Time{Start: i, End: i + len(sub), Text: sub, Type: typ, Value: value}
}

// person returns a Mention of sub in text, at its n-th occurrence.
func mention(t *testing.T, text, sub, entity string) Mention {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return Mention{Start: i, End: i + len(sub), Text: sub, Kind: Person, Entity: entity}
}

func TestFindEventsClauses(t *testing.T) {
	text := "Acme Corp was founded in 1998 and listed on the exchange in March 2004. The bank will cut rates by June and review the policy next Tuesday."
	times := []Time{
		at(t, text, "1998", "DATE", "1998"),
		at(t, text, "March 2004", "DATE", "2004-03"),
		at(t, text, "June", "DATE", "2026-06"),
		at(t, text, "next Tuesday", "DATE", "2025-10-28"),
	}
	ev := FindEvents(text, SplitSentences(text), times, nil)
	type got struct {
		Date    string
		Prec    Precision
		Summary string
	}
	var g []got
	for _, e := range ev {
		g = append(g, got{e.Date, e.Precision, e.Summary})
		if e.Sentence != text[e.Start:e.End] {
			t.Errorf("sentence %q is not text[%d:%d]", e.Sentence, e.Start, e.End)
		}
		if e.ClauseStart < e.Start || e.ClauseEnd > e.End || e.ClauseStart >= e.ClauseEnd {
			t.Errorf("clause [%d,%d) outside sentence [%d,%d)", e.ClauseStart, e.ClauseEnd, e.Start, e.End)
		}
	}
	want := []got{
		{"1998", Year, "Acme Corp was founded in 1998"},
		{"2004-03", Month, "Acme Corp was listed on the exchange in March 2004."},
		{"2026-06", Month, "The bank will cut rates by June"},
		{"2025-10-28", Day, "The bank will review the policy next Tuesday."},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("events:\n got %+v\nwant %+v", g, want)
	}
}

func TestFindEventsInheritsDate(t *testing.T) {
	text := "WASHINGTON—Ana Silva hosted Lars Berg in Lisbon on Oct. 22 to discuss trade. " +
		"The visit was his second this year. " +
		"The weather was fine. " +
		"During the meeting, Berg proposed a tariff truce. " +
		"Talks lasted 90 days."
	times := []Time{
		at(t, text, "Oct. 22", "DATE", "2025-10-22"),
		at(t, text, "90 days", "DURATION", "P90D"),
	}
	ms := []Mention{mention(t, text, "Ana Silva", "Ana Silva"), mention(t, text, "Lars Berg", "Lars Berg")}
	ev := FindEvents(text, SplitSentences(text), times, ms)
	var sums []string
	for _, e := range ev {
		if e.Date != "2025-10-22" {
			t.Errorf("event %q dated %s, want 2025-10-22", e.Summary, e.Date)
		}
		sums = append(sums, e.Summary)
	}
	want := []string{
		"Ana Silva hosted Lars Berg in Lisbon on Oct. 22 to discuss trade.",
		"The visit was his second this year.",
		"During the meeting, Berg proposed a tariff truce.",
	}
	if !reflect.DeepEqual(sums, want) {
		t.Errorf("summaries:\n got %q\nwant %q", sums, want)
	}
	if got := ev[0].Entities; !reflect.DeepEqual(got, []string{"Ana Silva", "Lars Berg"}) {
		t.Errorf("participants = %q", got)
	}
}

func TestFindEventsSkipsDatelinesAndVagueTimes(t *testing.T) {
	text := "June 13, 2005\nThe firm grew recently. It now employs 2,000 people."
	times := []Time{
		at(t, text, "June 13, 2005", "DATE", "2005-06-13"),
		at(t, text, "recently", "DATE", "PAST_REF"),
		at(t, text, "now", "DATE", "PRESENT_REF"),
	}
	if ev := FindEvents(text, SplitSentences(text), times, nil); len(ev) != 0 {
		t.Errorf("got events %+v, want none", ev)
	}
}

func TestPrecisionOf(t *testing.T) {
	for v, want := range map[string]Precision{
		"2025-10-22": Day, "2025-10": Month, "2026-Q4": Quarter, "2026-W24": Week, "2026-W24-WE": Week, "2025": Year,
		"202": Decade, "20": Century, "2025-H1": Half, "2025-SU": Season, "P90D": "", "PRESENT_REF": "", "": "",
	} {
		if got := PrecisionOf(v); got != want {
			t.Errorf("PrecisionOf(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestWithoutDateline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"CARROW FALLS, Ohio (Meridian Press) — Two lawmakers asked Tollgate to wait.", "Two lawmakers asked Tollgate to wait."},
		{"LONDON, Nov. 5 (Reuters) - Shares fell on Tuesday.", "Shares fell on Tuesday."},
		{"TOULOUSE — Airbus delivered the jet.", "Airbus delivered the jet."},
		{"The plant — its last in Ohio — will close.", "The plant — its last in Ohio — will close."},
		{"NATO - the alliance - met on Monday.", "NATO - the alliance - met on Monday."},
		{"US — and Canada — agreed.", "US — and Canada — agreed."},
	} {
		if got := withoutDateline(c.in); got != c.want {
			t.Errorf("withoutDateline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
