package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nerTok is one token of the text as FindEntities sees it: a word (letters,
// digits, internal apostrophes and the dots of "U.S." or "Mr."), a
// possessive "’s", or a single punctuation rune.
type nerTok struct {
	s, e  int
	lower string
	word  bool // starts with a letter or digit
	cap   bool // starts with an upper-case letter
	upper bool // every letter upper case, at least two letters
	digit bool // starts with a digit
	poss  bool // this token is the possessive "’s" or a trailing "’"
	space bool // white space precedes it
	nl    bool // a line break precedes it
}

// nerAbbrevDot are words whose full stop belongs to the word.
var nerAbbrevDot = nerSet("mr,mrs,ms,dr,prof,smt,shri,cllr,eng,sr,jr,st,gen,col,lt,sgt,capt,cmdr,adm,gov,sen,rep,rev,hon,pres,inc,corp,co,ltd,no,vs,mt,ft,dept,univ,jan,feb,mar,apr,jun,jul,aug,sep,sept,oct,nov,dec,bros")

func nerIsApos(r rune) bool { return r == '\'' || r == '’' }

// nerTokenize splits text into tokens in one pass.
func nerTokenize(text string) []nerTok {
	toks := make([]nerTok, 0, len(text)/5)
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
			if j < len(text) && text[j] == '.' {
				w := strings.ToLower(text[start:j])
				if dots > 0 && !unicode.IsDigit(r) || nerAbbrevDot[w] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)) {
					j++
				}
			}
			toks = append(toks, nerMakeTok(text, start, j, space, nl))
			i = j
		} else if nerIsApos(r) && len(toks) > 0 && !space && toks[len(toks)-1].word {
			// Possessive "’s" or the bare "’" of "leaders’".
			j := i + size
			if j < len(text) && (text[j] == 's' || text[j] == 'S') && !nerLetterAt(text, j+1) {
				j++
			}
			if j > i+size || !nerLetterAt(text, j) {
				toks = append(toks, nerTok{s: i, e: j, lower: strings.ToLower(text[i:j]), poss: true, space: space, nl: nl})
			} else {
				toks = append(toks, nerTok{s: i, e: j, lower: text[i:j], space: space, nl: nl})
			}
			i = j
		} else {
			toks = append(toks, nerTok{s: i, e: i + size, lower: text[i : i+size], space: space, nl: nl})
			i += size
		}
		space, nl = false, false
	}
	return toks
}

func nerMakeTok(text string, s, e int, space, nl bool) nerTok {
	w := text[s:e]
	t := nerTok{s: s, e: e, word: true, space: space, nl: nl}
	t.lower = strings.ToLower(w)
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
		return toks[i].lower
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && toks[k].space {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].lower)
	}
	return b.String()
}
