package extract

import (
	"sort"
	"strings"
)

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
		if !qContainsStr(r.title, head) { // "the Air Force" names no secretary of it
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
		if m.Kind != Org || c.inQuote(m.Start) || c.addressee(m.Start) {
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
	if a := c.subjectOf(max(c.sentStart(si), pos-qWindow), pos, f, false); a.st == qAttrFound {
		return a
	}
	k0 := c.spanAfter(pos) - 1
	for s := si - 1; s >= 0 && s >= si-4; s-- {
		for k := k0; k >= 0 && int(c.spans[k].sent1) >= s; k-- {
			if int(c.spans[k].sent0) == s && f.ok(c, c.whoOf(k)) {
				return c.whoOf(k)
			}
		}
		if a := c.subjectOf(c.sentStart(s), min(c.sentEnd(s), c.sentStart(s)+qWindow), f, false); a.st == qAttrFound {
			return a
		}
	}
	for k, n := c.mentionBefore(pos), 0; k >= 0 && n < 500; k, n = k-1, n+1 {
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
	for i := c.openerEnd(toks, lo); i < len(toks); i++ {
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
			if a := c.resolvePronoun(lw, int(t.s)); a.st == qAttrFound && f.ok(c, a) {
				return a
			}
			continue
		}
		if m := c.mentionOver(int(t.s), int(t.e)); m != nil {
			end := i
			for end+1 < len(toks) && toks[end+1].k == 'w' && int(toks[end+1].s) < m.End {
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
			// "Tallowby Chamber of Commerce president Joanne
			// Kettering said": the walk back crossed into a name that
			// only qualifies the title; its inner "of" governs
			// nothing outside it.
			if k >= 0 && k < i-1 {
				if o := c.mentionOver(int(toks[k].s), int(toks[k].e)); o != nil && o.Kind != Person && o.End <= int(toks[i-1].s) && c.isTitleWord(toks[i-1]) {
					prev = ""
				}
			}
			possessive := int(toks[end].e) > m.End || strings.HasPrefix(c.text[m.End:], "’s") || strings.HasPrefix(c.text[m.End:], "'s")
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
			for r < len(toks) && r < i+6 && c.isCapWord(toks[r]) && !qNotNames[c.word(toks[r])] && c.mentionOver(int(toks[r].s), int(toks[r].e)) == nil {
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
			if lw == "a" || lw == "an" {
				// "A former chairman of the council, Chief Ojo, said":
				// an indefinite phrase brings in someone new, never the
				// holder of a role named before; the name after it
				// decides.
				continue
			}
			var words []string
			named := false
			for k := i + 1; k < len(toks) && k <= i+4 && toks[k].k == 'w'; k++ {
				if m := c.mentionOver(int(toks[k].s), int(toks[k].e)); m != nil && m.Kind == Person {
					named = true // "the current Microsoft CEO Steve Ballmer": the name decides
					break
				}
				words = append(words, c.lower(toks[k]))
			}
			if named {
				continue
			}
			for n := len(words); n > 0; n-- {
				if a := c.roleLookup(words[:n], int(t.s)); f.ok(c, a) {
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
	for k, n := c.mentionBefore(pos), 0; k >= 0 && n < 2000; k, n = k-1, n+1 {
		if c.ments[k].Entity == name {
			return c.ments[k].Start
		}
	}
	return -1
}

// openerEnd returns the index of the first token after an adverbial
// opening the sentence at lo ("Speaking on Radio X's Y programme on
// Monday, Smith said", "Under cross-examination, the defence's barrister,
// Kaye, suggested", "Asked by presenter Dunmore whether …, she said"):
// the names in it are not the sentence's subject. It is 0 when the
// sentence opens otherwise or lo is not its start.
func (c *quoteCtx) openerEnd(toks []qtok, lo int) int {
	if len(toks) < 3 || !c.isCapWord(toks[0]) || c.sentStart(c.sentOf(int(toks[0].s))) < lo {
		return 0
	}
	lw := c.lower(toks[0])
	// A participle opens a phrase only before a lower-case word:
	// "Speaking on", "Asked by", not "Outgoing Mayor Rao".
	participle := (len(lw) > 5 && strings.HasSuffix(lw, "ing") || lw == "asked") && c.isLowerWord(toks[1])
	if !qPrepositions[lw] && !participle || c.mentionOver(int(toks[0].s), int(toks[0].e)) != nil {
		return 0
	}
	embedded := participle // "Asked whether fares would rise,": verbs of a question
	for k := 1; k < len(toks) && k < 40; k++ {
		switch {
		case toks[k].k == 'w' && qEmbedders[c.lower(toks[k])]:
			embedded = true
		case toks[k].k == 'q':
			return 0
		case toks[k].k == 'p' && c.word(toks[k]) == ",":
			return k + 1
		case toks[k].k == 'p' && c.isStop(toks[k]):
			return 0
		case !embedded && c.verbLike(toks[k]):
			// "In 2019 Smith founded the firm, which …", "After Smith
			// resigned, …": a finite verb before the comma makes the
			// opening a clause with its own subject, or no opening.
			return 0
		}
	}
	return 0
}

// addressee reports whether the name at pos is what someone told or
// spoke to ("told the Morning Record programme", "speaking to the Valley
// Echo"): a newspaper or programme a speaker addressed, not a body that
// speaks for itself later.
func (c *quoteCtx) addressee(pos int) bool {
	before := strings.TrimSuffix(strings.TrimRight(c.text[max(0, pos-40):pos], " "), " the")
	w := strings.ToLower(qLastWord(before))
	if w == "told" {
		return true
	}
	if w != "to" {
		return false
	}
	switch strings.ToLower(qLastWord(strings.TrimSuffix(before, qLastWord(before)))) {
	case "speaking", "spoke", "speak", "speaks", "talking", "talked", "talk", "talks":
		return true
	}
	return false
}

// qEmbedders open a clause inside an opening phrase, whose verbs are not
// the sentence's: "After talks on whether the plant would close, …".
var qEmbedders = map[string]bool{
	"whether": true, "if": true, "what": true, "why": true, "how": true, "when": true,
	"where": true, "who": true, "which": true, "that": true,
}
