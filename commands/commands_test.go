package commands_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"briefbot/commands"
	"briefbot/extract"
	"briefbot/store"
)

func ask(t *testing.T, r *commands.Router, line string) *commands.Response {
	t.Helper()
	req, err := commands.ParseLine(line, r.Definitions())
	if err != nil {
		t.Fatalf("ParseLine(%q): %v", line, err)
	}
	resp := r.Serve(context.Background(), req)
	if resp == nil {
		t.Fatalf("%s: nil response", line)
	}
	return resp
}

func TestFormatDate(t *testing.T) {
	for _, tt := range []struct{ v, p, want string }{
		{"2025-10-22", "day", "22 Oct 2025"},
		{"2025-10-22", "", "22 Oct 2025"},
		{"2025-10-22T15:00", "day", "22 Oct 2025"},
		{"2025-10-22", "month", "Oct 2025"},
		{"2025-10", "month", "Oct 2025"},
		{"2026-Q4", "quarter", "Q4 2026"},
		{"2025", "year", "2025"},
		{"2025-W43", "week", "week 43, 2025"},
		{"2025-W03", "week", "week 3, 2025"},
		{"2025-SU", "season", "summer 2025"},
		{"2025-H1", "half", "H1 2025"},
		{"202", "decade", "the 2020s"},
		{"PRESENT_REF", "", "PRESENT_REF"},
		{"2025-13-01", "", "2025-13-01"},
	} {
		if got := extract.FormatDate(tt.v, tt.p); got != tt.want {
			t.Errorf("FormatDate(%q, %q) = %q, want %q", tt.v, tt.p, got, tt.want)
		}
	}
}

func TestParseLine(t *testing.T) {
	r := commands.New(&FakeFacts{}, commands.Options{})
	r.Add(&commands.Command{
		Definition: commands.Definition{Name: "admin", Description: "Admin", Admin: true, Subcommands: []commands.Definition{
			{Name: "reload", Description: "Reload"},
			{Name: "source", Description: "Sources", Subcommands: []commands.Definition{
				{Name: "add", Description: "Add", Options: []commands.Option{
					{Name: "name", Description: "n", Type: commands.String, Required: true},
					{Name: "location", Description: "l", Type: commands.String, Required: true}}},
			}},
		}},
		Handler: commands.HandlerFunc(func(ctx context.Context, req *commands.Request) (*commands.Response, error) {
			return &commands.Response{Title: req.Command}, nil
		}),
	})
	defs := r.Definitions()
	for _, tt := range []struct {
		line, cmd string
		opts      map[string]string
		page      int
	}{
		{"/who rutte", "who", map[string]string{"name": "rutte"}, 0},
		{"who Mark Rutte", "who", map[string]string{"name": "Mark Rutte"}, 0},
		{"/who name:rutte", "who", map[string]string{"name": "rutte"}, 0},
		{`/who name:"Mark Rutte"`, "who", map[string]string{"name": "Mark Rutte"}, 0},
		{"/who O'Brien", "who", map[string]string{"name": "O'Brien"}, 0},
		{`/who "rutte`, "who", map[string]string{"name": "rutte"}, 0},
		{"/timeline ukraine from:2025-01-01", "timeline", map[string]string{"topic": "ukraine", "from": "2025-01-01"}, 0},
		{`/timeline topic:"ukraine war"`, "timeline", map[string]string{"topic": "ukraine war"}, 0},
		{`/timeline topic:“ukraine war” to:2025 page:3`, "timeline", map[string]string{"topic": "ukraine war", "to": "2025"}, 2},
		{`/search "oil sanctions"`, "search", map[string]string{"text": "oil sanctions"}, 0},
		{`/search "text:oil"`, "search", map[string]string{"text": "text:oil"}, 0},
		{`/search "; DROP TABLE sources; -- @everyone`, "search", map[string]string{"text": "; DROP TABLE sources; -- @everyone"}, 0},
		{"/quotes speaker:trump", "quotes", map[string]string{"speaker": "trump"}, 0},
		{"/quotes", "quotes", map[string]string{}, 0},
		{"/admin source add name:feed location:https://example.com/rss", "admin source add", map[string]string{"name": "feed", "location": "https://example.com/rss"}, 0},
		{"/admin reload", "admin reload", map[string]string{}, 0},
	} {
		req, err := commands.ParseLine(tt.line, defs)
		if err != nil {
			t.Errorf("ParseLine(%q): %v", tt.line, err)
			continue
		}
		if req.Command != tt.cmd || fmt.Sprint(req.Options) != fmt.Sprint(tt.opts) || req.Page != tt.page {
			t.Errorf("ParseLine(%q) = %q %v page %d, want %q %v page %d", tt.line, req.Command, req.Options, req.Page, tt.cmd, tt.opts, tt.page)
		}
	}
	for _, tt := range []struct{ line, want string }{
		{"/whom rutte", "/who, /timeline"},
		{"/who", "needs option name"},
		{"/who nme:rutte", "options: name"},
		{"/admin", "subcommand: reload, source"},
		{"/admin source drop x", `no subcommand "drop"`},
		{"/sources extra", "don't know"},
		{"/who name:a name:b", "twice"},
		{"", "empty command"},
	} {
		_, err := commands.ParseLine(tt.line, defs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseLine(%q) error = %v, want it to say %q", tt.line, err, tt.want)
		}
	}
}

