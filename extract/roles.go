package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nerRole is a role read from the text before entities are resolved: the
// organisation is still a candidate or a common noun ("the authority").
type nerRole struct {
	person int // candidate of the person
	title  string
	// titleCap is set when the title's first word was capitalised.
	titleCap bool
	orgCand  int    // candidate naming the organisation or place, or -1
	orgNoun  string // "authority" in "the authority’s general manager"; "a company" for the story's firm
	since    string
	until    string
	s, e     int // byte span of the phrase
	// end marks a role that ended (or will end) without a title of its
	// own: "X, who will step down in June" ends X's role.
	end bool
	// org is the organisation's name when it is already resolved.
	org string
	// succeeds is the candidate of the person whose role this one takes
	// over ("X was succeeded by Z"), or -1; the role copies the title and
	// organisation of that person's ended role when it has none.
	succeeds int
	// pron is the token of the pronoun that is the role's subject ("She
	// became executive director"), whose person is found when kinds are
	// known; 0 when the subject is the name person.
	pron int
}

// findRoles reads roles around people's names: titles before the name
// ("NATO Secretary General Mark Rutte", "Airbus chief executive Noel
// Forgeard"), appositions on either side ("Oslo Energi’s general manager,
// Sofia Lindqvist," and "Sofia Lindqvist, the authority’s general
// manager,") and copulas ("Rutte has served as NATO’s secretary general
// since Oct. 1, 2024", "X, who now serves as chief economist at Y").
func (n *ner) findRoles() {
	for c := range n.cands {
		cd := &n.cands[c]
		if cd.kind() == Org || cd.kind() == Place || cd.gaz != nil {
			continue
		}
		found := false
		// Title right before the name, or before a comma before it,
		// across an honorific: "Prof. Ngozi Amadi-Ukpong" is a
		// professor; "The chairman, Sir Malcolm Thwaite," a chairman.
		base := cd.ts
		if n.prefixAt(base - 1) {
			base--
			for n.prefixAt(base - 1) {
				base--
			}
			// "The church's pastor, the Rev. Darnell Whitfield,".
			if n.word(base-1) == "the" && n.word(base-2) == "," {
				base--
			}
		}
		for i, end := range [3]int{cd.ts, base, base - 1} {
			if end < 1 || i == 2 && n.word(end) != "," || i == 1 && base == cd.ts {
				continue
			}
			if r, ok := n.titleBefore(c, end); ok && (cd.te-cd.ts > 1 || cd.kind() == Person || n.titleCapitalised(r)) {
				n.roles = append(n.roles, r)
				// "JVS leader and former minister Smt. NAME": two titles
				// before one name, each with its own organisation.
				if k := n.tokAfter(r.s); n.word(k-1) == "and" && k-1 > 0 {
					if r2, ok := n.titleBefore(c, k-1); ok {
						n.roles = append(n.roles, r2)
					}
				}
				// "The deputy vice-chancellor, Professor Rajiv Mehta,": a
				// title used as an honorific after an apposition.
				if k := n.tokAfter(r.s); i == 0 && k >= 2 && n.word(k-1) == "," && r.orgCand < 0 && r.orgNoun == "" {
					if r2, ok := n.titleBefore(c, k-1); ok {
						n.roles = append(n.roles, r2)
					} else if r2, ok := n.titleBefore(c, k); ok {
						// "The head of the division, Superintendent NAME,":
						// a title with its body before the comma.
						n.roles = append(n.roles, r2)
					}
				}
				if found || end < base {
					found = true
					break
				}
				found = true
			}
		}
		// "Senior Superintendent of Police (SSP) Central NAME": a rank
		// with its abbreviation and jurisdiction before the name, or
		// before a second title ("Station House Officer (SHO) Inspector
		// NAME").
		k := cd.ts
		if found {
			k = -1
			if r := n.roles[len(n.roles)-1]; r.person == c {
				k = n.tokAfter(r.s)
			}
		}
		if k > 1 && nerAreaWords[n.word(k-1)] && n.toks[k-1].cap && n.toks[k-2].upper && nerTitleSet[n.word(k-2)] {
			// "SSP Central NAME".
			if r, ok := n.titleBefore(c, k-1); ok {
				n.roles = append(n.roles, r)
				found = true
				k = -1
			}
		}
		if k > 0 {
			if a := n.titleAcronymBefore(k); a > 0 {
				if r, ok := n.titleBefore(c, a); ok {
					n.roles = append(n.roles, r)
					found = true
				}
			}
		}
		// Apposition or copula after the name.
		p := cd.te
		if n.word(p) == "’s" || n.word(p) == "'s" {
			p = -1 // "Rutte’s fourth meeting"
		}
		// An age: "Feld, 61, became chair", "Smith, 45, a lawyer".
		if p >= 0 && n.word(p) == "," && p+2 < len(n.toks) && n.toks[p+1].digit && n.word(p+2) == "," {
			p += 2
		}
		sentEnd := n.sentTok[n.sentOf(cd.ts)][1]
		// A party and district: "State Rep. Maria Ochoa, D-Cascade
		// Falls, who chairs …".
		if p >= 0 && n.word(p) == "," && n.partyTag(p+1) {
			for k := p + 3; k < sentEnd && k < p+8; k++ {
				if n.word(k) == "," {
					p = k
					break
				}
			}
		}
		if p >= 0 {
			if n.word(p) == "," && n.word(p+1) == "who" {
				if r, ok := n.tenure(c, p+2, sentEnd); ok {
					n.roles = append(n.roles, r...)
					found = true
					// "who stepped down as chief executive last year and
					// now chairs the board".
					if a := n.whoAnd(p+2, sentEnd); a > p+2 {
						if r, ok := n.verbRole(c, a, sentEnd); ok {
							n.roles = append(n.roles, r...)
						}
					}
					p = -1
				}
			} else if r, ok := n.tenure(c, p, sentEnd); ok {
				n.roles = append(n.roles, r...)
				found = true
				p = -1
			} else if n.word(p) == "," && found {
				// "The floods minister, Dame Helen Arkwright, resigned on
				// Thursday": the apposition closes, the verb ends the role.
				if r, ok := n.tenure(c, p+1, sentEnd); ok {
					n.roles = append(n.roles, r...)
					p = -1
				}
			}
		}
		if p >= 0 {
			if n.word(p) == "," {
				if r, ok := n.titlePhrase(c, p+1, sentEnd, false); ok {
					n.roles = append(n.roles, r...)
					found = true
					// "NAME, previously co-head of X, who left to become
					// general counsel at Y": a relative clause after the
					// apposition tells another post.
					if k := n.tokAfter(r[len(r)-1].e); n.word(k) == "," && n.word(k+1) == "who" {
						if r2, ok := n.copula(c, k+2, sentEnd); ok {
							n.roles = append(n.roles, r2...)
						}
					} else if n.word(k) == "," {
						// "NAME, a retired chief constable, joined the
						// trust's board as a trustee": the subject's verb
						// after the apposition.
						if r2, ok := n.verbRole(c, k+1, sentEnd); ok {
							n.roles = append(n.roles, r2...)
						} else if r2, ok := n.copula(c, k+1, sentEnd); ok {
							// "Dr NAME, a consultant obstetrician, will act
							// as medical director".
							n.roles = append(n.roles, r2...)
						}
					}
				} else if w := n.word(p + 1); w == "who" {
					if r, ok := n.copula(c, p+2, sentEnd); ok {
						n.roles = append(n.roles, r...)
						found = true
					} else if r, ok := n.verbRole(c, p+2, sentEnd); ok {
						n.roles = append(n.roles, r...) // "Sir Ian Pike, who chairs the audit committee,"
						found = true
					} else if r, ok := n.verbRole(c, n.whoAnd(p+2, sentEnd), sentEnd); ok {
						n.roles = append(n.roles, r...) // "who farms near Bellfield and chairs the X"
						found = true
					}
				} else if r, ok := n.copula(c, p+1, sentEnd); ok && n.toks[p-1].digit {
					n.roles = append(n.roles, r...)
					found = true
				}
			} else if n.word(p) == "(" {
				// "Professor Annette Kirwan (vice-chancellor of the
				// University of X)", "Jason Mah (an analyst at Y)".
				if r, ok := n.titlePhrase(c, p+1, sentEnd, false); ok {
					n.roles = append(n.roles, r...)
					found = true
				}
			} else if r, ok := n.copula(c, p, sentEnd); ok {
				n.roles = append(n.roles, r...)
				found = true
			}
		}
		// "named Alvin Mercado, a former executive at Ostrander
		// Controls, as chief operating officer".
		if r, ok := n.appointed(c, sentEnd); ok {
			n.roles = append(n.roles, r...)
			found = true
		}
		if r, ok := n.verbRole(c, cd.te, sentEnd); ok {
			n.roles = append(n.roles, r...)
			found = true
		}
		// "The health committee, chaired by Hon. NAME, gave …": the
		// chair of the body before. "…, which is chaired by PARTY MLA
		// NAME,": the relative clause and a title before the name.
		k = base - 1
		for i := len(n.roles) - 1; i >= 0 && n.roles[i].person == c && n.word(k) != "by"; i-- {
			k = n.tokAfter(n.roles[i].s) - 1
		}
		if n.word(k) == "by" && (n.word(k-1) == "chaired" || n.word(k-1) == "headed") {
			v := k - 2
			if w := n.word(v); (w == "is" || w == "was") && n.word(v-1) == "which" {
				v -= 2
			}
			if n.word(v) == "," {
				title := "Chair"
				if n.word(k-1) == "headed" {
					title = "Head"
				}
				n.roles = append(n.roles, nerRole{person: c, title: title, orgCand: -1, succeeds: -1, s: int(n.toks[k-1].s), e: int(n.toks[cd.te-1].e)})
				found = true
			}
		}
		if r, ok := n.frontedRole(c); ok {
			n.roles = append(n.roles, r)
			found = true
		}
		if r, ok := n.foundedBy(c); ok {
			n.roles = append(n.roles, r...)
			found = true
		}
		if !found {
			if r, ok := n.pluralTitle(c); ok {
				n.roles = append(n.roles, r)
				found = true
			}
		}
		// "His successor, NAME,": the post the other person left.
		if k := n.cands[c].ts - 1; n.word(k) == "," && (n.word(k-1) == "successor" || n.word(k-1) == "replacement") && !n.quoted.has(k) {
			from := -1
			if w := n.word(k - 2); w == "his" || w == "her" {
				for p := k - 3; p >= 0 && p > k-80; p-- {
					if o := n.candAt(p); o >= 0 && !n.quoted.has(p) && n.cands[o].kind() != Org && n.cands[o].kind() != Place {
						from = o
						break
					}
				}
			} else if o := n.candAt(k - 3); o >= 0 && n.toks[k-2].poss && n.cands[o].te == k-2 {
				from = o // "Kranz's successor, NAME,"
			}
			if from >= 0 && from != c {
				n.roles = append(n.roles, nerRole{person: c, orgCand: -1, succeeds: from, s: int(n.toks[k-1].s), e: int(n.toks[n.cands[c].te-1].e)})
			}
		}
		if r, ok := n.colonList(c); ok {
			n.roles = append(n.roles, r)
			found = true
		}
		if r, ok := n.namedNext(c); ok {
			n.roles = append(n.roles, r...)
			found = true
		}
		if found {
			cd.cue[cuePerson] += 3
		}
	}
	// "She became executive director of the Prairie Health Alliance",
	// "Since then she has chaired the Ondara Health Equity Foundation":
	// the person is found when kinds are known.
	for k, t := range n.toks {
		if t.lower() != "he" && t.lower() != "she" || n.quoted.has(k) {
			continue
		}
		sentEnd := n.sentTok[n.sentOf(k)][1]
		rs, ok := n.copula(-1-k, k+1, sentEnd)
		if !ok {
			rs, ok = n.verbRole(-1-k, k+1, sentEnd)
		}
		if ok {
			// "when she was still a researcher at X": a past state in a
			// time clause has ended.
			ended := (n.word(k-1) == "when" || n.word(k-1) == "while") && (n.word(k+1) == "was" || n.word(k+1) == "were")
			for i := range rs {
				rs[i].person, rs[i].pron = -1, k
				if ended && rs[i].until == "" {
					rs[i].until = "PAST_REF"
				}
			}
			n.roles = append(n.roles, rs...)
		}
	}
	// The organisation of a role is no person; the seat of a member
	// after the name ("Helen Ashworth, the Labour MP for Harwell Vale")
	// is a place.
	for _, r := range n.roles {
		if r.orgCand < 0 {
			continue
		}
		o := &n.cands[r.orgCand]
		if n.word(o.ts-1) == "for" && nerSeatTitles[strings.ToLower(lastWord(r.title))] {
			o.cue[cuePlace] += 3
			continue
		}
		// "a farmer at Nsuaem": where one farms is a place.
		if n.word(o.ts-1) == "at" && nerPlaceTitles[strings.ToLower(lastWord(r.title))] {
			o.cue[cuePlace] += 3
			continue
		}
		o.cue[cueOrg] += 3
	}
}

// frontedRole reads a role fronted before its copula and holder:
// "Stepping in as acting superintendent is the district's chief academic
// officer, Dr. Yvonne Talbert", "Taking over as chairman will be NAME".
func (n *ner) frontedRole(c int) (nerRole, bool) {
	s0 := n.sentTok[n.sentOf(n.cands[c].ts)][0]
	if !n.toks[s0].cap || !strings.HasSuffix(n.word(s0), "ing") {
		return nerRole{}, false
	}
	as := -1
	for k := s0 + 1; k <= s0+3 && k < n.cands[c].ts; k++ {
		if n.word(k) == "as" {
			as = k
			break
		}
	}
	if as < 0 {
		return nerRole{}, false
	}
	q := n.titleAt(as+1, n.cands[c].ts)
	if q == as+1 {
		return nerRole{}, false
	}
	v := q
	if n.word(v) == "will" && n.word(v+1) == "be" {
		v++
	} else if n.word(v) != "is" && n.word(v) != "was" {
		return nerRole{}, false
	}
	// The holder is the first person after the copula.
	for k := v + 1; k < n.cands[c].ts; k++ {
		if o := n.candAt(k); o >= 0 && n.cands[o].kind() == Person || n.word(k) == "." {
			return nerRole{}, false
		}
	}
	if n.cands[c].ts > v+12 {
		return nerRole{}, false
	}
	return nerRole{person: c, title: nerTitleText(n, as+1, q), orgCand: -1, succeeds: -1, s: int(n.toks[s0].s), e: int(n.toks[n.cands[c].te-1].e)}, true
}

