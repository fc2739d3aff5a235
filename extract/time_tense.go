package extract

import "strings"

// tenseCue is a word that points the reader backwards or forwards in time:
// "said" and "was" backwards, "will" and "plans to" forwards.
type tenseCue struct {
	tok    int
	dir    int
	report bool // reporting verb: it dates the telling, not the event
	clause int  // count of clause breaks (";", ":", dashes) before it
	quote  int  // 0 outside quotations, else the quotation's number
	// ahead marks a cue that governs only what follows it: the "to" of
	// "voted to raise".
	ahead bool
}

// nerCommitVerbs decide or promise what their infinitive says: "voted to
// raise", "agreed to cut".
var nerCommitVerbs = map[string]bool{
	"voted": true, "agreed": true, "decided": true, "promised": true, "pledged": true, "vowed": true,
	"resolved": true, "undertook": true, "moved": true, "opted": true, "chose": true, "offered": true,
}

// toDeterminers open a noun phrase: after "to" they make it a
// preposition ("moved to the top"), not the mark of an infinitive.
var toDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "my": true, "your": true, "this": true, "that": true, "these": true, "those": true,
}

// isClauseBreak reports whether token k separates clauses whose tenses
// need not agree: "Talks ended Monday; a new round opens Friday".
func (p *tparser) isClauseBreak(k int) bool {
	if p.toks[k].kind != tkPunct {
		return false
	}
	switch p.str(k) {
	case ";", ":", "—", "(", ")", "–":
		return true
	}
	return false
}

// quoteAfter returns the quotation state after punctuation token k, given
// the state before it and the number of quotations opened so far.
func (p *tparser) quoteAfter(k, quote, quotes int) (int, int) {
	switch p.str(k) {
	case "“":
		quotes++
		return quotes, quotes
	case "”":
		return 0, quotes
	case "\"":
		if quote != 0 {
			return 0, quotes
		}
		quotes++
		return quotes, quotes
	}
	return quote, quotes
}

// quoteRun is a run of tokens standing in one quotation: tok is the
// first, quote the quotation's number.
type quoteRun struct{ tok, quote int32 }

// quoteOf returns the quotation token a stands in, numbered as in
// sentenceCues, or 0 outside quotations.
func (p *tparser) quoteOf(a int) int {
	if !p.quoteRead {
		// One pass over the text, so that asking at every expression of
		// a long sentence stays linear. The answer changes only at
		// quotation marks and sentence ends, so it is kept where it
		// changes, not for every token: a text of 10 MiB of dates has 4
		// million tokens and no quotation.
		p.quoteRead = true
		quote, quotes, last := 0, 0, 0
		for k := range p.toks {
			if k > 0 && p.toks[k-1].sent != p.toks[k].sent {
				quote, quotes = 0, 0
			}
			if quote != last {
				p.quoteRuns = append(p.quoteRuns, quoteRun{int32(k), int32(quote)})
				last = quote
			}
			if p.toks[k].kind != tkWord {
				quote, quotes = p.quoteAfter(k, quote, quotes)
			}
		}
	}
	if a < 0 || a >= len(p.toks) {
		return 0
	}
	// The last run starting at or before a.
	lo, hi := 0, len(p.quoteRuns)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(p.quoteRuns[m].tok) <= a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0
	}
	return int(p.quoteRuns[lo-1].quote)
}

// clauseOf counts the clause breaks in the sentence before token a.
func (p *tparser) clauseOf(a int) int {
	n := 0
	for k := a - 1; k >= 0 && p.toks[k].sent == p.toks[a].sent; k-- {
		if p.isClauseBreak(k) {
			n++
		}
	}
	return n
}

