package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"briefbot/merge"
)

// entityRoles works out the roles over time of the entities ids: every
// observation dated (the text's dates, else its source's publication
// date), ended by "former" and the like, and single-holder offices ended
// when a later source names another holder (which it reads from the
// other holders of the same organisations' offices). Only the sources
// the view v sees count; own, when not nil, is the view for the
// entities' own observations (nil when no source it hides names them).
func entityRoles(ctx context.Context, tx *Tx, v, own *view, ids []int64) (map[int64][]*Role, error) {
	var obs []merge.RoleObs
	orgs := map[string]bool{}
	for chunk := range chunks(ids, 500) {
		ph := placeholders(len(chunk))
		o, err := roleObs(ctx, tx, own, `g.entity_id IN (`+ph+`)`, `r.entity_id IN (`+ph+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		// An office dated by many articles comes once per date: each
		// title and organisation is looked at once.
		seen := map[[2]string]bool{}
		for _, x := range o {
			if seen[[2]string{x.Title, x.Org}] {
				continue
			}
			seen[[2]string{x.Title, x.Org}] = true
			if merge.SingleHolder(merge.TitleKey(x.Title), x.Org) {
				orgs[strings.ToLower(strings.TrimSpace(x.Org))] = true
				if c := merge.OrgKey(x.Org); c != "" {
					// Other spellings of the organisation hold its office
					// too: "Apple" for "Apple Inc.".
					orgs[c] = true
				}
			}
		}
		obs = append(obs, o...)
	}
	mine := map[int64]bool{}
	for _, id := range ids {
		mine[id] = true
	}
	// The other holders of their single-holder offices.
	var list []any
	for o := range orgs {
		list = append(list, o)
	}
	// The entities' own groups were read above and are dropped below:
	// they are left out here (one of them named in a thousand articles
	// with a date each has as many groups).
	notMine, notMineR := "", ""
	var mineArgs []any
	if len(ids) <= 500 {
		notMine, notMineR = ` AND g.entity_id NOT IN (`+placeholders(len(ids))+`)`, ` AND r.entity_id NOT IN (`+placeholders(len(ids))+`)`
		mineArgs = idArgs(ids)
	}
	for len(list) > 0 {
		k := min(len(list), 500)
		ph := placeholders(k)
		o, err := roleObs(ctx, tx, v, `lower(g.org) IN (`+ph+`)`+notMine, `lower(r.org) IN (`+ph+`)`+notMineR, append(list[:k:k], mineArgs...)...)
		if err != nil {
			return nil, err
		}
		for _, x := range o {
			if !mine[x.EntityID] {
				obs = append(obs, x)
			}
		}
		list = list[k:]
	}
	out := map[int64][]*Role{}
	for _, s := range merge.Roles(obs) {
		if !mine[s.EntityID] {
			continue
		}
		src := int64(0)
		if len(s.Sources) > 0 {
			src = s.Sources[0]
		}
		out[s.EntityID] = append(out[s.EntityID], &Role{Title: s.Title, Org: s.Org, Since: s.Since, Until: s.Until,
			From: s.From, To: s.To, Ended: s.Ended, Successor: s.Successor, SourceID: src})
	}
	return out, nil
}

// roleGroup is a group of identical role observations (the same role
// read from many articles) with the first and last of their sources.
type roleGroup struct {
	o           merge.RoleObs
	first, last int64
	// firstPub and lastPub are the sources' publication dates.
	firstPub, lastPub string
}

// roleGroups reads the groups of role observations matching gcond (on
// role_groups g, which folds the rows of every source) that the view v
// sees, in the order of their key. When v hides sources, the groups
// their rows (those matching rcond, on roles r) fall in are folded
// again from the rows it sees, and dropped when it sees none.
//
// When v hides nothing, the ended groups of one role that differ only
// in the day it ended come as one (see endedRoleGroups).
func roleGroups(ctx context.Context, tx *Tx, v *view, gcond, rcond string, args ...any) ([]roleGroup, error) {
	var gs []roleGroup
	var err error
	if !v.scoped() && !roleFoldOff {
		gs, err = endedRoleGroups(ctx, tx, gcond, args)
	}
	if gs == nil && err == nil {
		gs, err = readRoleGroups(ctx, tx, `SELECT g.entity_id, g.title, g.org, g.since, g.until, g.first_source, g.last_source, g.first_published, g.last_published
			FROM role_groups g WHERE `+gcond, args)
	}
	if err != nil {
		return nil, err
	}
	if v.scoped() && len(gs) > 0 {
		if gs, err = scopeRoleGroups(ctx, tx, v, gs, rcond, args); err != nil {
			return nil, err
		}
	}
	// The order of the key, as grouping the rows in SQL gave them.
	slices.SortFunc(gs, func(a, b roleGroup) int {
		return cmp.Or(cmp.Compare(a.o.EntityID, b.o.EntityID), strings.Compare(a.o.Title, b.o.Title), strings.Compare(a.o.Org, b.o.Org),
			strings.Compare(a.o.Since, b.o.Since), strings.Compare(a.o.Until, b.o.Until))
	})
	return gs, nil
}

// roleFoldOff makes roleGroups read every group one by one, for tests
// to compare with.
var roleFoldOff bool

// isoDay matches a day as the loader stores dates and publication days
// (YYYY-MM-DD): such a value is its own day (dayOf), and its order as
// text is its order as a day.
const isoDay = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`

// endedRoleGroups reads the groups matching gcond (args are its), with
// the groups of one role (entity, title, organisation, since) ended on
// a day (until a YYYY-MM-DD, and both sources' publication days of that
// form too) folded into one. On a recurring story those are many: each
// round's relative end ("last week") gives the role another end day
// (160 groups of "chief executive of General Motors" for /who wagoner
// at 100,000 articles).
//
// The fold gives merge.Roles what the groups gave it: their observations
// differ only in the end day and the publication days, and it keeps the
// earliest end day (the first met, the group's first in key order, whose
// first source names the role first), and the earliest and latest
// publication days of all. The folded group is that first group, with
// the earliest and latest publication days of all its groups.
//
// It returns nil groups, for the caller to read them one by one, when a
// folded value is not its own day after all (a malformed date).
func endedRoleGroups(ctx context.Context, tx *Tx, gcond string, args []any) ([]roleGroup, error) {
	ended := `g.until GLOB ` + isoDay + ` AND g.first_published GLOB ` + isoDay + ` AND g.last_published GLOB ` + isoDay
	// One pass: the ended groups of a role share a key (NULL for the end
	// day), every other group has its own (its end, never NULL). The
	// first group of each, in key order, has the least end day, and its
	// first source comes with it.
	gs, err := readRoleGroups(ctx, tx, `SELECT g.entity_id, g.title, g.org, g.since, MIN(g.until || char(31) || g.first_source), 0, `+ended+`,
			IIF(`+ended+`, MIN(MIN(g.first_published, g.last_published)), g.first_published),
			IIF(`+ended+`, MAX(MAX(g.first_published, g.last_published)), g.last_published)
		FROM role_groups g WHERE `+gcond+`
		GROUP BY g.entity_id, g.title, g.org, g.since, IIF(`+ended+`, NULL, g.until)`, args)
	if err != nil {
		return nil, err
	}
	for i := range gs {
		g := &gs[i]
		k := strings.LastIndexByte(g.o.Until, 0x1f)
		first, err := strconv.ParseInt(g.o.Until[k+1:], 10, 64)
		if k < 0 || err != nil {
			return nil, nil
		}
		g.o.Until, g.first = g.o.Until[:k], first
		if g.last == 1 && (dayOf(g.o.Until) != g.o.Until || dayOf(g.firstPub) != g.firstPub || dayOf(g.lastPub) != g.lastPub) {
			return nil, nil
		}
		g.last = 0
	}
	if gs == nil {
		gs = []roleGroup{}
	}
	return gs, nil
}

// readRoleGroups reads the groups query q gives (the columns of
// roleGroup in order).
func readRoleGroups(ctx context.Context, tx *Tx, q string, args []any) ([]roleGroup, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []roleGroup
	for rows.Next() {
		var g roleGroup
		if err := rows.Scan(&g.o.EntityID, &g.o.Title, &g.o.Org, &g.o.Since, &g.o.Until, &g.first, &g.last, &g.firstPub, &g.lastPub); err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// scopeRoleGroups folds again, from the rows the view v sees, the groups
// of gs that rows of sources it hides (among those matching rcond) fall
// in.
func scopeRoleGroups(ctx context.Context, tx *Tx, v *view, gs []roleGroup, rcond string, args []any) ([]roleGroup, error) {
	type key struct {
		entity                   int64
		title, org, since, until string
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT r.entity_id, r.title, r.org, r.since, r.until FROM roles r WHERE `+rcond+
		` AND `+v.hiddenSource("r.source_id"), args...)
	if err != nil {
		return nil, err
	}
	touched := map[key]bool{}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.entity, &k.title, &k.org, &k.since, &k.until); err != nil {
			rows.Close()
			return nil, err
		}
		touched[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(touched) == 0 {
		return gs, nil
	}
	kept := gs[:0]
	for _, g := range gs {
		if touched[key{g.o.EntityID, g.o.Title, g.o.Org, g.o.Since, g.o.Until}] {
			var first, last sql.NullInt64
			if err := tx.QueryRowContext(ctx, `SELECT MIN(r.source_id), MAX(r.source_id) FROM roles r WHERE r.entity_id = ? AND r.title = ?
				AND r.org = ? AND r.since = ? AND r.until = ? AND `+v.keep("r.source_id"), g.o.EntityID, g.o.Title, g.o.Org, g.o.Since, g.o.Until).
				Scan(&first, &last); err != nil {
				return nil, err
			}
			if !first.Valid {
				continue
			}
			g.first, g.last = first.Int64, last.Int64
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT published FROM sources WHERE id = ?), ''), COALESCE((SELECT published FROM sources WHERE id = ?), '')`,
				g.first, g.last).Scan(&g.firstPub, &g.lastPub); err != nil {
				return nil, err
			}
		}
		kept = append(kept, g)
	}
	return kept, nil
}

// roleObs reads the role observations of the groups roleGroups finds
// (gcond, rcond and args are its), dated by their first and last
// sources.
func roleObs(ctx context.Context, tx *Tx, v *view, gcond, rcond string, args ...any) ([]merge.RoleObs, error) {
	gs, err := roleGroups(ctx, tx, v, gcond, rcond, args...)
	if err != nil {
		return nil, err
	}
	// Sources are loaded in about publication order, so the first and
	// last of a group date it well enough; the group keeps their dates.
	var out []merge.RoleObs
	// Groups repeat dates (and publication days): each is parsed once.
	days := map[string]string{}
	day := func(v string) string {
		d, ok := days[v]
		if !ok {
			d = dayOf(v)
			days[v] = d
		}
		return d
	}
	for _, g := range gs {
		o := g.o
		o.SourceID = g.first
		o.SinceDay = day(o.Since)
		if o.Until != "" && o.Until != "PAST_REF" {
			o.UntilDay = day(o.Until)
		}
		first, last := day(g.firstPub), day(g.lastPub)
		if last != "" && (first == "" || last < first) {
			first, last = last, first
		}
		o.Published = first
		out = append(out, o)
		if last != "" && last != first {
			// The latest source saying so too: the role was still
			// held (or already over) then.
			o.Published = last
			out = append(out, o)
		}
	}
	return out, nil
}

// HeldOn reports whether the role was held on day (YYYY-MM-DD), as far as
// the sources tell: from its first known day until the day it ended.
func (r *Role) HeldOn(day string) bool {
	if r.From == "" || day < r.From {
		return false
	}
	return !r.Ended || r.To == "" || day < r.To
}
