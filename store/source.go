package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"briefbot/extract"
)

// Load results recorded in sources.last_result.
const (
	ResultAdded     = "added"
	ResultChanged   = "changed"
	ResultUnchanged = "unchanged"
	ResultFailed    = "failed"
)

// SourceInput is one loaded source and what the extractor found in it.
type SourceInput struct {
	// Name identifies the source across reloads.
	Name string
	// Location is the path or URL it was loaded from; URL is the link
	// shown to users (the article's canonical URL), when known.
	Location string
	URL      string
	Title    string
	// Published is the publication date, YYYY-MM-DD; PublishedNote says
	// where it came from ("inferred from text", "load date").
	Published     string
	PublishedNote string
	// Origin says who asked for the source (OriginConfig, OriginBuiltin,
	// OriginDiscord, OriginAdhoc); a reload records the latest.
	Origin string
	// Text is the article text the offsets in Doc point into.
	Text string
	Doc  *extract.Document
	// Guild owns the source: "" for a global source (the configuration
	// file's, the command line's), else the guild it was added in, whose
	// view alone sees it (see Visible). It is stored when the source is
	// first loaded; later loads keep the stored owner.
	Guild string
}

// Origins of a source, recorded in sources.origin. Only config and
// built-in sources are removed when the config no longer names them;
// an empty origin (rows from before origins were kept) is never removed
// automatically.
const (
	OriginConfig  = "config"
	OriginBuiltin = "builtin"
	OriginDiscord = "discord"
	OriginAdhoc   = "adhoc"
)

// Hash returns the content hash LoadSource stores for in: the text with
// the title, publication date and URL, so that metadata edits count as
// changes. Loaders compare it with SourceHash to skip extraction.
func (in SourceInput) Hash() string {
	return Hash(in.Text, in.Title, in.Published, in.URL)
}

// LoadResult reports what LoadSource did.
type LoadResult struct {
	SourceID int64
	Name     string
	// Status is "added", "changed" or "unchanged".
	Status   string
	Entities int
	Events   int
	Quotes   int
	Mentions int
	// Skipped counts facts dropped because their offsets did not fit
	// the text, which would make them untraceable.
	Skipped int
	// Merged counts stored entities this source showed to be another's
	// name forms, folded into it.
	Merged int
}

// Source is a loaded (or failed) source with counts of its facts.
type Source struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Location      string `json:"location"`
	URL           string `json:"url,omitempty"`
	Title         string `json:"title"`
	Published     string `json:"published"`
	PublishedNote string `json:"published_note,omitempty"`
	ContentHash   string `json:"content_hash,omitempty"`
	Words         int    `json:"words"`
	LoadedAt      string `json:"loaded_at,omitempty"`
	LastAttemptAt string `json:"last_attempt_at,omitempty"`
	LastResult    string `json:"last_result"`
	LastError     string `json:"last_error,omitempty"`
	Origin        string `json:"origin,omitempty"`
	// Guild owns the source; "" for a global one (see Visible).
	Guild    string `json:"guild,omitempty"`
	Entities int    `json:"entities"`
	Events   int    `json:"events"`
	Quotes   int    `json:"quotes"`
	Mentions int    `json:"mentions"`
}

// SourceHash returns the content hash stored for the named source; ok is
// false when the source is unknown or has never loaded successfully.
func (db *DB) SourceHash(ctx context.Context, name string) (hash string, ok bool, err error) {
	err = db.rdb.QueryRowContext(ctx, `SELECT content_hash FROM sources WHERE name = ?`, name).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	} else if err != nil {
		return "", false, fmt.Errorf("source hash: %w", err)
	}
	return hash, hash != "", nil
}

// LoadSource stores in and its facts in one transaction, replacing the
// facts of a previous load of the same name. When the content hash is
// unchanged it writes nothing but the attempt time and returns status
// "unchanged". If anything fails (including ctx being cancelled) the
// transaction rolls back and the previous facts stay as they were.
func (db *DB) LoadSource(ctx context.Context, in SourceInput) (*LoadResult, error) {
	if strings.TrimSpace(in.Name) == "" {
		return nil, fmt.Errorf("load source: %w: name required", ErrInvalid)
	}
	if in.Doc == nil {
		in.Doc = &extract.Document{}
	}
	tx, err := db.beginLoad(ctx)
	if err != nil {
		return nil, fmt.Errorf("load source %s: %w", in.Name, err)
	}
	defer tx.Rollback()
	res, err := loadSource(statementContext(ctx), tx, in)
	if err != nil {
		return nil, fmt.Errorf("load source %s: %w", in.Name, loadError(ctx, err))
	}
	if tx.loader != nil {
		tx.loader.ctx = ctx // the commit's statements may be long: ctx interrupts them
	}
	if err := tx.commitWrite(); err != nil {
		return nil, fmt.Errorf("load source %s: %w", in.Name, err)
	}
	return res, nil
}

