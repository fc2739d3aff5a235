-- 067_entity_children_unlinked: mentions, aliases and entity_places lose
-- their foreign key on entity_id, and with it migration 059's three
-- indexes led by entity_id, which were there only so that deleting an
-- entity could find its children there without scanning.
--
-- Each of these indexes is keyed by entity, so a load inserts into it
-- at one random leaf per entity it names: at 100,000 articles one
-- 500-article transaction dirtied 2,906 of their pages (21 % of the
-- 13,892 it wrote), against a few dozen at 1,000 articles, and the
-- three held 19,600 pages that nothing reads.
--
-- Nothing needs the key: these rows are per source, and the store
-- keeps an entity_sources row for every (source, entity) pair that has
-- one (a load writes all of them with it). An entity is deleted only
-- when it has no source left (gcEntities, after a source's rows went by
-- their source_id), or after a merge moved every row of its sources to
-- the entity it was folded into (mergeEntities): either way it has no
-- rows left here. The foreign keys on source_id stay, so a removed
-- source still takes its rows with it.
--
-- SQLite cannot drop a constraint in place: the tables are rebuilt,
-- keeping their rows, rowids and layout. IF EXISTS: a test database
-- whose 005 runs late (TestMigrate_Upgrade) rebuilt aliases and
-- entity_places after 059, without its indexes.

DROP INDEX IF EXISTS mentions_entity_id;
DROP INDEX IF EXISTS aliases_entity_id;
DROP INDEX IF EXISTS entity_places_entity_id;

CREATE TABLE mentions_new (
	id        INTEGER PRIMARY KEY,
	entity_id INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	text      TEXT NOT NULL
);
INSERT INTO mentions_new (id, entity_id, source_id, start, "end", text)
	SELECT id, entity_id, source_id, start, "end", text FROM mentions ORDER BY id;
DROP TABLE mentions;
ALTER TABLE mentions_new RENAME TO mentions;
CREATE INDEX mentions_source ON mentions (source_id, start);

CREATE TABLE aliases_new (
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	entity_id INTEGER NOT NULL,
	norm      TEXT NOT NULL,
	alias     TEXT NOT NULL,
	PRIMARY KEY (source_id, entity_id, norm)
) WITHOUT ROWID;
INSERT INTO aliases_new (source_id, entity_id, norm, alias)
	SELECT source_id, entity_id, norm, alias FROM aliases ORDER BY source_id, entity_id, norm;
DROP TABLE aliases;
ALTER TABLE aliases_new RENAME TO aliases;

CREATE TABLE entity_places_new (
	source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	entity_id  INTEGER NOT NULL,
	place_norm TEXT NOT NULL,
	place      TEXT NOT NULL,
	PRIMARY KEY (source_id, entity_id, place_norm)
) WITHOUT ROWID;
INSERT INTO entity_places_new (source_id, entity_id, place_norm, place)
	SELECT source_id, entity_id, place_norm, place FROM entity_places ORDER BY source_id, entity_id, place_norm;
DROP TABLE entity_places;
ALTER TABLE entity_places_new RENAME TO entity_places;
