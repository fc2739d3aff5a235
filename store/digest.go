package store

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

// DigestFilter selects the events a digest considers: those whose date
// range ends on or after Since and starts at most 31 days before it. Now is the time the digest is made for
// (zero means the store's clock); Limit caps the result (default 10).
type DigestFilter struct {
	Since time.Time
	Now   time.Time
	Limit int
}

// Development is an event ranked for a digest, with the parts of its
// score.
type Development struct {
	Event *Event  `json:"event"`
	Score float64 `json:"score"`
	// Sources counts the sources reporting an event on the same date with
	// the same participants; only the best of them is listed.
	Sources int `json:"sources"`
	// Participants counts the known people and organisations taking part.
	Participants int `json:"participants"`
	// Quoted is set when a participant is quoted in the event's sentence.
	Quoted bool `json:"quoted"`
	// Lead is set when the event is in the first three sentences of its
	// article.
	Lead bool `json:"lead"`
}

// digestCandidates bounds the events a digest scores.
const digestCandidates = 5000

// KeyDevelopments returns the events that best sum up what happened,
// best first. The score is deterministic:
//
//	score = 4·recency + 2·min(sources−1, 3) + min(participants, 4) + 2·quoted + lead
//	recency = 1 / (1 + days/7)
//
// where days is the number of days between Now and the nearest day of the
// event's date range plus half the range's length (so "2025" counts as
// far from any day in it, and "22 Oct" as close), sources the number of
// sources reporting the same date and participants, participants the
// number of known people and organisations in the event, quoted 1 when one
// of them is quoted in the event's sentence, and lead 1 when the event is
// in the article's first three sentences. Ties go to the later date, then
// the lower event id. Events with the same date and participants are
// listed once.
func (db *DB) KeyDevelopments(ctx context.Context, f DigestFilter) ([]*Development, error) {
	now := f.Now
	if now.IsZero() {
		now = db.Now()
	}
	limit := clampLimit(f.Limit, 10)
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("key developments: %w", err)
	}
	defer tx.Rollback()
	// A date range counts if it ends after Since and starts at most a
	// month before it: a digest is about recent developments, and coarser
	// dates ("2025") are no news of the week.
	since, sinceFloor := "", ""
	if !f.Since.IsZero() {
		since = f.Since.UTC().Format(time.DateOnly)
		sinceFloor = f.Since.UTC().AddDate(0, 0, -31).Format(time.DateOnly)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+eventCols+`,
			(SELECT COUNT(*) FROM event_entities ee JOIN entities en ON en.id = ee.entity_id WHERE ee.event_id = e.id AND en.kind IN ('person', 'org')),
			COALESCE((SELECT group_concat(entity_id) FROM (SELECT entity_id FROM event_entities WHERE event_id = e.id ORDER BY entity_id)), ''),
			EXISTS (SELECT 1 FROM quotes q JOIN event_entities ee ON ee.event_id = e.id AND ee.entity_id = q.speaker_entity_id
				WHERE q.source_id = e.source_id AND q.sentence_start < e."end" AND q.sentence_end > e.start)
		FROM events e JOIN sources s ON s.id = e.source_id
		WHERE e.sort_end >= ? AND e.sort_start >= ? AND e.sort_start != ''
		ORDER BY e.sort_start DESC, e.id DESC LIMIT ?`, since, sinceFloor, digestCandidates)
	if err != nil {
		return nil, fmt.Errorf("key developments: %w", err)
	}
	type cand struct {
		d   *Development
		key string
	}
	var cands []cand
	groups := map[string]map[int64]bool{}
	for rows.Next() {
		e := &Event{Source: &SourceRef{}}
		d := &Development{Event: e}
		var parts string
		if err := rows.Scan(&e.ID, &e.Date, &e.Precision, &e.SortStart, &e.SortEnd, &e.Summary, &e.Sentence, &e.Start, &e.End,
			&e.ClauseStart, &e.ClauseEnd, &e.TimeText, &e.SentIndex, &e.Source.ID, &e.Source.Name, &e.Source.Title, &e.Source.URL, &e.Source.Published,
			&d.Participants, &parts, &d.Quoted); err != nil {
			rows.Close()
			return nil, fmt.Errorf("key developments: %w", err)
		}
		d.Lead = e.SentIndex < 3
		k := ""
		if parts != "" {
			k = e.Date + "|" + parts
			if groups[k] == nil {
				groups[k] = map[int64]bool{}
			}
			groups[k][e.Source.ID] = true
		}
		cands = append(cands, cand{d, k})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("key developments: %w", err)
	}
	for _, c := range cands {
		c.d.Sources = 1
		if c.key != "" {
			c.d.Sources = len(groups[c.key])
		}
		c.d.Score = developmentScore(c.d, now)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i].d, cands[j].d
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Event.SortStart != b.Event.SortStart {
			return a.Event.SortStart > b.Event.SortStart
		}
		return a.Event.ID < b.Event.ID
	})
	var out []*Development
	var evs []*Event
	seen := map[string]bool{}
	for _, c := range cands {
		if len(out) == limit {
			break
		}
		if c.key != "" {
			if seen[c.key] {
				continue
			}
			seen[c.key] = true
		}
		out = append(out, c.d)
		evs = append(evs, c.d.Event)
	}
	if err := loadEventEntities(ctx, tx, evs); err != nil {
		return nil, fmt.Errorf("key developments: %w", err)
	}
	return out, nil
}

// developmentScore is the formula documented on KeyDevelopments.
func developmentScore(d *Development, now time.Time) float64 {
	return Score(d.Event.SortStart, d.Event.SortEnd, now, d.Sources, d.Participants, d.Quoted, d.Lead)
}

// Score is the key-development score documented on KeyDevelopments, for
// an event whose date range runs from sortStart to sortEnd (YYYY-MM-DD),
// seen on the day of now; scheduled digests rank with it too.
func Score(sortStart, sortEnd string, now time.Time, sources, participants int, quoted, lead bool) float64 {
	start, err1 := time.Parse(time.DateOnly, sortStart)
	end, err2 := time.Parse(time.DateOnly, sortEnd)
	recency := 0.0
	if err1 == nil && err2 == nil {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		var dist float64
		switch {
		case today.Before(start):
			dist = start.Sub(today).Hours() / 24
		case today.After(end):
			dist = today.Sub(end).Hours() / 24
		}
		days := dist + end.Sub(start).Hours()/24/2
		recency = 1 / (1 + days/7)
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	s := 4*recency + 2*float64(min(max(sources-1, 0), 3)) + float64(min(participants, 4)) + 2*b(quoted) + b(lead)
	return math.Round(s*1000) / 1000
}