// foundedBy reads the founders of a passive founding: "Nimbus was founded
// in 2014 by Priya Raman and Oscar Lindqvist" (or "Nimbus, founded in
// 2014 by …") makes candidate c (either name) a founder of the subject.
func (n *ner) foundedBy(c int) ([]nerRole, bool) {
	k := n.cands[c].ts - 1
	for n.prefixAt(k) {
		k--
	}
	if n.word(k) == "and" {
		o := n.candAt(k - 1)
		if o < 0 || n.cands[o].te != k || n.cands[o].kind() == Org || n.cands[o].kind() == Place {
			return nil, false
		}
		k = n.cands[o].ts - 1
		for n.prefixAt(k) {
			k--
		}
	}
	if n.word(k) != "by" {
		return nil, false
	}
	k--
	for k > 0 && n.timed.has(k) {
		k--
	}
	if w := n.word(k); (w == "in" || w == "on") && n.timed.has(k+1) {
		k--
	}
	if w := n.word(k); w != "founded" && w != "co-founded" && w != "established" && w != "started" {
		return nil, false
	}
	// "Vaultline, founded in 2017 by Okonjo and Reyes,": a reduced
	// relative after the firm's name reads like the passive.
	if w := n.word(k - 1); w != "was" && w != "were" && w != "," {
		return nil, false
	}
	o := n.candAt(k - 2)
	if o < 0 || n.cands[o].te != k-1 || n.cands[o].kind() == Person || n.cands[o].kind() == Place {
		return nil, false
	}
	r := nerRole{person: c, title: "Founder", orgCand: o, succeeds: -1, s: int(n.toks[n.cands[o].ts].s), e: int(n.toks[n.cands[c].te-1].e)}
	return []nerRole{r}, true
}

// pluralTitle reads a title in the plural before coordinated names:
// "a bench comprising Justices Meera Rao and S.K. Nair", "Councillors Ann
// Bell, Tom Reed and Joy Hale voted against" give each name the singular
// title. The plural must be capitalised and sit right before the first
// name, so that "the judges Ann Bell and …" (a description) and a plural
// noun in running text ("farmers Ann and …" is rare) stay out.
func (n *ner) pluralTitle(c int) (nerRole, bool) {
	plural := func(k int) bool {
		w := n.word(k)
		return k >= 0 && n.toks[k].cap && len(w) >= 5 && strings.HasSuffix(w, "s") && nerTitleSet[w[:len(w)-1]]
	}
	k := n.cands[c].ts - 1
	for steps := 0; k >= 0 && !plural(k); {
		switch {
		case n.prefixAt(k):
			k--
		case (n.word(k) == "and" || n.word(k) == ",") && steps < 4:
			o := n.candAt(k - 1)
			if o < 0 || n.cands[o].te != k || n.cands[o].kind() == Org || n.cands[o].kind() == Place {
				return nerRole{}, false
			}
			k = n.cands[o].ts - 1
			steps++
		default:
			return nerRole{}, false
		}
	}
	if k < 0 {
		return nerRole{}, false
	}
	title := nerTitleText(n, k, k+1)
	title = title[:len(title)-1]
	r := nerRole{person: c, title: title, titleCap: true, orgCand: -1, succeeds: -1, s: int(n.toks[k].s), e: int(n.toks[n.cands[c].te-1].e)}
	// "a bench of the X High Court comprising Justices …": the court the
	// bench sits in.
	if w := n.word(k - 1); w == "comprising" || w == "including" {
		if o := n.candAt(k - 2); o >= 0 && n.cands[o].te == k-1 && n.cands[o].kind() != Person && n.cands[o].kind() != Place {
			r.orgCand = o
		}
	}
	return r, true
}

// colonList reads a plural title before a colon that lists its holders
// ("X has appointed three trustees: Dr A, a vet; B, a partner at Y; and
// C, who …"): a name opening an item of the list (after the colon, a
// semicolon or "; and") takes the singular title and the appointing
// organisation.
func (n *ner) colonList(c int) (nerRole, bool) {
	k := n.cands[c].ts - 1
	for n.prefixAt(k) {
		k--
	}
	if n.word(k) == "and" && n.word(k-1) == ";" {
		k--
	}
	if w := n.word(k); w != ":" && w != ";" {
		return nerRole{}, false
	}
	s0 := n.sentTok[n.sentOf(n.cands[c].ts)][0]
	for k > s0 && n.word(k) != ":" {
		k--
	}
	if n.word(k) != ":" || k < 2 {
		return nerRole{}, false
	}
	w := n.word(k - 1)
	if len(w) < 4 || !strings.HasSuffix(w, "s") || !nerTitleSet[w[:len(w)-1]] {
		return nerRole{}, false
	}
	v := k - 2
	if n.toks[v].digit || nerNumberWords[n.word(v)] {
		v--
	}
	if !nerAppointVerbs[n.word(v)] {
		return nerRole{}, false
	}
	title := nerTitleText(n, k-1, k)
	r := nerRole{person: c, title: title[:len(title)-1], orgCand: -1, succeeds: -1, s: int(n.toks[v].s), e: int(n.toks[n.cands[c].te-1].e)}
	q := v - 1
	for q > s0 && (n.word(q) == "has" || n.word(q) == "have" || n.word(q) == "also") {
		q--
	}
	if o := n.candAt(q); o >= 0 && n.cands[o].te == q+1 && n.cands[o].kind() != Person && n.cands[o].kind() != Place {
		r.orgCand = o
	}
	return r, true
}

// nerNumberWords count the holders of a plural title: "three trustees".
var nerNumberWords = nerSet("two,three,four,five,six,seven,eight,nine,ten,several,new")

// ageAdjective returns the end of an age written as an adjective
// ("19-year-old") at token p, or p.
func (n *ner) ageAdjective(p int) int {
	if p+4 < len(n.toks) && n.toks[p].digit && n.word(p+1) == "-" && n.word(p+2) == "year" && n.word(p+3) == "-" && n.word(p+4) == "old" {
		return p + 5
	}
	return p
}

// namedNext reads a role whose holder the text names only at the start of
// the next sentence: "The agency's chief executive stood down in
// November. Karen Oduya, who had run it since 2019, told …", "The report
// was written by the council's monitoring officer. Rebecca Hanlon, who
// took up the post in January, found …". An introduction opens its
// sentence with the full name and a relative clause; the title must name
// its organisation, as the subject of its sentence or the agent closing
// it, and that sentence must name no person, or the title is theirs.
func (n *ner) namedNext(c int) ([]nerRole, bool) {
	cd := &n.cands[c]
	if cd.te-cd.ts < 2 || n.word(cd.te) != "," || n.word(cd.te+1) != "who" {
		return nil, false
	}
	start := cd.ts
	for n.prefixAt(start - 1) {
		start--
	}
	si := n.sentOf(cd.ts)
	if si == 0 || n.sentTok[si][0] != start || n.quoted.has(cd.ts) {
		return nil, false
	}
	ps, pe := n.sentTok[si-1][0], n.sentTok[si-1][1]
	if pe-ps < 4 || n.word(pe-1) != "." {
		return nil, false
	}
	for k := ps; k < pe; k++ {
		if n.quoted.has(k) || n.prefixAt(k) {
			return nil, false
		}
		if o := n.candAt(k); o >= 0 && n.cands[o].kind() == Person {
			return nil, false
		}
	}
	for k := ps; k < pe-1; k++ {
		if k > ps && n.word(k-1) != "by" {
			continue
		}
		// The subject's verb follows its title, as a copula's would.
		rs, ok := n.titlePhrase(c, k, pe, k == ps)
		if !ok || len(rs) == 0 {
			continue
		}
		after := n.tokAfter(rs[len(rs)-1].e)
		if k > ps && after != pe-1 {
			continue
		}
		for _, r := range rs {
			if r.orgCand < 0 && r.orgNoun == "" {
				return nil, false
			}
		}
		for i := range rs {
			rs[i].s = int(n.toks[k].s) // the phrase, not the name after it
		}
		// "The leader of X resigned on Wednesday night": the subject's
		// verb ends the role. A subject that speaks or acts ("The firm's
		// chief executive said …") is someone the text leaves unnamed,
		// not the next sentence's newcomer; one that leaves or is acted
		// on ("was suspended") is the news the newcomer is named for.
		if k == ps {
			if ts, ok := n.tenure(c, after, pe); ok && len(ts) > 0 && ts[0].until != "" {
				for i := range rs {
					rs[i].until = ts[0].until
				}
			} else if !n.passiveAhead(after, pe) {
				return nil, false
			}
		}
		return rs, true
	}
	return nil, false
}

// passiveAhead reports whether a passive or perfect auxiliary ("was
// suspended", "has been moved") follows within a few words of token k, a
// title's domain ("for procurement") between, and no speech verb after it.
func (n *ner) passiveAhead(k, end int) bool {
	for q := k; q < end && q < k+4; q++ {
		switch w := n.word(q); w {
		case "was", "were", "has", "had":
			return !nerSpeechVerbs[n.word(q+1)]
		case ",", "said", "says":
			return false
		}
	}
	return false
}

// genericWordCand reports whether token k is a one-word candidate of its
// own with no gazetteer entry that the text never capitalises elsewhere
// ("Council" in "Council leader John Price").
func (n *ner) genericWordCand(k int) bool {
	o := n.candAt(k)
	if o < 0 || n.cands[o].ts != k || n.cands[o].te != k+1 || n.cands[o].gaz != nil || n.capMid[n.toks[k].lower()] {
		return false
	}
	return true
}

// nerSubjectPronouns open a clause whose next word is its verb.
var nerSubjectPronouns = nerSet("he,she,it,they,we,i,you")

// nerFireVerbs end the role of their object: "voted to fire
// Superintendent X".
var nerFireVerbs = nerSet("fire,fired,sack,sacked,dismiss,dismissed,oust,ousted,remove,removed,depose,deposed")

// nerPlaceTitles work at a place, not an organisation: "a farmer at
// Nsuaem".
var nerPlaceTitles = nerSet("farmer,fisherman,herder,trader,shopkeeper,resident,villager,vendor,miner,smallholder")

// nerFederalTitles are the US federal offices written with "U.S.": "U.S.
// Attorney", "U.S. District Judge", "U.S. Marshal".
var nerFederalTitles = nerSet("attorney,judge,marshal")

