package source

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// Polling defaults and bounds.
const (
	// DefaultFeedEvery and DefaultPageEvery are the intervals of sources
	// without an "every": news feeds change within the hour, pages
	// rarely.
	DefaultFeedEvery = 15 * time.Minute
	DefaultPageEvery = 6 * time.Hour
	// MinEvery is the shortest interval a source may ask for.
	MinEvery = time.Minute
	// MaxBackoff caps the doubling of a failing source's interval.
	MaxBackoff = 6 * time.Hour
	// MaxRetryAfter caps the wait a server's Retry-After can impose, so
	// that a mistaken "come back next year" does not switch a source off.
	MaxRetryAfter = 24 * time.Hour
	// DefaultMaxFetches bounds the fetches of a round running at once.
	DefaultMaxFetches = 8
	// DefaultIdle is the longest Run sleeps between rounds, so that
	// sources added meanwhile are polled soon.
	DefaultIdle = time.Minute
	// Jitter spreads due times by up to this fraction of the interval
	// either way, so that sources added together do not stay in step.
	Jitter = 0.1
)

// Poll statuses, beside store.ResultChanged ("changed": articles added
// or changed), store.ResultUnchanged (fetched, nothing new) and
// store.ResultFailed.
const (
	// PollNotModified is a 304: the server said nothing changed.
	PollNotModified = "not modified"
)

// PollStore is what a Poller needs of the store.
type PollStore interface {
	FindPollStates(ctx context.Context) ([]*store.PollState, error)
	PutPollState(ctx context.Context, st *store.PollState) error
	LoadPolled(ctx context.Context, ins []store.SourceInput, st *store.PollState) ([]*store.LoadResult, error)
	SourceHash(ctx context.Context, name string) (hash string, ok bool, err error)
}

var _ PollStore = (*store.DB)(nil)

// Poller refreshes URL sources, each on its own schedule, politely: with
// conditional GETs, at most MaxFetches at once and one at a time per
// host, backing off from servers that answer 429 or 5xx. New feed items
// are stored as they appear; items that leave a feed stay stored.
//
// A fetch's articles and the poll state recording it are written in one
// transaction, so a crash or a cancelled round leaves every source as it
// was before the fetch or as the fetch found it, never in between.
type Poller struct {
	// Loader fetches; its address policy and limits apply. Its SkipItem
	// is not used: the poller skips the items already stored.
	Loader *Loader
	Store  PollStore
	// Sources returns the sources to poll; it is called every round, so
	// sources added or removed meanwhile are noticed. Sources without a
	// URL are ignored.
	Sources func(ctx context.Context) ([]Config, error)
	// Every, when set, replaces every source's interval (watch --every).
	Every time.Duration
	// MaxFetches bounds the fetches running at once (DefaultMaxFetches).
	MaxFetches int
	// Idle bounds Run's sleep between rounds (DefaultIdle).
	Idle time.Duration
	// Extract defaults to extract.Extract.
	Extract func(text string, published time.Time) *extract.Document
	// Now, After and Rand are the clock, the timer and the jitter's
	// random source in [0, 1); tests replace them.
	Now    func() time.Time
	After  func(d time.Duration) <-chan time.Time
	Rand   func() float64
	Logger *slog.Logger
	// OnRound, when set, is called by Run after each round.
	OnRound func(*RoundReport)
}

// PollReport says what polling one source did.
type PollReport struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	// Kind is KindFeed or KindPage once known.
	Kind string `json:"kind,omitempty"`
	// Status is store.ResultChanged, store.ResultUnchanged,
	// PollNotModified or store.ResultFailed.
	Status string `json:"status"`
	// Code is the HTTP status, 0 when no answer came.
	Code int `json:"code,omitempty"`
	// Items report on each article stored: the page, or the feed's new
	// items (those already stored are not fetched again).
	Items    []Report  `json:"items,omitempty"`
	Error    string    `json:"error,omitempty"`
	Failures int       `json:"failures,omitempty"`
	NextDue  time.Time `json:"next_due"`
}

// RoundReport says what one round did.
type RoundReport struct {
	// Start is when the round began, on the Poller's clock; Duration is
	// the wall time it took.
	Start    time.Time     `json:"start"`
	Duration time.Duration `json:"duration"`
	// Sources counts the URL sources known; Polled reports on those that
	// were due, in the order of Sources.
	Sources int          `json:"sources"`
	Polled  []PollReport `json:"polled"`
	// Cancelled counts due sources whose fetch a cancellation cut short:
	// they are as they were, and due at once next time.
	Cancelled int `json:"cancelled,omitempty"`
	// NextDue is when the next source is due.
	NextDue time.Time `json:"next_due"`
}

