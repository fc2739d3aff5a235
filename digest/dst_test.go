package digest

import (
	"context"
	"strings"
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

// TestChangedSchedule steps an injected clock through a day on which an
// admin moves the digest: a time moved later posts again at the new time
// (with what is new since), a time moved to earlier than now is not a
// missed digest, and a removed schedule posts nothing more.
func TestChangedSchedule(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T00:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	r := newRunner(db, ch, clk)
	s := &Scheduler{Runner: r, Logger: r.Logger, ctx: ctx}
	set := func(clock string) func() {
		mustSchedule(t, db, "c1", clock, "Europe/Amsterdam", "", true)
		sc, err := db.DigestSchedule(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		return s.wake("c1", mustSpec(t, clock, "Europe/Amsterdam", ""), sc.UpdatedAt)
	}
	walk := func(wake func(), until string) {
		for end := ts(t, until); clk.Now().Before(end); clk.Add(5 * time.Minute) {
			if wake != nil {
				wake()
			}
			if err := r.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	wake := set("08:00")
	walk(wake, "2026-03-02T11:00:00Z") // 08:00 CET = 07:00 UTC: posted
	wake = set("18:00")                // moved later the same day
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	walk(wake, "2026-03-02T18:00:00Z") // 18:00 CET = 17:00 UTC: posted again
	wake = set("07:00")                // moved earlier than now: next due is tomorrow
	walk(wake, "2026-03-03T05:30:00Z")
	msgs := ch.sent("c1")
	if len(msgs) != 2 {
		t.Fatalf("%d messages before tomorrow 07:00, want 2", len(msgs))
	}
	if !strings.Contains(msgs[1].msg.Description, "Ann Lee won") || !strings.HasPrefix(msgs[0].msg.Description, "Nothing new") {
		t.Fatalf("digests: %q / %q", msgs[0].msg.Description, msgs[1].msg.Description)
	}
	walk(wake, "2026-03-03T06:30:00Z") // 07:00 CET = 06:00 UTC
	if n := len(ch.sent("c1")); n != 3 {
		t.Fatalf("%d messages after tomorrow 07:00, want 3", n)
	}
	if err := db.DeleteDigestSchedule(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	walk(nil, "2026-03-05T12:00:00Z") // removed: cron has no entry, catch-up finds none
	if n := len(ch.sent("c1")); n != 3 {
		t.Fatalf("%d messages after removal, want 3", n)
	}
	runs, _ := db.FindDigestRuns(ctx, store.DigestRunFilter{ChannelID: "c1"})
	var dues []string
	for _, run := range runs {
		dues = append(dues, run.Due.Format("02T15:04"))
	}
	if strings.Join(dues, " ") != "03T06:00 02T17:00 02T07:00" {
		t.Fatalf("runs due %v", dues)
	}
}