func TestRouter_Errors(t *testing.T) {
	ctx := context.Background()
	facts := &FakeFacts{
		FindEntitiesFn: func(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error) {
			return nil, nil, errors.New("database is locked at /secret/path")
		},
		FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
			panic("boom")
		},
	}
	r := commands.New(facts, commands.Options{})
	r.Logger = slog.New(slog.DiscardHandler)
	check := func(req *commands.Request, want string) {
		t.Helper()
		resp := r.Serve(ctx, req)
		if resp == nil || !resp.Error || !resp.Ephemeral {
			t.Fatalf("%+v: want ephemeral error, got %+v", req, resp)
		}
		text := commands.RenderMarkdown(resp)
		if !strings.Contains(text, want) {
			t.Errorf("%+v: %q does not say %q", req, text, want)
		}
		if strings.Contains(text, "secret") || strings.Contains(text, "boom") {
			t.Errorf("internals leaked: %q", text)
		}
	}
	check(&commands.Request{Command: "nope"}, "Unknown command /nope")
	check(&commands.Request{Command: "who", Options: map[string]string{"name": "x"}}, "Something went wrong")
	check(&commands.Request{Command: "timeline", Options: map[string]string{"topic": "x"}}, "Something went wrong")
	check(&commands.Request{Command: "who", Options: map[string]string{"name": "   "}}, "must not be empty")
	check(&commands.Request{Command: "who", Options: map[string]string{"name": strings.Repeat("a", 201)}}, "too long")
	check(&commands.Request{Command: "who", Options: map[string]string{"nom": "x"}}, `no option "nom"`)
	check(&commands.Request{Command: "timeline", Options: map[string]string{"topic": "x", "from": "yesterday"}}, "from must be a date")
	check(&commands.Request{Command: "timeline", Options: map[string]string{"topic": "x", "to": "2025-02-30"}}, "to must be a date")
	check(&commands.Request{Command: "timeline", Options: map[string]string{"topic": "x", "from": "2026", "to": "2025-10"}}, "after")
	// Integer options are checked by the router, whatever the command.
	r.Add(&commands.Command{
		Definition: commands.Definition{Name: "count", Description: "Count", Options: []commands.Option{{Name: "n", Description: "How many", Type: commands.Integer}}},
		Handler: commands.HandlerFunc(func(ctx context.Context, req *commands.Request) (*commands.Response, error) {
			return &commands.Response{Title: "ok"}, nil
		}),
	})
	check(&commands.Request{Command: "count", Options: map[string]string{"n": "many"}}, "whole number")
	if resp := r.Serve(ctx, nil); resp == nil || !resp.Error {
		t.Fatal("nil request")
	}
}

