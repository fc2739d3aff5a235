package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"briefbot/merge"
)

// Visible reports whether a source owned by sourceGuild ("" for a global
// source) is in the view of guild view.
//
// Views: every source is global or owned by one guild (a Discord server).
// Sources of the configuration file, the built-in default and the
// command line are global, the operator's; a source an admin adds with
// /admin source add in a guild is that guild's (SourceInput.Guild). Every
// read answers from one view, named by a guild ID: the view "" sees the
// global sources only, the view of guild G the global sources and G's
// own. The Guild field of the read filters (EntityFilter, EventFilter,
// QuoteFilter, DigestItemFilter) and the guild argument of Profile,
// Search, AutocompleteNames and FindSourcesIn name the view. Nothing a
// view cannot see shows in its answers: not an entity that only other
// guilds' sources name, nor a name, role, place, quote, sentence or
// report of theirs, nor their part in a merged event (its date, wording,
// source count or disagreements), nor a count that includes them.
// FindSources, for administration, lists every source of every guild.
func Visible(sourceGuild, view string) bool {
	return sourceGuild == "" || sourceGuild == view
}

// maxGuildLen bounds a guild ID; Discord's are snowflakes of about 19
// digits.
const maxGuildLen = 64

// checkGuild vets a guild ID, which views inline into SQL as a quoted
// literal.
func checkGuild(g string) error {
	if len(g) > maxGuildLen {
		return fmt.Errorf("%w: guild id longer than %d bytes", ErrInvalid, maxGuildLen)
	}
	for _, r := range g {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return fmt.Errorf("%w: guild id %q", ErrInvalid, g)
		}
	}
	return nil
}

// owners is the guild of every guild-owned source, as of write
// generation gen, and the sources each view hides, worked out once per
// view.
type owners struct {
	gen   int64
	guild map[int64]string

	mu    sync.Mutex
	views map[string]*hiddenSet
}

// hiddenSet is what the view of one guild does not see: sources, and
// the guilds that own them.
type hiddenSet struct {
	sources map[int64]bool
	guilds  []string
}

// scopingOff, set by benchmarks, makes every view see every source,
// without even asking whether any is guild-owned: the reads as they were
// before guilds, to compare with.
var scopingOff bool

// noOwners is the state of a database with no guild-owned source: every
// view sees everything.
var noOwners = &owners{}

