package store

import (
	"context"
	"fmt"
)

// Export is every source and fact, in the JSON shape other tools read.
// Field names are fixed.
type Export struct {
	Sources       []ExportSource       `json:"sources"`
	Entities      []ExportEntity       `json:"entities"`
	Events        []ExportEvent        `json:"events"`
	Quotes        []ExportQuote        `json:"quotes"`
	Disagreements []ExportDisagreement `json:"disagreements"`
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
	// Sources names the sources that mention it.
	Sources []string `json:"sources"`
}

// ExportRole is a role in an Export.
type ExportRole struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	Since string `json:"since"`
	Until string `json:"until"`
	// Source names the first source that gives it; Current is false once
	// it has ended ("former", a successor).
	Source  string `json:"source"`
	Current bool   `json:"current"`
}

// ExportEvent is a merged event in an Export: its date is the one most
// reports support, its wording the clearest report's (whose source is
// Source), and Reports are every source's telling, earliest first.
type ExportEvent struct {
	ID        string         `json:"id"`
	Date      string         `json:"date"`
	Precision string         `json:"precision"`
	Summary   string         `json:"summary"`
	Sentence  string         `json:"sentence"`
	Entities  []string       `json:"entities"`
	Source    string         `json:"source"`
	Reports   []ExportReport `json:"reports"`
	// Sources counts the distinct sources among the reports.
	Sources  int  `json:"sources"`
	Inferred bool `json:"inferred,omitempty"`
}

// ExportReport is one source's report of an event; Start and End are the
// byte offsets of its sentence in the source text, ClauseStart and
// ClauseEnd of its clause.
type ExportReport struct {
	Source      string `json:"source"`
	Date        string `json:"date"`
	Sentence    string `json:"sentence"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	ClauseStart int    `json:"clause_start"`
	ClauseEnd   int    `json:"clause_end"`
	Inferred    bool   `json:"inferred,omitempty"`
}

// ExportDisagreement is a point the sources of an event differ on: About
// is "date" or a kind of figure, Event the event's summary and EventID
// its id.
type ExportDisagreement struct {
	About   string        `json:"about"`
	Event   string        `json:"event"`
	EventID string        `json:"event_id"`
	Date    string        `json:"date"`
	Values  []ExportValue `json:"values"`
}

// ExportValue is one side of a disagreement and the sources (by name)
// that give it.
type ExportValue struct {
	Value   string   `json:"value"`
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
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
	x := &Export{Sources: []ExportSource{}, Entities: []ExportEntity{}, Events: []ExportEvent{}, Quotes: []ExportQuote{}, Disagreements: []ExportDisagreement{}}
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
		e.Aliases, e.Roles, e.Sources = []string{}, []ExportRole{}, []string{}
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

	ids := make([]int64, 0, len(index))
	for id := range index {
		ids = append(ids, id)
	}
	roles, err := entityRoles(ctx, tx, nil, nil, ids)
	if err != nil {
		return nil, err
	}
	srcName := map[int64]string{}
	rows, err = tx.QueryContext(ctx, `SELECT id, name FROM sources`)
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
		srcName[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for id, rs := range roles {
		e := &x.Entities[index[id]]
		for _, r := range rs {
			e.Roles = append(e.Roles, ExportRole{Title: r.Title, Org: r.Org, Since: r.Since, Until: r.Until, Source: srcName[r.SourceID], Current: !r.Ended})
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT es.entity_id, s.name FROM entity_sources es JOIN sources s ON s.id = es.source_id ORDER BY es.entity_id, s.name`)
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
		if i, ok := index[id]; ok {
			x.Entities[i].Sources = append(x.Entities[i].Sources, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	hids, err := queryIDs(ctx, tx, `SELECT id FROM happenings ORDER BY sort_start, id`)
	if err != nil {
		return nil, err
	}
	lone, err := queryIDs(ctx, tx, `SELECT -id FROM events WHERE happening_id = 0 ORDER BY sort_start, id`)
	if err != nil {
		return nil, err
	}
	evs, err := happeningEvents(ctx, tx, nil, append(hids, lone...), 0)
	if err != nil {
		return nil, err
	}
	sortEvents(evs)
	for _, e := range evs {
		id := fmt.Sprintf("ev%d", e.HappeningID)
		if e.HappeningID == 0 {
			id = fmt.Sprintf("ev%d", e.ID)
		}
		xe := ExportEvent{ID: id, Date: e.Date, Precision: e.Precision, Summary: e.Summary,
			Sentence: e.Sentence, Entities: e.Entities, Source: e.Source.Name, Sources: e.Sources, Inferred: e.Inferred}
		for _, r := range e.Reports {
			xe.Reports = append(xe.Reports, ExportReport{Source: r.Source.Name, Date: r.Date, Sentence: r.Sentence, Start: r.Start, End: r.End,
				ClauseStart: r.ClauseStart, ClauseEnd: r.ClauseEnd, Inferred: r.Inferred})
		}
		x.Events = append(x.Events, xe)
		for _, d := range e.Disagreements {
			xd := ExportDisagreement{About: d.About, Event: e.Summary, EventID: id, Date: e.Date}
			for _, v := range d.Values {
				xv := ExportValue{Value: v.Value, Text: v.Text, Sources: []string{}}
				for _, s := range v.Sources {
					xv.Sources = append(xv.Sources, s.Name)
				}
				xd.Values = append(xd.Values, xv)
			}
			x.Disagreements = append(x.Disagreements, xd)
		}
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
