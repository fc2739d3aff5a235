package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxInheritDistance is how many sentences back an undated sentence may
// look for the dated sentence its anaphor ("the meeting") refers to.
const maxInheritDistance = 6

// eventNouns group the nouns and verbs that name the same kind of
// happening, so that "The visit" can refer back to "hosted … on Oct. 22"
// and "After the summit" to "held a meeting in Alaska".
var eventNouns = map[string]string{
	"visit": "meet", "visits": "meet", "visited": "meet", "meeting": "meet", "meetings": "meet",
	"meet": "meet", "met": "meet", "talks": "meet", "summit": "meet", "hosted": "meet", "host": "meet",
	"hosting": "meet", "trip": "meet", "conference": "meet", "session": "meet",
	"call": "call", "phone": "call", "called": "call",
	"statement": "statement", "announcement": "statement", "announced": "statement", "speech": "statement",
	"sanctions": "sanction", "sanction": "sanction", "sanctioned": "sanction",
	"attack": "attack", "attacks": "attack", "strike": "attack", "strikes": "attack", "bombing": "attack",
	"invasion": "attack", "invaded": "attack",
	"vote": "vote", "voted": "vote", "election": "vote", "elections": "vote", "referendum": "vote", "ballot": "vote",
	"deal": "deal", "agreement": "deal", "contract": "deal", "order": "deal", "merger": "deal", "acquisition": "deal",
	"signed": "deal", "agreed": "deal",
	"crash": "accident", "accident": "accident", "collision": "accident", "fire": "accident", "explosion": "accident",
	"flight": "flight", "launch": "launch", "launched": "launch", "unveiled": "launch", "release": "launch",
	"decision": "decision", "ruling": "decision", "verdict": "decision", "decided": "decision",
	"protest": "protest", "protests": "protest", "strike action": "protest", "demonstration": "protest",
	"announcing": "statement", "interview": "statement", "report": "statement",
}

// anaphorStarts are how an undated sentence refers back to a dated
// happening it continues: "The visit …", "During the meeting, …".
var anaphorStarts = []string{
	"the ", "this ", "that ", "during the ", "after the ", "at the ", "before the ", "following the ",
	"in the ", "since the ", "in a ", "at a ", "after that ", "during that ", "after this ", "during this ",
}

// FindEvents turns every sentence that carries a date anchor into one or
// more events: one per dated happening, each with its clause as summary.
// A sentence without a date of its own inherits one when it opens by
// referring back to a happening ("The visit", "During the meeting") that a
// recent sentence dated.
func FindEvents(text string, sents []Sentence, times []Time, mentions []Mention) []Event {
	var events []Event
	ti, mi := 0, 0
	var history []dated // dated sentences, most recent last
	for _, s := range sents {
		for ti < len(times) && times[ti].Start < s.Start {
			ti++
		}
		n := 0
		for n < len(times)-ti && times[ti+n].Start < s.End {
			n++
		}
		// The sentence's times that can date an event: those of times
		// themselves when all can, as they all can in most sentences
		// (capped, so that nothing appends into times), else a copy of
		// those that can; a sentence may hold hundreds of thousands.
		all := true
		for j := ti; j < ti+n; j++ {
			if _, _, ok := eventDate(times[j]); !ok || negatedTime(text, times[j], s.Start) {
				all = false
				break
			}
		}
		var st []Time
		if all && n > 0 {
			st = times[ti : ti+n : ti+n]
		} else if n > 0 {
			st = make([]Time, 0, n)
			for j := ti; j < ti+n; j++ {
				if _, _, ok := eventDate(times[j]); ok && !negatedTime(text, times[j], s.Start) {
					st = append(st, times[j])
				}
			}
		}
		// "BRANDON FALLS, Nov. 5 (Prairie Wire) — Holtz won on Tuesday":
		// the dateline dates the report; the body's own date, the news.
		if len(st) > 1 {
			if k := datelineEnd(text[s.Start:s.End]); k > 0 && st[0].Start < s.Start+k && st[len(st)-1].Start >= s.Start+k {
				for len(st) > 0 && st[0].Start < s.Start+k {
					st = st[1:]
				}
			}
		}
		for mi < len(mentions) && mentions[mi].Start < s.Start {
			mi++
		}
		mj := mi
		for mj < len(mentions) && mentions[mj].Start < s.End {
			mj++
		}
		sm := mentions[mi:mj]
		sentence := text[s.Start:s.End]

		if len(st) == 0 {
			if d, ok := inherit(sentence, history); ok {
				events = append(events, newEvent(text, s, s.Start, s.End, d.date, d.prec, "", sm))
				history = append(history, dated{groups: eventGroups(sentence), date: d.date, prec: d.prec})
			}
			continue
		}
		if onlyTime(sentence, st) {
			// A dateline or a heading that is nothing but a date.
			continue
		}
		clauses := splitClauses(text, s, st, sm)
		main := clauses[0]
		for _, c := range clauses {
			date, prec, _ := eventDate(c.time)
			events = append(events, clauseEvent(text, s, c, date, prec, sm))
			if main.kind == ckRelative && c.kind != ckRelative {
				main = c
			}
		}
		// What follows refers back to the sentence's main happening, not
		// to one told in a relative clause.
		date, prec, _ := eventDate(main.time)
		history = append(history, dated{groups: eventGroups(sentence), date: date, prec: prec})
	}
	return events
}