// hidden returns what the view of guild does not see; nil when it sees
// everything.
func (o *owners) hidden(guild string) *hiddenSet {
	if len(o.guild) == 0 {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if h, ok := o.views[guild]; ok {
		return h
	}
	var h *hiddenSet
	guilds := map[string]bool{}
	for id, g := range o.guild {
		if g != guild {
			if h == nil {
				h = &hiddenSet{sources: map[int64]bool{}}
			}
			h.sources[id] = true
			if !guilds[g] {
				guilds[g] = true
				h.guilds = append(h.guilds, g)
			}
		}
	}
	if h != nil {
		sort.Strings(h.guilds)
	}
	if o.views == nil {
		o.views = map[string]*hiddenSet{}
	}
	o.views[guild] = h
	return h
}

// owners returns the guild of every guild-owned source in the
// transaction's snapshot (readView takes them from the DB's cache
// before, and checks after). Its first query, a probe of the partial
// index of guild-owned sources, also pins a read transaction's
// snapshot; when there are none, every view is the whole database and
// reads take their unscoped path. The result goes to the DB's cache, or
// comes from it, when the snapshot is of the cache's generation: the
// generation was even when the transaction began and has not moved since
// the snapshot was pinned (a commit makes it odd before it lands). A
// write transaction reads its own state and never fills the cache: it
// may yet roll back.
func (tx *Tx) owners(ctx context.Context) (*owners, error) {
	if tx.own != nil {
		return tx.own, nil
	}
	if scopingOff {
		tx.own = noOwners
		return noOwners, nil
	}
	var some bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE guild_id != '')`).Scan(&some); err != nil {
		return nil, err
	}
	db := tx.db
	g := db.gen.Load()
	stable := !tx.write && g == tx.gen && g%2 == 0
	if !some {
		// Cached too, so that reads until the next write ask nothing.
		if stable {
			db.owned.Store(&owners{gen: g})
		}
		tx.own = noOwners
		return noOwners, nil
	}
	if c := db.owned.Load(); stable && c != nil && c.gen == g {
		tx.own = c
		return c, nil
	}
	o := &owners{gen: g, guild: map[int64]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, guild_id FROM sources WHERE guild_id != ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var guild string
		if err := rows.Scan(&id, &guild); err != nil {
			return nil, err
		}
		o.guild[id] = guild
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if stable && db.gen.Load() == g {
		db.owned.Store(o)
	}
	tx.own = o
	return o, nil
}

// ownSource records in a write transaction that it added source id,
// owned by guild. A write transaction's owners are its own (it never
// takes the DB's cache), but for the shared noOwners.
func (tx *Tx) ownSource(id int64, guild string) {
	if guild == "" || tx.own == nil {
		return // read from the transaction when first needed
	}
	if tx.own == noOwners {
		tx.own = &owners{guild: map[int64]string{}}
	}
	tx.own.guild[id] = guild
}

// view is what one guild's commands see (see Visible). A nil view, or
// one that hides nothing, sees every source: the reads then run as they
// would without guilds.
type view struct {
	guild string
	// hidden holds the sources the view does not see; nil when there
	// are none. others are the guilds that own them.
	hidden map[int64]bool
	others []string
}

// readView runs fn in a read transaction with the view of guild. The
// view comes from the DB's cache when that is of the generation the
// transaction began at, without a query; then, when a write began to
// commit while fn ran (so that the snapshot may be newer than the
// cache), fn runs again in a new transaction whose view is read from its
// own snapshot. fn must assign, not accumulate, what it returns.
func (db *DB) readView(ctx context.Context, guild string, fn func(tx *Tx, v *view) error) error {
	if err := checkGuild(guild); err != nil {
		return err
	}
	for fresh := false; ; fresh = true {
		tx, err := db.beginRead(ctx)
		if err != nil {
			return err
		}
		cached := false
		if c := db.owned.Load(); !fresh && !scopingOff && c != nil && c.gen == tx.gen && tx.gen%2 == 0 {
			tx.own, cached = c, true
		}
		v, err := tx.view(ctx, guild)
		if err == nil {
			err = fn(tx, v)
		}
		tx.Rollback()
		if err != nil || !cached || db.gen.Load() == tx.gen {
			return err
		}
	}
}

// view returns the view of guild in the transaction.
func (tx *Tx) view(ctx context.Context, guild string) (*view, error) {
	if err := checkGuild(guild); err != nil {
		return nil, err
	}
	o, err := tx.owners(ctx)
	if err != nil {
		return nil, err
	}
	v := &view{guild: guild}
	if h := o.hidden(guild); h != nil {
		v.hidden, v.others = h.sources, h.guilds
	}
	return v, nil
}

// scoped reports whether the view hides any source.
func (v *view) scoped() bool { return v != nil && len(v.hidden) > 0 }

// sees reports whether the view sees source id.
func (v *view) sees(id int64) bool { return v == nil || !v.hidden[id] }

// keep is an SQL condition that holds for the rows whose source (the
// column col) the view sees; "1" when it sees every source. It lists
// the hidden sources once per statement, for the queries that test many
// rows (walks); probe tests each row by itself, for those that test few.
func (v *view) keep(col string) string {
	if !v.scoped() {
		return "1"
	}
	return col + ` NOT IN (SELECT id FROM sources WHERE guild_id != '' AND guild_id != ` + v.literal() + `)`
}

// probe is keep for the queries that test a few rows: a probe of the
// partial index of guild-owned sources per row costs less than listing
// them.
func (v *view) probe(col string) string {
	if !v.scoped() {
		return "1"
	}
	return `NOT EXISTS (SELECT 1 FROM sources hs INDEXED BY sources_guild WHERE hs.id = ` + col +
		` AND hs.guild_id != '' AND hs.guild_id != ` + v.literal() + `)`
}

// hiddenSource is an SQL condition that holds for the rows whose source
// (the column col) the view does not see.
func (v *view) hiddenSource(col string) string {
	return col + ` IN (SELECT id FROM sources WHERE guild_id != '' AND guild_id != ` + v.literal() + `)`
}

// literal is the view's guild as an SQL string literal (checkGuild has
// vetted it).
func (v *view) literal() string {
	return "'" + strings.ReplaceAll(v.guild, "'", "''") + "'"
}

// entityPart is what a view knows of an entity that sources it does not
// see name: their part of the entity's counts, and of its names' and
// places' uses.
type entityPart struct {
	sources, mentions, events, quotes int
	// whole is set when the view sees none of the entity's sources
	// (see hiddenFrom), by those that work it out.
	whole bool
	// names maps each of the entity's names (norms) to its uses, by
	// every source and by those the view does not see, and to its
	// text; places likewise. Loaded on request.
	names, places map[string]*nameUses
}

// nameUses are the uses of one name of an entity.
type nameUses struct {
	text         string
	uses, hidden int
}

// What parts loads besides counts.
const (
	partCounts = iota
	partNames
	partPlaces // names and places
)

// hidesName reports whether no source the view sees calls the entity
// norm; false for a norm the entity has no recorded use of.
func (p *entityPart) hidesName(norm string) bool {
	if p == nil {
		return false
	}
	n := p.names[norm]
	return n != nil && n.hidden >= n.uses
}

// hidesPlace is hidesName for the places the entity's names point to.
func (p *entityPart) hidesPlace(norm string) bool {
	if p == nil {
		return false
	}
	n := p.places[norm]
	return n != nil && n.hidden >= n.uses
}

// hiddenFrom reports whether no source the view sees names the entity,
// of sourceCount sources in all.
func (p *entityPart) hiddenFrom(sourceCount int) bool {
	return p != nil && p.sources >= sourceCount
}

// visibleNames are the entity's names the view sees, most used (by the
// sources it sees) first, as (alias, norm) pairs.
func (p *entityPart) visibleNames() [][2]string {
	type nu struct {
		alias, norm string
		uses        int
	}
	var ns []nu
	for n, u := range p.names {
		if k := u.uses - u.hidden; k > 0 {
			ns = append(ns, nu{u.text, n, k})
		}
	}
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].uses != ns[j].uses {
			return ns[i].uses > ns[j].uses
		}
		if len(ns[i].norm) != len(ns[j].norm) {
			return len(ns[i].norm) > len(ns[j].norm)
		}
		return ns[i].alias < ns[j].alias
	})
	out := make([][2]string, len(ns))
	for i, n := range ns {
		out[i] = [2]string{n.alias, n.norm}
	}
	return out
}

// displayName is the name a view shows for an entity stored as name:
// that name while a source the view sees uses it, else the name those
// sources use most.
func (p *entityPart) displayName(name string) string {
	if p == nil || p.names == nil || !p.hidesName(Norm(name)) {
		return name
	}
	if vs := p.visibleNames(); len(vs) > 0 {
		return vs[0][0]
	}
	return name
}

// parts returns what the view hides of the entities ids: an entry for
// each that a source it does not see names (nil when the view sees
// every source), with its names (partNames) and places (partPlaces)
// when asked.
func (v *view) parts(ctx context.Context, tx *Tx, ids []int64, load int) (map[int64]*entityPart, error) {
	return v.partsOf(ctx, tx, ids, load, "")
}

// partsOf is parts whose names and places are only those of norm only,
// when only is not "": all a topic's lookup asks (hidesName, hidesPlace
// of the topic), for entities that may have scores of names each.
func (v *view) partsOf(ctx context.Context, tx *Tx, ids []int64, load int, only string) (map[int64]*entityPart, error) {
	if !v.scoped() || len(ids) == 0 {
		return nil, nil
	}
	lit := v.literal()
	// One query: the counts, then the names and places of the entities
	// that have counts.
	q := `SELECT 0, g.entity_id, '', '', SUM(g.sources), SUM(g.mentions), SUM(g.events), SUM(g.quotes)
		FROM guild_entities g WHERE g.entity_id IN (%[1]s) AND g.guild_id != ` + lit + ` GROUP BY g.entity_id`
	touched := `EXISTS (SELECT 1 FROM guild_entities g WHERE g.entity_id = n.entity_id AND g.guild_id != ` + lit + `)`
	copies := 1
	switch {
	case only != "":
		// One name: only the entities other guilds' sources call so
		// can lose it, and their guild_names rows say which.
		if load >= partNames {
			q += ` UNION ALL SELECT 1, g.entity_id, g.norm, n.alias, n.uses, SUM(g.uses), 0, 0
				FROM guild_names g JOIN entity_names n ON n.entity_id = g.entity_id AND n.norm = g.norm
				WHERE g.entity_id IN (%[1]s) AND g.norm = ? AND g.guild_id != ` + lit + ` GROUP BY g.entity_id`
			copies++
		}
		if load == partPlaces {
			q += ` UNION ALL SELECT 2, g.entity_id, g.place_norm, n.place, n.uses, SUM(g.uses), 0, 0
				FROM guild_place_names g JOIN entity_place_names n ON n.entity_id = g.entity_id AND n.place_norm = g.place_norm
				WHERE g.entity_id IN (%[1]s) AND g.place_norm = ? AND g.guild_id != ` + lit + ` GROUP BY g.entity_id`
			copies++
		}
	default:
		if load >= partNames {
			q += ` UNION ALL SELECT 1, n.entity_id, n.norm, n.alias, n.uses, (SELECT COALESCE(SUM(g.uses), 0) FROM guild_names g
				WHERE g.entity_id = n.entity_id AND g.norm = n.norm AND g.guild_id != ` + lit + `), 0, 0
			FROM entity_names n WHERE n.entity_id IN (%[1]s) AND ` + touched
			copies++
		}
		if load == partPlaces {
			q += ` UNION ALL SELECT 2, n.entity_id, n.place_norm, n.place, n.uses, (SELECT COALESCE(SUM(g.uses), 0) FROM guild_place_names g
				WHERE g.entity_id = n.entity_id AND g.place_norm = n.place_norm AND g.guild_id != ` + lit + `), 0, 0
			FROM entity_place_names n WHERE n.entity_id IN (%[1]s) AND ` + touched
			copies++
		}
	}
	out := map[int64]*entityPart{}
	type nameRow struct {
		kind int
		id   int64
		norm string
		u    *nameUses
	}
	var names []nameRow
	for chunk := range chunks(ids, 150) {
		args := make([]any, 0, copies*(len(chunk)+1))
		for k := range copies {
			args = append(args, idArgs(chunk)...)
			if k > 0 && only != "" {
				args = append(args, only)
			}
		}
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(q, placeholders(len(chunk))), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var kind int
			var id int64
			var norm, text string
			var a, b, c, d int
			if err := rows.Scan(&kind, &id, &norm, &text, &a, &b, &c, &d); err != nil {
				rows.Close()
				return nil, err
			}
			if kind == 0 {
				if a > 0 || b > 0 || c > 0 || d > 0 {
					out[id] = &entityPart{sources: a, mentions: b, events: c, quotes: d}
				}
				continue
			}
			names = append(names, nameRow{kind, id, norm, &nameUses{text: text, uses: a, hidden: b}})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if load >= partNames {
		for _, p := range out {
			p.names, p.places = map[string]*nameUses{}, map[string]*nameUses{}
		}
	}
	for _, n := range names {
		p := out[n.id]
		if p == nil {
			continue
		}
		if n.kind == 1 {
			p.names[n.norm] = n.u
		} else {
			p.places[n.norm] = n.u
		}
	}
	return out, nil
}

// seeEntities shows entities read as if every source were visible as the
// view sees them: it drops those no source it sees names, and those
// matched (by n, as their Match says) only through a name no source it
// sees uses, shows each by a name and mention count of the sources it
// sees, and keeps at most limit. rank orders them again as the queries
// did, by match then mentions.
func (v *view) seeEntities(ctx context.Context, tx *Tx, ents []*Entity, n string, limit int) ([]*Entity, error) {
	if !v.scoped() || len(ents) == 0 {
		return ents, nil
	}
	rank := map[string]int{"name": 0, "alias": 1, "surname": 2, "prefix": 3}
	// Fuzzy matches come nearest first, not by mentions.
	byMentions := ents[0].Match != "fuzzy"
	less := func(a, b *Entity) bool {
		if rank[a.Match] != rank[b.Match] {
			return rank[a.Match] < rank[b.Match]
		}
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.ID < b.ID
	}
	seen := map[int64]bool{}
	out := make([]*Entity, 0, min(len(ents), 2*limit))
	changed := false
	// The entities come ranked by the mentions of every source, which
	// bound those of the sources the view sees: they are looked at a
	// few at a time, until the next cannot rank among the first limit.
	for start := 0; start < len(ents); {
		end := start
		var ids []int64
		inChunk := map[int64]bool{}
		for end < len(ents) && len(ids) < 2*limit+4 {
			if id := ents[end].ID; !inChunk[id] && !seen[id] {
				inChunk[id] = true
				ids = append(ids, id)
			}
			end++
		}
		parts, err := v.parts(ctx, tx, ids, partNames)
		if err != nil {
			return nil, err
		}
		for _, e := range ents[start:end] {
			if seen[e.ID] {
				continue
			}
			if p := parts[e.ID]; p != nil {
				if p.hiddenFrom(e.sources) {
					seen[e.ID] = true
					continue
				}
				if !p.matches(e, n) {
					continue // another of its matches may hold
				}
				c := *e
				c.Mentions -= p.mentions
				c.Name = p.displayName(e.Name)
				e, changed = &c, true
			}
			seen[e.ID] = true
			out = append(out, e)
		}
		start = end
		if len(out) < limit || start == len(ents) {
			continue
		}
		if !byMentions {
			break
		}
		if changed {
			sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
		}
		if next, last := ents[start], out[limit-1]; rank[next.Match] > rank[last.Match] ||
			rank[next.Match] == rank[last.Match] && next.Mentions < last.Mentions {
			break
		}
	}
	if changed && byMentions {
		sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// matches reports whether e's match by n (see Entity.Match) holds
// through names the view sees.
func (p *entityPart) matches(e *Entity, n string) bool {
	switch e.Match {
	case "name", "alias":
		return !p.hidesName(n)
	case "prefix":
		if n == "" {
			return true
		}
		norms := []string{}
		if cn := Norm(e.Name); !p.hidesName(cn) {
			norms = append(norms, cn)
		}
		for _, vn := range p.visibleNames() {
			norms = append(norms, vn[1])
		}
		for _, m := range norms {
			_, sur, _ := nameParts(m)
			if strings.HasPrefix(m, n) || strings.HasPrefix(sur, n) {
				return true
			}
		}
		return false
	}
	return true
}

// nameFilter returns, for a view that hides sources, which of the name
// index's names near n (within distance within) it does not see: those
// of entities it does not see, and names only hidden sources use.
func (v *view) nameFilter(ctx context.Context, tx *Tx, idx *nameIndex, n string, within int) (func(id int64, norm string) bool, error) {
	if !v.scoped() {
		return nil, nil
	}
	var ids []int64
	for _, s := range idx.rank(n, within, nil) {
		ids = append(ids, s.id)
	}
	parts, err := v.parts(ctx, tx, ids, partNames)
	if err != nil {
		return nil, err
	}
	touched := make([]int64, 0, len(parts))
	for id := range parts {
		touched = append(touched, id)
	}
	ents, err := entitiesByID(ctx, tx, touched, "", "")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if parts[e.ID].hiddenFrom(e.sources) {
			parts[e.ID].whole = true
		}
	}
	return func(id int64, norm string) bool {
		p := parts[id]
		return p != nil && (p.whole || p.hidesName(norm))
	}, nil
}

// jsonIDs is ids as a JSON array, for json_each: a list of any length
// bound as one parameter.
func jsonIDs(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, id)
	}
	b.WriteByte(']')
	return b.String()
}

// seenHappening is a happening as a view that does not see all its
// reports sees it: row is what the reports it sees say (nil when it sees
// none), with its disagreements.
type seenHappening struct {
	row *happeningRow
	// dis are its disagreements as stored, with at most listReports
	// sources per value.
	dis []storedDisagreement
	// reports are the ids of the reports a list shows (see
	// happening_views.report_ids), when stored.
	reports []int64
}

// viewRow is a row of happening_views.
type viewRow struct {
	happeningRow
	dis, ids string
}

// viewRowCols are the columns of happening_views that viewRow.dest
// scans.
const viewRowCols = `date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
	source_count, report_count, inferred, disputed, disagreements, report_ids`

func (r *viewRow) dest() []any {
	return []any{&r.date, &r.precision, &r.sortStart, &r.sortEnd, &r.summary, &r.best, &r.first,
		&r.sources, &r.reports, &r.inferred, &r.disputed, &r.dis, &r.ids}
}

// choose picks, for each of the happenings ids with guild-owned reports,
// the view's row: the guild's own when it has reports in the happening
// (own), else the global one; those without rows are worked out here.
func (v *view) choose(ctx context.Context, tx *Tx, ids []int64, own, global map[int64]*viewRow) (map[int64]*seenHappening, error) {
	out := map[int64]*seenHappening{}
	var missing []int64
	for _, id := range ids {
		r := own[id]
		if r == nil {
			r = global[id]
		}
		switch {
		case r == nil:
			missing = append(missing, id)
			continue
		case r.reports == 0:
			out[id] = &seenHappening{}
			continue
		}
		row := r.happeningRow
		row.id = id
		sh := &seenHappening{row: &row, reports: parseIDs(r.ids)}
		out[id] = sh
		if r.dis != "" {
			if err := json.Unmarshal([]byte(r.dis), &sh.dis); err != nil {
				return nil, err
			}
		}
	}
	if len(missing) > 0 {
		// Written before happening_views, or by hand: worked out here.
		sums, err := v.summarize(ctx, tx, missing)
		if err != nil {
			return nil, err
		}
		for id, sh := range sums {
			out[id] = sh
		}
	}
	return out, nil
}

// happeningRowsIn reads the happenings rows of ids and, for a view that
// hides sources, how it sees those that have guild-owned reports: as
// happening_views has them, which the loader fills with the same
// merge.Summarize it stores the happening with, over the reports the
// view sees (their date by the support of those reports, the clearest
// one's wording, their sources and their disagreements), in the same
// query. Rows of happenings with no guild-owned report stand.
func (v *view) happeningRowsIn(ctx context.Context, tx *Tx, ids []int64) (map[int64]*happeningRow, map[int64]*seenHappening, error) {
	if !v.scoped() {
		rows, err := happeningRows(ctx, tx, ids)
		return rows, nil, err
	}
	// The happenings rows as an unscoped read has them, then the view
	// rows of those with guild-owned reports only: one wide join would
	// scan every happening's columns again for each view row, and the
	// view's columns (NULL) for every happening without one.
	rows, err := happeningRows(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	var owned []int64
	for _, id := range ids {
		if h := rows[id]; h != nil && h.guildReports > 0 {
			owned = append(owned, id)
		}
	}
	global, own := map[int64]*viewRow{}, map[int64]*viewRow{}
	for chunk := range chunks(owned, 500) {
		rs, err := tx.QueryContext(ctx, `SELECT happening_id, guild_id, `+viewRowCols+` FROM happening_views
			WHERE happening_id IN (`+placeholders(len(chunk))+`) AND guild_id IN ('', `+v.literal()+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, nil, err
		}
		for rs.Next() {
			var id int64
			var guild string
			r := &viewRow{}
			if err := rs.Scan(append([]any{&id, &guild}, r.dest()...)...); err != nil {
				rs.Close()
				return nil, nil, err
			}
			if guild == "" {
				global[id] = r
			} else {
				own[id] = r
			}
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, nil, err
		}
	}
	if len(owned) == 0 {
		return rows, nil, nil
	}
	seen, err := v.choose(ctx, tx, owned, own, global)
	return rows, seen, err
}

// summarize works the happenings ids out from the reports the view sees,
// as the loader does for happening_views; those it sees whole are left
// out.
func (v *view) summarize(ctx context.Context, tx *Tx, ids []int64) (map[int64]*seenHappening, error) {
	visible := map[int64][]int64{}
	partly := map[int64]bool{}
	for chunk := range chunks(ids, 500) {
		rs, err := tx.QueryContext(ctx, `SELECT happening_id, id, source_id FROM events WHERE happening_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var h, id, src int64
			if err := rs.Scan(&h, &id, &src); err != nil {
				rs.Close()
				return nil, err
			}
			if v.sees(src) {
				visible[h] = append(visible[h], id)
			} else {
				partly[h] = true
			}
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, err
		}
	}
	out := map[int64]*seenHappening{}
	var want []int64
	for _, id := range ids {
		if partly[id] {
			out[id] = &seenHappening{}
			want = append(want, visible[id]...)
		}
	}
	by := map[int64][]*merge.Report{}
	for part := range chunks(want, 500) {
		reps, hids, err := readReports(ctx, tx, false, `e.id IN (`+placeholders(len(part))+`)`, idArgs(part)...)
		if err != nil {
			return nil, err
		}
		for i, r := range reps {
			by[hids[i]] = append(by[hids[i]], r)
		}
	}
	for id, sh := range out {
		reps := by[id]
		if len(reps) == 0 {
			continue
		}
		sort.Slice(reps, func(i, j int) bool { return reps[i].ID < reps[j].ID })
		h := merge.Summarize(reps)
		best := reps[h.Best]
		sh.row = &happeningRow{id: id, date: h.Date, precision: h.Precision, sortStart: h.SortStart, sortEnd: h.SortEnd,
			summary: best.Summary, best: best.ID, first: reps[h.First].ID, sources: h.Sources, reports: len(reps),
			inferred: h.Inferred, disputed: len(h.Disagreements) > 0}
		for _, d := range h.Disagreements {
			sh.dis = append(sh.dis, storedDisagreement{About: d.About, Vals: toStoredValues(d.Values)})
		}
	}
	return out, nil
}

