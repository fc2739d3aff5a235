package extract

import (
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// FindEntities finds the people, organisations and places named in text,
// groups their mentions into entities ("Mark Rutte" and later "Rutte" are
// one person), and reads their roles. times are the time expressions of
// text, so that month and day names are not taken for names and role
// dates ("since Oct. 1, 2024") can be read.
//
// It is rule based and knows no individual people. Capitalised runs of
// words are cut at titles ("NATO Secretary General Mark Rutte" is the
// organisation NATO, a title and the person Mark Rutte) and classified by
// a small gazetteer (countries, demonyms, cities, regions, international
// organisations), organisation head words ("Airlines", "Bank of"), titles
// and honorifics before names, and context ("X said", ", who"). A demonym
// ("Russian") is a mention of its country; a city is its own place entity
// whose Places name its country. Government metonyms ("the White House",
// "the Kremlin") are organisations. Entities come in order of first
// mention; a possessive "’s" is never part of a mention.
//
// A name's kind, when no gazetteer entry, title or honorific decides it,
// is voted over all its mentions: people are introduced with cues and
// later called by their last name, organisations are shortened to their
// first word ("Lockheed"), places follow "in" or precede ", Ohio"; ties go
// to organisations. A name after "the", with a function word inside or
// opening with an institutional head ("the Office for River Standards")
// is no person; "River X" and "Lake X" are places; a name only its shape
// made a person is an organisation when the text lists it with one
// ("Northrop Grumman and EADS").
//
// Roles come from titles before names ("Russian President Vladimir Putin"
// is President of Russia), appositions ("Sofia Lindqvist, the authority’s
// general manager,") and copulas ("has served as NATO’s secretary general
// since Oct. 1, 2024", whose date is the DATE time in times). Titles are
// title-cased; a title that names its own organisation ("Treasury
// Secretary") has Org "" unless a country precedes it. Roles with the same
// title and organisation (or no organisation) are merged.
func FindEntities(text string, sents []Sentence, times []Time) ([]Mention, []Entity) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	if len(sents) == 0 {
		sents = SplitSentences(text)
	}
	n := newNER(text, sents, times)
	n.findCandidates()
	// The index of the last long run is kept for the next; with the
	// candidates found, let it go (a position for each head word of a run
	// of millions).
	n.ri = runIndex{}
	collectBetweenPasses(text)
	n.findCues()
	n.findRoles()
	n.resolve()
	// Grouping leaves garbage (sorted index lists, keys, entity candidate
	// lists grown by appending) that would otherwise still be resident
	// when output allocates the mentions: 10 MiB of "U.S. " has 2
	// million, 128 MB.
	collectBetweenPasses(text)
	// The tokens and candidates go back to their pools once output is
	// done: nothing it makes points into them (their texts are the
	// text's and the lower-cased words'). Those too many to keep are not
	// held here, so that output can let go of them part way
	// (releaseTokens).
	toks, cands, candOf := poolable(n.toks), poolable(n.cands), poolable(n.candOf)
	mentions, entities := n.output()
	releaseToks(&nerTokPool, toks)
	releaseToks(&nerCandPool, cands)
	releaseToks(&candOfPool, candOf)
	n.releaseWordSets()
	return mentions, entities
}

// tokRun is a run of tokens in one sentence: tok is its first token.
type tokRun struct{ tok, sent int32 }

// sentOf returns the index of the sentence holding token k. That index
// only grows along the tokens, so it is kept as the runs of tokens that
// share one rather than an index a token (a text of punctuation is one
// sentence of millions of tokens), and found by binary search.
func (n *ner) sentOf(k int) int32 {
	lo, hi := 0, len(n.sruns)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int(n.sruns[m].tok) <= k {
			lo = m
		} else {
			hi = m
		}
	}
	return n.sruns[lo].sent
}

// bigCandGrow is the number of candidates (36 MB of them) from which a run
// of known names collects the garbage before it makes room for them.
const bigCandGrow = 1 << 19

// nerCand is a candidate mention: a token range with what is known of it.
// A long text has millions, so it is kept to 64 bytes: the kind in a
// byte, the places an index, the shape evidence in 8 bits, the key a
// pointer and a length (the fields are in the order that packs them).
type nerCand struct {
	ts, te int // token range [ts, te)
	gaz    *gazEntry
	// kp and kn are the key of a candidate of several tokens (its
	// lower-cased words joined by single spaces): its bytes and their
	// number, keyLong when that does not fit. A single token's key is
	// the token's lower-cased form. Read it with keyOf.
	kp unsafe.Pointer
	// cue holds the evidence for person, org and place; lean is the
	// evidence of the name's shape, counted once per entity (a few
	// points, set when the candidate is made).
	cue  [3]int32
	lean [3]int8
	kd   candKind // decided by gazetteer, title or honorific: see kind
	kn   uint16
	// mixed marks gazetteer words mixed with unknown words: "Oslo
	// Energi".
	mixed bool
	weak  bool // keep only if it names an entity found elsewhere
	drop  bool // part of a title ("minister of Transport"), not a name
	// notPerson marks a name shaped like no person's: after the
	// determiner "the", or with a function word inside.
	notPerson bool
	// dateline marks the city of a dateline ("KELSBURY, Mich. (AP) —").
	dateline bool
	// pl says where the candidate's places are: read them with
	// placesOf, write them with setPlaces.
	pl  int32
	ent int32 // entity index, -1 if dropped
}

const (
	cuePerson = iota
	cueOrg
	cuePlace
)

// ner is the working state of one FindEntities call.
type ner struct {
	text    string
	toks    []nerTok
	sruns   []tokRun // where the sentence changes along the tokens: see sentOf
	sents   []Sentence
	initial tokBits // first word of a sentence, quote or clause (a bit a token)
	quoted  tokBits
	timed   tokBits
	heading []bool // per sentence: a headline in title case or capitals
	sentTok [][2]int
	times   []Time
	vocab   map[string]bool // words the text writes in lower case
	capSeen map[string]bool // capitalised words the text uses outside hyphenated compounds
	capMid  map[string]bool // capitalised words the text uses other than as an initial word
	// soloCaps holds the capitalised words the text uses alone, not
	// next to another: see surnameAlone.
	soloCaps map[string]bool
	// numbered remembers whether a word is always written with a number
	// after it, and unnumbered holds the capitalised words written
	// without one once many words are asked about: see alwaysNumbered.
	numbered   map[string]bool
	unnumbered map[string]bool
	cands      []nerCand
	// placeLists holds the candidates' places other than the
	// gazetteer's: see placesOf.
	placeLists [][]string
	// capWords counts the capitalised words: no more candidates than
	// that are made in one pass over the text.
	capWords int
	// candOf holds the candidate covering each token, or -1: read it
	// with candAt. It is made with the first candidate, so that a text
	// of none (10 MiB of quotation marks: 10 million tokens) takes no
	// 40 MB for it.
	candOf []int32
	// localAcr holds acronyms the text defines for a name of its own
	// ("People's Renewal Congress (PRC)"); they override the gazetteer.
	localAcr map[string]bool
	// titleAcrs holds the initials of the capitalised titles the text
	// writes out ("Superintendent of Police" gives "sp"), made on first
	// use: see titleAcronym.
	titleAcrs map[string]bool
	roles     []nerRole
	ents      []*nerEnt
	// ri indexes the long run segment is cutting.
	ri runIndex
}

// maxWordSetRoom caps the room newNER makes up front in a new word set:
// an article's distinct words fit (a MEANTIME article has a few hundred
// words), and a text repeating a few words thousands of times ("Acme
// Corp and " over 16 KB) does not get room for thousands. maxWordSetHint
// is the most words a set may have held for releaseWordSets to keep it.
const (
	maxWordSetRoom = 256
	maxWordSetHint = 4096
)

// nerWordSets are a ner's word sets, kept in nerWordSetPool between texts.
type nerWordSets struct{ vocab, capSeen, capMid map[string]bool }

var nerWordSetPool sync.Pool

// releaseWordSets gives n's word sets, emptied, to nerWordSetPool for the
// next text, unless a long text grew them large: clearing a map costs
// its room, not its entries.
func (n *ner) releaseWordSets() {
	if len(n.vocab) > maxWordSetHint || len(n.capSeen) > maxWordSetHint || len(n.capMid) > maxWordSetHint {
		return
	}
	clear(n.vocab)
	clear(n.capSeen)
	clear(n.capMid)
	nerWordSetPool.Put(&nerWordSets{n.vocab, n.capSeen, n.capMid})
	n.vocab, n.capSeen, n.capMid = nil, nil, nil
}

func newNER(text string, sents []Sentence, times []Time) *ner {
	loadGazetteer()
	n := &ner{text: text, sents: sents, times: times}
	n.toks = nerTokenizeInto(&nerTokPool, text)
	nt := len(n.toks)
	n.sruns = make([]tokRun, 0, min(nt, len(sents)+1))
	n.cands = pooledToks[nerCand](&nerCandPool, 0)
	n.initial = newTokBits(nt)
	n.quoted = newTokBits(nt)
	n.timed = newTokBits(nt)
	// The word sets are the last text's, emptied (see releaseWordSets),
	// or else sized from the words that may go in them, up to
	// maxWordSetRoom, so that they are not grown and rehashed several
	// times per article.
	if ws, ok := nerWordSetPool.Get().(*nerWordSets); ok {
		n.vocab, n.capSeen, n.capMid = ws.vocab, ws.capSeen, ws.capMid
	} else {
		var lowerWords, capWords int
		for i := range n.toks {
			if t := &n.toks[i]; t.word {
				if t.cap {
					capWords++
				} else if !t.upper && !t.digit {
					lowerWords++
				}
			}
		}
		n.vocab = make(map[string]bool, min(lowerWords, maxWordSetRoom))
		n.capSeen = make(map[string]bool, min(capWords, maxWordSetRoom))
		n.capMid = make(map[string]bool, min(capWords, maxWordSetRoom))
	}
	n.heading = make([]bool, len(sents))
	n.sentTok = make([][2]int, len(sents))
	for i := range n.sentTok {
		n.sentTok[i] = [2]int{nt, nt}
	}
	si := 0
	inQ := false
	for i := range n.toks {
		t := &n.toks[i]
		for si < len(sents)-1 && int(t.s) >= sents[si].End {
			si++
		}
		if k := len(n.sruns) - 1; k < 0 || n.sruns[k].sent != int32(si) {
			n.sruns = append(n.sruns, tokRun{int32(i), int32(si)})
		}
		if len(sents) > 0 {
			if n.sentTok[si][0] == nt {
				n.sentTok[si][0] = i
			}
			n.sentTok[si][1] = i + 1
		}
		if t.nl {
			inQ = false
		}
		switch t.lower() {
		case "“", "`":
			inQ = true
		case "”", "''":
			inQ = false
		case "\"":
			inQ = !inQ
		}
		n.quoted.set(i, inQ)
		if t.word && (t.cap || t.upper) {
			n.capWords++
		}
		if t.word && !t.cap && !t.upper && !t.digit {
			n.vocab[t.lower()] = true
		}
		if t.word && t.cap && (i == 0 || n.toks[i-1].lower() != "-" || t.space) && (i+1 >= len(n.toks) || n.toks[i+1].lower() != "-" || n.toks[i+1].space) {
			n.capSeen[t.lower()] = true
		}
	}
	// Initial words: first word of a sentence, or after an opening quote,
	// a colon, a dash or a bullet.
	prevSent := -1
	run := 0 // the sentence run holding token i, walked along, not searched
	for i := range n.toks {
		t := n.toks[i]
		if !t.word {
			continue
		}
		for run+1 < len(n.sruns) && int(n.sruns[run+1].tok) <= i {
			run++
		}
		if si := int(n.sruns[run].sent); si != prevSent || t.nl {
			n.initial.set(i, true)
			prevSent = si
			continue
		}
		if i > 0 {
			switch n.toks[i-1].lower() {
			case "“", "\"", ":", "—", "–", "•", "(", "‘", "`", ";":
				n.initial.set(i, true)
			case "-", "--":
				// A spaced hyphen used as a dash: "LONDON (Reuters) - Dock".
				n.initial.set(i, n.toks[i-1].space && t.space)
			}
		}
		if !n.initial.has(i) && t.cap {
			n.capMid[t.lower()] = true
		}
	}
	ti := 0
	sortedTimes := times
	if !sort.SliceIsSorted(sortedTimes, func(a, b int) bool { return sortedTimes[a].Start < sortedTimes[b].Start }) {
		sortedTimes = append([]Time(nil), times...)
		sort.Slice(sortedTimes, func(a, b int) bool { return sortedTimes[a].Start < sortedTimes[b].Start })
	}
	for i := range n.toks {
		t := n.toks[i]
		for ti < len(sortedTimes) && sortedTimes[ti].End <= int(t.s) {
			ti++
		}
		for k := ti; k < len(sortedTimes) && sortedTimes[k].Start < int(t.e); k++ {
			if sortedTimes[k].End > int(t.s) {
				n.timed.set(i, true)
				break
			}
		}
	}
	for s := range sents {
		n.heading[s] = n.isHeading(s) || s == 0 && n.firstLineHeadline()
	}
	return n
}

// firstLineHeadline reports whether the first sentence is a headline in
// sentence case: the text's whole first line, without closing
// punctuation, with a blank line after it ("Record 61 on trolleys at
// Ballinmore hospital, union says").
func (n *ner) firstLineHeadline() bool {
	a, b := n.sentTok[0][0], n.sentTok[0][1]
	if a >= b || b >= len(n.toks) || !n.toks[b].nl {
		return false
	}
	end := n.toks[b-1].e
	if !strings.HasPrefix(n.text[end:], "\n\n") && !strings.HasPrefix(n.text[end:], "\r\n\r\n") {
		return false
	}
	switch n.toks[b-1].lower() {
	case ".", "!", "?", "”", "\"", ")", ":", ";":
		return false
	}
	return true
}

// isHeading reports whether sentence s is a headline: no closing
// punctuation and mostly capitalised words, or mostly capitals.
func (n *ner) isHeading(s int) bool {
	a, b := n.sentTok[s][0], n.sentTok[s][1]
	if a >= b {
		return false
	}
	words, caps, uppers := 0, 0, 0
	for i := a; i < b; i++ {
		t := n.toks[i]
		if !t.word || t.digit {
			continue
		}
		words++
		if t.cap {
			caps++
		}
		if t.upper {
			uppers++
		}
	}
	if words >= 3 && uppers*10 >= words*6 {
		return true
	}
	switch n.toks[b-1].lower() {
	case ".", "!", "?", "”", "\"", "’", ")", ":", ";", ",":
		return false
	}
	return words >= 2 && words <= 14 && caps*4 >= words*3
}

// nameTok reports whether token i can be part of a name.
func (n *ner) nameTok(i int) bool {
	t := n.toks[i]
	if !t.word || t.digit || n.timed.has(i) && !n.dayInName(i) || !(t.cap || t.upper) {
		return false
	}
	if nerCalendar[t.lower()] && n.calendarWord(i) {
		return false
	}
	// "US$ 40 billion" is money.
	if i+1 < len(n.toks) && !n.toks[i+1].space && strings.Contains("$€£¢₵₦₹¥", n.toks[i+1].lower()) && n.toks[i+1].lower() != "" {
		return false
	}
	// Model numbers ("A330", "KC-45") are no names; "G7" is.
	if strings.ContainsAny(t.lower(), "0123456789") && nerGaz[t.lower()] == nil {
		return false
	}
	if t.upper && i+2 < len(n.toks) && n.toks[i+1].lower() == "-" && !n.toks[i+1].space && n.toks[i+2].digit {
		return false
	}
	return true
}

// dayInName reports whether the plural day name at token i opens a name
// ("Sundays Valley Citrus Ltd") rather than a time ("Sundays").
func (n *ner) dayInName(i int) bool {
	w := n.toks[i].lower()
	if !strings.HasSuffix(w, "days") || !nerCalendar[strings.TrimSuffix(w, "s")] || i+1 >= len(n.toks) {
		return false
	}
	nt := n.toks[i+1]
	return nt.cap && nt.space && nt.word && !n.timed.has(i+1) && !nerCalendar[nt.lower()]
}

// nerCalendarAmbiguous are month and day words that are also names
// ("Jan Egeland", "Theresa May"): calendar words only next to a number or
// after a time preposition.
var nerCalendarAmbiguous = nerSet("jan,mar,apr,jun,jul,aug,sep,sept,oct,nov,dec,mon,tue,tues,wed,thu,thur,thurs,fri,sat,sun,may,june,april,august")

// calendarWord reports whether the calendar word at token i is used as one.
func (n *ner) calendarWord(i int) bool {
	if !nerCalendarAmbiguous[n.toks[i].lower()] {
		return true
	}
	if i+1 < len(n.toks) && n.toks[i+1].digit || i > 0 && n.toks[i-1].digit {
		return true
	}
	switch n.word(i - 1) {
	case "in", "since", "until", "last", "next", "early", "late", "mid", "of", "on", "by", "from", "through", "till", "this":
		return true
	case "the":
		// "washed out in the May floods": a month before a common noun.
		return i+1 < len(n.toks) && n.toks[i+1].word && !n.toks[i+1].cap && !n.toks[i+1].digit && !nerStop[n.toks[i+1].lower()]
	}
	return false
}

// nerConnectors may sit inside a name between capitalised words.
var nerConnectors = nerSet("of,and,for,the,&")

