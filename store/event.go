package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Event is a dated happening reported by a source.
type Event struct {
	ID int64 `json:"id"`
	// Date is the TimeML value ("2025-10-22", "2026-Q4") and Precision how
	// precise it is; SortStart and SortEnd are the first and last day it
	// covers.
	Date      string `json:"date"`
	Precision string `json:"precision"`
	SortStart string `json:"sort_start"`
	SortEnd   string `json:"sort_end"`
	Summary   string `json:"summary"`
	Sentence  string `json:"sentence"`
	// Start and End locate the sentence in the source text, ClauseStart
	// and ClauseEnd the clause the summary came from.
	Start       int    `json:"start"`
	End         int    `json:"end"`
	ClauseStart int    `json:"clause_start"`
	ClauseEnd   int    `json:"clause_end"`
	TimeText    string `json:"time_text,omitempty"`
	// SentIndex is the sentence's position in the article; 0 is the lead.
	SentIndex int      `json:"sent_index"`
	Entities  []string `json:"entities"`
	// Source is the source of the clearest report, whose wording the
	// event takes.
	Source *SourceRef `json:"source"`
	// HappeningID is the merged event this report belongs to. FindEvents
	// returns one Event per happening: Date and Summary are what its
	// reports say together, Reports lists every source's telling
	// (earliest first), Sources counts the distinct sources and
	// Disagreements the points they differ on.
	HappeningID int64 `json:"happening,omitempty"`
	Sources     int   `json:"sources"`
	// ReportCount counts all its reports; list views read only the
	// first few of a story many feeds tell.
	ReportCount   int             `json:"report_count"`
	Inferred      bool            `json:"inferred,omitempty"`
	Reports       []*Report       `json:"reports,omitempty"`
	Disagreements []*Disagreement `json:"disagreements,omitempty"`
}

// EventFilter selects events. Topic matches events whose participants
// are named so (by name, alias, surname or place: "ukraine" matches Kyiv
// and Ukrainian) or whose sentence contains the words. From and To
// (YYYY, YYYY-MM or YYYY-MM-DD) keep events whose dates overlap the range
// (see FindEvents for the fine print).
type EventFilter struct {
	Topic    string
	From     string
	To       string
	EntityID int64
	SourceID int64
	// Newest lists the latest events first.
	Newest bool
	// Disputed keeps the events whose sources disagree on their date or
	// a figure.
	Disputed bool
	Offset   int
	Limit    int
	// Guild names the view (see Visible): events, and what merged
	// events say, come from the sources it sees.
	Guild string
}

// topicEntities is the SQL for the ids of entities a normalised topic
// (bound four times) names.
const topicEntities = `SELECT id FROM entities WHERE norm = ?
	UNION SELECT entity_id FROM entity_names WHERE norm = ?
	UNION SELECT entity_id FROM entity_place_names WHERE place_norm = ?
	UNION SELECT id FROM entities WHERE surname = ? AND kind = 'person'`

const eventCols = `e.id, e.date, e.precision, e.sort_start, e.sort_end, e.summary, e.sentence, e.start, e."end",
	e.clause_start, e.clause_end, e.time_text, e.sent_index, s.id, s.name, s.title, s.url, s.published`

