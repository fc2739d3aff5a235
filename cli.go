package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"briefbot/bot"
	"briefbot/commands"
	"briefbot/digest"
	"briefbot/extract"
	"briefbot/source"
	"briefbot/store"
)

// defaultDB is where the database lives unless the config or --db says
// otherwise.
const defaultDB = "briefbot.db"

// newFlags returns a flag set whose --help prints synopsis and the flags.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: briefbot %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// env is the configuration and database shared by the commands that use a
// database.
type env struct {
	dbPath       string
	configPath   string
	allowPrivate bool
	config       *source.File
}

func (e *env) flags(fs *flag.FlagSet) {
	fs.StringVar(&e.dbPath, "db", "", "database file (default: the config's db, else ./"+defaultDB+")")
	fs.StringVar(&e.configPath, "config", "", "config file (see config.example.json)")
}

// privateFlag adds --allow-private-urls, for the commands that fetch.
func (e *env) privateFlag(fs *flag.FlagSet) {
	fs.BoolVar(&e.allowPrivate, "allow-private-urls", false, "allow loopback and private addresses (a local test feed); never on a public bot")
}

// loader returns a Loader under the one URL policy: private addresses
// only when the flag or the config's allow_private_urls says so.
func (e *env) loader(logger *slog.Logger) *source.Loader {
	return &source.Loader{AllowPrivate: e.allowPrivate || e.config.AllowPrivateURLs, Logger: logger}
}

// load reads the config, if any, and settles the database path.
func (e *env) load() error {
	e.config = &source.File{}
	if e.configPath != "" {
		f, err := source.LoadConfigFile(e.configPath)
		if err != nil {
			return err
		}
		// The discord section is checked by every subcommand, so that a
		// typo there fails at ingest, not first at run.
		if _, err := bot.DecodeConfig(f.Discord); err != nil {
			return fmt.Errorf("config %s: %w", e.configPath, err)
		}
		e.config = f
	}
	if e.dbPath == "" {
		e.dbPath = e.config.DB
	}
	if e.dbPath == "" {
		e.dbPath = defaultDB
	}
	return nil
}

// parse parses the command's flags, wherever they are on the line, then
// reads the config.
func (e *env) parse(fs *flag.FlagSet, args []string) error {
	if err := parseAnywhere(fs, args); err != nil {
		return err
	}
	return e.load()
}

// parseAnywhere parses flags wherever they appear among the arguments,
// as people type them (`ask "/who rutte" --json`), so that no flag is
// taken for part of a query; "--" ends the flags. fs.Args() then holds
// the other arguments in order.
func parseAnywhere(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return exitError{code: exitUsage, err: err, shown: true}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

func (e *env) open() (*store.DB, error) {
	db := store.NewDB(e.dbPath)
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open database %s: %w", e.dbPath, err)
	}
	return db, nil
}

func (e *env) manager(db *store.DB) *source.Manager {
	quiet := slog.New(slog.DiscardHandler)
	return &source.Manager{Loader: e.loader(quiet), Store: db, Logger: quiet}
}

// admin is the source administration over db for the offline commands.
func (e *env) admin(db *store.DB) *source.Admin {
	return &source.Admin{Manager: e.manager(db), Store: db, Static: e.config.Sources, Builtin: e.builtin()}
}

// lazyAdmin is the source administration for `ask`, made on first use:
// most commands never administer sources, and making it decodes the
// embedded default article (about 0.4 ms of a cold start).
type lazyAdmin struct {
	once  sync.Once
	make  func() *source.Admin
	admin *source.Admin
}

func (l *lazyAdmin) get() *source.Admin {
	l.once.Do(func() { l.admin = l.make() })
	return l.admin
}

func (l *lazyAdmin) Reload(ctx context.Context, guild string, progress func(string)) ([]source.LoadReport, error) {
	return l.get().Reload(ctx, guild, progress)
}

func (l *lazyAdmin) Add(ctx context.Context, src source.NewSource) (source.LoadReport, error) {
	return l.get().Add(ctx, src)
}

func (l *lazyAdmin) Remove(ctx context.Context, guild, name string) error {
	return l.get().Remove(ctx, guild, name)
}

