package commands_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/source"
)

// SourceAdmin is a fake commands.SourceAdmin: a struct of function fields
// over an in-memory list.
type SourceAdmin struct {
	mu      sync.Mutex
	sources []source.SourceStatus

	ReloadFn func(ctx context.Context, progress func(string)) ([]source.LoadReport, error)
	AddFn    func(ctx context.Context, src source.NewSource) (source.LoadReport, error)
	removed  []string
}

var _ commands.SourceAdmin = (*SourceAdmin)(nil)

func (s *SourceAdmin) Reload(ctx context.Context, guild string, progress func(string)) ([]source.LoadReport, error) {
	return s.ReloadFn(ctx, progress)
}

func (s *SourceAdmin) Add(ctx context.Context, src source.NewSource) (source.LoadReport, error) {
	rep, err := s.AddFn(ctx, src)
	if err == nil && rep.Outcome != source.Failed {
		src.Name = rep.Name
		s.mu.Lock()
		s.sources = append(s.sources, source.SourceStatus{Name: src.Name, Location: src.Location, Origin: "discord", AddedBy: src.AddedBy, Facts: rep.Facts})
		s.mu.Unlock()
	}
	return rep, err
}

func (s *SourceAdmin) Remove(ctx context.Context, guild, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, src := range s.sources {
		if src.Name == name {
			s.sources = append(s.sources[:i], s.sources[i+1:]...)
			s.removed = append(s.removed, name)
			return nil
		}
	}
	return fmt.Errorf("remove %s: %w", name, source.ErrSourceNotFound)
}

func (s *SourceAdmin) List(ctx context.Context, guild string) ([]source.SourceStatus, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]source.SourceStatus(nil), s.sources...), nil
}

func adminReq(command string, opts map[string]string) *commands.Request {
	return &commands.Request{Command: command, Options: opts, Caller: commands.Caller{UserID: "42", Admin: true}}
}

func TestAdminRefusesNonAdmins(t *testing.T) {
	src := &SourceAdmin{sources: []source.SourceStatus{{Name: "seed"}}}
	a := &commands.Admin{Sources: src}
	for _, cmd := range []string{"admin reload", "admin source add", "admin source remove", "admin source list"} {
		req := adminReq(cmd, map[string]string{"name": "seed", "confirm": "true", "location": "http://example.org/"})
		req.Caller.Admin = false
		resp, err := a.Serve(context.Background(), req)
		if err != nil || !resp.Ephemeral || !resp.Error || resp.Title != "Not allowed" {
			t.Errorf("%s: %+v, %v", cmd, resp, err)
		}
	}
	if len(src.sources) != 1 || len(src.removed) != 0 {
		t.Errorf("sources changed: %+v", src.sources)
	}
	choices, _ := a.Autocomplete(context.Background(), &commands.Request{Command: "admin source remove"}, "name", "s")
	if len(choices) != 0 {
		t.Errorf("non-admin autocomplete = %v", choices)
	}
}

