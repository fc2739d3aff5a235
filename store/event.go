package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	SentIndex int        `json:"sent_index"`
	Entities  []string   `json:"entities"`
	Source    *SourceRef `json:"source"`
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
	Offset   int
	Limit    int
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
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", err)
	}
	defer tx.Rollback()
	evs, n, err := findEvents(ctx, tx, f)
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

func findEvents(ctx context.Context, tx *Tx, f EventFilter) ([]*Event, int, error) {
	limit := clampLimit(f.Limit, 10)
	offset := max(f.Offset, 0)
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
	if f.EntityID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id = ?)`)
		args = append(args, f.EntityID)
	}

	// The membership test of the topic, in two forms: a set to collect
	// (small topics) and a per-event test (big ones).
	estimate := -1 // unknown
	var setSQL, testSQL string
	var setArgs, testArgs []any
	switch {
	case f.Topic != "":
		n, fq := Norm(f.Topic), ftsQuery(f.Topic)
		if n == "" || fq == "" {
			return nil, 0, nil
		}
		ids, count, err := topicEntityIDs(ctx, tx, n)
		if err != nil {
			return nil, 0, err
		}
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
		var sets, tests []string
		if len(ids) > 0 {
			ph := placeholders(len(ids))
			sets = append(sets, `SELECT event_id FROM event_entities WHERE entity_id IN (`+ph+`)`,
				`SELECT ev.id FROM events ev JOIN source_topics st ON st.source_id = ev.source_id WHERE st.entity_id IN (`+ph+`)`)
			tests = append(tests, `EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_id = e.id AND ee.entity_id IN (`+ph+`))`,
				`EXISTS (SELECT 1 FROM source_topics st WHERE st.source_id = e.source_id AND st.entity_id IN (`+ph+`))`)
			for range 2 {
				for _, id := range ids {
					setArgs = append(setArgs, id)
					testArgs = append(testArgs, id)
				}
			}
		}
		if terms > 0 {
			sets = append(sets, `SELECT ev.id FROM events ev WHERE ev.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`)
			setArgs = append(setArgs, fq)
			// A correlated FTS query costs ~0.1 ms an event; the terms
			// column answers the same question with LIKE.
			var likes []string
			for _, p := range ftsPhrases(f.Topic) {
				likes = append(likes, `e.terms LIKE ? ESCAPE '\'`)
				testArgs = append(testArgs, "% "+likeEscape(p)+" %")
			}
			tests = append(tests, `(`+strings.Join(likes, " AND ")+`)`)
		}
		setSQL = `e.id IN (` + strings.Join(sets, " UNION ") + `)`
		testSQL = `(` + strings.Join(tests, " OR ") + `)`
	case f.EntityID != 0:
		if err := tx.QueryRowContext(ctx, `SELECT event_count FROM entities WHERE id = ?`, f.EntityID).Scan(&estimate); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil, 0, nil
			}
			return nil, 0, err
		}
	case f.SourceID != 0:
		estimate = 0 // one source's events are few: count them
	}

	cond := strings.Join(where, " AND ")
	if cond == "" {
		cond = "1"
	}
	exact := estimate >= 0 && estimate < exactTotalLimit
	var total int
	if exact {
		if setSQL != "" {
			cond = setSQL + " AND " + cond
			args = append(setArgs, args...)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events e WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
		if total == 0 || offset >= total {
			return nil, total, nil
		}
	} else {
		if testSQL != "" {
			cond = testSQL + " AND " + cond
			args = append(testArgs, args...)
		}
		total = estimate
		if estimate < 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events e WHERE `+cond, args...).Scan(&total); err != nil {
				return nil, 0, err
			}
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+eventCols+` FROM events e JOIN sources s ON s.id = e.source_id
		WHERE `+cond+` ORDER BY e.sort_start, e.id LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(offset), args...)
	if err != nil {
		return nil, 0, err
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, 0, err
	}
	if !exact && len(evs) < limit {
		// The walk reached the end: the true total is now known.
		total = offset + len(evs)
	}
	if err := loadEventEntities(ctx, tx, evs); err != nil {
		return nil, 0, err
	}
	return evs, total, nil
}

// topicEntityIDs returns the entities a normalised topic names (by name,
// alias, place or a person's surname) and the sum of their event counts.
func topicEntityIDs(ctx context.Context, tx *Tx, n string) ([]int64, int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, event_count FROM entities WHERE id IN (`+topicEntities+`)`, n, n, n, n)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	sum := 0
	for rows.Next() {
		var id int64
		var c int
		if err := rows.Scan(&id, &c); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
		sum += c
	}
	return ids, sum, rows.Err()
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
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(c), 0) FROM (SELECT s.event_count AS c FROM source_topics st
		JOIN sources s ON s.id = st.source_id WHERE st.entity_id IN (`+placeholders(len(ids))+`) LIMIT ?)`, args...).Scan(&n)
	return n, err
}

// ftsTermCount returns how many sentences hold the rarest word of s (an
// upper bound on the sentences that match all of them), 0 when a word is
// not indexed at all.
func ftsTermCount(ctx context.Context, tx *Tx, s string) (int, error) {
	words := strings.Fields(strings.Join(ftsPhrases(s), " "))
	if len(words) == 0 {
		return 0, nil
	}
	best := -1
	for _, w := range words {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT doc FROM sentences_vocab WHERE term = ?`, w).Scan(&n)
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

func scanEvents(rows rowScanner) ([]*Event, error) {
	defer rows.Close()
	var out []*Event
	for rows.Next() {
		e := &Event{Source: &SourceRef{}}
		if err := rows.Scan(&e.ID, &e.Date, &e.Precision, &e.SortStart, &e.SortEnd, &e.Summary, &e.Sentence, &e.Start, &e.End,
			&e.ClauseStart, &e.ClauseEnd, &e.TimeText, &e.SentIndex, &e.Source.ID, &e.Source.Name, &e.Source.Title, &e.Source.URL, &e.Source.Published); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventsByID loads events with their participants, in no particular
// order.
func eventsByID(ctx context.Context, tx *Tx, ids []int64) ([]*Event, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+eventCols+` FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, err
	}
	return evs, loadEventEntities(ctx, tx, evs)
}

// loadEventEntities fills in the participants of evs with one query.
func loadEventEntities(ctx context.Context, tx *Tx, evs []*Event) error {
	if len(evs) == 0 {
		return nil
	}
	byID := make(map[int64]*Event, len(evs))
	args := make([]any, len(evs))
	for i, e := range evs {
		byID[e.ID] = e
		args[i] = e.ID
		e.Entities = []string{}
	}
	rows, err := tx.QueryContext(ctx, `SELECT ee.event_id, en.name FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
		WHERE ee.event_id IN (`+placeholders(len(evs))+`) ORDER BY ee.event_id, en.name`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		byID[id].Entities = append(byID[id].Entities, name)
	}
	return rows.Err()
}
