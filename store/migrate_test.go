package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/store"
)

// TestMigrate_Upgrade opens a database at the schema main shipped with
// (001-003 and the bot's and digests' migrations), with facts in it, and
// checks that the later migrations keep them usable.
func TestMigrate_Upgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db")
	// Without 066, the trigger indexes the sentences inserted below.
	// Without 067, which rebuilds mentions without the index 005 drops:
	// 005 must run before it, as on a real database of that schema.
	restore := store.SetMigrationFilter(func(name string) bool {
		return !strings.Contains(name, "/004_") && !strings.Contains(name, "/005_") && !strings.Contains(name, "/066_") &&
			!strings.Contains(name, "/067_")
	})
	old := store.NewDB(path)
	if err := old.Open(); err != nil {
		restore()
		t.Fatal(err)
	}
	restore()
	for _, q := range []string{
		`INSERT INTO sources (id, name, title, published, content_hash, text) VALUES (1, 'a', 'A', '2025-10-22', 'h', 'Mark Rutte met Trump in Kyiv.')`,
		`INSERT INTO entities (id, name, norm, kind, first, surname, tokens, mention_count, event_count, source_count) VALUES
			(1, 'Mark Rutte', 'mark rutte', 'person', 'mark', 'rutte', 2, 1, 1, 1),
			(2, 'Kyiv', 'kyiv', 'place', '', 'kyiv', 1, 1, 1, 1)`,
		`INSERT INTO aliases (entity_id, alias, norm, source_id) VALUES (1, 'Mark Rutte', 'mark rutte', 1), (2, 'Kyiv', 'kyiv', 1)`,
		`INSERT INTO entity_names (entity_id, norm, alias, uses) VALUES (1, 'mark rutte', 'Mark Rutte', 1), (2, 'kyiv', 'Kyiv', 1)`,
		`INSERT INTO entity_places (entity_id, place, place_norm, source_id) VALUES (2, 'Ukraine', 'ukraine', 1)`,
		`INSERT INTO entity_place_names (entity_id, place_norm, place, uses) VALUES (2, 'ukraine', 'Ukraine', 1)`,
		`INSERT INTO entity_sources (entity_id, source_id, mentions, events, published) VALUES (1, 1, 1, 1, '2025-10-22'), (2, 1, 1, 1, '2025-10-22')`,
		`INSERT INTO mentions (entity_id, source_id, start, "end", text) VALUES (1, 1, 0, 10, 'Mark Rutte'), (2, 1, 24, 28, 'Kyiv')`,
		`INSERT INTO sentences (id, source_id, start, "end", text) VALUES (1, 1, 0, 29, 'Mark Rutte met Trump in Kyiv.')`,
		`INSERT INTO events (id, source_id, date, precision, sort_start, sort_end, summary, sentence, start, "end", sentence_id, terms) VALUES
			(1, 1, '2025-10-22', 'day', '2025-10-22', '2025-10-22', 'Rutte met Trump', 'Mark Rutte met Trump in Kyiv.', 0, 29, 1, ' mark rutte met trump in kyiv ')`,
		`INSERT INTO event_entities (event_id, entity_id, sort_start) VALUES (1, 1, '2025-10-22'), (1, 2, '2025-10-22')`,
	} {
		if err := old.ExecRaw(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	MustCloseDB(t, old)

	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer MustCloseDB(t, db)
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"})
	if err != nil || len(ents) != 1 {
		t.Fatalf("rutte after upgrade: %v, %v", ents, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil || p.SourcesTotal != 1 || len(p.Sources) != 1 || p.EventsTotal != 1 {
		t.Fatalf("profile after upgrade: %+v, %v", p, err)
	}
	if evs, n, err := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID}); err != nil || len(evs) != 1 || n != 1 {
		t.Fatalf("rutte's events after upgrade: %d of %d, %v", len(evs), n, err)
	}
	if evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: "ukraine"}); err != nil || len(evs) != 1 {
		t.Fatalf("ukraine after upgrade: %d, %v", len(evs), err)
	}
	srcs, err := db.FindSources(ctx)
	if err != nil || len(srcs) != 1 || srcs[0].Events != 1 || srcs[0].Entities != 2 {
		t.Fatalf("sources after upgrade: %+v, %v", srcs, err)
	}
	if err := db.RemoveSource(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"}); len(ents) != 0 {
		t.Fatalf("rutte survived removal after upgrade: %v", ents)
	}
}

// TestOpen_NewerSchema checks that a database a newer briefbot migrated is
// refused with a clear error instead of being read and written with a
// schema this binary does not know.
func TestOpen_NewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	if err := db.ExecRaw(`INSERT INTO migrations (name, applied_at) VALUES ('migration/999_from_the_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	MustCloseDB(t, db)

	again := store.NewDB(path)
	err := again.Open()
	if err == nil {
		MustCloseDB(t, again)
		t.Fatal("opened a database with an unknown migration")
	}
	if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), "999_from_the_future.sql") {
		t.Fatalf("err = %v, want ErrNewerSchema naming the migration", err)
	}
}

// TestOpen_UpToDateReadsOnly checks that opening an up-to-date database
// makes no write connection (each connection reads the whole schema
// again, a third of `briefbot ask`'s open), that a first write still
// works, and that a database missing a migration is still migrated.
func TestOpen_UpToDateReadsOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db")
	restore := store.SetMigrationFilter(func(name string) bool { return !strings.Contains(name, "/060_") })
	old := store.NewDB(path)
	if err := old.Open(); err != nil {
		restore()
		t.Fatal(err)
	}
	restore()
	if w, _ := old.OpenConns(); w != 1 {
		t.Errorf("creating the database: %d write connections, want 1", w)
	}
	MustCloseDB(t, old)

	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	if w, _ := db.OpenConns(); w != 1 {
		t.Errorf("migrating 060: %d write connections, want 1", w)
	}
	if rows, err := db.QueryRows(`SELECT COUNT(*) FROM migrations WHERE name = 'migration/060_topic_happenings.sql'`); err != nil || len(rows) != 1 || rows[0] != "1" {
		t.Fatalf("060 after reopening: %v, %v", rows, err)
	}
	MustCloseDB(t, db)

	db = store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer MustCloseDB(t, db)
	if w, r := db.OpenConns(); w != 0 || r != 1 {
		t.Errorf("up to date: %d write and %d read connections, want 0 and 1", w, r)
	}
	if has, err := db.HasSources(ctx); err != nil || has {
		t.Fatalf("HasSources = %v, %v on an empty database", has, err)
	}
	if _, r := db.OpenConns(); r != 1 {
		t.Errorf("the first query made another read connection: %d", r)
	}
	if err := db.ExecRaw(`INSERT INTO sources (id, name, title, published, content_hash, text) VALUES (1, 'a', 'A', '2025-10-22', 'h', 'x')`); err != nil {
		t.Fatal(err)
	}
	if has, err := db.HasSources(ctx); err != nil || !has {
		t.Fatalf("HasSources = %v, %v after a write", has, err)
	}
}
