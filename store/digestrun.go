package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Digest run statuses.
const (
	RunPending = "pending"
	RunPosted  = "posted"
	RunSkipped = "skipped"
	RunFailed  = "failed"
)

// Digest schedule statuses.
const (
	ScheduleOK      = "ok"
	ScheduleFailing = "failing"
)

// DigestSchedule is when and where a channel gets its digest. Clock,
// TimeZone and Days are stored as the digest package parsed them.
type DigestSchedule struct {
	ChannelID string `json:"channel_id"`
	GuildID   string `json:"guild_id,omitempty"`
	Clock     string `json:"clock"`
	TimeZone  string `json:"time_zone"`
	Days      string `json:"days"`
	// PostEmpty posts a one-line "nothing new" when there is nothing new;
	// otherwise the digest is skipped silently.
	PostEmpty bool `json:"post_empty,omitempty"`
	// Status is "ok" or "failing"; a failing schedule (the channel refused
	// a post) is not retried until its next due time.
	Status     string    `json:"status"`
	FailReason string    `json:"fail_reason,omitempty"`
	FailedAt   time.Time `json:"failed_at,omitzero"`
	// Watermark is the content cut of the last successful digest: sources
	// loaded at or after it are new. Zero until the first digest.
	Watermark     time.Time `json:"watermark,omitzero"`
	LastPostedAt  time.Time `json:"last_posted_at,omitzero"`
	LastMessageID string    `json:"last_message_id,omitempty"`
	CreatedBy     string    `json:"created_by,omitempty"`
	CreatedAt     time.Time `json:"created_at,omitzero"`
	UpdatedAt     time.Time `json:"updated_at,omitzero"`
}

