package store

import (
	"strings"

	"briefbot/extract"
	"briefbot/merge"
)

// Cross-article entity resolution beyond the exact name: the loader's
// resolve finds an entity by its name, a known alias, a person's
// surname, the name without its legal form ("Apple Inc." is "Apple"),
// and the same multi-word name given another kind by other sources. When
// an article shows that two stored entities are one (it calls "General
// Motors" "GM", and both exist), mergeEntities folds the fragment into
// the fuller one.

const (
	// qByNormAny finds the single entity of any kind with a name.
	qByNormAny = `SELECT IIF(COUNT(*) = 1, MAX(id), NULL) FROM (SELECT id FROM entities WHERE norm = ? LIMIT 2)`
	// qMergeCounts is what merging entity ?2 into ?1 adds to ?1's
	// counts: ?2's mentions, its sources that ?1 lacks and its event links
	// to events ?1 is not linked to. Each part reads ?2's rows and looks
	// ?1 up by primary key.
	qMergeCounts = `SELECT
		(SELECT COALESCE(SUM(mentions), 0) FROM entity_sources WHERE entity_id = ?2),
		(SELECT COUNT(*) FROM entity_sources d WHERE d.entity_id = ?2
			AND NOT EXISTS (SELECT 1 FROM entity_sources k WHERE k.source_id = d.source_id AND k.entity_id = ?1)),
		(SELECT COUNT(*) FROM event_entities d WHERE d.entity_id = ?2
			AND NOT EXISTS (SELECT 1 FROM event_entities k WHERE k.event_id = d.event_id AND k.entity_id = ?1))`
	// qMajorityKind is the kind most of an entity's sources give it (on
	// a tie, the one named more often, then the first source's).
	qMajorityKind = `SELECT kind FROM entity_kinds WHERE entity_id = ? ORDER BY sources DESC, mentions DESC, first_source LIMIT 1`
)

// variants are the other names under which a fragment of entity e may
// be stored: an organisation's name without its legal form, and the
// acronyms the article defines for it.
func variants(e extract.Entity) []string {
	if e.Kind != extract.Org {
		return nil
	}
	var out []string
	n := Norm(e.Name)
	if c := merge.OrgCore(n); c != n && c != "" {
		out = append(out, c)
	}
	for _, a := range e.Aliases {
		if merge.AcronymOf(a, e.Name) {
			if an := Norm(a); an != n {
				out = append(out, an)
			}
		}
	}
	return out
}

// coreName is an organisation's name as written without its legal form
// and a leading "The" ("Apple Inc." → "Apple"), or "" when it has none.
func coreName(name string) string {
	f := strings.Fields(name)
	if len(f) > 1 && Norm(f[0]) == "the" {
		f = f[1:]
	}
	for len(f) > 1 && merge.IsLegalForm(Norm(f[len(f)-1])) {
		f = f[:len(f)-1]
		f[len(f)-1] = strings.TrimRight(f[len(f)-1], ",")
	}
	if len(f) > 1 && (f[len(f)-1] == "&" || Norm(f[len(f)-1]) == "and") {
		f = f[:len(f)-1]
	}
	c := strings.Join(f, " ")
	if c == name {
		return ""
	}
	return c
}

// mergeFragments folds into entity id the stored organisations named by
// one of e's variants: the same organisation, stored apart because an
// earlier article used only that form.
func (l *loader) mergeFragments(id int64, e extract.Entity) error {
	for _, v := range variants(e) {
		var other *int64
		if err := l.tx.QueryRowContext(l.ctx, qByNorm, v, string(extract.Org)).Scan(&other); err != nil {
			return err
		}
		if other == nil || *other == id {
			continue
		}
		if err := l.mergeEntities(id, *other); err != nil {
			return err
		}
	}
	return nil
}

