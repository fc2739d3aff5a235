package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"briefbot/extract"
)

// loader holds the prepared statements of one load.
type loader struct {
	ctx context.Context
	tx  *Tx
	res *LoadResult
	src int64

	byNorm, byAlias, bySurname, insEntity, renameEntity *sql.Stmt
	insAlias, insPlace, insRole, insMention             *sql.Stmt
	insEvent, insEventEntity, insQuote, insSentence     *sql.Stmt
	insEntitySource, addCount, addName, addPlace        *sql.Stmt

	// ids maps the extractor's canonical names (by kind) to entity ids.
	ids map[string]int64
	err error // first error preparing statements
}

func (l *loader) prepare(q string) *sql.Stmt {
	// The first error is kept so that run checks once after preparing all.
	s, err := l.tx.PrepareContext(l.ctx, q)
	if err != nil && l.err == nil {
		l.err = err
	}
	return s
}

func insertFacts(ctx context.Context, tx *Tx, res *LoadResult, in SourceInput) error {
	l := &loader{ctx: ctx, tx: tx, res: res, src: res.SourceID, ids: map[string]int64{}}
	return l.run(in)
}

func (l *loader) close() {
	for _, s := range []*sql.Stmt{l.byNorm, l.byAlias, l.bySurname, l.insEntity, l.renameEntity, l.insAlias, l.insPlace,
		l.insRole, l.insMention, l.insEvent, l.insEventEntity, l.insQuote, l.insSentence, l.insEntitySource, l.addCount, l.addName, l.addPlace} {
		if s != nil {
			s.Close()
		}
	}
}

