package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestExport_Golden(t *testing.T) {
	db := MustOpenDB(t)
	mustLoad(t, db)
	x, err := db.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "export.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (run with -update after checking):\n%s", golden, got)
	}

	// The shape other tools read: exactly these keys.
	var shape map[string][]map[string]any
	if err := json.Unmarshal(got, &shape); err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{
		"sources":  {"id", "title", "url", "published"},
		"entities": {"id", "name", "kind", "aliases", "roles", "sources"},
		"events":   {"id", "date", "precision", "summary", "sentence", "entities", "source", "reports", "sources"},
		"quotes":   {"speaker", "text", "date", "source"},
	}
	for list, ks := range keys {
		if len(shape[list]) == 0 {
			t.Fatalf("%s empty", list)
		}
		for _, item := range shape[list] {
			if len(item) != len(ks) {
				t.Errorf("%s item has keys %v, want %v", list, item, ks)
			}
			for _, k := range ks {
				if _, ok := item[k]; !ok {
					t.Errorf("%s item lacks %q", list, k)
				}
			}
		}
	}
}

// TestExport_ManyReports exports a database with more reports than
// SQLite binds in one statement (32,766): a query per chunk, not one IN
// list of every report.
func TestExport_ManyReports(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	path := db.Path
	MustCloseDB(t, db)

	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	rows, err := raw.Query(`SELECT name FROM pragma_table_info('events') WHERE name != 'id'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, `"`+c+`"`)
	}
	rows.Close()
	var before int
	if err := raw.QueryRow(`SELECT count(*) FROM events`).Scan(&before); err != nil || before == 0 {
		t.Fatalf("events: %d, %v", before, err)
	}
	copies := 33000/before + 1
	list := strings.Join(cols, ", ")
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
		INSERT INTO events (`+list+`) SELECT `+list+` FROM events, n`, copies); err != nil {
		t.Fatal(err)
	}
	var total int
	if err := raw.QueryRow(`SELECT count(*) FROM events`).Scan(&total); err != nil || total <= 32766 {
		t.Fatalf("events after copying: %d, %v", total, err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db = store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer MustCloseDB(t, db)
	x, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports := 0
	for _, e := range x.Events {
		reports += len(e.Reports)
		if len(e.Entities) == 0 && len(e.Reports) > 1 {
			t.Errorf("event %s of %d reports lost its participants", e.ID, len(e.Reports))
		}
	}
	if reports != total {
		t.Errorf("export has %d reports, the database %d", reports, total)
	}
}