func TestRouter_AdminAndMiddleware(t *testing.T) {
	ctx := context.Background()
	var seen []string
	logMW := func(h commands.Handler) commands.Handler {
		return commands.HandlerFunc(func(ctx context.Context, req *commands.Request) (*commands.Response, error) {
			seen = append(seen, req.Command)
			return h.Serve(ctx, req)
		})
	}
	r := commands.NewRouter(logMW)
	ran := 0
	r.Add(&commands.Command{
		Definition: commands.Definition{Name: "admin", Description: "Admin", Admin: true, Subcommands: []commands.Definition{{Name: "reload", Description: "Reload"}}},
		Handler: commands.HandlerFunc(func(ctx context.Context, req *commands.Request) (*commands.Response, error) {
			ran++
			return &commands.Response{Title: "Reloaded"}, nil
		}),
	})
	resp := r.Serve(ctx, &commands.Request{Command: "admin reload"})
	if !resp.Ephemeral || !resp.Error || ran != 0 || !strings.Contains(strings.Join(resp.Lines, ""), "admins only") {
		t.Fatalf("non-admin: %+v, ran %d", resp, ran)
	}
	resp = r.Serve(ctx, &commands.Request{Command: "admin  reload", Caller: commands.Caller{Admin: true}})
	if resp.Error || resp.Title != "Reloaded" || ran != 1 {
		t.Fatalf("admin: %+v", resp)
	}
	if len(seen) != 2 || seen[1] != "admin reload" {
		t.Fatalf("middleware saw %v", seen)
	}
	resp = r.Serve(ctx, &commands.Request{Command: "admin", Caller: commands.Caller{Admin: true}})
	if !resp.Error || !strings.Contains(resp.Lines[0], "needs a subcommand") {
		t.Fatalf("group without subcommand: %+v", resp)
	}
	// RequireAdmin as a plain middleware.
	h := commands.RequireAdmin(commands.HandlerFunc(func(ctx context.Context, req *commands.Request) (*commands.Response, error) {
		return &commands.Response{Title: "ok"}, nil
	}))
	if resp, _ := h.Serve(ctx, &commands.Request{Command: "x"}); !resp.Error {
		t.Fatal("RequireAdmin let a non-admin through")
	}
}

func TestAutocomplete_Limits(t *testing.T) {
	facts := &FakeFacts{AutocompleteNamesFn: func(ctx context.Context, prefix string, limit int, guild string) ([]*store.Entity, error) {
		var out []*store.Entity
		for i := 0; i < 40; i++ {
			out = append(out, &store.Entity{ID: int64(i), Name: strings.Repeat("Name ", 30) + fmt.Sprint(i), Kind: "person"})
		}
		return out, nil
	}}
	r := commands.New(facts, commands.Options{})
	cs, err := r.Autocomplete(context.Background(), &commands.Request{Command: "who"}, "name", "na")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 25 {
		t.Fatalf("%d choices", len(cs))
	}
	for _, c := range cs {
		if len([]rune(c.Name)) > 100 || len([]rune(c.Value)) > 100 {
			t.Fatalf("choice too long: %d", len([]rune(c.Name)))
		}
	}
	if cs, err := r.Autocomplete(context.Background(), &commands.Request{Command: "search"}, "text", "x"); err != nil || cs != nil {
		t.Fatalf("search autocomplete: %v %v", cs, err)
	}
}