// nerSeatTitles hold a seat for a place: "the MP for Harwell Vale".
var nerSeatTitles = nerSet("parliament,mp,td,mla,mpp,msp,member,senator,representative,congressman,congresswoman,assemblyman,assemblywoman,councillor,councilor,mca")

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// titleBefore reads a title ending at token end (exclusive) that belongs
// to candidate c, with the organisation before it.
func (n *ner) titleBefore(c, end int) (nerRole, bool) {
	a := -1
	for p := end - 1; p >= 0 && p >= end-nerTitleMaxLen-1 && nerTitleLast[n.toks[end-1].lower()]; p-- {
		// A title may cross a one-word unknown candidate ("Opposition
		// leader"), nothing else.
		if o := n.candAt(p); o >= 0 && !(n.cands[o].kind() == "" && n.cands[o].te-n.cands[o].ts == 1) || n.timed.has(p) {
			break
		}
		if nerTitleSet[nerKey(n.toks, p, end)] {
			a = p
		}
	}
	if a < 0 {
		// "the county executive committee member for finance, Dr. Esther
		// Wanjiru": a title with its lower-case domain.
		// "Principal Secretary for Health Tomas Brandt": a capitalised
		// portfolio without the comma.
		if e := end; (n.word(e-1) == "," || nerPortfolios[n.word(e-1)] && n.toks[e-1].cap) && e-1 < n.cands[c].ts {
			comma := n.word(e-1) == ","
			if comma {
				e--
			}
			for f := e - 2; f >= 0 && f >= e-6; f-- {
				if w := n.word(f); w == "of" || w == "for" || w == "on" {
					// "The Minister for Health, NAME": a capitalised
					// portfolio is a domain too.
					port := n.capPortfolio(f+1, e)
					if comma && n.titleDomain(f+1, e+1) == e || port {
						if r, ok := n.titleBefore(c, f); ok {
							if !port && nerSeatTitles[strings.ToLower(lastWord(r.title))] {
								return r, true // "The Member of Parliament for the area"
							}
							dom := n.text[n.toks[f+1].s:n.toks[e-1].e]
							if !port {
								dom = strings.ToLower(dom)
							}
							r.title += " " + w + " " + dom
							for x := f + 1; x < e; x++ {
								if o := n.candAt(x); o >= 0 {
									n.cands[o].drop = true
								}
							}
							return r, true
						}
					}
					// "the UN special envoy for Tarsenia, NAME,": a named
					// country or region the office deals with. The name
					// stays an entity of its own, and a seat ("the MP for
					// Dornley") is read elsewhere.
					if o := n.candAt(f + 1); w == "for" && comma && o >= 0 && n.cands[o].ts == f+1 && n.cands[o].te == e && n.cands[o].kind() != Person {
						if r, ok := n.titleBefore(c, f); ok && !nerSeatTitles[strings.ToLower(lastWord(r.title))] {
							r.title += " for " + n.text[n.toks[f+1].s:n.toks[e-1].e]
							return r, true
						}
					}
					// "The spokesman for the ministry, John Poe,"
					if f+3 == e && n.word(f+1) == "the" && nerOrgNouns[n.word(f+2)] {
						if r, ok := n.titleBefore(c, f); ok && r.orgCand < 0 && r.orgNoun == "" {
							r.orgNoun = n.word(f + 2)
							return r, true
						}
					}
					break
				}
			}
		}
		// "President of the United States Barack Obama", "The state
		// chairman of the PRC, Alhaji Musa Dangana-Ibrahim,", "A
		// political scientist at Ekuru State University, Prof. Ngozi
		// Amadi-Ukpong,", "A spokeswoman for Ms Prentice, Ruth Ellery,".
		e := end
		if n.word(e-1) == "," {
			e--
		}
		// "His coach at the Rift Valley Wardens club, NAME": a common
		// noun after the organisation's name.
		if e >= 2 && nerOrgNouns[n.word(e-1)] && !n.toks[e-1].cap && n.candAt(e-1) < 0 {
			if o := n.candAt(e - 2); o >= 0 && n.cands[o].te == e-1 {
				e--
			}
		}
		if o := n.candAt(e - 1); o >= 0 && e-1 > 0 && e <= n.cands[c].ts && n.cands[o].te == e && o != c {
			k := n.cands[o].ts - 1
			if n.prefixAt(k) {
				for n.prefixAt(k) {
					k--
				}
			} else if n.cands[o].kind() == Person && n.toks[max(k, 0)].cap && nerTitleSet[n.word(k)] && n.word(k-1) == "for" {
				k-- // "A spokesman for Premier Sharon Te Huia, Liam Farrugia,"
			}
			if n.word(k) == "the" {
				k--
			}
			if w := n.word(k); w == "of" || (w == "at" || w == "for") && end < n.cands[c].ts {
				if r, ok := n.titleBefore(c, k); ok && r.orgCand < 0 && r.orgNoun == "" {
					if n.cands[o].kind() != Person && !(n.cands[o].kind() == "" && w == "for" && n.cands[o].te-n.cands[o].ts == 1 && !nerSeatTitles[strings.ToLower(lastWord(r.title))]) {
						r.orgCand = o
					}
					return r, true
				}
			}
		}
		return nerRole{}, false
	}
	if a >= 2 && n.chiefDomainAt(a-2) {
		a -= 2 // "The company's chief product officer, NAME"
	}
	for a > 0 && (nerTitleModifiers[n.word(a-1)] || nerPortfolios[n.word(a-1)]) {
		// "Shadow police minister X": a modifier capitalised because it
		// opens the sentence is still a modifier.
		if o := n.candAt(a - 1); o >= 0 {
			if !n.initial.has(a-1) || n.cands[o].kind() != "" || n.cands[o].te-n.cands[o].ts != 1 {
				break
			}
			n.cands[o].drop = true
		}
		a--
	}
	// "Independent TD Martina Rowley": an independent is of no party.
	if o := n.candAt(a - 1); o >= 0 && n.word(a-1) == "independent" && n.cands[o].kind() == "" && n.cands[o].te == a && n.cands[o].ts == a-1 {
		n.cands[o].drop = true
	}
	// "Aviation analyst Pieter Vanhoutte": a word opening the sentence
	// that names nothing elsewhere qualifies the title.
	if o := n.candAt(a - 1); o >= 0 && a-1 == n.cands[o].ts && n.cands[o].te == a && !n.toks[a].cap && !n.toks[a].upper && n.bareTitleWord(o) {
		a--
	}
	// "EU antitrust chief": one lower-case word between the organisation
	// and the title belongs to the title.
	if a >= 2 && n.candAt(a-1) < 0 && n.toks[a-1].word && !n.toks[a-1].cap && !n.toks[a-1].digit &&
		!nerStop[n.word(a-1)] && !nerConnectors[n.word(a-1)] && !nerCopulas[n.word(a-1)] && !nerSpeechVerbs[n.word(a-1)] {
		if o := n.candAt(a - 2); o >= 0 && n.cands[o].te == a-1 && n.cands[o].kind() != Person && n.cands[o].lean[cuePerson] == 0 || n.toks[a-2].poss {
			a--
		}
	}
	// "A political scientist", "the trust's medical director",
	// "election director Hank Moravec": a lower-case word before the
	// title belongs to it.
	if o := n.candAt(a - 1); a >= 1 && o >= 0 && (n.initial.has(a-1) || a >= 2 && n.word(a-2) == "the" && n.initial.has(a-2)) && n.cands[o].te == a && n.cands[o].ts == a-1 && n.cands[o].kind() == "" && nerPlaceHeads[n.word(a-1)] {
		n.cands[o].drop = true // "Town council member Rosa Delgado"
		a--
	} else if a >= 1 && n.candAt(a-1) < 0 && n.lowerModifier(a-1) && !(n.initial.has(a-1) && (nerOrgNouns[n.word(a-1)] || nerInstHeads[n.word(a-1)])) {
		switch w := n.word(a - 2); {
		case w == "a" || w == "an" || w == "the" || w == "its" || w == "his" || w == "her" || w == "their" || a >= 2 && n.toks[a-2].poss:
			a--
		case (w == "former" || w == "then" || w == "outgoing" || w == "acting" || w == "interim") && a >= 3 && (n.toks[a-3].poss || n.word(a-3) == "the" || n.word(a-3) == "its"):
			// "The company's former environmental manager, NAME,".
			a -= 2
		case w == "to" || nerSubjectPronouns[w]:
			// "voted to fire Superintendent X", "She succeeds Gov. X":
			// a verb.
		case end-a == 1 && (a < 2 || !n.toks[a-2].word || nerStop[w]) || n.initial.has(a-1):
			// "..., election director Hank Moravec said", "Town council
			// member Rosa Delgado voted"
			a--
		}
	}
	// A weak candidate inside the title ("Opposition leader") is no name.
	for k := a; k < end; k++ {
		if o := n.candAt(k); o >= 0 {
			n.cands[o].drop = true
		}
	}
	// "ex-chairman": the role has ended.
	past := false
	if a >= 2 && n.word(a-1) == "-" && !n.toks[a-1].space && !n.toks[a].space && n.word(a-2) == "ex" {
		past = true
		if o := n.candAt(a - 2); o >= 0 {
			n.cands[o].drop = true
		}
	}
	r := nerRole{person: c, title: nerTitleText(n, a, end), orgCand: -1, succeeds: -1, titleCap: n.toks[a].cap || n.toks[a].upper}
	start := a
	if past {
		start = a - 2
	}
	switch {
	case a >= 2 && n.word(a-1) == "whose":
		// "to Delta Star Transit, a company whose owner, NAME,": the
		// organisation the relative clause hangs on. "the deal went to
		// a company whose chief executive, NAME,": no name stands in
		// apposition, so the noun stands for the story's firm, not the
		// last name before it.
		if w := n.word(a - 2); nerFirmNouns[w] && !n.toks[a-2].cap && (n.word(a-3) == "a" || n.word(a-3) == "the") && n.word(a-4) != "," {
			r.orgNoun = "a company"
			break
		}
		for k := a - 2; k >= 0 && k >= a-7 && n.word(k) != "."; k-- {
			if o := n.candAt(k); o >= 0 {
				if n.cands[o].kind() != Person {
					r.orgCand = o
				}
				break
			}
		}
	case a >= 1 && n.initial.has(a-1) && n.toks[a-1].cap && (nerOrgNouns[n.word(a-1)] || nerInstHeads[n.word(a-1)]) && n.genericWordCand(a-1):
		// "Council leader John Price": a common noun opening the
		// sentence, no name.
		o := n.candAt(a - 1)
		n.cands[o].setKind("")
		n.cands[o].drop = true
		r.orgNoun = n.word(a - 1)
		start = a - 1
	case a >= 1 && n.candAt(a-1) < 0 && n.initial.has(a-1) && n.toks[a-1].cap && (nerOrgNouns[n.word(a-1)] || nerInstHeads[n.word(a-1)]):
		// "Union general secretary Nadia Ferreira-Kost": the union.
		r.orgNoun = n.word(a - 1)
		start = a - 1
	case a >= 3 && n.word(a-1) == ")" && n.acronymOrgBefore(a-1) >= 0:
		// "Zambian National Front (ZNF) provincial chairperson NAME".
		r.orgCand = n.acronymOrgBefore(a - 1)
		start = n.cands[r.orgCand].ts
	case a >= 1 && (n.word(a-1) == "its" || n.word(a-1) == "their"):
		// "Its managing director, Smt. Lakshmi Venkataraman,", "their
		// captain, Jordan Achterberg".
		r.orgNoun = "its"
		start = a - 1
	case a >= 2 && n.toks[a-1].poss:
		if o := n.candAt(a - 2); o >= 0 && n.cands[o].kind() != Person {
			r.orgCand = o
			start = n.cands[o].ts
		} else if nerOrgNouns[n.word(a-2)] || nerPossOrgNouns[n.word(a-2)] || nerTownNouns[n.word(a-2)] || nerAreaOwners[n.word(a-2)] {
			r.orgNoun = n.word(a - 2)
			start = a - 2
		}
	case a >= 1 && n.candAt(a-1) >= 0:
		o := n.candAt(a - 1)
		// "The union's Queensland branch secretary": the place names
		// the branch; the union holds the office.
		if ts := n.cands[o].ts; n.cands[o].te == a && ts >= 2 && n.toks[ts-1].poss && nerOrgNouns[n.word(ts-2)] && (n.cands[o].kind() == Place || n.cands[o].gaz != nil && n.cands[o].gaz.kind == Place) {
			r.orgNoun = n.word(ts - 2)
			start = ts - 2
			break
		}
		if n.cands[o].kind() != Person && n.cands[o].te == a {
			r.orgCand = o
			start = n.cands[o].ts
		}
	}
	// "U.S. District Judge Hannah Rourke", "Assistant U.S. Attorney":
	// the federal office is named with its country.
	if o := r.orgCand; o >= 0 && n.cands[o].gaz != nil && n.cands[o].gaz.canon == "United States" && n.cands[o].te == a && nerFederalTitles[strings.ToLower(lastWord(r.title))] {
		r.title = n.text[n.toks[n.cands[o].ts].s:n.toks[n.cands[o].te-1].e] + " " + r.title
		r.orgCand = -1
		n.cands[o].setKind("")
		n.cands[o].gaz, n.cands[o].drop = nil, true
		// "Assistant U.S. Attorney", "Acting U.S. Marshal": a modifier
		// before the country is the title's.
		if k := n.cands[o].ts - 1; k >= 0 && nerTitleModifiers[n.word(k)] && n.toks[k].cap {
			if m := n.candAt(k); m < 0 || n.cands[m].te-n.cands[m].ts == 1 && n.cands[m].kind() == "" {
				if m >= 0 {
					n.cands[m].drop = true
				}
				r.title = n.text[n.toks[k].s:n.toks[k].e] + " " + r.title
				start = k
			}
		}
	}
	// "former Airbus chief executive Noel Forgeard"; "voted to fire
	// Superintendent X".
	if past || n.pastMarker(max(start-1, 0), end) || nerFireVerbs[n.word(start-1)] {
		r.until = "PAST_REF"
	}
	r.s = int(n.toks[start].s)
	r.e = int(n.toks[n.cands[c].te-1].e)
	// "Sen. Thomas Whitfield of Georgia", "analyst Pieter Vanhoutte of
	// the consultancy Strand & Mercer".
	if k := n.cands[c].te + 1; r.orgCand < 0 && r.orgNoun == "" && (end == n.cands[c].ts || end == n.cands[c].ts-1 && (nerPersonPrefixes[n.word(end)] || n.word(end) == ",")) && n.word(k-1) == "of" && k < len(n.toks) {
		if n.word(k) == "the" {
			k++
			if nerOrgNouns[n.word(k)] && !n.toks[k].cap {
				k++
			}
		}
		if o := n.candAt(k); o >= 0 && n.cands[o].ts == k && (n.cands[o].gaz != nil && n.cands[o].gaz.kind == Place || n.cands[o].gaz == nil && n.cands[o].kind() != Person) {
			r.orgCand = o
			r.e = int(n.toks[n.cands[o].te-1].e)
		}
	}
	return r, true
}

// bareTitleWord reports whether candidate o is a single word opening its
// sentence that the text never names again, capitalised only because it
// opens the sentence: "Aviation" in "Aviation analyst X", not "Airbus"
// in "Airbus chief executive X" when Airbus recurs.
func (n *ner) bareTitleWord(o int) bool {
	cd := n.cands[o]
	t := n.toks[cd.ts]
	if cd.kind() != "" || cd.te-cd.ts != 1 || !n.initial.has(cd.ts) || t.upper || n.capMid[t.lower()] || nerInnerCap(n.text[t.s:t.e]) {
		return false
	}
	for x := range n.cands {
		if x != o && n.keyOf(&n.cands[x]) == n.keyOf(&cd) {
			return false
		}
	}
	return nerCommonNounEnding(t.lower())
}

