package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// fakeClock is the poller's injected clock: After fires when Advance
// moves the time past the deadline.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

var pollStart = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)

func newFakeClock() *fakeClock { return &fakeClock{now: pollStart} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock on by d and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// Waiting returns the deadlines of the timers not yet fired.
func (c *fakeClock) Waiting() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, w := range c.waiters {
		out = append(out, w.at)
	}
	return out
}

// countingStore is a PollStore that counts the calls it passes to the
// real database.
type countingStore struct {
	*store.DB
	loads, puts atomic.Int64
	// loadErr, when set, fails LoadPolled calls of more than one article.
	loadErr error
}

var _ PollStore = (*countingStore)(nil)

func (s *countingStore) LoadPolled(ctx context.Context, ins []store.SourceInput, st *store.PollState) ([]*store.LoadResult, error) {
	s.loads.Add(1)
	if s.loadErr != nil && len(ins) > 1 {
		return nil, s.loadErr
	}
	return s.DB.LoadPolled(ctx, ins, st)
}

func (s *countingStore) PutPollState(ctx context.Context, st *store.PollState) error {
	s.puts.Add(1)
	return s.DB.PutPollState(ctx, st)
}

func openTestDB(t testing.TB, now func() time.Time) *store.DB {
	t.Helper()
	db := store.NewDB(filepath.Join(t.TempDir(), "briefbot.db"))
	if now != nil {
		db.Now = now
	}
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	return db
}

// testPoller polls cfgs from fs's hosts into db on clk, with jitter r.
func testPoller(t testing.TB, fs *feedServer, st PollStore, clk *fakeClock, cfgs ...Config) *Poller {
	return &Poller{
		Loader:  hostLoader(t, fs),
		Store:   st,
		Sources: func(context.Context) ([]Config, error) { return cfgs, nil },
		Now:     clk.Now,
		After:   clk.After,
		Rand:    func() float64 { return 0.5 },
		Extract: func(string, time.Time) *extract.Document { return &extract.Document{} },
	}
}

