package source

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// This file finds a page's main text the way Readability does, in
// outline: paragraphs score their ancestors by length and commas, the
// best-scoring container (less its share of link text) is the article,
// siblings that score well enough or read as prose join it, and within it
// boxes of links, share buttons, comments and the like are left out. It
// replaced the go-readability library, whose package-level regular
// expressions (with those of its dependencies) cost every briefbot
// process 1.5 ms of initialisation, a quarter of it; the words of class
// and id attributes are matched with plain string searches here.

// mainText returns the main text of the page doc, or "" when no element
// holds a paragraph of prose. title, when known, is the page's title: a
// heading that repeats it is left out, as the title is kept apart.
//
// As Readability does, a text shorter than minMainText is tried again
// with fewer rules: first keeping elements whose class or id looks
// unlikely (a layout named "two-col-sidebar" may hold the article), then
// ignoring class and id weights, then keeping every box. When none is
// long enough, a later pass wins only with twice the text of the best
// before it: a short article is better read with the stricter rules
// than with its share buttons (Readability takes the longest).
func mainText(doc *html.Node, title string) string {
	body := findElement(doc, "body")
	if body == nil {
		return ""
	}
	var best string
	for _, r := range []rules{{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}} {
		text := r.mainText(body, title)
		n := utf8.RuneCountInString(text)
		if n >= minMainText {
			return text
		}
		if n >= 2*utf8.RuneCountInString(best) {
			best = text
		}
	}
	return best
}

// minMainText is the length in characters of a main text long enough
// not to try again with fewer rules.
const minMainText = 500

// rules are the heuristics a pass of mainText applies.
type rules struct {
	stripUnlikely bool // skip elements whose class or id names boilerplate
	weightClasses bool // move scores by what class and id names suggest
	cleanBoxes    bool // leave out boxes of links and widgets in the article
}

func (r rules) mainText(body *html.Node, title string) string {
	s := scorer{rules: r, scores: map[*html.Node]*candidate{}}
	s.collect(body)
	top := s.best()
	if top == nil {
		return ""
	}
	nodes := s.withSiblings(top)
	normTitle := strings.Join(strings.Fields(title), " ")
	skip := func(n *html.Node) bool {
		if n == top.node {
			return false
		}
		if excludedTag(n) || r.stripUnlikely && unlikely(n) {
			return true
		}
		if isByline(n) {
			return true
		}
		switch n.Data {
		case "h1", "h2":
			if t := textOf(n); normTitle != "" && t != "" && (t == normTitle || strings.HasPrefix(normTitle, t)) {
				return true
			}
			return s.classWeight(n) < 0
		case "div", "section", "ul", "ol", "table", "aside", "form", "figure":
			return r.cleanBoxes && s.boilerplate(n)
		}
		return false
	}
	var parts []string
	for _, n := range nodes {
		if t := strings.TrimSpace(innerText(n, skip)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

// isByline reports a short element naming the article's author, which
// Readability keeps apart from the text as the byline ("By Anna
// Kovalenko, Kyiv correspondent"): its words would be read as part of
// the story.
func isByline(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Data == "body" || n.Data == "article" || n.Data == "main" {
		return false
	}
	ci := classAndID(n)
	if !strings.Contains(ci, "byline") && !strings.Contains(ci, "author") &&
		attr(n, "rel") != "author" && !strings.Contains(attr(n, "itemprop"), "author") {
		return false
	}
	t := textOf(n)
	return t != "" && utf8.RuneCountInString(t) < 100
}

// candidate is an element that holds paragraphs, with its score.
type candidate struct {
	node  *html.Node
	score float64
}

type scorer struct {
	rules
	scores map[*html.Node]*candidate
	order  []*candidate         // in document order, so ties go to the first
	stats  map[*html.Node]stats // memoised text and link lengths
}

// stats are the lengths of an element's text and of the text of its
// links, and the number of its commas.
type stats struct {
	text, links, commas int
}

// collect scores the paragraphs under n, skipping what cannot be the
// article: navigation, forms, hidden elements and elements whose class
// or id says they are a menu, a sidebar, comments and the like.
func (s *scorer) collect(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if excludedTag(c) || isHidden(c) || s.stripUnlikely && unlikely(c) {
			continue
		}
		if isParagraph(c) {
			s.scoreParagraph(c)
			// A paragraph inside a paragraph-like div (a quote box,
			// say) is scored by that div's text already.
			if c.Data != "div" {
				continue
			}
		}
		s.collect(c)
	}
}

// isParagraph reports an element read as one paragraph: p, pre and td,
// and a div with no block elements in it (pages that write paragraphs
// as divs).
func isParagraph(n *html.Node) bool {
	switch n.Data {
	case "p", "pre", "td":
		return true
	case "div":
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && blockTag(c.Data) {
				return false
			}
		}
		return true
	}
	return false
}

func blockTag(tag string) bool {
	switch tag {
	case "p", "div", "section", "article", "main", "blockquote", "pre", "table", "ul", "ol", "dl",
		"h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "nav", "form", "hr":
		return true
	}
	return false
}

// scoreParagraph adds a paragraph's score to its parent, half of it to
// its grandparent and a shrinking share to three more ancestors:
// one point, one per comma, one per hundred characters up to three.
func (s *scorer) scoreParagraph(p *html.Node) {
	st := s.stat(p)
	if st.text < 25 {
		return
	}
	score := 1 + float64(st.commas) + float64(min(st.text/100, 3))
	level := 0
	for a := p.Parent; a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
		c := s.scores[a]
		if c == nil {
			c = &candidate{node: a, score: tagScore(a) + float64(s.classWeight(a))}
			s.scores[a] = c
			s.order = append(s.order, c)
		}
		switch level {
		case 0:
			c.score += score
		case 1:
			c.score += score / 2
		default:
			c.score += score / float64(level*3)
		}
		level++
	}
}