// LoadSources stores several sources in one transaction, as LoadSource
// does each: all of them or, on an error, none. Loading many articles at
// once this way is several times faster than one transaction each, since
// the full-text index and the WAL are written once per batch.
func (db *DB) LoadSources(ctx context.Context, ins []SourceInput) ([]*LoadResult, error) {
	for i := range ins {
		if strings.TrimSpace(ins[i].Name) == "" {
			return nil, fmt.Errorf("load sources: %w: name required", ErrInvalid)
		}
		if ins[i].Doc == nil {
			ins[i].Doc = &extract.Document{}
		}
	}
	tx, err := db.beginLoad(ctx)
	if err != nil {
		return nil, fmt.Errorf("load sources: %w", err)
	}
	defer tx.Rollback()
	out := make([]*LoadResult, 0, len(ins))
	sctx := statementContext(ctx)
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load sources: %w", err)
		}
		res, err := loadSource(sctx, tx, in)
		if err != nil {
			return nil, fmt.Errorf("load source %s: %w", in.Name, loadError(ctx, err))
		}
		out = append(out, res)
	}
	if tx.loader != nil {
		tx.loader.ctx = ctx // the commit's statements may be long: ctx interrupts them
	}
	if err := tx.commitWrite(); err != nil {
		return nil, fmt.Errorf("load sources: %w", err)
	}
	return out, nil
}

// statementContext is the context a load runs its statements with: ctx
// without its cancellation. The driver watches a cancellable context on
// every statement (it runs the statement on a goroutine of its own and
// waits for either), which for `briefbot ingest`, whose context Ctrl-C
// cancels, was a goroutine and a channel for each of a load's some 50
// statements per article. A load's statements are short; cancelling ctx
// still ends the load: the transaction, begun with ctx, rolls back when
// ctx is done (database/sql may close the load's connection too), so
// the next statement fails, loadError then reports ctx's error, and so
// does the commit, which runs with ctx.
func statementContext(ctx context.Context) context.Context {
	if ctx.Done() == nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// loadError is the error to report for err, which a load run with
// statementContext(ctx) returned: ctx's own when ctx is done, as a
// statement run with ctx would have returned.
func loadError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && (errors.Is(err, sql.ErrTxDone) || errors.Is(err, sql.ErrConnDone)) {
		return cerr
	}
	return err
}

// loadHook, when set by tests, is called between the steps of a load; an
// error it returns aborts the load as a crash would.
var loadHook func(step string) error

func hook(step string) error {
	if loadHook != nil {
		return loadHook(step)
	}
	return nil
}