func round(t testing.TB, p *Poller) *RoundReport {
	t.Helper()
	rep, err := p.Round(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// polled maps each polled source's name to its status.
func polled(rep *RoundReport) map[string]string {
	out := map[string]string{}
	for _, p := range rep.Polled {
		out[p.Name] = p.Status
	}
	return out
}

func storedNames(t testing.TB, db *store.DB, prefix string) []string {
	t.Helper()
	srcs, err := db.FindSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range srcs {
		if strings.HasPrefix(s.Name, prefix) && s.ContentHash != "" {
			out = append(out, s.Name)
		}
	}
	sort.Strings(out)
	return out
}

func TestPollerIncomplete(t *testing.T) {
	for _, p := range []*Poller{{}, {Loader: &Loader{}}, {Sources: func(context.Context) ([]Config, error) { return nil, nil }}} {
		if _, err := p.Round(context.Background()); err == nil || !strings.Contains(err.Error(), "needs Sources, a Loader and a Store") {
			t.Errorf("Round of %+v: %v", p, err)
		}
	}
	// A failing source list fails the round, with the cause.
	db := openTestDB(t, nil)
	p := &Poller{Loader: &Loader{}, Store: db, Sources: func(context.Context) ([]Config, error) { return nil, errors.New("config gone") }}
	if _, err := p.Round(context.Background()); err == nil || err.Error() != "poll: config gone" {
		t.Errorf("Round with a failing source list: %v", err)
	}
}

func TestNextDue(t *testing.T) {
	at := pollStart
	tests := []struct {
		name       string
		every      time.Duration
		failures   int
		backoff    bool
		retryAfter time.Duration
		r          float64
		want       time.Duration
	}{
		{"feed on time", 15 * time.Minute, 0, false, 0, 0.5, 15 * time.Minute},
		{"jitter early", 15 * time.Minute, 0, false, 0, 0, 13*time.Minute + 30*time.Second},
		{"jitter late", 15 * time.Minute, 0, false, 0, 1, 16*time.Minute + 30*time.Second},
		{"page", 6 * time.Hour, 0, false, 0, 0.5, 6 * time.Hour},
		{"first 503", 15 * time.Minute, 1, true, 0, 0.5, 30 * time.Minute},
		{"third 503", 15 * time.Minute, 3, true, 0, 0.5, 2 * time.Hour},
		{"backoff jittered", 15 * time.Minute, 2, true, 0, 0.75, 63 * time.Minute},
		{"capped", 15 * time.Minute, 6, true, 0, 0.5, 6 * time.Hour},
		{"capped after jitter", 15 * time.Minute, 5, true, 0, 1, 6 * time.Hour},
		{"many failures do not overflow", 15 * time.Minute, 1000, true, 0, 0.5, 6 * time.Hour},
		{"page backoff not below its interval", 6 * time.Hour, 2, true, 0, 0.5, 6 * time.Hour},
		{"long interval not shortened by cap", 12 * time.Hour, 1, true, 0, 0.5, 12 * time.Hour},
		{"retry-after longer than backoff", 15 * time.Minute, 1, true, 2 * time.Hour, 0.5, 2 * time.Hour},
		{"retry-after shorter than backoff", 15 * time.Minute, 2, true, 5 * time.Minute, 0.5, time.Hour},
		{"retry-after capped", 15 * time.Minute, 1, true, 72 * time.Hour, 0.5, MaxRetryAfter},
		{"404 keeps the interval", 15 * time.Minute, 4, false, 0, 0.5, 15 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextDue(at, tt.every, tt.failures, tt.backoff, tt.retryAfter, tt.r).Sub(at); got != tt.want {
				t.Errorf("nextDue = +%s, want +%s", got, tt.want)
			}
		})
	}
}

// TestPollerSchedule runs rounds on a fake clock: each source is polled
// when its own interval (configured, or by the kind it served) is up.
func TestPollerSchedule(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/a", item("a1", "2026-03-01", "Ann Lee resigned."))
	fs.set("/b", item("b1", "2026-03-01", "Bob Ray won."))
	fs.page("/story", articleHTML)
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	cfgs := []Config{
		{Name: "a", URL: fs.url("a.test", "/a")},
		{Name: "b", URL: fs.url("b.test", "/b"), Every: "40m"},
		{Name: "page", URL: fs.url("pages.test", "/story")},
		{Name: "file", Path: "ignored.txt"},
	}
	p := testPoller(t, fs, db, clk, cfgs...)

	rep := round(t, p)
	if got := polled(rep); len(got) != 3 || got["a"] != store.ResultChanged || got["b"] != store.ResultChanged || got["page"] != store.ResultChanged {
		t.Fatalf("first round: %v", got)
	}
	if rep.Sources != 3 || !rep.NextDue.Equal(pollStart.Add(15*time.Minute)) {
		t.Errorf("first round: %d sources, next due %s", rep.Sources, rep.NextDue)
	}
	states := map[string]*store.PollState{}
	all, _ := db.FindPollStates(context.Background())
	for _, st := range all {
		states[st.Name] = st
	}
	for name, want := range map[string]struct {
		kind string
		due  time.Duration
	}{"a": {KindFeed, 15 * time.Minute}, "b": {KindFeed, 40 * time.Minute}, "page": {KindPage, 6 * time.Hour}} {
		st := states[name]
		if st == nil || st.Kind != want.kind || !st.NextDue.Equal(pollStart.Add(want.due)) || !st.FetchedAt.Equal(pollStart) || st.LastStatus != 200 {
			t.Errorf("state of %s: %+v; want kind %s due +%s", name, st, want.kind, want.due)
		}
	}
	if states["a"].ETag != `"v1"` || states["page"].ETag != "" {
		t.Errorf("validators: a %q, page %q", states["a"].ETag, states["page"].ETag)
	}

	steps := []struct {
		at   time.Duration
		want map[string]string
	}{
		{14 * time.Minute, map[string]string{}},
		{15 * time.Minute, map[string]string{"a": PollNotModified}},
		{30 * time.Minute, map[string]string{"a": PollNotModified}},
		{40 * time.Minute, map[string]string{"b": PollNotModified}},
		{6 * time.Hour, map[string]string{"a": PollNotModified, "b": PollNotModified, "page": store.ResultUnchanged}},
	}
	for _, s := range steps {
		clk.Advance(pollStart.Add(s.at).Sub(clk.Now()))
		if got := polled(round(t, p)); fmt.Sprint(got) != fmt.Sprint(s.want) {
			t.Errorf("round at +%s polled %v, want %v", s.at, got, s.want)
		}
	}

	// A shorter interval applies at once, without waiting for the due
	// time recorded under the longer one.
	p.Every = 2 * time.Minute
	clk.Advance(3 * time.Minute)
	if got := polled(round(t, p)); len(got) != 3 {
		t.Errorf("after --every 2m polled %v, want all three", got)
	}
}

func TestPollerJitterSpreads(t *testing.T) {
	fs := newFeedServer(t)
	var cfgs []Config
	for i := range 20 {
		path := fmt.Sprintf("/f%d", i)
		fs.set(path, item("x", "2026-03-01", "Text."))
		cfgs = append(cfgs, Config{Name: fmt.Sprintf("f%d", i), URL: fs.url(fmt.Sprintf("h%d.test", i), path)})
	}
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, cfgs...)
	var n atomic.Int64
	// An even spread over [0, 1) without a random source.
	p.Rand = func() float64 { return float64(n.Add(1)%20) / 20 }
	round(t, p)
	all, _ := db.FindPollStates(context.Background())
	distinct := map[time.Time]bool{}
	for _, st := range all {
		d := st.NextDue.Sub(st.FetchedAt)
		if d < 13*time.Minute+30*time.Second || d > 16*time.Minute+30*time.Second {
			t.Errorf("%s due after %s, outside 15m ± 10%%", st.Name, d)
		}
		distinct[st.NextDue] = true
	}
	if len(distinct) < 15 {
		t.Errorf("20 sources added together are due at only %d distinct times", len(distinct))
	}
}