// tagScore is the score an element starts with: containers of prose
// above lists, forms and headings.
func tagScore(n *html.Node) float64 {
	switch n.Data {
	case "div", "article", "main", "section":
		return 5
	case "pre", "td", "blockquote":
		return 3
	case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
		return -3
	case "h1", "h2", "h3", "h4", "h5", "h6", "th":
		return -5
	}
	return 0
}

// best is the candidate with the highest score once each is cut by its
// share of link text; nil when no paragraph scored. As in Readability,
// an article split into boxes that each score is found as their
// ancestor: one shared by three of the five best candidates that score
// three quarters of the best, or a parent scoring more than its child
// (climbing while ancestors score a third of the best), or the parent of
// an only child.
func (s *scorer) best() *candidate {
	var ranked []*candidate // the five best, best first
	for _, c := range s.order {
		c.score *= 1 - s.linkDensity(c.node)
		i := len(ranked)
		for i > 0 && c.score > ranked[i-1].score {
			i--
		}
		if i < 5 {
			ranked = append(ranked[:i], append([]*candidate{c}, ranked[i:]...)...)
			ranked = ranked[:min(len(ranked), 5)]
		}
	}
	if len(ranked) == 0 {
		return nil
	}
	top := ranked[0]
	var alts []*html.Node
	for _, c := range ranked[1:] {
		if c.score >= top.score*0.75 {
			alts = append(alts, c.node)
		}
	}
	if len(alts) >= 3 {
		for p := top.node.Parent; p != nil && p.Type == html.ElementNode && p.Data != "body"; p = p.Parent {
			shared := 0
			for _, a := range alts {
				if isAncestor(p, a) {
					shared++
				}
			}
			if shared >= 3 {
				top = s.candidate(p)
				break
			}
		}
	}
	last, threshold := top.score, top.score/3
	for p := top.node.Parent; p != nil && p.Type == html.ElementNode && p.Data != "body"; p = p.Parent {
		c := s.scores[p]
		if c == nil {
			continue
		}
		if c.score < threshold {
			break
		}
		if c.score > last {
			top = c
			break
		}
		last = c.score
	}
	for p := top.node.Parent; p != nil && p.Type == html.ElementNode && p.Data != "body" && onlyElementChild(p, top.node); p = p.Parent {
		top = &candidate{node: p, score: max(s.candidate(p).score, top.score)}
	}
	return top
}

// candidate is the scored candidate for n, or one with no score.
func (s *scorer) candidate(n *html.Node) *candidate {
	if c := s.scores[n]; c != nil {
		return c
	}
	return &candidate{node: n}
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func onlyElementChild(p, child *html.Node) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c != child {
			return false
		}
	}
	return true
}

// withSiblings returns the best candidate with those of its siblings
// that belong to the article, in document order: siblings that score a
// fifth of it (or 10), and paragraphs that read as prose rather than
// links.
func (s *scorer) withSiblings(top *candidate) []*html.Node {
	parent := top.node.Parent
	if parent == nil {
		return []*html.Node{top.node}
	}
	threshold := max(10, top.score*0.2)
	class := attr(top.node, "class")
	var out []*html.Node
	for n := parent.FirstChild; n != nil; n = n.NextSibling {
		if n == top.node {
			out = append(out, n)
			continue
		}
		if n.Type != html.ElementNode || excludedTag(n) || isHidden(n) || s.stripUnlikely && unlikely(n) {
			continue
		}
		bonus := 0.0
		if class != "" && attr(n, "class") == class {
			bonus = top.score * 0.2
		}
		if c := s.scores[n]; c != nil && c.score+bonus >= threshold {
			out = append(out, n)
			continue
		}
		if n.Data != "p" {
			continue
		}
		st := s.stat(n)
		ld := s.linkDensity(n)
		text := textOf(n)
		if st.text > 80 && ld < 0.25 || st.text > 0 && st.text <= 80 && ld == 0 && strings.Contains(text+" ", ". ") {
			out = append(out, n)
		}
	}
	return out
}

