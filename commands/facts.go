package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// Facts is what the fact commands ask of the store; *store.DB satisfies
// it, and tests use a fake. Every read names the view of the guild the
// request came from (Request.GuildID; "" on the command line without
// --guild): the global sources and that guild's own (see store.Visible).
type Facts interface {
	FindEntities(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error)
	Profile(ctx context.Context, id int64, guild string) (*store.Profile, error)
	AutocompleteNames(ctx context.Context, prefix string, limit int, guild string) ([]*store.Entity, error)
	FindEvents(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error)
	FindQuotes(ctx context.Context, f store.QuoteFilter) ([]*store.Quote, int, error)
	Search(ctx context.Context, query string, offset, limit int, guild string) ([]*store.SearchHit, int, error)
	FindSourcesIn(ctx context.Context, guild string) ([]*store.Source, error)
}

// Options tune the fact commands.
type Options struct {
	// PageSize is the number of lines per page of paged answers
	// (default 10).
	PageSize int
}

// Limits on the parts of a response, matching Discord's embed limits so
// that no transport has to cut facts in half.
// A page of ten lines of at most maxSummary plus a date and a source
// title of at most maxTitle stays within a 4096-character embed.
const (
	maxFieldValue = 1024
	maxLines      = 25
	maxSummary    = 250
	maxTitle      = 80
)

// New returns a router with the fact commands /who, /timeline, /quotes,
// /search and /sources. Transports add more with Router.Add: /digest and
// the admin group (see DigestCommands and AdminCommand).
func New(facts Facts, opts Options, mw ...Middleware) *Router {
	if opts.PageSize <= 0 {
		opts.PageSize = 10
	}
	f := &factCommands{facts: facts, opts: opts}
	r := NewRouter(mw...)
	r.Add(f.who())
	r.Add(f.timeline())
	r.Add(f.conflicts())
	r.Add(f.quotes())
	r.Add(f.search())
	r.Add(f.sources())
	return r
}

type factCommands struct {
	facts Facts
	opts  Options
}

// names autocompletes entity names for any option.
func (f *factCommands) names(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
	ents, err := f.facts.AutocompleteNames(ctx, typed, MaxChoices, req.GuildID)
	if err != nil {
		return nil, err
	}
	var out []Choice
	for _, e := range ents {
		out = append(out, Choice{Name: fmt.Sprintf("%s (%s)", e.Name, e.Kind), Value: e.Name})
	}
	return out, nil
}

func (f *factCommands) who() *Command {
	return &Command{
		Definition: Definition{
			Name:        "who",
			Description: "Who is this? Roles over time, latest events, quotes and sources for a person, organisation or place",
			Options: []Option{
				{Name: "name", Description: "Name, surname or alias", Type: String, Required: true, Autocomplete: true, MaxLength: MaxOptionLength},
				{Name: "as_of", Description: "Roles held on this day: YYYY-MM-DD (YYYY or YYYY-MM: its last day)", Type: String, MaxLength: 10},
			},
		},
		Autocomplete: func(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
			if option != "name" {
				return nil, nil
			}
			return f.names(ctx, req, option, typed)
		},
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			name := strings.TrimSpace(req.Option("name"))
			asOf := strings.TrimSpace(req.Option("as_of"))
			day := ""
			if asOf != "" {
				if !validDate(asOf) {
					return nil, Errorf("as_of must be a date like 2025, 2025-10 or 2025-10-22, not %q.", asOf)
				}
				_, day, _ = store.ParseDateBound(asOf)
			}
			ents, sugg, err := f.facts.FindEntities(ctx, store.EntityFilter{Name: name, Limit: 5, Guild: req.GuildID})
			if err != nil {
				return nil, fmt.Errorf("who: %w", err)
			}
			if len(ents) == 0 {
				msg := fmt.Sprintf("No one called %s.", name)
				if len(sugg) > 0 {
					msg += " Did you mean: " + strings.Join(sugg, ", ") + "?"
				}
				return &Response{Title: "Not found", Lines: []string{msg}, Suggestions: sugg, Ephemeral: true, NotFound: true}, nil
			}
			p, err := f.facts.Profile(ctx, ents[0].ID, req.GuildID)
			if err != nil {
				return nil, fmt.Errorf("who: %w", err)
			}
			// The events are paged, newest first.
			size := f.opts.PageSize
			page := max(req.Page, 0)
			evs, total, err := f.events(ctx, req, store.EventFilter{EntityID: ents[0].ID, Newest: true, Offset: page * size, Limit: size, Guild: req.GuildID})
			if err != nil {
				return nil, fmt.Errorf("who: %w", err)
			}
			r := f.profileResponse(p, ents[1:], day, evs, total, page, size)
			if req.All {
				r.Page, r.Pages = 0, 1
			}
			if m := ents[0].Match; m == "fuzzy" || m == "prefix" {
				r.Lines = append([]string{fmt.Sprintf("Closest match for “%s”.", name)}, r.Lines...)
			}
			return r, nil
		}),
	}
}

