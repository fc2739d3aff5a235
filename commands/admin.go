package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Outcome is what loading a source did.
type Outcome string

// The outcomes of loading a source, in the order reports list them.
const (
	Changed   Outcome = "changed"
	Unchanged Outcome = "unchanged"
	Failed    Outcome = "failed"
)

// LoadReport is the result of loading one source.
type LoadReport struct {
	Name    string
	Outcome Outcome
	// Reason says why a load failed, or what changed ("12 new facts").
	Reason string
	// Facts is the number of facts the source holds after the load.
	Facts    int
	Duration time.Duration
}

// SourceStatus describes a configured source for /admin source list.
type SourceStatus struct {
	Name      string
	Location  string
	Title     string
	Published string
	// Origin is "config" for sources from the configuration file and
	// "discord" for sources added with /admin source add.
	Origin   string
	AddedBy  string
	LoadedAt time.Time
	Facts    int
	// LastError is the reason the last load failed, or "".
	LastError string
}

// NewSource is a source an admin adds from Discord.
type NewSource struct {
	Location  string
	Name      string
	Published string // YYYY-MM-DD, or "" to take it from the source
	Title     string
	AddedBy   string // the admin's user id
}

// ErrSourceNotFound is wrapped by SourceAdmin errors about a source that
// does not exist.
var ErrSourceNotFound = errors.New("source not found")

// SourceAdmin manages sources for the admin commands. Added sources are
// stored, loaded (fetched, extracted, stored) and survive restarts;
// removing one removes its facts.
type SourceAdmin interface {
	// Reload loads every source again, reporting progress as it goes.
	Reload(ctx context.Context, progress func(string)) ([]LoadReport, error)
	// Add stores and loads a new source. A source that cannot be loaded
	// is not kept: Add returns the error.
	Add(ctx context.Context, src NewSource) (LoadReport, error)
	// Remove deletes a source and its facts; ErrSourceNotFound when
	// there is no such source.
	Remove(ctx context.Context, name string) error
	List(ctx context.Context) ([]SourceStatus, error)
}

// Admin serves the /admin command group: reload, source add, source
// remove and source list. Every subcommand refuses callers that are not
// admins, whatever the transport checked before.
type Admin struct {
	Sources SourceAdmin
	// Policy vets URLs added from Discord.
	Policy URLPolicy
	// PageSize is the number of sources a page of the list shows.
	PageSize int
}

// Admin command paths.
const (
	cmdReload = "admin reload"
	cmdAdd    = "admin source add"
	cmdRemove = "admin source remove"
	cmdList   = "admin source list"
)

// Definition returns the /admin command group.
func (a *Admin) Definition() Definition {
	return Definition{
		Name:        "admin",
		Description: "Manage briefbot's sources (server admins only)",
		Admin:       true,
		Subcommands: []Definition{
			{Name: "reload", Description: "Reload every source and report what changed", Slow: true},
			{Name: "source", Description: "Add, remove or list sources", Subcommands: []Definition{
				{Name: "add", Description: "Add an article or feed by URL", Slow: true, Options: []Option{
					{Name: "location", Description: "http(s) URL of the article or feed", Type: String, Required: true, MaxLength: 2000},
					{Name: "name", Description: "Short name for the source (default: from the URL)", Type: String, MaxLength: 64},
					{Name: "published", Description: "Publication date, YYYY-MM-DD (default: from the source)", Type: String, MaxLength: 10},
					{Name: "title", Description: "Title to cite (default: from the source)", Type: String, MaxLength: 256},
				}},
				{Name: "remove", Description: "Remove a source and its facts", Options: []Option{
					{Name: "name", Description: "The source to remove", Type: String, Required: true, Autocomplete: true, MaxLength: 64},
					{Name: "confirm", Description: "True to remove without asking, false to cancel", Type: Boolean},
				}},
				{Name: "list", Description: "List the sources and their state"},
			}},
		},
	}
}

// Serve runs an admin subcommand.
func (a *Admin) Serve(ctx context.Context, req *Request) (*Response, error) {
	if !req.Caller.Admin {
		return refusal(req.Command), nil
	}
	switch strings.Join(strings.Fields(req.Command), " ") {
	case cmdReload:
		return a.reload(ctx, req)
	case cmdAdd:
		return a.add(ctx, req)
	case cmdRemove:
		return a.remove(ctx, req)
	case cmdList:
		return a.list(ctx, req)
	}
	return adminError("Unknown admin command /%s.", req.Command), nil
}