// FindEvents returns a page of the events matching f in date order (then
// id, which follows position within a source), and how many match in all.
//
// The total is exact when the filter matches few events (under
// exactTotalLimit, judged from per-entity event counts and FTS term
// counts); for big topics it is an estimate from those counts, an upper
// bound, so that the first page of "ukraine" costs no more than the first
// page of a rare name. From keeps events whose date range ends on or after
// it and starts at most a year before it; To keeps those starting on or
// before it.
func (db *DB) FindEvents(ctx context.Context, f EventFilter) ([]*Event, int, error) {
	var evs []*Event
	var n int
	err := db.readView(ctx, f.Guild, func(tx *Tx, v *view) (err error) {
		evs, n, err = findEvents(ctx, tx, v, f)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", err)
	}
	return evs, n, nil
}

// TotalIsEstimate reports whether a total FindEvents returned may be an
// estimate (an upper bound) rather than an exact count, for callers that
// word it as "about".
func TotalIsEstimate(total int) bool {
	return total >= exactTotalLimit
}

// exactTotalLimit is the estimated match count below which FindEvents
// collects, counts and sorts all matches; above it, it walks the events in
// date order and stops at the page.
var exactTotalLimit = 3000

func findEvents(ctx context.Context, tx *Tx, v *view, f EventFilter) ([]*Event, int, error) {
	limit := clampLimit(f.Limit, 10)
	offset := max(f.Offset, 0)
	if f.EntityID != 0 && f.Topic == "" && f.From == "" && f.To == "" && f.SourceID == 0 && !f.Disputed {
		return entityEvents(ctx, tx, v, f.EntityID, f.Newest, offset, limit)
	}
	var where []string
	var args []any
	if f.From != "" {
		from, _, err := ParseDateBound(f.From)
		if err != nil {
			return nil, 0, err
		}
		t, _ := time.Parse(time.DateOnly, from)
		where = append(where, `e.sort_start >= ? AND e.sort_end >= ?`)
		args = append(args, t.AddDate(-1, 0, 0).Format(time.DateOnly), from)
	}
	if f.To != "" {
		_, to, err := ParseDateBound(f.To)
		if err != nil {
			return nil, 0, err
		}
		where = append(where, `e.sort_start <= ?`)
		args = append(args, to)
	}
	if f.SourceID != 0 {
		where = append(where, `e.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if f.Disputed {
		where = append(where, `e.happening_id IN (SELECT id FROM happenings WHERE disputed)`)
	}
	if f.EntityID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id = ?)`)
		args = append(args, f.EntityID)
	}

	// The membership test of the topic, in two forms: a set to collect
	// (small topics) and a per-event test (big ones).
	estimate := -1 // unknown
	var setSQL, pairSQL, testSQL, lazySQL string
	var setArgs, testArgs, lazyArgs []any
	var topicIDs []int64
	var topicParts map[int64]*entityPart // what the view hides of them
	var restSQL string                   // testSQL without the entity links
	var ftsSQL string                    // the words' part of testSQL
	var ftsArgs []any
	switch {
	case f.Topic != "":
		n, fq := Norm(f.Topic), ftsQuery(f.Topic)
		if n == "" || fq == "" {
			return nil, 0, nil
		}
		ids, count, parts, err := topicEntityIDs(ctx, tx, v, n)
		if err != nil {
			return nil, 0, err
		}
		topicIDs, topicParts = ids, parts
		if count < exactTotalLimit {
			about, err := topicSourceEvents(ctx, tx, ids, exactTotalLimit)
			if err != nil {
				return nil, 0, err
			}
			count += about
		}
		terms, err := ftsTermCount(ctx, tx, f.Topic)
		if err != nil {
			return nil, 0, err
		}
		estimate = count + terms
		if estimate == 0 {
			return nil, 0, nil
		}
		var sets, pairs, tests, lazy []string
		if len(ids) > 0 {
			ph := placeholders(len(ids))
			sets = append(sets, `SELECT event_id FROM event_entities WHERE entity_id IN (`+ph+`)`,
				`SELECT ev.id FROM events ev JOIN source_topics st ON st.source_id = ev.source_id WHERE st.entity_id IN (`+ph+`)`)
			pairs = append(pairs, `SELECT event_id, sort_start FROM event_entities WHERE entity_id IN (`+ph+`)`,
				`SELECT ev.id, ev.sort_start FROM source_topics st JOIN events ev INDEXED BY events_source_sort ON ev.source_id = st.source_id WHERE st.entity_id IN (`+ph+`)`)
			// The walk's tests are lists computed once and probed with
			// columns of events_walk, so that it reads no wide rows;
			// the unary + keeps the planner from turning the OR into
			// the collect plan.
			tests = append(tests, `+e.id IN (SELECT event_id FROM event_entities WHERE entity_id IN (`+ph+`))`,
				`+e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id IN (`+ph+`))`)
			lazy = append(lazy, `EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id IN (`+ph+`))`,
				`EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = e.source_id AND st.entity_id IN (`+ph+`))`)
			for range 2 {
				for _, id := range ids {
					setArgs = append(setArgs, id)
					testArgs = append(testArgs, id)
					lazyArgs = append(lazyArgs, id)
				}
			}
		}
		if terms > 0 {
			sets = append(sets, `SELECT ev.id FROM events ev WHERE ev.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`)
			setArgs = append(setArgs, fq)
			pairs = append(pairs, `SELECT ev.id, ev.sort_start FROM events ev INDEXED BY events_sentence_sort
				WHERE ev.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`)
			// The matching sentences are listed once (a few thousand
			// rowids even for common words, a millisecond) rather than
			// testing each event's sentence.
			ftsSQL, ftsArgs = `+e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`, []any{fq}
			tests = append(tests, ftsSQL)
			testArgs = append(testArgs, fq)
			// A correlated FTS query costs ~0.1 ms an event; the terms
			// column answers the same question with LIKE, tested last
			// as it reads the wide row.
			var likes []string
			for _, p := range ftsPhrases(f.Topic) {
				likes = append(likes, `e.terms LIKE ? ESCAPE '\'`)
				lazyArgs = append(lazyArgs, "% "+likeEscape(p)+" %")
			}
			lazy = append(lazy, `(`+strings.Join(likes, " AND ")+`)`)
		}
		setSQL = `e.id IN (` + strings.Join(sets, " UNION ") + `)`
		pairSQL = strings.Join(pairs, " UNION ALL ")
		testSQL = `(` + strings.Join(tests, " OR ") + `)`
		if len(ids) > 0 {
			restSQL = `(` + strings.Join(tests[1:], " OR ") + `)`
		}
		lazySQL = `(` + strings.Join(lazy, " OR ") + `)`
	case f.EntityID != 0:
		if err := tx.QueryRowContext(ctx, `SELECT event_count FROM entities WHERE id = ?`, f.EntityID).Scan(&estimate); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil, 0, nil
			}
			return nil, 0, err
		}
	case f.SourceID != 0:
		estimate = 0 // one source's events are few: count them
	case f.Disputed:
		estimate = 0 // disputed events are few, and indexed
	}

	cond := strings.Join(where, " AND ")
	if cond == "" {
		cond = "1"
	}
	exact := estimate >= 0 && estimate < exactTotalLimit
	order := "ORDER BY e.sort_start, e.id"
	if f.Newest {
		order = "ORDER BY e.sort_start DESC, e.id DESC"
	}
	var total int
	var hids []int64
	// seen keeps the merged events the view sees as the filter wants:
	// some are disputed only by sources it does not see.
	seen := func(all []int64) ([]int64, error) {
		if f.Disputed {
			return v.disputed(ctx, tx, all)
		}
		return all, nil
	}
	if exact {
		// Few matches: list them all, so that the page and the total
		// count merged events, each once.
		var ids []int64
		if pairSQL != "" && len(where) == 0 {
			// The common case, a topic alone: its parts give their
			// events' dates from narrow indexes, and sorting a few
			// thousand pairs here costs less than SQLite's unions and
			// sort.
			all, err := scanPairs(ctx, tx, pairSQL, setArgs)
			if err != nil {
				return nil, 0, err
			}
			ids = make([]int64, len(all))
			for i, p := range all {
				ids[i] = p.id
			}
			if f.Newest {
				slices.Reverse(ids)
			}
		} else {
			from := "events e"
			if setSQL != "" {
				cond = setSQL + " AND " + cond
				args = append(setArgs, args...)
				// events_byid gives the dates of the set's events
				// without reading their wide rows.
				from = "events e INDEXED BY events_byid"
			}
			var err error
			ids, err = queryIDs(ctx, tx, `SELECT e.id FROM `+from+` WHERE `+cond+` `+order, args...)
			if err != nil {
				return nil, 0, err
			}
		}
		all, err := happeningIDs(ctx, tx, v, ids)
		if err == nil {
			all, err = seen(all)
		}
		if err != nil {
			return nil, 0, err
		}
		total = len(all)
		hids = all[min(offset, len(all)):min(offset+limit, len(all))]
	} else {
		// The walks read every source's events: the events of sources
		// the view does not see are dropped from what they return
		// (happeningIDs, streamWalk), which the loop below reads more of
		// when a page falls short.
		base, baseArgs := cond, args
		if testSQL != "" {
			cond = testSQL + " AND " + cond
			args = append(testArgs, args...)
		}
		total = estimate
		if estimate < 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events e WHERE `+cond+` AND `+v.keep("e.source_id"), args...).Scan(&total); err != nil {
				return nil, 0, err
			}
		}
		// The walk lists reports; a page needs offset+limit merged
		// events, so it reads twice that many reports and more while
		// reports of the same events fill it.
		want := offset + limit
		for n := 2 * want; ; n *= 4 {
			var ids []int64
			var done bool
			var err error
			// The lazy walk pays off for the first page of a common
			// topic; past that, the stream walk reads links in order.
			if lazySQL != "" && !f.Newest && n == 2*want {
				ids, done, err = lazyWalk(ctx, tx, base, baseArgs, lazySQL, lazyArgs, topicIDs, 0, n)
				if err != nil {
					return nil, 0, err
				}
			}
			switch {
			case done:
			case restSQL != "" && len(topicIDs) <= maxCompound && !f.Newest:
				all, end, err := streamWalk(ctx, tx, v, topicParts, base, baseArgs, topicIDs, ftsSQL, ftsArgs, want)
				if err == nil {
					all, err = seen(all)
				}
				if err != nil {
					return nil, 0, err
				}
				hids, total = pageOfWalk(all, end, offset, want, total)
				goto page
			case !f.Disputed:
				all, end, err := walkHappenings(ctx, tx, v, cond, args, order, n, want)
				if err != nil {
					return nil, 0, err
				}
				hids, total = pageOfWalk(all, end, offset, want, total)
				goto page
			default:
				ids, err = walk(ctx, tx, cond, args, order, 0, n)
			}
			if err != nil {
				return nil, 0, err
			}
			all, err := happeningIDs(ctx, tx, v, ids)
			if err == nil {
				all, err = seen(all)
			}
			if err != nil {
				return nil, 0, err
			}
			hids = all[min(offset, len(all)):min(want, len(all))]
			if len(ids) < n {
				// The walk reached the end: the true total is now
				// known.
				total = len(all)
				break
			}
			if len(all) >= want {
				break
			}
		}
	}
page:
	evs, err := happeningEvents(ctx, tx, v, hids, listReports)
	if err != nil {
		return nil, 0, err
	}
	if f.Disputed && v.scoped() {
		kept := evs[:0]
		for _, e := range evs {
			if len(e.Disagreements) > 0 {
				kept = append(kept, e)
			}
		}
		evs = kept
	}
	// A page lists its events by the dates their reports agree on, which
	// may differ a little from the report that placed them.
	sortEvents(evs)
	if f.Newest {
		slices.Reverse(evs)
	}
	return evs, total, nil
}

// entityEvents is the page of an entity's merged events (its /who
// list), read from the entity index in date order, each happening once.
// The total is exact for an entity in fewer than exactTotalLimit reports;
// past that it is the report count, an upper bound.
func entityEvents(ctx context.Context, tx *Tx, v *view, entityID int64, newest bool, offset, limit int) ([]*Event, int, error) {
	// touched says that sources the view does not see name the entity:
	// their links are skipped, and their reports not counted.
	var count, hiddenEvents int
	var touched bool
	q := `SELECT event_count, 0, 0 FROM entities WHERE id = ?`
	if v.scoped() {
		q = `SELECT e.event_count, EXISTS (SELECT 1 FROM guild_entities g WHERE g.entity_id = e.id AND g.guild_id != ` + v.literal() + `),
			(SELECT COALESCE(SUM(g.events), 0) FROM guild_entities g WHERE g.entity_id = e.id AND g.guild_id != ` + v.literal() + `)
			FROM entities e WHERE e.id = ?`
	}
	if err := tx.QueryRowContext(ctx, q, entityID).Scan(&count, &touched, &hiddenEvents); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, 0, nil
		}
		return nil, 0, err
	}
	order := "ORDER BY sort_start, event_id"
	if newest {
		order = "ORDER BY sort_start DESC, event_id DESC"
	}
	if touched {
		count = max(count-hiddenEvents, 0)
	}
	want := offset + limit
	exact := count < exactTotalLimit
	// Its merged events come one row each from entity_happenings, in
	// the order of their first link (their last, newest first), which
	// is where walking the links would meet each first.
	q = `SELECT 0, happening FROM entity_happenings INDEXED BY entity_happenings_first WHERE entity_id = ?1 ORDER BY first_start, first_event`
	if newest {
		q = `SELECT 0, happening FROM entity_happenings INDEXED BY entity_happenings_last WHERE entity_id = ?1 ORDER BY last_start DESC, last_event DESC`
	}
	var hidden map[int64]bool
	var err error
	if touched {
		q = `SELECT event_id, happening_id FROM event_entities WHERE entity_id = ?1 ` + order
		if exact {
			// All the links are read: those to skip are listed first.
			if hidden, err = v.hiddenLinks(ctx, tx, entityID); err != nil {
				return nil, 0, err
			}
		} else {
			// A page of a big entity's links: each is looked up among
			// the other guilds' links.
			q = `SELECT ee.event_id, ee.happening_id FROM event_entities ee WHERE ee.entity_id = ?1 AND NOT EXISTS (SELECT 1 FROM guild_links g
				WHERE g.entity_id = ?1 AND g.guild_id IN ` + v.othersSQL() + ` AND g.event_id = ee.event_id) ` + order
		}
	}
	rows, err := tx.QueryContext(ctx, q, entityID)
	if err != nil {
		return nil, 0, err
	}
	seen := map[int64]bool{}
	var hids []int64
	for rows.Next() {
		var id, h int64
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if hidden[id] {
			continue
		}
		if h == 0 && id != 0 {
			h = -id
		}
		if !seen[h] {
			seen[h] = true
			hids = append(hids, h)
			if !exact && len(hids) >= want {
				break
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	total := count
	if exact || len(hids) < want {
		total = len(hids)
	}
	page := hids[min(offset, len(hids)):min(want, len(hids))]
	evs, err := happeningEvents(ctx, tx, v, page, listReports)
	if err != nil {
		return nil, 0, err
	}
	sortEvents(evs)
	if newest {
		slices.Reverse(evs)
	}
	return evs, total, nil
}

// listReports is how many reports of each merged event a list (a
// timeline page, a profile) reads.
const listReports = 5

// maxCompound is how many entities a topic may name for queries with a
// part per entity, under SQLite's limit of 500 terms in a compound
// SELECT.
const maxCompound = 400

// pageOfWalk is the page [offset, want) of the merged events a walk
// listed, and the total: exact once the walk reached the end (end), else
// total as estimated.
func pageOfWalk(all []int64, end bool, offset, want, total int) ([]int64, int) {
	if end {
		total = len(all)
	}
	return all[min(offset, len(all)):min(want, len(all))], total
}

// lazyWalkRows is how many events, per event of the page and the ones
// before it, the lazy walk of a big topic reads before it gives up.
var lazyWalkRows = 30

// lazyWalk tries the page of a big topic the cheap way first: testing
// the events in date order one by one (test, with its args, is the
// per-event form of the topic; cond the other filters), which finds the
// page at once where the topic is common, but reads ~3,500 rows before
// the first "airbus" event on 10,000 articles. So it reads at most
// lazyWalkRows rows per event wanted; done is false when that did not
// settle the page, and walk must do it. It does not try when the first
// event of the topic's entities (entityIDs) comes after those rows: then
// the topic is sparse there, as "airbus" is.
func lazyWalk(ctx context.Context, tx *Tx, cond string, args []any, test string, testArgs []any, entityIDs []int64, offset, limit int) (ids []int64, done bool, err error) {
	var bound string
	var boundID int64
	err = tx.QueryRowContext(ctx, `SELECT e.sort_start, e.id FROM events e INDEXED BY events_walk WHERE `+cond+`
		ORDER BY e.sort_start, e.id LIMIT 1 OFFSET `+fmt.Sprint(lazyWalkRows*(offset+limit)), args...).Scan(&bound, &boundID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Few events in all: the lazy walk reads them all.
		ids, err := walk(ctx, tx, test+" AND "+cond, append(append([]any{}, testArgs...), args...), "ORDER BY e.sort_start, e.id", offset, limit)
		return ids, err == nil, err
	case err != nil:
		return nil, false, err
	}
	if len(entityIDs) > 0 && len(entityIDs) <= maxCompound {
		// One index probe per entity.
		parts := make([]string, len(entityIDs))
		ea := make([]any, len(entityIDs))
		for i, id := range entityIDs {
			parts[i] = `SELECT (SELECT MIN(sort_start) FROM event_entities WHERE entity_id = ?) AS m`
			ea[i] = id
		}
		var first sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT MIN(m) FROM (`+strings.Join(parts, " UNION ALL ")+`)`, ea...).Scan(&first); err != nil {
			return nil, false, err
		}
		if first.Valid && first.String > bound {
			return nil, false, nil
		}
	}
	a := append(append([]any{}, testArgs...), args...)
	a = append(a, bound, boundID)
	ids, err = walk(ctx, tx, test+" AND "+cond+` AND (e.sort_start, e.id) < (?, ?)`, a, "ORDER BY e.sort_start, e.id", offset, limit)
	if err != nil || len(ids) < limit {
		return nil, false, err
	}
	return ids, true, nil
}

