package merge

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Aggregate is what Summarize reads of a happening's reports, reduced to
// what a report from one more source can change: counts, the first and
// clearest report, one entry per distinct date and day range, and the
// values sources give. A happening a hundred feeds tell keeps a few date
// entries, not a hundred reports, so that adding a source costs the same
// however many told it before. Values that sources disagree on list
// their sources, as the stored disagreement does.
//
// The zero Aggregate has no reports. Fields are exported for storage
// (JSON, with short names) and are not meant to be set by hand.
type Aggregate struct {
	// Sources counts distinct sources, Reports reports; Inferred is true
	// while every report's date is inferred.
	Sources  int  `json:"s"`
	Reports  int  `json:"n"`
	Inferred bool `json:"i,omitempty"`
	// First is the earliest report, Best the clearest (see Summarize).
	First AggReport `json:"f"`
	Best  AggReport `json:"b"`
	// FirstPublished is the earliest non-empty publication day of the
	// reports, LastPublished the latest.
	FirstPublished string `json:"fp,omitempty"`
	LastPublished  string `json:"lp,omitempty"`
	// Keys are the distinct (date, precision, day range, inferred) of
	// the dated reports, in order of their first report; Dates counts
	// the reports of each date value.
	Keys  []DateKey      `json:"k,omitempty"`
	Dates map[string]int `json:"d,omitempty"`
	// Spans are the distinct day ranges of the reports, in order of
	// first appearance, with how many sources support each (have a
	// report whose range overlaps it); Sigs counts the sources by the
	// set of spans (indexes into Spans, comma-separated) they report,
	// which is what a new range's support is counted from.
	Spans []AggSpan      `json:"p,omitempty"`
	Sigs  map[string]int `json:"g,omitempty"`
	// Taking are the day ranges of the reports that take part in a date
	// disagreement (dated, not inferred); Pending marks those with a
	// report that conflicts with none yet. DateValues are the dates of
	// the conflicting reports with their sources.
	Taking     []TakingSpan `json:"t,omitempty"`
	DateValues []AggValue   `json:"dv,omitempty"`
	// Figures are the figures the reports give, by kind.
	Figures []FigureKind `json:"fg,omitempty"`
}

// AggReport is what an Aggregate keeps of its first or clearest report.
type AggReport struct {
	ID        int64   `json:"id"`
	Published string  `json:"p,omitempty"`
	Clarity   float64 `json:"c,omitempty"`
	Date      string  `json:"d,omitempty"`
	Precision string  `json:"r,omitempty"`
	SortStart string  `json:"ss,omitempty"`
	SortEnd   string  `json:"se,omitempty"`
}

// DateKey is one distinct date of an Aggregate's reports.
type DateKey struct {
	Date      string `json:"d"`
	Precision string `json:"r,omitempty"`
	SortStart string `json:"ss"`
	SortEnd   string `json:"se"`
	Inferred  bool   `json:"i,omitempty"`
}

// AggSpan is one distinct day range of an Aggregate's reports.
type AggSpan struct {
	SortStart string `json:"ss"`
	SortEnd   string `json:"se"`
	Support   int    `json:"n"`
}

// TakingSpan is a day range of an Aggregate's dated reports.
type TakingSpan struct {
	SortStart string `json:"ss"`
	SortEnd   string `json:"se"`
	Pending   bool   `json:"p,omitempty"`
}

// AggValue is a value reports give, with its sources in order; a figure
// kind with one value keeps only their count.
type AggValue struct {
	Value   string  `json:"v"`
	Text    string  `json:"t,omitempty"`
	Sources []int64 `json:"s,omitempty"`
	Count   int     `json:"n"`
}

// FigureKind is the values reports give for one kind of figure, in order
// of first appearance, and how many distinct sources give one.
type FigureKind struct {
	Kind    string     `json:"k"`
	Sources int        `json:"s"`
	Values  []AggValue `json:"v"`
}

