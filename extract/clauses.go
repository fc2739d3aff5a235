package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A sentence that dates several happenings gives one event per happening.
// splitClauses finds its clauses — relative clauses ("Acme, which was
// founded in 1998, said …"), the reported clause after a reporting verb
// ("said on Tuesday that the plant would close in June") and conjoined
// clauses (", and", ";") — gives each dated time to the clause holding
// it, and keeps a clause apart only when it has a verb and a date of its
// own; the others fold back into their neighbours.

// clauseKind says how a clause joins its sentence, which decides how its
// summary is written.
type clauseKind uint8

const (
	ckMain       clauseKind = iota // the sentence's first clause, or all of it
	ckConj                         // after a conjunction: takes the subject back
	ckComplement                   // a reported clause, with its own subject
	ckRelative                     // a relative clause: takes its antecedent
	ckSemi                         // after a semicolon: a clause whatever its words
	ckInfinitive                   // "to raise rates from July 1": takes the subject back
)

// subjectPronouns open a reported clause right after its verb: "said it
// would".
var subjectPronouns = map[string]bool{"it": true, "he": true, "she": true, "they": true, "we": true, "i": true}

// modals make what follows a clause: "said it would install".
var modals = map[string]bool{"would": true, "will": true, "could": true, "should": true, "might": true, "may": true, "must": true, "can": true}

// hasTimeBeforeIx and hasTimeAfterIx are hasTimeBefore and hasTimeAfter,
// asking tix, the spanSet of st, when there is one.
func hasTimeBeforeIx(st []Time, tix *spanSet, pos int) bool {
	if tix != nil {
		return tix.endsBy(pos)
	}
	return hasTimeBefore(st, pos)
}

func hasTimeAfterIx(st []Time, tix *spanSet, pos int) bool {
	if tix != nil {
		return tix.startsFrom(pos)
	}
	return hasTimeAfter(st, pos)
}

// hasTimeBefore reports whether one of the times ends at or before pos.
func hasTimeBefore(st []Time, pos int) bool {
	for _, t := range st {
		if t.End <= pos {
			return true
		}
	}
	return false
}

// hasTimeAfter reports whether one of the times starts at or after pos.
func hasTimeAfter(st []Time, pos int) bool {
	for _, t := range st {
		if t.Start >= pos {
			return true
		}
	}
	return false
}

type clause struct {
	start, end int // the span reported as ClauseStart, ClauseEnd
	time       Time
	kind       clauseKind
	parts      [][2]int // the text the summary is made of, holes left out
	ante       [2]int   // a relative clause's antecedent, if any
	reduced    bool     // a relative clause without its pronoun: ", built in 1998,"
}

// piece is a stretch of a sentence between clause cuts, or a relative
// clause, while clauses are being found.
type piece struct {
	a, b    int
	kind    clauseKind
	times   []Time
	holes   []int // indexes of the relative clauses inside that stand alone
	pred    int   // relative clauses: where the predicate starts, after "which"
	ante    [2]int
	reduced bool
	alive   bool
}

// word is a word of a sentence with its byte span.
type word struct {
	s, e int
	w    string // lower case
	cap  bool
}

// words splits text[a:b) into words: letters with inner apostrophes and
// hyphens, or digits.
func words(text string, a, b int) []word {
	// A long range's words are counted first, so that they take one
	// allocation of the exact size rather than growing by copies. A
	// short one's are guessed at one per five bytes and two: news
	// prose has about one per six (0.170 over MEANTIME's sentences),
	// and a guess of exactly that left a third of them growing the
	// slice at their last words.
	n := (b-a)/5 + 2
	if b-a >= tokCountMin {
		n = 0
		for i := a; ; n++ {
			var ok bool
			if _, i, ok = wordSpan(text, i, b); !ok {
				break
			}
		}
	}
	out := make([]word, 0, n)
	for i := a; ; {
		w, next, ok := nextWord(text, i, b)
		if !ok {
			return out
		}
		out = append(out, w)
		i = next
	}
}

// nextWord returns the first word of text[i:b) and where the scan goes on,
// or false when there is none: words one at a time, for a reader that may
// stop early in a long sentence.
func nextWord(text string, i, b int) (word, int, bool) {
	i, j, ok := wordSpan(text, i, b)
	if !ok {
		return word{}, b, false
	}
	w := text[i:j]
	r, _ := utf8.DecodeRuneInString(w)
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return word{s: i, e: j, w: strings.ToLower(w), cap: unicode.IsUpper(r)}, j, true
}

// wordSpan returns the span of the first word of text[i:b), or false
// when there is none.
func wordSpan(text string, i, b int) (int, int, bool) {
	for i < b {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i + n
		for j < b {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += n2
				continue
			}
			if (r2 == '\'' || r2 == '’' || r2 == '-') && j+n2 < b {
				if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); unicode.IsLetter(r3) {
					j += n2
					continue
				}
			}
			break
		}
		return i, j, true
	}
	return b, b, false
}

