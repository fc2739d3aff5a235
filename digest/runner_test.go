package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"briefbot/store"
)

func ts(t *testing.T, v string) time.Time { return mustTime(t, v) }

func newRunner(db *store.DB, p Poster, clk *testClock) *Runner {
	return &Runner{Store: db, Poster: p, Now: clk.Now, Logger: slog.New(slog.DiscardHandler)}
}

func mustRun(t *testing.T, r *Runner, ch string, due time.Time) *store.DigestRun {
	t.Helper()
	run, err := r.Run(context.Background(), ch, due, false)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func TestRunPostsOnceWithNewItemsOnly(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T05:00:00Z")} // Monday
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	r := newRunner(db, ch, clk)
	mustSchedule(t, db, "c1", "08:00", "Europe/Amsterdam", "mon-fri", false)

	clk.Set(ts(t, "2026-03-02T06:00:00Z"))
	mustLoad(t, db, article("a", "2026-03-02",
		sent{Text: "Mark Rutte met Donald Trump at the White House on Monday.", Date: "2026-03-02", People: []string{"Mark Rutte", "Donald Trump"}},
		sent{Text: "NATO agreed a new budget on 1 March.", Date: "2026-03-01", Orgs: []string{"NATO"}}))

	due := ts(t, "2026-03-02T07:00:00Z") // 08:00 CET
	clk.Set(due)
	run := mustRun(t, r, "c1", due)
	if run.Status != store.RunPosted || run.MessageID != "m1" || run.Items != 2 {
		t.Fatalf("run: %+v", run)
	}
	msgs := ch.sent("c1")
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	desc := msgs[0].msg.Description
	for _, want := range []string{
		"**2 Mar 2026** · Mark Rutte met Donald Trump at the White House on Monday. — [Title of a](https://news.example/a)",
		"**1 Mar 2026** · NATO agreed a new budget on 1 March. — [Title of a](https://news.example/a)",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("digest lacks %q:\n%s", want, desc)
		}
	}
	if strings.Index(desc, "Mark Rutte") > strings.Index(desc, "NATO") {
		t.Errorf("ranking: the recent two-party meeting should come first:\n%s", desc)
	}
	if !strings.Contains(msgs[0].msg.Footer, "ref "+run.Nonce) || len(run.Nonce) > MaxNonce {
		t.Errorf("footer %q, nonce %q", msgs[0].msg.Footer, run.Nonce)
	}

	// A second wakeup for the same due time posts nothing.
	clk.Add(30 * time.Second)
	if again := mustRun(t, r, "c1", due); again.ID != run.ID || again.Status != store.RunPosted {
		t.Fatalf("second wakeup: %+v", again)
	}
	if n := len(ch.sent("c1")); n != 1 {
		t.Fatalf("second wakeup posted: %d messages", n)
	}

	// A new source loaded afterwards shows up in the next digest only; the
	// first article reloaded slightly edited does not come back.
	clk.Set(ts(t, "2026-03-02T12:00:00Z"))
	mustLoad(t, db, article("b", "2026-03-02",
		sent{Text: "Ann Lee resigned as finance minister on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	mustLoad(t, db, article("a", "2026-03-02",
		sent{Text: "Mark Rutte met Donald Trump at the White House, on Monday.", Date: "2026-03-02", People: []string{"Mark Rutte", "Donald Trump"}},
		sent{Text: "NATO  agreed a new budget on 1 March .", Date: "2026-03-01", Orgs: []string{"NATO"}},
		sent{Text: "The meeting lasted two hours.", People: nil}))
	due2 := ts(t, "2026-03-03T07:00:00Z")
	clk.Set(due2)
	run2 := mustRun(t, r, "c1", due2)
	msgs = ch.sent("c1")
	if len(msgs) != 2 || run2.Items != 1 {
		t.Fatalf("second digest: %d messages, run %+v", len(msgs), run2)
	}
	desc = msgs[1].msg.Description
	if !strings.Contains(desc, "Ann Lee resigned") || strings.Contains(desc, "Rutte") || strings.Contains(desc, "NATO") {
		t.Errorf("second digest:\n%s", desc)
	}
	s, err := db.DigestSchedule(ctx, "c1")
	if err != nil || !s.Watermark.Equal(due2) || s.LastMessageID != "m2" {
		t.Fatalf("schedule: %+v %v", s, err)
	}
}

func TestRunNothingNew(t *testing.T) {
	clk := &testClock{t: ts(t, "2026-03-02T05:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	r := newRunner(db, ch, clk)
	mustSchedule(t, db, "quiet", "08:00", "UTC", "", false)
	mustSchedule(t, db, "chatty", "08:00", "UTC", "", true)
	due := ts(t, "2026-03-02T08:00:00Z")
	clk.Set(due)
	if run := mustRun(t, r, "quiet", due); run.Status != store.RunSkipped {
		t.Fatalf("quiet: %+v", run)
	}
	if run := mustRun(t, r, "chatty", due); run.Status != store.RunPosted {
		t.Fatalf("chatty: %+v", run)
	}
	if n := len(ch.sent("quiet")); n != 0 {
		t.Errorf("quiet channel got %d messages", n)
	}
	msgs := ch.sent("chatty")
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].msg.Description, "Nothing new since") || strings.Contains(msgs[0].msg.Description, "\n") {
		t.Fatalf("chatty: %+v", msgs)
	}
}

// TestCrashBetweenPendingAndPosted kills the bot after the digest was
// recorded as pending: once after Discord created the message, once
// before it got there. Each restart leaves exactly one message.
func TestCrashBetweenPendingAndPosted(t *testing.T) {
	for _, tc := range []struct {
		name      string
		delivered bool          // the message reached the channel before the crash
		downtime  time.Duration // how long the bot was down
		findFails bool          // searching recent messages fails on restart
	}{
		{"delivered, quick restart", true, 30 * time.Second, false},
		{"delivered, restart after the nonce window", true, time.Hour, false},
		{"delivered, search fails, nonce dedupes", true, 30 * time.Second, true},
		{"not delivered, quick restart", false, 30 * time.Second, false},
		{"not delivered, restart after the nonce window", false, time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
			db := mustOpenDB(t, clk)
			ch := newMemChannel(clk)
			mustSchedule(t, db, "c1", "08:00", "UTC", "", false)
			mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
			due := ts(t, "2026-03-02T08:00:00Z")
			clk.Set(due)

			crashing := &fakePoster{PostFn: func(ctx context.Context, c string, m *Message, nonce string) (string, error) {
				if tc.delivered {
					ch.Post(ctx, c, m, nonce)
				}
				return "", context.DeadlineExceeded // the process dies before recording
			}}
			r := newRunner(db, crashing, clk)
			if _, err := r.Run(ctx, "c1", due, false); err == nil {
				t.Fatal("crashing run: no error")
			}
			run, err := db.DigestRun(ctx, "c1", due)
			if err != nil || run.Status != store.RunPending {
				t.Fatalf("after crash: %+v %v", run, err)
			}

			// Restart: a new runner on the same database catches up.
			clk.Add(tc.downtime)
			p := &fakePoster{PostFn: ch.Post, FindPostedFn: ch.FindPosted}
			if tc.findFails {
				p.FindPostedFn = func(context.Context, string, string) (string, error) { return "", errors.New("503") }
			}
			r2 := newRunner(db, p, clk)
			if err := r2.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
			if err := r2.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
			msgs := ch.sent("c1")
			if len(msgs) != 1 {
				t.Fatalf("%d messages after restart", len(msgs))
			}
			run, _ = db.DigestRun(ctx, "c1", due)
			if run.Status != store.RunPosted || run.MessageID != msgs[0].id {
				t.Fatalf("after restart: %+v", run)
			}
		})
	}
}

