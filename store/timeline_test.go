package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"briefbot/store"
)

// TestFindEvents_BigTopicPages checks that the plans for big topics (the
// lazy walk, and the merge of entity links with the walk of the other
// parts) page exactly as collecting and sorting every match does, with
// and without date ranges.
func TestFindEvents_BigTopicPages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	c := newCorpus(7)
	for i := 0; i < 120; i++ {
		if _, err := db.LoadSource(ctx, c.article(i)); err != nil {
			t.Fatal(err)
		}
	}
	// pages returns the ids of every page of f, and the last total.
	pages := func(t *testing.T, f store.EventFilter) ([][]int64, int) {
		t.Helper()
		var out [][]int64
		var total int
		for f.Offset = 0; ; f.Offset += f.Limit {
			evs, n, err := db.FindEvents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			total = n
			var ids []int64
			for i, e := range evs {
				if i > 0 && (e.SortStart < evs[i-1].SortStart || e.SortStart == evs[i-1].SortStart && e.ID <= evs[i-1].ID) {
					t.Fatalf("offset %d: out of order at %d", f.Offset, i)
				}
				ids = append(ids, e.ID)
			}
			out = append(out, ids)
			if len(evs) < f.Limit {
				return out, total
			}
			if f.Offset > 5000 {
				t.Fatal("no end")
			}
		}
	}
	topics := []string{"ukraine", "egypt", c.people[4], c.people[40], c.orgs[3], "ceasefire", "talks"}
	for _, topic := range topics {
		for _, r := range []struct{ from, to string }{{"", ""}, {"2024-02-15", ""}, {"", "2024-03"}, {"2024-02", "2024-03-20"}} {
			for _, limit := range []int{10, 7} {
				f := store.EventFilter{Topic: topic, From: r.from, To: r.to, Limit: limit}
				name := fmt.Sprintf("%s/%s-%s/%d", topic, r.from, r.to, limit)
				want, wantTotal := pages(t, f)
				if len(want) < 2 && r.from == "" && r.to == "" && limit == 10 {
					t.Errorf("%s: one page only: pick a bigger topic", name)
				}
				for _, plan := range []struct {
					name string
					lazy int
				}{{"lazy", 1000}, {"merge", 0}, {"default", -1}} {
					restore := store.SetExactTotalLimit(0)
					restoreLazy := func() {}
					if plan.lazy >= 0 {
						restoreLazy = store.SetLazyWalkRows(plan.lazy)
					}
					got, gotTotal := pages(t, f)
					restoreLazy()
					restore()
					if !slices.EqualFunc(got, want, slices.Equal) {
						t.Errorf("%s: %s plan pages\n%v\nwant\n%v", name, plan.name, got, want)
					}
					// The last page of a walk knows the exact total.
					if gotTotal != wantTotal {
						t.Errorf("%s: %s plan total %d, want %d", name, plan.name, gotTotal, wantTotal)
					}
				}
			}
		}
	}
}