func TestAdminReloadReport(t *testing.T) {
	var progress []string
	src := &SourceAdmin{ReloadFn: func(ctx context.Context, p func(string)) ([]source.LoadReport, error) {
		p("1/3 seed")
		return []source.LoadReport{
			{Name: "wiki", Outcome: source.Unchanged, Facts: 10},
			{Name: "seed", Outcome: source.Changed, Facts: 42},
			{Name: "feed", Outcome: source.Failed, Reason: "GET https://example.org/feed: 503 Service Unavailable"},
			{Name: "alpha", Outcome: source.Changed, Reason: "3 new events"},
		}, nil
	}}
	a := &commands.Admin{Sources: src}
	req := adminReq("admin reload", nil)
	req.Progress = func(s string) { progress = append(progress, s) }
	resp, err := a.Serve(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Title != "Reload: 2 changed, 1 unchanged, 1 failed" {
		t.Errorf("title = %q", resp.Title)
	}
	if len(resp.Fields) != 3 {
		t.Fatalf("fields = %+v", resp.Fields)
	}
	want := []struct{ name, value string }{
		{"Changed (2)", "**alpha** — 3 new events\n**seed** — 42 facts"},
		{"Unchanged (1)", "**wiki**"},
		{"Failed (1)", "**feed**: GET https://example.org/feed: 503 Service Unavailable"},
	}
	for i, w := range want {
		if resp.Fields[i].Name != w.name || resp.Fields[i].Value != w.value {
			t.Errorf("field %d = %q %q, want %q %q", i, resp.Fields[i].Name, resp.Fields[i].Value, w.name, w.value)
		}
	}
	if len(progress) != 1 || progress[0] != "1/3 seed" {
		t.Errorf("progress = %v", progress)
	}

	src.ReloadFn = func(ctx context.Context, p func(string)) ([]source.LoadReport, error) {
		return nil, errors.New("database is locked")
	}
	resp, _ = a.Serve(context.Background(), adminReq("admin reload", nil))
	if !resp.Error || !resp.Ephemeral || !strings.Contains(strings.Join(resp.Lines, " "), "database is locked") {
		t.Errorf("failed reload = %+v", resp)
	}
}

func TestAdminSourceAddRemove(t *testing.T) {
	article := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "Some article text.")
	}))
	defer article.Close()
	var added []source.NewSource
	src := &SourceAdmin{
		sources: []source.SourceStatus{{Name: "seed", Location: "seed.txt", Origin: "config", Facts: 30}},
		AddFn: func(ctx context.Context, ns source.NewSource) (source.LoadReport, error) {
			u, err := url.Parse(ns.Location)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				return source.LoadReport{}, fmt.Errorf("%w: only http and https", source.ErrURLRefused)
			}
			if ns.Name == "" {
				ns.Name = source.NameFromURL(u)
			}
			for _, s := range added {
				if s.Name == ns.Name {
					return source.LoadReport{}, fmt.Errorf("a source called %s already exists", ns.Name)
				}
			}
			added = append(added, ns)
			return source.LoadReport{Name: ns.Name, Outcome: source.Changed, Facts: 7}, nil
		},
	}
	a := &commands.Admin{Sources: src}
	ctx := context.Background()

	resp, _ := a.Serve(ctx, adminReq("admin source add", map[string]string{"location": article.URL + "/news/rutte-visit.html", "published": "2025-10-23"}))
	if resp.Error || resp.Title != "Added source rutte-visit" {
		t.Fatalf("add = %+v", resp)
	}
	if len(added) != 1 || added[0].Name != "rutte-visit" || added[0].Published != "2025-10-23" || added[0].AddedBy != "42" {
		t.Errorf("added = %+v", added)
	}
	// The source admin's refusals reach the admin, ephemeral.
	resp, _ = a.Serve(ctx, adminReq("admin source add", map[string]string{"location": article.URL + "/x", "name": "rutte-visit"}))
	if !resp.Error || !resp.Ephemeral || !strings.Contains(resp.Lines[0], "already exists") || len(added) != 1 {
		t.Errorf("duplicate add = %+v", resp)
	}
	for _, bad := range []map[string]string{
		{"location": "file:///etc/passwd"},
		{"location": "ftp://example.org/a"},
		{"location": article.URL, "published": "23.10.2025"},
	} {
		resp, _ = a.Serve(ctx, adminReq("admin source add", bad))
		if !resp.Error || !resp.Ephemeral {
			t.Errorf("add %v accepted: %+v", bad, resp)
		}
	}
	if len(added) != 1 {
		t.Errorf("bad adds reached the source admin: %+v", added)
	}

	// Remove asks first, with buttons that carry the decision.
	resp, _ = a.Serve(ctx, adminReq("admin source remove", map[string]string{"name": "rutte-visit"}))
	if len(resp.Buttons) != 2 || !resp.Buttons[0].Danger || resp.Buttons[0].Options["confirm"] != "true" ||
		resp.Buttons[1].Options["confirm"] != "false" || resp.Buttons[0].Command != "admin source remove" {
		t.Fatalf("confirmation = %+v", resp)
	}
	if len(src.removed) != 0 {
		t.Fatal("removed before confirmation")
	}
	cancel := resp.Buttons[1]
	resp, _ = a.Serve(ctx, adminReq(cancel.Command, cancel.Options))
	if !strings.HasPrefix(resp.Title, "Kept") || len(src.removed) != 0 {
		t.Errorf("cancel = %+v", resp)
	}
	resp, _ = a.Serve(ctx, adminReq("admin source remove", map[string]string{"name": "rutte-visit", "confirm": "true"}))
	if resp.Error || len(src.removed) != 1 {
		t.Errorf("confirmed remove = %+v, removed %v", resp, src.removed)
	}
	resp, _ = a.Serve(ctx, adminReq("admin source remove", map[string]string{"name": "sead"}))
	if !resp.Error || len(resp.Suggestions) == 0 || resp.Suggestions[0] != "seed" {
		t.Errorf("unknown name = %+v", resp)
	}
}

