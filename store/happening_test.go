package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"briefbot/internal/factstest"
	"briefbot/store"
)

// TestHappenings follows one happening through loads, a reload and a
// removal: two sources telling it are one event with both reports, a
// different happening of the same company on the same day stays apart,
// figures the sources disagree on are recorded, and removing a source
// takes its report, its count and the disagreement away.
func TestHappenings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	load := func(in store.SourceInput) {
		t.Helper()
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	harrow := []string{"Harrow Motors"}
	load(factstest.Article("wire", "2026-03-02",
		factstest.Sentence{Text: "Harrow Motors said on Monday it would close its Dunmore plant, cutting 340 jobs.", Date: "2026-03-02", Orgs: harrow},
		factstest.Sentence{Text: "Chief executive Lena Ortiz resigned from Harrow Motors on Monday.", Date: "2026-03-02", Orgs: harrow, People: []string{"Lena Ortiz"}}))
	load(factstest.Article("paper", "2026-03-03",
		factstest.Sentence{Text: "Harrow Motors will close the Dunmore plant, with the loss of 410 jobs, the company said on Monday.", Date: "2026-03-02", Orgs: harrow}))

	timeline := func() []*store.Event {
		t.Helper()
		evs, n, err := db.FindEvents(ctx, store.EventFilter{Topic: "harrow motors", Limit: 10})
		if err != nil || n != len(evs) {
			t.Fatalf("timeline: %d of %d, %v", len(evs), n, err)
		}
		return evs
	}
	find := func(evs []*store.Event, word string) *store.Event {
		t.Helper()
		var found *store.Event
		for _, e := range evs {
			if strings.Contains(e.Summary, word) {
				if found != nil {
					t.Fatalf("%q is in two events: %q and %q", word, found.Summary, e.Summary)
				}
				found = e
			}
		}
		if found == nil {
			t.Fatalf("no event with %q", word)
		}
		return found
	}

	evs := timeline()
	if len(evs) != 2 {
		t.Fatalf("want the closure and the resignation, got %d events", len(evs))
	}
	closure := find(evs, "Dunmore")
	if closure.Sources != 2 || len(closure.Reports) != 2 || closure.Date != "2026-03-02" {
		t.Fatalf("closure: %d sources, %d reports, %s", closure.Sources, len(closure.Reports), closure.Date)
	}
	if closure.Reports[0].Source.Name != "wire" {
		t.Errorf("earliest report first: %s", closure.Reports[0].Source.Name)
	}
	// The sources count the jobs differently.
	if len(closure.Disagreements) != 1 || closure.Disagreements[0].About != "count of jobs" || len(closure.Disagreements[0].Values) != 2 {
		t.Errorf("closure disagreements: %+v", closure.Disagreements)
	}
	if find(evs, "resigned").Sources != 1 {
		t.Errorf("the resignation is the wire's alone")
	}

	// A fine the sources put at two amounts.
	load(factstest.Article("court", "2026-03-04",
		factstest.Sentence{Text: "A court fined Harrow Motors $2.1 million on Tuesday over the Dunmore spill.", Date: "2026-03-03", Orgs: harrow}))
	load(factstest.Article("trade", "2026-03-05",
		factstest.Sentence{Text: "Harrow Motors was fined $2.4 million by the court on Tuesday for the Dunmore spill.", Date: "2026-03-03", Orgs: harrow}))
	fine := find(timeline(), "fined")
	if fine.Sources != 2 || len(fine.Disagreements) != 1 || fine.Disagreements[0].About != "amount" {
		t.Fatalf("fine: %d sources, disagreements %+v", fine.Sources, fine.Disagreements)
	}
	got := map[string]string{}
	for _, v := range fine.Disagreements[0].Values {
		got[v.Value] = v.Sources[0].Name
	}
	if got["USD 2100000"] != "court" || got["USD 2400000"] != "trade" {
		t.Errorf("disagreement values: %v", got)
	}
	disputed, n, err := db.FindEvents(ctx, store.EventFilter{Disputed: true})
	if err != nil || n != 2 {
		t.Fatalf("disputed: %d, %v", n, err)
	}
	find(disputed, "fined")
	find(disputed, "Dunmore plant")

	// Removing a source takes its report and the disagreement with it.
	if err := db.RemoveSource(ctx, "trade"); err != nil {
		t.Fatal(err)
	}
	fine = find(timeline(), "fined")
	if fine.Sources != 1 || len(fine.Reports) != 1 || len(fine.Disagreements) != 0 {
		t.Errorf("fine after removal: %d sources, %d reports, %+v", fine.Sources, len(fine.Reports), fine.Disagreements)
	}
	if _, n, _ := db.FindEvents(ctx, store.EventFilter{Disputed: true}); n != 1 {
		t.Errorf("%d disputed events after removal, want the closure's only", n)
	}

	// Reloading a source with new text replaces its reports: the paper
	// now tells of something else, and the closure is the wire's alone.
	load(factstest.Article("paper", "2026-03-03",
		factstest.Sentence{Text: "Harrow Motors opened a new test track in Selby on Monday.", Date: "2026-03-02", Orgs: harrow}))
	evs = timeline()
	if c := find(evs, "Dunmore plant"); c.Sources != 1 || len(c.Reports) != 1 || len(c.Disagreements) != 0 {
		t.Errorf("closure after reload: %d sources, %d reports, %+v", c.Sources, len(c.Reports), c.Disagreements)
	}
	if find(evs, "test track").Sources != 1 {
		t.Errorf("the test track is the paper's alone")
	}
}

