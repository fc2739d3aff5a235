-- 043_events_walk_happening: the walk of a big topic's other parts
-- (articles about it, words in sentences) reads each report's happening
-- from the covering index, to list each merged event once without
-- looking the reports up.
DROP INDEX events_walk;
CREATE INDEX events_walk ON events (sort_start, id, source_id, sentence_id, sort_end, happening_id);