func TestAdminSourceListPages(t *testing.T) {
	src := &SourceAdmin{}
	for i := 0; i < 33; i++ {
		src.sources = append(src.sources, source.SourceStatus{Name: fmt.Sprintf("s%02d", i), Location: "https://example.org/", Origin: "discord",
			LoadedAt: time.Date(2025, 10, 22, 10, 0, 0, 0, time.UTC)})
	}
	src.sources[3].LastError = "timeout"
	src.sources[4].LastFetched = time.Date(2025, 10, 22, 10, 0, 0, 0, time.UTC)
	src.sources[4].NextDue = time.Date(2025, 10, 22, 10, 15, 0, 0, time.UTC)
	src.sources[4].LastStatus, src.sources[4].Failures = 503, 2
	a := &commands.Admin{Sources: src, PageSize: 15}
	req := adminReq("admin source list", nil)
	resp, _ := a.Serve(context.Background(), req)
	if !strings.Contains(resp.Lines[4], "fetched 2025-10-22 10:00 UTC (HTTP 503), next 2025-10-22 10:15 UTC, 2 failed in a row") {
		t.Errorf("polled source line = %q", resp.Lines[4])
	}
	if resp.Pages != 3 || len(resp.Lines) != 15 || !strings.Contains(resp.Lines[3], "failed: timeout") {
		t.Fatalf("page 1 = %+v", resp)
	}
	req.Page = 2
	resp, _ = a.Serve(context.Background(), req)
	if resp.Page != 2 || len(resp.Lines) != 3 || !strings.HasPrefix(resp.Lines[0], "**s30**") {
		t.Errorf("page 3 = %+v", resp)
	}
	choices, err := a.Autocomplete(context.Background(), adminReq("admin source remove", nil), "name", "s1")
	if err != nil || len(choices) != 10 || choices[0].Value != "s10" {
		t.Errorf("autocomplete = %v %v", choices, err)
	}
}

func TestAdminCommandThroughRouter(t *testing.T) {
	src := &SourceAdmin{sources: []source.SourceStatus{{Name: "seed", Location: "seed.txt", Origin: "config"}, {Name: "extra", Origin: "discord"}}}
	r := commands.NewRouter()
	r.Add(commands.AdminCommand(src))
	ctx := context.Background()
	req := adminReq("admin source remove", map[string]string{"name": "extra"})
	req.Caller.Admin = false
	if resp := r.Serve(ctx, req); !resp.Ephemeral || !resp.Error || len(src.removed) != 0 {
		t.Errorf("non-admin through the router = %+v", resp)
	}
	resp := r.Serve(ctx, adminReq("admin source remove", map[string]string{"name": "extra"}))
	if len(resp.Buttons) != 2 {
		t.Fatalf("prompt = %+v", resp)
	}
	// The router accepts the options the confirmation button carries.
	b := resp.Buttons[0]
	resp = r.Serve(ctx, adminReq(b.Command, b.Options))
	if resp.Error || len(src.removed) != 1 {
		t.Errorf("confirmed through the router = %+v", resp)
	}
	choices, err := r.Autocomplete(ctx, adminReq("admin source remove", nil), "name", "se")
	if err != nil || len(choices) != 1 || choices[0].Value != "seed" {
		t.Errorf("autocomplete = %v, %v", choices, err)
	}
	long := strings.Repeat("x", 2100)
	if resp := r.Serve(ctx, adminReq("admin source add", map[string]string{"location": "https://example.org/" + long})); !resp.Error {
		t.Errorf("over-long location accepted: %+v", resp)
	}
}
