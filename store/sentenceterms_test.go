package store_test

import (
	"context"
	"slices"
	"testing"

	"briefbot/store"
)

// checkSentenceTerms fails the test unless sentence_terms holds, for
// every word sentences_fts indexes, the number of sentences holding it,
// as the FTS vocabulary counts them, and no other word.
func checkSentenceTerms(t *testing.T, db *store.DB, when string) {
	t.Helper()
	got, err := db.QueryRows(`SELECT term, docs FROM sentence_terms ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.QueryRows(`SELECT term, doc FROM sentences_vocab ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 50 {
		t.Fatalf("%s: only %d words indexed", when, len(want))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: sentence_terms (%d words) differs from sentences_fts's vocabulary (%d words)\n%s", when, len(got), len(want), diffLines(got, want))
	}
}

// TestSentenceTerms_Kept loads, reloads and removes articles and checks
// after each step that sentence_terms counts the sentences of each word
// as the full-text index does; and that a failed load leaves it as it
// was.
func TestSentenceTerms_Kept(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) { checkSentenceTerms(t, db, step) })
	before, err := db.QueryRows(`SELECT term, docs FROM sentence_terms ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	restore := store.SetLoadHook(func(step string) error {
		if step == "events" {
			return context.Canceled
		}
		return nil
	})
	c := newCorpus(11)
	_, err = db.LoadSources(ctx, []store.SourceInput{c.article(900), c.article(901)})
	restore()
	if err == nil {
		t.Fatal("the load did not fail")
	}
	after, err := db.QueryRows(`SELECT term, docs FROM sentence_terms ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, after) {
		t.Fatalf("a failed load changed sentence_terms\n%s", diffLines(after, before))
	}
	checkSentenceTerms(t, db, "after a failed load")
	// The next load on the connection starts from empty counts.
	if _, err := db.LoadSources(ctx, []store.SourceInput{c.article(902)}); err != nil {
		t.Fatal(err)
	}
	checkSentenceTerms(t, db, "after a load following a failed one")
}

// TestSentenceTerms_Migrate opens a database of the schema before
// sentence_terms and checks that the migration counts its words, and
// that removals afterwards keep them. The loads that write an old
// database are today's, which count words: the table goes after them,
// as if the migration had never run.
func TestSentenceTerms_Migrate(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, func(old *store.DB) {
		loadCorpus(t, old, 40)
		if err := old.ExecRaw(`DROP TABLE sentence_terms; DELETE FROM migrations WHERE name LIKE '%/062_%'`); err != nil {
			t.Fatal(err)
		}
	})
	checkSentenceTerms(t, db, "after the migration")
	if err := db.RemoveSource(ctx, "article-00003"); err != nil {
		t.Fatal(err)
	}
	checkSentenceTerms(t, db, "after a removal")
}

// checkSentencesFTS fails the test unless sentences_fts indexes exactly
// the rows of sentences: FTS5's integrity check, with rank 1, compares
// an external-content index with its table.
func checkSentencesFTS(t *testing.T, db *store.DB, when string) {
	t.Helper()
	if err := db.ExecRaw(`INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("%s: sentences_fts: %v", when, err)
	}
	got, err := db.QueryRows(`SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH 'the'`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.QueryRows(`SELECT COUNT(*) FROM sentences WHERE (' ' || lower(text) || ' ') GLOB '*[^a-z]the[^a-z]*'`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) || got[0] == "0" {
		t.Fatalf("%s: %s sentences match 'the', %s hold it", when, got, want)
	}
}

// TestSentencesFTS_Kept checks that the full-text index, which a write
// transaction fills at its end (migration 066), holds the sentences
// after loads, reloads (in the batch that first loaded the source, too)
// and removals, and after a load that failed.
func TestSentencesFTS_Kept(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) { checkSentencesFTS(t, db, step) })
	c := newCorpus(5)
	again := c.article(701)
	again.Name, again.Location = "article-00700", "corpus/article-00700.txt"
	if _, err := db.LoadSources(ctx, []store.SourceInput{c.article(700), c.article(702), again}); err != nil {
		t.Fatal(err)
	}
	checkSentencesFTS(t, db, "after a load and a reload in one batch")
	restore := store.SetLoadHook(func(step string) error {
		if step == "quotes" {
			return context.Canceled
		}
		return nil
	})
	_, err := db.LoadSources(ctx, []store.SourceInput{c.article(900), c.article(901)})
	restore()
	if err == nil {
		t.Fatal("the load did not fail")
	}
	checkSentencesFTS(t, db, "after a failed load")
}