// TestPollerNotModifiedStoresNothing checks that a 304 costs no
// extraction and no store write but the poll state's.
func TestPollerNotModifiedStoresNothing(t *testing.T) {
	ctx := context.Background()
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned."), item("b", "2026-03-01", "Bob Ray won."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	cs := &countingStore{DB: db}
	p := testPoller(t, fs, cs, clk, Config{Name: "wire", URL: fs.url("wire.test", "/feed")})
	var extracted atomic.Int64
	p.Extract = func(string, time.Time) *extract.Document { extracted.Add(1); return &extract.Document{} }

	rep := round(t, p)
	if len(rep.Polled) != 1 || len(rep.Polled[0].Items) != 2 || rep.Polled[0].Items[0].Status != store.ResultAdded {
		t.Fatalf("first round: %+v", rep.Polled)
	}
	if cs.loads.Load() != 1 || cs.puts.Load() != 0 || extracted.Load() != 2 {
		t.Fatalf("first round: %d loads, %d state writes, %d extractions; want 1, 0, 2", cs.loads.Load(), cs.puts.Load(), extracted.Load())
	}
	before, _ := db.FindSources(ctx)

	clk.Advance(20 * time.Minute)
	rep = round(t, p)
	if got := polled(rep); got["wire"] != PollNotModified || rep.Polled[0].Code != 304 || len(rep.Polled[0].Items) != 0 {
		t.Fatalf("second round: %+v", rep.Polled)
	}
	if cs.loads.Load() != 1 || cs.puts.Load() != 1 || extracted.Load() != 2 {
		t.Errorf("a 304 cost %d loads, %d state writes, %d extractions; want none but one state write",
			cs.loads.Load()-1, cs.puts.Load(), extracted.Load()-2)
	}
	after, _ := db.FindSources(ctx)
	if fmt.Sprint(derefSources(before)) != fmt.Sprint(derefSources(after)) {
		t.Errorf("a 304 changed the sources:\n%v\n%v", derefSources(before), derefSources(after))
	}
	st, _ := db.PollState(ctx, "wire")
	if st.LastStatus != 304 || !st.FetchedAt.Equal(clk.Now()) || st.ETag != `"v1"` {
		t.Errorf("state after 304: %+v", st)
	}
	if !strings.Contains(rep.String(), "polled 1 of 1 sources") || !strings.Contains(rep.String(), "1 not modified") {
		t.Errorf("summary %q", rep.String())
	}
}

