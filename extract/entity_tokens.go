package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// nerTok is one token of the text as FindEntities sees it: a word (letters,
// digits, internal apostrophes and the dots of "U.S." or "Mr."), a
// possessive "’s", or a single punctuation rune.
//
// A text of punctuation has a token per byte, so the byte offsets take 32
// bits (a text is capped far below 2 GiB): 32 bytes a token rather than 40,
// 80 MB less for 10 MiB of quotation marks (and 24 since: see lp).
type nerTok struct {
	s, e int32
	// lp points at the bytes of the token's lower-cased form, e-s of them
	// (see lower): at its own bytes in the text when the word is its own
	// lower-cased form (every punctuation mark, most words), else at
	// those of the string nerLowers made; when lower-casing changed the
	// length (lowOdd, rare) at that string itself. A pointer rather than
	// a string makes a token 24 bytes rather than 32: 80 MB less for 10
	// MiB of quotation marks.
	lp     unsafe.Pointer
	lowOdd bool
	word   bool // starts with a letter or digit
	cap    bool // starts with an upper-case letter
	upper  bool // every letter upper case, at least two letters
	digit  bool // starts with a digit
	poss   bool // this token is the possessive "’s" or a trailing "’"
	space  bool // white space precedes it
	nl     bool // a line break precedes it
}

// nerAbbrevDot are words whose full stop belongs to the word.
var nerAbbrevDot = nerSet("mr,mrs,ms,dr,prof,smt,shri,cllr,eng,ir,atty,engr,ma,sr,jr,st,gen,col,lt,sgt,capt,cmdr,adm,gov,sen,rep,rev,hon,pres,inc,corp,co,ltd,no,vs,mt,ft,dept,univ,jan,feb,mar,apr,jun,jul,aug,sep,sept,oct,nov,dec,bros")

func nerIsApos(r rune) bool { return r == '\'' || r == '’' }

// nerTokenize splits text into tokens. A long text's tokens are counted
// first, so that they take one allocation of the exact size: a text of
// punctuation has a token per byte or two, and growing the slice by
// appending would copy and hold it several times over. A short one's are
// guessed at one per four bytes: news prose has about one per five (0.196
// over MEANTIME), and a guess of exactly that left a third of the
// articles growing the slice, twice the size, at their last tokens.
func nerTokenize(text string) []nerTok {
	return nerTokenizeInto(nil, text)
}

// nerTokenizeInto is nerTokenize taking its slice from pool when not
// nil (see pooledToks).
func nerTokenizeInto(pool *sync.Pool, text string) []nerTok {
	n := len(text)/4 + 8
	if len(text) >= tokCountMin {
		n = 0
		space, prevWord := true, false
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
			var kind byte
			i, kind = nerTokEnd(text, i, r, size, space, prevWord)
			prevWord = kind == 'w'
			space = false
			n++
		}
	}
	var toks []nerTok
	if pool != nil {
		toks = pooledToks[nerTok](pool, n)
	} else {
		toks = make([]nerTok, 0, n)
	}
	lowers := nerLowers{on: len(text) >= tokCountMin}
	space, nl := true, true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			space = true
			if r == '\n' {
				nl = true
			}
			i += size
			continue
		}
		j, kind := nerTokEnd(text, i, r, size, space, len(toks) > 0 && toks[len(toks)-1].word)
		switch kind {
		case 'w':
			toks = append(toks, nerMakeTok(text, i, j, space, nl, &lowers))
		case 's':
			t := nerTok{s: int32(i), e: int32(j), poss: true, space: space, nl: nl}
			lowers.point(&t, text[i:j], strings.ToLower(text[i:j]))
			toks = append(toks, t)
		default:
			t := nerTok{s: int32(i), e: int32(j), space: space, nl: nl}
			lowers.point(&t, text[i:j], text[i:j])
			toks = append(toks, t)
		}
		i = j
		space, nl = false, false
	}
	return toks
}

// nerTokEnd cuts the token starting with the rune r of the given size at
// text[i]: it returns the token's end and its kind, 'w' for a word, 's'
// for a possessive and 'p' for anything else. space tells whether white
// space precedes it, prevWord whether the token before is a word.
func nerTokEnd(text string, i int, r rune, size int, space, prevWord bool) (int, byte) {
	start := i
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		j := i + size
		dots := 0
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
				j += s2
				continue
			}
			if r2 == '.' && j+1 < len(text) {
				// "U.S" inside an initialism; "3.5" inside a number.
				n, _ := utf8.DecodeRuneInString(text[j+1:])
				if (unicode.IsLetter(n) && nerLastSegmentShort(text[start:j])) || (unicode.IsDigit(n) && unicode.IsDigit(r)) {
					dots++
					j++
					continue
				}
			}
			if nerIsApos(r2) && j+s2 < len(text) {
				n, ns := utf8.DecodeRuneInString(text[j+s2:])
				if unicode.IsLetter(n) {
					// Split the possessive "’s"; keep "O’Leary", "don’t".
					if (n == 's' || n == 'S') && !nerLetterAt(text, j+s2+ns) {
						break
					}
					j += s2
					continue
				}
			}
			if r2 == '&' && j+1 < len(text) && nerUpperAt(text, j+1) && nerUpperAt(text, start) {
				j++ // AT&T
				continue
			}
			break
		}
		// Trailing full stop of an initialism ("U.S.") or abbreviation.
		// An initialism needs no lower-casing, which would allocate.
		if j < len(text) && text[j] == '.' {
			if dots > 0 && !unicode.IsDigit(r) {
				j++
			} else if w := strings.ToLower(text[start:j]); nerAbbrevDot[w] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)) {
				j++
			}
		}
		return j, 'w'
	}
	if nerIsApos(r) && prevWord && !space {
		// Possessive "’s" or the bare "’" of "leaders’".
		j := i + size
		if j < len(text) && (text[j] == 's' || text[j] == 'S') && !nerLetterAt(text, j+1) {
			j++
		}
		if j > i+size || !nerLetterAt(text, j) {
			return j, 's'
		}
		return j, 'p'
	}
	return i + size, 'p'
}