// streamWalk is the walk of a big topic with entities (entityIDs): it
// reads each entity's links in date order from the entity index, which
// knows their happenings, only until that entity has given want merged
// events, and as far the reports of the articles about it (from
// topic_happenings, the same for source_topics), then walks the topic's
// words (fts, with ftsArgs; none when empty) up to the link that
// completes want merged events of all the links, and returns the merged
// events of the lot in date order (at least want of them unless the
// topic has fewer: end is then true and the list complete). cond (with
// args) holds the other filters: with them, the articles about the
// entities are walked with the words, as topic_happenings knows no
// filters. A story told by a hundred feeds costs a hundred index
// entries, not a hundred rounds.
//
// The view v skips the links of sources it does not see: those of the
// entities such sources name (parts has them), through guild_links, and
// the other events of those sources as it reads them; the articles about
// an entity that it does not see all are walked with the words.
func streamWalk(ctx context.Context, tx *Tx, v *view, parts map[int64]*entityPart, cond string, args []any, entityIDs []int64, fts string, ftsArgs []any, want int) (hids []int64, end bool, err error) {
	var links []link
	end = true
	// walked are the entities whose articles' reports are walked with
	// the words rather than read from topic_happenings.
	var walked []int64
	// read appends the links of query q (id, date, happening, source
	// id or 0) until they give want merged events.
	read := func(q string, a ...any) error {
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := map[int64]bool{}
		for rows.Next() {
			var l link
			var src int64
			if err := rows.Scan(&l.id, &l.date, &l.h, &src); err != nil {
				return err
			}
			if src != 0 && !v.sees(src) {
				continue
			}
			if l.h == 0 {
				l.h = -l.id
			}
			links = append(links, l)
			if !seen[l.h] {
				seen[l.h] = true
				if len(seen) == want {
					end = false
					break
				}
			}
		}
		return rows.Err()
	}
	for _, ent := range entityIDs {
		// The first link of each merged event, from entity_happenings:
		// the later ones come after it in the walk, and change nothing.
		q := `SELECT first_event, first_start, happening, 0 FROM entity_happenings INDEXED BY entity_happenings_first WHERE entity_id = ?1 ORDER BY first_start, first_event`
		a := []any{ent}
		switch {
		case cond != "1":
			q = `SELECT ee.event_id, ee.sort_start, ee.happening_id, e.source_id FROM event_entities ee JOIN events e INDEXED BY events_byid ON e.id = ee.event_id
				WHERE ee.entity_id = ? AND ` + cond + ` ORDER BY ee.sort_start, ee.event_id`
			a = append(a, args...)
		case parts[ent] != nil:
			q = `SELECT ee.event_id, ee.sort_start, ee.happening_id, 0 FROM event_entities ee WHERE ee.entity_id = ?1 AND NOT EXISTS (SELECT 1 FROM guild_links g
				WHERE g.entity_id = ?1 AND g.guild_id IN ` + v.othersSQL() + ` AND g.event_id = ee.event_id) ORDER BY ee.sort_start, ee.event_id`
		}
		if err := read(q, a...); err != nil {
			return nil, false, err
		}
	}
	// When the links bound the page, the articles about the entities
	// give their merged events from topic_happenings, which bounds the
	// words' walk closer still; when they do not, everything else is
	// walked to its end (a few pages of reports at most), which counts
	// a small topic's merged events exactly.
	bounded := cond == "1" && pageBound(links, want) != nil
	linksEnd := end
	for _, ent := range entityIDs {
		touched := !bounded
		if !touched && v.scoped() {
			// An article the view does not see about the entity:
			// its rows hold reports the view must skip.
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM source_topics st WHERE st.entity_id = ? AND `+v.hiddenSource("st.source_id")+`)`, ent).Scan(&touched); err != nil {
				return nil, false, err
			}
		}
		if touched {
			walked = append(walked, ent)
			continue
		}
		// The first report of each merged event the articles about
		// the entity tell.
		if err := read(`SELECT first_event, first_start, happening, 0 FROM topic_happenings INDEXED BY topic_happenings_first WHERE entity_id = ? ORDER BY first_start, first_event`, ent); err != nil {
			return nil, false, err
		}
	}
	// Whether the walk reached the end is the links' to say, as when
	// the articles about the entities were walked with the words.
	end = linksEnd
	var restParts []string
	var restArgs []any
	if len(walked) > 0 {
		restParts = append(restParts, `+e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id IN (`+placeholders(len(walked))+`))`)
		restArgs = append(restArgs, idArgs(walked)...)
	}
	if fts != "" {
		restParts = append(restParts, fts)
		restArgs = append(restArgs, ftsArgs...)
	}
	// The link that completes want merged events bounds the rest;
	// without one (the links ran out), the rest is walked to its end.
	bound := pageBound(links, want)
	var others []link
	if len(walked) == 0 && len(ftsArgs) == 1 && bound != nil && cond == "1" && !v.scoped() {
		// The words alone, up to a bound: event_words lists their
		// merged events in the walk's order.
		others, err = walkWords(ctx, tx, ftsArgs[0], bound, want, linksEnd)
	} else {
		others, err = walkRest(ctx, tx, v, cond, args, restParts, restArgs, bound, want)
	}
	if err != nil {
		return nil, false, err
	}
	if bound == nil && len(others) >= 256*want {
		// Far past a page, with no links to bound it: the walk stopped
		// there, and the merged events say how far it got.
		end = false
	}
	all := append(links, others...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].date != all[j].date {
			return all[i].date < all[j].date
		}
		return all[i].id < all[j].id
	})
	seen := map[int64]bool{}
	for _, l := range all {
		if !seen[l.h] {
			seen[l.h] = true
			hids = append(hids, l.h)
		}
	}
	return hids, end, nil
}

// walkRest reads the reports of the topic's other parts (parts, ORed,
// with args; none when empty) that match cond, in the walk's order up to
// bound: one row per merged event, its first report. Without a bound it
// reads them in order, and stops 256 pages in.
func walkRest(ctx context.Context, tx *Tx, v *view, cond string, args []any, parts []string, partArgs []any, bound *link, want int) ([]link, error) {
	if len(parts) == 0 {
		return nil, nil
	}
	rest := `(` + strings.Join(parts, " OR ") + `)`
	q := `SELECT e.id, e.sort_start, e.happening_id, e.source_id FROM events e INDEXED BY events_walk WHERE ` + rest + ` AND ` + cond
	a := append(append([]any{}, partArgs...), args...)
	if bound != nil {
		// Bounded, the rest is read one row per merged event: its
		// first report in the walk's order (the least of sort_start,
		// then id, as text that sorts so), among those the view sees.
		// A story a hundred feeds tell costs a hundred index entries
		// tested, not a hundred rows returned.
		q = `SELECT e.id, e.sort_start, IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, e.source_id,
				MIN(e.sort_start || char(1) || printf('%020d', e.id))
			FROM events e INDEXED BY events_walk WHERE ` + rest + ` AND ` + cond + ` AND (e.sort_start, e.id) <= (?, ?) AND ` + v.keep("e.source_id") + `
			GROUP BY h`
		a = append(a, bound.date, bound.id)
	} else {
		q += ` ORDER BY e.sort_start, e.id`
	}
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	var others []link
	var key string
	for rows.Next() {
		var p link
		var src int64
		dest := []any{&p.id, &p.date, &p.h, &src}
		if bound != nil {
			dest = append(dest, &key)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, err
		}
		if !v.sees(src) {
			continue
		}
		if p.h == 0 {
			p.h = -p.id
		}
		others = append(others, p)
		if bound == nil && len(others) >= 256*want {
			// Far past a page, with no links to bound it: stop here
			// and let the merged events say how far this got.
			break
		}
	}
	rows.Close()
	return others, rows.Err()
}

// walkWords is walkRest for a topic's words alone (fq, an FTS query) up
// to bound, for a view that sees every source and no other filters: it
// reads event_words in the walk's order (sort_start, then id) rather
// than testing every report dated before bound, and returns the first
// report of each merged event that has the words. event_words holds one
// row per merged event and wording, at its first report; whether a
// report matches depends on its wording alone, so the first row of a
// merged event is its first report that matches. When the page is the
// links' to finish (all is false) it stops at the want-th merged event,
// since one whose first report with the words comes later either is not
// on the page or is among the links; with all set it reads to bound, as
// the total then counts what it returns.
func walkWords(ctx context.Context, tx *Tx, fq any, bound *link, want int, all bool) ([]link, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, happening FROM event_words WHERE event_words MATCH ? AND rowid <= ? ORDER BY rowid`,
		fq, wordsKey(bound.date, bound.id))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var others []link
	seen := map[int64]bool{}
	for rows.Next() {
		var key, h int64
		if err := rows.Scan(&key, &h); err != nil {
			return nil, err
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		others = append(others, link{wordsPair(key), h})
		if !all && len(others) == want {
			break
		}
	}
	return others, rows.Err()
}