// notPastEd lists lower-case words ending in "ed" that are not past-tense
// verbs, or are past participles used as adjectives so often that they say
// nothing about tense.
var notPastEd = map[string]bool{
	"need": true, "speed": true, "seed": true, "feed": true, "proceed": true, "exceed": true,
	"succeed": true, "indeed": true, "bed": true, "red": true, "shed": true, "hundred": true,
	"kindred": true, "wed": true, "based": true, "related": true, "limited": true,
	"unprecedented": true, "detailed": true, "advanced": true, "armed": true, "united": true,
	"supposed": true, "concerned": true, "interested": true, "experienced": true,
	"sophisticated": true, "alleged": true, "so-called": true, "breed": true, "greed": true,
	"steed": true, "weed": true, "heed": true, "creed": true, "deed": true, "embed": true,
	"sled": true, "fled": true, "bred": true, "led": true, "biased": true, "talented": true,
	"skilled": true, "renewed": true, "proposed": true, "expected": true, "scheduled": true,
	"planned": true, "elected": true, "qualified": true, "required": true, "dedicated": true,
	"needed": true, "used": true, "increased": true, "reduced": true, "continued": true,
}

// shortPastEd are past tenses too short for the "-ed" rule: "She died on
// Sunday".
var shortPastEd = map[string]bool{"died": true, "sued": true, "axed": true, "owed": true, "tied": true, "lied": true, "eyed": true}