func aggReport(r *Report) AggReport {
	return AggReport{ID: r.ID, Published: r.Published, Clarity: clarity(r), Date: r.Date, Precision: r.Precision, SortStart: r.SortStart, SortEnd: r.SortEnd}
}

func (a AggReport) report() *Report {
	return &Report{ID: a.ID, Published: a.Published}
}

func spanRep(ss, se string) *Report { return &Report{SortStart: ss, SortEnd: se} }

// NewAggregate aggregates reports (sorted by id), as Summarize reads
// them.
func NewAggregate(reports []*Report) *Aggregate {
	a := &Aggregate{}
	if len(reports) == 0 {
		return a
	}
	a.Inferred = true
	bySource := map[int64][]*Report{}
	var order []int64
	for i, r := range reports {
		a.Reports++
		if _, ok := bySource[r.SourceID]; !ok {
			order = append(order, r.SourceID)
		}
		bySource[r.SourceID] = append(bySource[r.SourceID], r)
		if !r.Inferred {
			a.Inferred = false
		}
		if i == 0 || earlier(r, a.First.report()) {
			a.First = aggReport(r)
		}
		if i == 0 || clarity(r) > a.Best.Clarity {
			a.Best = aggReport(r)
		}
		a.published(r)
		a.addKey(r)
	}
	a.Sources = len(order)

	// Spans, their support and the sources' span sets.
	spanAt := map[[2]string]int{}
	for _, r := range reports {
		a.spanIndex(spanAt, r)
	}
	a.Sigs = map[string]int{}
	for _, s := range order {
		if sig := a.sig(spanAt, bySource[s]); sig != "" {
			a.Sigs[sig]++
		}
	}
	for k := range a.Spans {
		n := 0
		for _, s := range order {
			if a.overlapsAny(k, bySource[s]) {
				n++
			}
		}
		a.Spans[k].Support = n
	}
	if len(a.Sigs) == 0 {
		a.Sigs = nil
	}

	// Date conflicts, as dateDisagreement finds them.
	var taking []*Report
	for _, r := range reports {
		if r.Date != "" && !r.Inferred {
			taking = append(taking, r)
		}
	}
	spans := dateSpans(taking)
	for _, sp := range spans.spans {
		a.Taking = append(a.Taking, TakingSpan{SortStart: sp.rep.SortStart, SortEnd: sp.rep.SortEnd})
	}
	for _, r := range taking {
		k := spans.index(r)
		conflict := false
		for _, other := range spans.spans {
			if !Overlaps(spans.spans[k].rep, other.rep) && (len(other.sources) > 1 || !other.sources[r.SourceID]) {
				conflict = true
				break
			}
		}
		if conflict {
			a.DateValues = addSource(a.DateValues, r.Date, r.Date, r.SourceID)
		} else {
			a.Taking[k].Pending = true
		}
	}

	// Figures, as figureDisagreements reads them: kinds and values in
	// order of their first report.
	kinds := map[string]int{}
	for _, r := range reports {
		for _, f := range singleFigures(r) {
			k, ok := kinds[f.Kind]
			if !ok {
				k = len(a.Figures)
				kinds[f.Kind] = k
				a.Figures = append(a.Figures, FigureKind{Kind: f.Kind})
			}
			a.Figures[k].Values = addSource(a.Figures[k].Values, f.Value, f.Text, r.SourceID)
		}
	}
	for k := range a.Figures {
		srcs := map[int64]bool{}
		for _, v := range a.Figures[k].Values {
			for _, s := range v.Sources {
				srcs[s] = true
			}
		}
		a.Figures[k].Sources = len(srcs)
		if len(a.Figures[k].Values) == 1 {
			a.Figures[k].Values[0].Sources = nil
		}
	}
	return a
}

