package extract

import (
	"testing"
	"time"
)

// TestFindEntitiesRoleTenure checks roles the text says ended, will end or
// began: "former", "ex-", "resigned as", "stepped down", "was replaced
// by", "was named ... on".
func TestFindEntitiesRoleTenure(t *testing.T) {
	type want struct {
		person, title, org, since, until string
	}
	tests := []struct {
		name  string
		text  string
		times map[string]string
		want  []want
		// absent are person|title pairs that must have no role.
		absent []string
	}{
		{"former before org", "Former Varnex CEO Odile Brandt spoke on Tuesday.", nil,
			[]want{{"Odile Brandt", "CEO", "Varnex", "", "PAST_REF"}}, nil},
		{"former lower case", "The plan was drawn up by former Tandor Bank chief executive Kemal Aras.", nil,
			[]want{{"Kemal Aras", "Chief Executive", "Tandor Bank", "", "PAST_REF"}}, nil},
		{"apposition the former", "Karl Odell, the former CEO of Varnex Systems, disagreed.", nil,
			[]want{{"Karl Odell", "CEO", "Varnex Systems", "", "PAST_REF"}}, nil},
		{"ex-chairman", "Ex-chairman Piet Rasko left the room.", nil,
			[]want{{"Piet Rasko", "Chairman", "", "", "PAST_REF"}}, nil},
		{"current title stays current", "Varnex CEO Odile Brandt spoke on Tuesday.", nil,
			[]want{{"Odile Brandt", "CEO", "Varnex", "", ""}}, nil},
		{"resigned as with date", "Mira Hollis resigned as chief executive of Tandor Bank on March 3.",
			map[string]string{"March 3": "2026-03-03"},
			[]want{{"Mira Hollis", "Chief Executive", "Tandor Bank", "", "2026-03-03"}}, nil},
		{"resigned as without date", "Mira Hollis resigned as chief executive of Tandor Bank, the lender said.", nil,
			[]want{{"Mira Hollis", "Chief Executive", "Tandor Bank", "", "PAST_REF"}}, nil},
		{"who stepped down in year", "Joel Brandt, who stepped down as CEO in 2008, declined to comment.",
			map[string]string{"2008": "2008"},
			[]want{{"Joel Brandt", "CEO", "", "", "2008"}}, nil},
		{"stepped down date before title", "Joel Brandt stepped down on Friday as chairman of Orvel Corp.",
			map[string]string{"Friday": "2026-05-08"},
			[]want{{"Joel Brandt", "Chairman", "Orvel Corp.", "", "2026-05-08"}}, nil},
		{"replaced by as chairman", "Ansel Kerr was replaced by Dana Weiss as chairman of Pollux Group on May 2.",
			map[string]string{"May 2": "2026-05-02"},
			[]want{{"Ansel Kerr", "Chairman", "Pollux Group", "", "2026-05-02"}, {"Dana Weiss", "Chairman", "Pollux Group", "2026-05-02", ""}}, nil},
		{"succeeded by without title", "Pollux Group chairman Ansel Kerr was succeeded by Dana Weiss.", nil,
			[]want{{"Ansel Kerr", "Chairman", "Pollux Group", "", "PAST_REF"}, {"Dana Weiss", "Chairman", "Pollux Group", "", ""}}, nil},
		{"active replaced", "Dana Weiss replaced Ansel Kerr as chairman of Pollux Group in April.",
			map[string]string{"April": "2026-04"},
			[]want{{"Ansel Kerr", "Chairman", "Pollux Group", "", "2026-04"}, {"Dana Weiss", "Chairman", "Pollux Group", "2026-04", ""}}, nil},
		{"who will step down", "Chief executive Lars Vinter, who will step down in June, said sales rose.",
			map[string]string{"June": "2026-06"},
			[]want{{"Lars Vinter", "Chief Executive", "", "", "2026-06"}}, nil},
		{"will step down no date", "Orvel Corp. chairman Lars Vinter will step down, the company said.", nil,
			[]want{{"Lars Vinter", "Chairman", "Orvel Corp.", "", "FUTURE_REF"}}, nil},
		{"named on Monday", "Nina Falk was named chief executive of Orvel Corp. on Monday.",
			map[string]string{"Monday": "2026-05-04"},
			[]want{{"Nina Falk", "Chief Executive", "Orvel Corp.", "2026-05-04", ""}}, nil},
		{"appointed", "Nina Falk was appointed chairman of Pollux Group on May 4.",
			map[string]string{"May 4": "2026-05-04"},
			[]want{{"Nina Falk", "Chairman", "Pollux Group", "2026-05-04", ""}}, nil},
		{"replaced by a thing is no role", "Ansel Kerr was replaced by a committee.", nil,
			nil, []string{"Ansel Kerr|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var times []Time
			for p, v := range tt.times {
				times = append(times, nerTimeFor(t, tt.text, p, v))
			}
			ms, es := FindEntities(tt.text, nil, times)
			nerCheckInvariants(t, tt.text, ms, es)
			for _, w := range tt.want {
				e := nerFindEntity(es, w.person)
				if e == nil {
					t.Fatalf("no %q in %v", w.person, nerNames(es))
				}
				if e.Kind != Person {
					t.Errorf("%q kind %q", w.person, e.Kind)
				}
				ok := false
				for _, r := range e.Roles {
					if r.Title == w.title && r.Org == w.org && r.Since == w.since && r.Until == w.until {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s roles %+v, want %+v", w.person, e.Roles, w)
				}
			}
			for _, a := range tt.absent {
				for _, e := range es {
					if e.Name+"|" == a && len(e.Roles) > 0 {
						t.Errorf("%s has roles %+v", e.Name, e.Roles)
					}
				}
			}
		})
	}
}

// TestExtractRoleTenure runs the tenure rules with the real time finder.
func TestExtractRoleTenure(t *testing.T) {
	pub := time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC)
	doc := Extract("Former Tandor Bank chief executive Kemal Aras, who resigned in 2019, spoke on Monday. Mira Hollis, who will step down in June, said sales rose. Hollis is chief executive of Orvel Corp.", pub)
	e := nerFindEntity(doc.Entities, "Kemal Aras")
	if e == nil || len(e.Roles) != 1 || e.Roles[0].Until != "2019" && e.Roles[0].Until != "PAST_REF" {
		t.Errorf("Kemal Aras: %+v", e)
	}
	// The value of "June" is the time finder's; the role ends then.
	june := ""
	for _, x := range doc.Times {
		if x.Text == "June" || x.Text == "in June" {
			june = x.Value
		}
	}
	h := nerFindEntity(doc.Entities, "Mira Hollis")
	if june == "" || h == nil || len(h.Roles) != 1 || h.Roles[0].Until != june || h.Roles[0].Org != "Orvel Corp." {
		t.Errorf("Mira Hollis: %+v, June is %q", h, june)
	}
}

