package store

import (
	"context"
	"fmt"
)

// wordGroupsOf is the fold of the events with ids in [?1, ?2) into
// event_word_groups' rows (migration 061): the happening (or minus the
// lone report's id), the sentence's text, the key of the first report
// and how many there are.
const wordGroupsOf = `SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, s.text AS text,
		MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id) AS k, COUNT(*) AS c
	FROM events e JOIN sentences s ON s.id = e.sentence_id
	WHERE e.id >= ?1 AND e.id < ?2 AND e.sentence_id != 0
	GROUP BY h, s.text`

// indexEventWords adds the events the transaction inserted to their
// groups in event_word_groups, and so to event_words, in three
// statements (migration 068) rather than three per report by trigger:
// the groups that exist gain the counts, then the first report of those
// a new report comes before, and then the new groups go in in key
// order, which FTS5 writes as one segment instead of flushing one at
// every key lower than the last. A group ends as the trigger left it:
// its count is its reports', its key the least of theirs. It runs
// before the transaction commits and before it deletes any report,
// whose trigger takes it out of its group. A database whose migrations
// stop before 068 (tests build them) keeps the groups by trigger, or has
// none before 061.
func (tx *Tx) indexEventWords(ctx context.Context) error {
	from, to := tx.unworded.take()
	if from >= to {
		return nil
	}
	var grouped bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'event_word_groups')
		AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'events_words_ai')`).Scan(&grouped); err != nil {
		return fmt.Errorf("index report words: %w", err)
	}
	if !grouped {
		return nil
	}
	for _, q := range []string{
		`UPDATE event_word_groups SET n = n + w.c FROM (` + wordGroupsOf + `) AS w
			WHERE w.h > 0 AND event_word_groups.happening = w.h AND event_word_groups.text = w.text`,
		`UPDATE event_word_groups SET key = w.k FROM (` + wordGroupsOf + `) AS w
			WHERE w.h > 0 AND event_word_groups.happening = w.h AND event_word_groups.text = w.text AND event_word_groups.key > w.k`,
		`INSERT INTO event_word_groups (key, happening, text, n)
			SELECT w.k, w.h, w.text, w.c FROM (` + wordGroupsOf + `) AS w
			WHERE NOT EXISTS (SELECT 1 FROM event_word_groups g WHERE g.happening = w.h AND g.text = w.text) ORDER BY w.k`,
	} {
		if _, err := tx.ExecContext(ctx, q, from, to); err != nil {
			return fmt.Errorf("index report words: %w", err)
		}
	}
	return nil
}
