package main

import (
	"strings"
	"testing"
	"time"
)

// TestProgressLine checks the ingest progress line: drawn in place with
// counts, rate and time left, redrawn at most every progressEvery but
// always at the end, grown when feeds bring more articles than sources,
// erased by clear, and never wider than the terminal.
func TestProgressLine(t *testing.T) {
	var out strings.Builder
	now := time.Date(2025, 10, 22, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	p := newProgressLine(&out, 80, 10, clock)

	now = now.Add(2 * time.Second)
	p.add(4)
	if want := "\ringest  40% (4/10 articles, 2.0 articles/s, 3s left)\x1b[K"; out.String() != want {
		t.Fatalf("first draw %q, want %q", out.String(), want)
	}
	out.Reset()
	now = now.Add(10 * time.Millisecond)
	p.add(5)
	if out.Len() != 0 {
		t.Errorf("redrawn after 10ms: %q", out.String())
	}
	now = now.Add(progressEvery)
	p.add(6)
	if !strings.Contains(out.String(), "(6/10 articles") {
		t.Errorf("not redrawn after %v: %q", progressEvery, out.String())
	}
	out.Reset()
	p.clear()
	if out.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q", out.String())
	}
	out.Reset()
	p.clear()
	if out.Len() != 0 {
		t.Errorf("clearing a cleared line wrote %q", out.String())
	}
	p.add(12) // a feed's items: more articles than sources
	if !strings.Contains(out.String(), "100% (12/12 articles") || strings.Contains(out.String(), "left") {
		t.Errorf("grown line %q, want 12/12 with nothing left", out.String())
	}

	var narrow strings.Builder
	q := newProgressLine(&narrow, 20, 1000, clock)
	now = now.Add(time.Second)
	q.add(1)
	line := strings.TrimSuffix(strings.TrimPrefix(narrow.String(), "\r"), "\x1b[K")
	if n := len([]rune(line)); n >= 20 {
		t.Errorf("line %q is %d runes on a 20-column terminal", line, n)
	}

	var piped strings.Builder
	off := newProgress(&piped, 3) // not a terminal
	off.add(1)
	off.clear()
	off.finish()
	if piped.Len() != 0 {
		t.Errorf("wrote %q to a pipe", piped.String())
	}
}
