package extract

import (
	"strings"
	"testing"
	"time"
)

// mentionsOf returns a mention for every occurrence of each name in text.
func mentionsOf(text string, names ...string) []Mention {
	var ms []Mention
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			ms = append(ms, Mention{Start: off + i, End: off + i + len(n), Text: n, Kind: Org, Entity: n})
			off += i + len(n)
		}
	}
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	return ms
}

// leadEvents runs FindEvents and inferLeadEvents over text with the given
// times and names.
func leadEvents(t *testing.T, text string, pub time.Time, times []Time, names ...string) []Event {
	t.Helper()
	sents := SplitSentences(text)
	ms := mentionsOf(text, names...)
	return inferLeadEvents(text, sents, times, ms, FindEvents(text, sents, times, ms), pub)
}

func TestInferLeadEvents(t *testing.T) {
	pub := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	type want struct {
		date, summary string
		inferred      bool
	}
	tests := []struct {
		name  string
		text  string
		times func(text string) []Time
		names []string
		want  []want
	}{
		{
			name: "lead dated by the dateline, headline left out",
			text: "Norvik Freight sells its ferry arm\nMarch 3, 2024\nNorvik Freight has sold its ferry arm to Calder Lines. The buyer is based in Orlund.",
			times: func(text string) []Time {
				return []Time{at(t, text, "March 3, 2024", "DATE", "2024-03-03")}
			},
			names: []string{"Norvik Freight", "Calder Lines", "Orlund"},
			want:  []want{{"2024-03-03", "Norvik Freight has sold its ferry arm to Calder Lines.", true}},
		},
		{
			name:  "no dateline: publication date",
			text:  "Brenna Tal has chosen to step down as head of Veska Mining. She led it for a decade.",
			names: []string{"Brenna Tal", "Veska Mining"},
			want:  []want{{"2024-03-04", "Brenna Tal has chosen to step down as head of Veska Mining.", true}},
		},
		{
			name:  "headline when the lead names no one",
			text:  "Tamsin Rail wins the coastal contract\nThe award ends a two-year contest.",
			names: []string{"Tamsin Rail"},
			want:  []want{{"2024-03-04", "Tamsin Rail wins the coastal contract", true}},
		},
		{
			name:  "headline in the 'to' form",
			text:  "Orvane Group to sell its port stake\nThe sale was expected.",
			names: []string{"Orvane Group"},
			want:  []want{{"2024-03-04", "Orvane Group to sell its port stake", true}},
		},
		{
			name: "a dated lead about the headline's subject keeps the headline out",
			text: "Calder Lines buys two ships\nCalder Lines bought two ships on Friday.",
			times: func(text string) []Time {
				return []Time{at(t, text, "Friday", "DATE", "2024-03-01")}
			},
			names: []string{"Calder Lines"},
			want:  []want{{"2024-03-01", "Calder Lines bought two ships on Friday.", false}},
		},
		{
			name:  "a caption without a verb gives nothing",
			text:  "Photo: Brenna Tal at the Veska plant in Orlund.",
			names: []string{"Brenna Tal", "Orlund"},
		},
		{
			name: "a lead that names no one gives nothing",
			text: "Prices have risen sharply. Analysts expect more.",
		},
		{
			name:  "a headline without a verb gives nothing",
			text:  "Trouble at the Veska Mining plant\nThe day began quietly.",
			names: []string{"Veska Mining"},
		},
		{
			name: "a duration is no date: the lead is inferred",
			text: "Veska Mining has announced 900 job cuts over the next four years.",
			times: func(text string) []Time {
				return []Time{at(t, text, "the next four years", "DURATION", "P4Y")}
			},
			names: []string{"Veska Mining"},
			want:  []want{{"2024-03-04", "Veska Mining has announced 900 job cuts over the next four years.", true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var times []Time
			if tt.times != nil {
				times = tt.times(tt.text)
			}
			evs := leadEvents(t, tt.text, pub, times, tt.names...)
			var got []want
			for _, e := range evs {
				got = append(got, want{e.Date, e.Summary, e.Inferred})
				if e.Inferred && (e.TimeText != "" || e.Precision != Day || len(e.Entities) == 0) {
					t.Errorf("inferred event %+v: want no time text, day precision, participants", e)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("events %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("event %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestInferLeadEventsNoPublicationDate(t *testing.T) {
	text := "Brenna Tal has resigned from Veska Mining."
	if evs := leadEvents(t, text, time.Time{}, nil, "Brenna Tal", "Veska Mining"); len(evs) != 0 {
		t.Errorf("events %+v without a publication date or dateline, want none", evs)
	}
}

func TestHasFiniteVerb(t *testing.T) {
	tests := []struct {
		text     string
		names    []string
		headline bool
		want     bool
	}{
		{"Acme Corp wins Borealis order", []string{"Acme Corp", "Borealis"}, true, true},
		{"Brenna Tal resigns", []string{"Brenna Tal"}, true, true},
		{"Orvane Group to cut 900 jobs", []string{"Orvane Group"}, true, true},
		{"Technical trouble on Orvane flight", []string{"Orvane"}, true, false},
		{"Reactions to Orvane's new ferry", []string{"Orvane"}, true, false},
		{"Acme Corp has unveiled a new ferry.", []string{"Acme Corp"}, false, true},
		{"Acme Corp unveiled a new ferry.", []string{"Acme Corp"}, false, true},
		{"Acme Corp is stepping down from the board.", []string{"Acme Corp"}, false, true},
		{"Brenna Tal, chair of Acme Corp.", []string{"Brenna Tal", "Acme Corp"}, false, false},
		{"Orvane Group to Calder Lines: the ferry route", []string{"Orvane Group", "Calder Lines"}, true, false},
	}
	for _, tt := range tests {
		ms := mentionsOf(tt.text, tt.names...)
		s := Sentence{Start: 0, End: len(tt.text)}
		if got := hasFiniteVerb(tt.text, s, ms, tt.headline); got != tt.want {
			t.Errorf("hasFiniteVerb(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestExtractInfersLead runs the whole pipeline: an undated lead is the
// article's main news, dated by its dateline.
func TestExtractInfersLead(t *testing.T) {
	text := "Veska Mining chief quits\nMay 2, 2023\nVeska Mining chief executive Brenna Tal has resigned, the company said. Tal joined Veska Mining in 2015."
	doc := Extract(text, time.Date(2023, 5, 3, 0, 0, 0, 0, time.UTC))
	var inferred []Event
	for _, e := range doc.Events {
		if e.Inferred {
			inferred = append(inferred, e)
		}
	}
	if len(inferred) != 1 || inferred[0].Date != "2023-05-02" || !strings.HasPrefix(inferred[0].Summary, "Veska Mining chief executive Brenna Tal has resigned") {
		t.Fatalf("inferred events %+v, want one on 2023-05-02 for the lead", inferred)
	}
	for i := 1; i < len(doc.Events); i++ {
		if doc.Events[i].Start < doc.Events[i-1].Start {
			t.Errorf("events out of order: %+v", doc.Events)
		}
	}
}