func TestRunUnavailableChannel(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
	db := mustOpenDB(t, clk)
	mustSchedule(t, db, "c1", "08:00", "UTC", "", false)
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	posts := 0
	p := &fakePoster{PostFn: func(context.Context, string, *Message, string) (string, error) {
		posts++
		return "", fmt.Errorf("%w: 403 Missing Access", ErrUnavailable)
	}}
	r := newRunner(db, p, clk)
	due := ts(t, "2026-03-02T08:00:00Z")
	clk.Set(due)
	run, err := r.Run(ctx, "c1", due, false)
	if !errors.Is(err, ErrUnavailable) || run.Status != store.RunFailed {
		t.Fatalf("run: %+v %v", run, err)
	}
	s, _ := db.DigestSchedule(ctx, "c1")
	if s.Status != store.ScheduleFailing || !strings.Contains(s.FailReason, "403 Missing Access") {
		t.Fatalf("schedule: %+v", s)
	}
	// No tight loop: sweeps and wakeups for the same due time do not
	// retry.
	for i := 0; i < 5; i++ {
		clk.Add(time.Minute)
		r.CatchUp(ctx)
		r.Run(ctx, "c1", due, false)
	}
	if posts != 1 {
		t.Fatalf("%d attempts for one due time", posts)
	}
	// The next due time tries once more.
	due2 := due.Add(24 * time.Hour)
	clk.Set(due2)
	r.Run(ctx, "c1", due2, false)
	if posts != 2 {
		t.Fatalf("%d attempts after the next due time", posts)
	}
	// Access granted again: the next due time posts and clears the failure.
	p.PostFn = func(context.Context, string, *Message, string) (string, error) { posts++; return "m9", nil }
	due3 := due2.Add(24 * time.Hour)
	clk.Set(due3)
	if run := mustRun(t, r, "c1", due3); run.Status != store.RunPosted {
		t.Fatalf("after access granted: %+v", run)
	}
	if s, _ := db.DigestSchedule(ctx, "c1"); s.Status != store.ScheduleOK || s.FailReason != "" {
		t.Fatalf("schedule after recovery: %+v", s)
	}
}

