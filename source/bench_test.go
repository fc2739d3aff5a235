package source_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/internal/meantime"
	"briefbot/source"
	"briefbot/store"
)

// BenchmarkIngest measures the whole pipeline — extraction and storing,
// in batches of articles as `briefbot ingest` does — on 1,000 articles made from the MEANTIME
// texts (cycled, each with its own name so none is skipped as unchanged)
// into a fresh file database, on one goroutine. It reports words/s against
// the target, by wall time (words/s) and by the process's CPU time
// (cpu-words/s, the figure to compare on a shared machine, where the wall
// time includes waiting for a core; run it pinned to one with taskset).
func BenchmarkIngest(b *testing.B) {
	benchIngest(b, context.Background())
}

// BenchmarkIngestCancellable is BenchmarkIngest with the context `briefbot
// ingest` loads with, one that Ctrl-C cancels (signal.NotifyContext in
// main): the driver watches such a context on every statement.
func BenchmarkIngestCancellable(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	benchIngest(b, ctx)
}

func benchIngest(b *testing.B, ctx context.Context) {
	docs := meantimeDocs(b)
	const n = 1000
	arts := make([]source.Article, n)
	words := 0
	for i := range arts {
		d := docs[i%len(docs)]
		arts[i] = source.Article{Source: fmt.Sprintf("%s-%d", d.Name, i), Location: d.URL, Title: d.Name, Published: d.Published, Text: d.Text}
		words += len(strings.Fields(d.Text))
	}
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db := store.NewDB(filepath.Join(b.TempDir(), "bench.db"))
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		m := &source.Manager{Loader: &source.Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
		b.StartTimer()
		c0 := cpuTime()
		for _, r := range m.LoadArticles(ctx, arts) {
			if r.Status != store.ResultAdded {
				b.Fatalf("%s: %s %s", r.Name, r.Status, r.Error)
			}
		}
		cpu += cpuTime() - c0
		b.StopTimer()
		db.Close(ctx)
		b.StartTimer()
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(words)*float64(b.N)/cpu.Seconds(), "cpu-words/s")
}

// corpusDBVersion names the cached 10,000-article database; bump it when
// the schema or the extractor changes what it would hold.
const corpusDBVersion = 2

// meantimeDocs loads the MEANTIME texts the benchmarks are made from,
// skipping when ../shared/corpus/meantime is absent.
func meantimeDocs(b *testing.B) []meantime.Doc {
	b.Helper()
	dir, ok := meantime.Find(".")
	if !ok {
		b.Skip("MEANTIME corpus not found (../shared/corpus/meantime)")
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// corpusDB returns a database of 10,000 articles generated from the
// MEANTIME texts (each text loaded again under a new name, published a day
// later per round), built once and cached in the temporary directory.
func corpusDB(b *testing.B) *store.DB {
	b.Helper()
	dir, ok := meantime.Find(".")
	if !ok {
		b.Skip("MEANTIME corpus not found (../shared/corpus/meantime)")
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("briefbot-bench-meantime-10k-v%d.db", corpusDBVersion))
	if _, err := os.Stat(path); err != nil {
		docs, err := meantime.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		tmp := path + ".building"
		os.Remove(tmp)
		db := store.NewDB(tmp)
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		m := &source.Manager{Loader: &source.Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
		arts := make([]source.Article, 0, 500)
		for i := 0; i < 10000; i++ {
			d := docs[i%len(docs)]
			round := i / len(docs)
			arts = append(arts, source.Article{Source: fmt.Sprintf("%s-%d", d.Name, round), Location: d.URL, Title: d.Name,
				Published: d.Published.AddDate(0, 0, round), Text: d.Text})
			if len(arts) == cap(arts) || i == 9999 {
				for _, r := range m.LoadArticles(context.Background(), arts) {
					if r.Status == store.ResultFailed {
						b.Fatalf("%s: %s", r.Name, r.Error)
					}
				}
				arts = arts[:0]
			}
		}
		if err := db.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close(context.Background()) })
	return db
}

// BenchmarkCorpusCommands runs /who and /timeline, through the command
// router as Discord and the CLI do, on 10,000 articles generated from the
// MEANTIME corpus. Names recur in hundreds of articles, so these are the
// big cases: Boeing alone takes part in thousands of events.
func BenchmarkCorpusCommands(b *testing.B) {
	db := corpusDB(b)
	r := commands.New(db, commands.Options{})
	for _, line := range []string{"/who boeing", "/who steve jobs", "/who obama", "/who wagoner",
		"/timeline airbus", "/timeline china", "/timeline general motors", "/timeline dreamliner"} {
		req, err := commands.ParseLine(line, r.Definitions())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.ReplaceAll(strings.TrimPrefix(line, "/"), " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if resp := r.Serve(context.Background(), req); resp.Error {
					b.Fatalf("%s: %v", line, resp.Lines)
				}
			}
		})
	}
}
