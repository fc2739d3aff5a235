package extract

import "sort"

// spanSetLinear is the number of spans up to which callers scan them
// rather than build a spanSet.
const spanSetLinear = 16

// spanSet holds byte spans [start, end) and answers whether a position
// lies in one of them in logarithmic time, so that asking it for every
// word of a long sentence costs no more than the sentence's length times
// a logarithm.
type spanSet struct {
	starts, ends []int // the spans, sorted by start
	// maxEnd[k] is the largest end among the spans up to k.
	maxEnd []int
	// minEnd and maxStart are the smallest end and the largest start.
	minEnd, maxStart int
	sortedEnds       []int // the ends in order, built on demand
}

// newSpanSet builds the set of the n spans span(0), …, span(n-1), or
// returns nil when n is at most spanSetLinear: a scan is then cheaper.
func newSpanSet(n int, span func(i int) (start, end int)) *spanSet {
	if n <= spanSetLinear {
		return nil
	}
	s := &spanSet{starts: make([]int, n), ends: make([]int, n)}
	sorted := true
	for i := 0; i < n; i++ {
		s.starts[i], s.ends[i] = span(i)
		if i > 0 && s.starts[i] < s.starts[i-1] {
			sorted = false
		}
	}
	s.minEnd, s.maxStart = s.ends[0], s.starts[0]
	for i := 1; i < n; i++ {
		s.minEnd = min(s.minEnd, s.ends[i])
		s.maxStart = max(s.maxStart, s.starts[i])
	}
	if !sorted {
		sort.Sort(byStart{s})
	}
	s.maxEnd = make([]int, n)
	m := s.ends[0]
	for i := range s.ends {
		m = max(m, s.ends[i])
		s.maxEnd[i] = m
	}
	return s
}

type byStart struct{ s *spanSet }

func (b byStart) Len() int           { return len(b.s.starts) }
func (b byStart) Less(i, j int) bool { return b.s.starts[i] < b.s.starts[j] }
func (b byStart) Swap(i, j int) {
	b.s.starts[i], b.s.starts[j] = b.s.starts[j], b.s.starts[i]
	b.s.ends[i], b.s.ends[j] = b.s.ends[j], b.s.ends[i]
}

// contains reports whether some span holds at: start <= at < end.
func (s *spanSet) contains(at int) bool {
	// The spans starting at or before at; one of them holds at if the
	// furthest reaching does.
	k := sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > at })
	return k > 0 && s.maxEnd[k-1] > at
}

// endsBy reports whether some span ends at or before pos.
func (s *spanSet) endsBy(pos int) bool { return s.minEnd <= pos }

// startsFrom reports whether some span starts at or after pos.
func (s *spanSet) startsFrom(pos int) bool { return s.maxStart >= pos }

// anyEndIn reports whether f holds for the end of some span ending in
// [lo, hi]; f is asked once for each distinct end there.
func (s *spanSet) anyEndIn(lo, hi int, f func(end int) bool) bool {
	if s.sortedEnds == nil {
		s.sortedEnds = append([]int(nil), s.ends...)
		sort.Ints(s.sortedEnds)
	}
	k := sort.SearchInts(s.sortedEnds, lo)
	for ; k < len(s.sortedEnds) && s.sortedEnds[k] <= hi; k++ {
		if k > 0 && s.sortedEnds[k] == s.sortedEnds[k-1] {
			continue
		}
		if f(s.sortedEnds[k]) {
			return true
		}
	}
	return false
}

// timeSpans is the spanSet of times, or nil for few.
func timeSpans(ts []Time) *spanSet {
	return newSpanSet(len(ts), func(i int) (int, int) { return ts[i].Start, ts[i].End })
}

// mentionSpans is the spanSet of mentions, or nil for few.
func mentionSpans(ms []Mention) *spanSet {
	return newSpanSet(len(ms), func(i int) (int, int) { return ms[i].Start, ms[i].End })
}

// tokBits holds a bit for each token of a text: a text of punctuation has
// a token per byte, and a bool each would take eight times the room.
type tokBits []uint64

func newTokBits(n int) tokBits { return make(tokBits, (n+63)/64) }

// has reports whether token i's bit is set.
func (b tokBits) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// set sets or clears token i's bit.
func (b tokBits) set(i int, v bool) {
	if v {
		b[i>>6] |= 1 << (uint(i) & 63)
	} else {
		b[i>>6] &^= 1 << (uint(i) & 63)
	}
}
