package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FindQuotes finds the direct quotes in text and attributes each to its
// speaker, using the mentions and entities found in text to resolve names,
// pronouns and roles. The Date and Source of the returned quotes are left
// for the caller to fill.
//
// Only words between quotation marks (“…” or "…") are quotes; reported
// speech without marks never is. A quotation is attributed, in order of
// confidence, by:
//
//  1. a speech verb right after it: “…,” Trump said / said Trump /
//     he told reporters / the mayor said / according to the ministry;
//  2. the nearest verb of saying or characterising before it in its
//     sentence: Trump said: “…” / called the vote “…” / likened him to a
//     “daddy” — the speaker being that verb's subject, or for a participle
//     (“calling it …”, “adding, …”) the subject of the sentence;
//  3. a trailing attribution closing the sentence: The president has
//     “no plans” to meet Putin, the White House said;
//  4. for a quotation that is a sentence of its own, the speaker of the
//     sentence before it (a quote continued after “…,” she said.).
//
// The speaker phrase resolves to an entity: a mention covering it (a
// person named in it wins over the organisation or place qualifying the
// title: "said Apple CEO Steve Jobs"); he/she to the subject or speaker of
// the nearest sentence that fits, skipping people the text shows to be of
// the other gender (Mr./Ms., his/her in sentences about one person);
// it/they to an organisation; "the mayor", "the Russian president" to the
// holder of that role mentioned last; "the company", "the ministry" to
// the fitting organisation named last. A capitalised name no mention
// covers is used as written, titles stripped ("Alabama Governor Bob
// Riley" is Bob Riley), as an organisation after "the", with an
// organisation word or apposition, else as a person.
//
// A quotation attributed only to an unnamed source ("officials said", "a
// spokesman said") is dropped, as are short title-cased phrases (names of
// works, slogans), words after "so-called" or "dubbed", and scare quotes
// that no verb of saying or characterising governs. Single quotation
// marks are only ever part of a quotation: ’ is an apostrophe far more
// often than a mark. The final comma inside the marks belongs to the
// sentence around them and is left out of Text; final . ! ? are kept.
// A quotation running over several paragraphs yields one Quote per
// paragraph, all with the same speaker, so that every Text stays verbatim.
func FindQuotes(text string, sents []Sentence, mentions []Mention, entities []Entity) []Quote {
	spans := scanQuotes(text)
	if len(spans) == 0 {
		return nil
	}
	// scanQuotes gathered the spans in blocks and copied them into one
	// slice: on a long text, take the blocks back before attribution
	// builds its tokens.
	collectBetweenPasses(text)
	if len(sents) == 0 {
		sents = SplitSentences(text)
		if len(sents) == 0 {
			sents = []Sentence{{Start: 0, End: len(text)}}
		}
	}
	c := newQuoteCtx(text, sents, mentions, entities, spans)
	for i := range c.spans {
		sp := &c.spans[i]
		sp.sent0 = int32(c.sentOf(int(sp.open)))
		sp.sent1 = max(sp.sent0, int32(c.sentOf(int(max(sp.open, sp.closeEnd-1)))))
	}
	c.who = make([]int32, len(c.spans))
	c.attrs = []qAttr{{}}
	for i := range c.spans {
		c.setWho(i, c.attribute(i))
	}
	// A quotation over several paragraphs has one speaker, wherever in it
	// the attribution stood.
	for i := range c.spans {
		sp := &c.spans[i]
		if c.whoOf(i).st == qAttrFound {
			continue
		}
		for j := int(sp.chain); j < len(c.spans) && c.spans[j].chain == sp.chain; j++ {
			if c.whoOf(j).st == qAttrFound {
				c.who[i] = c.who[j]
				break
			}
		}
	}
	var out []Quote
	for i, sp := range c.spans {
		who := c.whoOf(i)
		if who.st != qAttrFound || who.name == "" || !qHasLetter(text[sp.start:sp.end]) {
			continue
		}
		q := Quote{
			Speaker:       who.name,
			SpeakerKind:   who.kind,
			Text:          text[sp.start:sp.end],
			Start:         int(sp.start),
			End:           int(sp.end),
			SentenceStart: min(c.sentStart(int(sp.sent0)), int(sp.open)),
			SentenceEnd:   max(c.sentEnd(int(sp.sent1)), int(sp.closeEnd)),
		}
		out = growByDensity(out, i, len(c.spans), len(c.spans))
		out = append(out, q)
	}
	return out
}

