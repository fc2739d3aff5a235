package source

import (
	"testing"
	"unicode/utf8"
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
		p, err := extractHTML(b, "", nil)
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
