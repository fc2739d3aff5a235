package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/store"
)

// newTestAdmin returns an Admin over a file database with one configured
// file source, and the path of that file.
func newTestAdmin(t *testing.T) (*Admin, string) {
	t.Helper()
	dir := t.TempDir()
	db := store.NewDB(filepath.Join(dir, "b.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("Ana Silva, the mayor of Lisbon, opened a bridge on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := &Loader{AllowPrivate: true, Timeout: 2 * time.Second}
	m := &Manager{Loader: l, Store: db}
	return &Admin{Manager: m, Store: db, Static: []Config{{Name: "local", Path: path, Published: "2025-10-22"}}}, path
}

func TestAdminReloadReportsOutcomes(t *testing.T) {
	a, path := newTestAdmin(t)
	ctx := context.Background()
	var progress []string
	reps, err := a.Reload(ctx, "", func(s string) { progress = append(progress, s) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Outcome != Changed || reps[0].Facts == 0 {
		t.Fatalf("first reload = %+v", reps)
	}
	if len(progress) != 1 {
		t.Errorf("progress = %q", progress)
	}
	if reps, _ = a.Reload(ctx, "", nil); reps[0].Outcome != Unchanged {
		t.Errorf("second reload = %+v, want unchanged", reps)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	reps, _ = a.Reload(ctx, "", nil)
	if reps[0].Outcome != Failed || reps[0].Reason == "" {
		t.Errorf("reload of a missing file = %+v, want failed with a reason", reps)
	}
	list, err := a.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Facts == 0 || list[0].LastError == "" {
		t.Errorf("after a failed reload the facts must stay and the error show: %+v", list)
	}
}

func TestAdminAddRemove(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.")
	}))
	defer srv.Close()

	rep, err := a.Add(ctx, NewSource{Name: "nordvik", Location: srv.URL + "/a", Published: "2025-10-22", AddedBy: "42"})
	if err != nil || rep.Outcome != Changed {
		t.Fatalf("add = %+v, %v", rep, err)
	}
	if _, err := a.Add(ctx, NewSource{Name: "nordvik", Location: srv.URL + "/a"}); err == nil {
		t.Error("adding a name twice succeeded")
	}
	if _, err := a.Add(ctx, NewSource{Name: "local", Location: srv.URL + "/a"}); err == nil {
		t.Error("adding a config file's name succeeded")
	}
	if _, err := a.Add(ctx, NewSource{Name: "gone", Location: srv.URL + "/missing"}); err == nil {
		t.Error("adding a 404 succeeded")
	}
	list, _ := a.List(ctx, "")
	names := map[string]SourceStatus{}
	for _, s := range list {
		names[s.Name] = s
	}
	if _, ok := names["gone"]; ok || len(list) != 2 || names["nordvik"].Origin != "discord" || names["nordvik"].AddedBy != "42" {
		t.Errorf("list = %+v", list)
	}
	if err := a.Remove(ctx, "", "local"); err == nil {
		t.Error("removing a config file's source succeeded")
	}
	if err := a.Remove(ctx, "", "nope"); !errors.Is(err, ErrSourceNotFound) {
		t.Errorf("remove nope = %v, want ErrSourceNotFound", err)
	}
	if err := a.Remove(ctx, "", "nordvik"); err != nil {
		t.Fatal(err)
	}
	srcs, _ := a.Manager.Store.FindSources(ctx)
	for _, s := range srcs {
		if s.Name == "nordvik" || s.Name == "gone" {
			t.Errorf("source %s still stored after removal", s.Name)
		}
	}
}

func TestAdminBuiltin(t *testing.T) {
	a, _ := newTestAdmin(t)
	a.Static = nil
	a.Builtin = []Article{DefaultArticle()}
	ctx := context.Background()
	reps, err := a.Reload(ctx, "", nil)
	if err != nil || len(reps) != 1 || reps[0].Outcome != Changed || reps[0].Name != Default().Name {
		t.Fatalf("reload = %+v, %v", reps, err)
	}
	if reps, _ := a.Reload(ctx, "", nil); len(reps) != 1 || reps[0].Outcome != Unchanged {
		t.Errorf("second reload = %+v, want the built-in article checked and unchanged", reps)
	}
	list, _ := a.List(ctx, "")
	if len(list) != 1 || list[0].Origin != "built-in" || list[0].Facts == 0 {
		t.Errorf("list = %+v", list)
	}
	if err := a.Remove(ctx, "", Default().Name); err == nil {
		t.Error("removing the built-in article succeeded")
	}
	if _, err := a.Add(ctx, NewSource{Name: Default().Name, Location: "https://example.com/x"}); err == nil {
		t.Error("adding a source under the built-in article's name succeeded")
	}
}

func TestCheckURL(t *testing.T) {
	l := &Loader{}
	ctx := context.Background()
	for _, raw := range []string{
		"http://127.0.0.1/", "http://[::1]/", "http://10.1.2.3/", "http://192.168.0.1/",
		"http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://100.64.0.1/",
		"http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://[fd00:ec2::254]/", "file:///etc/passwd",
		"http://[2002:7f00:1::]/",  // 6to4 wrapping 127.0.0.1
		"http://[64:ff9b::a00:1]/", // NAT64 wrapping 10.0.0.1
		"gopher://example.org/", "https://user:pw@example.org/", "http:///nohost", "not a url",
	} {
		_, err := l.CheckURL(ctx, raw)
		if !errors.Is(err, ErrURLRefused) {
			t.Errorf("CheckURL(%q) = %v, want refused", raw, err)
		} else if strings.Contains(err.Error(), "pw@") {
			t.Errorf("CheckURL(%q) error shows the password: %v", raw, err)
		}
	}
	if _, err := l.CheckURL(ctx, "https://93.184.215.14/article"); err != nil {
		t.Errorf("public address refused: %v", err)
	}
	allow := &Loader{AllowPrivate: true}
	if _, err := allow.CheckURL(ctx, "http://127.0.0.1:8080/a"); err != nil {
		t.Errorf("loopback refused although allowed: %v", err)
	}
	for _, raw := range []string{"file:///etc/passwd", "https://user:pw@127.0.0.1/"} {
		if _, err := allow.CheckURL(ctx, raw); err == nil {
			t.Errorf("%s accepted with AllowPrivate", raw)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:secret@example.org/feed":             "https://xxxxx@example.org/feed",
		`GET "http://u:p@h.example/x": connection refused`: `GET "http://xxxxx@h.example/x": connection refused`,
		"https://example.org/a@b":                          "https://example.org/a@b",
		"mail me@example.org":                              "mail me@example.org",
		"two http://a:b@x.org and https://c@y.org/?q=d@e":  "two http://xxxxx@x.org and https://xxxxx@y.org/?q=d@e",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
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
		got := NameFromURL(u)
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

// TestAdminPrunesDroppedConfigSources checks that a source dropped from
// the config goes with its facts at the next reload, reported as
// removed, while sources added from Discord and ad-hoc ingests stay.
func TestAdminPrunesDroppedConfigSources(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	dir := t.TempDir()
	other := filepath.Join(dir, "b.txt")
	if err := os.WriteFile(other, []byte("Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	adhoc := filepath.Join(dir, "c.txt")
	if err := os.WriteFile(adhoc, []byte("Mira Holt, the mayor of Eastport, opened a school on Friday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a.Static = append(a.Static, Config{Name: "other", Path: other, Published: "2025-10-21"})
	if _, err := a.Reload(ctx, "", nil); err != nil {
		t.Fatal(err)
	}
	if reps := a.Manager.Load(ctx, Config{Name: "adhoc", Path: adhoc, Published: "2025-10-20", Origin: store.OriginAdhoc}); reps[0].Status != store.ResultAdded {
		t.Fatalf("ad-hoc load = %+v", reps)
	}

	a.Static = a.Static[:1] // "other" is dropped from the config
	reps, err := a.Reload(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var removed []string
	for _, r := range reps {
		if r.Outcome == Removed {
			removed = append(removed, r.Name)
		}
	}
	if len(removed) != 1 || removed[0] != "other" {
		t.Errorf("removed = %v (reports %+v), want [other]", removed, reps)
	}
	srcs, _ := a.Manager.Store.FindSources(ctx)
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "adhoc,local" {
		t.Errorf("stored sources = %v, want adhoc and local", names)
	}
	if reps, _ := a.Reload(ctx, "", nil); len(reps) != 1 || reps[0].Outcome != Unchanged {
		t.Errorf("second reload = %+v, want only local, unchanged", reps)
	}
	list, _ := a.List(ctx, AllGuilds)
	if len(list) != 2 || list[1].Name != "adhoc" || list[1].Origin != "ingest" || list[1].Facts == 0 {
		t.Errorf("list = %+v, want local then the ad-hoc source", list)
	}
	if err := a.Remove(ctx, "", "adhoc"); err != nil {
		t.Errorf("removing an ad-hoc source: %v", err)
	}
}

// TestFailedAdhocLoadLeavesNoRow checks that a misspelt path, a refused
// URL or a cancelled load given on the command line leaves nothing in
// the store, while a configured source's failure is recorded.
func TestFailedAdhocLoadLeavesNoRow(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	m := &Manager{Loader: &Loader{}, Store: a.Manager.Store}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Lars Berg resigned on Tuesday.")
	}))
	defer srv.Close()
	for _, tc := range []struct {
		ctx context.Context
		c   Config
	}{
		{ctx, Config{Name: "typo", Path: filepath.Join(t.TempDir(), "nope.txt"), Origin: store.OriginAdhoc}},
		{ctx, Config{Name: "dir", Path: t.TempDir(), Origin: store.OriginAdhoc}},
		{ctx, Config{Name: "refused", URL: srv.URL, Origin: store.OriginAdhoc}},
		{cancelled, Config{Name: "cancelled", URL: "https://example.invalid/x", Origin: store.OriginAdhoc}},
	} {
		reps := m.Load(tc.ctx, tc.c)
		if len(reps) != 1 || reps[0].Status != store.ResultFailed {
			t.Errorf("%s: reports %+v, want one failure", tc.c.Name, reps)
		}
	}
	if reps := m.Load(cancelled, Config{Name: "cancelled2", URL: "https://example.invalid/x", Origin: store.OriginAdhoc}); reps[0].Error != "cancelled" {
		t.Errorf("cancelled load error = %q, want one wording: cancelled", reps[0].Error)
	}
	m.Load(ctx, Config{Name: "configured", Path: filepath.Join(t.TempDir(), "gone.txt"), Origin: store.OriginConfig})
	srcs, _ := m.Store.FindSources(ctx)
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "configured" {
		t.Errorf("stored sources = %v, want only the configured failure", names)
	}
}

// TestCredentialsRedacted checks that a password in a source URL shows
// nowhere: not in reports, errors, stored locations or the list.
func TestCredentialsRedacted(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.")
	}))
	defer srv.Close()
	withPW := strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1)
	a.Static = append(a.Static, Config{Name: "ok", URL: withPW + "/a", Published: "2025-10-22"}, Config{Name: "bad", URL: withPW + "/missing"})
	reps, err := a.Reload(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, r := range reps {
		seen = append(seen, r.Reason)
	}
	list, _ := a.List(ctx, AllGuilds)
	for _, s := range list {
		seen = append(seen, s.Location, s.LastError)
	}
	srcs, _ := a.Manager.Store.FindSources(ctx)
	for _, s := range srcs {
		seen = append(seen, s.Location, s.LastError, s.URL)
	}
	if all := strings.Join(seen, " | "); strings.Contains(all, "hunter2") || !strings.Contains(all, "xxxxx@") {
		t.Errorf("password shown or location lost: %s", all)
	}
	if _, err := a.Add(ctx, NewSource{Name: "pw", Location: withPW + "/a"}); !errors.Is(err, ErrURLRefused) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("add with credentials = %v, want refused without the password", err)
	}
}

// TestFeedTruncationReported checks that a feed cut to MaxItems says so
// in its load report, not only in the log.
func TestFeedTruncationReported(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`)
	for i := 0; i < 7; i++ {
		fmt.Fprintf(&b, `<item><title>Item %d</title><guid>g%d</guid><pubDate>Mon, 0%d Sep 2025 10:00:00 GMT</pubDate><description>Mira Holt, the mayor of Eastport, opened school number %d on Friday after a long debate in the council about its cost and its size and the traffic it would bring to the old town.</description></item>`, i, i, i+1, i)
	}
	b.WriteString(`</channel></rss>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	}))
	defer srv.Close()
	a.Manager.Loader.MaxItems = 5
	a.Static = []Config{{Name: "feed", URL: srv.URL + "/rss"}}
	reps, err := a.Reload(ctx, "", nil)
	if err != nil || len(reps) != 1 {
		t.Fatalf("reload = %+v, %v", reps, err)
	}
	if !strings.Contains(reps[0].Reason, "feed cut to its first 5 of 7 items") {
		t.Errorf("report = %+v, want the cut", reps[0])
	}
	items := a.Manager.Load(ctx, Config{Name: "feed2", URL: srv.URL + "/rss"})
	if len(items) != 5 || !strings.Contains(items[0].Warning, "5 of 7") || items[1].Warning != "" {
		t.Errorf("item reports = %+v, want the cut said once", items)
	}
}

