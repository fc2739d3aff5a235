package source

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// innerText renders the text of n as a browser's innerText would, near
// enough for extraction: words separated by single spaces, a line break
// for each line-level element and a blank line around paragraphs,
// headings, lists and tables, whitespace kept in <pre>, and nothing from
// scripts, styles, media or hidden elements. skip, when set, leaves out
// further elements with everything in them.
func innerText(n *html.Node, skip func(*html.Node) bool) string {
	var tb textBuilder
	var render func(n *html.Node, pre bool)
	render = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				tb.writePre(n.Data)
				return
			}
			start := -1
			for i, r := range n.Data {
				if unicode.IsSpace(r) {
					if start >= 0 {
						tb.writeWord(n.Data[start:i])
						start = -1
					}
					if r == '\u00A0' {
						tb.queueSpace('\u00A0')
					} else {
						tb.queueSpace(' ')
					}
				} else if start < 0 {
					start = i
				}
			}
			if start >= 0 {
				tb.writeWord(n.Data[start:])
			}
			return
		case html.ElementNode:
			if isHidden(n) || skip != nil && skip(n) {
				return
			}
			switch n.Data {
			case "head", "meta", "style", "script", "noscript", "template", "iframe", "object", "embed",
				"audio", "video", "track", "source", "canvas", "svg", "map", "area", "math",
				"button", "select", "textarea", "input":
				return
			case "br":
				tb.newline(1, false)
			case "hr", "p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table":
				tb.newline(2, true)
			case "pre":
				tb.newline(2, true)
				pre = true
			case "th", "td":
				tb.queueSpace('\t')
			case "div", "figure", "figcaption", "picture", "li", "dt", "dd",
				"header", "footer", "main", "section", "article", "aside", "nav", "address",
				"details", "summary", "dialog", "form", "fieldset",
				"caption", "thead", "tbody", "tfoot", "tr":
				tb.newline(1, true)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			render(c, pre)
		}
		// A block ends its line too, so that inline text after it
		// (a <time> after a byline paragraph) starts a new one.
		if n.Type == html.ElementNode {
			switch n.Data {
			case "hr", "p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre":
				tb.newline(2, true)
			case "div", "figure", "figcaption", "picture", "li", "dt", "dd",
				"header", "footer", "main", "section", "article", "aside", "nav", "address",
				"details", "summary", "dialog", "form", "fieldset",
				"caption", "thead", "tbody", "tfoot", "tr":
				tb.newline(1, true)
			}
		}
	}
	render(n, false)
	return tb.b.String()
}

// isHidden reports an element the page hides from readers.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "" || a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// textBuilder collects innerText's words, spaces and line breaks,
// collapsing runs of them.
type textBuilder struct {
	b  strings.Builder
	sp rune  // the space to write before the next word, or 0
	nl uint8 // line breaks written since the last word
}

func (tb *textBuilder) queueSpace(c rune) {
	if tb.sp == 0 {
		tb.sp = c
	}
}

// newline writes n line breaks; collapse counts those already written
// since the last word (and writes none at the start).
func (tb *textBuilder) newline(n uint8, collapse bool) {
	if collapse {
		if tb.nl >= n {
			return
		}
		n -= tb.nl
	}
	tb.nl += n
	if collapse && tb.b.Len() == 0 {
		return
	}
	for ; n > 0; n-- {
		tb.b.WriteByte('\n')
	}
}

func (tb *textBuilder) writeWord(w string) {
	if tb.sp != 0 && tb.nl == 0 {
		tb.b.WriteRune(tb.sp)
	}
	tb.b.WriteString(w)
	tb.nl, tb.sp = 0, 0
}

func (tb *textBuilder) writePre(s string) {
	tb.writeWord(s)
}
