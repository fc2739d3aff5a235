-- 042_event_entities_happening: an entity's reports carry their
-- happening in the entity index, so that the loader finds the happenings
-- a new report may join without reading the events themselves. A
-- report's happening never changes once it is stored.
ALTER TABLE event_entities ADD COLUMN happening_id INTEGER NOT NULL DEFAULT 0;
UPDATE event_entities SET happening_id = (SELECT happening_id FROM events WHERE id = event_entities.event_id);
DROP INDEX event_entities_entity;
CREATE INDEX event_entities_entity ON event_entities (entity_id, sort_start, event_id, happening_id);