func nerMakeTok(text string, s, e int, space, nl bool, lowers *nerLowers) nerTok {
	w := text[s:e]
	t := nerTok{s: int32(s), e: int32(e), word: true, space: space, nl: nl}
	lowers.point(&t, w, lowers.lower(w))
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	t.digit = unicode.IsDigit(r)
	letters, uppers := 0, 0
	for _, c := range w {
		if unicode.IsLetter(c) {
			letters++
			if unicode.IsUpper(c) {
				uppers++
			}
		}
	}
	t.upper = letters >= 2 && uppers == letters
	return t
}

// nerLowers keeps the lower-cased form of the capitalised words of one
// long text, so that a word the text repeats is lower-cased into one
// string rather than one a token: 10 MiB of "U.S. " has 2 million, each a
// string of its own besides its token. Lower-case words need no copy;
// past nerLowersMax distinct words the rest are lower-cased one by one, so
// a text of ever new words does not grow the map without bound. A short
// text (on false) repeats too few words for the map to pay: its words are
// lower-cased one by one.
type nerLowers struct {
	on bool
	m  map[string]string
	// blk is the block the strings of tokens whose lower-cased form
	// differs in length from the word are taken from (see point).
	blk []string
}

// lower returns the token's lower-cased form.
func (t *nerTok) lower() string {
	if t.lowOdd {
		return *(*string)(t.lp)
	}
	return unsafe.String((*byte)(t.lp), int(t.e-t.s))
}

// point makes t point at lw, the lower-cased form of its text w: at the
// bytes of lw, which are w's own when the word is its own lower-cased
// form (every punctuation mark, most words), or, in the rare case that
// lower-casing changed the length, at a string of its own.
func (l *nerLowers) point(t *nerTok, w, lw string) {
	if len(lw) == len(w) {
		t.lp = unsafe.Pointer(unsafe.StringData(lw))
		return
	}
	if len(l.blk) == cap(l.blk) {
		l.blk = make([]string, 0, 16)
	}
	l.blk = append(l.blk, lw)
	t.lp, t.lowOdd = unsafe.Pointer(&l.blk[len(l.blk)-1]), true
}

const nerLowersMax = 1 << 14

// lower returns strings.ToLower(w).
func (l *nerLowers) lower(w string) string {
	if !l.on {
		return strings.ToLower(w)
	}
	ascii := true
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if ascii && !upper {
		return w
	}
	if s, ok := l.m[w]; ok {
		return s
	}
	s := strings.ToLower(w)
	if l.m == nil {
		l.m = make(map[string]string)
	}
	if len(l.m) < nerLowersMax {
		l.m[w] = s
	}
	return s
}

// nerLastSegmentShort reports whether the text after the last dot of w is a
// single letter, as in "U" or "U.S".
func nerLastSegmentShort(w string) bool {
	if k := strings.LastIndexByte(w, '.'); k >= 0 {
		w = w[k+1:]
	}
	return utf8.RuneCountInString(w) == 1
}

func nerLetterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func nerUpperAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// nerKey is the lookup key of toks[i:j]: lower-case words joined by one
// space where the text had white space, so that "Secretary-General" and
// "secretary-general" agree and "U.S." stays one word.
func nerKey(toks []nerTok, i, j int) string {
	if j-i == 1 {
		return toks[i].lower()
	}
	// Size the key first: a long run's key would otherwise be copied as
	// it doubles.
	n := 0
	for k := i; k < j; k++ {
		if k > i && toks[k].space {
			n++
		}
		n += len(toks[k].lower())
	}
	var b strings.Builder
	b.Grow(n)
	for k := i; k < j; k++ {
		if k > i && toks[k].space {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].lower())
	}
	return b.String()
}

// nerKeySpans holds the key of toks[i:j] together with where the key of
// each toks[i:k], i < k <= j, ends in it: those keys are its prefixes. A
// lookup of every span from i, longest first, then builds one key rather
// than one a span.
type nerKeySpans struct {
	toks []nerTok
	i, j int
	key  string
	ends [16]int // ends[k-i-1] is the length of the key of toks[i:k]
}

// set makes r hold the spans of toks from i to at most j.
func (r *nerKeySpans) set(toks []nerTok, i, j int) {
	r.toks, r.i, r.j = toks, i, j
	if j-i > len(r.ends) {
		return // at builds each key
	}
	n := 0
	for k := i; k < j; k++ {
		if k > i && toks[k].space {
			n++
		}
		n += len(toks[k].lower())
		r.ends[k-i] = n
	}
	r.key = nerKey(toks, i, j)
}

// at returns the key of toks[r.i:k].
func (r *nerKeySpans) at(k int) string {
	if r.j-r.i > len(r.ends) {
		return nerKey(r.toks, r.i, k)
	}
	return r.key[:r.ends[k-r.i-1]]
}
