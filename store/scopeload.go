package store

import (
	"context"
	"encoding/json"
	"sort"

	"briefbot/merge"
)

// The loader keeps guild_entities, guild_names and guild_place_names (see
// migration 050) in step with the counts they are parts of: every
// statement that changes entities' counts or the uses of names and
// places for a guild-owned source changes its guild's part the same way,
// so that a view's subtraction stays exact. Global sources never touch
// them.

// addGuildNames adds the guild's part of the names and places the
// loader is about to count (rows of four: source, entity, norm, text).
func (l *loader) addGuildNames(aliases, places []any) error {
	if l.guild == "" {
		return nil
	}
	for _, t := range []struct {
		table string
		rows  []any
	}{{`guild_names (entity_id, norm, guild_id, uses)`, aliases}, {`guild_place_names (entity_id, place_norm, guild_id, uses)`, places}} {
		args := make([]any, 0, len(t.rows))
		for i := 0; i < len(t.rows); i += 4 {
			args = append(args, t.rows[i+1], t.rows[i+2], l.guild, int64(1))
		}
		if err := l.insertRowsThen(t.table, 4, args, ` ON CONFLICT DO UPDATE SET uses = uses + 1`); err != nil {
			return err
		}
	}
	return nil
}

// addGuildLinks repeats a guild-owned source's event_entities rows
// (rows of four: event, entity, date, happening) in guild_links.
func (l *loader) addGuildLinks(links []any) error {
	if l.guild == "" {
		return nil
	}
	args := make([]any, 0, 3*len(links)/4)
	for i := 0; i < len(links); i += 4 {
		args = append(args, links[i+1], l.guild, links[i])
	}
	return l.insertRows(`guild_links (entity_id, guild_id, event_id)`, 3, args)
}

// qAddGuildCounts adds a guild-owned source's counts in entity_sources to
// its guild's part, as qAddCounts does to the entities' totals.
const qAddGuildCounts = `INSERT INTO guild_entities (entity_id, guild_id, sources, mentions, events)
	SELECT entity_id, ?2, 1, mentions, events FROM entity_sources WHERE source_id = ?1
	ON CONFLICT (entity_id, guild_id) DO UPDATE SET sources = sources + 1, mentions = mentions + excluded.mentions, events = events + excluded.events`

// addGuildCounts adds the current source's entity counts to its guild's
// part.
func (l *loader) addGuildCounts() error {
	if l.guild == "" {
		return nil
	}
	_, err := l.tx.ExecContext(l.ctx, qAddGuildCounts, l.src, l.guild)
	return err
}

// addGuildQuotes adds the current source's quotes, by speaker, to its
// guild's part.
func (l *loader) addGuildQuotes() error {
	if l.guild == "" || l.res.Quotes == 0 {
		return nil
	}
	_, err := l.tx.ExecContext(l.ctx, `INSERT INTO guild_entities (entity_id, guild_id, quotes)
		SELECT speaker_entity_id, ?2, COUNT(*) FROM quotes WHERE source_id = ?1 AND speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id
		ON CONFLICT (entity_id, guild_id) DO UPDATE SET quotes = quotes + excluded.quotes`, l.src, l.guild)
	return err
}

