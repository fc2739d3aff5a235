package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Quote is a verbatim quote and who said it.
type Quote struct {
	ID int64 `json:"id"`
	// SpeakerID is the speaker's entity, or 0 when the speaker is not a
	// known entity; Speaker is the name as reported.
	SpeakerID int64  `json:"speaker_id,omitempty"`
	Speaker   string `json:"speaker"`
	Text      string `json:"text"`
	Date      string `json:"date"`
	// Start and End locate the quoted text in the source, SentenceStart
	// and SentenceEnd its sentence.
	Start         int        `json:"start"`
	End           int        `json:"end"`
	SentenceStart int        `json:"sentence_start"`
	SentenceEnd   int        `json:"sentence_end"`
	Source        *SourceRef `json:"source"`
}

// QuoteFilter selects quotes. Speaker is matched like EntityFilter.Name;
// Topic matches quotes whose sentence names the topic (as in EventFilter)
// or contains its words.
type QuoteFilter struct {
	Speaker string
	Topic   string
	Offset  int
	Limit   int
	// Guild names the view (see Visible).
	Guild string
}

// FindQuotes returns a page of the quotes matching f, newest first (then
// latest loaded), and
// how many match in all.
func (db *DB) FindQuotes(ctx context.Context, f QuoteFilter) ([]*Quote, int, error) {
	var qs []*Quote
	var n int
	err := db.readView(ctx, f.Guild, func(tx *Tx, v *view) error {
		qs, n = nil, 0
		var ids []int64
		speakerNorm := ""
		if strings.TrimSpace(f.Speaker) != "" {
			ents, _, err := findEntities(ctx, tx, v, EntityFilter{Name: f.Speaker, Limit: 20})
			if err != nil {
				return err
			}
			for _, e := range ents {
				ids = append(ids, e.ID)
			}
			speakerNorm = Norm(f.Speaker)
			if speakerNorm == "" {
				return nil
			}
		}
		var err error
		qs, n, err = findQuotes(ctx, tx, v, -1, ids, speakerNorm, f.Topic, f.Offset, f.Limit)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find quotes: %w", err)
	}
	return qs, n, nil
}

// findQuotes selects quotes by speaker entity ids or normalised speaker
// name (either matches; both empty means any speaker) and topic, from the
// sources the view v sees. hidden is how many of the matches the view
// does not see, when the caller knows (-1 when not).
func findQuotes(ctx context.Context, tx *Tx, v *view, hidden int, speakerIDs []int64, speakerNorm, topic string, offset, limit int) ([]*Quote, int, error) {
	limit = clampLimit(limit, 10)
	offset = max(offset, 0)
	var where []string
	var args []any
	if len(speakerIDs) > 0 || speakerNorm != "" {
		var or []string
		if len(speakerIDs) > 0 {
			or = append(or, `q.speaker_entity_id IN (`+placeholders(len(speakerIDs))+`)`)
			for _, id := range speakerIDs {
				args = append(args, id)
			}
		}
		if speakerNorm != "" {
			or = append(or, `(q.speaker_entity_id IS NULL AND (q.speaker_norm = ? OR q.speaker_norm LIKE ? ESCAPE '\'))`)
			args = append(args, speakerNorm, "% "+likeEscape(speakerNorm))
		}
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	if topic != "" {
		n, fq := Norm(topic), ftsQuery(topic)
		if n == "" || fq == "" {
			return nil, 0, nil
		}
		// A view that hides sources names the entities the topic names
		// by the names it sees.
		named := topicEntities
		namedArgs := []any{n, n, n, n}
		if v.scoped() {
			ids, _, _, err := topicEntityIDs(ctx, tx, v, n)
			if err != nil {
				return nil, 0, err
			}
			named = `SELECT value FROM json_each(?)`
			namedArgs = []any{jsonIDs(ids)}
		}
		where = append(where, `(EXISTS (SELECT 1 FROM mentions m WHERE m.source_id = q.source_id AND m.start >= q.sentence_start AND m.start < q.sentence_end
				AND m.entity_id IN (`+named+`))
			OR EXISTS (SELECT 1 FROM sentences st WHERE st.source_id = q.source_id AND st.start < q.sentence_end AND st."end" > q.sentence_start
				AND st.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)))`)
		args = append(append(args, namedArgs...), fq)
	}
	cond := "1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	var total int
	count := `SELECT COUNT(*) FROM quotes q WHERE ` + cond
	if len(speakerIDs) > 0 && speakerNorm == "" && topic == "" {
		// The speakers' quotes, as the loader counts them.
		count = `SELECT COALESCE(SUM(quote_count), 0) FROM entities WHERE id IN (` + placeholders(len(speakerIDs)) + `)`
	}
	if err := tx.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if v.scoped() && total > 0 {
		// The quotes of the sources the view does not see are counted
		// from those sources, and taken away: a famous speaker's count
		// comes from an index that does not know quotes' sources.
		if hidden < 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM quotes q INDEXED BY quotes_source WHERE `+v.hiddenSource("q.source_id")+` AND `+cond,
				args...).Scan(&hidden); err != nil {
				return nil, 0, err
			}
		}
		total = max(total-hidden, 0)
		cond += " AND " + v.probe("q.source_id")
	}
	if total == 0 || offset >= total {
		return nil, total, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT q.id, q.speaker_entity_id, COALESCE(en.name, q.speaker_name), q.text, q.date, q.start, q."end",
			q.sentence_start, q.sentence_end, s.id, s.name, s.title, s.url, s.published
		FROM quotes q JOIN sources s ON s.id = q.source_id LEFT JOIN entities en ON en.id = q.speaker_entity_id
		WHERE `+cond+` ORDER BY q.date DESC, q.id DESC LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Quote
	for rows.Next() {
		q := &Quote{Source: &SourceRef{}}
		var sp sql.NullInt64
		if err := rows.Scan(&q.ID, &sp, &q.Speaker, &q.Text, &q.Date, &q.Start, &q.End, &q.SentenceStart, &q.SentenceEnd,
			&q.Source.ID, &q.Source.Name, &q.Source.Title, &q.Source.URL, &q.Source.Published); err != nil {
			return nil, 0, err
		}
		q.SpeakerID = sp.Int64
		out = append(out, q)
	}
	return out, total, rows.Err()
}

// likeEscaper escapes LIKE's wildcards; a Replacer builds its tables on
// first use, once.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func likeEscape(s string) string {
	return likeEscaper.Replace(s)
}
