package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Entity is a person, organisation or place, shared by all sources.
type Entity struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Mentions counts its mentions over all sources.
	Mentions int `json:"mentions"`
	// Match says how FindEntities matched it: "id", "name", "alias",
	// "surname", "prefix" or "fuzzy".
	Match string `json:"match,omitempty"`

	// sources counts the sources that name it, all guilds', for views.
	sources int
}

// EntityFilter selects entities. Name is matched fuzzily: case and accents
// do not matter, and surnames, aliases, prefixes and near spellings are
// accepted, in that order of preference.
type EntityFilter struct {
	ID    int64
	Name  string
	Kind  string
	Limit int
	// Guild names the view (see Visible): "" for the global sources
	// only.
	Guild string
}

// Role is a position an entity holds, as a source reported it.
type Role struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	// Since and Until are the TimeML values sources give for its start
	// and end; Until is "PAST_REF" for a role only called former.
	Since string `json:"since"`
	Until string `json:"until"`
	// From is the first day it is known held (Since, else the first
	// source naming it); To the day by which it had ended (Until, a
	// successor's start, or the first source calling it former). Ended
	// is false while the role is current.
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
	Ended bool   `json:"ended"`
	// Successor is the entity that took over a single-holder office.
	Successor int64 `json:"successor,omitempty"`
	SourceID  int64 `json:"source_id"`
}

// SourceRef is the short form of a source that facts cite.
type SourceRef struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// Profile is everything known about one entity.
type Profile struct {
	Entity  *Entity  `json:"entity"`
	Aliases []string `json:"aliases"`
	Roles   []*Role  `json:"roles"`
	// Places are the places the entity's names point to.
	Places []string `json:"places,omitempty"`
	// EventsTotal counts the entity's reports; its merged events are
	// listed by FindEvents with EntityID, a page at a time.
	EventsTotal int `json:"events_total"`
	// Quotes are its latest ProfileQuotes quotes, newest first.
	Quotes      []*Quote `json:"quotes"`
	QuotesTotal int      `json:"quotes_total"`
	// Sources are the sources that name it, newest first, at most
	// ProfileSources of SourcesTotal.
	Sources      []*SourceRef `json:"sources"`
	SourcesTotal int          `json:"sources_total"`
}

// Caps on the lists of a Profile, which a chat message could not show in
// full anyway.
const (
	ProfileQuotes  = 20
	ProfileSources = 25
)

const maxLimit = 100

func clampLimit(n, def int) int {
	if n <= 0 {
		return def
	}
	if n > maxLimit {
		return maxLimit
	}
	return n
}

