package store

import (
	"context"
	"fmt"
	"strings"
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
// (YYYY, YYYY-MM or YYYY-MM-DD) keep events whose dates overlap the range.
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
	UNION SELECT entity_id FROM aliases WHERE norm = ?
	UNION SELECT entity_id FROM entity_places WHERE place_norm = ?
	UNION SELECT id FROM entities WHERE surname = ? AND kind = 'person'`

const eventCols = `e.id, e.date, e.precision, e.sort_start, e.sort_end, e.summary, e.sentence, e.start, e."end",
	e.clause_start, e.clause_end, e.time_text, e.sent_index, s.id, s.name, s.title, s.url, s.published`

// FindEvents returns a page of the events matching f in date order (then
// source and position), and how many match in all.
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

func findEvents(ctx context.Context, tx *Tx, f EventFilter) ([]*Event, int, error) {
	limit := clampLimit(f.Limit, 10)
	offset := max(f.Offset, 0)
	var where []string
	var args []any
	if f.Topic != "" {
		n := Norm(f.Topic)
		fq := ftsQuery(f.Topic)
		if n == "" || fq == "" {
			return nil, 0, nil
		}
		args = append(args, n, n, n, n, fq)
		where = append(where, `e.id IN (
			SELECT event_id FROM event_entities WHERE entity_id IN (`+topicEntities+`)
			UNION SELECT ev.id FROM sentences_fts JOIN sentences st ON st.id = sentences_fts.rowid
				JOIN events ev ON ev.source_id = st.source_id AND ev.start < st."end" AND ev."end" > st.start
				WHERE sentences_fts MATCH ?)`)
	}
	if f.EntityID != 0 {
		where = append(where, `e.id IN (SELECT event_id FROM event_entities WHERE entity_id = ?)`)
		args = append(args, f.EntityID)
	}
	if f.SourceID != 0 {
		where = append(where, `e.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if f.From != "" {
		from, _, err := ParseDateBound(f.From)
		if err != nil {
			return nil, 0, err
		}
		where = append(where, `e.sort_end >= ?`)
		args = append(args, from)
	}
	if f.To != "" {
		_, to, err := ParseDateBound(f.To)
		if err != nil {
			return nil, 0, err
		}
		where = append(where, `e.sort_start <= ?`)
		args = append(args, to)
	}
	cond := "1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events e WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if total == 0 || offset >= total {
		return nil, total, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+eventCols+` FROM events e JOIN sources s ON s.id = e.source_id
		WHERE `+cond+` ORDER BY e.sort_start, e.source_id, e.start LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(offset), args...)
	if err != nil {
		return nil, 0, err
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, 0, err
	}
	if err := loadEventEntities(ctx, tx, evs); err != nil {
		return nil, 0, err
	}
	return evs, total, nil
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
