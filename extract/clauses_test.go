package extract

import (
	"reflect"
	"testing"
	"time"
)

// TestFindEventsOnePerDatedClause checks that a sentence with several
// dated happenings gives one event for each, with its own clause.
func TestFindEventsOnePerDatedClause(t *testing.T) {
	pub := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC) // a Thursday
	type ev struct {
		Date, Clause, Summary string
	}
	tests := []struct {
		text  string
		names []string
		want  []ev
	}{
		{
			"The Orlund company said on Tuesday that the plant would close in June.",
			[]string{"Orlund"},
			[]ev{
				{"2024-03-05", "The Orlund company said on Tuesday", "The Orlund company said on Tuesday"},
				{"2024-06", "the plant would close in June.", "The plant would close in June."},
			},
		},
		{
			"Veska Mining, which was founded in 1998, said on Monday it would cut 200 jobs.",
			[]string{"Veska Mining"},
			[]ev{
				{"1998", "which was founded in 1998", "Veska Mining was founded in 1998"},
				{"2024-03-04", "said on Monday it would cut 200 jobs.", "Veska Mining said on Monday it would cut 200 jobs."},
			},
		},
		{
			"Brenna Tal, who joined the board in 2015, resigned on Friday.",
			[]string{"Brenna Tal"},
			[]ev{
				{"2015", "who joined the board in 2015", "Brenna Tal joined the board in 2015"},
				{"2024-03-01", "resigned on Friday.", "Brenna Tal resigned on Friday."},
			},
		},
		{
			"The deal was signed on Monday with Calder Lines, which was founded in 1998.",
			[]string{"Calder Lines"},
			[]ev{
				{"2024-03-04", "The deal was signed on Monday with Calder Lines", "The deal was signed on Monday with Calder Lines."},
				{"1998", "which was founded in 1998", "Calder Lines was founded in 1998"},
			},
		},
		{
			"The Tamsin plant that opened in 1998 will close in June.",
			[]string{"Tamsin"},
			[]ev{
				{"1998", "that opened in 1998", "The Tamsin plant opened in 1998"},
				{"2024-06", "will close in June.", "The Tamsin plant will close in June."},
			},
		},
		{
			"Orvane Group shut its mill in 2009; it reopened in March.",
			[]string{"Orvane Group"},
			[]ev{
				{"2009", "Orvane Group shut its mill in 2009", "Orvane Group shut its mill in 2009"},
				{"2024-03", "it reopened in March.", "It reopened in March."},
			},
		},
		{
			"Talks ended on Monday; a new round opens on Friday.",
			nil,
			[]ev{
				{"2024-03-04", "Talks ended on Monday", "Talks ended on Monday"},
				{"2024-03-08", "a new round opens on Friday.", "A new round opens on Friday."},
			},
		},
		{
			"The Orlund plan, unveiled in May, was approved on Tuesday.",
			[]string{"Orlund"},
			[]ev{
				{"2023-05", "unveiled in May", "The Orlund plan, unveiled in May"},
				{"2024-03-05", "was approved on Tuesday.", "The Orlund plan was approved on Tuesday."},
			},
		},
		{
			"Calder Lines told reporters on Monday it would buy two ships in May.",
			[]string{"Calder Lines"},
			[]ev{
				{"2024-03-04", "Calder Lines told reporters on Monday", "Calder Lines told reporters on Monday"},
				{"2024-05", "it would buy two ships in May.", "It would buy two ships in May."},
			},
		},
		// A participle that is the sentence's own verb is no relative clause.
		{
			"Brenna Tal, who joined in 2015, resigned on Friday.",
			[]string{"Brenna Tal"},
			[]ev{
				{"2015", "who joined in 2015", "Brenna Tal joined in 2015"},
				{"2024-03-01", "resigned on Friday.", "Brenna Tal resigned on Friday."},
			},
		},
		// One happening: one event, as before.
		{
			"Calder Lines ran the route between 1998 and 2004.",
			[]string{"Calder Lines"},
			[]ev{{"1998", "Calder Lines ran the route between 1998 and 2004.", "Calder Lines ran the route between 1998 and 2004."}},
		},
		{
			"Officials said on Monday that the talks had stalled.",
			nil,
			[]ev{{"2024-03-04", "Officials said on Monday that the talks had stalled.", "Officials said on Monday that the talks had stalled."}},
		},
		// A date that only modifies a noun dates no happening.
		{
			"The 2015 accord was scrapped by Orvane Group on Tuesday.",
			[]string{"Orvane Group"},
			[]ev{{"2024-03-05", "The 2015 accord was scrapped by Orvane Group on Tuesday.", "The 2015 accord was scrapped by Orvane Group on Tuesday."}},
		},
		{
			"The Calder suit, filed in May, claims that Orvane Group broke the 2019 accord.",
			[]string{"Orvane Group"},
			[]ev{{"2023-05", "The Calder suit, filed in May, claims that Orvane Group broke the 2019 accord.", "The Calder suit, filed in May, claims that Orvane Group broke the 2019 accord."}},
		},
		// A relative clause without a date of its own stays in its clause.
		{
			"Veska Mining, which employs 900 people, said on Monday that it would close the mine in June.",
			[]string{"Veska Mining"},
			[]ev{
				{"2024-03-04", "Veska Mining, which employs 900 people, said on Monday", "Veska Mining, which employs 900 people, said on Monday"},
				{"2024-06", "it would close the mine in June.", "It would close the mine in June."},
			},
		},
	}
	for _, tt := range tests {
		sents := SplitSentences(tt.text)
		times := FindTimes(tt.text, sents, pub)
		var got []ev
		for _, e := range FindEvents(tt.text, sents, times, mentionsOf(tt.text, tt.names...)) {
			got = append(got, ev{e.Date, tt.text[e.ClauseStart:e.ClauseEnd], e.Summary})
			if e.ClauseStart < e.Start || e.ClauseEnd > e.End {
				t.Errorf("%q: clause outside its sentence", tt.text)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestFindEventsClauseParticipants checks that each clause's event names
// the participants of its own clause, and a relative clause those of its
// antecedent.
func TestFindEventsClauseParticipants(t *testing.T) {
	pub := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)
	text := "Calder Lines said on Tuesday that Orvane Group, which it bought in 2019, would be sold in May."
	sents := SplitSentences(text)
	evs := FindEvents(text, sents, FindTimes(text, sents, pub), mentionsOf(text, "Calder Lines", "Orvane Group"))
	var got [][]string
	for _, e := range evs {
		got = append(got, e.Entities)
	}
	want := [][]string{{"Calder Lines"}, {"Orvane Group"}, {"Orvane Group"}}
	if !reflect.DeepEqual(got, want) {
		var sums []string
		for _, e := range evs {
			sums = append(sums, e.Date+" "+e.Summary)
		}
		t.Errorf("participants %q, want %q (events %q)", got, want, sums)
	}
}
