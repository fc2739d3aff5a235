package store

import (
	"context"
	"fmt"
)

// termTables are the temporary FTS5 table a write transaction counts
// the words of the sentences it adds and removes in, tokenized as
// sentences_fts tokenizes them, with no positions, and its vocabulary
// by instance: foldSentenceTerms adds each word's number of sentences
// to sentence_terms (migration 062) before the transaction commits.
const termTables = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_delta USING fts5 (text, content = '', detail = none, columnsize = 0,
		tokenize = 'unicode61 remove_diacritics 2');
	CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_delta_instance USING fts5vocab (temp, terms_delta, 'instance')`

// noteText counts the sentence text for sentence_terms: as added, just
// after it is inserted, or as removed, just before it is deleted. The
// transaction keeps the count by wording, so that a wording many
// sentences share (a story many feeds tell) is tokenized once, and one
// removed and added again (a reload) not at all.
func (tx *Tx) noteText(removed bool, text string) {
	if tx.termTexts == nil {
		tx.termTexts = map[string]int64{}
	}
	if removed {
		tx.termTexts[text]--
	} else {
		tx.termTexts[text]++
	}
}

// noteSentences counts the words of the sentences matching where (with
// args) for sentence_terms as removed, just before they are deleted.
func (tx *Tx) noteSentences(ctx context.Context, where string, args ...any) error {
	rows, err := tx.QueryContext(ctx, `SELECT text FROM sentences WHERE `+where, args...)
	if err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
		tx.noteText(true, text)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	return nil
}

// foldSentenceTerms adds the counts noteText gathered to sentence_terms
// and drops the words no sentence holds any longer. Each wording whose
// count changed is tokenized once, as a row of temp.terms_delta whose
// rowid carries the change: (i << 32 | n) for n sentences added, its
// negative for n removed. The table is emptied for the connection's
// next transaction.
func (tx *Tx) foldSentenceTerms(ctx context.Context) error {
	texts := tx.termTexts
	tx.termTexts = nil
	args := make([]any, 0, 2*len(texts))
	removed := false
	i := int64(0)
	for text, n := range texts {
		if n == 0 {
			continue
		}
		i++
		if n > 0 {
			args = append(args, i<<32|n, text)
		} else {
			args = append(args, -(i<<32 | -n), text)
			removed = true
		}
	}
	if len(args) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, termTables); err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	for len(args) > 0 {
		n := len(args) / 2
		for _, c := range rowChunks {
			if c <= n {
				n = c
				break
			}
		}
		if _, err := tx.ExecContext(ctx, rowsStatement(`temp.terms_delta (rowid, text)`, "", 2, n), args[:2*n]...); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
		args = args[2*n:]
	}
	qs := []string{
		`INSERT INTO sentence_terms (term, docs)
			SELECT term, SUM(IIF(doc > 0, doc & 4294967295, -(-doc & 4294967295))) AS d FROM temp.terms_delta_instance WHERE 1 GROUP BY term HAVING d != 0
			ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs`,
	}
	if removed {
		qs = append(qs, `DELETE FROM sentence_terms WHERE docs <= 0 AND term IN (SELECT term FROM temp.terms_delta_instance WHERE doc < 0)`)
	}
	qs = append(qs, `INSERT INTO temp.terms_delta (terms_delta) VALUES ('delete-all')`)
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
	}
	return nil
}

// idRange is the ids [from, to) of the rows of a table a transaction
// inserted and has yet to index at commit. A transaction's loads number
// their sentences, and their events, from one counter each, so what it
// inserted of either is one range.
type idRange struct{ from, to int64 }

// add extends r by the ids [from, to), inserted after those r holds.
func (r *idRange) add(from, to int64) {
	if from >= to {
		return
	}
	if r.to <= r.from {
		r.from = from
	}
	r.to = to
}

// take returns r's ids and empties it.
func (r *idRange) take() (from, to int64) {
	from, to = r.from, r.to
	*r = idRange{}
	return from, to
}

// indexSentences adds the sentences the transaction inserted to
// sentences_fts, in one statement (migration 066): FTS5 writes what it
// holds in memory as a new segment at every later write statement's
// savepoint, so a row per load would make a segment per load. It runs
// before the transaction commits and before it deletes sentences,
// whose trigger removes them from the index.
func (tx *Tx) indexSentences(ctx context.Context) error {
	from, to := tx.unindexed.take()
	if from >= to {
		return nil
	}
	// A database whose migrations stop before 066 (tests build them)
	// still indexes by trigger.
	if _, err := tx.ExecContext(ctx, `INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE id >= ? AND id < ?
		AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'sentences_ai') ORDER BY id`, from, to); err != nil {
		return fmt.Errorf("index sentences: %w", err)
	}
	return nil
}