// findCandidates cuts each sentence into capitalised runs and segments
// them into candidate mentions.
func (n *ner) findCandidates() {
	n.findLocalAcronyms()
	for s := range n.sents {
		a, b := n.sentTok[s][0], n.sentTok[s][1]
		// A byline: "By Priya Raman".
		if b-a >= 3 && b-a <= 6 && n.toks[a].lower() == "by" && n.toks[a].cap && n.nameLike(a+1, b) {
			n.addCand(s, a+1, b, Person, nil)
			continue
		}
		for k := a; k < b; k++ {
			if k == a || n.toks[k].nl {
				n.dateline(s, k, b)
			}
		}
		// "Halvard, Minn.", "MERRICK, Kan. —": a US state abbreviated
		// after a town.
		for k := a + 2; k < b; k++ {
			if g := n.stateAbbrev(k); g != nil && n.candAt(k) < 0 {
				n.addCand(s, k, k+1, Place, g)
			}
		}
		for i := a; i < b; {
			if !n.nameTok(i) || n.candAt(i) >= 0 {
				i++
				continue
			}
			// A stock ticker: "Halmora Foods Inc. (TSX: HLM)", "(NYSE:
			// KST)" names no organisation of its own.
			if n.word(i-1) == "(" && n.toks[i].upper && n.word(i+1) == ":" {
				for i < b && n.toks[i].lower() != ")" {
					i++
				}
				continue
			}
			// "Rep. Ann Voss, R-Pickering,": a party and home-town tag
			// after a legislator's name; the town is a place.
			if k := n.tagTown(s, i, b); k > i {
				i = k
				continue
			}
			// A party tag: "(D-Calif.)", "(R-AZ)".
			if n.word(i-1) == "(" && len(n.toks[i].lower()) == 1 && n.word(i+1) == "-" {
				for i < b && n.toks[i].lower() != ")" {
					i++
				}
				continue
			}
			j := i + 1
			nick := false
			for j < b && n.candAt(j) < 0 {
				t := n.toks[j]
				if n.nameTok(j) && t.space {
					j++
					continue
				}
				// "Andre \"Shorty\" McFarlane": a nickname in quotation
				// marks between a given name and a surname is part of
				// the person's name, not a quote that cuts it in two.
				if w := t.lower(); j == i+1 && (w == "\"" || w == "“") && n.nicknameAt(i, j, b) {
					j += 4
					for j < b && n.nameTok(j) && n.toks[j].space && n.candAt(j) < 0 {
						j++
					}
					nick = true
					break
				}
				// "Rail, Tram and Signal Union (RTSU)": a name listing
				// its trades with commas is one name when the acronym
				// after it spells all of them.
				if t.lower() == "," {
					if k := n.acronymAcrossCommas(i, j, b); k > j {
						j = k
						break
					}
				}
				// "the Gulbahar police station": South Asian police
				// stations are named for their area, and the station
				// is the body ("registered at the X police station").
				if t.lower() == "police" && !t.cap && n.word(j+1) == "station" && !n.toks[j+1].cap && n.word(i-1) == "the" {
					j += 2
					break
				}
				// "Ashdown Property Group plc".
				if t.lower() == "plc" && t.space {
					j++
					continue
				}
				// "Stoke-on-Trent", "Newcastle-upon-Tyne".
				if !t.space && t.lower() == "-" && j+3 < b && nerHyphenParticles[n.word(j+1)] && !n.toks[j+1].space && n.word(j+2) == "-" && !n.toks[j+2].space && !n.toks[j+3].space && n.nameTok(j+3) {
					j += 4
					continue
				}
				// "Lau Chi-keung": a Chinese given name's lower-case half.
				if !t.space && t.lower() == "-" && j+1 < b && n.sinoGivenTail(j+1) {
					j += 2
					continue
				}
				// "Laurentide Dairy Co-operative": an organisation's head
				// written with a hyphen and a lower-case half.
				if !t.space && t.lower() == "-" && j+1 < b && !n.toks[j+1].space && nerOrgHeads[n.word(j-1)+"-"+n.word(j+1)] {
					j += 2
					continue
				}
				if !t.space && (t.lower() == "-" || t.lower() == "‑") && j+1 < b && n.nameTok(j+1) && !n.toks[j+1].space {
					// "M-Kopa", "Jean-Claude" are one name; "Rutte-Trump"
					// are two names the text also uses alone.
					k := nerKey(n.toks, j-1, j+2)
					if nerGaz[k] != nil || nerTitleSet[k] || !(n.capSeen[n.toks[j-1].lower()] && n.capSeen[n.toks[j+1].lower()]) && nerGaz[n.toks[j-1].lower()] == nil && nerGaz[n.toks[j+1].lower()] == nil {
						j += 2
						continue
					}
					break
				}
				// "Te Rūnanga o Ngāti Tawhiri": Māori "o" (of) inside a
				// name that opens with "Te".
				maoriOf := t.lower() == "o" && n.toks[i].lower() == "te" && n.toks[i].cap
				if (t.word || t.lower() == "&") && t.space && (nerConnectors[t.lower()] || nerNameParticles[t.lower()] || maoriOf) && !t.cap {
					// "of the", "Bank of the West".
					k := j + 1
					if k < b && n.toks[k].lower() == "the" && t.lower() == "of" {
						k++
					}
					// "van der Berg".
					for k < b && nerNameParticles[t.lower()] && nerNameParticles[n.toks[k].lower()] && !n.toks[k].cap {
						k++
					}
					if k < b && n.nameTok(k) && n.toks[k].space {
						j = k + 1
						continue
					}
				}
				break
			}
			if nick {
				n.addCand(s, i, j, Person, nil)
				i = j
				continue
			}
			j = n.possessiveName(i, j, b)
			n.run(s, i, j)
			i = j
		}
	}
}

// nicknameAt reports whether the quotation mark at token q, right after
// the one-word given name at token i, opens a nickname of one word closed
// before a surname: "Rodolfo \"Dodong\" Villanueva". Both sides must
// look like names, not titles, bodies, places or sentence openers, so
// that a quoted title between capitalised words stays a quote.
func (n *ner) nicknameAt(i, q, b int) bool {
	if q+3 >= b || !n.nameTok(q+1) || n.toks[q+1].upper || !n.nameTok(q+3) || !n.toks[q+3].space {
		return false
	}
	if w := n.word(q + 2); w != "\"" && w != "”" {
		return false
	}
	for _, k := range [2]int{i, q + 3} {
		w := n.toks[k].lower()
		if n.toks[k].upper || nerStop[w] || nerOrgHeads[w] || nerTitleSet[w] || nerGaz[w] != nil || nerPersonPrefixes[w] {
			return false
		}
	}
	return true
}

// nerHyphenParticles join hyphenated place names: "Stoke-on-Trent".
// Urdu and Persian names join theirs the same way: "Gulshan-e-Noor",
// "Bagh-e-Rehmat", "Zia-ul-Haq", "Nizam-ud-Din".
var nerHyphenParticles = nerSet("on,upon,under,in,le,la,les,lès,sur,sous,en,de,du,des,aux,by,the,e,ul,ud")

// hyphenPlace reports whether [i, j) is one hyphenated name joined by a
// lower-case particle: "Stoke-on-Trent".
// Longer compounds hold a particle anywhere between their capitalised
// ends: "Saint-Aubrac-le-Vieux", "Châlons-en-Champagne".
func (n *ner) hyphenPlace(i, j int) bool {
	if j-i < 5 || j-i > 9 || (j-i)%2 == 0 || !n.toks[i].cap || !n.toks[j-1].cap {
		return false
	}
	particle := false
	for k := i + 1; k < j; k++ {
		if n.toks[k].space {
			return false
		}
		if (k-i)%2 == 1 {
			if n.toks[k].lower() != "-" {
				return false
			}
		} else if nerHyphenParticles[n.toks[k].lower()] && !n.toks[k].cap {
			particle = true
		}
	}
	return particle
}

// nerPossPlaceHeads end place names with a possessive owner: "Tanner's
// Lane", "St Cuthbert's Wharf", "Bishop's Green".
var nerPossPlaceHeads = nerSet("lane,road,street,wharf,quay,square,green,hill,cross,bridge,wood,close,gate,row,walk,yard,island,bay,point,rock,common,corner,end,well,park,place,terrace,crescent,way,landing,mill,brook,field,fields,heath,moor,down,downs,cove,head,inlet,creek")

// nerPossOrgWords open organisations' names with a possessive: "People's
// Renewal Congress", "Children's Hospital", "Our Savior's Lutheran
// Church".
var nerPossOrgWords = nerSet("people,peoples,children,women,men,workers,farmers,citizens,veterans,teachers,nurses,savior,saviour,lady,st.,saint")

// possessiveName extends the run [i, j) over a possessive when the name
// goes on to an organisation head: "People's Renewal Congress", not
// "Varnex's Chief Executive".
func (n *ner) possessiveName(i, j, b int) int {
	// "St Anne's University Hospital", "Tilby Growers' Cooperative".
	if j+1 >= b || !n.toks[j].poss {
		return j
	}
	saint := j-i == 2 && (n.toks[i].lower() == "st" || n.toks[i].lower() == "st." || n.toks[i].lower() == "saint")
	// "Ardmouth Fishermen's Co-operative": a plural of "-man" owns too.
	menOwner := strings.HasSuffix(n.toks[j-1].lower(), "men") && len(n.toks[j-1].lower()) > 5
	// "Tanner's Lane", "St Cuthbert's Wharf": an owner of a word or two
	// before a street's or a landing's last word is one place name.
	if j-i <= 2 && j+2 < b && n.toks[j+1].cap && n.toks[j+1].space && n.candAt(j+1) < 0 && nerPossPlaceHeads[n.toks[j+1].lower()] && !(n.toks[j+2].cap && n.toks[j+2].word && n.toks[j+2].space) {
		return j + 2
	}
	if !(nerPossOrgWords[n.toks[j-1].lower()] || menOwner || n.toks[i].lower() == "our" || saint || n.pluralOwner(j)) || !n.nameTok(j+1) || !n.toks[j+1].space || n.candAt(j+1) >= 0 {
		return j
	}
	k := j + 1
	for k < b && n.candAt(k) < 0 && n.nameTok(k) && n.toks[k].space {
		k++
	}
	// "Ardmouth Fishermen's Co-operative": a hyphenated head.
	if k+1 < b && k-j >= 2 && n.word(k) == "-" && !n.toks[k].space && !n.toks[k+1].space && nerOrgHeads[n.toks[k-1].lower()+"-"+n.toks[k+1].lower()] {
		return k + 2
	}
	if t := n.toks[k-1]; k-j >= 2 && (nerOrgHeads[t.lower()] || nerInstHeads[t.lower()]) {
		return k
	}
	return j
}

// pluralOwner reports whether the trailing apostrophe at token j follows
// a plural the text capitalises nowhere else ("Tilby Growers'
// Cooperative"), not a name ending in s ("Airbus' Delivery Center").
func (n *ner) pluralOwner(j int) bool {
	if l := n.toks[j].lower(); l != "'" && l != "’" || !strings.HasSuffix(n.toks[j-1].lower(), "s") {
		return false
	}
	w := n.toks[j-1].lower()
	for k, t := range n.toks {
		if k != j-1 && t.lower() == w && t.cap {
			return false
		}
	}
	return true
}

// acronymAcrossCommas returns the end of a name that runs from token i
// over the comma at token c to a "(ACR)" whose letters are the initials
// of all its capitalised words ("Rail, Tram and Signal Union (RTSU)"),
// or c when there is none.
func (n *ner) acronymAcrossCommas(i, c, b int) int {
	k := c
	for k < b && k < c+12 && (n.word(k) == "," || n.nameTok(k) || nerConnectors[n.word(k)] && !n.toks[k].cap) {
		k++
	}
	// Only a body's name ends in "Union", "Association" and the like;
	// "Smith, Jones and Brown (SJB)" may be three people.
	if k+2 >= b || n.word(k) != "(" || n.word(k+2) != ")" || !n.toks[k+1].upper || !nerOrgHeads[n.word(k-1)] && !nerInstHeads[n.word(k-1)] {
		return c
	}
	var init []rune
	for p := i; p < k; p++ {
		if w := n.toks[p]; w.word && w.cap && !(p == i && w.lower() == "the") {
			r, _ := utf8.DecodeRuneInString(w.lower())
			init = append(init, r)
		}
	}
	if string(init) != strings.ReplaceAll(n.word(k+1), ".", "") || len(init) < 3 {
		return c
	}
	return k
}

// findLocalAcronyms records the acronyms defined in parentheses after
// the words they abbreviate: "the People's Renewal Congress (PRC)".
func (n *ner) findLocalAcronyms() {
	for k := 2; k+1 < len(n.toks); k++ {
		t := n.toks[k]
		if n.toks[k-1].lower() != "(" || n.toks[k+1].lower() != ")" || !t.upper || len(t.lower()) < 2 || len(t.lower()) > 6 || nerGaz[t.lower()] == nil {
			continue
		}
		acr := []rune(strings.ReplaceAll(t.lower(), ".", ""))
		i := len(acr) - 1
		for p := k - 2; p >= 0 && i >= 0 && p >= k-16; p-- {
			w := n.toks[p]
			if w.poss || nerConnectors[w.lower()] && !w.cap {
				continue
			}
			if !w.word || !w.cap {
				break
			}
			r, _ := utf8.DecodeRuneInString(w.lower())
			if r != acr[i] {
				break
			}
			i--
		}
		if i < 0 {
			if n.localAcr == nil {
				n.localAcr = map[string]bool{}
			}
			n.localAcr[t.lower()] = true
		}
	}
}

// dateline reads a dateline starting at token i of sentence s, before
// token b: a city in capitals, perhaps a region or a date, perhaps a news
// agency in parentheses, then a dash ("KELSBURY, Mich. (AP) —", "LONDON,
// Nov. 5 (Reuters) -", "VARNHOLM —"). The city is a place, never an
// organisation; the agency is an organisation.
func (n *ner) dateline(s, i, b int) {
	k := i
	for k < b && n.toks[k].word && (n.toks[k].upper || n.toks[k].cap && len(n.toks[k].lower()) <= 3 && strings.HasSuffix(n.toks[k].lower(), ".") && k+1 < b && n.toks[k+1].upper) && !n.toks[k].digit {
		if k > i && n.toks[k].nl {
			break
		}
		k++
	}
	if k == i || k-i > 4 || k >= b {
		return
	}
	switch n.word(k) {
	case ",", "—", "–", "-", "(":
	case ":":
		// Indian style: "VEERAPURAM: The State Cabinet ...".
		if key := nerKey(n.toks, i, k); k+1 < b && !n.toks[k+1].upper && n.toks[k+1].cap && !nerStop[key] && !nerNotNames[key] && !nerTitleSet[key] {
			g := nerGaz[key]
			if g == nil || g.kind == Place {
				c := n.addCand(s, i, k, Place, g)
				n.cands[c].dateline = true
			}
		}
		return
	default:
		return
	}
	// The dash, on the same line, within a few tokens.
	dash, open, close := -1, -1, -1
	for q := k; q < b && q < k+16; q++ {
		if q > k && n.toks[q].nl {
			break
		}
		switch n.word(q) {
		case "(":
			open = q
		case ")":
			close = q
		case "—", "–", "-", "--":
			if n.toks[q].space || q == k {
				dash = q
			}
		}
		if dash >= 0 {
			break
		}
	}
	if dash < 0 || dash+1 < b && n.toks[dash+1].upper {
		return // a headline in capitals
	}
	key := nerKey(n.toks, i, k)
	if nerStop[key] || nerNotNames[key] || nerTitleSet[key] {
		return
	}
	if g := nerGaz[key]; g != nil {
		if g.kind == Place {
			c := n.addCand(s, i, k, Place, g)
			n.cands[c].dateline = true
		}
	} else {
		c := n.addCand(s, i, k, Place, nil)
		n.cands[c].dateline = true
		// "KELSBURY, Michigan": a city of that state.
		if n.word(k) == "," {
			if g := n.stateAbbrev(k + 1); g != nil {
				n.addPlaces(c, g.canon, g.places[0])
			}
			for q := min(dash, k+1+nerGazMaxLen); q > k+1; q-- {
				if g := nerGaz[nerKey(n.toks, k+1, q)]; g != nil && g.kind == Place && !g.demonym {
					n.addPlaces(c, g.places...)
					if g.canon != g.places[0] {
						n.addPlaces(c, g.canon)
					}
					break
				}
			}
		}
	}
	// "SAN ISIDRO DEL MAR, Bantaloc —", "VUNIMASI, Nalavu —": the province
	// or country after the town, when the gazetteer knows neither.
	if n.word(k) == "," && n.stateAbbrev(k+1) == nil {
		q := k + 1
		for q < dash && q < k+4 && n.nameTok(q) && n.toks[q].cap && !n.toks[q].upper && !nerCalendar[n.toks[q].lower()] {
			q++
		}
		if key := nerKey(n.toks, k+1, q); q > k+1 && (q == dash || n.word(q) == "(" || n.word(q) == ",") && n.candAt(k+1) < 0 && nerGaz[key] == nil && !nerStop[key] && !nerNotNames[key] && !nerTitleSet[key] {
			c := n.addCand(s, k+1, q, Place, nil)
			n.cands[c].dateline = true
		}
	}
	// The agency: "(AP)", "(Reuters)".
	if open > k && close == dash-1 && close-open >= 2 {
		for q := open + 1; q < close; q++ {
			if !n.nameTok(q) && !nerConnectors[n.word(q)] {
				return
			}
		}
		if g := nerGaz[nerKey(n.toks, open+1, close)]; g != nil {
			if g.kind == Org {
				n.addCand(s, open+1, close, Org, g)
			}
			return
		}
		n.addCand(s, open+1, close, Org, nil)
	}
}

// nerStateAbbrevs are the US states as news style abbreviates them after
// a town ("Salem, Ore."), lower case without the final full stop unless
// the abbreviation has dots inside ("n.y.").
var nerStateAbbrevs = map[string]string{
	"ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado",
	"conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ill": "Illinois",
	"ind": "Indiana", "kan": "Kansas", "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana",
	"md": "Maryland", "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota",
	"miss": "Mississippi", "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nebr": "Nebraska",
	"nev": "Nevada", "n.h.": "New Hampshire", "n.j.": "New Jersey", "n.m.": "New Mexico",
	"n.y.": "New York", "n.c.": "North Carolina", "n.d.": "North Dakota", "okla": "Oklahoma",
	"ore": "Oregon", "oreg": "Oregon", "pa": "Pennsylvania", "r.i.": "Rhode Island",
	"s.c.": "South Carolina", "s.d.": "South Dakota", "tenn": "Tennessee", "tex": "Texas",
	"vt": "Vermont", "va": "Virginia", "wash": "Washington", "w.va.": "West Virginia",
	"wis": "Wisconsin", "wyo": "Wyoming",
	// Canadian provinces and Australian states, as their papers write
	// them after a town ("HALCOURT, Ont. —", "WARRABINDA, Qld —").
	"ont": "Ontario", "que": "Quebec", "b.c.": "British Columbia", "alta": "Alberta",
	"sask": "Saskatchewan", "n.s.": "Nova Scotia", "n.b.": "New Brunswick", "nfld": "Newfoundland",
	"qld": "Queensland", "nsw": "New South Wales", "tas": "Tasmania", "man": "Manitoba",
}

// nerDotlessStates are the abbreviations written without a full stop.
var nerDotlessStates = nerSet("qld,nsw,tas")

// stateAbbrev returns the gazetteer entry of the state abbreviated at
// token k: after a comma after a capitalised word, and with its full stop.
func (n *ner) stateAbbrev(k int) *gazEntry {
	if k < 2 || k >= len(n.toks) || !n.toks[k].cap || n.word(k-1) != "," || !(n.toks[k-2].cap || n.toks[k-2].upper) {
		return nil
	}
	w := n.toks[k].lower()
	if !strings.HasSuffix(w, ".") && (k+1 >= len(n.toks) || n.word(k+1) != "." || n.toks[k+1].space) && !nerDotlessStates[w] {
		return nil
	}
	state, ok := nerStateAbbrevs[w]
	if !ok {
		state, ok = nerStateAbbrevs[strings.TrimSuffix(w, ".")]
	}
	if !ok {
		return nil
	}
	return nerGaz[strings.ToLower(state)]
}

// nerTitleCase writes a name in capitals in title case: "PORT ELSWICK"
// -> "Port Elswick".
func nerTitleCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r) && r != '\''
	}
	return b.String()
}

