package extract

// runIndex answers, for the capitalised run that segment cuts, where the
// next or last token of a kind lies, so that cutting a long run ("Acme
// Corp and Acme Corp and …") costs time in its length rather than its
// square: every piece segment recurses on would otherwise rescan the rest
// of the run. It is built only for long runs; short ones scan.
//
// It holds the sorted positions of each kind of token in the run, found
// by binary search, rather than an answer for every token of the run: a
// run of millions of words has few of most kinds, and six answers a token
// took 24 bytes a token.
type runIndex struct {
	a, b int // the run [a, b); b == a when there is no index
	// "of"; an ampersand between capitalised words; a token that may open
	// a title (see titleAt).
	ofs, amps, titles []int32
	// An organisation head in capitals; an organisation or institution
	// head (orgHeadIn); an organisation or leading head.
	orgCaps, insts, leads []int32
}

// runIndexMin is the shortest run worth an index.
const runIndexMin = 24

// index builds the run index for [a, b).
func (r *runIndex) index(n *ner, a, b int) {
	r.a, r.b = a, b
	r.ofs, r.amps, r.titles = r.ofs[:0], r.amps[:0], r.titles[:0]
	r.orgCaps, r.insts, r.leads = r.orgCaps[:0], r.insts[:0], r.leads[:0]
	for x := a; x < b; x++ {
		t := &n.toks[x]
		x32 := int32(x)
		if t.lower() == "of" {
			r.ofs = append(r.ofs, x32)
		}
		if t.lower() == "&" && x > a && x+1 < b && n.toks[x-1].cap && n.toks[x+1].cap {
			r.amps = append(r.amps, x32)
		}
		if nerTitleFirst[t.lower()] || nerTitleModifiers[t.lower()] || nerPortfolios[t.lower()] {
			r.titles = append(r.titles, x32)
		}
		if nerOrgHeads[t.lower()] && t.cap {
			r.orgCaps = append(r.orgCaps, x32)
		}
		if nerOrgHeads[t.lower()] || nerInstHeads[t.lower()] {
			r.insts = append(r.insts, x32)
		}
		if nerOrgHeads[t.lower()] || nerOrgLeadHeads[t.lower()] {
			r.leads = append(r.leads, x32)
		}
	}
}

// posFrom returns the index in the sorted positions ps of the first at or
// after x, or len(ps).
func posFrom(ps []int32, x int) int {
	lo, hi := 0, len(ps)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(ps[m]) < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// next returns the first of the positions ps at or after x, or the run's
// end.
func (r *runIndex) next(ps []int32, x int) int {
	if k := posFrom(ps, x); k < len(ps) {
		return int(ps[k])
	}
	return r.b
}

// covers reports whether the index holds [i, j).
func (r *runIndex) covers(i, j int) bool { return r.b > r.a && i >= r.a && j <= r.b && i <= j }

// firstOf returns the first "of" in [i, j), or j.
func (n *ner) firstOf(i, j int) int {
	if r := &n.ri; r.covers(i, j) {
		return min(r.next(r.ofs, i), j)
	}
	for k := i; k < j; k++ {
		if n.toks[k].lower() == "of" {
			return k
		}
	}
	return j
}

// ampIn reports whether an ampersand between capitalised words stands in
// [i, j), neither first nor last.
func (n *ner) ampIn(i, j int) bool {
	if r := &n.ri; r.covers(i, j) && i < j {
		return r.next(r.amps, i+1) < j-1
	}
	for k := i + 1; k < j-1; k++ {
		if n.toks[k].lower() == "&" && n.toks[k-1].cap && n.toks[k+1].cap {
			return true
		}
	}
	return false
}

// nextTitleAt returns the first token at or after p, before j, where
// titleAt may find a title, or j.
func (n *ner) nextTitleAt(p, j int) int {
	if r := &n.ri; r.covers(p, j) {
		return min(r.next(r.titles, p), j)
	}
	return p
}

// orgCapHeadAfter reports whether an organisation head in capitals stands
// in [k+1, j) as a head after "and" at k: two or more words on, or last.
func (n *ner) orgCapHeadAfter(k, j int) bool {
	if r := &n.ri; r.covers(k+1, j) {
		h := -1 // the last organisation head in capitals before j
		if k := posFrom(r.orgCaps, j) - 1; k >= 0 {
			h = int(r.orgCaps[k])
		}
		return h >= k+2 || h == j-1 && h >= k+1
	}
	for h := k + 1; h < j; h++ {
		if nerOrgHeads[n.toks[h].lower()] && n.toks[h].cap && (h >= k+2 || h == j-1) {
			return true
		}
	}
	return false
}

// orgOrLeadHeadIn reports whether an organisation head or leading head is
// among [i, j).
func (n *ner) orgOrLeadHeadIn(i, j int) bool {
	if r := &n.ri; r.covers(i, j) {
		return r.next(r.leads, i) < j
	}
	for h := i; h < j; h++ {
		if nerOrgHeads[n.toks[h].lower()] || nerOrgLeadHeads[n.toks[h].lower()] {
			return true
		}
	}
	return false
}

// gazAt returns the gazetteer entry of [i, j), or nil. A key is at least
// one byte a token, so a span longer than the longest key is none.
func (n *ner) gazAt(i, j int) *gazEntry {
	if j-i > nerGazKeyMax {
		return nil
	}
	return nerGaz[nerKey(n.toks, i, j)]
}