func TestWho_Fake(t *testing.T) {
	var gotName string
	var gotEvents store.EventFilter
	facts := &FakeFacts{
		FindEntitiesFn: func(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error) {
			gotName = f.Name
			if f.Name == "nobody" {
				return nil, []string{"Nobel Body"}, nil
			}
			return []*store.Entity{{ID: 7, Name: "Mark Rutte", Kind: "person"}}, nil, nil
		},
		ProfileFn: func(ctx context.Context, id int64, guild string) (*store.Profile, error) {
			if id != 7 {
				return nil, store.ErrNotFound
			}
			src := &store.SourceRef{ID: 1, Name: "seed", Title: "Rutte at the White House", URL: "https://example.com", Published: "2025-10-22"}
			return &store.Profile{
				Entity:       &store.Entity{ID: 7, Name: "Mark Rutte", Kind: "person"},
				Aliases:      []string{"Rutte"},
				Roles:        []*store.Role{{Title: "Secretary General", Org: "NATO", Since: "2024-10-01"}},
				EventsTotal:  3,
				Quotes:       []*store.Quote{{Text: "He deserves all the praise", Date: "2025-06-25", Source: src}},
				Sources:      []*store.SourceRef{src},
				SourcesTotal: 1,
			}, nil
		},
		FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
			gotEvents = f
			src := &store.SourceRef{ID: 1, Name: "seed", Title: "Rutte at the White House", URL: "https://example.com", Published: "2025-10-22"}
			src2 := &store.SourceRef{ID: 2, Name: "wire", Title: "Wire report"}
			return []*store.Event{
				{Date: "2026-Q4", Precision: "quarter", Summary: "Plan due", Source: src, Sources: 1},
				{Date: "2025-10-22", Precision: "day", Summary: "Trump hosted Rutte", Source: src, Sources: 2,
					Disagreements: []*store.Disagreement{{About: "date", Values: []*store.DisagreementValue{
						{Value: "2025-10-22", Sources: []*store.SourceRef{src}}, {Value: "2025-10-21", Sources: []*store.SourceRef{src2}}}}}},
				{Date: "2025-06", Precision: "month", Summary: "NATO summit in The Hague", Source: src, Sources: 1},
			}, 3, nil
		},
	}
	r := commands.New(facts, commands.Options{})
	resp := ask(t, r, "/who rutte")
	text := commands.RenderMarkdown(resp)
	for _, want := range []string{"Mark Rutte", "Person · also called Rutte", "Secretary General, NATO (since 1 Oct 2024)",
		"**Jun 2025** — NATO summit in The Hague — *Rutte at the White House*",
		"**22 Oct 2025** — Trump hosted Rutte — *Rutte at the White House* · 2 sources · sources differ on date 22 Oct 2025 (Rutte at the White House) vs 21 Oct 2025 (Wire report)",
		"**Q4 2026** — Plan due", "“He deserves all the praise” — 25 Jun 2025",
		"[1] Rutte at the White House (22 Oct 2025) https://example.com"} {
		if !strings.Contains(text, want) {
			t.Errorf("who output lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "Jun 2025") < strings.Index(text, "Q4 2026") {
		t.Errorf("events not newest first")
	}
	if !gotEvents.Newest || gotEvents.EntityID != 7 {
		t.Errorf("events asked with %+v", gotEvents)
	}
	if gotName != "rutte" {
		t.Errorf("searched %q", gotName)
	}
	resp = ask(t, r, "/who nobody")
	if !resp.Ephemeral || len(resp.Suggestions) != 1 || !strings.Contains(resp.Lines[0], "No one called nobody. Did you mean: Nobel Body?") {
		t.Fatalf("not found: %+v", resp)
	}
	// The response is plain JSON.
	if _, err := json.Marshal(resp); err != nil {
		t.Fatal(err)
	}
}

func TestTimeline_FakePaging(t *testing.T) {
	var got store.EventFilter
	facts := &FakeFacts{FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
		got = f
		src := &store.SourceRef{ID: 1, Title: "T"}
		return []*store.Event{{Date: "2025-W43", Precision: "week", Summary: "Talks", Source: src}}, 23, nil
	}}
	r := commands.New(facts, commands.Options{})
	resp := ask(t, r, "/timeline ukraine from:2025 to:2025-12 page:2")
	if got.Topic != "ukraine" || got.From != "2025" || got.To != "2025-12" || got.Offset != 10 || got.Limit != 10 {
		t.Fatalf("filter = %+v", got)
	}
	if resp.Page != 1 || resp.Pages != 3 || !strings.Contains(resp.Lines[0], "**week 43, 2025** — Talks — *T*") {
		t.Fatalf("resp = %+v", resp)
	}
	if !strings.Contains(commands.RenderMarkdown(resp), "Page 2 of 3") {
		t.Fatal("no page line")
	}
}

