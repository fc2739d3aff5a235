package main

import (
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
	"time"

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
	dbPath     string
	configPath string
	config     *source.File
}

func (e *env) flags(fs *flag.FlagSet) {
	fs.StringVar(&e.dbPath, "db", "", "database file (default: the config's db, else ./"+defaultDB+")")
	fs.StringVar(&e.configPath, "config", "", "config file (see config.example.json)")
}

// load reads the config, if any, and settles the database path.
func (e *env) load() error {
	e.config = &source.File{}
	if e.configPath != "" {
		f, err := source.LoadConfigFile(e.configPath)
		if err != nil {
			return err
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

// parse parses the command's flags, then reads the config.
func (e *env) parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	return e.load()
}

func (e *env) open() (*store.DB, error) {
	db := store.NewDB(e.dbPath)
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open database %s: %w", e.dbPath, err)
	}
	return db, nil
}

func (e *env) manager(db *store.DB) *source.Manager {
	return &source.Manager{Loader: &source.Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
}

// builtin is the embedded default article when no source is configured.
func (e *env) builtin() []source.Article {
	if len(e.config.Sources) > 0 {
		return nil
	}
	return []source.Article{source.DefaultArticle()}
}

// loadDefaults loads the configured sources, or the embedded default
// article when none are configured.
func (e *env) loadDefaults(ctx context.Context, m *source.Manager) []source.Report {
	if len(e.config.Sources) > 0 {
		return m.Reload(ctx, e.config.Sources)
	}
	return []source.Report{m.LoadArticle(ctx, source.DefaultArticle())}
}

// ensureLoaded loads the default sources into an empty database, so that
// a fresh clone answers questions with no set-up.
func (e *env) ensureLoaded(ctx context.Context, db *store.DB, stderr io.Writer) error {
	srcs, err := db.FindSources(ctx)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		for _, r := range e.loadDefaults(ctx, e.manager(db)) {
			fmt.Fprintln(stderr, formatReport(r))
		}
	}
	return nil
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("ingest", "[--db PATH] [--config FILE] [--published DATE] [--title T] [PATH|URL ...]", stderr)
	e.flags(fs)
	published := fs.String("published", "", "publication date (YYYY-MM-DD) of the given files, when they don't say")
	title := fs.String("title", "", "title of the given file (one source only)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if *title != "" && fs.NArg() != 1 {
		return errors.New("--title needs exactly one PATH or URL")
	}
	var cfgs []source.Config
	for _, arg := range fs.Args() {
		c := source.Config{Name: sourceName(arg), Published: *published, Title: *title}
		if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
			c.URL = arg
		} else {
			c.Path = arg
		}
		if err := c.Validate(); err != nil {
			return err
		}
		cfgs = append(cfgs, c)
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	m := e.manager(db)
	var reports []source.Report
	if len(cfgs) > 0 {
		reports = m.Reload(ctx, cfgs)
	} else {
		reports = e.loadDefaults(ctx, m)
	}
	failed := 0
	for _, r := range reports {
		fmt.Fprintln(stdout, formatReport(r))
		if r.Status == store.ResultFailed {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed to load", failed, len(reports))
	}
	return nil
}

// sourceName derives a source name from a path or URL: the file name
// without extension, or the URL's host and path.
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
	if r.Status == store.ResultFailed {
		return fmt.Sprintf("%-9s %s: %s", r.Status, r.Name, r.Error)
	}
	line := fmt.Sprintf("%-9s %s: %d entities, %d events, %d quotes", r.Status, r.Name, r.Entities, r.Events, r.Quotes)
	if r.Published != "" {
		line += ", published " + r.Published
	}
	if r.Note != "" {
		line += " (" + r.Note + ")"
	}
	return line
}

func runAsk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("ask", `[--db PATH] [--config FILE] [--json] [--guild ID] "/who rutte"`, stderr)
	e.flags(fs)
	asJSON := fs.Bool("json", false, "print the response as JSON")
	guild := fs.String("guild", "", "answer as in guild `ID`: from the global sources and that guild's own (default: the global sources only)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New(`ask needs a command, e.g. briefbot ask "/who rutte"`)
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	admin := &source.Admin{Manager: e.manager(db), Store: db, Static: e.config.Sources, Builtin: e.builtin()}
	router, _ := newRouter(db, admin, commands.URLPolicy{}, slog.New(slog.DiscardHandler))
	req, err := commands.ParseLine(strings.Join(fs.Args(), " "), router.Definitions())
	if err != nil {
		return err
	}
	if err := e.ensureLoaded(ctx, db, stderr); err != nil {
		return err
	}
	req.Caller = commands.Caller{UserID: "cli", Name: "cli", Admin: true}
	req.GuildID = *guild
	// --json is data: every item, unless a page was asked for.
	req.All = *asJSON && !req.PageGiven
	resp := router.Serve(ctx, req)
	if *asJSON {
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
		if !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		fmt.Fprint(stdout, out)
	}
	if resp.Error {
		return errSilent
	}
	return nil
}

// errSilent fails a command whose output already said what went wrong.
var errSilent = errors.New("")

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "--published DATE [--title T] FILE|-", stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD); inferred from the text when omitted")
	title := fs.String("title", "", "title of the text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("extract needs one FILE, or - for standard input")
	}
	c := source.Config{Name: "extract", Path: fs.Arg(0), Published: *published, Title: *title}
	if err := c.Validate(); err != nil {
		return err
	}
	l := &source.Loader{}
	var arts []source.Article
	var err error
	if fs.Arg(0) == "-" {
		arts, err = l.LoadReader(context.Background(), c, stdin)
	} else {
		arts, err = l.Load(context.Background(), c)
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
	doc := extract.Extract(arts[0].Text, arts[0].Published)
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
	fs := newFlags("digest", "[--db PATH] [--config FILE] [--since DATE] [--channel ID] [--guild ID]", stderr)
	e.flags(fs)
	sinceFlag := fs.String("since", "", "show developments from sources loaded since DATE (YYYY-MM-DD or RFC 3339) instead of since the channel's last digest")
	channel := fs.String("channel", "", "preview the digest of channel ID (its schedule, watermark and posted items)")
	guild := fs.String("guild", "", "read guild `ID`'s view: the global sources and that guild's own (default: the global sources only, or the channel's guild)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("digest takes no arguments, got %q", fs.Args())
	}
	var since time.Time
	if *sinceFlag != "" {
		var err error
		if since, err = digest.ParseSince(*sinceFlag); err != nil {
			return fmt.Errorf("digest: %w", err)
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
	_, err = io.WriteString(stdout, d.Message.Text())
	return err
}
