package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"briefbot/store"
)

// checkEntityHappenings fails the test unless entity_happenings holds
// exactly the fold of event_entities: one row per entity and happening
// (or lone report) with its first and last link in date order and its
// link count.
func checkEntityHappenings(t *testing.T, db *store.DB, when string) {
	t.Helper()
	got, err := db.QueryRows(`SELECT entity_id, happening, first_start, first_event, last_start, last_event, n FROM entity_happenings ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.QueryRows(`SELECT entity_id, h,
			(SELECT sort_start FROM event_entities x WHERE x.entity_id = g.entity_id AND IIF(x.happening_id != 0, x.happening_id, -x.event_id) = g.h ORDER BY sort_start, event_id LIMIT 1),
			(SELECT event_id FROM event_entities x WHERE x.entity_id = g.entity_id AND IIF(x.happening_id != 0, x.happening_id, -x.event_id) = g.h ORDER BY sort_start, event_id LIMIT 1),
			(SELECT sort_start FROM event_entities x WHERE x.entity_id = g.entity_id AND IIF(x.happening_id != 0, x.happening_id, -x.event_id) = g.h ORDER BY sort_start DESC, event_id DESC LIMIT 1),
			(SELECT event_id FROM event_entities x WHERE x.entity_id = g.entity_id AND IIF(x.happening_id != 0, x.happening_id, -x.event_id) = g.h ORDER BY sort_start DESC, event_id DESC LIMIT 1),
			n
		FROM (SELECT entity_id, IIF(happening_id != 0, happening_id, -event_id) AS h, COUNT(*) AS n FROM event_entities GROUP BY 1, 2) g ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: entity_happenings (%d rows) differs from the fold of event_entities (%d rows)\n%s", when, len(got), len(want), diffLines(got, want))
	}
}

// checkQuoteCounts fails the test unless every entity's quote_count is
// the number of quotes it is the speaker of.
func checkQuoteCounts(t *testing.T, db *store.DB, when string) {
	t.Helper()
	bad, err := db.QueryRows(`SELECT e.id, e.quote_count, (SELECT COUNT(*) FROM quotes q WHERE q.speaker_entity_id = e.id) AS n
		FROM entities e WHERE e.quote_count != n`)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("%s: quote counts (id, kept, counted) differ:\n%s", when, strings.Join(bad, "\n"))
	}
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM entities WHERE quote_count > 0`); err != nil || n[0] == "0" {
		t.Fatalf("%s: no entity with quotes: %v %v", when, n, err)
	}
}

func diffLines(got, want []string) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)) && b.Len() < 2000; i++ {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			fmt.Fprintf(&b, "got  %s\nwant %s\n", g, w)
		}
	}
	return b.String()
}

// TestEntityHappenings_Kept loads articles whose events merge across
// sources, reloads some with other contents and removes others, and
// checks after each step that entity_happenings is the fold of
// event_entities, and that /who's event pages read the same either way.
func TestEntityHappenings_Kept(t *testing.T) {
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) {
		checkEntityHappenings(t, db, step)
		checkQuoteCounts(t, db, step)
		if step != "after loads" {
			return
		}
		if n, err := db.QueryRows(`SELECT COUNT(*) FROM entity_happenings WHERE n > 1`); err != nil || n[0] == "0" {
			t.Fatalf("no merged event with several links: %v %v", n, err)
		}
	})
}

// loadCorpus loads the first n articles of a corpus whose events merge
// across sources, one at a time.
func loadCorpus(t *testing.T, db *store.DB, n int) {
	t.Helper()
	c := newCorpus(5)
	for i := range n {
		if _, err := db.LoadSource(context.Background(), c.article(i)); err != nil {
			t.Fatal(err)
		}
	}
}

// loadReloadRemove loads 120 articles whose events merge across sources,
// reloads 20 of them with other articles' contents and removes five,
// calling check after each of the three steps.
func loadReloadRemove(t *testing.T, db *store.DB, check func(step string)) {
	t.Helper()
	ctx := context.Background()
	c := newCorpus(3)
	var batch []store.SourceInput
	for i := range 120 {
		batch = append(batch, c.article(i))
		if len(batch) == 40 {
			if _, err := db.LoadSources(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	check("after loads")
	// Reloads: the same names with another article's contents.
	for i := 10; i < 30; i++ {
		in := c.article(500 + i)
		in.Name, in.Location = fmt.Sprintf("article-%05d", i), fmt.Sprintf("corpus/article-%05d.txt", i)
		batch = append(batch, in)
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	check("after reloads")
	for _, i := range []int{0, 5, 50, 119, 77} {
		if err := db.RemoveSource(ctx, fmt.Sprintf("article-%05d", i)); err != nil {
			t.Fatal(err)
		}
	}
	check("after removals")
}

// TestEntityHappenings_Migrate opens a database of the schema before
// entity_happenings and entities.quote_count, with merged events and
// quotes in it, and checks that the migrations fold its links and count
// its quotes.
func TestEntityHappenings_Migrate(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, func(old *store.DB) { loadCorpus(t, old, 60) }, "054", "055")
	checkEntityHappenings(t, db, "after the migration")
	checkQuoteCounts(t, db, "after the migration")
	if err := db.RemoveSource(ctx, "article-00003"); err != nil {
		t.Fatal(err)
	}
	checkEntityHappenings(t, db, "after a removal")
	checkQuoteCounts(t, db, "after a removal")
}
