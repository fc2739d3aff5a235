package merge

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestAggregate_MatchesSummarize adds sources one at a time to random
// happenings, through JSON as the store keeps the aggregate, and checks
// after each that the aggregate works out what Summarize does from all
// the reports, and holds what aggregating them afresh would.
func TestAggregate_MatchesSummarize(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// testDates with a third day, a week after the first, so that some
	// date ranges start conflicting as sources are added.
	dates := slices.Concat(testDates[:2], []testDate{{"2025-06-09", "day", "2025-06-09", "2025-06-09"}}, testDates[2:])
	clauses := []string{"Sales rose 5 percent to $4 billion on June 3.", "Sales rose 7 percent.", "The company said sales rose.",
		"Sales rose 5 percent to $5 billion.", "Profits of $4 billion and $2 billion.",
		"“Sales rose,” he said on June 4 in a statement of some length about the results of the quarter."}
	fast, slow := 0, 0
	for n := 0; n < 2000; n++ {
		// Few dates per happening in most cases, as in the news.
		nd := 1 + rng.IntN(len(dates))
		var all []*Report
		var agg *Aggregate
		id := int64(0)
		for src := int64(1); src <= int64(1+rng.IntN(10)); src++ {
			var add []*Report
			for range 1 + rng.IntN(3) {
				id++
				d := dates[rng.IntN(nd)]
				r := &Report{ID: id, SourceID: src, Published: fmt.Sprintf("2025-06-%02d", 1+rng.IntN(9)),
					Date: d.date, Precision: d.prec, SortStart: d.start, SortEnd: d.end, Clause: clauses[rng.IntN(len(clauses))],
					SentIndex: rng.IntN(6), Dated: rng.IntN(2) == 0, Inferred: rng.IntN(5) == 0}
				if rng.IntN(8) == 0 {
					r.Published = ""
				}
				add = append(add, r)
			}
			all = append(all, add...)
			if agg == nil {
				agg = NewAggregate(add)
			} else if agg.Add(add) {
				fast++
			} else {
				slow++
				agg = NewAggregate(all)
			}
			buf, err := json.Marshal(agg)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(NewAggregate(all))
			if err != nil {
				t.Fatal(err)
			}
			if string(buf) != string(want) {
				t.Fatalf("case %d, %d sources: aggregate\n%s\nwant\n%s", n, src, buf, want)
			}
			agg = &Aggregate{}
			if err := json.Unmarshal(buf, agg); err != nil {
				t.Fatal(err)
			}
			h, w := agg.Happening(), Summarize(all)
			if all[w.Best].ID != agg.Best.ID || all[w.First].ID != agg.First.ID {
				t.Fatalf("case %d: best %d first %d, want %d %d", n, agg.Best.ID, agg.First.ID, all[w.Best].ID, all[w.First].ID)
			}
			h.Best, h.First = w.Best, w.First
			if !reflect.DeepEqual(h, w) {
				t.Fatalf("case %d, %d sources: aggregate's happening\n%+v\nwant\n%+v", n, src, h, w)
			}
		}
	}
	if fast == 0 || slow == 0 {
		t.Errorf("%d sources added, %d aggregated again: both ways must be tried", fast, slow)
	}
	t.Logf("%d added, %d aggregated again", fast, slow)
}