// dated is a sentence that anchors a date, with the kinds of happening it
// names.
type dated struct {
	groups map[string]bool
	date   string
	prec   Precision
}

// inherit returns the date an undated sentence takes from a recent dated
// sentence about the same kind of happening.
func inherit(sentence string, history []dated) (dated, bool) {
	// The anaphor and its head noun open the sentence.
	start := sentence
	if len(start) > 96 {
		if sp := strings.LastIndexByte(start[:96], ' '); sp > 0 {
			start = start[:sp]
		}
	}
	lower := strings.ToLower(start)
	head := ""
	for _, a := range anaphorStarts {
		if strings.HasPrefix(lower, a) {
			rest := lower[len(a):]
			// The head noun: the first word of the anaphoric phrase that
			// names a happening, within its first three words.
			words := strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
			for k := 0; k < len(words) && k < 3; k++ {
				if g, ok := eventNouns[words[k]]; ok {
					head = g
					break
				}
			}
			break
		}
	}
	if head == "" {
		return dated{}, false
	}
	n := 0
	for k := len(history) - 1; k >= 0 && n < maxInheritDistance; k-- {
		n++
		if history[k].groups[head] {
			return history[k], true
		}
	}
	return dated{}, false
}

// eventGroups returns the happening groups a sentence names.
func eventGroups(sentence string) map[string]bool {
	g := map[string]bool{}
	lower := strings.ToLower(sentence)
	for w := range strings.FieldsFuncSeq(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if grp, ok := eventNouns[w]; ok {
			g[grp] = true
		}
	}
	return g
}

// eventDate returns the calendar date value and precision that a time
// expression anchors an event to, or false for durations, sets and vague
// references like PRESENT_REF.
func eventDate(t Time) (string, Precision, bool) {
	if t.Type != "DATE" && t.Type != "TIME" {
		return "", "", false
	}
	v := t.Value
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	p := PrecisionOf(v)
	if p == "" {
		return "", "", false
	}
	if t.Precision != "" && t.Type == "DATE" {
		p = t.Precision
	}
	return v, p, true
}

// PrecisionOf derives the precision of a TimeML date value from its shape,
// or "" when the value is not a calendar date.
func PrecisionOf(v string) Precision {
	digits := func(s string) bool {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case len(v) == 10 && digits(v[:4]) && v[4] == '-' && digits(v[5:7]) && v[7] == '-' && digits(v[8:]):
		return Day
	case len(v) == 7 && digits(v[:4]) && v[4] == '-' && digits(v[5:]):
		return Month
	case len(v) == 8 && digits(v[:4]) && strings.HasPrefix(v[4:], "-W") && digits(v[6:]):
		return Week
	case len(v) == 11 && digits(v[:4]) && strings.HasPrefix(v[4:], "-W") && digits(v[6:8]) && v[8:] == "-WE":
		return Week // a weekend: "at the weekend"
	case len(v) == 7 && digits(v[:4]) && strings.HasPrefix(v[4:], "-Q") && digits(v[6:]):
		return Quarter
	case len(v) == 7 && digits(v[:4]) && strings.HasPrefix(v[4:], "-H") && digits(v[6:]):
		return Half
	case len(v) == 7 && digits(v[:4]) && (v[5:] == "SP" || v[5:] == "SU" || v[5:] == "FA" || v[5:] == "WI"):
		return Season
	case len(v) == 4 && digits(v):
		return Year
	case len(v) == 3 && digits(v):
		return Decade
	case len(v) == 2 && digits(v):
		return Century
	}
	return ""
}

