// Package source loads configured sources — plain-text files, HTML pages,
// RSS/Atom feeds, local or over HTTP(S) — and turns them into Articles:
// UTF-8 text with paragraphs separated by blank lines, plus a title, a URL
// and a publication date, ready for the extract package.
//
// Loading is defensive because sources are untrusted input: every read is
// capped (Loader.MaxBytes), binary and mis-encoded files are refused with an
// error naming the problem, and HTTP requests are bounded in time, size and
// redirects. The Loader refuses to connect to loopback, private, link-local,
// carrier-grade NAT and cloud-metadata addresses unless AllowPrivate is set;
// the check runs in the dialer on the resolved address, so DNS rebinding and
// redirects cannot sneak past it.
//
// Sources are configured in the "sources" array of the config file (see
// LoadConfigFile and config.example.json at the repository root):
//
//	{"name": "rutte-white-house", "path": "source/2025-10-22-rutte-white-house.txt", "published": "2025-10-22"},
//	{"name": "bbc-world", "url": "https://feeds.bbci.co.uk/news/world/rss.xml"}
//
// A URL may serve a page or a feed; the content type decides. Feed items
// that carry only a teaser (like the BBC's) have their pages fetched and
// extracted, under the same limits and address policy.
//
// The package knows nothing about storage: the reload pipeline calls
// Loader.Load per Config and stores what comes back.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Defaults used when the corresponding Loader field is zero.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	// UserAgent identifies briefbot to the sites it reads.
	UserAgent = "briefbot/0.1 (+news briefing bot)"
)

// Notes explaining where Article.Published came from. PublishedNote is empty
// when the date was given in the config; inferred dates carry their own
// "inferred from text: …" / "from dateline: …" note.
const (
	NoteFromMetadata = "from page metadata"
	NoteFromFeed     = "from feed"
	NoteFromFileName = "from file name"
	NoteFromURL      = "from URL"
	NoteLoadDate     = "load date (no date found)"
)

// Config is one configured source, as in config.example.json. Exactly one
// of Path and URL is set. Published (YYYY-MM-DD) and Title override what
// the loader would find or infer; both are ignored for feeds, whose items
// carry their own.
type Config struct {
	Name      string `json:"name"`
	Path      string `json:"path,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`

	// Origin says who asked for the source (store.OriginConfig and so
	// on); it is set by the code that builds the Config, never read from
	// a file, and decides whether dropping the source from the config
	// removes it.
	Origin string `json:"-"`
	// Guild is the Discord server that owns a source added there; empty
	// for the operator's global sources.
	Guild string `json:"-"`
	// Every is how often a URL source is polled, as a Go duration ("15m",
	// "2h"), at least MinEvery. Empty means DefaultFeedEvery for a feed
	// and DefaultPageEvery for a page.
	Every string `json:"every,omitempty"`
}

// Interval returns c.Every parsed, or 0 when it is empty or invalid
// (Validate reports why).
func (c Config) Interval() time.Duration {
	d, err := parseEvery(c.Every)
	if err != nil {
		return 0
	}
	return d
}

// parseEvery parses an "every" value; "" is 0.
func parseEvery(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("every %q: want a duration such as 15m or 6h", s)
	}
	if d < MinEvery {
		return 0, fmt.Errorf("every %q: polling more often than every %s is not allowed", s, MinEvery)
	}
	return d, nil
}

// Validate reports the first problem with c, without touching the file
// system or the network.
func (c Config) Validate() error {
	switch {
	case c.Name == "":
		return errors.New("name is empty")
	case strings.TrimSpace(c.Name) != c.Name:
		return fmt.Errorf("name %q has leading or trailing space", c.Name)
	case strings.ContainsAny(c.Name, "/\n\r\t"):
		// "/" separates a feed's name from its item keys in Article.Source.
		return fmt.Errorf("name %q contains '/' or a control character", c.Name)
	case c.Path == "" && c.URL == "":
		return fmt.Errorf("source %q: needs a path or a url", c.Name)
	case c.Path != "" && c.URL != "":
		return fmt.Errorf("source %q: has both path and url; keep one", c.Name)
	}
	if c.URL != "" {
		if _, err := parseHTTPURL(c.URL); err != nil {
			return fmt.Errorf("source %q: %w", c.Name, err)
		}
	}
	if c.Published != "" {
		if _, err := ParsePublished(c.Published); err != nil {
			return fmt.Errorf("source %q: %w", c.Name, err)
		}
	}
	if c.Every != "" {
		if c.URL == "" {
			return fmt.Errorf("source %q: every applies to url sources only (files are read at start-up and on reload)", c.Name)
		}
		if _, err := parseEvery(c.Every); err != nil {
			return fmt.Errorf("source %q: %w", c.Name, err)
		}
	}
	return nil
}