func derefSources(ss []*store.Source) []store.Source {
	out := make([]store.Source, len(ss))
	for i, s := range ss {
		out[i] = *s
	}
	return out
}

// TestPollerNewItemsAndArchive: new items are stored as they appear,
// stored ones are not fetched or extracted again, and items that leave
// the feed stay.
func TestPollerNewItemsAndArchive(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned."), item("b", "2026-03-01", "Bob Ray won."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, Config{Name: "wire", URL: fs.url("wire.test", "/feed")})
	var extracted atomic.Int64
	p.Extract = func(string, time.Time) *extract.Document { extracted.Add(1); return &extract.Document{} }
	round(t, p)

	// c appears, a drops out of the feed.
	fs.set("/feed", item("c", "2026-03-02", "Cai Lun arrived."), item("b", "2026-03-01", "Bob Ray won."))
	clk.Advance(15 * time.Minute)
	rep := round(t, p)
	if len(rep.Polled) != 1 || rep.Polled[0].Status != store.ResultChanged || len(rep.Polled[0].Items) != 1 ||
		rep.Polled[0].Items[0].Name != "wire/c" || rep.Polled[0].Items[0].Status != store.ResultAdded {
		t.Fatalf("second round: %+v", rep.Polled)
	}
	if extracted.Load() != 3 {
		t.Errorf("%d extractions, want 3 (a, b, then c only)", extracted.Load())
	}
	if got := storedNames(t, db, "wire/"); fmt.Sprint(got) != "[wire/a wire/b wire/c]" {
		t.Errorf("stored %v", got)
	}
	// A new version with nothing new (an item re-ordered, a build date):
	// fetched, nothing stored.
	fs.set("/feed", item("b", "2026-03-01", "Bob Ray won."), item("c", "2026-03-02", "Cai Lun arrived."))
	clk.Advance(15 * time.Minute)
	if got := polled(round(t, p)); got["wire"] != store.ResultUnchanged {
		t.Errorf("third round: %v", got)
	}
	if st, _ := db.PollState(context.Background(), "wire"); st.ETag != fs.etag("/feed") {
		t.Errorf("state has %q, want the new version %q", st.ETag, fs.etag("/feed"))
	}
}

