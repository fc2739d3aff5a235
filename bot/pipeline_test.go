package bot_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"briefbot/commands"
	"briefbot/extract"
	"briefbot/source"
	"briefbot/store"
)

// pipeline is a commands.SourceAdmin over the real loader, extractor and
// store (load -> extract -> store), standing in for the one briefbot run
// wires up, so the end-to-end tests exercise real facts and real
// persistence of sources added from Discord.
type pipeline struct {
	db     *store.DB
	loader *source.Loader
	static []source.Config // from the config file

	mu sync.Mutex // one load at a time, as a reload would
}

var _ commands.SourceAdmin = (*pipeline)(nil)

// seedConfig is the bundled seed article as a configured file source.
func seedConfig() source.Config {
	c := source.Default()
	c.Path = filepath.Join("..", c.Path)
	return c
}

func (p *pipeline) configs(ctx context.Context) ([]source.Config, map[string]*store.SourceConfig, error) {
	added, err := p.db.FindSourceConfigs(ctx)
	if err != nil {
		return nil, nil, err
	}
	cs := append([]source.Config(nil), p.static...)
	byName := map[string]*store.SourceConfig{}
	for _, a := range added {
		byName[a.Name] = a
		cs = append(cs, source.Config{Name: a.Name, URL: a.Location, Published: a.Published, Title: a.Title})
	}
	return cs, byName, nil
}

func (p *pipeline) load(ctx context.Context, c source.Config) commands.LoadReport {
	start := time.Now()
	rep := commands.LoadReport{Name: c.Name, Outcome: commands.Unchanged}
	loc := c.Path + c.URL
	arts, err := p.loader.Load(ctx, c)
	if err != nil {
		p.db.RecordFailure(ctx, c.Name, loc, err)
		rep.Outcome, rep.Reason = commands.Failed, err.Error()
		return rep
	}
	for _, a := range arts {
		in := store.SourceInput{
			Name: a.Source, Location: a.Location, URL: a.URL, Title: a.Title,
			Published: a.Published.Format(time.DateOnly), PublishedNote: a.PublishedNote, Text: a.Text,
		}
		in.Doc = extract.Extract(a.Text, a.Published)
		res, err := p.db.LoadSource(ctx, in)
		if err != nil {
			rep.Outcome, rep.Reason = commands.Failed, err.Error()
			return rep
		}
		if res.Status != store.ResultUnchanged {
			rep.Outcome = commands.Changed
		}
		rep.Facts += res.Entities + res.Events + res.Quotes
	}
	rep.Duration = time.Since(start)
	return rep
}

func (p *pipeline) Reload(ctx context.Context, progress func(string)) ([]commands.LoadReport, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cs, _, err := p.configs(ctx)
	if err != nil {
		return nil, fmt.Errorf("reload: %w", err)
	}
	var out []commands.LoadReport
	for i, c := range cs {
		progress(fmt.Sprintf("Loading %d of %d: %s", i+1, len(cs), c.Name))
		out = append(out, p.load(ctx, c))
	}
	return out, nil
}

func (p *pipeline) Add(ctx context.Context, src commands.NewSource) (commands.LoadReport, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	sc := &store.SourceConfig{Name: src.Name, Location: src.Location, Published: src.Published, Title: src.Title, AddedBy: src.AddedBy}
	if err := p.db.AddSourceConfig(ctx, sc); err != nil {
		return commands.LoadReport{}, err
	}
	rep := p.load(ctx, source.Config{Name: src.Name, URL: src.Location, Published: src.Published, Title: src.Title})
	if rep.Outcome == commands.Failed {
		p.db.RemoveSourceConfig(ctx, src.Name)
		p.db.RemoveSource(ctx, src.Name)
		return rep, errors.New(rep.Reason)
	}
	return rep, nil
}

func (p *pipeline) Remove(ctx context.Context, name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.static {
		if c.Name == name {
			return fmt.Errorf("%s is defined in the config file; remove it there", name)
		}
	}
	if err := p.db.RemoveSourceConfig(ctx, name); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("remove %s: %w", name, commands.ErrSourceNotFound)
	} else if err != nil {
		return err
	}
	// Feed items are stored as "<name>/<item>".
	srcs, err := p.db.FindSources(ctx)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		if s.Name == name || strings.HasPrefix(s.Name, name+"/") {
			if err := p.db.RemoveSource(ctx, s.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *pipeline) List(ctx context.Context) ([]commands.SourceStatus, error) {
	cs, added, err := p.configs(ctx)
	if err != nil {
		return nil, err
	}
	srcs, err := p.db.FindSources(ctx)
	if err != nil {
		return nil, err
	}
	var out []commands.SourceStatus
	for _, c := range cs {
		st := commands.SourceStatus{Name: c.Name, Location: c.Path + c.URL, Title: c.Title, Published: c.Published, Origin: "config"}
		if a := added[c.Name]; a != nil {
			st.Origin, st.AddedBy = "discord", a.AddedBy
		}
		for _, s := range srcs {
			if s.Name == c.Name || strings.HasPrefix(s.Name, c.Name+"/") {
				st.Facts += s.Entities + s.Events + s.Quotes
				st.LastError = s.LastError
				if t, err := time.Parse(time.RFC3339, s.LoadedAt); err == nil {
					st.LoadedAt = t
				}
			}
		}
		out = append(out, st)
	}
	return out, nil
}