// Article is one loadable text. Byte offsets computed by extract refer to
// Text exactly as returned here, so callers must store it unchanged.
type Article struct {
	// Source is the config name; for feed items "<feed name>/<item guid or link>".
	Source string
	// Location is where the text was read from: the configured path or URL.
	Location string
	// URL is the canonical address of the article: the final URL after
	// redirects, or the item link for feed items; empty for local files.
	URL   string
	Title string
	// Published keeps the time zone of its source; dates without a time
	// are midnight UTC.
	Published time.Time
	// PublishedNote says where Published came from ("" when configured).
	PublishedNote string
	// Note records anything a reader of the article should know about how
	// it was loaded, e.g. that a feed item fell back to its summary or
	// that the feed was cut to its newest items.
	Note string
	Text string
	// Origin and Guild come from the Config the article was loaded from.
	Origin string
	Guild  string
}

// Loader loads sources. The zero value is ready to use. A Loader is safe
// for concurrent use; its fields must not be changed after the first Load.
type Loader struct {
	// Client, when set, is used for HTTP instead of the Loader's own client.
	// Its Transport must then enforce the address policy itself (the
	// default client's dialer does); the Loader still checks schemes,
	// literal IP hosts and the redirect limit.
	Client *http.Client
	// MaxBytes caps every file and response body (default 10 MiB).
	MaxBytes int64
	// Timeout bounds each HTTP request including reading the body (default 30s).
	Timeout time.Duration
	// MaxRedirects bounds redirects per request (default 5; negative means none).
	MaxRedirects int
	// Now returns the load time, used when no publication date can be found.
	Now func() time.Time
	// AllowPrivate permits connections to loopback, private, link-local and
	// similar addresses. Only tests and trusted single-host setups need it.
	AllowPrivate bool
	// Resolver looks up host names for CheckURL; nil means
	// net.DefaultResolver.
	Resolver *net.Resolver
	// ItemConcurrency bounds parallel item-page fetches for feeds (default 4).
	ItemConcurrency int
	// MaxItems bounds the items taken from one feed, newest first as the
	// feed lists them (default 100), so a huge feed cannot trigger
	// thousands of page fetches.
	MaxItems int
	// SkipItem, when set, is asked about each feed item by its would-be
	// Article.Source before anything is fetched for it; returning true
	// leaves the item out. The reload pipeline uses it to avoid
	// re-fetching pages of items it already stored.
	SkipItem func(source string) bool
	Logger   *slog.Logger

	// permit exempts specific addresses from the policy; tests use it to
	// reach one httptest server while checking that others are refused.
	permit func(netip.AddrPort) bool

	once   sync.Once
	client *http.Client
}

func (l *Loader) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

func (l *Loader) timeout() time.Duration {
	if l.Timeout > 0 {
		return l.Timeout
	}
	return DefaultTimeout
}

func (l *Loader) maxRedirects() int {
	switch {
	case l.MaxRedirects > 0:
		return l.MaxRedirects
	case l.MaxRedirects < 0:
		return 0
	}
	return DefaultMaxRedirects
}

