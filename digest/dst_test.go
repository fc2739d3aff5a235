package digest

import (
	"context"
	"testing"
	"time"

	"briefbot/store"
)

// TestDSTWalk drives a schedule's wakeup job and the catch-up sweep with
// an injected clock stepping five minutes at a time across daylight-saving
// changes, and checks that each day gets exactly one digest, at its due
// time.
func TestDSTWalk(t *testing.T) {
	for _, tc := range []struct {
		name, clock, zone string
		from, to          string
	}{
		{"amsterdam 02:30 spring forward (02:30 does not exist)", "02:30", "Europe/Amsterdam", "2026-03-27T12:00:00Z", "2026-03-31T12:00:00Z"},
		{"amsterdam 02:30 fall back (02:30 happens twice)", "02:30", "Europe/Amsterdam", "2026-10-23T12:00:00Z", "2026-10-27T12:00:00Z"},
		{"amsterdam 08:00 spring forward", "08:00", "Europe/Amsterdam", "2026-03-27T12:00:00Z", "2026-03-31T12:00:00Z"},
		{"amsterdam 08:00 fall back", "08:00", "Europe/Amsterdam", "2026-10-23T12:00:00Z", "2026-10-27T12:00:00Z"},
		{"new york 02:15 spring forward", "02:15", "America/New_York", "2026-03-06T12:00:00Z", "2026-03-10T12:00:00Z"},
		{"new york 01:30 fall back", "01:30", "America/New_York", "2026-10-30T12:00:00Z", "2026-11-03T12:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			from, to := ts(t, tc.from), ts(t, tc.to)
			clk := &testClock{t: from}
			db := mustOpenDB(t, clk)
			ch := newMemChannel(clk)
			mustSchedule(t, db, "c1", tc.clock, tc.zone, "", true)
			sc, err := db.DigestSchedule(ctx, "c1")
			if err != nil {
				t.Fatal(err)
			}
			spec := mustSpec(t, tc.clock, tc.zone, "")
			r := newRunner(db, ch, clk)
			s := &Scheduler{Runner: r, Logger: r.Logger, ctx: ctx}
			wake := s.wake("c1", spec, sc.UpdatedAt)
			for now := from; now.Before(to); now = now.Add(5 * time.Minute) {
				clk.Set(now)
				wake()
				if err := r.CatchUp(ctx); err != nil {
					t.Fatal(err)
				}
			}
			runs, err := db.FindDigestRuns(ctx, store.DigestRunFilter{ChannelID: "c1"})
			if err != nil {
				t.Fatal(err)
			}
			days := map[string]bool{}
			for _, run := range runs {
				local := run.Due.In(spec.Loc).Format(time.DateOnly)
				if days[local] {
					t.Errorf("two digests on %s", local)
				}
				days[local] = true
				y, m, d := run.Due.In(spec.Loc).Date()
				if want := spec.DueOn(y, m, d); !run.Due.Equal(want) || run.Status != store.RunPosted {
					t.Errorf("run due %s (%s), want %s", run.Due, run.Status, want)
				}
			}
			// One digest a day: every due time from the first after the
			// start to the last before the end.
			want := 0
			for d := spec.Next(from); d.Before(to); d = spec.Next(d) {
				want++
			}
			if len(runs) != want || len(ch.sent("c1")) != want || want < 3 {
				t.Fatalf("%d runs, %d messages, want %d", len(runs), len(ch.sent("c1")), want)
			}
		})
	}
}
