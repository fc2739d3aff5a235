package extract_test

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/internal/meantime"
)

// Flags of TestMeantime. They go after the package, which go test must see
// first: go test -tags sqlite_fts5 -run TestMeantime -v ./extract
// -meantime.out=scores.md -meantime.examples=20
var (
	meantimeOut      = flag.String("meantime.out", "", "write the MEANTIME scores as markdown to this `file`")
	meantimeExamples = flag.Int("meantime.examples", 0, "with -v, log up to `n` false positives and negatives per category")
)

// Floors for the MEANTIME figures. Each is enforced only once the stage it
// measures is implemented (see liveStages), and sits below the figure
// measured when it was set, so that a regression fails the test while
// MEANTIME's own noise does not.
//
// Measured on 2026-11-28 at 17:20: sentence boundary F1 96.0; times
// overlap P 94.8 R 87.9, value accuracy 88.9; names relaxed P 86.8 R 92.7,
// any kind R 97.4.
const (
	floorSentenceF1           = 0.92
	floorNameRecallRelaxed    = 0.85 // all kinds, overlap + kind
	floorNamePrecisionRelaxed = 0.75 // a lower bound: the gold is not exhaustive
	floorNameRecallSpan       = 0.90 // all kinds, overlap, any kind
	floorTimeRecallOverlap    = 0.82
	floorTimePrecisionOverlap = 0.85
	floorTimeValueAccuracy    = 0.82
)

// span is a scored item: a byte span with a label (entity kind, TIMEX3
// type) and, for times, a value.
type span struct {
	start, end int
	label      string
	value      string
	text       string
}

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

func overlapLen(a, b span) int {
	return max(0, min(a.end, b.end)-max(a.start, b.start))
}

// matchMode says when a prediction matches a gold item.
type matchMode struct {
	exact bool // same span; otherwise any overlap
	label bool // labels must agree
}

func (m matchMode) ok(g, p span) bool {
	if m.label && g.label != p.label {
		return false
	}
	if m.exact {
		return g.start == p.start && g.end == p.end
	}
	return g.overlaps(p)
}

// alignment is the result of matching predictions against gold items one
// to one. pairs maps a prediction index to a gold index; ignored marks
// predictions that match nothing in gold but do match an out-of-scope
// annotation (a gold span that is not scored), which MEANTIME tells us is
// real but is not asking for, so they count neither way.
type alignment struct {
	pairs   map[int]int
	ignored map[int]bool
}

// align matches each prediction, in text order, with the unmatched gold
// item it overlaps most among those mode accepts.
func align(gold, pred, outOfScope []span, mode matchMode) alignment {
	a := alignment{pairs: map[int]int{}, ignored: map[int]bool{}}
	used := make([]bool, len(gold))
	order := make([]int, len(pred))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return pred[order[i]].start < pred[order[j]].start })
	for _, pi := range order {
		p := pred[pi]
		best, bestLen := -1, 0
		for gi, g := range gold {
			if used[gi] || !mode.ok(g, p) {
				continue
			}
			if l := overlapLen(g, p); best < 0 || l > bestLen {
				best, bestLen = gi, l
			}
		}
		if best >= 0 {
			used[best] = true
			a.pairs[pi] = best
			continue
		}
		// A prediction that hits a scored gold item with the wrong label
		// is an error, not out of scope.
		spanOnly := matchMode{exact: mode.exact}
		wrong := false
		for _, g := range gold {
			if spanOnly.ok(g, p) {
				wrong = true
				break
			}
		}
		if wrong {
			continue
		}
		for _, o := range outOfScope {
			if spanOnly.ok(o, p) {
				a.ignored[pi] = true
				break
			}
		}
	}
	return a
}

// score counts what precision and recall are computed from.
type score struct {
	gold, pred, tp, ignored int
}

func (s *score) add(o score) {
	s.gold += o.gold
	s.pred += o.pred
	s.tp += o.tp
	s.ignored += o.ignored
}