func (l *Loader) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func (l *Loader) logger() *slog.Logger {
	if l.Logger != nil {
		return l.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (l *Loader) maxItems() int {
	if l.MaxItems > 0 {
		return l.MaxItems
	}
	return 100
}

func (l *Loader) itemConcurrency() int {
	if l.ItemConcurrency > 0 {
		return l.ItemConcurrency
	}
	return 4
}

// Load loads one configured source. A file or page yields one Article, a
// feed one per usable item (none, without error, when SkipItem skipped
// them all). Errors read "load source "name": …".
func (l *Loader) Load(ctx context.Context, c Config) ([]Article, error) {
	start := time.Now()
	arts, err := l.load(ctx, c, nil)
	if err != nil {
		return nil, fmt.Errorf("load source %q: %w", c.Name, err)
	}
	l.logger().Debug("loaded source", "source", c.Name, "articles", len(arts), "elapsed", time.Since(start))
	return arts, nil
}

// LoadReader loads one source read from r, such as standard input, with
// the checks a file gets; c.Path names it in errors and date inference.
func (l *Loader) LoadReader(ctx context.Context, c Config, r io.Reader) ([]Article, error) {
	arts, err := l.load(ctx, c, r)
	if err != nil {
		return nil, fmt.Errorf("load source %q: %w", c.Name, err)
	}
	return arts, nil
}

// load loads c, reading from r instead of c.Path when r is not nil.
func (l *Loader) load(ctx context.Context, c Config, r io.Reader) ([]Article, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	var (
		d   *document
		err error
	)
	switch {
	case r != nil:
		d, err = l.readDocument(c.Path, r)
	case c.Path != "":
		d, err = l.readFile(c.Path)
	default:
		d, err = l.fetch(ctx, c.URL, nil)
	}
	if err != nil {
		return nil, err
	}
	return l.articles(ctx, c, d, l.SkipItem)
}

// articles turns the document read for c into Articles; skip leaves feed
// items out as SkipItem does.
func (l *Loader) articles(ctx context.Context, c Config, d *document, skip func(string) bool) ([]Article, error) {
	if d.kind == kindFeed {
		if c.Published != "" || c.Title != "" {
			l.logger().Warn("published/title ignored for feed", "source", c.Name)
		}
		arts, err := l.loadFeed(ctx, c, d, skip)
		for i := range arts {
			arts[i].Origin, arts[i].Guild = c.Origin, c.Guild
		}
		return arts, err
	}

	a, err := l.documentArticle(d)
	if err != nil {
		return nil, err
	}
	a.Source = c.Name
	a.Origin, a.Guild = c.Origin, c.Guild
	a.Location = c.Path
	if c.URL != "" {
		a.Location = Redact(c.URL)
	}
	if c.Title != "" {
		a.Title = c.Title
	}
	if c.Published != "" {
		t, _ := ParsePublished(c.Published) // checked by Validate
		a.Published, a.PublishedNote = t, ""
	}
	return []Article{a}, nil
}

// documentArticle turns a fetched or read HTML/plain-text document into an
// Article, finding its title and date. Source and Location are left to the
// caller.
func (l *Loader) documentArticle(d *document) (Article, error) {
	var a Article
	if d.url != nil {
		a.URL = d.url.String()
	}
	switch d.kind {
	case kindHTML:
		p, err := extractHTML(d.body, d.charset)
		if err != nil {
			return a, err
		}
		a.Title, a.Text = p.title, p.text
		if !p.published.IsZero() {
			a.Published, a.PublishedNote = p.published, NoteFromMetadata
		}
	default:
		text, err := decodeServedText(d.body, d.charset)
		if err != nil {
			return a, err
		}
		a.Text = text
		// Plain text keeps every byte where the input has it (line breaks
		// as spaces and newlines of the same length, a BOM as spaces,
		// leading blank lines kept), so that the offsets of its facts, in
		// export too, index the input itself. Trailing space moves no
		// offset and goes; a well-formed file is then its normalised
		// text, byte for byte.
		if exact, ok := ExactText(d.body, text); ok {
			a.Text = strings.TrimRightFunc(exact, unicode.IsSpace)
		}
		a.Title = titleFromText(text)
	}
	if a.Title == "" {
		a.Title = titleFromName(d.name)
	}
	if a.Published.IsZero() {
		a.Published, a.PublishedNote = InferPublished(d.name, a.Text, l.now())
	}
	return a, nil
}

// titleFromText takes the first line as the title when it looks like one:
// short and not ending a sentence, with more text following. News wires
// and Wikinews dumps put the headline there.
func titleFromText(text string) string {
	first, rest, ok := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if !ok || strings.TrimSpace(rest) == "" || first == "" || len(first) > 160 {
		return ""
	}
	switch first[len(first)-1] {
	case '.', ',', ';', ':':
		if !strings.HasSuffix(first, "Jr.") && !strings.HasSuffix(first, "Inc.") {
			return ""
		}
	}
	if len(strings.Fields(first)) < 2 {
		return ""
	}
	return first
}

// titleFromName makes a readable title out of a file or URL path name,
// dropping a leading date and the extension.
func titleFromName(name string) string {
	if name == "" {
		return ""
	}
	if u, err := url.Parse(name); err == nil && u.Scheme != "" {
		name = u.Path
		if strings.Trim(name, "/") == "" {
			return u.Host
		}
	}
	base := filepath.Base(strings.TrimRight(name, "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if m := fileDateRE().FindStringIndex(base); m != nil && m[0] == 0 {
		base = base[m[1]:]
	}
	base = strings.Trim(strings.NewReplacer("-", " ", "_", " ").Replace(base), " ")
	return base
}
