package extract

import "strings"

// spkFilter restricts the speakers a pronoun may refer to: a kind, and
// for he (+1) or she (-1) a gender.
type qSpkFilter struct {
	kind   Kind
	gender int
}

// ok reports whether a fits the filter. A speaker whose gender the text
// does not show fits either pronoun.
func (f qSpkFilter) ok(c *quoteCtx, a qAttr) bool {
	if a.st != qAttrFound {
		return false
	}
	if f.kind != "" && a.kind != f.kind {
		return false
	}
	if f.gender != 0 && a.kind == Person {
		if g := c.genderOf(a.name); g*f.gender < 0 {
			return false
		}
	}
	return true
}

// qPronounFilter returns the filter for a subject pronoun.
func qPronounFilter(p string) qSpkFilter {
	switch p {
	case "he":
		return qSpkFilter{kind: Person, gender: 1}
	case "she":
		return qSpkFilter{kind: Person, gender: -1}
	}
	return qSpkFilter{kind: Org}
}

// genderOf returns the gender the text shows for the person name: > 0
// male, < 0 female, 0 unknown. It is read once per text, lazily, from
// honorifics ("Mr. Howard") and from the pronouns of sentences about one
// person only ("Smith ... her plan", "Smith left. She ...").
func (c *quoteCtx) genderOf(name string) int {
	if c.genders == nil {
		c.genders = c.readGenders()
	}
	return c.genders[name]
}

func (c *quoteCtx) readGenders() map[string]int {
	g := make(map[string]int)
	prevOnly := "" // the one person of the previous sentence
	mk := 0        // mentions before the sentence
	for si := range c.sents {
		lo, hi := c.sentStart(si), c.sentEnd(si)
		only, many := "", false
		onlyAt := hi // where the sentence's person is first named
		for mk < len(c.ments) && c.ments[mk].Start < lo {
			mk++
		}
		for k := mk; k < len(c.ments) && c.ments[k].Start < hi; k++ {
			m := &c.ments[k]
			if m.Kind != Person || c.inQuote(m.Start) {
				continue
			}
			name := c.fromMention(m).name
			switch w := qLastWord(c.text[:m.Start]); w {
			case "Mr", "Mr.":
				g[name] += 3
			case "Mrs", "Mrs.", "Ms", "Ms.", "Miss":
				g[name] -= 3
			default:
				// "her nephew, Colin Varley", "his widow Ann".
				g[name] += 3 * qKinGender[strings.ToLower(strings.TrimSuffix(w, ","))]
			}
			if only == "" {
				only, onlyAt = name, m.Start
			} else if only != name {
				many = true
			}
		}
		male, female, startPron := c.countPronouns(lo, hi)
		switch {
		case only != "" && !many:
			// Only pronouns after the name tell its gender: in "Her
			// lawyer, Tobias Renk, declined", "her" is someone else.
			if onlyAt > lo {
				male, female, _ = c.countPronouns(onlyAt, hi)
			}
			if male > 0 && female == 0 {
				g[only]++
			} else if female > 0 && male == 0 {
				g[only]--
			}
		case only == "" && prevOnly != "" && startPron != 0:
			g[prevOnly] += startPron
		}
		prevOnly = ""
		if !many {
			prevOnly = only
		}
	}
	return g
}

// qKinGender is the gender of a kinship noun before a name: +1 male, -1
// female.
var qKinGender = map[string]int{
	"son": 1, "nephew": 1, "husband": 1, "brother": 1, "father": 1, "grandson": 1, "uncle": 1, "widower": 1, "stepson": 1, "grandfather": 1,
	"daughter": -1, "niece": -1, "wife": -1, "sister": -1, "mother": -1, "granddaughter": -1, "aunt": -1, "widow": -1, "stepdaughter": -1, "grandmother": -1,
}

// countPronouns counts the masculine and feminine pronouns of text[lo:hi]
// outside quotations, and tells which one starts it.
func (c *quoteCtx) countPronouns(lo, hi int) (male, female, start int) {
	text := c.text
	k := c.spanAfter(lo)
	first := true
	for i := lo; i < hi; {
		if k < len(c.spans) && int(c.spans[k].open) <= i {
			i = max(i+1, int(c.spans[k].closeEnd))
			k++
			first = false
			continue
		}
		b := text[i]
		if !qIsASCIILetter(b) {
			i++
			continue
		}
		j := i + 1
		for j < hi && qIsASCIILetter(text[j]) {
			j++
		}
		if j-i <= 7 {
			var buf [7]byte
			for n := i; n < j; n++ {
				buf[n-i] = text[n] | 0x20
			}
			switch string(buf[:j-i]) {
			case "him":
				// "Fenn sided with him": an object is someone else
				// than the subject, which would be "himself".
			case "he", "his", "himself":
				male++
				if first {
					start = 1
				}
			case "she", "her", "hers", "herself":
				if string(buf[:j-i]) == "her" && qPrepositions[qLastWordLower(text[max(lo, i-12):i])] {
					break // "sided with her", as "with him"
				}
				female++
				if first {
					start = -1
				}
			}
		}
		first = false
		i = j
	}
	return male, female, start
}

func qIsASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// qLastWord returns the word at the end of s, with a trailing full stop.
func qLastWord(s string) string {
	e := len(s)
	for e > 0 && s[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && s[b-1] != ' ' && s[b-1] != '\n' {
		b--
	}
	return s[b:e]
}

// qLastWordLower is the last word of s in lower case.
func qLastWordLower(s string) string { return strings.ToLower(qLastWord(s)) }