// onlyTime reports whether a sentence holds nothing but its time
// expressions and punctuation.
func onlyTime(sentence string, st []Time) bool {
	letters := 0
	for _, r := range sentence {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	for _, t := range st {
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				letters--
			}
		}
	}
	return letters <= 3
}

// clauseBreaks are where one dated happening of a sentence ends and the
// next begins.
var clauseBreaks = []string{"; ", ", and ", " and ", ", while ", ", but ", " but ", ", then ", " then ", ", before ", ", after which "}

// newEvent builds an event for the clause [cs, ce) of sentence s.
func newEvent(text string, s Sentence, cs, ce int, date string, prec Precision, timeText string, sm []Mention) Event {
	return buildEvent(text, s, cs, ce, [][2]int{{cs, ce}}, summarize(text, s, cs, ce), date, prec, timeText, sm)
}

// clauseEvent builds the event of clause c of sentence s.
func clauseEvent(text string, s Sentence, c clause, date string, prec Precision, sm []Mention) Event {
	spans := c.parts
	if c.ante[1] > c.ante[0] {
		spans = append(spans[:len(spans):len(spans)], c.ante)
	}
	sum := summarizeText(text, s, c.summaryText(text), c.kind == ckConj || c.kind == ckSemi || c.kind == ckMain && c.start > s.Start && len(c.parts) == 1)
	return buildEvent(text, s, c.start, c.end, spans, sum, date, prec, c.time.Text, sm)
}

// buildEvent builds an event for the clause [cs, ce) of sentence s, whose
// participants are named within spans.
func buildEvent(text string, s Sentence, cs, ce int, spans [][2]int, summary, date string, prec Precision, timeText string, sm []Mention) Event {
	var names []string
	seen := map[string]bool{}
	for _, m := range sm {
		in := false
		for _, sp := range spans {
			in = in || m.Start >= sp[0] && m.End <= sp[1]
		}
		if !in || seen[m.Entity] {
			continue
		}
		seen[m.Entity] = true
		names = append(names, m.Entity)
	}
	if len(names) == 0 {
		// A clause naming no one still happened to the sentence's people.
		for _, m := range sm {
			if !seen[m.Entity] {
				seen[m.Entity] = true
				names = append(names, m.Entity)
			}
		}
	}
	sort.Strings(names)
	return Event{
		ID:          fmt.Sprintf("ev%d", cs),
		Date:        date,
		Precision:   prec,
		Summary:     withoutDateline(summary),
		Sentence:    text[s.Start:s.End],
		Entities:    names,
		Start:       s.Start,
		End:         s.End,
		ClauseStart: cs,
		ClauseEnd:   ce,
		TimeText:    timeText,
	}
}

// withoutDateline cuts a wire dateline off the front of a summary:
// "CARROW FALLS, Ohio (Meridian Press) — Two lawmakers asked …" says "Two
// lawmakers asked …". A dateline opens with a place in capitals and ends
// with a dash within its first 80 bytes.
func withoutDateline(summary string) string {
	if k := datelineEnd(summary); k > 0 {
		return strings.TrimSpace(summary[k:])
	}
	return summary
}

// datelineEnd returns where the dateline opening s ends (after its
// dash), or -1 when s opens with none.
func datelineEnd(summary string) int {
	head := summary[:min(len(summary), 80)]
	cut, dash := -1, ""
	for _, d := range []string{" — ", " – ", " -- ", " - "} {
		if i := strings.Index(head, d); i > 0 && (cut < 0 || i < cut) {
			cut, dash = i, d
		}
	}
	if cut < 0 {
		return -1
	}
	// The place: capital letters (and spaces, dots, hyphens, apostrophes)
	// up to the first comma, parenthesis or the dash.
	place := head[:cut]
	if i := strings.IndexAny(place, ",("); i >= 0 {
		place = place[:i]
	}
	place = strings.TrimSpace(place)
	letters := 0
	for _, r := range place {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’':
		default:
			return -1
		}
	}
	rest := strings.TrimSpace(summary[cut+len(dash):])
	if letters < 3 || rest == "" {
		return -1
	}
	// "NATO — the alliance — met": a dash that closes soon opened an
	// aside, not a dateline.
	if i := strings.Index(rest, strings.TrimSpace(dash)); i >= 0 && i < 60 {
		return -1
	}
	return cut + len(dash)
}

// maxSummary bounds an event summary, in bytes.
const maxSummary = 240

