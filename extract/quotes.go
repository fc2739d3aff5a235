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
// A quotation attributed only to an unnamed source ("officials said", "a
// spokesman said") is dropped, as are short title-cased phrases (names of
// works, slogans) and scare quotes that no verb of saying governs.
// A quotation running over several paragraphs yields one Quote per
// paragraph, all with the same speaker, so that every Text stays verbatim.
func FindQuotes(text string, sents []Sentence, mentions []Mention, entities []Entity) []Quote {
	spans := scanQuotes(text)
	if len(spans) == 0 {
		return nil
	}
	if len(sents) == 0 {
		sents = SplitSentences(text)
		if len(sents) == 0 {
			sents = []Sentence{{Start: 0, End: len(text)}}
		}
	}
	c := newQuoteCtx(text, sents, mentions, entities, spans)
	for i := range c.spans {
		sp := &c.spans[i]
		sp.sent0 = c.sentOf(sp.open)
		sp.sent1 = max(sp.sent0, c.sentOf(max(sp.open, sp.closeEnd-1)))
	}
	for i := range c.spans {
		c.spans[i].who = c.attribute(i)
	}
	// A quotation over several paragraphs has one speaker, wherever in it
	// the attribution stood.
	for i := range c.spans {
		sp := &c.spans[i]
		if sp.who.st == qAttrFound {
			continue
		}
		for j := sp.chain; j < len(c.spans) && c.spans[j].chain == sp.chain; j++ {
			if c.spans[j].who.st == qAttrFound {
				sp.who = c.spans[j].who
				break
			}
		}
	}
	var out []Quote
	for _, sp := range c.spans {
		if sp.who.st != qAttrFound || sp.who.name == "" || !qHasLetter(text[sp.start:sp.end]) {
			continue
		}
		q := Quote{
			Speaker:       sp.who.name,
			SpeakerKind:   sp.who.kind,
			Text:          text[sp.start:sp.end],
			Start:         sp.start,
			End:           sp.end,
			SentenceStart: min(c.sentStart(sp.sent0), sp.open),
			SentenceEnd:   max(c.sentEnd(sp.sent1), sp.closeEnd),
		}
		out = append(out, q)
	}
	return out
}

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
}

// quoteCtx holds what attribution needs about one text.
type quoteCtx struct {
	text  string
	sents []Sentence
	ments []Mention // valid mentions sorted by Start
	ents  map[string]*Entity
	roles []qRoleEntry
	spans []qspan
	// genders is read on first use by genderOf.
	genders map[string]int
}

func newQuoteCtx(text string, sents []Sentence, mentions []Mention, entities []Entity, spans []qspan) *quoteCtx {
	c := &quoteCtx{text: text, sents: sents, spans: spans, ents: make(map[string]*Entity, len(entities))}
	for _, m := range mentions {
		if m.Start >= 0 && m.Start < m.End && m.End <= len(text) {
			c.ments = append(c.ments, m)
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
				c.roles = append(c.roles, qRoleEntry{name: e.Name, kind: e.Kind, words: words})
			}
		}
	}
	return c
}