// qWindow is how many bytes around a quotation, or from the start of a
// sentence, attribution reads.
const qWindow = 800

// qAttr is the result of attributing a quotation.
type qAttr struct {
	name    string
	kind    Kind
	st      uint8
	guessed bool // from capitalised words no mention covers
}

const (
	qAttrNone    = iota // nothing found; other rules may try
	qAttrFound          // speaker found
	qAttrBlocked        // attributed to a source that has no name ("officials said")
)

type qRoleEntry struct {
	name  string
	kind  Kind
	words []string // title and organisation words, lower case
	title []string // title words only: the head of a role phrase is one
}

// quoteCtx holds what attribution needs about one text.
type quoteCtx struct {
	text  string
	sents []Sentence
	ments []Mention // valid mentions sorted by Start
	ents  map[string]*Entity
	roles []qRoleEntry
	spans []qspan
	// who is the attribution of each span, filled in span order, as an
	// index into attrs, which holds each distinct attribution once (the
	// zero qAttr first). It is kept apart from the spans so that they are
	// small while scanQuotes gathers and copies them, and as an index
	// because a long text has millions of quotations and few speakers: 4
	// bytes a quotation rather than a 40-byte qAttr.
	who     []int32
	attrs   []qAttr
	attrIdx map[qAttr]int32
	// genders is read on first use by genderOf.
	genders map[string]int
	// ages is read on first use by ageOf: the ages the text gives people.
	ages   map[string]int
	agedBy map[int]string // the one person of each age, "" for several
	// all is the token scan of the whole text, made on first use by
	// allTokens.
	all *qAllToks
}

// setWho records a as the attribution of span i.
func (c *quoteCtx) setWho(i int, a qAttr) {
	if a == (qAttr{}) {
		c.who[i] = 0
		return
	}
	k, ok := c.attrIdx[a]
	if !ok {
		if c.attrIdx == nil {
			c.attrIdx = make(map[qAttr]int32)
		}
		k = int32(len(c.attrs))
		c.attrs = append(c.attrs, a)
		c.attrIdx[a] = k
	}
	c.who[i] = k
}

// whoOf returns the attribution of span i.
func (c *quoteCtx) whoOf(i int) qAttr { return c.attrs[c.who[i]] }

func newQuoteCtx(text string, sents []Sentence, mentions []Mention, entities []Entity, spans []qspan) *quoteCtx {
	c := &quoteCtx{text: text, sents: sents, spans: spans, ents: make(map[string]*Entity, len(entities))}
	// Read the mentions in place when all are valid, as they come from
	// FindEntities: a long text has millions, and attribution only reads
	// them. Copy them only to drop or reorder some.
	valid := true
	for _, m := range mentions {
		if !(m.Start >= 0 && m.Start < m.End && m.End <= len(text)) {
			valid = false
			break
		}
	}
	sorted := sort.SliceIsSorted(mentions, func(i, j int) bool { return mentions[i].Start < mentions[j].Start })
	if valid && sorted {
		c.ments = mentions
	} else {
		for _, m := range mentions {
			if m.Start >= 0 && m.Start < m.End && m.End <= len(text) {
				c.ments = append(c.ments, m)
			}
		}
	}
	if !sort.SliceIsSorted(c.ments, func(i, j int) bool { return c.ments[i].Start < c.ments[j].Start }) {
		sort.SliceStable(c.ments, func(i, j int) bool { return c.ments[i].Start < c.ments[j].Start })
	}
	for i := range entities {
		e := &entities[i]
		c.ents[e.Name] = e
		for _, r := range e.Roles {
			words := strings.Fields(strings.ToLower(r.Title + " " + r.Org))
			if r.Title != "" {
				c.roles = append(c.roles, qRoleEntry{name: e.Name, kind: e.Kind, words: words, title: strings.Fields(strings.ToLower(r.Title))})
			}
		}
	}
	return c
}

