package commands_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/extract"
	"briefbot/source"
	"briefbot/store"
)

// TestSeed_WhoRutte runs the real extractor on the seed article, loads
// it and asks /who rutte.
func TestSeed_WhoRutte(t *testing.T) {
	// The seed as the binary embeds it: this test runs in a fresh clone.
	text := source.DefaultArticle().Text
	published := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	doc := extract.Extract(text, published)
	db := MustOpenDB(t)
	ctx := context.Background()
	res, err := db.LoadSource(ctx, store.SourceInput{Name: "seed", Location: "embedded", Title: "Trump hosts NATO's Rutte at the White House",
		Published: "2025-10-22", Text: text, Doc: doc})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded: %+v", res)
	if res.Skipped != 0 {
		t.Errorf("%d facts skipped for bad offsets", res.Skipped)
	}

	r := commands.New(db, commands.Options{})
	resp := ask(t, r, "/who rutte")
	out := commands.RenderMarkdown(resp)
	t.Logf("/who rutte:\n%s", out)
	if resp.Error || resp.Title != "Mark Rutte" || !strings.HasPrefix(resp.Lines[0], "Person") {
		t.Fatalf("/who rutte = %+v", resp)
	}
	if !strings.Contains(out, "Secretary General") {
		t.Errorf("/who rutte lacks his role")
	}
	if !strings.Contains(out, "22 Oct 2025") {
		t.Errorf("/who rutte lacks the Oct. 22 meeting")
	}
	if len(resp.Citations) != 1 || resp.Citations[0].Published != "2025-10-22" {
		t.Errorf("citations = %+v", resp.Citations)
	}

	// A second load of the same text changes nothing.
	res2, err := db.LoadSource(ctx, store.SourceInput{Name: "seed", Location: "embedded", Title: "Trump hosts NATO's Rutte at the White House",
		Published: "2025-10-22", Text: text, Doc: doc})
	if err != nil || res2.Status != store.ResultUnchanged || res2.Events != res.Events {
		t.Fatalf("reload: %+v, %v", res2, err)
	}
	for _, line := range []string{"/timeline ukraine", "/quotes speaker:trump", `/search "oil companies"`, "/who bessant", "/who zelensky"} {
		resp := ask(t, r, line)
		t.Logf("%s:\n%s", line, commands.RenderMarkdown(resp))
		if resp.Error {
			t.Errorf("%s: error %v", line, resp.Lines)
		}
	}
}