// run handles the capitalised run [i, j) of sentence s.
func (n *ner) run(s, i, j int) {
	// Strip leading function words and connectors.
	for i < j {
		t := n.toks[i]
		if t.lower() == "our" && i+2 < j && n.toks[i+2].poss || nerPossOrgWords[t.lower()] && i+1 < j && n.toks[i+1].poss {
			break // "Our Savior's Lutheran Church", "People's Renewal Congress"
		}
		// "Assistant U.S. Attorney Ben Cole": a title's modifier before a
		// country qualifies the title.
		if nerTitleModifiers[t.lower()] && i+2 < j && nerGaz[n.toks[i+1].lower()] != nil && n.titleAfter(i+2) {
			i++
			continue
		}
		if nerStop[t.lower()] && !t.upper || nerConnectors[t.lower()] || nerNameParticles[t.lower()] && !t.cap {
			i++
			continue
		}
		// "(SSP) Central Farhan Qureshi": a jurisdiction after a rank's
		// abbreviation is no part of the name.
		if nerAreaWords[t.lower()] && t.cap && j-i >= 3 && n.titleAcronymBefore(i+1) >= 0 {
			i++
			continue
		}
		// "Shares of Rosneft": a common noun and "of" opening a sentence.
		if n.initial.has(i) && i+1 < j && n.toks[i+1].lower() == "of" && !nerOrgLeadHeads[t.lower()] && !nerOrgHeads[t.lower()] && !nerTitleSet[t.lower()] && n.gazAt(i, j) == nil {
			i += 2
			continue
		}
		// A capitalised common word opening a sentence ("Speaking ...",
		// "Obviously"), but not an institutional head before a connector
		// ("Office for River Standards inspectors").
		// (Not before a company's designator: "AirTanker Ltd." in a text
		// that writes "airtanker".)
		if n.initial.has(i) && !(nerInstHeads[t.lower()] && i+1 < j && nerConnectors[n.toks[i+1].lower()]) && !(i+1 < j && nerOrgSuffixes[n.toks[i+1].lower()]) && !nerNameParticles[t.lower()] && (n.vocab[t.lower()] || strings.HasSuffix(t.lower(), "ly") && len(t.lower()) > 4 || j == i+1 && n.pluralOfVocab(t.lower())) && nerGaz[nerKey(n.toks, i, min(j, i+2))] == nil && nerGaz[t.lower()] == nil && !nerTitleSet[t.lower()] && !nerPersonPrefixes[t.lower()] && !(nerTitleFirst[t.lower()] && n.titleAt(i, j) > i+1) {
			// (Not a title of several words: "Station House Officer
			// Inspector NAME said" in a text that writes "police
			// station".)
			i++
			continue
		}
		break
	}
	for j > i && (nerConnectors[n.toks[j-1].lower()] || !n.toks[j-1].cap && !n.toks[j-1].upper && !(n.toks[j-1].lower() == "plc" && j-i >= 2)) {
		if j-i >= 3 && n.word(j-2) == "-" && nerOrgHeads[n.word(j-3)+"-"+n.word(j-1)] {
			break // "Laurentide Dairy Co-operative"
		}
		if j-i >= 3 && n.word(j-2) == "police" && n.word(j-1) == "station" {
			break // "the Gulbahar police station"
		}
		if j-i >= 3 && n.sinoGivenTail(j-1) {
			break // "Lau Chi-keung"
		}
		j--
	}
	if i >= j {
		return
	}
	// "Grade 2 beans", "a Kestran-4 rocket", "Version 4.2": a word the
	// text never writes without a number after it is a label of grades,
	// models or versions, not a name.
	if (j == i+1 || j == i+2 && n.labelLetter(i+1)) && n.numberAfter(i) && n.alwaysNumbered(i) {
		return
	}
	if j-i >= runIndexMin {
		n.ri.index(n, i, j)
		defer func() { n.ri.a, n.ri.b = 0, 0 }()
	}
	n.segment(s, i, j, true)
}

// nerInstTitles head an institution (a school, a trust, a firm) rather
// than a place: "headteacher of X" names an organisation, where "mayor of
// X" would name a town.
var nerInstTitles = nerSet("headteacher,headmaster,headmistress,principal,director,chairman,chairwoman,chairperson,chief executive,founder,co-founder,dean,provost,managing director,executive director,general manager,treasurer,trustee")

// nerKinNoun reports whether w names a relative, in the singular or the
// plural ("daughters", "grandchildren").
func nerKinNoun(w string) bool {
	switch w {
	case "children", "grandchildren", "child", "grandchild", "parents", "partner":
		return true
	}
	if qKinGender[w] != 0 {
		return true
	}
	t, ok := strings.CutSuffix(w, "s")
	return ok && qKinGender[t] != 0
}

// gazPlace reports whether tokens [i, j) are a place the gazetteer knows.
func (n *ner) gazPlace(i, j int) bool {
	g := n.gazAt(i, j)
	return g != nil && g.kind == Place
}

// titleAt returns the end of the longest title starting at token i within
// [i, j), allowing modifiers ("acting") and portfolios ("Finance") before
// it, or i if there is none.
func (n *ner) titleAt(i, j int) int {
	best := i
	if i >= j || i >= len(n.toks) {
		return best // an organisation that ends the text: "ORG — NAME, Head of Communications"
	}
	// "Ministry of Health Permanent Secretary NAME": a portfolio after an
	// institution's "of" ends the institution's name, not opens a title.
	if i >= 2 && nerPortfolios[n.toks[i].lower()] && n.toks[i-1].lower() == "of" && nerOrgLeadHeads[n.toks[i-2].lower()] && n.toks[i-2].cap {
		return best
	}
	// "SP Butt" after "Superintendent of Police (Cantonment division)
	// Ayesha Butt": a rank the text wrote out, shortened to its
	// initials before a surname.
	if t := n.toks[i]; t.upper && len(t.lower()) >= 2 && len(t.lower()) <= 4 && i+1 < j && n.toks[i+1].cap && !n.toks[i+1].upper && nerGaz[t.lower()] == nil && n.titleAcronym(t.lower()) {
		best = i + 1
	}
	for p := i; p < j && p < i+3; p++ {
		if p > i {
			prev := n.toks[p-1].lower()
			if !nerTitleModifiers[prev] && !nerPortfolios[prev] {
				break
			}
			// "the Labour MP for Harwell Vale": the party, not a
			// portfolio.
			if (prev == "labour" || prev == "labor") && n.toks[p-1].cap && nerPartyTitles[n.toks[p].lower()] {
				break
			}
		}
		if !nerTitleFirst[n.toks[p].lower()] {
			continue
		}
		var ks nerKeySpans
		ks.set(n.toks, p, min(j, p+nerTitleMaxLen+2))
		for q := min(j, p+nerTitleMaxLen+2); q > p; q-- {
			if nerTitleSet[ks.at(q)] {
				if q > best {
					best = q
				}
				break
			}
		}
		if n.chiefDomainAt(p) && p+3 <= j && p+3 > best {
			best = p + 3
		}
	}
	// Modifiers alone are no title.
	return best
}

// titleAcronym reports whether acr (lower case) spells the initials of
// the capitalised words of a title of two words or more that the text
// writes out ("Superintendent of Police", "Station House Officer").
func (n *ner) titleAcronym(acr string) bool {
	if n.titleAcrs == nil {
		n.titleAcrs = map[string]bool{}
		var ks nerKeySpans
		for k, t := range n.toks {
			if !t.cap || !nerTitleFirst[t.lower()] {
				continue
			}
			ks.set(n.toks, k, min(len(n.toks), k+nerTitleMaxLen))
			for q := min(len(n.toks), k+nerTitleMaxLen); q > k+1; q-- {
				if !nerTitleSet[ks.at(q)] || !n.toks[q-1].cap {
					continue
				}
				var b strings.Builder
				for p := k; p < q; p++ {
					if w := n.toks[p]; w.word && w.cap {
						r, _ := utf8.DecodeRuneInString(w.lower())
						b.WriteRune(r)
					}
				}
				n.titleAcrs[b.String()] = true
				break
			}
		}
	}
	return n.titleAcrs[acr]
}

// chiefDomainAt reports whether tokens [k, k+3) read "chief <domain>
// officer" ("chief product officer", "Chief Academic Officer"): firms and
// school districts coin one for every domain, too many to list.
func (n *ner) chiefDomainAt(k int) bool {
	if n.word(k) != "chief" || n.word(k+2) != "officer" {
		return false
	}
	t := n.toks[k+1]
	if !t.word || t.digit || t.upper || nerStop[t.lower()] || nerTitleSmall[t.lower()] {
		return false
	}
	// A capitalised domain only inside a capitalised title.
	return !t.cap || n.toks[k].cap && n.toks[k+2].cap
}

// nerPartyTitles are held for a party: "Labour MP", "Labor senator".
var nerPartyTitles = nerSet("mp,mps,td,mla,msp,mep,senator,councillor,councilor,candidate,leader,member,peer,lawmaker,activist")

// nerAmbiguousTitles are titles that are also ordinary words in names
// ("General Dynamics"): a name after them needs two words.
var nerAmbiguousTitles = nerSet("general,chief,head,executive,chair,owner,manager,leader,justice,director,analyst,economist,editor,coach,speaker,captain,commander,king,queen,prince,premier,sen.,rep.,representative,singer,actor,actress,rapper,writer,author,novelist,poet,historian,player,striker,goalkeeper,midfielder,defender,artist,filmmaker,lawyer,attorney,doctor,surgeon,nurse,teacher,pilot,activist,journalist,reporter,photographer,scientist,researcher,chef,architect,entrepreneur,billionaire,businessman,businesswoman,engineer,detective,soldier,priest,athlete,runner,swimmer,boxer,golfer,cyclist,musician,composer,conductor,comedian,dancer,strategist,consultant,fellow,lecturer,scholar,physicist,chemist,biologist,epidemiologist,virologist,diplomat,negotiator,mediator,candidate,challenger,incumbent,nominee,campaigner,organizer,organiser,volunteer,official,judge,bishop,cardinal,marshal,mayor,sheriff,founder,dean,wing,skipper")

// nameLike reports whether [i, j) can be a person's name.
func (n *ner) nameLike(i, j int) bool {
	if j-i < 1 || j-i > 5 {
		return false
	}
	if g := nerGaz[nerKey(n.toks, i, j)]; g != nil {
		return false
	}
	words := 0
	for k := i; k < j; k++ {
		t := n.toks[k]
		if nerNameParticles[t.lower()] || (t.lower() == "-" || t.lower() == "‑") && !t.space && k > i && k+1 < j && !n.toks[k+1].space || n.sinoGivenTail(k) {
			continue
		}
		// A surname may be an occupation ("Isaac Singer"), a first name
		// may not.
		if !t.cap || nerOrgHeads[t.lower()] || nerConnectors[t.lower()] || nerTitleSet[t.lower()] && (k == i || !nerAmbiguousTitles[t.lower()]) || nerStop[t.lower()] {
			return false
		}
		if t.upper && len(t.lower()) > 1 && !strings.Contains(t.lower(), ".") && !nerPersonSuffix[t.lower()] {
			return false
		}
		words++
	}
	return words >= 1
}

var nerPersonSuffix = nerSet("jr,jr.,sr,sr.,ii,iii,iv")

