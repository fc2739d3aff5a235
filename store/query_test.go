package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

func TestFindEntities_CrossArticleMerge(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	// "M. Rutte" in the second article is "Mark Rutte" from the first.
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "Mark Rutte"})
	if err != nil || len(ents) != 1 {
		t.Fatalf("Mark Rutte: %+v, %v", ents, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Entity.Name != "Mark Rutte" || p.SourcesTotal != 2 || p.EventsTotal != 4 {
		t.Fatalf("merged profile: name %q sources %d events %d", p.Entity.Name, p.SourcesTotal, p.EventsTotal)
	}
	if !contains(p.Aliases, "Rutte") || !contains(p.Aliases, "M. Rutte") {
		t.Errorf("aliases = %v", p.Aliases)
	}

	// A bare surname joins the only person with it, and a fuller name
	// takes over as canonical.
	load(t, db, "bare", "Kallas spoke first.\nLater, Kaja Kallas left.\n",
		ent{name: "Kallas", kind: extract.Person})
	load(t, db, "full", "Estonia's Kaja Kallas spoke.\n",
		ent{name: "Kaja Kallas", kind: extract.Person})
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "kallas"})
	if len(ents) != 1 || ents[0].Name != "Kaja Kallas" {
		t.Fatalf("kallas: %+v", ents)
	}

	// A bare surname two people share stays apart from both; kinds must
	// agree.
	load(t, db, "smiths", "Anna Smith and Eric Smith met.\n",
		ent{name: "Anna Smith", kind: extract.Person}, ent{name: "Eric Smith", kind: extract.Person})
	load(t, db, "smith", "Smith said no.\n", ent{name: "Smith", kind: extract.Person})
	load(t, db, "jordan", "Jordan Smith visited Jordan.\n",
		ent{name: "Jordan Smith", kind: extract.Person}, ent{name: "Jordan", kind: extract.Place})
	load(t, db, "jordan2", "Jordan closed its border.\n", ent{name: "Jordan", kind: extract.Place})
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "smith", Kind: "person"})
	if len(ents) != 4 {
		t.Fatalf("smiths: %d entities, want 4 (Anna, Eric, Jordan, bare Smith): %+v", len(ents), names(ents))
	}
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "jordan", Kind: "place"})
	if len(ents) != 1 || ents[0].Mentions != 2 {
		t.Fatalf("Jordan the place: %+v", ents)
	}
	// "A. Smith" is Anna, not Eric.
	load(t, db, "asmith", "A. Smith agreed.\n", ent{name: "A. Smith", kind: extract.Person})
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "Anna Smith"})
	if len(ents) != 1 || ents[0].Mentions != 2 {
		t.Fatalf("Anna Smith: %+v", ents)
	}
}

func TestFindEntities_Fuzzy(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	for _, tt := range []struct {
		query, want, match string
	}{
		{"rutte", "Mark Rutte", "alias"},
		{"RUTTE", "Mark Rutte", "alias"},
		{"Mark Rutte", "Mark Rutte", "name"},
		{"m. rutte", "Mark Rutte", "alias"},
		{"zelensky", "Volodymyr Zelenskyy", "prefix"},
		{"zelenski", "Volodymyr Zelenskyy", "fuzzy"},
		{"Zélenskyy", "Volodymyr Zelenskyy", "alias"},
		{"zelen", "Volodymyr Zelenskyy", "prefix"},
		{"bessant", "Scott Bessent", "fuzzy"},
		{"scot besent", "Scott Bessent", "fuzzy"},
		{"nato", "NATO", "name"},
	} {
		ents, sugg, err := db.FindEntities(ctx, store.EntityFilter{Name: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) == 0 || ents[0].Name != tt.want || ents[0].Match != tt.match {
			t.Errorf("FindEntities(%q) = %v (suggest %v), want %s by %s", tt.query, describe(ents), sugg, tt.want, tt.match)
		}
	}
	ents, sugg, err := db.FindEntities(ctx, store.EntityFilter{Name: "Bssnt"})
	if err != nil || len(ents) != 0 || !contains(sugg, "Scott Bessent") {
		t.Fatalf("Bssnt: %v, suggestions %v, %v", describe(ents), sugg, err)
	}
	ents, sugg, _ = db.FindEntities(ctx, store.EntityFilter{Name: "qqqqqqqqqqq"})
	if len(ents) != 0 || len(sugg) != 0 {
		t.Fatalf("nonsense matched: %v %v", describe(ents), sugg)
	}
	// Kind filters.
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "rutte", Kind: "org"}); len(ents) != 0 {
		t.Fatalf("rutte as org: %v", describe(ents))
	}
}