// TestDisagreementValuesBounded checks that a list reads the five
// best-supported values of a disagreement and counts the rest: a story
// that every feed tells with its own figure would otherwise list them all.
func TestDisagreementValuesBounded(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	harrow := []string{"Harrow Motors"}
	for i, amount := range []string{"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.1"} {
		in := factstest.Article(fmt.Sprintf("feed%d", i), "2026-03-04",
			factstest.Sentence{Text: "A court fined Harrow Motors $" + amount + " million on Tuesday over the Dunmore spill.", Date: "2026-03-03", Orgs: harrow})
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: "harrow motors", Limit: 10})
	if err != nil || len(evs) != 1 {
		t.Fatalf("timeline: %d events, %v", len(evs), err)
	}
	if evs[0].Sources != 8 || len(evs[0].Disagreements) != 1 {
		t.Fatalf("fine: %d sources, disagreements %+v", evs[0].Sources, evs[0].Disagreements)
	}
	d := evs[0].Disagreements[0]
	if len(d.Values) != 5 || d.More != 2 {
		t.Fatalf("want 5 values and 2 more, got %d and %d", len(d.Values), d.More)
	}
	if v := d.Values[0]; v.Value != "USD 2100000" || v.Count != 2 {
		t.Errorf("best supported first: %s by %d", v.Value, v.Count)
	}
}

// TestHappeningsDoNotChain loads one story retold each day about that
// day, as a daily feed tells it: a report may join a happening only
// near the happening's own date, so eleven days make a few happenings of
// at most 2×3 days each, not one chained across them all.
func TestHappeningsDoNotChain(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	for k := range 11 {
		day := fmt.Sprintf("2026-03-%02d", 2+k)
		if _, err := db.LoadSource(ctx, factstest.Article(fmt.Sprintf("feed-%d", k), day,
			factstest.Sentence{Text: "Harrow Motors said it would close its Dunmore plant.", Date: day, Orgs: []string{"Harrow Motors"}})); err != nil {
			t.Fatal(err)
		}
	}
	evs, n, err := db.FindEvents(ctx, store.EventFilter{Topic: "harrow motors", Limit: 20})
	if err != nil || n != len(evs) {
		t.Fatalf("timeline: %d of %d, %v", len(evs), n, err)
	}
	if len(evs) < 2 {
		t.Fatalf("%d happening(s): the daily reports chained", len(evs))
	}
	reports := 0
	for _, e := range evs {
		lo, hi := "", ""
		for _, r := range e.Reports {
			if lo == "" || r.Date < lo {
				lo = r.Date
			}
			hi = max(hi, r.Date)
			reports++
		}
		a, _ := time.Parse(time.DateOnly, lo)
		b, _ := time.Parse(time.DateOnly, hi)
		if d := b.Sub(a).Hours() / 24; d > 6 {
			t.Errorf("happening %q on %s spans %s to %s", e.Summary, e.Date, lo, hi)
		}
	}
	if reports != 11 {
		t.Errorf("%d reports in the timeline, want 11", reports)
	}
	if len(evs) > 4 {
		t.Errorf("%d happenings, want reports within the window merged (3)", len(evs))
	}
}