// segment cuts the run [i, j) at titles and classifies the pieces.
func (n *ner) segment(s, i, j int, titles bool) {
	// Cutting a piece off the front goes round again rather than
	// recursing, so that a long coordination needs no deep stack.
cut:
	for i < j && (nerConnectors[n.toks[i].lower()] || nerNameParticles[n.toks[i].lower()] && !n.toks[i].cap) {
		i++
	}
	for j > i && nerConnectors[n.toks[j-1].lower()] {
		j--
	}
	if i >= j {
		return
	}
	// "a partner at the LLP": a company's designator alone names no
	// company of its own.
	if j-i == 1 && nerOrgSuffixes[n.toks[i].lower()] {
		return
	}
	// "Helena Brightmore KC": a post-nominal ends a person's name and is
	// no part of it; after a comma ("Lakshmi Venkataraman, IAS,") it
	// names nothing.
	post := false
	if t := n.toks[j-1]; t.upper && nerPostNominals[t.lower()] && !nerArticles[n.word(i-1)] && n.word(i-1) != "a" && n.word(i-1) != "an" && !n.toks[max(i-1, 0)].poss {
		// Not "the Marunga East MP": a title after its constituency.
		if j-i == 1 && n.word(i-1) == "," {
			return
		}
		a := i
		for a < j-1 && n.prefixAt(a) {
			a++
		}
		if j-1-a >= 2 && n.nameLike(a, j-1) {
			j--
			post = true
		}
	}
	if titles {
		// Greedy titles from the left; the last one followed by a name
		// makes a person.
		type span struct{ a, b int }
		var ts []span
		for p := n.nextTitleAt(i, j); p < j; p = n.nextTitleAt(p, j) {
			if q := n.titleAt(p, j); q > p {
				ts = append(ts, span{p, q})
				p = q
				continue
			}
			p++
		}
		for k := len(ts) - 1; k >= 0; k-- {
			a, b := ts[k].a, ts[k].b
			if b >= j {
				continue
			}
			nameStart := b
			// "Principal Secretary for Health Tomas Brandt".
			if l := n.toks[b].lower(); l == "for" || l == "of" {
				c := b + 1
				for c < j && n.capPortfolio(c, c+1) {
					c++
				}
				if c > b+1 && c < j && n.nameLike(c, j) {
					n.segment(s, i, a, true)
					n.addCand(s, c, j, Person, nil)
					return
				}
			}
			// "Prime Minister of Canada Stephen Harper".
			if n.toks[b].lower() == "of" {
				c := b + 1
				if c < j && n.toks[c].lower() == "the" {
					c++
				}
				found := false
				for q := min(j, c+nerGazMaxLen); q > c; q-- {
					if nerGaz[nerKey(n.toks, c, q)] != nil && q < j && n.nameLike(q, j) {
						n.segment(s, c, q, false)
						nameStart = q
						found = true
						break
					}
				}
				if !found {
					continue
				}
			}
			// "Sen. Thomas Whitfield of Georgia", "Analyst Rochelle
			// Yamamoto of Pruitt & Lowe Securities".
			nameEnd := j
			if m := n.firstOf(nameStart+1, j); m+1 < j {
				if g := n.gazAt(m+1, j); g != nil && g.kind == Place || n.orgShaped(m+1, j) {
					nameEnd = m
				}
			}
			if !n.nameLike(nameStart, nameEnd) {
				continue
			}
			// "Sen. Haskell": an abbreviated title is no ordinary word.
			if _, abbrev := nerTitleAbbrev[nerKey(n.toks, a, b)]; !abbrev && nerAmbiguousTitles[nerKey(n.toks, a, b)] && nameEnd-nameStart < 2 && a == i && !n.surnameBefore(nameStart) {
				continue
			}
			n.segment(s, i, a, true)
			// "SSP Central Farhan Qureshi": a jurisdiction after a
			// rank's abbreviation is no part of the name.
			if b-a == 1 && n.toks[a].upper && nerAreaWords[n.toks[nameStart].lower()] && n.toks[nameStart].cap && nameEnd-nameStart >= 3 && n.nameLike(nameStart+1, nameEnd) {
				nameStart++
			}
			// "Superintendent Dr. Marcus Bell", "Chairman Sir Roger
			// Blake": the honorific is no part of the name.
			for n.prefixAt(nameStart) && nameEnd-nameStart >= 2 {
				nameStart++
			}
			n.addCand(s, nameStart, nameEnd, Person, nil)
			if nameEnd < j {
				i, titles = nameEnd+1, false
				goto cut
			}
			return
		}
		// "Director of the Kelemba Irrigation Fund": a title opening
		// the run before "of" and an organisation's name is no part of
		// it.
		if len(ts) > 0 && ts[0].a == i && ts[0].b+1 < j && n.toks[ts[0].b].lower() == "of" && n.toks[i].cap && !nerOrgLeadHeads[n.toks[ts[0].b-1].lower()] {
			r := ts[0].b + 1
			if n.toks[r].lower() == "the" {
				r++
			}
			// "The Director of Disease Prevention, Dr NAME,": a title
			// and its portfolio name nothing.
			k := r
			for k < j && (nerPortfolios[n.toks[k].lower()] || nerConnectors[n.toks[k].lower()]) {
				k++
			}
			if k == j && r < j {
				return
			}
			if r < j && n.orgShaped(r, j) {
				n.segment(s, r, j, false)
				return
			}
			// "Eleanor Whitcombe, Chair of Harrowgate, said": in
			// apposition after a name, the title's organisation
			// whatever its shape; "Tom Brierley, Head of
			// Communications": a portfolio names nothing.
			if r < j && n.word(i-1) == "," && n.candAt(i-2) >= 0 && n.cands[n.candAt(i-2)].kind() != Org && n.cands[n.candAt(i-2)].kind() != Place {
				k := r
				for k < j && (nerPortfolios[n.toks[k].lower()] || nerConnectors[n.toks[k].lower()]) {
					k++
				}
				if k < j {
					n.segment(s, r, j, false)
				}
				return
			}
		}
		if len(ts) > 0 {
			// Titles without a name: classify what lies between them.
			p := i
			for _, t := range ts {
				if nerAmbiguousTitles[nerKey(n.toks, t.a, t.b)] && (t.a > i || t.b < j) {
					continue // "General" in "General Motors"
				}
				n.segment(s, p, t.a, false)
				p = t.b
			}
			// "The Minister for Health": the portfolio is no name.
			if p > i && p+1 < j && (n.toks[p].lower() == "for" || n.toks[p].lower() == "of") {
				k := p + 1
				for k < j && (nerPortfolios[n.toks[k].lower()] || nerConnectors[n.toks[k].lower()]) {
					k++
				}
				if k == j {
					return
				}
			}
			if p > i {
				i, titles = p, false
				goto cut
			}
		}
	}
	// "of" between a person and an organisation: "(Opposition leader)
	// P. Anbarasan of the Makkal Munnetra Peravai"; between a firm and
	// its town: "Dorsey & Vance Architects of Wichita".
	for m := n.firstOf(i+1, j); m+1 < j; {
		r := m + 1
		if n.toks[r].lower() == "the" {
			r++
		}
		if r >= j || !n.toks[r].cap {
			break
		}
		a := i
		for a < m && (n.prefixAt(a) || m-a >= 3 && n.demonymNoun(a)) {
			a++
		}
		// "Paul Ferraro of Ferraro & Lind": a name of two or three words
		// before a firm's.
		// "Abraham Tesfaye of Ethiopia": before a country or another
		// known place.
		// "Elias Lindqvist of Torvane-Halcyon … said Lindqvist": before
		// any name, when the text uses the last word alone elsewhere,
		// as it does a person's surname.
		if a < m && n.nameLike(a, m) && (a > i || n.initialLed(a, m) || n.titleEndsAt(i) || m-a >= 2 && m-a <= 3 && (n.orgShaped(r, j) || n.gazPlace(r, j) && n.gazAt(i, j) == nil || n.surnameAlone(m-1))) {
			n.addCand(s, a, m, Person, nil)
			i, titles = r, false
			goto cut
		}
		if h := n.toks[m-1].lower(); nerOrgHeads[h] && !nerOrgLeadHeads[h] && !nerInstHeads[h] && n.toks[m-1].cap && !n.orgHeadIn(r, j) {
			n.segment(s, i, m, false)
			i, titles = r, false
			goto cut
		}
		break
	}
	// "Republican Anna Holtz", "Democrat Marcus Leary": the party is no
	// part of the name.
	if nerPartyWords[n.toks[i].lower()] && j-i >= 3 && n.nameLike(i+1, j) {
		// "Democrat Carla Ridley": the party is named too, as it is
		// after the name ("Peggy Laramore, a Republican,").
		if l := n.toks[i].lower(); l == "democrat" || l == "republican" {
			n.addCand(s, i, i+1, Org, nil)
		}
		n.addCand(s, i+1, j, Person, nil)
		return
	}
	// Honorifics.
	if n.prefixAt(i) && j-i >= 2 {
		// "Datuk Seri Wong Mei Ling": an honorific of two words.
		h := i + 1
		for h < j-1 && n.prefixAt(h) {
			h++
		}
		// "Mrs. Jane Holt and John Holt": the honorific covers the first.
		for k := h + 1; k < j-1; k++ {
			if l := n.toks[k].lower(); l == "and" || l == "&" {
				n.addCand(s, h, k, Person, nil)
				i, titles = k+1, true
				goto cut
			}
		}
		n.addCand(s, h, j, Person, nil)
		return
	}
	if g := n.gazAt(i, j); g != nil && !n.localAcr[nerKey(n.toks, i, j)] {
		n.addCand(s, i, j, g.kind, g)
		return
	}
	// "the Finance Bill", "the Local Government Act 2000": a law names
	// no organisation.
	if j-i >= 2 && n.toks[j-1].cap && nerLawHeads[n.toks[j-1].lower()] {
		return
	}
	// "the Oranmo Business Summit", "the Ferryhaven Regatta", "the
	// Governor's Award for Community Service", "Firefighter of the
	// Year": events and awards name no organisation, place or person.
	if n.notNamedBody(i, j) {
		return
	}
	// "Mabry & Finch Construction", "Strand & Mercer": an ampersand
	// between capitalised words joins a firm's name.
	if n.ampIn(i, j) {
		c := n.addCand(s, i, j, Org, nil)
		n.setPlaces(c, n.placesIn(i, j))
		return
	}
	// Split at "and": two names, not one ("Rosneft and Lukoil"), unless
	// an organisation head follows ("Aeronautic Defence and Space
	// Company").
	for k := i; k < j; k++ {
		if l := n.toks[k].lower(); (l == "and" || l == "&") && !n.toks[k].cap {
			// "Daimler AG and Chrysler Holding LLC": two companies.
			if k > i && nerOrgSuffixes[n.toks[k-1].lower()] {
				n.segment(s, i, k, false)
				i, titles = k+1, false
				goto cut
			}
			// "Oranmo Chamber of Commerce and Industry", "Ministry of
			// Trade and Industry": the last word of a head's "of"
			// complement.
			if k+2 == j && k-2 > i && n.toks[k-2].lower() == "of" && n.toks[k+1].cap && n.orgOrLeadHeadIn(i, k-2) {
				break
			}
			// "Department of Health and Social Care", "Ministry of
			// Housing and Local Government": a portfolio before the
			// "and" and a department's complement after it, ending in
			// a word no person or body ends in.
			if k+3 == j && k-2 > i && n.toks[k-2].lower() == "of" && nerPortfolios[n.toks[k-1].lower()] && n.toks[k+1].cap && n.toks[k+2].cap && (nerPortfolios[n.toks[k+2].lower()] || nerDeptComplements[n.toks[k+2].lower()]) && n.orgOrLeadHeadIn(i, k-2) {
				break
			}
			// "the Ratepayer Action League and Heartland Industrial
			// Energy Consumers": a name complete with its head before
			// the "and" and a name of three words or more after it are
			// two bodies; "Museum and Art Gallery" stays one.
			if k-1 > i && n.toks[k-1].cap && (nerOrgHeads[n.toks[k-1].lower()] || nerInstHeads[n.toks[k-1].lower()]) && j-k-1 >= 3 && n.toks[k+1].cap && !nerOrgHeads[n.toks[k+1].lower()] && n.orgCapHeadAfter(k, j) {
				n.segment(s, i, k, false)
				i, titles = k+1, false
				goto cut
			}
			// The head must end the run or a name of two words after
			// the "and": "Air France" is no "Space Company".
			if !n.orgCapHeadAfter(k, j) {
				n.segment(s, i, k, false)
				i, titles = k+1, false
				goto cut
			}
			break
		}
	}
	// A demonym before an unknown name: "Japanese Toyota".
	if g := nerGaz[n.toks[i].lower()]; g != nil && g.demonym && j-i >= 2 && nerGaz[nerKey(n.toks, i, i+2)] == nil {
		if !n.orgOrLeadHeadIn(i+1, j) {
			n.addCand(s, i, i+1, Place, g)
			i, titles = i+1, false
			goto cut
		}
	}
	// An institutional head and a connector: "Office for River
	// Standards", "Trust for Coastal Paths".
	if j-i >= 3 && nerInstHeads[n.toks[i].lower()] && nerConnectors[n.toks[i+1].lower()] && !n.toks[i+1].cap {
		c := n.addCand(s, i, j, Org, nil)
		n.setPlaces(c, n.placesIn(i, j))
		return
	}
	// A natural place by its first word: "River Wendle", "Lake Orvan",
	// unless an organisation head follows ("Port Authority"). French,
	// Spanish and Italian landforms open with their common noun too:
	// "Punta Seca", "Lago Verde", and, before a particle, "Col du
	// Marbrier", "Lac de Sérac", "Pas de Verrières" (words that are
	// also abbreviations or English words alone).
	if j-i >= 2 && (nerPlacePrefixes[n.toks[i].lower()] || nerRomancePlacePrefixes[n.toks[i].lower()] || nerRomanceParticlePrefixes[n.toks[i].lower()] && nerNameParticles[n.toks[i+1].lower()] && !n.toks[i+1].cap) && !n.orgHeadIn(i+1, j) && !n.teamAfterPlace(i, j) {
		c := n.addCand(s, i, j, Place, nil)
		n.setPlaces(c, n.placesIn(i+1, j))
		return
	}
	// An Irish county by its first word: "Co Tullaghmore", "County
	// Kerry".
	if j-i >= 2 && j-i <= 3 && n.toks[i].cap && (n.toks[i].lower() == "co" || n.toks[i].lower() == "co." || n.toks[i].lower() == "county") && !n.orgHeadIn(i+1, j) && !nerPlaceHeads[n.toks[j-1].lower()] {
		c := n.addCand(s, i, j, Place, nil)
		n.setPlaces(c, n.placesIn(i+1, j))
		return
	}
	// Places by their last word: "Changi International Airport", "the
	// Atlantic Ocean"; but a district an institution names is that
	// institution: "Holloway Bend Unified School District".
	if j-i >= 2 && nerPlaceHeads[n.toks[j-1].lower()] && !(n.toks[j-1].lower() == "district" && nerOrgHeads[n.toks[j-2].lower()]) {
		// "Sierra Fire Protection District", "Alder Water District": a
		// US special district is the body that provides the service.
		if n.toks[j-1].lower() == "district" && nerServiceDistricts[n.toks[j-2].lower()] {
			n.addCand(s, i, j, Org, nil)
			return
		}
		c := n.addCand(s, i, j, Place, nil)
		n.setPlaces(c, n.placesIn(i, j))
		return
	}
	// Organisation heads.
	for k := i; k < j; k++ {
		t := n.toks[k]
		if (k > i && nerOrgHeads[t.lower()] && t.cap) || (nerOrgLeadHeads[t.lower()] && k+1 < j && n.toks[k+1].lower() == "of") {
			// "Chrysler LLC Jim Press": a name after the last head.
			h := k
			for x := k + 1; x < j; x++ {
				if nerOrgHeads[n.toks[x].lower()] && n.toks[x].cap {
					h = x
				}
			}
			if j-h-1 >= 2 && n.nameLike(h+1, j) && nerOrgHeads[n.toks[h].lower()] {
				c := n.addCand(s, i, h+1, Org, nil)
				n.setPlaces(c, n.placesIn(i, h+1))
				c = n.addCand(s, h+1, j, "", nil)
				n.cands[c].lean[cuePerson]++
				return
			}
			c := n.addCand(s, i, j, Org, nil)
			n.setPlaces(c, n.placesIn(i, j))
			return
		}
	}
	// An institutional head first: "Commission Rovane", "Trust Kelby".
	if j-i >= 2 && nerInstHeads[n.toks[i].lower()] {
		c := n.addCand(s, i, j, Org, nil)
		n.setPlaces(c, n.placesIn(i, j))
		return
	}
	// Gazetteer words, greedily. Only the known names are kept, in 16
	// bytes each: a run of them can be millions long, and the pieces are
	// held while the candidates are made.
	type piece struct {
		a, b int32
		g    *gazEntry
	}
	pieces := make([]piece, 0, j-i)
	unknown := 0
	known := false
	for p := i; p < j; {
		matched := false
		var ks nerKeySpans
		ks.set(n.toks, p, min(j, p+nerGazMaxLen))
		for q := min(j, p+nerGazMaxLen); q > p; q-- {
			if g := nerGaz[ks.at(q)]; g != nil && !n.localAcr[ks.at(q)] {
				// An acronym must be written in capitals ("US", not "Us").
				if g.acronym && !n.toks[p].upper {
					continue
				}
				pieces = append(pieces, piece{int32(p), int32(q), g})
				p = q
				matched = true
				known = true
				break
			}
		}
		if !matched {
			if !nerConnectors[n.toks[p].lower()] && !nerNameParticles[n.toks[p].lower()] {
				unknown++
			}
			p++
		}
	}
	if unknown == 0 {
		// Make room for them all at once: a run of known names can be
		// millions long ("U.S. U.S. …"), and appending one by one would
		// hold the old candidates and their copy together as they grow.
		named := len(pieces)
		if cap(n.cands)-len(n.cands) < named && named >= bigCandGrow {
			// Cutting the run left garbage (the keys of its windows, tens
			// of megabytes for millions of names): collect it before the
			// candidates take their hundreds, so that the two are not
			// resident together.
			debug.FreeOSMemory()
		}
		n.cands = slices.Grow(n.cands, named)
		for _, pc := range pieces {
			n.addCand(s, int(pc.a), int(pc.b), pc.g.kind, pc.g)
		}
		return
	}
	if known && n.heading[s] {
		// A headline in title case: the known names, and the rest as
		// weak candidates.
		p := i
		for _, pc := range pieces {
			n.segment(s, p, int(pc.a), false)
			n.addCand(s, int(pc.a), int(pc.b), pc.g.kind, pc.g)
			p = int(pc.b)
		}
		i, titles = p, false
		goto cut
	}
	if known {
		// "Oslo Energi": leans to an organisation.
		c := n.addCand(s, i, j, "", nil)
		n.cands[c].mixed = true
		n.cands[c].lean[cueOrg] += 2
		n.setPlaces(c, n.placesIn(i, j))
		return
	}
	if post {
		n.addCand(s, i, j, Person, nil)
		return
	}
	// "on Labor Day", "until Election Day": a day, not a name (but
	// "Jason Day said").
	if j-i >= 2 && (n.toks[j-1].lower() == "day" || n.toks[j-1].lower() == "eve") && n.toks[j-1].cap {
		switch n.word(i - 1) {
		case "on", "until", "since", "before", "after", "by", "over", "during", "till", "through":
			return
		}
	}
	c := n.addCand(s, i, j, "", nil)
	cd := &n.cands[c]
	key := n.keyOf(cd)
	switch {
	case n.hyphenPlace(i, j):
		// "Stoke-on-Trent": a town's shape.
		cd.lean[cuePlace] += 2
		cd.notPerson = true
	case strings.Contains(key, " of ") || strings.HasPrefix(key, "of ") || n.innerFunctionWord(i, j):
		// "Bank of the West", "Council for Rural Roads": a function word
		// between capitalised words names no person.
		cd.lean[cueOrg] += 2
		cd.notPerson = true
	case j-i == 1 && n.toks[i].upper:
		// An acronym: "OFAC", "BBC".
		if len(n.toks[i].lower()) > 7 || nerNotNames[n.toks[i].lower()] {
			cd.weak = true
		}
		cd.lean[cueOrg] += 3
	case j-i == 1 && utf8.RuneCountInString(strings.TrimSuffix(n.toks[i].lower(), ".")) == 1:
		cd.drop = true // a lone initial
	case j-i == 1:
		// A single unknown word: no lean; ties go to organisations.
	case j-i >= 2 && nerPlaceLeanHeads[n.toks[j-1].lower()]:
		// "Cobley Weir", "Fallow Brook": a place unless context says
		// otherwise.
		cd.lean[cuePlace] += 2
	case n.notPersonShape(i, j):
		cd.lean[cueOrg]++
	case cd.notPerson:
		// "the Harlow Standards": a determiner before a name of several
		// words; "the Far East", "the Kelby West" are places.
		switch n.toks[j-1].lower() {
		case "east", "west", "north", "south":
			cd.lean[cuePlace]++
		default:
			cd.lean[cueOrg]++
		}
	default:
		cd.lean[cuePerson]++
	}

}

// afterDateline reports whether token k is the first word after the dash
// of a dateline ("HALCOURT, Ont. — Bus and streetcar service").
func (n *ner) afterDateline(k int) bool {
	a := n.sentTok[n.sentOf(k)][0]
	for p := a; p < k-1; p++ {
		if c := n.candAt(p); c >= 0 && n.cands[c].dateline {
			return true
		}
	}
	return false
}

// nerGeoPlurals end place names in the plural: "Port Jervis Heights",
// "Fort Lauderdale Beaches".
var nerGeoPlurals = nerSet("falls,springs,heights,hills,sands,islands,isles,woods,lakes,rapids,flats,meadows,gardens,downs,fields,banks,pines,oaks,narrows,keys,shoals,cliffs,rocks,mills,wells,crossings,groves,beaches,plains,ridges,forks,bluffs,cays,dunes,glades,greens,lands,moors,vale,vales,waters,works,docks,villas,towers,terraces,estates,acres,parks,shores,points,crossroads,pools,ponds,creeks,brooks,valleys,mountains,highlands,lowlands,territories,palisades,plantations")

// teamAfterPlace reports whether the run [i, j), opening with a place
// prefix, is a place name of two words or more and a capitalised plural
// that is no landform: "the Port Elwyn Harriers", a team.
func (n *ner) teamAfterPlace(i, j int) bool {
	if j-i < 3 {
		return false
	}
	t := n.toks[j-1]
	// "Pas de Verrières": a name after a particle is no team's plural.
	if p := n.toks[j-2]; nerNameParticles[p.lower()] && !p.cap {
		return false
	}
	return t.cap && len(t.lower()) > 3 && strings.HasSuffix(t.lower(), "s") && !strings.HasSuffix(t.lower(), "ss") && !strings.HasSuffix(t.lower(), "'s") && !nerGeoPlurals[t.lower()]
}

// nerLawHeads end the names of laws and treaties.
var nerLawHeads = nerSet("act,bill,treaty,accord,accords,charter,amendment,protocol,directive,regulations,ordinance,statute,law")

// nerEventHeads end the names of events and awards: "the Oranmo
// Business Summit", "the Ferryhaven Regatta".
var nerEventHeads = nerSet("summit,expo,regatta,festival,award,awards,prize")

// nerVesselNouns name a vessel in apposition: "a fishing boat, the Sea
// Thistle,".
var nerVesselNouns = nerSet("boat,ship,vessel,yacht,trawler,ferry,tanker,freighter,tug,lifeboat,steamer,liner")

// nerProductNouns follow a product's name: "the CleanPay app".
var nerProductNouns = nerSet("app,apps,platform,handset,smartphone,chatbot,console,browser")

// notNamedBody reports whether the capitalised run [i, j) names an
// event, award, venue, vessel or product rather than a body, a place or
// a person: "the Oranmo Business Summit", "the Award for Community
// Service", "Firefighter of the Year", "a fishing boat, the Sea
// Thistle", "the CleanPay app".
func (n *ner) notNamedBody(i, j int) bool {
	if j-i >= 2 && n.toks[j-1].cap && nerEventHeads[n.toks[j-1].lower()] {
		return true
	}
	if j-i >= 3 && n.toks[i].cap && nerEventHeads[n.toks[i].lower()] && (n.toks[i+1].lower() == "for" || n.toks[i+1].lower() == "of") {
		return true
	}
	if n.toks[j-1].lower() == "year" && n.word(j-2) == "the" && n.word(j-3) == "of" {
		return true
	}
	if i >= 3 && n.word(i-1) == "the" && n.toks[i-2].lower() == "," && nerVesselNouns[n.word(i-3)] {
		return true
	}
	// "the 18-metre trawler Silver Kittiwake", "the lifeboat Grace
	// Darling": a vessel's name right after its kind, after "the" or a
	// measure, is no body and no person.
	if i >= 2 && !n.toks[i-1].cap && nerVesselNouns[n.word(i-1)] {
		switch d := n.word(i - 2); {
		case d == "the" || d == "a" || d == "an":
			return true
		case strings.HasSuffix(d, "metre") || strings.HasSuffix(d, "meter") || strings.HasSuffix(d, "foot") || strings.HasSuffix(d, "tonne"):
			return true
		}
	}
	if j < len(n.toks) && n.word(i-1) == "the" && !n.toks[j].cap && nerProductNouns[n.toks[j].lower()] {
		return true
	}
	return false
}

// nerPartyWords name a party's member before a name: "Republican Anna
// Holtz".
var nerPartyWords = nerSet("republican,democrat,democratic,labour,labor,conservative,tory,liberal,independent,socialist,communist")

// orgShaped reports whether [i, j) (after a leading "the") reads as an
// organisation's name: an organisation head after its first word, or an
// ampersand ("Strand & Mercer").
func (n *ner) orgShaped(i, j int) bool {
	if i < j && n.toks[i].lower() == "the" {
		i++
	}
	for k := i; k < j; k++ {
		t := n.toks[k]
		if t.lower() == "&" || k > i && t.cap && (nerOrgHeads[t.lower()] || nerInstHeads[t.lower()]) {
			return true
		}
	}
	return false
}

// initialLed reports whether the name [i, j) opens with an initial: "P.
// Anbarasan", "K. Rajasekhar Naidu".
func (n *ner) initialLed(i, j int) bool {
	t := n.toks[i]
	return j-i >= 2 && t.cap && len(t.lower()) == 2 && t.lower()[1] == '.'
}

// titleEndsAt reports whether a title ends right before token i:
// "opposition leader P. Anbarasan".
func (n *ner) titleEndsAt(i int) bool {
	if i < 1 || !nerTitleLast[n.toks[i-1].lower()] {
		return false
	}
	for p := i - 1; p >= 0 && p >= i-nerTitleMaxLen; p-- {
		if nerTitleSet[nerKey(n.toks, p, i)] {
			return true
		}
	}
	return false
}

// orgHeadIn reports whether an organisation head word is among [i, j).
func (n *ner) orgHeadIn(i, j int) bool {
	if r := &n.ri; r.covers(i, j) {
		return r.next(r.insts, i) < j
	}
	for k := i; k < j; k++ {
		if nerOrgHeads[n.toks[k].lower()] || nerInstHeads[n.toks[k].lower()] {
			return true
		}
	}
	return false
}

// innerFunctionWord reports whether a lower-case function word ("for",
// "on", "the", "and") sits between capitalised words of [i, j).
func (n *ner) innerFunctionWord(i, j int) bool {
	for k := i + 1; k < j-1; k++ {
		t := n.toks[k]
		if t.cap || !t.word {
			continue
		}
		switch t.lower() {
		case "of", "for", "on", "the", "and", "&":
			return true
		}
	}
	return false
}

// nerNotPersonHeads end names of things, not people: "Music Store",
// "Developers Conference", "Macbook Pro".
var nerNotPersonHeads = nerSet("store,shop,conference,convention,show,expo,exhibition,summit,games,olympics,festival,fair,forum,awards,award,prize,cup,pro,mini,max,plus,ultra,edition,series,version,project,program,programme,plan,initiative,act,treaty,agreement,accord,protocol,index,fighter,jet,express,online,reports,review,magazine,weekly,daily,gazette,herald,tribune,wire,channel,studio,lab,control,system,directory,market,three,four,five,six,seven,eight")