// attribute finds the speaker of span i.
func (c *quoteCtx) attribute(i int) qAttr {
	sp := &c.spans[i]
	lo, hi := c.sentStart(int(sp.sent0)), c.sentEnd(int(sp.sent1))
	// A window around the quotation keeps a text without sentence breaks
	// linear: an attribution is never further away than this.
	lo = max(min(lo, int(sp.open)), int(sp.open)-qWindow)
	hi = min(hi, int(sp.closeEnd)+qWindow)
	inner := c.text[sp.start:sp.end]
	if !qHasLetter(inner) {
		return qAttr{}
	}
	if a := c.afterQuote(i); a.st != qAttrNone {
		sp.direct = true
		return a
	}
	if c.namingQuote(i, lo) {
		return qAttr{} // the so-called “peace dividend”, a plan dubbed “Way Forward”
	}
	a, direct := c.beforeQuote(i, lo)
	if a.st == qAttrNone {
		a = c.trailing(i, hi)
		direct = false
	}
	if a.st != qAttrNone {
		if a.st == qAttrFound && !direct && qTitleLike(inner) {
			return qAttr{}
		}
		sp.direct = direct
		return a
	}
	if c.fullSentence(i, lo, hi) {
		return c.continuation(i)
	}
	return qAttr{}
}

// namingQuote reports whether the word before span i marks the
// quotation as a name or the writer's scare quote rather than speech.
func (c *quoteCtx) namingQuote(i, lo int) bool {
	sp := c.spans[i]
	before := c.text[max(lo, int(sp.open)-40):sp.open]
	w := qLastWord(before)
	if lw := strings.ToLower(w); lw == "a" || lw == "an" || lw == "the" {
		w = qLastWord(strings.TrimSuffix(strings.TrimRight(before, " "), w))
	}
	switch strings.ToLower(w) {
	case "so-called", "dubbed", "nicknamed", "named", "titled", "entitled", "codenamed", "code-named":
		return true
	}
	return false
}

// afterQuote reads an attribution right after the closing mark:
// “…,” Trump said / said Trump / according to X.
func (c *quoteCtx) afterQuote(i int) qAttr {
	sp := c.spans[i]
	if sp.close == sp.closeEnd { // continues in the next paragraph
		return qAttr{}
	}
	pe := min(len(c.text), int(sp.closeEnd)+400)
	if k := strings.IndexByte(c.text[sp.closeEnd:pe], '\n'); k >= 0 {
		pe = int(sp.closeEnd) + k
	}
	toks := c.tokensMax(int(sp.closeEnd), pe, 25)
	n := 0
	for n < len(toks) && n < 24 && toks[n].k != 'q' && !c.isStop(toks[n]) {
		n++
	}
	// An attribution after a quotation that ended its sentence must end
	// its own sentence, not introduce the next quotation.
	// “How can it go away?” Mulally asked, “…” serves both quotations;
	// “… plane.” Bob Riley said “…” only the second.
	endsClean := n == len(toks) || (toks[n].k == 'p' && strings.ContainsAny(c.word(toks[n]), ".!?")) ||
		(toks[n].k == 'q' && n > 0 && c.word(toks[n-1]) == ",")
	toks = toks[:n]
	if len(toks) == 0 {
		return qAttr{}
	}
	a, end := c.attribClause(toks)
	if a.st == qAttrNone {
		return qAttr{}
	}
	// “It is over.” Smith said. is an attribution only when nothing but an
	// adverbial follows the verb; otherwise the next sentence is reported
	// speech of its own.
	inner := c.text[sp.start:sp.end]
	if qEndsSentence(inner) && c.isCapWord(toks[0]) {
		if !endsClean || len(toks)-end > 5 || qContainsWord(c, toks[end:], "that") {
			return qAttr{}
		}
	}
	return a
}

