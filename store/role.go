package store

import (
	"context"
	"strings"

	"briefbot/merge"
)

// roleGroupCols reads role observations folded in SQL: identical rows
// (the same role read from many articles) become one, with the first and
// last of their sources, so that a person in thousands of articles costs
// a few rows; roleObs then reads those sources' publication dates.
const roleGroupCols = `r.entity_id, r.title, r.org, r.since, r.until, MIN(r.source_id), MAX(r.source_id)`

// entityRoles works out the roles over time of the entities ids: every
// observation dated (the text's dates, else its source's publication
// date), ended by "former" and the like, and single-holder offices ended
// when a later source names another holder (which it reads from the
// other holders of the same organisations' offices). Only the sources
// the view v sees count; own, when not nil, is the view for the
// entities' own observations (nil when no source it hides names them).
func entityRoles(ctx context.Context, tx *Tx, v, own *view, ids []int64) (map[int64][]*Role, error) {
	keep := v.keep("r.source_id")
	var obs []merge.RoleObs
	orgs := map[string]bool{}
	for chunk := range chunks(ids, 500) {
		o, err := roleObs(ctx, tx, `r.entity_id IN (`+placeholders(len(chunk))+`) AND `+own.keep("r.source_id")+` GROUP BY r.entity_id, r.title, r.org, r.since, r.until`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for _, x := range o {
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
	for len(list) > 0 {
		k := min(len(list), 500)
		o, err := roleObs(ctx, tx, `lower(r.org) IN (`+placeholders(k)+`) AND `+keep+` GROUP BY r.entity_id, r.title, r.org, r.since, r.until`, list[:k]...)
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

// roleObs reads grouped role observations (see roleGroupCols) matching
// cond, which ends in the GROUP BY.
func roleObs(ctx context.Context, tx *Tx, cond string, args ...any) ([]merge.RoleObs, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+roleGroupCols+` FROM roles r WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	type group struct {
		o           merge.RoleObs
		first, last int64
	}
	var gs []group
	need := map[int64]bool{}
	for rows.Next() {
		var g group
		if err := rows.Scan(&g.o.EntityID, &g.o.Title, &g.o.Org, &g.o.Since, &g.o.Until, &g.first, &g.last); err != nil {
			rows.Close()
			return nil, err
		}
		gs = append(gs, g)
		need[g.first], need[g.last] = true, true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Sources are loaded in about publication order, so the first and
	// last of a group date it well enough, at two lookups a group.
	refs, err := sourceRefs(ctx, tx, need)
	if err != nil {
		return nil, err
	}
	var out []merge.RoleObs
	for _, g := range gs {
		o := g.o
		o.SourceID = g.first
		o.SinceDay = dayOf(o.Since)
		if o.Until != "" && o.Until != "PAST_REF" {
			o.UntilDay = dayOf(o.Until)
		}
		first, last := "", ""
		if r := refs[g.first]; r != nil {
			first = dayOf(r.Published)
		}
		if r := refs[g.last]; r != nil {
			last = dayOf(r.Published)
		}
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
