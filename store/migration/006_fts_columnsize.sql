-- 006_fts_columnsize: the full-text index without its per-row size table
-- (columnsize=0). Writing one %_docsize row per sentence was about a sixth
-- of a batch load's time; bm25 ranking now counts the tokens of the
-- matched rows it ranks instead, which /search bounds (rankWindow).
-- Phrase queries still work: positions are kept (detail=full).
--
-- FTS5 options are fixed at CREATE, so the table, its triggers and the
-- vocabulary table that reads it are made again and the index rebuilt
-- from sentences.
DROP TRIGGER sentences_ai;
DROP TRIGGER sentences_ad;
DROP TRIGGER sentences_au;
DROP TABLE sentences_vocab;
DROP TABLE sentences_fts;
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
	text,
	content = 'sentences',
	content_rowid = 'id',
	columnsize = 0,
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
	INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
	INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
	INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab (sentences_fts, 'row');
-- As in 002: loads commit one small segment per batch.
INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 16);
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
