package commands

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"briefbot/extract"
)

// RenderText renders a response as plain text for the command line:
// the layout of RenderMarkdown with Discord's Markdown taken out, so a
// terminal shows "1 Oct 2024", not "**1 Oct 2024**", and a link as its
// title followed by its address.
func RenderText(r *Response) string {
	return StripMarkdown(RenderMarkdown(r))
}

// mdRule is one kind of Markdown StripMarkdown removes: a pattern,
// compiled on first use rather than at process start, its replacement,
// and a literal the pattern cannot match without. Most answers use two
// or three kinds, and a pattern that cannot match is neither compiled
// nor run over the text (a tenth of a cold `briefbot ask` went to
// these).
type mdRule struct {
	re   func() *regexp.Regexp
	repl string
	need string // the text must contain this for re to match
	bol  bool   // need must also start a line
}

func newMDRule(expr, repl, need string, bol bool) mdRule {
	return mdRule{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) }), repl: repl, need: need, bol: bol}
}

// mdRules are applied in order, each to the text the last left.
var mdRules = []mdRule{
	newMDRule(`\[([^\]\n]+)\]\(<?(https?://[^)>\s]+)>?\)`, "$1 <$2>", "](", false), // link
	newMDRule(`\*\*([^*\n]+?)\*\*`, "$1", "**", false),                             // bold
	newMDRule(`__([^_\n]+?)__`, "$1", "__", false),                                 // underline
	newMDRule(`~~([^~\n]+?)~~`, "$1", "~~", false),                                 // strike-through
	newMDRule(`(^|[\s(“"'—\-\[])\*([^*\s][^*\n]*?)\*`, "$1$2", "*", false),         // italics
	newMDRule("`([^`\n]+)`", "$1", "`", false),                                     // inline code
	newMDRule(`(?m)^> `, "", "> ", true),                                           // block quote
	newMDRule(`\\([*_~|`+"`"+`>\[\]()\\])`, "$1", `\`, false),                      // escapes
}

// StripMarkdown removes the Discord Markdown the handlers write — bold,
// italics, underline, strike-through, inline code, block quotes and
// links — and undoes backslash escapes, leaving the words.
func StripMarkdown(s string) string {
	for _, r := range mdRules {
		if !strings.Contains(s, r.need) || r.bol && !strings.HasPrefix(s, r.need) && !strings.Contains(s, "\n"+r.need) {
			continue
		}
		s = r.re().ReplaceAllString(s, r.repl)
	}
	return s
}

// RenderMarkdown renders a response as text with Discord's Markdown, as
// `briefbot ask --format markdown` prints it.
func RenderMarkdown(r *Response) string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	if r.Title != "" {
		title := r.Title
		if r.Error && title != "Error" {
			title = "Error: " + title
		}
		b.WriteString(title)
		b.WriteByte('\n')
		b.WriteString(strings.Repeat("=", min(len([]rune(title)), 72)))
		b.WriteByte('\n')
	}
	if r.URL != "" {
		b.WriteString(r.URL + "\n")
	}
	for _, l := range r.Lines {
		b.WriteString(l + "\n")
	}
	for _, f := range r.Fields {
		b.WriteString("\n" + f.Name + ":\n")
		for _, l := range strings.Split(f.Value, "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	if len(r.Suggestions) > 0 {
		b.WriteString("\nDid you mean: " + strings.Join(r.Suggestions, ", ") + "?\n")
	}
	if len(r.Citations) > 0 {
		b.WriteString("\nSources:\n")
		for i, c := range r.Citations {
			line := fmt.Sprintf("  [%d] %s", i+1, c.Title)
			if c.Published != "" {
				line += " (" + extract.FormatDate(c.Published, "") + ")"
			}
			if c.URL != "" {
				line += " " + c.URL
			}
			b.WriteString(line + "\n")
		}
	}
	if r.Pages > 1 {
		fmt.Fprintf(&b, "\nPage %d of %d (add page:%d for the next)\n", r.Page+1, r.Pages, r.Page+2)
	}
	for _, bt := range r.Buttons {
		fmt.Fprintf(&b, "[%s] /%s", bt.Label, bt.Command)
		for k, v := range bt.Options {
			fmt.Fprintf(&b, " %s:%q", k, v)
		}
		b.WriteByte('\n')
	}
	if r.Footer != "" {
		b.WriteString("\n" + r.Footer + "\n")
	}
	return b.String()
}

// validDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD and a real
// date.
func validDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) == len(layout) {
			_, err := time.Parse(layout, s)
			return err == nil
		}
	}
	return false
}
