package store

import "context"

// topicMentions is how often an article must name an entity to be about
// it when its lead does not.
const topicMentions = 3

// insertTopics records the entities a freshly loaded source is about (see
// migration 030): those named in its lead (see leadEnd), or named
// topicMentions times or more.
func insertTopics(ctx context.Context, tx *Tx, sourceID int64, leadEnd int) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO source_topics (entity_id, source_id)
		SELECT entity_id, source_id FROM mentions WHERE source_id = ?1
		GROUP BY entity_id HAVING COUNT(*) >= ?2 OR MIN(start) < ?3`, sourceID, topicMentions, leadEnd)
	return err
}
