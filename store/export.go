package store

import (
	"context"
	"fmt"
)

// Export is every source and fact, in the JSON shape other tools read.
// Field names are fixed.
type Export struct {
	Sources  []ExportSource `json:"sources"`
	Entities []ExportEntity `json:"entities"`
	Events   []ExportEvent  `json:"events"`
	Quotes   []ExportQuote  `json:"quotes"`
}

// ExportSource is a source in an Export; ID is its name, which events and
// quotes refer to.
type ExportSource struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// ExportEntity is an entity in an Export.
type ExportEntity struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Kind    string       `json:"kind"`
	Aliases []string     `json:"aliases"`
	Roles   []ExportRole `json:"roles"`
}

// ExportRole is a role in an Export.
type ExportRole struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	Since string `json:"since"`
	Until string `json:"until"`
}

// ExportEvent is an event in an Export.
type ExportEvent struct {
	ID        string   `json:"id"`
	Date      string   `json:"date"`
	Precision string   `json:"precision"`
	Summary   string   `json:"summary"`
	Sentence  string   `json:"sentence"`
	Entities  []string `json:"entities"`
	Source    string   `json:"source"`
}

// ExportQuote is a quote in an Export.
type ExportQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Date    string `json:"date"`
	Source  string `json:"source"`
}

// Export returns everything in the database, in a stable order: sources
// by name, entities by name, events by date, quotes by source and
// position.
func (db *DB) Export(ctx context.Context) (*Export, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer tx.Rollback()
	x, err := export(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return x, nil
}

func export(ctx context.Context, tx *Tx) (*Export, error) {
	x := &Export{Sources: []ExportSource{}, Entities: []ExportEntity{}, Events: []ExportEvent{}, Quotes: []ExportQuote{}}
	rows, err := tx.QueryContext(ctx, `SELECT name, title, url, published FROM sources WHERE content_hash != '' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s ExportSource
		if err := rows.Scan(&s.ID, &s.Title, &s.URL, &s.Published); err != nil {
			rows.Close()
			return nil, err
		}
		x.Sources = append(x.Sources, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, name, kind, norm FROM entities ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	index := map[int64]int{}
	norms := map[int64]map[string]bool{}
	for rows.Next() {
		var id int64
		var e ExportEntity
		var n string
		if err := rows.Scan(&id, &e.Name, &e.Kind, &n); err != nil {
			rows.Close()
			return nil, err
		}
		e.ID = fmt.Sprintf("e%d", id)
		e.Aliases, e.Roles = []string{}, []ExportRole{}
		index[id] = len(x.Entities)
		norms[id] = map[string]bool{n: true}
		x.Entities = append(x.Entities, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT entity_id, alias, norm FROM entity_names ORDER BY entity_id, alias`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var a, n string
		if err := rows.Scan(&id, &a, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if norms[id] == nil || norms[id][n] {
			continue
		}
		norms[id][n] = true
		e := &x.Entities[index[id]]
		e.Aliases = append(e.Aliases, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT entity_id, title, org, since, until FROM roles ORDER BY entity_id, since = '', since, id`)
	if err != nil {
		return nil, err
	}
	seenRole := map[string]bool{}
	for rows.Next() {
		var id int64
		var r ExportRole
		if err := rows.Scan(&id, &r.Title, &r.Org, &r.Since, &r.Until); err != nil {
			rows.Close()
			return nil, err
		}
		k := fmt.Sprint(id) + "\x00" + Norm(r.Title) + "\x00" + Norm(r.Org)
		if seenRole[k] {
			continue
		}
		seenRole[k] = true
		e := &x.Entities[index[id]]
		e.Roles = append(e.Roles, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT `+eventCols+` FROM events e JOIN sources s ON s.id = e.source_id ORDER BY e.sort_start, e.id`)
	if err != nil {
		return nil, err
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, err
	}
	// Participants for all events at once.
	names := map[int64][]string{}
	rows, err = tx.QueryContext(ctx, `SELECT ee.event_id, en.name FROM event_entities ee JOIN entities en ON en.id = ee.entity_id ORDER BY ee.event_id, en.name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		names[id] = append(names[id], n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, e := range evs {
		ents := names[e.ID]
		if ents == nil {
			ents = []string{}
		}
		x.Events = append(x.Events, ExportEvent{ID: fmt.Sprintf("ev%d", e.ID), Date: e.Date, Precision: e.Precision, Summary: e.Summary,
			Sentence: e.Sentence, Entities: ents, Source: e.Source.Name})
	}

	rows, err = tx.QueryContext(ctx, `SELECT COALESCE(en.name, q.speaker_name), q.text, q.date, s.name FROM quotes q
		JOIN sources s ON s.id = q.source_id LEFT JOIN entities en ON en.id = q.speaker_entity_id ORDER BY s.name, q.start, q.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var q ExportQuote
		if err := rows.Scan(&q.Speaker, &q.Text, &q.Date, &q.Source); err != nil {
			rows.Close()
			return nil, err
		}
		x.Quotes = append(x.Quotes, q)
	}
	rows.Close()
	return x, rows.Err()
}
