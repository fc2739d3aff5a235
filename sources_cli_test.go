package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceAdministrationCLI walks an operator through the holes the
// live-sources issue lists: failed ad-hoc loads leave no row, duplicate
// names are refused, a local feed needs --allow-private-urls, credentials
// never show, a source dropped from the config is removed at the next
// ingest, and `briefbot source list|remove` manage what is stored.
func TestSourceAdministrationCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>`)
		for i := 0; i < 3; i++ {
			fmt.Fprintf(w, `<item><title>Item %d</title><guid>g%d</guid><pubDate>Mon, 0%d Sep 2025 10:00:00 GMT</pubDate><description>Mira Holt, the mayor of Eastport, opened school number %d on Friday after a long debate in the council about its cost, its size and the traffic it would bring to the old town.</description></item>`, i, i, i+1, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer srv.Close()

	// Failed and refused ad-hoc loads leave nothing behind.
	if _, _, err := cli(t, "", "ingest", "--db", db, filepath.Join(dir, "misspelt.txt")); err == nil {
		t.Error("ingest of a missing file succeeded")
	}
	if _, _, err := cli(t, "", "ingest", "--db", db, srv.URL+"/feed"); err == nil {
		t.Error("ingest of a loopback feed succeeded without --allow-private-urls")
	}
	out, _, err := cli(t, "", "source", "list", "--db", db)
	if err != nil || strings.Contains(out, "misspelt") || strings.Contains(out, "127.0.0.1") || strings.Count(out, "\n") != 1 {
		t.Errorf("sources after failed loads = %q, %v; want only the built-in default", out, err)
	}

	// Two files that would share a name are refused, both named.
	a, b := write("a/x.txt", "Ana Silva, the mayor of Lisbon, opened a bridge on Monday.\n"), write("b/x.txt", "Lars Berg resigned on Tuesday.\n")
	_, _, err = cli(t, "", "ingest", "--db", db, a, b)
	if err == nil || !strings.Contains(err.Error(), a) || !strings.Contains(err.Error(), b) {
		t.Errorf("duplicate names = %v, want both paths named", err)
	}

	// A local feed loads with the flag; the password never shows.
	withPW := strings.Replace(srv.URL, "http://", "http://reader:hunter2@", 1) + "/feed"
	out, _, err = cli(t, "", "ingest", "--db", db, "--allow-private-urls", withPW)
	if err != nil || strings.Count(out, "added") != 3 {
		t.Fatalf("ingest of the local feed = %q, %v", out, err)
	}
	list, _, err := cli(t, "", "source", "list", "--db", db)
	if err != nil || strings.Contains(out+list, "hunter2") || !strings.Contains(list, "3 articles") {
		t.Errorf("source list = %q, %v", list, err)
	}

	// A config source dropped from the config goes at the next ingest.
	one, two := write("one.txt", "Ana Silva, the mayor of Lisbon, opened a bridge on Monday.\n"), write("two.txt", "Lars Berg, the chief executive of Nordvik Shipping, resigned on Tuesday.\n")
	cfg := func(paths ...string) string {
		var srcs []string
		for i, p := range paths {
			srcs = append(srcs, fmt.Sprintf(`{"name": "s%d", "path": %q, "published": "2025-10-2%d"}`, i+1, p, i))
		}
		return write("config.json", fmt.Sprintf(`{"db": %q, "sources": [%s]}`, db, strings.Join(srcs, ",")))
	}
	if _, _, err := cli(t, "", "ingest", "--config", cfg(one, two)); err != nil {
		t.Fatal(err)
	}
	out, _, err = cli(t, "", "ingest", "--config", cfg(one))
	if err != nil || !strings.Contains(out, "removed   s2") || !strings.Contains(out, "unchanged s1") {
		t.Errorf("ingest after dropping s2 = %q, %v", out, err)
	}
	if out, _, _ := cli(t, "", "ask", "--db", db, "/who lars berg"); strings.Contains(out, "Nordvik") {
		t.Errorf("facts of the dropped source still answer: %q", out)
	}

	// The ad-hoc feed is removed by name, items and all.
	if out, _, err := cli(t, "", "source", "remove", "--db", db, "nosuch"); err == nil {
		t.Errorf("removing an unknown source = %q, want an error", out)
	}
	name := sourceName(withPW)
	if _, _, err := cli(t, "", "source", "remove", "--db", db, name); err != nil {
		t.Fatalf("remove %s: %v", name, err)
	}
	list, _, _ = cli(t, "", "source", "list", "--db", db)
	if strings.Contains(list, name) || !strings.Contains(list, "s1") {
		t.Errorf("source list after removal = %q", list)
	}
}