func loadSource(ctx context.Context, tx *Tx, in SourceInput) (*LoadResult, error) {
	hash := in.Hash()
	now := formatTime(tx.now)
	res := &LoadResult{Name: in.Name}

	var oldHash, guild, loadedAt string
	err := tx.QueryRowContext(ctx, `SELECT id, content_hash, guild_id, loaded_at FROM sources WHERE name = ?`, in.Name).Scan(&res.SourceID, &oldHash, &guild, &loadedAt)
	if errors.Is(err, sql.ErrNoRows) || err == nil && loadedAt == "" {
		// A source takes its owner when it is first loaded (a failed
		// attempt leaves a row without facts); later loads keep it.
		guild = in.Guild
	}
	if err := checkGuild(guild); err != nil {
		return nil, err
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res.Status = ResultAdded
	case err != nil:
		return nil, err
	case oldHash == hash:
		res.Status = ResultUnchanged
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET last_attempt_at = ?, last_result = ?, last_error = '',
			origin = CASE WHEN ? = '' THEN origin ELSE ? END WHERE id = ?`, now, ResultUnchanged, in.Origin, in.Origin, res.SourceID); err != nil {
			return nil, err
		}
		err := tx.QueryRowContext(ctx, `SELECT entity_count, event_count, quote_count, mention_count FROM sources WHERE id = ?`, res.SourceID).
			Scan(&res.Entities, &res.Events, &res.Quotes, &res.Mentions)
		return res, err
	default:
		res.Status = ResultChanged
	}

	if res.Status == ResultAdded {
		r, err := tx.ExecContext(ctx, `INSERT INTO sources (name, location, url, title, published, published_note, content_hash, text, words, loaded_at, last_attempt_at, last_result, origin, guild_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Name, in.Location, in.URL, in.Title, in.Published, in.PublishedNote, hash, in.Text, words(in.Text), now, now, ResultAdded, in.Origin, guild)
		if err != nil {
			return nil, err
		}
		if res.SourceID, err = r.LastInsertId(); err != nil {
			return nil, err
		}
	} else {
		if err := deleteFacts(ctx, tx, res.SourceID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET location = ?, url = ?, title = ?, published = ?, published_note = ?, content_hash = ?, text = ?, words = ?,
			loaded_at = ?, last_attempt_at = ?, last_result = ?, last_error = '', origin = CASE WHEN ? = '' THEN origin ELSE ? END, guild_id = ? WHERE id = ?`,
			in.Location, in.URL, in.Title, in.Published, in.PublishedNote, hash, in.Text, words(in.Text), now, now, ResultChanged, in.Origin, in.Origin, guild, res.SourceID); err != nil {
			return nil, err
		}
	}
	tx.ownSource(res.SourceID, guild)
	if err := hook("source"); err != nil {
		return nil, err
	}
	if err := insertFacts(ctx, tx, res, in, guild); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sources SET entity_count = ?, event_count = ?, quote_count = ?, mention_count = ? WHERE id = ?`,
		res.Entities, res.Events, res.Quotes, res.Mentions, res.SourceID); err != nil {
		return nil, err
	}
	return res, nil
}

// leadMinBytes is how long a sentence must be to be an article's lead
// rather than its title or dateline.
const leadMinBytes = 40

// leadEnd is the offset where an article's lead ends: its first sentence
// of leadMinBytes or more, with the title and dateline lines before it.
func leadEnd(doc *extract.Document) int {
	for _, s := range doc.Sentences {
		if s.End-s.Start >= leadMinBytes {
			return s.End
		}
	}
	if n := len(doc.Sentences); n > 0 {
		return doc.Sentences[n-1].End
	}
	return 0
}

// deleteFacts removes every fact of a source (not the source row) and
// then the entities no other source refers to.
func deleteFacts(ctx context.Context, tx *Tx, sourceID int64) error {
	tx.deleted = true
	// The sentences' delete trigger takes them out of sentences_fts,
	// which must hold them by then.
	if err := tx.indexSentences(ctx); err != nil {
		return err
	}
	// The reports' delete trigger takes them out of event_word_groups,
	// which must hold them by then too.
	if err := tx.indexEventWords(ctx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE entities SET
			mention_count = mention_count - (SELECT mentions FROM entity_sources WHERE entity_id = entities.id AND source_id = ?1),
			event_count = event_count - (SELECT events FROM entity_sources WHERE entity_id = entities.id AND source_id = ?1),
			source_count = source_count - 1
		WHERE id IN (SELECT entity_id FROM entity_sources WHERE source_id = ?1)`, sourceID); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT entity_id FROM aliases WHERE source_id = ?1
		UNION SELECT entity_id FROM entity_sources WHERE source_id = ?1`, sourceID)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	happenings, err := sourceHappenings(ctx, tx, sourceID)
	if err != nil {
		return err
	}
	if err := forgetGuildParts(ctx, tx, sourceID); err != nil {
		return err
	}
	// Its sentences' words no longer count (sentence_terms).
	if err := tx.noteSentences(ctx, `source_id = ?`, sourceID); err != nil {
		return err
	}
	for _, q := range []string{
		`UPDATE entity_names SET uses = uses - 1 WHERE (entity_id, norm) IN (SELECT entity_id, norm FROM aliases WHERE source_id = ?1)`,
		`DELETE FROM entity_names WHERE (entity_id, norm) IN (SELECT entity_id, norm FROM aliases WHERE source_id = ?1) AND uses <= 0`,
		`UPDATE entity_place_names SET uses = uses - 1 WHERE (entity_id, place_norm) IN (SELECT entity_id, place_norm FROM entity_places WHERE source_id = ?1)`,
		`DELETE FROM entity_place_names WHERE (entity_id, place_norm) IN (SELECT entity_id, place_norm FROM entity_places WHERE source_id = ?1) AND uses <= 0`,
		`DELETE FROM event_entities WHERE event_id IN (SELECT id FROM events WHERE source_id = ?)`,
		`DELETE FROM events WHERE source_id = ?`,
		`DELETE FROM quotes WHERE source_id = ?`,
		`DELETE FROM mentions WHERE source_id = ?`,
		`DELETE FROM aliases WHERE source_id = ?`,
		`DELETE FROM entity_places WHERE source_id = ?`,
		`DELETE FROM roles WHERE source_id = ?`,
		`DELETE FROM entity_sources WHERE source_id = ?`,
		`DELETE FROM sentences WHERE source_id = ?`,
		`DELETE FROM source_topics WHERE source_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, sourceID); err != nil {
			return err
		}
	}
	// The happenings it told lose its reports.
	if err := refreshHappenings(ctx, tx, happenings, nil); err != nil {
		return err
	}
	if err := gcEntities(ctx, tx, ids); err != nil {
		return err
	}
	for chunk := range chunks(ids, 500) {
		if err := refreshGuildCanon(ctx, tx, placeholders(len(chunk)), idArgs(chunk)...); err != nil {
			return err
		}
	}
	return nil
}

// gcEntities deletes those of ids that no source names any more (every
// entity a load touches gets an entity_sources row); their roles, places
// and event links go with them by cascade.
func gcEntities(ctx context.Context, tx *Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `DELETE FROM entities WHERE id = ?1
		AND NOT EXISTS (SELECT 1 FROM entity_sources WHERE entity_id = ?1)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// RecordFailure notes that loading the named source, of the given origin,
// failed. Facts of an earlier successful load are kept; a configured
// source never loaded gets a row without facts so that /sources shows the
// failure. The row of a source never loaded is global; RecordGuildFailure
// records one for a guild.
func (db *DB) RecordFailure(ctx context.Context, name, location, origin string, loadErr error) error {
	return db.RecordGuildFailure(ctx, "", name, location, origin, loadErr)
}

// RecordGuildFailure is RecordFailure for a source of guild: a source
// never loaded gets a row that only that guild's view sees (see
// Visible), as its first successful load would; a known source keeps its
// owner.
func (db *DB) RecordGuildFailure(ctx context.Context, guild, name, location, origin string, loadErr error) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("record failure: %w: name required", ErrInvalid)
	}
	if err := checkGuild(guild); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	msg := "unknown error"
	if loadErr != nil {
		msg = loadErr.Error()
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	defer tx.Rollback()
	now := formatTime(tx.now)
	if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, location, last_attempt_at, last_result, last_error, origin, guild_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
		ON CONFLICT (name) DO UPDATE SET last_attempt_at = ?3, last_result = ?4, last_error = ?5,
			location = CASE WHEN ?2 = '' THEN location ELSE ?2 END,
			origin = CASE WHEN ?6 = '' THEN origin ELSE ?6 END`,
		name, location, now, ResultFailed, msg, origin, guild); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	return nil
}

// RemoveSource deletes the named source and its facts, and the entities
// that were known only from it.
func (db *DB) RemoveSource(ctx context.Context, name string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE name = ?`, name).Scan(&id); errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("remove source %s: %w", name, ErrNotFound)
	} else if err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	if err := deleteFacts(ctx, tx, id); err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id); err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	return nil
}

