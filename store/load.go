package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"

	"briefbot/extract"
	"briefbot/merge"
)

// loader writes the facts of the sources of one write transaction. Its
// statements run through the driver's statement cache (see Tx), so
// they are prepared once per connection, not per source or transaction:
// preparing them per source cost as much as a tenth of a batch load.
type loader struct {
	ctx context.Context
	tx  *Tx
	res *LoadResult
	src int64
	// srcArg is src as a statement argument, boxed once per source
	// rather than once per row.
	srcArg any
	// guild owns the current source; "" for a global one.
	guild string

	// nextSentence and nextEvent are the ids the next sentence and event
	// get, 0 until known. They are inserted many per statement, so their
	// ids are given here rather than read back one by one.
	nextSentence int64
	nextEvent    int64
	// nextHappening is the id the next new happening gets;
	// sourceFirstHappening the first one the current source got.
	nextHappening, sourceFirstHappening int64

	// named caches the entities that byNorm lookups found alone under
	// their name in this transaction. Such an entity stays the only one
	// of its name and kind: resolve adds an entity, or renames one, to a
	// name only when no single entity has it. It loses the name by a
	// rename, and may be deleted by the removal of a changed source's
	// old facts, so both clear it.
	named map[normKey]int64

	// ids maps the extractor's canonical names (by kind) to entity ids;
	// aliased and placed hold the (entity, name) and (entity, place)
	// pairs this source recorded.
	ids             map[idKey]int64
	aliased, placed map[aliasKey]bool

	// aliases, places and roles are rows waiting for flushNames.
	aliases, places, roles []any
	// args and links hold the rows of run's statements (see run).
	args, links []any

	// recheck holds the entities this source gave another kind than
	// they have, whose kind settleKinds decides again.
	recheck map[int64]bool

	// reports caches stored reports read as merge candidates, by event
	// id, for the transaction; a removal of facts clears it.
	reports map[int64]candidate
	// kinds are the kinds of the current source's entities.
	kinds map[int64]extract.Kind
	// merged maps the entities this source folded into others to the
	// entity that took them.
	merged map[int64]int64
}

type rowsKey struct {
	table string
	n     int
}

type normKey struct {
	norm string
	kind extract.Kind
}

type aliasKey struct {
	id   int64
	norm string
}

// exec runs q in the loader's transaction. In a load's transaction it
// calls the driver itself, as execRows does, rather than through
// database/sql, which converts the arguments into a slice of their own
// each time: a load runs a few such statements per article (a new
// entity, a happening gaining reports, the entities' counts). The
// driver's result answers LastInsertId and RowsAffected as
// database/sql's would.
func (l *loader) exec(q string, args ...any) (sql.Result, error) {
	if l.tx.conn == nil {
		return l.tx.ExecContext(l.ctx, q, args...)
	}
	var res sql.Result
	err := l.tx.onDriver(args, func(dc any, nv []driver.NamedValue) error {
		c, ok := dc.(driver.ExecerContext)
		if !ok {
			return driver.ErrSkip
		}
		r, err := c.ExecContext(l.ctx, q, nv)
		if err == nil {
			res = r
		}
		return err
	})
	if errors.Is(err, driver.ErrSkip) {
		return l.tx.ExecContext(l.ctx, q, args...)
	}
	return res, err
}

// rowChunks are the row counts of the multi-row INSERT statements, largest
// first: a source's n rows (n < 128) take one statement per bit of n.
// Arguments are passed as int64 rather than int, which database/sql
// would convert by reflection.
var rowChunks = []int{64, 32, 16, 8, 4, 2, 1}

// insertRows inserts rows of width columns each (flattened in args) into
// table (with its column list, as in "t (a, b)") with as few statements
// as rowChunks allow. Rows go in in order, so rowids assigned by SQLite
// follow the order of args.
func (l *loader) insertRows(table string, width int, args []any) error {
	return l.insertRowsThen(table, width, args, "")
}