// wordsKey is the event_words key of the report id dated date (its
// sort_start, "" or YYYY-MM-DD), as migration 061 computes it: the day
// as YYYYMMDD (0 for none) times 2^32, plus the id.
func wordsKey(date string, id int64) int64 {
	day, _ := strconv.ParseInt(strings.ReplaceAll(date, "-", ""), 10, 64)
	return day<<32 + id
}

// wordsPair is the report (date and id) of an event_words key.
func wordsPair(key int64) eventPair {
	p := eventPair{id: key & (1<<32 - 1)}
	if day := key >> 32; day != 0 {
		p.date = fmt.Sprintf("%04d-%02d-%02d", day/10000, day/100%100, day%100)
	}
	return p
}

// pageBound sorts links in date order and returns the one that
// completes want merged events, nil when they are fewer.
func pageBound(links []link, want int) *link {
	sort.Slice(links, func(i, j int) bool {
		if links[i].date != links[j].date {
			return links[i].date < links[j].date
		}
		return links[i].id < links[j].id
	})
	seen := map[int64]bool{}
	for i := range links {
		if !seen[links[i].h] {
			seen[links[i].h] = true
			if len(seen) == want {
				return &links[i]
			}
		}
	}
	return nil
}

// link is a report in a walk: its id and date, and its happening (minus
// its id when it stands alone).
type link struct {
	eventPair
	h int64
}