// attribute finds the speaker of span i.
func (c *quoteCtx) attribute(i int) qAttr {
	sp := &c.spans[i]
	lo, hi := c.sentStart(sp.sent0), c.sentEnd(sp.sent1)
	lo = min(lo, sp.open)
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
	w := qLastWord(c.text[max(lo, sp.open-40):sp.open])
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
	pe := strings.IndexByte(c.text[sp.closeEnd:], '\n')
	if pe < 0 {
		pe = len(c.text)
	} else {
		pe += sp.closeEnd
	}
	toks := c.tokens(sp.closeEnd, min(pe, sp.closeEnd+400))
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
	if inner != "" && strings.ContainsAny(inner[len(inner)-1:], ".!?…") && c.isCapWord(toks[0]) {
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
	toks := c.tokens(lo, sp.open)
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
		if qPassiveAux[prev] {
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
		if strings.HasSuffix(lw, "ing") || prev == "to" {
			// "calling it “…”", "adding, “…”", "refused to call it “…”".
			return c.subjectOf(lo, t.s, qSpkFilter{}, true), cls == qSpeechVerb && introduces(v)
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
		return c.subjectOf(lo, t.s, qSpkFilter{}, true), cls == qSpeechVerb && introduces(v)
	}
	return qAttr{}, false
}

// trailing reads an attribution closing the sentence after a quotation
// embedded in it: … has “no plans” to meet Putin, the White House said.
func (c *quoteCtx) trailing(i int, hi int) qAttr {
	sp := c.spans[i]
	if sp.closeEnd >= hi {
		return qAttr{}
	}
	toks := c.tokens(sp.closeEnd, hi)
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
	for _, t := range c.tokens(lo, hi) {
		if t.k == 'w' {
			return false
		}
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
			return sp.who
		}
	}
	toks := c.tokens(c.sentStart(ps), c.sentEnd(ps))
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
	return qAttr{}
}

// npBefore finds the subject of the verb toks[v] right before it, across
// auxiliaries, adverbs and an apposition ("Smith, a spokesman, said"). It
// returns the index of the subject's first token.
func (c *quoteCtx) npBefore(toks []qtok, v int) (qAttr, int) {
	j := v - 1
	for j >= 0 && toks[j].k == 'w' && qBetweenSubjectAndVerb[c.lower(toks[j])] {
		j--
	}
	if j < 0 {
		return qAttr{}, v
	}
	if toks[j].k == 'w' {
		a, st := c.npEnding(toks, j)
		if a.st == qAttrFound && a.kind == Person {
			return a, st
		}
		if h, hst := c.appositionHead(toks, j); h.st == qAttrFound {
			return h, hst
		}
		return a, st
	}
	if t := toks[j]; t.k == 'p' && c.isDashOrComma(t) {
		for k := j - 1; k >= 0 && k >= j-25; k-- {
			tk := toks[k]
			if tk.k == 'q' {
				break
			}
			if tk.k != 'p' {
				continue
			}
			if c.isDashOrComma(tk) {
				if a, st := c.npEnding(toks, k-1); a.st == qAttrFound {
					if a.guessed {
						a.kind = c.appositionKind(toks[k+1:j], a.kind)
					}
					return a, st
				}
				// "An aerospace analyst, Richard Aboulafia, said"
				if a, _ := c.npEnding(toks, j-1); a.st == qAttrFound && a.kind == Person {
					return a, k + 1
				}
				break
			}
			if r := c.text[tk.s]; r != '(' && r != ')' && r != '\'' {
				break
			}
		}
		return qAttr{}, v
	}
	return c.npEnding(toks, j)
}

// appositionHead finds the person an apposition ending at toks[j]
// describes when the apposition is not closed by a comma: "Scott Carson,
// president and CEO of Boeing Commercial Airplanes said" is Carson, not
// the company.
func (c *quoteCtx) appositionHead(toks []qtok, j int) (qAttr, int) {
	for k := j - 1; k > 0 && k >= j-12; k-- {
		t := toks[k]
		if t.k == 'q' || (t.k == 'p' && !c.isDashOrComma(t)) {
			break
		}
		if t.k == 'w' && c.isLowerWord(t) && qVerbOf(c.lower(t)) != 0 {
			break
		}
		if t.k != 'p' {
			continue
		}
		next := toks[k+1]
		if next.k != 'w' || !(c.isLowerWord(next) || qDeterminers[c.lower(next)]) || qFunctionWords[c.lower(next)] {
			break
		}
		if a, st := c.npEnding(toks, k-1); a.st == qAttrFound && a.kind == Person && (!a.guessed || strings.Contains(a.name, " ")) {
			return a, st
		}
		break
	}
	return qAttr{}, j
}

// appositionKind reads the kind of a name the entity finder missed from
// its apposition: "Fiskebåt, the industry association," is an
// organisation.
func (c *quoteCtx) appositionKind(app []qtok, def Kind) Kind {
	for _, t := range app {
		if t.k != 'w' {
			continue
		}
		w := c.lower(t)
		if w == "of" || w == "for" || w == "at" || w == "in" {
			break
		}
		if _, ok := qGroupNouns[w]; ok {
			return Org
		}
	}
	return def
}

// npEnding reads the noun phrase whose last token is toks[j] as a speaker:
// a pronoun, a mention, a role ("the mayor"), an organisation named before
// ("the company") or a capitalised name the entity finder missed.
func (c *quoteCtx) npEnding(toks []qtok, j int) (qAttr, int) {
	if j < 0 || toks[j].k != 'w' {
		return qAttr{}, j + 1
	}
	t := toks[j]
	lw := c.lower(t)
	if qIsPronoun(lw) {
		return c.resolvePronoun(lw, t.s), j
	}
	if lw == "who" && j > 0 {
		// "Charles O’Reilly, a management expert at Stanford, who stated"
		if toks[j-1].k == 'p' && c.isDashOrComma(toks[j-1]) {
			return c.npBefore(toks, j)
		}
		return c.npEnding(toks, j-1)
	}
	if m := c.mentionOver(t.s, t.e); m != nil && t.e <= m.End {
		k := j
		for k > 0 && toks[k-1].k == 'w' && toks[k-1].e > m.Start {
			k--
		}
		if m.Kind == Place && k > 0 && toks[k-1].k == 'w' && qPrepositions[c.lower(toks[k-1])] {
			return qAttr{}, j + 1 // "officials in Kyiv said"
		}
		return c.fromMention(m), c.extendNP(toks, k)
	}
	// "Smith’s office said": the office speaks for its holder.
	if (qPossessorNouns[lw] || qDocumentNouns[lw]) && j > 0 && toks[j-1].k == 'w' {
		if p := toks[j-1]; strings.HasSuffix(c.word(p), "’s") || strings.HasSuffix(c.word(p), "'s") {
			if m := c.mentionOver(p.s, p.e); m != nil && m.Kind != Place {
				return c.fromMention(m), c.extendNP(toks, j-1)
			}
			if c.isCapWord(p) && !qNotNames[c.word(p)] {
				return c.guessName(toks[j-1:j], false), j - 1
			}
		}
	}
	// A determiner phrase: "the mayor", "a White House spokeswoman".
	k := j
	for k >= 0 && j-k < 6 && toks[k].k == 'w' && !qDeterminers[c.lower(toks[k])] {
		k--
	}
	if k >= 0 && k < j && toks[k].k == 'w' && qDeterminers[c.lower(toks[k])] {
		phrase := toks[k+1 : j+1]
		return c.phraseSpeaker(phrase, t.s, c.lower(toks[k])), k
	}
	// A capitalised name.
	k = j
	for k >= 0 && j-k < 7 && toks[k].k == 'w' && c.isCapWord(toks[k]) && !qNotNames[c.word(toks[k])] {
		k--
	}
	if k < j {
		the := k >= 0 && toks[k].k == 'w' && c.lower(toks[k]) == "the"
		a := c.guessName(toks[k+1:j+1], the)
		if the {
			return a, k
		}
		return a, c.extendNP(toks, k+1) // "analyst Himanshu Patel"
	}
	if c.isLowerWord(t) && len(lw) > 2 && !qFunctionWords[lw] && !qPrepositions[lw] {
		return qAttr{st: qAttrBlocked}, j // "officials said"
	}
	return qAttr{}, j + 1
}

// npAfter reads the speaker after the verb toks[v] ("said Trump", "said a
// spokesman for the ministry", "according to the White House") and
// returns the index after it.
func (c *quoteCtx) npAfter(toks []qtok, v int) (qAttr, int) {
	j := v + 1
	if j >= len(toks) || toks[j].k != 'w' {
		return qAttr{}, j
	}
	t := toks[j]
	lw := c.lower(t)
	if qIsPronoun(lw) {
		return c.resolvePronoun(lw, t.s), j + 1
	}
	end := j
	for end < len(toks) && end < j+12 && toks[end].k == 'w' {
		w := c.lower(toks[end])
		if end > j && qPrepositions[w] && w != "of" && w != "for" {
			break
		}
		if end > j && (qVerbOf(w) != 0 && c.isLowerWord(toks[end]) || qFunctionWords[w] && w != "and") {
			break
		}
		end++
	}
	// The person the phrase names ("said Apple CEO Steve Jobs"), else the
	// organisation ("said a White House spokesman"); a place only when it
	// is the whole phrase ("said Russia"), not a modifier ("a Delhi
	// supplier", "American president").
	var best *Mention
	bestEnd := 0
	for k := j; k < end; k++ {
		m := c.mentionOver(toks[k].s, toks[k].e)
		if m == nil {
			continue
		}
		e := k
		for e < len(toks) && toks[e].k == 'w' && toks[e].s < m.End {
			e++
		}
		if m.Kind == Place && (k != j || e != end) || qTitleWords[m.Text] {
			k = e - 1 // a modifier, or a title taken for a name
			continue
		}
		if best == nil || (m.Kind == Person && best.Kind != Person) {
			best, bestEnd = m, e
		}
		if m.Kind == Person {
			break
		}
		k = e - 1
	}
	if (best == nil || best.Kind != Person) && end > j && end+1 < len(toks) && c.isDashOrComma(toks[end]) && c.isCapWord(toks[end+1]) {
		// "said the general secretary of the union Unite, Tony Woodley",
		// "said Airbus President and Chief Executive Officer, Tom Enders"
		if b, e := c.npAfter(toks, end); b.st == qAttrFound && b.kind == Person {
			return b, e
		}
	}
	if best != nil {
		return c.fromMention(best), bestEnd
	}
	if qDeterminers[lw] && end > j+1 && qDocumentNouns[c.lower(toks[end-1])] && end+1 < len(toks) {
		// "according to a statement from the Kremlin", "said a post by Smith"
		if w := c.lower(toks[end]); w == "from" || w == "by" || w == "of" {
			if b, e := c.npAfter(toks, end); b.st != qAttrNone {
				return b, e
			}
		}
	}
	if qDeterminers[lw] && end > j+1 {
		// Stop the phrase at "for"/"of": "a spokesman for the ministry".
		pe := j + 1
		for pe < end && c.lower(toks[pe]) != "for" && c.lower(toks[pe]) != "of" {
			pe++
		}
		a := c.phraseSpeaker(toks[j+1:pe], t.s, lw)
		if a.st != qAttrFound && end+1 < len(toks) && c.isDashOrComma(toks[end]) && c.isCapWord(toks[end+1]) {
			// "said the general secretary of the union, Tony Woodley"
			if b, e := c.npAfter(toks, end); b.st == qAttrFound {
				return b, e
			}
		}
		return a, end
	}
	// "said Ray Young", "claims writer John Ostrower": the capitalised
	// run, after at most three lower-case role words.
	// The last capitalised run before the phrase ends: "said German
	// economy minister Karl Weber" -> Karl Weber.
	var rs, re int
	for k := j; k < end; {
		if !c.isCapWord(toks[k]) || qNotNames[c.word(toks[k])] {
			if !c.isLowerWord(toks[k]) || qFunctionWords[c.lower(toks[k])] {
				break
			}
			k++
			continue
		}
		r := k
		for r < end && c.isCapWord(toks[r]) && !qNotNames[c.word(toks[r])] {
			r++
		}
		rs, re = k, r
		k = r
	}
	if re > rs {
		return c.guessName(toks[rs:re], false), re
	}
	return qAttr{}, j
}

// phraseSpeaker resolves a determiner phrase (without its determiner).
func (c *quoteCtx) phraseSpeaker(phrase []qtok, pos int, det string) qAttr {
	if len(phrase) == 0 {
		return qAttr{}
	}
	for _, pt := range phrase {
		if m := c.mentionOver(pt.s, pt.e); m != nil && m.Kind != Place {
			return c.fromMention(m)
		}
	}
	words := make([]string, 0, len(phrase))
	allCap := true
	for _, pt := range phrase {
		words = append(words, c.lower(pt))
		if !c.isCapWord(pt) {
			allCap = false
		}
	}
	if a := c.roleLookup(words, pos); a.st == qAttrFound {
		return a
	}
	// "the company president and CEO Louis Gallois": a name ending the
	// phrase after its description.
	if n := len(phrase); n >= 2 && c.isCapWord(phrase[n-1]) {
		k := n - 1
		for k > 0 && c.isCapWord(phrase[k-1]) {
			k--
		}
		if k > 0 && !qPrepositions[words[k-1]] {
			if a := c.guessName(phrase[k:], false); a.st == qAttrFound && a.kind == Person {
				return a
			}
		}
	}
	if a := c.groupLookup(words[len(words)-1], pos); a.st == qAttrFound {
		return a
	}
	if allCap && det == "the" {
		return c.guessName(phrase, true)
	}
	return qAttr{st: qAttrBlocked}
}

// extendNP moves the start of a noun phrase back over the title and
// determiner words before a name: "Treasury Secretary Scott Bessent",
// "Russia’s foreign minister Sergey Lavrov".
func (c *quoteCtx) extendNP(toks []qtok, k int) int {
	for n := 0; k > 0 && n < 7; n++ {
		p := toks[k-1]
		if p.k != 'w' {
			break
		}
		w := c.lower(p)
		if (qPrepositions[w] && w != "of" && w != "for") || qFunctionWords[w] || (qVerbOf(w) != 0 && c.isLowerWord(p)) {
			break
		}
		k--
	}
	return k
}

// guessName makes a speaker of capitalised words no mention covers.
func (c *quoteCtx) guessName(words []qtok, the bool) qAttr {
	for len(words) > 1 && qHonorifics[c.word(words[0])] {
		words = words[1:]
	}
	// "Alabama Governor Bob Riley", "Microsoft CEO Bill Gates": the name
	// follows the last title word. A title with no name after it ("Airbus
	// President") names nobody we can resolve.
	for i := len(words) - 1; i >= 0 && !qOrgSuffixes[c.word(words[len(words)-1])]; i-- {
		if qTitleWords[strings.TrimSuffix(c.word(words[i]), ".")] {
			if i == len(words)-1 {
				return qAttr{st: qAttrBlocked}
			}
			words = words[i+1:]
			break
		}
	}
	if len(words) == 0 {
		return qAttr{}
	}
	name := strings.TrimRight(c.text[words[0].s:words[len(words)-1].e], ".,’'")
	name = strings.TrimSuffix(strings.TrimSuffix(name, "’s"), "'s")
	if name == "" {
		return qAttr{}
	}
	last := c.word(words[len(words)-1])
	kind := Person
	if the || qOrgSuffixes[last] || qIsAllCaps(name) {
		kind = Org
	}
	return qAttr{name: name, kind: kind, st: qAttrFound, guessed: true}
}

// roleLookup finds the entity holding the role named by words ("mayor",
// "secretary general", "treasury secretary"), preferring the one mentioned
// last before pos.
func (c *quoteCtx) roleLookup(words []string, pos int) qAttr {
	var ws []string
	for _, w := range words {
		if qRoleModifiers[w] || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
			continue
		}
		ws = append(ws, w)
	}
	if len(ws) == 0 {
		return qAttr{}
	}
	head := ws[len(ws)-1]
	var cands []qRoleEntry
	for _, r := range c.roles {
		if !qContainsStr(r.words, head) {
			continue
		}
		ok := true
		for _, w := range ws[:len(ws)-1] {
			if !qRoleWordMatch(w, r.words) {
				ok = false
				break
			}
		}
		if ok {
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 {
		return qAttr{}
	}
	best, bestPos := cands[0], -1
	for _, r := range cands {
		if p := c.lastMentionBefore(r.name, pos); p > bestPos {
			best, bestPos = r, p
		}
	}
	return qAttr{name: best.name, kind: qKindOr(best.kind, Person), st: qAttrFound}
}

// qRoleWordMatch reports whether the modifier w of a role phrase fits the
// words of a role: the same word, or a demonym of its organisation or
// country ("the Russian president" for President of Russia).
func qRoleWordMatch(w string, words []string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
		if n := qCommonPrefix(w, x); n >= 5 && n >= min(len(w), len(x))-2 {
			return true // russian/russia, ukrainian/ukraine, chinese/china
		}
	}
	if alias := qCountryWords[w]; alias != "" {
		for _, x := range words {
			if x == alias {
				return true
			}
		}
	}
	return false
}

// qCountryWords maps the demonyms and abbreviations whose country name
// does not share their stem to a word of it.
var qCountryWords = map[string]string{
	"u.s.": "states", "us": "states", "american": "states", "u.s": "states",
	"british": "kingdom", "uk": "kingdom", "u.k.": "kingdom", "dutch": "netherlands",
	"french": "france", "swiss": "switzerland", "welsh": "wales", "irish": "ireland",
}

func qCommonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// groupLookup resolves "the company", "the ministry" to the organisation
// last named before pos that fits.
func (c *quoteCtx) groupLookup(head string, pos int) qAttr {
	anyOrg, ok := qGroupNouns[head]
	if !ok {
		return qAttr{}
	}
	for k, n := c.mentionBefore(pos), 0; k >= 0 && n < 400; k, n = k-1, n+1 {
		m := &c.ments[k]
		if m.Kind != Org || c.inQuote(m.Start) {
			continue
		}
		if anyOrg || qContainsFold(m.Entity, head) || qContainsFold(m.Text, head) {
			return c.fromMention(m)
		}
	}
	return qAttr{}
}

// resolvePronoun resolves he/she to a person and it/they to an
// organisation: the subject or attributed speaker of the nearest sentence
// that has one of the right kind, else the nearest mention of that kind.
func (c *quoteCtx) resolvePronoun(p string, pos int) qAttr {
	f := qPronounFilter(p)
	si := c.sentOf(pos)
	if a := c.subjectOf(c.sentStart(si), pos, f, false); a.st == qAttrFound {
		return a
	}
	for s := si - 1; s >= 0 && s >= si-4; s-- {
		for k := len(c.spans) - 1; k >= 0; k-- {
			sp := c.spans[k]
			if sp.open >= pos || sp.sent0 != s {
				continue
			}
			if f.ok(c, sp.who) {
				return sp.who
			}
		}
		if a := c.subjectOf(c.sentStart(s), c.sentEnd(s), f, false); a.st == qAttrFound {
			return a
		}
	}
	for k := c.mentionBefore(pos); k >= 0; k-- {
		m := &c.ments[k]
		if m.Kind == f.kind && !c.inQuote(m.Start) {
			if a := c.fromMention(m); f.ok(c, a) {
				return a
			}
		}
	}
	return qAttr{}
}

// subjectOf finds the subject of the clause text[lo:hi]: its first person
// or organisation that is not the object of a preposition nor a possessive
// ("Trump’s decision"). want restricts the kind; allowPron lets a pronoun
// subject be resolved.
func (c *quoteCtx) subjectOf(lo, hi int, f qSpkFilter, allowPron bool) qAttr {
	toks := c.tokens(lo, hi)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.k != 'w' {
			continue
		}
		lw := c.lower(t)
		if qIsPronoun(lw) {
			if !allowPron || (i > 0 && toks[i-1].k == 'w' && qPrepositions[c.lower(toks[i-1])]) {
				continue
			}
			if lw == "it" && i > 0 && toks[i-1].k == 'w' {
				continue // "calling it": an object
			}
			if a := c.resolvePronoun(lw, t.s); a.st == qAttrFound && f.ok(c, a) {
				return a
			}
			continue
		}
		if m := c.mentionOver(t.s, t.e); m != nil {
			end := i
			for end+1 < len(toks) && toks[end+1].k == 'w' && toks[end+1].s < m.End {
				end++
			}
			// Skip back over the title before the name ("with Russian
			// President Vladimir Putin") to the word that governs it.
			k := i - 1
			for k >= 0 && i-k < 6 && toks[k].k == 'w' && (c.isTitleWord(toks[k]) || qDeterminers[c.lower(toks[k])] || c.isModifierName(toks[k])) {
				k--
			}
			prev := ""
			if k >= 0 && toks[k].k == 'w' {
				prev = c.lower(toks[k])
			}
			possessive := toks[end].e > m.End || strings.HasPrefix(c.text[m.End:], "’s") || strings.HasPrefix(c.text[m.End:], "'s")
			// "Ryanair CEO Michael O’Leary": the company only qualifies
			// the title of the subject.
			modifier := m.Kind != Person && end+1 < len(toks) && c.isTitleWord(toks[end+1])
			i = end
			if qPrepositions[prev] || possessive || modifier {
				continue
			}
			if m.Kind == Place {
				continue
			}
			if a := c.fromMention(m); f.ok(c, a) {
				return a
			}
			continue
		}
		if c.isCapWord(t) && !qNotNames[c.word(t)] {
			// A name the entity finder missed, as subject of a verb:
			// "Republican Senator Bob Corker was ...".
			r := i
			for r < len(toks) && r < i+6 && c.isCapWord(toks[r]) && !qNotNames[c.word(toks[r])] && c.mentionOver(toks[r].s, toks[r].e) == nil {
				r++
			}
			prevPrep := i > 0 && toks[i-1].k == 'w' && (qPrepositions[c.lower(toks[i-1])] || qDeterminers[c.lower(toks[i-1])])
			if r-i >= 2 && r < len(toks) && !prevPrep && c.verbLike(toks[r]) {
				if a := c.guessName(toks[i:r], false); f.ok(c, a) {
					return a
				}
			}
			if r > i {
				i = r - 1
				continue
			}
		}
		if qDeterminers[lw] && lw != "his" && lw != "her" && lw != "its" && lw != "their" {
			if i > 0 && toks[i-1].k == 'w' && qPrepositions[c.lower(toks[i-1])] {
				continue
			}
			var words []string
			named := false
			for k := i + 1; k < len(toks) && k <= i+4 && toks[k].k == 'w'; k++ {
				if m := c.mentionOver(toks[k].s, toks[k].e); m != nil && m.Kind == Person {
					named = true // "the current Microsoft CEO Steve Ballmer": the name decides
					break
				}
				words = append(words, c.lower(toks[k]))
			}
			if named {
				continue
			}
			for n := len(words); n > 0; n-- {
				if a := c.roleLookup(words[:n], t.s); f.ok(c, a) {
					return a
				}
			}
		}
	}
	return qAttr{}
}

