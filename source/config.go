package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"briefbot/internal/suggest"
	"briefbot/store"
)

// File is the briefbot config file. DB, AllowPrivateURLs and Sources
// belong to this package; Discord is kept raw for the bot package to
// decode, so this package need not change when it grows fields. Every
// level is decoded strictly: an unknown key is an error naming the
// closest known one.
type File struct {
	DB      string   `json:"db"`
	Sources []Config `json:"sources"`
	// AllowPrivateURLs lets every loader (config sources, ingest, watch,
	// sources added from Discord) reach loopback and private addresses:
	// for a local test feed, never for a public bot.
	AllowPrivateURLs bool            `json:"allow_private_urls,omitempty"`
	Discord          json.RawMessage `json:"discord,omitempty"`
	Digest           json.RawMessage `json:"digest,omitempty"`

	// Dir is the directory of the config file; relative paths in it
	// (db, source paths) have already been resolved against it.
	Dir string `json:"-"`
}

// maxConfigBytes bounds the config file; a real one is a few KiB.
const maxConfigBytes = 1 << 20

// LoadConfigFile reads and validates a config file. Sources are decoded
// strictly (unknown keys such as a misspelt "pubished" are errors); other
// top-level sections are left to their owners. Relative paths are resolved
// against the config file's directory so the bot can run from anywhere.
func LoadConfigFile(path string) (*File, error) {
	f, err := loadConfigFile(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return f, nil
}

func loadConfigFile(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxConfigBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("over the %s cap", formatBytes(maxConfigBytes))
	}
	data = bytes.TrimPrefix(data, utf8BOM)

	var raw struct {
		DB               string          `json:"db"`
		AllowPrivateURLs bool            `json:"allow_private_urls"`
		Sources          json.RawMessage `json:"sources"`
		Discord          json.RawMessage `json:"discord"`
	}
	if err := decodeStrict(data, &raw, true); err != nil {
		return nil, suggest.UnknownKey(err, &raw)
	}
	f := &File{DB: raw.DB, AllowPrivateURLs: raw.AllowPrivateURLs, Discord: raw.Discord}
	if len(raw.Sources) > 0 && string(raw.Sources) != "null" {
		if err := decodeStrict(raw.Sources, &f.Sources, true); err != nil {
			return nil, fmt.Errorf("sources: %w", suggest.UnknownKey(err, &f.Sources))
		}
	}

	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	f.Dir = filepath.Dir(abs)
	f.DB = resolveDBPath(f.Dir, f.DB)
	for i := range f.Sources {
		f.Sources[i].Origin = store.OriginConfig
		if p := f.Sources[i].Path; p != "" && !filepath.IsAbs(p) {
			f.Sources[i].Path = filepath.Join(f.Dir, p)
		}
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// resolveDBPath resolves a relative database file name against dir,
// leaving SQLite URIs and special names alone.
func resolveDBPath(dir, db string) string {
	if db == "" || db == ":memory:" || strings.HasPrefix(db, "file:") || filepath.IsAbs(db) {
		return db
	}
	return filepath.Join(dir, db)
}

// decodeStrict decodes one JSON value, refusing trailing data and, when
// strict, unknown fields. Syntax errors name the line and column.
func decodeStrict(data []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, se.Offset)
			return fmt.Errorf("line %d, column %d: %w", line, col, err)
		case errors.As(err, &te):
			line, col := lineCol(data, te.Offset)
			return fmt.Errorf("line %d, column %d: %w", line, col, err)
		case errors.Is(err, io.EOF):
			return errors.New("empty")
		}
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Validate checks every source and that names are unique, reporting all
// problems at once so a config can be fixed in one pass.
func (f *File) Validate() error {
	var errs []error
	seen := make(map[string]int)
	for i, c := range f.Sources {
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("sources[%d]: %w", i, err))
			continue
		}
		if j, ok := seen[c.Name]; ok {
			errs = append(errs, fmt.Errorf("sources[%d]: name %q already used by sources[%d]", i, c.Name, j))
			continue
		}
		seen[c.Name] = i
	}
	return errors.Join(errs...)
}