func (l *lazyAdmin) List(ctx context.Context, guild string) ([]source.SourceStatus, error) {
	return l.get().List(ctx, guild)
}

// builtin is the embedded default article when no source is configured.
func (e *env) builtin() []source.Article {
	if len(e.config.Sources) > 0 {
		return nil
	}
	return []source.Article{source.DefaultArticle()}
}

// loadDefaults loads the configured sources, or the embedded default
// article when none are configured. With a config file, the config and
// built-in sources it no longer names are removed first and reported as
// removed.
func (e *env) loadDefaults(ctx context.Context, m *source.Manager) []source.Report {
	var reps []source.Report
	emit := func(rs ...source.Report) {
		for _, r := range rs {
			if m.OnReport != nil {
				m.OnReport(r)
			}
		}
		reps = append(reps, rs...)
	}
	if e.configPath != "" {
		keep := e.config.Sources
		if len(keep) == 0 {
			keep = []source.Config{{Name: source.Default().Name}}
		}
		emit(m.Prune(ctx, keep)...)
	}
	if len(e.config.Sources) > 0 {
		return append(reps, m.Reload(ctx, e.config.Sources)...) // Reload emits its own
	}
	emit(m.LoadArticle(ctx, source.DefaultArticle()))
	return reps
}

// ensureLoaded loads the default sources into an empty database, so that
// a fresh clone answers questions with no set-up.
func (e *env) ensureLoaded(ctx context.Context, db *store.DB, stderr io.Writer) error {
	has, err := db.HasSources(ctx)
	if err != nil {
		return err
	}
	if !has {
		for _, r := range e.loadDefaults(ctx, e.manager(db)) {
			fmt.Fprintln(stderr, formatReport(r))
		}
	}
	return nil
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("ingest", "[--db PATH] [--config FILE] [--allow-private-urls] [--published DATE] [--title T] [PATH|URL ...]", stderr)
	e.flags(fs)
	e.privateFlag(fs)
	published := fs.String("published", "", "publication date (YYYY-MM-DD) of the given files, when they don't say")
	title := fs.String("title", "", "title of the given file (one source only)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if *title != "" && fs.NArg() != 1 {
		return usageErrorf("--title needs exactly one PATH or URL")
	}
	cfgs, err := adhocConfigs(fs.Args(), *published, *title)
	if err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	m := e.manager(db)
	total := len(cfgs)
	if total == 0 {
		total = max(len(e.config.Sources), 1)
	}
	bar := newProgress(stderr, total)
	var sum ingestSummary
	m.OnReport = func(r source.Report) {
		bar.clear()
		fmt.Fprintln(stdout, formatReport(r))
		sum.add(r)
		bar.add(sum.total)
	}
	if len(cfgs) > 0 {
		m.Reload(ctx, cfgs)
	} else {
		e.loadDefaults(ctx, m)
	}
	bar.finish()
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "ingest: stopped: %s\n", sum)
		return exitError{code: exitFailure}
	}
	// A bulk load leaves the search index in many small segments: one
	// merge makes /search several times faster for well under a second
	// (README, "At scale"). Small loads are left to FTS5's automerge.
	if sum.added+sum.changed >= optimizeAfter {
		t0 := time.Now()
		if err := db.OptimizeSearch(ctx); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "ingest: search index merged in %v\n", time.Since(t0).Round(time.Millisecond))
	}
	if sum.failed > 0 {
		return fmt.Errorf("%d of %d sources failed to load", sum.failed, sum.total)
	}
	return nil
}

// optimizeAfter is the number of articles added or changed by one ingest
// after which it merges the search index (a variable so that a test can
// lower it).
var optimizeAfter = 500

// ingestSummary counts an ingest's reports by outcome.
type ingestSummary struct {
	total, added, changed, unchanged, removed, failed, cancelled int
}

func (s *ingestSummary) add(r source.Report) {
	s.total++
	switch {
	case r.Status == store.ResultAdded:
		s.added++
	case r.Status == store.ResultChanged:
		s.changed++
	case r.Status == store.ResultUnchanged:
		s.unchanged++
	case r.Status == source.StatusRemoved:
		s.removed++
	case r.Error == source.ErrCancelled.Error():
		s.cancelled++
	default:
		s.failed++
	}
}