// reportVerbs introduce reported speech or thought.
var reportVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "announced": true, "announces": true,
	"stated": true, "states": true, "confirmed": true, "confirms": true, "added": true, "adds": true,
	"reported": true, "reports": true, "claimed": true, "claims": true, "noted": true, "notes": true,
	"explained": true, "warned": true, "warns": true, "declared": true, "insisted": true, "argued": true,
	"revealed": true, "reveals": true, "disclosed": true, "predicted": true, "estimated": true,
	"believes": true, "believed": true, "expects": true, "hopes": true, "thinks": true, "thought": true,
	"admitted": true, "denied": true, "agreed": true, "decided": true, "learned": true, "indicated": true,
	"suggested": true, "stressed": true, "acknowledged": true, "promised": true, "pledged": true,
}

// complementSubjects open a reported clause that has no "that": "said on
// Monday it would close the plant".
var complementSubjects = map[string]bool{
	"it": true, "he": true, "she": true, "they": true, "we": true, "i": true, "the": true, "its": true,
	"his": true, "her": true, "their": true, "this": true, "these": true, "there": true,
}

// prepositions cannot stand before a relative "which" that opens a clause
// of its own ("in which"), and end no noun phrase.
var prepositions = map[string]bool{
	"in": true, "of": true, "by": true, "for": true, "with": true, "on": true, "at": true, "to": true,
	"from": true, "into": true, "about": true, "under": true, "over": true, "after": true, "before": true,
	"during": true, "through": true, "than": true, "as": true, "like": true, "among": true, "between": true,
}

// functionWords are words that are neither verbs nor content words.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "not": true, "also": true,
	"again": true, "then": true, "so": true, "its": true, "his": true, "her": true, "their": true, "our": true,
	"this": true, "that": true, "these": true, "those": true, "some": true, "all": true, "both": true,
	"each": true, "more": true, "most": true, "other": true, "another": true, "such": true, "no": true,
	"only": true, "even": true, "still": true, "once": true, "twice": true, "later": true, "earlier": true,
	"last": true, "next": true, "early": true, "late": true, "mid": true, "about": true, "around": true,
	"nearly": true, "almost": true, "up": true, "down": true, "out": true, "off": true, "over": true,
	"it": true, "he": true, "she": true, "they": true, "we": true, "i": true, "you": true, "who": true,
	"which": true, "what": true, "when": true, "where": true, "how": true, "why": true, "whose": true,
	"there": true, "here": true, "now": true, "today": true, "yesterday": true, "tomorrow": true,
}

// isVerbWord reports whether w is a finite verb or an auxiliary whatever
// surrounds it: "was", "will", "said", "closed".
func isVerbWord(w word) bool {
	if w.cap {
		return false
	}
	if finiteAux[w.w] || w.w == "may" {
		return true
	}
	if l := timeLexicon()[w.w]; !notVerbPast[w.w] && l.has(fPast|fReport|fBarePast) {
		return true
	}
	// "The hybrid used 18% less water this summer, the alliance said
	// Tuesday": pasts too short for the "-ed" rule, which four-letter
	// nouns ("seed", "shed") would break.
	if reportVerbs[w.w] || sameFormPast[w.w] || shortPastEd[w.w] || w.w == "used" {
		return true
	}
	return len(w.w) >= 5 && strings.HasSuffix(w.w, "ed") && !notPastEd[w.w]
}

// sameFormPast are verbs whose past is their base form: "set a record in
// 2019 and won again on Sunday".
var sameFormPast = map[string]bool{"set": true, "hit": true, "beat": true, "shut": true, "quit": true, "spread": true, "cost": true, "hurt": true, "bid": true, "split": true}

// hasVerb reports whether the words ws hold a verb. A conjoined clause
// may open on a bare verb that takes its subject back ("and review the
// policy"); after a pronoun or a name, a word in -s is a verb ("it
// closes", "Acme owns").
func hasVerb(ws []word, kind clauseKind, text string, sm []Mention) bool {
	if kind == ckSemi {
		return true
	}
	// "to raise rates", "(that) begin next month": the verb by its place.
	if kind == ckInfinitive && len(ws) >= 2 && ws[0].w == "to" && !ws[1].cap && !functionWords[ws[1].w] && !prepositions[ws[1].w] {
		return true
	}
	if kind == ckRelative && len(ws) >= 1 && !ws[0].cap && !functionWords[ws[0].w] && !prepositions[ws[0].w] && ws[0].w[0] > '9' {
		return true
	}
	for i, w := range ws {
		if isVerbWord(w) {
			return true
		}
		if w.cap || w.w[0] >= '0' && w.w[0] <= '9' {
			continue
		}
		if kind == ckConj && i == 1 && (ws[0].w == "and" || ws[0].w == "but" || ws[0].w == "then" || ws[0].w == "or") &&
			!functionWords[w.w] && !prepositions[w.w] {
			return true // "and review the policy"
		}
		if i > 0 && ws[i-1].cap && fixtureVerbs[w.w] && i+1 < len(ws) && (ws[i+1].cap || ws[i+1].w == "to") {
			return true // "Harrowfield play Ormsby", "while Castleby travel to"
		}
		if kind == ckConj && i == 1 && (ws[0].w == "before" || ws[0].w == "after") && strings.HasSuffix(w.w, "ing") {
			return true // "before hosting Athelney United"
		}
		if i > 0 && (ws[i-1].w == "they" || ws[i-1].w == "we" || ws[i-1].w == "i" || ws[i-1].w == "you") && !functionWords[w.w] && !prepositions[w.w] {
			return true // "They travel to Pennick City"
		}
		if len(w.w) >= 4 && strings.HasSuffix(w.w, "s") && !strings.HasSuffix(w.w, "ss") && !strings.HasSuffix(w.w, "'s") && !notVerbS[w.w] {
			if i > 0 && (ws[i-1].w == "it" || ws[i-1].w == "he" || ws[i-1].w == "she") {
				return true
			}
			for _, m := range sm {
				if m.End <= w.s && strings.TrimSpace(text[m.End:w.s]) == "" {
					return true
				}
			}
		}
	}
	return false
}

