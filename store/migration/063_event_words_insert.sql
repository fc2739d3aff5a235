-- 063_event_words_insert: a new report joins its group, or starts one,
-- with less work. Migration 061's trigger set the group's count and key
-- in one UPDATE; assigning key, the rowid, makes SQLite delete and
-- insert the row and its index entry again even when it stays the same,
-- as it does unless the report comes before the group's first. Then, to
-- tell whether there was a group, it looked it up again (and the
-- report's sentence) in a NOT EXISTS. Now the count is updated in place,
-- the UPDATE's change count says whether to start a group (changes()
-- inside a trigger counts the trigger's last statement, not what the
-- triggers it fired changed), and the key moves only for a report that
-- comes first.
DROP TRIGGER events_words_ai;
CREATE TRIGGER events_words_ai AFTER INSERT ON events WHEN new.sentence_id != 0 BEGIN
	UPDATE event_word_groups SET n = n + 1
		WHERE happening = IIF(new.happening_id != 0, new.happening_id, -new.id)
			AND text = (SELECT text FROM sentences WHERE id = new.sentence_id);
	INSERT INTO event_word_groups (key, happening, text, n)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, IIF(new.happening_id != 0, new.happening_id, -new.id), s.text, 1
		FROM sentences s WHERE changes() = 0 AND s.id = new.sentence_id;
	UPDATE event_word_groups SET key = CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id
		WHERE happening = IIF(new.happening_id != 0, new.happening_id, -new.id)
			AND key > CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id
			AND text = (SELECT text FROM sentences WHERE id = new.sentence_id);
END;