// walkHappenings is the walk of the loop in findEvents in one pass: it
// reads the events matching cond in order, with their happenings from
// the walk's index, and stops where that loop would, at the first of n,
// 4n, 16n, ... events that holds want merged events the view sees. end
// is set when it read every matching event. The loop walks again from
// the start at each step, and reads the events' happenings by id.
func walkHappenings(ctx context.Context, tx *Tx, v *view, cond string, args []any, order string, n, want int) (hids []int64, end bool, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.happening_id, e.source_id FROM events e INDEXED BY events_walk WHERE `+cond+` `+order, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for read := 1; rows.Next(); read++ {
		var id, h, src int64
		if err := rows.Scan(&id, &h, &src); err != nil {
			return nil, false, err
		}
		if v.sees(src) {
			if h == 0 {
				h = -id // a report not yet merged stands alone
			}
			if !seen[h] {
				seen[h] = true
				hids = append(hids, h)
			}
		}
		if read == n {
			if len(hids) >= want {
				return hids, false, nil
			}
			n *= 4
		}
	}
	return hids, true, rows.Err()
}

// eventPair is an event's id and sort_start.
type eventPair struct {
	date string
	id   int64
}

// scanPairs returns the (event id, date) rows of query, in date order,
// each event once.
func scanPairs(ctx context.Context, tx *Tx, query string, args []any) ([]eventPair, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []eventPair
	for rows.Next() {
		var p eventPair
		if err := rows.Scan(&p.id, &p.date); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return sortPairs(out), nil
}

// sortPairs sorts ps in date order, then id, dropping repeated events.
func sortPairs(ps []eventPair) []eventPair {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].date != ps[j].date {
			return ps[i].date < ps[j].date
		}
		return ps[i].id < ps[j].id
	})
	out := ps[:0]
	for _, p := range ps {
		if len(out) == 0 || p.id != out[len(out)-1].id {
			out = append(out, p)
		}
	}
	return out
}

// walk returns the ids of a page of the events matching cond in date
// order, going through events_walk, which holds every column the list
// tests need.
func walk(ctx context.Context, tx *Tx, cond string, args []any, order string, offset, limit int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, 0 FROM events e INDEXED BY events_walk WHERE `+cond+`
		`+order+` LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(offset), args...)
	if err != nil {
		return nil, err
	}
	ids, _, err := scanIDsTotal(rows)
	return ids, err
}

// scanIDsTotal reads rows of an event id and a count, returning the ids
// in order and the count of the first row.
func scanIDsTotal(rows *sql.Rows) ([]int64, int, error) {
	defer rows.Close()
	var ids []int64
	total := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &total); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, total, rows.Err()
}

// topicEntityIDs returns the entities a normalised topic names (by name,
// alias, place or a person's surname) and the sum of their event counts,
// by the names and counts of the sources the view v sees, and what the
// view hides of them (nil when it sees every source).
func topicEntityIDs(ctx context.Context, tx *Tx, v *view, n string) ([]int64, int, map[int64]*entityPart, error) {
	if v.scoped() {
		return viewTopicEntityIDs(ctx, tx, v, n)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, event_count FROM entities WHERE id IN (`+topicEntities+`)`, n, n, n, n)
	if err != nil {
		return nil, 0, nil, err
	}
	defer rows.Close()
	var ids []int64
	sum := 0
	for rows.Next() {
		var id int64
		var c int
		if err := rows.Scan(&id, &c); err != nil {
			return nil, 0, nil, err
		}
		ids = append(ids, id)
		sum += c
	}
	return ids, sum, nil, rows.Err()
}