// roleHeld says whether a role was held on day, or is current when day
// is empty.
func roleHeld(ro *store.Role, day string) bool {
	if day == "" {
		return !ro.Ended
	}
	return ro.HeldOn(day)
}

func (f *factCommands) profileResponse(p *store.Profile, others []*store.Entity, day string, evs []*store.Event, total, page, size int) *Response {
	r := &Response{Title: p.Entity.Name}
	data := &WhoResult{Entity: p.Entity.Name, Kind: p.Entity.Kind, Aliases: p.Aliases, AsOf: day, Roles: []RoleItem{},
		Events: []EventItem{}, EventsTotal: total, Quotes: []QuoteItem{}, Sources: []string{}}
	if data.Aliases == nil {
		data.Aliases = []string{}
	}
	r.Data = data
	head := kindLabel(p.Entity.Kind)
	if len(p.Aliases) > 0 {
		head += " · also called " + strings.Join(p.Aliases, ", ")
	}
	r.Lines = append(r.Lines, head)
	if len(p.Places) > 0 {
		r.Lines = append(r.Lines, "Linked places: "+strings.Join(p.Places, ", "))
	}
	if len(others) > 0 {
		var ns []string
		for _, o := range others {
			ns = append(ns, o.Name)
		}
		r.Lines = append(r.Lines, "Also matching: "+strings.Join(ns, ", "))
	}
	srcName := map[int64]string{}
	for _, s := range p.Sources {
		srcName[s.ID] = s.Name
		data.Sources = append(data.Sources, s.Name)
	}
	if len(p.Roles) > 0 {
		// Current roles first, then past ones.
		var now, past []string
		for _, ro := range p.Roles {
			held := roleHeld(ro, day)
			data.Roles = append(data.Roles, RoleItem{Title: ro.Title, Org: ro.Org, Since: ro.Since, Until: ro.Until, From: ro.From, To: ro.To,
				Current: held, Source: srcName[ro.SourceID]})
			if held {
				now = append(now, roleLine(ro))
			} else if day == "" || ro.From == "" || ro.From <= day {
				past = append(past, roleLine(ro)+" — past")
			} else {
				past = append(past, roleLine(ro)+" — not yet")
			}
		}
		name := "Roles"
		if day != "" {
			name = "Roles on " + extract.FormatDate(day, "")
		}
		r.Fields = append(r.Fields, Field{Name: name, Value: joinLimited(append(now, past...), maxFieldValue)})
	}
	for _, e := range evs {
		data.Events = append(data.Events, eventItem(e))
	}
	if len(evs) > 0 {
		var ls []string
		for _, e := range evs {
			ls = append(ls, eventLine(e, 160))
		}
		first := min(page*size, total) + 1
		name := fmt.Sprintf("Events, newest first (%d–%d of %d)", first, first+len(evs)-1, total)
		if total <= len(evs) {
			name = "Events, newest first"
		}
		// The events go in the body, which holds a whole page of them
		// (a field's 1024 characters would cut it short).
		r.Lines = append(r.Lines, "", "**"+name+"**")
		r.Lines = append(r.Lines, ls...)
		r.Page, r.Pages = page, pages(total, size)
	}
	for _, q := range p.Quotes {
		data.Quotes = append(data.Quotes, quoteItem(q))
	}
	if len(p.Quotes) > 0 {
		var ls []string
		for i, q := range p.Quotes {
			if i == 5 {
				break
			}
			ls = append(ls, fmt.Sprintf("“%s” — %s — *%s*", oneLine(q.Text, 200), extract.FormatDate(q.Date, ""), shortTitle(q.Source)))
		}
		r.Fields = append(r.Fields, Field{Name: "Quotes", Value: joinLimited(ls, maxFieldValue)})
	}
	for _, s := range p.Sources {
		r.Citations = append(r.Citations, citation(s))
	}
	if p.SourcesTotal > 0 {
		r.Footer = fmt.Sprintf("From %s.", plural(p.SourcesTotal, "source"))
	}
	return r
}

