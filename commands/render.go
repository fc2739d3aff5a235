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

// markdown holds the patterns StripMarkdown removes, compiled on first
// use rather than at process start.
var markdown = sync.OnceValue(func() (m struct{ link, bold, under, strike, italic, code, quote, escape *regexp.Regexp }) {
	m.link = regexp.MustCompile(`\[([^\]\n]+)\]\(<?(https?://[^)>\s]+)>?\)`)
	m.bold = regexp.MustCompile(`\*\*([^*\n]+?)\*\*`)
	m.under = regexp.MustCompile(`__([^_\n]+?)__`)
	m.strike = regexp.MustCompile(`~~([^~\n]+?)~~`)
	m.italic = regexp.MustCompile(`(^|[\s(“"'—\-\[])\*([^*\s][^*\n]*?)\*`)
	m.code = regexp.MustCompile("`([^`\n]+)`")
	m.quote = regexp.MustCompile(`(?m)^> `)
	m.escape = regexp.MustCompile(`\\([*_~|` + "`" + `>\[\]()\\])`)
	return m
})

// StripMarkdown removes the Discord Markdown the handlers write — bold,
// italics, underline, strike-through, inline code, block quotes and
// links — and undoes backslash escapes, leaving the words.
func StripMarkdown(s string) string {
	md := markdown()
	s = md.link.ReplaceAllString(s, "$1 <$2>")
	s = md.bold.ReplaceAllString(s, "$1")
	s = md.under.ReplaceAllString(s, "$1")
	s = md.strike.ReplaceAllString(s, "$1")
	s = md.italic.ReplaceAllString(s, "$1$2")
	s = md.code.ReplaceAllString(s, "$1")
	s = md.quote.ReplaceAllString(s, "")
	return md.escape.ReplaceAllString(s, "$1")
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
