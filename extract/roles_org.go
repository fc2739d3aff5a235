package extract

// acronymOrgBefore returns the organisation candidate named before the
// acronym in parentheses that closes at token k ("Zambian National Front
// (ZNF)"), or -1.
func (n *ner) acronymOrgBefore(k int) int {
	a := n.candAt(k - 1)
	if a < 0 || n.cands[a].te != k || n.word(n.cands[a].ts-1) != "(" {
		return -1
	}
	o := n.candAt(n.cands[a].ts - 2)
	if o < 0 || n.cands[o].kind() != Org || n.cands[o].te != n.cands[a].ts-1 {
		return -1
	}
	return o
}

// afterOrgDescriptor skips a lower-case description of an organisation
// before its name ("managing director of logistics firm Paya Link",
// "chief executive of the property developer Harbour Crest"): up to three
// lower-case words ending in a noun for an organisation, then a name. It
// returns the name's first token, or k when there is no description.
func (n *ner) afterOrgDescriptor(k, end int) int {
	for q := k; q < end && q < k+3; q++ {
		t := n.toks[q]
		// "the Milan label Fiorenza": a place's name before the
		// organisation's noun describes it.
		if o := n.candAt(q); o >= 0 && q == k && n.cands[o].ts == q && n.cands[o].te < end && !n.toks[n.cands[o].te].cap && nerOrgNouns[n.word(n.cands[o].te)] {
			if o2 := n.candAt(n.cands[o].te + 1); o2 >= 0 && n.cands[o2].ts == n.cands[o].te+1 && n.cands[o2].kind() != Person {
				return n.cands[o].te + 1
			}
			return k
		}
		if !t.word || t.cap || t.upper || t.digit || n.candAt(q) >= 0 {
			return k
		}
		if nerOrgNouns[t.lower()] && q+1 < end {
			if o := n.candAt(q + 1); o >= 0 && n.cands[o].ts == q+1 && n.cands[o].kind() != Person {
				return q + 1
			}
		}
	}
	return k
}
