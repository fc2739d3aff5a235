package bot_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/source"
	"briefbot/store"
)

// newsFeed is a local news site whose RSS feed gains items over the
// day. It answers a conditional GET for the current version with 304.
type newsFeed struct {
	srv *httptest.Server

	mu      sync.Mutex
	items   []newsItem // newest first
	version int
	gets    int
}

type newsItem struct {
	guid, published, text string
}

func newNewsFeed(t *testing.T) *newsFeed {
	f := &newsFeed{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *newsFeed) publish(it newsItem) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append([]newsItem{it}, f.items...)
	f.version++
}

func (f *newsFeed) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gets++
	etag := fmt.Sprintf(`"v%d"`, f.version)
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ruritania Wire</title><link>https://news.example/</link><description>News</description>`)
	for _, it := range f.items {
		fmt.Fprintf(w, "<item><title>%s</title><link>https://news.example/%s</link><guid>%s</guid><pubDate>%s</pubDate><content:encoded>%s</content:encoded></item>",
			html.EscapeString(it.text), it.guid, it.guid, it.published, html.EscapeString("<p>"+it.text+"</p>"))
	}
	fmt.Fprint(w, `</channel></rss>`)
}

// pollTimer is the poller's timer on the digest clock: Advance moves the
// clock once the poller is asleep, and wakes it when its time has come.
type pollTimer struct {
	clk *digestClock

	mu      sync.Mutex
	waiters []pollWaiter
}

type pollWaiter struct {
	at time.Time
	ch chan time.Time
}

func (p *pollTimer) After(d time.Duration) <-chan time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	ch := make(chan time.Time, 1)
	p.waiters = append(p.waiters, pollWaiter{at: p.clk.Now().Add(d), ch: ch})
	return ch
}

// advance waits for the poller to finish its round and sleep, then sets
// the clock to t, waking the poller if it is due.
func (p *pollTimer) advance(t *testing.T, to time.Time) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.mu.Lock()
		n := len(p.waiters)
		p.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the poller is still busy at %s", p.clk.Now())
		}
		time.Sleep(time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clk.Set(to)
	kept := p.waiters[:0]
	for _, w := range p.waiters {
		if !w.at.After(to) {
			w.ch <- to
		} else {
			kept = append(kept, w)
		}
	}
	p.waiters = kept
}

