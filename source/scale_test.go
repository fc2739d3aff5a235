package source_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/internal/meantime"
	"briefbot/source"
	"briefbot/store"
)

// scaleVersion names BenchmarkScale's cached databases; bump it when the
// schema, the loader or the extractor changes what they would hold, or
// how long they take to build.
const scaleVersion = 5

// scaleFlag adds a size to BenchmarkScale's 1,000 and 10,000 articles:
// -scale 100000 (or BRIEFBOT_SCALE=100000). The 100,000-article run takes
// a quarter of an hour or more and is not part of CI.
var scaleFlag = flag.Int("scale", 0, "BenchmarkScale: also build and measure a database of this many articles (e.g. 100000)")

// scaleSizes are the database sizes BenchmarkScale measures.
func scaleSizes() []int {
	sizes := []int{1000, 10000}
	n := *scaleFlag
	if env := os.Getenv("BRIEFBOT_SCALE"); n == 0 && env != "" {
		n, _ = strconv.Atoi(env)
	}
	if n > 0 && !slices.Contains(sizes, n) {
		sizes = append(sizes, n)
	}
	return sizes
}

// scaleChunk is how many articles one LoadArticles call stores while a
// scale database is built; each call is timed. It is the batch size of
// the Manager (source.batchSize), so that each call is one transaction
// as in `briefbot ingest` of many files.
const scaleChunk = 500

// scaleBuild is what building a scale database measured, kept beside it
// (as DB.json) so that a cached database still reports its ingest.
type scaleBuild struct {
	Articles int `json:"articles"`
	Words    int `json:"words"`
	// Wall and CPU are the whole build's seconds (CPU: the process's
	// user and system time, garbage collection included); StoreWall the
	// seconds spent in the store's LoadSources.
	Wall, CPU, StoreWall float64
	// Window is the number of articles of the first and last windows
	// compared; First and Last their CPU ms per article, FirstStore and
	// LastStore the store's wall ms per article.
	Window                             int
	First, Last, FirstStore, LastStore float64
}

// timedStore times the store's share of a load.
type timedStore struct {
	source.Store
	spent time.Duration
}

func (s *timedStore) LoadSources(ctx context.Context, ins []store.SourceInput) ([]*store.LoadResult, error) {
	t0 := time.Now()
	defer func() { s.spent += time.Since(t0) }()
	return s.Store.LoadSources(ctx, ins)
}

