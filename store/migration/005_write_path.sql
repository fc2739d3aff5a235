-- 005_write_path: fewer randomly placed index pages per load. Per-source
-- rows are keyed by source first, so that a load appends to them and a
-- removal finds them in one range; lookups by name go to entity_names and
-- entity_place_names, and garbage collection asks entity_sources.

CREATE TABLE aliases_new (
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	norm      TEXT NOT NULL,
	alias     TEXT NOT NULL,
	PRIMARY KEY (source_id, entity_id, norm)
) WITHOUT ROWID;
INSERT INTO aliases_new (source_id, entity_id, norm, alias) SELECT source_id, entity_id, norm, alias FROM aliases;
DROP TABLE aliases;
ALTER TABLE aliases_new RENAME TO aliases;

CREATE TABLE entity_places_new (
	source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	place_norm TEXT NOT NULL,
	place      TEXT NOT NULL,
	PRIMARY KEY (source_id, entity_id, place_norm)
) WITHOUT ROWID;
INSERT INTO entity_places_new (source_id, entity_id, place_norm, place) SELECT source_id, entity_id, place_norm, place FROM entity_places;
DROP TABLE entity_places;
ALTER TABLE entity_places_new RENAME TO entity_places;

CREATE TABLE entity_sources_new (
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	mentions  INTEGER NOT NULL DEFAULT 0,
	events    INTEGER NOT NULL DEFAULT 0,
	published TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (source_id, entity_id)
) WITHOUT ROWID;
INSERT INTO entity_sources_new (source_id, entity_id, mentions, events, published)
	SELECT source_id, entity_id, mentions, events, published FROM entity_sources;
DROP TABLE entity_sources;
ALTER TABLE entity_sources_new RENAME TO entity_sources;
CREATE INDEX entity_sources_entity ON entity_sources (entity_id, published, source_id);

-- Entities' mentions are found through entity_sources; events by date
-- through events_order.
DROP INDEX mentions_entity;
DROP INDEX events_end;