func (s ingestSummary) String() string {
	return fmt.Sprintf("%d added, %d changed, %d unchanged, %d removed, %d failed, %d cancelled",
		s.added, s.changed, s.unchanged, s.removed, s.failed, s.cancelled)
}

// adhocConfigs turns the paths and URLs given on the command line into
// ad-hoc sources. Two that would get the same name are refused, both
// named, since the second would silently replace the first.
func adhocConfigs(args []string, published, title string) ([]source.Config, error) {
	var cfgs []source.Config
	first := map[string]string{}
	for _, arg := range args {
		c := source.Config{Name: sourceName(arg), Published: published, Title: title, Origin: store.OriginAdhoc}
		if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
			c.URL = arg
		} else {
			c.Path = arg
		}
		if err := c.Validate(); err != nil {
			return nil, errors.New(source.Redact(err.Error()))
		}
		if prev, ok := first[c.Name]; ok {
			return nil, fmt.Errorf("%s and %s would both be stored as source %q; load them in separate runs, or rename one",
				source.Redact(prev), source.Redact(arg), c.Name)
		}
		first[c.Name] = arg
		cfgs = append(cfgs, c)
	}
	return cfgs, nil
}

// sourceName derives a source name from a path or URL: the file name
// without extension, or the URL's host and path (never its credentials).
func sourceName(arg string) string {
	if u, err := url.Parse(arg); err == nil && u.Host != "" {
		n := strings.Trim(u.Host+strings.ReplaceAll(u.Path, "/", "-"), "-")
		if n == "" {
			return "url"
		}
		return n
	}
	base := filepath.Base(arg)
	if n := strings.TrimSuffix(base, filepath.Ext(base)); n != "" && n != "." {
		return n
	}
	return base
}

// formatReport is one line of the ingest report.
func formatReport(r source.Report) string {
	switch r.Status {
	case store.ResultFailed:
		return fmt.Sprintf("%-9s %s: %s", r.Status, r.Name, r.Error)
	case source.StatusRemoved:
		return fmt.Sprintf("%-9s %s: no longer in the config; its facts are gone", r.Status, r.Name)
	}
	line := fmt.Sprintf("%-9s %s: %d entities, %d events, %d quotes", r.Status, r.Name, r.Entities, r.Events, r.Quotes)
	if r.Published != "" {
		line += ", published " + r.Published
	}
	if r.Note != "" {
		line += " (" + r.Note + ")"
	}
	if r.Warning != "" {
		line += "; " + r.Warning
	}
	return line
}

func runAsk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("ask", `[--db PATH] [--config FILE] [--json] [--format text|markdown] [--limit N] [--guild ID] "/who rutte"`, stderr)
	e.flags(fs)
	asJSON := fs.Bool("json", false, "print the command's structured result as JSON")
	format := fs.String("format", "text", "text (plain, wrapped to the terminal) or markdown (as Discord shows it)")
	limit := fs.Int("limit", 0, "show N items (a page of N; page:K for the next), instead of every item")
	fs.Usage = func() { askUsage(stderr, fs) }
	guild := fs.String("guild", "", "answer as in guild `ID`: from the global sources and that guild's own (default: the global sources only)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "markdown" {
		return usageErrorf("--format %q: want text or markdown", *format)
	}
	if *limit < 0 {
		return usageErrorf("--limit %d: want a positive number", *limit)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageErrorf(`ask needs a command, e.g. briefbot ask "/who rutte"`)
	}
	// One command, then exit: a page-cache pool saves its page faults.
	store.ShortLivedPageCache()
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	router, _ := newRouter(db, &lazyAdmin{make: func() *source.Admin { return e.admin(db) }}, slog.New(slog.DiscardHandler), commands.Options{PageSize: *limit})
	req, err := commands.ParseLine(strings.Join(fs.Args(), " "), router.Definitions())
	if err != nil {
		return usageErrorf("%v", err)
	}
	if err := e.ensureLoaded(ctx, db, stderr); err != nil {
		return err
	}
	req.Caller = commands.Caller{UserID: "cli", Name: "cli", Admin: true}
	req.GuildID = *guild
	// A terminal shows every item, unless a page or a limit was asked
	// for: scrolling is free there, and no option could reach "… and 4
	// more".
	req.All = !req.PageGiven && *limit == 0
	resp := router.Serve(ctx, req)
	return printResponse(stdout, resp, *asJSON, *format)
}