// fromMention makes a speaker of a mention and its entity.
func (c *quoteCtx) fromMention(m *Mention) qAttr {
	name := m.Entity
	if name == "" {
		name = strings.TrimSpace(m.Text)
	}
	kind := m.Kind
	if e := c.ents[name]; e != nil && e.Kind != "" {
		kind = e.Kind
	}
	return qAttr{name: name, kind: kind, st: qAttrFound}
}

// mentionOver returns the mention overlapping [s, e), or nil.
func (c *quoteCtx) mentionOver(s, e int) *Mention {
	for k := sort.Search(len(c.ments), func(k int) bool { return c.ments[k].Start >= e }) - 1; k >= 0; k-- {
		m := &c.ments[k]
		if m.End > s {
			return m
		}
		if m.Start < s-300 {
			break
		}
	}
	return nil
}

// mentionBefore returns the index of the last mention starting before pos.
func (c *quoteCtx) mentionBefore(pos int) int {
	return sort.Search(len(c.ments), func(k int) bool { return c.ments[k].Start >= pos }) - 1
}

// lastMentionBefore returns where the entity name was last mentioned
// before pos, or -1.
func (c *quoteCtx) lastMentionBefore(name string, pos int) int {
	for k := c.mentionBefore(pos); k >= 0; k-- {
		if c.ments[k].Entity == name {
			return c.ments[k].Start
		}
	}
	return -1
}