// nerArticles open names of things ("Der Spiegel", "Le Monde", "The
// Economist"), not of people.
var nerArticles = nerSet("the,der,die,das,le,la,les,el,los,las,il,lo,gli,het,de")

// notPersonShape reports whether the unknown name [i, j) of several
// tokens is shaped like the name of a thing rather than a person: one
// hyphenated word ("Rolls-Royce", "Wi-Fi"), a word in capitals ("PT
// Cruiser", "New GM"), a model number after one word ("Atlas V"), an
// article first ("Der Spiegel"), the head of a product, event or
// publication last ("App Store"), or only words the text also writes in
// lower case ("Extra Wide Body").
func (n *ner) notPersonShape(i, j int) bool {
	words := 1
	for k := i + 1; k < j; k++ {
		if n.toks[k].space {
			words++
		}
	}
	if words == 1 {
		return true
	}
	common := 0
	for k := i; k < j; k++ {
		t := n.toks[k]
		if t.upper && len(t.lower()) > 1 && !strings.Contains(t.lower(), ".") && !nerPersonSuffix[t.lower()] {
			return true
		}
		if n.vocab[t.lower()] {
			common++
		}
	}
	last := n.toks[j-1].lower()
	if words == 2 && (nerPersonSuffix[last] || len(last) == 1 && n.toks[j-1].cap) {
		return true // "Atlas V", "Delta IV"
	}
	if nerArticles[n.toks[i].lower()] && n.toks[i].cap || nerNotPersonHeads[last] {
		return true
	}
	return common == words
}

// placesIn lists the canonical places named inside [i, j).
func (n *ner) placesIn(i, j int) []string {
	var out []string
	for p := i; p < j; p++ {
		var ks nerKeySpans
		ks.set(n.toks, p, min(j, p+nerGazMaxLen))
		for q := min(j, p+nerGazMaxLen); q > p; q-- {
			if g := nerGaz[ks.at(q)]; g != nil && g.kind == Place {
				out = nerAppendUniq(out, g.places...)
				if g.canon != g.places[0] && !g.demonym {
					out = nerAppendUniq(out, g.canon)
				}
				p = q - 1
				break
			}
		}
	}
	return out
}

// addCand records the candidate [i, j) of sentence s.
func (n *ner) addCand(s, i, j int, kind Kind, g *gazEntry) int {
	c := nerCand{ts: i, te: j, kd: candKindOf(kind), gaz: g, ent: -1}
	if j-i > 1 {
		c.setKey(nerKey(n.toks, i, j))
	}
	if g != nil {
		// Shared with the gazetteer: most candidates never add a place,
		// and a long text has millions.
		c.pl = -g.placesID
	}
	if kind == "" {
		single := j-i == 1
		// "the Harlow Standards", "The Kelby Trust": a determiner before
		// a name of several words.
		if !single && n.word(i-1) == "the" {
			c.notPerson = true
		}
		switch {
		case n.heading[s]:
			c.weak = true
		case single && n.quoted.has(i):
			c.weak = true
		case n.initial.has(i) && single && !n.toks[i].upper:
			// A capitalised word opening a sentence is a name unless it
			// looks like an ordinary word: the text writes it in lower
			// case elsewhere, or it ends like an adverb, participle or
			// plural. A speech verb, a possessive or an apposition
			// after it makes it a name.
			l := n.toks[i].lower()
			common := n.vocab[l] || strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") ||
				strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") && !strings.HasSuffix(l, "us") && !strings.HasSuffix(l, "is")
			// "Container ships", "Union leaders": a word the text never
			// capitalises elsewhere, modifying the lower-case noun after
			// it, is an ordinary word.
			if !common && !n.capMid[l] && j < len(n.toks) && n.toks[j].word && !n.toks[j].cap && !n.toks[j].digit && !nerStop[n.toks[j].lower()] && !nerCopulas[n.toks[j].lower()] && !nerSkipAdverbs[n.toks[j].lower()] && !n.toks[j].nl && !n.titleAfter(j) {
				common = true
			}
			c.weak = common && !n.followedBySpeech(j) && !(j < len(n.toks) && n.toks[j].poss) && !(n.word(j) == "," && (n.word(j+1) == "the" || n.word(j+1) == "a" || n.word(j+1) == "an"))
		case single && j < len(n.toks) && n.toks[j].digit && i > 0 && n.toks[i-1].word && !n.toks[i-1].cap && !strings.HasSuffix(n.toks[j].lower(), "s"):
			// "Chapter 11", "Flight 370": a name only if used alone
			// elsewhere; but "Boeing 747s" are the maker's.
			c.weak = true
		case single && !n.toks[i].upper && n.vocab[n.toks[i].lower()]:
			// "Maintenance": a common word the text also writes in lower
			// case.
			c.weak = true
		}
	}
	n.cands = growByDensity(n.cands, i, len(n.toks), n.capWords+16)
	n.cands = append(n.cands, c)
	idx := len(n.cands) - 1
	if n.candOf == nil {
		n.candOf = pooledToks[int32](&candOfPool, len(n.toks))[:len(n.toks)]
		for k := range n.candOf {
			n.candOf[k] = -1
		}
	}
	for k := i; k < j; k++ {
		n.candOf[k] = int32(idx)
	}
	return idx
}

// candAt returns the candidate covering token i, or -1.
func (n *ner) candAt(i int) int {
	if i < 0 || i >= len(n.candOf) {
		return -1
	}
	return int(n.candOf[i])
}

func (n *ner) followedBySpeech(j int) bool {
	return j < len(n.toks) && nerSpeechVerbs[n.toks[j].lower()]
}

// word returns the lower-case token i, or "" out of range.
// prefixAt reports whether token k is an honorific before a name: one of
// nerPersonPrefixes, or a word of an honorific of two words whose word
// alone is none ("Datuk Seri", "Tan Sri").
// labelLetter reports whether token k is a letter from A to E labelling
// a series or class ("Series B", "Class A"): a capital alone, not an
// initial (which takes a full stop). Later letters are more often a
// name's ("Malcolm X").
func (n *ner) labelLetter(k int) bool {
	if k >= len(n.toks) {
		return false
	}
	t := n.toks[k]
	w := t.lower()
	return t.space && t.word && (t.cap || t.upper) && len(w) == 1 && w[0] >= 'a' && w[0] <= 'e' && (k+1 >= len(n.toks) || n.toks[k+1].lower() != ".")
}

// numberAfter reports whether a small number (of one or two digits
// before any decimal point) or a capital letter follows token i, after a
// space or a hyphen: "Grade 2", "Kestran-4", "Version 4.2", "Series B";
// not "Boeing 747s", a maker before its model.
func (n *ner) numberAfter(i int) bool {
	small := func(k int) bool {
		w := n.toks[k].lower()
		if d := strings.IndexByte(w, '.'); d >= 0 {
			w = w[:d]
		}
		return n.toks[k].digit && len(w) >= 1 && len(w) <= 2
	}
	if i+1 >= len(n.toks) {
		return false
	}
	if t := n.toks[i+1]; t.space && small(i+1) {
		return true
	}
	// "Series B", "Class A": a single capital letter as the label, not
	// an initial (which takes a full stop) and not the article "A"
	// opening a sentence after the word.
	if n.labelLetter(i + 1) {
		return true
	}
	return i+2 < len(n.toks) && n.toks[i+1].lower() == "-" && !n.toks[i+1].space && !n.toks[i+2].space && small(i+2)
}

// alwaysNumbered reports whether every capitalised use of token i's word
// has a number after it. A few words are checked by a scan each, and
// remembered; past that (a text with many such words) the words written
// without a number are gathered in one pass, so that the work stays
// linear in the text.
func (n *ner) alwaysNumbered(i int) bool {
	w := n.toks[i].lower()
	if nerGaz[w] != nil {
		return false
	}
	if n.unnumbered != nil {
		return !n.unnumbered[w]
	}
	if v, ok := n.numbered[w]; ok {
		return v
	}
	if len(n.numbered) >= 16 {
		n.unnumbered = make(map[string]bool)
		for k := range n.toks {
			if t := &n.toks[k]; t.word && (t.cap || t.upper) && !n.numberAfter(k) {
				n.unnumbered[t.lower()] = true
			}
		}
		return !n.unnumbered[w]
	}
	if n.numbered == nil {
		n.numbered = make(map[string]bool)
	}
	v := true
	for k := range n.toks {
		if t := &n.toks[k]; t.word && (t.cap || t.upper) && len(t.lower()) == len(w) && t.lower() == w && !n.numberAfter(k) {
			v = false
			break
		}
	}
	n.numbered[w] = v
	return v
}

// pluralOfVocab reports whether w, a capitalised word opening a
// sentence, is the plural of a word the text writes in lower case, or of
// a title, and never capitalised inside a sentence: "Exporters said …"
// beside "an exporter", "Prosecutors argued …".
func (n *ner) pluralOfVocab(w string) bool {
	if len(w) < 5 || w[len(w)-1] != 's' || n.capMid[w] {
		return false
	}
	stem := w[:len(w)-1]
	// "Prosecutors said …": a title's plural names no one.
	if n.vocab[stem] || nerTitleSet[stem] {
		return true
	}
	if strings.HasSuffix(stem, "ie") && n.vocab[stem[:len(stem)-2]+"y"] {
		return true // "Authorities" beside "authority"
	}
	return strings.HasSuffix(stem, "e") && n.vocab[stem[:len(stem)-1]] // "Branches"
}

// demonymNoun reports whether token k is a nationality noun before a
// person's name: "The Dane Mikkel Sørhus", "Frenchman Antoine Moreau".
// It names the person's country, not part of the name.
func (n *ner) demonymNoun(k int) bool {
	t := n.toks[k]
	if !t.cap {
		return false
	}
	w := t.lower()
	if g := nerGaz[w]; g != nil && g.demonym {
		return true
	}
	for _, suf := range [...]string{"man", "woman"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) > 2 {
			if g := nerGaz[stem]; g != nil && g.demonym {
				return true
			}
		}
	}
	return false
}

// surnameAlone reports whether the capitalised word at token k also
// stands alone elsewhere in the text, not next to another capitalised
// word: "Lindqvist" in "said Lindqvist" after "Elias Lindqvist of X".
// People are named by their surname alone after the first mention; the
// first word of an organisation's name rarely is. The words are counted
// on first use, in one pass, so that a text of many such runs stays
// linear.
func (n *ner) surnameAlone(k int) bool {
	if n.soloCaps == nil {
		n.soloCaps = make(map[string]bool)
		for i := range n.toks {
			t := &n.toks[i]
			if !t.cap || !t.word || i > 0 && n.toks[i-1].cap && n.toks[i-1].word {
				continue
			}
			if i+1 < len(n.toks) && n.toks[i+1].cap && n.toks[i+1].word && n.toks[i+1].space {
				continue
			}
			n.soloCaps[t.lower()] = true
		}
	}
	return n.soloCaps[n.toks[k].lower()]
}

func (n *ner) prefixAt(k int) bool {
	w := n.word(k)
	switch {
	case nerPersonPrefixes[w]:
		return true
	case w == "seri":
		return nerSeriAfter[n.word(k-1)]
	case w == "tan":
		return n.word(k+1) == "sri" && k+2 < len(n.toks) && n.toks[k+2].cap
	}
	return false
}

func (n *ner) word(i int) string {
	if i < 0 || i >= len(n.toks) {
		return ""
	}
	return n.toks[i].lower()
}

// findCues gathers context evidence for the kinds of undecided candidates.
func (n *ner) findCues() {
	// "Pennick City, who drew 0-0": a town's name that takes "who" is a
	// club's, and so is every mention of it.
	clubs := map[string]bool{}
	for _, cd := range n.cands {
		if cd.kind() == Place && cd.gaz == nil && cd.te-cd.ts >= 2 && (n.toks[cd.te-1].lower() == "city" || n.toks[cd.te-1].lower() == "town") &&
			n.word(cd.te) == "," && n.word(cd.te+1) == "who" {
			clubs[n.keyOf(&cd)] = true
		}
	}
	for c := range n.cands {
		if clubs[n.keyOf(&n.cands[c])] && n.cands[c].kind() == Place && n.cands[c].gaz == nil {
			n.cands[c].setKind(Org)
		}
	}
	// firstCand returns the first token of sentence s a candidate covers,
	// or the sentence's end; found once per sentence.
	firstIn := map[int]int{}
	firstCand := func(s int) int {
		if k, ok := firstIn[s]; ok {
			return k
		}
		k := n.sentTok[s][0]
		for k < n.sentTok[s][1] && n.candAt(k) < 0 {
			k++
		}
		firstIn[s] = k
		return k
	}
	for c := range n.cands {
		cd := &n.cands[c]
		if cd.kind() != "" {
			continue
		}
		multi := cd.te-cd.ts > 1
		if multi && n.teamName(cd.ts, cd.te) {
			cd.cue[cueOrg] += 4
		}
		next := cd.te
		if n.word(next) == "’s" || n.word(next) == "'s" {
			// "Oslo Energi’s general manager": an employer; "Velmora's
			// transport minister": a country.
			if n.govTitleAfter(next + 1) {
				cd.cue[cuePlace] += 2
			} else if n.titleAfter(next+1) || nerOrgPossessions[n.word(next+1)] {
				cd.cue[cueOrg] += 2
			}
			next++
		}
		if multi && nerSpeechVerbs[n.word(next)] {
			cd.cue[cuePerson]++
		}
		// "Putin said he would": a pronoun right after the speech verb.
		if nerSpeechVerbs[n.word(next)] {
			for k := next + 1; k < next+4 && k < len(n.toks); k++ {
				if w := n.toks[k].lower(); w == "he" || w == "she" || w == "his" || w == "her" {
					cd.cue[cuePerson] += 2
					break
				} else if w == "its" && k == next+1 {
					// "Pelmore Oils said its pipeline leaked"; "said it"
					// is as often a person's.
					cd.cue[cueOrg] += 2
					break
				}
			}
		}
		// "Imran alias Kala", "Zeeshan alias Shani": police reports give
		// a suspect's nickname after "alias"; only people have one.
		if n.word(cd.te) == "alias" && !n.toks[cd.te].cap || n.word(cd.ts-1) == "alias" && !n.toks[cd.ts-1].cap {
			cd.cue[cuePerson] += 4
		}
		if n.word(cd.ts-1) == "to" && n.word(cd.ts-2) == "according" && multi {
			cd.cue[cuePerson]++
		}
		if nerSpeechVerbs[n.word(cd.ts-1)] && (n.word(cd.te) == "." || n.word(cd.te) == ",") {
			cd.cue[cuePerson]++
		}
		if n.word(cd.te) == "," {
			switch n.word(cd.te + 1) {
			case "who", "whose":
				// Not "NAME, a resident of Nishatabad, who said": the
				// relative clause goes back to the apposition's head.
				if !(n.word(cd.ts-1) == "of" && nerPlaceOfNouns[n.word(cd.ts-2)] && !n.toks[cd.ts-2].cap) {
					cd.cue[cuePerson] += 3
				}
			case "which":
				cd.cue[cueOrg] += 2
			}
			// An age: "Paul Ingram, 67, and". Only people have one.
			if k := cd.te + 1; k+1 < len(n.toks) && n.toks[k].digit && n.word(k+1) == "," {
				if a, err := strconv.Atoi(n.toks[k].lower()); err == nil && a > 0 && a < 120 {
					cd.cue[cuePerson] += 5
				}
			}
			// "Springfield, Illinois": a place in a place.
			if k := cd.te + 1; k < len(n.toks) && n.candAt(k) >= 0 {
				o := n.cands[n.candAt(k)]
				if o.gaz != nil && o.gaz.kind == Place && !o.gaz.demonym && o.ts == k {
					if e := o.te; e >= len(n.toks) || !n.toks[e].word || n.toks[e].lower() == "and" {
						cd.cue[cuePlace] += 3
						n.addPlaces(c, o.gaz.places...)
						if o.gaz.canon != o.gaz.places[0] {
							n.addPlaces(c, o.gaz.canon)
						}
					}
				}
			}
		}
		// "service between Tessaly and Grand Harrow", "flights from X to
		// Y": the ends of a route are places.
		if n.routeEnd(cd.ts) && !(cd.te < len(n.toks) && n.toks[cd.te].poss) {
			cd.cue[cuePlace] += 3
		}
		// "carrying fertiliser from Kesterwijk to Port Carrick": "from X
		// to Y" with Y a place by its shape.
		if n.word(cd.ts-1) == "from" && n.word(cd.te) == "to" {
			if o := n.candAt(cd.te + 1); o >= 0 && n.cands[o].ts == cd.te+1 && n.cands[o].kind() == Place {
				cd.cue[cuePlace] += 3
			}
		}
		// "its brickworks at Sallowby, near Stoke-on-Trent": a place
		// near another.
		if n.word(cd.te) == "," && (n.word(cd.te+1) == "near" || n.word(cd.te+1) == "outside") {
			cd.cue[cuePlace] += 3
		}
		// "Born in Kirkcaldy, Fife,": the region of a place.
		if n.word(cd.ts-1) == "," && cd.ts >= 3 {
			if o := n.candAt(cd.ts - 2); o >= 0 && n.cands[o].te == cd.ts-1 && n.word(n.cands[o].ts-1) == "in" && (n.cands[o].kind() == Place || n.cands[o].kind() == "") &&
				(n.word(cd.te) == "," || n.word(cd.te) == "." || n.word(cd.te) == "and") {
				cd.cue[cuePlace] += 3
			}
		}
		// "homes in the Midlands", "across the North East": a region
		// after "the", unless its head names a body ("in the Senate").
		if n.word(cd.ts-1) == "the" && cd.ts >= 2 && !n.toks[cd.te-1].upper && !nerOrgHeads[n.word(cd.te-1)] && !nerInstHeads[n.word(cd.te-1)] && !nerOrgLeadHeads[n.word(cd.ts)] {
			switch n.word(cd.ts - 2) {
			case "in", "across", "throughout":
				cd.cue[cuePlace] += 2
			}
		}
		// "headteacher of Ysgol Penrhiw", "chairman of the Kesby Trust":
		// an institution's head is of an institution, not a person.
		if k := cd.ts - 1; n.word(k) == "of" || n.word(k) == "the" && n.word(k-1) == "of" {
			if n.word(k) == "the" {
				k--
			}
			if nerInstTitles[n.word(k-1)] || nerInstTitles[n.word(k-2)+" "+n.word(k-1)] {
				cd.cue[cueOrg] += 3
			}
		}
		// "their daughters, Catrin and Sian,", "her nephew, Colin":
		// kin are people, and so is a name coordinated with one.
		if n.word(cd.ts-1) == "," && nerKinNoun(n.word(cd.ts-2)) {
			cd.cue[cuePerson] += 3
		} else if n.word(cd.ts-1) == "and" {
			if o := n.candAt(cd.ts - 2); o >= 0 && n.cands[o].te == cd.ts-1 && n.word(n.cands[o].ts-1) == "," && nerKinNoun(n.word(n.cands[o].ts-2)) {
				cd.cue[cuePerson] += 3
			}
		}
		// "her own firm, Varley Charts,": an apposition to a firm.
		if n.word(cd.ts-1) == "," && nerFirmNouns[n.word(cd.ts-2)] && !n.toks[cd.ts-2].cap {
			cd.cue[cueOrg] += 3
		}
		// "Lowther Saye, the engineering consultancy that drew up the
		// plan": an apposition after the name whose head is a firm.
		if n.firmAppositionAfter(cd.te) {
			cd.cue[cueOrg] += 3
		}
		switch n.word(cd.ts - 1) {
		case "in":
			// "a stake in Chrysler" is no place.
			if !nerInNotPlace[n.word(cd.ts-2)] {
				cd.cue[cuePlace] += 2
			}
		case "near", "outside", "across", "throughout", "inside", "along", "off":
			// "along the Osage Fork", "a trawler off Carrow Head".
			cd.cue[cuePlace] += 2
		case "by":
			// "founded by", "led by" take people.
			if nerByPerson[n.word(cd.ts-2)] {
				cd.cue[cuePerson]++
			} else {
				cd.cue[cueOrg]++
			}
		case "at", "with":
			// "based at Ardmuir", "moored at Kelvin Quay": where
			// something is, not whom one works for.
			if n.word(cd.ts-1) == "at" && nerLocatedAt[n.word(cd.ts-2)] {
				cd.cue[cuePlace] += 3
				break
			}
			cd.cue[cueOrg]++
			// "Analysts at Peel Hunt", "researchers at Kelby": people
			// work at an organisation.
			if w := n.word(cd.ts - 2); n.word(cd.ts-1) == "at" && len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && (!n.toks[cd.ts-2].cap || n.initial.has(cd.ts-2)) && nerPluralStaff[w] {
				cd.cue[cueOrg] += 3
			}
		case "mr", "mr.", "mrs", "mrs.", "ms", "ms.":
			cd.cue[cuePerson] += 3
		}
		// Coordination with a known kind: "Boeing and Lockheed Martin".
		// A place counts only in a list of places ("in Mombasa and
		// Kisumu"), not in "Aeroflot and Chicago-based Boeing".
		coord := func(o int) {
			k := n.cands[o].kind()
			if k == Place && !(n.word(n.cands[o].ts-1) == "in" || n.word(cd.ts-1) == "in" && n.word(n.cands[o].te) != "-") {
				return
			}
			n.cands[c].cue[nerCueOf(k)]++
		}
		if w := n.word(cd.ts - 1); (w == "and" || w == "or" || w == ",") && cd.ts >= 2 {
			if o := n.candAt(cd.ts - 2); o >= 0 && n.cands[o].kind() != "" && n.cands[o].te == cd.ts-1 {
				coord(o)
			}
			// "near Bensa and Yirga Tafo": the second of a pair after a
			// preposition of place, whatever the first is known as.
			if o := n.candAt(cd.ts - 2); w == "and" && o >= 0 && n.cands[o].te == cd.ts-1 {
				switch n.word(n.cands[o].ts - 1) {
				case "near", "around", "outside":
					cd.cue[cuePlace] += 2
				}
			}
		}
		if w := n.word(cd.te); w == "and" || w == "or" || w == "," {
			if o := n.candAt(cd.te + 1); cd.te+1 < len(n.toks) && o >= 0 && n.cands[o].kind() != "" && n.cands[o].ts == cd.te+1 {
				coord(o)
			}
		}
		if n.word(cd.te) == "-" && n.word(cd.te+1) == "based" {
			cd.cue[cuePlace] += 3
		}
		cd.cue[cuePlace] += int32(n.placeContext(cd.ts, cd.te))
		// "the Kabende and Lusoma districts", "Barlow, Tenney and Crane
		// counties": names listed before a plural area noun are places.
		if n.areaListAfter(cd.ts, cd.te) {
			cd.cue[cuePlace] += 3
		}
		// A multi-word name opening its sentence, and "He" or "She"
		// opening the next.
		if multi {
			s := int(n.sentOf(cd.ts))
			first := firstCand(s) >= cd.ts
			if first && s+1 < len(n.sentTok) {
				if k := n.sentTok[s+1][0]; k < len(n.toks) {
					switch n.toks[k].lower() {
					case "he", "she":
						cd.cue[cuePerson]++
					case "it":
						cd.cue[cueOrg]++
					}
				}
			}
			// "Varnex said its output fell" is an organisation;
			// "Odile Brandt, its director of sales," is a person in
			// apposition to one.
			for k := cd.te; k < len(n.toks) && k < cd.te+8; k++ {
				if n.toks[k].lower() == "its" {
					if k == cd.te+1 && n.word(cd.te) == "," && n.titleAfter(k+1) {
						cd.cue[cuePerson] += 2
					} else {
						cd.cue[cueOrg]++
					}
					break
				}
			}
		}
	}
}