// nerCommonNounEnding reports whether w ends like an English abstract or
// mass noun ("aviation", "election", "community", "insurance", "mining"),
// as a domain before a title does and a company's name seldom.
func nerCommonNounEnding(w string) bool {
	for _, suf := range []string{"tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ogy", "ics", "ure", "ship"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// lowerModifier reports whether token k is a lower-case word that may
// qualify a title: not a function word, verb, adverb or number.
func (n *ner) lowerModifier(k int) bool {
	t := n.toks[k]
	if !t.word || t.cap && !(n.initial.has(k) && n.candAt(k) < 0) || t.upper || t.digit || n.timed.has(k) || !t.space && k > 0 && n.toks[k-1].lower() == "-" {
		return false // not "two-term"; "Town" opening a sentence is "town"
	}
	w := t.lower()
	return !nerStop[w] && !nerConnectors[w] && !nerCopulas[w] && !nerSpeechVerbs[w] && !nerSkipAdverbs[w] &&
		!strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing") && !nerPersonPrefixes[w]
}

// pastMarker reports whether "former" or "ex-" is among tokens [a, b):
// the role they qualify has ended.
func (n *ner) pastMarker(a, b int) bool {
	for k := a; k < b && k < len(n.toks); k++ {
		switch n.toks[k].lower() {
		case "former", "formerly", "previously", "retired":
			return true
		case "then":
			if n.word(k-1) == "the" {
				return true // "the then environment secretary"
			}
		case "late":
			// "the band's late drummer": the holder has died.
			if w := n.word(k - 1); w == "the" || w == "his" || w == "her" || w == "their" || k > 0 && n.toks[k-1].poss {
				return true
			}
		case "ex":
			if n.word(k+1) == "-" && !n.toks[k+1].space {
				return true
			}
		}
	}
	return false
}

// titleCapitalised reports whether the title of r was written with a
// capital: "President Trump" makes a person of a single word, "oil
// producer Rosneft" does not.
func (n *ner) titleCapitalised(r nerRole) bool {
	return r.title != "" && r.titleCap
}

// nerCopulas introduce a role after a name: "has served as", "became".
var nerCopulas = nerSet("serves,served,is,was,became,becomes,remains,remained,named,appointed,elected,been,serve,become,works,worked,acts,acted,act")

// nerTakeVerbs with "over", "charge" or "office" and "as" start a role:
// "took over as chief executive".
var nerTakeVerbs = nerSet("took,takes,take,taking,taken")

// nerSkipAdverbs may sit between a name and its copula.
var nerSkipAdverbs = nerSet("now,currently,also,still,previously,formerly,recently,then,later,has,had,have,will,would,is,was,once,long,since,already,newly,just")

// copula reads "has served as <title>", "was named <title>" starting at
// token p.
func (n *ner) copula(c, p, sentEnd int) ([]nerRole, bool) {
	q := p
	verb := false
	for q < sentEnd && q < p+5 {
		w := n.word(q)
		// "took over as interim chief executive", "takes charge as".
		if nerTakeVerbs[w] && (n.word(q+1) == "over" || n.word(q+1) == "charge" || n.word(q+1) == "office") && n.word(q+2) == "as" {
			verb = true
			q += 2
			break
		}
		if nerCopulas[w] {
			verb = true
			q++
			// "was named", "has been appointed".
			for q < sentEnd && (nerCopulas[n.word(q)] || nerSkipAdverbs[n.word(q)]) && n.titleAt(q, sentEnd) == q {
				q++
			}
			break
		}
		// "who left to become general counsel at X".
		if (w == "left" || w == "quit" || w == "resigned") && n.word(q+1) == "to" && nerCopulas[n.word(q+2)] {
			q += 2
			continue
		}
		if !nerSkipAdverbs[w] {
			return nil, false
		}
		q++
	}
	if !verb {
		return nil, false
	}
	past := n.pastMarker(p, q) // "previously served as"
	// "was until last month the head of womenswear at X".
	until := ""
	if n.word(q) == "until" {
		if t, ok := n.timeAt(q + 1); ok {
			until, q = t.Value, n.tokAfter(t.End)
		}
	}
	if n.word(q) == "as" {
		q++
	}
	rs, ok := n.titlePhrase(c, q, sentEnd, true)
	if !ok {
		return nil, false
	}
	for i := range rs {
		if until != "" && rs[i].until == "" {
			rs[i].until = until
		}
		if past && rs[i].until == "" {
			rs[i].until = "PAST_REF"
		}
	}
	// "became executive director of X in 1979 and retired in 1999".
	for k := n.tokAfter(rs[0].e); k+1 < sentEnd; k++ {
		if n.word(k) != "and" || nerLeaveVerbs[n.word(k+1)] != 1 {
			continue
		}
		until := "PAST_REF"
		if t, _, ok := n.dateAfter(k+2, sentEnd); ok {
			until = t
		}
		for i := range rs {
			if rs[i].until == "" {
				rs[i].until = until
			}
		}
		break
	}
	return rs, true
}

// subjectStart is the byte offset where the subject of a role starts:
// candidate c, or for c < 0 the pronoun at token -1-c.
func (n *ner) subjectStart(c int) int {
	if c < 0 {
		return int(n.toks[-1-c].s)
	}
	return int(n.toks[n.cands[c].ts].s)
}

// nerAppointVerbs give their object a role: "named X as chief operating
// officer".
var nerAppointVerbs = nerSet("named,appointed,hired,promoted,elected,chose,picked,tapped,nominated,installed")

// appointed reads "named X[, apposition,] as <title>" around candidate c.
func (n *ner) appointed(c, sentEnd int) ([]nerRole, bool) {
	cd := n.cands[c]
	v := cd.ts - 1
	for n.prefixAt(v) {
		v--
	}
	// "has appointed Professor NAME as Dean": a title used as an
	// honorific between the verb and the name.
	if v > 0 && n.toks[v].cap && nerTitleSet[n.word(v)] && nerAppointVerbs[n.word(v-1)] {
		v--
	}
	// "has named the Danish architect NAME as its design director": a
	// description of the person between the verb and the name.
	if v > 2 && !n.toks[v].cap && nerTitleSet[n.word(v)] {
		for q := v - 1; q > 0 && q >= v-3; q-- {
			if w := n.word(q); w == "the" || w == "a" || w == "an" {
				if nerAppointVerbs[n.word(q-1)] {
					v = q - 1
				}
				break
			}
			if !n.toks[q].word || n.toks[q].digit {
				break
			}
		}
	}
	// "announced the appointment of NAME as Chief Financial Officer".
	noun := n.word(v) == "of" && nerAppointNouns[n.word(v-1)]
	if !noun && !nerAppointVerbs[n.word(v)] || v > 0 && (nerCopulas[n.word(v-1)] || n.word(v-1) == "be" || n.word(v-1) == "been") {
		return nil, false // "was named": the copula reads it
	}
	// The appointing organisation: the verb's subject ("The X Board has
	// named NAME … as its general manager"), or for the noun the
	// organisation opening the sentence.
	subj := -1
	if noun {
		if k := n.sentTok[n.sentOf(cd.ts)][0]; n.word(k) == "the" {
			subj = n.candAt(k + 1)
		} else {
			subj = n.candAt(k)
		}
	} else {
		k := v - 1
		for k > 0 && (n.word(k) == "has" || n.word(k) == "have" || n.word(k) == "had" || n.word(k) == "also") {
			k--
		}
		// "has promoted NAME to counsel … and named NAME as a partner":
		// the subject of the first verb.
		if n.word(k) == "and" {
			for q := k - 1; q > n.sentTok[n.sentOf(k)][0]; q-- {
				if nerAppointVerbs[n.word(q)] && !n.quoted.has(q) {
					k = q - 1
					for k > 0 && (n.word(k) == "has" || n.word(k) == "have" || n.word(k) == "had" || n.word(k) == "also") {
						k--
					}
					break
				}
			}
		}
		// "Greyfield Trust, the rural poverty charity, has appointed":
		// the subject before an apposition.
		if n.word(k) == "," {
			for q := k - 1; q > 0 && q > k-8; q-- {
				if n.word(q) == "," {
					if o := n.candAt(q - 1); o >= 0 && n.cands[o].te == q {
						k = q - 1
					}
					break
				}
			}
		}
		subj = n.candAt(k)
	}
	if subj >= 0 && (n.cands[subj].kind() == Person || n.cands[subj].kind() == "" && n.cands[subj].te-n.cands[subj].ts < 2) {
		subj = -1
	}
	p := cd.te
	if n.word(p) == "," {
		k := p + 1
		for k < sentEnd && k < p+16 && n.word(k) != "," {
			k++
		}
		if n.word(k) != "," {
			return nil, false
		}
		p = k + 1
	}
	if n.word(p) == "its" || n.word(p) == "their" {
		// "Marlow Holdings plc named Tomas Brandt its new finance chief".
		rs, ok := n.titlePhrase(c, p, sentEnd, true)
		if ok && v > 0 {
			if o := n.candAt(v - 1); o >= 0 && n.cands[o].kind() != Person {
				for i := range rs {
					if rs[i].orgCand < 0 && rs[i].orgNoun == "" {
						rs[i].orgCand = o
					}
				}
			}
		}
		return rs, ok
	}
	// "has promoted NAME to counsel".
	if n.word(p) != "as" && !(n.word(p) == "to" && n.word(v) == "promoted") {
		return nil, false
	}
	rs, ok := n.titlePhrase(c, p+1, sentEnd, true)
	if ok && subj >= 0 {
		for i := range rs {
			if rs[i].orgCand < 0 && rs[i].orgNoun == "" {
				rs[i].orgCand = subj
			}
		}
	}
	return rs, ok
}

// nerAppointNouns name an appointment before "of NAME as TITLE".
var nerAppointNouns = nerSet("appointment,election,nomination,promotion")

// partyTag reports whether a US party and district tag starts at token
// k: "D-Cascade Falls", "R-Texas".
func (n *ner) partyTag(k int) bool {
	if k+2 >= len(n.toks) || !n.toks[k].cap || n.word(k+1) != "-" || n.toks[k+1].space || n.toks[k+2].space || !n.toks[k+2].cap {
		return false
	}
	switch n.word(k) {
	case "d", "r", "i", "d.", "r.":
		return true
	}
	return false
}

// whoAnd returns the token after the "and" that coordinates a second
// verb in a relative clause starting at p ("who farms near Bellfield and
// chairs the X"), or p when there is none before a comma.
func (n *ner) whoAnd(p, sentEnd int) int {
	for k := p + 1; k < sentEnd && k < p+10; k++ {
		switch n.word(k) {
		case ",", ";", "—", "(", "who", "said", "says":
			return p
		case "and":
			return k + 1
		}
	}
	return p
}

// joinedAs reads "joined ORG as TITLE" at token q ("has joined the
// chambers Twelve Harcourt Row as a door tenant", "joined the trust's
// board as a trustee in 2021"): the title's organisation is the body
// joined.
func (n *ner) joinedAs(c, q, sentEnd int) ([]nerRole, bool) {
	switch n.word(q) {
	case "joined", "joins", "join", "rejoined", "rejoins":
	default:
		return nil, false
	}
	for a := q + 1; a < sentEnd && a < q+10; a++ {
		switch n.word(a) {
		case ",", ";", "and", ".", "—":
			return nil, false
		case "as":
		default:
			continue
		}
		rs, ok := n.titlePhrase(c, a+1, sentEnd, true)
		if !ok {
			return nil, false
		}
		org, noun := -1, ""
		for b := a - 1; b > q; b-- {
			if o := n.candAt(b); o >= 0 && n.cands[o].kind() != Person {
				org = n.candAt(n.cands[o].ts)
				break
			}
		}
		if k := q + 1 + btoi(n.word(q+1) == "the"); org < 0 && nerOrgNouns[n.word(k)] && !n.toks[k].cap && (n.toks[k+1].poss || k+1 == a) {
			noun = n.word(k)
		}
		for i := range rs {
			if rs[i].orgCand < 0 && rs[i].orgNoun == "" {
				rs[i].orgCand, rs[i].orgNoun = org, noun
			}
		}
		return rs, true
	}
	return nil, false
}

// btoi is 1 for true and 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nerTitleVerbs state a role by their verb: "has chaired the X
// Foundation since 2023".
var nerTitleVerbs = map[string]string{
	"chairs": "Chair", "chaired": "Chair", "chairing": "Chair",
	// "X, who heads the Y Squad", "who directs the institute".
	"heads": "Head", "headed": "Head", "directs": "Director", "directed": "Director",
	"manages": "Manager", "founded": "Founder", "co-founded": "Co-founder",
	// "Luis Arriaga, who owns Arriaga Lumber & Supply,".
	"owns": "Owner",
}

// nerBodyNames end the lower-case names of bodies one chairs: "the audit
// committee", "the planning board".
var nerBodyNames = nerSet("committee,board,panel,inquiry,commission,council,group,taskforce,review,tribunal,trust")

// verbRole reads "[has] chaired [the] Org" starting at token p, the
// subject being candidate c (or a pronoun, c < 0).
func (n *ner) verbRole(c, p, sentEnd int) ([]nerRole, bool) {
	q := p
	for q < sentEnd && q < p+3 && (nerSkipAdverbs[n.word(q)] || n.word(q) == "has" || n.word(q) == "had") {
		q++
	}
	// "Priya Rao, who leads threat research at Hollis Labs,": a field
	// led at a named body is a head's post.
	if w := n.word(q); w == "leads" || w == "heads" {
		e := q + 1
		if n.word(e) == "the" {
			e++ // "who heads the commercial disputes practice at X"
		}
		for e < sentEnd && e < q+6 && n.toks[e].word && !n.toks[e].cap && !nerStop[n.word(e)] {
			e++
		}
		// "at rival Carrow Lane": one lower-case word may describe the
		// body.
		a := e + 1
		if t := n.toks[min(a, len(n.toks)-1)]; a+1 < sentEnd && t.word && !t.cap && !t.digit && n.candAt(a) < 0 {
			if o := n.candAt(a + 1); o >= 0 && n.cands[o].ts == a+1 {
				a++
			}
		}
		if o := n.candAt(a); e > q+1 && n.word(e) == "at" && o >= 0 && n.cands[o].ts == a && n.cands[o].kind() != Person && n.cands[o].kind() != Place {
			r := nerRole{person: c, title: "Head of " + strings.ToLower(n.text[n.toks[q+1].s:n.toks[e-1].e]), orgCand: o, succeeds: -1, s: n.subjectStart(c), e: int(n.toks[n.cands[o].te-1].e)}
			return []nerRole{r}, true
		}
	}
	if rs, ok := n.joinedAs(c, q, sentEnd); ok {
		return rs, true
	}
	title, ok := nerTitleVerbs[n.word(q)]
	// "who started the company in 1998": starting a firm is founding it,
	// but "started the race" is no role, so only a firm's noun follows.
	if !ok && (n.word(q) == "started" || n.word(q) == "co-founded") && n.word(q+1) == "the" && nerFirmNouns[n.word(q+2)] {
		title, ok = "Founder", true
	}
	if !ok {
		return nil, false
	}
	k := q + 1
	if n.word(k) == "the" {
		k++
	}
	o := n.candAt(k)
	// "Lau Tin-sang, who founded the company in 1972": the story's firm.
	if o < 0 && k > q+1 && strings.HasSuffix(title, "ounder") && nerFirmNouns[n.word(k)] && !n.toks[k].cap && !(k+1 < sentEnd && (n.toks[k+1].poss || n.toks[k+1].word && !n.timed.has(k+1) && !nerStop[n.word(k+1)] && n.word(k+1) != "in")) {
		r := nerRole{person: c, title: title, orgCand: -1, orgNoun: n.word(k), succeeds: -1, s: n.subjectStart(c), e: int(n.toks[k].e)}
		if t, _, ok := n.dateAfter(k+1, sentEnd); ok {
			r.since = t
		}
		return []nerRole{r}, true
	}
	// "who heads the union's Halcourt local": the union.
	if o < 0 && k > q+1 && nerOrgNouns[n.word(k)] && k+1 < sentEnd && n.toks[k+1].poss {
		r := nerRole{person: c, title: title, orgCand: -1, orgNoun: n.word(k), succeeds: -1, s: n.subjectStart(c), e: int(n.toks[k].e)}
		return []nerRole{r}, true
	}
	if o < 0 {
		// "who chairs the audit committee": a body named in lower case.
		e := k
		for e < sentEnd && e < k+4 && n.toks[e].word && !n.toks[e].cap && !n.toks[e].digit && !nerStop[n.word(e)] {
			e++
		}
		// "now chairs the board": the board of the story's company.
		if e == k+1 && title == "Chair" && n.word(k) == "board" && n.word(k-1) == "the" && !n.toks[k].cap {
			r := nerRole{person: c, title: title, orgCand: -1, orgNoun: "company", succeeds: -1, s: n.subjectStart(c), e: int(n.toks[k].e)}
			return []nerRole{r}, true
		}
		if e > k && nerBodyNames[n.word(e-1)] {
			r := nerRole{person: c, title: title + " of the " + nerTitleText(n, k, e), orgCand: -1, succeeds: -1, s: n.subjectStart(c), e: int(n.toks[e-1].e)}
			return []nerRole{r}, true
		}
		return nil, false
	}
	if n.cands[o].ts != k || n.cands[o].kind() == Person {
		return nil, false
	}
	r := nerRole{person: c, title: title, orgCand: o, succeeds: -1, s: n.subjectStart(c), e: int(n.toks[n.cands[o].te-1].e)}
	if t, _, ok := n.dateAfter(n.cands[o].te, sentEnd); ok {
		r.since = t
	}
	return []nerRole{r}, true
}

// titlePhrase reads "[the] [Org’s] title [and title] [of|at|for Org]
// [since T]" starting at token p.
func (n *ner) titlePhrase(c, p, sentEnd int, copula bool) ([]nerRole, bool) {
	start := p
	for p < sentEnd {
		switch n.word(p) {
		case "the", "a", "an", "its", "his", "her", "their", "now", "currently", "also", "former", "then", "newly", "recently", "elected", "appointed", "re-elected",
			// "NAME, previously co-head of …", "formerly a senior
			// associate at", "a retired chief constable".
			"previously", "formerly", "retired":
			p++
			continue
		case "as":
			// "named its chief financial officer, Raymond Quill, as
			// interim superintendent".
			if p == start && n.word(p-1) == "," {
				p++
				continue
			}
		case "ex":
			if n.word(p+1) == "-" && !n.toks[p+1].space {
				p += 2
				continue
			}
		}
		// "a 19-year-old prison warder": an age before the title.
		if q := n.ageAdjective(p); q > p && p > start {
			p = q
			continue
		}
		break
	}
	orgCand, orgNoun := -1, ""
	if o := n.candAt(p); o >= 0 && n.cands[o].ts == p && n.cands[o].kind() != Person {
		e := n.cands[o].te
		if e < sentEnd && n.toks[e].poss {
			orgCand, p = o, e+1
		} else if n.titleAt(e, sentEnd) > e {
			orgCand, p = o, e
		}
	} else if (nerOrgNouns[n.word(p)] || nerPossOrgNouns[n.word(p)] || nerTownNouns[n.word(p)] || nerAreaOwners[n.word(p)]) && p+1 < sentEnd && n.toks[p+1].poss {
		orgNoun, p = n.word(p), p+2
	}
	var titles [][2]int
	for p < sentEnd {
		if n.candAt(p) >= 0 && !n.toks[p].cap {
			break
		}
		q := n.titleAt(p, sentEnd)
		if q == p && len(titles) == 0 {
			// "a shipping analyst", "a food-sector analyst": one or two
			// lower-case words before the title.
			for k, words := p+1, 0; words < 2 && k < sentEnd; k++ {
				t := n.toks[k-1]
				if (t.lower() == "-" || t.lower() == "‑") && !t.space && k-1 > p && !n.toks[k].space && n.toks[k].word {
					continue // "food-sector": one word
				}
				words++
				if !t.word || t.cap || t.digit || n.candAt(k-1) >= 0 || nerCopulas[t.lower()] || nerSkipAdverbs[t.lower()] || nerConnectors[t.lower()] || nerStop[t.lower()] {
					break
				}
				if e := n.titleAt(k, sentEnd); e > k {
					q = e
					break
				}
			}
		}
		if q == p && len(titles) == 0 && n.word(p-1) == "former" && p > start && n.unknownTitleWord(p) {
			// "Euan Baird, the former harbourmaster, said": after "the
			// former", one lower-case noun ending the phrase is a title
			// the lexicon lacks.
			q = p + 1
		}
		if q == p {
			break
		}
		// A title inside a candidate ("General Motors") is no title.
		inCand := false
		for k := p; k < q; k++ {
			if o := n.candAt(k); o >= 0 && n.cands[o].kind() != "" && n.cands[o].kind() != Person {
				inCand = true
			}
		}
		if inCand {
			break
		}
		// "minister of transport", "the Chief Officer for Health".
		if (n.word(q) == "of" || n.word(q) == "for" && n.capPortfolio(q+1, n.candEnd(q+1))) && q+1 < sentEnd && nerPortfolios[n.word(q+1)] {
			if o := n.candAt(q + 1); o >= 0 {
				if n.cands[o].kind() != "" {
					break
				}
				n.cands[o].drop = true
				q = n.cands[o].te
			} else {
				q += 2
			}
		}
		titles = append(titles, [2]int{p, q})
		p = q
		if (n.word(p) == "and" || n.word(p) == "&") && n.titleAt(p+1, sentEnd) > p+1 {
			p++
			continue
		}
		break
	}
	if len(titles) == 0 {
		return nil, false
	}
	// "director of operations", "chair of the planning committee": a
	// lower-case domain after "of" ending the phrase belongs to the
	// title.
	if n.word(p) == "of" || n.word(p) == "for" {
		if q := n.titleDomain(p+1, sentEnd); q > p+1 {
			titles[len(titles)-1][1] = q
			p = q
		}
	}
	end := p
	// "an adviser to the Ministry of X": the body advised.
	prep := n.word(p)
	if prep == "to" && !nerToTitles[n.word(titles[len(titles)-1][1]-1)] {
		prep = ""
	}
	if orgCand < 0 && orgNoun == "" {
		switch prep {
		case "of", "at", "for", "with", "in", "to":
			k := p + 1
			if n.word(k) == "the" {
				k++
			}
			k = n.afterOrgDescriptor(k, sentEnd)
			if o := n.candAt(k); o >= 0 && n.cands[o].ts == k && n.cands[o].kind() != Person {
				orgCand = o
				end = n.cands[o].te
			} else if nerOrgNouns[n.word(k)] {
				orgNoun = n.word(k)
				end = k + 1
				// "co-head of the firm's disputes group", "chief
				// executive of the group's watches and jewellery
				// division": a unit of the body, named in lower case.
				if k+1 < sentEnd && n.toks[k+1].poss {
					q := k + 2
					for q < sentEnd && q < k+7 && n.toks[q].word && !n.toks[q].cap && !n.toks[q].digit && n.candAt(q) < 0 && (!nerStop[n.word(q)] || n.word(q) == "and") {
						q++
					}
					if q > k+2 && n.word(q-1) != "and" {
						end = q
					}
				}
			}
		}
	}
	// "a deputy director at the Institute for Coastal Research (ICR),":
	// the acronym is the organisation's.
	if orgCand >= 0 && n.word(end) == "(" && n.word(end+2) == ")" && n.toks[end+1].upper {
		end += 3
	}
	// "the MCA for Kapsowar ward": the seat's area noun.
	if orgCand >= 0 && (nerAreaNouns[n.word(end)] || n.word(end) == "ward") && nerSeatTitles[n.toks[titles[len(titles)-1][1]-1].lower()] {
		end++
	}
	// "Odile Brandt, its director of sales,": the organisation last
	// named.
	if orgCand < 0 && orgNoun == "" && !copula && n.word(start) == "its" && n.word(start-1) == "," {
		orgNoun = "its"
	}
	// The phrase must end here: punctuation, a speech verb, a date or the
	// end of the sentence.
	since, until := "", ""
	k := end
	for k < sentEnd {
		w := n.word(k)
		if w == "," && n.word(k+1) == "effective" {
			// "as chief operating officer, effective Dec. 1"
			if t, ok := n.timeAt(k + 2); ok {
				since = t.Value
				k = n.tokAfter(t.End)
				continue
			}
		}
		// "served as county clerk from 2012 until she resigned in March
		// 2024": the leaving ends the role.
		if w == "until" && nerSubjectPronouns[n.word(k+1)] && nerLeaveVerbs[n.word(k+2)] == 1 {
			q := k + 3
			if x := n.word(q); x == "in" || x == "on" {
				q++
			}
			if t, ok := n.timeAt(q); ok {
				until, k = t.Value, n.tokAfter(t.End)
			} else {
				until, k = "PAST_REF", k+3
			}
			continue
		}
		// "served as chairman from 2018 until he lost his seat in the
		// October 2023 polls": another past verb ends it too, dated by
		// the clause's time.
		if v := n.word(k + 2); w == "until" && since != "" && nerSubjectPronouns[n.word(k+1)] && (nerPastEndVerbs[v] || strings.HasSuffix(v, "ed") && len(v) > 4) {
			until = "PAST_REF"
			for q := k + 3; q < sentEnd && q < k+12; q++ {
				if x := n.word(q); x == "," || x == ";" || x == "." {
					break
				}
				if t, ok := n.timeAt(q); ok {
					until = t.Value
					break
				}
			}
			k += 3
			continue
		}
		if w == "since" || w == "until" || w == "till" || w == "from" || w == "effective" || (w == "in" || w == "on") && copula ||
			(w == "to" || w == "through") && since != "" && until == "" {
			if t, ok := n.timeAt(k + 1); ok {
				switch w {
				case "until", "till", "to", "through":
					until = t.Value // "from 2011 to 2022"
				default:
					since = t.Value
				}
				k = n.tokAfter(t.End)
				continue
			}
		}
		break
	}
	// "the Labour MP for Harwell Vale": the seat after a party's member.
	if k < sentEnd && n.word(k) == "for" && len(titles) > 0 && nerSeatTitles[n.toks[titles[len(titles)-1][1]-1].lower()] {
		if o := n.candAt(k + 1); o >= 0 && n.cands[o].ts == k+1 && n.cands[o].kind() != Person {
			orgCand, orgNoun = o, ""
			end, k = n.cands[o].te, n.cands[o].te
			if nerAreaNouns[n.word(k)] || n.word(k) == "ward" {
				end, k = k+1, k+1 // "the MCA for Kapsowar ward"
			}
		}
	}
	if k < sentEnd {
		w := n.word(k)
		// "the corporator from ward 7,": a short place or domain after
		// the title.
		// "a shop steward at the depot,": a workplace named in lower
		// case.
		if (w == "from" || w == "for" || w == "in" || w == "of" || w == "at") && !copula {
			q := k + 1
			for q < sentEnd && q <= k+3 && n.toks[q].word && (!n.toks[q].cap || n.toks[q].digit) && !nerCopulas[n.word(q)] && !nerSpeechVerbs[n.word(q)] {
				q++
			}
			if q > k+1 && q < sentEnd && (n.word(q) == "," || n.word(q) == ".") {
				k = q
				w = n.word(k)
			}
		}
		// "a sorghum grower near Hays who tested it": where one works.
		if (w == "near" || w == "in" || w == "from") && !copula {
			if o := n.candAt(k + 1); o >= 0 && n.cands[o].ts == k+1 {
				if x := n.word(n.cands[o].te); x == "," || x == "." || x == "who" || x == ";" {
					k = n.cands[o].te
					w = x
				}
			}
		}
		// "now an assistant coach under head coach NAME,": the one
		// above the holder.
		if w == "under" && n.candAt(k+1) >= 0 || w == "under" && n.titleAt(k+1, sentEnd) > k+1 {
			w = ","
		}
		if !(w == "," || w == "." || w == ";" || w == ")" || w == "—" || w == "”" || w == "who" || w == "whose" || nerSpeechVerbs[w] || w == "and" && copula || copula) {
			return nil, false
		}
	}
	if until == "" && (n.pastMarker(start, titles[0][1]) || n.word(start) == "then" && n.word(start-1) == ",") {
		until = "PAST_REF" // "Peter Coyle, then the floods minister,"
	}
	// "a non-executive director and former chief executive of Tasker
	// Homes": the later title alone has ended, and the organisation
	// after it is its own.
	lastPast := len(titles) > 1 && until == "" && n.pastMarker(titles[len(titles)-1][0]-1, titles[len(titles)-1][1])
	var out []nerRole
	for i, t := range titles {
		r := nerRole{person: c, title: nerTitleText(n, t[0], t[1]), orgCand: orgCand, orgNoun: orgNoun, since: since, until: until, succeeds: -1}
		if lastPast {
			if i == len(titles)-1 {
				r.until = "PAST_REF"
			} else {
				r.orgCand, r.orgNoun = -1, ""
			}
		}
		r.s = n.subjectStart(c)
		last := max(end, k) - 1
		if last < start {
			last = start
		}
		r.e = int(n.toks[min(last, len(n.toks)-1)].e)
		out = append(out, r)
	}
	return out, true
}

// nerToTitles take the body they serve after "to": "adviser to the
// board", "consultant to X".
var nerToTitles = nerSet("adviser,advisor,consultant,counsel,aide,assistant")

// unknownTitleWord reports whether token k is one lower-case noun that
// ends its phrase (before a comma, a full stop, "of", "at" or "for"), as
// a title after "the former" does: "the former harbourmaster,".
func (n *ner) unknownTitleWord(k int) bool {
	t := n.toks[k]
	if !t.word || t.cap || t.digit || n.candAt(k) >= 0 || nerStop[t.lower()] || nerConnectors[t.lower()] || nerCopulas[t.lower()] || nerSkipAdverbs[t.lower()] || len(t.lower()) < 4 {
		return false
	}
	if strings.HasSuffix(t.lower(), "ly") || strings.HasSuffix(t.lower(), "ing") || strings.HasSuffix(t.lower(), "ed") {
		return false
	}
	switch n.word(k + 1) {
	case ",", ".", ";", "of", "at", "for":
		return true
	}
	return false
}

// titleDomain returns the end of a lower-case domain of a title starting
// at token k ("operations", "the planning committee"): at most four
// lower-case words, no names, followed by punctuation or a speech verb;
// or k if there is none.
func (n *ner) titleDomain(k, sentEnd int) int {
	q := k
	if n.word(q) == "the" {
		q++
	}
	words := 0
	for q < sentEnd && words < 4 {
		t := n.toks[q]
		if !t.word || t.cap || t.upper || t.digit || n.candAt(q) >= 0 || n.timed.has(q) || nerStop[t.lower()] && t.lower() != "and" || nerCopulas[t.lower()] || nerSpeechVerbs[t.lower()] {
			break
		}
		q++
		words++
	}
	if words == 0 || n.word(q-1) == "and" || nerOrgNouns[n.word(q-1)] && n.word(k) == "the" {
		return k
	}
	if q < sentEnd {
		switch w := n.word(q); {
		case w == "," || w == "." || w == ";" || w == ")" || w == "—" || nerSpeechVerbs[w]:
		case (w == "at" || w == "with") && (n.candAt(q+1) >= 0 || n.word(q+1) == "the" && (n.candAt(q+2) >= 0 || nerOrgNouns[n.word(q+2)])):
			// "a professor of agronomy at Kessler State University"
		default:
			return k
		}
	}
	return q
}

// timeAt returns the DATE time expression starting at token k (or at the
// signal word before it).
func (n *ner) timeAt(k int) (Time, bool) {
	if k >= len(n.toks) {
		return Time{}, false
	}
	lo := int(n.toks[k].s)
	if k > 0 {
		lo = int(n.toks[k-1].s)
	}
	for _, t := range n.times {
		if t.Start >= lo && t.Start <= int(n.toks[k].s) && t.Value != "" {
			return t, true
		}
	}
	return Time{}, false
}

// tokAfter returns the first token starting at or after byte offset b.
func (n *ner) tokAfter(b int) int {
	lo, hi := 0, len(n.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if int(n.toks[m].s) < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// nerTitleDrop are modifiers left out of a title's text.
var nerTitleDrop = nerSet("former,then,outgoing,incoming,new,current,longtime,incumbent,sitting,late")

// nerTitleText writes tokens [a, b) as a title in title case:
// "secretary general" -> "Secretary General", "CEO" stays.
func nerTitleText(n *ner, a, b int) string {
	var sb strings.Builder
	for k := a; k < b; k++ {
		t := n.toks[k]
		if k == a && nerTitleDrop[t.lower()] {
			a++
			continue
		}
		if k > a && t.space {
			sb.WriteByte(' ')
		}
		w := n.text[t.s:t.e]
		if full, ok := nerTitleAbbrev[t.lower()]; ok {
			w = full
		}
		switch {
		case t.upper || !t.word:
			sb.WriteString(w)
		case nerTitleSmall[t.lower()] && k > a:
			sb.WriteString(t.lower())
		case nerTitleSet[t.lower()] && len(t.lower()) <= 3 && !strings.ContainsAny(t.lower(), "aeiou"):
			sb.WriteString(strings.ToUpper(w)) // "ceo"
		default:
			r, size := utf8.DecodeRuneInString(w)
			sb.WriteRune(unicode.ToUpper(r))
			sb.WriteString(strings.ToLower(w[size:]))
		}
	}
	return sb.String()
}

// nerTitleAbbrev spells out abbreviated titles.
var nerTitleAbbrev = map[string]string{
	"sen.": "senator", "rep.": "representative", "gov.": "governor", "gen.": "general", "prof.": "professor",
	"col.": "colonel", "lt.": "lieutenant", "sgt.": "sergeant", "capt.": "captain", "adm.": "admiral",
	"pres.": "president", "supt.": "superintendent", "insp.": "inspector", "cmdr.": "commander",
	"cllr": "councillor", "cllr.": "councillor",
	"sgt": "sergeant", "insp": "inspector", "supt": "superintendent", "det": "detective", "ch": "chief",
}

var nerTitleSmall = nerSet("of,the,and,for,at,in,on")

// nerTitleNorm is the comparison form of a title.
func nerTitleNorm(t string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(t, "-", " "))), " ")
}

// attachRoles turns the raw roles into the Roles and Places of people.
// Roles read without a title come last: an end ("X, who will step down in
// June") ends the person's role named in the same sentence, or the only
// one; a successor without a title takes over the role the other person
// left.
func (n *ner) attachRoles() {
	for i := range n.roles {
		if r := &n.roles[i]; r.person < 0 {
			r.person = n.pronounPerson(r.pron)
		}
	}
	for _, r := range n.roles {
		if r.title != "" && r.person >= 0 {
			if r.orgCand < 0 && r.orgNoun == "" && r.org == "" {
				r.org = n.possessorOrg(r)
			}
			n.attachRole(r)
			// "Verano's chairman and chief executive, NAME,": one
			// person, two posts, each a role of its own beside the
			// whole.
			if a, b, ok := strings.Cut(r.title, " and "); ok && nerIsTitle(a) && nerIsTitle(b) {
				for _, t := range [2]string{a, b} {
					r2 := r
					r2.title = t
					n.attachRole(r2)
				}
			}
		}
	}
	for _, r := range n.roles {
		if r.title != "" || !r.end {
			continue
		}
		ent := n.personOf(r.person)
		if ent == nil {
			continue
		}
		if len(ent.roles) == 0 {
			n.predecessorRole(r)
			continue
		}
		sent := n.sentOf(min(n.tokAfter(r.s), len(n.toks)-1))
		var hit []int
		for i, o := range ent.roles {
			if o.Until == "" && n.sentOf(min(n.tokAfter(o.Start), len(n.toks)-1)) == sent {
				hit = append(hit, i)
			}
		}
		if len(hit) == 0 && len(ent.roles) == 1 && ent.roles[0].Until == "" {
			hit = []int{0}
		}
		for _, i := range hit {
			ent.roles[i].Until = r.until
		}
	}
	for _, r := range n.roles {
		if r.title != "" || r.end || r.succeeds < 0 {
			continue
		}
		from := n.personOf(r.succeeds)
		if from == nil || n.personOf(r.person) == nil {
			continue
		}
		for _, o := range from.roles {
			if o.Until == "" {
				continue
			}
			nr := r
			nr.title = o.Title
			nr.orgCand = -1
			nr.orgNoun = ""
			nr.org = o.Org
			n.attachRole(nr)
		}
	}
	n.successions()
}

// nerIsTitle reports whether t (as written) is a title of the lexicon.
func nerIsTitle(t string) bool {
	toks := nerTokenize(t)
	return len(toks) > 0 && nerTitleSet[nerKey(toks, 0, len(toks))]
}

// possessorOrg returns the organisation of the person a possessive
// pronoun before r's title refers to ("Her deputy, NAME," after a
// sentence about a division's chief executive; "his deputy" after the
// union's leader): that person's post read last before it, or "".
func (n *ner) possessorOrg(r nerRole) string {
	k := n.tokAfter(r.s)
	if w := n.word(k - 1); w == "his" || w == "her" {
		k-- // the span starts at the title
	}
	if w := n.word(k); w != "his" && w != "her" || k >= len(n.toks) || n.quoted.has(k) {
		return ""
	}
	for p := k - 1; p >= 0 && p > k-80; p-- {
		if n.quoted.has(p) {
			continue
		}
		o := n.candAt(p)
		if o < 0 {
			continue
		}
		if o == r.person {
			return ""
		}
		ent := n.personOf(o)
		if ent == nil {
			p = n.cands[o].ts
			continue
		}
		best, bestEnd := "", -1
		for _, pr := range ent.roles {
			if pr.Org != "" && pr.End <= r.s && pr.End > bestEnd {
				best, bestEnd = pr.Org, pr.End
			}
		}
		return best
	}
	return ""
}

// nerSuccessionVerbs take over a post from the person named right after
// them: "She succeeds NAME", "who would replace NAME".
var nerSuccessionVerbs = nerSet("succeeds,succeeded,succeed,succeeding,replaces,replaced,replace,replacing")

// successions gives a person named as the one another takes over from
// ("She succeeds Sir NAME, who steps down …", "takes over from NAME",
// "He replaces NAME, who left in March") the post the taker takes: the
// taker's title read last before the verb, with its organisation. The
// leaver's post has ended unless the handover is still to come ("She will
// succeed NAME").
func (n *ner) successions() {
	for c := range n.cands {
		if n.personOf(c) == nil {
			continue
		}
		k := n.cands[c].ts - 1
		for n.prefixAt(k) {
			k--
		}
		v := k
		switch w := n.word(k); {
		case nerSuccessionVerbs[w]:
		case w == "from" && n.word(k-1) == "over" && nerTakeVerbs[n.word(k-2)]:
			v = k - 2
		default:
			continue
		}
		if v <= 0 || n.quoted.has(v) {
			continue
		}
		s0 := n.sentTok[n.sentOf(v)][0]
		// The taker: the nearest person or subject pronoun before the
		// verb in its sentence.
		taker, tc := (*nerEnt)(nil), -1
		for p := v - 1; p >= s0 && taker == nil; p-- {
			if n.quoted.has(p) {
				continue
			}
			if w := n.word(p); w == "he" || w == "she" {
				tc = n.pronounPerson(p)
				taker = n.personOf(tc)
				break
			}
			if o := n.candAt(p); o >= 0 && o != c {
				if taker = n.personOf(o); taker != nil {
					tc = o
				}
				p = n.cands[o].ts
			}
		}
		if taker == nil || taker == n.personOf(c) {
			continue
		}
		// "Dr. Al Ketbi" read apart from "Noura Saeed Al Ketbi": the
		// full name's entity holds the roles.
		if len(taker.roles) == 0 {
			for _, e := range n.ents {
				if e.kind == Person && e != taker && len(e.roles) > 0 && strings.HasSuffix(e.name, " "+taker.name) {
					taker = e
					break
				}
			}
		}
		// The post taken: the taker's title read last before the verb.
		// One told in an apposition or relative clause after the name
		// ("Kerrigan, who has been the union's regional secretary",
		// "Dr NAME, currently the trust's medical director, takes over")
		// is a post already held; it counts only when nothing else is
		// told, and not when it says so ("currently", "since").
		verbPos := int(n.toks[v].s)
		best, bestApp := -1, -1
		for i, r := range taker.roles {
			if r.Until != "" || r.End > verbPos {
				continue
			}
			// "where she has been Group Finance Director since 2021", "is
			// currently head of X": a post already held.
			if low := strings.ToLower(n.text[r.Start:r.End]); r.Since != "" && strings.Contains(low, " since ") || strings.Contains(low, " currently ") {
				continue
			}
			k := n.tokAfter(r.Start)
			if o := n.candAt(k); o >= 0 && n.personOf(o) == taker && n.word(n.cands[o].te) == "," {
				low := " " + strings.ToLower(n.text[r.Start:r.End]) + " "
				if !strings.Contains(low, " currently ") && !strings.Contains(low, " since ") && !strings.Contains(low, " has been ") && (bestApp < 0 || r.End > taker.roles[bestApp].End) {
					bestApp = i
				}
				continue
			}
			if best < 0 || r.End > taker.roles[best].End {
				best = i
			}
		}
		if best < 0 {
			best = bestApp
		}
		if best < 0 {
			continue
		}
		tr := taker.roles[best]
		title := tr.Title
		for _, m := range []string{"Acting ", "Interim ", "New ", "acting ", "interim ", "new "} {
			title = strings.TrimPrefix(title, m)
		}
		until := "PAST_REF"
		if w := n.word(v - 1); w == "will" || w == "shall" || w == "to" && (n.word(v-2) == "is" || n.word(v-2) == "are" || n.word(v-2) == "set" || n.word(v-2) == "due") {
			until = ""
		}
		te := n.cands[c].te
		if n.word(te) == "," && n.word(te+1) == "who" {
			// "NAME, who is retiring", "who announced that he would
			// retire": the leaver is still in post.
			for p := te + 2; p < len(n.toks) && p < te+14; p++ {
				w := n.word(p)
				if w == "," || w == "." || w == ";" {
					break
				}
				if w == "will" || w == "would" || (w == "is" || w == "are") && (n.word(p+1) == "to" || strings.HasSuffix(n.word(p+1), "ing")) {
					until = ""
					break
				}
			}
		}
		n.attachRole(nerRole{person: c, title: title, org: tr.Org, orgCand: -1, succeeds: -1, until: until, s: verbPos, e: int(n.toks[te-1].e)})
	}
}

// predecessorRole gives a leaver named only by the one who takes over
// the post that person's title: "NAME will become chief executive on
// Sept. 1, replacing Graham Ostrander, who is retiring", "Sunline's
// acting chief executive, NAME, who stepped in after Gavin Pryce resigned
// in November". r is the leaver's end, which has no title of its own.
func (n *ner) predecessorRole(r nerRole) {
	k := n.cands[r.person].ts - 1
	for n.prefixAt(k) {
		k--
	}
	switch n.word(k) {
	case "replacing", "succeeding":
	case "after":
		if w := n.word(k - 1); !(w == "in" && n.word(k-2) == "stepped" || w == "over" && n.word(k-2) == "took") {
			return
		}
	default:
		return
	}
	s0 := n.sentTok[n.sentOf(k)][0]
	for p := k - 1; p >= s0; p-- {
		taker := n.personOf(n.candAt(p))
		if taker == nil {
			continue
		}
		// The taker's post read last before the leaver's name in this
		// sentence ("will become president … on Sept. 1, replacing"),
		// without the stand-in's "acting"; its start is the handover.
		best := -1
		for i, tr := range taker.roles {
			if tr.Until != "" || tr.End > int(n.toks[k].s) || n.sentOf(min(n.tokAfter(tr.Start), len(n.toks)-1)) != n.sentOf(k) {
				continue
			}
			if best < 0 || tr.End > taker.roles[best].End {
				best = i
			}
		}
		if best < 0 {
			return
		}
		tr := taker.roles[best]
		title := tr.Title
		for _, m := range []string{"Acting ", "Interim "} {
			title = strings.TrimPrefix(title, m)
		}
		until := r.until
		if tr.Since != "" {
			until = tr.Since
		}
		n.attachRole(nerRole{person: r.person, title: title, org: tr.Org, orgCand: -1, succeeds: -1, until: until, s: r.s, e: r.e})
		return
	}
}

// implicitOrgs gives a company officer's role that names no organisation
// the company the story last named before it: "Chief Executive Marguerite
// Sandoval said" in a story about Brightwater. A role of the same title
// with an organisation elsewhere in the story stands for it instead.
func (n *ner) implicitOrgs() {
	for _, ent := range n.ents {
		if ent.kind != Person {
			continue
		}
	roles:
		for i := range ent.roles {
			r := &ent.roles[i]
			if r.Org != "" || !nerCorporateTitle(r.Title) || ent.unresolved[nerTitleNorm(r.Title)] {
				continue
			}
			for _, o := range ent.roles {
				if o.Org != "" && nerTitleNorm(o.Title) == nerTitleNorm(r.Title) {
					continue roles
				}
			}
			r.Org = n.mainOrgBefore(r.Start)
		}
		for i := range ent.roles {
			r := &ent.roles[i]
			if r.Org != "" || ent.unresolved[nerTitleNorm(r.Title)] {
				continue
			}
			t := nerTitleNorm(r.Title)
			switch {
			case r.Until == "" && strings.HasSuffix(t, "mayor"):
				// "Mayor Simone Gagnon" in a story from a town: its mayor;
				// in a story about a district's council ("Rangiwhero
				// District Council will borrow …"), the council's.
				if c := n.councilBefore(r.Start); c != "" {
					r.Org = c
				} else {
					r.Org = n.datelineTown()
				}
			case nerTeamTitles[lastWord(t)] || nerTeamTitles[t] || nerTeamTitles[strings.ToLower(r.Title)]:
				// (The last test is for hyphenated positions, "fly-half",
				// "vice-captain", which the normal form splits.)
				// "the Falcons lost two wickets before captain Faisal
				// Nawaz added 151": the team of the sentence, its
				// subject before a team named later in it ("Aberhafod,
				// who beat Llanferris, scored twice through wing NAME");
				// with none, the team the sentence before was about
				// ("Cwmtawel stayed top … Fly-half NAME kicked 14
				// points").
				if o, ok := n.subjectOrg(r.Start); ok && o != "" {
					r.Org = o
				} else if r.Org = n.sentenceOrgBefore(r.Start); r.Org == "" {
					r.Org = n.prevSentenceSubjectOrg(r.Start)
				}
			case nerAcademicTitles[t]:
				// "The deputy vice-chancellor, Professor X": the
				// university of the story.
				r.Org = n.latestOrgWith(r.Start, nerAcademicBodies)
			case nerMinistryTitles[t]:
				// "The province's Ministry of Health said ... The deputy
				// minister, X,": the ministry named last before.
				r.Org = n.latestOrgWith(r.Start, nerMinistryBodies)
			case strings.HasPrefix(t, "county ") && !strings.HasPrefix(t, "county executive committee"):
				// "A former Tolliver County clerk … served as county
				// clerk": the county named last before.
				r.Org = n.latestCountyBefore(r.Start)
			case nerSchoolTitles[t]:
				// "The Redfern School District board voted … Board
				// President X": the district named last before, not a
				// school in it.
				r.Org = n.latestOrgWhere(r.Start, nerSchoolDistrict)
			}
		}
	}
}

// nerTeamTitles are a team's positions, whose team a match report leaves
// to the sentence: "captain", "wicketkeeper", "head coach"; a band's are
// left to a review's the same way ("The Salt Lanterns opened with … Singer
// NAME dedicated").
var nerTeamTitles = nerSet("captain,skipper,vice-captain,coach,head coach,assistant coach,wicketkeeper,goalkeeper,keeper,striker,midfielder,defender,winger,forward,opener,batsman,batter,bowler,spinner,all-rounder,flanker,full-back,fullback,fly-half,outside-half,scrum-half,wing,hooker,prop,lock,number eight,quarterback,pitcher,shortstop,singer,lead singer,drummer,guitarist,bassist,vocalist,keyboardist,frontman,frontwoman")

// prevSentenceSubjectOrg returns the organisation opening the sentence
// before the one at byte pos, or "". A team is often named by its town
// alone ("Cwmtawel stayed top"), so a place opening it counts too: the
// caller asks only for a team position's team.
func (n *ner) prevSentenceSubjectOrg(pos int) string {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	if k < 0 || n.sentOf(k) == 0 {
		return ""
	}
	if e := n.openingEntity(n.sentOf(k) - 1); e >= 0 && n.ents[e].kind == Org {
		return n.ents[e].name
	}
	return ""
}

// nerAcademicTitles head a university.
var nerAcademicTitles = nerSet("vice chancellor,deputy vice chancellor,pro vice chancellor,provost,deputy provost,registrar,rector,principal and vice chancellor")

// nerMinistryTitles are the officers of a ministry named without their
// portfolio: "the deputy minister, X".
var nerMinistryTitles = nerSet("minister,deputy minister,junior minister,assistant minister,minister of state,permanent secretary,principal secretary,deputy permanent secretary")

// nerSchoolTitles are the officers of a school district and its board.
var nerSchoolTitles = nerSet("superintendent,interim superintendent,acting superintendent,deputy superintendent,assistant superintendent,board president,board vice president,board chairman,board chair,board member,school board member")

// nerSchoolDistrict reports whether an organisation's name is a school
// district's ("Redfern School District", "Brackett Public Schools",
// "Pike County Board of Education"), not a school's or a council's.
func nerSchoolDistrict(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, " schools") || strings.HasSuffix(l, "school district") || strings.HasSuffix(l, "board of education") || strings.HasSuffix(l, "school board")
}

