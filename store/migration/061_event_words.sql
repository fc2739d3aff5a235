-- 061_event_words: the words of the reports' sentences, indexed in date
-- order. A timeline's word part (reports whose sentence has the topic's
-- words) was found through sentences_fts, whose rowids are sentence ids
-- in load order, and then every report dated before the page was tested
-- against that list: some 70,000 reports for "china" on 100,000
-- articles. event_words indexes the same text (the sentence as
-- sentences holds it, with sentences_fts's tokenizer) under a key that
-- sorts as the walk does, (sort_start, event id):
--
--     key = CAST(replace(sort_start, '-', '') AS INTEGER) * 2^32 + id
--
-- sort_start is '' or YYYY-MM-DD (store.DateRange), so the day number
-- 0 or YYYYMMDD keeps text order; event ids stay under 2^32. A query
-- `MATCH ? AND rowid <= ? ORDER BY rowid` then reads the matching
-- reports in the walk's order and stops at a page.
--
-- A story many feeds tell has a report per feed, mostly with the same
-- sentence: the walk wants the first matching report of each merged
-- event, and whether a report matches depends on its text alone. So
-- event_word_groups keeps one row per merged event (or lone report, as
-- minus its event id) and sentence text: the key of its first report
-- and how many reports it has; event_words indexes those rows, and a
-- merged event told a thousand times in one wording costs one entry.
-- Triggers on events keep it (reports are inserted and deleted, before
-- their sentences; a change of the columns it reads moves them all the
-- same), and on sentences for a changed text.
CREATE TABLE event_word_groups (
	key       INTEGER PRIMARY KEY,
	happening INTEGER NOT NULL,
	text      TEXT NOT NULL,
	n         INTEGER NOT NULL
);
-- A merged event has a group or two: they are told apart by text.
CREATE INDEX event_word_groups_happening ON event_word_groups (happening);

CREATE VIRTUAL TABLE event_words USING fts5 (
	text,
	happening UNINDEXED,
	content = 'event_word_groups',
	content_rowid = 'key',
	columnsize = 0,
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER event_word_groups_ai AFTER INSERT ON event_word_groups BEGIN
	INSERT INTO event_words (rowid, text, happening) VALUES (new.key, new.text, new.happening);
END;
CREATE TRIGGER event_word_groups_ad AFTER DELETE ON event_word_groups BEGIN
	INSERT INTO event_words (event_words, rowid, text, happening) VALUES ('delete', old.key, old.text, old.happening);
END;
CREATE TRIGGER event_word_groups_au AFTER UPDATE OF key, text, happening ON event_word_groups
	WHEN old.key != new.key OR old.text != new.text OR old.happening != new.happening BEGIN
	INSERT INTO event_words (event_words, rowid, text, happening) VALUES ('delete', old.key, old.text, old.happening);
	INSERT INTO event_words (rowid, text, happening) VALUES (new.key, new.text, new.happening);
END;

-- A new report joins its group, or starts one.
CREATE TRIGGER events_words_ai AFTER INSERT ON events WHEN new.sentence_id != 0 BEGIN
	UPDATE event_word_groups SET n = n + 1, key = MIN(key, CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id)
		WHERE happening = IIF(new.happening_id != 0, new.happening_id, -new.id)
			AND text = (SELECT text FROM sentences WHERE id = new.sentence_id);
	INSERT INTO event_word_groups (key, happening, text, n)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, IIF(new.happening_id != 0, new.happening_id, -new.id), s.text, 1
		FROM sentences s WHERE s.id = new.sentence_id AND NOT EXISTS (SELECT 1 FROM event_word_groups g
			WHERE g.happening = IIF(new.happening_id != 0, new.happening_id, -new.id) AND g.text = s.text);
END;

-- A removed report leaves its group: the group goes with its last
-- report, and its first is looked up again when it was the one removed
-- (a group of several reports belongs to a merged event).
CREATE TRIGGER events_words_ad AFTER DELETE ON events WHEN old.sentence_id != 0 BEGIN
	DELETE FROM event_word_groups WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id) AND n <= 1
		AND text = (SELECT text FROM sentences WHERE id = old.sentence_id);
	UPDATE event_word_groups SET n = n - 1,
		key = IIF(key != CAST(replace(old.sort_start, '-', '') AS INTEGER) * 4294967296 + old.id, key,
			(SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id) FROM events e INDEXED BY events_happening
				JOIN sentences s ON s.id = e.sentence_id WHERE e.happening_id = event_word_groups.happening AND s.text = event_word_groups.text))
		WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id)
			AND text = (SELECT text FROM sentences WHERE id = old.sentence_id);
