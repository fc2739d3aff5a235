package store_test

import (
	"context"
	"slices"
	"testing"

	"briefbot/store"
)

// checkTopicHappenings fails the test unless topic_happenings holds
// exactly the fold of the reports of the articles about each entity:
// one row per entity and happening (or lone report) with its first
// report in date order and its report count.
func checkTopicHappenings(t *testing.T, db *store.DB, when string) {
	t.Helper()
	got, err := db.QueryRows(`SELECT entity_id, happening, first_start, first_event, n FROM topic_happenings ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	const reports = `FROM source_topics st JOIN events x ON x.source_id = st.source_id WHERE st.entity_id = g.entity_id AND IIF(x.happening_id != 0, x.happening_id, -x.id) = g.h`
	want, err := db.QueryRows(`SELECT entity_id, h,
			(SELECT x.sort_start ` + reports + ` ORDER BY x.sort_start, x.id LIMIT 1),
			(SELECT x.id ` + reports + ` ORDER BY x.sort_start, x.id LIMIT 1), n
		FROM (SELECT st.entity_id, IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, COUNT(*) AS n
			FROM source_topics st JOIN events e ON e.source_id = st.source_id GROUP BY 1, 2) g ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: topic_happenings (%d rows) differs from the fold of source_topics' reports (%d rows)\n%s", when, len(got), len(want), diffLines(got, want))
	}
}

// TestTopicHappenings_Kept loads articles whose events merge across
// sources, reloads some with other contents and removes others, and
// checks after each step that topic_happenings is the fold of the
// reports of the articles about each entity, and that timelines of
// topics read the same pages as the walk over every report.
func TestTopicHappenings_Kept(t *testing.T) {
	db := MustOpenDB(t)
	loadReloadRemove(t, db, func(step string) {
		checkTopicHappenings(t, db, step)
		if step != "after loads" {
			return
		}
		if n, err := db.QueryRows(`SELECT COUNT(*) FROM topic_happenings WHERE n > 1`); err != nil || n[0] == "0" {
			t.Fatalf("no merged event told by several articles about an entity: %v %v", n, err)
		}
	})
}

// TestTopicHappenings_Migrate opens a database of the schema before
// topic_happenings, with merged events in it, and checks that the
// migration folds the reports of the articles about each entity.
func TestTopicHappenings_Migrate(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, func(old *store.DB) { loadCorpus(t, old, 60) }, "060")
	checkTopicHappenings(t, db, "after the migration")
	if err := db.RemoveSource(ctx, "article-00003"); err != nil {
		t.Fatal(err)
	}
	checkTopicHappenings(t, db, "after a removal")
}