// Count returns how many sources ended the round with status.
func (r *RoundReport) Count(status string) int {
	n := 0
	for _, p := range r.Polled {
		if p.Status == status {
			n++
		}
	}
	return n
}

// Items counts the articles the round added and changed.
func (r *RoundReport) Items() (added, changed int) {
	for _, p := range r.Polled {
		for _, it := range p.Items {
			switch it.Status {
			case store.ResultAdded:
				added++
			case store.ResultChanged:
				changed++
			}
		}
	}
	return added, changed
}

// String is the round's one-line summary.
func (r *RoundReport) String() string {
	added, changed := r.Items()
	s := fmt.Sprintf("round %s: polled %d of %d sources in %s: %d not modified, %d unchanged, %d changed (%d items added, %d changed), %d failed",
		r.Start.Format("15:04:05"), len(r.Polled), r.Sources, r.Duration.Round(time.Millisecond),
		r.Count(PollNotModified), r.Count(store.ResultUnchanged), r.Count(store.ResultChanged), added, changed, r.Count(store.ResultFailed))
	if r.Cancelled > 0 {
		s += fmt.Sprintf(", %d cancelled", r.Cancelled)
	}
	if !r.NextDue.IsZero() {
		s += "; next due " + r.NextDue.Format("15:04:05")
	}
	return s
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) after(d time.Duration) <-chan time.Time {
	if p.After != nil {
		return p.After(d)
	}
	return time.After(d)
}

func (p *Poller) rand() float64 {
	if p.Rand != nil {
		return p.Rand()
	}
	return rand.Float64()
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (p *Poller) maxFetches() int {
	if p.MaxFetches > 0 {
		return p.MaxFetches
	}
	return DefaultMaxFetches
}

func (p *Poller) idle() time.Duration {
	if p.Idle > 0 {
		return p.Idle
	}
	return DefaultIdle
}

// interval is how often c is polled, given the kind it served last.
func (p *Poller) interval(c Config, kind string) time.Duration {
	switch {
	case p.Every > 0:
		return p.Every
	case c.Interval() > 0:
		return c.Interval()
	case kind == KindPage:
		return DefaultPageEvery
	}
	return DefaultFeedEvery
}

// Run polls until ctx is done: a round, then a sleep until the next
// source is due (at most Idle). A round in progress when ctx ends is cut
// short; what it had stored stays, what it had not is fetched next time.
func (p *Poller) Run(ctx context.Context) {
	for {
		rep, err := p.Round(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := p.idle()
		if err != nil {
			p.logger().Error("poll", "err", err)
		} else {
			// Rounds that only heard "not modified" are the common case;
			// they go to debug so the log shows what changed.
			switch {
			case rep.Count(store.ResultChanged)+rep.Count(store.ResultFailed) > 0:
				p.logger().Info("poll round", "summary", rep.String())
			case len(rep.Polled) > 0:
				p.logger().Debug("poll round", "summary", rep.String())
			}
			if p.OnRound != nil {
				p.OnRound(rep)
			}
			if !rep.NextDue.IsZero() {
				wait = min(wait, rep.NextDue.Sub(p.now()))
			}
		}
		// Never spin: a due time already past waits a second.
		wait = max(wait, time.Second)
		select {
		case <-ctx.Done():
			return
		case <-p.after(wait):
		}
	}
}

// pollJob is one due source.
type pollJob struct {
	c  Config
	st *store.PollState
}

// Round polls every source that is due, once, and reports on it.
func (p *Poller) Round(ctx context.Context) (*RoundReport, error) {
	wall := time.Now()
	start := p.now()
	if p.Sources == nil || p.Loader == nil || p.Store == nil {
		return nil, errors.New("poll: a Poller needs Sources, a Loader and a Store")
	}
	cfgs, err := p.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("poll: %w", err)
	}
	states, err := p.Store.FindPollStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("poll: %w", err)
	}
	byName := make(map[string]*store.PollState, len(states))
	for _, st := range states {
		byName[st.Name] = st
	}
	rep := &RoundReport{Start: start}
	seen := make(map[string]bool, len(cfgs))
	var jobs []pollJob
	for _, c := range cfgs {
		if c.URL == "" {
			continue
		}
		if seen[c.Name] {
			p.logger().Warn("poll: duplicate source name, later one ignored", "source", c.Name, "url", c.URL)
			continue
		}
		seen[c.Name] = true
		rep.Sources++
		st := byName[c.Name]
		if due := p.dueAt(c, st); due.After(start) {
			rep.noteDue(due)
			continue
		}
		jobs = append(jobs, pollJob{c: c, st: st})
	}
	for _, r := range p.runJobs(ctx, jobs) {
		if r == nil {
			rep.Cancelled++
			continue
		}
		rep.Polled = append(rep.Polled, *r)
		rep.noteDue(r.NextDue)
	}
	rep.Duration = time.Since(wall)
	return rep, nil
}