func roleLine(ro *store.Role) string {
	s := ro.Title
	if ro.Org != "" {
		if s != "" {
			s += ", "
		}
		s += ro.Org
	}
	since, until := "", ""
	if ro.Since != "" {
		since = extract.FormatDate(ro.Since, "")
	}
	switch {
	case ro.Until != "" && ro.Until != "PAST_REF":
		until = extract.FormatDate(ro.Until, "")
	case ro.Ended && ro.To != "":
		until = extract.FormatDate(ro.To, "")
	}
	switch {
	case since != "" && until != "":
		s += fmt.Sprintf(" (%s – %s)", since, until)
	case since != "":
		s += " (since " + since + ")"
	case until != "":
		s += " (until " + until + ")"
	case ro.Ended:
		s += " (former)"
	}
	return s
}

func (f *factCommands) timeline() *Command {
	return &Command{
		Definition: Definition{
			Name:        "timeline",
			Description: "Dated events on a topic, person or place; one line per event with its number of sources",
			Options: []Option{
				{Name: "topic", Description: "A name, place or keyword", Type: String, Required: true, Autocomplete: true, MaxLength: MaxOptionLength},
				{Name: "from", Description: "Earliest date: YYYY, YYYY-MM or YYYY-MM-DD", Type: String, MaxLength: 10},
				{Name: "to", Description: "Latest date: YYYY, YYYY-MM or YYYY-MM-DD", Type: String, MaxLength: 10},
				{Name: "order", Description: "oldest first (default) or newest first", Type: String,
					Choices: []Choice{{Name: "oldest first", Value: "oldest"}, {Name: "newest first", Value: "newest"}}},
			},
		},
		Autocomplete: f.names,
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			topic := strings.TrimSpace(req.Option("topic"))
			from, to := req.Option("from"), req.Option("to")
			for _, d := range []struct{ name, v string }{{"from", from}, {"to", to}} {
				if d.v != "" && !validDate(d.v) {
					return nil, Errorf("%s must be a date like 2025, 2025-10 or 2025-10-22, not %q.", d.name, d.v)
				}
			}
			if from != "" && to != "" && to < from[:min(len(from), len(to))] {
				return nil, Errorf("from (%s) is after to (%s).", from, to)
			}
			order := req.Option("order")
			if order == "" {
				order = "oldest"
			}
			size := f.opts.PageSize
			page := max(req.Page, 0)
			filter := store.EventFilter{Topic: topic, From: from, To: to, Newest: order == "newest", Offset: page * size, Limit: size, Guild: req.GuildID}
			evs, total, err := f.events(ctx, req, filter)
			if err != nil {
				return nil, fmt.Errorf("timeline: %w", err)
			}
			title := "Timeline: " + topic
			data := &TimelineResult{Topic: topic, Order: order, Total: total, Estimate: store.TotalIsEstimate(total), Items: []EventItem{}}
			for _, e := range evs {
				data.Items = append(data.Items, eventItem(e))
			}
			if total == 0 {
				return &Response{Title: title, Lines: []string{fmt.Sprintf("No dated events found for %s%s.", topic, rangeText(from, to))}, Ephemeral: true, NotFound: true, Data: data}, nil
			}
			r := &Response{Title: title, Page: page, Pages: pages(total, size), Data: data}
			if req.All {
				r.Page, r.Pages = 0, 1
			}
			seen := map[int64]bool{}
			for _, e := range evs {
				r.Lines = append(r.Lines, eventLine(e, maxSummary))
				if !seen[e.Source.ID] {
					seen[e.Source.ID] = true
					r.Citations = append(r.Citations, citation(e.Source))
				}
			}
			if len(evs) == 0 {
				r.Lines = append(r.Lines, fmt.Sprintf("No page %d: there are %d.", page+1, r.Pages))
			}
			r.Footer = fmt.Sprintf("%s%s", plural(total, "event"), rangeText(from, to))
			if order == "newest" {
				r.Footer += ", newest first"
			}
			r.Footer += "."
			if store.TotalIsEstimate(total) {
				r.Footer = "About " + r.Footer
			}
			return r, nil
		}),
	}
}

// allLimit bounds what a request for every item (Request.All) reads.
const allLimit = 5000