// nerMinistryBodies are the head words of a ministry's name.
var nerMinistryBodies = nerSet("ministry")

// nerAcademicBodies are the head words of a university's name.
var nerAcademicBodies = nerSet("university,college,institute,polytechnic,academy")

// sentenceOrgBefore returns the organisation named last before pos in
// pos's sentence, or "".
func (n *ner) sentenceOrgBefore(pos int) string {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	for p := k - 1; p >= n.sentTok[n.sentOf(k)][0] && p >= 0; p-- {
		if c := n.candAt(p); c >= 0 && n.cands[c].ent >= 0 && n.ents[n.cands[c].ent].kind == Org {
			return n.ents[n.cands[c].ent].name
		}
	}
	return ""
}

// latestOrgWith returns the organisation named last before pos whose
// name has one of the words, or "".
func (n *ner) latestOrgWith(pos int, words map[string]bool) string {
	return n.latestOrgWhere(pos, func(name string) bool {
		for _, w := range strings.Fields(strings.ToLower(name)) {
			if words[w] {
				return true
			}
		}
		return false
	})
}

// latestCountyBefore returns the county, as a government or a place,
// named last before pos ("Tolliver County"), or "".
func (n *ner) latestCountyBefore(pos int) string {
	return n.latestEntWhere(pos, func(ent *nerEnt) bool {
		return (ent.kind == Org || ent.kind == Place) && strings.HasSuffix(ent.name, " County")
	})
}

