package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/source"
	"briefbot/store"
)

// cli runs briefbot with args and returns its output and error.
func cli(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestIngestAndAskDefault(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	out, _, err := cli(t, "", "ingest", "--db", db)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if !strings.Contains(out, "added") || !strings.Contains(out, "rutte-white-house") {
		t.Errorf("ingest report = %q", out)
	}
	out, _, err = cli(t, "", "ingest", "--db", db)
	if err != nil || !strings.Contains(out, "unchanged") {
		t.Errorf("second ingest = %q, %v; want unchanged", out, err)
	}
	out, _, err = cli(t, "", "ask", "--db", db, "/who rutte")
	if err != nil {
		t.Fatalf("ask: %v", err)
	}
	for _, want := range []string{"Mark Rutte", "Secretary General, NATO (since 1 Oct 2024)", "22 Oct 2025", "18 Aug 2025", "25 Jun 2025"} {
		if !strings.Contains(out, want) {
			t.Errorf("/who rutte lacks %q:\n%s", want, out)
		}
	}
	out, _, err = cli(t, "", "ask", "--db", db, "--json", "/timeline", "ukraine")
	if err != nil {
		t.Fatalf("ask --json: %v", err)
	}
	// --json is the structured result, every item at once.
	var resp struct {
		Total int `json:"total"`
		Items []struct {
			Date    string `json:"date"`
			Summary string `json:"summary"`
			Sources int    `json:"sources"`
			Reports []struct {
				Source string `json:"source"`
			} `json:"reports"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("ask --json output is not JSON: %v\n%s", err, out)
	}
	if len(resp.Items) == 0 || len(resp.Items) != resp.Total || len(resp.Items) <= 10 {
		t.Errorf("timeline JSON has %d items of %d, want all (more than a page): %s", len(resp.Items), resp.Total, out)
	}
	for _, it := range resp.Items {
		if it.Date == "" || it.Summary == "" || it.Sources != 1 || len(it.Reports) == 0 {
			t.Errorf("timeline item %+v", it)
		}
		for _, r := range it.Reports {
			if r.Source != "rutte-white-house" {
				t.Errorf("timeline item %+v cites %q", it, r.Source)
			}
		}
	}
}

func TestAskLoadsDefaultIntoEmptyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	out, stderr, err := cli(t, "", "ask", "--db", db, "/quotes", "trump")
	if err != nil {
		t.Fatalf("ask: %v (%s)", err, stderr)
	}
	if !strings.Contains(stderr, "added") {
		t.Errorf("ask did not report loading the default source: %q", stderr)
	}
	if !strings.Contains(out, "Trump") {
		t.Errorf("/quotes trump = %q", out)
	}
}

func TestAskErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	for _, args := range [][]string{
		{"ask", "--db", db, "/nope"},
		{"ask", "--db", db, "/who"},
		{"ask", "--db", db, "/timeline ukraine bogus:1"},
		{"ask", "--db", db, "/timeline ukraine from:2025-13"},
		{"ask", "--db", db},
		{"nope"},
		{},
	} {
		if _, _, err := cli(t, "", args...); err == nil {
			t.Errorf("%q succeeded, want an error", args)
		}
	}
	// Hostile text is just text.
	out, _, err := cli(t, "", "ask", "--db", db, `/search "; DROP TABLE sources; -- @everyone NEAR(`)
	if code := exitCode(err); code != 0 && code != exitNotFound {
		t.Errorf("hostile search failed: %v (exit %d)", err, code)
	}
	if strings.Contains(out, "SQL") {
		t.Errorf("hostile search leaked an SQL error: %s", out)
	}
	if out, _, err := cli(t, "", "ask", "--db", db, "/sources"); err != nil || !strings.Contains(out, "1 source") {
		t.Errorf("sources after hostile input = %q, %v", out, err)
	}
}

func TestIngestBadInputKeepsDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	if _, _, err := cli(t, "", "ingest", "--db", db); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, path := range map[string]string{
		"empty":   write("empty.txt", nil),
		"binary":  write("bin.txt", []byte{0, 1, 2, 3, 0xff, 0xfe, 0}),
		"utf8":    write("bad.txt", []byte("Ana Silva said \xff\xfe hello.")),
		"missing": filepath.Join(dir, "missing.txt"),
		"private": "http://127.0.0.1:1/article",
	} {
		_, _, err := cli(t, "", "ingest", "--db", db, path)
		if err == nil {
			t.Errorf("%s: ingest succeeded, want an error", name)
			continue
		}
		if strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%s: error is not one line: %q", name, err)
		}
	}
	out, _, err := cli(t, "", "ask", "--db", db, "/who rutte")
	if err != nil || !strings.Contains(out, "Secretary General") {
		t.Errorf("facts lost after bad input: %q, %v", out, err)
	}
}

func TestExtractCommand(t *testing.T) {
	text := "Acme Corp chief executive Ana Silva said on Monday the firm would cut 200 jobs. “We have no choice,” Silva told reporters."
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"extract", "--published", "2025-10-22", path},
		{"extract", "--published", "2025-10-22", "-"},
	} {
		out, _, err := cli(t, text, args...)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("extract output is not JSON: %v", err)
		}
		for _, k := range []string{"sentences", "mentions", "times", "entities", "events", "quotes"} {
			if _, ok := doc[k]; !ok {
				t.Errorf("extract JSON lacks %q", k)
			}
		}
		var mentions []struct {
			Start, End int
			Text       string
		}
		json.Unmarshal(doc["mentions"], &mentions)
		if len(mentions) == 0 {
			t.Errorf("no mentions in %s", doc["mentions"])
		}
		for _, m := range mentions {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at [%d,%d) is %q in the text", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
	if _, _, err := cli(t, "", "extract", "--published", "22/10/2025", path); err == nil {
		t.Error("extract accepted a malformed date")
	}
	if _, _, err := cli(t, "", "extract"); err == nil {
		t.Error("extract with no file succeeded")
	}
}

func TestExportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	if _, _, err := cli(t, "", "export", "--db", db); err == nil {
		t.Error("export of a missing database succeeded")
	}
	if _, _, err := cli(t, "", "ingest", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, "", "export", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		Sources  []struct{ ID, Title, URL, Published string }
		Entities []struct {
			Name, Kind string
			Aliases    []string
			Roles      []struct{ Title, Org, Since, Until string }
		}
		Events []struct{ Date, Precision, Summary, Sentence, Source string }
		Quotes []struct{ Speaker, Text, Date, Source string }
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if len(x.Sources) != 1 || x.Sources[0].Published != "2025-10-22" {
		t.Errorf("sources = %+v", x.Sources)
	}
	found := false
	for _, e := range x.Entities {
		if e.Name == "Mark Rutte" {
			found = true
			if len(e.Roles) == 0 || e.Roles[0].Org != "NATO" || e.Roles[0].Since != "2024-10-01" {
				t.Errorf("Mark Rutte roles = %+v", e.Roles)
			}
		}
	}
	if !found {
		t.Error("export lacks Mark Rutte")
	}
	if len(x.Events) < 10 {
		t.Errorf("export has %d events", len(x.Events))
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"ask", "ingest", "watch", "extract", "export", "digest", "run"} {
		_, stderr, err := cli(t, "", cmd, "--help")
		if !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%s --help: err = %v", cmd, err)
		}
		if !strings.Contains(stderr, "Usage: briefbot "+cmd) {
			t.Errorf("%s --help printed %q", cmd, stderr)
		}
	}
}

func TestDigestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	out, _, err := cli(t, "", "digest", "--db", db, "--since", "2020-01-01")
	if err != nil {
		t.Fatalf("digest: %v", err)
	}
	if !strings.Contains(out, "Key developments") || !strings.Contains(out, "Rutte") {
		t.Errorf("digest preview = %q", out)
	}
	if strings.Contains(out, "**") {
		t.Errorf("digest preview leaks Markdown: %q", out)
	}
	if _, _, err := cli(t, "", "digest", "--db", db, "--since", "yesterday-ish"); exitCode(err) != exitUsage {
		t.Errorf("digest --since yesterday-ish: exit %d (%v), want %d", exitCode(err), err, exitUsage)
	}
	if _, _, err := cli(t, "", "digest", "--db", db, "--format", "html"); exitCode(err) != exitUsage {
		t.Errorf("digest --format html: exit %d (%v), want %d", exitCode(err), err, exitUsage)
	}
	// --json is the structured result ask "/digest" --json gives.
	out, _, err = cli(t, "", "digest", "--db", db, "--since", "2020-01-01", "--json")
	if err != nil {
		t.Fatalf("digest --json: %v", err)
	}
	var res commands.DigestResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("digest --json is not a DigestResult: %v\n%s", err, out)
	}
	if len(res.Items) == 0 || res.Items[0].Date == "" || res.Items[0].Source != "rutte-white-house" {
		t.Errorf("digest --json items = %+v", res.Items)
	}
	out, _, err = cli(t, "", "digest", "--db", db, "--since", "2020-01-01", "--format", "markdown")
	if err != nil || !strings.Contains(out, "**") {
		t.Errorf("digest --format markdown = %q, %v; want Discord's Markdown", out, err)
	}
	// Nothing loaded in the last day: nothing new, exit 3.
	if _, _, err := cli(t, "", "digest", "--db", db, "--since", "2999-01-01"); exitCode(err) != exitNotFound {
		t.Errorf("digest with nothing new: exit %d (%v), want %d", exitCode(err), err, exitNotFound)
	}
	out, _, err = cli(t, "", "ask", "--db", db, "/admin digest list")
	if err != nil || !strings.Contains(out, "No digests scheduled") {
		t.Errorf("/admin digest list = %q, %v", out, err)
	}
}