// inTimes reports whether byte i lies inside one of the times.
// inTimesIx is inTimes, asking tix, the spanSet of times, when there is
// one.
func inTimesIx(i int, times []Time, tix *spanSet) bool {
	if tix != nil {
		return tix.contains(i)
	}
	return inTimes(i, times)
}

func inTimes(i int, times []Time) bool {
	for _, t := range times {
		if i >= t.Start && i < t.End {
			return true
		}
	}
	return false
}

// isNounModifier reports whether a time only modifies a noun, naming no
// happening of its own: "the 2015 agreement", "last year's deal".
func isNounModifier(text string, t Time, sentStart int) bool {
	rest := text[t.End:]
	if strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
		return true
	}
	if !strings.HasPrefix(rest, " ") || t.Start < sentStart+2 || text[t.Start-1] != ' ' {
		return false
	}
	// The word before: a determiner, unless the time is a hyphened
	// compound, which only an adjective is: "a fall in first-half profit
	// on Wednesday".
	a := t.Start - 1
	for a > sentStart && isASCIILetter(text[a-1]) {
		a--
	}
	if strings.Contains(text[t.Start:t.End], "-") {
		return nounAfter(text, t)
	}
	switch strings.ToLower(text[a : t.Start-1]) {
	case "the", "a", "an", "its", "his", "her", "their", "our", "this":
	default:
		return false
	}
	// "washed out in the May floods", "lost his seat in the October
	// 2023 polls": after "in" or "during" the dated noun is when the
	// clause happened.
	if p := a - 1; p > sentStart+1 && text[p] == ' ' {
		q := p
		for q > sentStart && isASCIILetter(text[q-1]) {
			q--
		}
		switch strings.ToLower(text[q:p]) {
		case "in", "during":
			return false
		}
	}
	return nounAfter(text, t)
}

// nounAfter reports whether a noun in lower case follows the time t after
// a space.
func nounAfter(text string, t Time) bool {
	b := t.End + 1
	e := b
	for e < len(text) && (isASCIILetter(text[e]) || text[e] == '-') {
		e++
	}
	if e == b || text[b] < 'a' || text[b] > 'z' {
		return false
	}
	n := word{s: b, e: e, w: text[b:e]}
	return !functionWords[n.w] && !prepositions[n.w] && !isVerbWord(n)
}

// anchorOf returns the time that dates a clause: the first that is not a
// noun's modifier.
func anchorOf(text string, ts []Time, sentStart int) (Time, bool) {
	var period Time
	found := false
	for _, t := range ts {
		if isNounModifier(text, t, sentStart) || negatedTime(text, t, sentStart) {
			continue
		}
		// "a loss of 212 million euros for 2025 on Monday": "for" names
		// the period a figure covers; another date says when.
		if before := strings.ToLower(text[max(sentStart, t.Start-4):t.Start]); before == "for " && !found {
			period, found = t, true
			continue
		}
		return narrowerIn(text, ts, t, sentStart), true
	}
	return period, found
}

// narrowerIn returns a time of ts after t that falls within t's period,
// or t: "Earlier in the weekend, the band played on Saturday afternoon"
// happened on the Saturday, not over the weekend.
func narrowerIn(text string, ts []Time, t Time, sentStart int) Time {
	for _, u := range ts {
		if u.Start <= t.Start || isNounModifier(text, u, sentStart) || negatedTime(text, u, sentStart) {
			continue
		}
		if timeWithin(u.Value, t.Value) {
			return u
		}
	}
	return t
}

// timeWithin reports whether the date value u (a day, with or without a
// time of day) lies in the week, weekend or month t and is not t itself.
func timeWithin(u, t string) bool {
	if len(u) < 10 || len(t) < 7 || u == t {
		return false
	}
	d, err := time.Parse("2006-01-02", u[:10])
	if err != nil {
		return false
	}
	if len(t) == 7 && t[4] == '-' && t[5] != 'W' {
		return strings.HasPrefix(u, t) // "2026-07"
	}
	if len(t) >= 8 && t[5] == 'W' {
		y, w := d.ISOWeek()
		if t[:4] != strconv.Itoa(y) || t[6:8] != strconv.Itoa(100 + w)[1:] {
			return false
		}
		switch t[8:] {
		case "":
			return true
		case "-WE":
			return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		}
	}
	return false
}

// negatedTime reports whether the time is denied: "not next year, but
// now" dates nothing by "next year".
func negatedTime(text string, t Time, sentStart int) bool {
	before := strings.ToLower(strings.TrimRight(text[max(sentStart, t.Start-8):t.Start], " "))
	return strings.HasSuffix(before, " not") || before == "not" || strings.HasSuffix(before, "not in") || strings.HasSuffix(before, "not until")
}

