// Package merge holds briefbot's cross-article decisions as pure
// functions: whether two reports tell of the same happening, what a
// happening's date, wording and source count are, where its sources
// disagree, and which roles a person held when. The store asks; it keeps
// and indexes the answers.
//
// Nothing here reads a database or a clock, so every decision can be
// tested on hand-built reports.
package merge

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Report is one article's account of a happening: a dated clause.
type Report struct {
	ID       int64
	SourceID int64
	// Published is the source's publication date (YYYY-MM-DD), for the
	// earliest report and for ties.
	Published string
	// Date is the TimeML value the report gives, Precision its precision,
	// and SortStart and SortEnd the first and last day it covers.
	Date      string
	Precision string
	SortStart string
	SortEnd   string
	// Clause is the text the report's summary came from; Sentence the
	// whole sentence.
	Clause   string
	Sentence string
	// Entities are the ids of the happening's participants as this
	// report names them.
	Entities []int64
	// SentIndex is the sentence's position in its article (0 = lead).
	SentIndex int
	// Dated is true when the report's own text gives the date (not
	// inherited or inferred).
	Dated bool
	// Inferred is true when the date is the article's publication date,
	// given to a lead with no date of its own.
	Inferred bool
	// Summary is the report's wording, which the happening takes when
	// this report is its clearest.
	Summary string

	// words, names and figures cache what Compare and Summarize read of
	// Clause, which a report is compared on many times: the words and
	// names sorted and without repeats, so that Compare counts the
	// shared ones in one walk rather than through maps.
	words, names  []string
	worded, named bool
	figures       []Figure
	figured       bool
	clear         float64
	cleared       bool
}

func (r *Report) contentWords() []string {
	if !r.worded {
		r.words, r.worded = contentWordList(r.Clause), true
	}
	return r.words
}

func (r *Report) nameWords() []string {
	if !r.named {
		r.names, r.named = nameWordList(r.Clause), true
	}
	return r.names
}

// sharedCount is how many words two sorted lists without repeats have
// in common.
func sharedCount(a, b []string) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

func (r *Report) clauseFigures() []Figure {
	if !r.figured {
		r.figures, r.figured = Figures(r.Clause), true
	}
	return r.figures
}

// Overlaps reports whether the day ranges of two reports share a day.
func Overlaps(a, b *Report) bool {
	return a.SortStart != "" && b.SortStart != "" && a.SortStart <= b.SortEnd && b.SortStart <= a.SortEnd
}

// nearDays is how far apart two day-precise dates may be and still be
// told of one happening (then the sources disagree on its date).
const nearDays = 3

// Near reports whether two reports' dates, though they do not overlap,
// are close enough for sources to be disagreeing about one happening's
// date: days at most nearDays apart, or neighbouring months or years.
func Near(a, b *Report) bool {
	if Overlaps(a, b) {
		return false
	}
	as, ae, ok1 := days(a)
	bs, be, ok2 := days(b)
	if !ok1 || !ok2 {
		return false
	}
	gap := bs.Sub(ae)
	if as.After(be) {
		gap = as.Sub(be)
	}
	switch {
	case a.Precision == "day" && b.Precision == "day":
		return gap <= nearDays*24*time.Hour
	case a.Precision == "year" && b.Precision == "year", a.Precision == "month" && b.Precision == "month":
		// Neighbouring years or months: "since December" and "last
		// month" in January's paper.
		return gap <= 24*time.Hour
	}
	return false
}

// Fits reports whether a report may join a happening whose own date is
// h's (Summarize's consensus: Date, Precision, SortStart, SortEnd).
// Compare weighs a report against single reports of a happening, and
// Near lets two of them be nearDays apart; were that enough, a story
// retold each day about "today" would chain one report a day into one
// happening spanning years. A happening is one thing at one time, so a
// report must also be near the happening's own date, which keeps the
// dates it gathers within about nearDays either side of it. The
// consensus, not the first report, is the anchor: the store keeps it on
// the happening's row (one read by id), it is the date the sources
// agree on rather than one source's, and it moves only when most of
// them say otherwise. A happening without a date does not constrain.
func Fits(r *Report, h Happening) bool {
	if r.SortStart == "" || h.SortStart == "" {
		return true
	}
	d := &Report{Date: h.Date, Precision: h.Precision, SortStart: h.SortStart, SortEnd: h.SortEnd}
	return Overlaps(r, d) || Near(r, d)
}