// FindEntities returns the entities matching f, best first, and when none
// match, up to five "did you mean" names.
func (db *DB) FindEntities(ctx context.Context, f EntityFilter) (ents []*Entity, suggestions []string, err error) {
	err = db.readView(ctx, f.Guild, func(tx *Tx, v *view) (err error) {
		ents, suggestions, err = findEntities(ctx, tx, v, f)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("find entities: %w", err)
	}
	return ents, suggestions, nil
}

// entityCols are the columns of an Entity, and its source count.
const entityCols = `e.id, e.name, e.kind, e.mention_count, e.source_count`

func scanEntities(rows *sql.Rows, match string) ([]*Entity, error) {
	defer rows.Close()
	var out []*Entity
	for rows.Next() {
		e := &Entity{Match: match}
		if err := rows.Scan(&e.ID, &e.Name, &e.Kind, &e.Mentions, &e.sources); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// fetchLimit is how many rows a query capped at limit reads for a view
// that hides sources: it drops some and re-ranks the rest.
func fetchLimit(v *view, limit int) int {
	if v.scoped() {
		return 4*limit + 20
	}
	return limit
}

func findEntities(ctx context.Context, tx *Tx, v *view, f EntityFilter) ([]*Entity, []string, error) {
	limit := clampLimit(f.Limit, 10)
	if f.ID != 0 {
		rows, err := tx.QueryContext(ctx, `SELECT `+entityCols+` FROM entities e WHERE e.id = ? AND (?2 = '' OR e.kind = ?2)`, f.ID, f.Kind)
		if err != nil {
			return nil, nil, err
		}
		ents, err := scanEntities(rows, "id")
		if err != nil {
			return nil, nil, err
		}
		ents, err = v.seeEntities(ctx, tx, ents, "", limit)
		return ents, nil, err
	}
	n := Norm(f.Name)
	if n == "" {
		rows, err := tx.QueryContext(ctx, `SELECT `+entityCols+` FROM entities e WHERE (?1 = '' OR e.kind = ?1)
			ORDER BY e.mention_count DESC, e.id LIMIT ?2`, f.Kind, fetchLimit(v, limit))
		if err != nil {
			return nil, nil, err
		}
		ents, err := scanEntities(rows, "")
		if err != nil {
			return nil, nil, err
		}
		ents, err = v.seeEntities(ctx, tx, ents, "", limit)
		return ents, nil, err
	}

	// Exact: the canonical name, then aliases, then a person's surname.
	rows, err := tx.QueryContext(ctx, `SELECT `+entityCols+`, m.how FROM (
			SELECT id, 0 AS how FROM entities WHERE norm = ?1
			UNION ALL SELECT entity_id, 1 FROM entity_names WHERE norm = ?1
			UNION ALL SELECT id, 2 FROM entities WHERE surname = ?1 AND kind = 'person'
		) m JOIN entities e ON e.id = m.id
		WHERE (?2 = '' OR e.kind = ?2)
		ORDER BY m.how, e.mention_count DESC, e.id`, n, f.Kind)
	if err != nil {
		return nil, nil, err
	}
	ents, err := scanMatches(rows, limit, v.scoped())
	if err == nil {
		ents, err = v.seeEntities(ctx, tx, ents, n, limit)
	}
	if err != nil || len(ents) > 0 {
		return ents, nil, err
	}

	// Prefix of the name, of an alias or of the surname ("zelen").
	if len([]rune(n)) >= 2 {
		hi := n + "\U0010FFFF"
		rows, err := tx.QueryContext(ctx, `SELECT `+entityCols+`, 3 FROM entities e WHERE e.id IN (
				SELECT id FROM entities WHERE norm >= ?1 AND norm < ?2
				UNION SELECT entity_id FROM entity_names WHERE norm >= ?1 AND norm < ?2
				UNION SELECT id FROM entities WHERE surname >= ?1 AND surname < ?2 AND kind = 'person'
			) AND (?3 = '' OR e.kind = ?3)
			ORDER BY e.mention_count DESC, e.id LIMIT ?4`, n, hi, f.Kind, fetchLimit(v, limit))
		if err != nil {
			return nil, nil, err
		}
		ents, err := scanMatches(rows, fetchLimit(v, limit), false)
		if err == nil {
			ents, err = v.seeEntities(ctx, tx, ents, n, limit)
		}
		if err != nil || len(ents) > 0 {
			return ents, nil, err
		}
	}

	// Near spellings ("zelensky", "bessant"), from the in-memory index.
	idx, err := tx.db.nameIndex(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	// Nothing close enough is suggested from within a looser distance.
	loose := maxDistance(n) + 2
	if l := len([]rune(n)) / 2; l > loose {
		loose = l
	}
	skip, err := v.nameFilter(ctx, tx, idx, n, loose)
	if err != nil {
		return nil, nil, err
	}
	ids, _ := idx.near(n, maxDistance(n), skip)
	if len(ids) > 0 {
		ents, err := entitiesByID(ctx, tx, ids, f.Kind, "fuzzy")
		if err == nil {
			ents, err = v.seeEntities(ctx, tx, ents, "", limit)
		}
		if err != nil {
			return nil, nil, err
		}
		if len(ents) > limit {
			ents = ents[:limit]
		}
		if len(ents) > 0 {
			return ents, nil, nil
		}
	}
	sugg := idx.suggest(n, loose, 5, skip)
	if len(sugg) == 0 {
		return nil, nil, nil
	}
	sents, err := entitiesByID(ctx, tx, sugg, f.Kind, "")
	if err == nil {
		sents, err = v.seeEntities(ctx, tx, sents, "", len(sents))
	}
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, e := range sents {
		names = append(names, e.Name)
	}
	return nil, names, nil
}

// scanMatches reads (entity, how) rows, keeping each entity once with its
// best match.
// all keeps every match of each entity, for a view to vet (see
// view.seeEntities).
func scanMatches(rows *sql.Rows, limit int, all bool) ([]*Entity, error) {
	defer rows.Close()
	hows := []string{"name", "alias", "surname", "prefix"}
	seen := map[int64]bool{}
	var out []*Entity
	for rows.Next() {
		e := &Entity{}
		var how int
		if err := rows.Scan(&e.ID, &e.Name, &e.Kind, &e.Mentions, &e.sources, &how); err != nil {
			return nil, err
		}
		if all {
			e.Match = hows[how]
			out = append(out, e)
			continue
		}
		if seen[e.ID] || len(out) >= limit {
			continue
		}
		seen[e.ID] = true
		e.Match = hows[how]
		out = append(out, e)
	}
	return out, rows.Err()
}

// entitiesByID loads entities keeping the order of ids.
func entitiesByID(ctx context.Context, tx *Tx, ids []int64, kind, match string) ([]*Entity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := `SELECT ` + entityCols + ` FROM entities e WHERE e.id IN (` + placeholders(len(ids)) + `)`
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	got, err := scanEntities(rows, match)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*Entity{}
	for _, e := range got {
		byID[e.ID] = e
	}
	var out []*Entity
	for _, id := range ids {
		if e := byID[id]; e != nil && (kind == "" || e.Kind == kind) {
			out = append(out, e)
		}
	}
	return out, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// AutocompleteNames returns up to limit (at most 25) entities whose name,
// alias or surname starts with prefix, most mentioned first, in the view
// of guild (see Visible).
func (db *DB) AutocompleteNames(ctx context.Context, prefix string, limit int, guild string) ([]*Entity, error) {
	if limit <= 0 || limit > 25 {
		limit = 25
	}
	var ents []*Entity
	err := db.readView(ctx, guild, func(tx *Tx, v *view) (err error) {
		ents, err = autocompleteNames(ctx, tx, v, prefix, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("autocomplete names: %w", err)
	}
	return ents, nil
}

func autocompleteNames(ctx context.Context, tx *Tx, v *view, prefix string, limit int) ([]*Entity, error) {
	n := Norm(prefix)
	var rows *sql.Rows
	var err error
	if n == "" {
		rows, err = tx.QueryContext(ctx, `SELECT `+entityCols+` FROM entities e ORDER BY e.mention_count DESC, e.id LIMIT ?`, fetchLimit(v, limit))
	} else {
		hi := n + "\U0010FFFF"
		rows, err = tx.QueryContext(ctx, `SELECT `+entityCols+` FROM entities e WHERE e.id IN (
				SELECT id FROM entities WHERE norm >= ?1 AND norm < ?2
				UNION SELECT entity_id FROM entity_names WHERE norm >= ?1 AND norm < ?2
				UNION SELECT id FROM entities WHERE surname >= ?1 AND surname < ?2
			) ORDER BY e.mention_count DESC, e.id LIMIT ?3`, n, hi, fetchLimit(v, limit))
	}
	if err != nil {
		return nil, err
	}
	ents, err := scanEntities(rows, "prefix")
	if err != nil {
		return nil, err
	}
	return v.seeEntities(ctx, tx, ents, n, limit)
}

// Profile returns what is known about the entity with the given id, in
// the view of guild (see Visible): ErrNotFound when no source it sees
// names the entity.
func (db *DB) Profile(ctx context.Context, id int64, guild string) (*Profile, error) {
	var p *Profile
	err := db.readView(ctx, guild, func(tx *Tx, v *view) (err error) {
		p, err = profile(ctx, tx, v, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	return p, nil
}

func profile(ctx context.Context, tx *Tx, v *view, id int64) (*Profile, error) {
	p := &Profile{Entity: &Entity{}}
	var events, sources int
	err := tx.QueryRowContext(ctx, `SELECT `+entityCols+`, e.event_count FROM entities e WHERE e.id = ?`, id).
		Scan(&p.Entity.ID, &p.Entity.Name, &p.Entity.Kind, &p.Entity.Mentions, &sources, &events)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	// part is what sources the view does not see add to the entity; nil
	// when none names it, and the profile is as stored.
	parts, err := v.parts(ctx, tx, []int64{id}, partPlaces)
	if err != nil {
		return nil, err
	}
	part := parts[id]
	if part.hiddenFrom(sources) {
		return nil, ErrNotFound
	}
	// own is the view for what the entity's own sources tell: nil when
	// the view sees them all.
	own := v
	if part == nil {
		own = nil
	}
	canon := Norm(p.Entity.Name)
	if part != nil {
		p.Entity.Mentions -= part.mentions
		p.Entity.Name = part.displayName(p.Entity.Name)
		canon = Norm(p.Entity.Name)
		events -= part.events
		sources -= part.sources
	}

	// Aliases, most used first, without the canonical name.
	seen := map[string]bool{canon: true}
	if part != nil {
		for _, n := range part.visibleNames() {
			if !seen[n[1]] {
				seen[n[1]] = true
				p.Aliases = append(p.Aliases, n[0])
			}
		}
	} else {
		rows, err := tx.QueryContext(ctx, `SELECT alias, norm FROM entity_names WHERE entity_id = ? ORDER BY uses DESC, alias`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var a, n string
			if err := rows.Scan(&a, &n); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[n] {
				seen[n] = true
				p.Aliases = append(p.Aliases, a)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}

	// Roles over time, from every source and the other holders of the
	// same offices.
	roles, err := entityRoles(ctx, tx, v, own, []int64{id})
	if err != nil {
		return nil, err
	}
	p.Roles = roles[id]

	rows, err := tx.QueryContext(ctx, `SELECT place, place_norm FROM entity_place_names WHERE entity_id = ? ORDER BY place`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pl, pn string
		if err := rows.Scan(&pl, &pn); err != nil {
			rows.Close()
			return nil, err
		}
		if !part.hidesPlace(pn) {
			p.Places = append(p.Places, pl)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// The latest events, shown in date order.
	p.EventsTotal = events

	// When sources the view does not see name the entity (own is not
	// nil), its quotes and sources are read through the view.
	hiddenQuotes := 0
	if part != nil {
		hiddenQuotes = part.quotes
	}
	if p.Quotes, p.QuotesTotal, err = findQuotes(ctx, tx, own, hiddenQuotes, []int64{id}, "", "", 0, ProfileQuotes); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT s.id, s.name, s.title, s.url, s.published FROM entity_sources es JOIN sources s ON s.id = es.source_id
		WHERE es.entity_id = ? AND `+own.probe("es.source_id")+` ORDER BY es.published DESC, es.source_id DESC LIMIT ?`, id, ProfileSources)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		s := &SourceRef{}
		if err := rows.Scan(&s.ID, &s.Name, &s.Title, &s.URL, &s.Published); err != nil {
			rows.Close()
			return nil, err
		}
		p.Sources = append(p.Sources, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	p.SourcesTotal = sources
	return p, nil
}

func queryIDs(ctx context.Context, tx *Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func sortEvents(evs []*Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if a.SortStart != b.SortStart {
			return a.SortStart < b.SortStart
		}
		return a.ID < b.ID
	})
}