// Autocomplete offers source names for /admin source remove.
func (a *Admin) Autocomplete(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
	if !req.Caller.Admin || option != "name" {
		return nil, nil
	}
	srcs, err := a.Sources.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("autocomplete sources: %w", err)
	}
	t := strings.ToLower(strings.TrimSpace(typed))
	var prefix, inner []Choice
	for _, s := range srcs {
		n := strings.ToLower(s.Name)
		c := Choice{Name: s.Name, Value: s.Name}
		if s.Title != "" {
			c.Name = s.Name + " — " + s.Title
		}
		switch {
		case strings.HasPrefix(n, t):
			prefix = append(prefix, c)
		case strings.Contains(n, t) || strings.Contains(strings.ToLower(s.Title), t):
			inner = append(inner, c)
		}
	}
	out := append(prefix, inner...)
	if len(out) > 25 {
		out = out[:25]
	}
	return out, nil
}

func refusal(command string) *Response {
	return &Response{
		Title:     "Not allowed",
		Lines:     []string{fmt.Sprintf("/%s is for server admins only (Manage Server permission or a configured admin).", command)},
		Ephemeral: true, Error: true,
	}
}

func adminError(format string, args ...any) *Response {
	return &Response{Title: "Error", Lines: []string{fmt.Sprintf(format, args...)}, Ephemeral: true, Error: true}
}

func (a *Admin) reload(ctx context.Context, req *Request) (*Response, error) {
	progress := req.Progress
	if progress == nil {
		progress = func(string) {}
	}
	start := time.Now()
	reports, err := a.Sources.Reload(ctx, progress)
	if err != nil && len(reports) == 0 {
		return adminError("Reload failed: %v", err), nil
	}
	resp := ReloadReport(reports, time.Since(start))
	if err != nil {
		resp.Lines = append(resp.Lines, "Reload stopped early: "+err.Error())
		resp.Error = true
	}
	return resp, nil
}