// sentenceCues finds the tense cues of sentence s, once per sentence.
func (p *tparser) sentenceCues(i int) []tenseCue {
	s := int(p.toks[i].sent)
	if s >= len(p.cues) {
		return nil
	}
	if p.cueDone[s] {
		return p.cues[s]
	}
	p.cueDone[s] = true
	// Tokens of one sentence are contiguous; find its bounds.
	a := i
	for a > 0 && p.toks[a-1].sent == int32(s) {
		a--
	}
	var cues []tenseCue
	clause, quote, quotes := 0, 0, 0
	add := func(c tenseCue) {
		c.clause = clause
		c.quote = quote
		cues = append(cues, c)
	}
	// Words inside a quotation carry the speaker's tense, not the
	// narrator's: in "“They should stop,” Trump wrote on Oct. 18" the date
	// is past, while in "“We meet on Friday,” he said" it is the quote's.
	for k := a; k < len(p.toks) && p.toks[k].sent == int32(s); k++ {
		t := p.toks[k]
		if t.kind != tkWord {
			quote, quotes = p.quoteAfter(k, quote, quotes)
			if p.isClauseBreak(k) {
				clause++
			}
			continue
		}
		l := t.lex()
		if l != nil && l.month > 0 {
			if l.word == "may" && !t.cap {
				add(tenseCue{tok: k, dir: 1}) // "the vote may take place"
			}
			continue
		}
		switch {
		case l.has(fToFuture):
			if p.word(k+1) == "to" || l.word == "due" && p.word(k+1) == "on" {
				// "had been due to start", "had planned to": a plan
				// seen from the past, which has come and gone.
				if p.word(k-1) == "had" || p.word(k-1) == "been" && p.word(k-2) == "had" {
					add(tenseCue{tok: k, dir: -1})
					continue
				}
				add(tenseCue{tok: k, dir: 1})
				continue
			}
			if l.word == "expected" || l.word == "planned" || l.word == "scheduled" {
				// "the planned summit on Friday": ahead.
				if pw := p.word(k - 1); pw == "is" || pw == "are" || pw == "the" || pw == "a" || pw == "been" || pw == "be" {
					add(tenseCue{tok: k, dir: 1})
				}
				continue
			}
		case l.has(fFuture):
			if l.word == "going" && p.word(k+1) != "to" {
				continue
			}
			if strings.ToLower(p.str(k+1)) == "have" && (l.word == "would" || l.word == "should" || l.word == "must" || l.word == "might") {
				// "would have closed in June": what did not happen.
				add(tenseCue{tok: k, dir: -1})
				continue
			}
			if l.word == "later" {
				// "said later Tuesday", "later on Thursday": later that
				// day, which the verb's tense places.
				n := k + 1
				if p.word(n) == "on" || p.word(n) == "that" {
					n++
				}
				if nl := p.lx(n); nl != nil && nl.weekday > 0 || p.word(n) == "day" || p.word(n) == "today" {
					continue
				}
			}
			if l.word == "later" || l.word == "next" || l.word == "tomorrow" || l.word == "soon" || l.word == "upcoming" {
				add(tenseCue{tok: k, dir: 1})
				continue
			}
			add(tenseCue{tok: k, dir: 1})
			continue
		case l == nil && nerCommitVerbs[p.str(k)]:
			// "voted 5-2 on Tuesday to raise rates from July 1": what was
			// decided lies ahead of the decision.
			add(tenseCue{tok: k, dir: -1})
			for j := k + 1; j < len(p.toks) && j <= k+8 && p.toks[j].sent == int32(s); j++ {
				if strings.ToLower(p.str(j)) == "to" {
					// "moved to the top", "offered to its staff": "to" before
					// a determiner is a preposition, not an infinitive's.
					if n := j + 1; n < len(p.toks) && p.toks[n].kind == tkWord && !p.toks[n].cap && !toDeterminers[strings.ToLower(p.str(n))] && (p.lx(n) == nil || !isDateWord(p.lx(n)) && !p.lx(n).has(fPrep|fUnit)) {
						add(tenseCue{tok: j, dir: 1, ahead: true})
					}
					break
				}
				if p.toks[j].kind == tkPunct && p.str(j) != "-" {
					break
				}
			}
			continue
		case l.has(fBe) && p.word(k+1) == "to" && (l.word == "is" || l.word == "are"):
			// "is to rise": an announced plan.
			if nl := p.lx(k + 2); k+2 < len(p.toks) && p.toks[k+2].kind == tkWord && !p.toks[k+2].cap && (nl == nil || nl.month == 0) {
				add(tenseCue{tok: k, dir: 1})
			}
			continue
		case l.has(fBarePast):
			switch strings.ToLower(p.str(k - 1)) {
			case "will", "would", "to", "can", "could", "may", "might", "must", "should", "shall", "'ll", "did", "does", "do", "n't", "not", "i", "we", "you", "they":
				continue
			}
			add(tenseCue{tok: k, dir: -1})
			continue
		case l.has(fPast):
			if l.word == "been" && p.lx(k+1).has(fToFuture) {
				continue // "has been scheduled for"
			}
			if d, ok := p.afterBe(k); ok {
				if d != 0 {
					add(tenseCue{tok: k, dir: d})
				}
				continue
			}
			add(tenseCue{tok: k, dir: -1, report: l.has(fReport)})
			continue
		case l.has(fReport):
			if strings.HasSuffix(l.word, "ed") {
				// "Results will be declared on Sunday": a passive after
				// a modal looks ahead.
				if d, ok := p.afterBe(k); ok && d > 0 {
					add(tenseCue{tok: k, dir: d})
					continue
				}
				add(tenseCue{tok: k, dir: -1, report: true})
			}
			continue // present-tense reporting verb: "says"
		}
		if l == nil && !t.cap && p.str(k) == "could" {
			// "could survive until the vote in June": a possibility
			// ahead; "could not attend", "could have" are not.
			switch strings.ToLower(p.str(k + 1)) {
			case "not", "n't", "have", "never", "only", "barely", "hardly":
			default:
				add(tenseCue{tok: k, dir: 1})
			}
			continue
		}
		if l == nil && !t.cap && p.scheduledPresent(k) {
			// "price increases that take effect on Sept. 1", "the trial
			// begins on Monday": a timetable told in the present lies
			// ahead.
			add(tenseCue{tok: k, dir: 1})
			continue
		}
		if l == nil && !t.cap && p.presentInTimeClause(k, a) {
			// "should have waited until the Fund opens for applications
			// in November": the present in a time clause looks ahead.
			add(tenseCue{tok: k, dir: 1})
			continue
		}
		if l != nil || t.cap || t.e-t.s < 5 && !shortPastEd[p.text[t.s:t.e]] {
			continue
		}
		w := p.text[t.s:t.e]
		if !strings.HasSuffix(w, "ed") || notPastEd[w] || p.afterModalVerb(k) {
			continue
		}
		if d, ok := p.afterBe(k); ok {
			if d != 0 {
				add(tenseCue{tok: k, dir: d})
			}
			continue
		}
		add(tenseCue{tok: k, dir: -1})
	}
	p.cues[s] = cues
	return cues
}