func TestAutocompleteNames(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	ents, err := db.AutocompleteNames(ctx, "ru", 25, "")
	if err != nil || len(ents) != 1 || ents[0].Name != "Mark Rutte" {
		t.Fatalf("ru: %v, %v", describe(ents), err)
	}
	ents, err = db.AutocompleteNames(ctx, "", 3, "")
	if err != nil || len(ents) != 3 {
		t.Fatalf("empty: %v, %v", describe(ents), err)
	}
	// Most mentioned first: Rutte (4 with M. Rutte) and Zelenskyy (3)
	// and Trump (3).
	if ents[0].Name != "Mark Rutte" {
		t.Errorf("top name = %s", ents[0].Name)
	}
	for i := 1; i < len(ents); i++ {
		if ents[i].Mentions > ents[i-1].Mentions {
			t.Errorf("not ranked by mentions: %v", describe(ents))
		}
	}
}

func TestProfile(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"})
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Entity.Kind != "person" || len(p.Roles) != 1 || p.Roles[0].Title != "Secretary General" || p.Roles[0].Org != "NATO" || p.Roles[0].Since != "2024-10-01" {
		t.Fatalf("roles: %+v", p.Roles)
	}
	var dates []string
	evs, n, err := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID, Newest: true})
	if err != nil || n != len(evs) {
		t.Fatalf("rutte's events: %d of %d, %v", len(evs), n, err)
	}
	for _, e := range evs {
		dates = append(dates, e.Date)
	}
	if strings.Join(dates, " ") != "2026-Q4 2025-10-23 2025-10-22 2025-02" {
		t.Fatalf("event dates = %v", dates)
	}
	if p.Sources[0].Name != "zelensky" || p.Sources[1].Name != "rutte" {
		t.Fatalf("sources newest first: %+v %+v", p.Sources[0], p.Sources[1])
	}
	tr, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "trump"})
	p, err = db.Profile(ctx, tr[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Quotes) != 1 || p.Quotes[0].Text != "We’ve had some very good discussions today" || p.Quotes[0].Source.Name != "rutte" {
		t.Fatalf("quotes: %+v", p.Quotes)
	}
	if _, err := db.Profile(ctx, 999999, ""); err == nil {
		t.Fatal("profile of unknown id succeeded")
	}
}

func TestFindEvents_Topic(t *testing.T) {
	// Small topics are collected and sorted, big ones walked in date
	// order: both must give the same answers.
	t.Run("collect", func(t *testing.T) { testFindEventsTopic(t) })
	t.Run("walk", func(t *testing.T) {
		defer store.SetExactTotalLimit(0)()
		testFindEventsTopic(t)
	})
}