// attribClause parses an attribution clause at the start of toks: "X said",
// "X, a spokesman, said", "said X", "according to X". It returns the speaker
// and the index of the token after the clause.
func (c *quoteCtx) attribClause(toks []qtok) (qAttr, int) {
	i := 0
	for i < len(toks) && toks[i].k == 'p' && c.isDashOrComma(toks[i]) {
		i++
	}
	if i >= len(toks) || toks[i].k != 'w' {
		return qAttr{}, 0
	}
	if i+1 < len(toks) && c.lower(toks[i]) == "according" && c.lower(toks[i+1]) == "to" {
		return c.npAfter(toks, i+1)
	}
	if c.isSpeechVerb(toks[i]) {
		return c.npAfter(toks, i)
	}
	// “…,” Detik.com quoted Djamal as saying.
	for v := i + 2; v < len(toks) && v <= i+10 && toks[v].k == 'w'; v++ {
		if c.lower(toks[v]) == "saying" && c.lower(toks[v-1]) == "as" {
			for q := i; q < v-2; q++ {
				if w := c.lower(toks[q]); w == "quoted" || w == "quotes" || w == "quoting" || w == "cited" {
					a, _ := c.npEnding(toks, v-2)
					return a, v + 1
				}
			}
		}
	}
	for v := i + 1; v < len(toks) && v <= i+16; v++ {
		t := toks[v]
		if t.k == 'q' || (t.k == 'p' && !c.isDashOrComma(t) && c.text[t.s] != '(' && c.text[t.s] != ')') {
			break
		}
		if !c.isSpeechVerb(t) {
			continue
		}
		a, st := c.npBefore(toks, v)
		if a.st != qAttrNone && st == i {
			return a, v + 1
		}
	}
	return qAttr{}, 0
}

// beforeQuote looks back from the opening mark, within the sentence, for
// the nearest verb of saying or characterising and returns its subject.
// direct is true for a verb of saying that introduces the quotation
// itself (Smith said: “…”, Smith said that “…”), not a clause containing it.
func (c *quoteCtx) beforeQuote(i int, lo int) (qAttr, bool) {
	sp := c.spans[i]
	toks := c.tokens(lo, int(sp.open))
	introduces := func(v int) bool {
		rest := toks[v+1:]
		switch {
		case len(rest) == 0:
			return true
		case len(rest) == 1 && rest[0].k == 'w' && c.lower(rest[0]) == "that":
			return true
		case len(rest) > 6:
			return false
		}
		for _, t := range rest {
			if t.k == 'q' {
				return false
			}
		}
		last := c.word(rest[len(rest)-1])
		return last == ":" || last == ","
	}
	if n := len(toks); n >= 2 && c.word(toks[n-1]) == ":" {
		// Transcript style: "Secretary James Roche: “…”".
		if a, st := c.npEnding(toks, n-2); a.st == qAttrFound && (st == 0 || toks[st-1].k != 'w') {
			return a, true
		}
	}
	for v := len(toks) - 1; v >= 0; v-- {
		t := toks[v]
		if t.k != 'w' {
			continue
		}
		lw := c.lower(t)
		if lw == "to" && v > 0 && c.lower(toks[v-1]) == "according" {
			a, _ := c.npAfter(toks, v)
			if a.st != qAttrNone {
				return a, true
			}
			continue
		}
		if !c.isLowerWord(t) {
			continue
		}
		cls := qVerbOf(lw)
		if cls == 0 {
			continue
		}
		var prev string
		if v > 0 && toks[v-1].k == 'w' {
			prev = c.lower(toks[v-1])
		}
		// "said demand had been “…”": a bare form right after a verb of
		// saying is the noun opening its clause, not a verb.
		if prev != "" && qVerbOf(prev) == qSpeechVerb && !strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "ing") && !strings.HasSuffix(lw, "s") {
			continue
		}
		if qPassiveAux[prev] {
			if !qParticiple(lw) {
				continue // "were welcome but “…”": an adjective, not a verb
			}
			return qAttr{}, false // "was called “…”": the subject is not the speaker
		}
		if prev == "as" && v >= 2 {
			// "quoted Djamal as saying “…”"
			if a, _ := c.npEnding(toks, v-2); a.st != qAttrNone {
				return a, true
			}
		}
		if strings.HasSuffix(lw, "ing") && prev != "" {
			// "with UBS analyst David Strauss saying “…”"
			if a, st := c.npEnding(toks, v-1); a.st == qAttrFound && st > 0 && c.lower(toks[st-1]) == "with" {
				return a, cls == qSpeechVerb && introduces(v)
			}
		}
		if strings.HasSuffix(lw, "ing") || prev == "to" || prev == "and" {
			// "X thanked the Fund and urged farmers to repay “…”": a
			// second verb shares the subject of the first, and the noun
			// before "and" is the first verb's object.
			// "calling it “…”", "adding, “…”", "refused to call it “…”".
			return c.subjectOf(lo, int(t.s), qSpkFilter{}, true), cls == qSpeechVerb && introduces(v)
		}
		a, _ := c.npBefore(toks, v)
		if a.st == qAttrNone && cls == qSpeechVerb {
			// “…,” said Obama, “…”
			if b, e := c.npAfter(toks, v); b.st != qAttrNone && e < len(toks) && e == len(toks)-1 && (c.word(toks[e]) == "," || c.word(toks[e]) == ":") {
				return b, true
			}
		}
		switch {
		case a.st == qAttrFound:
			return a, cls == qSpeechVerb && introduces(v)
		case a.st == qAttrBlocked && cls == qSpeechVerb:
			return a, true
		case a.st == qAttrBlocked:
			continue // "the officials who called for “…”" inside a longer clause
		}
		return c.subjectOf(lo, int(t.s), qSpkFilter{}, true), cls == qSpeechVerb && introduces(v)
	}
	return qAttr{}, false
}

