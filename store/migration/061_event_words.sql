-- 061_event_words: the words of each report's sentence, indexed in date
-- order. A timeline's word part (reports whose sentence has the topic's
-- words) was found through sentences_fts, whose rowids are sentence ids
-- in load order, and then every report dated before the page was tested
-- against that list: some 70,000 reports for "china" on 100,000
-- articles. event_words indexes the same text (the report's sentence,
-- as sentences holds it, with sentences_fts's tokenizer) under a rowid
-- that sorts as the walk does, (sort_start, id):
--
--     rowid = CAST(replace(sort_start, '-', '') AS INTEGER) * 2^32 + id
--
-- sort_start is '' or YYYY-MM-DD (store.DateRange), so the day number
-- 0 or YYYYMMDD keeps text order; event ids stay under 2^32. A query
-- `MATCH ? AND rowid <= ? ORDER BY rowid` then reads the matching
-- reports in the walk's order and stops at a page.
--
-- Contentless, with contentless_delete so that a report's row goes by
-- its rowid alone (its sentence may be deleted first when a source is
-- removed), and contentless_unindexed so that the walk reads each
-- report's happening and source from the index's own rows, stored in
-- rowid (date) order, instead of looking every report up by id. (FTS5
-- keeps its per-row sizes: contentless_delete needs them.) Triggers
-- keep it; reports are inserted and deleted, not changed, but a change of
-- the columns it copies moves the row all the same.
CREATE VIRTUAL TABLE event_words USING fts5 (
	text,
	happening UNINDEXED,
	source UNINDEXED,
	content = '',
	contentless_delete = 1,
	contentless_unindexed = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER events_words_ai AFTER INSERT ON events WHEN new.sentence_id != 0 BEGIN
	INSERT INTO event_words (rowid, text, happening, source)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, s.text, new.happening_id, new.source_id FROM sentences s WHERE s.id = new.sentence_id;
END;

CREATE TRIGGER events_words_ad AFTER DELETE ON events WHEN old.sentence_id != 0 BEGIN
	DELETE FROM event_words WHERE rowid = CAST(replace(old.sort_start, '-', '') AS INTEGER) * 4294967296 + old.id;
END;

CREATE TRIGGER events_words_au AFTER UPDATE OF id, sort_start, sentence_id, happening_id, source_id ON events BEGIN
	DELETE FROM event_words WHERE rowid = CAST(replace(old.sort_start, '-', '') AS INTEGER) * 4294967296 + old.id;
	INSERT INTO event_words (rowid, text, happening, source)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, s.text, new.happening_id, new.source_id FROM sentences s WHERE s.id = new.sentence_id;
END;

-- A sentence's new text goes to the reports on it.
CREATE TRIGGER sentences_words_au AFTER UPDATE OF text ON sentences BEGIN
	DELETE FROM event_words WHERE rowid IN (SELECT CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id
		FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = old.id);
	INSERT INTO event_words (rowid, text, happening, source)
		SELECT CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id, new.text, e.happening_id, e.source_id
		FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = new.id;
END;

INSERT INTO event_words (rowid, text, happening, source)
	SELECT CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id, s.text, e.happening_id, e.source_id
	FROM events e JOIN sentences s ON s.id = e.sentence_id WHERE e.sentence_id != 0;
INSERT INTO event_words (event_words) VALUES ('optimize');
