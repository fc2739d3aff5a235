package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// qspan is one quotation: the marks and the text between them. A quotation
// running over several paragraphs (news style: no closing mark at the end
// of a paragraph, an opening mark at the start of the next) is one qspan
// per paragraph, linked by chain. Offsets and indexes take 32 bits (40
// bytes a span, not 80): 10 MiB of straight quotes holds 1.7 million.
type qspan struct {
	open, openEnd   int32 // the opening mark
	close, closeEnd int32 // the closing mark; both at the paragraph end when it continues
	start, end      int32 // the quoted text, trimmed
	chain           int32 // index of the chain's first span
	cont            bool
	sent0, sent1    int32 // sentences holding the opening and the closing mark
	direct          bool  // attributed by a speech verb next to it
}

const (
	qLquo = "“"
	qRquo = "”"
)

// scanQuotes finds the quotations of text, paragraph by paragraph. Single
// quotation marks are not quotations of their own: ’ is far more often an
// apostrophe ("We’ve", "Rutte’s"), and ‘…’ inside “…” stays part of the
// outer text.
func scanQuotes(text string) []qspan {
	// Spans are gathered in blocks: a text of a million quotations
	// does not copy them over and over as one slice grows.
	var spans blockList[qspan]
	prevOpen := -1 // index of a span whose quotation continues into the next paragraph
	for ps := 0; ps < len(text); {
		pe := strings.IndexByte(text[ps:], '\n')
		if pe < 0 {
			pe = len(text)
		} else {
			pe += ps
		}
		first := true
		nc := qNextClose{text: text, pe: pe, rq: -1, sq: -1}
		var ss *qSingleCloses
		for i := ps; i < pe; {
			c := text[i]
			if c != '"' && c != 0xE2 && c != '\'' {
				i++
				continue
			}
			if c == '\'' || strings.HasPrefix(text[i:], qLsquo) {
				// British style: ‘…’ or '…' at the top level.
				openEnd, ok := qSingleOpens(text, ps, pe, i)
				if !ok {
					i++
					continue
				}
				if ss == nil {
					ss = newQSingleCloses(text, ps, pe)
				}
				cl, clEnd := ss.find(openEnd)
				sp := qspan{open: int32(i), openEnd: int32(openEnd), close: int32(cl), closeEnd: int32(clEnd)}
				sp.chain = int32(spans.n)
				if first && prevOpen >= 0 && strings.TrimSpace(text[ps:i]) == "" {
					sp.chain = spans.at(prevOpen).chain
					sp.cont = true
				}
				prevOpen = -1
				first = false
				if cl < 0 {
					if !qNextParagraphOpensSingle(text, pe) {
						i = openEnd
						continue
					}
					sp.close, sp.closeEnd = int32(pe), int32(pe)
					prevOpen = spans.n
				}
				sp.start, sp.end = qInner32(text, sp.openEnd, sp.close)
				spans.add(sp)
				i = max(int(sp.closeEnd), i+1)
				continue
			}
			curly := strings.HasPrefix(text[i:], qLquo)
			if !curly && !(c == '"' && isOpeningStraightQuote(text[ps:], i-ps)) {
				i++
				continue
			}
			openEnd := i + 1
			if curly {
				openEnd = i + len(qLquo)
			}
			if openEnd < pe && (text[openEnd] == ' ' || text[openEnd] == '\t') && !curly {
				// A lone straight mark with space after it opens nothing.
				i = openEnd
				continue
			}
			cl, clEnd := nc.find(openEnd, curly)
			sp := qspan{open: int32(i), openEnd: int32(openEnd), close: int32(cl), closeEnd: int32(clEnd)}
			sp.chain = int32(spans.n)
			if first && prevOpen >= 0 && strings.TrimSpace(text[ps:i]) == "" {
				sp.chain = spans.at(prevOpen).chain
				sp.cont = true
			}
			prevOpen = -1
			first = false
			if cl < 0 {
				// Unclosed: a quotation going on in the next paragraph, or
				// a stray mark to ignore.
				if !qNextParagraphOpens(text, pe) {
					i = openEnd
					continue
				}
				sp.close, sp.closeEnd = int32(pe), int32(pe)
				prevOpen = spans.n
			}
			sp.start, sp.end = qInner32(text, sp.openEnd, sp.close)
			spans.add(sp)
			i = int(sp.closeEnd)
		}
		if first {
			prevOpen = -1
		}
		ps = pe + 1
	}
	return spans.flat()
}