// insertRowsThen is insertRows with an upsert clause after the rows.
func (l *loader) insertRowsThen(table string, width int, args []any, then string) error {
	for len(args) > 0 {
		n := len(args) / width
		for _, c := range rowChunks {
			if c <= n {
				n = c
				break
			}
		}
		if err := l.tx.execRows(l.ctx, rowsStatement(table, then, width, n), args[:n*width]); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// rowsStatements holds the multi-row INSERT statements' text by table,
// upsert clause and row count, built once per process.
var rowsStatements sync.Map // rowsKey → string

// rowsStatement is the INSERT of n rows of width columns into table,
// followed by then.
func rowsStatement(table, then string, width, n int) string {
	k := rowsKey{table + then, n}
	if q, ok := rowsStatements.Load(k); ok {
		return q.(string)
	}
	row := "(?" + strings.Repeat(", ?", width-1) + ")"
	q := "INSERT INTO " + table + " VALUES " + row + strings.Repeat(", "+row, n-1) + then
	rowsStatements.Store(k, q)
	return q
}

// insertFacts writes the facts of in, whose source row is res.SourceID,
// with the transaction's loader.
func insertFacts(ctx context.Context, tx *Tx, res *LoadResult, in SourceInput, guild string) error {
	l := tx.loader
	if l == nil {
		l = &loader{tx: tx, named: map[normKey]int64{}, recheck: map[int64]bool{}}
		tx.loader = l
	}
	if res.Status != ResultAdded {
		// Entities only this source named were deleted with its old
		// facts, and its reports.
		clear(l.named)
		clear(l.reports)
	}
	l.ctx, l.res, l.src, l.srcArg, l.guild = ctx, res, res.SourceID, res.SourceID, guild
	// The per-source maps are emptied for the next source rather than
	// made again (and grown again, article after article), unless a
	// long article left them large: clear keeps a map's room, and
	// ranging over a map costs its room, not its entries.
	l.ids = reuseMap(l.ids)
	l.aliased = reuseMap(l.aliased)
	l.placed = reuseMap(l.placed)
	l.merged = reuseMap(l.merged)
	l.aliases, l.places, l.roles = l.aliases[:0], l.places[:0], l.roles[:0]
	return l.run(in)
}

// maxReusedMap is the most entries a loader's per-source map may have had
// for reuseMap to keep it for the next source.
const maxReusedMap = 512

// reuseMap returns m emptied, or a new map when m is nil or held more
// than maxReusedMap entries.
func reuseMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil || len(m) > maxReusedMap {
		return map[K]V{}
	}
	clear(m)
	return m
}

// The loader's statements.
const (
	// qByAlias finds the entity of a kind known by an alias: the one
	// entity with it, or the one sources call so three times as often
	// as any other ("GM" is General Motors, even if one article called
	// "Automaker GM" so too).
	qByAlias = `SELECT CASE WHEN COUNT(*) = 1 OR MAX(uses) >= 3 * MIN(uses) THEN (SELECT n2.entity_id FROM entity_names n2 JOIN entities e2 ON e2.id = n2.entity_id
			WHERE n2.norm = ?1 AND e2.kind = ?2 ORDER BY n2.uses DESC, n2.entity_id LIMIT 1) END
		FROM (SELECT n.uses FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.norm = ?1 AND e.kind = ?2 ORDER BY n.uses DESC LIMIT 2)`
	qByNorm       = `SELECT IIF(COUNT(*) = 1, MAX(id), NULL) FROM (SELECT id FROM entities WHERE norm = ? AND kind = ? LIMIT 2)`
	qBySurname    = `SELECT id, first, tokens FROM entities WHERE surname = ? AND kind = 'person'`
	qInsEntity    = `INSERT INTO entities (name, norm, kind, first, surname, tokens) VALUES (?, ?, ?, ?, ?, ?)`
	qRenameEntity = `UPDATE entities SET name = ?, norm = ?, first = ?, surname = ?, tokens = ? WHERE id = ?`
)

func (l *loader) run(in SourceInput) error {
	ctx, doc, text := l.ctx, in.Doc, in.Text
	valid := func(s, e int) bool { return s >= 0 && s <= e && e <= len(text) }

	// sentIDs[i] is the row of doc.Sentences[i], 0 when skipped.
	sentIDs := make([]int64, len(doc.Sentences))
	if len(doc.Sentences) > 0 && l.nextSentence == 0 {
		if err := l.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM sentences`).Scan(&l.nextSentence); err != nil {
			return err
		}
	}
	firstSentence := l.nextSentence
	// One slice of arguments serves every statement of every source
	// of the transaction; it is cleared when the source is done, so as
	// not to hold its text.
	args := l.args[:0]
	defer func() {
		clear(args[:cap(args)])
		l.args = args[:0]
	}()
	for i, s := range doc.Sentences {
		if !valid(s.Start, s.End) {
			l.res.Skipped++
			continue
		}
		sentIDs[i] = l.nextSentence
		l.nextSentence++
		args = append(args, sentIDs[i], l.srcArg, int64(s.Start), int64(s.End), text[s.Start:s.End])
		l.tx.noteText(false, text[s.Start:s.End])
	}
	if err := l.insertRows(`sentences (id, source_id, start, "end", text)`, 5, args); err != nil {
		return err
	}
	l.tx.unindexed.add(firstSentence, l.nextSentence)

	// entities counts this source's mentions of each entity.
	entities := map[int64]int{}
	kinds := map[int64]extract.Kind{}
	for _, e := range doc.Entities {
		if strings.TrimSpace(e.Name) == "" {
			l.res.Skipped++
			continue
		}
		id, err := l.resolve(e.Name, e.Kind, e.Aliases)
		if err != nil {
			return err
		}
		if err := l.mergeFragments(id, e); err != nil {
			return err
		}
		l.ids[key(e.Name, e.Kind)] = id
		l.ids[key(e.Name, "")] = id
		entities[id] += 0
		kinds[id] = e.Kind
		if err := l.alias(id, e.Name); err != nil {
			return err
		}
		for _, a := range e.Aliases {
			if err := l.alias(id, a); err != nil {
				return err
			}
		}
		if e.Kind == extract.Org {
			// "Apple Inc." is also "Apple" to later articles.
			if c := coreName(e.Name); c != "" {
				if err := l.alias(id, c); err != nil {
					return err
				}
			}
		}
		for _, p := range e.Places {
			if n := Norm(p); n != "" {
				if k := (aliasKey{id, n}); !l.placed[k] {
					l.placed[k] = true
					l.places = append(l.places, l.srcArg, id, n, p)
				}
			}
		}
		for _, r := range e.Roles {
			if r.Title == "" && r.Org == "" {
				continue
			}
			l.roles = append(l.roles, id, r.Title, r.Org, r.Since, r.Until, l.srcArg, int64(r.Start), int64(r.End))
		}
	}
	// An acronym the article uses beside the one organisation it
	// abbreviates ("General Motors" … "GM") names that organisation,
	// here and in the stored articles that used only the acronym.
	if err := l.foldAcronyms(doc.Entities); err != nil {
		return err
	}
	// Entities folded into others count for the one that took them.
	for drop := range l.merged {
		keep := l.survivor(drop)
		if n, ok := entities[drop]; ok {
			entities[keep] += n
			delete(entities, drop)
		}
		if k, ok := kinds[drop]; ok {
			if _, has := kinds[keep]; !has {
				kinds[keep] = k
			}
			delete(kinds, drop)
		}
	}
	if err := l.flushNames(); err != nil {
		return err
	}
	if err := hook("entities"); err != nil {
		return err
	}

	args = args[:0]
	lead := leadEnd(doc)
	inLead := map[int64]bool{}
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
		if _, ok := kinds[id]; !ok {
			kinds[id] = m.Kind
		}
		if m.Start < lead {
			inLead[id] = true
		}
		args = append(args, id, l.srcArg, int64(m.Start), int64(m.End), m.Text)
		l.res.Mentions++
	}
	if err := l.insertRows(`mentions (entity_id, source_id, start, "end", text)`, 5, args); err != nil {
		return err
	}
	if err := l.insertTopics(entities, inLead); err != nil {
		return err
	}
	if err := l.flushNames(); err != nil {
		return err
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
	if len(doc.Events) > 0 && l.nextEvent == 0 {
		if err := l.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM events`).Scan(&l.nextEvent); err != nil {
			return err
		}
	}
	args = args[:0]
	links := l.links[:0] // event_entities rows, in a slice kept as args is
	defer func() {
		clear(links[:cap(links)])
		l.links = links[:0]
	}()
	var linked []int64
	// The source's reports first, to find their happenings before they
	// are written.
	var reps []*merge.Report
	var kept []int
	var implicit []bool // reports given the article's main participant
	pubDay := dayOf(in.Published)
	main := mainEntity(entities, kinds, inLead)
	l.kinds = kinds
	for i, ev := range doc.Events {
		if !valid(ev.Start, ev.End) || !valid(ev.ClauseStart, ev.ClauseEnd) {
			l.res.Skipped++
			continue
		}
		ss, se, ok := DateRange(ev.Date)
		if !ok {
			// Values such as PRESENT_REF sort at the publication date.
			ss, se = published, published
		}
		r := &merge.Report{ID: l.nextEvent, SourceID: l.src, Published: pubDay, Date: ev.Date, Precision: string(ev.Precision),
			SortStart: ss, SortEnd: se, Clause: text[ev.ClauseStart:ev.ClauseEnd], Sentence: ev.Sentence,
			SentIndex: sentIndex(ev.Start), Dated: ev.TimeText != "", Inferred: ev.Inferred, Summary: ev.Summary}
		l.nextEvent++
		// An entity is linked to an event once, however often named.
		for _, name := range ev.Entities {
			if id, ok := l.ids[key(name, "")]; ok && !slices.Contains(r.Entities, id) {
				r.Entities = append(r.Entities, id)
			}
		}
		// A report naming no organisation or person ("The company
		// announced …") is about the article's main participant, for
		// merging only.
		imp := main != 0 && !slices.ContainsFunc(r.Entities, func(id int64) bool { return kinds[id] == extract.Org || kinds[id] == extract.Person })
		if imp {
			r.Entities = append(r.Entities, main)
		}
		reps = append(reps, r)
		kept = append(kept, i)
		implicit = append(implicit, imp)
	}
	hids, touched, err := l.assignHappenings(reps)
	if err != nil {
		return err
	}
	for k, r := range reps {
		ev := doc.Events[kept[k]]
		si := r.SentIndex
		var sid int64
		if si < len(sentIDs) {
			sid = sentIDs[si]
		}
		args = append(args, r.ID, l.srcArg, ev.Date, string(ev.Precision), r.SortStart, r.SortEnd, ev.Summary, ev.Sentence,
			int64(ev.Start), int64(ev.End), int64(ev.ClauseStart), int64(ev.ClauseEnd), ev.TimeText, int64(si), sid,
			termText(text[ev.Start:ev.End]), hids[k], ev.Inferred)
		linked = linked[:0]
		if implicit[k] {
			r.Entities = r.Entities[:len(r.Entities)-1]
		}
		for _, id := range r.Entities {
			linked = append(linked, id)
			links = append(links, r.ID, id, r.SortStart, hids[k])
			eventCounts[id]++
		}
		l.res.Events++
	}
	if err := l.insertRows(`events (id, source_id, date, precision, sort_start, sort_end, summary, sentence, start, "end",
		clause_start, clause_end, time_text, sent_index, sentence_id, terms, happening_id, inferred)`, 18, args); err != nil {
		return err
	}
	if len(reps) > 0 {
		l.tx.unworded.add(reps[0].ID, l.nextEvent)
	}
	if err := l.insertRows(`event_entities (event_id, entity_id, sort_start, happening_id)`, 4, links); err != nil {
		return err
	}
	if err := l.addGuildLinks(links); err != nil {
		return err
	}
	// Happenings told once get their row from the report; those that
	// gained reports are worked out again from all of theirs.
	count := map[int64]int{}
	for _, h := range hids {
		count[h]++
	}
	var single []any
	var singles []int // of reps, for the views of a guild's source
	for k, h := range hids {
		if h < l.sourceFirstHappening {
			continue
		}
		if count[h] == 1 {
			single = append(single, singleHappeningRow(h, reps[k], doc.Events[kept[k]].Summary, l.guild != "")...)
			singles = append(singles, k)
		} else if count[h] > 1 {
			touched = append(touched, h)
			count[h] = 0
		}
	}
	if err := l.insertRows(`happenings (id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
		first_published, last_published, source_count, report_count, inferred, disputed, guild_reports)`, 15, single); err != nil {
		return err
	}
	if l.guild != "" {
		for _, k := range singles {
			if _, err := writeHappeningViews(ctx, l.tx, hids[k], []*merge.Report{reps[k]}); err != nil {
				return err
			}
		}
	}
	fresh := make(map[int64]*merge.Report, len(reps))
	for _, r := range reps {
		fresh[r.ID] = r
	}
	known := func(id int64) *merge.Report {
		if r := fresh[id]; r != nil {
			return r
		}
		if c, ok := l.reports[id]; ok {
			return c.Report
		}
		if c, ok := l.tx.db.cachedReport(id); ok && !l.tx.deleted {
			return c.Report
		}
		return nil
	}
	// Happenings that existed before gain this source's reports from
	// their aggregates where they can.
	var gained, rest []int64
	for _, h := range touched {
		if h < l.sourceFirstHappening {
			gained = append(gained, h)
		} else {
			rest = append(rest, h)
		}
	}
	if len(gained) > 0 {
		add := map[int64][]*merge.Report{}
		for k, h := range hids {
			add[h] = append(add[h], reps[k])
		}
		slow, err := l.addToHappenings(gained, add)
		if err != nil {
			return err
		}
		touched = append(slow, rest...)
	}
	if err := refreshHappenings(ctx, l.tx, touched, known); err != nil {
		return err
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
	args = args[:0]
	for _, id := range ids {
		args = append(args, id, l.srcArg, int64(entities[id]), int64(eventCounts[id]), in.Published, string(kinds[id]))
	}
	if err := l.insertRows(`entity_sources (entity_id, source_id, mentions, events, published, kind)`, 6, args); err != nil {
		return err
	}
	if len(ids) > 0 {
		// The counts just written are added to the entities' totals.
		if _, err := l.exec(qAddCounts, l.src); err != nil {
			return err
		}
		if err := l.addGuildCounts(); err != nil {
			return err
		}
	}
	if err := l.settleKinds(); err != nil {
		return err
	}

	args = args[:0]
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
		args = append(args, l.srcArg, speaker, q.Speaker, Norm(q.Speaker), q.Text, date, int64(q.Start), int64(q.End), int64(q.SentenceStart), int64(q.SentenceEnd))
		l.res.Quotes++
	}
	if err := l.insertRows(`quotes (source_id, speaker_entity_id, speaker_name, speaker_norm, text, date, start, "end", sentence_start, sentence_end)`,
		10, args); err != nil {
		return err
	}
	if err := l.addGuildQuotes(); err != nil {
		return err
	}
	if err := refreshGuildCanon(ctx, l.tx, `SELECT entity_id FROM entity_sources WHERE source_id = ?`, l.src); err != nil {
		return err
	}
	return hook("quotes")
}