func (r *RoundReport) noteDue(t time.Time) {
	if !t.IsZero() && (r.NextDue.IsZero() || t.Before(r.NextDue)) {
		r.NextDue = t
	}
}

// dueAt is when c is due: at once if never polled (or polled at another
// URL), else at its recorded due time, brought forward when its interval
// was shortened since.
func (p *Poller) dueAt(c Config, st *store.PollState) time.Time {
	if st == nil || st.Location != c.URL || st.FetchedAt.IsZero() {
		return time.Time{}
	}
	due := st.NextDue
	if st.Failures == 0 {
		iv := p.interval(c, st.Kind)
		if limit := st.FetchedAt.Add(iv + time.Duration(Jitter*float64(iv))); limit.Before(due) {
			due = limit
		}
	}
	return due
}

// runJobs polls jobs, at most MaxFetches at once and one at a time per
// host. A job cut short by ctx reports nil.
func (p *Poller) runJobs(ctx context.Context, jobs []pollJob) []*PollReport {
	out := make([]*PollReport, len(jobs))
	var hosts []string
	byHost := map[string][]int{}
	for i, j := range jobs {
		h := hostOf(j.c.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	slots := make(chan struct{}, p.maxFetches())
	var wg sync.WaitGroup
	for _, h := range hosts {
		queue := byHost[h]
		wg.Go(func() {
			for _, i := range queue {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				out[i] = p.poll(ctx, jobs[i].c, jobs[i].st)
				<-slots
			}
		})
	}
	wg.Wait()
	return out
}

// hostOf is the politeness key of a URL: its host name, whatever the
// port or scheme.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Hostname())
}

// poll fetches one source and records what came of it. It returns nil
// when ctx ended first: nothing of the fetch was recorded.
func (p *Poller) poll(ctx context.Context, c Config, old *store.PollState) *PollReport {
	start := p.now()
	st := store.PollState{Name: c.Name, Location: c.URL}
	var prev Validators
	if old != nil && old.Location == c.URL {
		st = *old
		prev = Validators{ETag: old.ETag, LastModified: old.LastModified}
	}
	st.FetchedAt = start
	rep := &PollReport{Name: c.Name, Location: c.URL, Kind: st.Kind}

	stored := func(name string) bool {
		_, ok, err := p.Store.SourceHash(ctx, name)
		return err == nil && ok
	}
	// The unwrapped load: the report and the state name the source
	// already.
	f, err := p.Loader.loadChanged(ctx, c, prev, stored)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return p.failed(ctx, c, &st, err, rep)
	}
	st.LastStatus, st.Failures, st.LastError = f.Status, 0, ""
	if f.Kind != "" {
		st.Kind = f.Kind
	}
	st.ETag, st.LastModified = f.Validators.ETag, f.Validators.LastModified
	st.NextDue = nextDue(start, p.interval(c, st.Kind), 0, false, 0, p.rand())
	rep.Kind, rep.Code, rep.NextDue = st.Kind, f.Status, st.NextDue

	if len(f.Articles) == 0 {
		// A 304, or a feed whose items are all stored: only the state
		// changes.
		rep.Status = store.ResultUnchanged
		if f.NotModified {
			rep.Status = PollNotModified
		}
		if err := p.Store.PutPollState(ctx, &st); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			rep.Status, rep.Error = store.ResultFailed, err.Error()
		}
		return rep
	}

	ins, items, err := p.prepare(ctx, f.Articles)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return p.failed(ctx, c, &st, err, rep)
	}
	res, err := p.Store.LoadPolled(ctx, ins, &st)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return p.storeEach(ctx, c, old, st, ins, items, err, rep)
	}
	rep.Items = items
	rep.Status = store.ResultUnchanged
	for i, r := range res {
		rep.Items[i].Status = r.Status
		rep.Items[i].Entities, rep.Items[i].Events, rep.Items[i].Quotes = r.Entities, r.Events, r.Quotes
		if r.Status != store.ResultUnchanged {
			rep.Status = store.ResultChanged
		}
	}
	return rep
}