// qNextClose finds closing marks in one paragraph. It remembers the next
// ” and the next straight mark after the last search, so that a paragraph
// full of marks that never close is still read in linear time.
type qNextClose struct {
	text   string
	pe     int // the paragraph end
	rq, sq int // next ” and next " at or after the last search; pe when none; -1 before any search
	rqFrom int // where rq was searched from
	sqFrom int
}

// next returns the position of the first mark at or after from, using
// and updating the cache pos (searched from *at).
func (n *qNextClose) next(mark string, from int, pos, at *int) int {
	if *pos >= from && *at <= from {
		return *pos
	}
	*at = from
	if j := strings.Index(n.text[from:n.pe], mark); j >= 0 {
		*pos = from + j
	} else {
		*pos = n.pe
	}
	return *pos
}

// find returns the closing mark of a quotation opened before from, or -1.
// A curly quotation closes at ”, or at a straight mark when the writer
// mixed them; a straight one at the first mark of either kind.
func (n *qNextClose) find(from int, curly bool) (int, int) {
	r := n.next(qRquo, from, &n.rq, &n.rqFrom)
	q := n.next(`"`, from, &n.sq, &n.sqFrom)
	switch {
	case curly && r < n.pe:
		return r, r + len(qRquo)
	case curly && q < n.pe:
		return q, q + 1
	case !curly && q < n.pe && q < r:
		return q, q + 1
	case !curly && r < n.pe:
		return r, r + len(qRquo)
	}
	return -1, -1
}

const (
	qLsquo = "‘"
	qRsquo = "’"
)

// qSingleOpens reports whether the single mark at i opens a quotation:
// ‘ or ' at the start of a word (after a space, a bracket, a dash or a
// colon), before a letter or digit, and not an elided year ('90s) or word
// ('em). It returns the end of the mark.
func qSingleOpens(text string, ps, pe, i int) (int, bool) {
	openEnd := i + 1
	if text[i] != '\'' {
		openEnd = i + len(qLsquo)
	}
	if i > ps {
		r, _ := utf8.DecodeLastRuneInString(text[ps:i])
		if !(unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '–' || r == ':' || r == '“' || r == '"') {
			return 0, false
		}
	}
	if openEnd >= pe {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(text[openEnd:pe])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '…' {
		return 0, false
	}
	rest := text[openEnd:pe]
	if len(rest) >= 3 && rest[0] >= '0' && rest[0] <= '9' && rest[1] >= '0' && rest[1] <= '9' && rest[2] == 's' {
		return 0, false // the '90s
	}
	w := rest
	if k := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
		w = w[:k]
	}
	switch strings.ToLower(w) {
	case "em", "til", "tis", "twas", "n":
		return 0, false
	}
	return openEnd, true
}

// qSingleCloses holds the closing candidates of single quotations in one
// paragraph: a ’ or ' after a non-space and before a space, punctuation or
// the paragraph end. One after s and before a word ("the nurses’ letter")
// is ambiguous: a plural possessive as often as a closing mark.
type qSingleCloses struct {
	pos, end []int
	amb      []bool
	opens    []int // openers, to tell a possessive inside from two quotations
}

