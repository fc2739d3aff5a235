-- 003_names: one row per distinct name of an entity (and per place it
-- points to), with how many sources use it, so that name lookups do not
-- walk one row per source for famous names; per-source rows stay in
-- aliases and entity_places for removal.
CREATE TABLE entity_names (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	norm      TEXT NOT NULL,
	alias     TEXT NOT NULL,
	uses      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, norm)
) WITHOUT ROWID;
CREATE INDEX entity_names_norm ON entity_names (norm);
INSERT INTO entity_names (entity_id, norm, alias, uses)
	SELECT entity_id, norm, MIN(alias), COUNT(*) FROM aliases GROUP BY entity_id, norm;

CREATE TABLE entity_place_names (
	entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	place_norm TEXT NOT NULL,
	place      TEXT NOT NULL,
	uses       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, place_norm)
) WITHOUT ROWID;
CREATE INDEX entity_place_names_norm ON entity_place_names (place_norm);
INSERT INTO entity_place_names (entity_id, place_norm, place, uses)
	SELECT entity_id, place_norm, MIN(place), COUNT(*) FROM entity_places GROUP BY entity_id, place_norm;

ALTER TABLE entities ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET source_count = (SELECT COUNT(*) FROM entity_sources WHERE entity_id = entities.id);

-- terms is the event's sentence as FTS tokenizes it (lower case, accents
-- folded, one space between words, a space at each end), for testing a
-- keyword event by event while walking a big topic in date order.
-- Backfilled approximately; reloads write it exactly.
ALTER TABLE events ADD COLUMN terms TEXT NOT NULL DEFAULT '';
UPDATE events SET terms = ' ' || lower(sentence) || ' ';