// TestDigestE2E_PolledNews runs a simulated day: a local feed gains items,
// the poller ingests each at its next round, and the next scheduled
// digest posts exactly the new developments, once, by publication date.
func TestDigestE2E_PolledNews(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t, "2026-03-02T06:00:00Z") // Monday
	env.set("08:00", "UTC", "daily")

	feed := newNewsFeed(t)
	rfc := func(v string) string { return digestTime(t, v).Format(time.RFC1123Z) }
	feed.publish(newsItem{"resign", rfc("2026-03-01T18:00:00Z"), "Ann Lee resigned as finance minister of Ruritania on Sunday."})
	feed.publish(newsItem{"budget", rfc("2026-03-02T05:30:00Z"), "Ruritania's parliament approved the 2026 budget on Monday."})

	timer := &pollTimer{clk: env.clk}
	var mu sync.Mutex
	var rounds []*source.RoundReport
	p := &source.Poller{
		Loader: &source.Loader{AllowPrivate: true, Timeout: 5 * time.Second},
		Store:  env.db,
		Sources: func(context.Context) ([]source.Config, error) {
			return []source.Config{{Name: "wire", URL: feed.srv.URL + "/rss"}}, nil
		},
		Now:     env.clk.Now,
		After:   timer.After,
		Rand:    func() float64 { return 0.5 },
		Logger:  testLogger(),
		OnRound: func(r *source.RoundReport) { mu.Lock(); rounds = append(rounds, r); mu.Unlock() },
	}
	pctx, stop := context.WithCancel(ctx)
	polling := make(chan struct{})
	go func() { p.Run(pctx); close(polling) }()
	defer func() { stop(); <-polling }()

	s := env.scheduler(nil)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)

	// walk moves the clock in the poller's 15-minute steps up to until;
	// the feed publishes each item at the first step at or after its time.
	pending := map[string]newsItem{
		"2026-03-02T10:00:00Z": {"mayor", rfc("2026-03-02T09:55:00Z"), "Bob Ray won the Kerrville mayoral election on Monday."},
		// An archive item that reappears in the feed: new to the
		// database, but not news by its publication date.
		"2026-03-02T12:00:00Z": {"archive", rfc("2026-02-01T12:00:00Z"), "The Kerrville council met on Sunday to discuss parking."},
		"2026-03-02T15:00:00Z": {"bridge", rfc("2026-03-02T14:40:00Z"), "The Ostia bridge reopened to traffic on Monday after two years of repairs."},
	}
	walk := func(until string) {
		end := digestTime(t, until)
		for now := env.clk.Now(); now.Before(end); {
			now = now.Add(15 * time.Minute)
			if now.After(end) {
				now = end
			}
			for at, it := range pending {
				if !digestTime(t, at).After(now) {
					feed.publish(it)
					delete(pending, at)
				}
			}
			timer.advance(t, now)
		}
	}

	walk("2026-03-02T08:00:01Z")
	msgs := env.waitMessages(1)
	first := msgs[0].Embeds[0].Description
	for _, want := range []string{"Ann Lee resigned as finance minister of Ruritania on Sunday.", "Ruritania's parliament approved the 2026 budget on Monday."} {
		if !strings.Contains(first, want) {
			t.Errorf("first digest lacks %q:\n%s", want, first)
		}
	}

	walk("2026-03-03T08:00:01Z")
	msgs = env.waitMessages(2)
	time.Sleep(150 * time.Millisecond) // more wakeups post nothing more
	if msgs = env.messages(); len(msgs) != 2 {
		t.Fatalf("%d digests after the second due time, want 2", len(msgs))
	}
	second := msgs[1].Embeds[0].Description
	lines := strings.Count(second, "\n") + 1
	if !strings.Contains(second, "Bob Ray won the Kerrville mayoral election on Monday.") ||
		!strings.Contains(second, "The Ostia bridge reopened to traffic on Monday after two years of repairs.") || lines != 2 {
		t.Errorf("second digest, want exactly the mayor and the bridge:\n%s", second)
	}
	if !strings.HasPrefix(msgs[1].Embeds[0].Title, "Key developments since Mon 2 Mar 08:00") {
		t.Errorf("second title %q", msgs[1].Embeds[0].Title)
	}

	// A day with nothing new posts nothing.
	walk("2026-03-04T08:00:01Z")
	time.Sleep(150 * time.Millisecond)
	if n := len(env.messages()); n != 2 {
		t.Errorf("%d digests after a quiet day, want still 2", n)
	}
	run, err := env.db.DigestRun(ctx, digestChannel, digestTime(t, "2026-03-04T08:00:00Z"))
	if err != nil || run.Status != store.RunSkipped {
		t.Errorf("quiet day's run %+v, %v; want skipped", run, err)
	}

	// The poller polled on its schedule and fetched in full only when the
	// feed changed: the first round and the three publications.
	mu.Lock()
	defer mu.Unlock()
	full, notModified := 0, 0
	for _, r := range rounds {
		for _, pr := range r.Polled {
			switch pr.Status {
			case source.PollNotModified:
				notModified++
			default:
				full++
			}
		}
	}
	if full != 4 || notModified < 4*24*2-4 {
		t.Errorf("%d rounds: %d full fetches, %d not modified; want 4 full, the rest 304", len(rounds), full, notModified)
	}
	if srcs := storedNames(t, env.db); fmt.Sprint(srcs) != "[wire/archive wire/bridge wire/budget wire/mayor wire/resign]" {
		t.Errorf("stored %v", srcs)
	}
	if v := env.fake.Violations(); len(v) > 0 {
		t.Fatalf("violations: %v", v)
	}
}

func storedNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	srcs, err := db.FindSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range srcs {
		out = append(out, s.Name)
	}
	return out
}