// prepare turns articles into the store's input, extracting those whose
// content the store does not already hold. It stops when ctx ends.
func (p *Poller) prepare(ctx context.Context, arts []Article) ([]store.SourceInput, []Report, error) {
	ins := make([]store.SourceInput, len(arts))
	reps := make([]Report, len(arts))
	for i, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		in, rep, err := prepareArticle(ctx, p.Store, p.Extract, a)
		if err != nil {
			return nil, nil, err
		}
		ins[i], reps[i] = in, rep
	}
	return ins, reps, nil
}

// storeEach stores the articles one at a time after their transaction
// failed, so that one bad article does not hold back the others. The
// validators of the fetch are kept only if every article then stored;
// otherwise the old ones stay, so the next poll fetches again and
// retries what failed.
func (p *Poller) storeEach(ctx context.Context, c Config, old *store.PollState, st store.PollState, ins []store.SourceInput, items []Report, batchErr error, rep *PollReport) *PollReport {
	p.logger().Warn("poll: storing a fetch at once failed; storing its articles one by one", "source", c.Name, "err", batchErr)
	failed := 0
	var firstErr error
	rep.Status = store.ResultUnchanged
	for i, in := range ins {
		res, err := p.Store.LoadPolled(ctx, []store.SourceInput{in}, nil)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failed++
			firstErr = cmpOr(firstErr, err)
			items[i].Status, items[i].Error = store.ResultFailed, err.Error()
			continue
		}
		r := res[0]
		items[i].Status = r.Status
		items[i].Entities, items[i].Events, items[i].Quotes = r.Entities, r.Events, r.Quotes
		if r.Status != store.ResultUnchanged {
			rep.Status = store.ResultChanged
		}
	}
	rep.Items = items
	if failed > 0 {
		if old != nil && old.Location == c.URL {
			st.ETag, st.LastModified = old.ETag, old.LastModified
		} else {
			st.ETag, st.LastModified = "", ""
		}
		st.Failures++
		st.LastError = fmt.Sprintf("%d of %d articles not stored: %v", failed, len(ins), firstErr)
		rep.Status, rep.Error, rep.Failures = store.ResultFailed, st.LastError, st.Failures
	}
	if err := p.Store.PutPollState(ctx, &st); err != nil && ctx.Err() == nil {
		rep.Status, rep.Error = store.ResultFailed, err.Error()
	}
	return rep
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// failed records a failed fetch: the old validators stay, the failure is
// counted, and a server that is overloaded or rate-limiting (429, 5xx) is
// left alone for longer.
func (p *Poller) failed(ctx context.Context, c Config, st *store.PollState, err error, rep *PollReport) *PollReport {
	st.Failures++
	st.LastError = err.Error()
	st.LastStatus = 0
	var retryAfter time.Duration
	backoff := false
	var he *HTTPError
	if errors.As(err, &he) {
		st.LastStatus = he.StatusCode
		backoff = he.StatusCode == http.StatusTooManyRequests || he.StatusCode >= 500
		retryAfter = ParseRetryAfter(he.RetryAfter, p.now())
	}
	st.NextDue = nextDue(st.FetchedAt, p.interval(c, st.Kind), st.Failures, backoff, retryAfter, p.rand())
	p.logger().Warn("poll failed", "source", c.Name, "failures", st.Failures, "next", st.NextDue, "err", err)
	rep.Status, rep.Code, rep.Error, rep.Failures, rep.NextDue = store.ResultFailed, st.LastStatus, st.LastError, st.Failures, st.NextDue
	if err := p.Store.PutPollState(ctx, st); err != nil && ctx.Err() == nil {
		rep.Error += fmt.Sprintf(" (and recording it failed: %v)", err)
	}
	return rep
}

// nextDue is when a source fetched at at is due again. Normally that is
// its interval later. After failures in a row that call for backing off,
// the interval doubles per failure, up to MaxBackoff but never below the
// plain interval; a Retry-After (up to MaxRetryAfter) is waited out in
// any case. r, in [0, 1), moves the result by up to ±Jitter of itself.
func nextDue(at time.Time, every time.Duration, failures int, backoff bool, retryAfter time.Duration, r float64) time.Time {
	d := jitter(every, r)
	if backoff && failures > 0 {
		b := every
		for i := 0; i < failures && b < MaxBackoff; i++ {
			b *= 2
		}
		d = max(d, min(jitter(b, r), MaxBackoff))
	}
	if retryAfter > 0 {
		d = max(d, min(retryAfter, MaxRetryAfter))
	}
	return at.Add(d)
}

// jitter moves d by (2r-1)·Jitter of itself.
func jitter(d time.Duration, r float64) time.Duration {
	return d + time.Duration((2*r-1)*Jitter*float64(d))
}