// DigestRun is one digest of a channel for one due time: recorded with its
// content before it is posted, so that a restart re-posts the same message
// with the same nonce instead of building a second one.
type DigestRun struct {
	ID        int64
	ChannelID string
	Due       time.Time
	// Manual runs were asked for by an admin (/admin digest now).
	Manual bool
	Status string
	// Since and Cut bound the load times of the sources the digest drew
	// on; a posted run moves the schedule's watermark to Cut.
	Since, Cut time.Time
	// Content is the rendered message (JSON, the digest package's).
	Content string
	// Keys are the content keys of every item the digest covers.
	Keys      []string
	Items     int
	Nonce     string
	MessageID string
	Error     string
	Attempts  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// PutDigestSchedule creates or replaces the schedule of s.ChannelID. A
// replaced schedule keeps its watermark (what was posted stays posted)
// but loses its failing status: an admin setting it again is the signal
// to try again.
func (db *DB) PutDigestSchedule(ctx context.Context, s *DigestSchedule) error {
	if s.ChannelID == "" || s.Clock == "" || s.TimeZone == "" || s.Days == "" {
		return fmt.Errorf("put digest schedule: %w: channel, time, time zone and days required", ErrInvalid)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("put digest schedule: %w", err)
	}
	defer tx.Rollback()
	now := formatTime(tx.now)
	if _, err := tx.ExecContext(ctx, `INSERT INTO digest_schedules (channel_id, guild_id, clock, time_zone, days, post_empty, status, created_by, created_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'ok', ?7, ?8, ?8)
		ON CONFLICT (channel_id) DO UPDATE SET guild_id = ?2, clock = ?3, time_zone = ?4, days = ?5, post_empty = ?6,
			status = 'ok', fail_reason = '', failed_at = '', updated_at = ?8`,
		s.ChannelID, s.GuildID, s.Clock, s.TimeZone, s.Days, s.PostEmpty, s.CreatedBy, now); err != nil {
		return fmt.Errorf("put digest schedule: %w", err)
	}
	got, err := digestSchedule(ctx, tx, s.ChannelID)
	if err != nil {
		return fmt.Errorf("put digest schedule: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("put digest schedule: %w", err)
	}
	*s = *got
	return nil
}

// DeleteDigestSchedule removes the schedule of a channel. The items the
// channel was shown are kept, so a schedule set again later does not
// repeat them.
func (db *DB) DeleteDigestSchedule(ctx context.Context, channelID string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("delete digest schedule: %w", err)
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `DELETE FROM digest_schedules WHERE channel_id = ?`, channelID)
	if err != nil {
		return fmt.Errorf("delete digest schedule: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("delete digest schedule: %w: no digest in channel %s", ErrNotFound, channelID)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("delete digest schedule: %w", err)
	}
	return nil
}

// DigestSchedule returns the schedule of a channel, or ErrNotFound.
func (db *DB) DigestSchedule(ctx context.Context, channelID string) (*DigestSchedule, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest schedule: %w", err)
	}
	defer tx.Rollback()
	s, err := digestSchedule(ctx, tx, channelID)
	if err != nil {
		return nil, fmt.Errorf("digest schedule: %w", err)
	}
	return s, nil
}

// FindDigestSchedules returns every schedule, by channel id.
func (db *DB) FindDigestSchedules(ctx context.Context) ([]*DigestSchedule, error) {
	rows, err := db.rdb.QueryContext(ctx, `SELECT `+scheduleCols+` FROM digest_schedules ORDER BY channel_id`)
	if err != nil {
		return nil, fmt.Errorf("find digest schedules: %w", err)
	}
	defer rows.Close()
	var out []*DigestSchedule
	for rows.Next() {
		s, err := scanSchedule(rows)
		if err != nil {
			return nil, fmt.Errorf("find digest schedules: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find digest schedules: %w", err)
	}
	return out, nil
}

const scheduleCols = `channel_id, guild_id, clock, time_zone, days, post_empty, status, fail_reason, failed_at,
	watermark, last_posted_at, last_message_id, created_by, created_at, updated_at`

func scanSchedule(r interface{ Scan(...any) error }) (*DigestSchedule, error) {
	var s DigestSchedule
	var failedAt, watermark, lastPosted, created, updated string
	if err := r.Scan(&s.ChannelID, &s.GuildID, &s.Clock, &s.TimeZone, &s.Days, &s.PostEmpty, &s.Status, &s.FailReason, &failedAt,
		&watermark, &lastPosted, &s.LastMessageID, &s.CreatedBy, &created, &updated); err != nil {
		return nil, err
	}
	s.FailedAt, s.Watermark, s.LastPostedAt = parseTime(failedAt), parseTime(watermark), parseTime(lastPosted)
	s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(updated)
	return &s, nil
}

func digestSchedule(ctx context.Context, tx *Tx, channelID string) (*DigestSchedule, error) {
	s, err := scanSchedule(tx.QueryRowContext(ctx, `SELECT `+scheduleCols+` FROM digest_schedules WHERE channel_id = ?`, channelID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: no digest in channel %s", ErrNotFound, channelID)
	}
	return s, err
}

const runCols = `id, channel_id, due, manual, status, since, cut, content, item_keys, items, nonce, message_id, error, attempts, created_at, updated_at`

func scanRun(r interface{ Scan(...any) error }) (*DigestRun, error) {
	var run DigestRun
	var due, since, cut, keys, created, updated string
	if err := r.Scan(&run.ID, &run.ChannelID, &due, &run.Manual, &run.Status, &since, &cut, &run.Content, &keys, &run.Items,
		&run.Nonce, &run.MessageID, &run.Error, &run.Attempts, &created, &updated); err != nil {
		return nil, err
	}
	run.Due, run.Since, run.Cut = parseTime(due), parseTime(since), parseTime(cut)
	run.CreatedAt, run.UpdatedAt = parseTime(created), parseTime(updated)
	if keys != "" {
		run.Keys = strings.Split(keys, "\n")
	}
	return &run, nil
}

// DigestRun returns the run of a channel for a due time, or ErrNotFound.
func (db *DB) DigestRun(ctx context.Context, channelID string, due time.Time) (*DigestRun, error) {
	run, err := scanRun(db.rdb.QueryRowContext(ctx, `SELECT `+runCols+` FROM digest_runs WHERE channel_id = ? AND due = ?`, channelID, formatTime(due)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("digest run: %w", ErrNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("digest run: %w", err)
	}
	return run, nil
}

// DigestRunFilter selects digest runs.
type DigestRunFilter struct {
	ChannelID string
	Status    string
	Limit     int
}

// FindDigestRuns returns runs matching f, newest due time first.
func (db *DB) FindDigestRuns(ctx context.Context, f DigestRunFilter) ([]*DigestRun, error) {
	q := `SELECT ` + runCols + ` FROM digest_runs WHERE (?1 = '' OR channel_id = ?1) AND (?2 = '' OR status = ?2) ORDER BY due DESC, id DESC LIMIT ?3`
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.rdb.QueryContext(ctx, q, f.ChannelID, f.Status, limit)
	if err != nil {
		return nil, fmt.Errorf("find digest runs: %w", err)
	}
	defer rows.Close()
	var out []*DigestRun
	for rows.Next() {
		run, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("find digest runs: %w", err)
		}
		out = append(out, run)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find digest runs: %w", err)
	}
	return out, nil
}

// CreateDigestRun records a run before it is posted. It returns
// ErrConflict when the channel already has a run for that due time, which
// is how two wakeups for the same digest are told apart from two digests.
func (db *DB) CreateDigestRun(ctx context.Context, run *DigestRun) error {
	if run.ChannelID == "" || run.Due.IsZero() || run.Status == "" {
		return fmt.Errorf("create digest run: %w: channel, due time and status required", ErrInvalid)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("create digest run: %w", err)
	}
	defer tx.Rollback()
	now := formatTime(tx.now)
	r, err := tx.ExecContext(ctx, `INSERT INTO digest_runs (channel_id, due, manual, status, since, cut, content, item_keys, items, nonce, error, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, due) DO NOTHING`,
		run.ChannelID, formatTime(run.Due), run.Manual, run.Status, formatTime(run.Since), formatTime(run.Cut), run.Content,
		strings.Join(run.Keys, "\n"), run.Items, run.Nonce, run.Error, now, now)
	if err != nil {
		return fmt.Errorf("create digest run: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("create digest run: %w: channel %s already has a digest due %s", ErrConflict, run.ChannelID, formatTime(run.Due))
	}
	if run.ID, err = r.LastInsertId(); err != nil {
		return fmt.Errorf("create digest run: %w", err)
	}
	if run.Status == RunSkipped {
		if err := advance(ctx, tx, run.ChannelID, run.Cut, time.Time{}, ""); err != nil {
			return fmt.Errorf("create digest run: %w", err)
		}
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("create digest run: %w", err)
	}
	run.CreatedAt, run.UpdatedAt = tx.now, tx.now
	return nil
}

// advance moves a schedule's watermark forward to cut (never back) and,
// when a message was posted, records it; either way the schedule is no
// longer failing.
func advance(ctx context.Context, tx *Tx, channelID string, cut, postedAt time.Time, messageID string) error {
	_, err := tx.ExecContext(ctx, `UPDATE digest_schedules SET
			watermark = CASE WHEN ?2 > watermark THEN ?2 ELSE watermark END,
			last_posted_at = CASE WHEN ?3 != '' THEN ?3 ELSE last_posted_at END,
			last_message_id = CASE WHEN ?4 != '' THEN ?4 ELSE last_message_id END,
			status = 'ok', fail_reason = '', failed_at = ''
		WHERE channel_id = ?1`, channelID, formatTime(cut), formatTime(postedAt), messageID)
	return err
}

// MarkDigestPosted records that a run's message was posted: in one
// transaction it stores the message id, marks every item of the run as
// shown in the channel and moves the schedule's watermark to the run's
// cut. Marking a run posted twice is harmless.
func (db *DB) MarkDigestPosted(ctx context.Context, runID int64, messageID string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	defer tx.Rollback()
	run, err := scanRun(tx.QueryRowContext(ctx, `SELECT `+runCols+` FROM digest_runs WHERE id = ?`, runID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("mark digest posted: %w: run %d", ErrNotFound, runID)
	} else if err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	if run.Status == RunPosted {
		return nil
	}
	now := formatTime(tx.now)
	if _, err := tx.ExecContext(ctx, `UPDATE digest_runs SET status = 'posted', message_id = ?, error = '', updated_at = ? WHERE id = ?`,
		messageID, now, runID); err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	if err := markPosted(ctx, tx, run.ChannelID, runID, run.Keys); err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	if err := advance(ctx, tx, run.ChannelID, run.Cut, tx.now, messageID); err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("mark digest posted: %w", err)
	}
	return nil
}

func markPosted(ctx context.Context, tx *Tx, channelID string, runID int64, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO digest_posted (channel_id, item_key, run_id) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, k := range keys {
		if _, err := stmt.ExecContext(ctx, channelID, k, runID); err != nil {
			return err
		}
	}
	return nil
}

// MarkDigestSkipped closes a run without a message: nothing was new, or
// it was due too long ago to post. advanceWatermark moves the watermark
// to the run's cut, for runs whose content was looked at and found empty.
func (db *DB) MarkDigestSkipped(ctx context.Context, runID int64, reason string, advanceWatermark bool) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("mark digest skipped: %w", err)
	}
	defer tx.Rollback()
	var channelID, cut string
	err = tx.QueryRowContext(ctx, `SELECT channel_id, cut FROM digest_runs WHERE id = ?`, runID).Scan(&channelID, &cut)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("mark digest skipped: %w: run %d", ErrNotFound, runID)
	} else if err != nil {
		return fmt.Errorf("mark digest skipped: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE digest_runs SET status = 'skipped', error = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
		reason, formatTime(tx.now), runID); err != nil {
		return fmt.Errorf("mark digest skipped: %w", err)
	}
	if advanceWatermark {
		if err := advance(ctx, tx, channelID, parseTime(cut), time.Time{}, ""); err != nil {
			return fmt.Errorf("mark digest skipped: %w", err)
		}
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("mark digest skipped: %w", err)
	}
	return nil
}

// MarkDigestFailed records a failed attempt to post a run. A permanent
// failure (the channel is gone or refuses the bot) closes the run and
// marks the schedule failing with the reason, so that it is not retried
// until its next due time or an admin sets it again; a transient one
// leaves the run pending for a retry and counts the attempt.
func (db *DB) MarkDigestFailed(ctx context.Context, runID int64, reason string, permanent bool) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("mark digest failed: %w", err)
	}
	defer tx.Rollback()
	var channelID string
	err = tx.QueryRowContext(ctx, `SELECT channel_id FROM digest_runs WHERE id = ?`, runID).Scan(&channelID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("mark digest failed: %w: run %d", ErrNotFound, runID)
	} else if err != nil {
		return fmt.Errorf("mark digest failed: %w", err)
	}
	now := formatTime(tx.now)
	status := RunPending
	if permanent {
		status = RunFailed
	}
	if _, err := tx.ExecContext(ctx, `UPDATE digest_runs SET status = ?, error = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'`,
		status, reason, now, runID); err != nil {
		return fmt.Errorf("mark digest failed: %w", err)
	}
	if permanent {
		if _, err := tx.ExecContext(ctx, `UPDATE digest_schedules SET status = 'failing', fail_reason = ?, failed_at = ? WHERE channel_id = ?`,
			reason, now, channelID); err != nil {
			return fmt.Errorf("mark digest failed: %w", err)
		}
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("mark digest failed: %w", err)
	}
	return nil
}

// DigestItemKey returns the content key under which a channel remembers
// an item it was shown: a hash of the item's kind, its date value and its
// text reduced to lower-case letters and digits (accents folded,
// whitespace and punctuation dropped). A reloaded article gives its facts
// new ids but the same keys, and an edit elsewhere in the article, or a
// change of spacing or punctuation, leaves an unchanged event's key as it
// was; changing a word of the event's own text makes it a new item. For
// quotes the text is speaker and quote.
func DigestItemKey(kind, date string, text ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(date))
	for _, t := range text {
		h.Write([]byte{0})
		h.Write([]byte(alnum(t)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func alnum(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// DigestItem is a candidate for a digest: a dated event, or a quote that
// stands outside any event, from a source loaded since the watermark.
type DigestItem struct {
	// Kind is "event" or "quote".
	Kind string
	// Key is the item's content key (DigestItemKey).
	Key       string
	ID        int64
	Date      string
	Precision string
	SortStart string
	SortEnd   string
	// Text is the event's summary, or the quote.
	Text    string
	Speaker string
	// SentIndex is the position of the event's sentence in its article
	// (0 is the lead); -1 when unknown.
	SentIndex int
	Start     int
	// People, Orgs and Places are the participants' names by kind.
	People, Orgs, Places []string
	// HasQuote is set for an event whose sentence carries a quote.
	HasQuote bool
	// OtherSources counts the other sources, loaded at any time, that
	// report an event of the same date with a person or organisation in
	// common.
	OtherSources int
	// HappeningID is the merged event an event item reports, whose date,
	// wording and source count (Sources) the item shows; HappeningKey
	// is its content key, so that a channel shown a happening is not
	// shown it again when more sources report it.
	HappeningID  int64
	Sources      int
	HappeningKey string
	// Disputed is set when the happening's sources differ on its date or
	// a figure (/conflicts lists how).
	Disputed bool
	Source   SourceRef
	LoadedAt time.Time
}

// DigestItemFilter selects digest candidates: items from sources loaded at or
// after Since, minus the items ChannelID was already shown.
type DigestItemFilter struct {
	ChannelID string
	Since     time.Time
	// Published (YYYY-MM-DD), when set, keeps the sources published on
	// or after that day (and those with no date): an old article loaded
	// today is not today's news.
	Published string
	// Guild names the view (see Visible): a schedule's digest reads its
	// guild's.
	Guild string
}

// FindDigestItems returns the candidates of a channel's next digest, in
// source and text order, reading one snapshot. Items whose content key the
// channel has already been shown are left out, as are duplicates within
// the candidates (an article loaded under two names).
func (db *DB) FindDigestItems(ctx context.Context, f DigestItemFilter) ([]*DigestItem, error) {
	var items []*DigestItem
	err := db.readView(ctx, f.Guild, func(tx *Tx, v *view) (err error) {
		items, err = findDigestItems(ctx, tx, v, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find digest items: %w", err)
	}
	return items, nil
}

// newSourcesIn is the CTE of the sources the view v sees loaded at or
// after ?1.
func newSourcesIn(v *view) string {
	return `WITH ns AS MATERIALIZED (SELECT id FROM sources WHERE loaded_at >= ?1 AND loaded_at != ''
	AND (?2 = '' OR published = '' OR substr(published, 1, 10) >= ?2) AND ` + v.keep("id") + `) `
}

func findDigestItems(ctx context.Context, tx *Tx, v *view, f DigestItemFilter) ([]*DigestItem, error) {
	since := formatTime(f.Since)
	newSources := newSourcesIn(v)
	// The queries start from the few sources loaded since the watermark
	// (a materialised CTE on the loaded_at index) and CROSS JOIN, which
	// SQLite keeps in the written order, so that the planner never scans
	// the whole fact base to avoid a sort.
	rows, err := tx.QueryContext(ctx, newSources+`SELECT e.id, COALESCE(h.date, e.date), COALESCE(h.precision, e.precision), COALESCE(h.sort_start, e.sort_start),
			COALESCE(h.sort_end, e.sort_end), COALESCE(h.summary, e.summary), e.date, e.summary, e.sent_index, e.start, e."end", e.happening_id, COALESCE(h.source_count, 1), COALESCE(h.disputed, 0),
			COALESCE(h.guild_reports, 0), s.id, s.name, s.title, s.url, s.published, s.loaded_at
		FROM ns CROSS JOIN sources s ON s.id = ns.id CROSS JOIN events e ON e.source_id = s.id LEFT JOIN happenings h ON h.id = e.happening_id
		WHERE e.date != '' AND e.summary != ''
		ORDER BY s.id, e.start, e.clause_start`, since, f.Published)
	if err != nil {
		return nil, err
	}
	type span struct {
		src        int64
		start, end int
		item       *DigestItem
	}
	var items []*DigestItem
	byID := map[int64]*DigestItem{}
	var spans []span
	// The happenings that reports of guild-owned sources joined, which
	// the view may see only in part.
	var owned []int64
	for rows.Next() {
		it := &DigestItem{Kind: "event"}
		var end, guildReports int
		var loaded string
		var ownDate, ownText string
		if err := rows.Scan(&it.ID, &it.Date, &it.Precision, &it.SortStart, &it.SortEnd, &it.Text, &ownDate, &ownText, &it.SentIndex, &it.Start, &end,
			&it.HappeningID, &it.Sources, &it.Disputed, &guildReports, &it.Source.ID, &it.Source.Name, &it.Source.Title, &it.Source.URL, &it.Source.Published, &loaded); err != nil {
			rows.Close()
			return nil, err
		}
		if guildReports > 0 && it.HappeningID != 0 {
			owned = append(owned, it.HappeningID)
		}
		it.LoadedAt = parseTime(loaded)
		// The key is the report's own, which does not change when
		// other sources join its happening.
		it.Key = DigestItemKey("event", ownDate, ownText)
		if it.HappeningID != 0 {
			it.HappeningKey = DigestItemKey("happening", strconv.FormatInt(it.HappeningID, 10))
		}
		items = append(items, it)
		byID[it.ID] = it
		spans = append(spans, span{it.Source.ID, it.Start, end, it})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := seeDigestHappenings(ctx, tx, v, owned, items); err != nil {
		return nil, err
	}

	// Participants.
	rows, err = tx.QueryContext(ctx, newSources+`SELECT ee.event_id, en.name, en.kind, en.id, `+v.canonHidden("en.id")+`
		FROM ns CROSS JOIN events e ON e.source_id = ns.id
		CROSS JOIN event_entities ee ON ee.event_id = e.id CROSS JOIN entities en ON en.id = ee.entity_id
		ORDER BY ee.event_id, en.name`, since, f.Published)
	if err != nil {
		return nil, err
	}
	type participant struct {
		event, entity int64
		name, kind    string
	}
	var parts []participant
	var flagged []int64
	for rows.Next() {
		var p participant
		var renamed bool
		if err := rows.Scan(&p.event, &p.name, &p.kind, &p.entity, &renamed); err != nil {
			rows.Close()
			return nil, err
		}
		parts = append(parts, p)
		if renamed {
			flagged = append(flagged, p.entity)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	entParts, err := v.renamed(ctx, tx, flagged)
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		it := byID[p.event]
		if it == nil {
			continue
		}
		name := entParts[p.entity].displayName(p.name)
		switch p.kind {
		case "person":
			it.People = append(it.People, name)
		case "org":
			it.Orgs = append(it.Orgs, name)
		case "place":
			it.Places = append(it.Places, name)
		}
	}

	// Corroboration: other sources with an event of the same date and a
	// person or organisation in common, found through the entity index.
	rows, err = tx.QueryContext(ctx, newSources+`SELECT e.id, COUNT(DISTINCT e2.source_id)
		FROM ns CROSS JOIN events e ON e.source_id = ns.id
		CROSS JOIN event_entities ee ON ee.event_id = e.id
		CROSS JOIN entities en ON en.id = ee.entity_id AND en.kind IN ('person', 'org')
		CROSS JOIN event_entities ee2 ON ee2.entity_id = ee.entity_id AND ee2.sort_start = ee.sort_start
		CROSS JOIN events e2 INDEXED BY digest_events_source ON e2.id = ee2.event_id AND e2.source_id != e.source_id AND e2.date = e.date
		WHERE e.date != '' AND `+v.keep("e2.source_id")+`
		GROUP BY e.id`, since, f.Published)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if it := byID[id]; it != nil {
			it.OtherSources = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Quotes: they mark the event whose sentence carries them; the others
	// are items of their own.
	rows, err = tx.QueryContext(ctx, newSources+`SELECT q.id, q.speaker_name, q.text, q.date, q.sentence_start, q.sentence_end,
			s.id, s.name, s.title, s.url, s.published, s.loaded_at
		FROM ns CROSS JOIN sources s ON s.id = ns.id CROSS JOIN quotes q ON q.source_id = s.id
		WHERE q.date != ''
		ORDER BY s.id, q.start`, since, f.Published)
	if err != nil {
		return nil, err
	}
	si := 0
	for rows.Next() {
		q := &DigestItem{Kind: "quote", SentIndex: -1}
		var sentEnd int
		var loaded string
		if err := rows.Scan(&q.ID, &q.Speaker, &q.Text, &q.Date, &q.Start, &sentEnd,
			&q.Source.ID, &q.Source.Name, &q.Source.Title, &q.Source.URL, &q.Source.Published, &loaded); err != nil {
			rows.Close()
			return nil, err
		}
		// spans and quotes are both in (source, position) order.
		for si < len(spans) && (spans[si].src < q.Source.ID || spans[si].src == q.Source.ID && spans[si].end <= q.Start) {
			si++
		}
		inEvent := false
		for k := si; k < len(spans) && spans[k].src == q.Source.ID && spans[k].start < sentEnd; k++ {
			if spans[k].end > q.Start {
				spans[k].item.HasQuote = true
				inEvent = true
			}
		}
		if inEvent {
			continue
		}
		q.LoadedAt = parseTime(loaded)
		q.Precision = "day"
		q.SortStart, q.SortEnd, _ = DateRange(q.Date)
		if q.Speaker != "" {
			q.People = []string{q.Speaker}
		}
		q.Key = DigestItemKey("quote", q.Date, q.Speaker, q.Text)
		items = append(items, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Drop what the channel was shown, and repeats among the candidates.
	shown, err := postedKeys(ctx, tx, f.ChannelID, items)
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, it := range items {
		if shown[it.Key] || it.HappeningKey != "" && shown[it.HappeningKey] {
			continue
		}
		shown[it.Key] = true
		out = append(out, it)
	}
	return out, nil
}

// postedKeys returns which of the items' keys the channel was shown.
func postedKeys(ctx context.Context, tx *Tx, channelID string, items []*DigestItem) (map[string]bool, error) {
	shown := make(map[string]bool, len(items))
	const chunk = 500
	for i := 0; i < len(items); i += chunk {
		part := items[i:min(i+chunk, len(items))]
		args := make([]any, 0, len(part)+1)
		args = append(args, channelID)
		for _, it := range part {
			args = append(args, it.Key)
		}
		n := len(part)
		for _, it := range part {
			if it.HappeningKey != "" {
				args = append(args, it.HappeningKey)
				n++
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT item_key FROM digest_posted WHERE channel_id = ? AND item_key IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			shown[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return shown, nil
}

// seeDigestHappenings shows the digest event items whose happenings
// (owned: those with reports of guild-owned sources) the view sees only
// in part as the reports it sees tell them: date, wording, source count
// and whether they differ.
func seeDigestHappenings(ctx context.Context, tx *Tx, v *view, owned []int64, items []*DigestItem) error {
	if !v.scoped() || len(owned) == 0 {
		return nil
	}
	_, seen, err := v.happeningRowsIn(ctx, tx, owned)
	if err != nil || len(seen) == 0 {
		return err
	}
	for _, it := range items {
		sh := seen[it.HappeningID]
		if it.Kind != "event" || sh == nil || sh.row == nil {
			continue
		}
		h := sh.row
		it.Date, it.Precision, it.SortStart, it.SortEnd = h.date, h.precision, h.sortStart, h.sortEnd
		it.Text, it.Sources, it.Disputed = h.summary, h.sources, h.disputed
	}
	return nil
}
