package extract

// runIndex answers, for the capitalised run that segment cuts, where the
// next or last token of a kind lies, so that cutting a long run ("Acme
// Corp and Acme Corp and …") costs time in its length rather than its
// square: every piece segment recurses on would otherwise rescan the rest
// of the run. It is built only for long runs; short ones scan.
type runIndex struct {
	a, b int // the run [a, b); b == a when there is no index
	// For x in [a, b]: the first token at or after x that is "of", an
	// ampersand between capitalised words, or may open a title (see
	// titleAt), else b.
	nextOf, nextAmp, nextTitle []int32
	// For x in [a, b]: the last token before x (and from a) that is an
	// organisation head in capitals, else -1.
	lastOrgCap []int32
	// For x in [a, b]: how many tokens of [a, x) are organisation or
	// institution heads (orgHeadIn), and organisation or leading heads.
	orgInst, orgLead []int32
}

// runIndexMin is the shortest run worth an index.
const runIndexMin = 24

// index builds the run index for [a, b).
func (r *runIndex) index(n *ner, a, b int) {
	l := b - a + 1
	grow := func(s []int32) []int32 {
		if cap(s) < l {
			return make([]int32, l)
		}
		return s[:l]
	}
	r.a, r.b = a, b
	r.nextOf, r.nextAmp, r.nextTitle = grow(r.nextOf), grow(r.nextAmp), grow(r.nextTitle)
	r.lastOrgCap, r.orgInst, r.orgLead = grow(r.lastOrgCap), grow(r.orgInst), grow(r.orgLead)
	r.nextOf[l-1], r.nextAmp[l-1], r.nextTitle[l-1] = int32(b), int32(b), int32(b)
	for x := b - 1; x >= a; x-- {
		t := &n.toks[x]
		nx := x - a
		r.nextOf[nx], r.nextAmp[nx], r.nextTitle[nx] = r.nextOf[nx+1], r.nextAmp[nx+1], r.nextTitle[nx+1]
		if t.lower == "of" {
			r.nextOf[nx] = int32(x)
		}
		if t.lower == "&" && x > a && x+1 < b && n.toks[x-1].cap && n.toks[x+1].cap {
			r.nextAmp[nx] = int32(x)
		}
		if nerTitleFirst[t.lower] || nerTitleModifiers[t.lower] || nerPortfolios[t.lower] {
			r.nextTitle[nx] = int32(x)
		}
	}
	last := int32(-1)
	var oi, ol int32
	for x := a; x <= b; x++ {
		nx := x - a
		r.lastOrgCap[nx], r.orgInst[nx], r.orgLead[nx] = last, oi, ol
		if x == b {
			break
		}
		t := &n.toks[x]
		if nerOrgHeads[t.lower] && t.cap {
			last = int32(x)
		}
		if nerOrgHeads[t.lower] || nerInstHeads[t.lower] {
			oi++
		}
		if nerOrgHeads[t.lower] || nerOrgLeadHeads[t.lower] {
			ol++
		}
	}
}

// covers reports whether the index holds [i, j).
func (r *runIndex) covers(i, j int) bool { return r.b > r.a && i >= r.a && j <= r.b && i <= j }

// firstOf returns the first "of" in [i, j), or j.
func (n *ner) firstOf(i, j int) int {
	if r := &n.ri; r.covers(i, j) {
		return min(int(r.nextOf[i-r.a]), j)
	}
	for k := i; k < j; k++ {
		if n.toks[k].lower == "of" {
			return k
		}
	}
	return j
}

// ampIn reports whether an ampersand between capitalised words stands in
// [i, j), neither first nor last.
func (n *ner) ampIn(i, j int) bool {
	if r := &n.ri; r.covers(i, j) && i < j {
		return int(r.nextAmp[i+1-r.a]) < j-1
	}
	for k := i + 1; k < j-1; k++ {
		if n.toks[k].lower == "&" && n.toks[k-1].cap && n.toks[k+1].cap {
			return true
		}
	}
	return false
}

// nextTitleAt returns the first token at or after p, before j, where
// titleAt may find a title, or j.
func (n *ner) nextTitleAt(p, j int) int {
	if r := &n.ri; r.covers(p, j) {
		return min(int(r.nextTitle[p-r.a]), j)
	}
	return p
}

// orgCapHeadAfter reports whether an organisation head in capitals stands
// in [k+1, j) as a head after "and" at k: two or more words on, or last.
func (n *ner) orgCapHeadAfter(k, j int) bool {
	if r := &n.ri; r.covers(k+1, j) {
		h := int(r.lastOrgCap[j-r.a])
		return h >= k+2 || h == j-1 && h >= k+1
	}
	for h := k + 1; h < j; h++ {
		if nerOrgHeads[n.toks[h].lower] && n.toks[h].cap && (h >= k+2 || h == j-1) {
			return true
		}
	}
	return false
}

// orgOrLeadHeadIn reports whether an organisation head or leading head is
// among [i, j).
func (n *ner) orgOrLeadHeadIn(i, j int) bool {
	if r := &n.ri; r.covers(i, j) {
		return r.orgLead[j-r.a] > r.orgLead[i-r.a]
	}
	for h := i; h < j; h++ {
		if nerOrgHeads[n.toks[h].lower] || nerOrgLeadHeads[n.toks[h].lower] {
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