// latestOrgWhere returns the organisation named last before pos whose
// name satisfies ok, or "".
func (n *ner) latestOrgWhere(pos int, ok func(name string) bool) string {
	return n.latestEntWhere(pos, func(ent *nerEnt) bool { return ent.kind == Org && ok(ent.name) })
}

// latestEntWhere returns the name of the entity satisfying ok that is
// named last before pos, or "".
func (n *ner) latestEntWhere(pos int, ok func(ent *nerEnt) bool) string {
	best, bestPos := "", -1
	for _, ent := range n.ents {
		if !ok(ent) {
			continue
		}
		for _, c := range ent.cands {
			c := int(c)
			if p := int(n.toks[n.cands[c].ts].s); p < pos && p > bestPos && n.cands[c].ent >= 0 {
				best, bestPos = ent.name, p
			}
		}
	}
	return best
}

// mainOrgBefore returns the organisation a role at pos belongs to when
// the text leaves it implicit: one named earlier in its sentence, else
// the one the story is about so far, named most often before pos (the
// latest of them on a tie).
func (n *ner) mainOrgBefore(pos int) string {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	for p := k - 1; p >= n.sentTok[n.sentOf(k)][0] && p >= 0; p-- {
		if c := n.candAt(p); c >= 0 && n.cands[c].ent >= 0 && n.ents[n.cands[c].ent].kind == Org {
			return n.ents[n.cands[c].ent].name
		}
	}
	return n.storyOrgBefore(pos)
}

