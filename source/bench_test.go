package source

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/internal/meantime"
	"briefbot/store"
)

// BenchmarkIngest measures the whole pipeline — extraction and storing,
// in batches of articles as `briefbot ingest` does — on 1,000 articles made from the MEANTIME
// texts (cycled, each with its own name so none is skipped as unchanged)
// into a fresh file database, on one goroutine. It reports words/s against
// the 200,000 words/s target.
func BenchmarkIngest(b *testing.B) {
	dir, ok := meantime.Find(".")
	if !ok {
		b.Skip("MEANTIME corpus not found (../shared/corpus/meantime)")
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	const n = 1000
	arts := make([]Article, n)
	words := 0
	for i := range arts {
		d := docs[i%len(docs)]
		arts[i] = Article{Source: fmt.Sprintf("%s-%d", d.Name, i), Location: d.URL, Title: d.Name, Published: d.Published, Text: d.Text}
		words += len(strings.Fields(d.Text))
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := store.NewDB(filepath.Join(b.TempDir(), "bench.db"))
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		m := &Manager{Loader: &Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
		b.StartTimer()
		for _, r := range m.LoadArticles(ctx, arts) {
			if r.Status != store.ResultAdded {
				b.Fatalf("%s: %s %s", r.Name, r.Status, r.Error)
			}
		}
		b.StopTimer()
		db.Close(ctx)
		b.StartTimer()
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
