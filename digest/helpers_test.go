package digest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/internal/factstest"
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

// sent and article are the shared hand-built articles of factstest.
type sent = factstest.Sentence

func article(name, published string, sents ...sent) store.SourceInput {
	return factstest.Article(name, published, sents...)
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