// topicSourceEvents estimates the events of the sources about any of ids
// (see insertTopics), for the estimate that picks FindEvents' plan: an
// upper bound (a source about two of ids counts twice), reading at most
// limit sources, since past exactTotalLimit only the plan depends on it.
func topicSourceEvents(ctx context.Context, tx *Tx, ids []int64, limit int) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := make([]any, 0, len(ids)+1)
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, limit)
	var n int
	// The events are counted in events_source_sort rather than read as
	// sources.event_count: a source's row holds its text.
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT source_id FROM source_topics
		WHERE entity_id IN (`+placeholders(len(ids))+`) LIMIT ?) st JOIN events ev INDEXED BY events_source_sort ON ev.source_id = st.source_id`, args...).Scan(&n)
	return n, err
}

// ftsTermCount returns how many sentences hold the rarest word of s (an
// upper bound on the sentences that match all of them), 0 when a word is
// not indexed at all. The counts are sentences_fts's, kept in
// sentence_terms rather than read by walking each word's postings.
func ftsTermCount(ctx context.Context, tx *Tx, s string) (int, error) {
	words := strings.Fields(strings.Join(ftsPhrases(s), " "))
	if len(words) == 0 {
		return 0, nil
	}
	best := -1
	for _, w := range words {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT docs FROM sentence_terms WHERE term = ?`, w).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		} else if err != nil {
			return 0, err
		}
		if best < 0 || n < best {
			best = n
		}
	}
	return best, nil
}

