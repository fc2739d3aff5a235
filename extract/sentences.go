package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are words that end in a full stop without ending the
// sentence when a capitalised word follows. Lower-cased, without the dot.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "smt": true, "shri": true, "cllr": true, "eng": true, "ir": true, "atty": true, "engr": true, "ma": true, "sr": true, "jr": true,
	"st": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "no": true, "vs": true, "etc": true,
	"mt": true, "ft": true, "approx": true, "dept": true, "univ": true, "est": true, "fig": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true, "d.c": true,
	"i.e": true, "e.g": true,
}

// SplitSentences splits text into sentences. A sentence ends at a line break
// or at '.', '!' or '?' followed by space and a capitalised word, a digit or
// an opening quote, except after a known abbreviation or an initial, and
// never inside a quotation that closes within the same paragraph.
func SplitSentences(text string) []Sentence {
	var out []Sentence
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, Sentence{Start: s, End: e})
		}
		start = end
	}
	q := newQuoteIndex(text)
	inQuote := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
			inQuote = false
			i += size
			start = i
			continue
		case r == '“':
			if q.closes(i) {
				inQuote = true
			}
		case r == '”':
			inQuote = false
		case r == '"':
			if inQuote {
				inQuote = false
			} else if isOpeningStraightQuote(text, i) && q.straightFollows(i) {
				inQuote = true
			}
		case r == '.' || r == '!' || r == '?':
			end := i + size
			// Absorb repeated punctuation and closing quotes/brackets.
			for end < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[end:])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '”' || r2 == '"' || r2 == '’' || r2 == ')' || r2 == '\'' {
					if r2 == '”' || r2 == '"' {
						inQuote = false
					}
					end += s2
					continue
				}
				break
			}
			if !inQuote && sentenceBreak(text, i, end) {
				emit(end)
			}
			i = end
			continue
		}
		i += size
	}
	emit(len(text))
	return out
}

// sentenceBreak reports whether the punctuation at text[p] (whose run ends
// at end) ends a sentence.
func sentenceBreak(text string, p, end int) bool {
	// Need whitespace after.
	j := end
	sawSpace := false
	for j < len(text) {
		r, s := utf8.DecodeRuneInString(text[j:])
		if r == '\n' {
			return true
		}
		if !unicode.IsSpace(r) {
			break
		}
		sawSpace = true
		j += s
	}
	if j >= len(text) {
		return true
	}
	if !sawSpace {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if next == '\'' && j+1 < len(text) {
		// A straight single mark opening a quotation: 'We lost.'
		if r, _ := utf8.DecodeRuneInString(text[j+1:]); unicode.IsUpper(r) {
			next = '‘'
		}
	}
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '“' || next == '"' || next == '‘' || next == '(' || next == '[') {
		return false
	}
	if text[p] != '.' {
		return true
	}
	// The word before the full stop.
	w := p
	for w > 0 {
		r, s := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || r == '(' || r == '“' || r == '"' || r == '—' {
			break
		}
		w -= s
	}
	word := text[w:p]
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	// "BRANTLEY, Wis. (AP) —", "Salem, Ore., and": a state after a town.
	if _, ok := nerStateAbbrevs[lw]; ok && word[0] >= 'A' && word[0] <= 'Z' && w >= 2 && text[w-2] == ',' {
		if next == '(' || next == '—' || next == '–' {
			return false
		}
		return startsSentenceWord(text[j:])
	}
	if abbreviations[lw] {
		// "U.S." before a name or a digit rarely ends a sentence; before
		// a pronoun or article it usually does.
		// Nor does a company's suffix ("Fuels Pty Ltd. They will").
		if lw == "u.s" || lw == "u.k" || lw == "u.n" || lw == "e.u" || lw == "d.c" || lw == "a.m" || lw == "p.m" ||
			lw == "inc" || lw == "corp" || lw == "co" || lw == "ltd" {
			// Nor before a ticker or an acronym in parentheses
			// ("Halmora Foods Inc. (TSX: HLM) said").
			if next == '(' && (lw == "inc" || lw == "corp" || lw == "co" || lw == "ltd") {
				return false
			}
			return startsSentenceWord(text[j:])
		}
		return false
	}
	// A single capital letter is an initial ("John F. Kennedy").
	if r, s := utf8.DecodeRuneInString(word); s == len(word) && unicode.IsUpper(r) {
		return false
	}
	// Dotted acronyms such as "U.S.A" or "N.Y".
	if strings.Count(word, ".") >= 1 && len(word) <= 6 && allLettersAndDots(word) {
		return startsSentenceWord(text[j:])
	}
	return true
}

// startsSentenceWord reports whether s begins with a word that usually
// starts a sentence rather than continues a name after an abbreviation.
func startsSentenceWord(s string) bool {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '’' && r != '\'' })
	if end < 0 {
		end = len(s)
	}
	switch s[:end] {
	case "The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those",
		"In", "On", "At", "But", "And", "However", "Meanwhile", "There", "His", "Her", "Their", "Its",
		"After", "Before", "When", "While", "As", "If", "Officials", "Both", "According":
		return true
	}
	if end == 0 {
		// A quote or a digit after "U.S." starts a new sentence.
		return true
	}
	return false
}

func allLettersAndDots(w string) bool {
	for _, r := range w {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func isOpeningStraightQuote(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '-' || r == ':'
}

// quoteIndex answers, in constant time, whether a quotation mark opened
// at some offset closes within its paragraph; scanning ahead at each mark
// would make a paragraph full of unclosed marks quadratic. It holds one
// bit per byte of text for each question, so that a text of nothing but
// quotation marks costs a quarter of its size, not maps of its marks.
type quoteIndex struct {
	// closing has the bit of each '“' or '”' whose next '“', '”' or
	// line break is a '”'; straight that of each '"' whose next '"' or
	// line break is a '"'.
	closing, straight []uint64
}

func newQuoteIndex(text string) *quoteIndex {
	q := &quoteIndex{closing: make([]uint64, len(text)/64+1), straight: make([]uint64, len(text)/64+1)}
	curly, straight := len(text), len(text)
	for i := len(text) - 1; i >= 0; i-- {
		switch {
		case text[i] == '\n':
			curly, straight = i, i
		case text[i] == '"':
			if straight < len(text) && text[straight] == '"' {
				q.straight[i/64] |= 1 << (i % 64)
			}
			straight = i
		case strings.HasPrefix(text[i:], "“") || strings.HasPrefix(text[i:], "”"):
			if curly < len(text) && strings.HasPrefix(text[curly:], "”") {
				q.closing[i/64] |= 1 << (i % 64)
			}
			curly = i
		}
	}
	return q
}

// closes reports whether the '“' at offset i is closed by a '”' before the
// paragraph ends or another '“' opens.
func (q *quoteIndex) closes(i int) bool {
	return i >= 0 && i/64 < len(q.closing) && q.closing[i/64]&(1<<(i%64)) != 0
}

// straightFollows reports whether another '"' follows the one at offset i
// within its paragraph.
func (q *quoteIndex) straightFollows(i int) bool {
	return i >= 0 && i/64 < len(q.straight) && q.straight[i/64]&(1<<(i%64)) != 0
}

// trimSpan narrows [s, e) to exclude surrounding white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
