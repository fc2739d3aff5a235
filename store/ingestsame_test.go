package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/internal/meantime"
	"briefbot/source"
	"briefbot/store"
)

// meantimeIngest loads the MEANTIME texts into a fresh database as the
// scale benchmarks do (each text again per round under a new name,
// published a day later), with a few guild-owned articles, a reload of a
// source with another text, two removals and a round after them, and
// returns a dump of what the store holds: the export and the happenings'
// rows, disagreements and views.
func meantimeIngest(t *testing.T, docs []meantime.Doc, rounds int) string {
	t.Helper()
	ctx := context.Background()
	db := store.NewDB(filepath.Join(t.TempDir(), "db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	m := &source.Manager{Loader: &source.Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
	article := func(i, round int) source.Article {
		d := docs[i]
		a := source.Article{Source: fmt.Sprintf("%s-%d", d.Name, round), Location: d.URL, Title: d.Name,
			Published: d.Published.AddDate(0, 0, round), Text: d.Text}
		if round == 1 && i%30 == 0 {
			a.Guild = "100000000000000001"
		}
		return a
	}
	load := func(arts []source.Article) {
		for len(arts) > 0 {
			n := min(100, len(arts))
			for _, r := range m.LoadArticles(ctx, arts[:n]) {
				if r.Status == store.ResultFailed {
					t.Fatalf("%s: %s", r.Name, r.Error)
				}
			}
			arts = arts[n:]
		}
	}
	var arts []source.Article
	for round := range rounds {
		for i := range docs {
			arts = append(arts, article(i, round))
		}
	}
	load(arts)
	// A source reloaded with another text, and two removed.
	re := article(5, 1)
	re.Text = docs[6].Text
	load([]source.Article{re})
	for _, name := range []string{docs[7].Name + "-0", docs[8].Name + "-2"} {
		if err := db.RemoveSource(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	arts = arts[:0]
	for i := range docs {
		arts = append(arts, article(i, rounds))
	}
	load(arts)

	x, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(x, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(js)
	conn, err := sql.Open("sqlite3", "file:"+db.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// entity_kinds is what its triggers keep it: the kinds of each
	// entity's sources, counted.
	var stray int
	if err := conn.QueryRow(`SELECT COUNT(*) FROM (
		SELECT * FROM (SELECT entity_id, kind, COUNT(*), SUM(mentions), MIN(source_id) FROM entity_sources WHERE kind != '' GROUP BY entity_id, kind
			EXCEPT SELECT entity_id, kind, sources, mentions, first_source FROM entity_kinds)
		UNION ALL SELECT * FROM (SELECT entity_id, kind, sources, mentions, first_source FROM entity_kinds
			EXCEPT SELECT entity_id, kind, COUNT(*), SUM(mentions), MIN(source_id) FROM entity_sources WHERE kind != '' GROUP BY entity_id, kind))`).Scan(&stray); err != nil {
		t.Fatal(err)
	} else if stray != 0 {
		t.Errorf("entity_kinds: %d rows differ from entity_sources' counts", stray)
	}
	for _, q := range []string{
		`SELECT id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id, first_published, last_published,
			source_count, report_count, inferred, disputed, guild_reports FROM happenings ORDER BY id`,
		`SELECT happening_id, about, vals FROM disagreements ORDER BY happening_id, id`,
		`SELECT * FROM happening_views ORDER BY happening_id, guild_id`,
		`SELECT id, happening_id FROM events ORDER BY id`,
	} {
		rows, err := conn.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%q\n", vals)
			n++
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if n == 0 && !strings.Contains(q, "happening_views") {
			t.Errorf("no rows: %s", q)
		}
	}
	return b.String()
}

// TestIngestDump_MEANTIME loads the MEANTIME texts in three rounds (see
// meantimeIngest) and writes the dump to $BRIEFBOT_INGEST_DUMP when set,
// so that two versions of the loader can be compared byte for byte. It
// checks that updating happenings from their aggregates stores what
// working them out from all their reports does.
func TestIngestDump_MEANTIME(t *testing.T) {
	dir, ok := meantime.Find(".")
	if !ok {
		t.Skip("MEANTIME corpus not found")
	}
	if testing.Short() {
		t.Skip("loads 360 articles")
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := meantimeIngest(t, docs, 3)
	restore := store.SetIncrementalHappenings(false)
	want := meantimeIngest(t, docs, 3)
	restore()
	if got != want {
		g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d: incremental\n%s\nfrom all reports\n%s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("incremental dump has %d lines, from all reports %d", len(g), len(w))
	}
	if out := os.Getenv("BRIEFBOT_INGEST_DUMP"); out != "" {
		if err := os.WriteFile(out, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