// storyOrgBefore is the organisation a story is about, as of pos.
func (n *ner) storyOrgBefore(pos int) string {
	// The organisation named most often before pos; of those named as
	// often, the one the story named first, the lead's ("Corriveau
	// Health Systems will cut 240 jobs ... a system built by Halden
	// Digital ... The company's former chief technology officer").
	// A round-up of items, each under a dateline of its own: the
	// organisations of the item pos is in.
	from := -1
	for _, c := range n.cands {
		if p := int(n.toks[c.ts].s); c.dateline && p < pos && p > from {
			from = p
		}
	}
	if from >= 0 {
		if m := n.mainOrgIn(from, pos); m != "" {
			return m
		}
	}
	return n.mainOrgIn(-1, pos)
}

// nerCouncilKinds name the local councils a mayor leads: "X District
// Council", "X City Council".
var nerCouncilKinds = nerSet("district,city,borough,town,shire,municipal,county,regional")

// councilBefore returns the local council named last before pos, or "".
func (n *ner) councilBefore(pos int) string {
	best, bestPos := "", -1
	for _, ent := range n.ents {
		ws := strings.Fields(strings.ToLower(ent.name))
		if ent.kind != Org || len(ws) < 3 || ws[len(ws)-1] != "council" || !nerCouncilKinds[ws[len(ws)-2]] {
			continue
		}
		for _, c := range ent.cands {
			c := int(c)
			if p := int(n.toks[n.cands[c].ts].s); p < pos && p > bestPos && !n.heading[n.sentOf(n.cands[c].ts)] {
				best, bestPos = ent.name, p
			}
		}
	}
	return best
}

// mainOrgIn returns the organisation named most often in [from, pos)
// (of those named as often, the one named first).
func (n *ner) mainOrgIn(from, pos int) string {
	best, bestCount, bestPos := "", 0, -1
	for _, ent := range n.ents {
		if ent.kind != Org {
			continue
		}
		count, first := 0, -1
		for _, c := range ent.cands {
			c := int(c)
			ts := n.cands[c].ts
			if n.word(ts-1) == "(" && n.afterDateline(ts) {
				continue // "DENVERTON, Nov. 4 (Keystone Wire) —": the agency
			}
			if p := int(n.toks[ts].s); n.cands[c].ent >= 0 && p < pos && p >= from && !n.heading[n.sentOf(ts)] {
				count++
				if first < 0 || p < first {
					first = int(p)
				}
			}
		}
		if count > bestCount || count == bestCount && count > 0 && first < bestPos {
			best, bestCount, bestPos = ent.name, count, first
		}
	}
	return best
}

// pronounPerson returns the candidate a subject pronoun at token k refers
// to: the last person named before it outside quotations, skipping one
// the text shows to be of the other sex (Mr. for "she", Ms. for "he"); -1
// when there is none.
func (n *ner) pronounPerson(k int) int {
	she := n.word(k) == "she"
	for p := k - 1; p >= 0; p-- {
		c := n.candAt(p)
		if c < 0 || n.quoted.has(p) || n.personOf(c) == nil {
			continue
		}
		ent := n.ents[n.cands[c].ent]
		other := false
		for _, oc := range ent.cands {
			oc := int(oc)
			switch n.word(n.cands[oc].ts - 1) {
			case "mr", "mr.", "sir", "lord":
				other = she
			case "ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "smt", "smt.":
				other = !she
			}
		}
		if !other {
			return c
		}
		p = n.cands[c].ts
	}
	return -1
}

// personOf returns the person entity of candidate c, or nil.
func (n *ner) personOf(c int) *nerEnt {
	if c < 0 || n.cands[c].ent < 0 {
		return nil
	}
	if ent := n.ents[n.cands[c].ent]; ent.kind == Person {
		return ent
	}
	return nil
}

// attachRole adds the role r to its person.
func (n *ner) attachRole(r nerRole) {
	pc := n.cands[r.person]
	if pc.ent < 0 {
		return
	}
	ent := n.ents[pc.ent]
	if ent.kind != Person {
		return
	}
	org := r.org
	var places []string
	if r.orgCand >= 0 {
		if oe := n.cands[r.orgCand].ent; oe >= 0 && n.ents[oe].kind != Person {
			org = n.ents[oe].name
			if n.ents[oe].kind == Place {
				places = append(places, n.ents[oe].places...)
				places = nerAppendUniq(places, org)
			} else {
				places = append(places, n.ents[oe].places...)
			}
		}
	} else if r.orgNoun != "" {
		org = n.resolveNoun(r.orgNoun, r.s)
	} else if org == "" {
		org = n.titleBody(r.title, r.s)
	}

	if r.title == "" {
		return
	}
	if org == "" && r.orgNoun != "" {
		// "the alliance's chief scientist" with no alliance named: no
		// other organisation stands in for it.
		if ent.unresolved == nil {
			ent.unresolved = map[string]bool{}
		}
		ent.unresolved[nerTitleNorm(r.title)] = true
	}
	role := Role{Title: r.title, Org: org, Since: r.since, Until: r.until, Start: r.s, End: r.e}
	merged := false
	for i := range ent.roles {
		o := &ent.roles[i]
		if nerTitleNorm(o.Title) != nerTitleNorm(role.Title) || o.Org != role.Org && o.Org != "" && role.Org != "" {
			continue
		}
		if o.Org == "" {
			o.Org = role.Org
		}
		if o.Since == "" {
			o.Since = role.Since
		}
		if o.Until == "" {
			o.Until = role.Until
		}
		merged = true
		break
	}
	if !merged {
		ent.roles = append(ent.roles, role)
	}
	ent.places = nerAppendUniq(ent.places, places...)
}

// nerCorporateTitle reports whether a title is a company officer's, whose
// organisation a story about the company leaves implicit: "chief
// executive", "CFO", "managing director".
func nerCorporateTitle(title string) bool {
	t := nerTitleNorm(title)
	// "Interim CEO", "acting chief financial officer": the same office.
	for _, m := range []string{"interim ", "acting ", "deputy ", "assistant "} {
		t = strings.TrimPrefix(t, m)
	}
	switch t {
	// "deputy general secretary NAME" in a story about the union, "senior
	// partner NAME" in one about the firm.
	case "general secretary", "company secretary", "managing partner", "senior partner", "medical director", "nursing director", "director of nursing",
		"ceo", "cfo", "coo", "cto", "managing director", "general counsel", "finance director", "chairman", "chairwoman",
		// "board chair NAME said in a statement", "founder NAME, who
		// started the company in 1998": the company's own.
		"board chair", "board chairman", "board chairwoman", "founder", "co founder":
		return true
	}
	// "will become president and chief executive on Sept. 1".
	if strings.HasPrefix(t, "president and ") {
		return true
	}
	return strings.HasPrefix(t, "chief ") && t != "chief minister" && t != "chief justice" && t != "chief of staff"
}

// nerBodyNouns are the bodies a title names its organisation by:
// "council member", "board member".
var nerBodyNouns = nerSet("council,board,committee,commission,assembly,senate,parliament,cabinet")

// titleBody finds the organisation a title names by its body: a "council
// member" sits on the council last named; a "school board member" only
// on a board whose name says school.
func (n *ner) titleBody(title string, pos int) string {
	ws := strings.Fields(strings.ToLower(title))
	switch ws[len(ws)-1] {
	case "councillor", "councilor", "councilman", "councilwoman", "alderman", "alderwoman", "councilmember":
		// A councillor sits on the council last named.
		return n.resolveNoun("council", pos)
	}
	for i, w := range ws {
		if !nerBodyNouns[w] || i == len(ws)-1 {
			continue
		}
		org := n.resolveNoun(w, pos)
		if org == "" || i > 0 && !strings.Contains(strings.ToLower(org), ws[i-1]) {
			return ""
		}
		return org
	}
	return ""
}

// candEnd returns the end of the candidate at token k, or k+1.
func (n *ner) candEnd(k int) int {
	if o := n.candAt(k); o >= 0 {
		return n.cands[o].te
	}
	return k + 1
}

// capPortfolio reports whether tokens [a, b) are a capitalised portfolio
// ("Health", "Roads and Transport"), not an armed force's name ("Air
// Force Communications").
func (n *ner) capPortfolio(a, b int) bool {
	if a >= b || b > len(n.toks) {
		return false
	}
	for x := a; x < b; x++ {
		w := n.word(x)
		if x > a && nerConnectors[w] {
			continue
		}
		if !nerPortfolios[w] || !n.toks[x].cap || w == "air" || w == "force" || w == "navy" || w == "army" {
			return false
		}
	}
	return true
}

// nerAreaOwners are areas with offices of their own: "the county's
// finance executive", "the district's superintendent".
var nerAreaOwners = nerSet("county,state,province,district,region,parish")

// nerPossOrgNouns refer back to an organisation before a possessive
// ("the committee's convener", "the corporation's commissioner"), but
// not after a title's "of", where "chair of the licensing committee"
// names a body of its own.
var nerPossOrgNouns = nerSet("committee,corporation")

// nerTownNouns name the town of a dateline: "the city's finance director".
var nerTownNouns = nerSet("city,town,village,borough,municipality")

// resolveNoun finds the organisation "the authority" refers to: the
// latest one before pos whose name has the noun, or, for a generic noun
// such as "company", the latest organisation. "The city" is the town of
// the dateline, else the last town named.
func (n *ner) resolveNoun(noun string, pos int) string {
	if nerTownNouns[noun] {
		return n.townBefore(pos)
	}
	if nerAreaOwners[noun] {
		// "the county's finance executive": the latest organisation or
		// place named with that word ("Lengaro County").
		best, bestPos := "", -1
		for _, ent := range n.ents {
			if ent.kind == Person || !slices.Contains(strings.Fields(strings.ToLower(ent.name)), noun) {
				continue
			}
			for _, c := range ent.cands {
				c := int(c)
				if p := int(n.toks[n.cands[c].ts].s); p < pos && p > bestPos && n.cands[c].ent >= 0 {
					best, bestPos = ent.name, p
				}
			}
		}
		return best
	}
	if noun == "a company" {
		return n.storyOrgBefore(pos)
	}
	if noun == "its" {
		if o := n.prevSubjectOrg(pos); o != "" {
			return o
		}
		if o := n.quoteLedOrg(pos); o != "" {
			return o
		}
		if o, ok := n.subjectOrg(pos); ok {
			return o
		}
	}
	best, bestPos := "", -1
	head, headPos := "", -1
	generic, genericPos := "", -1
	for _, ent := range n.ents {
		if ent.kind != Org {
			continue
		}
		has, isHead := false, false
		ws := strings.Fields(strings.ToLower(ent.name))
		for i, w := range ws {
			if w == noun || strings.TrimSuffix(w, "s") == noun || nerNounHeads[noun][w] {
				has = true
				// "Calderbrook University" is "the university"; the
				// "University and College Staff Federation" is not.
				isHead = isHead || i == len(ws)-1 || i == 0 && len(ws) > 2 && ws[1] == "of"
			}
		}
		for _, c := range ent.cands {
			c := int(c)
			p := int(n.toks[n.cands[c].ts].s)
			if p >= pos || n.cands[c].ent < 0 {
				continue
			}
			if has && p > bestPos {
				best, bestPos = ent.name, p
			}
			if isHead && p > headPos {
				head, headPos = ent.name, int(p)
			}
			if p > genericPos {
				generic, genericPos = ent.name, int(p)
			}
		}
	}
	if head != "" {
		return head
	}
	if best != "" {
		return best
	}
	switch noun {
	case "broker", "brokerage":
		// "an analyst at the broker": the one named last.
		if generic != "" {
			return generic
		}
	}
	switch noun {
	case "its", "company", "firm", "group", "carrier", "airline", "automaker", "carmaker", "manufacturer", "business", "conglomerate", "startup", "maker", "producer", "supplier", "utility", "operator", "retailer", "lender", "insurer", "developer":
		if noun != "its" {
			// "… to be built by Gulf Rimal Construction LLC. The
			// company's chief executive": a firm named by its legal form
			// in the last sentences, over the story's main body.
			if (noun == "company" || noun == "firm") && head == "" && n.sentenceOrgBefore(pos) == "" {
				if f := n.recentFirm(pos); f != "" {
					return f
				}
			}
			if m := n.mainOrgBefore(pos); m != "" {
				return m // "the company": the one the story is about
			}
		}
		return generic
	}
	return ""
}