// qAddCounts adds a source's counts in entity_sources to its entities'
// running totals.
const qAddCounts = `UPDATE entities SET mention_count = mention_count + es.mentions, event_count = event_count + es.events,
	source_count = source_count + 1
	FROM (SELECT entity_id, mentions, events FROM entity_sources WHERE source_id = ?) AS es WHERE entities.id = es.entity_id`

// alias records that this source calls entity id a. The rows wait in
// l.aliases until flushNames, which runs before anything reads names.
func (l *loader) alias(id int64, a string) error {
	n := Norm(a)
	if n == "" {
		return nil
	}
	// The source's first spelling of a name is the one kept.
	k := aliasKey{id, n}
	if l.aliased[k] {
		return nil
	}
	l.aliased[k] = true
	l.aliases = append(l.aliases, l.srcArg, id, n, a)
	return nil
}

// flushNames writes the names, places and roles the source gave its
// entities so far, and counts the new ones in entity_names and
// entity_place_names. Each (entity, name) comes once per source (see
// alias), and the source has no rows yet (a reload deleted them first),
// so every row is new.
func (l *loader) flushNames() error {
	if err := l.addGuildNames(l.aliases, l.places); err != nil {
		return err
	}
	if err := l.insertRows(`aliases (source_id, entity_id, norm, alias)`, 4, l.aliases); err != nil {
		return err
	}
	names := l.aliases[:0]
	for i := 0; i < len(l.aliases); i += 4 {
		names = append(names, l.aliases[i+1], l.aliases[i+2], l.aliases[i+3], int64(1))
	}
	if err := l.insertRowsThen(`entity_names (entity_id, norm, alias, uses)`, 4, names,
		` ON CONFLICT (entity_id, norm) DO UPDATE SET uses = uses + 1`); err != nil {
		return err
	}
	if err := l.insertRows(`entity_places (source_id, entity_id, place_norm, place)`, 4, l.places); err != nil {
		return err
	}
	places := l.places[:0]
	for i := 0; i < len(l.places); i += 4 {
		places = append(places, l.places[i+1], l.places[i+2], l.places[i+3], int64(1))
	}
	if err := l.insertRowsThen(`entity_place_names (entity_id, place_norm, place, uses)`, 4, places,
		` ON CONFLICT (entity_id, place_norm) DO UPDATE SET uses = uses + 1`); err != nil {
		return err
	}
	if err := l.insertRows(`roles (entity_id, title, org, since, until, source_id, start, "end")`, 8, l.roles); err != nil {
		return err
	}
	l.aliases, l.places, l.roles = l.aliases[:0], l.places[:0], l.roles[:0]
	return nil
}

