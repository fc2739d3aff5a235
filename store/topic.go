package store

import (
	"fmt"
	"sort"
)

// topicMentions is how often an article must name an entity to be about
// it when its lead does not.
const topicMentions = 3

// insertTopics records the entities the source being loaded is about (see
// migration 030): those named in its lead (see leadEnd), or named
// topicMentions times or more. mentions counts each entity's mentions.
func (l *loader) insertTopics(mentions map[int64]int, inLead map[int64]bool) error {
	var ids []int64
	for id, n := range mentions {
		if n >= topicMentions || inLead[id] {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, l.src)
	}
	return l.insertRowsThen(`source_topics (entity_id, source_id)`, 2, args, ` ON CONFLICT DO NOTHING`)
}

// qAddTopicHappenings counts the reports with ids in [?1, ?2), all of
// source ?3, for every entity the source is about, as migration 060's
// trigger events_topic_ai did one report at a time: per entity and
// happening (or lone report), n grows by the reports' count and the
// first report is the earlier of the row's and theirs. The first report
// folds as text that sorts as (sort_start, event id) does, as in 060.
const qAddTopicHappenings = `INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
	SELECT st.entity_id, w.h, substr(w.lo, 1, instr(w.lo, char(1)) - 1), CAST(substr(w.lo, instr(w.lo, char(1)) + 1) AS INTEGER), w.c
	FROM (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) AS h,
			MIN(e.sort_start || char(1) || printf('%020d', e.id)) AS lo, COUNT(*) AS c
		FROM events e WHERE e.id >= ?1 AND e.id < ?2 GROUP BY h) AS w, source_topics st
	WHERE st.source_id = ?3
	ON CONFLICT (entity_id, happening) DO UPDATE SET
		first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
		first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
		n = n + excluded.n`

// addTopicHappenings adds the source's reports, the events with ids in
// [from, to) just inserted, to topic_happenings in one statement
// (migration 069) instead of one per report by trigger. It runs before
// anything else in the load reads or moves the source's topics, so
// topic_happenings ends as the trigger left it. A database whose
// migrations stop before 069 (tests build them) keeps it by trigger, or
// has none before 060.
func (l *loader) addTopicHappenings(from, to int64) error {
	tx := l.tx
	if tx.topicsByLoad == 0 {
		var by bool
		if err := tx.QueryRowContext(l.ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'topic_happenings')
			AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'events_topic_ai')`).Scan(&by); err != nil {
			return fmt.Errorf("topic happenings: %w", err)
		}
		tx.topicsByLoad = -1
		if by {
			tx.topicsByLoad = 1
		}
	}
	if tx.topicsByLoad < 0 || from >= to {
		return nil
	}
	if _, err := l.exec(qAddTopicHappenings, from, to, l.src); err != nil {
		return fmt.Errorf("topic happenings: %w", err)
	}
	return nil
}