// mergeEntities folds entity drop into keep: every name, mention, role,
// event link, quote and count of drop becomes keep's, and drop is
// deleted. The current source's pending names are written first so that
// they move too. A merge is not undone when the source that showed it is
// removed.
func (l *loader) mergeEntities(keep, drop int64) error {
	if err := l.flushNames(); err != nil {
		return err
	}
	ctx := l.ctx
	// What drop adds to keep's counts, read before its rows move: its
	// mentions, and its sources and event links that keep does not share.
	// Counting keep's rows after the move instead read every source and
	// event link of keep, tens of thousands for an entity many sources
	// name, on every merge into it. keep's counts are those of its
	// stored rows here: a load adds its own source's counts (qAddCounts)
	// after its merges.
	var mentions, sources, events int64
	if err := l.tx.QueryRowContext(ctx, qMergeCounts, keep, drop).Scan(&mentions, &sources, &events); err != nil {
		return err
	}
	// Per-source rows are keyed by source: those of drop's sources, and
	// the current one's, which has no entity_sources row yet.
	const srcs = `(SELECT source_id FROM entity_sources WHERE entity_id = ?2 UNION SELECT ?3)`
	for _, q := range []string{
		`UPDATE OR IGNORE aliases SET entity_id = ?1 WHERE source_id IN ` + srcs + ` AND entity_id = ?2`,
		`DELETE FROM aliases WHERE source_id IN ` + srcs + ` AND entity_id = ?2`,
		`UPDATE OR IGNORE entity_places SET entity_id = ?1 WHERE source_id IN ` + srcs + ` AND entity_id = ?2`,
		`DELETE FROM entity_places WHERE source_id IN ` + srcs + ` AND entity_id = ?2`,
		`UPDATE mentions SET entity_id = ?1 WHERE source_id IN ` + srcs + ` AND entity_id = ?2`,
		`INSERT INTO entity_names (entity_id, norm, alias, uses) SELECT ?1, norm, alias, uses FROM entity_names WHERE entity_id = ?2 AND ?3 = ?3
			ON CONFLICT (entity_id, norm) DO UPDATE SET uses = uses + excluded.uses`,
		`DELETE FROM entity_names WHERE entity_id = ?2 AND ?3 = ?3`,
		`INSERT INTO entity_place_names (entity_id, place_norm, place, uses) SELECT ?1, place_norm, place, uses FROM entity_place_names WHERE entity_id = ?2 AND ?3 = ?3
			ON CONFLICT (entity_id, place_norm) DO UPDATE SET uses = uses + excluded.uses`,
		`DELETE FROM entity_place_names WHERE entity_id = ?2 AND ?3 = ?3`,
		`UPDATE roles SET entity_id = ?1 WHERE entity_id = ?2 AND ?3 = ?3`,
		`UPDATE quotes SET speaker_entity_id = ?1 WHERE speaker_entity_id = ?2 AND ?3 = ?3`,
		`UPDATE OR IGNORE event_entities SET entity_id = ?1 WHERE entity_id = ?2 AND ?3 = ?3`,
		`DELETE FROM event_entities WHERE entity_id = ?2 AND ?3 = ?3`,
		`UPDATE OR IGNORE source_topics SET entity_id = ?1 WHERE entity_id = ?2 AND ?3 = ?3`,
		`DELETE FROM source_topics WHERE entity_id = ?2 AND ?3 = ?3`,
		`INSERT INTO entity_sources (source_id, entity_id, mentions, events, published, kind)
			SELECT source_id, ?1, mentions, events, published, kind FROM entity_sources WHERE entity_id = ?2 AND ?3 = ?3
			ON CONFLICT (source_id, entity_id) DO UPDATE SET mentions = mentions + excluded.mentions, events = events + excluded.events`,
		`DELETE FROM entity_sources WHERE entity_id = ?2 AND ?3 = ?3`,
	} {
		if _, err := l.tx.ExecContext(ctx, q, keep, drop, l.src); err != nil {
			return err
		}
	}
	if _, err := l.tx.ExecContext(ctx, `UPDATE entities SET mention_count = mention_count + ?2,
		source_count = source_count + ?3, event_count = event_count + ?4 WHERE id = ?1`, keep, mentions, sources, events); err != nil {
		return err
	}
	// The guild parts of drop's counts move before drop goes, taking
	// them with it.
	if err := l.mergeGuildParts(keep, drop); err != nil {
		return err
	}
	if _, err := l.tx.ExecContext(ctx, `DELETE FROM entities WHERE id = ?`, drop); err != nil {
		return err
	}
	// Cached reports name drop among their participants: the loader's
	// and the DB's caches of them go.
	l.tx.deleted = true
	clear(l.reports)
	// The loader's caches forget drop.
	for k, v := range l.named {
		if v == drop || v == keep {
			delete(l.named, k)
		}
	}
	for k, v := range l.ids {
		if v == drop {
			l.ids[k] = keep
		}
	}
	for _, m := range []map[aliasKey]bool{l.aliased, l.placed} {
		for k := range m {
			if k.id == drop {
				delete(m, k)
				m[aliasKey{keep, k.norm}] = true
			}
		}
	}
	if l.recheck != nil {
		delete(l.recheck, drop)
		l.recheck[keep] = true
	}
	l.merged[drop] = keep
	l.res.Merged++
	return nil
}

// settleKinds gives the entities whose sources disagree on their kind
// the kind most sources give, once this source's entity_sources rows
// are written.
func (l *loader) settleKinds() error {
	for id := range l.recheck {
		var kind string
		if err := l.tx.QueryRowContext(l.ctx, qMajorityKind, id).Scan(&kind); err != nil {
			continue // no sources: nothing to decide
		}
		if _, err := l.tx.ExecContext(l.ctx, `UPDATE entities SET kind = ? WHERE id = ? AND kind != ?`, kind, id, kind); err != nil {
			return err
		}
	}
	clear(l.recheck)
	clear(l.named)
	return nil
}

// multiWord reports whether a normalised name has two words or more:
// only such names are trusted across kinds ("Washington" the place and
// "Washington" the team stay apart).
func multiWord(n string) bool { return strings.Contains(n, " ") }

// foldAcronyms merges each organisation of the article named by an
// acronym into the one other organisation of the article whose initials
// it is, when there is exactly one.
func (l *loader) foldAcronyms(ents []extract.Entity) error {
	for _, a := range ents {
		if a.Kind != extract.Org || !merge.IsAcronym(a.Name) {
			continue
		}
		var full *extract.Entity
		n := 0
		for i := range ents {
			b := &ents[i]
			if b.Kind == extract.Org && b.Name != a.Name && merge.AcronymOf(a.Name, b.Name) {
				full = b
				n++
			}
		}
		if n != 1 {
			continue
		}
		keep, drop := l.ids[key(full.Name, extract.Org)], l.ids[key(a.Name, extract.Org)]
		if keep == 0 || drop == 0 || keep == drop {
			continue
		}
		if err := l.alias(keep, a.Name); err != nil {
			return err
		}
		if err := l.mergeEntities(keep, drop); err != nil {
			return err
		}
	}
	return nil
}

// survivor follows the merges of this source from id to the entity that
// holds it now.
func (l *loader) survivor(id int64) int64 {
	for i := 0; i < len(l.merged)+1; i++ {
		next, ok := l.merged[id]
		if !ok {
			return id
		}
		id = next
	}
	return id
}
