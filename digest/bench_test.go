package digest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"briefbot/store"
)

// benchVersion names the cached benchmark database; bump it when the
// generated corpus changes.
const benchVersion = "v2"

const (
	benchArticles = 10000
	benchNew      = 50 // articles loaded since the channel's last digest
)

var benchBase = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// benchDB returns a database of 10,000 synthetic articles, loaded one a
// minute, with a channel whose digests covered all but the last 50 and
// were shown a few thousand items. It is built once (about a minute) and
// kept in the temporary directory.
func benchDB(b *testing.B) (*store.DB, time.Time) {
	b.Helper()
	path := filepath.Join(os.TempDir(), "briefbot-digest-bench-"+benchVersion+".db")
	clk := &testClock{t: benchBase}
	watermark := benchBase.Add(time.Duration(benchArticles-benchNew) * time.Minute)
	_, err := os.Stat(path)
	fresh := os.IsNotExist(err)
	if fresh {
		os.Remove(path + ".tmp")
	}
	file := path
	if fresh {
		file = path + ".tmp"
	}
	db := store.NewDB(file)
	db.Now = clk.Now
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	if fresh {
		ctx := context.Background()
		if err := db.PutDigestSchedule(ctx, &store.DigestSchedule{ChannelID: "bench", Clock: "08:00", TimeZone: "Europe/Amsterdam", Days: "daily"}); err != nil {
			b.Fatal(err)
		}
		var keys []string
		for i := 0; i < benchArticles; i++ {
			clk.Set(benchBase.Add(time.Duration(i) * time.Minute))
			in := benchArticle(i)
			mustLoad(b, db, in)
			if i < benchArticles-benchNew && i%2 == 0 {
				for _, e := range in.Doc.Events[:2] {
					keys = append(keys, store.DigestItemKey("event", e.Date, e.Summary))
				}
			}
		}
		run := &store.DigestRun{ChannelID: "bench", Due: watermark, Status: store.RunPending, Cut: watermark, Keys: keys, Nonce: "bench"}
		if err := db.CreateDigestRun(ctx, run); err != nil {
			b.Fatal(err)
		}
		if err := db.MarkDigestPosted(ctx, run.ID, "m1"); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(ctx); err != nil {
			b.Fatal(err)
		}
		for _, suf := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(file + suf); err == nil {
				if err := os.Rename(file+suf, path+suf); err != nil {
					b.Fatal(err)
				}
			}
		}
		db = store.NewDB(path)
		db.Now = clk.Now
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() { db.Close(context.Background()) })
	return db, watermark
}

// benchArticle is a synthetic article: eight dated sentences about
// people and organisations drawn from a pool shared by all articles, two
// of them quoting, and two undated ones.
func benchArticle(i int) store.SourceInput {
	var sents []sent
	day := benchBase.Add(time.Duration(i) * time.Minute)
	for k := 0; k < 10; k++ {
		p1 := fmt.Sprintf("Alex%d Morgan%d", (i*7+k)%1500, (i*7+k)%1500)
		p2 := fmt.Sprintf("Sam%d Rivera%d", (i*3+k*11)%900, (i*3+k*11)%900)
		org := fmt.Sprintf("Agency%d Group", (i+k)%200)
		date := day.AddDate(0, 0, -(k*3)%40).Format(time.DateOnly)
		text := fmt.Sprintf("%s met %s of %s to discuss item %d of article %d on %s.", p1, p2, org, k, i, date)
		s := sent{Text: text, Date: date, People: []string{p1, p2}, Orgs: []string{org}}
		switch k {
		case 8, 9:
			s.Date = ""
			s.Text = fmt.Sprintf("%s added that talks on point %d of article %d went well.", p1, k, i)
			s.People, s.Orgs = []string{p1}, nil
		case 1, 4:
			s.Text += fmt.Sprintf(" \"We agree on point %d,\" %s said.", k, p2)
			s.Quote = fmt.Sprintf("We agree on point %d,", k)
		}
		sents = append(sents, s)
	}
	return article(fmt.Sprintf("bench-%05d", i), day.Format(time.DateOnly), sents...)
}

// BenchmarkBuildDigest builds the next digest of a channel over 10,000
// loaded articles, 50 of them new since its last digest.
func BenchmarkBuildDigest(b *testing.B) {
	db, watermark := benchDB(b)
	ctx := context.Background()
	sched, err := db.DigestSchedule(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	due := watermark.Add(24 * time.Hour)
	b.ResetTimer()
	for b.Loop() {
		d, err := BuildFor(ctx, db, sched, due, due, 0)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Items) != DefaultMaxItems || d.More == 0 {
			b.Fatalf("digest of %d items and %d more", len(d.Items), d.More)
		}
	}
}
