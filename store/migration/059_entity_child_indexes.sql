-- 059_entity_child_indexes: deleting an entity (folded into another by a
-- load, or left without sources by a removal) makes SQLite look for rows
-- that still reference it, in every table whose foreign key names
-- entities. Without an index led by entity_id that is a scan of the
-- table: of mentions, aliases and entity_places, the biggest, it cost
-- 60 ms per deleted entity at 10,000 articles, and ten times that at
-- 100,000, against about 2 ms with these.
CREATE INDEX mentions_entity_id ON mentions (entity_id);
CREATE INDEX aliases_entity_id ON aliases (entity_id);
CREATE INDEX entity_places_entity_id ON entity_places (entity_id);
