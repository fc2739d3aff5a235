package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// MustOpenDB opens a new database in a temporary directory and closes it
// when the test ends.
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	db := store.NewDB(filepath.Join(tb.TempDir(), "db"))
	db.Now = func() time.Time { return time.Date(2025, 10, 25, 12, 0, 0, 0, time.UTC) }
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { MustCloseDB(tb, db) })
	return db
}

// MustCloseDB closes db or fails the test.
func MustCloseDB(tb testing.TB, db *store.DB) {
	tb.Helper()
	if err := db.Close(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// openUpgraded builds a database at the schema before the migrations
// skip names (by number, "060"), fills it with load, and returns it
// opened again with every migration applied, as an old database meets a
// new briefbot; it is closed when the test ends.
func openUpgraded(tb testing.TB, load func(old *store.DB), skip ...string) *store.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "db")
	restore := store.SetMigrationFilter(func(name string) bool {
		for _, n := range skip {
			if strings.Contains(name, "/"+n+"_") {
				return false
			}
		}
		return true
	})
	old := store.NewDB(path)
	err := old.Open()
	restore()
	if err != nil {
		tb.Fatal(err)
	}
	load(old)
	MustCloseDB(tb, old)
	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { MustCloseDB(tb, db) })
	return db
}

// ent describes an entity of a hand-built document: every occurrence of
// each of its forms in the text becomes a mention.
type ent struct {
	name   string
	kind   extract.Kind
	forms  []string // names used in the text; name is added when it occurs
	places []string
	roles  []extract.Role
}

// ev is an event on sentence sent of a hand-built document.
type ev struct {
	sent      int
	date      string
	precision extract.Precision
	ents      []string
}

// qt is a quote of a hand-built document: text must occur verbatim.
type qt struct {
	speaker string
	text    string
	date    string
}

// buildDoc builds the extractor's output for text by hand, so that store
// tests do not depend on the extractor.
func buildDoc(text string, ents []ent, evs []ev, qts []qt) *extract.Document {
	doc := &extract.Document{Sentences: extract.SplitSentences(text)}
	for _, e := range ents {
		xe := extract.Entity{ID: e.name, Name: e.name, Kind: e.kind, Places: e.places, Roles: e.roles}
		forms := append([]string{e.name}, e.forms...)
		seen := map[string]bool{}
		for _, f := range forms {
			if seen[f] {
				continue
			}
			seen[f] = true
			if f != e.name {
				xe.Aliases = append(xe.Aliases, f)
			}
			for i := 0; ; {
				j := strings.Index(text[i:], f)
				if j < 0 {
					break
				}
				s := i + j
				// Skip a shorter form inside a longer one already taken.
				inside := false
				for _, m := range doc.Mentions {
					if s >= m.Start && s < m.End {
						inside = true
					}
				}
				if !inside {
					doc.Mentions = append(doc.Mentions, extract.Mention{Start: s, End: s + len(f), Text: f, Kind: e.kind, Entity: e.name})
				}
				i = s + len(f)
			}
		}
		doc.Entities = append(doc.Entities, xe)
	}
	for i, e := range evs {
		s := doc.Sentences[e.sent]
		sent := text[s.Start:s.End]
		doc.Events = append(doc.Events, extract.Event{ID: string(rune('a' + i)), Date: e.date, Precision: e.precision,
			Summary: sent, Sentence: sent, Entities: e.ents, Start: s.Start, End: s.End, ClauseStart: s.Start, ClauseEnd: s.End})
	}
	for _, q := range qts {
		i := strings.Index(text, q.text)
		if i < 0 {
			panic("quote not in text: " + q.text)
		}
		xq := extract.Quote{Speaker: q.speaker, SpeakerKind: extract.Person, Text: q.text, Date: q.date, Start: i, End: i + len(q.text)}
		for _, s := range doc.Sentences {
			if i >= s.Start && i < s.End {
				xq.SentenceStart, xq.SentenceEnd = s.Start, s.End
			}
		}
		doc.Quotes = append(doc.Quotes, xq)
	}
	return doc
}

