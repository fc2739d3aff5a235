package source_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"briefbot/store"
)

// The hand-written SQL BenchmarkScale times beside the commands: what a
// person writing the queries for the same answer straight against the
// fact tables would write (global view, no caches kept by the loader).
// It is benchmark code; the store stays the only package with SQL.

// handTopicIDs lists the entities a normalised topic names.
const handTopicIDs = `SELECT id FROM entities WHERE norm = ?1
	UNION SELECT entity_id FROM entity_names WHERE norm = ?1
	UNION SELECT entity_id FROM entity_place_names WHERE place_norm = ?1
	UNION SELECT id FROM entities WHERE surname = ?1 AND kind = 'person'`

const handEventCols = `e.id, e.date, e.sort_start, e.summary, e.sentence, e.happening_id, s.id, s.name, s.title, s.url, s.published`

// handQuery returns a function that reads the answer to line (a /who or
// /timeline of name) with hand-written SQL on its own read-only
// connection to db's file.
func handQuery(b *testing.B, db *store.DB, line, name string) func() error {
	b.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db.Path+"?mode=ro&_query_only=1")
	if err != nil {
		b.Fatal(err)
	}
	conn.SetMaxOpenConns(1)
	b.Cleanup(func() { conn.Close() })
	ctx := context.Background()
	n := store.Norm(name)
	// rows reads every row of a query, n columns wide.
	rows := func(q string, args ...any) ([][]any, error) {
		rs, err := conn.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rs.Close()
		cols, _ := rs.Columns()
		var out [][]any
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				return nil, err
			}
			out = append(out, vals)
		}
		return out, rs.Err()
	}
	// details reads what a page shows of each of its merged events (the
	// first column of page: a happening, or minus a lone report's id):
	// the happening's row, its disagreements, its first reports with
	// their sources, and their participants.
	details := func(page [][]any) error {
		for _, p := range page {
			h, _ := p[0].(int64)
			if h < 0 {
				if _, err := rows(`SELECT `+handEventCols+` FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id = ?`, -h); err != nil {
					return err
				}
				continue
			}
			if _, err := rows(`SELECT date, precision, summary, source_count, report_count, disputed FROM happenings WHERE id = ?`, h); err != nil {
				return err
			}
			if _, err := rows(`SELECT about, vals FROM disagreements WHERE happening_id = ?`, h); err != nil {
				return err
			}
			reps, err := rows(`SELECT `+handEventCols+` FROM events e JOIN sources s ON s.id = e.source_id WHERE e.happening_id = ? ORDER BY e.id LIMIT 5`, h)
			if err != nil {
				return err
			}
			for _, r := range reps {
				if _, err := rows(`SELECT en.name FROM event_entities ee JOIN entities en ON en.id = ee.entity_id WHERE ee.event_id = ?`, r[0]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if strings.HasPrefix(line, "/who") {
		return func() error {
			ents, err := rows(`SELECT id FROM (SELECT id, mention_count FROM entities WHERE norm = ?1
				UNION SELECT e.id, e.mention_count FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.norm = ?1
				UNION SELECT id, mention_count FROM entities WHERE surname = ?1 AND kind = 'person')
				ORDER BY mention_count DESC LIMIT 5`, n)
			if err != nil || len(ents) == 0 {
				return err
			}
			id := ents[0][0]
			for _, q := range []string{
				`SELECT name, kind, mention_count, source_count, event_count FROM entities WHERE id = ?1`,
				`SELECT alias, norm FROM entity_names WHERE entity_id = ?1 ORDER BY uses DESC, alias`,
				`SELECT place FROM entity_place_names WHERE entity_id = ?1 ORDER BY place`,
				`SELECT q.text, q.date, s.name FROM quotes q JOIN sources s ON s.id = q.source_id WHERE q.speaker_entity_id = ?1 ORDER BY q.date DESC, q.id DESC LIMIT 20`,
				`SELECT COUNT(*) FROM quotes WHERE speaker_entity_id = ?1`,
				`SELECT s.id, s.name, s.title, s.url, s.published FROM entity_sources es JOIN sources s ON s.id = es.source_id
					WHERE es.entity_id = ?1 ORDER BY es.published DESC, es.source_id DESC LIMIT 25`,
			} {
				if _, err := rows(q, id); err != nil {
					return err
				}
			}
			// The page of its merged events, newest first, each with
			// its first reports and disagreements.
			page, err := rows(`SELECT IIF(happening_id != 0, happening_id, -event_id) AS h, MAX(sort_start) AS d, MAX(event_id) AS last
				FROM event_entities WHERE entity_id = ?1 GROUP BY h ORDER BY d DESC, last DESC LIMIT 10`, id)
			if err != nil {
				return err
			}
			if err := details(page); err != nil {
				return err
			}
			// Roles: the entity's, folded by title, organisation and
			// dates with their first and last sources' dates, and those
			// of the other holders of the same organisations' offices.
			const fold = `SELECT r.entity_id, r.title, r.org, r.since, r.until, MIN(r.source_id), MAX(r.source_id) FROM roles r WHERE `
			own, err := rows(fold+`r.entity_id = ?1 GROUP BY r.entity_id, r.title, r.org, r.since, r.until`, id)
			if err != nil {
				return err
			}
			orgs := map[string]bool{}
			var srcs []any
			for _, r := range own {
				if o, _ := r[2].(string); o != "" {
					orgs[strings.ToLower(o)] = true
				}
				srcs = append(srcs, r[5], r[6])
			}
			if len(orgs) > 0 {
				var args []any
				for o := range orgs {
					args = append(args, o)
				}
				others, err := rows(fold+`lower(r.org) IN (?`+strings.Repeat(",?", len(args)-1)+`) GROUP BY r.entity_id, r.title, r.org, r.since, r.until`, args...)
				if err != nil {
					return err
				}
				for _, r := range others {
					srcs = append(srcs, r[5], r[6])
				}
			}
			for len(srcs) > 0 {
				k := min(len(srcs), 500)
				if _, err := rows(`SELECT id, published FROM sources WHERE id IN (?`+strings.Repeat(",?", k-1)+`)`, srcs[:k]...); err != nil {
					return err
				}
				srcs = srcs[k:]
			}
			return nil
		}
	}
	// /timeline: the first page of the merged events whose participants
	// the topic names, of the articles about them, or whose sentence has
	// the words, in date order. Two plans, and the faster counts: walk
	// the events in date order testing each (common topics), or collect
	// the matching events and sort them (rare ones).
	fts := `"` + strings.Join(strings.Fields(n), `" "`) + `"`
	walk := `WITH t(id) AS (` + handTopicIDs + `)
		SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e
		WHERE e.id IN (SELECT event_id FROM event_entities WHERE entity_id IN t)
			OR e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id IN t)
			OR e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?2)
		ORDER BY e.sort_start, e.id LIMIT ?3`
	collect := `WITH t(id) AS (` + handTopicIDs + `),
		m(id) AS (SELECT event_id FROM event_entities WHERE entity_id IN t
			UNION SELECT ev.id FROM source_topics st JOIN events ev ON ev.source_id = st.source_id WHERE st.entity_id IN t
			UNION SELECT ev.id FROM events ev WHERE ev.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?2))
		SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, MIN(e.sort_start) AS d, MIN(e.id) AS first FROM m JOIN events e ON e.id = m.id
		GROUP BY h ORDER BY d, first LIMIT ?3`
	// page reads the first ten merged events by one of the plans: the
	// walk reads reports in date order, more of them while reports of
	// the same events fill its page.
	page := func(q string) ([][]any, error) {
		if q == collect {
			return rows(q, n, fts, 10)
		}
		for k := 40; ; k *= 4 {
			got, err := rows(q, n, fts, k)
			if err != nil {
				return nil, err
			}
			var out [][]any
			seen := map[int64]bool{}
			for _, r := range got {
				h, _ := r[0].(int64)
				if !seen[h] && len(out) < 10 {
					seen[h] = true
					out = append(out, r)
				}
			}
			if len(out) == 10 || len(got) < k {
				return out, nil
			}
		}
	}
	// The plan is picked once, by timing both.
	best := walk
	timeIt := func(q string) time.Duration {
		best := time.Hour
		for range 5 {
			t0 := time.Now()
			if _, err := page(q); err != nil {
				b.Fatal(err)
			}
			best = min(best, time.Since(t0))
		}
		return best
	}
	if timeIt(collect) < timeIt(walk) {
		best = collect
	}
	return func() error {
		p, err := page(best)
		if err != nil {
			return err
		}
		return details(p)
	}
}