// inQuote reports whether pos lies inside a quotation.
func (c *quoteCtx) inQuote(pos int) bool {
	k := c.spanAfter(pos + 1)
	return k > 0 && c.spans[k-1].open <= pos && pos < c.spans[k-1].closeEnd
}

// spanAfter returns the index of the first span opening at or after pos.
func (c *quoteCtx) spanAfter(pos int) int {
	return sort.Search(len(c.spans), func(k int) bool { return c.spans[k].open >= pos })
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

func (c *quoteCtx) word(t qtok) string  { return c.text[t.s:t.e] }
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

// isTitleWord reports whether t is a title ("CEO", "spokesman",
// "Minister") in either case.
func (c *quoteCtx) isTitleWord(t qtok) bool {
	if t.k != 'w' {
		return false
	}
	w := strings.TrimSuffix(c.word(t), ".")
	if qTitleWords[w] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return qTitleWords[string(unicode.ToUpper(r))+w[size:]]
}

// isModifierName reports whether t is a capitalised word that qualifies a
// title rather than names someone: a place or organisation mention
// ("Russian", "NATO") or a demonym-like word.
func (c *quoteCtx) isModifierName(t qtok) bool {
	if !c.isCapWord(t) {
		return false
	}
	if m := c.mentionOver(t.s, t.e); m != nil && m.Kind != Person {
		return true
	}
	w := c.word(t)
	return strings.HasSuffix(w, "an") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") || qIsAllCaps(w)
}

// verbLike reports whether t looks like the verb after a subject.
func (c *quoteCtx) verbLike(t qtok) bool {
	if !c.isLowerWord(t) {
		return false
	}
	w := c.lower(t)
	switch w {
	case "was", "is", "has", "had", "were", "are", "will", "would", "also", "could", "can", "did", "does":
		return true
	}
	return qVerbOf(w) != 0 || strings.HasSuffix(w, "ed")
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

// qPossessorNouns speak for whoever precedes them: "Smith’s office said".
var qPossessorNouns = map[string]bool{
	"office": true, "campaign": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"press": true, "team": true, "administration": true, "government": true, "representatives": true,
}

// qTitleWords precede a name in a title ("Governor Bob Riley").
var qTitleWords = map[string]bool{
	"CEO": true, "CFO": true, "COO": true, "CTO": true, "Chairman": true, "Chairwoman": true, "Chair": true,
	"President": true, "Vice": true, "Governor": true, "Gov": true, "Senator": true, "Sen": true, "Rep": true,
	"Representative": true, "General": true, "Gen": true, "Secretary": true, "Minister": true, "Prime": true,
	"Chief": true, "Executive": true, "Director": true, "Analyst": true, "Spokesman": true,
	"Spokeswoman": true, "Spokesperson": true, "Mayor": true, "Judge": true, "Justice": true,
	"Commissioner": true, "King": true, "Queen": true, "Prince": true, "Princess": true, "Pope": true,
	"Bishop": true, "Archbishop": true, "Rev": true, "Captain": true, "Capt": true, "Colonel": true,
	"Col": true, "Lieutenant": true, "Lt": true, "Sergeant": true, "Sgt": true, "Admiral": true,
	"Adm": true, "Commander": true, "Ambassador": true, "Attorney": true, "Chancellor": true,
	"Speaker": true, "Leader": true, "Professor": true, "Prof": true, "Coach": true, "Manager": true,
	"Founder": true, "Deputy": true, "Assistant": true, "Undersecretary": true, "Treasurer": true,
	"Councillor": true, "Councilman": true, "Councilwoman": true, "Sheriff": true, "Inspector": true,
	"Superintendent": true, "Detective": true, "Premier": true, "Emir": true, "Sheikh": true,
	"Marshal": true, "Economist": true, "Editor": true, "Correspondent": true, "Congressman": true,
	"Congresswoman": true, "MP": true, "MEP": true, "Officer": true, "Head": true, "Dr": true,
	"Mr": true, "Mrs": true, "Ms": true, "Lawmaker": true, "Physicist": true, "Professor-elect": true,
}

// qDocumentNouns speak for their author: "a statement from the Kremlin",
// "Trump’s post".
var qDocumentNouns = map[string]bool{
	"statement": true, "post": true, "letter": true, "tweet": true, "message": true, "email": true,
	"memo": true, "release": true, "filing": true, "report": true, "website": true, "blog": true,
	"communique": true, "communiqué": true, "note": true, "account": true,
}

// qFunctionWords never belong to a speaker's noun phrase.
var qFunctionWords = map[string]bool{
	"that": true, "which": true, "and": true, "but": true, "or": true, "who": true, "when": true,
	"while": true, "so": true, "because": true, "if": true, "what": true, "how": true, "this": true,
	"not": true, "is": true, "was": true, "are": true, "were": true, "be": true, "has": true,
	"have": true, "had": true, "will": true, "would": true, "then": true, "also": true, "where": true,
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

// qTitleLike reports whether a quotation reads like the title of a work or
// a name ("Liberation Day", "The Art of the Deal") rather than speech.
func qTitleLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || strings.ContainsAny(s[len(s)-1:], ".!?") {
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
