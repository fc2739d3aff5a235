package store

import (
	"strings"
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZProbe(t *testing.T) {
	path := os.Getenv("PROBE_DB")
	if path == "" {
		t.Skip()
	}
	db := NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, _ := db.beginRead(ctx)
	defer tx.Rollback()
	var id int64
	var name string
	var ec, mc int
	tx.QueryRow(`SELECT id, name, event_count, mention_count FROM entities ORDER BY mention_count DESC LIMIT 1`).Scan(&id, &name, &ec, &mc)
	fmt.Println("top", id, name, ec, mc)
	var nev, nee, nq, ns int
	tx.QueryRow(`SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM event_entities), (SELECT COUNT(*) FROM quotes), (SELECT COUNT(*) FROM sentences)`).Scan(&nev, &nee, &nq, &ns)
	fmt.Println("events", nev, "event_entities", nee, "quotes", nq, "sentences", ns)
	timeq := func(label, q string, args ...any) {
		t0 := time.Now()
		rows, err := tx.Query(q, args...)
		if err != nil {
			t.Fatal(label, err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		fmt.Printf("%-12s %6d rows %v\n", label, n, time.Since(t0))
		prow, _ := tx.Query("EXPLAIN QUERY PLAN "+q, args...)
		for prow.Next() {
			var a, b, c int
			var d string
			prow.Scan(&a, &b, &c, &d)
			fmt.Println("     ", d)
		}
		prow.Close()
	}
	timeq("aliases", `SELECT alias, norm, COUNT(*) AS n FROM aliases WHERE entity_id = ? GROUP BY norm ORDER BY n DESC, alias`, id)
	timeq("roles", `SELECT title, org, since, until, source_id FROM roles WHERE entity_id = ? ORDER BY since = '', since, id`, id)
	timeq("places", `SELECT place FROM entity_places WHERE entity_id = ? GROUP BY place_norm ORDER BY place`, id)
	timeq("evids", `SELECT event_id FROM event_entities WHERE entity_id = ? ORDER BY sort_start DESC, event_id DESC LIMIT ?`, id, 50)
	timeq("qcount", `SELECT COUNT(*) FROM quotes q WHERE q.speaker_entity_id IN (?)`, id)
	timeq("quotes", `SELECT q.id FROM quotes q JOIN sources s ON s.id = q.source_id LEFT JOIN entities en ON en.id = q.speaker_entity_id WHERE q.speaker_entity_id IN (?) ORDER BY q.date DESC, q.id DESC LIMIT 20`, id)
	timeq("sources", `SELECT s.id FROM entity_sources es JOIN sources s ON s.id = es.source_id WHERE es.entity_id = ? ORDER BY es.published DESC, es.source_id DESC LIMIT 25`, id)
	timeq("srccount", `SELECT COUNT(*) FROM entity_sources WHERE entity_id = ?`, id)
	timeq("exact", `SELECT id, 0 AS how FROM entities WHERE norm = ?1
			UNION ALL SELECT entity_id, 1 FROM aliases WHERE norm = ?1
			UNION ALL SELECT id, 2 FROM entities WHERE surname = ?1 AND kind = 'person'`, Norm(name))
	for _, topic := range []string{"egypt", "ukraine"} {
		ids, cnt, _ := topicEntityIDs(ctx, tx, topic)
		terms, _ := ftsTermCount(ctx, tx, topic)
		fmt.Println(topic, ids, cnt, terms)
	}
}

func TestZZProbe2(t *testing.T) {
	path := os.Getenv("PROBE_DB")
	if path == "" {
		t.Skip()
	}
	db := NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, _ := db.beginRead(ctx)
	defer tx.Rollback()
	ids, _, _ := topicEntityIDs(ctx, tx, "egypt")
	args := []any{}
	for _, id := range ids {
		args = append(args, id)
	}
	ph := placeholders(len(ids))
	for _, q := range []string{
		`SELECT e.id FROM events e WHERE (EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id IN (` + ph + `)) OR EXISTS (SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid = e.sentence_id)) ORDER BY e.sort_start, e.id LIMIT 10`,
		`SELECT e.id FROM events e WHERE (EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id IN (` + ph + `)) OR e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)) ORDER BY e.sort_start, e.id LIMIT 10`,
		`SELECT e.id FROM events e WHERE (EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id IN (` + ph + `))) ORDER BY e.sort_start, e.id LIMIT 10`,
		`SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?`,
		`SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH '"ukraine"'`,
		`SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH '"ceasefire"'`,
		`SELECT COUNT(*) FROM events WHERE sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH '"ceasefire"')`,
	} {
		if strings.Contains(q, "COUNT") {
			t0 := time.Now()
			var n int
			tx.QueryRow(q).Scan(&n)
			fmt.Printf("count %d %v %s\n", n, time.Since(t0), q)
			continue
		}
		a := append(append([]any{}, args...), `"egypt"`)
		if q == `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?` {
			a = []any{`"egypt"`}
		}
		if !strings.Contains(q, "MATCH") {
			a = args
		}
		t0 := time.Now()
		rows, err := tx.Query(q, a...)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		fmt.Printf("%d rows %v %.80s\n", n, time.Since(t0), q[min(len(q),90):])
	}
}