// recentFirm returns the organisation named last before pos, in its
// sentence or the two before, whose name carries a company's legal form
// ("Ltd", "LLC", "plc", "PT … Tbk"), or "".
func (n *ner) recentFirm(pos int) string {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	if k < 0 {
		return ""
	}
	from := n.sentTok[max(n.sentOf(k)-2, 0)][0]
	for p := k - 1; p >= from; p-- {
		c := n.candAt(p)
		if c < 0 || n.cands[c].ent < 0 {
			continue
		}
		if ent := n.ents[n.cands[c].ent]; ent.kind == Org {
			ws := strings.Fields(strings.ToLower(ent.name))
			if last := ws[len(ws)-1]; nerOrgSuffixes[last] || nerFirmForms[last] || ws[0] == "pt" {
				return ent.name
			}
		}
		p = n.cands[c].ts
	}
	return ""
}

// nerFirmForms are legal forms of firms beside nerOrgSuffixes.
var nerFirmForms = nerSet("llp,lp,tbk,bhd,berhad,pty,pte,oy,as,kk,sarl,srl,bv")

// nerNounHeads are the other heads of the names a common noun refers
// back to: "the union" is the "Amalgamated Transit Workers of Ontario".
var nerNounHeads = map[string]map[string]bool{
	"union": nerSet("workers,workers',federation,guild,brotherhood,congress,association,employees,employees'"),
}

// subjectOrg returns the organisation that is the subject of the
// sentence holding the "its" at pos: "The board named its chief financial
// officer", "Pennard & Dale, the Midlands group, said ... its chairman".
// A subject "the board" that names no organisation gives "", true; a
// subject that is no organisation gives false.
func (n *ner) subjectOrg(pos int) (string, bool) {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	a := n.sentTok[n.sentOf(k)][0]
	if n.word(a) == "the" {
		a++
	}
	if a >= k {
		return "", false
	}
	if c := n.candAt(a); c >= 0 {
		if n.cands[c].ts == a && n.cands[c].ent >= 0 && n.ents[n.cands[c].ent].kind == Org {
			return n.ents[n.cands[c].ent].name, true
		}
		return "", false
	}
	if w := n.word(a); nerOrgNouns[w] && n.word(a+1) != "of" && !n.toks[a+1].poss {
		return n.resolveNoun(w, pos), true
	}
	return "", false
}

// prevSubjectOrg returns the organisation that opens the sentence before
// the one opening with the "Its" at pos: "The X Group, which runs St
// Colman's, said ... Its chief executive" is the group's, not the
// hospital's. "" when that sentence opens otherwise.
func (n *ner) prevSubjectOrg(pos int) string {
	k := n.tokAfter(pos)
	if k >= len(n.toks) || !n.initial.has(k) || n.sentOf(k) == 0 || n.sentTok[n.sentOf(k)][0] != k {
		return ""
	}
	if e := n.openingEntity(n.sentOf(k) - 1); e >= 0 && n.ents[e].kind == Org {
		return n.ents[e].name
	}
	return ""
}

// quoteLedOrg returns the organisation that opens the sentence before
// one that opens with a quotation and holds the "its" at pos: "The
// Nurses' Association said ... \"We are back to clipboards,\" said its
// vice-president, NAME." The quotation's speaker is the role's holder,
// so the organisation is the one the story just named as subject. ""
// when the sentences open otherwise.
func (n *ner) quoteLedOrg(pos int) string {
	k := min(n.tokAfter(pos), len(n.toks)-1)
	s := n.sentOf(k)
	if s == 0 {
		return ""
	}
	first := n.sentTok[s][0]
	if !n.quoted.has(first) && !(first+1 < len(n.toks) && n.quoted.has(first+1)) {
		return ""
	}
	if e := n.openingEntity(s - 1); e >= 0 && n.ents[e].kind != Person {
		return n.ents[e].name
	}
	return ""
}

// openingEntity returns the entity whose name opens sentence s, after a
// leading "the", or -1: the subject a following sentence's "its" or
// team position most often goes back to.
func (n *ner) openingEntity(s int32) int {
	a := n.sentTok[s][0]
	if n.word(a) == "the" {
		a++
	}
	if c := n.candAt(a); c >= 0 && n.cands[c].ts == a && n.cands[c].ent >= 0 {
		return int(n.cands[c].ent)
	}
	return -1
}

// nerLeaveVerbs end a role: "resigned as chief executive", "will step
// down in June". The value is the number of words of the verb.
var nerLeaveVerbs = map[string]int{
	"resigned": 1, "resigns": 1, "resign": 1, "resigning": 1, "quit": 1, "quits": 1, "quitting": 1,
	"retired": 1, "retires": 1, "retire": 1, "retiring": 1, "departed": 1, "departs": 1, "depart": 1,
	"stepped down": 2, "steps down": 2, "step down": 2, "stepping down": 2,
	"stood down": 2, "stands down": 2, "stand down": 2, "standing down": 2,
}

// nerPastEndVerbs are past verbs of irregular form that end a role after
// "until he": "until he lost his seat".
var nerPastEndVerbs = nerSet("lost,left,died,quit,fell,ran,became,was,took")

// nerOustVerbs end a role in the passive: "was ousted as chairman".
var nerOustVerbs = nerSet("ousted,fired,dismissed,removed,sacked,deposed,replaced,succeeded,unseated,toppled")

// nerSucceedVerbs hand a role to their subject in the active: "Z
// replaced X as chairman".
var nerSucceedVerbs = nerSet("replaced,replaces,replace,replacing,succeeded,succeeds,succeed,succeeding")

// nerFutureWords before a verb put it in the future: "will step down".
var nerFutureWords = nerSet("will,would,shall,to,plans,intends,expects,set")

// tenure reads the end or start of a role after the name of candidate c at
// token p: "resigned as chief executive of Y on March 3", "will step down
// in June", "was replaced by Z as chairman", "replaced X as chairman".
func (n *ner) tenure(c, p, sentEnd int) ([]nerRole, bool) {
	q := p
	future, passive := false, false
	for q < sentEnd && q < p+5 {
		w := n.word(q)
		switch {
		case nerFutureWords[w] || w == "is" && n.word(q+1) == "to":
			future = true
		case w == "was" || w == "were" || w == "been" || w == "be" || w == "is" || w == "being":
			passive = true
		case nerSkipAdverbs[w] || w == "has" || w == "had" || w == "have" || w == "would" || w == "abruptly" || w == "suddenly" || w == "unexpectedly":
		default:
			goto verb
		}
		q++
	}
	return nil, false
verb:
	leaving, succeeding := 0, false
	if q+1 < sentEnd && n.word(q+1) == "down" && nerLeaveVerbs[n.word(q)+" down"] == 2 {
		leaving = 2
	} else if nerLeaveVerbs[n.word(q)] == 1 {
		leaving = 1
	} else if passive && nerOustVerbs[n.word(q)] {
		leaving = 1
	} else if !passive && nerSucceedVerbs[n.word(q)] {
		succeeding = true
	} else {
		return nil, false
	}
	k := q + max(leaving, 1)
	other := -1
	// "was replaced by Z", "replaced X": the other person.
	if leaving > 0 && passive && n.word(k) == "by" {
		if o := n.candAt(k + 1); o >= 0 && n.cands[o].ts == k+1 && n.cands[o].kind() != Org && n.cands[o].kind() != Place && n.cands[o].gaz == nil {
			other = o
			k = n.cands[o].te
		} else if nerOustVerbs[n.word(q)] && (n.word(q) == "replaced" || n.word(q) == "succeeded") {
			return nil, false // "replaced by a newer model"
		}
	} else if succeeding {
		o := n.candAt(k)
		if o < 0 || n.cands[o].ts != k || n.cands[o].kind() == Org || n.cands[o].kind() == Place || n.cands[o].gaz != nil {
			return nil, false
		}
		other = o
		k = n.cands[o].te
	}
	// A date before the title: "stepped down on March 3 as chief".
	date := ""
	if t, e, ok := n.dateAfter(k, sentEnd); ok {
		date, k = t, e
	}
	var roles []nerRole
	if n.word(k) == "as" || n.word(k) == "from" && n.titleAfter(k+1) {
		if rs, ok := n.titlePhrase(c, k+1, sentEnd, true); ok {
			roles = rs
		}
	}
	if date == "" && len(roles) > 0 && roles[0].since != "" {
		date = roles[0].since
	} else if date == "" {
		e := k
		if len(roles) > 0 {
			e = n.tokAfter(roles[0].e)
		}
		if t, _, ok := n.dateAfter(e, sentEnd); ok {
			date = t
		}
	}
	end := date
	if end == "" {
		end = "PAST_REF"
		if future {
			end = "FUTURE_REF"
		}
	}
	lo := n.toks[n.cands[c].ts].s
	hi := n.toks[max(k, q+1)-1].e
	if len(roles) == 0 {
		roles = []nerRole{{person: c, orgCand: -1, succeeds: -1, end: true, s: int(lo), e: int(hi)}}
	}
	for i := range roles {
		roles[i].since = ""
	}
	// The one who leaves and the one who takes over.
	leaver, taker := c, other
	if succeeding {
		leaver, taker = other, c
	}
	var out []nerRole
	for _, r := range roles {
		lr := r
		lr.person = leaver
		lr.until = end
		out = append(out, lr)
		if taker >= 0 {
			tr := r
			tr.person = taker
			tr.end = false
			tr.until = ""
			if date != "" {
				tr.since = date
			}
			tr.succeeds = leaver
			out = append(out, tr)
		}
	}
	for _, x := range []int{leaver, taker} {
		if x >= 0 && x != c {
			n.cands[x].cue[cuePerson] += 3
		}
	}
	return out, true
}

// dateAfter reads a date introduced by a preposition at token k: "on
// March 3", "in 2008", "effective June 1". It returns the value and the
// token after it.
func (n *ner) dateAfter(k, sentEnd int) (string, int, bool) {
	if k >= sentEnd {
		return "", k, false
	}
	switch n.word(k) {
	case "on", "in", "at", "effective", "from", "last", "this", "next", "by", "early", "late":
		if t, ok := n.timeAt(k + 1); ok && t.Type == "DATE" {
			return t.Value, n.tokAfter(t.End), true
		}
	}
	if t, ok := n.timeAt(k); ok && t.Type == "DATE" && t.Start >= int(n.toks[k].s) {
		return t.Value, n.tokAfter(t.End), true
	}
	return "", k, false
}

// datelineTown returns the town of the dateline, or "".
func (n *ner) datelineTown() string {
	for _, ent := range n.ents {
		if ent.kind != Place {
			continue
		}
		for _, c := range ent.cands {
			c := int(c)
			if n.cands[c].dateline && n.cands[c].ent >= 0 {
				return ent.name
			}
		}
	}
	return ""
}

// townBefore returns the town of the dateline, else the last place named
// before pos that is neither a country nor a region of one.
func (n *ner) townBefore(pos int) string {
	best, bestPos := "", -1
	for _, ent := range n.ents {
		if ent.kind != Place {
			continue
		}
		for _, c := range ent.cands {
			c := int(c)
			cd := n.cands[c]
			if cd.ent < 0 {
				continue
			}
			if cd.dateline {
				return ent.name
			}
			if g := cd.gaz; g != nil && (g.demonym || g.canon == g.places[0] || g.places[0] == "United States" && !strings.Contains(g.canon, " ") && nerGaz[strings.ToLower(g.canon)] == g) {
				continue
			}
			switch n.toks[cd.te-1].lower() {
			case "road", "street", "avenue", "square", "bridge", "highway", "boulevard", "plaza", "park", "river", "lake", "airport":
				continue // no town
			}
			if p := int(n.toks[cd.ts].s); p < pos && p > bestPos {
				best, bestPos = ent.name, p
			}
		}
	}
	return best
}

// nerAreaWords name a police or civil jurisdiction written between a
// rank and the name: "SSP Central NAME", "DIG (West) NAME".
var nerAreaWords = nerSet("central,north,south,east,west,city,rural,saddar,cantonment")

// nerJurisdictionNouns end a jurisdiction in parentheses after a rank:
// "(Cantonment division)", "(Saddar circle)".
var nerJurisdictionNouns = nerSet("division,zone,range,circle,district,region,sector")

// titleAcronymBefore returns the token of "(" when the tokens before end
// read "TITLE (ACR)", perhaps with a jurisdiction after it: South Asian
// police and civil ranks are written with their abbreviation before the
// name ("Assistant Sub-Inspector (ASI) NAME", "Deputy Inspector General
// (DIG) Central NAME"). It returns -1 otherwise.
func (n *ner) titleAcronymBefore(end int) int {
	p := end
	if p >= 1 && nerAreaWords[n.word(p-1)] && n.toks[p-1].cap {
		p--
	}
	if p >= 4 && n.word(p-1) == ")" && n.toks[p-2].upper && n.word(p-3) == "(" && nerTitleSet[n.word(p-2)] && nerTitleLast[n.word(p-4)] {
		return p - 3
	}
	// "Superintendent of Police (Cantonment division) NAME": the
	// jurisdiction itself in parentheses.
	if p == end && n.word(p-1) == ")" && nerJurisdictionNouns[n.word(p-2)] {
		for q := p - 3; q >= 1 && q >= p-6; q-- {
			if n.word(q) == "(" {
				if nerTitleLast[n.word(q-1)] {
					return q
				}
				break
			}
			if !n.toks[q].cap {
				break
			}
		}
	}
	return -1
}
