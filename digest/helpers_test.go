package digest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// testClock is a settable clock shared by the store and the runner.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// mustOpenDB opens a database file in a temporary directory, on clk.
func mustOpenDB(tb testing.TB, clk *testClock) *store.DB {
	tb.Helper()
	db := store.NewDB(filepath.Join(tb.TempDir(), "db"))
	db.Now = clk.Now
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(context.Background()); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// sent is one sentence of a hand-built article: its text, the date of the
// event it reports (none when empty), its participants and an optional
// quote, which must occur in the text.
type sent struct {
	text   string
	date   string
	people []string
	orgs   []string
	quote  string
}

// article builds a source from sentences: one event per dated sentence
// with the sentence as its summary, people and organisations as
// entities, and the quotes.
func article(name, published string, sents ...sent) store.SourceInput {
	doc := &extract.Document{}
	var b strings.Builder
	seen := map[string]bool{}
	for _, s := range sents {
		start := b.Len()
		b.WriteString(s.text)
		end := b.Len()
		b.WriteString(" ")
		doc.Sentences = append(doc.Sentences, extract.Sentence{Start: start, End: end})
		var names []string
		add := func(n string, kind extract.Kind) {
			names = append(names, n)
			if !seen[n] {
				seen[n] = true
				doc.Entities = append(doc.Entities, extract.Entity{ID: extract.EntityID(kind, n), Name: n, Kind: kind})
			}
			if i := strings.Index(s.text, n); i >= 0 {
				doc.Mentions = append(doc.Mentions, extract.Mention{Start: start + i, End: start + i + len(n), Text: n, Kind: kind, Entity: n})
			}
		}
		for _, p := range s.people {
			add(p, extract.Person)
		}
		for _, o := range s.orgs {
			add(o, extract.Org)
		}
		if s.date != "" {
			doc.Events = append(doc.Events, extract.Event{Date: s.date, Precision: precisionOf(s.date), Summary: s.text, Sentence: s.text,
				Entities: names, Source: name, Start: start, End: end, ClauseStart: start, ClauseEnd: end})
		}
		if s.quote != "" {
			i := strings.Index(s.text, s.quote)
			if i < 0 {
				panic("quote not in sentence: " + s.quote)
			}
			speaker := ""
			if len(s.people) > 0 {
				speaker = s.people[0]
			}
			doc.Quotes = append(doc.Quotes, extract.Quote{Speaker: speaker, SpeakerKind: extract.Person, Text: s.quote, Date: published,
				Source: name, Start: start + i, End: start + i + len(s.quote), SentenceStart: start, SentenceEnd: end})
		}
	}
	return store.SourceInput{Name: name, Location: "file:" + name, URL: "https://news.example/" + name,
		Title: "Title of " + name, Published: published, Text: b.String(), Doc: doc}
}

func precisionOf(date string) extract.Precision {
	switch len(date) {
	case 10:
		return extract.Day
	case 7:
		if strings.Contains(date, "Q") {
			return extract.Quarter
		}
		return extract.Month
	case 4:
		return extract.Year
	}
	return extract.Day
}

func mustLoad(tb testing.TB, db *store.DB, in store.SourceInput) {
	tb.Helper()
	if _, err := db.LoadSource(context.Background(), in); err != nil {
		tb.Fatal(err)
	}
}

func mustSchedule(tb testing.TB, db *store.DB, channel, clock, zone, days string, postEmpty bool) {
	tb.Helper()
	spec, err := ParseSpec(clock, zone, days)
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.PutDigestSchedule(context.Background(), &store.DigestSchedule{ChannelID: channel, Clock: spec.Clock(),
		TimeZone: spec.Loc.String(), Days: spec.DaysString(), PostEmpty: postEmpty}); err != nil {
		tb.Fatal(err)
	}
}

// fakePoster is a Poster of function fields.
type fakePoster struct {
	PostFn       func(ctx context.Context, channelID string, msg *Message, nonce string) (string, error)
	FindPostedFn func(ctx context.Context, channelID, ref string) (string, error)
}

var _ Poster = (*fakePoster)(nil)

func (p *fakePoster) Post(ctx context.Context, channelID string, msg *Message, nonce string) (string, error) {
	return p.PostFn(ctx, channelID, msg, nonce)
}

func (p *fakePoster) FindPosted(ctx context.Context, channelID, ref string) (string, error) {
	if p.FindPostedFn == nil {
		return "", nil
	}
	return p.FindPostedFn(ctx, channelID, ref)
}

// memChannel is an in-memory chat server: it keeps the messages posted to
// each channel and, like Discord with enforce_nonce, returns the existing
// message for a nonce it has seen within window.
type memChannel struct {
	mu       sync.Mutex
	clk      *testClock
	window   time.Duration
	messages map[string][]memMessage
	posts    int // calls to Post, including deduplicated ones
}

type memMessage struct {
	id    string
	nonce string
	at    time.Time
	msg   *Message
}

func newMemChannel(clk *testClock) *memChannel {
	return &memChannel{clk: clk, window: 2 * time.Minute, messages: map[string][]memMessage{}}
}

func (m *memChannel) Post(ctx context.Context, channelID string, msg *Message, nonce string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.posts++
	if len(nonce) > MaxNonce {
		return "", fmt.Errorf("nonce too long: %d", len(nonce))
	}
	now := m.clk.Now()
	for _, old := range m.messages[channelID] {
		if old.nonce == nonce && now.Sub(old.at) < m.window {
			return old.id, nil
		}
	}
	id := fmt.Sprintf("m%d", len(m.messages[channelID])+1)
	m.messages[channelID] = append(m.messages[channelID], memMessage{id: id, nonce: nonce, at: now, msg: msg})
	return id, nil
}

func (m *memChannel) FindPosted(ctx context.Context, channelID, ref string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, old := range m.messages[channelID] {
		if strings.Contains(old.msg.Footer, "ref "+ref) {
			return old.id, nil
		}
	}
	return "", nil
}

func (m *memChannel) sent(channelID string) []memMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]memMessage(nil), m.messages[channelID]...)
}

var _ Poster = (*memChannel)(nil)