// presentInTimeClause reports whether the word at token k is a verb in
// the present third person right after a proper-name subject of a time
// clause ("until the Regional Resilience Fund opens"), a sentence starting
// at token a.
func (p *tparser) presentInTimeClause(k, a int) bool {
	w := p.text[p.toks[k].s:p.toks[k].e]
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") {
		return false
	}
	if k < 1 || p.toks[k-1].kind != tkWord || !p.toks[k-1].cap {
		return false
	}
	for j := k - 2; j >= a && j >= k-8; j-- {
		if p.toks[j].kind != tkWord {
			if p.str(j) == "'s" || p.str(j) == "’s" || p.str(j) == "'" || p.str(j) == "’" {
				continue
			}
			return false
		}
		switch strings.ToLower(p.str(j)) {
		case "until", "till", "once", "when", "before":
			return true
		}
	}
	return false
}

// dir reads the tense around the expression over tokens [a, b): -1 when it
// points backwards, +1 forwards, 0 when unknown. A cue right next to the
// expression wins ("said Monday"); otherwise the nearest cue that is not a
// reporting verb, so that "will visit Friday, officials said" looks ahead.
func (p *tparser) dir(a, b int) int {
	d := p.tenseDir(a, b)
	if d == 0 && p.fixtureBefore(a) {
		return 1
	}
	if d < 0 && p.aheadOf(a) {
		// "accused the party of campaigning ahead of the August
		// by-elections": what a past clause looked ahead to need not be
		// past; the nearest August is meant.
		return 0
	}
	return d
}

// fixtureVerbs are the present-tense verbs of a sports fixture: "Harrowfield
// play Ormsby on Saturday", "Castleby travel to Denholm Bridge".
var fixtureVerbs = map[string]bool{
	"play": true, "plays": true, "host": true, "hosts": true, "travel": true, "travels": true,
	"face": true, "faces": true, "meet": true, "meets": true, "visit": true, "visits": true,
}

// fixtureBefore reports whether the clause of the time at token a holds
// a name, a fixture's verb in the present and then a name or "to"
// ("Harrowfield play Ormsby at home on Saturday"): a fixture is ahead.
func (p *tparser) fixtureBefore(a int) bool {
	for k := a - 1; k >= 1 && k >= a-8; k-- {
		t := p.toks[k]
		if t.kind != tkWord {
			return false
		}
		if t.cap || !fixtureVerbs[strings.ToLower(p.str(k))] || k+1 >= len(p.toks) {
			continue
		}
		prev, next := p.toks[k-1], p.toks[k+1]
		return prev.kind == tkWord && prev.cap && next.kind == tkWord && (next.cap || strings.EqualFold(p.str(k+1), "to"))
	}
	return false
}

// aheadOf reports whether "ahead of" stands just before the time at
// token a ("ahead of the August vote").
func (p *tparser) aheadOf(a int) bool {
	for k := a - 2; k >= 0 && k >= a-4; k-- {
		if strings.EqualFold(p.str(k), "ahead") && strings.EqualFold(p.str(k+1), "of") {
			return true
		}
	}
	return false
}

