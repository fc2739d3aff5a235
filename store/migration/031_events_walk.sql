-- 031_events_walk: narrow covering indexes for FindEvents. events_walk
-- lets a big topic's walk in date order test each event (its id, source,
-- sentence and dates) without reading the wide row (sentence, summary,
-- terms): /timeline airbus on 10,000 articles walked ~3,500 rows before
-- its first match. events_byid gives a collected set's dates by id for the
-- sort, likewise without the wide rows.
CREATE INDEX events_walk ON events (sort_start, id, source_id, sentence_id, sort_end);
CREATE INDEX events_byid ON events (id, sort_start, sort_end, source_id);
-- events_source_sort and events_sentence_sort give the dates of a
-- collected topic's events (those of its sources, those whose sentence
-- names it) from the index alone.
CREATE INDEX events_source_sort ON events (source_id, sort_start);
CREATE INDEX events_sentence_sort ON events (sentence_id, sort_start);