// teamName reports whether the name [ts, te) ends in a plural the text
// also uses alone after "the": "Sangharpur Falcons" and "the Falcons", a
// team's or a band's name, not a person's.
func (n *ner) teamName(ts, te int) bool {
	last := n.toks[te-1]
	w := last.lower()
	if !last.cap || last.upper || len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") {
		return false
	}
	for k := 1; k+1 < len(n.toks); k++ {
		if k != te-1 && n.toks[k].lower() == w && n.toks[k-1].lower() == "the" && !(k+1 < len(n.toks) && n.toks[k+1].cap && n.toks[k+1].space) {
			return true
		}
	}
	return false
}

// nerDeptComplements end the portfolio of a government department
// after its "and": "Health and Seniors Care", "Housing and Local
// Government".
var nerDeptComplements = nerSet("care,government,services,resources,relations,safety,protection,training,skills,sport,media,innovation,research,forestry,food,communities,employment,enterprise")

// nerFirmNouns stand in apposition before a firm's name: "her own firm,
// Varley Charts,".
var nerFirmNouns = nerSet("firm,company,business,subsidiary,arm,charity,consultancy,startup,agency,label,publisher,brand,group,partnership,operator,carrier,airline,insurer,lender,retailer,manufacturer,carmaker,automaker,utility,band,chain,supermarket")

// nerRouteNouns name a route between places, or a craft sent from one:
// "service between X and Y", "the inshore lifeboat from Kilbrack".
var nerRouteNouns = nerSet("lifeboat,lifeboats,boat,boats,ship,ships,vessel,vessels,trawler,trawlers,helicopter,helicopters,service,services,flight,flights,route,routes,line,lines,road,railway,rail,ferry,ferries,train,trains,bus,buses,link,links,highway,motorway,pipeline,corridor,journey,trip,connection,connections,flies,flew,fly")

// routeEnd reports whether the name at token ts is an end of a route:
// after "between" or "from" following a route noun, or after the "and"
// or "to" that closes such a pair.
func (n *ner) routeEnd(ts int) bool {
	route := func(k int) bool { // the route noun before token k, perhaps a comma between
		if n.word(k) == "," {
			k--
		}
		return nerRouteNouns[n.word(k)]
	}
	switch n.word(ts - 1) {
	case "between", "from":
		return route(ts - 2)
	case "and", "to":
		o := n.candAt(ts - 2)
		if o < 0 || n.cands[o].te != ts-1 {
			return false
		}
		w := n.word(n.cands[o].ts - 1)
		return (w == "between" && n.word(ts-1) == "and" || w == "from" && n.word(ts-1) == "to") && route(n.cands[o].ts-2)
	}
	return false
}

// nerPluralStaff are the people who work at an organisation: "analysts
// at Peel Hunt".
var nerPluralStaff = nerSet("analysts,economists,researchers,scientists,officials,executives,staff,workers,employees,engineers,strategists,doctors,nurses,lawyers,bankers,traders,managers,directors,sources,teachers,students,academics,experts")

// nerPlaceOfNouns name a place by "of": "the port city of Saldanha
// Vale", "the suburb of Thenmalai Nagar", "residents of X", "60 miles
// south of Portland".
var nerPlaceOfNouns = nerSet("people,citizens,city,town,village,villages,towns,hamlet,hamlets,suburb,suburbs,outskirts,port,capital,province,region,county,district,island,islands,residents,resident,native,inhabitants,north,south,east,west,northeast,northwest,southeast,southwest,heart,streets,mayor,municipality,neighbourhood,neighborhood")

// nerPlaceModNouns are works and areas a place name qualifies: "the
// Apapa terminal", "the Selby Moor barrier", "the Kandipur constituency".
var nerPlaceModNouns = nerSet("highlands,lowlands,uplands,hills,plains,delta,market,marketplace,campground,campsite,estuary,foreshore,wall,camp,province,parish,county,municipality,governorate,prefecture,terminal,barrier,bypass,ring,dam,reservoir,depot,estate,constituency,ward,wards,area,suburb,district,region,valley,corridor,waterfront,seafront,harbour,harbor,quay,pier,coastline,floodplain,catchment,basin,border,crossing,junction,interchange,station,line,route,railway,motorway,expressway,highway,flyover,tunnel,causeway")

// nerPlaceWorkNouns are the nerPlaceModNouns that only a place stands
// before ("the Castlebrack bypass"), where "line", "station",
// "terminal" or "market" also follow products and firms ("the MacBook
// line", "the Mac market").
var nerPlaceWorkNouns = nerSet("bypass,campground,campsite,estuary,foreshore,wall,seafront,waterfront,coastline,floodplain,catchment,causeway")

// placeModAfter reports whether one of nouns (works built somewhere,
// areas) follows token k, itself or after one lower-case modifier: "the Apapa
// terminal", "the Tarnford sea wall".
func (n *ner) placeModAfter(k int, nouns map[string]bool) bool {
	for q := k; q < len(n.toks) && q <= k+1; q++ {
		t := n.toks[q]
		if !t.word || t.cap || t.digit {
			return false
		}
		if nouns[t.lower()] {
			return true
		}
		if nerStop[t.lower()] || nerCopulas[t.lower()] || nerAuxVerbs[t.lower()] || strings.HasSuffix(t.lower(), "ed") {
			return false
		}
	}
	return false
}

// nerAreaNouns are the areas a name before them is the place of: "the
// Rangiwai district", "Sindh province".
var nerAreaNouns = nerSet("highlands,lowlands,uplands,hills,plains,delta,district,region,province,parish,county,state,municipality,governorate,prefecture,area,valley,constituency")

// firmAppositionAfter reports whether an apposition whose head noun is a
// firm's follows the name ending at token te: ", the engineering
// consultancy that", ", a haulage firm,". The head is the last of up to
// three lower-case words, and no possessive or title goes before it
// ("NAME, the company's chief executive" is a person).
func (n *ner) firmAppositionAfter(te int) bool {
	if n.word(te) != "," {
		return false
	}
	switch n.word(te + 1) {
	case "the", "a", "an":
	default:
		return false
	}
	for k := te + 2; k < len(n.toks) && k < te+5; k++ {
		t := n.toks[k]
		if !t.word || t.cap || t.upper || t.digit || t.poss {
			return false
		}
		if !nerFirmNouns[t.lower()] {
			continue
		}
		switch n.word(k + 1) {
		case "that", "which", ",", ".", ";", "based", "in", "whose", "founded", "owned", "run":
			return true
		}
		return false
	}
	return false
}

// nerAreaPlurals are the plurals of area nouns that close a list of
// places: "the Kabende and Lusoma districts".
var nerAreaPlurals = nerSet("districts,counties,regions,provinces,parishes,wards,municipalities,boroughs,constituencies,prefectures,governorates")

// areaListAfter reports whether the name ending at token te is one of a
// list of names closed by a plural area noun: "Kabende and Lusoma
// districts", "Barlow, Tenney and Crane counties". Only names, commas
// and one "and" may stand between, at most eight tokens on; the name
// starts at token ts.
func (n *ner) areaListAfter(ts, te int) bool {
	ands := 0
	for k := te; k < len(n.toks) && k < te+8; k++ {
		t := n.toks[k]
		switch w := t.lower(); {
		case w == "," || w == "and" && !t.cap:
			if w == "and" {
				ands++
			}
			if ands > 1 {
				return false
			}
		case t.cap && t.word:
		case nerAreaPlurals[w] && !t.cap:
			// The last of the list ("… and Lusoma districts"), or one
			// before it; not a name alone before the noun ("the Gulf
			// states").
			return ands == 1 || k == te && n.word(ts-1) == "and"
		default:
			return false
		}
	}
	return false
}

// nerLocatedAt are the words before "at" that make what follows a place:
// "based at Ardmuir", "moored at Kelvin Quay".
var nerLocatedAt = nerSet("based,located,stationed,moored,berthed,anchored,docked,headquartered,situated")

// nerPlaceAppNouns head an apposition that makes a place: "Ekuru, the
// state capital," and "the capital, Port Auren".
var nerPlaceAppNouns = nerSet("capital,city,town,village,port,suburb,hometown,birthplace,seaport,hamlet,island,settlement,resort,district,county,province,region,municipality,parish")

// placeContext weighs the context of the name [ts, te) that makes a place
// of it, as words around a name do: "of" after a place noun or a
// direction, ", where" after it, an apposition naming a town on either
// side, or a distance ("Wrayford, 30 miles away").
func (n *ner) placeContext(ts, te int) int {
	w := 0
	if n.word(ts-1) == "of" && ts >= 2 {
		p := n.toks[ts-2]
		switch {
		case nerPlaceOfNouns[p.lower()] && (!p.cap || n.initial.has(ts-2)):
			w += 3
		case p.cap && nerOrgHeads[p.lower()] && !nerOrgLeadHeads[p.lower()] && !nerInstHeads[p.lower()]:
			w += 2 // "Dorsey & Vance Architects of Wichita"
		}
	}
	if n.word(te) == "," {
		switch n.word(te + 1) {
		case "where":
			w += 2
		case "the", "a", "its", "their":
			for k := te + 2; k < te+5 && k < len(n.toks); k++ {
				t := n.toks[k]
				if !t.word || t.cap || t.digit {
					break
				}
				if nerPlaceAppNouns[t.lower()] {
					// "Ekuru, the state capital,", "Halvard, a farming town
					// in Minnesota".
					switch e := n.word(k + 1); e {
					case ",", ".", ";", ")", "", "—", "in", "on", "near", "of", "north", "south", "east", "west":
						w += 3
					}
					break
				}
			}
		}
		// "Wrayford, 30 miles away", "Kondapet, 12 km north".
		if k := te + 1; k+1 < len(n.toks) && n.toks[k].digit {
			switch n.word(k + 1) {
			case "miles", "mile", "km", "kilometres", "kilometers", "kilometre", "kilometer":
				w += 3
			}
		}
	}
	// "the Apapa terminal", "the Selby Moor barrier": a name before a
	// work built somewhere or an area is that place.
	if n.placeModAfter(te, nerPlaceModNouns) {
		w += 2
	}
	// "in nearby Eastbrook", "to neighbouring Kelderby": a place beside
	// the one the story is in.
	if w0 := n.word(ts - 1); (w0 == "nearby" || w0 == "neighbouring" || w0 == "neighboring") && !n.toks[ts-1].cap {
		switch n.word(ts - 2) {
		case "in", "to", "from", "at", "of":
			w += 3
		}
	}
	// "the capital, Port Auren".
	if n.word(ts-1) == "," && ts >= 3 && nerPlaceAppNouns[n.word(ts-2)] && !n.toks[ts-2].cap {
		if d := n.word(ts - 3); d == "the" || d == "its" || !n.toks[ts-3].cap && n.toks[ts-3].word && !nerStop[d] {
			w += 3
		}
	}
	return w
}

// nerGovTitles are offices of a country, region or town: "Velmora's
// transport minister", "the city's mayor".
var nerGovTitles = nerSet("minister,prime minister,ambassador,mayor,governor,premier,foreign secretary,home secretary,high commissioner,consul,envoy,parliament,government")

// govTitleAfter reports whether a title at token i is a government's: a
// minister, an ambassador, a mayor.
func (n *ner) govTitleAfter(i int) bool {
	e := n.titleAt(i, min(len(n.toks), i+nerTitleMaxLen+3))
	if e > i {
		return nerGovTitles[n.toks[e-1].lower()] || e-i >= 2 && nerGovTitles[nerKey(n.toks, e-2, e)]
	}
	return nerGovTitles[n.word(i)]
}

// nerOrgPossessions are what companies, not people, have: "Halvard
// Brisk's shares", "its subsidiaries".
var nerOrgPossessions = nerSet("shares,stock,subsidiary,subsidiaries,division,divisions,headquarters,factory,factories,plants,workforce,employees,shareholders,profits,revenue,revenues,earnings,fleet")

// nerByPerson are participles whose agent ("by X") is usually a person.
var nerByPerson = nerSet("set,broken,held,beaten,won,trained,captained,represented,defended,prosecuted,founded,co-founded,cofounded,started,led,headed,run,created,invented,chaired,directed,written,authored,signed,appointed,nominated,named,hired,fired,coached,replaced,succeeded,interviewed")

// nerInNotPlace are words after which "in X" names an organisation.
var nerInNotPlace = nerSet("stake,stakes,share,shares,interest,interests,investment,investments,invest,invested,investing,holding,holdings,position,role,jobs,job,seat,seats,merger,partner,partners,competition,rival")

func nerCueOf(k Kind) int {
	switch k {
	case Person:
		return cuePerson
	case Place:
		return cuePlace
	}
	return cueOrg
}

// titleAfter reports whether a title starts at token i, perhaps after
// modifiers.
func (n *ner) titleAfter(i int) bool {
	end := min(len(n.toks), i+nerTitleMaxLen+3)
	return n.titleAt(i, end) > i
}

func nerAppendUniq(list []string, add ...string) []string {
outer:
	for _, a := range add {
		for _, l := range list {
			if l == a {
				continue outer
			}
		}
		list = append(list, a)
	}
	return list
}

// nerOneSpace is strings.Join(strings.Fields(s), " "), returning s itself
// when it is already so: a long text may have millions of mentions to
// normalise, nearly all of them already are.
func nerOneSpace(s string) string {
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
			continue
		}
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = false
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// nerEnt is an entity being built.
type nerEnt struct {
	name    string
	kind    Kind
	first   int // byte offset of the first mention
	aliases []string
	cands   []int32 // 32 bits: one entity can have millions
	roles   []Role
	places  []string
	decided bool
	// initials caches the initials of an organisation's name (for
	// acronymOf), computed from initialsOf.
	initials, initialsOf string
	// unresolved holds the titles whose organisation the text named by a
	// noun no organisation fits ("the alliance's chief scientist").
	unresolved map[string]bool
}

