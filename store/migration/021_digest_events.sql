-- 021_digest_events: a narrow covering index from an event's id to its
-- source and date. A digest counts the other sources reporting each new
-- event (an event of the same date with a participant in common); that
-- is thousands of lookups by event id, which the wide events rows (with
-- their sentences) turn into scattered page reads.
CREATE INDEX digest_events_source ON events (id, source_id, date);
