package commands

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"briefbot/source"
)

// SourceAdmin manages sources for the admin commands; source.Admin is
// the implementation, which owns the URL policy and all networking.
// Every method works in the view of a guild (its own sources plus the
// global ones); "" is the global view of the command line.
type SourceAdmin interface {
	// Reload loads every source of the view again, reporting progress
	// as it goes.
	Reload(ctx context.Context, guild string, progress func(string)) ([]source.LoadReport, error)
	// Add vets, stores and loads a new source, owned by src.Guild. A
	// source that cannot be loaded is not kept: Add returns the error.
	Add(ctx context.Context, src source.NewSource) (source.LoadReport, error)
	// Remove deletes a source and its facts; source.ErrSourceNotFound
	// when the view holds no such source.
	Remove(ctx context.Context, guild, name string) error
	List(ctx context.Context, guild string) ([]source.SourceStatus, error)
}

// Admin serves the /admin command group: reload, source add, source
// remove and source list. Every subcommand refuses callers that are not
// admins, whatever the transport checked before.
type Admin struct {
	Sources SourceAdmin
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
	srcs, err := a.Sources.List(ctx, req.GuildID)
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
	reports, err := a.Sources.Reload(ctx, req.GuildID, progress)
	if err != nil && len(reports) == 0 {
		return adminError("Reload failed: %v", err), nil
	}
	resp := ReloadReport(reports, time.Since(start))
	resp.Data = reports
	if err != nil {
		resp.Lines = append(resp.Lines, "Reload stopped early: "+err.Error())
		resp.Error = true
	}
	return resp, nil
}

