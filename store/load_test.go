package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// loadInputs are batches of sources for comparing batch and single loads:
// the first batch reloads one of its own sources with other content, and
// the second changes another one loaded by the first and adds new ones,
// with documents from both the hand-built fixtures and the extractor.
func loadInputs() [][]store.SourceInput {
	pub := time.Date(2025, 10, 24, 0, 0, 0, 0, time.UTC)
	mixed := textZelensky + "\n\n" + textRutte
	return [][]store.SourceInput{
		{
			{Name: "rutte", Title: "Rutte at the White House", Published: "2025-10-22", Text: textRutte, Doc: rutteDoc()},
			{Name: "zelensky", Title: "Zelenskyy in Brussels", Published: "2025-10-23", Text: textZelensky, Doc: zelenskyDoc()},
			{Name: "budget", Title: "EU budget", Published: "2025-10-20", Text: textBudget, Doc: budgetDoc()},
			{Name: "rutte", Title: "Rutte, extracted", Published: "2025-10-22", Text: textRutte, Doc: extract.Extract(textRutte, pub)},
		},
		{
			{Name: "zelensky", Title: "Zelenskyy, extracted", Published: "2025-10-23", Text: textZelensky, Doc: extract.Extract(textZelensky, pub)},
			{Name: "mixed", Title: "Both", Published: "2025-10-24", Text: mixed, Doc: extract.Extract(mixed, pub)},
			{Name: "budget-2", Title: "EU budget again", Published: "2025-10-24", Text: textBudget, Doc: extract.Extract(textBudget, pub)},
			{Name: "empty", Title: "Nothing", Published: "2025-10-24", Text: ""},
		},
	}
}

// TestLoadSources_SameAsLoadSource checks that loading sources in batches,
// which shares prepared statements, entity lookups and sentence ids
// across the sources of a transaction, stores exactly what loading them
// one transaction each does.
func TestLoadSources_SameAsLoadSource(t *testing.T) {
	ctx := context.Background()
	single, batch := MustOpenDB(t), MustOpenDB(t)
	for _, ins := range loadInputs() {
		var want []store.LoadResult
		for _, in := range ins {
			res, err := single.LoadSource(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, *res)
		}
		got, err := batch.LoadSources(ctx, ins)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d results, want %d", len(got), len(want))
		}
		for i := range got {
			if *got[i] != want[i] {
				t.Errorf("result %d: got %+v, want %+v", i, *got[i], want[i])
			}
		}
	}

	sx, err := single.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bx, err := batch.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sx, bx) {
		t.Errorf("exports differ:\nsingle %+v\nbatch  %+v", sx, bx)
	}
	if len(sx.Entities) == 0 || len(sx.Events) == 0 {
		t.Fatalf("nothing loaded: %+v", sx)
	}

	sd, bd := dumpFacts(t, single), dumpFacts(t, batch)
	for table, rows := range sd {
		if len(rows) == 0 && table != "roles" {
			t.Errorf("%s: no rows", table)
		}
		if !reflect.DeepEqual(rows, bd[table]) {
			t.Errorf("%s differs:\nsingle %q\nbatch  %q", table, rows, bd[table])
		}
	}

	for _, q := range []string{"Rutte", "white house", `"European Commission"`, "Zelenskyy Brussels"} {
		sh, sn, err := single.Search(ctx, q, 0, 20, "")
		if err != nil {
			t.Fatal(err)
		}
		bh, bn, err := batch.Search(ctx, q, 0, 20, "")
		if err != nil {
			t.Fatal(err)
		}
		if sn == 0 || sn != bn || len(sh) != len(bh) {
			t.Fatalf("search %s: %d/%d hits single, %d/%d batch", q, len(sh), sn, len(bh), bn)
		}
		for i := range sh {
			if sh[i].Source.Name != bh[i].Source.Name || sh[i].Start != bh[i].Start || sh[i].Snippet != bh[i].Snippet {
				t.Errorf("search %s hit %d: single %+v, batch %+v", q, i, sh[i], bh[i])
			}
		}
	}
}

