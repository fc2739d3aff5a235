package source

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"briefbot/commands"
	"briefbot/store"
)

// AdminStore is what Admin needs of the store beyond a Manager's needs:
// the sources admins add from Discord, and removal.
type AdminStore interface {
	FindSourceConfigs(ctx context.Context) ([]*store.SourceConfig, error)
	AddSourceConfig(ctx context.Context, c *store.SourceConfig) error
	RemoveSourceConfig(ctx context.Context, name string) error
	RemoveSource(ctx context.Context, name string) error
	FindSources(ctx context.Context) ([]*store.Source, error)
}

var _ AdminStore = (*store.DB)(nil)

// Admin manages the configured sources and those added from Discord: it is
// the commands.SourceAdmin behind /admin reload and /admin source, and the
// start-up loader of `briefbot run`.
type Admin struct {
	// Manager loads the sources of the config file.
	Manager *Manager
	// Added loads the sources admins add from Discord; its Loader carries
	// the URL policy for them. Nil means Manager.
	Added *Manager
	Store AdminStore
	// Static are the sources of the config file, which cannot be removed
	// from Discord.
	Static []Config
	// Builtin are articles compiled into the program, loaded like the
	// config file's sources: the embedded default when none is configured.
	Builtin []Article

	mu sync.Mutex // one load at a time: reloads and adds don't interleave
}

var _ commands.SourceAdmin = (*Admin)(nil)

// origin says where a source's config came from.
type origin struct {
	Config
	added   *store.SourceConfig // nil for the config file's sources
	builtin *Article            // set for built-in articles
}

func (a *Admin) added() *Manager {
	if a.Added != nil {
		return a.Added
	}
	return a.Manager
}

func (a *Admin) configs(ctx context.Context) ([]origin, error) {
	added, err := a.Store.FindSourceConfigs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]origin, 0, len(a.Builtin)+len(a.Static)+len(added))
	for i := range a.Builtin {
		b := &a.Builtin[i]
		out = append(out, origin{Config: Config{Name: b.Source, Title: b.Title, Published: b.Published.Format(time.DateOnly)}, builtin: b})
	}
	for _, c := range a.Static {
		out = append(out, origin{Config: c})
	}
	for _, sc := range added {
		out = append(out, origin{Config: Config{Name: sc.Name, URL: sc.Location, Published: sc.Published, Title: sc.Title}, added: sc})
	}
	return out, nil
}

// URLSources returns the URL sources to poll: the config file's and those
// added from Discord. It is a Poller's Sources.
func (a *Admin) URLSources(ctx context.Context) ([]Config, error) {
	all, err := a.configs(ctx)
	if err != nil {
		return nil, fmt.Errorf("url sources: %w", err)
	}
	var out []Config
	for _, o := range all {
		if o.URL != "" && o.builtin == nil {
			out = append(out, o.Config)
		}
	}
	return out, nil
}

// load loads one source and sums its reports (one per feed item) into one.
func (a *Admin) load(ctx context.Context, o origin) commands.LoadReport {
	start := time.Now()
	if o.builtin != nil {
		return summarize(o.Name, a.Manager.LoadArticles(ctx, []Article{*o.builtin}), time.Since(start))
	}
	m := a.Manager
	if o.added != nil {
		m = a.added()
	}
	return summarize(o.Name, m.Load(ctx, o.Config), time.Since(start))
}

// summarize folds the reports of one source's articles into one:
// failed when any failed, changed when any was added or changed.
func summarize(name string, reps []Report, d time.Duration) commands.LoadReport {
	rep := commands.LoadReport{Name: name, Outcome: commands.Unchanged, Duration: d}
	changed := 0
	for _, r := range reps {
		switch r.Status {
		case store.ResultFailed:
			rep.Outcome = commands.Failed
			if rep.Reason == "" {
				rep.Reason = r.Error
			}
		case store.ResultAdded, store.ResultChanged:
			changed++
		}
		rep.Facts += r.Entities + r.Events + r.Quotes
	}
	if rep.Outcome != commands.Failed && changed > 0 {
		rep.Outcome = commands.Changed
		if len(reps) > 1 {
			rep.Reason = fmt.Sprintf("%d of %d items new or changed", changed, len(reps))
		}
	}
	return rep
}

// Reload loads every source again, calling progress before each.
func (a *Admin) Reload(ctx context.Context, progress func(string)) ([]commands.LoadReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	all, err := a.configs(ctx)
	if err != nil {
		return nil, fmt.Errorf("reload: %w", err)
	}
	out := make([]commands.LoadReport, 0, len(all))
	for i, o := range all {
		if progress != nil {
			progress(fmt.Sprintf("Loading %d of %d: %s", i+1, len(all), o.Name))
		}
		out = append(out, a.load(ctx, o))
	}
	return out, nil
}