// trailing reads an attribution closing the sentence after a quotation
// embedded in it: … has “no plans” to meet Putin, the White House said.
func (c *quoteCtx) trailing(i int, hi int) qAttr {
	sp := c.spans[i]
	if int(sp.closeEnd) >= hi {
		return qAttr{}
	}
	// The attribution and what follows it fit in the last few words.
	toks := c.tokens(max(int(sp.closeEnd), hi-300), hi)
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k]
		if t.k == 'q' {
			break
		}
		if t.k != 'p' || !c.isDashOrComma(t) {
			continue
		}
		a, end := c.attribClause(toks[k+1:])
		if a.st == qAttrNone {
			continue
		}
		rest := toks[k+1+end:]
		words := 0
		for _, r := range rest {
			if r.k == 'q' || (r.k == 'w' && (c.lower(r) == "that" || qVerbOf(c.lower(r)) != 0)) {
				words = 100
				break
			}
			if r.k == 'w' {
				words++
			}
		}
		if words <= 8 {
			return a
		}
	}
	return qAttr{}
}

// fullSentence reports whether span i makes up its sentences on its own.
func (c *quoteCtx) fullSentence(i, lo, hi int) bool {
	k := c.spanAfter(lo)
	for p := lo; p < hi; {
		if k < len(c.spans) && int(c.spans[k].open) <= p {
			p = max(p+1, int(c.spans[k].closeEnd))
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(c.text[p:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		p += size
	}
	return true
}

// continuation attributes a quotation standing alone to the speaker of
// the sentence before it: an attributed quotation there, or the subject
// of its verb of saying ("Smith said:").
func (c *quoteCtx) continuation(i int) qAttr {
	s0 := c.spans[i].sent0
	if s0 == 0 {
		return qAttr{}
	}
	ps := s0 - 1
	for k := i - 1; k >= 0; k-- {
		sp := c.spans[k]
		if sp.sent1 < ps {
			break
		}
		if sp.sent0 <= ps {
			// The last quotation of the sentence before decides: its
			// speaker continues, or nobody if it had none.
			return c.whoOf(k)
		}
	}
	toks := c.tokens(max(c.sentStart(int(ps)), c.sentEnd(int(ps))-qWindow), c.sentEnd(int(ps)))
	for v := len(toks) - 1; v >= 0; v-- {
		t := toks[v]
		if t.k != 'w' || !c.isSpeechVerb(t) {
			continue
		}
		if a, _ := c.npBefore(toks, v); a.st == qAttrFound {
			return a
		}
		if a, _ := c.npAfter(toks, v); a.st == qAttrFound {
			return a
		}
	}
	// "Mayor Ilse Brandt put it bluntly:" closing the sentence before:
	// the colon hands the floor to its subject, whatever the verb.
	lo := max(c.sentStart(int(ps)), int(c.spans[i].open)-qWindow)
	if lo < int(c.spans[i].open) && strings.HasSuffix(strings.TrimRightFunc(c.text[lo:c.spans[i].open], unicode.IsSpace), ":") {
		return c.subjectOf(lo, int(c.spans[i].open), qSpkFilter{}, true)
	}
	// "Asked what comes next, Solano laughs. “A holiday, maybe.”": a
	// quotation in the paragraph of a sentence about one person, with no
	// other speaker between, is that person's.
	if lo < int(c.spans[i].open) && !strings.Contains(c.text[c.sentEnd(int(ps)):c.spans[i].open], "\n") {
		if a := c.subjectOf(lo, c.sentEnd(int(ps)), qSpkFilter{kind: Person}, false); a.st == qAttrFound && !a.guessed {
			return a
		}
	}
	return qAttr{}
}

// inQuote reports whether pos lies inside a quotation.
func (c *quoteCtx) inQuote(pos int) bool {
	k := c.spanAfter(pos + 1)
	return k > 0 && int(c.spans[k-1].open) <= pos && pos < int(c.spans[k-1].closeEnd)
}

// spanAfter returns the index of the first span opening at or after pos.
func (c *quoteCtx) spanAfter(pos int) int {
	return sort.Search(len(c.spans), func(k int) bool { return int(c.spans[k].open) >= pos })
}

// sentOf returns the index of the sentence holding pos.
func (c *quoteCtx) sentOf(pos int) int {
	k := sort.Search(len(c.sents), func(k int) bool { return c.sents[k].Start > pos }) - 1
	return max(k, 0)
}

func (c *quoteCtx) sentStart(k int) int { return qClamp(c.sents[k].Start, 0, len(c.text)) }

func (c *quoteCtx) sentEnd(k int) int {
	return qClamp(c.sents[k].End, c.sentStart(k), len(c.text))
}

func (c *quoteCtx) word(t qtok) string { return c.text[t.s:t.e] }

func (c *quoteCtx) lower(t qtok) string { return strings.ToLower(c.text[t.s:t.e]) }

func (c *quoteCtx) isCapWord(t qtok) bool {
	if t.k != 'w' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(c.text[t.s:])
	return unicode.IsUpper(r)
}

func (c *quoteCtx) isLowerWord(t qtok) bool {
	if t.k != 'w' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(c.text[t.s:])
	return unicode.IsLower(r)
}

// isSpeechVerb reports whether t is a finite verb of saying, written in
// lower case ("said", not "State" or "saying").
func (c *quoteCtx) isSpeechVerb(t qtok) bool {
	if !c.isLowerWord(t) {
		return false
	}
	w := c.word(t)
	return qVerbOf(w) == qSpeechVerb && !strings.HasSuffix(w, "ing")
}

func (c *quoteCtx) isDashOrComma(t qtok) bool {
	w := c.text[t.s:t.e]
	return w == "," || w == "—" || w == "–"
}

// isStop reports whether t ends a sentence or clause of attribution.
func (c *quoteCtx) isStop(t qtok) bool {
	if t.k != 'p' {
		return false
	}
	switch c.text[t.s:t.e] {
	case ".", "!", "?", ";", ":", "“", "”", "\"":
		return true
	}
	return false
}

func qIsPronoun(w string) bool { return w == "he" || w == "she" || w == "it" || w == "they" }

func qContainsWord(c *quoteCtx, toks []qtok, w string) bool {
	for _, t := range toks {
		if t.k == 'w' && c.lower(t) == w {
			return true
		}
	}
	return false
}

// qContainsFold reports whether s contains the lower-case ASCII word w,
// ignoring case, without allocating.
func qContainsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

func qContainsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// qEndsSentence reports whether a quotation ends with its own sentence.
func qEndsSentence(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// qTitleLike reports whether a quotation reads like the title of a work or
// a name ("Liberation Day", "The Art of the Deal") rather than speech.
func qTitleLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || qEndsSentence(s) {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			caps++
		case len(w) > 3:
			return false
		}
	}
	return caps > 0
}

func qIsAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

func qHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func qKindOr(k, def Kind) Kind {
	if k == "" {
		return def
	}
	return k
}

func qClamp(x, lo, hi int) int {
	return max(lo, min(x, hi))
}

// qParticiple reports whether a verb of saying or characterising after
// "was" or "were" reads as a passive participle ("was called", "were
// told") rather than an adjective ("were welcome", "was content").
func qParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "told", "said", "thought", "sought", "taught", "quoted", "dubbed", "hailed", "put", "cast", "held", "kept", "left", "made", "read", "heard", "seen", "shown", "known", "won", "led":
		return true
	}
	return false
}
