package store

import (
	"context"
	"fmt"
)

// MentionSpan is one stored entity mention, for scoring the store's
// entity resolution against gold coreference: the byte span [Start, End)
// of the source's text and the entity the loader resolved it to. Mentions
// with the same EntityID corefer, within and across sources.
type MentionSpan struct {
	Source   string // the source's name
	Start    int
	End      int
	Text     string
	EntityID int64
	Kind     string // the entity's kind
}

// EventSpan is one stored event report, for scoring the merging of
// reports into happenings: its sentence [Start, End) and clause
// [ClauseStart, ClauseEnd) in the source's text, its date (a TimeML
// value), and the happening it was merged into. Reports with the same
// HappeningID are told as one timeline item.
type EventSpan struct {
	ID          int64
	Source      string // the source's name
	Start       int
	End         int
	ClauseStart int
	ClauseEnd   int
	Date        string
	HappeningID int64
}

// MentionSpans returns every stored entity mention, by source name and
// position.
func (db *DB) MentionSpans(ctx context.Context) ([]MentionSpan, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("mention spans: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT s.name, m.start, m."end", m.text, m.entity_id, e.kind
		FROM mentions m JOIN sources s ON s.id = m.source_id JOIN entities e ON e.id = m.entity_id
		ORDER BY s.name, m.start, m."end", m.id`)
	if err != nil {
		return nil, fmt.Errorf("mention spans: %w", err)
	}
	defer rows.Close()
	var out []MentionSpan
	for rows.Next() {
		var m MentionSpan
		if err := rows.Scan(&m.Source, &m.Start, &m.End, &m.Text, &m.EntityID, &m.Kind); err != nil {
			return nil, fmt.Errorf("mention spans: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mention spans: %w", err)
	}
	return out, nil
}

// EventSpans returns every stored event report, by source name and
// position.
func (db *DB) EventSpans(ctx context.Context) ([]EventSpan, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("event spans: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT e.id, s.name, e.start, e."end", e.clause_start, e.clause_end, e.date, e.happening_id
		FROM events e JOIN sources s ON s.id = e.source_id
		ORDER BY s.name, e.start, e.clause_start, e.id`)
	if err != nil {
		return nil, fmt.Errorf("event spans: %w", err)
	}
	defer rows.Close()
	var out []EventSpan
	for rows.Next() {
		var e EventSpan
		if err := rows.Scan(&e.ID, &e.Source, &e.Start, &e.End, &e.ClauseStart, &e.ClauseEnd, &e.Date, &e.HappeningID); err != nil {
			return nil, fmt.Errorf("event spans: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event spans: %w", err)
	}
	return out, nil
}