END;

-- A report changed: out of its old group as if removed, into the new as
-- if added.
CREATE TRIGGER events_words_au AFTER UPDATE OF id, sort_start, sentence_id, happening_id ON events BEGIN
	DELETE FROM event_word_groups WHERE old.sentence_id != 0 AND happening = IIF(old.happening_id != 0, old.happening_id, -old.id) AND n <= 1
		AND text = (SELECT text FROM sentences WHERE id = old.sentence_id);
	UPDATE event_word_groups SET n = n - 1,
		key = IIF(key != CAST(replace(old.sort_start, '-', '') AS INTEGER) * 4294967296 + old.id, key,
			(SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id) FROM events e INDEXED BY events_happening
				JOIN sentences s ON s.id = e.sentence_id WHERE e.happening_id = event_word_groups.happening AND s.text = event_word_groups.text))
		WHERE old.sentence_id != 0 AND happening = IIF(old.happening_id != 0, old.happening_id, -old.id)
			AND text = (SELECT text FROM sentences WHERE id = old.sentence_id);
	UPDATE event_word_groups SET n = n + 1, key = MIN(key, CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id)
		WHERE new.sentence_id != 0 AND happening = IIF(new.happening_id != 0, new.happening_id, -new.id)
			AND text = (SELECT text FROM sentences WHERE id = new.sentence_id);
	INSERT INTO event_word_groups (key, happening, text, n)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, IIF(new.happening_id != 0, new.happening_id, -new.id), s.text, 1
		FROM sentences s WHERE new.sentence_id != 0 AND s.id = new.sentence_id AND NOT EXISTS (SELECT 1 FROM event_word_groups g
			WHERE g.happening = IIF(new.happening_id != 0, new.happening_id, -new.id) AND g.text = s.text);
END;

-- A sentence's new text moves its reports from the groups of the old
-- text to those of the new.
CREATE TRIGGER sentences_words_au AFTER UPDATE OF text ON sentences WHEN old.text != new.text BEGIN
	DELETE FROM event_word_groups WHERE text = old.text
		AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = old.id)
		AND n <= (SELECT COUNT(*) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = old.id
			AND IIF(e.happening_id != 0, e.happening_id, -e.id) = event_word_groups.happening);
	UPDATE event_word_groups SET
		n = n - (SELECT COUNT(*) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = old.id
			AND IIF(e.happening_id != 0, e.happening_id, -e.id) = event_word_groups.happening),
		key = (SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id) FROM events e INDEXED BY events_happening
			JOIN sentences s ON s.id = e.sentence_id WHERE e.happening_id = event_word_groups.happening AND s.text = event_word_groups.text)
		WHERE text = old.text
			AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = old.id);
	UPDATE event_word_groups SET
		n = n + (SELECT COUNT(*) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = new.id
			AND IIF(e.happening_id != 0, e.happening_id, -e.id) = event_word_groups.happening),
		key = MIN(key, (SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id) FROM events e INDEXED BY events_sentence_sort
			WHERE e.sentence_id = new.id AND IIF(e.happening_id != 0, e.happening_id, -e.id) = event_word_groups.happening))
		WHERE text = new.text
			AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = new.id);
	INSERT INTO event_word_groups (key, happening, text, n)
		SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id), IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, new.text, COUNT(*)
		FROM events e INDEXED BY events_sentence_sort WHERE e.sentence_id = new.id
			AND NOT EXISTS (SELECT 1 FROM event_word_groups g WHERE g.happening = IIF(e.happening_id != 0, e.happening_id, -e.id) AND g.text = new.text)
		GROUP BY h;
END;

INSERT INTO event_word_groups (key, happening, text, n)
	SELECT MIN(CAST(replace(e.sort_start, '-', '') AS INTEGER) * 4294967296 + e.id), IIF(e.happening_id != 0, e.happening_id, -e.id) AS h, s.text, COUNT(*)
	FROM events e JOIN sentences s ON s.id = e.sentence_id WHERE e.sentence_id != 0
	GROUP BY h, s.text;
INSERT INTO event_words (event_words) VALUES ('optimize');
