package source

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// Store is what a Manager needs of the fact store.
type Store interface {
	SourceHash(ctx context.Context, name string) (hash string, ok bool, err error)
	LoadSource(ctx context.Context, in store.SourceInput) (*store.LoadResult, error)
	LoadSources(ctx context.Context, ins []store.SourceInput) ([]*store.LoadResult, error)
	RecordGuildFailure(ctx context.Context, guild, name, location, origin string, loadErr error) error
	FindSources(ctx context.Context) ([]*store.Source, error)
	RemoveSource(ctx context.Context, name string) error
}

var _ Store = (*store.DB)(nil)

// Report says what loading one source (or one feed item) did.
type Report struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Title    string `json:"title,omitempty"`
	// Status is "added", "changed", "unchanged", "failed" or "removed".
	Status    string `json:"status"`
	Error     string `json:"error,omitempty"`
	Published string `json:"published,omitempty"`
	// Note says where the publication date came from when it was not
	// given, such as "load date (no date found)".
	Note string `json:"note,omitempty"`
	// Warning says what a reader of the report should know about the
	// load, such as a feed cut to its newest items.
	Warning  string `json:"warning,omitempty"`
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
	// OnReport, when set, is called by Reload with each report as soon
	// as it is known, so that a long ingest shows its progress.
	OnReport func(Report)
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

// batchSize is how many articles one transaction stores. Batches make
// bulk loads several times faster (the full-text index and the WAL are
// written once a batch); a batch that fails is retried one article at a
// time, so one bad article fails alone. A batch's cost is mostly the
// index pages it dirties, and the indexes led by an entity (its
// mentions, names, sources, events) take one page per entity a batch
// names however many of its articles name it: at 100,000 articles, 64
// articles a batch wrote 580 KB per article to the log, 500 a batch
// 180 KB (see the README, "At scale").
const batchSize = 500

// firstBatch is the size of the first batch Reload stores; each next
// one is twice the last, up to batchSize, so that an ingest of many
// files reports (and keeps, if interrupted) its first articles soon.
const firstBatch = 64

// Reload loads the configured sources and reports on each article. A
// source that fails to load keeps its previous facts; its failure is
// recorded and reported, and the others still load.
func (m *Manager) Reload(ctx context.Context, cfgs []Config) []Report {
	var reports []Report
	var pending []Article
	batch := firstBatch
	emit := func(reps ...Report) {
		if m.OnReport != nil {
			for _, r := range reps {
				m.OnReport(r)
			}
		}
		reports = append(reports, reps...)
	}
	for _, c := range cfgs {
		if err := ctx.Err(); err != nil {
			emit(Report{Name: c.Name, Location: Redact(configLocation(c)), Status: store.ResultFailed, Error: ErrCancelled.Error()})
			continue
		}
		arts, err := m.Loader.Load(ctx, c)
		if err != nil {
			emit(m.fail(ctx, c, configLocation(c), err))
			continue
		}
		pending = append(pending, arts...)
		if len(pending) >= batch {
			emit(m.LoadArticles(ctx, pending)...)
			pending = pending[:0]
			batch = min(2*batch, batchSize)
		}
	}
	emit(m.LoadArticles(ctx, pending)...)
	return reports
}

// Load loads one configured source: one report for a file or a page, one
// per item for a feed (or a single failed report when the feed itself
// cannot be loaded).
func (m *Manager) Load(ctx context.Context, c Config) []Report {
	arts, err := m.Loader.Load(ctx, c)
	if err != nil {
		return []Report{m.fail(ctx, c, configLocation(c), err)}
	}
	return m.LoadArticles(ctx, arts)
}

// LoadArticle extracts and stores one article that is already in memory,
// such as the embedded default.
func (m *Manager) LoadArticle(ctx context.Context, a Article) Report {
	return m.LoadArticles(ctx, []Article{a})[0]
}

// LoadArticles extracts the articles whose content changed and stores
// them, batchSize to a transaction, reporting on each in order.
func (m *Manager) LoadArticles(ctx context.Context, arts []Article) []Report {
	reports := make([]Report, 0, len(arts))
	for len(arts) > 0 {
		n := min(len(arts), batchSize)
		reports = append(reports, m.storeBatch(ctx, arts[:n])...)
		arts = arts[n:]
	}
	return reports
}

// storeBatch stores arts in one transaction, or one by one when that
// fails, so that the failure is reported against the article that caused
// it.
func (m *Manager) storeBatch(ctx context.Context, arts []Article) []Report {
	ins := make([]store.SourceInput, len(arts))
	reps := make([]Report, len(arts))
	for i, a := range arts {
		in, rep, err := m.prepare(ctx, a)
		if err != nil {
			if len(arts) == 1 {
				return []Report{m.fail(ctx, Config{Name: in.Name, Origin: a.Origin, Guild: a.Guild}, in.Location, err)}
			}
			return m.storeEach(ctx, arts)
		}
		ins[i], reps[i] = in, rep
	}
	var res []*store.LoadResult
	var err error
	if len(ins) == 1 {
		var r *store.LoadResult
		if r, err = m.Store.LoadSource(ctx, ins[0]); err == nil {
			res = []*store.LoadResult{r}
		}
	} else {
		res, err = m.Store.LoadSources(ctx, ins)
	}
	if err != nil {
		if len(arts) == 1 {
			return []Report{m.fail(ctx, Config{Name: ins[0].Name, Origin: arts[0].Origin, Guild: arts[0].Guild}, ins[0].Location, err)}
		}
		return m.storeEach(ctx, arts)
	}
	for i, r := range res {
		reps[i].Status = r.Status
		reps[i].Entities, reps[i].Events, reps[i].Quotes = r.Entities, r.Events, r.Quotes
		m.logger().Info("source loaded", "name", reps[i].Name, "status", r.Status, "events", r.Events, "quotes", r.Quotes)
	}
	return reps
}