// LoadStale loads the sources that have never loaded, or whose last
// attempt is older than maxAge, and returns their reports. Local files
// and built-in articles are always checked: re-reading one costs little,
// and unchanged content is skipped by its hash.
func (a *Admin) LoadStale(ctx context.Context, maxAge time.Duration, now time.Time) ([]commands.LoadReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	all, err := a.configs(ctx)
	if err != nil {
		return nil, fmt.Errorf("load stale sources: %w", err)
	}
	srcs, err := a.Store.FindSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("load stale sources: %w", err)
	}
	var out []commands.LoadReport
	for _, o := range all {
		if o.Path == "" && o.builtin == nil && !stale(o.Name, srcs, now.Add(-maxAge)) {
			continue
		}
		out = append(out, a.load(ctx, o))
	}
	return out, nil
}

// stale reports whether no article of the named source was attempted
// since cutoff.
func stale(name string, srcs []*store.Source, cutoff time.Time) bool {
	for _, s := range srcs {
		if !belongs(s.Name, name) {
			continue
		}
		if t, err := time.Parse(time.RFC3339, s.LastAttemptAt); err == nil && t.After(cutoff) {
			return false
		}
	}
	return true
}

// belongs reports whether the stored source stored belongs to the
// configured source name: itself, or one of its feed's items
// ("name/item").
func belongs(stored, name string) bool {
	return stored == name || strings.HasPrefix(stored, name+"/")
}

// Add stores a source added from Discord and loads it; a source that
// cannot be loaded is not kept.
func (a *Admin) Add(ctx context.Context, src commands.NewSource) (commands.LoadReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c := Config{Name: src.Name, URL: src.Location, Published: src.Published, Title: src.Title}
	if err := c.Validate(); err != nil {
		return commands.LoadReport{}, err
	}
	for _, s := range a.Static {
		if s.Name == src.Name {
			return commands.LoadReport{}, fmt.Errorf("a source called %s is in the config file", src.Name)
		}
	}
	for _, b := range a.Builtin {
		if b.Source == src.Name {
			return commands.LoadReport{}, fmt.Errorf("%s is the name of a built-in source", src.Name)
		}
	}
	sc := &store.SourceConfig{Name: src.Name, Location: src.Location, Published: src.Published, Title: src.Title, AddedBy: src.AddedBy}
	if err := a.Store.AddSourceConfig(ctx, sc); errors.Is(err, store.ErrConflict) {
		return commands.LoadReport{}, fmt.Errorf("a source called %s already exists", src.Name)
	} else if err != nil {
		return commands.LoadReport{}, err
	}
	rep := a.load(ctx, origin{Config: c, added: sc})
	if rep.Outcome == commands.Failed {
		// Leave nothing behind: the config and the failure record go.
		cctx := context.WithoutCancel(ctx)
		if err := a.Store.RemoveSourceConfig(cctx, src.Name); err != nil && !errors.Is(err, store.ErrNotFound) {
			return rep, fmt.Errorf("%s (and removing it failed: %v)", rep.Reason, err)
		}
		a.removeFacts(cctx, src.Name)
		return rep, errors.New(rep.Reason)
	}
	return rep, nil
}

// Remove deletes a source added from Discord and its facts.
func (a *Admin) Remove(ctx context.Context, name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range a.Static {
		if c.Name == name {
			return fmt.Errorf("%s is defined in the config file; remove it there", name)
		}
	}
	for _, b := range a.Builtin {
		if b.Source == name {
			return fmt.Errorf("%s is built in; configure sources in the config file to replace it", name)
		}
	}
	if err := a.Store.RemoveSourceConfig(ctx, name); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("remove %s: %w", name, commands.ErrSourceNotFound)
	} else if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	return a.removeFacts(ctx, name)
}

// removeFacts removes every stored article of the named source.
func (a *Admin) removeFacts(ctx context.Context, name string) error {
	srcs, err := a.Store.FindSources(ctx)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	for _, s := range srcs {
		if belongs(s.Name, name) {
			if err := a.Store.RemoveSource(ctx, s.Name); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("remove %s: %w", name, err)
			}
		}
	}
	return nil
}

// List describes every configured source with its stored facts.
func (a *Admin) List(ctx context.Context) ([]commands.SourceStatus, error) {
	all, err := a.configs(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	srcs, err := a.Store.FindSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	out := make([]commands.SourceStatus, 0, len(all))
	for _, o := range all {
		st := commands.SourceStatus{Name: o.Name, Location: configLocation(o.Config), Title: o.Title, Published: o.Published, Origin: "config"}
		switch {
		case o.added != nil:
			st.Origin, st.AddedBy = "discord", o.added.AddedBy
		case o.builtin != nil:
			st.Origin, st.Location = "built-in", "embedded in briefbot"
		}
		for _, s := range srcs {
			if !belongs(s.Name, o.Name) {
				continue
			}
			st.Facts += s.Entities + s.Events + s.Quotes
			if s.LastError != "" {
				st.LastError = s.LastError
			}
			if st.Title == "" {
				st.Title = s.Title
			}
			if t, err := time.Parse(time.RFC3339, s.LoadedAt); err == nil && t.After(st.LoadedAt) {
				st.LoadedAt = t
			}
		}
		out = append(out, st)
	}
	return out, nil
}