// printResponse prints a command's response as the terminal asks for it
// (its structured result as JSON, plain text wrapped to a terminal, or
// Discord's Markdown) and returns the exit status it stands for.
func printResponse(stdout io.Writer, resp *commands.Response, asJSON bool, format string) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		var v any = resp
		if resp.Data != nil && !resp.Error {
			v = resp.Data
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	} else {
		out := commands.RenderText(resp)
		if format == "markdown" {
			out = commands.RenderMarkdown(resp)
		} else if w := terminalWidth(stdout); w > 0 {
			out = wrap(out, w)
		}
		if !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		fmt.Fprint(stdout, out)
	}
	switch {
	case resp.Invalid:
		return exitError{code: exitUsage}
	case resp.NotFound:
		return exitError{code: exitNotFound}
	case resp.Error:
		return exitError{code: exitFailure}
	}
	return nil
}

// askUsage lists ask's flags and every slash command with its options,
// /admin included, from the same definitions Discord registers.
func askUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: briefbot ask [flags] \"/command option:value ...\"\n\nFlags:\n")
	fs.PrintDefaults()
	fmt.Fprintf(w, "\nCommands (options as name:value, or the first ones positionally):\n")
	router, _ := newRouter(nil, nil, slog.New(slog.DiscardHandler), commands.Options{})
	for _, d := range router.Definitions() {
		printDefinition(w, "/"+d.Name, d)
	}
	fmt.Fprintf(w, "\nExit status: 0 answered, 1 error, 2 usage error, 3 nothing found.\n")
}

func printDefinition(w io.Writer, path string, d commands.Definition) {
	if len(d.Subcommands) > 0 {
		for _, sub := range d.Subcommands {
			printDefinition(w, path+" "+sub.Name, sub)
		}
		return
	}
	line := "  " + path
	for _, o := range d.Options {
		if o.Required {
			line += " " + o.Name + ":…"
		} else {
			line += " [" + o.Name + ":…]"
		}
	}
	fmt.Fprintf(w, "%-52s %s\n", line, d.Description)
}

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "[--published DATE] [--title T] FILE|-", stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD); inferred from the text when omitted")
	title := fs.String("title", "", "title of the text")
	if err := parseAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageErrorf("extract needs one FILE, or - for standard input")
	}
	c := source.Config{Name: "extract", Path: fs.Arg(0), Published: *published, Title: *title}
	if err := c.Validate(); err != nil {
		return err
	}
	l := &source.Loader{}
	var (
		arts []source.Article
		raw  []byte
		err  error
	)
	if fs.Arg(0) == "-" {
		if raw, err = io.ReadAll(io.LimitReader(stdin, source.DefaultMaxBytes+1)); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		arts, err = l.LoadReader(context.Background(), c, bytes.NewReader(raw))
	} else {
		arts, err = l.Load(context.Background(), c)
		if err == nil {
			raw, err = os.ReadFile(fs.Arg(0))
		}
	}
	if err != nil {
		return err
	}
	if len(arts) != 1 {
		return fmt.Errorf("extract takes one article; %s holds %d", fs.Arg(0), len(arts))
	}
	if arts[0].PublishedNote != "" {
		fmt.Fprintf(stderr, "published %s (%s)\n", arts[0].Published.Format("2006-01-02"), arts[0].PublishedNote)
	}
	// Offsets index the input exactly as given when it is plain text;
	// for HTML they index the text taken from it.
	text, exact := source.ExactText(raw, arts[0].Text)
	if !exact {
		text = arts[0].Text
		fmt.Fprintln(stderr, "offsets index the article text taken from the input, not the input bytes")
	}
	doc := extract.Extract(text, arts[0].Published)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("export", "[--db PATH] [--config FILE]", stderr)
	e.flags(fs)
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(e.dbPath); err != nil {
		return fmt.Errorf("no database at %s: run briefbot ingest first", e.dbPath)
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	x, err := db.Export(ctx)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(x)
}

