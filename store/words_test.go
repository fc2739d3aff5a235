package store

import (
	"strings"
	"testing"
)

// TestWords checks that words counts what strings.Fields splits, on
// spaces of every kind and on bytes that are not UTF-8.
func TestWords(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", " one  two\tthree\n", "a\u00a0b\u2003c\u0085d", "x\xffy \xff", "\u3000lead and trail\u3000",
		"Rutte said: \"We will.\"\r\n\r\nThen\vleft\f.",
	} {
		if got, want := words(s), len(strings.Fields(s)); got != want {
			t.Errorf("words(%q) = %d, want %d", s, got, want)
		}
	}
}