// relatives finds the relative clauses of sentence s that are not inside
// a time or a name: ", which …," and ", who …," up to the next comma, and
// "the plant that opened …" up to the next verb group.
func relatives(text string, s Sentence, ws []word, st []Time, tix *spanSet, sm []Mention) []piece {
	var out []piece
	mix := mentionSpans(sm)
	inName := func(i int) bool {
		if mix != nil {
			return mix.contains(i)
		}
		for _, m := range sm {
			if i >= m.Start && i < m.End {
				return true
			}
		}
		return false
	}
	for k := 1; k < len(ws); k++ {
		w := ws[k]
		if w.w != "which" && w.w != "who" && w.w != "that" && w.w != "whose" {
			if r, ok := reducedRelative(text, s, ws, k, st, tix, sm); ok && (len(out) == 0 || w.s >= out[len(out)-1].b) && verbOutside(ws, r, out) {
				out = append(out, r)
			}
			continue
		}
		if len(out) > 0 && w.s < out[len(out)-1].b || inTimesIx(w.s, st, tix) || inName(w.s) || k+1 >= len(ws) {
			continue
		}
		comma := strings.HasSuffix(strings.TrimRight(text[ws[k-1].e:w.s], " "), ",")
		prev := ws[k-1].w
		if prepositions[prev] || reportVerbs[prev] || functionWords[prev] || isVerbWord(ws[k-1]) {
			continue
		}
		if w.w == "that" && comma {
			continue
		}
		if !comma {
			// Without a comma, the pronoun must be followed by a verb:
			// "the plant that opened in 1998", not "that deal"; a verb
			// in the present is known by the date after it: "talks that
			// begin next month".
			if !isVerbWord(ws[k+1]) && !(k+2 < len(ws) && inTimesIx(ws[k+2].s, st, tix) && !ws[k+1].cap && !functionWords[ws[k+1].w] && !prepositions[ws[k+1].w] && ws[k+1].w[0] > '9') {
				continue
			}
			if w.w == "that" && reportedBefore(ws, k) {
				continue
			}
		}
		r := piece{a: w.s, pred: ws[k+1].s, kind: ckRelative}
		r.b = relativeEnd(text, s, ws, k, comma, st, tix)
		if r.b <= r.pred {
			continue
		}
		r.ante = antecedent(text, s, ws, k, sm)
		if r.ante[1] <= r.ante[0] {
			continue // a relative clause stands alone only with what it is about
		}
		out = append(out, r)
	}
	return out
}

// notParticiples open phrases between commas that are no relative
// clauses: ", compared with 2019,".
var notParticiples = map[string]bool{
	"compared": true, "according": true, "including": true, "excluding": true, "adjusted": true,
	"based": true, "related": true, "added": true, "noted": true, "estimated": true,
}

// irregularParticiples are past participles without -ed.
var irregularParticiples = map[string]bool{
	"built": true, "born": true, "made": true, "held": true, "sold": true, "bought": true, "taken": true,
	"given": true, "known": true, "shown": true, "written": true, "begun": true, "led": true, "set": true,
	"founded": true, "won": true, "run": true, "seen": true, "chosen": true, "drawn": true,
}

// reducedRelative reads a participle phrase between commas that tells of
// its own happening: "The plan, unveiled in May, was approved …".
func reducedRelative(text string, s Sentence, ws []word, k int, st []Time, tix *spanSet, sm []Mention) (piece, bool) {
	w := ws[k]
	if w.cap || k+1 >= len(ws) || notParticiples[w.w] || reportVerbs[w.w] || finiteAux[w.w] || inTimesIx(w.s, st, tix) {
		return piece{}, false
	}
	if !irregularParticiples[w.w] && !(len(w.w) >= 5 && strings.HasSuffix(w.w, "ed") && !notPastEd[w.w]) {
		return piece{}, false
	}
	if !strings.HasSuffix(strings.TrimRight(text[ws[k-1].e:w.s], " "), ",") {
		return piece{}, false
	}
	if prev := ws[k-1]; prepositions[prev.w] || functionWords[prev.w] || isVerbWord(prev) {
		return piece{}, false
	}
	r := piece{a: w.s, pred: w.s, kind: ckRelative, reduced: true}
	r.b = relativeEnd(text, s, ws, k, true, st, tix)
	r.ante = antecedent(text, s, ws, k, sm)
	if r.b <= r.pred || r.ante[1] <= r.ante[0] {
		return piece{}, false
	}
	return r, true
}

// verbOutside reports whether the sentence has a verb outside the
// relative clause r and the relative clauses rel: without one, the
// participle of "Tal, who joined in 2015, resigned on Friday" is the
// sentence's own verb.
func verbOutside(ws []word, r piece, rel []piece) bool {
	for _, w := range ws {
		if w.s >= r.a && w.s < r.b {
			continue
		}
		in := false
		for _, o := range rel {
			in = in || w.s >= o.a && w.s < o.b
		}
		if !in && isVerbWord(w) {
			return true
		}
	}
	return false
}

// reportedBefore reports whether a reporting verb comes shortly before
// word k, so that a "that" there opens reported speech.
func reportedBefore(ws []word, k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if reportVerbs[ws[j].w] {
			return true
		}
	}
	return false
}

