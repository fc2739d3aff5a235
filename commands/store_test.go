package commands_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/commands"
	"briefbot/extract"
	"briefbot/store"
)

// MustOpenDB opens a store in a temporary directory.
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	db := store.NewDB(filepath.Join(tb.TempDir(), "db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close(context.Background()) })
	return db
}

// span returns the offsets of the first s in text at or after from.
func span(text, s string, from int) (int, int) {
	i := strings.Index(text[from:], s)
	if i < 0 {
		panic("not in text: " + s)
	}
	return from + i, from + i + len(s)
}

// loadSample loads a short hand-annotated article.
func loadSample(tb testing.TB, db *store.DB) {
	tb.Helper()
	text := "NATO Secretary General Mark Rutte met Donald Trump in Washington on Oct. 22.\n" +
		"Rutte praised Trump's push on oil sanctions against Russia.\n" +
		"“We are making progress,” Rutte said.\n"
	doc := &extract.Document{Sentences: extract.SplitSentences(text)}
	mention := func(name string, kind extract.Kind, forms ...string) {
		from := 0
		for _, f := range forms {
			s, e := span(text, f, from)
			doc.Mentions = append(doc.Mentions, extract.Mention{Start: s, End: e, Text: f, Kind: kind, Entity: name})
			from = e
		}
	}
	doc.Entities = []extract.Entity{
		{Name: "Mark Rutte", Kind: extract.Person, Aliases: []string{"Rutte"}, Roles: []extract.Role{{Title: "Secretary General", Org: "NATO", Since: "2024-10-01"}}},
		{Name: "Donald Trump", Kind: extract.Person, Aliases: []string{"Trump"}},
		{Name: "Russia", Kind: extract.Place, Places: []string{"Russia"}},
		{Name: "Washington", Kind: extract.Place, Places: []string{"United States"}},
	}
	mention("Mark Rutte", extract.Person, "Mark Rutte", "Rutte", "Rutte")
	mention("Donald Trump", extract.Person, "Donald Trump", "Trump")
	mention("Russia", extract.Place, "Russia")
	mention("Washington", extract.Place, "Washington")
	s0, s1 := doc.Sentences[0], doc.Sentences[1]
	doc.Events = []extract.Event{
		{Date: "2025-10-22", Precision: extract.Day, Summary: "Mark Rutte met Donald Trump in Washington", Sentence: text[s0.Start:s0.End],
			Entities: []string{"Mark Rutte", "Donald Trump", "Washington"}, Start: s0.Start, End: s0.End, ClauseStart: s0.Start, ClauseEnd: s0.End},
		{Date: "2025-10", Precision: extract.Month, Summary: "Rutte praised Trump's push on oil sanctions", Sentence: text[s1.Start:s1.End],
			Entities: []string{"Mark Rutte", "Donald Trump", "Russia"}, Start: s1.Start, End: s1.End, ClauseStart: s1.Start, ClauseEnd: s1.End},
	}
	qs, qe := span(text, "We are making progress", 0)
	s2 := doc.Sentences[2]
	doc.Quotes = []extract.Quote{{Speaker: "Mark Rutte", SpeakerKind: extract.Person, Text: "We are making progress", Date: "2025-10-22",
		Start: qs, End: qe, SentenceStart: s2.Start, SentenceEnd: s2.End}}
	if _, err := db.LoadSource(context.Background(), store.SourceInput{Name: "sample", Title: "Rutte in Washington", URL: "https://example.com/a",
		Published: "2025-10-22", Text: text, Doc: doc}); err != nil {
		tb.Fatal(err)
	}
}

func TestCommands_RealStore(t *testing.T) {
	db := MustOpenDB(t)
	loadSample(t, db)
	r := commands.New(db, commands.Options{})
	for _, tt := range []struct {
		line  string
		wants []string
	}{
		{"/who rutte", []string{"Mark Rutte", "Person · also called Rutte", "Secretary General, NATO (since 1 Oct 2024)",
			"**Oct 2025** — Rutte praised", "**22 Oct 2025** — Mark Rutte met", "“We are making progress” — 22 Oct 2025", "[1] Rutte in Washington (22 Oct 2025) https://example.com/a"}},
		{"/who Rute", []string{"Mark Rutte", "Closest match for “Rute”."}},
		{"/timeline russia", []string{"**Oct 2025** — Rutte praised Trump's push on oil sanctions — *Rutte in Washington*", "1 event."}},
		{"/timeline trump from:2025-10-22", []string{"**22 Oct 2025**", "2 events from 22 Oct 2025."}},
		{"/quotes speaker:rutte", []string{"“We are making progress” — **Mark Rutte**, 22 Oct 2025"}},
		{`/search "oil sanctions"`, []string{"**oil** **sanctions**", "*Rutte in Washington*"}},
		{`/search "; DROP TABLE sources; -- @everyone`, []string{"No sentence matches."}},
		{"/sources", []string{"**Rutte in Washington** (22 Oct 2025) — 4 entities, 2 events, 1 quote — last load: added"}},
	} {
		text := commands.RenderMarkdown(ask(t, r, tt.line))
		for _, w := range tt.wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.line, w, text)
			}
		}
	}
	resp := ask(t, r, "/who Zzyzx")
	if !resp.Ephemeral || !strings.HasPrefix(resp.Lines[0], "No one called Zzyzx.") {
		t.Fatalf("unknown: %+v", resp)
	}
	cs, err := r.Autocomplete(context.Background(), &commands.Request{Command: "who"}, "name", "ru")
	if err != nil || len(cs) != 2 || cs[0].Value != "Mark Rutte" {
		t.Fatalf("autocomplete ru: %+v, %v", cs, err)
	}
	// Sources still intact after hostile input.
	if srcs, _ := db.FindSources(context.Background()); len(srcs) != 1 {
		t.Fatal("sources damaged")
	}
}
