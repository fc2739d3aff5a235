package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefbot/store"
)

// Polling benchmark: benchFeeds feeds of benchItems short items each,
// served by one httptest server under benchHosts host names (the
// per-host limit applies, as to real sites with several feeds each, yet
// leaves the global limit of 8 the bound). Extraction is the real one.
const (
	benchFeeds = 1000
	benchItems = 50
	benchHosts = 100
)

// pollBench is a database with every feed polled once, and the clock
// and poller that did it.
type pollBench struct {
	fs   *feedServer
	db   *store.DB
	clk  *fakeClock
	p    *Poller
	cfgs []Config
}

func newPollBench(b *testing.B) *pollBench {
	b.Helper()
	pb := &pollBench{fs: newFeedServer(b), clk: newFakeClock()}
	for i := range benchFeeds {
		path := fmt.Sprintf("/feed%04d", i)
		pb.fs.set(path, benchFeedItems(i, 0, benchItems)...)
		pb.cfgs = append(pb.cfgs, Config{Name: fmt.Sprintf("feed%04d", i), URL: pb.fs.url(fmt.Sprintf("site%03d.bench.test", i%benchHosts), path)})
	}
	pb.db = store.NewDB(filepath.Join(b.TempDir(), "briefbot.db"))
	pb.db.Now = pb.clk.Now
	if err := pb.db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pb.db.Close(context.Background()) })
	pb.p = &Poller{
		Loader:  hostLoader(b, pb.fs),
		Store:   pb.db,
		Sources: func(context.Context) ([]Config, error) { return pb.cfgs, nil },
		Now:     pb.clk.Now,
		After:   pb.clk.After,
	}
	return pb
}

func benchFeedItems(feed, from, n int) []testItem {
	var items []testItem
	for k := from + n - 1; k >= from; k-- {
		id := feed*1000 + k
		day := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, id%28).Format(time.DateOnly)
		items = append(items, item(fmt.Sprintf("f%04d-%04d", feed, k), day,
			fmt.Sprintf("%s %s won the %s seat.", benchSurname(id+1_000_000), benchSurname(id), benchSurname(id+2_000_000))))
	}
	return items
}

var benchSyll = []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa"}

// benchSurname is a made-up name unique to n, so that every item is
// about other people and places: reports sharing a name and what happened
// merge into one development, and thousands of reports of one would
// measure the merge, not polling.
func benchSurname(n int) string {
	s := ""
	for {
		s += benchSyll[n%10]
		n /= 10
		if n == 0 {
			break
		}
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// round runs one round, after moving the clock past every due time, and
// checks what it did.
func (pb *pollBench) round(b *testing.B, want func(*RoundReport) error) {
	pb.clk.Advance(7 * time.Hour)
	rep, err := pb.p.Round(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Polled) != benchFeeds {
		b.Fatalf("polled %d of %d feeds: %s", len(rep.Polled), benchFeeds, rep)
	}
	if err := want(rep); err != nil {
		b.Fatalf("%v: %s", err, rep)
	}
}

// maxRSS is the process's peak resident set in KiB (Linux's unit).
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss
}

// resetPeakRSS makes the kernel forget the process's peak RSS so far
// (Linux: clear_refs 5), so that MB-maxrss is the peak of the timed rounds
// rather than of the set-up, and returns the RSS it starts from. Where it
// cannot, the peak includes the set-up and it returns 0.
func resetPeakRSS(b *testing.B) int64 {
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not reset (%v): MB-maxrss includes the set-up", err)
		return 0
	}
	return maxRSS()
}

// reportPoll reports the requests per round and the peak RSS, and, given
// the RSS the rounds started from, how far above it the peak was.
func reportPoll(b *testing.B, requests, startRSS int64) {
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	peak := maxRSS()
	b.ReportMetric(float64(peak)/1024, "MB-maxrss")
	if startRSS > 0 {
		b.ReportMetric(float64(peak-startRSS)/1024, "MB-above-start")
	}
}

// BenchmarkPollRound measures polling rounds over 1,000 feeds of 50 items:
// the first (every item new, extracted and stored), one where nothing
// changed (every feed answers 304) and one where a tenth of the feeds
// have one new item. MB-maxrss is the process's peak (for the last two,
// since just before their timed rounds: it includes what the process
// keeps resident of the 50,000-article database, and MB-above-start what
// the rounds added); run the sub-benchmarks one at a time, each in a
// process of its own.
//
//	taskset -c 0 go test -tags sqlite_fts5 -run '^$' -bench PollRound -benchtime 1x -cpu 1 ./source/
func BenchmarkPollRound(b *testing.B) {
	b.Run("first", func(b *testing.B) {
		var requests int64
		for range b.N {
			b.StopTimer()
			pb := newPollBench(b)
			b.StartTimer()
			r0 := pb.fs.requests.Load()
			pb.round(b, func(rep *RoundReport) error {
				if added, _ := rep.Items(); added != benchFeeds*benchItems {
					return fmt.Errorf("%d items added, want %d", added, benchFeeds*benchItems)
				}
				return nil
			})
			requests += pb.fs.requests.Load() - r0
		}
		reportPoll(b, requests, 0)
	})
	b.Run("not-modified", func(b *testing.B) {
		pb := newPollBench(b)
		pb.round(b, func(*RoundReport) error { return nil })
		r0 := pb.fs.requests.Load()
		rss0 := resetPeakRSS(b)
		b.ResetTimer()
		for range b.N {
			pb.round(b, func(rep *RoundReport) error {
				if n := rep.Count(PollNotModified); n != benchFeeds {
					return fmt.Errorf("%d not modified, want %d", n, benchFeeds)
				}
				return nil
			})
		}
		b.StopTimer()
		reportPoll(b, pb.fs.requests.Load()-r0, rss0)
	})
	b.Run("tenth-new", func(b *testing.B) {
		pb := newPollBench(b)
		pb.round(b, func(*RoundReport) error { return nil })
		r0 := pb.fs.requests.Load()
		rss0 := resetPeakRSS(b)
		b.ResetTimer()
		for n := range b.N {
			b.StopTimer()
			for i := n % 10; i < benchFeeds; i += 10 {
				pb.fs.add(fmt.Sprintf("/feed%04d", i), benchFeedItems(i, benchItems+n, 1)...)
			}
			b.StartTimer()
			pb.round(b, func(rep *RoundReport) error {
				added, _ := rep.Items()
				if added != benchFeeds/10 || rep.Count(PollNotModified) != benchFeeds-benchFeeds/10 {
					return fmt.Errorf("%d items added, %d not modified; want %d, %d", added, rep.Count(PollNotModified), benchFeeds/10, benchFeeds-benchFeeds/10)
				}
				return nil
			})
		}
		b.StopTimer()
		reportPoll(b, pb.fs.requests.Load()-r0, rss0)
	})
}