func days(r *Report) (time.Time, time.Time, bool) {
	s, err1 := time.Parse(time.DateOnly, r.SortStart)
	e, err2 := time.Parse(time.DateOnly, r.SortEnd)
	return s, e, err1 == nil && err2 == nil
}

// Similarity is the evidence that two reports tell of one happening.
type Similarity struct {
	// Shared is how many participants both name; Names how many
	// capitalised words (names the extractor may not know as entities,
	// such as a product: "iPhone", "A380") both clauses hold.
	Shared int
	Names  int
	// Words is how many content words (stemmed) their clauses share, and
	// Overlap that count over the shorter clause's content words.
	Words   int
	Overlap float64
	// SameDate is true when both give the same date value; Compatible
	// when their dates overlap; Near when they do not but are close.
	SameDate, Compatible, Near bool
	// Coarse is true when the dates differ in precision: one contains
	// the other ("2010" and "7 June 2010").
	Coarse bool
}

// Compare weighs the evidence that a and b are the same happening.
func Compare(a, b *Report) Similarity {
	var s Similarity
	for _, x := range a.Entities {
		for _, y := range b.Entities {
			if x == y {
				s.Shared++
				break
			}
		}
	}
	s.Names = sharedCount(a.nameWords(), b.nameWords())
	wa, wb := a.contentWords(), b.contentWords()
	s.Words = sharedCount(wa, wb)
	if n := min(len(wa), len(wb)); n > 0 {
		s.Overlap = float64(s.Words) / float64(n)
	}
	s.SameDate = a.Date != "" && a.Date == b.Date
	s.Compatible = Overlaps(a, b)
	s.Near = !s.Compatible && Near(a, b)
	s.Coarse = s.Compatible && !s.SameDate && a.Precision != b.Precision
	return s
}

// Same decides whether two reports are of one happening. Dates alone
// never decide it: a chief executive resigning and a plant closing on the
// same Monday share the date and the company but not what happened. So
// the reports must name a participant in common and share what happened
// (content words of their clauses); a looser date (a month against a day)
// asks for more words in common, and dates that conflict (two different
// days) for a close paraphrase, since then the sources disagree.
func (s Similarity) Same() bool {
	if s.Shared == 0 && s.Names == 0 {
		return false
	}
	switch {
	case s.SameDate:
		return s.Words >= 2 && s.Overlap >= 0.3 || s.Words >= 1 && s.Overlap >= 0.5 && s.Shared >= 2
	case s.Compatible:
		return s.Words >= 2 && s.Overlap >= 0.4
	case s.Near:
		return s.Words >= 2 && s.Overlap >= 0.6
	}
	return false
}

// SameInArticle decides whether two reports of one article are one
// happening (a headline and the lead telling it again). An article's
// sentences are mostly different facts about one story, and "in 2010"
// holds most of them: a coarse date containing a finer one must come with
// a participant the extractor knows, not only a name both clauses hold.
func (s Similarity) SameInArticle() bool {
	return s.Same() && (!s.Coarse || s.Shared > 0)
}

// Score orders the happenings a report could join: the one with the most
// evidence wins.
func (s Similarity) Score() float64 {
	v := s.Overlap + 0.25*float64(min(s.Shared, 3)) + 0.1*float64(min(s.Words, 5))
	if s.SameDate {
		v += 0.5
	} else if s.Compatible {
		v += 0.25
	}
	return v
}

// ContentWords returns the stemmed content words of a clause: lower case,
// stop words and numbers dropped, each word cut to a stem so that
// "unveiled" and "unveiling", "closes" and "closure" meet. Capitalised
// words are left out: they are names, which the shared participants
// already count, and two happenings of one company share its name.
func ContentWords(text string) map[string]bool {
	return wordSet(contentWordList(text))
}

