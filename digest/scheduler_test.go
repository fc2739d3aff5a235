package digest

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"briefbot/store"
)

// every wakes up every d, whatever the spec: the tests cannot wait for
// minutes, and the job decides from the injected clock which digest is
// due.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

func newTestScheduler(db *store.DB, p Poster, clk *testClock) *Scheduler {
	s := NewScheduler(db, p, slog.New(slog.DiscardHandler))
	s.Runner.Now = clk.Now
	s.Wakeups = func(Spec) cron.Schedule { return every(50 * time.Millisecond) }
	return s
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSchedulerPostsDueDigestOnce(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-29T00:00:00Z")}
	db := mustOpenDB(t, clk)
	ch := newMemChannel(clk)
	// 02:30 in Amsterdam does not exist on 2026-03-29: due at 03:00 CEST.
	mustSchedule(t, db, "c1", "02:30", "Europe/Amsterdam", "", false)
	mustLoad(t, db, article("a", "2026-03-29", sent{Text: "Ann Lee won the vote on Sunday.", Date: "2026-03-29", People: []string{"Ann Lee"}}))
	s := newTestScheduler(db, ch, clk)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)

	// Before the due time the wakeups find nothing due.
	clk.Set(ts(t, "2026-03-29T00:59:59Z"))
	time.Sleep(200 * time.Millisecond)
	if n := len(ch.sent("c1")); n != 0 {
		t.Fatalf("%d messages before the due time", n)
	}
	clk.Set(ts(t, "2026-03-29T01:00:05Z"))
	waitFor(t, "the digest", func() bool { return len(ch.sent("c1")) == 1 })
	time.Sleep(200 * time.Millisecond) // more wakeups
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(ch.sent("c1")); n != 1 {
		t.Fatalf("%d messages", n)
	}
	run, err := db.DigestRun(ctx, "c1", ts(t, "2026-03-29T01:00:00Z"))
	if err != nil || run.Status != store.RunPosted {
		t.Fatalf("run: %+v %v", run, err)
	}
}

func TestSchedulerReload(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: time.Now()}
	db := mustOpenDB(t, clk)
	mustSchedule(t, db, "c1", "08:00", "Europe/Amsterdam", "mon-fri", false)
	mustSchedule(t, db, "c2", "09:00", "Asia/Tokyo", "", false)
	s := NewScheduler(db, newMemChannel(clk), slog.New(slog.DiscardHandler))
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	want := func(ch, clock, zone, days string) time.Time {
		spec := mustSpec(t, clock, zone, days)
		return spec.Next(time.Now())
	}
	waitFor(t, "entries", func() bool { return !s.Next("c2").IsZero() })
	if got, w := s.Next("c1"), want("c1", "08:00", "Europe/Amsterdam", "mon-fri"); !got.Equal(w) {
		t.Fatalf("c1 next = %v, want %v", got, w)
	}
	if got, w := s.Next("c2"), want("c2", "09:00", "Asia/Tokyo", ""); !got.Equal(w) {
		t.Fatalf("c2 next = %v, want %v", got, w)
	}
	// Change c1, remove c2, add c3: effective after Reload, no restart.
	mustSchedule(t, db, "c1", "17:45", "America/New_York", "sat,sun", false)
	if err := db.DeleteDigestSchedule(ctx, "c2"); err != nil {
		t.Fatal(err)
	}
	mustSchedule(t, db, "c3", "06:00", "UTC", "", false)
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "reloaded entries", func() bool { return !s.Next("c3").IsZero() })
	if got, w := s.Next("c1"), want("c1", "17:45", "America/New_York", "sat,sun"); !got.Equal(w) {
		t.Fatalf("changed c1 next = %v, want %v", got, w)
	}
	if got := s.Next("c2"); !got.IsZero() {
		t.Fatalf("removed c2 still due %v", got)
	}
	if got, w := s.Next("c3"), want("c3", "06:00", "UTC", ""); !got.Equal(w) {
		t.Fatalf("c3 next = %v, want %v", got, w)
	}
}

// TestSchedulerCloseWaitsForPost stops the scheduler while a digest is
// being posted: Close waits for it and the run ends posted; a Close whose
// context ends first cancels the post and leaves the run pending.
func TestSchedulerCloseWaitsForPost(t *testing.T) {
	for _, patient := range []bool{true, false} {
		ctx := context.Background()
		clk := &testClock{t: ts(t, "2026-03-02T06:00:00Z")}
		db := mustOpenDB(t, clk)
		ch := newMemChannel(clk)
		mustSchedule(t, db, "c1", "08:00", "UTC", "", false)
		mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
		started, release := make(chan struct{}), make(chan struct{})
		p := &fakePoster{PostFn: func(ctx context.Context, c string, m *Message, nonce string) (string, error) {
			close(started)
			select {
			case <-release:
				return ch.Post(ctx, c, m, nonce)
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}}
		s := newTestScheduler(db, p, clk)
		clk.Set(ts(t, "2026-03-02T08:00:01Z"))
		if err := s.Open(ctx); err != nil {
			t.Fatal(err)
		}
		<-started
		closed := make(chan error, 1)
		cctx, cancel := context.WithCancel(ctx)
		go func() { closed <- s.Close(cctx) }()
		select {
		case err := <-closed:
			t.Fatalf("Close returned while posting: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		if patient {
			close(release)
		} else {
			cancel()
		}
		err := <-closed
		cancel()
		run, _ := db.DigestRun(ctx, "c1", ts(t, "2026-03-02T08:00:00Z"))
		if patient {
			if err != nil || run.Status != store.RunPosted || len(ch.sent("c1")) != 1 {
				t.Fatalf("patient close: %v, run %+v", err, run)
			}
		} else {
			if !errors.Is(err, context.Canceled) || run.Status != store.RunPending {
				t.Fatalf("impatient close: %v, run %+v", err, run)
			}
		}
	}
}
