package extract

// tagTown reads a US party and district tag set off by commas after a
// legislator's name ("Sen. Ann Voss, D-Fenwick Heights, said"): the
// party letter names nothing, and the town after the hyphen is a place,
// where it was read as a name of its own ("D-Fenwick Heights", a person).
// It adds the place and returns the token after the town, or i when the
// tag is not there. s is the sentence, b the end of its tokens.
func (n *ner) tagTown(s, i, b int) int {
	if n.word(i-1) != "," || !n.partyTag(i) {
		return i
	}
	j := i + 2
	for j < b && n.nameTok(j) && n.candAt(j) < 0 && (j == i+2 || n.toks[j].space) {
		j++
	}
	if j == i+2 || j < b && n.word(j) != "," && n.word(j) != "." {
		return i
	}
	n.addCand(s, i+2, j, Place, n.gazAt(i+2, j))
	return j
}
