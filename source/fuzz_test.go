package source

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot/extract"
)

// The fuzz targets check the "never panics, text is valid UTF-8" promises
// on arbitrary input; go test runs the seeds, go test -fuzz explores.

func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"", "hello\r\nworld", "\xEF\xBB\xBFbom", "\xff\xfeh\x00i\x00", "bad \xe9 byte", "a\x00b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeText(b)
		if err == nil && (!utf8.ValidString(s) || s == "") {
			t.Errorf("decodeText(%q) = %q", b, s)
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	for _, s := range []string{articleHTML, "<html><body><p>x</p>", "<script>", "<time datetime=\"2025-99-99\">", "\x00\x00<html>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := extractHTML(b, "")
		if err == nil && !utf8.ValidString(p.text) {
			t.Errorf("invalid UTF-8 text from %q", b)
		}
	})
}

func FuzzInferPublished(f *testing.F) {
	for _, s := range []string{"On Wednesday, Oct. 22, x", "June 13, 2005", "Thursday, Feb. 29", "Sun., Dec. 99"} {
		f.Add("2025-10-22-x.txt", s)
	}
	f.Fuzz(func(t *testing.T, loc, text string) {
		d, note := InferPublished(loc, text, testNow)
		if d.IsZero() || note == "" {
			t.Errorf("InferPublished(%q, %q) = %v %q", loc, text, d, note)
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rssFull))
	f.Add([]byte(atomSummaries("http://x")))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseFeed(b)
	})
}

// FuzzExactText checks what `briefbot extract` promises: on any plain
// text input, leading blank lines, CRLF and a byte-order mark included,
// every mention, time and quote the extractor returns is the input's own
// bytes at its offsets.
func FuzzExactText(f *testing.F) {
	for _, s := range []string{
		"\n\n On Oct. 1, Jane Doe met Acme Corp in Paris.",
		"\xEF\xBB\xBFOn Monday, John Smith said: \"We will win.\"\r\nMary Jones, the mayor of Springfield, agreed.",
		"\r\n\r\nWASHINGTON (AP) — President Ann Lee arrived on Nov. 5.\f“It is done,” she said.\u2028Later Tuesday, she left.",
		"  \t\nx",
	} {
		f.Add([]byte(s))
	}
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte) {
		c := Config{Name: "extract", Path: "-", Published: "2025-10-22"}
		arts, err := (&Loader{}).LoadReader(context.Background(), c, bytes.NewReader(b))
		if err != nil || len(arts) != 1 {
			return // refused inputs (empty, binary) are the loader's tests
		}
		text, exact := ExactText(b, arts[0].Text)
		if !exact {
			return // the CLI says so and falls back to the loaded text
		}
		if len(text) != len(b) {
			t.Fatalf("ExactText changed the length: %d bytes in, %d out", len(b), len(text))
		}
		doc := extract.Extract(text, pub)
		check := func(what string, i, s, e int, got string) {
			if s < 0 || e > len(b) || s > e {
				t.Errorf("%s %d: [%d,%d) outside the input (%d bytes)", what, i, s, e, len(b))
				return
			}
			// Line breaks are the one thing ExactText rewrites (to
			// spaces and newlines of the same length); a span without
			// one must be the input's bytes.
			if in := string(b[s:e]); !strings.ContainsAny(in, "\r\f\u2028\u2029\ufeff") && in != got {
				t.Errorf("%s %d: %q, but the input holds %q at [%d,%d)", what, i, got, in, s, e)
			}
		}
		for i, m := range doc.Mentions {
			check("mention", i, m.Start, m.End, m.Text)
		}
		for i, tm := range doc.Times {
			check("time", i, tm.Start, tm.End, tm.Text)
		}
		for i, q := range doc.Quotes {
			check("quote", i, q.Start, q.End, q.Text)
		}
	})
}
