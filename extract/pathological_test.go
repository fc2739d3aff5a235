package extract_test

import (
	"flag"
	"runtime"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
)

// Inputs built to find work that grows faster than the text (issue 10).
// A source may hand the extractor up to 10 MiB (source.DefaultMaxBytes),
// and each of these must stay linear up to that size: at most about 2 s
// per MB on one core.

var extractBig = flag.Bool("extract.big", false, "also run BenchmarkExtractPathological at 10 MiB (slow: run with -benchtime 1x)")

// pathological lists the inputs by the unit they repeat.
var pathological = []struct{ name, unit string }{
	{"coordination", "Acme Corp and "},
	{"quotation-marks", `"`},
	{"straight-quotes", `"a `},
	{"attributed-quotes", "Jane Doe said “x” "},
	{"open-quotes", "“"},
	{"abbreviations", "U.S. "},
	{"dates", "on Oct. 22, "},
	{"capitals", "Alpha Beta Gamma Delta Epsilon "},
	// One paragraph with no sentence end.
	{"paragraph", "the talks went on and on without a break "},
}

// pathologicalText repeats unit to about size bytes, in whole units.
func pathologicalText(unit string, size int) string {
	return strings.Repeat(unit, max(1, size/len(unit)))
}

var pathologicalPublished = time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)

// BenchmarkExtractPathological runs the pipeline on each pathological
// input at 100 KB and 1 MB, and at 10 MiB with -extract.big:
//
//	go test -tags sqlite_fts5 -run XXX -bench ExtractPathological -benchtime 1x -cpu 1 ./extract/ -args -extract.big
//
// s/MB is the time per megabyte, which should not grow with the size.
func BenchmarkExtractPathological(b *testing.B) {
	sizes := []struct {
		name string
		n    int
	}{{"100KB", 100_000}, {"1MB", 1_000_000}}
	if *extractBig {
		sizes = append(sizes, struct {
			name string
			n    int
		}{"10MiB", 10 << 20})
	}
	for _, c := range pathological {
		for _, sz := range sizes {
			text := pathologicalText(c.unit, sz.n)
			b.Run(c.name+"/"+sz.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					extract.Extract(text, pathologicalPublished)
				}
				mb := float64(len(text)) / 1e6 * float64(b.N)
				b.ReportMetric(b.Elapsed().Seconds()/mb, "s/MB")
			})
		}
	}
}

// extractCost runs Extract on text and returns the bytes and objects it
// allocated: counts that do not depend on the machine's load, unlike time.
func extractCost(text string) (bytes, objects uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	extract.Extract(text, pathologicalPublished)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// TestExtractLinear checks that the pathological inputs cost about four
// times as much at 256 KB as at 64 KB (128 KB and 32 KB with -short): in
// bytes and objects allocated,
// which are deterministic, and (without -short) in CPU time, taking the
// best of three runs against the machine's noise, within a generous bound.
// Work that grows with the square of the text would cost sixteen times as
// much.
func TestExtractLinear(t *testing.T) {
	small, large := 64<<10, 256<<10
	if testing.Short() {
		small, large = 32<<10, 128<<10
	}
	const maxAllocRatio, maxTimeRatio = 6, 10
	// The first call builds the package's tables; leave that out.
	extract.Extract(syntheticArticle, pathologicalPublished)
	for _, c := range pathological {
		t.Run(c.name, func(t *testing.T) {
			s, l := pathologicalText(c.unit, small), pathologicalText(c.unit, large)
			scale := float64(len(l)) / float64(len(s))
			sb, so := extractCost(s)
			lb, lo := extractCost(l)
			if r := float64(lb) / float64(sb) * 4 / scale; r > maxAllocRatio {
				t.Errorf("bytes allocated: %d at %d bytes, %d at %d bytes: ratio %.1f (for 4× the text), want at most %d", sb, len(s), lb, len(l), r, maxAllocRatio)
			}
			if r := float64(lo) / float64(so) * 4 / scale; r > maxAllocRatio {
				t.Errorf("objects allocated: %d at %d bytes, %d at %d bytes: ratio %.1f (for 4× the text), want at most %d", so, len(s), lo, len(l), r, maxAllocRatio)
			}
			if testing.Short() {
				return
			}
			best := func(text string) time.Duration {
				var d time.Duration
				for i := 0; i < 3; i++ {
					runtime.GC()
					start := cpuTime()
					extract.Extract(text, pathologicalPublished)
					if e := cpuTime() - start; i == 0 || e < d {
						d = e
					}
				}
				return d
			}
			ts, tl := best(s), best(l)
			if r := float64(tl) / float64(ts) * 4 / scale; r > maxTimeRatio {
				t.Errorf("CPU time: %v at %d bytes, %v at %d bytes: ratio %.1f (for 4× the text), want at most %d", ts, len(s), tl, len(l), r, maxTimeRatio)
			}
			t.Logf("%.2f CPU s/MB at %d bytes", tl.Seconds()/(float64(len(l))/1e6), len(l))
		})
	}
}
