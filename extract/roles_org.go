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
	if o < 0 || n.cands[o].kind != Org || n.cands[o].te != n.cands[a].ts-1 {
		return -1
	}
	return o
}