// TestPollerBackoff drives one feed through failures on a fake clock and
// checks when it is due after each.
func TestPollerBackoff(t *testing.T) {
	ctx := context.Background()
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, Config{Name: "wire", URL: fs.url("wire.test", "/feed")})
	round(t, p)

	steps := []struct {
		name       string
		status     int
		retryAfter func(now time.Time) string
		failures   int
		wait       time.Duration
		code       int
	}{
		{"first 503", 503, nil, 1, 30 * time.Minute, 503},
		{"second 502", 502, nil, 2, time.Hour, 502},
		{"429 with Retry-After seconds", 429, func(time.Time) string { return "10800" }, 3, 3 * time.Hour, 429},
		{"500 with Retry-After date before the backoff", 500, func(now time.Time) string { return now.Add(time.Hour).Format(http.TimeFormat) }, 4, 4 * time.Hour, 500},
		{"500 with Retry-After date after the backoff, past its cap", 500, func(now time.Time) string { return now.Add(7 * time.Hour).Format(http.TimeFormat) }, 5, 7 * time.Hour, 500},
		{"503 capped", 503, nil, 6, MaxBackoff, 503},
		{"404 is not backed off", 404, nil, 7, 15 * time.Minute, 404},
		{"back", 0, nil, 0, 15 * time.Minute, 304},
	}
	for _, s := range steps {
		st, _ := db.PollState(ctx, "wire")
		clk.Advance(st.NextDue.Sub(clk.Now()))
		ra := ""
		if s.retryAfter != nil {
			ra = s.retryAfter(clk.Now())
		}
		fs.fail("/feed", s.status, ra)
		rep := round(t, p)
		if len(rep.Polled) != 1 {
			t.Fatalf("%s: polled %d sources at its due time", s.name, len(rep.Polled))
		}
		r := rep.Polled[0]
		st, _ = db.PollState(ctx, "wire")
		if st.Failures != s.failures || st.LastStatus != s.code || r.Code != s.code || st.NextDue.Sub(clk.Now()) != s.wait || !r.NextDue.Equal(st.NextDue) {
			t.Errorf("%s: failures %d, status %d (report %d), due in %s; want %d, %d, %s", s.name, st.Failures, st.LastStatus, r.Code,
				st.NextDue.Sub(clk.Now()), s.failures, s.code, s.wait)
		}
		if s.status != 0 && (r.Status != store.ResultFailed || st.LastError == "" || !strings.Contains(r.Error, fmt.Sprint(s.status))) {
			t.Errorf("%s: report %+v, last error %q", s.name, r, st.LastError)
		}
		if st.ETag != `"v1"` {
			t.Errorf("%s: validators lost: %+v", s.name, st)
		}
		// Nothing is due before the recorded time.
		clk.Advance(st.NextDue.Sub(clk.Now()) - time.Second)
		if rep := round(t, p); len(rep.Polled) != 0 {
			t.Errorf("%s: polled again a second before its due time", s.name)
		}
	}
	if st, _ := db.PollState(ctx, "wire"); st.LastError != "" {
		t.Errorf("recovered source keeps error %q", st.LastError)
	}
}

// TestPollerLimits checks the global and per-host limits against a
// server that counts requests in flight.
func TestPollerLimits(t *testing.T) {
	tests := []struct {
		name         string
		hosts, feeds int
		max          int
		wantGlobal   int
	}{
		{"global limit", 6, 4, 3, 3},
		{"default limit", 12, 2, 0, DefaultMaxFetches},
		{"one host", 1, 6, 8, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFeedServer(t)
			fs.delay = 40 * time.Millisecond
			var cfgs []Config
			for h := range tt.hosts {
				for f := range tt.feeds {
					path := fmt.Sprintf("/h%d/f%d", h, f)
					fs.set(path, item("x", "2026-03-01", "Text."))
					cfgs = append(cfgs, Config{Name: fmt.Sprintf("h%d-f%d", h, f), URL: fs.url(fmt.Sprintf("host%d.test", h), path)})
				}
			}
			clk := newFakeClock()
			db := openTestDB(t, clk.Now)
			p := testPoller(t, fs, db, clk, cfgs...)
			p.MaxFetches = tt.max
			rep := round(t, p)
			if len(rep.Polled) != len(cfgs) || rep.Count(store.ResultChanged) != len(cfgs) {
				t.Fatalf("polled %d of %d: %s", len(rep.Polled), len(cfgs), rep)
			}
			maxHost, maxGlobal := fs.limits()
			if maxHost != 1 || maxGlobal != tt.wantGlobal {
				t.Errorf("at most %d requests to one host and %d overall; want 1 and %d", maxHost, maxGlobal, tt.wantGlobal)
			}
		})
	}
}

