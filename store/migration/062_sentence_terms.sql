-- 062_sentence_terms: how many sentences hold each word sentences_fts
-- indexes. A timeline's "About N events" adds the sentences holding the
-- topic's rarest word, read from sentences_vocab, which walks the word's
-- postings: 1.5 ms for "general motors" on 100,000 articles, half the
-- page. sentence_terms keeps the same counts: a write transaction
-- tokenizes the sentences it adds and removes with the same tokenizer
-- (temporary FTS5 tables, see store.Tx.noteSentences) and adds their
-- counts here before it commits.
CREATE TABLE sentence_terms (
	term TEXT PRIMARY KEY,
	docs INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO sentence_terms (term, docs) SELECT term, doc FROM sentences_vocab;