// addSource adds source s to the value v of vs (new values at the end),
// once.
func addSource(vs []AggValue, v, text string, s int64) []AggValue {
	for i := range vs {
		if vs[i].Value == v {
			if !containsID(vs[i].Sources, s) {
				vs[i].Sources = append(vs[i].Sources, s)
				vs[i].Count++
			}
			return vs
		}
	}
	return append(vs, AggValue{Value: v, Text: text, Sources: []int64{s}, Count: 1})
}

// singleFigures are the figures of r that take part in disagreements:
// those of a kind r gives once.
func singleFigures(r *Report) []Figure {
	figs := r.clauseFigures()
	count := map[string]int{}
	for _, f := range figs {
		count[f.Kind]++
	}
	var out []Figure
	for _, f := range figs {
		if count[f.Kind] == 1 {
			out = append(out, f)
		}
	}
	return out
}

func (a *Aggregate) published(r *Report) {
	if r.Published != "" && (a.FirstPublished == "" || r.Published < a.FirstPublished) {
		a.FirstPublished = r.Published
	}
	if r.Published > a.LastPublished {
		a.LastPublished = r.Published
	}
}

func (a *Aggregate) addKey(r *Report) {
	if r.Date == "" {
		return
	}
	if a.Dates == nil {
		a.Dates = map[string]int{}
	}
	a.Dates[r.Date]++
	if r.SortStart == "" {
		return
	}
	k := DateKey{Date: r.Date, Precision: r.Precision, SortStart: r.SortStart, SortEnd: r.SortEnd, Inferred: r.Inferred}
	for _, o := range a.Keys {
		if o == k {
			return
		}
	}
	a.Keys = append(a.Keys, k)
}

// spanIndex returns the index of r's day range in a.Spans, adding it;
// -1 for a report without one.
func (a *Aggregate) spanIndex(at map[[2]string]int, r *Report) int {
	if r.SortStart == "" {
		return -1
	}
	key := [2]string{r.SortStart, r.SortEnd}
	k, ok := at[key]
	if !ok {
		k = len(a.Spans)
		at[key] = k
		a.Spans = append(a.Spans, AggSpan{SortStart: r.SortStart, SortEnd: r.SortEnd})
	}
	return k
}

// sig is the set of spans one source's reports give, as Sigs keys it.
func (a *Aggregate) sig(at map[[2]string]int, reports []*Report) string {
	var ks []int
	for _, r := range reports {
		if r.SortStart == "" {
			continue
		}
		k := at[[2]string{r.SortStart, r.SortEnd}]
		i := 0
		for i < len(ks) && ks[i] < k {
			i++
		}
		if i < len(ks) && ks[i] == k {
			continue
		}
		ks = append(ks[:i], append([]int{k}, ks[i:]...)...)
	}
	var b strings.Builder
	for i, k := range ks {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(k))
	}
	return b.String()
}

// overlapsAny reports whether one of reports overlaps span k.
func (a *Aggregate) overlapsAny(k int, reports []*Report) bool {
	sp := spanRep(a.Spans[k].SortStart, a.Spans[k].SortEnd)
	for _, r := range reports {
		if Overlaps(sp, r) {
			return true
		}
	}
	return false
}