// contentWordList is ContentWords as a sorted list without repeats.
func contentWordList(text string) []string {
	var buf [32]string
	out := buf[:0]
	for i := 0; ; {
		a, b := nextField(text, i, isContentSep, contentSeps)
		if a < 0 {
			break
		}
		i = b
		w := text[a:b]
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			continue
		}
		w = beforeApostrophe(strings.ToLower(trimApostrophes(w))) // possessives: "apple's" is "apple"
		if len(w) < 3 || stopWords()[w] {
			continue
		}
		st := Stem(w)
		if c, ok := synonyms()[st]; ok {
			st = c
		}
		out = append(out, st)
	}
	return sortedCopy(out)
}

// NameWords returns the lower-cased words of a clause written with a
// capital letter (other than stop words, months and days): the names it
// holds, known to the extractor as entities or not.
func NameWords(text string) map[string]bool {
	return wordSet(nameWordList(text))
}

// nameWordList is NameWords as a sorted list without repeats.
func nameWordList(text string) []string {
	var buf [32]string
	out := buf[:0]
	for i := 0; ; {
		a, b := nextField(text, i, isNameSep, nameSeps)
		if a < 0 {
			break
		}
		i = b
		w := text[a:b]
		if !strings.ContainsFunc(w, unicode.IsUpper) {
			continue
		}
		w = beforeApostrophe(strings.ToLower(trimApostrophes(w)))
		if len(w) < 2 || stopWords()[w] || nameStop[w] {
			continue
		}
		out = append(out, w)
	}
	return sortedCopy(out)
}

// trimApostrophes is strings.Trim(w, "'’") for a word that is not
// empty, without Trim's rune-by-rune search of its cutset when neither
// end can be an apostrophe (’ begins with 0xe2 and ends with 0x99).
func trimApostrophes(w string) string {
	if c, d := w[0], w[len(w)-1]; c != '\'' && c != 0xe2 && d != '\'' && d != 0x99 {
		return w
	}
	return strings.Trim(w, "'’")
}

