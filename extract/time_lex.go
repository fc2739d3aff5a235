package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// tkKind is the shape of a token seen by the time scanner.
type tkKind uint8

const (
	tkWord  tkKind = iota + 1 // starts with a letter
	tkNum                     // starts with a digit
	tkPunct                   // any other single rune
)

// tk is one token of the time scanner. Tokens are cut once per text; every
// matcher then works on token indexes, so no pattern ever rescans bytes.
// A text of punctuation has a token per byte, so a token is kept small:
// byte offsets in 32 bits (texts are capped far below 2 GiB), and what
// only numbers have behind a pointer, shared by all other tokens.
type tk struct {
	s, e int32
	// tkNumber holds what a tkNum token has; every other token points at
	// tkNoNumber, which is never written.
	*tkNumber
	sent int32 // index of the sentence holding the token
	// lxi is the index of the lower-cased word's lexicon entry in
	// timeLexByIdx, 0 when it is not in the lexicon: see lex. (16 bits
	// rather than a pointer make a token 24 bytes rather than 32: 10 MiB
	// of quotation marks is 10 million tokens.)
	lxi  uint16
	kind tkKind
	cap  bool // first letter upper-case
}

// lex returns the token's lexicon entry, nil when the lower-cased word is
// not in the lexicon.
func (t *tk) lex() *lexEntry { return timeLexByIdx[t.lxi] }

// tkNumber is the number of a tkNum token: the numeric prefix, the
// lower-cased letters after it ("nd", "s", "pm") and its digit count (0
// when it has separators).
type tkNumber struct {
	num    float64
	suffix string
	ndig   int16
	intNum bool
}

// tkNoNumber is the tkNumber of every token that is no number.
var tkNoNumber tkNumber

// Lexicon flags: the roles a word can play in a time expression or as a
// tense cue.
const (
	fMonthAbbr   uint32 = 1 << iota // "Oct", valid only with a dot or a day
	fWeekdayAbbr                    // "Wed", valid only with a dot
	fAmbiguous                      // "May", "March": needs a date context
	fPrep                           // temporal preposition before a date
	fPast                           // tense cue pointing backwards
	fFuture                         // tense cue pointing forwards
	fReport                         // reporting verb: said, told
	fToFuture                       // future cue only when "to" follows: expected, plans
	fBe                             // is, are, am, be, being
	fQuant                          // about, nearly, some: quantities, not years
	fCountNoun                      // people, jobs, percent: a number before it is no year
	fDurMod                         // "more than", "about": duration modifiers
	fNumWord                        // one, two, a, several
	fUnit                           // day, weeks, decade
	fOrdinal                        // first, third, final
	fPartOfDay                      // morning, night
	fSeason                         // spring, summer
	fDeictic                        // last, this, next, past, previous, coming
	fEdge                           // early, late, mid
	fSetAdv                         // daily, weekly
	fPossessive                     // his, her, their: "in their 90s" is an age
	fBarePast                       // cut, put, hit: past unless a modal precedes
)

// timeUnit is a duration unit.
type timeUnit uint8

const (
	uNone timeUnit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uFortnight
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
	uWeekend
)

// lexEntry is what the time scanner knows about one lower-cased word.
type lexEntry struct {
	flags   uint32
	month   int      // 1-12
	weekday int      // 1 (Monday) to 7 (Sunday), ISO numbering
	unit    timeUnit // for fUnit
	plural  bool     // "days"
	num     float64  // for fNumWord; -1 for vague quantities ("several")
	ord     int      // for fOrdinal
	mod     string   // for fDurMod and fEdge: TimeML mod
	part    string   // for fPartOfDay: MO, AF, EV, NI
	season  string   // for fSeason: SP, SU, FA, WI
	dir     int      // for fDeictic: -1 last, 0 this, +1 next
	word    string   // the lower-cased word itself, for special cases
	idx     uint16   // its index in timeLexByIdx, from 1
}

func (l *lexEntry) has(f uint32) bool { return l != nil && l.flags&f != 0 }

// timeLex is built on first use by timeLexicon, so that importing the
// package costs no start-up time.
var (
	timeLex     map[string]*lexEntry
	timeLexOnce sync.Once
	// timeLexByIdx holds the entries by index (tk.lxi), from 1; timeLexN
	// is how many there are. A whole array, indexed by a uint16, needs no
	// bounds check; its pages past the last entry are never touched.
	timeLexByIdx [1 << 16]*lexEntry
	timeLexN     int
)