// listSize is the page size of a simple list: every item up to allLimit
// when the request asks for all (the terminal), else the page size.
func (f *factCommands) listSize(req *Request) int {
	if req.All {
		return allLimit
	}
	return f.opts.PageSize
}

// events runs a paged event query, or reads every page when the request
// asks for all items.
func (f *factCommands) events(ctx context.Context, req *Request, filter store.EventFilter) ([]*store.Event, int, error) {
	if !req.All {
		return f.facts.FindEvents(ctx, filter)
	}
	var all []*store.Event
	total := 0
	for filter.Offset, filter.Limit = 0, 100; filter.Offset < allLimit; filter.Offset += filter.Limit {
		evs, n, err := f.facts.FindEvents(ctx, filter)
		if err != nil {
			return nil, 0, err
		}
		all = append(all, evs...)
		total = n
		if len(evs) < filter.Limit {
			total = len(all)
			break
		}
	}
	return all, total, nil
}

// eventLine is a merged event on one line: its date, its wording, the
// source it came from and how many more tell it, and where they differ.
func eventLine(e *store.Event, n int) string {
	line := fmt.Sprintf("**%s** — %s — *%s*", extract.FormatDate(e.Date, e.Precision), oneLine(e.Summary, n), shortTitle(e.Source))
	if e.Sources > 1 {
		line += fmt.Sprintf(" · %d sources", e.Sources)
	}
	if d := differText(e); d != "" {
		line += " · " + d
	}
	return line
}

// differText says where the sources of an event differ: "sources differ:
// 3 June (Council) vs 4 June (Trade)".
func differText(e *store.Event) string {
	var parts []string
	for _, d := range e.Disagreements {
		var vs []string
		for _, v := range d.Values {
			text := v.Text
			if d.About == "date" {
				text = extract.FormatDate(v.Value, "")
			}
			if text == "" {
				text = v.Value
			}
			var names []string
			for _, s := range v.Sources {
				names = append(names, oneLine(sourceTitle(s), 40))
			}
			if n := max(v.Count, len(names)); n > 2 {
				names = append(names[:min(2, len(names))], fmt.Sprintf("%d more", n-min(2, len(names))))
			}
			vs = append(vs, fmt.Sprintf("%s (%s)", oneLine(text, 40), strings.Join(names, ", ")))
		}
		part := d.About + " " + strings.Join(vs, " vs ")
		if d.More > 0 {
			part += fmt.Sprintf(" and %d more", d.More)
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return "sources differ on " + strings.Join(parts, "; ")
}

func (f *factCommands) conflicts() *Command {
	return &Command{
		Definition: Definition{
			Name:        "conflicts",
			Description: "Events whose sources disagree on the date or a figure, newest first",
			Options: []Option{
				{Name: "topic", Description: "A name, place or keyword (all events when empty)", Type: String, Autocomplete: true, MaxLength: MaxOptionLength},
			},
		},
		Autocomplete: f.names,
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			topic := strings.TrimSpace(req.Option("topic"))
			size := f.opts.PageSize
			page := max(req.Page, 0)
			evs, total, err := f.events(ctx, req, store.EventFilter{Topic: topic, Disputed: true, Newest: true, Offset: page * size, Limit: size, Guild: req.GuildID})
			if err != nil {
				return nil, fmt.Errorf("conflicts: %w", err)
			}
			title := "Where sources differ"
			if topic != "" {
				title += ": " + topic
			}
			data := &ConflictsResult{Topic: topic, Total: total, Disagreements: []DisagreementItem{}}
			for _, e := range evs {
				data.Disagreements = append(data.Disagreements, disagreementItems(e)...)
			}
			if total == 0 {
				msg := "No disagreements between sources found."
				if topic != "" {
					msg = fmt.Sprintf("No disagreements between sources found on %s.", topic)
				}
				return &Response{Title: title, Lines: []string{msg}, Ephemeral: true, NotFound: true, Data: data}, nil
			}
			r := &Response{Title: title, Page: page, Pages: pages(total, size), Data: data}
			if req.All {
				r.Page, r.Pages = 0, 1
			}
			seen := map[int64]bool{}
			for _, e := range evs {
				r.Lines = append(r.Lines, fmt.Sprintf("**%s** — %s — %s", extract.FormatDate(e.Date, e.Precision), oneLine(e.Summary, 160), differText(e)))
				for _, rep := range e.Reports {
					if !seen[rep.Source.ID] {
						seen[rep.Source.ID] = true
						r.Citations = append(r.Citations, citation(rep.Source))
					}
				}
			}
			if len(evs) == 0 {
				r.Lines = append(r.Lines, fmt.Sprintf("No page %d: there are %d.", page+1, r.Pages))
			}
			r.Footer = plural(total, "event") + " with sources that differ."
			return r, nil
		}),
	}
}