// TestSeedAcceptance checks what the fact-base issue asks of the seed
// article, through the command line.
func TestSeedAcceptance(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	ask := func(line string) string {
		t.Helper()
		out, _, err := cli(t, "", "ask", "--db", db, line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return out
	}
	// The terminal shows every item: the README's example ends on page 1.
	timeline := ask("/timeline ukraine")
	last := -1
	for _, want := range []string{
		"2022 — He has been a driving force",
		"Feb 2025 — Rutte thanked Trump",
		"Aug 2025 — In August, Trump and Putin held a meeting in Alaska",
		"18 Aug 2025 — On Aug 18, Rutte visited the White House",
		"18 Oct 2025 — “They should stop where they are,” Trump wrote on Truth Social",
		"21 Oct 2025 — On Oct. 21, Trump canceled a meeting with Putin in Budapest",
		"22 Oct 2025 — U.S. President Donald Trump hosted NATO Secretary General Mark Rutte",
		"22 Oct 2025 — In a statement later Wednesday, the United States announced new sanctions targeting",
	} {
		i := strings.Index(timeline, want)
		if i < 0 {
			t.Errorf("/timeline ukraine lacks %q", want)
			continue
		}
		if i < last {
			t.Errorf("/timeline ukraine has %q out of order", want)
		}
		last = i
	}
	quotes := ask("/quotes")
	for text, speaker := range map[string]string{
		"breaking the deadlock": "Mark Rutte", "We’ve had some very good discussions today": "Donald Trump",
		"going along pretty well": "Donald Trump", "Now is the time to stop the killing": "Scott Bessent",
		"a waste of time.": "Donald Trump", "They should stop where they are": "Donald Trump",
		"Let both claim Victory": "Donald Trump", "not necessary": "White House", "no plans": "White House",
		"decisive action": "Mark Rutte", "daddy": "Mark Rutte", "a good friend": "Mark Rutte",
		"I think he deserves all the praise.": "Mark Rutte",
	} {
		line := ""
		for _, l := range strings.Split(quotes, "\n") {
			if strings.Contains(l, text) {
				line = l
			}
		}
		if !strings.Contains(line, "— "+speaker+",") {
			t.Errorf("quote %q: line %q, want speaker %s", text, line, speaker)
		}
	}
	for line, want := range map[string]string{
		"/who bessent":      "Treasury Secretary",
		"/who lavrov":       "Foreign Minister, Russia",
		"/who zelensky":     "Volodymyr Zelenskyy",
		"/quotes trump":     "We’ve had some very good discussions today",
		"/search sanctions": "through tougher sanctions",
	} {
		if out := ask(line); !strings.Contains(out, want) {
			t.Errorf("%s lacks %q:\n%s", line, want, out)
		}
	}
}

// TestExtractOffsetsIndexInput checks that offsets index the input as
// given: leading blank lines, CRLF line ends and a byte-order mark
// included.
func TestExtractOffsetsIndexInput(t *testing.T) {
	for _, in := range []string{
		"\n\n On Oct. 1, 2024, Ana Silva, the mayor of Lisbon, opened a bridge.\n",
		"\ufeffLisbon bridge\r\n\r\n\r\n\r\nOn Oct. 1, 2024, Ana Silva, the mayor of Lisbon, opened a bridge.  \r\n",
	} {
		out, _, err := cli(t, in, "extract", "--published", "2024-10-02", "-")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Mentions []struct {
				Start, End int
				Text       string
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Mentions) == 0 {
			t.Fatalf("no mentions in %q", in)
		}
		for _, m := range doc.Mentions {
			if in[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at %d:%d, input there is %q", m.Text, m.Start, m.End, in[m.Start:m.End])
			}
		}
	}
}

// TestExportOffsetsIndexInput checks that the offsets export gives for a
// file ingested with a byte-order mark, CRLF line endings, leading blank
// lines and trailing spaces index the file's own bytes.
func TestExportOffsetsIndexInput(t *testing.T) {
	dir := t.TempDir()
	in := "\xEF\xBB\xBF\r\n\r\n  Council votes on budget  \r\n\r\nPELLSTON — The Pellston council voted on Tuesday, Oct. 28, to raise water rates.\r\n\r\n\r\nMayor Ann Lee said on Wednesday the rise was fair.  \r\n"
	path := filepath.Join(dir, "2025-10-30-budget.txt")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "b.db")
	if _, _, err := cli(t, "", "ingest", "--db", db, path); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	out, _, err := cli(t, "", "export", "--db", db)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var exp struct {
		Events []struct {
			Reports []struct {
				Sentence   string `json:"sentence"`
				Start, End int
			} `json:"reports"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &exp); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range exp.Events {
		for _, r := range ev.Reports {
			n++
			if r.Start < 0 || r.End > len(in) || r.Start > r.End {
				t.Errorf("report [%d,%d) outside the file (%d bytes)", r.Start, r.End, len(in))
				continue
			}
			if got := in[r.Start:r.End]; got != r.Sentence {
				t.Errorf("report sentence %q, but the file holds %q at [%d,%d)", r.Sentence, got, r.Start, r.End)
			}
		}
	}
	if n < 2 {
		t.Errorf("export has %d reports, want the two dated events:\n%s", n, out)
	}
}

// watchFeed serves an RSS feed with an ETag, answering 304 to a request
// for the current version.
func watchFeed(t *testing.T, items ...string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link><description>d</description>`)
		for i, it := range items {
			fmt.Fprintf(w, `<item><title>Item %d</title><guid>item-%d</guid><pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate><description>%s</description></item>`, i, i, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWatch(t *testing.T) {
	srv := watchFeed(t, "Ann Lee resigned as finance minister of Ruritania on Monday.", "Bob Ray won the Kerrville mayoral race on Monday.")
	db := filepath.Join(t.TempDir(), "b.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"watch", "--db", db, "--allow-private-urls", "--every", "1m", srv.URL + "/feed", srv.URL + "/down"},
			strings.NewReader(""), &stdout, &stderr)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "round ") {
		if time.Now().After(deadline) {
			t.Fatalf("no round summary; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("watch returned %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("watch did not stop within a second of the interrupt")
	}
	t.Logf("stopped in %s", time.Since(start))
	out := stdout.String()
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, want := range []string{
		"added     " + host + "-feed/item-0: ",
		"-feed/item-1: ",
		"failed    " + host + "-down: GET " + srv.URL + "/down: 503 Service Unavailable (failures: 1; next try ",
		"polled 2 of 2 sources",
		"1 changed (2 items added, 0 changed), 1 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("watch output lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 4 {
		t.Errorf("watch printed %d lines, want 4 (two items, one failure, one summary):\n%s", lines, out)
	}
	// What it stored is there.
	if out, _, err := cli(t, "", "ask", "--db", db, "/sources"); err != nil || !strings.Contains(out, "Item 1 (2 Mar 2026)") || !strings.Contains(out, "2 sources.") {
		t.Errorf("/sources after watch: %v\n%s", err, out)
	}
}

func TestWatchPrintsChangesOnly(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	rep := &source.RoundReport{Start: at, Duration: 1500 * time.Millisecond, Sources: 4, NextDue: at.Add(15 * time.Minute), Polled: []source.PollReport{
		{Name: "quiet", Status: source.PollNotModified, Code: 304},
		{Name: "same", Status: store.ResultUnchanged, Code: 200},
		{Name: "wire", Status: store.ResultChanged, Code: 200, Items: []source.Report{
			{Name: "wire/1", Status: store.ResultAdded, Events: 2, Published: "2026-03-02"},
			{Name: "wire/2", Status: store.ResultChanged, Quotes: 1, Published: "2026-03-02"},
			{Name: "wire/3", Status: store.ResultUnchanged},
		}},
		{Name: "down", Status: store.ResultFailed, Code: 503, Error: "GET https://x/: 503 Service Unavailable", Failures: 2, NextDue: at.Add(time.Hour)},
	}}
	var b strings.Builder
	printRound(&b, rep)
	want := `added     wire/1: 0 entities, 2 events, 0 quotes, published 2026-03-02
changed   wire/2: 0 entities, 0 events, 1 quotes, published 2026-03-02
failed    down: GET https://x/: 503 Service Unavailable (failures: 2; next try 10:00)
round 09:00:00: polled 4 of 4 sources in 1.5s: 1 not modified, 1 unchanged, 1 changed (1 items added, 1 changed), 1 failed; next due 09:15:00
`
	if b.String() != want {
		t.Errorf("printRound:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWatchErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"watch", "--db", db, "--every", "10s", "https://news.example/feed"}, "polling more often than every 1m0s"},
		{[]string{"watch", "--db", db}, "nothing to poll"},
		{[]string{"watch", "--db", db, "https://a.example/x", "https://a.example/x"}, `would both be stored as source "a.example-x"`},
		{[]string{"watch", "--db", db, filepath.Join(t.TempDir(), "missing.txt")}, "1 of 1 files failed to load"},
	} {
		_, _, err := cli(t, "", tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestParseAnywhere(t *testing.T) {
	for _, tt := range []struct {
		args []string
		json bool
		db   string
		rest []string
	}{
		{[]string{"/who rutte", "--json"}, true, "", []string{"/who rutte"}},
		{[]string{"--db", "x.db", "/who", "rutte", "--json"}, true, "x.db", []string{"/who", "rutte"}},
		{[]string{"/who", "--db=y.db", "rutte"}, false, "y.db", []string{"/who", "rutte"}},
		{[]string{"/who", "--", "--json"}, false, "", []string{"/who", "--json"}},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "")
		db := fs.String("db", "", "")
		if err := parseAnywhere(fs, tt.args); err != nil {
			t.Fatal(err)
		}
		if *asJSON != tt.json || *db != tt.db || strings.Join(fs.Args(), "|") != strings.Join(tt.rest, "|") {
			t.Errorf("%q: json=%v db=%q args=%q", tt.args, *asJSON, *db, fs.Args())
		}
	}
}

// TestConfigTyposRefused checks that a misspelt key anywhere in the
// config stops every subcommand, with the closest known key, before a
// database is touched.
func TestConfigTyposRefused(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ conf, want string }{
		{`{"sorces": []}`, `unknown key "sorces" (did you mean "sources"?)`},
		{`{"db": "b.db", "sources": [{"name": "a", "path": "a.txt", "pubished": "2025-01-01"}]}`, `did you mean "published"?`},
		{`{"db": "b.db", "discord": {"guild_idz": ["1"]}}`, `discord config: unknown key "guild_idz" (did you mean "guild_ids"?)`},
	} {
		cfg := filepath.Join(dir, "config.json")
		if err := os.WriteFile(cfg, []byte(tt.conf), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"ingest", "ask", "digest", "watch"} {
			args := []string{cmd, "--config", cfg}
			if cmd == "ask" {
				args = append(args, "/who rutte")
			}
			_, _, err := cli(t, "", args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s with %s: %v, want %q", cmd, tt.conf, err, tt.want)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "b.db")); err == nil {
			t.Errorf("%s: a database was created", tt.conf)
		}
	}
}

// TestAskExitCodes checks the documented exit statuses and that pages
// past the end are errors.
func TestAskExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"ask", "--db", db, "/who rutte"}, 0},
		{[]string{"ask", "/who rutte", "--db", db, "--json"}, 0},
		{[]string{"ask", "--db", db, "/who zzyzx qwerty"}, exitNotFound},
		{[]string{"ask", "--db", db, "/timeline ukraine page:9"}, exitUsage},
		{[]string{"ask", "--db", db, "--limit", "3", "/timeline ukraine page:2"}, 0},
		{[]string{"ask", "--db", db, "/timeline ukraine from:2025-13"}, exitUsage},
		{[]string{"ask", "--db", db, "/nope"}, exitUsage},
		{[]string{"ask", "--db", db, "--format", "html", "/who rutte"}, exitUsage},
		{[]string{"ask", "--db", db, "--bogus", "/who rutte"}, exitUsage},
		{[]string{"nope"}, exitUsage},
	} {
		_, _, err := cli(t, "", tt.args...)
		if got := exitCode(err); got != tt.code {
			t.Errorf("%q: exit %d (%v), want %d", tt.args, got, err, tt.code)
		}
	}
	out, _, _ := cli(t, "", "ask", "--db", db, "--format", "markdown", "/who rutte")
	if !strings.Contains(out, "**") {
		t.Errorf("--format markdown lost the Markdown: %q", out)
	}
	out, _, _ = cli(t, "", "ask", "--db", db, "/who rutte")
	if strings.Contains(out, "**") || strings.Contains(out, "more") {
		t.Errorf("plain /who rutte shows Markdown or a cut: %q", out)
	}
}

func TestHelpPerCommand(t *testing.T) {
	for _, args := range [][]string{{"help", "ask"}, {"ask", "--help"}} {
		out, errOut, err := cli(t, "", args...)
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("%q: %v", args, err)
		}
		all := out + errOut
		for _, want := range []string{"Usage: briefbot ask", "/who name:", "/timeline", "/admin source add location:", "-format", "Exit status"} {
			if !strings.Contains(all, want) {
				t.Errorf("%q lacks %q:\n%s", args, want, all)
			}
		}
	}
}

// TestIngestInterrupted checks that Ctrl-C stops an ingest of many files
// within a second, keeps what was stored, and says so once, in one
// wording.
func TestIngestInterrupted(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 400; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		text := fmt.Sprintf("Mayor Ana Silva%d of Lisbon opened bridge number %d on Monday, 6 October 2025, after a long debate in the council about its cost.\n", i, i)
		if err := os.WriteFile(p, []byte(strings.Repeat(text, 20)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	db := filepath.Join(dir, "b.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"ingest", "--db", db}, paths...), strings.NewReader(""), &stdout, &stderr)
	}()
	for !strings.Contains(stdout.String(), "added") {
		select {
		case err := <-done:
			t.Fatalf("ingest finished before it could be interrupted: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	cancel()
	start := time.Now()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Second):
		t.Fatal("ingest did not stop within a second")
	}
	t.Logf("stopped in %s", time.Since(start))
	out := stdout.String() + stderr.String()
	if err == nil || !strings.Contains(stderr.String(), "ingest: stopped:") || strings.Contains(out, "context canceled") {
		t.Errorf("interrupted ingest: %v\n%s", err, out)
	}
	added := strings.Count(stdout.String(), "added ")
	list, _, _ := cli(t, "", "source", "list", "--db", db)
	if stored := strings.Count(list, "ingest "); stored != added {
		t.Errorf("%d reported added, %d stored", added, stored)
	}
}

// TestAskJSONEveryCommand checks that --json prints structured data for
// every fact command: items with their sources, no Markdown.
func TestAskJSONEveryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	for line, want := range map[string]string{
		"/quotes trump":      `"speaker": "Donald Trump"`,
		"/search sanctions":  `"sentence": "`,
		"/sources":           `"name": "rutte-white-house"`,
		"/who rutte":         `"entity": "Mark Rutte"`,
		"/timeline ukraine":  `"reports": [`,
		"/conflicts":         `"disagreements": [`,
		"/admin source list": `"origin": "built-in"`,
	} {
		out, _, err := cli(t, "", "ask", "--db", db, "--json", line)
		if code := exitCode(err); code != 0 && code != exitNotFound {
			t.Fatalf("%s: %v", line, err)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%s: not JSON: %v\n%s", line, err, out)
		}
		if !strings.Contains(out, want) || strings.Contains(out, "**") || strings.Contains(out, `"lines"`) {
			t.Errorf("%s --json lacks %s or is a rendering:\n%s", line, want, out)
		}
	}
}

// TestIngestMergesSearchIndex checks that a bulk ingest merges the
// search index once it is done, and that /search answers after it.
func TestIngestMergesSearchIndex(t *testing.T) {
	old := optimizeAfter
	optimizeAfter = 1
	defer func() { optimizeAfter = old }()
	db := filepath.Join(t.TempDir(), "b.db")
	_, stderr, err := cli(t, "", "ingest", "--db", db)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if !strings.Contains(stderr, "search index merged") {
		t.Errorf("ingest of %d+ articles did not merge the search index; stderr:\n%s", optimizeAfter, stderr)
	}
	out, _, err := cli(t, "", "ask", "--db", db, "/search sanctions")
	if err != nil || !strings.Contains(out, "sanctions") {
		t.Errorf("/search after the merge = %q, %v", out, err)
	}
	_, stderr, _ = cli(t, "", "ingest", "--db", db)
	if strings.Contains(stderr, "search index merged") {
		t.Errorf("an ingest that changed nothing merged the index again")
	}
}