// addFigures adds the figures of one source's reports (sorted by id),
// none of whose values it gave before; it returns false when a kind
// known by one value gets another, whose sources were not kept.
func (a *Aggregate) addFigures(reports []*Report) bool {
	type kindAdd struct {
		kind   string
		values []AggValue
	}
	var adds []kindAdd
	s := reports[0].SourceID
	for _, r := range reports {
		for _, f := range singleFigures(r) {
			i := 0
			for i < len(adds) && adds[i].kind != f.Kind {
				i++
			}
			if i == len(adds) {
				adds = append(adds, kindAdd{kind: f.Kind})
			}
			adds[i].values = addSource(adds[i].values, f.Value, f.Text, s)
		}
	}
	// Check before changing anything.
	for _, ad := range adds {
		for _, fk := range a.Figures {
			if fk.Kind == ad.kind && len(fk.Values) == 1 && (len(ad.values) > 1 || ad.values[0].Value != fk.Values[0].Value) {
				return false
			}
		}
	}
	for _, ad := range adds {
		k := 0
		for k < len(a.Figures) && a.Figures[k].Kind != ad.kind {
			k++
		}
		if k == len(a.Figures) {
			fk := FigureKind{Kind: ad.kind, Sources: 1, Values: ad.values}
			if len(fk.Values) == 1 {
				fk.Values[0].Sources = nil
			}
			a.Figures = append(a.Figures, fk)
			continue
		}
		fk := &a.Figures[k]
		fk.Sources++
		if len(fk.Values) == 1 {
			fk.Values[0].Count++
			continue
		}
		for _, v := range ad.values {
			fk.Values = addSource(fk.Values, v.Value, v.Text, s)
		}
	}
	return true
}

// Add adds the reports of one source that told none of the aggregate's
// reports before (sorted by id, all with ids above the aggregate's). It
// returns false, leaving a unusable, when it cannot: when the new
// reports make earlier reports' dates conflict, or give a second value
// for a kind of figure known by one (the earlier reports' sources are
// needed then); the caller aggregates all the reports again.
func (a *Aggregate) Add(reports []*Report) bool {
	if len(reports) == 0 {
		return true
	}
	if a.Reports == 0 {
		*a = *NewAggregate(reports)
		return true
	}
	s := reports[0].SourceID
	// Taking reports: may they conflict with earlier ones, and do the
	// earlier ones keep conflicting or not as before?
	var taking []*Report
	for _, r := range reports {
		if r.Date != "" && !r.Inferred {
			taking = append(taking, r)
		}
	}
	for _, t := range a.Taking {
		if !t.Pending {
			continue
		}
		for _, r := range taking {
			if !Overlaps(spanRep(t.SortStart, t.SortEnd), r) {
				return false
			}
		}
	}
	if !a.addFigures(reports) {
		return false
	}
	existing := len(a.Taking)
	for _, r := range taking {
		conflict := false
		for _, t := range a.Taking[:existing] {
			if !Overlaps(spanRep(t.SortStart, t.SortEnd), r) {
				conflict = true
				break
			}
		}
		k := 0
		for k < len(a.Taking) && (a.Taking[k].SortStart != r.SortStart || a.Taking[k].SortEnd != r.SortEnd) {
			k++
		}
		if k == len(a.Taking) {
			a.Taking = append(a.Taking, TakingSpan{SortStart: r.SortStart, SortEnd: r.SortEnd})
		}
		if conflict {
			a.DateValues = addSource(a.DateValues, r.Date, r.Date, s)
		} else {
			a.Taking[k].Pending = true
		}
	}

	for _, r := range reports {
		a.Reports++
		if !r.Inferred {
			a.Inferred = false
		}
		if earlier(r, a.First.report()) {
			a.First = aggReport(r)
		}
		if clarity(r) > a.Best.Clarity {
			a.Best = aggReport(r)
		}
		a.published(r)
		a.addKey(r)
	}
	a.Sources++

	// Support: earlier spans gain the source if it reports a range
	// overlapping them; its new spans are supported by the sources
	// whose span sets overlap them.
	at := make(map[[2]string]int, len(a.Spans))
	for k, sp := range a.Spans {
		at[[2]string{sp.SortStart, sp.SortEnd}] = k
	}
	old := len(a.Spans)
	for _, r := range reports {
		a.spanIndex(at, r)
	}
	for k := range a.Spans[:old] {
		if a.overlapsAny(k, reports) {
			a.Spans[k].Support++
		}
	}
	for k := old; k < len(a.Spans); k++ {
		sp := spanRep(a.Spans[k].SortStart, a.Spans[k].SortEnd)
		n := 0
		if a.overlapsAny(k, reports) {
			n++
		}
		for sig, c := range a.Sigs {
			for _, f := range strings.Split(sig, ",") {
				i, _ := strconv.Atoi(f)
				if Overlaps(sp, spanRep(a.Spans[i].SortStart, a.Spans[i].SortEnd)) {
					n += c
					break
				}
			}
		}
		a.Spans[k].Support = n
	}
	if sig := a.sig(at, reports); sig != "" {
		if a.Sigs == nil {
			a.Sigs = map[string]int{}
		}
		a.Sigs[sig]++
	}
	return true
}