func testFindEventsTopic(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	summaries := func(f store.EventFilter) []string {
		t.Helper()
		evs, total, err := db.FindEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if f.Offset == 0 && f.Limit == 0 && total != len(evs) {
			t.Fatalf("total %d != %d", total, len(evs))
		}
		var out []string
		for _, e := range evs {
			out = append(out, e.Date)
		}
		return out
	}
	// Ukraine: Kyiv (place of Ukraine) and Zelenskyy (Ukrainian) take part;
	// no sentence says "Ukraine".
	if got := strings.Join(summaries(store.EventFilter{Topic: "ukraine"}), " "); got != "2025-10-23 2026-Q4" {
		t.Errorf("ukraine = %q", got)
	}
	// A keyword only in a sentence.
	if got := strings.Join(summaries(store.EventFilter{Topic: "dialogue"}), " "); got != "2025-02" {
		t.Errorf("dialogue = %q", got)
	}
	// A person by surname, and date ranges.
	if got := strings.Join(summaries(store.EventFilter{Topic: "Rutte"}), " "); got != "2025-02 2025-10-22 2025-10-23 2026-Q4" {
		t.Errorf("rutte = %q", got)
	}
	if got := strings.Join(summaries(store.EventFilter{Topic: "rutte", From: "2025-10", To: "2025"}), " "); got != "2025-10-22 2025-10-23" {
		t.Errorf("rutte in Oct-Dec 2025 = %q", got)
	}
	if got := strings.Join(summaries(store.EventFilter{From: "2026-11-15"}), " "); got != "2026-Q4" {
		t.Errorf("from 2026-11-15 = %q", got)
	}
	// Paging.
	evs, total, err := db.FindEvents(ctx, store.EventFilter{Offset: 2, Limit: 2})
	if err != nil || total != 6 || len(evs) != 2 || evs[0].Date != "2025-10-20" || evs[1].Date != "2025-10-22" {
		t.Fatalf("page 2: %d of %d, %v", len(evs), total, err)
	}
	if evs[1].Source.Title != "Rutte at the White House" || !contains(evs[1].Entities, "Mark Rutte") {
		t.Fatalf("event details: %+v", evs[0])
	}
	if _, _, err := db.FindEvents(ctx, store.EventFilter{From: "last week"}); err == nil {
		t.Fatal("bad from accepted")
	}
	for _, hostile := range []string{`"; DROP TABLE events; --`, "@everyone", "NEAR(", `"unbalanced`, "*", "AND OR NOT"} {
		if _, _, err := db.FindEvents(ctx, store.EventFilter{Topic: hostile}); err != nil {
			t.Errorf("topic %q: %v", hostile, err)
		}
	}
}

