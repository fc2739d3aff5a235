package extract

import (
	"testing"
	"time"
)

// nerFindAll runs FindEntities as Extract does, with real time
// expressions, so that "on 9 May" is no name.
func nerFindAll(text string) ([]Mention, []Entity) {
	sents := SplitSentences(text)
	pub := time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)
	return FindEntities(text, sents, FindTimes(text, sents, pub))
}

// TestFindEntitiesKindClasses checks kinds decided by the shape of a name
// and its context rather than by any list of names: institutional heads,
// "the" and inner function words make no person; "River X" is a place; a
// name with an appositive title is a person; a name listed with an
// organisation, with no person cue, is an organisation.
func TestFindEntitiesKindClasses(t *testing.T) {
	tests := []struct {
		text string
		name string
		kind Kind // "" when it may be anything but a person
	}{
		// Institutional heads, "the" and function words.
		{"The Board for Coastal Fisheries fined Pelmore Oils £3.1 million on Tuesday.", "Board for Coastal Fisheries", Org},
		{"Pelmore Oils was fined £3.1 million by the Board for Coastal Fisheries on 9 May.", "Board for Coastal Fisheries", Org},
		{"Pelmore Oils was fined by the Board for Coastal Fisheries last week.", "Board for Coastal Fisheries", Org},
		{"Pelmore Oils was fined by Board for Coastal Fisheries inspectors.", "Board for Coastal Fisheries", Org},
		{"Tenants praised the Partnership for Tolland Housing on Friday.", "Partnership for Tolland Housing", Org},
		{"Pelmore Oils was fined. Board for Coastal Fisheries inspectors visited the board offices.", "Board for Coastal Fisheries", Org},
		{"Lake Geneva froze.", "Lake Geneva", Place},
		{"Marta Klein said it was too early to tell.", "Marta Klein", Person},
		{"The money was paid to the Velland Greaves last week.", "Velland Greaves", ""},
		// Natural places.
		{"Sewage flowed into the River Tolland for hours.", "River Tolland", Place},
		{"Sewage flowed into River Tolland for hours.", "River Tolland", Place},
		{"Boats crossed Lake Orvanne on Sunday.", "Lake Orvanne", Place},
		{"Children swim at Esker Weir every summer.", "Esker Weir", Place},
		{"Trees were planted along the Sallow Brook.", "Sallow Brook", Place},
		// Appositive titles make people.
		{"Pelmore Oils said its pipeline leaked. Corin Ashdale, its director of operations, said the company was sorry.", "Corin Ashdale", Person},
		{"Corin Ashdale, Pelmore's head of communications, said: \"We are sorry.\"", "Corin Ashdale", Person},
		// Listed with an organisation, no person cue.
		{"Last month, Tandor Bank and Brennard Vosk won a contract for 90 ships.", "Brennard Vosk", Org},
		{"Tandor said its profits rose. Papers came from Brennard Vosk, Tandor's rival in the bid.", "Brennard Vosk", Org},
		{"Halvard Brisk's shares fell 4% on Monday.", "Halvard Brisk", Org},
		{"Halvard Brisk Corp. won the bid. Halvard Brisk will build 40 ships.", "Halvard Brisk Corp.", Org},
		{"Papers were signed by Odile Brandt, Tandor Bank's senior vice president.", "Odile Brandt", Person},
		{"Mira Hollis and Tandor Bank signed the deal. Mira Hollis said she was pleased.", "Mira Hollis", Person},
	}
	for _, tt := range tests {
		ms, es := nerFindAll(tt.text)
		nerCheckInvariants(t, tt.text, ms, es)
		e := nerFindEntity(es, tt.name)
		if e == nil {
			t.Errorf("%q: no entity %q in %+v", tt.text, tt.name, es)
			continue
		}
		if tt.kind == "" && e.Kind == Person || tt.kind != "" && e.Kind != tt.kind {
			want := string(tt.kind)
			if want == "" {
				want = "not a person"
			}
			t.Errorf("%q: %q is %s, want %s", tt.text, tt.name, e.Kind, want)
		}
	}
}

// TestFindEntitiesTitlesBeforeNames checks that civic titles before a name
// are roles, not part of the name, and that appositive titles with a
// lower-case domain are read whole.
func TestFindEntitiesTitlesBeforeNames(t *testing.T) {
	type role struct{ title, org string }
	tests := []struct {
		text   string
		person string
		roles  []role
	}{
		{"Councillor Wenna Trelawny, chair of the licensing committee, said: \"We will review it.\"", "Wenna Trelawny",
			[]role{{"Councillor", ""}, {"Chair of the Licensing Committee", ""}}},
		{"Alderman Piers Holloway said the vote was close.", "Piers Holloway", []role{{"Alderman", ""}}},
		{"Councillor Maud Penrose, the leader of Kelby Town Council, welcomed it.", "Maud Penrose",
			[]role{{"Councillor", ""}, {"Leader", "Kelby Town Council"}}},
		{"Pelmore Oils said its pipeline leaked. Corin Ashdale, its director of operations, said the company was sorry.", "Corin Ashdale",
			[]role{{"Director of Operations", "Pelmore Oils"}}},
		{"Corin Ashdale, Pelmore Oils' head of communications, said: \"We are sorry.\"", "Corin Ashdale",
			[]role{{"Head of Communications", "Pelmore Oils"}}},
	}
	for _, tt := range tests {
		ms, es := nerFindAll(tt.text)
		nerCheckInvariants(t, tt.text, ms, es)
		for _, e := range es {
			if e.Name != tt.person && e.Kind == Person {
				t.Errorf("%q: unexpected person %q", tt.text, e.Name)
			}
		}
		e := nerFindEntity(es, tt.person)
		if e == nil || e.Kind != Person {
			t.Errorf("%q: no person %q in %+v", tt.text, tt.person, es)
			continue
		}
		for _, r := range tt.roles {
			if !nerHasRole(e, r.title, r.org, "") {
				t.Errorf("%q: %q lacks role %q at %q; has %s", tt.text, tt.person, r.title, r.org, nerRoleList(e))
			}
		}
	}
}