func newQSingleCloses(text string, ps, pe int) *qSingleCloses {
	s := &qSingleCloses{}
	for i := ps; i < pe; i++ {
		c := text[i]
		if c != '\'' && c != 0xE2 {
			continue
		}
		size := 1
		if c == 0xE2 {
			switch {
			case strings.HasPrefix(text[i:], qRsquo):
				size = len(qRsquo)
			case strings.HasPrefix(text[i:], qLsquo):
				if _, ok := qSingleOpens(text, ps, pe, i); ok {
					s.opens = append(s.opens, i)
				}
				continue
			default:
				continue
			}
		} else if _, ok := qSingleOpens(text, ps, pe, i); ok {
			s.opens = append(s.opens, i)
			continue
		}
		if i == ps {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[ps:i])
		if unicode.IsSpace(prev) {
			continue
		}
		amb := false
		if i+size < pe {
			next, _ := utf8.DecodeRuneInString(text[i+size : pe])
			if unicode.IsLetter(next) || unicode.IsDigit(next) {
				continue // an apostrophe inside a word
			}
			if (prev == 's' || prev == 'S') && next == ' ' && i+size+1 < pe {
				n2, _ := utf8.DecodeRuneInString(text[i+size+1 : pe])
				amb = unicode.IsLetter(n2) || unicode.IsDigit(n2)
			}
		}
		s.pos = append(s.pos, i)
		s.end = append(s.end, i+size)
		s.amb = append(s.amb, amb)
	}
	return s
}

// find returns the closing mark of a single quotation opened before from,
// or -1: the first candidate after it, except that an ambiguous one gives
// way to a clear one that follows before any other quotation opens.
func (s *qSingleCloses) find(from int) (int, int) {
	k := sort.SearchInts(s.pos, from)
	if k >= len(s.pos) {
		return -1, -1
	}
	if s.amb[k] {
		o := sort.SearchInts(s.opens, s.pos[k])
		nextOpen := math.MaxInt
		if o < len(s.opens) {
			nextOpen = s.opens[o]
		}
		for j := k + 1; j < len(s.pos) && s.pos[j] < nextOpen; j++ {
			if !s.amb[j] {
				return s.pos[j], s.end[j]
			}
		}
	}
	return s.pos[k], s.end[k]
}

// qNextParagraphOpensSingle reports whether the first non-blank paragraph
// after pe starts with an opening single mark.
func qNextParagraphOpensSingle(text string, pe int) bool {
	rest := strings.TrimLeftFunc(text[min(pe, len(text)):], unicode.IsSpace)
	return strings.HasPrefix(rest, qLsquo) || strings.HasPrefix(rest, "'")
}

// nextParagraphOpens reports whether the first non-blank paragraph after
// the line break at pe starts with an opening quotation mark.
func qNextParagraphOpens(text string, pe int) bool {
	rest := strings.TrimLeftFunc(text[min(pe, len(text)):], unicode.IsSpace)
	return strings.HasPrefix(rest, qLquo) || strings.HasPrefix(rest, `"`)
}

// qInner trims the quoted text between the marks: white space, and a
// final comma that belongs to the sentence around the quotation
// (“…today,” Trump said) rather than to the words quoted.
// qInner32 is qInner on a span's 32-bit offsets.
func qInner32(text string, s, e int32) (int32, int32) {
	is, ie := qInner(text, int(s), int(e))
	return int32(is), int32(ie)
}

func qInner(text string, s, e int) (int, int) {
	s, e = trimSpan(text, s, e)
	if e > s && text[e-1] == ',' {
		e--
		_, e = trimSpan(text, s, e)
	}
	// Stray marks of a broken quotation never belong to the words.
	for e > s {
		switch {
		case text[e-1] == '"':
			e--
		case strings.HasSuffix(text[s:e], qRquo) || strings.HasSuffix(text[s:e], qLquo):
			e -= len(qRquo)
		case text[s] == '"':
			s++
		case strings.HasPrefix(text[s:e], qRquo) || strings.HasPrefix(text[s:e], qLquo):
			s += len(qRquo)
		default:
			s, e = trimSpan(text, s, e)
			if e > s && text[e-1] == ',' {
				e--
				continue
			}
			return s, e
		}
	}
	return s, e
}