// boilerplate reports a box inside the article that is not part of its
// text: mostly links (share buttons, related stories, "read more"), or a
// few words with no paragraph (a caption-less widget). Boxes of prose
// with many commas are always kept.
func (s *scorer) boilerplate(n *html.Node) bool {
	st := s.stat(n)
	if st.commas >= 10 {
		return false
	}
	w := s.classWeight(n)
	if c := s.scores[n]; c != nil && c.score+float64(w) < 0 || c == nil && w < 0 {
		return true
	}
	ld := s.linkDensity(n)
	if w < 25 && ld > 0.2 || ld > 0.5 {
		return true
	}
	switch n.Data {
	case "figure", "table":
		return false
	}
	return st.text < 25 && !hasDescendant(n, "img", "p")
}

func hasDescendant(n *html.Node, tags ...string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			for _, t := range tags {
				if c.Data == t {
					return true
				}
			}
			if hasDescendant(c, tags...) {
				return true
			}
		}
	}
	return false
}

// linkDensity is the share of an element's text that is link text.
func (s *scorer) linkDensity(n *html.Node) float64 {
	st := s.stat(n)
	if st.text == 0 {
		return 0
	}
	return float64(st.links) / float64(st.text)
}

// stat measures the text of n: its length in characters with
// whitespace collapsed, that of the text inside links, and its commas.
func (s *scorer) stat(n *html.Node) stats {
	if st, ok := s.stats[n]; ok {
		return st
	}
	var st stats
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			l := len(strings.Fields(n.Data))
			if l == 0 {
				return
			}
			for _, f := range strings.Fields(n.Data) {
				l += utf8.RuneCountInString(f)
			}
			l-- // spaces between words
			st.text += l
			if inLink {
				st.links += l
			}
			st.commas += strings.Count(n.Data, ",") + strings.Count(n.Data, "，")
			return
		case html.ElementNode:
			if excludedTag(n) && n.Data != "nav" && n.Data != "aside" && n.Data != "form" {
				return
			}
			inLink = inLink || n.Data == "a"
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	if s.stats == nil {
		s.stats = map[*html.Node]stats{}
	}
	s.stats[n] = st
	return st
}

// excludedTag reports elements that are never the article's text:
// scripts and styles, media, navigation, forms and asides.
func excludedTag(n *html.Node) bool {
	switch n.Data {
	case "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
		"nav", "aside", "form", "button", "select", "textarea", "input", "dialog":
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "complementary", "menu", "menubar", "dialog", "alert", "alertdialog", "banner", "contentinfo":
		return true
	}
	return false
}

// Words of class and id attributes, as Readability weighs them.
var (
	// unlikelyWords mark an element that is not the article, unless
	// maybeWords say it may hold it.
	unlikelyWords = []string{"-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx", "comment",
		"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
		"newsletter", "related", "remark", "replies", "rss", "share", "shoutbox", "sidebar", "skyscraper",
		"social", "sponsor", "supplemental", "pagination", "pager", "popup", "promo", "subscribe",
		"most-read", "mostread", "yom-remote"}
	maybeWords = []string{"and", "article", "body", "column", "content", "main", "shadow"}
	// negativeWords and positiveWords move a container's score by 25.
	negativeWords = []string{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer",
		"gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
		"sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "byline", "author", "dateline"}
	positiveWords = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
		"pagination", "post", "text", "blog", "story"}
)

// classAndID is an element's class and id, lower case, each word
// between spaces so that "-ad-" style entries can match whole words.
func classAndID(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	return " " + strings.ToLower(c+" "+id) + " "
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// unlikely reports an element whose class or id names it as something
// other than the article.
func unlikely(n *html.Node) bool {
	switch n.Data {
	case "body", "a", "article", "main":
		return false
	}
	s := strings.ReplaceAll(classAndID(n), " ", "-")
	if s == "" {
		return false
	}
	return containsAny(s, unlikelyWords) && !containsAny(s, maybeWords)
}

// classWeight is -25 for a class or id naming boilerplate, +25 for one
// naming content, 0 for neither or both, and 0 when the rules ignore
// them.
func (sc *scorer) classWeight(n *html.Node) int {
	if !sc.weightClasses {
		return 0
	}
	s := strings.ReplaceAll(classAndID(n), " ", "-")
	if s == "" {
		return 0
	}
	w := 0
	if containsAny(s, negativeWords) {
		w -= 25
	}
	if containsAny(s, positiveWords) {
		w += 25
	}
	return w
}