// disputed keeps those of the happenings hids (negative for a lone
// report) whose disagreements the view sees: a happening may be
// disputed only by a source it does not see.
func (v *view) disputed(ctx context.Context, tx *Tx, hids []int64) ([]int64, error) {
	if !v.scoped() {
		return hids, nil
	}
	var real []int64
	for _, h := range hids {
		if h > 0 {
			real = append(real, h)
		}
	}
	_, seen, err := v.happeningRowsIn(ctx, tx, real)
	if err != nil {
		return nil, err
	}
	out := hids[:0:0]
	for _, h := range hids {
		if sh := seen[h]; sh != nil && (sh.row == nil || !sh.row.disputed) {
			continue
		}
		out = append(out, h)
	}
	return out, nil
}

// viewTopicEntityIDs is topicEntityIDs for a view that hides sources:
// an entity counts when a source it sees names it and one calls it the
// topic (by a name or place the view sees, or the surname of a person it
// sees), with the events of those sources.
func viewTopicEntityIDs(ctx context.Context, tx *Tx, v *view, n string) ([]int64, int, map[int64]*entityPart, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.how, e.event_count, e.source_count FROM (
			SELECT id, 0 AS how FROM entities WHERE norm = ?1
			UNION ALL SELECT entity_id, 1 FROM entity_names WHERE norm = ?1
			UNION ALL SELECT entity_id, 2 FROM entity_place_names WHERE place_norm = ?1
			UNION ALL SELECT id, 3 FROM entities WHERE surname = ?1 AND kind = 'person'
		) m JOIN entities e ON e.id = m.id`, n)
	if err != nil {
		return nil, 0, nil, err
	}
	type cand struct {
		hows            []int
		events, sources int
	}
	cands := map[int64]*cand{}
	var ids []int64
	for rows.Next() {
		var id int64
		var how, events, sources int
		if err := rows.Scan(&id, &how, &events, &sources); err != nil {
			rows.Close()
			return nil, 0, nil, err
		}
		c := cands[id]
		if c == nil {
			c = &cand{events: events, sources: sources}
			cands[id] = c
			ids = append(ids, id)
		}
		c.hows = append(c.hows, how)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, nil, err
	}
	// A surname match needs no name's uses (the view sees it as long as
	// it sees the entity): those entities' counts alone are read.
	var bySurname, byName []int64
	for _, id := range ids {
		if slices.Contains(cands[id].hows, 3) {
			bySurname = append(bySurname, id)
		} else {
			byName = append(byName, id)
		}
	}
	parts, err := v.partsOf(ctx, tx, byName, partPlaces, n)
	if err != nil {
		return nil, 0, nil, err
	}
	counts, err := v.partsOf(ctx, tx, bySurname, partCounts, "")
	if err != nil {
		return nil, 0, nil, err
	}
	if parts == nil {
		parts = counts
	} else {
		maps.Copy(parts, counts)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []int64
	sum := 0
	for _, id := range ids {
		c, p := cands[id], parts[id]
		if p == nil {
			out = append(out, id)
			sum += c.events
			continue
		}
		if p.hiddenFrom(c.sources) {
			continue
		}
		ok := false
		for _, how := range c.hows {
			switch how {
			case 0, 1:
				ok = ok || !p.hidesName(n)
			case 2:
				ok = ok || !p.hidesPlace(n)
			default:
				ok = true
			}
		}
		if ok {
			out = append(out, id)
			sum += max(c.events-p.events, 0)
		}
	}
	return out, sum, parts, nil
}

// othersSQL is the guilds that own the sources the view does not see, as
// an SQL list.
func (v *view) othersSQL() string {
	parts := make([]string, len(v.others))
	for i, g := range v.others {
		parts[i] = (&view{guild: g}).literal()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// hiddenLinks returns the reports of entity id from sources the view
// does not see, from guild_links.
func (v *view) hiddenLinks(ctx context.Context, tx *Tx, id int64) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT event_id FROM guild_links WHERE entity_id = ? AND guild_id != `+v.literal(), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var e int64
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out[e] = true
	}
	return out, rows.Err()
}

// canonHidden is an SQL condition that holds when the view sees no use
// of the stored name of the entity (the column col), from guild_canon:
// to ask in the query that reads the names, so that only those entities
// cost more (see renamed).
func (v *view) canonHidden(col string) string {
	if !v.scoped() {
		return "0"
	}
	return `(EXISTS (SELECT 1 FROM guild_canon c WHERE c.entity_id = ` + col + `) AND NOT EXISTS (SELECT 1 FROM guild_canon c WHERE c.entity_id = ` + col +
		` AND c.guild_id = ` + v.literal() + `))`
}

// renamed returns what the view hides of the entities ids, those whose
// stored name it sees no use of (canonHidden, which the caller asked),
// to show them by the names it sees (see entityPart.displayName).
func (v *view) renamed(ctx context.Context, tx *Tx, ids []int64) (map[int64]*entityPart, error) {
	if !v.scoped() || len(ids) == 0 {
		return nil, nil
	}
	return v.parts(ctx, tx, ids, partNames)
}

// parseIDs reads a JSON list of ids as jsonIDs writes it; "" is none.
func parseIDs(s string) []int64 {
	s = strings.Trim(s, "[]")
	if s == "" {
		return nil
	}
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
