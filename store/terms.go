package store

import (
	"context"
	"fmt"
)

// termTables are the temporary FTS5 tables a write transaction counts
// the words of the sentences it adds and removes in, tokenized as
// sentences_fts tokenizes them, with no positions: their vocabularies
// give each word's number of sentences, which foldSentenceTerms adds to
// sentence_terms (migration 062) before the transaction commits.
const termTables = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_added USING fts5 (text, content = '', detail = none, columnsize = 0,
		tokenize = 'unicode61 remove_diacritics 2');
	CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_added_vocab USING fts5vocab (temp, terms_added, 'row');
	CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_removed USING fts5 (text, content = '', detail = none, columnsize = 0,
		tokenize = 'unicode61 remove_diacritics 2');
	CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_removed_vocab USING fts5vocab (temp, terms_removed, 'row')`

// noteSentences counts the words of the sentences matching where (with
// args) for sentence_terms: as added, just after they are inserted, or
// as removed, just before they are deleted.
func (tx *Tx) noteSentences(ctx context.Context, removed bool, where string, args ...any) error {
	if !tx.terms {
		if _, err := tx.ExecContext(ctx, termTables); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
		tx.terms = true
	}
	table := "temp.terms_added"
	if removed {
		table = "temp.terms_removed"
	}
	// Contentless tables take their rowids from the caller: a count
	// kept by the transaction keeps them apart.
	// A load notes each source's sentences: the statement is prepared
	// once per transaction.
	res, err := tx.exec(ctx, `INSERT INTO `+table+` (rowid, text) SELECT ? + ROW_NUMBER() OVER (ORDER BY id), text FROM sentences WHERE `+where,
		append([]any{tx.termRows}, args...)...)
	if err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	tx.termRows += n
	return nil
}

// foldSentenceTerms adds the counts noteSentences gathered to
// sentence_terms, drops the words no sentence holds any longer, and
// empties the temporary tables for the connection's next transaction.
func (tx *Tx) foldSentenceTerms(ctx context.Context) error {
	if !tx.terms {
		return nil
	}
	for _, q := range []string{
		`INSERT INTO sentence_terms (term, docs) SELECT term, doc FROM temp.terms_added_vocab WHERE 1
			ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs`,
		`UPDATE sentence_terms SET docs = docs - (SELECT v.doc FROM temp.terms_removed_vocab v WHERE v.term = sentence_terms.term)
			WHERE term IN (SELECT term FROM temp.terms_removed_vocab)`,
		`DELETE FROM sentence_terms WHERE docs <= 0 AND term IN (SELECT term FROM temp.terms_removed_vocab)`,
		`INSERT INTO temp.terms_added (terms_added) VALUES ('delete-all')`,
		`INSERT INTO temp.terms_removed (terms_removed) VALUES ('delete-all')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
	}
	tx.terms, tx.termRows = false, 0
	return nil
}
