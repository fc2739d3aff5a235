-- 004_source_counts: fact counts kept on the source row by loads, so that
-- /sources does not count the facts of every source each time.
ALTER TABLE sources ADD COLUMN entity_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET
	entity_count = (SELECT COUNT(*) FROM entity_sources WHERE source_id = sources.id),
	event_count = (SELECT COUNT(*) FROM events WHERE source_id = sources.id),
	quote_count = (SELECT COUNT(*) FROM quotes WHERE source_id = sources.id),
	mention_count = (SELECT COUNT(*) FROM mentions WHERE source_id = sources.id);
