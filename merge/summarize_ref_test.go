package merge

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// refSummarize and refDateDisagreement are Summarize and
// dateDisagreement as they were before they grouped reports by day
// range, comparing every pair of reports: the reference the grouped
// ones must agree with.
func refSummarize(reports []*Report) Happening {
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
	support := make([]int, len(reports))
	exact := make([]int, len(reports))
	top := 0
	for i, r := range reports {
		if r.Date == "" || r.SortStart == "" {
			continue
		}
		srcs := map[int64]bool{}
		for _, o := range reports {
			if Overlaps(r, o) {
				srcs[o.SourceID] = true
			}
			if o.Date == r.Date {
				exact[i]++
			}
		}
		support[i] = len(srcs)
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
	if d, ok := refDateDisagreement(reports); ok {
		h.Disagreements = append(h.Disagreements, d)
	}
	h.Disagreements = append(h.Disagreements, figureDisagreements(reports)...)
	return h
}

// dateDisagreement lists the dates of reports that conflict with another
// report's (their day ranges do not overlap), each with its sources.
func refDateDisagreement(reports []*Report) (Disagreement, bool) {
	conflict := make([]bool, len(reports))
	any := false
	for i, a := range reports {
		for _, b := range reports[i+1:] {
			if a.SourceID != b.SourceID && a.Date != "" && b.Date != "" && !a.Inferred && !b.Inferred && !Overlaps(a, b) {
				conflict[i] = true
				any = true
			}
		}
	}
	if !any {
		return Disagreement{}, false
	}
	// A report is in conflict with someone when any pair involves it.
	for i, a := range reports {
		for j, b := range reports {
			if i != j && conflict[j] && a.SourceID != b.SourceID && !a.Inferred && !b.Inferred && a.Date != "" && !Overlaps(a, b) {
				conflict[i] = true
			}
		}
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

// testDates are the report dates the random happenings of the
// Summarize and Aggregate tests draw from: several precisions, some
// overlapping, an undated and a reference-only one, and a range that
// ends before it starts.
var testDates = []testDate{
	{"2025-06-03", "day", "2025-06-03", "2025-06-03"},
	{"2025-06-04", "day", "2025-06-04", "2025-06-04"},
	{"2025-06", "month", "2025-06-01", "2025-06-30"},
	{"2025-W23", "week", "2025-06-02", "2025-06-08"},
	{"2025", "year", "2025-01-01", "2025-12-31"},
	{"2024-12-30", "day", "2024-12-30", "2024-12-30"},
	{"PRESENT_REF", "", "", ""},
	{"", "", "", ""},
	{"2025-07-01", "day", "2025-07-01", "2025-06-01"},
}

type testDate struct{ date, prec, start, end string }

// TestSummarize_MatchesPairwise checks Summarize against the pairwise
// reference on random happenings: reports from a few sources with dates
// of several precisions, some overlapping, some inferred or undated.
func TestSummarize_MatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	dates := testDates
	clauses := []string{"Sales rose 5 percent to $4 billion on June 3.", "Sales rose 7 percent.", "The company said sales rose.",
		"“Sales rose,” he said on June 4 in a statement of some length about the results of the quarter."}
	for n := 0; n < 3000; n++ {
		k := 1 + rng.IntN(12)
		var a, b []*Report
		for i := 0; i < k; i++ {
			d := dates[rng.IntN(len(dates))]
			r := Report{ID: int64(i + 1), SourceID: int64(1 + rng.IntN(4)), Published: fmt.Sprintf("2025-06-%02d", 1+rng.IntN(9)),
				Date: d.date, Precision: d.prec, SortStart: d.start, SortEnd: d.end, Clause: clauses[rng.IntN(len(clauses))],
				SentIndex: rng.IntN(6), Dated: rng.IntN(2) == 0, Inferred: rng.IntN(5) == 0}
			if rng.IntN(8) == 0 {
				r.Published = ""
			}
			r2 := r
			a, b = append(a, &r), append(b, &r2)
		}
		got, want := Summarize(a), refSummarize(b)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: Summarize\n%+v\nwant\n%+v", n, got, want)
		}
	}
}
