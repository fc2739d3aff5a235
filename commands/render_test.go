package commands_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"briefbot/commands"
)

// allMarkdown are StripMarkdown's patterns and replacements, in order.
var allMarkdown = []struct{ expr, repl string }{
	{`\[([^\]\n]+)\]\(<?(https?://[^)>\s]+)>?\)`, "$1 <$2>"},
	{`\*\*([^*\n]+?)\*\*`, "$1"},
	{`__([^_\n]+?)__`, "$1"},
	{`~~([^~\n]+?)~~`, "$1"},
	{`(^|[\s(“"'—\-\[])\*([^*\s][^*\n]*?)\*`, "$1$2"},
	{"`([^`\n]+)`", "$1"},
	{`(?m)^> `, ""},
	{`\\([*_~|` + "`" + `>\[\]()\\])`, "$1"},
}

// allMarkdownRE are allMarkdown's patterns, compiled.
var allMarkdownRE = func() (out []*regexp.Regexp) {
	for _, p := range allMarkdown {
		out = append(out, regexp.MustCompile(p.expr))
	}
	return out
}()

// stripAll is StripMarkdown as it was before it skipped patterns that
// cannot match: every pattern run over the text, in the same order.
func stripAll(s string) string {
	for i, re := range allMarkdownRE {
		s = re.ReplaceAllString(s, allMarkdown[i].repl)
	}
	return s
}

// TestStripMarkdown_SameAsEveryPattern checks that skipping the patterns
// whose literal the text lacks changes nothing: on hand-picked edge
// cases (a quote not at a line's start, markers made by an earlier
// replacement, escapes) and on random strings of Markdown's characters.
func TestStripMarkdown_SameAsEveryPattern(t *testing.T) {
	cases := []string{
		"", "plain words", "a > b", "x\n> quoted\n>not", "> first line", "\\> kept",
		"**bold** and *it* and __u__ ~~s~~ `c`", "[t](https://e.com/x) > [u](<http://e.com>)",
		"\\*\\*not bold\\*\\*", "***", "* list", "(*a*) “*b*” —*c*", "**a*b**", "`*`", "[**x**](https://e.com)",
	}
	alphabet := []string{"*", "**", "_", "__", "~", "~~", "`", "> ", ">", "\\", "[", "]", "(", ")", "](", "https://e.com/a", "<", " ", "\n", "a", "word", "—", "“"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, in := range cases {
		if got, want := commands.StripMarkdown(in), stripAll(in); got != want {
			t.Fatalf("StripMarkdown(%q) = %q, every pattern gives %q", in, got, want)
		}
	}
}