// qtok is a token of the prose around quotations: a word, a punctuation
// mark, or a whole quotation (k 'q', q its span index). Offsets and index
// take 32 bits (16 bytes a token, not 32): the scan of a text dense with
// quotation marks keeps a token per mark.
type qtok struct {
	s, e int32
	k    byte
	q    int32
}

// tokens splits text[a:b] into words, punctuation and whole quotations.
func (c *quoteCtx) tokens(a, b int) []qtok { return c.tokensMax(a, b, -1) }

// tokensMax is tokens stopping after n tokens when n >= 0.
//
// Every quotation's attribution reads the tokens of a window of up to
// qWindow bytes around it, so a text dense with quotation marks would
// tokenize each byte hundreds of times. The scanner's state is only its
// position and the next quotation, so once a scan from a has emitted a
// token that the scan of the whole text (c.all) also emits, in the same
// state, the rest up to b is that scan's tokens: tokensMax scans only
// until it meets them, then copies, and scans again only for a word that
// b cuts short.
func (c *quoteCtx) tokensMax(a, b, n int) []qtok {
	b = min(b, len(c.text))
	k := c.spanAfter(a)
	if k > 0 && int(c.spans[k-1].closeEnd) > a {
		k--
	}
	all := c.allTokens()
	if all.toks == nil {
		return c.scanTokens(a, b, n, k)
	}
	var buf [8]qtok
	pre := buf[:0]
	for i := a; i < b && len(pre) != n; {
		t, ok, ni, nk := c.scanStep(i, k, b)
		i, k = ni, nk
		if !ok {
			continue
		}
		pre = append(pre, t)
		g, synced := all.find(t, i, k)
		if !synced {
			continue
		}
		// The whole scan's tokens after g that start before b, the last
		// perhaps a word that b cuts short.
		lo := g + 1
		hi := lo + sort.Search(len(all.toks)-lo, func(x int) bool { return int(all.toks[lo+x].s) >= b })
		if n >= 0 {
			// A word that b cuts short past the n-th token is not
			// returned, so it must not stop the window being shared:
			// each quotation reads 25 tokens after it in 400 bytes,
			// and copying them took 110 MB on 10 MiB of attributed
			// quotes.
			hi = min(hi, lo+n-len(pre))
		}
		cut := hi > lo && all.toks[hi-1].k == 'w' && int(all.toks[hi-1].e) > b
		if cut {
			hi--
		}
		if len(pre) == 1 && !cut {
			// The window is a stretch of the whole scan: share it.
			if n >= 0 {
				hi = min(hi, g+n)
			}
			return all.toks[g:hi:hi]
		}
		total := len(pre) + hi - lo
		if cut {
			total++
		}
		if n >= 0 {
			total = min(total, n)
		}
		toks := make([]qtok, 0, total)
		toks = append(toks, pre...)
		for x := lo; x < hi && len(toks) < total; x++ {
			toks = append(toks, all.toks[x])
		}
		if cut && len(toks) < total {
			at := all.toks[hi]
			t, _, _, _ := c.scanStep(int(at.s), all.kBefore(hi), b)
			toks = append(toks, t)
		}
		return toks
	}
	return append(make([]qtok, 0, len(pre)), pre...)
}

// scanTokens is tokensMax scanning all of text[a:b], from the quotation
// k on.
func (c *quoteCtx) scanTokens(a, b, n, k int) []qtok {
	capacity := max(8, (b-a)/6)
	if n >= 0 {
		capacity = min(capacity, n)
	}
	toks := make([]qtok, 0, capacity)
	for i := a; i < b && len(toks) != n; {
		t, ok, ni, nk := c.scanStep(i, k, b)
		i, k = ni, nk
		if ok {
			toks = append(toks, t)
		}
	}
	return toks
}

