package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ComponentTTL is how long the command behind a hashed button id is kept.
// Discord keeps messages forever, but a button on a months-old answer may
// well expire.
const ComponentTTL = 90 * 24 * time.Hour

// PutComponent saves value (the command behind a Discord button) under
// key, and forgets entries older than ComponentTTL.
func (db *DB) PutComponent(ctx context.Context, key, value string) error {
	if key == "" {
		return fmt.Errorf("put component: %w: empty key", ErrInvalid)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("put component: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO bot_components (key, value, created_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
		key, value, formatTime(tx.now)); err != nil {
		return fmt.Errorf("put component: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM bot_components WHERE created_at < ?`, formatTime(tx.now.Add(-ComponentTTL))); err != nil {
		return fmt.Errorf("put component: %w", err)
	}
	// A plain commit: components are no facts, so the caches keyed on
	// the write generation stay valid.
	if err := tx.Tx.Commit(); err != nil {
		return fmt.Errorf("put component: %w", err)
	}
	return nil
}

// Component returns the value saved under key; ErrNotFound when there is
// none (never saved, or expired).
func (db *DB) Component(ctx context.Context, key string) (string, error) {
	var v string
	err := db.rdb.QueryRowContext(ctx, `SELECT value FROM bot_components WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("component %s: %w", key, ErrNotFound)
	} else if err != nil {
		return "", fmt.Errorf("component: %w", err)
	}
	return v, nil
}
