package store_test

import (
	"context"
	"slices"
	"testing"

	"briefbot/store"
)

// checkEventWords fails the test unless event_words holds exactly what
// migration 061 says of every report: for each word of the sentences,
// and for a phrase, the reports whose sentence sentences_fts matches,
// under their (date, id) key and with their happening and source.
func checkEventWords(t *testing.T, db *store.DB, when string) {
	t.Helper()
	terms, err := db.QueryRows(`SELECT term FROM sentences_vocab ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) < 50 {
		t.Fatalf("%s: only %d words indexed", when, len(terms))
	}
	queries := []string{`"talks in"`, `"the" "ceasefire"`}
	for _, term := range terms {
		queries = append(queries, `"`+term+`"`)
	}
	matched := 0
	for _, q := range queries {
		got, err := db.QueryRows(`SELECT rowid, happening, source FROM event_words WHERE event_words MATCH ? ORDER BY rowid`, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.QueryRows(`SELECT CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id, e.happening_id, e.source_id
			FROM events e WHERE e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?) ORDER BY 1`, q)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: event_words MATCH %s (%d rows) differs from the reports on sentences that match (%d rows)\n%s", when, q, len(got), len(want), diffLines(got, want))
		}
		matched += len(got)
	}
	if matched == 0 {
		t.Fatalf("%s: no report matched any word", when)
	}
}

// TestEventWords_Kept loads articles whose events merge across sources,
// reloads some with other contents and removes others, and checks after
// each step that event_words indexes every report's sentence under its
// key, and no removed report.
func TestEventWords_Kept(t *testing.T) {
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) { checkEventWords(t, db, step) })
}

// TestEventWords_Migrate opens a database of the schema before
// event_words, with reports in it, and checks that the migration indexes
// them, and that a removal afterwards takes its reports out.
func TestEventWords_Migrate(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, func(old *store.DB) { loadCorpus(t, old, 60) }, "061")
	checkEventWords(t, db, "after the migration")
	if err := db.RemoveSource(ctx, "article-00003"); err != nil {
		t.Fatal(err)
	}
	checkEventWords(t, db, "after a removal")
}

// TestEventWords_Key checks that the rowid key sorts as the walk does,
// (sort_start, id), across days, months, years and the undated.
func TestEventWords_Key(t *testing.T) {
	dates := []string{"", "0999-12-31", "1955-01-01", "2024-01-31", "2024-02-01", "2024-12-31", "2025-01-01", "9999-12-31"}
	var prev int64 = -1
	for _, d := range dates {
		for _, id := range []int64{1, 2, 1<<32 - 1} {
			k := store.WordsKey(d, id)
			if k <= prev {
				t.Fatalf("key(%q, %d) = %d, not above the key before, %d", d, id, k, prev)
			}
			prev = k
			if gd, gid := store.WordsPair(k); gd != d || gid != id {
				t.Fatalf("key(%q, %d) decodes as (%q, %d)", d, id, gd, gid)
			}
		}
	}
}