// TestAdminListShowsPolling checks that the list shows the poller's
// record of a URL source, and that a source dropped from the config
// takes its poll state with it.
func TestAdminListShowsPolling(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	fails := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fails {
			w.Header().Set("Retry-After", "120")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("ETag", `"a"`)
		fmt.Fprintln(w, "Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.")
	}))
	defer srv.Close()
	a.Static = append(a.Static, Config{Name: "web", URL: srv.URL + "/a", Published: "2025-10-22", Origin: store.OriginConfig})
	db := a.Store.(*store.DB)
	p := &Poller{Loader: &Loader{AllowPrivate: true}, Store: db, Sources: a.URLSources}
	if _, err := p.Round(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := a.List(ctx, AllGuilds)
	var web SourceStatus
	for _, s := range list {
		if s.Name == "web" {
			web = s
		}
	}
	if web.LastFetched.IsZero() || web.LastStatus != 200 || web.Failures != 0 || !web.NextDue.After(web.LastFetched) || web.Facts == 0 {
		t.Errorf("web after a good fetch = %+v", web)
	}
	fails = true
	p.Now = func() time.Time { return time.Now().Add(24 * time.Hour) }
	if _, err := p.Round(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ = a.List(ctx, AllGuilds)
	for _, s := range list {
		if s.Name == "web" {
			web = s
		}
	}
	if web.LastStatus != 503 || web.Failures != 1 || !strings.Contains(web.LastError, "503") || web.Facts == 0 {
		t.Errorf("web after a failed fetch = %+v, want the failure shown and the facts kept", web)
	}

	a.Static = a.Static[:1]
	if _, err := a.Reload(ctx, "", nil); err != nil {
		t.Fatal(err)
	}
	if st, err := db.PollState(ctx, "web"); err == nil {
		t.Errorf("poll state of a dropped source kept: %+v", st)
	}
}

// TestAdminGuildSources checks that a source added in a guild belongs to
// it: listed and removable there, invisible to and not removable by
// another guild, stored as the guild's, and not listed globally as an
// ad-hoc source.
func TestAdminGuildSources(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.")
	}))
	defer srv.Close()
	a.Added = &Manager{Loader: &Loader{AllowPrivate: true}, Store: a.Manager.Store}
	if _, err := a.Add(ctx, NewSource{Name: "ours", Location: srv.URL + "/a", Published: "2025-10-22", Guild: "111"}); err != nil {
		t.Fatal(err)
	}
	names := func(guild string) string {
		list, err := a.List(ctx, guild)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range list {
			out = append(out, s.Name+"@"+s.Guild)
		}
		return strings.Join(out, ",")
	}
	if got := names("111"); got != "local@,ours@111" {
		t.Errorf("guild 111 lists %s", got)
	}
	for _, g := range []string{"222", ""} {
		if got := names(g); got != "local@" {
			t.Errorf("view %q lists %s", g, got)
		}
	}
	srcs, _ := a.Manager.Store.FindSources(ctx)
	for _, s := range srcs {
		if s.Name == "ours" && (s.Guild != "111" || s.Origin != store.OriginDiscord) {
			t.Errorf("stored %+v, want guild 111, origin discord", s)
		}
	}
	if _, err := a.Add(ctx, NewSource{Name: "ours", Location: srv.URL + "/b", Guild: "222"}); err == nil {
		t.Error("another guild reused the name")
	}
	if err := a.Remove(ctx, "222", "ours"); !errors.Is(err, ErrSourceNotFound) {
		t.Errorf("another guild's remove = %v, want not found", err)
	}
	if reps, _ := a.Reload(ctx, "222", nil); len(reps) != 1 || reps[0].Name != "local" {
		t.Errorf("another guild's reload = %+v, want only the global source", reps)
	}
	if err := a.Remove(ctx, "111", "ours"); err != nil {
		t.Errorf("own guild's remove: %v", err)
	}
	if got := names(AllGuilds); got != "local@" {
		t.Errorf("after removal the operator lists %s", got)
	}
}