// mergeGuildParts moves the guild parts of entity drop to keep, as
// mergeEntities moves the names and recounts the entities: names' and
// places' uses add up, entity counts are counted again from the
// guild-owned sources' entity_sources rows.
func (l *loader) mergeGuildParts(keep, drop int64) error {
	o, err := l.tx.owners(l.ctx)
	if err != nil || len(o.guild) == 0 {
		return err
	}
	for _, q := range []string{
		`INSERT INTO guild_names (entity_id, norm, guild_id, uses) SELECT ?1, norm, guild_id, uses FROM guild_names WHERE entity_id = ?2
			ON CONFLICT DO UPDATE SET uses = uses + excluded.uses`,
		`DELETE FROM guild_names WHERE entity_id = ?2 AND ?1 = ?1`,
		`INSERT INTO guild_place_names (entity_id, place_norm, guild_id, uses) SELECT ?1, place_norm, guild_id, uses FROM guild_place_names WHERE entity_id = ?2
			ON CONFLICT DO UPDATE SET uses = uses + excluded.uses`,
		`DELETE FROM guild_place_names WHERE entity_id = ?2 AND ?1 = ?1`,
		`UPDATE OR IGNORE guild_links SET entity_id = ?1 WHERE entity_id = ?2`,
		`DELETE FROM guild_links WHERE entity_id = ?2 AND ?1 = ?1`,
		`DELETE FROM guild_entities WHERE entity_id IN (?1, ?2)`,
		`INSERT INTO guild_entities (entity_id, guild_id, sources, mentions, events, quotes)
			SELECT ?1, s.guild_id, COUNT(*), SUM(es.mentions), SUM(es.events),
				(SELECT COUNT(*) FROM sources s2 INDEXED BY sources_guild JOIN quotes q INDEXED BY quotes_source ON q.source_id = s2.id
					WHERE s2.guild_id != '' AND s2.guild_id = s.guild_id AND q.speaker_entity_id = ?1)
			FROM sources s INDEXED BY sources_guild JOIN entity_sources es ON es.source_id = s.id AND es.entity_id = ?1
			WHERE s.guild_id != '' AND ?2 = ?2 GROUP BY s.guild_id`,
	} {
		if _, err := l.tx.ExecContext(l.ctx, q, keep, drop); err != nil {
			return err
		}
	}
	return nil
}

// forgetGuildParts takes a guild-owned source's part out of its guild's
// counts, as deleteFacts takes it out of the totals; it runs before the
// source's rows go.
func forgetGuildParts(ctx context.Context, tx *Tx, sourceID int64) error {
	var guild string
	if err := tx.QueryRowContext(ctx, `SELECT guild_id FROM sources WHERE id = ?`, sourceID).Scan(&guild); err != nil || guild == "" {
		return err
	}
	for _, q := range []string{
		`DELETE FROM guild_links WHERE (entity_id, guild_id, event_id) IN
			(SELECT ee.entity_id, ?2, ee.event_id FROM events e JOIN event_entities ee ON ee.event_id = e.id WHERE e.source_id = ?1)`,
		`UPDATE guild_names SET uses = uses - 1 WHERE guild_id = ?2 AND (entity_id, norm) IN (SELECT entity_id, norm FROM aliases WHERE source_id = ?1)`,
		`DELETE FROM guild_names WHERE guild_id = ?2 AND (entity_id, norm) IN (SELECT entity_id, norm FROM aliases WHERE source_id = ?1) AND uses <= 0`,
		`UPDATE guild_place_names SET uses = uses - 1 WHERE guild_id = ?2 AND (entity_id, place_norm) IN (SELECT entity_id, place_norm FROM entity_places WHERE source_id = ?1)`,
		`DELETE FROM guild_place_names WHERE guild_id = ?2 AND (entity_id, place_norm) IN (SELECT entity_id, place_norm FROM entity_places WHERE source_id = ?1) AND uses <= 0`,
		`UPDATE guild_entities SET sources = sources - 1,
			mentions = mentions - (SELECT mentions FROM entity_sources WHERE entity_id = guild_entities.entity_id AND source_id = ?1),
			events = events - (SELECT events FROM entity_sources WHERE entity_id = guild_entities.entity_id AND source_id = ?1),
			quotes = quotes - (SELECT COUNT(*) FROM quotes WHERE source_id = ?1 AND speaker_entity_id = guild_entities.entity_id)
		WHERE guild_id = ?2 AND entity_id IN (SELECT entity_id FROM entity_sources WHERE source_id = ?1)`,
		`DELETE FROM guild_entities WHERE guild_id = ?2 AND entity_id IN (SELECT entity_id FROM entity_sources WHERE source_id = ?1) AND sources <= 0`,
	} {
		if _, err := tx.ExecContext(ctx, q, sourceID, guild); err != nil {
			return err
		}
	}
	return nil
}

