package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// page is what extractHTML finds in an HTML document.
type page struct {
	title     string
	text      string
	published time.Time
}

// extractHTML pulls the main text out of an HTML page with readability,
// and the title and publication date from its metadata. Pages whose main
// text cannot be found fall back to the text of the whole body, so a
// short page still loads rather than failing.
func extractHTML(body []byte, servedCharset string, pageURL *url.URL) (page, error) {
	var p page
	src, err := decodeHTML(body, servedCharset)
	if err != nil {
		return p, err
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return p, fmt.Errorf("parse HTML: %w", err)
	}
	meta := scanMeta(doc)

	art, rerr := readable(doc, pageURL)
	if rerr == nil && art.Node != nil {
		var b strings.Builder
		if err := art.RenderText(&b); err == nil {
			p.text = normalizeText(b.String())
		}
		p.title = strings.TrimSpace(art.Title())
		if t, err := art.PublishedTime(); err == nil {
			p.published = t
		}
	}
	if p.text == "" {
		if b := findElement(doc, "body"); b != nil {
			p.text = normalizeText(render.InnerText(b))
		}
	}
	if p.text == "" {
		if rerr != nil {
			return p, fmt.Errorf("no readable text in HTML page: %w", rerr)
		}
		return p, errors.New("no readable text in HTML page")
	}
	if p.title == "" {
		p.title = meta.title
	}
	if p.published.IsZero() {
		p.published = meta.published
	}
	return p, nil
}

// readable runs readability, turning a panic on hostile markup into an
// error so one bad page cannot take the bot down.
func readable(doc *html.Node, pageURL *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability: panic: %v", r)
		}
	}()
	parser := readability.NewParser()
	return parser.ParseDocument(doc, pageURL)
}

// decodeHTML converts an HTML body to UTF-8 using, in order, a BOM, the
// served charset, a <meta charset>, and a UTF-8 default. Stray invalid
// bytes in pages are common and harmless, so they become U+FFFD rather
// than an error; NUL-riddled binaries are still refused.
func decodeHTML(body []byte, servedCharset string) (string, error) {
	if bytes.Count(body[:min(len(body), 8192)], []byte{0}) > 8 {
		return "", errors.New("binary content (NUL bytes in HTML)")
	}
	// Valid UTF-8 with non-ASCII bytes is almost never a legacy charset,
	// whatever the labels say, and charset.DetermineEncoding only looks at
	// the first KiB, guessing windows-1252 for pages whose first non-ASCII
	// byte comes later.
	if utf8.Valid(body) && !bytes.HasPrefix(body, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(body, []byte{0xFF, 0xFE}) {
		return string(bytes.TrimPrefix(body, utf8BOM)), nil
	}
	ct := "text/html"
	if servedCharset != "" {
		ct += "; charset=" + servedCharset
	}
	enc, _, _ := charset.DetermineEncoding(body, ct)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", fmt.Errorf("decode HTML: %w", err)
	}
	s := string(out)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s, nil
}

// pageMeta is metadata readability does not read itself: <time datetime>,
// itemprop and name="date" style tags. Readability already covers
// JSON-LD datePublished, article:published_time and og:title, but its own
// results are used first.
type pageMeta struct {
	title     string
	published time.Time
}

func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var docTitle, ogTitle, jsonLDDate, metaDate, timePub, timeAny string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if docTitle == "" {
					docTitle = textOf(n)
				}
			case "meta":
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				val := attr(n, "content")
				switch key {
				case "og:title", "twitter:title", "dc.title", "headline":
					if ogTitle == "" {
						ogTitle = val
					}
				case "article:published_time", "datepublished", "date", "dc.date",
					"dc.date.issued", "dcterms.issued", "dcterms.created", "pubdate",
					"publishdate", "publish-date", "sailthru.date", "og:published_time",
					"parsely-pub-date", "article.published", "citation_publication_date":
					if metaDate == "" {
						metaDate = val
					}
				}
			case "time":
				dt := attr(n, "datetime")
				if timePub == "" && (hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished")) {
					timePub = dt
				}
				if timeAny == "" {
					timeAny = dt
				}
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && jsonLDDate == "" {
					jsonLDDate = jsonLDPublished(textOf(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, s := range []string{jsonLDDate, metaDate, timePub, timeAny} {
		if t, ok := parseMetaTime(s); ok {
			m.published = t
			break
		}
	}
	m.title = strings.TrimSpace(ogTitle)
	if m.title == "" {
		m.title = strings.TrimSpace(docTitle)
	}
	return m
}

// jsonLDPublished finds datePublished in a JSON-LD block, which may be an
// object, an array, or an object with an @graph.
func jsonLDPublished(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(v any) string
	find = func(v any) string {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" {
				return s
			}
			if g, ok := x["@graph"]; ok {
				return find(g)
			}
		case []any:
			for _, e := range x {
				if s := find(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v)
}

var metaTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2006/01/02",
}

// parseMetaTime parses the date formats found in page metadata. A bare
// date is midnight UTC, like ParsePublished.
func parseMetaTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range metaTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 {
			return t, true
		}
	}
	return time.Time{}, false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// htmlToText turns an HTML fragment (feed item content) into text with
// blocks separated by blank lines.
func htmlToText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return normalizeText(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return normalizeText(fragment)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return normalizeText(render.InnerText(root))
}