// summarize turns a clause into a one-line summary: the dateline, a leading
// conjunction and a trailing comma go; a clause that continues the
// sentence's subject ("… and listed on the exchange in 2004") gets the
// subject back; long text is cut at a word boundary.
func summarize(text string, s Sentence, cs, ce int) string {
	return summarizeText(text, s, text[cs:ce], cs > s.Start)
}

// summarizeText is summarize for the text c of a clause; takeSubject lets a
// clause that opens in lower case take the sentence's subject.
func summarizeText(text string, s Sentence, c string, takeSubject bool) string {
	c = strings.TrimSpace(c)
	for _, p := range []string{"; ", ", and ", "and ", ", while ", "while ", ", but ", "but ", ", then ", "then ", ", before ", ", after which "} {
		if strings.HasPrefix(c, strings.TrimLeft(p, " ")) || strings.HasPrefix(c, p) {
			c = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(c, p), strings.TrimLeft(p, " ")))
			break
		}
	}
	if takeSubject {
		if r, n := utf8.DecodeRuneInString(c); unicode.IsLower(r) {
			first, _, _ := strings.Cut(c, " ")
			switch subj := subjectOf(text[s.Start:s.End]); {
			case complementSubjects[first] || prepositions[first] || functionWords[first]:
				// "; it reopened in March" has a subject of its own; "and in
				// 1984 the computer was released" too.
				c = string(unicode.ToUpper(r)) + c[n:]
			case subj != "":
				if sw := strings.Fields(subj); len(sw) > 1 && subjectAuxiliaries[strings.ToLower(sw[len(sw)-1])] && subjectAuxiliaries[first] {
					// "and has been on leave": the clause has its own auxiliary.
					subj = strings.Join(sw[:len(sw)-1], " ")
				}
				c = subj + " " + c
			}
		}
	}
	// A dateline such as "WASHINGTON—".
	if i := strings.Index(c, "—"); i > 0 && i < 40 && isUpperWord(c[:i]) {
		c = strings.TrimSpace(c[i+len("—"):])
	}
	c = strings.TrimRight(c, ",;: ")
	if len(c) > maxSummary {
		cut := maxSummary
		for cut > 0 && !utf8.RuneStart(c[cut]) {
			cut--
		}
		if sp := strings.LastIndexByte(c[:cut], ' '); sp > maxSummary/2 {
			cut = sp
		}
		c = strings.TrimRight(c[:cut], ",;: ") + "…"
	}
	return c
}

// subjectAuxiliaries are carried over with the subject into a later clause, so
// that "The bank will cut rates by June and review the policy next
// Tuesday" gives "The bank will review the policy next Tuesday".
var subjectAuxiliaries = map[string]bool{
	"will": true, "would": true, "was": true, "were": true, "is": true, "are": true, "has": true,
	"have": true, "had": true, "can": true, "could": true, "may": true, "might": true, "should": true,
	"must": true, "shall": true,
}

// subjectDeterminers open a subject of common nouns ("The bank").
var subjectDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "its": true, "his": true,
	"her": true, "their": true, "our": true,
}

// subjectOf returns the rough grammatical subject of a sentence, such as
// "The company" or "Acme Corp", with the auxiliary that follows it, or ""
// when none is clear.
func subjectOf(sentence string) string {
	words := strings.Fields(sentence)
	n := 0
	afterDet := false
	for n < len(words) && n < 8 {
		w := words[n]
		lw := strings.ToLower(w)
		r, _ := utf8.DecodeRuneInString(w)
		if strings.HasSuffix(w, ",") {
			return ""
		}
		if n == 0 && prepositions[lw] {
			return "" // "For the final quarter, …"
		}
		if n == 0 && subjectDeterminers[lw] {
			afterDet = true
			n++
			continue
		}
		if subjectAuxiliaries[lw] {
			break
		}
		if unicode.IsUpper(r) || unicode.IsDigit(r) || afterDet {
			n++
			continue
		}
		switch lw {
		case "of", "for", "and", "de", "van", "von":
			n++
			continue
		}
		break
	}
	if n == 0 || n >= 8 || n == len(words) {
		return ""
	}
	subj := strings.Join(words[:n], " ")
	if subjectAuxiliaries[strings.ToLower(words[n])] {
		subj += " " + words[n]
	} else if afterDet && n == 1 {
		return ""
	}
	return subj
}

func isUpperWord(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			has = true
		}
	}
	return has
}
