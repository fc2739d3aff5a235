package extract

// Hong Kong, Taiwanese and Malaysian Chinese given names are two
// romanised syllables joined by a hyphen, the second in lower case
// ("Lau Chi-keung", "Vincent Wong Ka-wing"): the lower-case half is part
// of the name, and the surname is the word before the given name, not
// the last word.

// sinoSyllable reports whether w (lower case) has the shape of one
// romanised Chinese syllable: an optional initial, one to three vowels
// and an optional nasal or stop final ("chi", "keung", "wing", "yan").
// English words after a hyphen ("based", "led", "owned", "era") do not
// have it.
func sinoSyllable(w string) bool {
	i := 0
	for _, in := range []string{"ch", "sh", "ts", "zh", "ng", "gw", "kw", "hs"} {
		if len(w) > len(in) && w[:len(in)] == in {
			i = len(in)
			break
		}
	}
	if i == 0 && len(w) > 0 && !sinoVowel(w[0]) {
		i = 1
	}
	v := 0
	for i < len(w) && sinoVowel(w[i]) {
		i++
		v++
	}
	if v == 0 || v > 3 {
		return false
	}
	switch w[i:] {
	case "", "n", "ng", "m", "p", "t", "k", "h":
		return true
	}
	return false
}

func sinoVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// sinoGivenTail reports whether token k is the lower-case second half of
// a hyphenated Chinese given name: "keung" in "Chi-keung", written with
// no space on either side of the hyphen after a capitalised syllable.
func (n *ner) sinoGivenTail(k int) bool {
	if k < 2 || k >= len(n.toks) {
		return false
	}
	t, h, f := n.toks[k], n.toks[k-1], n.toks[k-2]
	if !t.word || t.cap || t.digit || t.space || h.space || h.lower() != "-" || !f.word || !f.cap || f.upper {
		return false
	}
	return sinoSyllable(t.lower()) && sinoSyllable(f.lower())
}

// surnameBefore reports whether the word at token k ends a person's name
// of two words or more found earlier in the text: "Justice Raghavan"
// after "Justice Meera Raghavan" is the judge, though a title that is
// also an ordinary word ("Justice", "Singer") before one word is
// otherwise kept as part of a name.
func (n *ner) surnameBefore(k int) bool {
	w := n.toks[k].lower()
	for _, cd := range n.cands {
		if int(cd.te) <= k && cd.kind() == Person && cd.te-cd.ts >= 2 && n.toks[cd.te-1].lower() == w {
			return true
		}
	}
	return false
}