// FindSources returns every source of every guild, by name, with counts
// of its facts and the outcome of its last load: the administration's
// list. Commands list a view's with FindSourcesIn.
func (db *DB) FindSources(ctx context.Context) ([]*Source, error) {
	return db.findSources(ctx, "1")
}

// FindSourcesIn returns the sources the view of guild sees (see Visible),
// as FindSources does.
func (db *DB) FindSourcesIn(ctx context.Context, guild string) ([]*Source, error) {
	if err := checkGuild(guild); err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	return db.findSources(ctx, `s.guild_id IN ('', `+(&view{guild: guild}).literal()+`)`)
}

func (db *DB) findSources(ctx context.Context, cond string) ([]*Source, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.location, s.url, s.title, s.published, s.published_note, s.content_hash, s.words,
			s.loaded_at, s.last_attempt_at, s.last_result, s.last_error, s.origin, s.guild_id,
			s.entity_count, s.event_count, s.quote_count, s.mention_count
		FROM sources s WHERE `+cond+` ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer rows.Close()
	var out []*Source
	for rows.Next() {
		s := &Source{}
		if err := rows.Scan(&s.ID, &s.Name, &s.Location, &s.URL, &s.Title, &s.Published, &s.PublishedNote, &s.ContentHash, &s.Words,
			&s.LoadedAt, &s.LastAttemptAt, &s.LastResult, &s.LastError, &s.Origin, &s.Guild, &s.Entities, &s.Events, &s.Quotes, &s.Mentions); err != nil {
			return nil, fmt.Errorf("find sources: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	return out, nil
}

// SourceText returns the stored text of a source, to quote facts in
// context.
func (db *DB) SourceText(ctx context.Context, id int64) (string, error) {
	var text string
	err := db.rdb.QueryRowContext(ctx, `SELECT text FROM sources WHERE id = ?`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("source text: %w", ErrNotFound)
	} else if err != nil {
		return "", fmt.Errorf("source text: %w", err)
	}
	return text, nil
}

// HasSources reports whether any source is stored: one index probe,
// whatever the number of sources, so that a command's start-up check
// costs the same at 100,000 articles as at one.
func (db *DB) HasSources(ctx context.Context) (bool, error) {
	var ok bool
	if err := db.rdb.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sources)`).Scan(&ok); err != nil {
		return false, fmt.Errorf("has sources: %w", err)
	}
	return ok, nil
}
