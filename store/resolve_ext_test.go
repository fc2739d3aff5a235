package store_test

import (
	"context"
	"testing"

	"briefbot/extract"
	"briefbot/internal/factstest"
	"briefbot/store"
)

// TestResolveAcrossArticles checks that the name forms of one entity in
// different articles end as one entity, in either order, and that
// entities the evidence keeps apart stay apart.
func TestResolveAcrossArticles(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	load := func(in store.SourceInput, aliases map[string][]string, kinds map[string]extract.Kind) {
		t.Helper()
		for i := range in.Doc.Entities {
			e := &in.Doc.Entities[i]
			e.Aliases = aliases[e.Name]
			if k, ok := kinds[e.Name]; ok {
				e.Kind = k
			}
		}
		for i := range in.Doc.Mentions {
			if k, ok := kinds[in.Doc.Mentions[i].Entity]; ok {
				in.Doc.Mentions[i].Kind = k
			}
		}
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	one := func(name string) *store.Entity {
		t.Helper()
		ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) == 0 {
			t.Fatalf("%s: not found", name)
		}
		return ents[0]
	}
	// An acronym seen alone first, defined later: one entity.
	load(factstest.Article("a", "2026-01-05", factstest.Sentence{Text: "GM cut 900 jobs on Monday.", Date: "2026-01-05", Orgs: []string{"GM"}}), nil, nil)
	load(factstest.Article("b", "2026-01-06", factstest.Sentence{Text: "General Motors (GM) opened a plant on Tuesday.", Date: "2026-01-06", Orgs: []string{"General Motors"}}),
		map[string][]string{"General Motors": {"GM"}}, nil)
	if gm, gmn := one("gm"), one("general motors"); gm.ID != gmn.ID || gm.Name != "General Motors" {
		t.Errorf("gm = %+v, general motors = %+v", gm, gmn)
	}
	evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: "general motors", Limit: 10})
	if err != nil || len(evs) != 2 {
		t.Errorf("general motors events = %d, %v", len(evs), err)
	}
	// A legal form, in both orders.
	load(factstest.Article("c", "2026-01-07", factstest.Sentence{Text: "Varnel Inc. hired 40 people.", Date: "2026-01-07", Orgs: []string{"Varnel Inc."}}), nil, nil)
	load(factstest.Article("d", "2026-01-08", factstest.Sentence{Text: "Varnel sold a unit.", Date: "2026-01-08", Orgs: []string{"Varnel"}}), nil, nil)
	load(factstest.Article("e", "2026-01-08", factstest.Sentence{Text: "Oskin bought a rival.", Date: "2026-01-08", Orgs: []string{"Oskin"}}), nil, nil)
	load(factstest.Article("f", "2026-01-09", factstest.Sentence{Text: "Oskin Holdings Ltd raised prices.", Date: "2026-01-09", Orgs: []string{"Oskin Holdings Ltd"}}), nil, nil)
	if a, b := one("varnel"), one("varnel inc"); a.ID != b.ID {
		t.Errorf("varnel = %+v, varnel inc = %+v", a, b)
	}
	// "Oskin Holdings" is not "Oskin": only legal forms are dropped.
	if a, b := one("oskin"), one("oskin holdings ltd"); a.ID == b.ID {
		t.Errorf("oskin and oskin holdings merged: %+v", a)
	}
	// A multi-word name that one source misreads as an organisation:
	// one entity, of the kind most sources give.
	for i, k := range []extract.Kind{extract.Person, extract.Org, extract.Person} {
		name := string(rune('g' + i))
		load(factstest.Article(name, "2026-02-0"+string(rune('1'+i)), factstest.Sentence{Text: "Ilse Marrow spoke.", Date: "2026-02-01", People: []string{"Ilse Marrow"}}),
			nil, map[string]extract.Kind{"Ilse Marrow": k})
	}
	ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "ilse marrow", Limit: 5})
	if len(ents) != 1 || ents[0].Kind != "person" {
		t.Errorf("ilse marrow = %+v", ents)
	}
	// A short first name is the long one's: "Tim Cook" is "Timothy D.
	// Cook", whichever comes first; another first name is someone else.
	load(factstest.Article("l", "2026-04-01", factstest.Sentence{Text: "Timothy D. Cook spoke.", Date: "2026-04-01", People: []string{"Timothy D. Cook"}}), nil, nil)
	load(factstest.Article("m", "2026-04-02", factstest.Sentence{Text: "Tim Cook spoke.", Date: "2026-04-02", People: []string{"Tim Cook"}}), nil, nil)
	load(factstest.Article("n", "2026-04-03", factstest.Sentence{Text: "Dana Cook spoke.", Date: "2026-04-03", People: []string{"Dana Cook"}}), nil, nil)
	if a, b := one("tim cook"), one("timothy d cook"); a.ID != b.ID {
		t.Errorf("tim cook = %+v, timothy d cook = %+v", a, b)
	}
	if a, b := one("dana cook"), one("tim cook"); a.ID == b.ID {
		t.Errorf("dana cook merged with tim cook: %+v", a)
	}
	// One word is not enough evidence across kinds.
	load(factstest.Article("j", "2026-03-01", factstest.Sentence{Text: "Kellow won.", Date: "2026-03-01", People: []string{"Kellow"}}),
		nil, map[string]extract.Kind{"Kellow": extract.Place})
	load(factstest.Article("k", "2026-03-02", factstest.Sentence{Text: "Kellow signed.", Date: "2026-03-02", Orgs: []string{"Kellow"}}), nil, nil)
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "kellow", Limit: 5})
	if len(ents) != 2 {
		t.Errorf("kellow = %d entities, want the place and the organisation apart", len(ents))
	}
	// Removing every source leaves nothing behind.
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"} {
		if err := db.RemoveSource(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	x, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Entities) != 0 || len(x.Events) != 0 {
		t.Errorf("left after removing every source: %d entities, %d events", len(x.Entities), len(x.Events))
	}
}

// TestResolveMergeInOneArticle checks that an article naming both a
// stored fragment ("GM") and the full name that absorbs it loads, with
// its counts on the surviving entity.
func TestResolveMergeInOneArticle(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.LoadSource(ctx, factstest.Article("a", "2026-01-05", factstest.Sentence{Text: "GM cut 900 jobs on Monday.", Date: "2026-01-05", Orgs: []string{"GM"}})); err != nil {
		t.Fatal(err)
	}
	in := factstest.Article("b", "2026-01-06",
		factstest.Sentence{Text: "GM said on Tuesday it would hire again.", Date: "2026-01-06", Orgs: []string{"GM"}},
		factstest.Sentence{Text: "General Motors (GM) opened a plant on Tuesday.", Date: "2026-01-06", Orgs: []string{"General Motors"}})
	for i := range in.Doc.Entities {
		if in.Doc.Entities[i].Name == "General Motors" {
			in.Doc.Entities[i].Aliases = []string{"GM"}
		}
	}
	if _, err := db.LoadSource(ctx, in); err != nil {
		t.Fatal(err)
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "gm", Limit: 5})
	if err != nil || len(ents) != 1 || ents[0].Name != "General Motors" {
		t.Fatalf("gm = %+v, %v", ents, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil || p.SourcesTotal != 2 || p.EventsTotal != 3 {
		t.Fatalf("profile: %d sources, %d events, %v", p.SourcesTotal, p.EventsTotal, err)
	}
}