func (s *timedStore) LoadSource(ctx context.Context, in store.SourceInput) (*store.LoadResult, error) {
	t0 := time.Now()
	defer func() { s.spent += time.Since(t0) }()
	return s.Store.LoadSource(ctx, in)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scaleArticle is the i-th article of a scale database: the MEANTIME
// texts in turn, each round under new names and published a day later,
// as corpusDB makes them.
func scaleArticle(docs []meantime.Doc, i int) source.Article {
	d := docs[i%len(docs)]
	round := i / len(docs)
	return source.Article{Source: fmt.Sprintf("%s-%d", d.Name, round), Location: d.URL, Title: d.Name,
		Published: d.Published.AddDate(0, 0, round), Text: d.Text}
}

// scaleDB returns the path of a database of n articles made from the
// MEANTIME texts, and what building it measured; both are cached in the
// temporary directory by scaleVersion.
func scaleDB(b *testing.B, docs []meantime.Doc, n int) (string, scaleBuild) {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("briefbot-scale-v%d-%d.db", scaleVersion, n))
	var sb scaleBuild
	if buf, err := os.ReadFile(path + ".json"); err == nil && json.Unmarshal(buf, &sb) == nil {
		if _, err := os.Stat(path); err == nil {
			return path, sb
		}
	}
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	db := store.NewDB(tmp)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	ts := &timedStore{Store: db}
	m := &source.Manager{Loader: &source.Loader{}, Store: ts, Logger: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	sb.Articles = n
	sb.Window = min(1000, n/10)
	var cpu, storeWall []time.Duration // per chunk
	arts := make([]source.Article, 0, scaleChunk)
	t0, c0 := time.Now(), cpuTime()
	for i := 0; i < n; i++ {
		a := scaleArticle(docs, i)
		sb.Words += len(strings.Fields(a.Text))
		arts = append(arts, a)
		if len(arts) == cap(arts) || i == n-1 {
			c, s := cpuTime(), ts.spent
			for _, r := range m.LoadArticles(ctx, arts) {
				if r.Status == store.ResultFailed {
					b.Fatalf("%s: %s", r.Name, r.Error)
				}
			}
			cpu = append(cpu, cpuTime()-c)
			storeWall = append(storeWall, ts.spent-s)
			arts = arts[:0]
			if len(cpu)%100 == 0 {
				b.Logf("%d articles in %v", i+1, time.Since(t0).Round(time.Second))
			}
		}
	}
	sb.Wall, sb.CPU, sb.StoreWall = time.Since(t0).Seconds(), (cpuTime() - c0).Seconds(), ts.spent.Seconds()
	perArticle := func(ds []time.Duration) float64 {
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		return float64(sum.Microseconds()) / 1000 / float64(len(ds)*scaleChunk)
	}
	w := max(sb.Window/scaleChunk, 1)
	sb.First, sb.Last = perArticle(cpu[:w]), perArticle(cpu[len(cpu)-w:])
	sb.FirstStore, sb.LastStore = perArticle(storeWall[:w]), perArticle(storeWall[len(storeWall)-w:])
	if err := db.Close(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %v", path, time.Since(t0).Round(time.Second))
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	buf, _ := json.Marshal(sb)
	if err := os.WriteFile(path+".json", buf, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, sb
}

// scaleQueries are the commands BenchmarkScale times, each beside the
// hand-written SQL that reads the same answer.
var scaleQueries = []struct{ line, name string }{
	{"/who steve jobs", "steve jobs"},
	{"/who wagoner", "wagoner"},
	{"/who boeing", "boeing"},
	{"/timeline dreamliner", "dreamliner"},
	{"/timeline china", "china"},
	{"/timeline general motors", "general motors"},
}

// BenchmarkScale builds databases of 1,000 and 10,000 articles (and of
// -scale N, or BRIEFBOT_SCALE=N, articles) from the MEANTIME texts through
// the whole ingest path, and reports for each size:
//
//   - ingest-words/s, and first-ms/article and last-ms/article, the CPU
//     time per article of the first and last 1,000 articles (a tenth of
//     the articles for small sizes), with growth-% between them, and
//     the same for the store's share (store-first-ms, store-last-ms,
//     store-growth-%);
//   - for each of scaleQueries, through the command router as Discord
//     and the CLI ask them, its p50 and p99 in µs and the ratio of its
//     median to the median of hand-written SQL reading the same answer
//     from the fact tables, the two run in turns, after one call of
//     each whose time is first-us; and cpu-p50-us and cpu-p99-us, the
//     CPU time of the process during a call, which a busy machine moves
//     far less than the wall times (time waiting for a core is not in
//     it). With -benchtime 100x a p99 is the slowest call; 1000x makes
//     it the tenth slowest;
//   - cold-ms, the median wall time of `briefbot ask --db DB "/who
//     wagoner"` as a process (the binary is built once), and
//     cold10-ms with --limit 10; cold-cpu-ms and cold10-cpu-ms their
//     CPU time;
//   - bytes/article, the database file's size per article.
//
// Databases are cached in the temporary directory (see scaleVersion),
// with what their build measured; delete them to measure ingest again.
//
//	taskset -c 0 go test -tags sqlite_fts5 -run '^$' -bench BenchmarkScale -benchtime 200x -cpu 1 ./source/ [-args -scale 100000]
func BenchmarkScale(b *testing.B) {
	docs := meantimeDocs(b)
	bin := ""
	for _, n := range scaleSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path, sb := scaleDB(b, docs, n)
			b.ReportMetric(float64(sb.Words)/sb.CPU, "ingest-words/s")
			b.ReportMetric(sb.First, "first-ms/article")
			b.ReportMetric(sb.Last, "last-ms/article")
			b.ReportMetric(100*(sb.Last/sb.First-1), "growth-%")
			b.ReportMetric(sb.FirstStore, "store-first-ms")
			b.ReportMetric(sb.LastStore, "store-last-ms")
			b.ReportMetric(100*(sb.LastStore/sb.FirstStore-1), "store-growth-%")
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/float64(n), "bytes/article")
			}
			db := store.NewDB(path)
			if err := db.Open(); err != nil {
				b.Fatal(err)
			}
			defer db.Close(context.Background())
			r := commands.New(db, commands.Options{})
			for _, q := range scaleQueries {
				req, err := commands.ParseLine(q.line, r.Definitions())
				if err != nil {
					b.Fatal(err)
				}
				hand := handQuery(b, db, q.line, q.name)
				cmd := func() error {
					if resp := r.Serve(context.Background(), req); resp.Error || resp.NotFound {
						return fmt.Errorf("%s: %v", q.line, resp.Lines)
					}
					return nil
				}
				// The first call of each command pays for what a running
				// bot pays once: the connection's schema parse (the first
				// query opens it), compiling the statements and reading the
				// pages into SQLite's cache. It is reported on its own
				// (first-us; the process's whole cold start is cold-ms),
				// so that p99 is of the calls after it, not the one first.
				t0 := time.Now()
				if err := cmd(); err != nil {
					b.Fatal(err)
				}
				first := time.Since(t0)
				if err := hand(); err != nil {
					b.Fatal(err)
				}
				var tc, th, cc []time.Duration
				for i := 0; i < b.N; i++ {
					t0, c0 := time.Now(), cpuTime()
					if err := cmd(); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					cc = append(cc, cpuTime()-c0)
					if err := hand(); err != nil {
						b.Fatal(err)
					}
					tc, th = append(tc, t1.Sub(t0)), append(th, time.Since(t1))
				}
				slices.Sort(tc)
				slices.Sort(th)
				slices.Sort(cc)
				p := func(ds []time.Duration, q float64) float64 {
					return float64(ds[min(int(q*float64(len(ds))), len(ds)-1)].Nanoseconds()) / 1000
				}
				name := strings.ReplaceAll(strings.TrimPrefix(q.line, "/"), " ", "_")
				b.ReportMetric(p(tc, 0.5), name+"-p50-us")
				b.ReportMetric(p(tc, 0.99), name+"-p99-us")
				b.ReportMetric(p(cc, 0.5), name+"-cpu-p50-us")
				b.ReportMetric(p(cc, 0.99), name+"-cpu-p99-us")
				b.ReportMetric(float64(first.Nanoseconds())/1000, name+"-first-us")
				b.ReportMetric(p(th, 0.5), name+"-sql-p50-us")
				b.ReportMetric(p(tc, 0.5)/p(th, 0.5), name+"-ratio")
			}
			if bin == "" {
				bin = filepath.Join(b.TempDir(), "briefbot")
				// The binary outlives this size's temporary directory
				// only if built in the parent's; build it per size.
				cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "briefbot")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("go build: %v\n%s", err, out)
				}
				defer func() { bin = "" }()
			}
			wall, cpu := coldStart(b, bin, path, "/who wagoner")
			b.ReportMetric(wall, "cold-ms")
			b.ReportMetric(cpu, "cold-cpu-ms")
			wall, cpu = coldStart(b, bin, path, "--limit", "10", "/who wagoner")
			b.ReportMetric(wall, "cold10-ms")
			b.ReportMetric(cpu, "cold10-cpu-ms")
		})
	}
}

