package store_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/store"
)

// TestMigrate_FTSColumnsize loads sources into a database made before
// 006 rebuilt the full-text index, migrates it, and checks that searches
// (words, phrases, ranking, snippets) answer as before and that the
// index stays in step with later reloads and removals.
func TestMigrate_FTSColumnsize(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db")
	// 066 drops the trigger 006 makes again: it comes after.
	restore := store.SetMigrationFilter(func(name string) bool {
		return !strings.Contains(name, "/006_") && !strings.Contains(name, "/066_")
	})
	old := store.NewDB(path)
	if err := old.Open(); err != nil {
		restore()
		t.Fatal(err)
	}
	restore()
	mustLoad(t, old)
	queries := []string{"Rutte", `"White House"`, `"house white"`, "Zelenskyy Brussels", "commission", "budget"}
	type result struct {
		hits  []*store.SearchHit
		total int
	}
	before := map[string]result{}
	for _, q := range queries {
		hits, total, err := old.Search(ctx, q, 0, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		before[q] = result{hits, total}
	}
	if before["Rutte"].total == 0 || before[`"White House"`].total == 0 || before[`"house white"`].total != 0 {
		t.Fatalf("unexpected searches before the upgrade: %+v", before)
	}
	MustCloseDB(t, old)

	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer MustCloseDB(t, db)
	if err := db.ExecRaw(`INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("index after upgrade: %v", err)
	}
	for _, q := range queries {
		hits, total, err := db.Search(ctx, q, 0, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		want := before[q]
		if total != want.total || len(hits) != len(want.hits) {
			t.Fatalf("search %s: %d/%d hits after upgrade, want %d/%d", q, len(hits), total, len(want.hits), want.total)
		}
		for i, h := range hits {
			w := want.hits[i]
			if h.Source.Name != w.Source.Name || h.Start != w.Start || h.Snippet != w.Snippet || math.Abs(h.Rank-w.Rank) > 1e-9 {
				t.Errorf("search %s hit %d: %+v (rank %v), want %+v (rank %v)", q, i, h, h.Rank, w, w.Rank)
			}
		}
	}

	// Reloads and removals keep the rebuilt index in step.
	if _, err := db.LoadSource(ctx, store.SourceInput{Name: "rutte", Title: "Changed", Published: "2025-10-22", Text: textBudget, Doc: budgetDoc()}); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveSource(ctx, "zelensky"); err != nil {
		t.Fatal(err)
	}
	if err := db.ExecRaw(`INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("index after reload and removal: %v", err)
	}
	hits, _, err := db.Search(ctx, "budget", 0, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, h := range hits {
		names[h.Source.Name] = true
	}
	if !names["rutte"] || !names["budget"] {
		t.Errorf("budget after reload found in %v, want rutte and budget", names)
	}
	for _, q := range []string{"Zelenskyy", `"White House"`} {
		if _, total, err := db.Search(ctx, q, 0, 10, ""); err != nil || total != 0 {
			t.Errorf("search %s after reload and removal: %d hits, %v; want none", q, total, err)
		}
	}
}
