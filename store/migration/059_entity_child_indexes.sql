-- 059_entity_child_indexes: what made a load's cost grow with the
-- number of sources naming an entity, or with the store: indexes for
-- deleting entities, and entity_kinds (below).
--
-- Deleting an entity (folded into another by a
-- load, or left without sources by a removal) makes SQLite look for rows
-- that still reference it, in every table whose foreign key names
-- entities. Without an index led by entity_id that is a scan of the
-- table: of mentions, aliases and entity_places, the biggest, it cost
-- 60 ms per deleted entity at 10,000 articles, growing with the store,
-- against about 2 ms with these.
CREATE INDEX mentions_entity_id ON mentions (entity_id);
CREATE INDEX aliases_entity_id ON aliases (entity_id);
CREATE INDEX entity_places_entity_id ON entity_places (entity_id);

-- entity_kinds: how many of an entity's sources give it each kind, with
-- their mentions and the first of them, kept by triggers on
-- entity_sources. A load settles the kind of an entity its sources
-- disagree on from these few rows instead of from every source that
-- names it (61,000 for the most named at 100,000 articles).
CREATE TABLE entity_kinds (
	entity_id    INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	sources      INTEGER NOT NULL,
	mentions     INTEGER NOT NULL,
	first_source INTEGER NOT NULL,
	PRIMARY KEY (entity_id, kind)
) WITHOUT ROWID;

INSERT INTO entity_kinds (entity_id, kind, sources, mentions, first_source)
	SELECT entity_id, kind, COUNT(*), SUM(mentions), MIN(source_id) FROM entity_sources WHERE kind != '' GROUP BY entity_id, kind;

CREATE TRIGGER entity_sources_kind_ai AFTER INSERT ON entity_sources WHEN new.kind != '' BEGIN
	INSERT INTO entity_kinds (entity_id, kind, sources, mentions, first_source)
		VALUES (new.entity_id, new.kind, 1, new.mentions, new.source_id)
		ON CONFLICT (entity_id, kind) DO UPDATE SET sources = sources + 1, mentions = mentions + excluded.mentions,
			first_source = min(first_source, excluded.first_source);
END;

CREATE TRIGGER entity_sources_kind_ad AFTER DELETE ON entity_sources WHEN old.kind != '' BEGIN
	DELETE FROM entity_kinds WHERE entity_id = old.entity_id AND kind = old.kind AND sources <= 1;
	UPDATE entity_kinds SET sources = sources - 1, mentions = mentions - old.mentions,
		first_source = IIF(first_source = old.source_id, (SELECT MIN(source_id) FROM entity_sources
			WHERE entity_id = old.entity_id AND kind = old.kind), first_source)
	WHERE entity_id = old.entity_id AND kind = old.kind;
END;

CREATE TRIGGER entity_sources_kind_au AFTER UPDATE OF source_id, entity_id, mentions, kind ON entity_sources BEGIN
	DELETE FROM entity_kinds WHERE old.kind != '' AND entity_id = old.entity_id AND kind = old.kind AND sources <= 1;
	UPDATE entity_kinds SET sources = sources - 1, mentions = mentions - old.mentions,
		first_source = IIF(first_source = old.source_id, (SELECT MIN(source_id) FROM entity_sources
			WHERE entity_id = old.entity_id AND kind = old.kind AND source_id != old.source_id), first_source)
	WHERE old.kind != '' AND entity_id = old.entity_id AND kind = old.kind;
	INSERT INTO entity_kinds (entity_id, kind, sources, mentions, first_source)
		SELECT new.entity_id, new.kind, 1, new.mentions, new.source_id WHERE new.kind != ''
		ON CONFLICT (entity_id, kind) DO UPDATE SET sources = sources + 1, mentions = mentions + excluded.mentions,
			first_source = min(first_source, excluded.first_source);
END;
