package source

import (
	"briefbot/store"
	_ "embed"
	"time"
)

// seedText is the bundled seed article, so a fresh install has something
// to answer questions about before any source is configured.
//
//go:embed 2025-10-22-rutte-white-house.txt
var seedText []byte

const (
	seedName      = "rutte-white-house"
	seedFile      = "2025-10-22-rutte-white-house.txt"
	seedPublished = "2025-10-22"
	seedTitle     = "Trump hosts NATO's Rutte at the White House"
)

// Default returns the config entry for the bundled seed article, as it
// appears in config.example.json (path relative to the repository root).
func Default() Config {
	return Config{
		Name:      seedName,
		Path:      "source/" + seedFile,
		Published: seedPublished,
		Title:     seedTitle,
	}
}

// DefaultArticle returns the bundled seed article, run through the same
// text normalisation as a loaded file so its offsets match a reload.
func DefaultArticle() Article {
	text, err := decodeText(seedText)
	if err != nil {
		// Unreachable: the seed is fixed at build time and a test decodes
		// it. Keep the raw text rather than panic.
		text = string(seedText)
	}
	c := Default()
	published, _ := time.Parse(time.DateOnly, c.Published)
	return Article{
		Source:    c.Name,
		Location:  c.Path,
		Title:     c.Title,
		Published: published,
		Text:      text,
		Origin:    store.OriginBuiltin,
	}
}