func (l *loader) run(in SourceInput) error {
	defer l.close()
	l.byNorm = l.prepare(`SELECT id FROM entities WHERE norm = ? AND kind = ? ORDER BY id LIMIT 2`)
	l.byAlias = l.prepare(`SELECT n.entity_id FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.norm = ? AND e.kind = ? LIMIT 2`)
	l.bySurname = l.prepare(`SELECT id, first, tokens FROM entities WHERE surname = ? AND kind = 'person'`)
	l.insEntity = l.prepare(`INSERT INTO entities (name, norm, kind, first, surname, tokens) VALUES (?, ?, ?, ?, ?, ?)`)
	l.renameEntity = l.prepare(`UPDATE entities SET name = ?, norm = ?, first = ?, surname = ?, tokens = ? WHERE id = ?`)
	l.insAlias = l.prepare(`INSERT OR IGNORE INTO aliases (entity_id, alias, norm, source_id) VALUES (?, ?, ?, ?)`)
	l.insPlace = l.prepare(`INSERT OR IGNORE INTO entity_places (entity_id, place, place_norm, source_id) VALUES (?, ?, ?, ?)`)
	l.insRole = l.prepare(`INSERT INTO roles (entity_id, title, org, since, until, source_id, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	l.insMention = l.prepare(`INSERT INTO mentions (entity_id, source_id, start, "end", text) VALUES (?, ?, ?, ?, ?)`)
	l.insEvent = l.prepare(`INSERT INTO events (source_id, date, precision, sort_start, sort_end, summary, sentence, start, "end", clause_start, clause_end, time_text, sent_index, sentence_id, terms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	l.insEventEntity = l.prepare(`INSERT OR IGNORE INTO event_entities (event_id, entity_id, sort_start) VALUES (?, ?, ?)`)
	l.insQuote = l.prepare(`INSERT INTO quotes (source_id, speaker_entity_id, speaker_name, speaker_norm, text, date, start, "end", sentence_start, sentence_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	l.insSentence = l.prepare(`INSERT INTO sentences (source_id, start, "end", text) VALUES (?, ?, ?, ?)`)
	l.addName = l.prepare(`INSERT INTO entity_names (entity_id, norm, alias, uses) VALUES (?, ?, ?, 1)
		ON CONFLICT (entity_id, norm) DO UPDATE SET uses = uses + 1`)
	l.addPlace = l.prepare(`INSERT INTO entity_place_names (entity_id, place_norm, place, uses) VALUES (?, ?, ?, 1)
		ON CONFLICT (entity_id, place_norm) DO UPDATE SET uses = uses + 1`)
	l.insEntitySource = l.prepare(`INSERT INTO entity_sources (entity_id, source_id, mentions, events, published) VALUES (?, ?, ?, ?, ?)`)
	l.addCount = l.prepare(`UPDATE entities SET mention_count = mention_count + ?, event_count = event_count + ?, source_count = source_count + 1 WHERE id = ?`)
	if l.err != nil {
		return l.err
	}
	ctx, doc, text := l.ctx, in.Doc, in.Text
	valid := func(s, e int) bool { return s >= 0 && s <= e && e <= len(text) }

	// sentIDs[i] is the row of doc.Sentences[i], 0 when skipped.
	sentIDs := make([]int64, len(doc.Sentences))
	for i, s := range doc.Sentences {
		if !valid(s.Start, s.End) {
			l.res.Skipped++
			continue
		}
		r, err := l.insSentence.ExecContext(ctx, l.src, s.Start, s.End, text[s.Start:s.End])
		if err != nil {
			return err
		}
		if sentIDs[i], err = r.LastInsertId(); err != nil {
			return err
		}
	}

	// entities counts this source's mentions of each entity.
	entities := map[int64]int{}
	for _, e := range doc.Entities {
		if strings.TrimSpace(e.Name) == "" {
			l.res.Skipped++
			continue
		}
		id, err := l.resolve(e.Name, e.Kind, e.Aliases)
		if err != nil {
			return err
		}
		l.ids[key(e.Name, e.Kind)] = id
		l.ids[key(e.Name, "")] = id
		entities[id] += 0
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if err := l.alias(id, a); err != nil {
				return err
			}
		}
		for _, p := range e.Places {
			if n := Norm(p); n != "" {
				r, err := l.insPlace.ExecContext(ctx, id, p, n, l.src)
				if err != nil {
					return err
				}
				if k, err := r.RowsAffected(); err != nil {
					return err
				} else if k > 0 {
					if _, err := l.addPlace.ExecContext(ctx, id, n, p); err != nil {
						return err
					}
				}
			}
		}
		for _, r := range e.Roles {
			if r.Title == "" && r.Org == "" {
				continue
			}
			if _, err := l.insRole.ExecContext(ctx, id, r.Title, r.Org, r.Since, r.Until, l.src, r.Start, r.End); err != nil {
				return err
			}
		}
	}
	if err := hook("entities"); err != nil {
		return err
	}

	for _, m := range doc.Mentions {
		if !valid(m.Start, m.End) {
			l.res.Skipped++
			continue
		}
		name := m.Entity
		if name == "" {
			name = m.Text
		}
		id, ok := l.ids[key(name, m.Kind)]
		if !ok {
			if id, ok = l.ids[key(name, "")]; !ok {
				var err error
				if id, err = l.resolve(name, m.Kind, nil); err != nil {
					return err
				}
				l.ids[key(name, m.Kind)] = id
				if err := l.alias(id, name); err != nil {
					return err
				}
			}
		}
		entities[id]++
		if _, err := l.insMention.ExecContext(ctx, id, l.src, m.Start, m.End, m.Text); err != nil {
			return err
		}
		l.res.Mentions++
	}
	l.res.Entities = len(entities)
	if err := hook("mentions"); err != nil {
		return err
	}

	sentIndex := func(start int) int {
		return sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > start })
	}
	published := ""
	if s, _, ok := DateRange(in.Published); ok {
		published = s
	}
	eventCounts := map[int64]int{}
	for _, ev := range doc.Events {
		if !valid(ev.Start, ev.End) || !valid(ev.ClauseStart, ev.ClauseEnd) {
			l.res.Skipped++
			continue
		}
		ss, se, ok := DateRange(ev.Date)
		if !ok {
			// Values such as PRESENT_REF sort at the publication date.
			ss, se = published, published
		}
		si := sentIndex(ev.Start)
		var sid int64
		if si < len(sentIDs) {
			sid = sentIDs[si]
		}
		r, err := l.insEvent.ExecContext(ctx, l.src, ev.Date, string(ev.Precision), ss, se, ev.Summary, ev.Sentence,
			ev.Start, ev.End, ev.ClauseStart, ev.ClauseEnd, ev.TimeText, si, sid, termText(text[ev.Start:ev.End]))
		if err != nil {
			return err
		}
		eid, err := r.LastInsertId()
		if err != nil {
			return err
		}
		for _, name := range ev.Entities {
			id, ok := l.ids[key(name, "")]
			if !ok {
				continue
			}
			r, err := l.insEventEntity.ExecContext(ctx, eid, id, ss)
			if err != nil {
				return err
			}
			if n, err := r.RowsAffected(); err != nil {
				return err
			} else if n > 0 {
				eventCounts[id]++
			}
		}
		l.res.Events++
	}
	if err := hook("events"); err != nil {
		return err
	}

	// Per-source counts, and the running totals on entities.
	ids := make([]int64, 0, len(entities))
	for id := range entities {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		m, e := entities[id], eventCounts[id]
		if _, err := l.insEntitySource.ExecContext(ctx, id, l.src, m, e, in.Published); err != nil {
			return err
		}
		if _, err := l.addCount.ExecContext(ctx, m, e, id); err != nil {
			return err
		}
	}

	for _, q := range doc.Quotes {
		if !valid(q.Start, q.End) || !valid(q.SentenceStart, q.SentenceEnd) || q.Text == "" {
			l.res.Skipped++
			continue
		}
		var speaker sql.NullInt64
		if q.Speaker != "" {
			if id, ok := l.ids[key(q.Speaker, q.SpeakerKind)]; ok {
				speaker = sql.NullInt64{Int64: id, Valid: true}
			} else if id, ok := l.ids[key(q.Speaker, "")]; ok {
				speaker = sql.NullInt64{Int64: id, Valid: true}
			}
		}
		date := q.Date
		if date == "" {
			date = in.Published
		}
		if _, err := l.insQuote.ExecContext(ctx, l.src, speaker, q.Speaker, Norm(q.Speaker), q.Text, date,
			q.Start, q.End, q.SentenceStart, q.SentenceEnd); err != nil {
			return err
		}
		l.res.Quotes++
	}
	return hook("quotes")
}

// alias records that this source calls entity id a.
func (l *loader) alias(id int64, a string) error {
	n := Norm(a)
	if n == "" {
		return nil
	}
	r, err := l.insAlias.ExecContext(l.ctx, id, a, n, l.src)
	if err != nil {
		return err
	}
	if k, err := r.RowsAffected(); err != nil {
		return err
	} else if k > 0 {
		_, err = l.addName.ExecContext(l.ctx, id, n, a)
	}
	return err
}

func key(name string, kind extract.Kind) string {
	return string(kind) + "\x00" + name
}

// resolve finds the entity a name refers to across all sources, or
// creates it. In order: the same normalised name; a known alias (when it
// names a single entity); for people, the same surname with a compatible
// first name ("M. Rutte" is "Mark Rutte"), or a bare surname that only one
// known person has. Kinds must agree. A fuller name replaces a shorter
// canonical one ("Rutte" becomes "Mark Rutte").
func (l *loader) resolve(name string, kind extract.Kind, aliases []string) (int64, error) {
	n := Norm(name)
	if n == "" {
		n = strings.ToLower(strings.TrimSpace(name))
	}
	ctx := l.ctx
	one := func(stmt *sql.Stmt, args ...any) (int64, bool, error) {
		rows, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			return 0, false, err
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return 0, false, err
			}
			ids = append(ids, id)
		}
		if len(ids) == 1 {
			return ids[0], true, rows.Err()
		}
		return 0, false, rows.Err()
	}
	if id, ok, err := one(l.byNorm, n, string(kind)); err != nil || ok {
		return id, err
	}
	if id, ok, err := one(l.byAlias, n, string(kind)); err != nil || ok {
		return id, err
	}
	// A full alias ("Volodymyr Zelensky") is as good as the name.
	for _, a := range aliases {
		if an := Norm(a); an != n && strings.Contains(an, " ") {
			if id, ok, err := one(l.byNorm, an, string(kind)); err != nil || ok {
				return id, err
			}
		}
	}
	first, surname, tokens := nameParts(n)
	if kind == extract.Person && surname != "" {
		rows, err := l.bySurname.QueryContext(ctx, surname)
		if err != nil {
			return 0, err
		}
		type cand struct {
			id     int64
			first  string
			tokens int
		}
		var cands []cand
		others := 0 // people with the surname and another first name
		for rows.Next() {
			var c cand
			if err := rows.Scan(&c.id, &c.first, &c.tokens); err != nil {
				rows.Close()
				return 0, err
			}
			if compatibleFirst(first, c.first) {
				cands = append(cands, c)
			} else {
				others++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		// "M. Rutte" may match both "Mark Rutte" and "Rutte"; prefer the
		// candidates with a first name when they agree on one entity.
		if len(cands) > 1 {
			var full []cand
			for _, c := range cands {
				if c.first != "" {
					full = append(full, c)
				}
			}
			if len(full) == 1 {
				cands = full
			}
		}
		// A bare surname stands for whoever bears it only while nobody
		// else does: once "Anna Smith" and "Eric Smith" are known, "Smith"
		// is ambiguous and a later "Jordan Smith" must not take it over.
		if len(cands) == 1 && cands[0].first == "" && first != "" && others > 0 {
			cands = nil
		}
		if len(cands) == 1 {
			c := cands[0]
			if tokens > c.tokens || (tokens == c.tokens && len(first) > len(c.first)) {
				if _, err := l.renameEntity.ExecContext(ctx, name, n, first, surname, tokens, c.id); err != nil {
					return 0, err
				}
			}
			return c.id, nil
		}
	}
	r, err := l.insEntity.ExecContext(ctx, name, n, string(kind), first, surname, tokens)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}