func TestFindQuotes(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	qs, total, err := db.FindQuotes(ctx, store.QuoteFilter{Speaker: "zelensky"})
	if err != nil || total != 1 || qs[0].Speaker != "Volodymyr Zelenskyy" {
		t.Fatalf("zelensky: %+v, %d, %v", qs, total, err)
	}
	qs, total, _ = db.FindQuotes(ctx, store.QuoteFilter{})
	if total != 2 || qs[0].Date != "2025-10-23" {
		t.Fatalf("all quotes newest first: %+v", qs)
	}
	qs, total, _ = db.FindQuotes(ctx, store.QuoteFilter{Topic: "discussions"})
	if total != 1 || qs[0].Speaker != "Donald Trump" {
		t.Fatalf("topic discussions: %+v", qs)
	}
	_, total, _ = db.FindQuotes(ctx, store.QuoteFilter{Speaker: "trump", Topic: "patriots"})
	if total != 0 {
		t.Fatalf("trump on patriots: %d", total)
	}
	if _, _, err := db.FindQuotes(ctx, store.QuoteFilter{Speaker: `%_\`, Topic: `NEAR("x"`}); err != nil {
		t.Fatal(err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	hits, total, err := db.Search(ctx, "oil", 0, 10, "")
	if err != nil || total != 2 {
		t.Fatalf("oil: %d, %v", total, err)
	}
	if !strings.Contains(hits[0].Snippet, "**oil**") || hits[0].Source == nil {
		t.Fatalf("snippet = %q", hits[0].Snippet)
	}
	hits, total, _ = db.Search(ctx, `"oil prices"`, 0, 10, "")
	if total != 1 || hits[0].Source.Name != "budget" {
		t.Fatalf("phrase: %d", total)
	}
	// Accents and case do not matter.
	if _, total, _ := db.Search(ctx, "ZÉLENSKYY", 0, 10, ""); total != 3 {
		t.Fatalf("zelenskyy: %d", total)
	}
	for _, q := range []string{`"; DROP TABLE sources; --`, "@everyone", "NEAR(", "NEAR(a b", `"unbalanced`, `a"b"c`, "*", "oil*", "text:oil", "^oil", "-oil", "AND", "(", "", "   ", "'", `\`, "🙂"} {
		if _, _, err := db.Search(ctx, q, 0, 10, ""); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if _, total, _ := db.Search(ctx, "oil", 0, 10, ""); total != 2 {
		t.Fatal("database damaged by hostile queries")
	}

	// Past the rank window, the first page ranks the latest matches.
	defer store.SetRankWindow(1)()
	hits, total, err = db.Search(ctx, "oil", 0, 1, "")
	if err != nil || total != 2 || len(hits) != 1 || hits[0].Source.Name != "budget" {
		t.Fatalf("windowed search: %d hits of %d, %v", len(hits), total, err)
	}
	hits, _, _ = db.Search(ctx, "oil", 1, 1, "")
	if len(hits) != 1 {
		t.Fatalf("second page past the window: %d hits", len(hits))
	}
}

func TestDateRange(t *testing.T) {
	for _, tt := range []struct{ in, start, end string }{
		{"2025-10-22", "2025-10-22", "2025-10-22"},
		{"2025-10-22T15:00", "2025-10-22", "2025-10-22"},
		{"2025-02", "2025-02-01", "2025-02-28"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2025", "2025-01-01", "2025-12-31"},
		{"2026-Q4", "2026-10-01", "2026-12-31"},
		{"2025-W43", "2025-10-20", "2025-10-26"},
		{"2026-W01", "2025-12-29", "2026-01-04"},
		{"2025-SU", "2025-06-01", "2025-08-31"},
		{"2025-WI", "2025-12-01", "2026-02-28"},
		{"2025-H2", "2025-07-01", "2025-12-31"},
		{"202", "2020-01-01", "2029-12-31"},
		{"20", "2000-01-01", "2099-12-31"},
		{"PRESENT_REF", "", ""},
		{"P90D", "", ""},
		{"2025-13", "", ""},
		{"2025-02-30", "", ""},
		{"", "", ""},
	} {
		s, e, _ := store.DateRange(tt.in)
		if s != tt.start || e != tt.end {
			t.Errorf("DateRange(%q) = %s..%s, want %s..%s", tt.in, s, e, tt.start, tt.end)
		}
	}
}

// load loads a one-off article whose entities are found by their forms.
func load(tb testing.TB, db *store.DB, name, text string, ents ...ent) {
	tb.Helper()
	if _, err := db.LoadSource(context.Background(), store.SourceInput{Name: name, Title: name, Published: "2025-10-22", Text: text, Doc: buildDoc(text, ents, nil, nil)}); err != nil {
		tb.Fatal(err)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func names(ents []*store.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Name)
	}
	return out
}

func describe(ents []*store.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Name+"/"+e.Kind+"/"+e.Match)
	}
	return out
}

// TestOptimizeSearch checks that merging the full-text index keeps every
// answer /search gave.
func TestOptimizeSearch(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	for i, txt := range []string{"Acme Corp raised prices on Monday.", "Acme Corp cut jobs on Tuesday.", "Beta Ltd hired staff."} {
		in := store.SourceInput{Name: fmt.Sprintf("s%d", i), Title: "t", Text: txt, Published: "2025-01-01", Doc: extract.Extract(txt, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))}
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	before, n1, err := db.Search(ctx, "acme", 0, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.OptimizeSearch(ctx); err != nil {
		t.Fatal(err)
	}
	after, n2, err := db.Search(ctx, "acme", 0, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if n1 != 2 || n2 != n1 || len(after) != len(before) {
		t.Errorf("search acme: %d hits (%d) before optimize, %d (%d) after; want 2", n1, len(before), n2, len(after))
	}
}