// TestTimeline_Order checks order:newest, the merged-event line with its
// source count and disagreement, the structured result, and that every
// item comes back at once when the caller asks for all (ask --json).
func TestTimeline_Order(t *testing.T) {
	var got []store.EventFilter
	a := &store.SourceRef{ID: 1, Name: "wire", Title: "Wire"}
	b := &store.SourceRef{ID: 2, Name: "paper", Title: "Paper"}
	facts := &FakeFacts{FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
		got = append(got, f)
		if f.Offset > 0 {
			return nil, 1, nil
		}
		return []*store.Event{{Date: "2026-03-02", Precision: "day", Summary: "Harrow Motors will close its Dunmore plant", Source: a, Sources: 2,
			Reports: []*store.Report{{Source: a, Date: "2026-03-02"}, {Source: b, Date: "2026-03-03"}},
			Disagreements: []*store.Disagreement{{About: "date", Values: []*store.DisagreementValue{
				{Value: "2026-03-02", Sources: []*store.SourceRef{a}, Count: 1}, {Value: "2026-03-03", Sources: []*store.SourceRef{b}, Count: 1}}}}}}, 1, nil
	}}
	r := commands.New(facts, commands.Options{})
	resp := ask(t, r, "/timeline harrow order:newest")
	if len(got) != 1 || !got[0].Newest {
		t.Fatalf("filters = %+v", got)
	}
	want := "**2 Mar 2026** — Harrow Motors will close its Dunmore plant — *Wire* · 2 sources · sources differ on date 2 Mar 2026 (Wire) vs 3 Mar 2026 (Paper)"
	if len(resp.Lines) != 1 || resp.Lines[0] != want || !strings.Contains(resp.Footer, "newest first") {
		t.Fatalf("lines %q footer %q", resp.Lines, resp.Footer)
	}
	data, ok := resp.Data.(*commands.TimelineResult)
	if !ok || data.Order != "newest" || len(data.Items) != 1 || data.Items[0].Sources != 2 || len(data.Items[0].Reports) != 2 ||
		data.Items[0].Reports[1].Source != "paper" || len(data.Items[0].Disagreements) != 1 {
		t.Fatalf("data = %+v", resp.Data)
	}
	// All items: the handler reads page after page, not one page.
	got = nil
	req, err := commands.ParseLine("/timeline harrow", r.Definitions())
	if err != nil {
		t.Fatal(err)
	}
	req.All = true
	resp = r.Serve(context.Background(), req)
	if len(got) < 1 || got[0].Limit != 100 || got[0].Newest || resp.Pages != 1 {
		t.Fatalf("all: filters %+v, pages %d", got, resp.Pages)
	}
	// An order that is not one of the choices is refused.
	bad, err := commands.ParseLine("/timeline harrow order:sideways", r.Definitions())
	if err == nil {
		if resp := r.Serve(context.Background(), bad); !resp.Error {
			t.Errorf("order:sideways accepted: %+v", resp)
		}
	}
}

