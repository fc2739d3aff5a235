package extract_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/internal/meantime"
)

// benchText is one input of a benchmark.
type benchText struct {
	text      string
	published time.Time
}

// syntheticArticle stands in for the seed article when the shared corpus
// is absent, so that the benchmarks always run. It has what the pipeline
// works hardest on: titles and names, abbreviations, dates of every shape,
// curly and straight quotes, and a dateline.
const syntheticArticle = `WASHINGTON—U.S. President Jane Marlow hosted Secretary General Piet de Vries at the White House on Oct. 22 to discuss the war.
De Vries thanked Marlow for “breaking the deadlock” with Northern President Ivan Sorokin by reopening talks in February.
“We’ve had some very good discussions today,” Marlow said, adding that efforts to end the war are “going along pretty well.”
Shortly before the meeting, Treasury Secretary Sam Okafor said the United States was preparing tougher sanctions on Acme Energy Corp. and Borealis Oil Ltd.
On Oct. 21, Marlow canceled a meeting with Sorokin in Vienna, Austria, calling it "a waste of time."
The plan calls for a cease-fire by early 2026, a 90-day review, and talks in the week of June 3 at 10 a.m.
De Vries has served as secretary general since Oct. 1, 2024. He said last Wednesday: "I think he deserves all the praise."
`

// meantimeInputs returns the MEANTIME articles, or nil when the corpus is
// absent.
func meantimeInputs(b *testing.B) []benchText {
	dir, ok := meantime.Find(".")
	if !ok {
		return nil
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]benchText, len(docs))
	for i, d := range docs {
		out[i] = benchText{d.Text, d.Published}
	}
	return out
}

// seedInput returns the seed article as the repository ships it, or the
// synthetic one should it be missing.
func seedInput() benchText {
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	if raw, err := os.ReadFile("../source/2025-10-22-rutte-white-house.txt"); err == nil {
		return benchText{string(raw), pub}
	}
	return benchText{syntheticArticle, pub}
}

// runBench runs f over all inputs per iteration and reports throughput in
// bytes and words.
func runBench(b *testing.B, inputs []benchText, f func(benchText)) {
	var bytes, words int
	for _, in := range inputs {
		bytes += len(in.text)
		words += len(strings.Fields(in.text))
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			f(in)
		}
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/s, "words/s")
	}
}

func benchAll(b *testing.B, f func(benchText)) {
	b.Run("meantime", func(b *testing.B) {
		inputs := meantimeInputs(b)
		if inputs == nil {
			b.Skip("MEANTIME corpus not found")
		}
		runBench(b, inputs, f)
	})
	b.Run("seed", func(b *testing.B) {
		runBench(b, []benchText{seedInput()}, f)
	})
}

// BenchmarkExtract measures the whole pipeline, per pass over all 90
// MEANTIME articles and per seed article.
func BenchmarkExtract(b *testing.B) {
	benchAll(b, func(in benchText) { extract.Extract(in.text, in.published) })
}

// BenchmarkSplitSentences measures the sentence splitter alone.
func BenchmarkSplitSentences(b *testing.B) {
	benchAll(b, func(in benchText) { extract.SplitSentences(in.text) })
}

// BenchmarkExtractAdversarial runs the pipeline on 16 KB single-paragraph
// inputs built to find work that grows faster than the text: many
// straight quotes, long coordinations of names, many attributed quotes,
// lone opening quotes. Real articles are around 5 KB; a feed item or a
// pasted page can be much longer, and time per byte here should stay close
// to BenchmarkExtract's.
func BenchmarkExtractAdversarial(b *testing.B) {
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ name, unit string }{
		{"straight-quotes", `"a `},
		{"coordination", "Acme Corp and "},
		{"attributed-quotes", "Jane Doe said “x” "},
		{"open-quotes", "“"},
		{"abbreviations", "U.S. "},
		{"dates", "on Oct. 22, "},
	} {
		text := strings.Repeat(c.unit, 16<<10/len(c.unit))
		b.Run(c.name, func(b *testing.B) {
			runBench(b, []benchText{{text, pub}}, func(in benchText) { extract.Extract(in.text, in.published) })
		})
	}
}
