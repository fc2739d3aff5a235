package store

import (
	"context"
	"fmt"
	"strings"
)

// SourceConfig is a source an admin added from Discord, for the loader to
// load next to its configured sources.
type SourceConfig struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Location  string `json:"location"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
	AddedBy   string `json:"added_by,omitempty"`
	AddedAt   string `json:"added_at,omitempty"`
	// Guild is the guild the source was added in, which owns it (see
	// Visible); the loader passes it on as SourceInput.Guild.
	Guild string `json:"guild,omitempty"`
}

// AddSourceConfig stores c, setting its ID and AddedAt. A name already in
// use is ErrConflict.
func (db *DB) AddSourceConfig(ctx context.Context, c *SourceConfig) error {
	if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Location) == "" {
		return fmt.Errorf("add source config: %w: name and location required", ErrInvalid)
	}
	if err := checkGuild(c.Guild); err != nil {
		return fmt.Errorf("add source config: %w", err)
	}
	if c.Published != "" {
		if _, _, err := ParseDateBound(c.Published); err != nil || len(c.Published) != 10 {
			return fmt.Errorf("add source config: %w: published %q: want YYYY-MM-DD", ErrInvalid, c.Published)
		}
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("add source config: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM source_configs WHERE name = ?`, c.Name).Scan(&n); err != nil {
		return fmt.Errorf("add source config: %w", err)
	} else if n > 0 {
		return fmt.Errorf("add source config %s: %w", c.Name, ErrConflict)
	}
	c.AddedAt = formatTime(tx.now)
	r, err := tx.ExecContext(ctx, `INSERT INTO source_configs (name, location, published, title, added_by, added_at, guild_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.Name, c.Location, c.Published, c.Title, c.AddedBy, c.AddedAt, c.Guild)
	if err != nil {
		return fmt.Errorf("add source config: %w", err)
	}
	if c.ID, err = r.LastInsertId(); err != nil {
		return fmt.Errorf("add source config: %w", err)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("add source config: %w", err)
	}
	return nil
}

// RemoveSourceConfig deletes the named source config; ErrNotFound when
// there is none. The source's loaded facts are removed separately, with
// RemoveSource.
func (db *DB) RemoveSourceConfig(ctx context.Context, name string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("remove source config: %w", err)
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `DELETE FROM source_configs WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("remove source config: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("remove source config: %w", err)
	} else if n == 0 {
		return fmt.Errorf("remove source config %s: %w", name, ErrNotFound)
	}
	if err := tx.commitWrite(); err != nil {
		return fmt.Errorf("remove source config: %w", err)
	}
	return nil
}

// FindSourceConfigs returns every source config, by name.
func (db *DB) FindSourceConfigs(ctx context.Context) ([]*SourceConfig, error) {
	rows, err := db.rdb.QueryContext(ctx, `SELECT id, name, location, published, title, added_by, added_at, guild_id FROM source_configs ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("find source configs: %w", err)
	}
	defer rows.Close()
	var out []*SourceConfig
	for rows.Next() {
		c := &SourceConfig{}
		if err := rows.Scan(&c.ID, &c.Name, &c.Location, &c.Published, &c.Title, &c.AddedBy, &c.AddedAt, &c.Guild); err != nil {
			return nil, fmt.Errorf("find source configs: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find source configs: %w", err)
	}
	return out, nil
}
