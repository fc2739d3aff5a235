package source

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefbot/store"
)

// Environment of the child process of TestPollerKill9.
const (
	killChildEnv = "BRIEFBOT_POLL_KILL_CHILD"
	killDBEnv    = "BRIEFBOT_POLL_KILL_DB"
	killAddrEnv  = "BRIEFBOT_POLL_KILL_ADDR"
	killFeedsEnv = "BRIEFBOT_POLL_KILL_FEEDS"
)

const (
	killFeeds    = 12
	killOldItems = 5
	killNewItems = 20
)

func killFeedConfigs(n int) []Config {
	var cfgs []Config
	for i := range n {
		cfgs = append(cfgs, Config{Name: fmt.Sprintf("f%02d", i), URL: fmt.Sprintf("http://feed%02d.test/feed%02d", i, i)})
	}
	return cfgs
}

func killItems(feed, from, n int) []testItem {
	var items []testItem
	for k := from + n - 1; k >= from; k-- {
		items = append(items, item(fmt.Sprintf("f%02d-%03d", feed, k), "2026-03-02",
			fmt.Sprintf("Minister Ann Lee of Ruritania opened bridge number %d in Kerrville on Monday, officials said.", k)))
	}
	return items
}

// TestPollerKill9 kills a process with SIGKILL in the middle of a polling
// round and checks that every feed is either as before the round (old
// items, old validators) or as the round found it (all its new items, new
// validators), never in between.
func TestPollerKill9(t *testing.T) {
	if os.Getenv(killChildEnv) != "" {
		pollKillChild(t)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	ctx := context.Background()
	fs := newFeedServer(t)
	addr := fs.srv.Listener.Addr().String()
	cfgs := killFeedConfigs(killFeeds)
	for i, c := range cfgs {
		fs.set(c.URL[strings.LastIndex(c.URL, "/"):], killItems(i, 0, killOldItems)...)
	}
	dbPath := t.TempDir() + "/briefbot.db"
	db := store.NewDB(dbPath)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	p := &Poller{Loader: addrLoader(t, addr), Store: db, Sources: func(context.Context) ([]Config, error) { return cfgs, nil }}
	if rep := round(t, p); rep.Count(store.ResultChanged) != killFeeds {
		t.Fatalf("first round: %s", rep)
	}

	// Every feed gains new items; the last quarter never answer, so the
	// child's round cannot finish before it is killed.
	fs.mu.Lock()
	fs.hang = map[string]bool{}
	fs.mu.Unlock()
	for i, c := range cfgs {
		path := c.URL[strings.LastIndex(c.URL, "/"):]
		fs.add(path, killItems(i, killOldItems, killNewItems)...)
		if i >= killFeeds*3/4 {
			fs.mu.Lock()
			fs.hang[path] = true
			fs.mu.Unlock()
		}
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestPollerKill9$", "-test.v")
	cmd.Env = append(os.Environ(), killChildEnv+"=1", killDBEnv+"="+dbPath, killAddrEnv+"="+addr, killFeedsEnv+"="+strconv.Itoa(killFeeds))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill soon after the first feed's new items are in, at a moment that
	// varies from run to run: the others are being fetched, extracted or
	// written.
	deadline := time.Now().Add(60 * time.Second)
	for {
		n := 0
		for i := range killFeeds {
			if len(storedNames(t, db, fmt.Sprintf("f%02d/", i))) > killOldItems {
				n++
			}
		}
		if n > 0 {
			time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the child stored nothing new in a minute:\n%s", out.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed by SIGKILL (%v):\n%s", err, out.String())
	}
	if err := db.Close(ctx); err != nil {
		t.Fatal(err)
	}

	db = store.NewDB(dbPath)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	newFeeds, oldFeeds := 0, 0
	for i, c := range cfgs {
		names := storedNames(t, db, c.Name+"/")
		st, err := db.PollState(ctx, c.Name)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		switch {
		case len(names) == killOldItems && st.ETag == `"v1"`:
			oldFeeds++
		case len(names) == killOldItems+killNewItems && st.ETag == `"v2"`:
			newFeeds++
		default:
			t.Errorf("%s is half-fetched: %d items stored, validators %q", c.Name, len(names), st.ETag)
		}
		if i >= killFeeds*3/4 && len(names) != killOldItems {
			t.Errorf("%s never answered but has %d items", c.Name, len(names))
		}
	}
	t.Logf("after SIGKILL: %d feeds new, %d old", newFeeds, oldFeeds)
	if newFeeds == 0 || oldFeeds < killFeeds/4 {
		t.Errorf("%d feeds new, %d old: the kill did not land mid-round", newFeeds, oldFeeds)
	}

	// The next round completes the others, and loses nothing.
	fs.mu.Lock()
	fs.hang = nil
	fs.mu.Unlock()
	p = &Poller{Loader: addrLoader(t, addr), Store: db, Sources: func(context.Context) ([]Config, error) { return cfgs, nil },
		Now: func() time.Time { return time.Now().Add(time.Hour) }}
	round(t, p)
	for _, c := range cfgs {
		if names := storedNames(t, db, c.Name+"/"); len(names) != killOldItems+killNewItems {
			t.Errorf("after the next round %s has %d items, want %d", c.Name, len(names), killOldItems+killNewItems)
		}
	}
}

// pollKillChild is the process TestPollerKill9 kills: one round, which
// never ends since some feeds never answer.
func pollKillChild(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv(killFeedsEnv))
	addr := os.Getenv(killAddrEnv)
	db := store.NewDB(os.Getenv(killDBEnv))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	cfgs := killFeedConfigs(n)
	p := &Poller{Loader: addrLoader(t, addr), Store: db, Sources: func(context.Context) ([]Config, error) { return cfgs, nil },
		Now: func() time.Time { return time.Now().Add(time.Hour) }}
	rep, err := p.Round(context.Background())
	t.Fatalf("the round ended (%v, %v) though some feeds never answer", rep, err)
}