// TestPollerRun runs the loop on a fake clock: it sleeps until the next
// source is due, polls it, and stops at once when cancelled.
func TestPollerRun(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, Config{Name: "wire", URL: fs.url("wire.test", "/feed"), Every: "10m"})
	p.Idle = time.Hour
	rounds := make(chan *RoundReport, 10)
	p.OnRound = func(r *RoundReport) { rounds <- r }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()

	next := func() *RoundReport {
		t.Helper()
		select {
		case r := <-rounds:
			return r
		case <-time.After(10 * time.Second):
			t.Fatal("no round")
			return nil
		}
	}
	waitTimer := func(want time.Time) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			if w := clk.Waiting(); len(w) == 1 && w[0].Equal(want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("Run sleeps until %v, want %v", clk.Waiting(), want)
			}
			time.Sleep(time.Millisecond)
		}
	}
	if r := next(); len(r.Polled) != 1 || r.Polled[0].Status != store.ResultChanged {
		t.Fatalf("first round %s", r)
	}
	waitTimer(pollStart.Add(10 * time.Minute))
	fs.add("/feed", item("b", "2026-03-02", "Bob Ray won."))
	clk.Advance(10 * time.Minute)
	if r := next(); len(r.Polled) != 1 || len(r.Polled[0].Items) != 1 || r.Polled[0].Items[0].Name != "wire/b" {
		t.Fatalf("second round %s: %+v", r, r.Polled)
	}
	waitTimer(pollStart.Add(20 * time.Minute))
	start := time.Now()
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Run did not stop within a second of cancel")
	}
	t.Logf("stopped in %s", time.Since(start))
}

// TestPollerRunStopsMidFetch cancels Run while a fetch hangs: it returns
// within a second and records nothing of the cut fetch.
func TestPollerRunStopsMidFetch(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/slow", item("a", "2026-03-01", "Ann Lee resigned."))
	fs.delay = time.Minute
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, Config{Name: "slow", URL: fs.url("slow.test", "/slow")})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	for fs.requests.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Run did not stop within a second of cancel")
	}
	t.Logf("stopped in %s", time.Since(start))
	if _, err := db.PollState(context.Background(), "slow"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a cancelled fetch left a poll state: %v", err)
	}
	// And a round cut short reports the source as cancelled.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	rep, err := p.Round(ctx2)
	if err != nil || rep.Cancelled != 1 || len(rep.Polled) != 0 {
		t.Errorf("cut round: %+v, %v", rep, err)
	}
}

// TestPollerStoreFallback: when a fetch's articles cannot be stored
// together, they are stored one by one; the fetch's validators are kept
// only if all of them were.
func TestPollerStoreFallback(t *testing.T) {
	ctx := context.Background()
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned."), item("b", "2026-03-01", "Bob Ray won."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	cs := &countingStore{DB: db, loadErr: errors.New("disk hiccup")}
	p := testPoller(t, fs, cs, clk, Config{Name: "wire", URL: fs.url("wire.test", "/feed")})
	rep := round(t, p)
	if got := polled(rep); got["wire"] != store.ResultChanged {
		t.Fatalf("round: %+v", rep.Polled)
	}
	if got := storedNames(t, db, "wire/"); len(got) != 2 {
		t.Errorf("stored %v", got)
	}
	if st, _ := db.PollState(ctx, "wire"); st.ETag != `"v1"` || st.Failures != 0 {
		t.Errorf("state %+v", st)
	}
}

// TestPollerLocationChange: validators belong to a URL; a source moved
// to another URL is fetched unconditionally, at once.
func TestPollerLocationChange(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("/old", item("a", "2026-03-01", "Ann Lee resigned."))
	fs.set("/new", item("a", "2026-03-01", "Ann Lee resigned."))
	clk := newFakeClock()
	db := openTestDB(t, clk.Now)
	p := testPoller(t, fs, db, clk, Config{Name: "wire", URL: fs.url("wire.test", "/old")})
	round(t, p)
	p.Sources = func(context.Context) ([]Config, error) {
		return []Config{{Name: "wire", URL: fs.url("wire.test", "/new")}}, nil
	}
	clk.Advance(time.Minute)
	cond := fs.conditional.Load()
	if got := polled(round(t, p)); got["wire"] != store.ResultUnchanged {
		t.Errorf("moved source: %v", got)
	}
	if fs.conditional.Load() != cond {
		t.Error("the old URL's validators were sent to the new one")
	}
	if st, _ := db.PollState(context.Background(), "wire"); st.Location != fs.url("wire.test", "/new") {
		t.Errorf("state %+v", st)
	}
}
