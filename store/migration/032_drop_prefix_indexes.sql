-- events_order (sort_start, id) and events_sentence (sentence_id) are
-- prefixes of events_walk and events_sentence_sort (031): every query they
-- served is served as well by those, and each index costs every load.
DROP INDEX IF EXISTS events_order;
DROP INDEX IF EXISTS events_sentence;