// TestFindEntitiesDatelines checks that a dateline's city is a place (or
// nothing), never an organisation or a person, and its agency an
// organisation.
func TestFindEntitiesDatelines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kinds map[string]Kind // mention text -> kind; "" for no mention
	}{
		{"city state agency", "KELSBURY, Michigan (AP) — Workers at the Tandor plant walked out on Monday. Tandor said talks would resume.",
			map[string]Kind{"KELSBURY": Place, "Michigan": Place, "AP": Org}},
		{"city alone", "VARNHOLM — Workers at the Tandor plant walked out. Tandor declined to comment.",
			map[string]Kind{"VARNHOLM": Place}},
		{"two-word city with date and agency", "PORT ELSWICK, Nov. 5 (Reuters) - Dock workers voted to strike. Talks with the Elswick Port Authority failed.",
			map[string]Kind{"PORT ELSWICK": Place, "Reuters": Org, "Dock": ""}},
		{"invented agency", "VARNHOLM, Nov. 5 (Norder Wire) — The plant closed.",
			map[string]Kind{"VARNHOLM": Place, "Norder Wire": Org}},
		{"headline in capitals is no dateline", "TANDOR STRIKE ENDS — WORKERS RETURN\nWorkers returned on Monday.",
			map[string]Kind{"TANDOR STRIKE ENDS": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, es := FindEntities(tt.text, nil, nil)
			nerCheckInvariants(t, tt.text, ms, es)
			for txt, k := range tt.kinds {
				got := Kind("")
				for _, m := range ms {
					if m.Text == txt {
						got = m.Kind
					}
				}
				if got != k {
					t.Errorf("%q: kind %q, want %q (mentions %v)", txt, got, k, ms)
				}
			}
		})
	}
	// The city's name is written in title case and points to its region.
	_, es := FindEntities("PORT ELSWICK, Michigan (AP) — The plant closed.", nil, nil)
	if e := nerFindEntity(es, "Port Elswick"); e == nil || e.Kind != Place || len(e.Places) == 0 || e.Places[0] != "United States" {
		t.Errorf("Port Elswick: %+v", e)
	}
}

// TestFindEntitiesInitialCommonWords checks that capitalised ordinary
// words opening a sentence are no entities, while names there are.
func TestFindEntitiesInitialCommonWords(t *testing.T) {
	tests := []struct {
		text   string
		absent []string
		want   []string
	}{
		{"Container ships were idle at the port. Union leaders met Varnex managers. Shares fell.", []string{"Container", "Union", "Shares"}, []string{"Varnex"}},
		{"Plant closes in Kelsbury\nThe Varnex plant in Kelsbury closed on Monday.", []string{"Plant"}, []string{"Varnex", "Kelsbury"}},
		{"Varnex shares fell. Analysts said Varnex would recover.", nil, []string{"Varnex"}},
		{"Tandor announced job cuts on Monday. The cuts hit the Tandor plant.", nil, []string{"Tandor"}},
	}
	for _, tt := range tests {
		ms, es := FindEntities(tt.text, nil, nil)
		nerCheckInvariants(t, tt.text, ms, es)
		for _, a := range tt.absent {
			for _, m := range ms {
				if m.Text == a {
					t.Errorf("%q: %q is a %s", tt.text, a, m.Kind)
				}
			}
		}
		for _, w := range tt.want {
			if nerFindEntity(es, w) == nil {
				t.Errorf("%q: no %q in %v", tt.text, w, nerNames(es))
			}
		}
	}
}