// scanStep is one step of the scanner at position i with k the next
// quotation, reading no further than b: it returns the token emitted if
// any, and the next position and quotation.
func (c *quoteCtx) scanStep(i, k, b int) (qtok, bool, int, int) {
	text := c.text
	if k < len(c.spans) && int(c.spans[k].open) <= i {
		sp := c.spans[k]
		return qtok{s: int32(sp.open), e: int32(sp.closeEnd), k: 'q', q: int32(k)}, true, max(i+1, int(sp.closeEnd)), k + 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case unicode.IsSpace(r):
		return qtok{}, false, i + size, k
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		j := i + size
		for j < b {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += s2
				continue
			}
			if r2 == '’' || r2 == '\'' || r2 == '.' || r2 == '-' || r2 == '&' {
				if j+s2 < b {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				if r2 == '.' && qIsAbbrev(text[i:j]) {
					j += s2
				}
			}
			break
		}
		return qtok{s: int32(i), e: int32(j), k: 'w'}, true, j, k
	default:
		return qtok{s: int32(i), e: int32(i + size), k: 'p'}, true, i + size, k
	}
}

// qAllToks is the scan of the whole text, with the scanner's next
// quotation after each token. It is used only when the scan resumes at
// each token's end and the tokens' starts increase, as they do but for
// quotations found inside a word; toks is nil otherwise. Windows share its
// tokens where they can, so callers must not write to what tokens returns.
type qAllToks struct {
	toks   []qtok
	kAfter []int32
}

// allTokens scans the whole text once, on first use.
func (c *quoteCtx) allTokens() *qAllToks {
	if c.all != nil {
		return c.all
	}
	c.all = &qAllToks{}
	// Worth it only where the windows around the quotations would cover
	// the text several times over.
	if len(c.text) >= 1<<31-1 || len(c.spans)*qWindow < 4*len(c.text) {
		return c.all
	}
	// Count the tokens first, so that they take one allocation each of
	// the exact size.
	count, k := 0, 0
	for i := 0; i < len(c.text); {
		var ok bool
		_, ok, i, k = c.scanStep(i, k, len(c.text))
		if ok {
			count++
		}
	}
	toks := make([]qtok, 0, count)
	kAfter := make([]int32, 0, count)
	k = 0
	for i := 0; i < len(c.text); {
		t, ok, ni, nk := c.scanStep(i, k, len(c.text))
		i, k = ni, nk
		if !ok {
			continue
		}
		if i != int(t.e) || len(toks) > 0 && toks[len(toks)-1].s >= t.s {
			return c.all
		}
		toks = append(toks, t)
		kAfter = append(kAfter, int32(k))
	}
	c.all.toks, c.all.kAfter = toks, kAfter
	return c.all
}

// find returns the index of the token of the whole scan that t is, when
// the scan after t resumes at i with k the next quotation as it does
// there.
func (all *qAllToks) find(t qtok, i, k int) (int, bool) {
	g := sort.Search(len(all.toks), func(g int) bool { return all.toks[g].s >= t.s })
	if g == len(all.toks) {
		return 0, false
	}
	return g, all.toks[g] == t && i == int(t.e) && int(all.kAfter[g]) == k
}

// kBefore is the scanner's next quotation before token g.
func (all *qAllToks) kBefore(g int) int {
	if g == 0 {
		return 0
	}
	return int(all.kAfter[g-1])
}

// qIsAbbrev reports whether the word w keeps its full stop: a known
// abbreviation ("Oct", "Mr", "U.S") or an initial.
func qIsAbbrev(w string) bool {
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	if len(w) > 5 {
		return false
	}
	return abbreviations[strings.ToLower(w)] || (strings.Contains(w, ".") && allLettersAndDots(w))
}