func rangeText(from, to string) string {
	switch {
	case from != "" && to != "":
		return fmt.Sprintf(" from %s to %s", extract.FormatDate(from, ""), extract.FormatDate(to, ""))
	case from != "":
		return " from " + extract.FormatDate(from, "")
	case to != "":
		return " up to " + extract.FormatDate(to, "")
	}
	return ""
}

func (f *factCommands) quotes() *Command {
	return &Command{
		Definition: Definition{
			Name:        "quotes",
			Description: "Verbatim quotes, by speaker and/or topic",
			Options: []Option{
				{Name: "speaker", Description: "Who said it", Type: String, Autocomplete: true, MaxLength: MaxOptionLength},
				{Name: "topic", Description: "A name, place or keyword", Type: String, MaxLength: MaxOptionLength},
			},
		},
		Autocomplete: func(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
			if option != "speaker" {
				return nil, nil
			}
			return f.names(ctx, req, option, typed)
		},
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			speaker, topic := strings.TrimSpace(req.Option("speaker")), strings.TrimSpace(req.Option("topic"))
			size := f.listSize(req)
			page := max(req.Page, 0)
			qs, total, err := f.facts.FindQuotes(ctx, store.QuoteFilter{Speaker: speaker, Topic: topic, Offset: page * size, Limit: size, Guild: req.GuildID})
			if err != nil {
				return nil, fmt.Errorf("quotes: %w", err)
			}
			title := "Quotes"
			switch {
			case speaker != "" && topic != "":
				title = fmt.Sprintf("Quotes by %s on %s", speaker, topic)
			case speaker != "":
				title = "Quotes by " + speaker
			case topic != "":
				title = "Quotes on " + topic
			}
			data := &QuotesResult{Speaker: speaker, Topic: topic, Total: total, Items: []QuoteItem{}}
			if total == 0 {
				return &Response{Title: title, Lines: []string{"No quotes found."}, Ephemeral: true, NotFound: true, Data: data}, nil
			}
			r := &Response{Title: title, Page: page, Pages: pages(total, size), Data: data}
			seen := map[int64]bool{}
			for _, q := range qs {
				who := q.Speaker
				if who == "" {
					who = "unknown speaker"
				}
				r.Lines = append(r.Lines, fmt.Sprintf("“%s” — **%s**, %s (*%s*)", oneLine(q.Text, maxSummary), oneLine(who, 60), extract.FormatDate(q.Date, ""), shortTitle(q.Source)))
				data.Items = append(data.Items, quoteItem(q))
				if !seen[q.Source.ID] {
					seen[q.Source.ID] = true
					r.Citations = append(r.Citations, citation(q.Source))
				}
			}
			r.Footer = plural(total, "quote") + "."
			return r, nil
		}),
	}
}

func (f *factCommands) search() *Command {
	return &Command{
		Definition: Definition{
			Name:        "search",
			Description: "Full-text search over every loaded article; use \"quotes\" for a phrase",
			Options:     []Option{{Name: "text", Description: "Words or \"a phrase\"", Type: String, Required: true, MaxLength: MaxOptionLength}},
		},
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			q := strings.TrimSpace(req.Option("text"))
			size := f.listSize(req)
			page := max(req.Page, 0)
			hits, total, err := f.facts.Search(ctx, q, page*size, size, req.GuildID)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			title := "Search: " + q
			data := &SearchResult{Query: q, Total: total, Items: []SearchItem{}}
			if total == 0 {
				return &Response{Title: title, Lines: []string{"No sentence matches."}, Ephemeral: true, NotFound: true, Data: data}, nil
			}
			r := &Response{Title: title, Page: page, Pages: pages(total, size), Data: data}
			seen := map[int64]bool{}
			for _, h := range hits {
				r.Lines = append(r.Lines, fmt.Sprintf("%s — *%s*", oneLine(h.Snippet, maxSummary), shortTitle(h.Source)))
				it := SearchItem{Sentence: h.Sentence, Start: h.Start, End: h.End}
				if h.Source != nil {
					it.Source = h.Source.Name
				}
				data.Items = append(data.Items, it)
				if !seen[h.Source.ID] {
					seen[h.Source.ID] = true
					r.Citations = append(r.Citations, citation(h.Source))
				}
			}
			r.Footer = plural(total, "matching sentence") + ", best first."
			return r, nil
		}),
	}
}