// relativeEnd returns where the relative clause opened by word k ends: at
// the next comma, semicolon or dash that is not inside a time, or, for a
// clause without commas, before the next verb group ("that opened in 1998
// | will close").
func relativeEnd(text string, s Sentence, ws []word, k int, comma bool, st []Time, tix *spanSet) int {
	end := s.End
	for i := ws[k].e; i < s.End; i++ {
		c := text[i]
		if (c == ',' || c == ';' || c == '(' || c == ')') && !inTimesIx(i, st, tix) || strings.HasPrefix(text[i:], "—") || strings.HasPrefix(text[i:], " - ") || strings.HasPrefix(text[i:], " – ") {
			end = i
			break
		}
	}
	if !comma {
		// Skip the clause's own verb group, then stop at the next verb.
		j := k + 1
		for j < len(ws) && isVerbWord(ws[j]) {
			j++
		}
		for ; j < len(ws) && ws[j].s < end; j++ {
			if isVerbWord(ws[j]) && !inTimesIx(ws[j].s, st, tix) {
				end = ws[j].s
				break
			}
		}
	}
	// Leave out the sentence's closing punctuation.
	for end > ws[k].e && strings.ContainsRune(" .!?\"”’'", rune(text[end-1])) {
		end--
	}
	return end
}

// antecedent returns the span of the noun phrase a relative clause opened
// by word k refers to: a name ending right before it, else the words back
// to a determiner, else a short stretch from the start of the sentence.
func antecedent(text string, s Sentence, ws []word, k int, sm []Mention) [2]int {
	end := ws[k-1].e
	for _, m := range sm {
		if m.End == end {
			// Take in the words of a longer name: "the Orlund plant".
			a := m.Start
			for j := k - 1; j >= 0 && ws[j].s >= m.Start; j-- {
				a = ws[j].s
			}
			return [2]int{a, end}
		}
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if j < k-1 && strings.ContainsAny(text[ws[j].e:ws[j+1].s], ",;:") {
			break
		}
		switch ws[j].w {
		case "the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those":
			return [2]int{ws[j].s, end}
		}
	}
	if k <= 5 && !strings.ContainsAny(text[s.Start:end], ",;:") {
		return [2]int{ws[0].s, end}
	}
	if ws[k-1].cap {
		a := k - 1
		for a > 0 && ws[a-1].cap && strings.TrimSpace(text[ws[a-1].e:ws[a].s]) == "" {
			a--
		}
		return [2]int{ws[a].s, end}
	}
	// A bare noun: "talks with staff that begin next month".
	if p := ws[k-1]; !functionWords[p.w] && !prepositions[p.w] && !isVerbWord(p) && p.w[0] > '9' && strings.TrimSpace(text[p.e:ws[k].s]) == "" {
		return [2]int{p.s, end}
	}
	return [2]int{}
}

// cut is a boundary between two linear clauses: the one before ends at
// end, the next starts at next.
type cut struct {
	end, next int
	kind      clauseKind
}

