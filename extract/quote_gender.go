package extract

// spkFilter restricts the speakers a pronoun may refer to: a kind, and
// for he (+1) or she (-1) a gender.
type spkFilter struct {
	kind   Kind
	gender int
}

// ok reports whether a fits the filter. A speaker whose gender the text
// does not show fits either pronoun.
func (f spkFilter) ok(c *quoteCtx, a attr) bool {
	if a.st != attrFound {
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

// pronounFilter returns the filter for a subject pronoun.
func pronounFilter(p string) spkFilter {
	switch p {
	case "he":
		return spkFilter{kind: Person, gender: 1}
	case "she":
		return spkFilter{kind: Person, gender: -1}
	}
	return spkFilter{kind: Org}
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
	for si := range c.sents {
		toks := c.tokens(c.sentStart(si), c.sentEnd(si))
		only, many := "", false
		male, female := 0, 0
		startPron := 0
		for i, t := range toks {
			if t.k != 'w' {
				continue
			}
			switch c.lower(t) {
			case "he", "him", "his", "himself":
				male++
				if i == 0 {
					startPron = 1
				}
				continue
			case "she", "her", "hers", "herself":
				female++
				if i == 0 {
					startPron = -1
				}
				continue
			}
			m := c.mentionOver(t.s, t.e)
			if m == nil || m.Kind != Person {
				continue
			}
			name := c.fromMention(m).name
			if i > 0 {
				switch c.word(toks[i-1]) {
				case "Mr", "Mr.":
					g[name] += 3
				case "Mrs", "Mrs.", "Ms", "Ms.", "Miss":
					g[name] -= 3
				}
			}
			if only == "" {
				only = name
			} else if only != name {
				many = true
			}
		}
		switch {
		case only != "" && !many:
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
