package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"briefbot/extract"
)

// PollState is what the poller remembers of one URL source between
// fetches. Times are UTC.
type PollState struct {
	// Name is the configured source name.
	Name string `json:"name"`
	// Location is the URL the validators and kind were learnt from; a
	// source whose URL changed starts afresh.
	Location string `json:"location"`
	// Kind is "feed" or "page" once known, which sets the default interval.
	Kind string `json:"kind,omitempty"`
	// ETag and LastModified are the validators of the last version stored,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// FetchedAt is when the last fetch (successful or not) started.
	FetchedAt time.Time `json:"fetched_at"`
	// NextDue is when the source is to be fetched again.
	NextDue time.Time `json:"next_due"`
	// LastStatus is the HTTP status of the last fetch, 0 when no response
	// came (a refused address, a timeout).
	LastStatus int `json:"last_status"`
	// Failures counts the fetches that failed in a row.
	Failures  int    `json:"failures"`
	LastError string `json:"last_error,omitempty"`
}

const pollColumns = `SELECT name, location, kind, etag, last_modified, fetched_at, next_due, last_status, failures, last_error FROM source_polls`

func scanPollState(row interface{ Scan(...any) error }) (*PollState, error) {
	st := &PollState{}
	var fetched, due string
	if err := row.Scan(&st.Name, &st.Location, &st.Kind, &st.ETag, &st.LastModified, &fetched, &due, &st.LastStatus, &st.Failures, &st.LastError); err != nil {
		return nil, err
	}
	st.FetchedAt, st.NextDue = parseTime(fetched), parseTime(due)
	return st, nil
}

// formatPollTime keeps fractions of a second, so that a due time read
// back is the one the poller computed and reported.
func formatPollTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// FindPollStates returns the poll state of every source polled so far, by
// name.
func (db *DB) FindPollStates(ctx context.Context) ([]*PollState, error) {
	rows, err := db.rdb.QueryContext(ctx, pollColumns+` ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("find poll states: %w", err)
	}
	defer rows.Close()
	var out []*PollState
	for rows.Next() {
		st, err := scanPollState(rows)
		if err != nil {
			return nil, fmt.Errorf("find poll states: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find poll states: %w", err)
	}
	return out, nil
}

// PutPollState records st, replacing the named source's previous state.
// Use it for fetches that stored nothing (not modified, failed); a fetch
// that brought articles records its state with LoadPolled.
func (db *DB) PutPollState(ctx context.Context, st *PollState) error {
	if strings.TrimSpace(st.Name) == "" {
		return fmt.Errorf("put poll state: %w: name required", ErrInvalid)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("put poll state: %w", err)
	}
	defer tx.Rollback()
	if err := putPollState(ctx, tx, st); err != nil {
		return fmt.Errorf("put poll state: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("put poll state: %w", err)
	}
	return nil
}

func putPollState(ctx context.Context, tx *Tx, st *PollState) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO source_polls (name, location, kind, etag, last_modified, fetched_at, next_due, last_status, failures, last_error)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
		ON CONFLICT (name) DO UPDATE SET location = ?2, kind = ?3, etag = ?4, last_modified = ?5, fetched_at = ?6, next_due = ?7,
			last_status = ?8, failures = ?9, last_error = ?10`,
		st.Name, st.Location, st.Kind, st.ETag, st.LastModified, formatPollTime(st.FetchedAt), formatPollTime(st.NextDue),
		st.LastStatus, st.Failures, st.LastError)
	return err
}

// DeletePollState forgets the named source's poll state, so that it is
// fetched afresh when polled again; ErrNotFound when there is none.
func (db *DB) DeletePollState(ctx context.Context, name string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("delete poll state: %w", err)
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `DELETE FROM source_polls WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("delete poll state: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("delete poll state: %w", err)
	} else if n == 0 {
		return fmt.Errorf("delete poll state %s: %w", name, ErrNotFound)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("delete poll state: %w", err)
	}
	return nil
}

// LoadPolled stores the articles one fetch brought, as LoadSources does,
// and, when st is not nil, the poll state describing that fetch, all in
// one transaction: a crash leaves both as they were or both new, so the
// stored validators never claim content that was not stored, and a feed's
// new items arrive together.
func (db *DB) LoadPolled(ctx context.Context, ins []SourceInput, st *PollState) ([]*LoadResult, error) {
	for i := range ins {
		if strings.TrimSpace(ins[i].Name) == "" {
			return nil, fmt.Errorf("load polled: %w: name required", ErrInvalid)
		}
		if ins[i].Doc == nil {
			ins[i].Doc = &extract.Document{}
		}
	}
	if st != nil && strings.TrimSpace(st.Name) == "" {
		return nil, fmt.Errorf("load polled: %w: poll state name required", ErrInvalid)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("load polled: %w", err)
	}
	defer tx.Rollback()
	out := make([]*LoadResult, 0, len(ins))
	for _, in := range ins {
		res, err := loadSource(ctx, tx, in)
		if err != nil {
			return nil, fmt.Errorf("load source %s: %w", in.Name, err)
		}
		out = append(out, res)
	}
	if st != nil {
		if err := putPollState(ctx, tx, st); err != nil {
			return nil, fmt.Errorf("load polled: %w", err)
		}
	}
	if err := hook("poll state"); err != nil {
		return nil, fmt.Errorf("load polled: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return nil, fmt.Errorf("load polled: %w", err)
	}
	return out, nil
}

// PollState returns the named source's poll state; ErrNotFound when it
// was never polled.
func (db *DB) PollState(ctx context.Context, name string) (*PollState, error) {
	st, err := scanPollState(db.rdb.QueryRowContext(ctx, pollColumns+` WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("poll state %s: %w", name, ErrNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("poll state: %w", err)
	}
	return st, nil
}