// ReloadReport groups load reports by outcome: changed, then unchanged,
// then failed with their reasons.
func ReloadReport(reports []LoadReport, took time.Duration) *Response {
	groups := map[Outcome][]LoadReport{}
	for _, r := range reports {
		o := r.Outcome
		if o != Changed && o != Unchanged {
			o = Failed
		}
		groups[o] = append(groups[o], r)
	}
	resp := &Response{
		Title: fmt.Sprintf("Reload: %d changed, %d unchanged, %d failed",
			len(groups[Changed]), len(groups[Unchanged]), len(groups[Failed])),
	}
	if len(reports) == 0 {
		resp.Lines = []string{"No sources are configured."}
	}
	for _, o := range []Outcome{Changed, Unchanged, Failed} {
		rs := groups[o]
		if len(rs) == 0 {
			continue
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
		var lines []string
		for _, r := range rs {
			line := "**" + r.Name + "**"
			switch {
			case o == Failed && r.Reason != "":
				line += ": " + r.Reason
			case o == Failed:
				line += ": unknown error"
			case r.Reason != "":
				line += " — " + r.Reason
			case o == Changed:
				line += fmt.Sprintf(" — %d facts", r.Facts)
			}
			lines = append(lines, line)
		}
		name := strings.ToUpper(string(o[:1])) + string(o[1:])
		resp.Fields = append(resp.Fields, Field{Name: fmt.Sprintf("%s (%d)", name, len(rs)), Value: strings.Join(lines, "\n")})
	}
	if len(groups[Failed]) > 0 {
		resp.Error = true
	}
	resp.Footer = "Took " + took.Round(10*time.Millisecond).String()
	return resp
}

var sourceName = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$`)

func (a *Admin) add(ctx context.Context, req *Request) (*Response, error) {
	loc := strings.TrimSpace(req.Option("location"))
	u, err := a.Policy.Check(ctx, loc)
	if err != nil {
		return adminError("Cannot add %s: %v", loc, err), nil
	}
	name := strings.TrimSpace(req.Option("name"))
	if name == "" {
		name = NameFromURL(u)
	}
	if !sourceName.MatchString(name) {
		return adminError("Source name %q: use letters, digits, '.', '_' or '-' (at most 64).", name), nil
	}
	pub := strings.TrimSpace(req.Option("published"))
	if pub != "" {
		if _, err := time.Parse("2006-01-02", pub); err != nil {
			return adminError("Published date %q: want YYYY-MM-DD.", pub), nil
		}
	}
	srcs, err := a.Sources.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("add source: %w", err)
	}
	for _, s := range srcs {
		if strings.EqualFold(s.Name, name) {
			return adminError("A source named %s exists already (%s). Choose another name.", s.Name, s.Location), nil
		}
	}
	if req.Progress != nil {
		req.Progress("Fetching " + u.Redacted())
	}
	rep, err := a.Sources.Add(ctx, NewSource{
		Location: u.String(), Name: name, Published: pub,
		Title: strings.TrimSpace(req.Option("title")), AddedBy: req.Caller.UserID,
	})
	if err != nil {
		return adminError("Could not add %s: %v", name, err), nil
	}
	if rep.Outcome == Failed {
		return adminError("Could not add %s: %s", name, rep.Reason), nil
	}
	resp := &Response{
		Title: "Added source " + name,
		Lines: []string{fmt.Sprintf("%s — %d facts.", u.Redacted(), rep.Facts)},
	}
	if rep.Reason != "" {
		resp.Lines = append(resp.Lines, rep.Reason)
	}
	return resp, nil
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

func (a *Admin) remove(ctx context.Context, req *Request) (*Response, error) {
	name := strings.TrimSpace(req.Option("name"))
	srcs, err := a.Sources.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("remove source: %w", err)
	}
	var found *SourceStatus
	var names []string
	for i, s := range srcs {
		names = append(names, s.Name)
		if s.Name == name {
			found = &srcs[i]
		}
	}
	if found == nil {
		resp := adminError("No source named %q.", name)
		resp.Suggestions = closeNames(name, names, 5)
		return resp, nil
	}
	confirm := req.Option("confirm")
	switch confirm {
	case "":
		opts := func(c string) map[string]string { return map[string]string{"name": name, "confirm": c} }
		return &Response{
			Title: "Remove source " + name + "?",
			Lines: []string{
				fmt.Sprintf("%s (%s) and its %d facts will be removed.", name, found.Location, found.Facts),
			},
			Buttons: []Button{
				{Label: "Remove " + name, Command: cmdRemove, Options: opts("true"), Danger: true},
				{Label: "Cancel", Command: cmdRemove, Options: opts("false")},
			},
			Ephemeral: true,
		}, nil
	case "false":
		return &Response{Title: "Kept source " + name, Lines: []string{"Nothing was removed."}, Ephemeral: true}, nil
	case "true":
	default:
		return adminError("Option confirm must be true or false."), nil
	}
	if err := a.Sources.Remove(ctx, name); err != nil {
		if errors.Is(err, ErrSourceNotFound) {
			return adminError("No source named %q (removed already?).", name), nil
		}
		return adminError("Could not remove %s: %v", name, err), nil
	}
	return &Response{Title: "Removed source " + name, Lines: []string{fmt.Sprintf("%s and its facts are gone.", name)}}, nil
}

func (a *Admin) list(ctx context.Context, req *Request) (*Response, error) {
	srcs, err := a.Sources.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	size := a.PageSize
	if size <= 0 {
		size = 15
	}
	pages := (len(srcs) + size - 1) / size
	page := max(req.Page, 0)
	resp := &Response{Title: fmt.Sprintf("Sources (%d)", len(srcs)), Page: page, Pages: pages}
	if len(srcs) == 0 {
		resp.Lines = []string{"No sources yet. Add one with /admin source add."}
		return resp, nil
	}
	if page >= pages {
		return adminError("There are only %d pages.", pages), nil
	}
	for _, s := range srcs[page*size : min(len(srcs), (page+1)*size)] {
		line := fmt.Sprintf("**%s** — %s (%s", s.Name, s.Location, s.Origin)
		if s.Published != "" {
			line += ", " + s.Published
		}
		line += fmt.Sprintf(", %d facts", s.Facts)
		if !s.LoadedAt.IsZero() {
			line += ", loaded " + s.LoadedAt.UTC().Format("2006-01-02 15:04")
		}
		line += ")"
		if s.LastError != "" {
			line += "\n  failed: " + s.LastError
		}
		resp.Lines = append(resp.Lines, line)
	}
	return resp, nil
}

// closeNames returns up to n names close to typed: containing it, or
// within a small edit distance.
func closeNames(typed string, names []string, n int) []string {
	t := strings.ToLower(typed)
	type scored struct {
		name string
		d    int
	}
	var ss []scored
	for _, name := range names {
		l := strings.ToLower(name)
		d := editDistance(t, l)
		if strings.Contains(l, t) || strings.Contains(t, l) {
			d = 0
		}
		if d <= max(2, len(t)/3) {
			ss = append(ss, scored{name, d})
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].d < ss[j].d })
	var out []string
	for i := 0; i < len(ss) && i < n; i++ {
		out = append(out, ss[i].name)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// URLPolicy vets URLs that admins add from Discord, so the bot cannot be
// used to reach the host's own network: http(s) only, no credentials in
// the URL, and no address in loopback, private, link-local, shared (CGNAT)
// or cloud metadata ranges unless AllowPrivate is set. The same policy
// bounds the fetch: MaxBytes and Timeout.
type URLPolicy struct {
	AllowPrivate bool
	MaxBytes     int64
	Timeout      time.Duration
	// Resolver looks up host names; nil means net.DefaultResolver.
	Resolver *net.Resolver
}

// ErrURLRefused is wrapped by errors about URLs the policy refuses.
var ErrURLRefused = errors.New("URL refused")

func (p URLPolicy) maxBytes() int64 {
	if p.MaxBytes > 0 {
		return p.MaxBytes
	}
	return 10 << 20
}

func (p URLPolicy) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return 20 * time.Second
}

// Check parses raw and refuses it unless it is an http(s) URL whose host
// resolves only to allowed addresses.
func (p URLPolicy) Check(ctx context.Context, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: not a URL", ErrURLRefused)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: only http and https URLs can be added", ErrURLRefused)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%w: no host", ErrURLRefused)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: credentials in URLs are not accepted", ErrURLRefused)
	}
	if p.AllowPrivate {
		return u, nil
	}
	addrs, err := p.lookup(ctx, u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("%w: %s does not resolve", ErrURLRefused, u.Hostname())
	}
	for _, a := range addrs {
		if err := p.checkAddr(a); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func (p URLPolicy) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{a}, nil
	}
	r := p.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ips, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, errors.New("no addresses")
	}
	return ips, nil
}

// blockedPrefixes are ranges netip has no predicate for.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),     // shared address space (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),      // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),     // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),       // reserved, broadcast
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS metadata over IPv6
	netip.MustParsePrefix("64:ff9b::/96"),      // NAT64, may map to private v4
}

// checkAddr refuses an address the policy does not allow.
func (p URLPolicy) checkAddr(a netip.Addr) error {
	if p.AllowPrivate {
		return nil
	}
	a = a.Unmap()
	bad := !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() ||
		a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified()
	for _, pr := range blockedPrefixes {
		bad = bad || pr.Contains(a)
	}
	if bad {
		return fmt.Errorf("%w: %s is a loopback, private, link-local or metadata address", ErrURLRefused, a)
	}
	return nil
}

// Client returns an HTTP client that enforces the policy on every
// connection it makes, including redirects and DNS answers that change
// between Check and the fetch, and gives up after Timeout.
func (p URLPolicy) Client() *http.Client {
	d := &net.Dialer{
		Timeout: 10 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrURLRefused, address)
			}
			return p.checkAddr(ap.Addr())
		},
	}
	t := &http.Transport{
		Proxy:                 nil, // a proxy would hide the address that is dialled
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: p.timeout(),
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{
		Timeout:   p.timeout(),
		Transport: t,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to %s", ErrURLRefused, req.URL.Scheme)
			}
			return nil
		},
	}
}

// Fetch gets raw under the policy: the URL is checked, the body is read up
// to MaxBytes (a larger body is an error, not silently cut) and the
// response's content type is returned with it.
func (p URLPolicy) Fetch(ctx context.Context, raw string) ([]byte, string, error) {
	u, err := p.Check(ctx, raw)
	if err != nil {
		return nil, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", "briefbot (+https://github.com/briefbot)")
	resp, err := p.Client().Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch %s: %s", u.Redacted(), resp.Status)
	}
	limit := p.maxBytes()
	if resp.ContentLength > limit {
		return nil, "", fmt.Errorf("fetch %s: %d bytes, more than the %d allowed", u.Redacted(), resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	if int64(len(body)) > limit {
		return nil, "", fmt.Errorf("fetch %s: more than the %d bytes allowed", u.Redacted(), limit)
	}
	return body, resp.Header.Get("Content-Type"), nil
}

// AdminCommand returns the /admin command group over src, for
// Router.Add. The router refuses non-admins before the handler runs; the
// handler checks again.
func AdminCommand(src SourceAdmin, policy URLPolicy) *Command {
	a := &Admin{Sources: src, Policy: policy}
	return &Command{Definition: a.Definition(), Handler: a, Autocomplete: a.Autocomplete}
}