// ReloadReport groups load reports by outcome: changed, then removed,
// then unchanged, then failed with their reasons.
func ReloadReport(reports []source.LoadReport, took time.Duration) *Response {
	groups := map[source.Outcome][]source.LoadReport{}
	for _, r := range reports {
		o := r.Outcome
		if o != source.Changed && o != source.Unchanged && o != source.Removed {
			o = source.Failed
		}
		groups[o] = append(groups[o], r)
	}
	title := fmt.Sprintf("Reload: %d changed, %d unchanged, %d failed",
		len(groups[source.Changed]), len(groups[source.Unchanged]), len(groups[source.Failed]))
	if n := len(groups[source.Removed]); n > 0 {
		title += fmt.Sprintf(", %d removed", n)
	}
	resp := &Response{Title: title}
	if len(reports) == 0 {
		resp.Lines = []string{"No sources are configured."}
	}
	for _, o := range []source.Outcome{source.Changed, source.Removed, source.Unchanged, source.Failed} {
		rs := groups[o]
		if len(rs) == 0 {
			continue
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
		var lines []string
		for _, r := range rs {
			line := "**" + r.Name + "**"
			switch {
			case o == source.Failed && r.Reason != "":
				line += ": " + r.Reason
			case o == source.Failed:
				line += ": unknown error"
			case r.Reason != "":
				line += " — " + r.Reason
			case o == source.Changed:
				line += fmt.Sprintf(" — %d facts", r.Facts)
			}
			lines = append(lines, line)
		}
		name := strings.ToUpper(string(o[:1])) + string(o[1:])
		resp.Fields = append(resp.Fields, Field{Name: fmt.Sprintf("%s (%d)", name, len(rs)), Value: strings.Join(lines, "\n")})
	}
	if len(groups[source.Failed]) > 0 {
		resp.Error = true
	}
	resp.Footer = "Took " + took.Round(10*time.Millisecond).String()
	return resp
}

func (a *Admin) add(ctx context.Context, req *Request) (*Response, error) {
	loc := strings.TrimSpace(req.Option("location"))
	name := strings.TrimSpace(req.Option("name"))
	pub := strings.TrimSpace(req.Option("published"))
	if pub != "" {
		if _, err := time.Parse("2006-01-02", pub); err != nil {
			return adminError("Published date %q: want YYYY-MM-DD.", pub), nil
		}
	}
	if req.Progress != nil {
		req.Progress("Fetching " + source.Redact(loc))
	}
	rep, err := a.Sources.Add(ctx, source.NewSource{
		Location: loc, Name: name, Published: pub,
		Title: strings.TrimSpace(req.Option("title")), AddedBy: req.Caller.UserID, Guild: req.GuildID,
	})
	if name == "" {
		name = rep.Name
	}
	shown := source.Redact(loc)
	switch {
	case err != nil && name == "":
		return adminError("Cannot add %s: %v", shown, err), nil
	case err != nil:
		return adminError("Could not add %s: %v", name, err), nil
	case rep.Outcome == source.Failed:
		return adminError("Could not add %s: %s", name, rep.Reason), nil
	}
	resp := &Response{
		Data:  rep,
		Title: "Added source " + name,
		Lines: []string{fmt.Sprintf("%s — %d facts.", shown, rep.Facts)},
	}
	if req.GuildID != "" {
		resp.Lines = append(resp.Lines, "Only this server sees it.")
	}
	if rep.Reason != "" {
		resp.Lines = append(resp.Lines, rep.Reason)
	}
	return resp, nil
}

func (a *Admin) remove(ctx context.Context, req *Request) (*Response, error) {
	name := strings.TrimSpace(req.Option("name"))
	srcs, err := a.Sources.List(ctx, req.GuildID)
	if err != nil {
		return nil, fmt.Errorf("remove source: %w", err)
	}
	var found *source.SourceStatus
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
	if err := a.Sources.Remove(ctx, req.GuildID, name); err != nil {
		if errors.Is(err, source.ErrSourceNotFound) {
			return adminError("No source named %q (removed already?).", name), nil
		}
		return adminError("Could not remove %s: %v", name, err), nil
	}
	return &Response{Title: "Removed source " + name, Lines: []string{fmt.Sprintf("%s and its facts are gone.", name)}}, nil
}

func (a *Admin) list(ctx context.Context, req *Request) (*Response, error) {
	srcs, err := a.Sources.List(ctx, req.GuildID)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	size := a.PageSize
	if size <= 0 {
		size = 15
	}
	pages := (len(srcs) + size - 1) / size
	page := max(req.Page, 0)
	resp := &Response{Title: fmt.Sprintf("Sources (%d)", len(srcs)), Page: page, Pages: pages, Data: srcs}
	if len(srcs) == 0 {
		resp.Lines = []string{"No sources yet. Add one with /admin source add."}
		return resp, nil
	}
	if page >= pages {
		return adminError("There are only %d pages.", pages), nil
	}
	for _, s := range srcs[page*size : min(len(srcs), (page+1)*size)] {
		line := fmt.Sprintf("**%s** — %s (%s", s.Name, s.Location, s.Origin)
		if s.Guild != "" {
			line += ", this server only"
		}
		if s.Published != "" {
			line += ", " + s.Published
		}
		if s.Articles > 1 {
			line += fmt.Sprintf(", %d articles", s.Articles)
		}
		line += fmt.Sprintf(", %d facts", s.Facts)
		if !s.LoadedAt.IsZero() {
			line += ", loaded " + s.LoadedAt.UTC().Format("2006-01-02 15:04")
		}
		line += ")"
		if poll := PollLine(s); poll != "" {
			line += "\n  " + poll
		}
		if s.LastError != "" {
			line += "\n  failed: " + s.LastError
		}
		resp.Lines = append(resp.Lines, line)
	}
	return resp, nil
}

// PollLine describes the poller's record of a URL source — last fetched,
// its HTTP status, next due and failures in a row — or "" for a source
// not polled yet.
func PollLine(s source.SourceStatus) string {
	if s.LastFetched.IsZero() {
		return ""
	}
	line := "fetched " + s.LastFetched.UTC().Format("2006-01-02 15:04") + " UTC"
	if s.LastStatus != 0 {
		line += fmt.Sprintf(" (HTTP %d)", s.LastStatus)
	} else {
		line += " (no response)"
	}
	if !s.NextDue.IsZero() {
		line += ", next " + s.NextDue.UTC().Format("2006-01-02 15:04") + " UTC"
	}
	if s.Failures > 0 {
		line += fmt.Sprintf(", %d failed in a row", s.Failures)
	}
	return line
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

// AdminCommand returns the /admin command group over src, for
// Router.Add. The router refuses non-admins before the handler runs; the
// handler checks again.
func AdminCommand(src SourceAdmin) *Command {
	a := &Admin{Sources: src}
	return &Command{Definition: a.Definition(), Handler: a, Autocomplete: a.Autocomplete}
}