// tenseDir is dir before "ahead of" is considered.
func (p *tparser) tenseDir(a, b int) int {
	k := a - 1
	for n := 0; n < 4 && k > 0; n++ {
		// Look past "early", "the end of" to the preposition: "by early June".
		switch w := p.word(k); {
		case w == "early" || w == "late" || w == "mid" || w == "the" || w == "end" || w == "of" || w == "beginning" || w == "start" || w == "middle" || p.isHyphen(k):
			k--
			continue
		}
		break
	}
	switch strings.ToLower(p.str(b)) {
	case "onwards", "onward":
		return 1 // "from January 1 onwards"
	}
	from := p.word(k) == "from"
	switch strings.ToLower(p.str(k)) {
	case "effective":
		// "named X as chief operating officer, effective Dec. 1": the
		// change takes effect on the nearest such date.
		return 0
	case "by", "until", "till", "before":
		if p.word(k) == "by" && p.sentenceHas(a, "had") {
			return -1
		}
		return 1
	case "since", "ago":
		return -1
	}
	cues := p.sentenceCues(a)
	if len(cues) == 0 {
		if from {
			return 1
		}
		return 0
	}
	clause := p.clauseOf(a)
	quote := p.quoteOf(a)
	// "She spent last week on the door, and on Thursday she will fire
	// it": a time opening a coordinated clause is that clause's, not the
	// verb's before it.
	fresh := p.opensCoordinate(a)
	dist := func(c tenseCue) int {
		if c.tok < a {
			return a - c.tok
		}
		return c.tok - (b - 1)
	}
	best, bestD := 0, 1<<30
	for _, c := range cues {
		if c.tok >= a && c.tok < b || c.clause != clause || c.quote != quote || c.ahead && c.tok >= b || fresh && c.tok < a {
			continue
		}
		if c.tok >= b && !c.report && p.breaksPhrase(b, c.tok) {
			// "on Tuesday, will meet", "in the first quarter and will
			// rise": the verb after belongs to another phrase.
			continue
		}
		if d := dist(c); d <= 2 && d < bestD {
			best, bestD = c.dir, d
		}
	}
	if bestD <= 2 {
		return best
	}
	best, bestD = 0, 1<<30
	rep, repD := 0, 1<<30
	bestOther := false // best is a verb after a new subject: "told reporters on Monday it would"
	for _, c := range cues {
		if c.tok >= a && c.tok < b || c.clause != clause || c.quote != quote || c.ahead && c.tok >= b || fresh && c.tok < a {
			continue
		}
		if c.tok >= b && !c.report && !fresh && p.breaksPhrase(b, c.tok) && p.pastBefore(a, cues, clause, quote) {
			// "announced the suspension on Tuesday, saying the state
			// would review": the past verb before is the time's own.
			continue
		}
		if c.tok >= b && !c.report && p.subordinatorBetween(b, c.tok) {
			// "face a day without trains on Friday after drivers
			// voted to strike": a verb in a subordinate clause after
			// the time is not the time's own.
			continue
		}
		d := dist(c)
		if c.tok > a {
			// The verb a time adjunct belongs to usually comes first ("cut
			// rates in September and is expected to cut again"), so a cue
			// after the expression counts only when none comes before.
			d += 1000
		}
		if c.report {
			if d < repD {
				rep, repD = c.dir, d
			}
			continue
		}
		if d < bestD {
			best, bestD = c.dir, d
			bestOther = c.tok >= b && (p.subjectBetween(b, c.tok) || p.thatBetween(b, c.tok))
		}
	}
	if bestOther && repD < 1000 {
		return rep // the reporting verb before is the expression's own
	}
	if bestD < 1<<30 {
		return best
	}
	if from {
		// "applies from March 2, the council said": a start date told
		// in the present tense lies ahead; the reporting verb dates
		// only the telling.
		return 1
	}
	if repD <= 6 || repD >= 1000 && repD <= 1006 {
		return rep
	}
	return 0
}