// idKey is the key of an extracted name of a kind (or of any kind, "")
// in loader.ids: a pair rather than the two joined into a new string
// for each lookup.
type idKey struct {
	kind extract.Kind
	name string
}

func key(name string, kind extract.Kind) idKey {
	return idKey{kind, name}
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
	// one runs a query of one row holding the single matching id, or NULL
	// when none or several match.
	one := func(q string, args ...any) (int64, bool, error) {
		return l.tx.queryID(ctx, q, args)
	}
	// byNorm finds the one entity of the kind named m, if there is one.
	byNorm := func(m string) (int64, bool, error) {
		k := normKey{m, kind}
		if id, ok := l.named[k]; ok {
			return id, true, nil
		}
		id, ok, err := one(qByNorm, m, string(kind))
		if ok && err == nil {
			l.named[k] = id
		}
		return id, ok, err
	}
	// The same name, else a known alias.
	if id, ok, err := byNorm(n); err != nil || ok {
		return id, err
	}
	if err := l.flushNames(); err != nil {
		return 0, err
	}
	if id, ok, err := one(qByAlias, n, string(kind)); err != nil || ok {
		return id, err
	}
	// A full alias ("Volodymyr Zelensky") is as good as the name.
	for _, a := range aliases {
		if an := Norm(a); an != n && strings.Contains(an, " ") {
			if id, ok, err := byNorm(an); err != nil || ok {
				return id, err
			}
		}
	}
	// An organisation's name without its legal form.
	if kind == extract.Org {
		if c := merge.OrgCore(n); c != n && c != "" {
			if id, ok, err := byNorm(c); err != nil || ok {
				return id, err
			}
			if id, ok, err := one(qByAlias, c, string(kind)); err != nil || ok {
				return id, err
			}
		}
	}
	// The same name of several words, given another kind by other
	// sources: the kind most give is settled once this source's counts
	// are in.
	if multiWord(n) {
		id, ok, err := one(qByNormAny, n)
		if err != nil {
			return 0, err
		}
		if ok {
			l.recheck[id] = true
			return id, nil
		}
	}
	first, surname, tokens := nameParts(n)
	if kind == extract.Person && surname != "" {
		rows, err := l.tx.QueryContext(ctx, qBySurname, surname)
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
				if _, err := l.exec(qRenameEntity, name, n, first, surname, tokens, c.id); err != nil {
					return 0, err
				}
				// Its old name no longer finds it.
				for k, id := range l.named {
					if id == c.id {
						delete(l.named, k)
					}
				}
			}
			return c.id, nil
		}
	}
	r, err := l.exec(qInsEntity, name, n, string(kind), first, surname, tokens)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// mainEntity is the organisation or person an article is most about: the
// most mentioned, named in the lead; 0 when none stands out.
func mainEntity(counts map[int64]int, kinds map[int64]extract.Kind, inLead map[int64]bool) int64 {
	var best int64
	bestN, second := 0, 0
	for id, n := range counts {
		if k := kinds[id]; k != extract.Org && k != extract.Person || !inLead[id] {
			continue
		}
		switch {
		case n > bestN || n == bestN && id < best:
			second = max(second, bestN)
			best, bestN = id, n
		case n > second:
			second = n
		}
	}
	if bestN < 2 || bestN == second {
		return 0
	}
	return best
}
