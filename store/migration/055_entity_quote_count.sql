-- 055_entity_quote_count: how many quotes each entity is the speaker of,
-- kept by triggers through every insert, removal and re-pointing of
-- quotes (an entity's removal sets its quotes' speaker to NULL), so that
-- /who counts a famous speaker's quotes without counting thousands of
-- index entries.
ALTER TABLE entities ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET quote_count = (SELECT COUNT(*) FROM quotes WHERE speaker_entity_id = entities.id)
	WHERE id IN (SELECT speaker_entity_id FROM quotes);

CREATE TRIGGER quotes_count_ai AFTER INSERT ON quotes WHEN new.speaker_entity_id IS NOT NULL BEGIN
	UPDATE entities SET quote_count = quote_count + 1 WHERE id = new.speaker_entity_id;
END;
CREATE TRIGGER quotes_count_ad AFTER DELETE ON quotes WHEN old.speaker_entity_id IS NOT NULL BEGIN
	UPDATE entities SET quote_count = quote_count - 1 WHERE id = old.speaker_entity_id;
END;
CREATE TRIGGER quotes_count_au AFTER UPDATE OF speaker_entity_id ON quotes
	WHEN old.speaker_entity_id IS NOT new.speaker_entity_id BEGIN
	UPDATE entities SET quote_count = quote_count - 1 WHERE id = old.speaker_entity_id;
	UPDATE entities SET quote_count = quote_count + 1 WHERE id = new.speaker_entity_id;
END;
