package merge

import (
	"reflect"
	"testing"
)

func rep(id, src int64, pub, date, prec, ss, se, clause string, ents ...int64) *Report {
	return &Report{ID: id, SourceID: src, Published: pub, Date: date, Precision: prec, SortStart: ss, SortEnd: se,
		Clause: clause, Entities: ents, Dated: true}
}

func TestSame(t *testing.T) {
	tests := []struct {
		name string
		a, b *Report
		want bool
	}{
		{"paraphrase same day",
			rep(1, 1, "2026-03-02", "2026-03-02", "day", "2026-03-02", "2026-03-02", "Harrow Motors said it would close its Dunmore plant", 10, 11),
			rep(2, 2, "2026-03-03", "2026-03-02", "day", "2026-03-02", "2026-03-02", "Harrow Motors announced the closure of the Dunmore plant", 10, 11), true},
		{"same day, same company, another happening",
			rep(1, 1, "2026-03-02", "2026-03-02", "day", "2026-03-02", "2026-03-02", "Harrow Motors said it would close its Dunmore plant", 10, 11),
			rep(2, 2, "2026-03-02", "2026-03-02", "day", "2026-03-02", "2026-03-02", "Chief executive Lena Ortiz resigned from Harrow Motors", 10, 12), false},
		{"no shared participant",
			rep(1, 1, "", "2026-03-02", "day", "2026-03-02", "2026-03-02", "the plant would close in June", 10),
			rep(2, 2, "", "2026-03-02", "day", "2026-03-02", "2026-03-02", "the plant would close in June", 11), false},
		{"conflicting days, close paraphrase",
			rep(1, 1, "", "2007-01-09", "day", "2007-01-09", "2007-01-09", "Apple unveiled the iPhone at the Macworld expo", 1, 2),
			rep(2, 2, "", "2007-01-10", "day", "2007-01-10", "2007-01-10", "Apple unveiled its iPhone at Macworld", 1, 2), true},
		{"neighbouring months, one paraphrase",
			rep(1, 1, "", "2008-12", "month", "2008-12-01", "2008-12-31", "GM and Chrysler have received US$17.4 billion government loans", 1, 2),
			rep(2, 2, "", "2009-01", "month", "2009-01-01", "2009-01-31", "GM and Chrysler were given loans worth US$17.4 billion from the government", 1, 2), true},
		{"years apart",
			rep(1, 1, "", "2007-01-09", "day", "2007-01-09", "2007-01-09", "Apple unveiled the iPhone at the Macworld expo", 1),
			rep(2, 2, "", "2008-01-09", "day", "2008-01-09", "2008-01-09", "Apple unveiled the iPhone at the Macworld expo", 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(tt.a, tt.b).Same(); got != tt.want {
				t.Errorf("Same = %v, want %v (%+v)", got, tt.want, Compare(tt.a, tt.b))
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	rs := []*Report{
		rep(1, 1, "2009-06-02", "2009-06-01", "day", "2009-06-01", "2009-06-01", "GM filed for bankruptcy protection on Monday, with $13.4 billion in loans", 1),
		rep(2, 2, "2009-06-01", "2009-06", "month", "2009-06-01", "2009-06-30", "GM filed for bankruptcy", 1),
		rep(3, 3, "2009-06-03", "2009-06-01", "day", "2009-06-01", "2009-06-01", "General Motors filed for bankruptcy protection after US$17.4 billion in loans", 1),
		rep(4, 3, "2009-06-03", "2009-06-02", "day", "2009-06-02", "2009-06-02", "GM filed for bankruptcy", 1),
	}
	h := Summarize(rs)
	if h.Date != "2009-06-01" || h.Precision != "day" {
		t.Errorf("date = %s %s, want 2009-06-01 day", h.Date, h.Precision)
	}
	if h.Sources != 3 {
		t.Errorf("sources = %d, want 3", h.Sources)
	}
	if h.First != 1 {
		t.Errorf("first = %d, want 1 (published first)", h.First)
	}
	var about []string
	for _, d := range h.Disagreements {
		about = append(about, d.About)
	}
	if !reflect.DeepEqual(about, []string{"date", "amount"}) {
		t.Fatalf("disagreements = %+v", h.Disagreements)
	}
	amt := h.Disagreements[1]
	if amt.Values[0].Value != "USD 13400000000" || amt.Values[1].Value != "USD 17400000000" {
		t.Errorf("amount values = %+v", amt.Values)
	}
	// One source's two figures are no disagreement.
	one := Summarize([]*Report{
		rep(1, 1, "", "2009", "year", "2009-01-01", "2009-12-31", "loans of $4 billion", 1),
		rep(2, 1, "", "2009", "year", "2009-01-01", "2009-12-31", "loans of $5 billion", 1),
	})
	if len(one.Disagreements) != 0 {
		t.Errorf("one source disagrees with itself: %+v", one.Disagreements)
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"loans of $13.4 billion", []string{"USD 13400000000"}},
		{"US$17.4bn in aid", []string{"USD 17400000000"}},
		{"a £2m grant", []string{"GBP 2000000"}},
		{"18 months behind schedule", []string{"P18M"}},
		{"two years late", []string{"P24M"}},
		{"up 12.5 per cent", []string{"12.5%"}},
		{"the Mirage 2000 jet", nil},
		{"HK$ 3,200 and A$5m, with C$1.5 billion", []string{"HKD 3200", "AUD 5000000", "CAD 1500000000"}},
		{"€40 million, then £2.4m.", []string{"EUR 40000000", "GBP 2400000"}},
		{"prices in $ rose", nil},
		{"a six-week delay of 3 days", []string{"P6W", "P3D"}},
		{"cutting 1,200 jobs at 3 plants in 2009", []string{"1200", "3"}},
		{"2009 models and 747 jets, 12 percent", []string{"12%", "747"}},
		{"two new Boeing 747 jets and 30 A380s", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range Figures(tt.in) {
			got = append(got, f.Value)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Figures(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	obs := []RoleObs{
		{EntityID: 1, SourceID: 1, Title: "chief executive", Org: "Harrow Motors", Published: "2026-01-10"},
		{EntityID: 1, SourceID: 2, Title: "CEO", Org: "Harrow Motors", Published: "2026-02-01"},
		{EntityID: 2, SourceID: 3, Title: "chief executive", Org: "Harrow Motors", Since: "2026-03-02", SinceDay: "2026-03-02", Published: "2026-03-03"},
		{EntityID: 3, SourceID: 3, Title: "CEO", Org: "Microsoft", Until: "PAST_REF", Published: "2026-03-03"},
		{EntityID: 4, SourceID: 1, Title: "vice president", Org: "Harrow Motors", Published: "2026-01-10"},
		{EntityID: 5, SourceID: 3, Title: "vice president", Org: "Harrow Motors", Published: "2026-03-03"},
	}
	spans := Roles(obs)
	by := map[int64]RoleSpan{}
	for _, s := range spans {
		by[s.EntityID] = s
	}
	old, succ := by[1], by[2]
	if !old.Ended || old.To != "2026-03-02" || old.Successor != 2 {
		t.Errorf("old holder = %+v, want ended 2026-03-02 by 2", old)
	}
	if succ.Ended || succ.From != "2026-03-02" {
		t.Errorf("successor = %+v", succ)
	}
	if !old.HeldOn("2026-02-15") || old.HeldOn("2026-03-05") || succ.HeldOn("2026-02-15") || !succ.HeldOn("2026-03-05") {
		t.Errorf("as_of wrong: old %+v succ %+v", old, succ)
	}
	if g := by[3]; !g.Ended || g.HeldOn("2026-03-03") {
		t.Errorf("former CEO = %+v, want ended and never shown held", g)
	}
	if by[4].Ended {
		t.Errorf("a vice president is not ended by another: %+v", by[4])
	}
}

func TestNameForms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"apple inc", "apple"}, {"the ford motor company", "ford motor"}, {"tollgate holdings ltd", "tollgate holdings"},
		{"company", "company"}, {"pennock and hale", "pennock and hale"}, {"smith and co", "smith"}, {"apple corps", "apple corps"},
	} {
		if got := OrgCore(c.in); got != c.want {
			t.Errorf("OrgCore(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		acr, name string
		want      bool
	}{
		{"GM", "General Motors", true}, {"EADS", "European Aeronautic Defence and Space Company", true},
		{"NHS", "National Health Service", true}, {"ORS", "Office for River Standards", true}, {"OFRS", "Office for River Standards", true},
		{"GM", "Gerald Mendez", true}, // a person's initials: callers check the kind
		{"GM", "General Electric", false}, {"Gm", "General Motors", false}, {"G", "General", false}, {"IBM", "IBM", false},
	} {
		if got := AcronymOf(c.acr, c.name); got != c.want {
			t.Errorf("AcronymOf(%q, %q) = %v", c.acr, c.name, got)
		}
	}
}

func TestRoleKeys(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"CEO", "chief executive"}, {"President and CEO", "chief executive"}, {"Chief", "chief executive"},
		{"Deputy Chief Executive", "deputy chief executive"}, {"Chairman", "chair"},
	} {
		if got := TitleKey(c.in); got != c.want {
			t.Errorf("TitleKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ a, b string }{{"Apple Inc.", "Apple"}, {"Ford Motor Co.", "Ford Motor"}, {"Tollgate Freight Systems, Inc.", "tollgate freight systems"}} {
		if OrgKey(c.a) != OrgKey(c.b) {
			t.Errorf("OrgKey(%q) = %q, OrgKey(%q) = %q", c.a, OrgKey(c.a), c.b, OrgKey(c.b))
		}
	}
}

func TestRolesTitleWithoutOrg(t *testing.T) {
	spans := Roles([]RoleObs{
		{EntityID: 1, SourceID: 1, Title: "Chief Executive", Org: "Tollgate", Published: "2026-02-10"},
		{EntityID: 1, SourceID: 2, Title: "chief executive", Until: "2026-03-02", UntilDay: "2026-03-02", Published: "2026-03-04"},
		{EntityID: 2, SourceID: 3, Title: "Director", Published: "2026-03-04"},
	})
	if len(spans) != 2 || spans[0].Org != "Tollgate" || !spans[0].Ended || spans[0].To != "2026-03-02" || spans[0].From != "2026-02-10" {
		t.Fatalf("spans = %+v", spans)
	}
	if !spans[0].HeldOn("2026-02-20") || spans[0].HeldOn("2026-03-05") {
		t.Errorf("held: %+v", spans[0])
	}
}