// resolve groups candidates into entities and decides undecided kinds.
func (n *ner) resolve() {
	byKey := map[string]int{}     // alias key -> entity
	surname := map[string][]int{} // person last or first name -> entities
	newEnt := func(name string, kind Kind, decided bool) int {
		n.ents = append(n.ents, &nerEnt{name: name, kind: kind, first: -1, decided: decided})
		return len(n.ents) - 1
	}
	attach := func(c, e int) {
		n.cands[c].ent = int32(e)
		n.ents[e].cands = appendDoubling(n.ents[e].cands, int32(c))
	}
	addPerson := func(c, e int) {
		ts, te := n.cands[c].ts, n.cands[c].te
		var parts []int
		for k := ts; k < te; k++ {
			t := n.toks[k]
			if nerNameParticles[t.lower()] || nerPersonSuffix[t.lower()] || t.lower() == "-" || len(strings.TrimSuffix(t.lower(), ".")) <= 1 {
				continue
			}
			parts = append(parts, k)
		}
		if len(parts) >= 2 {
			keys := []string{n.toks[parts[0]].lower(), n.toks[parts[len(parts)-1]].lower()}
			// "Núñez-Ortega", "van der Berg": all after the first name.
			if parts[0]+1 < te-1 {
				keys = append(keys, nerKey(n.toks, parts[0]+1, te))
			}
			// "Vincent Lau Chi-keung" is "Mr Lau".
			if te-4 > ts && n.sinoGivenTail(te-1) && n.toks[te-4].cap {
				keys = append(keys, n.toks[te-4].lower())
			}
			for _, l := range keys {
				if !nerIntContains(surname[l], e) {
					surname[l] = append(surname[l], e)
				}
			}
		}
	}
	// 1. Gazetteer names and decided people and organisations, longer
	// names first so that "Mr. Kiprotich" finds "Daniel Kiprotich".
	decided := make([]int32, 0, len(n.cands)) // 32 bits: millions of candidates
	for c := range n.cands {
		if n.cands[c].kind() != "" {
			decided = append(decided, int32(c))
		}
	}
	sort.SliceStable(decided, func(a, b int) bool {
		ca, cb := n.cands[decided[a]], n.cands[decided[b]]
		return ca.te-ca.ts > cb.te-cb.ts
	})
	for _, c := range decided {
		c := int(c)
		cd := &n.cands[c]
		if cd.kind() == Person && cd.te-cd.ts == 1 {
			if es := surname[n.keyOf(cd)]; len(es) > 0 {
				attach(c, n.nearestEnt(n.sameSex(es, c), int(n.toks[cd.ts].s)))
				continue
			}
		}
		var key string
		if cd.gaz != nil {
			key = cd.gaz.byKey
		} else {
			key = n.nameKey(c)
		}
		e, ok := byKey[key]
		if !ok && cd.kind() == Person {
			// "Tim Cook" after "Timothy D. Cook".
			if e, ok = n.variantOf(c, surname); ok {
				byKey[key] = e
			}
		}
		if !ok {
			if cd.gaz != nil {
				e = newEnt(cd.gaz.canon, cd.kind(), true)
			} else {
				name := n.candText(c)
				if cd.dateline && cd.gaz == nil {
					name = nerTitleCase(name)
				}
				e = newEnt(name, cd.kind(), true)
			}
			byKey[key] = e
		}
		attach(c, e)
		if cd.kind() == Person {
			addPerson(c, e)
		}
		if cd.kind() == Org && cd.gaz == nil {
			byKey[n.nameKey(c)] = e
			// "Aer Lingus Group PLC" is also "Aer Lingus".
			for te := cd.te - 1; te > cd.ts && nerOrgGeneric[n.toks[te].lower()]; te-- {
				if k := nerKey(n.toks, cd.ts, te); nerGaz[k] == nil {
					if _, ok := byKey[k]; !ok {
						byKey[k] = e
					}
				}
			}
		}
	}
	// Acronyms defined in parentheses: "Office of Foreign Assets Control
	// (OFAC)".
	for c := range n.cands {
		cd := n.cands[c]
		if cd.te-cd.ts != 1 || n.word(cd.ts-1) != "(" || n.word(cd.te) != ")" {
			continue
		}
		k := cd.ts - 2
		if k < 0 || n.candAt(k) < 0 {
			continue
		}
		o := n.candAt(k)
		if n.cands[o].te != k+1 || n.cands[o].ts == k && n.toks[k].upper {
			continue
		}
		// A short name that is not in capitals ("Federal Statistical
		// Office (Destatis)") is an alias only of a name already known
		// to be an organisation of several words, not of a place
		// ("Budapest (Hungary)").
		if !n.toks[cd.ts].upper && (n.cands[o].kind() != Org || n.cands[o].te-n.cands[o].ts < 2 || cd.kind() != "" && cd.kind() != Org) {
			continue
		}
		if n.cands[o].kind() == "" {
			n.cands[o].cue[cueOrg] += 2
			continue
		}
		if _, ok := byKey[n.keyOf(&cd)]; !ok && n.cands[o].ent >= 0 {
			byKey[n.keyOf(&cd)] = int(n.cands[o].ent)
		}
	}
	// 2. Undecided candidates, longer names first so that "Rutte" finds
	// "Mark Rutte".
	var undecided []int
	for c := range n.cands {
		if n.cands[c].kind() == "" && !n.cands[c].drop {
			undecided = append(undecided, c)
		}
	}
	sort.SliceStable(undecided, func(a, b int) bool {
		ca, cb := n.cands[undecided[a]], n.cands[undecided[b]]
		return ca.te-ca.ts > cb.te-cb.ts
	})
	// Group by key, summing the cues.
	groups := map[string][]int{}
	var order []string
	for _, c := range undecided {
		k := n.nameKey(c)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	// Organisations are shortened to their first word ("Lockheed"),
	// people to their last ("Rutte").
	singles := map[string]bool{}
	for c := range n.cands {
		if cd := n.cands[c]; cd.te-cd.ts == 1 && !cd.drop {
			singles[n.keyOf(&cd)] = true
		}
	}
	for _, k := range order {
		cs := groups[k]
		var cue [3]int
		if cd := n.cands[cs[0]]; cd.te-cd.ts > 1 {
			first, last := n.toks[cd.ts].lower(), n.toks[cd.te-1].lower()
			if singles[first] && !singles[last] {
				cue[cueOrg] += 3
			} else if singles[last] && !singles[first] && !n.toks[cd.te-1].upper {
				cue[cuePerson] += 2
			}
			// "Apple Macintosh" after "Apple Computer": a product or a
			// division of a known organisation.
			if e, ok := byKey[first]; ok && n.ents[e].kind == Org {
				cue[cueOrg] += 2
			} else if _, ok := n.prefixOrg(cd.ts, cd.ts+1, byKey); ok {
				cue[cueOrg] += 2
			}
		}
		weak := true
		for x := range cue {
			cue[x] += int(n.cands[cs[0]].lean[x])
		}
		for _, c := range cs {
			for x := range cue {
				cue[x] += int(n.cands[c].cue[x])
			}
			if !n.cands[c].weak {
				weak = false
			}
		}
		if !weak && n.bareInitialWord(cs) {
			weak = true
		}
		// "Record 61 on trolleys …": a name only a headline uses, that
		// the story never names, is a headline's word.
		if !weak && n.headlineOnly(cs) {
			weak = true
		}
		// "the Nimbus 3000 ... The Nimbus will ship": a product line.
		if !weak && n.productName(cs) {
			weak = true
		}
		if cd := n.cands[cs[0]]; cd.te-cd.ts == 1 && (nerPlaceHeads[n.keyOf(&cd)] && !nerOrgHeads[n.keyOf(&cd)] || n.ordinalBefore(cd.ts)) {
			weak = true // "the city's 3rd District", "the 4th Ward": a generic word
		}
		if weak {
			// "does not vote in Ugbaja": a place named in a quotation.
			for _, c := range cs {
				if cd := n.cands[c]; cd.te-cd.ts == 1 && n.quoted.has(cd.ts) && cd.cue[cuePlace] >= 2 && !n.initial.has(cd.ts) && !n.heading[n.sentOf(cd.ts)] {
					weak = false
				}
			}
		}
		first := cs[0]
		// A known alias.
		e, ok := byKey[k]
		if !ok && n.cands[first].te-n.cands[first].ts > 1 {
			if e, ok = n.variantOf(first, surname); ok {
				byKey[k] = e
				for _, c := range cs {
					attach(c, e)
					addPerson(c, e)
				}
				continue
			}
		}
		// "in Perantau" beside "Wisma Perantau" and "Perantau Residents'
		// Association": a word the text writes as a place, that opens an
		// organisation's name, is neither a surname nor the organisation.
		placeWord := n.cands[first].te-n.cands[first].ts == 1 && cue[cuePlace] > cue[cueOrg] && cue[cuePlace] > cue[cuePerson] && n.placeInBody(cs)
		if placeWord {
			_, placeWord = n.prefixOrg(n.cands[first].ts, n.cands[first].te, byKey)
		}
		if !ok && !placeWord {
			if es := surname[k]; len(es) > 0 {
				e, ok = n.nearestEnt(es, int(n.toks[n.cands[first].ts].s)), true
				// "Ford" is both "William Clay Ford Jr." and "Ford Motor
				// Company": without a person cue, the company.
				if oe, isOrg := n.prefixOrg(n.cands[first].ts, n.cands[first].te, byKey); isOrg && cue[cuePerson] == 0 {
					e = oe
				}
			}
		}
		if !ok {
			e, ok = n.acronymOf(k, byKey)
		}
		if !ok {
			e, ok = n.genericHeadOf(cs)
		}
		if !ok {
			e, ok = n.demonymOf(k)
		}
		if !ok && n.cands[first].te-n.cands[first].ts == 1 {
			e, ok = n.riverOf(k)
		}
		// "Keane, who founded the Keane Gallery": strong person cues (a
		// role, an age; not ", who" alone, which British style gives
		// clubs and firms) win over the gallery's first word.
		if !ok && !(cue[cuePlace] > cue[cueOrg] && n.cands[first].te-n.cands[first].ts == 1 && n.placeInBody(cs)) && !(cue[cuePerson] >= 5 && cue[cuePerson] > cue[cueOrg]) {
			// "Ashcombe" after "Ashcombe and Wrayford Hospitals Trust"
			// is the town when it is written as one ("in Ashcombe").
			e, ok = n.prefixOrg(n.cands[first].ts, n.cands[first].te, byKey)
		}
		if ok {
			for _, c := range cs {
				attach(c, e)
			}
			continue
		}
		if weak {
			// A headline or quote: keep the words that name known
			// entities.
			for _, c := range cs {
				n.splitWeak(c, byKey, surname, attach)
			}
			continue
		}
		kind := Org
		switch {
		case cue[cuePerson] > cue[cueOrg] && cue[cuePerson] >= cue[cuePlace]:
			kind = Person
		case cue[cuePlace] > cue[cueOrg] && cue[cuePlace] > cue[cuePerson]:
			kind = Place
		}
		// A name after "the" or with a function word inside is no
		// person's: "the Office for River Standards said".
		if kind == Person {
			for _, c := range cs {
				if n.cands[c].notPerson {
					kind = Org
					if cue[cuePlace] > cue[cueOrg] {
						kind = Place
					}
					break
				}
			}
		}
		// Ties go to organisations: news introduces people with a cue
		// (a title, "said", ", who"), companies often without.
		e = newEnt(n.candText(first), kind, false)
		byKey[k] = e
		for _, c := range cs {
			attach(c, e)
			if kind == Person {
				addPerson(c, e)
			}
		}
	}
	n.coordinatedOrgs()
	// "Mr. Kiprotich" read before "Daniel Kiprotich" was known.
	for e, ent := range n.ents {
		if ent.kind != Person || len(ent.cands) == 0 {
			continue
		}
		lone := true
		for _, c := range ent.cands {
			c := int(c)
			if n.cands[c].te-n.cands[c].ts != 1 {
				lone = false
			}
		}
		if !lone {
			continue
		}
		es := surname[n.keyOf(&n.cands[ent.cands[0]])]
		if len(es) == 0 || nerIntContains(es, e) {
			continue
		}
		to := n.nearestEnt(n.sameSex(es, int(ent.cands[0])), int(n.toks[n.cands[ent.cands[0]].ts].s))
		for _, c := range ent.cands {
			c := int(c)
			attach(c, to)
		}
		ent.cands = nil
	}
	// Single-word place names that are a person's first or last name here
	// ("Sofia" after "Sofia Lindqvist").
	for c := range n.cands {
		cd := &n.cands[c]
		if cd.gaz == nil || cd.te-cd.ts != 1 || cd.gaz.demonym || cd.gaz.kind != Place {
			continue
		}
		if es := surname[n.keyOf(cd)]; len(es) > 0 {
			old := cd.ent
			e := n.nearestEnt(es, int(n.toks[cd.ts].s))
			n.ents[old].cands = nerIntRemove(n.ents[old].cands, int32(c))
			attach(c, e)
			cd.gaz = nil
		}
	}
}

// productName reports whether the candidates cs name a product: the
// text writes the name with a model number ("the Nimbus 3000") and alone
// after "the" ("The Nimbus will ship"), as it would not a maker ("Boeing
// 747s", "Boeing said").
func (n *ner) productName(cs []int) bool {
	model, the, body := false, false, false
	for _, c := range cs {
		cd := n.cands[c]
		next := cd.te < len(n.toks) && n.toks[cd.te].digit && n.toks[cd.te].space
		if n.heading[n.sentOf(cd.ts)] && !next {
			continue // "drops MedLink contract": a headline's shorthand
		}
		body = true
		switch {
		case next:
			model = true
			if n.word(cd.ts-1) == "the" {
				the = true // "the MedLink 3 records system"
			}
		case n.word(cd.ts-1) == "the" && !(cd.te < len(n.toks) && n.toks[cd.te].poss):
			the = true
		default:
			return false // "Boeing said": a maker
		}
		if n.cands[c].cue[cuePerson] > 0 {
			return false
		}
	}
	return body && model && the
}

// headlineOnly reports whether every candidate of cs is in a headline
// and the story names none of its words in capitals elsewhere.
func (n *ner) headlineOnly(cs []int) bool {
	for _, c := range cs {
		if !n.heading[n.sentOf(n.cands[c].ts)] || n.cands[c].cue[cuePerson] > 0 {
			return false
		}
	}
	cd := n.cands[cs[0]]
	for k := cd.ts; k < cd.te; k++ {
		if n.toks[k].cap && n.capMid[n.toks[k].lower()] && !n.onlyHeading(n.toks[k].lower()) {
			return false
		}
	}
	return true
}

// onlyHeading reports whether the word w is capitalised only in headlines.
func (n *ner) onlyHeading(w string) bool {
	for k, t := range n.toks {
		if t.lower() == w && t.cap && !n.heading[n.sentOf(k)] {
			return false
		}
	}
	return true
}

// bareInitialWord reports whether the candidates cs are one word that
// only ever opens a sentence, never elsewhere capitalised, with nothing
// around it that a name would have: "Turnout was 41%", "Born in 1937",
// "Bacteria living in the mud". Such a word is an ordinary one.
func (n *ner) bareInitialWord(cs []int) bool {
	for _, c := range cs {
		cd := n.cands[c]
		t := n.toks[cd.ts]
		if cd.te-cd.ts != 1 || !n.initial.has(cd.ts) || t.upper || cd.cue != [3]int32{} || nerInnerCap(n.text[t.s:t.e]) {
			return false
		}
		// Capitalised elsewhere only inside a longer name, not first
		// ("Irrigation fund disburses …" and the "Volta Basin Irrigation
		// Fund"), it is still an ordinary word here.
		if n.capMid[t.lower()] && !n.onlyInsideNames(t.lower()) {
			return false
		}
		switch n.word(cd.ts - 1) {
		case "-", "–", "—":
			if !n.afterDateline(cd.ts) {
				return false // "Wal - Mart"
			}
		}
		if j := cd.te; j < len(n.toks) {
			nt := n.toks[j]
			if nt.poss || nerSpeechVerbs[nt.lower()] || nt.digit || nt.lower() == "(" || !nt.space && nt.lower() == "." ||
				nt.lower() == "," && (n.word(j+1) == "the" || n.word(j+1) == "a" || n.word(j+1) == "an") {
				return false
			}
		}
	}
	return true
}

// ordinalBefore reports whether an ordinal number stands before token i:
// "3rd District", "4th Ward".
func (n *ner) ordinalBefore(i int) bool {
	if i < 1 || !n.toks[i-1].digit {
		return false
	}
	w := n.toks[i-1].lower()
	return strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd") || strings.HasSuffix(w, "th")
}

// placeInBody reports whether one of the candidates cs is read as a place
// in the body of the text, the name standing on its own: "a meeting in
// Ashcombe on Wednesday", not "in Hollinsford clean-up" in a headline.
func (n *ner) placeInBody(cs []int) bool {
	for _, c := range cs {
		cd := n.cands[c]
		if cd.cue[cuePlace] < 2 || n.heading[n.sentOf(cd.ts)] {
			continue
		}
		// Not "in Ashcombe hospital"; but "in the Rangiwai district".
		// "Farmers across Rangiwhero have …": a verb may follow.
		// "the Castlebrack bypass": a work built somewhere names it.
		if t := n.toks[min(cd.te, len(n.toks)-1)]; cd.cue[cuePlace] < 3 && cd.te < len(n.toks) && t.word && !t.cap && !t.digit && !nerStop[t.lower()] && !nerAreaNouns[t.lower()] && !nerCopulas[t.lower()] && !nerAuxVerbs[t.lower()] && !n.placeModAfter(cd.te, nerPlaceWorkNouns) {
			continue
		}
		return true
	}
	return false
}

// riverOf links a river's bare name ("the main bridge over the Vatuloa")
// to the river the text named in full ("the Vatuloa River", "the River
// Ardle").
func (n *ner) riverOf(key string) (int, bool) {
	for e, ent := range n.ents {
		if ent.kind != Place {
			continue
		}
		// (Compared in place: this runs for every single word the text
		// names, and the lower-cased names would be garbage.)
		if nm := ent.name; len(nm) == len(key)+6 && (strings.EqualFold(nm[:len(key)], key) && strings.EqualFold(nm[len(key):], " river") || strings.EqualFold(nm[:6], "river ") && strings.EqualFold(nm[6:], key)) {
			return e, true
		}
		if placeTailIs(ent.name, key) {
			return e, true
		}
	}
	return 0, false
}

// placeTailIs reports whether the place name nm ends in the word key
// after a particle or a landform's first word, so that the bare word is
// a later mention of the place: "the descent of the Lauze" after "the
// Col de la Lauze", "the Orvan" after "Lake Orvan".
func placeTailIs(nm, key string) bool {
	k := len(nm) - len(key)
	if k < 3 || nm[k-1] != ' ' || !strings.EqualFold(nm[k:], key) {
		return false
	}
	head := nm[:k-1]
	sp := strings.LastIndexByte(head, ' ')
	prev := head[sp+1:]
	// A lower-case particle before the last word: "Col du Marbrier".
	if prev != "" && prev[0] >= 'a' && prev[0] <= 'z' && nerNameParticles[prev] {
		return true
	}
	// A landform's first word and one more: "Lake Orvan", "Punta Seca".
	if sp < 0 {
		lw := strings.ToLower(head)
		return nerPlacePrefixes[lw] || nerRomancePlacePrefixes[lw]
	}
	return false
}

// demonymOf links an adjective formed from a place the text names
// ("Velmoran" from "Velmora", "Tessalian" from "Tessaly") to that place.
func (n *ner) demonymOf(key string) (int, bool) {
	if len(key) < 5 || strings.Contains(key, " ") {
		return 0, false
	}
	for e, ent := range n.ents {
		if ent.kind != Place || strings.Contains(ent.name, " ") {
			continue
		}
		p := strings.ToLower(ent.name)
		stem := strings.TrimSuffix(strings.TrimSuffix(p, "a"), "y")
		for _, suf := range [...]string{"n", "an", "ian", "ese", "i"} {
			if key == p+suf || stem != p && key == stem+suf {
				return e, true
			}
		}
	}
	return 0, false
}

// genericHeadOf links a lone institutional head word ("the Council",
// "Cabinet", "Union general secretary") to the organisation named with it
// last ("Pellston Falls City Council", "State Cabinet").
func (n *ner) genericHeadOf(cs []int) (int, bool) {
	cd := n.cands[cs[0]]
	if cd.te-cd.ts != 1 || !(nerOrgHeads[n.keyOf(&cd)] || nerInstHeads[n.keyOf(&cd)]) || nerOrgSuffixes[n.keyOf(&cd)] {
		return 0, false
	}
	for _, c := range cs {
		if p := n.cands[c].ts; !n.initial.has(p) && n.word(p-1) != "the" {
			return 0, false
		}
	}
	best, bestPos := -1, -1
	for e, ent := range n.ents {
		if ent.kind != Org || len(ent.cands) == 0 {
			continue
		}
		o := n.cands[ent.cands[0]]
		if o.te-o.ts < 2 || n.toks[o.te-1].lower() != n.keyOf(&cd) {
			continue
		}
		if p := int(n.toks[o.ts].s); best < 0 || p < int(n.toks[cd.ts].s) && p > bestPos {
			best, bestPos = e, p
		}
	}
	return best, best >= 0
}

// onlyInsideNames reports whether every capitalised use of the word w
// away from a sentence's start stands inside a longer candidate name,
// after its first word.
func (n *ner) onlyInsideNames(w string) bool {
	for k, t := range n.toks {
		if t.lower() != w || !t.cap || n.initial.has(k) {
			continue
		}
		c := n.candAt(k)
		if c < 0 || n.cands[c].te-n.cands[c].ts < 2 || n.cands[c].ts == k {
			return false
		}
	}
	return true
}

// nerInnerCap reports whether w has a capital after its first letter, as
// names of things do ("VoIP", "iTunes", "McKinsey").
func nerInnerCap(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// coordinatedOrgs makes organisations of the people voted so by the shape
// of their names alone ("Halvard Brisk" looks like a person) when the
// text lists them with an organisation: "Halvard Brisk and Varnex won the
// contract", "from Halvard Brisk, Varnex's rival". A person cue (a
// title, "said", ", who") keeps a person.
func (n *ner) coordinatedOrgs() {
	isOrg := func(o int) bool {
		if o < 0 || n.cands[o].ent < 0 {
			return false
		}
		return n.ents[n.cands[o].ent].kind == Org
	}
	for _, ent := range n.ents {
		if ent.kind != Person || ent.decided || len(ent.cands) == 0 {
			continue
		}
		cue, coord := false, false
		for _, c := range ent.cands {
			c := int(c)
			cd := n.cands[c]
			if cd.cue[cuePerson] > 0 || cd.kind() == Person {
				cue = true
				break
			}
			if w := n.word(cd.ts - 1); (w == "and" || w == "or") && cd.ts >= 2 {
				if o := n.candAt(cd.ts - 2); o >= 0 && n.cands[o].te == cd.ts-1 && isOrg(o) {
					coord = true
				}
			}
			if w := n.word(cd.te); w == "and" || w == "or" || w == "," {
				if o := n.candAt(cd.te + 1); o >= 0 && n.cands[o].ts == cd.te+1 && isOrg(o) && (w != "," || n.listItem(n.cands[o].te)) {
					coord = true
				}
			}
		}
		if !cue && coord {
			ent.kind = Org
		}
	}
}

// listItem reports whether the name ending before token k is an item of
// a list ("Varnex, Tandor and") or an organisation's rival, partner or
// unit ("Varnex's rival"), not the head of a person's apposition
// ("Varnex's senior vice president", "Varnex North America CEO").
func (n *ner) listItem(k int) bool {
	switch w := n.word(k); {
	case w == "," || w == "and" || w == "or" || w == "." || w == ";" || w == ")":
		return true
	case n.toks[k].poss:
		t := n.toks[min(k+1, len(n.toks)-1)]
		return k+1 < len(n.toks) && t.word && !t.cap && !t.digit && !n.titleAfter(k+1) && !nerTitleModifiers[t.lower()]
	}
	return false
}

// nameEnds returns the first and last tokens of a person's name [ts, te)
// that are neither particles, suffixes, hyphens nor initials, and how
// many such tokens there are.
func (n *ner) nameEnds(ts, te int) (first, last, count int) {
	for k := ts; k < te; k++ {
		t := n.toks[k]
		if nerNameParticles[t.lower()] || nerPersonSuffix[t.lower()] || t.lower() == "-" || len(strings.TrimSuffix(t.lower(), ".")) <= 1 {
			continue
		}
		if count == 0 {
			first = k
		}
		last = k
		count++
	}
	return first, last, count
}

// variantOf finds the person a name of several words is another form of:
// the same last name and a first name that is a short form of the other
// ("Tim Cook" and "Timothy D. Cook"). Two people of one family ("Jane
// Roe", "John Roe") stay apart.
func (n *ner) variantOf(c int, surname map[string][]int) (int, bool) {
	cd := n.cands[c]
	fi, li, count := n.nameEnds(cd.ts, cd.te)
	if count < 2 {
		return 0, false
	}
	first, last := n.toks[fi].lower(), n.toks[li].lower()
	var match []int
	for _, e := range surname[last] {
		ent := n.ents[e]
		if ent.kind != Person {
			continue
		}
		for _, oc := range ent.cands {
			oc := int(oc)
			o := n.cands[oc]
			ofi, oli, ocount := n.nameEnds(o.ts, o.te)
			if ocount < 2 || n.toks[oli].lower() != last {
				continue
			}
			of := n.toks[ofi].lower()
			if of != first && (strings.HasPrefix(of, first) || strings.HasPrefix(first, of)) && min(len(of), len(first)) >= 2 {
				match = append(match, e)
				break
			}
		}
	}
	if len(match) == 0 {
		return 0, false
	}
	return n.nearestEnt(match, int(n.toks[cd.ts].s)), true
}

// splitWeak keeps the words of a weak candidate that name known entities.
func (n *ner) splitWeak(c int, byKey map[string]int, surname map[string][]int, attach func(c, e int)) {
	cd := n.cands[c]
	for k := cd.ts; k < cd.te; k++ {
		l := n.toks[k].lower()
		e, ok := byKey[l]
		if !ok {
			if es := surname[l]; len(es) > 0 {
				e, ok = n.nearestEnt(es, int(n.toks[k].s)), true
			}
		}
		if !ok {
			continue
		}
		nc := nerCand{ts: k, te: k + 1, kd: candKindOf(n.ents[e].kind), ent: -1}
		n.cands = append(n.cands, nc)
		attach(len(n.cands)-1, e)
	}
	n.cands[c].ent = -1
}

// candSex reads the sex of a person's mention from the honorific or the
// kinship noun before it ("Ms. Torvik", "her son, Peter Torvik"): 'm',
// 'f' or 0.
func (n *ner) candSex(c int) byte {
	ts := n.cands[c].ts
	w := n.word(ts - 1)
	if w == "," {
		w = n.word(ts - 2)
	}
	switch w {
	case "mr", "mr.", "sir", "lord", "son", "husband", "father", "brother", "grandson", "nephew", "uncle", "widower", "grandfather", "stepson", "king", "prince":
		return 'm'
	case "ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "smt", "smt.", "shrimati", "daughter", "wife", "mother", "sister", "granddaughter", "niece", "aunt", "widow", "grandmother", "stepdaughter", "queen", "princess":
		return 'f'
	}
	return 0
}

// sameSex keeps, of the people es, those whose mentions show no sex other
// than the one candidate c shows: "Ms. Torvik" is not "her son, Peter
// Torvik". All of es when c shows none or none fits.
func (n *ner) sameSex(es []int, c int) []int {
	sex := n.candSex(c)
	if sex == 0 || len(es) < 2 {
		return es
	}
	var out []int
	for _, e := range es {
		ok := true
		for _, oc := range n.ents[e].cands {
			oc := int(oc)
			if x := n.candSex(oc); x != 0 && x != sex {
				ok = false
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return es
	}
	return out
}

// nearestEnt picks, of the entities es, the one last mentioned before
// byte offset pos, or the first.
func (n *ner) nearestEnt(es []int, pos int) int {
	best, bestPos := es[0], -1
	for _, e := range es {
		for _, c := range n.ents[e].cands {
			c := int(c)
			p := int(n.toks[n.cands[c].ts].s)
			if p < pos && p > bestPos {
				best, bestPos = e, p
			}
		}
	}
	return best
}

// acronymOf finds the organisation whose initials are key ("GM" for
// "General Motors").
func (n *ner) acronymOf(key string, byKey map[string]int) (int, bool) {
	if len(key) < 2 || len(key) > 8 || strings.ContainsAny(key, " ") {
		return 0, false
	}
	k := strings.ReplaceAll(key, ".", "")
	for e, ent := range n.ents {
		if ent.kind != Org || !strings.Contains(ent.name, " ") {
			continue
		}
		if ent.initialsOf != ent.name || ent.initials == "" {
			var b strings.Builder
			for _, w := range strings.Fields(ent.name) {
				lw := strings.ToLower(w)
				if lw == "of" || lw == "and" || lw == "the" || lw == "for" || lw == "&" || nerOrgSuffixes[lw] {
					continue
				}
				r, _ := utf8.DecodeRuneInString(lw)
				b.WriteRune(r)
			}
			ent.initials, ent.initialsOf = b.String(), ent.name
		}
		if ent.initials == k {
			return e, true
		}
	}
	return 0, false
}

// nerOrgGeneric are words that may be left off the end of a company's
// name ("Aer Lingus Group PLC" is "Aer Lingus").
var nerOrgGeneric = nerSet("inc,inc.,corp,corp.,corporation,co,co.,ltd,ltd.,llc,llp,plc,ag,sa,s.a.,nv,n.v.,gmbh,spa,ab,asa,limited,group,holdings,company,,")

// nerOrgSuffixes are legal-form suffixes ignored when comparing company
// names.
var nerOrgSuffixes = nerSet("inc,inc.,corp,corp.,corporation,co,co.,ltd,ltd.,llc,llp,plc,ag,sa,s.a.,nv,n.v.,gmbh,spa,ab,asa,limited")

// prefixOrg links "Apple" to "Apple Inc." and "Apple Computer" to an
// earlier "Apple": one name is the first word of the other.
func (n *ner) prefixOrg(ts, te int, byKey map[string]int) (int, bool) {
	first := n.toks[ts].lower()
	if te-ts == 1 {
		for e, ent := range n.ents {
			if ent.kind != Org || len(ent.cands) == 0 {
				continue
			}
			o := n.cands[ent.cands[0]]
			if o.gaz == nil && o.te-o.ts > 1 && n.toks[o.ts].lower() == first && nerGaz[first] == nil {
				return e, true
			}
		}
		return 0, false
	}
	if e, ok := byKey[first]; ok && n.ents[e].kind == Org && nerGaz[first] == nil {
		// Only a company suffix or a generic word follows.
		rest := n.toks[ts+1 : te]
		for _, t := range rest {
			if !nerOrgSuffixes[t.lower()] && !nerOrgHeads[t.lower()] {
				return 0, false
			}
		}
		return e, true
	}
	return 0, false
}

// nameKey is the grouping key of candidate c: its words without a trailing
// legal-form suffix for organisations.
func (n *ner) nameKey(c int) string {
	cd := n.cands[c]
	if cd.te-cd.ts > 1 && nerOrgSuffixes[n.toks[cd.te-1].lower()] {
		return nerKey(n.toks, cd.ts, cd.te-1)
	}
	if cd.te-cd.ts > 2 && n.toks[cd.te-2].lower() == "," && nerOrgSuffixes[n.toks[cd.te-1].lower()] {
		return nerKey(n.toks, cd.ts, cd.te-2)
	}
	return n.keyOf(&cd)
}

// candText is the text of candidate c.
func (n *ner) candText(c int) string {
	cd := n.cands[c]
	return n.text[n.toks[cd.ts].s:n.toks[cd.te-1].e]
}

func nerIntContains(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

func nerIntRemove[T comparable](list []T, x T) []T {
	out := list[:0]
	for _, v := range list {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// releaseTokens lets go of the per-token and per-candidate state once
// output no longer reads it: only entities are left to build.
func (n *ner) releaseTokens() {
	n.toks, n.cands, n.candOf = nil, nil, nil
	n.sruns, n.initial, n.quoted, n.timed = nil, nil, nil, nil
	n.ri = runIndex{}
}

// output builds the mentions and entities.
func (n *ner) output() ([]Mention, []Entity) {
	var mentions []Mention
	// ref is a mention to be: its candidate c and entity e. Once sorted,
	// the refs kept become the spans of the mentions in place, c the
	// start and end the end: 12 bytes a mention rather than 8 for a ref
	// and 12 for a span beside it (10 MiB of "U.S. " has 2 million).
	type ref struct{ c, e, end int32 }
	// Count, then allocate once: a long text has hundreds of thousands.
	nrefs := 0
	for e, ent := range n.ents {
		for _, c := range ent.cands {
			c := int(c)
			if int(n.cands[c].ent) == e {
				nrefs++
			}
		}
	}
	var refs []ref
	if nrefs > 0 {
		refs = make([]ref, 0, nrefs)
	}
	for e, ent := range n.ents {
		for _, c := range ent.cands {
			c := int(c)
			if int(n.cands[c].ent) == e {
				refs = append(refs, ref{c: int32(c), e: int32(e)})
			}
		}
	}
	sort.Slice(refs, func(a, b int) bool { return n.toks[n.cands[refs[a].c].ts].s < n.toks[n.cands[refs[b].c].ts].s })
	// Names: people by their longest name, others by their first full one.
	for _, ent := range n.ents {
		if ent.decided && ent.kind != Person {
			continue
		}
		best := ""
		for _, c := range ent.cands {
			c := int(c)
			if n.cands[c].ent < 0 {
				continue
			}
			t := n.candText(c)
			if ent.kind == Person || ent.kind == Org {
				if fieldCount(t) > fieldCount(best) || best == "" || ent.kind == Org && nerIsAcronym(best) && !nerIsAcronym(t) {
					if !(ent.kind == Org && nerIsAcronym(t) && best != "" && !nerIsAcronym(best)) {
						best = t
					}
				}
			}
		}
		if best != "" {
			ent.name = best
		}
	}
	// The mentions are kept as spans until the tokens and candidates are
	// let go, and made only then: 10 MiB of "U.S. " has 2 million, 128 MB
	// as Mentions, which would otherwise stand beside 128 MB of
	// candidates. Entities' names and kinds are final here; roles do not
	// change them.
	spans := refs[:0]
	lastEnd := -1
	for _, r := range refs {
		cd := n.cands[r.c]
		s, e := int(n.toks[cd.ts].s), int(n.toks[cd.te-1].e)
		if s < lastEnd {
			continue
		}
		lastEnd = e
		ent := n.ents[r.e]
		if ent.first < 0 {
			ent.first = s
		}
		txt := n.text[s:e]
		spans = append(spans, ref{c: int32(s), e: r.e, end: int32(e)})
		if txt != ent.name {
			ent.aliases = nerAppendUniq(ent.aliases, nerOneSpace(txt))
		}
		if ent.kind != Person {
			ent.places = nerAppendUniq(ent.places, n.placesOf(int(r.c))...)
		}
	}
	refs = nil
	n.attachRoles()
	n.implicitOrgs()
	n.releaseTokens()
	collectBetweenPasses(n.text)
	if len(spans) > 0 {
		mentions = make([]Mention, len(spans))
		for i, k := range spans {
			ent := n.ents[k.e]
			mentions[i] = Mention{Start: int(k.c), End: int(k.end), Text: n.text[k.c:k.end], Kind: ent.kind, Entity: ent.name}
		}
	}
	var live []*nerEnt
	for _, ent := range n.ents {
		if ent.first >= 0 {
			live = append(live, ent)
		}
	}
	sort.SliceStable(live, func(a, b int) bool { return live[a].first < live[b].first })
	entities := make([]Entity, 0, len(live))
	ids := map[string]int{}
	for _, ent := range live {
		id := EntityID(ent.kind, ent.name)
		ids[id]++
		if ids[id] > 1 {
			id += "-" + strconv.Itoa(ids[id])
		}
		e := Entity{ID: id, Name: ent.name, Kind: ent.kind, Aliases: ent.aliases, Roles: ent.roles, Places: ent.places}
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		if e.Roles == nil {
			e.Roles = []Role{}
		}
		entities = append(entities, e)
	}
	return mentions, entities
}

// candKind is a candidate's Kind in a byte: a long text has millions of
// candidates, and a Kind would take 16 bytes of each.
type candKind uint8

const (
	candUndecided candKind = iota
	candPerson
	candOrg
	candPlace
)

// candKinds maps a candKind back to its Kind.
var candKinds = [...]Kind{candUndecided: "", candPerson: Person, candOrg: Org, candPlace: Place}

// candKindOf is the candKind of k, which is Person, Org, Place or ""
// (undecided): no other kind is made.
func candKindOf(k Kind) candKind {
	switch k {
	case "":
		return candUndecided
	case Person:
		return candPerson
	case Org:
		return candOrg
	case Place:
		return candPlace
	}
	panic("extract: candidate of kind " + string(k))
}

// kind is the candidate's kind, "" while undecided.
func (c *nerCand) kind() Kind { return candKinds[c.kd] }

// setKind decides the candidate's kind ("" undecides it).
func (c *nerCand) setKind(k Kind) { c.kd = candKindOf(k) }

// placesOf returns candidate c's places. They may be shared with the
// gazetteer or with the candidate: change them with setPlaces or
// addPlaces only.
func (n *ner) placesOf(c int) []string {
	switch pl := n.cands[c].pl; {
	case pl > 0:
		return n.placeLists[pl]
	case pl < 0:
		p := gazPlaces[-pl]
		return p[:len(p):len(p)]
	}
	return nil
}

// setPlaces makes p candidate c's places.
func (n *ner) setPlaces(c int, p []string) {
	cd := &n.cands[c]
	switch {
	case cd.pl > 0:
		n.placeLists[cd.pl] = p
	case p == nil:
		cd.pl = 0
	default:
		if n.placeLists == nil {
			n.placeLists = [][]string{nil} // 0 is no list
		}
		n.placeLists = append(n.placeLists, p)
		cd.pl = int32(len(n.placeLists) - 1)
	}
}

// addPlaces adds to candidate c's places those of add it lacks.
func (n *ner) addPlaces(c int, add ...string) {
	old := n.placesOf(c)
	if p := nerAppendUniq(old, add...); len(p) != len(old) {
		n.setPlaces(c, p)
	}
}

// keyLong is the kn of a key of 65,535 bytes or more, whose length keyOf
// counts again.
const keyLong = 1<<16 - 1

// setKey records k as the key of candidate c, of several tokens.
func (c *nerCand) setKey(k string) {
	c.kp = unsafe.Pointer(unsafe.StringData(k))
	c.kn = uint16(min(len(k), keyLong))
}

// keyOf is the key of candidate cd: its lower-cased words joined by
// single spaces, nerKey of its tokens.
func (n *ner) keyOf(cd *nerCand) string {
	if cd.te-cd.ts == 1 {
		return n.toks[cd.ts].lower()
	}
	kn := int(cd.kn)
	if kn == keyLong {
		kn = 0
		for k := cd.ts; k < cd.te; k++ {
			if k > cd.ts && n.toks[k].space {
				kn++
			}
			kn += len(n.toks[k].lower())
		}
	}
	return unsafe.String((*byte)(cd.kp), kn)
}

// fieldCount is len(strings.Fields(s)), without making the fields.
func fieldCount(s string) int {
	n := 0
	inField := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			n++
		}
	}
	return n
}