// beforeApostrophe cuts w at its first apostrophe (' or ’) past the
// first byte, as strings.IndexAny(w, "'’") finds it.
func beforeApostrophe(w string) string {
	i := strings.IndexByte(w, '\'')
	if j := strings.Index(w, "’"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i > 0 {
		return w[:i]
	}
	return w
}

func isContentSep(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }

func isNameSep(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
}

// nextField returns the bounds [start, end) of the first field of text
// at or after i, as strings.FieldsFunc(text, sep) cuts text into fields,
// or start -1 when there is none: the fields one at a time, without
// building the slice of them. An ASCII byte is looked up in asciiSep,
// sep's answers for them, rather than decoded and asked about.
func nextField(text string, i int, sep func(rune) bool, asciiSep *[utf8.RuneSelf]bool) (start, end int) {
	start = -1
	for i < len(text) {
		var isSep bool
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			isSep = asciiSep[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			isSep = sep(r)
		}
		if isSep {
			if start >= 0 {
				return start, i
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	return start, len(text)
}

// contentSeps and nameSeps are isContentSep and isNameSep for the ASCII
// bytes.
var contentSeps, nameSeps = asciiSeps(isContentSep), asciiSeps(isNameSep)

func asciiSeps(sep func(rune) bool) *[utf8.RuneSelf]bool {
	var t [utf8.RuneSelf]bool
	for c := range t {
		t[c] = sep(rune(c))
	}
	return &t
}

// sortedCopy returns the words of ws sorted, without repeats, in a slice
// of their own: ws is the caller's buffer (on its stack when short).
func sortedCopy(ws []string) []string {
	slices.Sort(ws)
	ws = slices.Compact(ws)
	out := make([]string, len(ws))
	copy(out, ws)
	return out
}

func wordSet(ws []string) map[string]bool {
	out := make(map[string]bool, len(ws))
	for _, w := range ws {
		out[w] = true
	}
	return out
}

// nameStop are capitalised words that name nothing: sentence openers.
var nameStop = map[string]bool{"in": true, "on": true, "at": true, "as": true, "it": true, "he": true, "a": true, "an": true, "by": true, "to": true, "of": true, "if": true, "so": true, "yet": true, "however": true}

// synonyms maps the stems of the verbs and nouns news uses for one kind
// of happening to one of them, so that "unveiled" and "introduced",
// "settled" and "agreement" meet. The classes are closed and general:
// they name kinds of happenings, not any story. Built on first use, so
// that processes that merge nothing do not pay for it at start.
var synonyms = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, class := range [][]string{
		{"unveil", "introduce", "present", "launch", "debut", "reveal", "showcase"},
		{"settle", "settlement", "agreement", "accord"},
		{"sue", "lawsuit", "suit", "litigation"},
		{"acquire", "acquisition", "buy", "bought", "purchase", "takeover"},
		{"resign", "resignation", "quit", "depart", "departure"},
		{"appoint", "appointment", "hire", "hired"},
		{"close", "closure", "shut", "shutdown"},
		{"cut", "slash", "eliminate", "layoff", "layoffs"},
		{"fine", "penalty", "penalise", "penalize"},
		{"approve", "approval", "authorise", "authorize", "clear"},
		{"die", "died", "death", "dead"},
		{"sell", "sold", "sale"},
		{"loan", "lend", "lent", "bailout"},
		{"win", "won", "victory"},
		{"elect", "election", "elected"},
		{"strike", "walkout"},
	} {
		for _, w := range class[1:] {
			m[Stem(w)] = Stem(class[0])
		}
	}
	return m
})

// Stem cuts a lower-case word to a crude stem: common inflectional and
// derivational endings off, then at most six letters, which is enough to
// let forms of one verb meet without an English dictionary.
func Stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "ment", "ures", "ure", "ied", "ies", "ed", "es", "s", "e", "y"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if len(w) > 6 {
		w = w[:6]
	}
	return w
}

// stopWords are function words and reporting verbs: sharing them says
// nothing about sharing a happening.
var stopWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for that this with from was were are has have had been being its his her
		their they them who whom which what when where will would could should may might can also but not
		than then there these those into onto over under after before about above below between during
		while since until upon said says say told tell according announced announce reported reports report
		statement week month year years today yesterday tomorrow monday tuesday wednesday thursday friday
		saturday sunday january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec one two three four five six seven eight nine ten
		first second third last next new more most other some such only just all any each both very
		out off did does done our your you she him himself herself itself itself we us mr mrs ms dr
		per cent percent million billion company group people time times day days`) {
		m[w] = true
	}
	return m
})

// Happening is what a set of reports says together.
type Happening struct {
	// Date and Precision are the date most reports support, at the finest
	// precision they share; SortStart and SortEnd its day range.
	Date, Precision, SortStart, SortEnd string
	// Best is the index of the clearest report, for the wording; First
	// of the earliest (by publication, then id).
	Best, First int
	// Sources is the number of distinct sources among the reports.
	Sources int
	// Inferred is true when every report's date is inferred from its
	// article's publication date.
	Inferred bool
	// Disagreements are the points the reports' sources differ on.
	Disagreements []Disagreement
}

// Disagreement is a point on which sources reporting one happening
// differ: its date, or a figure of one kind.
type Disagreement struct {
	// About names the point: "date", or the kind of figure ("amount",
	// "duration", "percentage", "count").
	About  string
	Values []Value
}

// Value is one side of a disagreement and the sources that give it.
type Value struct {
	Value   string
	Text    string // as the first source wrote it
	Sources []int64
}

// Summarize works out a happening from its reports (at least one).
func Summarize(reports []*Report) Happening {
	var h Happening
	if len(reports) == 0 {
		return h
	}
	srcs := map[int64]bool{}
	h.Inferred = true
	for i, r := range reports {
		srcs[r.SourceID] = true
		if !r.Inferred {
			h.Inferred = false
		}
		if earlier(r, reports[h.First]) {
			h.First = i
		}
		if clarity(r) > clarity(reports[h.Best]) {
			h.Best = i
		}
	}
	h.Sources = len(srcs)

	// Each distinct date value is supported by the sources whose reports'
	// dates overlap it. Of the values with more than half the best
	// support, the finest wins ("3 June" over "earlier this month" that
	// all four sources allow, but not over "4 June" that only one gives),
	// then the best supported, then the one most reports give exactly.
	// Inferred dates (a publication date standing in for none) support
	// but never beat a date some text gives.
	//
	// Support and exactness depend only on a report's day range and date
	// value, so they are worked out once per distinct range and value:
	// a happening many feeds tell has hundreds of reports but few dates.
	support := make([]int, len(reports))
	exact := make([]int, len(reports))
	top := 0
	byDate := map[string]int{}
	for _, o := range reports {
		byDate[o.Date]++
	}
	spans := dateSpans(reports)
	supportOf := make([]int, len(spans.spans))
	for k, sp := range spans.spans {
		srcs := map[int64]bool{}
		for _, other := range spans.spans {
			if Overlaps(sp.rep, other.rep) {
				for s := range other.sources {
					srcs[s] = true
				}
			}
		}
		supportOf[k] = len(srcs)
	}
	for i, r := range reports {
		if r.Date == "" || r.SortStart == "" {
			continue
		}
		exact[i] = byDate[r.Date]
		support[i] = supportOf[spans.index(r)]
		if !r.Inferred {
			top = max(top, support[i])
		}
	}
	best := -1
	for i, r := range reports {
		if support[i] == 0 {
			continue
		}
		better := false
		switch {
		case best < 0:
			better = true
		case r.Inferred != reports[best].Inferred:
			better = !r.Inferred
		case 2*support[i] > top != (2*support[best] > top):
			better = 2*support[i] > top
		case rank(r.Precision) != rank(reports[best].Precision):
			better = rank(r.Precision) < rank(reports[best].Precision)
		case support[i] != support[best]:
			better = support[i] > support[best]
		case exact[i] != exact[best]:
			better = exact[i] > exact[best]
		}
		if better {
			best = i
		}
	}
	if best < 0 {
		best = h.Best
	}
	b := reports[best]
	h.Date, h.Precision, h.SortStart, h.SortEnd = b.Date, b.Precision, b.SortStart, b.SortEnd

	if len(srcs) < 2 {
		// One source does not disagree with itself.
		return h
	}
	if d, ok := dateDisagreement(reports); ok {
		h.Disagreements = append(h.Disagreements, d)
	}
	h.Disagreements = append(h.Disagreements, figureDisagreements(reports)...)
	return h
}

// dateDisagreement lists the dates of reports that conflict with another
// report's (their day ranges do not overlap), each with its sources.
func dateDisagreement(reports []*Report) (Disagreement, bool) {
	// A report conflicts when another source's report gives a date
	// (neither inferred) whose days do not overlap its own. Whether two
	// reports overlap depends on their day ranges only, so the reports
	// that take part are grouped by range, each with its sources.
	var taking []*Report
	for _, r := range reports {
		if r.Date != "" && !r.Inferred {
			taking = append(taking, r)
		}
	}
	spans := dateSpans(taking)
	conflict := make([]bool, len(reports))
	any := false
	for i, a := range reports {
		if a.Date == "" || a.Inferred {
			continue
		}
		sp := spans.spans[spans.index(a)]
		for _, other := range spans.spans {
			if Overlaps(sp.rep, other.rep) {
				continue
			}
			if len(other.sources) > 1 || !other.sources[a.SourceID] {
				conflict[i] = true
				any = true
				break
			}
		}
	}
	if !any {
		return Disagreement{}, false
	}
	d := Disagreement{About: "date"}
	idx := map[string]int{}
	for i, r := range reports {
		if !conflict[i] {
			continue
		}
		k, ok := idx[r.Date]
		if !ok {
			k = len(d.Values)
			idx[r.Date] = k
			d.Values = append(d.Values, Value{Value: r.Date, Text: r.Date})
		}
		if !containsID(d.Values[k].Sources, r.SourceID) {
			d.Values[k].Sources = append(d.Values[k].Sources, r.SourceID)
		}
	}
	if len(d.Values) < 2 {
		return Disagreement{}, false
	}
	sortValues(d.Values)
	return d, true
}

// figureDisagreements finds figures of one kind that reports from
// different sources give differently. Only reports that give exactly one
// figure of a kind take part: a clause with two amounts ("$4 billion of
// the $13.4 billion") is not a rival figure for either.
func figureDisagreements(reports []*Report) []Disagreement {
	type entry struct {
		value, text string
		source      int64
	}
	byKind := map[string][]entry{}
	var kinds []string
	for _, r := range reports {
		count := map[string]int{}
		figs := r.clauseFigures()
		for _, f := range figs {
			count[f.Kind]++
		}
		for _, f := range figs {
			if count[f.Kind] != 1 {
				continue
			}
			if _, ok := byKind[f.Kind]; !ok {
				kinds = append(kinds, f.Kind)
			}
			byKind[f.Kind] = append(byKind[f.Kind], entry{f.Value, f.Text, r.SourceID})
		}
	}
	var out []Disagreement
	for _, k := range kinds {
		es := byKind[k]
		d := Disagreement{About: k}
		idx := map[string]int{}
		for _, e := range es {
			i, ok := idx[e.value]
			if !ok {
				i = len(d.Values)
				idx[e.value] = i
				d.Values = append(d.Values, Value{Value: e.value, Text: e.text})
			}
			if !containsID(d.Values[i].Sources, e.source) {
				d.Values[i].Sources = append(d.Values[i].Sources, e.source)
			}
		}
		if len(d.Values) < 2 {
			continue
		}
		// Two values from one source alone is the source's own detail,
		// not a disagreement between sources.
		srcs := map[int64]bool{}
		for _, v := range d.Values {
			for _, s := range v.Sources {
				srcs[s] = true
			}
		}
		if len(srcs) < 2 {
			continue
		}
		sortValues(d.Values)
		out = append(out, d)
	}
	return out
}

func sortValues(vs []Value) {
	sort.SliceStable(vs, func(i, j int) bool {
		if len(vs[i].Sources) != len(vs[j].Sources) {
			return len(vs[i].Sources) > len(vs[j].Sources)
		}
		return vs[i].Value < vs[j].Value
	})
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// earlier reports whether a was published before b (then the lower id).
func earlier(a, b *Report) bool {
	if a.Published != b.Published {
		if a.Published == "" || b.Published == "" {
			return a.Published != ""
		}
		return a.Published < b.Published
	}
	return a.ID < b.ID
}

// clarity scores how well a report words its happening: a clause of
// readable length that gives its own date, early in its article, not
// inside a quotation.
func clarity(r *Report) float64 {
	if !r.cleared {
		r.clear, r.cleared = clarityOf(r), true
	}
	return r.clear
}

func clarityOf(r *Report) float64 {
	v := 0.0
	n := len(r.Clause)
	switch {
	case n >= 40 && n <= 220:
		v += 2
	case n >= 20 && n <= 320:
		v += 1
	}
	if r.Dated {
		v += 1.5
	}
	if r.SentIndex <= 1 {
		v += 1
	} else if r.SentIndex <= 4 {
		v += 0.5
	}
	if strings.ContainsAny(r.Clause, "\"“”") {
		v -= 1
	}
	return v
}

// rank orders precisions from finest (0) to coarsest.
func rank(p string) int {
	switch p {
	case "day":
		return 0
	case "week":
		return 1
	case "month":
		return 2
	case "season":
		return 3
	case "quarter":
		return 4
	case "half":
		return 5
	case "year":
		return 6
	case "decade":
		return 7
	case "century":
		return 8
	}
	return 9
}

// dateSpan is the reports of one day range (SortStart, SortEnd), by one
// of them, with their sources.
type dateSpan struct {
	rep     *Report
	sources map[int64]bool
}

// spanList is the distinct day ranges of some reports, in order of first
// appearance, and where each is in it.
type spanList struct {
	spans []dateSpan
	at    map[[2]string]int
}

// dateSpans groups reports by day range.
func dateSpans(reports []*Report) spanList {
	l := spanList{at: map[[2]string]int{}}
	for _, r := range reports {
		k, ok := l.at[[2]string{r.SortStart, r.SortEnd}]
		if !ok {
			k = len(l.spans)
			l.at[[2]string{r.SortStart, r.SortEnd}] = k
			l.spans = append(l.spans, dateSpan{rep: r, sources: map[int64]bool{}})
		}
		l.spans[k].sources[r.SourceID] = true
	}
	return l
}

// index returns the index of the day range of r, one of the reports l
// was made from.
func (l spanList) index(r *Report) int { return l.at[[2]string{r.SortStart, r.SortEnd}] }
