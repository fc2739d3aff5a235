package source

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// Store is what a Manager needs of the fact store.
type Store interface {
	SourceHash(ctx context.Context, name string) (hash string, ok bool, err error)
	LoadSource(ctx context.Context, in store.SourceInput) (*store.LoadResult, error)
	RecordFailure(ctx context.Context, name, location string, loadErr error) error
}

var _ Store = (*store.DB)(nil)

// Report says what loading one source (or one feed item) did.
type Report struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Title    string `json:"title,omitempty"`
	// Status is "added", "changed", "unchanged" or "failed".
	Status    string `json:"status"`
	Error     string `json:"error,omitempty"`
	Published string `json:"published,omitempty"`
	// Note says where the publication date came from when it was not
	// given, such as "load date (no date found)".
	Note     string `json:"note,omitempty"`
	Entities int    `json:"entities"`
	Events   int    `json:"events"`
	Quotes   int    `json:"quotes"`
}

// Manager loads sources, extracts their facts and stores them: the whole
// pipeline behind `briefbot ingest`, start-up loading and /admin reload.
type Manager struct {
	Loader *Loader
	Store  Store
	Logger *slog.Logger
	// Extract defaults to extract.Extract; tests may slow it down or count
	// calls.
	Extract func(text string, published time.Time) *extract.Document
}

func (m *Manager) logger() *slog.Logger {
	if m.Logger != nil {
		return m.Logger
	}
	return slog.Default()
}

// Reload loads each configured source in turn and reports on each. A
// source that fails to load keeps its previous facts; its failure is
// recorded and reported, and the others still load. progress, when not
// nil, is called after each source with the count done so far.
func (m *Manager) Reload(ctx context.Context, cfgs []Config, progress func(done, total int, r []Report)) []Report {
	var all []Report
	for i, c := range cfgs {
		if err := ctx.Err(); err != nil {
			all = append(all, Report{Name: c.Name, Location: configLocation(c), Status: store.ResultFailed, Error: "cancelled"})
			continue
		}
		rs := m.Load(ctx, c)
		all = append(all, rs...)
		if progress != nil {
			progress(i+1, len(cfgs), rs)
		}
	}
	return all
}

// Load loads one configured source: one report for a file or a page, one
// per item for a feed (or a single failed report when the feed itself
// cannot be loaded).
func (m *Manager) Load(ctx context.Context, c Config) []Report {
	loc := configLocation(c)
	arts, err := m.Loader.Load(ctx, c)
	if err != nil {
		return []Report{m.fail(ctx, c.Name, loc, err)}
	}
	reports := make([]Report, 0, len(arts))
	for _, a := range arts {
		reports = append(reports, m.store(ctx, a))
	}
	return reports
}

// LoadArticle extracts and stores one article that is already in memory,
// such as the embedded default.
func (m *Manager) LoadArticle(ctx context.Context, a Article) Report {
	return m.store(ctx, a)
}

func (m *Manager) store(ctx context.Context, a Article) Report {
	in := store.SourceInput{
		Name:          a.Source,
		Location:      a.Location,
		URL:           a.URL,
		Title:         a.Title,
		Published:     a.Published.Format("2006-01-02"),
		PublishedNote: a.PublishedNote,
		Text:          a.Text,
	}
	rep := Report{Name: a.Source, Location: a.Location, Title: a.Title, Published: in.Published, Note: a.PublishedNote}
	old, ok, err := m.Store.SourceHash(ctx, in.Name)
	if err != nil {
		return m.fail(ctx, in.Name, in.Location, err)
	}
	if !ok || old != in.Hash() {
		ex := m.Extract
		if ex == nil {
			ex = extract.Extract
		}
		in.Doc = ex(a.Text, a.Published)
	}
	res, err := m.Store.LoadSource(ctx, in)
	if err != nil {
		return m.fail(ctx, in.Name, in.Location, err)
	}
	rep.Status = res.Status
	rep.Entities, rep.Events, rep.Quotes = res.Entities, res.Events, res.Quotes
	m.logger().Info("source loaded", "name", rep.Name, "status", rep.Status, "events", rep.Events, "quotes", rep.Quotes)
	return rep
}

func (m *Manager) fail(ctx context.Context, name, loc string, err error) Report {
	m.logger().Warn("source failed", "name", name, "error", err)
	// Record the failure even when ctx was cancelled, so that the report
	// outlives the request that caused it.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if rerr := m.Store.RecordFailure(rctx, name, loc, err); rerr != nil {
		err = fmt.Errorf("%w (and recording it failed: %v)", err, rerr)
	}
	return Report{Name: name, Location: loc, Status: store.ResultFailed, Error: err.Error()}
}

// configLocation is the path or URL a config loads from.
func configLocation(c Config) string {
	if c.URL != "" {
		return c.URL
	}
	return c.Path
}