// timeLexicon returns the lexicon, building it on first use.
func timeLexicon() map[string]*lexEntry {
	timeLexOnce.Do(buildTimeLex)
	return timeLex
}

func addLex(words []string, fn func(e *lexEntry)) {
	for _, w := range words {
		e := timeLex[w]
		if e == nil {
			timeLexN++
			if timeLexN >= len(timeLexByIdx) {
				panic("extract: time lexicon past 65535 entries")
			}
			e = &lexEntry{word: w, idx: uint16(timeLexN)}
			timeLex[w] = e
			timeLexByIdx[e.idx] = e
		}
		fn(e)
	}
}

func buildTimeLex() {
	timeLex = map[string]*lexEntry{}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		n := i + 1
		addLex([]string{m}, func(e *lexEntry) { e.month = n })
	}
	abbr := map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
	for a, n := range abbr {
		n := n
		addLex([]string{a}, func(e *lexEntry) { e.month = n; e.flags |= fMonthAbbr })
	}
	addLex([]string{"may", "march"}, func(e *lexEntry) { e.flags |= fAmbiguous })
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	for i, d := range days {
		n := i + 1
		addLex([]string{d}, func(e *lexEntry) { e.weekday = n })
		addLex([]string{d + "s"}, func(e *lexEntry) { e.weekday = n; e.plural = true })
	}
	dabbr := map[string]int{"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7}
	for a, n := range dabbr {
		n := n
		addLex([]string{a}, func(e *lexEntry) { e.weekday = n; e.flags |= fWeekdayAbbr })
	}
	addLex([]string{"in", "on", "since", "until", "till", "by", "during", "from", "through", "before", "after", "of", "between", "to", "and", "or", "at", "as", "throughout", "into", "around", "for", "last", "next", "this", "early", "late", "mid", "since", "starting", "beginning", "ending", "except"}, func(e *lexEntry) { e.flags |= fPrep })

	addLex([]string{"said", "was", "were", "had", "did", "told", "ago", "yesterday", "earlier", "previously", "went", "came", "took", "gave", "saw", "got", "made", "met", "left", "began", "won", "lost", "fell", "rose", "held", "led", "spoke", "wrote", "sold", "bought", "paid", "sent", "spent", "thought", "found", "became", "kept", "brought", "ran", "struck", "been", "gone", "done", "taken", "given", "seen", "written", "spoken", "begun", "fallen", "risen", "known", "shown", "grew", "drew", "flew", "threw", "chose", "stood", "sat", "felt", "heard", "meant", "wasn't", "weren't", "didn't", "hadn't", "arrived", "wore", "broke", "froze", "stole", "shot", "fought", "caught", "taught", "sought", "built", "lent", "dealt", "swore", "tore", "woke", "ate", "forgot", "overtook", "undertook", "withdrew", "upheld", "sank", "rang", "sang", "swam"}, func(e *lexEntry) { e.flags |= fPast })
	addLex([]string{"cut", "put", "hit", "quit", "shut", "spread", "cost", "hurt", "beat", "upset", "split", "cast", "struck"}, func(e *lexEntry) { e.flags |= fBarePast })
	addLex([]string{"said", "told", "announced", "reported", "stated", "added", "confirmed", "according", "claimed", "noted", "explained", "wrote", "tweeted", "posted", "declared", "insisted", "argued", "warned", "says", "tells"}, func(e *lexEntry) { e.flags |= fReport })
	addLex([]string{"will", "'ll", "shall", "won't", "tomorrow", "upcoming", "next", "would", "wo", "going", "soon", "later", "must", "should", "might"}, func(e *lexEntry) { e.flags |= fFuture })
	addLex([]string{"expected", "scheduled", "set", "due", "slated", "poised", "plans", "plan", "planned", "planning", "aims", "aim", "intends", "intend", "hopes", "hope", "wants", "want", "promised", "pledged", "vowed", "pledges", "vows", "promises", "preparing", "prepares", "ready", "likely", "expects", "expect"}, func(e *lexEntry) { e.flags |= fToFuture })
	addLex([]string{"is", "are", "am", "be", "being", "'s", "'re", "isn't", "aren't"}, func(e *lexEntry) { e.flags |= fBe })
	addLex([]string{"about", "around", "nearly", "almost", "some", "over", "than", "approximately", "roughly", "least", "only", "just", "under", "total", "totaling", "totalling", "estimated", "number", "no", "page", "pages", "flight", "route", "model", "version", "room", "highway", "interstate"}, func(e *lexEntry) { e.flags |= fQuant })
	addLex([]string{"percent", "per", "people", "jobs", "workers", "employees", "troops", "soldiers", "units", "cars", "vehicles", "aircraft", "planes", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "kg", "tons", "tonnes", "dollars", "euros", "pounds", "points", "shares", "votes", "students", "members", "residents", "deaths", "cases", "homes", "houses", "children", "patients", "protesters", "refugees", "migrants", "passengers", "staff", "jets", "barrels", "acres", "hectares", "yards", "words", "pages", "copies", "stores", "million", "billion", "trillion", "thousand", "bn", "mn", "m", "k", "%", "votes", "seats", "delegates", "officers", "police", "civilians", "customers", "users", "times"}, func(e *lexEntry) { e.flags |= fCountNoun })

	for w, m := range map[string]string{"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "over": "MORE_THAN", "under": "LESS_THAN"} {
		m := m
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fDurMod; e.mod = m })
	}

	nums := map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "several": -1, "few": -1, "many": -1, "couple": 2, "multiple": -1, "numerous": -1}
	for w, n := range nums {
		n := n
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fNumWord; e.num = n })
	}
	units := map[string]timeUnit{"second": uSecond, "sec": uSecond, "minute": uMinute, "min": uMinute, "hour": uHour, "hr": uHour, "day": uDay, "week": uWeek, "wk": uWeek, "fortnight": uFortnight, "month": uMonth, "quarter": uQuarter, "year": uYear, "yr": uYear, "decade": uDecade, "weekend": uWeekend}
	for w, u := range units {
		u := u
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fUnit; e.unit = u })
		addLex([]string{w + "s"}, func(e *lexEntry) { e.flags |= fUnit; e.unit = u; e.plural = true })
	}
	addLex([]string{"century"}, func(e *lexEntry) { e.flags |= fUnit; e.unit = uCentury })
	addLex([]string{"centuries"}, func(e *lexEntry) { e.flags |= fUnit; e.unit = uCentury; e.plural = true })

	ords := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "final": 99, "last": 99}
	for w, n := range ords {
		n := n
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fOrdinal; e.ord = n })
	}
	for w, p := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"} {
		p := p
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fPartOfDay; e.part = p })
	}
	for w, s := range map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"} {
		s := s
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fSeason; e.season = s })
	}
	for w, d := range map[string]int{"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1} {
		d := d
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fDeictic; e.dir = d })
	}
	for w, m := range map[string]string{"early": "START", "earlier": "", "late": "END", "later": "", "mid": "MID", "end": "END", "start": "START", "beginning": "START", "middle": "MID", "close": "END", "dawn": "START", "turn": "START"} {
		m := m
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fEdge; e.mod = m })
	}
	for w, u := range map[string]timeUnit{"daily": uDay, "weekly": uWeek, "monthly": uMonth, "annually": uYear, "yearly": uYear, "annual": uYear, "hourly": uHour, "quarterly": uQuarter, "nightly": uDay, "biweekly": uFortnight, "fortnightly": uFortnight, "biannual": uYear} {
		u := u
		addLex([]string{w}, func(e *lexEntry) { e.flags |= fSetAdv; e.unit = u })
	}
	addLex([]string{"today", "yesterday", "tomorrow", "tonight", "now", "currently", "nowadays", "presently", "present", "recently", "lately", "recent", "soon", "future", "the", "every", "each", "per", "ago", "half", "noon", "midnight", "christmas", "boxing", "easter", "halloween", "thanksgiving", "new", "year's", "valentine's", "eve", "old", "a.m.", "p.m.", "a.m", "p.m", "am", "pm", "utc", "gmt", "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "mst", "mdt", "bst", "cet", "cest", "jst", "aest", "msk", "eet", "local", "times", "once", "twice", "thrice", "from", "later", "earlier", "of", "and", "or", "to", "at", "long", "fiscal", "fy", "term", "then", "moment", "more", "less", "up", "just", "near", "immediate", "foreseeable", "distant", "weekend", "time", "hours", "hrs", "but", "entire", "whole", "short", "medium"}, func(e *lexEntry) {})
	addLex([]string{"his", "her", "their", "its", "my", "our", "your"}, func(e *lexEntry) { e.flags |= fPossessive })
}

// lookupLex finds the lexicon entry of a word without allocating: the word
// is lower-cased into a stack buffer and the map lookup converts it in place.
func lookupLex(w string) *lexEntry {
	if len(w) > 24 {
		return nil
	}
	var buf [24]byte
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			if c == 0xe2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 { // ’
				buf[n] = '\''
				n++
				i += 2
				continue
			}
			return nil
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return timeLexicon()[string(buf[:n])]
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// tokenizeTimes cuts text into words, numbers and punctuation. A number keeps
// internal separators between digits ("2,000", "10:30", "7/8/07", "1.5") and
// trailing letters ("22nd", "1990s", "3pm"); a word keeps inner apostrophes
// ("Russia's"); dotted abbreviations stay whole ("p.m.", "U.S."); everything
// else is one rune. Hyphens are their own tokens so that "three-year" and
// "mid-2024" can be matched as sequences.
func tokenizeTimes(text string, sents []Sentence) []tk {
	// A long text's tokens are counted first, so that they take one
	// allocation of the exact size: a text of punctuation has a token per
	// byte, and growing the slice by appending would copy and hold it
	// several times over. A short one's are guessed at.
	n := len(text)/4 + 8
	if len(text) >= tokCountMin {
		n = 0
		for i := 0; i < len(text); {
			if c := text[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				i++
				continue
			}
			i, _, _ = timeTokEnd(text, i)
			n++
		}
	}
	toks := pooledToks[tk](&tkPool, n)
	// The numbers' tkNumbers, allocated in blocks: small at first, since
	// an article holds a few dozen numbers, then up to 256 at a time.
	var nums []tkNumber
	si := 0
	i := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		start := i
		j, kind, numEnd := timeTokEnd(text, i)
		var t tk
		switch kind {
		case tkNum:
			if len(nums) == cap(nums) {
				nums = make([]tkNumber, 0, min(256, max(16, 2*cap(nums))))
			}
			nums = nums[:len(nums)+1]
			t = tk{s: int32(start), e: int32(j), kind: tkNum, tkNumber: &nums[len(nums)-1]}
			parseNumTok(&t, text[start:numEnd], text[numEnd:j])
		case tkPossessive:
			t = tk{s: int32(start), e: int32(j), kind: tkWord, lxi: timeLexicon()["'s"].idx, tkNumber: &tkNoNumber}
		case tkWord:
			t = tk{s: int32(start), e: int32(j), kind: tkWord, tkNumber: &tkNoNumber}
			t.cap = 'A' <= c && c <= 'Z' || c >= 0x80 && isUpperAt(text, i)
			if l := lookupLex(text[start:j]); l != nil {
				t.lxi = l.idx
			}
		default:
			t = tk{s: int32(start), e: int32(j), kind: tkPunct, tkNumber: &tkNoNumber}
		}
		i = j
		for si < len(sents) && sents[si].End <= int(t.s) {
			si++
		}
		t.sent = int32(si)
		toks = append(toks, t)
	}
	return toks
}

// tokCountMin is the length of text from which the tokenizers count their
// tokens before allocating them.
const tokCountMin = 64 << 10

// tkPool and nerTokPool hold the token slices of texts of at most
// maxPooledToks tokens (nerCandPool and candOfPool FindEntities'
// candidates and their index by token), given back when FindTimes and
// FindEntities are done with them, for the next text's: an ingest extracts
// thousands of articles, and making each one's tokens anew was a sixth
// of all the bytes it allocated. Longer texts' tokens are not kept, so
// that one long text does not hold its tokens' memory ever after.
var tkPool, nerTokPool, nerCandPool, candOfPool sync.Pool

const maxPooledToks = 16 << 10

// pooledToks returns an empty slice with room for n tokens, from pool
// when it holds one with room enough.
func pooledToks[T any](pool *sync.Pool, n int) []T {
	if n <= maxPooledToks {
		if b, ok := pool.Get().(*[]T); ok && cap(*b) >= n {
			return (*b)[:0]
		}
	}
	return make([]T, 0, n)
}

// releaseToks gives toks, which nothing holds any more, back to pool
// unless it is too large to keep. It is cleared first, so that the pool
// holds no pointers into the text it came from.
func releaseToks[T any](pool *sync.Pool, toks []T) {
	if toks == nil || cap(toks) > maxPooledToks {
		return
	}
	toks = toks[:cap(toks)]
	clear(toks)
	toks = toks[:0]
	pool.Put(&toks)
}

// poolable returns toks when releaseToks would keep it, else nil, so that
// a caller holding on to it for releaseToks does not hold a long text's.
func poolable[T any](toks []T) []T {
	if cap(toks) > maxPooledToks {
		return nil
	}
	return toks
}

// tkPossessive is the kind timeTokEnd gives a split-off "'s", which
// tokenizeTimes makes a word.
const tkPossessive = tkPunct + 1

// timeTokEnd cuts the token starting at text[i], which is no space: it
// returns its end, its kind and, for a number, where the digits end.
func timeTokEnd(text string, i int) (end int, kind tkKind, numEnd int) {
	c := text[i]
	switch {
	case isASCIIDigit(c):
		j := i
		for j < len(text) {
			d := text[j]
			if isASCIIDigit(d) {
				j++
				continue
			}
			if (d == ',' || d == '.' || d == ':' || d == '/') && j+1 < len(text) && isASCIIDigit(text[j+1]) && j > i {
				j++
				continue
			}
			break
		}
		numEnd := j
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		return j, tkNum, numEnd
	case i > 0 && !isSpace(text[i-1]) && apostropheS(text, i) > 0:
		// "'s" split off its word so that "Monday's" is a weekday.
		return i + apostropheS(text, i), tkPossessive, 0
	case isASCIILetter(c) || c >= 0x80 && isLetterAt(text, i):
		j := i
		for j < len(text) {
			d := text[j]
			if isASCIILetter(d) || isASCIIDigit(d) {
				j++
				continue
			}
			if d >= 0x80 {
				if isLetterAt(text, j) {
					_, sz := utf8.DecodeRuneInString(text[j:])
					j += sz
					continue
				}
				if j+3 < len(text) && text[j:j+3] == "’" && isASCIILetter(text[j+3]) && !isPossessiveAt(text, j+3) {
					j += 3
					continue
				}
				break
			}
			if d == '\'' && j+1 < len(text) && isASCIILetter(text[j+1]) {
				if isPossessiveAt(text, j+1) {
					break
				}
				j++
				continue
			}
			break
		}
		// Dotted abbreviations: "p.m.", "a.m.", "U.S.".
		if j-i == 1 && j+2 < len(text) && text[j] == '.' && isASCIILetter(text[j+1]) && (j+2 == len(text) || !isASCIILetter(text[j+2])) {
			k := j
			for k+1 < len(text) && text[k] == '.' && isASCIILetter(text[k+1]) && (k+2 == len(text) || !isASCIILetter(text[k+2])) {
				k += 2
			}
			if k < len(text) && text[k] == '.' {
				k++
			}
			j = k
		}
		return j, tkWord, 0
	default:
		_, sz := utf8.DecodeRuneInString(text[i:])
		return i + sz, tkPunct, 0
	}
}

// isPossessiveAt reports whether text[i:] is "s" ending a word, the rest
// of a possessive or a contraction of "is".
func isPossessiveAt(text string, i int) bool {
	return i < len(text) && (text[i] == 's' || text[i] == 'S') && (i+1 == len(text) || !isASCIILetter(text[i+1]) && text[i+1] < 0x80 || text[i+1] >= 0x80 && !isLetterAt(text, i+1))
}

// apostropheS returns the length of "'s" or "’s" ending a word at text[i:],
// or 0.
func apostropheS(text string, i int) int {
	switch {
	case text[i] == '\'' && isPossessiveAt(text, i+1):
		return 2
	case strings.HasPrefix(text[i:], "’") && isPossessiveAt(text, i+3):
		return 4
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isUpperAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// parseNumTok fills the numeric fields of a number token.
func parseNumTok(t *tk, digits, suffix string) {
	plain := true
	v := 0.0
	frac := 0.0
	scale := 0.1
	inFrac := false
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		switch {
		case isASCIIDigit(c):
			if inFrac {
				frac += float64(c-'0') * scale
				scale /= 10
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == ',':
			plain = false
		case c == '.':
			plain = false
			if inFrac {
				t.num = -1
				return
			}
			inFrac = true
		default:
			plain = false
			t.num = -1
			t.suffix = lowerASCII(suffix)
			return
		}
	}
	t.num = v + frac
	t.intNum = !inFrac
	if plain {
		t.ndig = int16(min(len(digits), 100))
	}
	t.suffix = lowerASCII(suffix)
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