// TestResponses_FitDiscord checks that long facts are cut so that a page
// fits an embed: 4096 characters of description, 1024 per field, 256 of
// title.
func TestResponses_FitDiscord(t *testing.T) {
	long := strings.Repeat("word ", 400)
	src := &store.SourceRef{ID: 1, Title: long, URL: "https://example.com"}
	var evs []*store.Event
	for i := 0; i < 10; i++ {
		evs = append(evs, &store.Event{ID: int64(i), Date: "2025-10-22", Precision: "day", Summary: long, Source: src})
	}
	facts := &FakeFacts{
		FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) { return evs, 100000, nil },
		FindEntitiesFn: func(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error) {
			return []*store.Entity{{ID: 1, Name: "X", Kind: "person"}}, nil, nil
		},
		ProfileFn: func(ctx context.Context, id int64, guild string) (*store.Profile, error) {
			var roles []*store.Role
			for i := 0; i < 50; i++ {
				roles = append(roles, &store.Role{Title: long[:100], Org: "Org"})
			}
			return &store.Profile{Entity: &store.Entity{ID: 1, Name: "X", Kind: "person"}, Roles: roles, EventsTotal: 10}, nil
		},
	}
	r := commands.New(facts, commands.Options{})
	for _, line := range []string{"/timeline x", "/who x"} {
		resp := ask(t, r, line)
		if n := len([]rune(strings.Join(resp.Lines, "\n"))); n > 4096 {
			t.Errorf("%s: body of %d characters", line, n)
		}
		for _, f := range resp.Fields {
			if n := len([]rune(f.Value)); n > 1024 {
				t.Errorf("%s: field %s of %d characters", line, f.Name, n)
			}
		}
	}
	if resp := ask(t, r, "/timeline x"); !strings.HasPrefix(resp.Footer, "About 100000 events") {
		t.Errorf("estimated total not marked: %q", resp.Footer)
	}
}

func TestStripMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"**1 Oct 2024** — Rutte took office. — *Trump hosts NATO's Rutte*": "1 Oct 2024 — Rutte took office. — Trump hosts NATO's Rutte",
		"“daddy” — **Mark Rutte**, 25 Jun 2025 (*Title*)":                  "“daddy” — Mark Rutte, 25 Jun 2025 (Title)",
		"[Kallas in Tallinn](http://127.0.0.1:1/k.html) (2025-10-23)":      "Kallas in Tallinn <http://127.0.0.1:1/k.html> (2025-10-23)",
		"GDP rose 2 * 3 percent":                  "GDP rose 2 * 3 percent",
		"__under__ ~~gone~~ `code` \\*literal\\*": "under gone code *literal*",
		"> quoted line":                           "quoted line",
	} {
		if got := commands.StripMarkdown(in); got != want {
			t.Errorf("StripMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTimeline_MoreValues checks that a disagreement whose list was cut
// says how many values it leaves out, in the line and in the result.
func TestTimeline_MoreValues(t *testing.T) {
	a := &store.SourceRef{ID: 1, Name: "wire", Title: "Wire"}
	b := &store.SourceRef{ID: 2, Name: "paper", Title: "Paper"}
	facts := &FakeFacts{FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
		return []*store.Event{{Date: "2026-03-02", Precision: "day", Summary: "Harrow Motors will close its Dunmore plant", Source: a, Sources: 2,
			Disagreements: []*store.Disagreement{{About: "date", More: 718, Values: []*store.DisagreementValue{
				{Value: "2026-03-02", Sources: []*store.SourceRef{a}, Count: 1}, {Value: "2026-03-03", Sources: []*store.SourceRef{b}, Count: 1}}}}}}, 1, nil
	}}
	resp := ask(t, commands.New(facts, commands.Options{}), "/timeline harrow")
	if len(resp.Lines) != 1 || !strings.HasSuffix(resp.Lines[0], "vs 3 Mar 2026 (Paper) and 718 more") {
		t.Fatalf("lines %q", resp.Lines)
	}
	data := resp.Data.(*commands.TimelineResult)
	if d := data.Items[0].Disagreements; len(d) != 1 || d[0].More != 718 || len(d[0].Values) != 2 {
		t.Fatalf("disagreements = %+v", d)
	}
}