// refreshGuildCanon works out again whether the entities of ids (an SQL
// list or query, with args) belong in guild_canon: whether only
// guild-owned sources use their stored names. Loads and removals call it
// for the entities they touch, once guild-owned sources exist.
func refreshGuildCanon(ctx context.Context, tx *Tx, ids string, args ...any) error {
	o, err := tx.owners(ctx)
	if err != nil || len(o.guild) == 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM guild_canon WHERE entity_id IN (`+ids+`)`, args...); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO guild_canon (entity_id, guild_id)
		SELECT e.id, g.guild_id FROM entities e JOIN entity_names n ON n.entity_id = e.id AND n.norm = e.norm
			JOIN guild_names g ON g.entity_id = e.id AND g.norm = e.norm AND g.uses > 0
		WHERE e.id IN (`+ids+`) AND n.uses <= (SELECT SUM(g2.uses) FROM guild_names g2 WHERE g2.entity_id = e.id AND g2.norm = e.norm)`, args...)
	return err
}

// writeHappeningViews stores what happening id's reports (sorted by id)
// say in the views that do not see them all (see happening_views), and
// returns how many are guild-owned. A happening with none has no views;
// nor has a removed one (no reports).
func writeHappeningViews(ctx context.Context, tx *Tx, id int64, reports []*merge.Report) (int, error) {
	o, err := tx.owners(ctx)
	if err != nil || len(o.guild) == 0 {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM happening_views WHERE happening_id = ?`, id); err != nil {
		return 0, err
	}
	var global []*merge.Report
	byGuild := map[string][]*merge.Report{}
	owned := 0
	for _, r := range reports {
		if g := o.guild[r.SourceID]; g != "" {
			byGuild[g] = append(byGuild[g], r)
			owned++
		} else {
			global = append(global, r)
		}
	}
	if owned == 0 {
		return 0, nil
	}
	if err := writeHappeningView(ctx, tx, id, "", global); err != nil {
		return 0, err
	}
	guilds := make([]string, 0, len(byGuild))
	for g := range byGuild {
		guilds = append(guilds, g)
	}
	sort.Strings(guilds)
	for _, g := range guilds {
		rs := append(append(make([]*merge.Report, 0, len(global)+len(byGuild[g])), global...), byGuild[g]...)
		sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
		if err := writeHappeningView(ctx, tx, id, g, rs); err != nil {
			return 0, err
		}
	}
	return owned, nil
}

// storedDisagreement is a disagreement as happening_views keeps it.
type storedDisagreement struct {
	About string        `json:"about"`
	Vals  []storedValue `json:"vals"`
	// More counts the values a list read left out of Vals.
	More int `json:"-"`
}

// writeHappeningView stores what reports (sorted by id) say together as
// the view of guild sees happening id; no reports make a row with no
// reports, which the view leaves out.
func writeHappeningView(ctx context.Context, tx *Tx, id int64, guild string, reports []*merge.Report) error {
	if len(reports) == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO happening_views (happening_id, guild_id) VALUES (?, ?)`, id, guild)
		return err
	}
	h := merge.Summarize(reports)
	// Views are read by lists, which name the first few sources of
	// each value: those are kept, with how many there are.
	var dis []storedDisagreement
	for _, d := range h.Disagreements {
		vals := toStoredValues(d.Values)
		for i := range vals {
			vals[i].cutSources()
		}
		dis = append(dis, storedDisagreement{About: d.About, Vals: vals})
	}
	js := ""
	if len(dis) > 0 {
		b, err := json.Marshal(dis)
		if err != nil {
			return err
		}
		js = string(b)
	}
	best := reports[h.Best]
	// The reports a list shows: as happeningEvents reads them for a
	// happening every view sees whole.
	var ids []int64
	for _, r := range reports[:min(listReports, len(reports))] {
		ids = append(ids, r.ID)
	}
	if h.Best >= listReports {
		ids = append(ids, best.ID)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO happening_views (happening_id, guild_id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
		source_count, report_count, inferred, disputed, disagreements, report_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, guild, h.Date, h.Precision, h.SortStart, h.SortEnd, best.Summary, best.ID, reports[h.First].ID,
		h.Sources, len(reports), h.Inferred, len(h.Disagreements) > 0, js, jsonIDs(ids))
	return err
}
