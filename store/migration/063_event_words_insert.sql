-- 063_event_words_insert: a new report joins its group, or starts one,
-- looking the group up once. Migration 061's trigger updated the group
-- and then, to tell whether there was one, looked it up again (and the
-- report's sentence) in a NOT EXISTS; the UPDATE's change count says the
-- same (changes() inside a trigger counts the trigger's last statement,
-- not what the triggers it fired changed).
DROP TRIGGER events_words_ai;
CREATE TRIGGER events_words_ai AFTER INSERT ON events WHEN new.sentence_id != 0 BEGIN
	UPDATE event_word_groups SET n = n + 1, key = MIN(key, CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id)
		WHERE happening = IIF(new.happening_id != 0, new.happening_id, -new.id)
			AND text = (SELECT text FROM sentences WHERE id = new.sentence_id);
	INSERT INTO event_word_groups (key, happening, text, n)
		SELECT CAST(replace(new.sort_start, '-', '') AS INTEGER) * 4294967296 + new.id, IIF(new.happening_id != 0, new.happening_id, -new.id), s.text, 1
		FROM sentences s WHERE changes() = 0 AND s.id = new.sentence_id;
END;
