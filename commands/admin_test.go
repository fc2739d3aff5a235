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
)

// SourceAdmin is a fake commands.SourceAdmin: a struct of function fields
// over an in-memory list.
type SourceAdmin struct {
	mu      sync.Mutex
	sources []commands.SourceStatus

	ReloadFn func(ctx context.Context, progress func(string)) ([]commands.LoadReport, error)
	AddFn    func(ctx context.Context, src commands.NewSource) (commands.LoadReport, error)
	removed  []string
}

var _ commands.SourceAdmin = (*SourceAdmin)(nil)

func (s *SourceAdmin) Reload(ctx context.Context, progress func(string)) ([]commands.LoadReport, error) {
	return s.ReloadFn(ctx, progress)
}

func (s *SourceAdmin) Add(ctx context.Context, src commands.NewSource) (commands.LoadReport, error) {
	rep, err := s.AddFn(ctx, src)
	if err == nil && rep.Outcome != commands.Failed {
		s.mu.Lock()
		s.sources = append(s.sources, commands.SourceStatus{Name: src.Name, Location: src.Location, Origin: "discord", AddedBy: src.AddedBy, Facts: rep.Facts})
		s.mu.Unlock()
	}
	return rep, err
}

func (s *SourceAdmin) Remove(ctx context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, src := range s.sources {
		if src.Name == name {
			s.sources = append(s.sources[:i], s.sources[i+1:]...)
			s.removed = append(s.removed, name)
			return nil
		}
	}
	return fmt.Errorf("remove %s: %w", name, commands.ErrSourceNotFound)
}

func (s *SourceAdmin) List(ctx context.Context) ([]commands.SourceStatus, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]commands.SourceStatus(nil), s.sources...), nil
}

func adminReq(command string, opts map[string]string) *commands.Request {
	return &commands.Request{Command: command, Options: opts, Caller: commands.Caller{UserID: "42", Admin: true}}
}