func (m *Manager) storeEach(ctx context.Context, arts []Article) []Report {
	reps := make([]Report, 0, len(arts))
	for _, a := range arts {
		reps = append(reps, m.storeBatch(ctx, []Article{a})...)
	}
	return reps
}

// prepare turns an article into the store's input, extracting its facts
// unless the store already holds the same content.
func (m *Manager) prepare(ctx context.Context, a Article) (store.SourceInput, Report, error) {
	return prepareArticle(ctx, m.Store, m.Extract, a)
}

// hasher is the store lookup that lets unchanged articles skip extraction.
type hasher interface {
	SourceHash(ctx context.Context, name string) (hash string, ok bool, err error)
}

// prepareArticle turns an article into the store's input, extracting its
// facts with ex (extract.Extract when nil) unless s already holds the
// same content.
func prepareArticle(ctx context.Context, s hasher, ex func(string, time.Time) *extract.Document, a Article) (store.SourceInput, Report, error) {
	in := store.SourceInput{
		Name:          a.Source,
		Location:      Redact(a.Location),
		URL:           Redact(a.URL),
		Title:         a.Title,
		Published:     a.Published.Format("2006-01-02"),
		PublishedNote: a.PublishedNote,
		Origin:        a.Origin,
		Guild:         a.Guild,
		Text:          a.Text,
	}
	rep := Report{Name: a.Source, Location: in.Location, Title: a.Title, Published: in.Published, Note: a.PublishedNote, Warning: a.Note}
	old, ok, err := s.SourceHash(ctx, in.Name)
	if err != nil {
		return in, rep, err
	}
	if !ok || old != in.Hash() {
		if ex == nil {
			ex = extract.Extract
		}
		in.Doc = ex(a.Text, a.Published)
	}
	return in, rep, nil
}

// ErrCancelled is the one wording of a load stopped by Ctrl-C, SIGTERM
// or a cancelled request.
var ErrCancelled = errors.New("cancelled")

// fail reports a failed load. The failure of a configured source is
// recorded, so /sources shows it; an ad-hoc load (a path or URL given
// once on the command line) that fails or is cancelled leaves no row.
func (m *Manager) fail(ctx context.Context, c Config, loc string, err error) Report {
	origin, name := c.Origin, c.Name
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = ErrCancelled
	}
	loc = Redact(loc)
	msg := Redact(err.Error())
	m.logger().Warn("source failed", "name", name, "error", msg)
	if origin != store.OriginAdhoc {
		// Record the failure even when ctx was cancelled, so that the
		// report outlives the request that caused it.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if rerr := m.Store.RecordGuildFailure(rctx, c.Guild, name, loc, origin, errors.New(msg)); rerr != nil {
			msg = fmt.Sprintf("%s (and recording it failed: %v)", msg, rerr)
		}
	}
	return Report{Name: name, Location: loc, Status: store.ResultFailed, Error: msg}
}

// StatusRemoved is the Report status of a source removed because the
// config no longer names it.
const StatusRemoved = "removed"

// Prune removes the stored config and built-in sources (feed items
// included) that cfgs no longer names, with their facts, and reports
// each as removed. Sources added from Discord or ingested ad hoc are
// never pruned: they were not the config's to begin with.
func (m *Manager) Prune(ctx context.Context, cfgs []Config) []Report {
	keep := make(map[string]bool, len(cfgs))
	for _, c := range cfgs {
		keep[c.Name] = true
	}
	srcs, err := m.Store.FindSources(ctx)
	if err != nil {
		return []Report{{Name: "(config)", Status: store.ResultFailed, Error: fmt.Sprintf("prune sources: %v", err)}}
	}
	var reps []Report
	gone := map[string]bool{}
	defer func() {
		// The poller forgets them too.
		if ps, ok := m.Store.(interface {
			DeletePollState(ctx context.Context, name string) error
		}); ok {
			for name := range gone {
				ps.DeletePollState(ctx, name)
			}
		}
	}()
	for _, s := range srcs {
		if s.Origin != store.OriginConfig && s.Origin != store.OriginBuiltin {
			continue
		}
		top, _, _ := strings.Cut(s.Name, "/")
		if keep[top] {
			continue
		}
		rep := Report{Name: s.Name, Location: s.Location, Title: s.Title, Status: StatusRemoved}
		if err := m.Store.RemoveSource(ctx, s.Name); err != nil && !errors.Is(err, store.ErrNotFound) {
			rep.Status, rep.Error = store.ResultFailed, fmt.Sprintf("remove %s: %v", s.Name, err)
		}
		gone[top] = true
		m.logger().Info("source removed from config", "name", s.Name)
		reps = append(reps, rep)
	}
	return reps
}

// configLocation is the path or URL a config loads from.
func configLocation(c Config) string {
	if c.URL != "" {
		return c.URL
	}
	return c.Path
}
