package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"briefbot/store"
)

// checkEventWords fails the test unless event_word_groups is the fold of
// the reports by merged event (or lone report) and sentence text, with
// the key of the first report and the count, event_words indexes it
// (FTS5's integrity check), and for each word of the sentences, and some
// phrases, the first row of each merged event in event_words is its
// first report whose sentence sentences_fts matches.
func checkEventWords(t *testing.T, db *store.DB, when string) {
	t.Helper()
	const key = `CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id`
	const h = `IIF(e.happening_id != 0, e.happening_id, -e.id)`
	got, err := db.QueryRows(`SELECT key, happening, text, n FROM event_word_groups ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.QueryRows(`SELECT MIN(` + key + `) AS k, ` + h + ` AS h, s.text, COUNT(*)
		FROM events e JOIN sentences s ON s.id = e.sentence_id GROUP BY h, s.text ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: event_word_groups (%d rows) differs from the fold of the reports (%d rows)\n%s", when, len(got), len(want), diffLines(got, want))
	}
	if err := db.ExecRaw(`INSERT INTO event_words (event_words, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("%s: event_words: %v", when, err)
	}
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
		got, err := db.QueryRows(`SELECT happening, MIN(rowid) AS k FROM event_words WHERE event_words MATCH ? GROUP BY happening ORDER BY k`, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.QueryRows(`SELECT `+h+` AS h, MIN(`+key+`) AS k FROM events e
			WHERE e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?) GROUP BY h ORDER BY k`, q)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: event_words MATCH %s (%d merged events) differs from the first reports on sentences that match (%d)\n%s", when, q, len(got), len(want), diffLines(got, want))
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
	ctx := context.Background()
	loadReloadRemove(t, db, func(step string) { checkEventWords(t, db, step) })
	// Copies of articles under other names, as feeds repeat a story:
	// their reports join the merged events of the originals with the
	// same wording. Then the originals, whose reports came first, go,
	// and some copies are reloaded with other contents.
	c := newCorpus(3) // as loadReloadRemove's, drawn in the same order
	var batch []store.SourceInput
	for i := range 60 {
		in := c.article(i)
		if i < 30 {
			continue
		}
		in.Name, in.Location = fmt.Sprintf("copy-%05d", i), fmt.Sprintf("corpus/copy-%05d.txt", i)
		batch = append(batch, in)
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	checkEventWords(t, db, "after copies")
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM event_word_groups WHERE n > 1`); err != nil || n[0] == "0" {
		t.Fatalf("no wording told by several reports of a merged event: %v %v", n, err)
	}
	for i := 30; i < 40; i++ {
		if err := db.RemoveSource(ctx, fmt.Sprintf("article-%05d", i)); err != nil {
			t.Fatal(err)
		}
	}
	checkEventWords(t, db, "after removing originals")
	batch = batch[:0]
	for i := 50; i < 55; i++ {
		in := c.article(700 + i)
		in.Name, in.Location = fmt.Sprintf("copy-%05d", i), fmt.Sprintf("corpus/copy-%05d.txt", i)
		batch = append(batch, in)
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	checkEventWords(t, db, "after reloading copies")
	// Nothing in the store changes a report or a sentence once written;
	// the triggers that would follow such a change are checked here.
	for _, q := range []string{
		// The first reports of some groups of many move to the end.
		`UPDATE events SET sort_start = '2031-01-01' WHERE id IN (SELECT key & 4294967295 FROM event_word_groups WHERE n > 1 LIMIT 5)`,
		// Some sentences of merged events change wording.
		`UPDATE sentences SET text = text || ' Ceasefire talks.' WHERE id IN (SELECT e.sentence_id FROM events e WHERE e.happening_id != 0 ORDER BY e.id LIMIT 7)`,
		// And one gets another sentence's wording, joining its groups.
		`UPDATE sentences SET text = (SELECT s.text FROM sentences s JOIN events e ON e.sentence_id = s.id WHERE e.happening_id != 0 ORDER BY e.id DESC LIMIT 1)
			WHERE id = (SELECT e.sentence_id FROM events e WHERE e.happening_id != 0 ORDER BY e.id LIMIT 1 OFFSET 20)`,
	} {
		if err := db.ExecRaw(q); err != nil {
			t.Fatal(err)
		}
		checkEventWords(t, db, q)
	}
}

// TestEventWords_Migrate opens a database of the schema before
// event_words, with reports in it, and checks that the migration indexes
// them, and that a removal afterwards takes its reports out.
func TestEventWords_Migrate(t *testing.T) {
	ctx := context.Background()
	// 063 replaces a trigger of 061's, and 068 drops it, so they wait
	// for it.
	db := openUpgraded(t, func(old *store.DB) { loadCorpus(t, old, 60) }, "061", "063", "068")
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