func ratio(n, d int) float64 {
	if d <= 0 {
		return -1
	}
	return float64(n) / float64(d)
}

func (s score) P() float64 { return ratio(s.tp, s.pred-s.ignored) }
func (s score) R() float64 { return ratio(s.tp, s.gold) }
func (s score) F1() float64 {
	p, r := s.P(), s.R()
	if p < 0 || r < 0 {
		return -1
	}
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// pct formats a ratio as a percentage, or a dash when undefined.
func pct(f float64) string {
	if f < 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", 100*f)
}

// scoreBy tallies an alignment per label: a prediction counts under its
// own label, a gold item under its own.
func scoreBy(gold, pred []span, a alignment) map[string]score {
	out := map[string]score{}
	for _, g := range gold {
		s := out[g.label]
		s.gold++
		out[g.label] = s
	}
	for pi, p := range pred {
		s := out[p.label]
		s.pred++
		if _, ok := a.pairs[pi]; ok {
			s.tp++
		} else if a.ignored[pi] {
			s.ignored++
		}
		out[p.label] = s
	}
	return out
}

func total(m map[string]score) score {
	var t score
	for _, s := range m {
		t.add(s)
	}
	return t
}

// example is a false positive or negative kept for reading.
type example struct {
	doc  string
	what string
	ctx  string
}

// context shows s within its surroundings, marked with brackets.
func context(text string, s span) string {
	from, to := max(0, s.start-40), min(len(text), s.end+40)
	for from > 0 && from < len(text) && text[from]&0xC0 == 0x80 {
		from--
	}
	for to < len(text) && text[to]&0xC0 == 0x80 {
		to++
	}
	c := text[from:s.start] + "[[" + text[s.start:s.end] + "]]" + text[s.end:to]
	return strings.ReplaceAll(c, "\n", " ⏎ ")
}

// nameKinds are the gold entity kinds the extractor's kinds correspond to.
var nameKinds = map[string]bool{meantime.KindPerson: true, meantime.KindOrg: true, meantime.KindPlace: true}

// goldNames splits a document's gold entity mentions into the scored ones
// (names of people, organisations and places with one of the given
// syntactic types) and the rest. A name that contains another scored name
// of its kind is a composite — an apposition ("Airbus parent EADS"), a
// coordination ("Boeing and Lockheed Martin") or a place with its region
// ("Toulouse, France") — and its parts are scored instead. A person's
// mention that holds an organisation ("JSA Research analyst Paul Nesbit")
// stays: it is the only gold span for that person.
func goldNames(d meantime.Doc, syntactic ...string) (scored, rest []span) {
	var cands []span
	for _, m := range d.Mentions {
		s := span{start: m.Start, end: m.End, label: m.Kind, text: m.Text}
		in := false
		for _, st := range syntactic {
			in = in || m.Syntactic == st
		}
		if in && nameKinds[m.Kind] && !m.Discontinuous {
			cands = append(cands, s)
		} else {
			rest = append(rest, s)
		}
	}
	for i, c := range cands {
		composite := false
		for j, o := range cands {
			if i != j && c.label == o.label && c.start <= o.start && o.end <= c.end && o.end-o.start < c.end-c.start {
				composite = true
				break
			}
		}
		if composite {
			rest = append(rest, c)
		} else {
			scored = append(scored, c)
		}
	}
	return scored, rest
}

// predNames returns the mentions found before end, where MEANTIME's
// annotation stops.
func predNames(doc *extract.Document, end int) []span {
	var out []span
	for _, m := range doc.Mentions {
		if m.Start >= end {
			continue
		}
		out = append(out, span{start: m.Start, end: m.End, label: string(m.Kind), text: m.Text})
	}
	return out
}

func goldTimes(d meantime.Doc) (scored, creation []span) {
	for _, x := range d.Times {
		s := span{start: x.Start, end: x.End, label: x.Type, value: x.Value, text: x.Text}
		if x.Creation {
			creation = append(creation, s)
		} else {
			scored = append(scored, s)
		}
	}
	return scored, creation
}

// predTimes returns the time expressions found before end.
func predTimes(doc *extract.Document, end int) []span {
	var out []span
	for _, t := range doc.Times {
		if t.Start >= end {
			continue
		}
		out = append(out, span{start: t.Start, end: t.End, label: t.Type, value: t.Value, text: t.Text})
	}
	return out
}

// sentenceEnds are the sentence boundaries inside the body: ends of all
// sentences but the last, leaving out those at a line break, which any
// splitter gets for free.
func sentenceEnds(text string, ends []int) []span {
	var out []span
	for i, e := range ends {
		if i == len(ends)-1 {
			break
		}
		if rest := strings.TrimLeft(text[e:], " \t"); strings.HasPrefix(rest, "\n") {
			continue
		}
		out = append(out, span{start: e, end: e + 1, label: "s"})
	}
	return out
}

// liveStages reports which stages of the pipeline do something, so that
// floors are not enforced against stubs.
func liveStages() (times, names bool) {
	text := "NATO chief Mark Rutte met President Donald Trump in Washington on Oct. 22, 2025."
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	times = len(extract.FindTimes("on Oct. 22, 2025", extract.SplitSentences("on Oct. 22, 2025"), pub)) > 0
	names = len(extract.Extract(text, pub).Mentions) > 0
	return times, names
}

// evaluation holds the corpus-wide tallies.
type evaluation struct {
	docs, words int
	scopeWords  int // in the annotated part

	names     map[string][2]score // kind -> exact, relaxed
	namesSpan [2]score            // any kind
	namesPre  [2]score            // NAM+PRE.NAM gold, with kind

	times       map[string][2]score // TIMEX3 type -> exact, overlap (gold side)
	timesAll    [2]score
	valueOK     int // overlap-matched times with the right value
	typeOK      int
	matched     int
	valueOKEx   int
	matchedEx   int
	sentences   score
	volume      map[string]int
	fps, fns    map[string][]example
	noPublished int
}

func newEvaluation() *evaluation {
	return &evaluation{
		names:  map[string][2]score{},
		times:  map[string][2]score{},
		volume: map[string]int{},
		fps:    map[string][]example{},
		fns:    map[string][]example{},
	}
}

func (ev *evaluation) keep(m map[string][]example, cat string, e example) {
	if len(m[cat]) < *meantimeExamples {
		m[cat] = append(m[cat], e)
	}
}

func (ev *evaluation) addDoc(d meantime.Doc, doc *extract.Document) {
	ev.docs++
	ev.words += len(strings.Fields(d.Text))
	ev.scopeWords += len(strings.Fields(d.Text[:d.AnnotatedEnd]))
	ev.volume["sentences"] += len(doc.Sentences)
	ev.volume["mentions"] += len(doc.Mentions)
	ev.volume["entities"] += len(doc.Entities)
	ev.volume["times"] += len(doc.Times)
	ev.volume["events"] += len(doc.Events)
	ev.volume["quotes"] += len(doc.Quotes)

	// Names.
	gold, rest := goldNames(d, "NAM")
	pred := predNames(doc, d.AnnotatedEnd)
	for i, mode := range []matchMode{{exact: true, label: true}, {label: true}} {
		a := align(gold, pred, rest, mode)
		for k, s := range scoreBy(gold, pred, a) {
			v := ev.names[k]
			v[i].add(s)
			ev.names[k] = v
		}
		if i == 1 {
			ev.examples("names", d, gold, pred, a, func(s span) string { return s.label })
		}
	}
	for i, mode := range []matchMode{{exact: true}, {}} {
		ev.namesSpan[i].add(total(scoreBy(gold, pred, align(gold, pred, rest, mode))))
	}
	goldPre, restPre := goldNames(d, "NAM", "PRE.NAM")
	for i, mode := range []matchMode{{exact: true, label: true}, {label: true}} {
		ev.namesPre[i].add(total(scoreBy(goldPre, pred, align(goldPre, pred, restPre, mode))))
	}

	// Times. Predictions on the dateline are out of scope: the
	// publication date is an input, not a finding.
	gt, creation := goldTimes(d)
	pt := predTimes(doc, d.AnnotatedEnd)
	for i, mode := range []matchMode{{exact: true}, {}} {
		a := align(gt, pt, creation, mode)
		ev.timesAll[i].add(total(scoreBy(gt, pt, a)))
		// Per gold type: only recall is meaningful, since a
		// prediction's type may differ from its gold item's.
		for gi, g := range gt {
			v := ev.times[g.label]
			v[i].gold++
			for _, g2 := range a.pairs {
				if g2 == gi {
					v[i].tp++
				}
			}
			ev.times[g.label] = v
		}
		for pi, gi := range a.pairs {
			if i == 0 {
				ev.matchedEx++
				if pt[pi].value == gt[gi].value {
					ev.valueOKEx++
				}
				continue
			}
			ev.matched++
			if pt[pi].value == gt[gi].value {
				ev.valueOK++
			} else {
				ev.keep(ev.fps, "time values", example{d.Name, fmt.Sprintf("got %s %q, gold %s %q", pt[pi].label, pt[pi].value, gt[gi].label, gt[gi].value), context(d.Text, gt[gi])})
			}
			if pt[pi].label == gt[gi].label {
				ev.typeOK++
			}
		}
		if i == 1 {
			ev.examples("times", d, gt, pt, a, func(s span) string { return s.label + " " + s.value })
		}
	}

	// Sentence boundaries.
	var goldEnds, predEnds []int
	for _, s := range d.Sentences {
		goldEnds = append(goldEnds, s.End)
	}
	for _, s := range doc.Sentences {
		predEnds = append(predEnds, s.End)
	}
	gs, ps := sentenceEnds(d.Text, goldEnds), sentenceEnds(d.Text, predEnds)
	a := align(gs, ps, nil, matchMode{exact: true})
	ev.sentences.add(total(scoreBy(gs, ps, a)))
	ev.examples("sentence boundaries", d, gs, ps, a, func(span) string { return "" })
}

// examples keeps false negatives (gold items no prediction matched) and
// false positives (predictions that matched nothing and are not out of
// scope).
func (ev *evaluation) examples(cat string, d meantime.Doc, gold, pred []span, a alignment, label func(span) string) {
	if *meantimeExamples <= 0 {
		return
	}
	hit := map[int]bool{}
	for _, gi := range a.pairs {
		hit[gi] = true
	}
	for gi, g := range gold {
		if !hit[gi] {
			ev.keep(ev.fns, cat, example{d.Name, label(g), context(d.Text, g)})
		}
	}
	for pi, p := range pred {
		if _, ok := a.pairs[pi]; !ok && !a.ignored[pi] {
			ev.keep(ev.fps, cat, example{d.Name, label(p), context(d.Text, p)})
		}
	}
}

func (ev *evaluation) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### MEANTIME evaluation\n\n")
	fmt.Fprintf(&b, "%d English Wikinews articles (%d words) from the NewsReader MEANTIME corpus, "+
		"run through `extract.Extract` with their publication date. MEANTIME annotates names and times "+
		"only at the start of each article (the title, the dateline and the first four, in a few articles five, "+
		"sentences of the body), so what the extractor finds "+
		"after them is not scored (%d words are in scope).\n\n", ev.docs, ev.words, ev.scopeWords)

	fmt.Fprintf(&b, "**Named entities.** Gold: MEANTIME `ENTITY_MENTION`s with syntactic type NAM "+
		"referring to PER, ORG or LOC entities; names containing another name of their kind (appositions, "+
		"coordinations, \"Toulouse, France\") are replaced by their parts. Exact = same span and kind; relaxed = overlapping span "+
		"and same kind. MEANTIME does not annotate every name, so precision is a lower bound "+
		"(predictions that match an unscored gold mention, such as a PRE.NAM or a product name, are not counted): "+
		"recall is the figure to trust.\n\n")
	fmt.Fprintf(&b, "| Kind | Gold | Predicted | Exact P | Exact R | Exact F1 | Relaxed P | Relaxed R | Relaxed F1 |\n")
	fmt.Fprintf(&b, "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	row := func(name string, s [2]score) {
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", name, s[0].gold, s[0].pred-s[0].ignored,
			pct(s[0].P()), pct(s[0].R()), pct(s[0].F1()), pct(s[1].P()), pct(s[1].R()), pct(s[1].F1()))
	}
	var all [2]score
	for _, k := range []string{meantime.KindPerson, meantime.KindOrg, meantime.KindPlace} {
		row(k, ev.names[k])
		for i := range 2 {
			all[i].add(ev.names[k][i])
		}
	}
	row("**all**", all)
	row("all, any kind", ev.namesSpan)
	row("all, NAM + PRE.NAM gold", ev.namesPre)
	fmt.Fprintf(&b, "\n")

	fmt.Fprintf(&b, "**Time expressions.** Gold: MEANTIME `TIMEX3`s except the dateline's creation time "+
		"(predictions on the dateline are not counted). Value and type accuracy are over the "+
		"overlap-matched pairs (value accuracy over exact matches: %s%%).\n\n", pct(ratio(ev.valueOKEx, ev.matchedEx)))
	fmt.Fprintf(&b, "| Type | Gold | Predicted | Exact P | Exact R | Exact F1 | Overlap P | Overlap R | Overlap F1 | Value acc. | Type acc. |\n")
	fmt.Fprintf(&b, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	s := ev.timesAll
	fmt.Fprintf(&b, "| **all** | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", s[0].gold, s[0].pred-s[0].ignored,
		pct(s[0].P()), pct(s[0].R()), pct(s[0].F1()), pct(s[1].P()), pct(s[1].R()), pct(s[1].F1()),
		pct(ratio(ev.valueOK, ev.matched)), pct(ratio(ev.typeOK, ev.matched)))
	var types []string
	for t := range ev.times {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		s := ev.times[t]
		fmt.Fprintf(&b, "| %s | %d | | | %s | | | %s | | | |\n", t, s[0].gold, pct(s[0].R()), pct(s[1].R()))
	}
	fmt.Fprintf(&b, "\n")

	fmt.Fprintf(&b, "**Sentence boundaries** (inside the body; line breaks excluded): "+
		"P %s, R %s, F1 %s over %d gold boundaries.\n\n", pct(ev.sentences.P()), pct(ev.sentences.R()), pct(ev.sentences.F1()), ev.sentences.gold)
	fmt.Fprintf(&b, "Output volume: %d sentences, %d mentions, %d entities, %d times, %d events, %d quotes.\n",
		ev.volume["sentences"], ev.volume["mentions"], ev.volume["entities"], ev.volume["times"], ev.volume["events"], ev.volume["quotes"])
	return b.String()
}