// Happening works out the happening as Summarize does from the reports
// aggregated; its Best and First index nothing: a.Best.ID and a.First.ID
// name those reports.
func (a *Aggregate) Happening() Happening {
	var h Happening
	if a.Reports == 0 {
		return h
	}
	h.Sources, h.Inferred = a.Sources, a.Inferred
	support := make(map[[2]string]int, len(a.Spans))
	for _, sp := range a.Spans {
		support[[2]string{sp.SortStart, sp.SortEnd}] = sp.Support
	}
	top := 0
	for _, k := range a.Keys {
		if !k.Inferred {
			top = max(top, support[[2]string{k.SortStart, k.SortEnd}])
		}
	}
	best := -1
	var bs int
	for i, k := range a.Keys {
		sk := support[[2]string{k.SortStart, k.SortEnd}]
		if sk == 0 {
			continue
		}
		better := false
		switch {
		case best < 0:
			better = true
		case k.Inferred != a.Keys[best].Inferred:
			better = !k.Inferred
		case 2*sk > top != (2*bs > top):
			better = 2*sk > top
		case rank(k.Precision) != rank(a.Keys[best].Precision):
			better = rank(k.Precision) < rank(a.Keys[best].Precision)
		case sk != bs:
			better = sk > bs
		case a.Dates[k.Date] != a.Dates[a.Keys[best].Date]:
			better = a.Dates[k.Date] > a.Dates[a.Keys[best].Date]
		}
		if better {
			best, bs = i, sk
		}
	}
	if best >= 0 {
		k := a.Keys[best]
		h.Date, h.Precision, h.SortStart, h.SortEnd = k.Date, k.Precision, k.SortStart, k.SortEnd
	} else {
		h.Date, h.Precision, h.SortStart, h.SortEnd = a.Best.Date, a.Best.Precision, a.Best.SortStart, a.Best.SortEnd
	}
	if a.Sources < 2 {
		return h
	}
	if len(a.DateValues) >= 2 {
		h.Disagreements = append(h.Disagreements, Disagreement{About: "date", Values: values(a.DateValues)})
	}
	for _, fk := range a.Figures {
		if len(fk.Values) >= 2 && fk.Sources >= 2 {
			h.Disagreements = append(h.Disagreements, Disagreement{About: fk.Kind, Values: values(fk.Values)})
		}
	}
	return h
}

func values(vs []AggValue) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[i] = Value{Value: v.Value, Text: v.Text, Sources: append([]int64(nil), v.Sources...)}
	}
	sortValues(out)
	return out
}

// Clone returns a copy of a that shares nothing Add changes.
func (a *Aggregate) Clone() *Aggregate {
	c := *a
	c.Keys = slices.Clone(a.Keys)
	c.Dates = maps.Clone(a.Dates)
	c.Spans = slices.Clone(a.Spans)
	c.Sigs = maps.Clone(a.Sigs)
	c.Taking = slices.Clone(a.Taking)
	c.DateValues = cloneValues(a.DateValues)
	c.Figures = slices.Clone(a.Figures)
	for i := range c.Figures {
		c.Figures[i].Values = cloneValues(c.Figures[i].Values)
	}
	return &c
}

func cloneValues(vs []AggValue) []AggValue {
	out := slices.Clone(vs)
	for i := range out {
		out[i].Sources = slices.Clone(out[i].Sources)
	}
	return out
}