// The articles of the tests: invented, in the style of the seed.
const (
	textRutte = "U.S. President Donald Trump hosted NATO Secretary General Mark Rutte at the White House on Oct. 22.\n" +
		"Rutte thanked Trump for reopening dialogue with Russian President Vladimir Putin.\n" +
		"“We’ve had some very good discussions today,” Trump said.\n" +
		"Treasury Secretary Scott Bessent said new sanctions on Russian oil companies were coming.\n" +
		"Rutte discussed a peace plan prepared by European nations and Kyiv.\n"
	textZelensky = "Ukrainian President Volodymyr Zelenskyy met M. Rutte in Brussels on Oct. 23.\n" +
		"Zelenskyy asked for more air defence systems.\n" +
		"“We need Patriots now,” Zelenskyy said.\n"
	textBudget = "The European Commission proposed a new budget on Oct. 20.\n" +
		"Commission officials said oil prices would weigh on growth.\n"
)

func rutteDoc() *extract.Document {
	return buildDoc(textRutte, []ent{
		{name: "Donald Trump", kind: extract.Person, forms: []string{"Trump"}, roles: []extract.Role{{Title: "President", Org: "United States"}}},
		{name: "Mark Rutte", kind: extract.Person, forms: []string{"Rutte"}, roles: []extract.Role{{Title: "Secretary General", Org: "NATO", Since: "2024-10-01"}}},
		{name: "Vladimir Putin", kind: extract.Person, forms: []string{"Putin"}, places: []string{"Russia"}},
		{name: "Scott Bessent", kind: extract.Person, forms: []string{"Bessent"}},
		{name: "NATO", kind: extract.Org},
		{name: "Kyiv", kind: extract.Place, places: []string{"Ukraine"}},
	}, []ev{
		{sent: 0, date: "2025-10-22", precision: extract.Day, ents: []string{"Donald Trump", "Mark Rutte"}},
		{sent: 1, date: "2025-02", precision: extract.Month, ents: []string{"Mark Rutte", "Donald Trump", "Vladimir Putin"}},
		{sent: 4, date: "2026-Q4", precision: extract.Quarter, ents: []string{"Mark Rutte", "Kyiv"}},
	}, []qt{
		{speaker: "Donald Trump", text: "We’ve had some very good discussions today", date: "2025-10-22"},
	})
}

func zelenskyDoc() *extract.Document {
	return buildDoc(textZelensky, []ent{
		{name: "Volodymyr Zelenskyy", kind: extract.Person, forms: []string{"Zelenskyy"}, places: []string{"Ukraine"}},
		{name: "M. Rutte", kind: extract.Person},
		{name: "Brussels", kind: extract.Place, places: []string{"Belgium"}},
	}, []ev{
		{sent: 0, date: "2025-10-23", precision: extract.Day, ents: []string{"Volodymyr Zelenskyy", "M. Rutte", "Brussels"}},
	}, []qt{
		{speaker: "Volodymyr Zelenskyy", text: "We need Patriots now", date: "2025-10-23"},
	})
}

func budgetDoc() *extract.Document {
	return buildDoc(textBudget, []ent{
		{name: "European Commission", kind: extract.Org, forms: []string{"Commission"}},
	}, []ev{
		{sent: 0, date: "2025-10-20", precision: extract.Day, ents: []string{"European Commission"}},
		{sent: 1, date: "2025-10-20", precision: extract.Day, ents: []string{"European Commission"}},
	}, nil)
}

// mustLoad loads the three test articles.
func mustLoad(tb testing.TB, db *store.DB) {
	tb.Helper()
	for _, in := range []store.SourceInput{
		{Name: "rutte", Location: "testdata/rutte.txt", URL: "https://example.com/rutte", Title: "Rutte at the White House", Published: "2025-10-22", Text: textRutte, Doc: rutteDoc()},
		{Name: "zelensky", Location: "testdata/zelensky.txt", Title: "Zelenskyy in Brussels", Published: "2025-10-23", Text: textZelensky, Doc: zelenskyDoc()},
		{Name: "budget", Location: "testdata/budget.txt", Title: "EU budget", Published: "2025-10-20", Text: textBudget, Doc: budgetDoc()},
	} {
		if _, err := db.LoadSource(context.Background(), in); err != nil {
			tb.Fatal(err)
		}
	}
}