func (f *factCommands) sources() *Command {
	return &Command{
		Definition: Definition{Name: "sources", Description: "The loaded sources, with fact counts and the result of their last load"},
		Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
			srcs, err := f.facts.FindSourcesIn(ctx, req.GuildID)
			if err != nil {
				return nil, fmt.Errorf("sources: %w", err)
			}
			data := &SourcesResult{Total: len(srcs), Items: []SourceItem{}}
			for _, s := range srcs {
				data.Items = append(data.Items, SourceItem{Name: s.Name, Title: s.Title, URL: s.URL, Published: s.Published,
					Entities: s.Entities, Events: s.Events, Quotes: s.Quotes, LastResult: s.LastResult, LastError: s.LastError})
			}
			if len(srcs) == 0 {
				return &Response{Title: "Sources", Lines: []string{"No sources loaded yet."}, Ephemeral: true, NotFound: true, Data: data}, nil
			}
			size := maxLines
			if req.All {
				size = max(len(srcs), 1)
			}
			page := max(req.Page, 0)
			r := &Response{Title: "Sources", Page: page, Pages: pages(len(srcs), size), Data: data}
			failed := 0
			for i, s := range srcs {
				if s.LastResult == store.ResultFailed {
					failed++
				}
				if i < page*size || i >= (page+1)*size {
					continue
				}
				title := s.Title
				if title == "" {
					title = s.Name
				}
				line := fmt.Sprintf("**%s**", oneLine(title, 120))
				if s.Published != "" {
					line += " (" + extract.FormatDate(s.Published, "") + ")"
				}
				line += fmt.Sprintf(" — %s, %s, %s", plural(s.Entities, "entity"), plural(s.Events, "event"), plural(s.Quotes, "quote"))
				if s.LastResult != "" {
					line += " — last load: " + s.LastResult
					if t, err := time.Parse(time.RFC3339, s.LastAttemptAt); err == nil {
						line += " " + t.UTC().Format("2 Jan 2006 15:04 UTC")
					}
				}
				if s.LastError != "" {
					line += " — error: " + oneLine(s.LastError, 150)
				}
				r.Lines = append(r.Lines, line)
			}
			r.Footer = plural(len(srcs), "source") + "."
			if failed > 0 {
				r.Footer += fmt.Sprintf(" %d failed to load last time.", failed)
			}
			return r, nil
		}),
	}
}

func kindLabel(kind string) string {
	switch kind {
	case "person":
		return "Person"
	case "org":
		return "Organisation"
	case "place":
		return "Place"
	}
	if kind == "" {
		return "Entity"
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

func citation(s *store.SourceRef) Citation {
	if s == nil {
		return Citation{}
	}
	return Citation{Title: sourceTitle(s), URL: s.URL, Published: s.Published}
}

// shortTitle is a source's title cut for a line of a list.
func shortTitle(s *store.SourceRef) string {
	return oneLine(sourceTitle(s), maxTitle)
}

func sourceTitle(s *store.SourceRef) string {
	if s == nil {
		return "unknown source"
	}
	if s.Title != "" {
		return s.Title
	}
	return s.Name
}

func pages(total, size int) int {
	if total <= 0 || size <= 0 {
		return 0
	}
	return (total + size - 1) / size
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	switch {
	case strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ay"):
		word = word[:len(word)-1] + "ies"
	case strings.HasSuffix(word, "ch"):
		word += "es"
	default:
		word += "s"
	}
	return fmt.Sprintf("%d %s", n, word)
}

// oneLine flattens whitespace and cuts s to n runes.
func oneLine(s string, n int) string {
	return truncate(strings.Join(strings.Fields(s), " "), n)
}

// joinLimited joins lines with newlines, dropping whole lines that would
// take the result past n characters and saying how many were dropped.
func joinLimited(lines []string, n int) string {
	var b strings.Builder
	for i, l := range lines {
		more := fmt.Sprintf("… and %d more", len(lines)-i)
		if len([]rune(b.String()))+len([]rune(l))+1 > n-len([]rune(more))-1 {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(more)
			break
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