func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("digest", "[--db PATH] [--config FILE] [--since DATE] [--channel ID] [--guild ID] [--json] [--format text|markdown]", stderr)
	e.flags(fs)
	sinceFlag := fs.String("since", "", "show developments from sources loaded since DATE (YYYY-MM-DD or RFC 3339) instead of since the channel's last digest")
	channel := fs.String("channel", "", "preview the digest of channel ID (its schedule, watermark and posted items)")
	guild := fs.String("guild", "", "read guild `ID`'s view: the global sources and that guild's own (default: the global sources only, or the channel's guild)")
	asJSON := fs.Bool("json", false, "print the digest's structured result as JSON (as ask \"/digest\" --json)")
	format := fs.String("format", "text", "text (plain, wrapped to the terminal) or markdown (as Discord shows it)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("digest takes no arguments, got %q", fs.Args())
	}
	if *format != "text" && *format != "markdown" {
		return usageErrorf("--format %q: want text or markdown", *format)
	}
	var since time.Time
	if *sinceFlag != "" {
		var err error
		if since, err = digest.ParseSince(*sinceFlag); err != nil {
			return usageErrorf("digest: %v", err)
		}
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	if err := e.ensureLoaded(ctx, db, stderr); err != nil {
		return err
	}
	d, err := digest.PreviewIn(ctx, db, *channel, *guild, since, time.Now())
	if err != nil {
		return err
	}
	// The same response /digest gives, so that the terminal prints it as
	// every other command: plain or Markdown, --json its structured
	// result, exit 3 when there is nothing new.
	return printResponse(stdout, commands.DigestMessageResponse(d), *asJSON, *format)
}

// runSource administers sources offline: list them with their state, or
// remove one with its facts (a source added from Discord, an ad-hoc
// ingest, or the leftover of a failed load).
func runSource(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = "list|remove NAME [--db PATH] [--config FILE] [--json]"
	if len(args) == 0 || (args[0] != "list" && args[0] != "remove") {
		fmt.Fprintf(stderr, "Usage: briefbot source %s\n", synopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flag.ErrHelp
		}
		return usageErrorf("source needs list or remove")
	}
	sub := args[0]
	var e env
	fs := newFlags("source "+sub, synopsis, stderr)
	e.flags(fs)
	asJSON := fs.Bool("json", false, "print the sources as JSON (list)")
	if err := e.parse(fs, args[1:]); err != nil {
		return err
	}
	if _, err := os.Stat(e.dbPath); err != nil {
		return fmt.Errorf("no database at %s: run briefbot ingest first", e.dbPath)
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	admin := e.admin(db)
	switch sub {
	case "list":
		if fs.NArg() > 0 {
			return usageErrorf("source list takes no arguments, got %q", fs.Args())
		}
		list, err := admin.List(ctx, source.AllGuilds)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if list == nil {
				list = []source.SourceStatus{}
			}
			return enc.Encode(list)
		}
		for _, s := range list {
			fmt.Fprintln(stdout, formatStatus(s))
		}
		return nil
	default:
		if fs.NArg() != 1 {
			return usageErrorf("source remove needs exactly one NAME (see briefbot source list)")
		}
		name := fs.Arg(0)
		if err := admin.Remove(ctx, source.AllGuilds, name); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed   %s\n", name)
		return nil
	}
}

// formatStatus is one line of `briefbot source list`.
func formatStatus(s source.SourceStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %-9s %s", s.Name, s.Origin, s.Location)
	if s.Guild != "" {
		fmt.Fprintf(&b, " (guild %s)", s.Guild)
	}
	if s.Articles > 1 {
		fmt.Fprintf(&b, ", %d articles", s.Articles)
	}
	fmt.Fprintf(&b, ", %d facts", s.Facts)
	if !s.LoadedAt.IsZero() {
		b.WriteString(", loaded " + s.LoadedAt.UTC().Format("2006-01-02 15:04"))
	}
	if poll := commands.PollLine(s); poll != "" {
		b.WriteString("; " + poll)
	}
	if s.LastError != "" {
		b.WriteString("; last failure: " + s.LastError)
	}
	return b.String()
}
