package source

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"briefbot/store"
)

// Outcome is what loading a source did, summed over its feed items.
type Outcome string

// The outcomes of loading a source, in the order reports list them.
const (
	Changed   Outcome = "changed"
	Unchanged Outcome = "unchanged"
	Failed    Outcome = "failed"
	// Removed is a source the config no longer names, removed with its
	// facts.
	Removed Outcome = "removed"
)

// LoadReport is the result of loading one source.
type LoadReport struct {
	Name    string  `json:"name"`
	Outcome Outcome `json:"outcome"`
	// Reason says why a load failed, or what changed ("3 of 40 items new
	// or changed"), or what a reader should know (a feed cut short).
	Reason string `json:"reason,omitempty"`
	// Facts is the number of facts the source holds after the load.
	Facts    int           `json:"facts"`
	Duration time.Duration `json:"duration_ns"`
}

// SourceStatus describes a source for /admin source list and
// `briefbot source list`.
type SourceStatus struct {
	Name      string `json:"name"`
	Location  string `json:"location"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	// Origin is "config" for sources from the configuration file,
	// "built-in" for the embedded default, "discord" for sources added
	// with /admin source add and "ingest" for stored sources no config
	// names (ad-hoc ingests).
	Origin  string `json:"origin"`
	AddedBy string `json:"added_by,omitempty"`
	// Guild is the Discord server that owns the source; empty for the
	// operator's global sources.
	Guild    string    `json:"guild,omitempty"`
	LoadedAt time.Time `json:"loaded_at,omitzero"`
	Facts    int       `json:"facts"`
	Articles int       `json:"articles"`
	// LastError is the reason the last load or fetch failed, or "".
	LastError string `json:"last_error,omitempty"`
	// LastFetched, NextDue, LastStatus (the HTTP status, 0 when no
	// response came) and Failures (in a row) are the poller's record of
	// a URL source; zero for files and built-in articles.
	LastFetched time.Time `json:"last_fetched,omitzero"`
	NextDue     time.Time `json:"next_due,omitzero"`
	LastStatus  int       `json:"last_status,omitempty"`
	Failures    int       `json:"failures,omitempty"`
}

// NewSource is a source an admin adds from Discord.
type NewSource struct {
	Location  string
	Name      string // "" to derive one from the URL
	Published string // YYYY-MM-DD, or "" to take it from the source
	Title     string
	AddedBy   string // the admin's user id
	// Guild is the server the source is added in, which then owns it;
	// "" adds a global source (the command line).
	Guild string
}

// ErrSourceNotFound is wrapped by errors about a source that does not
// exist (or that the asking server cannot see).
var ErrSourceNotFound = errors.New("source not found")

// AllGuilds, as the guild of List, lists every source whoever owns it:
// the operator's view on the command line.
const AllGuilds = "*"

// AdminStore is what Admin needs of the store beyond a Manager's needs:
// the sources admins add from Discord.
type AdminStore interface {
	FindSourceConfigs(ctx context.Context) ([]*store.SourceConfig, error)
	AddSourceConfig(ctx context.Context, c *store.SourceConfig) error
	RemoveSourceConfig(ctx context.Context, name string) error
	FindPollStates(ctx context.Context) ([]*store.PollState, error)
	DeletePollState(ctx context.Context, name string) error
}

var _ AdminStore = (*store.DB)(nil)

// Admin is the one home of source administration: the configured
// sources, those added from Discord and those ingested ad hoc. It serves
// /admin reload and /admin source (through the commands package's
// SourceAdmin interface), `briefbot source`, and the start-up load of
// `briefbot run`. Its Loaders carry the one URL policy.
type Admin struct {
	// Manager loads the sources of the config file.
	Manager *Manager
	// Added loads the sources admins add from Discord; its Loader's
	// policy vets their URLs. Nil means Manager.
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

func (a *Admin) store() Store { return a.Manager.Store }

// configs returns the configured sources the guild's view holds: the
// built-in, config file and global Discord sources, and the guild's own.
func (a *Admin) configs(ctx context.Context, guild string) ([]origin, error) {
	added, err := a.Store.FindSourceConfigs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]origin, 0, len(a.Builtin)+len(a.Static)+len(added))
	for i := range a.Builtin {
		b := &a.Builtin[i]
		out = append(out, origin{Config: Config{Name: b.Source, Title: b.Title, Published: b.Published.Format(time.DateOnly), Origin: store.OriginBuiltin}, builtin: b})
	}
	for _, c := range a.Static {
		c.Origin = store.OriginConfig
		out = append(out, origin{Config: c})
	}
	for _, sc := range added {
		g := sc.Guild
		if guild != AllGuilds && g != "" && g != guild {
			continue
		}
		out = append(out, origin{Config: Config{Name: sc.Name, URL: sc.Location, Published: sc.Published, Title: sc.Title, Origin: store.OriginDiscord, Guild: g}, added: sc})
	}
	return out, nil
}

// URLSources returns the URL sources to poll: the config file's and those
// added from Discord, every guild's. It is a Poller's Sources.
func (a *Admin) URLSources(ctx context.Context) ([]Config, error) {
	all, err := a.configs(ctx, AllGuilds)
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
func (a *Admin) load(ctx context.Context, o origin) LoadReport {
	start := time.Now()
	if o.builtin != nil {
		b := *o.builtin
		b.Origin = store.OriginBuiltin
		return summarize(o.Name, a.Manager.LoadArticles(ctx, []Article{b}), time.Since(start))
	}
	m := a.Manager
	if o.added != nil {
		m = a.added()
	}
	return summarize(o.Name, m.Load(ctx, o.Config), time.Since(start))
}

// summarize folds the reports of one source's articles into one:
// failed when any failed, changed when any was added or changed.
func summarize(name string, reps []Report, d time.Duration) LoadReport {
	rep := LoadReport{Name: name, Outcome: Unchanged, Duration: d}
	changed := 0
	var warnings []string
	for _, r := range reps {
		switch r.Status {
		case store.ResultFailed:
			rep.Outcome = Failed
			if rep.Reason == "" {
				rep.Reason = r.Error
			}
		case store.ResultAdded, store.ResultChanged:
			changed++
		}
		if r.Warning != "" {
			warnings = append(warnings, r.Warning)
		}
		rep.Facts += r.Entities + r.Events + r.Quotes
	}
	if rep.Outcome != Failed && changed > 0 {
		rep.Outcome = Changed
		if len(reps) > 1 {
			rep.Reason = fmt.Sprintf("%d of %d items new or changed", changed, len(reps))
		}
	}
	if rep.Outcome != Failed && len(warnings) > 0 {
		rep.Reason = joinNotes(rep.Reason, warnings[0])
	}
	return rep
}

// Reload loads every source of the guild's view again, calling progress
// before each, after removing the config sources the config no longer
// names (reported as Removed).
func (a *Admin) Reload(ctx context.Context, guild string, progress func(string)) ([]LoadReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	all, err := a.configs(ctx, guild)
	if err != nil {
		return nil, fmt.Errorf("reload: %w", err)
	}
	out := a.prune(ctx)
	for i, o := range all {
		if progress != nil {
			progress(fmt.Sprintf("Loading %d of %d: %s", i+1, len(all), o.Name))
		}
		out = append(out, a.load(ctx, o))
	}
	return out, nil
}

// prune removes the stored config and built-in sources that neither the
// config nor the built-in list names any more.
func (a *Admin) prune(ctx context.Context) []LoadReport {
	keep := append([]Config(nil), a.Static...)
	for _, b := range a.Builtin {
		keep = append(keep, Config{Name: b.Source})
	}
	reps := a.Manager.Prune(ctx, keep)
	return pruneReports(reps)
}

// pruneReports folds the removed feed items of one source into one
// report per configured source name.
func pruneReports(reps []Report) []LoadReport {
	var out []LoadReport
	index := map[string]int{}
	for _, r := range reps {
		top, _, _ := strings.Cut(r.Name, "/")
		i, ok := index[top]
		if !ok {
			i = len(out)
			index[top] = i
			out = append(out, LoadReport{Name: top, Outcome: Removed, Reason: "no longer in the config"})
		}
		if r.Status == store.ResultFailed {
			out[i].Outcome, out[i].Reason = Failed, r.Error
		}
	}
	return out
}

// belongs reports whether the stored source stored belongs to the
// configured source name: itself, or one of its feed's items
// ("name/item").
func belongs(stored, name string) bool {
	return stored == name || strings.HasPrefix(stored, name+"/")
}

// validSourceName reports whether a name added from Discord is a letter
// or digit followed by at most 63 letters, digits, '.', '_' or '-'.
// (Written out rather than as a \p{L} regexp, whose Unicode tables cost
// every process milliseconds at start-up.)
func validSourceName(name string) bool {
	n := 0
	for i, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.N, r)
		if i > 0 {
			ok = ok || r == '.' || r == '_' || r == '-'
		}
		if !ok {
			return false
		}
		n++
	}
	return n > 0 && n <= 64
}

// Add stores a source added from Discord and loads it; a source that
// cannot be loaded is not kept. Its URL is vetted by the Added loader's
// policy before anything is stored; a name left empty is derived from
// the URL.
func (a *Admin) Add(ctx context.Context, src NewSource) (LoadReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, err := a.added().Loader.CheckURL(ctx, strings.TrimSpace(src.Location))
	if err != nil {
		return LoadReport{}, err
	}
	if src.Name == "" {
		src.Name = NameFromURL(u)
	}
	if !validSourceName(src.Name) {
		return LoadReport{}, fmt.Errorf("source name %q: use letters, digits, '.', '_' or '-' (at most 64)", src.Name)
	}
	c := Config{Name: src.Name, URL: u.String(), Published: src.Published, Title: src.Title, Origin: store.OriginDiscord, Guild: src.Guild}
	if err := c.Validate(); err != nil {
		return LoadReport{}, err
	}
	all, err := a.configs(ctx, AllGuilds)
	if err != nil {
		return LoadReport{}, fmt.Errorf("add source: %w", err)
	}
	for _, o := range all {
		if !strings.EqualFold(o.Name, src.Name) {
			continue
		}
		switch {
		case o.builtin != nil:
			return LoadReport{}, fmt.Errorf("%s is the name of a built-in source; choose another name", src.Name)
		case o.added == nil:
			return LoadReport{}, fmt.Errorf("a source called %s is in the config file; choose another name", src.Name)
		}
		return LoadReport{}, fmt.Errorf("a source called %s already exists; choose another name", src.Name)
	}
	sc := &store.SourceConfig{Name: src.Name, Location: c.URL, Published: src.Published, Title: src.Title, AddedBy: src.AddedBy, Guild: src.Guild}
	if err := a.Store.AddSourceConfig(ctx, sc); errors.Is(err, store.ErrConflict) {
		return LoadReport{}, fmt.Errorf("a source called %s already exists; choose another name", src.Name)
	} else if err != nil {
		return LoadReport{}, err
	}
	rep := a.load(ctx, origin{Config: c, added: sc})
	if rep.Outcome == Failed {
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

// NameFromURL derives a source name from a URL: the last path segment
// without extension, else the host.
func NameFromURL(u *url.URL) string {
	seg := strings.Trim(u.Path, "/")
	if i := strings.LastIndexByte(seg, '/'); i >= 0 {
		seg = seg[i+1:]
	}
	if i := strings.LastIndexByte(seg, '.'); i > 0 {
		seg = seg[:i]
	}
	if seg == "" {
		seg = u.Hostname()
	}
	var b strings.Builder
	for _, r := range strings.ToLower(seg) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	n := strings.Trim(b.String(), "-._")
	if len(n) > 64 {
		n = strings.Trim(n[:64], "-._")
	}
	if n == "" {
		n = "source"
	}
	return n
}

// Remove deletes a source and its facts, as seen from guild: a guild
// removes only the sources it added; the command line (guild "" or
// AllGuilds) removes any source added from Discord and any stored source
// no config names, such as an ad-hoc ingest or the leftover of a failed
// load. Sources of the config file and built-in ones are refused: they
// would come back at the next load.
func (a *Admin) Remove(ctx context.Context, guild, name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range a.Static {
		if c.Name == name {
			return fmt.Errorf("%s is defined in the config file; remove it there and it goes at the next reload", name)
		}
	}
	for _, b := range a.Builtin {
		if b.Source == name {
			return fmt.Errorf("%s is built in; configure sources in the config file to replace it", name)
		}
	}
	added, err := a.Store.FindSourceConfigs(ctx)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	for _, sc := range added {
		if sc.Name != name {
			continue
		}
		// Another guild's source is not there for this guild. A global
		// one added from Discord before sources had owners may be
		// removed by any admin, as before.
		if g := sc.Guild; g != "" && guild != "" && guild != AllGuilds && g != guild {
			return fmt.Errorf("remove %s: %w", name, ErrSourceNotFound)
		}
		if err := a.Store.RemoveSourceConfig(ctx, name); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		return a.removeFacts(ctx, name)
	}
	if guild != "" && guild != AllGuilds {
		return fmt.Errorf("remove %s: %w", name, ErrSourceNotFound)
	}
	n, err := a.countStored(ctx, name)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	if n == 0 {
		return fmt.Errorf("remove %s: %w", name, ErrSourceNotFound)
	}
	return a.removeFacts(ctx, name)
}

func (a *Admin) countStored(ctx context.Context, name string) (int, error) {
	srcs, err := a.store().FindSources(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range srcs {
		if belongs(s.Name, name) {
			n++
		}
	}
	return n, nil
}

// removeFacts removes every stored article of the named source, and what
// the poller remembers of it.
func (a *Admin) removeFacts(ctx context.Context, name string) error {
	if err := a.Store.DeletePollState(ctx, name); err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	srcs, err := a.store().FindSources(ctx)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	for _, s := range srcs {
		if belongs(s.Name, name) {
			if err := a.store().RemoveSource(ctx, s.Name); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("remove %s: %w", name, err)
			}
		}
	}
	return nil
}

// List describes the sources of the guild's view with their stored
// facts: every configured source, then (for the command line's views)
// the stored sources no config names, by name.
func (a *Admin) List(ctx context.Context, guild string) ([]SourceStatus, error) {
	// Every configured source claims its stored rows, so that another
	// guild's sources never show up below as loose ones.
	all, err := a.configs(ctx, AllGuilds)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	srcs, err := a.store().FindSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	polls, err := a.Store.FindPollStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	polled := make(map[string]*store.PollState, len(polls))
	for _, p := range polls {
		polled[p.Name] = p
	}
	out := make([]SourceStatus, 0, len(all))
	claimed := make([]bool, len(srcs))
	for _, o := range all {
		st := SourceStatus{Name: o.Name, Location: Redact(configLocation(o.Config)), Title: o.Title, Published: o.Published, Origin: "config", Guild: o.Guild}
		switch {
		case o.added != nil:
			st.Origin, st.AddedBy = "discord", o.added.AddedBy
		case o.builtin != nil:
			st.Origin, st.Location = "built-in", "embedded in briefbot"
		}
		for i, s := range srcs {
			if !belongs(s.Name, o.Name) {
				continue
			}
			claimed[i] = true
			addStored(&st, s)
		}
		if p := polled[o.Name]; p != nil && p.Location == o.URL {
			st.LastFetched, st.NextDue, st.LastStatus, st.Failures = p.FetchedAt, p.NextDue, p.LastStatus, p.Failures
			if p.Failures > 0 {
				st.LastError = Redact(p.LastError)
			}
		}
		if guild == AllGuilds || o.Guild == "" || o.Guild == guild {
			out = append(out, st)
		}
	}
	// Stored sources no config names: ad-hoc ingests, the leftovers of
	// failed loads, config sources awaiting their removal. Shown so that
	// they can be removed; a feed's items are one line.
	var loose []SourceStatus
	index := map[string]int{}
	for i, s := range srcs {
		if claimed[i] || (guild != AllGuilds && s.Guild != "" && s.Guild != guild) {
			continue
		}
		top, _, _ := strings.Cut(s.Name, "/")
		j, ok := index[top]
		if !ok {
			j = len(loose)
			index[top] = j
			loose = append(loose, SourceStatus{Name: top, Location: Redact(s.Location), Origin: "ingest"})
		}
		addStored(&loose[j], s)
	}
	sort.Slice(loose, func(i, j int) bool { return loose[i].Name < loose[j].Name })
	return append(out, loose...), nil
}

// addStored adds a stored article's counts and state to st.
func addStored(st *SourceStatus, s *store.Source) {
	st.Articles++
	st.Facts += s.Entities + s.Events + s.Quotes
	if s.LastError != "" {
		st.LastError = Redact(s.LastError)
	}
	if st.Title == "" {
		st.Title = s.Title
	}
	if t, err := time.Parse(time.RFC3339, s.LoadedAt); err == nil && t.After(st.LoadedAt) {
		st.LoadedAt = t
	}
}