type rowScanner interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}

// loadEventEntities fills in the participants of evs, by the names the
// view v sees, a query per 500 events: an export reads every report,
// more than SQLite binds in one statement.
func loadEventEntities(ctx context.Context, tx *Tx, v *view, evs []*Event) error {
	if len(evs) == 0 {
		return nil
	}
	byID := make(map[int64]*Event, len(evs))
	ids := make([]int64, len(evs))
	for i, e := range evs {
		byID[e.ID] = e
		ids[i] = e.ID
		e.Entities = []string{}
	}
	type link struct {
		event, entity int64
		name          string
	}
	var links []link
	var flagged []int64
	for chunk := range chunks(ids, 500) {
		// A view that hides sources asks which participants' stored
		// names it sees no use of (see renamed).
		rows, err := tx.QueryContext(ctx, `SELECT ee.event_id, en.name, en.id, `+v.canonHidden("en.id")+` FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
			WHERE ee.event_id IN (`+placeholders(len(chunk))+`) ORDER BY ee.event_id, en.name`, idArgs(chunk)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var l link
			var renamed bool
			if err := rows.Scan(&l.event, &l.name, &l.entity, &renamed); err != nil {
				rows.Close()
				return err
			}
			links = append(links, l)
			if renamed {
				flagged = append(flagged, l.entity)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	parts, err := v.renamed(ctx, tx, flagged)
	if err != nil {
		return err
	}
	for _, l := range links {
		byID[l.event].Entities = append(byID[l.event].Entities, parts[l.entity].displayName(l.name))
	}
	return nil
}