func TestAdminRefusesNonAdmins(t *testing.T) {
	src := &SourceAdmin{sources: []commands.SourceStatus{{Name: "seed"}}}
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
	src := &SourceAdmin{ReloadFn: func(ctx context.Context, p func(string)) ([]commands.LoadReport, error) {
		p("1/3 seed")
		return []commands.LoadReport{
			{Name: "wiki", Outcome: commands.Unchanged, Facts: 10},
			{Name: "seed", Outcome: commands.Changed, Facts: 42},
			{Name: "feed", Outcome: commands.Failed, Reason: "GET https://example.org/feed: 503 Service Unavailable"},
			{Name: "alpha", Outcome: commands.Changed, Reason: "3 new events"},
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

	src.ReloadFn = func(ctx context.Context, p func(string)) ([]commands.LoadReport, error) {
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
	var added []commands.NewSource
	src := &SourceAdmin{
		sources: []commands.SourceStatus{{Name: "seed", Location: "seed.txt", Origin: "config", Facts: 30}},
		AddFn: func(ctx context.Context, ns commands.NewSource) (commands.LoadReport, error) {
			added = append(added, ns)
			return commands.LoadReport{Name: ns.Name, Outcome: commands.Changed, Facts: 7}, nil
		},
	}
	a := &commands.Admin{Sources: src, Policy: commands.URLPolicy{AllowPrivate: true}}
	ctx := context.Background()

	resp, _ := a.Serve(ctx, adminReq("admin source add", map[string]string{"location": article.URL + "/news/rutte-visit.html", "published": "2025-10-23"}))
	if resp.Error || resp.Title != "Added source rutte-visit" {
		t.Fatalf("add = %+v", resp)
	}
	if len(added) != 1 || added[0].Name != "rutte-visit" || added[0].Published != "2025-10-23" || added[0].AddedBy != "42" {
		t.Errorf("added = %+v", added)
	}
	// The same name again is refused before anything is fetched.
	resp, _ = a.Serve(ctx, adminReq("admin source add", map[string]string{"location": article.URL + "/x", "name": "rutte-visit"}))
	if !resp.Error || !strings.Contains(resp.Lines[0], "exists already") || len(added) != 1 {
		t.Errorf("duplicate add = %+v", resp)
	}
	for _, bad := range []map[string]string{
		{"location": "file:///etc/passwd"},
		{"location": "ftp://example.org/a"},
		{"location": article.URL, "published": "23.10.2025"},
		{"location": article.URL, "name": "../etc"},
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
		src.sources = append(src.sources, commands.SourceStatus{Name: fmt.Sprintf("s%02d", i), Location: "https://example.org/", Origin: "discord",
			LoadedAt: time.Date(2025, 10, 22, 10, 0, 0, 0, time.UTC)})
	}
	src.sources[3].LastError = "timeout"
	a := &commands.Admin{Sources: src, PageSize: 15}
	req := adminReq("admin source list", nil)
	resp, _ := a.Serve(context.Background(), req)
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

func TestURLPolicyCheck(t *testing.T) {
	p := commands.URLPolicy{}
	ctx := context.Background()
	for _, raw := range []string{
		"http://127.0.0.1/", "http://localhost:8080/", "http://[::1]/", "http://10.1.2.3/", "http://192.168.0.1/",
		"http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://100.64.0.1/",
		"http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://[fd00:ec2::254]/", "file:///etc/passwd",
		"gopher://example.org/", "https://user:pw@example.org/", "http:///nohost", "not a url",
	} {
		if _, err := p.Check(ctx, raw); !errors.Is(err, commands.ErrURLRefused) {
			t.Errorf("Check(%q) = %v, want refused", raw, err)
		}
	}
	if _, err := p.Check(ctx, "https://93.184.215.14/article"); err != nil {
		t.Errorf("public address refused: %v", err)
	}
	allow := commands.URLPolicy{AllowPrivate: true}
	if _, err := allow.Check(ctx, "http://127.0.0.1:8080/a"); err != nil {
		t.Errorf("loopback refused although allowed: %v", err)
	}
	if _, err := allow.Check(ctx, "file:///etc/passwd"); err == nil {
		t.Error("file URL accepted with AllowPrivate")
	}
}

func TestURLPolicyFetch(t *testing.T) {
	big := strings.Repeat("x", 2000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "hello")
		case "/big":
			fmt.Fprint(w, big)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
			fmt.Fprint(w, "late")
		case "/redirect":
			http.Redirect(w, r, "/ok", http.StatusFound)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	p := commands.URLPolicy{AllowPrivate: true, MaxBytes: 1000, Timeout: 100 * time.Millisecond}
	body, ct, err := p.Fetch(ctx, srv.URL+"/ok")
	if err != nil || string(body) != "hello" || ct != "text/plain" {
		t.Errorf("ok = %q %q %v", body, ct, err)
	}
	if _, _, err := p.Fetch(ctx, srv.URL+"/redirect"); err != nil {
		t.Errorf("redirect: %v", err)
	}
	if _, _, err := p.Fetch(ctx, srv.URL+"/big"); err == nil || !strings.Contains(err.Error(), "1000") {
		t.Errorf("big = %v, want size error", err)
	}
	if _, _, err := p.Fetch(ctx, srv.URL+"/slow"); err == nil {
		t.Error("slow fetch did not time out")
	}
	// Without AllowPrivate the client refuses to connect to loopback even
	// when the check is skipped (a DNS answer that changed, a redirect).
	strict := commands.URLPolicy{}
	if _, err := strict.Client().Get(srv.URL + "/ok"); !errors.Is(err, commands.ErrURLRefused) {
		t.Errorf("strict client reached loopback: %v", err)
	}
	if _, _, err := strict.Fetch(ctx, srv.URL+"/ok"); !errors.Is(err, commands.ErrURLRefused) {
		t.Errorf("strict fetch reached loopback: %v", err)
	}
}

func TestNameFromURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://example.org/news/2025/Rutte-White-House.html": "rutte-white-house",
		"https://example.org/":                                 "example.org",
		"https://example.org/feed.xml?x=1":                     "feed",
		"https://example.org/%C3%A9t%C3%A9":                    "-",
	} {
		u, _ := url.Parse(raw)
		got := commands.NameFromURL(u)
		if want == "-" {
			if got == "" {
				t.Errorf("%s: empty name", raw)
			}
			continue
		}
		if got != want {
			t.Errorf("NameFromURL(%s) = %q, want %q", raw, got, want)
		}
	}
}

func TestAdminCommandThroughRouter(t *testing.T) {
	src := &SourceAdmin{sources: []commands.SourceStatus{{Name: "seed", Location: "seed.txt", Origin: "config"}, {Name: "extra", Origin: "discord"}}}
	r := commands.NewRouter()
	r.Add(commands.AdminCommand(src, commands.URLPolicy{}))
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