// TestFindEntitiesNotPeople checks that names shaped like things are not
// taken for people, while people introduced alike still are.
func TestFindEntitiesNotPeople(t *testing.T) {
	tests := []struct {
		text string
		name string
		kind Kind // "" when it may be anything but a person
	}{
		{"The songs are sold through the Varnex Music Store and a kiosk.", "Varnex Music Store", ""},
		{"Engines were supplied by Brandholm-Voss for the new plane.", "Brandholm-Voss", ""},
		{"The Quorra VX Cruiser was recalled after a fire.", "Quorra VX Cruiser", ""},
		{"The rocket, a Talvan IV, lifted off.", "Talvan IV", ""},
		{"German magazine Der Kurier cited documents from the firm.", "Der Kurier", ""},
		{"A long report drew praise at the Kelby Developers Conference on Monday.", "Kelby Developers Conference", ""},
		{"The extra wide body design won. Extra Wide Body seating followed.", "Extra Wide Body", ""},
		{"Varnex was founded by Odile Brandt and Kemal Aras in 1976.", "Odile Brandt", Person},
		{"Varnex was founded by Odile Brandt and Kemal Aras in 1976.", "Kemal Aras", Person},
		{"The team was led by Odile Brandt until spring.", "Odile Brandt", Person},
	}
	for _, tt := range tests {
		ms, es := FindEntities(tt.text, nil, nil)
		nerCheckInvariants(t, tt.text, ms, es)
		for _, e := range es {
			if tt.kind == "" && e.Kind == Person {
				t.Errorf("%q: %q is a person", tt.text, e.Name)
			}
		}
		if tt.kind != "" {
			if e := nerFindEntity(es, tt.name); e == nil || e.Kind != tt.kind {
				t.Errorf("%q: %q is %+v, want %s", tt.text, tt.name, e, tt.kind)
			}
		}
	}
}

// TestFindEntitiesNameForms checks that one person's name forms in an
// article make one entity, without honorifics, and that relatives stay
// apart.
func TestFindEntitiesNameForms(t *testing.T) {
	tests := []struct {
		text    string
		person  string
		aliases []string
		others  []string // other people that must exist apart
		absent  []string // names that must not be entities
	}{
		{"Varnex chief executive Timothy D. Morrow spoke on Monday. Tim Morrow said sales rose. Mr. Morrow added that Tim would stay.",
			"Timothy D. Morrow", []string{"Tim Morrow", "Morrow", "Tim"}, nil, []string{"Tim Morrow", "Tim", "Mr. Morrow"}},
		{"Daniel Okafor met investors. Later, Dan Okafor said the deal was done.",
			"Daniel Okafor", []string{"Dan Okafor"}, nil, []string{"Dan Okafor"}},
		{"Dr. Helga Strand, a surgeon, treated him. Ms Strand said he would recover.",
			"Helga Strand", []string{"Strand"}, nil, []string{"Dr. Helga Strand", "Ms Strand"}},
		{"Prof. Ivo Brandl and Sir Edwin Marlowe disagreed. Brandl said the data were thin.",
			"Ivo Brandl", []string{"Brandl"}, []string{"Edwin Marlowe"}, []string{"Prof. Ivo Brandl", "Sir Edwin Marlowe"}},
		{"Mrs. Jane Holt and John Holt arrived. Jane Holt said they were tired.",
			"Jane Holt", nil, []string{"John Holt"}, []string{"Jane Holt and John Holt"}},
		{"Sen. Ray Haskell voted no. Sen. Haskell said the bill would fail.",
			"Ray Haskell", []string{"Haskell"}, nil, []string{"Sen. Haskell", "Haskell"}},
	}
	for _, tt := range tests {
		ms, es := FindEntities(tt.text, nil, nil)
		nerCheckInvariants(t, tt.text, ms, es)
		e := nerFindEntity(es, tt.person)
		if e == nil || e.Kind != Person {
			t.Errorf("%q: no person %q in %v", tt.text, tt.person, nerNames(es))
			continue
		}
		for _, a := range tt.aliases {
			found := false
			for _, x := range e.Aliases {
				found = found || x == a
			}
			if !found {
				t.Errorf("%q: %q aliases %v lack %q", tt.text, tt.person, e.Aliases, a)
			}
		}
		for _, o := range tt.others {
			if x := nerFindEntity(es, o); x == nil || x.Kind != Person {
				t.Errorf("%q: no person %q in %v", tt.text, o, nerNames(es))
			}
		}
		for _, a := range tt.absent {
			if nerFindEntity(es, a) != nil {
				t.Errorf("%q: %q is an entity of its own: %v", tt.text, a, nerNames(es))
			}
		}
	}
}
