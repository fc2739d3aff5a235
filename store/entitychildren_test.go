package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"briefbot/internal/factstest"
	"briefbot/store"
)

// childTables are the per-source tables whose entity_id has no foreign
// key since migration 067: nothing deletes their rows when an entity
// goes, so the store must never leave one behind.
var childTables = []string{"mentions", "aliases", "entity_places"}

// checkEntityChildren fails the test if a row of childTables names an
// entity that is gone, or a (source, entity) pair without its
// entity_sources row (which is what lets an entity be deleted without
// looking in these tables).
func checkEntityChildren(t *testing.T, db *store.DB, when string) {
	t.Helper()
	for _, table := range childTables {
		got, err := db.QueryRows(`SELECT
			(SELECT COUNT(*) FROM ` + table + ` c WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = c.entity_id)),
			(SELECT COUNT(*) FROM ` + table + ` c WHERE NOT EXISTS (SELECT 1 FROM entity_sources es WHERE es.source_id = c.source_id AND es.entity_id = c.entity_id))`)
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != "0 0" {
			t.Errorf("%s: %s rows of a deleted entity, without entity_sources: %s", when, table, got[0])
		}
	}
}

// checkEntityCounts fails the test unless every entity's mention,
// source and event counts are those of its stored rows (which merges
// keep by adding what the merged entity brings rather than by counting
// again).
func checkEntityCounts(t *testing.T, db *store.DB, when string) {
	t.Helper()
	bad, err := db.QueryRows(`SELECT e.id, e.mention_count, e.source_count, e.event_count,
			(SELECT COALESCE(SUM(mentions), 0) FROM entity_sources WHERE entity_id = e.id) AS m,
			(SELECT COUNT(*) FROM entity_sources WHERE entity_id = e.id) AS s,
			(SELECT COUNT(*) FROM event_entities WHERE entity_id = e.id) AS v
		FROM entities e WHERE e.mention_count != m OR e.source_count != s OR e.event_count != v`)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("%s: counts (id, kept m s e, counted m s e) differ:\n%s", when, strings.Join(bad, "\n"))
	}
}

// childRows returns every row of childTables, table by table.
func childRows(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT 'm', id, entity_id, source_id, start, "end", text FROM mentions ORDER BY id`,
		`SELECT 'a', source_id, entity_id, norm, alias FROM aliases ORDER BY 2, 3, 4`,
		`SELECT 'p', source_id, entity_id, place_norm, place FROM entity_places ORDER BY 2, 3, 4`,
	} {
		rows, err := db.QueryRows(q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rows...)
	}
	return out
}

// TestEntityChildren_Kept loads, reloads and removes articles, and
// merges a stored fragment into the full name that absorbs it, checking
// after each step that no mention, alias or place row outlives its
// entity.
func TestEntityChildren_Kept(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) {
		checkEntityChildren(t, db, step)
		checkEntityCounts(t, db, step)
	})

	// "GM" is stored alone, then folded into General Motors, which is
	// deleted.
	if _, err := db.LoadSource(ctx, factstest.Article("gm-a", "2026-01-05", factstest.Sentence{Text: "GM cut 900 jobs on Monday.", Date: "2026-01-05", Orgs: []string{"GM"}})); err != nil {
		t.Fatal(err)
	}
	gm, err := db.QueryRows(`SELECT entity_id FROM aliases WHERE source_id = (SELECT id FROM sources WHERE name = 'gm-a')`)
	if err != nil || len(gm) != 1 {
		t.Fatalf("aliases of gm-a: %v %v", gm, err)
	}
	in := factstest.Article("gm-b", "2026-01-06",
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
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM entities WHERE id = ?`, gm[0]); err != nil || n[0] != "0" {
		t.Fatalf("fragment %s not merged away: %v %v", gm[0], n, err)
	}
	for _, table := range childTables {
		if n, err := db.QueryRows(`SELECT COUNT(*) FROM `+table+` WHERE entity_id = ?`, gm[0]); err != nil || n[0] != "0" {
			t.Errorf("%s rows of the merged fragment: %v %v", table, n, err)
		}
	}
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM mentions WHERE source_id = (SELECT id FROM sources WHERE name = 'gm-a')`); err != nil || n[0] != "1" {
		t.Errorf("gm-a's mention did not move to the survivor: %v %v", n, err)
	}
	checkEntityChildren(t, db, "after a merge")
	checkEntityCounts(t, db, "after a merge")

	// Removing both leaves General Motors without sources: it goes, and
	// nothing of it stays behind.
	for _, name := range []string{"gm-a", "gm-b"} {
		if err := db.RemoveSource(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM entity_names WHERE norm IN ('gm', 'general motors')`); err != nil || n[0] != "0" {
		t.Errorf("General Motors outlived its sources: %v %v", n, err)
	}
	checkEntityChildren(t, db, "after removing the merged entity's sources")
}

// TestEntityChildren_Migrate opens a database of the schema before
// migration 067, with loads, reloads and removals in it, and checks that
// the migration keeps every row, drops the foreign keys on entity_id and
// the indexes that served them, and that removals still leave nothing
// behind.
func TestEntityChildren_Migrate(t *testing.T) {
	ctx := context.Background()
	var before []string
	db := openUpgraded(t, func(old *store.DB) {
		loadReloadRemove(t, old, func(string) {})
		before = childRows(t, old)
	}, "067")
	if len(before) < 100 {
		t.Fatalf("only %d rows before the migration", len(before))
	}
	if after := childRows(t, db); !slices.Equal(after, before) {
		t.Fatalf("rows changed: %d before, %d after\n%s", len(before), len(after), diffLines(after, before))
	}
	for _, table := range childTables {
		fks, err := db.QueryRows(`SELECT "table" || '.' || "to" FROM pragma_foreign_key_list(?) ORDER BY 1`, table)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fks, []string{"sources.id"}) {
			t.Errorf("%s references %v, want only sources.id", table, fks)
		}
	}
	if idx, err := db.QueryRows(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%entity_id'`); err != nil || len(idx) != 0 {
		t.Errorf("indexes left: %v %v", idx, err)
	}
	if bad, err := db.QueryRows(`SELECT * FROM pragma_foreign_key_check`); err != nil || len(bad) != 0 {
		t.Errorf("foreign key check: %v %v", bad, err)
	}
	checkEntityChildren(t, db, "after the migration")
	for _, name := range []string{"article-00001", "article-00002", "article-00040"} {
		if err := db.RemoveSource(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	checkEntityChildren(t, db, "after removals")
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM mentions WHERE source_id NOT IN (SELECT id FROM sources)`); err != nil || n[0] != "0" {
		t.Errorf("mentions of removed sources: %v %v", n, err)
	}
}