// coldStart runs `briefbot ask --db path args...` 15 times and returns
// the median wall time and the median CPU time (user and system, all
// threads) in ms: on a busy machine the process waits for a core, which
// the CPU time leaves out.
func coldStart(b *testing.B, bin, path string, args ...string) (wall, cpu float64) {
	b.Helper()
	var ws, cs []time.Duration
	for range 15 {
		cmd := exec.Command(bin, append([]string{"ask", "--db", path}, args...)...)
		cmd.Dir = b.TempDir()
		t0 := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("ask %v: %v\n%s", args, err, out)
		}
		ws = append(ws, time.Since(t0))
		cs = append(cs, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	slices.Sort(ws)
	slices.Sort(cs)
	return float64(ws[len(ws)/2].Microseconds()) / 1000, float64(cs[len(cs)/2].Microseconds()) / 1000
}

// BenchmarkScaleMore measures what adding articles costs to a store of
// each of BenchmarkScale's sizes without building it again: it copies
// the cached scale database (building it first if needed) and loads the
// next 1,000 articles in two batches, reporting per article the CPU
// time (more-ms/article) and the bytes the process read and wrote
// through system calls (more-read-B/article, more-write-B/article:
// mostly the pages the batches dirty, written to the log and
// checkpointed back, and the pages missing from the page cache). The
// byte counts do not depend on how busy the machine is, so they show a
// change to the write path at 100,000 articles in seconds rather than
// in the quarter of an hour a rebuild takes.
//
// The write-ahead log is checkpointed back into the database every
// 16,384 pages: at 100,000 articles the two batches dirty enough pages
// that a checkpoint falls inside the timed loads, while at 1,000 it
// falls in Close, outside them. closed-ms/article and
// closed-write-B/article therefore also count closing the database, so
// that every size pays for writing its articles' pages back exactly
// once; compare growth on them.
//
//	BRIEFBOT_SCALE=100000 taskset -c 0 go test -tags sqlite_fts5 -run '^$' -bench BenchmarkScaleMore -benchtime 1x -cpu 1 ./source/
func BenchmarkScaleMore(b *testing.B) {
	docs := meantimeDocs(b)
	for _, n := range scaleSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path, _ := scaleDB(b, docs, n)
			const more = 2 * scaleChunk
			var cpu, durable time.Duration
			var read, written, writtenClosed int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				cp := filepath.Join(b.TempDir(), "more.db")
				if err := copyFile(cp, path); err != nil {
					b.Fatal(err)
				}
				db := store.NewDB(cp)
				if err := db.Open(); err != nil {
					b.Fatal(err)
				}
				m := &source.Manager{Loader: &source.Loader{}, Store: db, Logger: slog.New(slog.DiscardHandler)}
				arts := make([]source.Article, more)
				for k := range arts {
					arts[k] = scaleArticle(docs, n+k)
				}
				r0, w0 := ioBytes()
				c0 := cpuTime()
				b.StartTimer()
				for _, r := range m.LoadArticles(context.Background(), arts) {
					if r.Status != store.ResultAdded {
						b.Fatalf("%s: %s %s", r.Name, r.Status, r.Error)
					}
				}
				b.StopTimer()
				c1 := cpuTime()
				cpu += c1 - c0
				r1, w1 := ioBytes()
				read, written = read+r1-r0, written+w1-w0
				if err := db.Close(context.Background()); err != nil {
					b.Fatal(err)
				}
				durable += cpuTime() - c0
				_, w2 := ioBytes()
				writtenClosed += w2 - w0
			}
			per := float64(b.N * more)
			b.ReportMetric(float64(cpu.Microseconds())/1000/per, "more-ms/article")
			b.ReportMetric(float64(read)/per, "more-read-B/article")
			b.ReportMetric(float64(written)/per, "more-write-B/article")
			b.ReportMetric(float64(durable.Microseconds())/1000/per, "closed-ms/article")
			b.ReportMetric(float64(writtenClosed)/per, "closed-write-B/article")
		})
	}
}

// copyFile copies the file at src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// ioBytes returns the bytes the process has read and written through
// system calls (rchar and wchar of /proc/self/io), 0 where that file is
// missing.
func ioBytes() (read, written int64) {
	buf, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(buf), "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "rchar":
			read = n
		case "wchar":
			written = n
		}
	}
	return read, written
}