func TestRunTransientFailureRetries(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	mustSchedule(t, db, "c1", "08:00", "UTC", "", false)
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	fails := 2
	var nonces []string
	p := &fakePoster{PostFn: func(ctx context.Context, c string, m *Message, nonce string) (string, error) {
		nonces = append(nonces, nonce)
		if fails > 0 {
			fails--
			return "", errors.New("502 Bad Gateway")
		}
		return ch.Post(ctx, c, m, nonce)
	}, FindPostedFn: ch.FindPosted}
	r := newRunner(db, p, clk)
	r.CatchUp(ctx) // the start-up catch-up, before anything failed
	due := ts(t, "2026-03-02T08:00:00Z")
	clk.Set(due)
	if _, err := r.Run(ctx, "c1", due, false); err == nil {
		t.Fatal("no error")
	}
	r.CatchUp(ctx) // too soon: waits a minute
	if len(nonces) != 1 {
		t.Fatalf("%d attempts right after a failure", len(nonces))
	}
	clk.Add(61 * time.Second)
	r.CatchUp(ctx) // second failure: now waits two minutes
	clk.Add(61 * time.Second)
	r.CatchUp(ctx)
	if len(nonces) != 2 {
		t.Fatalf("%d attempts, want 2 (backoff)", len(nonces))
	}
	clk.Add(61 * time.Second)
	if err := r.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if len(nonces) != 3 || nonces[0] != nonces[1] || nonces[1] != nonces[2] {
		t.Fatalf("attempts with nonces %q", nonces)
	}
	if n := len(ch.sent("c1")); n != 1 {
		t.Fatalf("%d messages", n)
	}
}