// clauseCuts finds where reported speech and conjoined clauses begin in
// sentence s, outside the relative clauses rel.
func clauseCuts(text string, s Sentence, ws []word, st []Time, tix *spanSet, rel []piece) []cut {
	rix := newSpanSet(len(rel), func(i int) (int, int) { return rel[i].a, rel[i].b })
	inRel := func(i int) bool {
		if rix != nil {
			return rix.contains(i)
		}
		for _, r := range rel {
			if i >= r.a && i < r.b {
				return true
			}
		}
		return false
	}
	var cuts []cut
	for k := 0; k+1 < len(ws); k++ {
		if !reportVerbs[ws[k].w] || inRel(ws[k].s) {
			continue
		}
		// The reporting verb, an optional object and an optional time:
		// "said on Tuesday", "told reporters on Monday".
		j := k + 1
		for j < len(ws) && j <= k+4 && (inTimesIx(ws[j].s, st, tix) || prepositions[ws[j].w] || !ws[j].cap && !complementSubjects[ws[j].w] && ws[j].w != "that" && j == k+1 && !isVerbWord(ws[j])) {
			j++
		}
		if j >= len(ws) || inRel(ws[j].s) || strings.ContainsAny(text[ws[k].e:ws[j].s], ",;:\"“”") {
			continue
		}
		switch {
		case ws[j].w == "that" && j+1 < len(ws):
			cuts = append(cuts, cut{end: ws[j].s, next: ws[j+1].s, kind: ckComplement})
		case complementSubjects[ws[j].w] && j > k+1 && inTimesIx(ws[j-1].s, st, tix):
			cuts = append(cuts, cut{end: ws[j].s, next: ws[j].s, kind: ckComplement})
		case ws[j].w == "the" && j == k+1 && (ws[k].w == "said" || ws[k].w == "says") && hasTimeBeforeIx(st, tix, ws[k].s) && hasTimeAfterIx(st, tix, ws[j].e):
			// "said on Tuesday the hospital … would be opened by
			// December": "said" takes no object; what follows is what
			// was said, with its own date.
			cuts = append(cuts, cut{end: ws[j].s, next: ws[j].s, kind: ckComplement})
		case subjectPronouns[ws[j].w] && j == k+1 && j+1 < len(ws) && modals[ws[j+1].w]:
			// "said it would install cranes from July 1"
			cuts = append(cuts, cut{end: ws[j].s, next: ws[j].s, kind: ckComplement})
		}
	}
	// "told staff in a memo the same day that the jets …": the object
	// and a time, then "that".
	for k := 0; k+2 < len(ws); k++ {
		if !reportVerbs[ws[k].w] || inRel(ws[k].s) {
			continue
		}
		for j := k + 2; j < len(ws) && j <= k+9; j++ {
			// The object may be a name: "told the Dáil on Tuesday that".
			if strings.ContainsAny(text[ws[j-1].e:ws[j].s], ",;:\"“”") || ws[j].cap && j > k+3 && !inTimes(ws[j].s, st) || isVerbWord(ws[j]) {
				break
			}
			if ws[j].w == "that" && inTimesIx(ws[j-1].s, st, tix) && j+1 < len(ws) && !inRel(ws[j].s) {
				cuts = append(cuts, cut{end: ws[j].s, next: ws[j+1].s, kind: ckComplement})
				break
			}
		}
	}
	// "…, the airline said on Wednesday.": an attribution closing the
	// sentence with a date of its own.
	for k := 1; k+1 < len(ws); k++ {
		if !reportVerbs[ws[k].w] || inRel(ws[k].s) {
			continue
		}
		if !(inTimesIx(ws[k+1].s, st, tix) || prepositions[ws[k+1].w] && k+2 < len(ws) && inTimesIx(ws[k+2].s, st, tix)) {
			continue
		}
		for j := k - 1; j >= 1 && j >= k-12; j-- {
			// "…, Senior Minister of State for Manpower Tan Wei Ming
			// said on Wednesday": a long subject is a title and a name.
			if j < k-5 && !ws[j].cap && ws[j].w != "of" && ws[j].w != "for" && ws[j].w != "the" && ws[j].w != "and" {
				break
			}
			gap := text[ws[j-1].e:ws[j].s]
			if strings.Contains(gap, ",") && hasTimeBeforeIx(st, tix, ws[j-1].e) {
				cuts = append(cuts, cut{end: ws[j-1].e, next: ws[j].s, kind: ckComplement})
				break
			}
			if strings.ContainsAny(gap, ";:\"“”") || isVerbWord(ws[j]) {
				break
			}
		}
	}
	// "travel to Pennick City next Saturday before hosting Athelney
	// United on Boxing Day": a participle after "before" or "after"
	// between two times.
	for k := 1; k+1 < len(ws); k++ {
		if w := ws[k].w; (w == "before" || w == "after") && strings.HasSuffix(ws[k+1].w, "ing") && !inRel(ws[k].s) && !inTimesIx(ws[k].s, st, tix) &&
			hasTimeBeforeIx(st, tix, ws[k].s) && hasTimeAfterIx(st, tix, ws[k+1].e) {
			cuts = append(cuts, cut{end: ws[k].s, next: ws[k].s, kind: ckConj})
		}
	}
	// "was introduced in March after the House of Assembly passed the
	// law on December 18 last year", "led the department from 2011 until
	// he retired in 2022": a subordinate clause with a subject and a verb
	// of its own between two times tells a happening of its own.
	for k := 1; k+2 < len(ws); k++ {
		if w := ws[k].w; w != "after" && w != "before" && w != "until" && w != "when" || inRel(ws[k].s) || inTimesIx(ws[k].s, st, tix) || inTimesIx(ws[k+1].s, st, tix) ||
			!hasTimeBeforeIx(st, tix, ws[k].s) || !hasTimeAfterIx(st, tix, ws[k+1].e) {
			continue
		}
		if strings.HasSuffix(ws[k+1].w, "ing") || isVerbWord(ws[k+1]) || prepositions[ws[k+1].w] {
			continue
		}
		// A verb after at least one subject word, before the next time.
		verb := false
		for m := k + 2; m < len(ws) && m <= k+8 && !inTimesIx(ws[m].s, st, tix); m++ {
			if strings.ContainsAny(text[ws[m-1].e:ws[m].s], ",;:\"“”") {
				break
			}
			if isVerbWord(ws[m]) {
				verb = true
				break
			}
		}
		if verb {
			cuts = append(cuts, cut{end: ws[k].s, next: ws[k].s, kind: ckComplement})
		}
	}
	// "voted 5-2 on Tuesday to raise rates from July 1": an infinitive
	// right after one time and before another tells a happening of its
	// own.
	for k := 1; k+1 < len(ws); k++ {
		if ws[k].w != "to" || inRel(ws[k].s) || inTimesIx(ws[k].s, st, tix) || !hasTimeBeforeIx(st, tix, ws[k].s) || !hasTimeAfterIx(st, tix, ws[k].e) {
			continue
		}
		n := ws[k+1]
		if n.cap || n.w[0] >= '0' && n.w[0] <= '9' || functionWords[n.w] || prepositions[n.w] || inTimesIx(n.s, st, tix) || isVerbWord(n) || strings.HasSuffix(n.w, "ing") {
			continue
		}
		// Only right after the time of the clause before: "on Tuesday to
		// raise", not "expected to enter service later this year".
		if !inTimesIx(ws[k-1].s, st, tix) {
			continue
		}
		cuts = append(cuts, cut{end: ws[k].s, next: ws[k].s, kind: ckInfinitive})
	}
	// A conjunction between two times: the last one in the gap.
	for k := 1; k < len(st); k++ {
		prev, cur := st[k-1], st[k]
		if prev.End > cur.Start {
			continue
		}
		gap := text[prev.End:cur.Start]
		at, kind := -1, ckConj
		for _, b := range clauseBreaks {
			if i := strings.LastIndex(gap, b); i >= 0 && prev.End+i > at && !inRel(prev.End+i) {
				at, kind = prev.End+i, ckConj
				if b == "; " {
					kind = ckSemi
				}
			}
		}
		if at >= 0 {
			cuts = append(cuts, cut{end: at, next: at, kind: kind})
		}
	}
	// In text order, one cut per place; a cut inside another's gap goes.
	for i := 1; i < len(cuts); i++ {
		for j := i; j > 0 && cuts[j].end < cuts[j-1].end; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	var out []cut
	for _, c := range cuts {
		if len(out) > 0 && c.end < out[len(out)-1].next {
			continue
		}
		out = append(out, c)
	}
	return out
}

// splitClauses divides a sentence with several dated times into one
// clause per dated happening. A sentence whose times all fall in one
// clause, or whose clauses lack a verb or a date of their own, stays one
// clause dated by its first time that is not a noun's modifier.
func splitClauses(text string, s Sentence, st []Time, sm []Mention) []clause {
	whole := func() []clause {
		t := st[0]
		if len(st) > 1 {
			if a, ok := anchorOf(text, st, s.Start); ok {
				t = a
			}
		}
		return []clause{{start: s.Start, end: s.End, time: t, kind: ckMain, parts: [][2]int{{s.Start, s.End}}}}
	}
	if len(st) < 2 {
		return whole()
	}
	ws := words(text, s.Start, s.End)
	if len(ws) == 0 {
		return whole()
	}
	tix := timeSpans(st)
	rel := relatives(text, s, ws, st, tix, sm)
	cuts := clauseCuts(text, s, ws, st, tix, rel)
	if len(rel) == 0 && len(cuts) == 0 {
		return whole()
	}
	var pieces []piece
	a, kind := s.Start, ckMain
	for _, c := range cuts {
		pieces = append(pieces, piece{a: a, b: c.end, kind: kind, alive: true})
		a, kind = c.next, c.kind
	}
	pieces = append(pieces, piece{a: a, b: s.End, kind: kind, alive: true})

	// Times go to the relative clause or the piece that holds them.
	for _, t := range st {
		placed := false
		for i := range rel {
			if t.Start >= rel[i].a && t.Start < rel[i].b {
				rel[i].times = append(rel[i].times, t)
				placed = true
				break
			}
		}
		for i := 0; !placed && i < len(pieces); i++ {
			if t.Start < pieces[i].b || i == len(pieces)-1 {
				pieces[i].times = append(pieces[i].times, t)
				placed = true
			}
		}
	}
	var buf []word
	wordsIn := func(a, b int, holes []int) []word {
		out := buf[:0]
		defer func() { buf = out }()
		for _, w := range ws {
			if w.s < a || w.s >= b {
				continue
			}
			in := false
			for _, h := range holes {
				in = in || w.s >= rel[h].a && w.s < rel[h].b
			}
			if !in {
				out = append(out, w)
			}
		}
		return out
	}
	// A relative clause stands alone with a verb and a date of its own;
	// otherwise its times belong to the piece around it.
	for i := range rel {
		r := &rel[i]
		_, dated := anchorOf(text, r.times, s.Start)
		r.alive = dated && hasVerb(wordsIn(r.pred, r.b, nil), ckRelative, text, sm)
		for p := range pieces {
			if r.a >= pieces[p].a && r.a < pieces[p].b {
				if r.alive {
					pieces[p].holes = append(pieces[p].holes, i)
				} else {
					pieces[p].times = mergeTimes(pieces[p].times, r.times)
				}
				break
			}
		}
	}
	// Pieces without a verb or a date fold into the one before (the first
	// into the one after).
	for changed := true; changed; {
		changed = false
		var live []int
		for i := range pieces {
			if pieces[i].alive {
				live = append(live, i)
			}
		}
		for n, i := range live {
			p := &pieces[i]
			_, dated := anchorOf(text, p.times, s.Start)
			if dated && hasVerb(wordsIn(p.a, p.b, p.holes), p.kind, text, sm) || len(live) == 1 {
				continue
			}
			var q *piece
			if n+1 < len(live) && pieces[live[n+1]].kind == ckComplement && len(p.times) == 0 {
				// "and predicted | that it would profit by 2011": the
				// reporting frame goes with what it reports.
				q = &pieces[live[n+1]]
				q.a, q.kind = p.a, p.kind
			} else if n > 0 {
				q = &pieces[live[n-1]]
				q.b = p.b
			} else {
				q = &pieces[live[n+1]]
				q.a, q.kind = p.a, p.kind
			}
			q.times = mergeTimes(q.times, p.times)
			q.holes = append(q.holes, p.holes...)
			p.alive = false
			changed = true
			break
		}
	}
	var out []clause
	for _, p := range pieces {
		if !p.alive {
			continue
		}
		t, ok := anchorOf(text, p.times, s.Start)
		if !ok {
			continue // no date, or only one that modifies a noun
		}
		c := clause{time: t, kind: p.kind}
		// The summary leaves out the relative clauses that are events of
		// their own; the reported span is the longest stretch between them.
		at := p.a
		var holes [][2]int
		for _, h := range p.holes {
			holes = append(holes, [2]int{rel[h].a, rel[h].b})
		}
		sortSpans(holes)
		for _, h := range holes {
			c.parts = append(c.parts, [2]int{at, h[0]})
			at = h[1]
		}
		c.parts = append(c.parts, [2]int{at, p.b})
		best := 0
		for i, pt := range c.parts {
			if trimmedLen(text, pt) > trimmedLen(text, c.parts[best]) {
				best = i
			}
		}
		c.start, c.end = trimClause(text, c.parts[best])
		out = append(out, c)
	}
	for _, r := range rel {
		if !r.alive {
			continue
		}
		// "who joined the board in 2014 and became chairman two years
		// later": a relative clause of two dated verbs is two events.
		if cs := relativeConj(text, s.Start, r, sm); len(cs) > 1 {
			out = append(out, cs...)
			continue
		}
		t, _ := anchorOf(text, r.times, s.Start)
		c := clause{time: t, kind: ckRelative, parts: [][2]int{{r.pred, r.b}}, ante: r.ante, reduced: r.reduced}
		c.start, c.end = trimClause(text, [2]int{r.a, r.b})
		out = append(out, c)
	}
	if len(out) < 2 {
		return whole()
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// relativeConj splits the relative clause r at an "and" between two of its
// times when what follows has a verb: one clause per dated verb, or nil.
func relativeConj(text string, sentStart int, r piece, sm []Mention) []clause {
	if len(r.times) < 2 {
		return nil
	}
	var out []clause
	a, pred := r.a, r.pred
	var ts []Time
	for k, t := range r.times {
		ts = append(ts, t)
		if k+1 == len(r.times) {
			break
		}
		gap := text[t.End:r.times[k+1].Start]
		i := strings.LastIndex(gap, " and ")
		if i < 0 {
			continue
		}
		cut := t.End + i
		if !hasVerb(words(text, cut+1, r.times[k+1].Start), ckConj, text, sm) {
			continue
		}
		tm, ok := anchorOf(text, ts, sentStart)
		if !ok {
			return nil
		}
		c := clause{time: tm, kind: ckRelative, parts: [][2]int{{pred, cut}}, ante: r.ante, reduced: r.reduced}
		c.start, c.end = trimClause(text, [2]int{a, cut})
		out = append(out, c)
		a, pred, ts = cut+1, cut+1, nil
	}
	if len(out) == 0 {
		return nil
	}
	tm, ok := anchorOf(text, ts, sentStart)
	if !ok {
		return nil
	}
	c := clause{time: tm, kind: ckRelative, parts: [][2]int{{pred, r.b}}, ante: r.ante, reduced: r.reduced}
	c.start, c.end = trimClause(text, [2]int{a, r.b})
	return append(out, c)
}

// mergeTimes merges two lists of times in text order.
func mergeTimes(a, b []Time) []Time {
	out := append(append([]Time{}, a...), b...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func sortSpans(sp [][2]int) {
	for i := 1; i < len(sp); i++ {
		for j := i; j > 0 && sp[j][0] < sp[j-1][0]; j-- {
			sp[j], sp[j-1] = sp[j-1], sp[j]
		}
	}
}

// trimClause narrows a span to leave out surrounding spaces and commas; an
// empty result keeps the span as it was.
func trimClause(text string, sp [2]int) (int, int) {
	a, b := sp[0], sp[1]
	for a < b && strings.IndexByte(" ,;:\n\t", text[a]) >= 0 {
		a++
	}
	for b > a && strings.IndexByte(" ,;:\n\t", text[b-1]) >= 0 {
		b--
	}
	if a >= b {
		return sp[0], sp[1]
	}
	return a, b
}

func trimmedLen(text string, sp [2]int) int {
	a, b := trimClause(text, sp)
	if a >= b {
		return 0
	}
	return len(strings.TrimSpace(text[a:b]))
}

// summaryText writes the text of a clause for its summary: its parts
// joined, a relative clause after its antecedent ("Acme Corp was founded
// in 1998"), a reported clause with a capital.
func (c clause) summaryText(text string) string {
	if len(c.parts) == 1 && c.kind != ckRelative && c.kind != ckComplement {
		return text[c.parts[0][0]:c.parts[0][1]]
	}
	var b strings.Builder
	if c.kind == ckRelative && c.ante[1] > c.ante[0] {
		b.WriteString(text[c.ante[0]:c.ante[1]])
		if p := c.parts[0][0]; p >= 6 && strings.EqualFold(text[p-6:p], "whose ") {
			b.WriteString("'s") // "the hospital, whose construction stalled"
		}
		if c.reduced {
			b.WriteByte(',')
		}
		b.WriteByte(' ')
	}
	for i, p := range c.parts {
		part := text[p[0]:p[1]]
		if i > 0 {
			part = strings.TrimLeft(part, " ,")
			r, _ := utf8.DecodeRuneInString(part)
			if b.Len() > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			if strings.HasSuffix(b.String(), ".") && strings.HasPrefix(part, ".") {
				part = part[1:] // "Acme Corp." then "."
			}
		} else if len(c.parts) > 1 {
			part = strings.TrimRight(part, " ,")
		}
		b.WriteString(part)
	}
	out := strings.TrimSpace(b.String())
	if c.kind == ckComplement || c.kind == ckRelative {
		if r, n := utf8.DecodeRuneInString(out); unicode.IsLower(r) {
			out = string(unicode.ToUpper(r)) + out[n:]
		}
	}
	return out
}