// afterModalVerb reports whether the -ed word at token k stands in the
// verb phrase of a modal, as an adjective or an object's participle:
// "would publish revised proposals", "will consider proposed changes".
func (p *tparser) afterModalVerb(k int) bool {
	// A participle qualifying the modal verb's object stands before a
	// noun; one before a determiner is a finite verb of its own, after a
	// modal inside a relative clause: "A bill that would cap fees
	// cleared the committee on Thursday".
	switch strings.ToLower(p.str(k + 1)) {
	case "the", "a", "an", "its", "his", "her", "their", "this", "these", "those":
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4 && p.toks[j].sent == p.toks[k].sent; j-- {
		if p.toks[j].kind != tkWord {
			return false
		}
		switch strings.ToLower(p.str(j)) {
		case "will", "would", "shall", "'ll", "could", "can", "may", "might", "must", "should":
			return j < k-1 // not "would have": the participle right after
		case "have", "has", "had", "be", "been", "was", "were", "is", "are", "it", "he", "she", "they", "we", "i", "and", "or", "but", "that", "which", "who":
			return false
		}
	}
	return false
}

// afterBe reads a participle after a form of "be": "to be held" looks
// ahead, "is banned" says nothing. ok is false when no "be" precedes.
func (p *tparser) afterBe(k int) (int, bool) {
	pl := p.lx(k - 1)
	if !pl.has(fBe) {
		return 0, false
	}
	if pl.word == "be" {
		switch strings.ToLower(p.str(k - 2)) {
		case "to", "will", "may", "might", "could", "should", "must", "can", "would", "shall", "'ll":
			return 1, true
		}
	}
	return 0, true
}

// breaksPhrase reports whether punctuation, a conjunction or a subject
// pronoun lies in tokens [a, b).
func (p *tparser) breaksPhrase(a, b int) bool {
	for k := a; k < b; k++ {
		if p.toks[k].kind == tkPunct {
			return true
		}
		switch p.word(k) {
		case "and", "or", "but":
			return true
		}
	}
	return p.subjectBetween(a, b)
}

// subjectBetween reports whether a subject pronoun lies in tokens [a, b):
// "on Monday it would" opens a new clause.
func (p *tparser) subjectBetween(a, b int) bool {
	for k := a; k < b; k++ {
		switch strings.ToLower(p.str(k)) {
		case "it", "he", "she", "they", "we", "i":
			return true
		}
	}
	return false
}

// thatBetween reports whether a "that" opening a reported clause lies in
// tokens [a, b): "told the Dáil on Tuesday that a new block would open".
func (p *tparser) thatBetween(a, b int) bool {
	for k := a; k < b && k < len(p.toks); k++ {
		if strings.ToLower(p.str(k)) == "that" {
			return true
		}
	}
	return false
}

func (p *tparser) sentenceHas(i int, word string) bool {
	for _, c := range p.sentenceCues(i) {
		if p.word(c.tok) == word {
			return true
		}
	}
	return false
}

// pastBefore reports whether a past-tense cue of the same clause and
// quotation comes before token a.
func (p *tparser) pastBefore(a int, cues []tenseCue, clause, quote int) bool {
	for _, c := range cues {
		if c.tok < a && c.dir < 0 && c.clause == clause && c.quote == quote {
			return true
		}
	}
	return false
}

// subordinatorBetween reports whether a subordinating conjunction stands
// between tokens a and b: "… on Friday after drivers voted".
func (p *tparser) subordinatorBetween(a, b int) bool {
	for k := a; k < b; k++ {
		switch p.word(k) {
		case "after", "because", "although", "though", "unless", "whereas":
			return true
		}
	}
	return false
}

// scheduledPresent reports whether the word at token k is a verb of a
// timetable in the present tense: "take(s) effect", "come(s) into
// force", "begins", "resumes", "expires".
func (p *tparser) scheduledPresent(k int) bool {
	ok := false
	switch p.str(k) {
	case "take", "takes":
		ok = strings.EqualFold(p.str(k+1), "effect")
	case "come", "comes", "go", "goes":
		ok = strings.EqualFold(p.str(k+1), "into") && (strings.EqualFold(p.str(k+2), "force") || strings.EqualFold(p.str(k+2), "effect"))
	case "begins", "resumes", "expires", "reopens":
		ok = true
	}
	if !ok {
		return false
	}
	switch strings.ToLower(p.str(k - 1)) {
	case "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "did", "does", "do", "not", "n't":
		return false
	}
	return true
}

// opensCoordinate reports whether the time at token a opens a clause
// coordinated after a comma: ", and on Thursday", ", but by May".
func (p *tparser) opensCoordinate(a int) bool {
	k := a - 1
	if k >= 0 && p.toks[k].kind == tkWord {
		switch strings.ToLower(p.str(k)) {
		case "on", "in", "at", "by", "from", "until", "next", "this", "last":
			k--
		}
	}
	if k < 1 || p.toks[k].kind != tkWord || p.toks[k].sent != p.toks[a].sent {
		return false
	}
	switch strings.ToLower(p.str(k)) {
	case "and", "but":
		return p.punct(k-1, ",")
	}
	return false
}
