-- 041_entity_kinds: the kind each source gives an entity, so that an
-- entity that sources disagree on (a person to some, an organisation to
-- others) takes the kind most of them give.
ALTER TABLE entity_sources ADD COLUMN kind TEXT NOT NULL DEFAULT '';
UPDATE entity_sources SET kind = (SELECT kind FROM entities WHERE id = entity_sources.entity_id);
