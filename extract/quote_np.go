package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
					// "The Holmbury head coach, Ruud Van Lierop, said",
					// "A spokesman for Obiorah-Nwosu, Tunde Fashakin,
					// said": a person named in full between the commas is
					// the speaker the phrase before describes.
					if in, ist := c.npEnding(toks, j-1); in.st == qAttrFound && in.kind == Person && !in.guessed && ist <= k+1 &&
						(a.kind != Person || c.hasLowerWord(toks[max(st-1, 0):k])) {
						return in, st
					}
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

// qIsOrdinal reports whether w is an ordinal in digits: "4th", "21st".
func qIsOrdinal(w string) bool {
	if len(w) < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	suf := strings.ToLower(w[len(w)-2:])
	return suf == "st" || suf == "nd" || suf == "rd" || suf == "th"
}

// hasLowerWord reports whether toks hold a lower-case word: a phrase
// that describes ("a spokesman for Smith") rather than names.
func (c *quoteCtx) hasLowerWord(toks []qtok) bool {
	for _, t := range toks {
		if c.isLowerWord(t) {
			return true
		}
	}
	return false
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
		return c.resolvePronoun(lw, int(t.s)), j
	}
	if lw == "who" && j > 0 {
		// "Charles O’Reilly, a management expert at Stanford, who stated"
		if toks[j-1].k == 'p' && c.isDashOrComma(toks[j-1]) {
			if a, st := c.npBefore(toks, j); a.st != qAttrNone {
				return a, st
			}
			// "Judge Caroline Aske, who said"
			if a, st := c.npEnding(toks, j-2); a.st == qAttrFound && a.kind == Person && !a.guessed {
				return a, st
			}
			return qAttr{}, j + 1
		}
		return c.npEnding(toks, j-1)
	}
	if m := c.mentionOver(int(t.s), int(t.e)); m != nil && int(t.e) <= m.End {
		k := j
		for k > 0 && toks[k-1].k != 'q' && int(toks[k-1].s) >= m.Start {
			k--
		}
		if m.Kind == Place && k > 0 && toks[k-1].k == 'w' && qPrepositions[c.lower(toks[k-1])] {
			return qAttr{}, j + 1 // "officials in Kyiv said"
		}
		// "Analyst Rochelle Yamamoto of Pruitt & Lowe Securities said":
		// the person, not the employer.
		if m.Kind != Person {
			p := k - 1
			if p > 0 && c.lower(toks[p]) == "the" {
				p--
			}
			if p > 0 && c.lower(toks[p]) == "of" {
				if pm := c.mentionOver(int(toks[p-1].s), int(toks[p-1].e)); pm != nil && pm.Kind == Person {
					return c.npEnding(toks, p-1)
				}
			}
		}
		return c.fromMention(m), c.extendNP(toks, k)
	}
	// "Smith’s office said": the office speaks for its holder.
	if (qPossessorNouns[lw] || qDocumentNouns[lw]) && j > 0 && toks[j-1].k == 'w' {
		if p := toks[j-1]; strings.HasSuffix(c.word(p), "’s") || strings.HasSuffix(c.word(p), "'s") {
			if m := c.mentionOver(int(p.s), int(p.e)); m != nil && m.Kind != Place {
				return c.fromMention(m), c.extendNP(toks, j-1)
			}
			if c.isCapWord(p) && !qNotNames[c.word(p)] {
				return c.guessName(toks[j-1:j], false), j - 1
			}
		}
	}
	// "Alderman Jane Petrakis of the 4th Ward called it": the person, not
	// the ward.
	if c.isCapWord(t) {
		p := j
		for p > 0 && toks[p].k == 'w' && (c.isCapWord(toks[p]) || c.lower(toks[p]) == "the" || qIsOrdinal(c.word(toks[p]))) && j-p < 7 {
			p--
		}
		if p > 0 && p < j && toks[p].k == 'w' && c.lower(toks[p]) == "of" {
			if pm := c.mentionOver(int(toks[p-1].s), int(toks[p-1].e)); pm != nil && pm.Kind == Person {
				return c.npEnding(toks, p-1)
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
		return c.phraseSpeaker(phrase, int(t.s), c.lower(toks[k])), k
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
		return c.resolvePronoun(lw, int(t.s)), j + 1
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
		m := c.mentionOver(int(toks[k].s), int(toks[k].e))
		if m == nil {
			continue
		}
		e := k
		for e < len(toks) && toks[e].k == 'w' && int(toks[e].s) < m.End {
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
		a := c.phraseSpeaker(toks[j+1:pe], int(t.s), lw)
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
		if m := c.mentionOver(int(pt.s), int(pt.e)); m != nil && m.Kind != Place {
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
	// "Oduya-Baptiste conceded in a brief statement … “…,” the
	// statement said": the statement's author.
	if head := words[len(words)-1]; det == "the" && qDocumentNouns[head] {
		if a := c.documentAuthor(head, pos); a.st == qAttrFound {
			return a
		}
	}
	if allCap && det == "the" {
		return c.guessName(phrase, true)
	}
	// "“…,” the 31-year-old said", "the defender added": a definite
	// description of one person that no role in the text resolves
	// re-describes the person the sentence before is about.
	if det == "the" && len(phrase) == 1 && qDescribesPerson(words[0]) {
		age := qAgeOf(words[0])
		if a := c.personAged(age); a.st == qAttrFound {
			return a // "Kiprono, 29, …" then "the 29-year-old said"
		}
		if a := c.describedPerson(pos); a.st == qAttrFound && (age == 0 || c.ageOf(a.name) == 0) {
			// Not someone the text gives another age.
			return a
		}
	}
	return qAttr{st: qAttrBlocked}
}

// qDescribesPerson reports whether w, after "the", can describe one
// person the text has named: an age ("31-year-old") or an agent noun
// ("defender", "prosecutor", "pianist"), but not a source the text
// leaves unnamed ("the spokesman", "the insider").
func qDescribesPerson(w string) bool {
	if strings.HasSuffix(w, "-year-old") {
		return qAgeOf(w) > 0
	}
	if len(w) < 5 || qUnnamedAgents[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	if qPersonNouns[w] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// qAgeOf returns N of "N-year-old", else 0.
func qAgeOf(w string) int {
	n, ok := strings.CutSuffix(w, "-year-old")
	if !ok || n == "" || len(n) > 3 {
		return 0
	}
	age := 0
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return 0
		}
		age = age*10 + int(n[i]-'0')
	}
	return age
}

// readAges finds the ages the text gives people: "Joseph Kiprono, 29,",
// "Kiprono (29)", "29-year-old Joseph Kiprono". It is read once per text.
func (c *quoteCtx) readAges() map[string]int {
	ages := map[string]int{}
	for k := range c.ments {
		m := &c.ments[k]
		if m.Kind != Person || c.inQuote(m.Start) {
			continue
		}
		name := c.fromMention(m).name
		after := c.text[m.End:min(len(c.text), m.End+6)]
		n := 0
		if len(after) > 2 && (after[0] == ',' && after[1] == ' ' || after[0] == ' ' && after[1] == '(') {
			n = qLeadingNumber(after[2:])
		}
		if n == 0 {
			if b := strings.TrimSuffix(c.text[max(0, m.Start-16):m.Start], " "); strings.HasSuffix(b, "-year-old") {
				n = qAgeOf(qLastWord(b))
			}
		}
		if n > 0 && n < 130 {
			if old, ok := ages[name]; ok && old != n {
				ages[name] = -1 // two ages: trust neither
			} else {
				ages[name] = n
			}
		}
	}
	return ages
}

// qLeadingNumber reads the one- to three-digit number s starts with,
// followed by a comma or closing parenthesis, else 0.
func qLeadingNumber(s string) int {
	n, i := 0, 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i >= len(s) || s[i] != ',' && s[i] != ')' {
		return 0
	}
	return n
}

// ageOf returns the age the text gives the person name, 0 if none.
func (c *quoteCtx) ageOf(name string) int {
	if c.ages == nil {
		c.ages = c.readAges()
	}
	return max(c.ages[name], 0)
}

// personAged returns the one person the text gives the age n. It finds
// nothing when two people share the age.
func (c *quoteCtx) personAged(n int) qAttr {
	if n <= 0 {
		return qAttr{}
	}
	if c.ages == nil {
		c.ages = c.readAges()
	}
	if c.agedBy == nil {
		// Once per text, so that many quotations are not a walk over
		// every person each.
		c.agedBy = map[int]string{}
		for name, a := range c.ages {
			if _, dup := c.agedBy[a]; dup {
				c.agedBy[a] = ""
			} else {
				c.agedBy[a] = name
			}
		}
	}
	if name := c.agedBy[n]; name != "" {
		return qAttr{name: name, kind: Person, st: qAttrFound}
	}
	return qAttr{}
}

// qPersonNouns are nouns for one person that no agent suffix marks.
var qPersonNouns = map[string]bool{
	"captain": true, "coach": true, "veteran": true, "chief": true, "champion": true,
	"rookie": true, "youngster": true, "teenager": true, "widow": true, "pensioner": true,
	"survivor": true, "midfielder": true, "novelist": true, "artist": true, "resident": true,
	"student": true, "patient": true, "defendant": true, "witness": true, "tenant": true,
}

// qUnnamedAgents are agent nouns that, after "the", stand for someone the
// text need not have named, or for the one asking.
var qUnnamedAgents = map[string]bool{
	"insider": true, "reporter": true, "interviewer": true, "caller": true, "listener": true,
	"viewer": true, "reader": true, "observer": true, "commentator": true, "narrator": true,
	"speaker": true, "organiser": true, "organizer": true, "author": true, "writer": true,
	"officer": true, "operator": true, "owner": true, "user": true, "customer": true,
	"passenger": true, "driver": true, "member": true, "other": true, "latter": true,
	"former": true, "remainder": true, "counter": true, "order": true, "letter": true,
	"paper": true, "computer": true, "number": true, "matter": true, "center": true,
	"centre": true, "minister": true, "register": true, "quarter": true, "water": true,
	"weather": true, "chapter": true, "error": true, "factor": true, "sector": true,
	"monitor": true, "regulator": true, "government": true, "elephant": true,
}

// describedPerson resolves a definite description of a person at pos:
// the subject or quoted speaker of its own sentence before pos, else of
// the sentence before; no further, as a description, unlike a pronoun,
// is used right after the name it re-describes.
func (c *quoteCtx) describedPerson(pos int) qAttr {
	f := qSpkFilter{kind: Person}
	si := c.sentOf(pos)
	if a := c.subjectOf(max(c.sentStart(si), pos-qWindow), pos, f, false); a.st == qAttrFound {
		return a
	}
	if si == 0 {
		return qAttr{}
	}
	s := si - 1
	for k := c.spanAfter(pos) - 1; k >= 0 && int(c.spans[k].sent1) >= s; k-- {
		if int(c.spans[k].sent0) == s && f.ok(c, c.whoOf(k)) {
			return c.whoOf(k)
		}
	}
	return c.subjectOf(c.sentStart(s), min(c.sentEnd(s), c.sentStart(s)+qWindow), f, false)
}

// documentAuthor finds who issued the document "the statement" refers to:
// the subject of the sentence, this one or one of the two before, that
// names such a document.
func (c *quoteCtx) documentAuthor(noun string, pos int) qAttr {
	k := c.sentOf(pos)
	for s := k; s >= 0 && s >= k-2; s-- {
		lo, hi := c.sentStart(s), c.sentEnd(s)
		if s == k {
			hi = min(hi, pos)
		}
		if !qContainsFold(c.text[lo:hi], noun) {
			continue
		}
		if a := c.subjectOf(lo, hi, qSpkFilter{}, false); a.st == qAttrFound {
			return a
		}
	}
	return qAttr{}
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
	if len(words) > 0 && qGenericNouns[c.lower(words[len(words)-1])] {
		return qAttr{st: qAttrBlocked} // "Critics said", "Senate Democrats said"
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
	if m := c.mentionOver(int(t.s), int(t.e)); m != nil && m.Kind != Person {
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