// dumpFacts returns the rows of the fact tables without their own ids,
// with links to sentences and events given by source and offset, so that
// two databases that assigned ids differently still compare. It also
// checks that every event's sentence holds it and that the full-text
// index agrees with the sentences.
func dumpFacts(tb testing.TB, db *store.DB) map[string][]string {
	tb.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db.Path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(`INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)`); err != nil &&
		!strings.Contains(err.Error(), "readonly") {
		tb.Fatalf("fts integrity: %v", err)
	}
	queries := map[string]string{
		"sentences": `SELECT s.name, st.start, st."end", st.text FROM sentences st JOIN sources s ON s.id = st.source_id ORDER BY 1, 2`,
		"events": `SELECT s.name, ev.start, ev.date, ev.sort_start, ev.sort_end, ev.summary, ev.terms, ev.sent_index,
				COALESCE((SELECT st.start FROM sentences st WHERE st.id = ev.sentence_id AND st.source_id = ev.source_id
					AND st.start <= ev.start AND st."end" >= ev.start), 'bad sentence ' || ev.sentence_id)
			FROM events ev JOIN sources s ON s.id = ev.source_id ORDER BY 1, 2, ev.id`,
		"event_entities": `SELECT s.name, ev.start, ee.entity_id, ee.sort_start FROM event_entities ee JOIN events ev ON ev.id = ee.event_id
			JOIN sources s ON s.id = ev.source_id ORDER BY 1, 2, 3`,
		"mentions":           `SELECT s.name, m.start, m."end", m.entity_id, m.text FROM mentions m JOIN sources s ON s.id = m.source_id ORDER BY 1, 2, 4`,
		"entities":           `SELECT id, name, norm, kind, first, surname, tokens, mention_count, event_count, source_count FROM entities ORDER BY id`,
		"entity_sources":     `SELECT s.name, es.entity_id, es.mentions, es.events, es.published FROM entity_sources es JOIN sources s ON s.id = es.source_id ORDER BY 1, 2`,
		"entity_names":       `SELECT entity_id, norm, alias, uses FROM entity_names ORDER BY 1, 2`,
		"aliases":            `SELECT s.name, a.entity_id, a.norm, a.alias FROM aliases a JOIN sources s ON s.id = a.source_id ORDER BY 1, 2, 3`,
		"entity_place_names": `SELECT entity_id, place_norm, place, uses FROM entity_place_names ORDER BY 1, 2`,
		"roles":              `SELECT s.name, r.start, r.entity_id, r.title, r.org, r.since, r.until FROM roles r JOIN sources s ON s.id = r.source_id ORDER BY 1, 2, 3, r.id`,
		"quotes":             `SELECT s.name, q.start, q.speaker_entity_id, q.speaker_name, q.text, q.date FROM quotes q JOIN sources s ON s.id = q.source_id ORDER BY 1, 2`,
		"sources":            `SELECT name, title, words, entity_count, event_count, quote_count, mention_count, last_result FROM sources ORDER BY 1`,
		"fts": `SELECT s.name, st.start FROM sentences_fts f JOIN sentences st ON st.id = f.rowid JOIN sources s ON s.id = st.source_id
			WHERE sentences_fts MATCH 'the OR rutte OR commission' ORDER BY 1, 2`,
	}
	out := map[string][]string{}
	for table, q := range queries {
		rows, err := conn.Query(q)
		if err != nil {
			tb.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			line := fmt.Sprintf("%q", vals)
			if strings.Contains(line, "bad sentence") {
				tb.Errorf("%s: %s", table, line)
			}
			out[table] = append(out[table], line)
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// TestLoadSource_EventLinksOnce checks that an event naming one entity by
// two of the extractor's names links it once and counts one event.
func TestLoadSource_EventLinksOnce(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	text := "Mark Rutte, or M. Rutte, spoke in Kyiv on Oct. 24.\n"
	doc := buildDoc(text, []ent{
		{name: "Mark Rutte", kind: extract.Person},
		{name: "M. Rutte", kind: extract.Person},
	}, []ev{
		{sent: 0, date: "2025-10-24", precision: extract.Day, ents: []string{"Mark Rutte", "M. Rutte", "Mark Rutte"}},
	}, nil)
	if _, err := db.LoadSource(ctx, store.SourceInput{Name: "twice", Published: "2025-10-24", Text: text, Doc: doc}); err != nil {
		t.Fatal(err)
	}
	d := dumpFacts(t, db)
	n := 0
	for _, line := range d["event_entities"] {
		if strings.HasPrefix(line, `["twice"`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("event of twice has %d entity links, want 1: %q", n, d["event_entities"])
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "mark rutte"})
	if err != nil || len(ents) != 1 {
		t.Fatalf("mark rutte: %v %v", ents, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	// Three events in rutte, one in zelensky, one here.
	if p.EventsTotal != 5 {
		t.Errorf("Mark Rutte has %d events, want 5", p.EventsTotal)
	}
}

// TestLoadSources_ReloadInBatch reloads, in the batch that first loaded
// it, a source whose entities nobody else names: they are deleted with
// its old facts and must be made again, not found where they were.
func TestLoadSources_ReloadInBatch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	text1 := "Zed Unique met Zed Unique in Oslo on Oct. 24.\n"
	text2 := "Zed Unique spoke in Oslo on Oct. 25.\n"
	ents := []ent{{name: "Zed Unique", kind: extract.Person}, {name: "Zed Unique", kind: extract.Person}, {name: "Oslo", kind: extract.Place}}
	evs := []ev{{sent: 0, date: "2025-10-24", precision: extract.Day, ents: []string{"Zed Unique", "Oslo"}}}
	res, err := db.LoadSources(ctx, []store.SourceInput{
		{Name: "zed", Published: "2025-10-24", Text: text1, Doc: buildDoc(text1, ents, evs, nil)},
		{Name: "zed", Published: "2025-10-25", Text: text2, Doc: buildDoc(text2, ents, evs, nil)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != store.ResultAdded || res[1].Status != store.ResultChanged {
		t.Fatalf("statuses %s, %s", res[0].Status, res[1].Status)
	}
	ents2, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "zed unique"})
	if err != nil || len(ents2) != 1 {
		t.Fatalf("zed unique: %v %v", ents2, err)
	}
	p, err := db.Profile(ctx, ents2[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.EventsTotal != 1 || p.SourcesTotal != 1 {
		t.Errorf("zed unique: %d events, %d sources; want 1, 1", p.EventsTotal, p.SourcesTotal)
	}
}