func TestCatchUpAfterDowntime(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-01T12:00:00Z")} // Sunday
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	mustSchedule(t, db, "ams", "08:00", "Europe/Amsterdam", "mon-fri", false)
	mustSchedule(t, db, "ny", "07:00", "America/New_York", "mon-fri", false)
	clk.Set(ts(t, "2026-03-02T05:00:00Z"))
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))

	// Down from before Amsterdam's 08:00 (07:00 UTC) to 10:00 UTC: within
	// the window, posted once on start. New York's 07:00 EST (12:00 UTC)
	// is not due yet.
	clk.Set(ts(t, "2026-03-02T10:00:00Z"))
	r := newRunner(db, ch, clk)
	for i := 0; i < 3; i++ {
		if err := r.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n, m := len(ch.sent("ams")), len(ch.sent("ny")); n != 1 || m != 0 {
		t.Fatalf("messages: ams %d, ny %d", n, m)
	}
	if run, err := db.DigestRun(ctx, "ams", ts(t, "2026-03-02T07:00:00Z")); err != nil || run.Status != store.RunPosted {
		t.Fatalf("ams run: %+v %v", run, err)
	}

	// Down again through New York's 07:00 and for more than six hours:
	// skipped and logged, not posted; its developments wait for the next
	// digest.
	clk.Set(ts(t, "2026-03-02T18:30:00Z"))
	if err := r.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if m := len(ch.sent("ny")); m != 0 {
		t.Fatalf("late digest posted: %d", m)
	}
	run, err := db.DigestRun(ctx, "ny", ts(t, "2026-03-02T12:00:00Z"))
	if err != nil || run.Status != store.RunSkipped || !strings.Contains(run.Error, "missed") {
		t.Fatalf("ny run: %+v %v", run, err)
	}
	due := ts(t, "2026-03-03T12:00:00Z")
	clk.Set(due)
	if run := mustRun(t, r, "ny", due); run.Status != store.RunPosted {
		t.Fatalf("next ny run: %+v", run)
	}
	if msgs := ch.sent("ny"); len(msgs) != 1 || !strings.Contains(msgs[0].msg.Description, "Ann Lee won the vote") {
		t.Fatalf("next ny digest: %+v", msgs)
	}
}

func TestCatchUpIgnoresDueTimesBeforeTheSchedule(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T09:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	mustSchedule(t, db, "c1", "08:00", "UTC", "", true) // set an hour after today's due time
	r := newRunner(db, ch, clk)
	if err := r.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(ch.sent("c1")); n != 0 {
		t.Fatalf("posted a digest due before the schedule existed")
	}
}

func TestRunNowWithoutSchedule(t *testing.T) {
	clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	r := newRunner(db, ch, clk)
	run, err := r.Run(context.Background(), "c9", clk.Now(), true)
	if err != nil || run.Status != store.RunPosted || !run.Manual {
		t.Fatalf("manual run: %+v %v", run, err)
	}
	if _, err := r.Run(context.Background(), "c8", clk.Now(), false); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("scheduled run without schedule: %v", err)
	}
}

func TestCatchUpDropsPendingRunOfRemovedSchedule(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
	db := mustOpenDB(t, clk)
	mustSchedule(t, db, "c1", "08:00", "UTC", "", true)
	fail := &fakePoster{PostFn: func(context.Context, string, *Message, string) (string, error) { return "", errors.New("503") }}
	r := newRunner(db, fail, clk)
	r.CatchUp(ctx)
	due := ts(t, "2026-03-02T08:00:00Z")
	clk.Set(due)
	r.Run(ctx, "c1", due, false)
	if err := db.DeleteDigestSchedule(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	ch := newMemChannel(clk)
	r.Poster = ch
	clk.Add(10 * time.Minute)
	if err := r.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	run, _ := db.DigestRun(ctx, "c1", due)
	if run.Status != store.RunSkipped || len(ch.sent("c1")) != 0 {
		t.Fatalf("run of a removed schedule: %+v, %d messages", run, len(ch.sent("c1")))
	}
}

// TestLoadCommittedAfterCut loads a source whose load began before a
// digest's cut but committed after the digest read the database: the next
// digest has it, and repeats nothing else.
func TestLoadCommittedAfterCut(t *testing.T) {
	clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	mustSchedule(t, db, "c1", "08:00", "UTC", "", false)
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	r := newRunner(db, ch, clk)
	due := ts(t, "2026-03-02T08:00:00Z")
	clk.Set(due)
	mustRun(t, r, "c1", due)
	clk.Set(due.Add(-2 * time.Minute)) // the slow load's start
	mustLoad(t, db, article("slow", "2026-03-02", sent{Text: "Bo Chen lost the vote on Monday.", Date: "2026-03-02", People: []string{"Bo Chen"}}))
	due2 := due.Add(24 * time.Hour)
	clk.Set(due2)
	if run := mustRun(t, r, "c1", due2); run.Status != store.RunPosted || run.Items != 1 {
		t.Fatalf("next run: %+v", run)
	}
	if d := ch.sent("c1")[1].msg.Description; !strings.Contains(d, "Bo Chen lost") || strings.Contains(d, "Ann Lee") {
		t.Fatalf("next digest:\n%s", d)
	}
}
