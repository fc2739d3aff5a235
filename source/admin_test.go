package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"briefbot/commands"
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
	reps, err := a.Reload(ctx, func(s string) { progress = append(progress, s) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Outcome != commands.Changed || reps[0].Facts == 0 {
		t.Fatalf("first reload = %+v", reps)
	}
	if len(progress) != 1 {
		t.Errorf("progress = %q", progress)
	}
	if reps, _ = a.Reload(ctx, nil); reps[0].Outcome != commands.Unchanged {
		t.Errorf("second reload = %+v, want unchanged", reps)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	reps, _ = a.Reload(ctx, nil)
	if reps[0].Outcome != commands.Failed || reps[0].Reason == "" {
		t.Errorf("reload of a missing file = %+v, want failed with a reason", reps)
	}
	list, err := a.List(ctx)
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

	rep, err := a.Add(ctx, commands.NewSource{Name: "nordvik", Location: srv.URL + "/a", Published: "2025-10-22", AddedBy: "42"})
	if err != nil || rep.Outcome != commands.Changed {
		t.Fatalf("add = %+v, %v", rep, err)
	}
	if _, err := a.Add(ctx, commands.NewSource{Name: "nordvik", Location: srv.URL + "/a"}); err == nil {
		t.Error("adding a name twice succeeded")
	}
	if _, err := a.Add(ctx, commands.NewSource{Name: "local", Location: srv.URL + "/a"}); err == nil {
		t.Error("adding a config file's name succeeded")
	}
	if _, err := a.Add(ctx, commands.NewSource{Name: "gone", Location: srv.URL + "/missing"}); err == nil {
		t.Error("adding a 404 succeeded")
	}
	list, _ := a.List(ctx)
	names := map[string]commands.SourceStatus{}
	for _, s := range list {
		names[s.Name] = s
	}
	if _, ok := names["gone"]; ok || len(list) != 2 || names["nordvik"].Origin != "discord" || names["nordvik"].AddedBy != "42" {
		t.Errorf("list = %+v", list)
	}
	if err := a.Remove(ctx, "local"); err == nil {
		t.Error("removing a config file's source succeeded")
	}
	if err := a.Remove(ctx, "nope"); !errors.Is(err, commands.ErrSourceNotFound) {
		t.Errorf("remove nope = %v, want ErrSourceNotFound", err)
	}
	if err := a.Remove(ctx, "nordvik"); err != nil {
		t.Fatal(err)
	}
	srcs, _ := a.Store.FindSources(ctx)
	for _, s := range srcs {
		if s.Name == "nordvik" || s.Name == "gone" {
			t.Errorf("source %s still stored after removal", s.Name)
		}
	}
}

func TestAdminLoadStale(t *testing.T) {
	a, _ := newTestAdmin(t)
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "Lars Berg resigned on Tuesday.")
	}))
	defer srv.Close()
	a.Static = append(a.Static, Config{Name: "web", URL: srv.URL, Published: "2025-10-22"})
	now := time.Now()
	reps, err := a.LoadStale(ctx, time.Hour, now)
	if err != nil || len(reps) != 2 {
		t.Fatalf("first LoadStale = %+v, %v; want both sources", reps, err)
	}
	// An hour later the URL is fresh, but files are always checked.
	reps, _ = a.LoadStale(ctx, time.Hour, now.Add(time.Minute))
	if len(reps) != 1 || reps[0].Name != "local" {
		t.Errorf("second LoadStale = %+v, want only the file", reps)
	}
	reps, _ = a.LoadStale(ctx, time.Hour, now.Add(2*time.Hour))
	if len(reps) != 2 {
		t.Errorf("LoadStale after two hours = %+v, want both", reps)
	}
}

func TestAdminBuiltin(t *testing.T) {
	a, _ := newTestAdmin(t)
	a.Static = nil
	a.Builtin = []Article{DefaultArticle()}
	ctx := context.Background()
	reps, err := a.Reload(ctx, nil)
	if err != nil || len(reps) != 1 || reps[0].Outcome != commands.Changed || reps[0].Name != Default().Name {
		t.Fatalf("reload = %+v, %v", reps, err)
	}
	if reps, _ := a.LoadStale(ctx, time.Hour, time.Now()); len(reps) != 1 || reps[0].Outcome != commands.Unchanged {
		t.Errorf("LoadStale = %+v, want the built-in article checked and unchanged", reps)
	}
	list, _ := a.List(ctx)
	if len(list) != 1 || list[0].Origin != "built-in" || list[0].Facts == 0 {
		t.Errorf("list = %+v", list)
	}
	if err := a.Remove(ctx, Default().Name); err == nil {
		t.Error("removing the built-in article succeeded")
	}
	if _, err := a.Add(ctx, commands.NewSource{Name: Default().Name, Location: "https://example.com/x"}); err == nil {
		t.Error("adding a source under the built-in article's name succeeded")
	}
}
