package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"briefbot/store"
)

func TestDB_Reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	for i := 0; i < 2; i++ {
		db := store.NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if i == 0 {
			mustLoad(t, db)
		}
		srcs, err := db.FindSources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) != 3 {
			t.Fatalf("open %d: %d sources, want 3", i, len(srcs))
		}
		MustCloseDB(t, db)
	}
}

func TestLoadSource_Statuses(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	in := store.SourceInput{Name: "rutte", Title: "Rutte", Published: "2025-10-22", Text: textRutte, Doc: rutteDoc()}
	res, err := db.LoadSource(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.ResultAdded || res.Events != 3 || res.Quotes != 1 || res.Entities != 6 || res.Mentions == 0 {
		t.Fatalf("first load: %+v", res)
	}
	if h, ok, err := db.SourceHash(ctx, "rutte"); err != nil || !ok || h != in.Hash() {
		t.Fatalf("SourceHash = %q, %v, %v; want %q", h, ok, err, in.Hash())
	}

	res2, err := db.LoadSource(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Status != store.ResultUnchanged || res2.Events != 3 || res2.Quotes != 1 || res2.SourceID != res.SourceID {
		t.Fatalf("second load: %+v", res2)
	}

	// A title edit counts as a change; the facts are replaced, not added.
	in.Title = "Rutte visits Trump"
	res3, err := db.LoadSource(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if res3.Status != store.ResultChanged || res3.SourceID != res.SourceID {
		t.Fatalf("third load: %+v", res3)
	}
	evs, total, err := db.FindEvents(ctx, store.EventFilter{SourceID: res.SourceID})
	if err != nil || total != 3 || len(evs) != 3 {
		t.Fatalf("events after reload: %d/%d, %v", len(evs), total, err)
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "Mark Rutte"})
	if err != nil || len(ents) != 1 || ents[0].Mentions != 3 {
		t.Fatalf("Rutte after reload: %+v, %v", ents, err)
	}

	// A changed text with fewer facts replaces the old ones.
	in.Text = textBudget
	in.Doc = budgetDoc()
	if _, err := db.LoadSource(ctx, in); err != nil {
		t.Fatal(err)
	}
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "Mark Rutte"}); len(ents) != 0 {
		t.Fatalf("Rutte survived the replacement of his only source: %+v", ents)
	}
}

func TestLoadSource_FailureKeepsFacts(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	before, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in := store.SourceInput{Name: "rutte", Title: "Rutte v2", Published: "2025-10-22", Text: textBudget, Doc: budgetDoc()}

	// An error half-way through, as if the process died.
	restore := store.SetLoadHook(func(step string) error {
		if step == "mentions" {
			return errors.New("boom")
		}
		return nil
	})
	if _, err := db.LoadSource(ctx, in); err == nil {
		t.Fatal("load with failing hook succeeded")
	}
	restore()

	// A context cancelled half-way through.
	cctx, cancel := context.WithCancel(ctx)
	restore = store.SetLoadHook(func(step string) error {
		if step == "entities" {
			cancel()
		}
		return nil
	})
	if _, err := db.LoadSource(cctx, in); !errors.Is(err, context.Canceled) {
		t.Fatalf("load with cancelled context: %v, want context.Canceled", err)
	}
	// The same in a batch, whose statements run without the context
	// (statementContext): the transaction still rolls back.
	cctx, cancel = context.WithCancel(ctx)
	defer cancel()
	other := in
	other.Name = "other"
	if _, err := db.LoadSources(cctx, []store.SourceInput{other, in}); !errors.Is(err, context.Canceled) {
		t.Fatalf("batch load with cancelled context: %v, want context.Canceled", err)
	}
	restore()

	if err := db.RecordFailure(ctx, "rutte", "", store.OriginConfig, errors.New("fetch: 503")); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordFailure(ctx, "new", "https://example.com/feed", store.OriginConfig, errors.New("fetch: 404")); err != nil {
		t.Fatal(err)
	}
	after, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Events) != len(before.Events) || len(after.Quotes) != len(before.Quotes) || len(after.Entities) != len(before.Entities) {
		t.Fatalf("facts changed by failed loads: %d/%d events, %d/%d quotes", len(after.Events), len(before.Events), len(after.Quotes), len(before.Quotes))
	}
	if hits, _, _ := db.Search(ctx, "Rutte thanked", 0, 10, ""); len(hits) != 1 {
		t.Fatalf("search after failed load: %d hits, want 1", len(hits))
	}
	srcs, err := db.FindSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*store.Source{}
	for _, s := range srcs {
		byName[s.Name] = s
	}
	if s := byName["rutte"]; s == nil || s.LastResult != store.ResultFailed || s.LastError != "fetch: 503" || s.Events != 3 || s.Title != "Rutte at the White House" {
		t.Fatalf("rutte source: %+v", s)
	}
	if s := byName["new"]; s == nil || s.LastResult != store.ResultFailed || s.Events != 0 || s.Location != "https://example.com/feed" {
		t.Fatalf("new source: %+v", s)
	}
	// The failed-only source is not exported as a source.
	if len(after.Sources) != 3 {
		t.Fatalf("export has %d sources, want 3", len(after.Sources))
	}
}

func TestRemoveSource(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	if err := db.RemoveSource(ctx, "zelensky"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveSource(ctx, "zelensky"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second remove: %v, want ErrNotFound", err)
	}
	// Zelenskyy was only in the removed source; Rutte is still known.
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "Volodymyr Zelenskyy"}); len(ents) != 0 {
		t.Fatalf("Zelenskyy not garbage-collected: %+v", ents)
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"})
	if err != nil || len(ents) != 1 {
		t.Fatalf("rutte: %+v, %v", ents, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.SourcesTotal != 1 || p.EventsTotal != 3 || p.Entity.Mentions != 3 {
		t.Fatalf("profile after remove: sources %d events %d mentions %d", p.SourcesTotal, p.EventsTotal, p.Entity.Mentions)
	}
	for _, a := range p.Aliases {
		if a == "M. Rutte" {
			t.Errorf("alias from removed source kept: %v", p.Aliases)
		}
	}
	if hits, total, _ := db.Search(ctx, "Patriots", 0, 10, ""); total != 0 || len(hits) != 0 {
		t.Fatalf("search finds removed source: %d", total)
	}
}

func TestSourceConfigs(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	c := &store.SourceConfig{Name: "feed", Location: "https://example.com/rss", AddedBy: "admin"}
	if err := db.AddSourceConfig(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.AddedAt == "" {
		t.Fatalf("config not filled in: %+v", c)
	}
	if err := db.AddSourceConfig(ctx, &store.SourceConfig{Name: "feed", Location: "x"}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate: %v", err)
	}
	if err := db.AddSourceConfig(ctx, &store.SourceConfig{Name: "bad", Location: "x", Published: "22/10/2025"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("bad date: %v", err)
	}
	if err := db.AddSourceConfig(ctx, &store.SourceConfig{Name: "", Location: "x"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("no name: %v", err)
	}
	cs, err := db.FindSourceConfigs(ctx)
	if err != nil || len(cs) != 1 || cs[0].Location != "https://example.com/rss" {
		t.Fatalf("find: %+v, %v", cs, err)
	}
	if err := db.RemoveSourceConfig(ctx, "feed"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveSourceConfig(ctx, "feed"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second remove: %v", err)
	}
}
