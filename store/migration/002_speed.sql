-- 002_speed: what /who and /timeline need to answer from indexes alone on
-- large databases.

-- event_count, like mention_count, is kept up to date by loads so that
-- a topic's size is known without counting.
ALTER TABLE entities ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET event_count = (SELECT COUNT(*) FROM event_entities WHERE entity_id = entities.id);

-- entity_sources counts events per source too (to subtract on reload) and
-- repeats the source's publication date to list an entity's newest
-- sources from the index.
ALTER TABLE entity_sources ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entity_sources ADD COLUMN published TEXT NOT NULL DEFAULT '';
UPDATE entity_sources SET
	published = (SELECT published FROM sources WHERE id = entity_sources.source_id),
	events = (SELECT COUNT(*) FROM event_entities ee JOIN events ev ON ev.id = ee.event_id
		WHERE ee.entity_id = entity_sources.entity_id AND ev.source_id = entity_sources.source_id);
CREATE INDEX entity_sources_published ON entity_sources (entity_id, published, source_id);

-- sentence_id links an event to its row in sentences, so that a keyword
-- test is one FTS lookup by rowid.
ALTER TABLE events ADD COLUMN sentence_id INTEGER NOT NULL DEFAULT 0;
UPDATE events SET sentence_id = COALESCE((SELECT id FROM sentences s WHERE s.source_id = events.source_id
	AND s.start <= events.start AND s."end" > events.start ORDER BY s.start DESC LIMIT 1), 0);
CREATE INDEX events_sentence ON events (sentence_id);

-- Events are ordered by date, then id (ids follow positions within a
-- load).
DROP INDEX events_sort;
CREATE INDEX events_order ON events (sort_start, id);

DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker_date ON quotes (speaker_entity_id, date, id);
CREATE INDEX quotes_date ON quotes (date, id);

-- sentences_vocab gives how many sentences hold each indexed term, to
-- size a keyword query before running it.
CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab (sentences_fts, 'row');

-- Merge FTS segments less eagerly: loads commit one small segment per
-- article.
INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 16);
