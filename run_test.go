package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/bot/discordtest"
	"briefbot/store"
)

// syncBuffer is a bytes.Buffer safe for the bot's logger and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunServesDiscord runs `briefbot run` as a user would, against the
// fake Discord: it registers the commands, loads the default article in
// the background, answers /who rutte, and stops cleanly on cancel.
func TestRunServesDiscord(t *testing.T) {
	srv := discordtest.New(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.json")
	conf := fmt.Sprintf(`{"db": "b.db", "discord": {"api_base": %q, "guild_ids": ["100000000000000001"]}}`, srv.URL())
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DISCORD_TOKEN", srv.Token)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, strings.NewReader(""), &logs, &logs) }()

	srv.WaitFor(t, 20*time.Second, "command registration", func() bool { return srv.Overwrites("100000000000000001") > 0 })
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "start-up load done") {
		if time.Now().After(deadline) {
			t.Fatalf("the default article did not load; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	who := discordtest.LoadInteraction(t, "bot/testdata/interactions/who_rutte.json")
	who["data"].(map[string]any)["options"] = []any{map[string]any{"name": "name", "type": 3, "value": "rutte"}}
	who["type"] = discordtest.TypeCommand
	msg := srv.Interact(t, who).Response(t)
	if len(msg.Embeds) == 0 || !strings.Contains(msg.Embeds[0].Title, "Mark Rutte") {
		t.Fatalf("/who rutte answered %+v", msg)
	}
	if strings.Contains(logs.String(), srv.Token) {
		t.Error("the token appears in the logs")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("Discord rules broken: %q", v)
	}
}

// TestRunPollsURLSources checks that `briefbot run` polls the configured
// URL sources beside the bot, and that the poller stops with it.
func TestRunPollsURLSources(t *testing.T) {
	srv := discordtest.New(t)
	feed := watchFeed(t, "Ann Lee resigned as finance minister of Ruritania on Monday.")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.json")
	conf := fmt.Sprintf(`{"db": "b.db", "sources": [{"name": "wire", "url": %q, "every": "5m"}],
		"discord": {"api_base": %q, "guild_ids": ["100000000000000001"], "allow_private_urls": true}}`, feed.URL+"/feed", srv.URL())
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DISCORD_TOKEN", srv.Token)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, strings.NewReader(""), &logs, &logs) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "poll round") {
		if time.Now().After(deadline) {
			t.Fatalf("no poll round; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "1 changed (1 items added") {
		t.Errorf("the feed's item was not added; logs:\n%s", logs.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	if !strings.Contains(logs.String(), "poller stopped") {
		t.Errorf("the poller did not stop; logs:\n%s", logs.String())
	}
	db := store.NewDB(filepath.Join(dir, "b.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	st, err := db.PollState(context.Background(), "wire")
	if err != nil || st.Kind != "feed" || st.ETag != `"v1"` || st.NextDue.Sub(st.FetchedAt) < 4*time.Minute || st.NextDue.Sub(st.FetchedAt) > 6*time.Minute {
		t.Errorf("poll state %+v, %v; want a feed due in 5m ± 10%%", st, err)
	}
}
