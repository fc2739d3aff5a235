package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// extractHTML pulls the main text out of an HTML page (see mainText),
// and the title and publication date from its metadata. Pages whose main
// text cannot be found fall back to the text of the whole body, so a
// short page still loads rather than failing.
func extractHTML(body []byte, servedCharset string) (page, error) {
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
	p.title, p.published = meta.title, meta.published
	p.text = normalizeText(mainText(doc, p.title))
	if p.text == "" {
		if b := findElement(doc, "body"); b != nil {
			p.text = normalizeText(innerText(b, nil))
		}
	}
	if p.text == "" {
		return p, errors.New("no readable text in HTML page")
	}
	return p, nil
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

// pageMeta is a page's title and publication date from its metadata:
// a JSON-LD article's headline, then og:title and similar tags, then
// <title>; JSON-LD datePublished, then
// article:published_time and name="date" style tags, then <time>
// elements.
type pageMeta struct {
	title     string
	published time.Time
}

func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var docTitle, ogTitle, jsonLDDate, jsonLDHeadline, jsonLDName, metaDate, timePub, timeAny string
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
				case "og:title", "twitter:title", "dc.title", "headline", "parsely-title":
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
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					d, h, name := jsonLD(textOf(n))
					if jsonLDDate == "" {
						jsonLDDate = d
					}
					if jsonLDHeadline == "" && jsonLDName == "" {
						jsonLDHeadline, jsonLDName = h, name
					}
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
	// A JSON-LD article may have both: Wikipedia's headline is a
	// description ("constitutional monarchy in Oceania"), a news site's
	// name the site's: the one more like the page's <title> wins
	// (Readability weighs them the same way).
	m.title = jsonLDHeadline
	if m.title == "" || jsonLDName != "" && similarity(jsonLDName, docTitle) > similarity(jsonLDHeadline, docTitle) {
		m.title = jsonLDName
	}
	if m.title == "" {
		m.title = strings.TrimSpace(ogTitle)
	}
	if m.title == "" {
		m.title = siteless(strings.TrimSpace(docTitle))
	}
	return m
}

// similarity is the share of b's words, by length, that are among a's
// (Readability's textSimilarity).
func similarity(a, b string) float64 {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	inA := map[string]bool{}
	for _, w := range words(a) {
		inA[w] = true
	}
	var all, missing int
	for _, w := range words(b) {
		all += len(w) + 1
		if !inA[w] {
			missing += len(w) + 1
		}
	}
	if all == 0 || len(inA) == 0 {
		return 0
	}
	return 1 - float64(missing)/float64(all)
}

// titleSeparators part a page's <title> from the site's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / "}

// siteless takes the site's name off a page's <title> ("Obama admits
// ... - BBC News"), as Readability does: the text before the last
// separator, when it has five words or more (a shorter one may be the
// site's name, "Solar & Storage Magazine - Salderingsregeling ...").
func siteless(title string) string {
	cut := -1
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > cut {
			cut = i
		}
	}
	if cut <= 0 {
		return title
	}
	if head := strings.TrimSpace(title[:cut]); len(strings.Fields(head)) >= 5 {
		return head
	}
	return title
}

// jsonLD finds an article's datePublished, headline and name in a
// JSON-LD block, which may be an object, an array, or an object with an
// @graph. The headline and name are taken from objects of an article
// type only: a page's WebSite or Organization object is named too.
func jsonLD(src string) (published, headline, name string) {
	// Some pages wrap the block in CDATA for old XHTML parsers.
	src = strings.TrimSpace(src)
	if rest, ok := strings.CutPrefix(src, "<![CDATA["); ok {
		src = strings.TrimSuffix(strings.TrimSpace(rest), "]]>")
	}
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return "", "", ""
	}
	var find func(v any)
	find = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" && published == "" {
				published = s
			}
			if typ, _ := x["@type"].(string); headline == "" && name == "" && articleType(typ) {
				headline, _ = x["headline"].(string)
				name, _ = x["name"].(string)
				headline, name = strings.TrimSpace(headline), strings.TrimSpace(name)
			}
			if g, ok := x["@graph"]; ok {
				find(g)
			}
		case []any:
			for _, e := range x {
				find(e)
			}
		}
	}
	find(v)
	return published, headline, name
}

// articleType reports a schema.org type of article: Article,
// NewsArticle, BlogPosting, Report and the like.
func articleType(t string) bool {
	return strings.Contains(t, "Article") || strings.Contains(t, "BlogPosting") || t == "Report" || t == "SocialMediaPosting"
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
	return normalizeText(innerText(root, nil))
}