func loadMeantime(tb testing.TB) []meantime.Doc {
	tb.Helper()
	dir, ok := meantime.Find(".")
	if !ok {
		tb.Skip("MEANTIME corpus not found (looked for shared/corpus/meantime above the package; set BRIEFBOT_SHARED)")
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// TestMeantime scores the extractor against the MEANTIME gold annotations
// and fails when a live stage drops below its floor.
func TestMeantime(t *testing.T) {
	docs := loadMeantime(t)
	ev := newEvaluation()
	for _, d := range docs {
		if d.Published.IsZero() {
			ev.noPublished++
		}
		doc := extract.Extract(d.Text, d.Published)
		checkDocument(t, d.Text, doc) // the fuzz invariants, on real articles
		ev.addDoc(d, doc)
	}
	md := ev.markdown()
	t.Log("\n" + md)
	if *meantimeOut != "" {
		if err := os.WriteFile(*meantimeOut, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if testing.Verbose() && *meantimeExamples > 0 {
		for _, m := range []struct {
			name string
			ex   map[string][]example
		}{{"false negative", ev.fns}, {"false positive", ev.fps}} {
			var cats []string
			for c := range m.ex {
				cats = append(cats, c)
			}
			sort.Strings(cats)
			for _, c := range cats {
				var b strings.Builder
				for _, e := range m.ex[c] {
					fmt.Fprintf(&b, "  %-40.40s %-22s %s\n", e.doc, e.what, e.ctx)
				}
				t.Logf("%s %s:\n%s", c, m.name, b.String())
			}
		}
	}

	if ev.noPublished > 0 {
		t.Errorf("%d documents without a publication date", ev.noPublished)
	}
	check := func(what string, got, floor float64) {
		t.Helper()
		if got < floor {
			t.Errorf("%s = %s%%, below the floor of %s%%", what, pct(got), pct(floor))
		}
	}
	check("sentence boundary F1", ev.sentences.F1(), floorSentenceF1)
	times, names := liveStages()
	if times {
		check("time recall (overlap)", ev.timesAll[1].R(), floorTimeRecallOverlap)
		check("time precision (overlap)", ev.timesAll[1].P(), floorTimePrecisionOverlap)
		check("time value accuracy", ratio(ev.valueOK, ev.matched), floorTimeValueAccuracy)
	} else {
		t.Log("FindTimes is a stub: time floors not enforced")
	}
	if names {
		var all score
		for _, s := range ev.names {
			all.add(s[1])
		}
		check("name recall (relaxed)", all.R(), floorNameRecallRelaxed)
		check("name precision (relaxed)", all.P(), floorNamePrecisionRelaxed)
		check("name recall (any kind)", ev.namesSpan[1].R(), floorNameRecallSpan)
	} else {
		t.Log("FindEntities is a stub: name floors not enforced")
	}
}

// TestAlign pins down the scoring rules on a hand-made case, so that the
// figures above mean what the table says.
func TestAlign(t *testing.T) {
	gold := []span{
		{start: 0, end: 10, label: "person"},  // exact hit
		{start: 20, end: 30, label: "org"},    // overlap hit only
		{start: 40, end: 50, label: "place"},  // hit with the wrong kind
		{start: 60, end: 70, label: "person"}, // missed
	}
	rest := []span{{start: 80, end: 90, label: "PRO"}}
	pred := []span{
		{start: 0, end: 10, label: "person"},
		{start: 22, end: 30, label: "org"},
		{start: 40, end: 50, label: "org"},
		{start: 80, end: 90, label: "org"},    // out of scope
		{start: 100, end: 110, label: "org"},  // plain false positive
		{start: 1, end: 5, label: "person"},   // second hit on a used gold item
		{start: 85, end: 95, label: "person"}, // overlaps out of scope only
	}
	tests := []struct {
		mode          matchMode
		tp, ign, gold int
		p, r          float64
	}{
		// exact+kind: tp {0}; ignored {3}; fp {1,2,4,5,6}
		{matchMode{exact: true, label: true}, 1, 1, 4, 1.0 / 6, 1.0 / 4},
		// overlap+kind: tp {0,1}; ignored {3,6}; fp {2,4,5}
		{matchMode{label: true}, 2, 2, 4, 2.0 / 5, 2.0 / 4},
		// overlap, any kind: tp {0,1,2}; ignored {3,6}; fp {4,5}
		{matchMode{}, 3, 2, 4, 3.0 / 5, 3.0 / 4},
	}
	for _, tt := range tests {
		s := total(scoreBy(gold, pred, align(gold, pred, rest, tt.mode)))
		if s.tp != tt.tp || s.ignored != tt.ign || s.gold != tt.gold || s.pred != len(pred) {
			t.Errorf("%+v: score %+v, want tp %d ignored %d gold %d", tt.mode, s, tt.tp, tt.ign, tt.gold)
		}
		if fmt.Sprintf("%.4f %.4f", s.P(), s.R()) != fmt.Sprintf("%.4f %.4f", tt.p, tt.r) {
			t.Errorf("%+v: P, R = %.4f, %.4f; want %.4f, %.4f", tt.mode, s.P(), s.R(), tt.p, tt.r)
		}
	}
	if f := (score{}).F1(); f != -1 || pct(f) != "–" {
		t.Errorf("empty score F1 = %v (%q), want undefined", f, pct(f))
	}
}

// TestGoldNames checks which gold mentions are scored: names of people,
// organisations and places, with composites replaced by their parts.
func TestGoldNames(t *testing.T) {
	text := "Boeing and Lockheed Martin met JSA Research analyst Paul Nesbit in Toulouse, France."
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	mk := func(s, kind, syn string) meantime.Mention {
		st, en := at(s)
		return meantime.Mention{Start: st, End: en, Text: s, Kind: kind, Syntactic: syn}
	}
	d := meantime.Doc{Text: text, Mentions: []meantime.Mention{
		mk("Boeing and Lockheed Martin", "org", "NAM"),          // composite
		mk("Boeing", "org", "NAM"),                              // scored
		mk("Lockheed Martin", "org", "NAM"),                     // scored
		mk("JSA Research analyst Paul Nesbit", "person", "NAM"), // holds an org: scored
		mk("JSA Research", "org", "PRE.NAM"),                    // not NAM
		mk("Toulouse, France", "place", "NAM"),                  // composite
		mk("France", "place", "NAM"),                            // scored
		mk("Toulouse", "PRO", "NAM"),                            // not a name kind
	}}
	var got []string
	scored, rest := goldNames(d, "NAM")
	for _, s := range scored {
		got = append(got, s.text)
	}
	want := []string{"Boeing", "Lockheed Martin", "JSA Research analyst Paul Nesbit", "France"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("scored = %q, want %q", got, want)
	}
	if len(rest) != 4 {
		t.Errorf("%d out-of-scope mentions, want 4", len(rest))
	}
	scored, _ = goldNames(d, "NAM", "PRE.NAM")
	if len(scored) != 5 {
		t.Errorf("with PRE.NAM: %d scored, want 5", len(scored))
	}
}

// TestMeantimePersons audits the person entities the extractor finds in
// MEANTIME against every gold mention (any syntactic type, cross-document
// ones included): a person entity is a gold person when one of its
// mentions overlaps a gold person, not a person when its mentions overlap
// only gold mentions of other kinds, and unknown when they overlap no
// gold mention. With -v it lists those that are not people.
func TestMeantimePersons(t *testing.T) {
	docs := loadMeantime(t)
	var total, person, notPerson, unknown int
	var bad []string
	for _, d := range docs {
		doc := extract.Extract(d.Text, d.Published)
		for _, e := range doc.Entities {
			if e.Kind != extract.Person {
				continue
			}
			total++
			isPer, other := false, ""
			for _, m := range doc.Mentions {
				if m.Entity != e.Name || m.Kind != extract.Person {
					continue
				}
				ps := span{start: m.Start, end: m.End}
				for _, g := range d.Mentions {
					if !ps.overlaps(span{start: g.Start, end: g.End}) || g.Kind == "" {
						continue
					}
					if g.Kind == meantime.KindPerson {
						isPer = true
					} else if other == "" {
						other = g.Kind
					}
				}
			}
			switch {
			case isPer:
				person++
			case other != "":
				notPerson++
				bad = append(bad, fmt.Sprintf("%-40.40s %-30q gold %s", d.Name, e.Name, other))
			default:
				unknown++
				if os.Getenv("MEANTIME_UNKNOWN") != "" {
					bad = append(bad, fmt.Sprintf("%-40.40s %-30q ?", d.Name, e.Name))
				}
			}
		}
	}
	t.Logf("person entities: %d; gold persons %d, not persons %d, not in gold %d", total, person, notPerson, unknown)
	if testing.Verbose() {
		t.Log("\n" + strings.Join(bad, "\n"))
	}
}
