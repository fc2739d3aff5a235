package extract_test

import (
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/internal/meantime"
)

// fuzzSeeds are inputs that have broken text processors before: quotes
// that never close, abbreviations at the end, invalid UTF-8, shouting,
// lone punctuation and bare numbers.
var fuzzSeeds = []string{
	"",
	" ",
	"\n\n\n",
	"“",
	"”",
	"\"",
	"“”",
	"“Unclosed quote, said Jane Doe.",
	"He said “it is over.” Then he left.",
	"“Nested “quotes” here,” said Mr. Smith.",
	`"Straight" quotes "unbalanced, Bob said.`,
	"'Single' and ‘curly single’ quotes, he said.",
	"The sanctions hit the U.S.",
	"U.S.",
	"U.S. President Joe Biden met U.K. Prime Minister Keir Starmer in D.C. on Jan. 3.",
	"Dr.",
	"Mr. Mrs. Ms. Dr. St. Oct. Nov. Inc. Corp. Ltd.",
	"\xff\xfe\xfd",
	"Jane \xc3 Doe met \xe2\x80 Acme Corp on Oct. 22, 2025.",
	"“\xff”",
	"NATO NATO NATO UNITED STATES OF AMERICA SAID THE PRESIDENT OF THE UNITED NATIONS ON MONDAY",
	strings.Repeat("A ", 500),
	strings.Repeat("Capital ", 300) + ".",
	"1 2 3 4 5 6 7 8 9 10 2025 2026 1999 0 00 000 12:00 3.5 1,000,000 -7 +3 10%",
	"On 2025-10-22, at 10:30 a.m., in 2026-Q4, and 90 days later, the 1990s, the 21st century.",
	"Oct. 22, 2025",
	"on Oct. 22, 2025",
	"since Oct. 1, 2024, until the end of 2035, every Monday, last week, next year, two years ago",
	"February 30, 2025 and 31/31/31 and June 0 and 99999999999999999999 BC",
	"Trump said: “",
	"said",
	"“” said Trump.",
	"he said “”",
	"Rutte thanked Trump for “breaking the deadlock” with Russian President Vladimir Putin.",
	"(((((((",
	")))))))",
	"— — — —",
	"A.B.C.D.E.F.G.",
	"Mr. ",
	"\t\r\n\v\f\u00a0\u2028\u2029",
	"🙂 Émile Zola a dit « bonjour » à Paris.",
}

// addCorpusSeeds adds the seed article (or its synthetic stand-in)
// and a few MEANTIME articles, when present, as real-world seeds.
func addCorpusSeeds(f *testing.F) {
	f.Add(seedInput().text, int64(0))
	dir, ok := meantime.Find(".")
	if !ok {
		return
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		f.Fatal(err)
	}
	for i := 0; i < len(docs); i += 15 {
		f.Add(docs[i].Text, int64(i))
	}
}

// fuzzPublished maps a fuzzed number to a publication date between 1900
// and 2100, so that date arithmetic is exercised around real dates.
func fuzzPublished(n int64) time.Time {
	const span = 200 * 366
	d := n % span
	if d < 0 {
		d += span
	}
	return time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(d))
}

// FuzzExtract checks that the pipeline never panics and that every fact it
// returns points at the text it claims to come from. Without -fuzz, go test
// runs it on the seeds and on the crashers kept in testdata/fuzz.
func FuzzExtract(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, int64(i*997))
	}
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, text string, day int64) {
		doc := extract.Extract(text, fuzzPublished(day))
		if doc == nil {
			t.Fatal("Extract returned nil")
		}
		checkDocument(t, text, doc)
	})
}

// checkDocument asserts the invariants of a Document extracted from text.
func checkDocument(t *testing.T, text string, doc *extract.Document) {
	t.Helper()
	n := len(text)
	in := func(what string, i, s, e int) bool {
		if s < 0 || e > n || s > e {
			t.Errorf("%s %d: span [%d,%d) outside [0,%d] or reversed", what, i, s, e, n)
			return false
		}
		return true
	}
	prevEnd := 0
	for i, s := range doc.Sentences {
		if !in("sentence", i, s.Start, s.End) {
			continue
		}
		if s.Start < prevEnd {
			t.Errorf("sentence %d [%d,%d) overlaps or precedes the previous one (ends %d)", i, s.Start, s.End, prevEnd)
		}
		prevEnd = s.End
	}
	for i, m := range doc.Mentions {
		if !in("mention", i, m.Start, m.End) {
			continue
		}
		if m.Text != text[m.Start:m.End] {
			t.Errorf("mention %d: Text %q != text[%d:%d] %q", i, m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		switch m.Kind {
		case extract.Person, extract.Org, extract.Place:
		default:
			t.Errorf("mention %d %q: unknown kind %q", i, m.Text, m.Kind)
		}
	}
	names := map[string]bool{}
	for _, e := range doc.Entities {
		names[e.Name] = true
	}
	for i, m := range doc.Mentions {
		if m.Entity != "" && !names[m.Entity] {
			t.Errorf("mention %d %q: entity %q is not among the document's entities", i, m.Text, m.Entity)
		}
	}
	for i, x := range doc.Times {
		if !in("time", i, x.Start, x.End) {
			continue
		}
		if x.Text != text[x.Start:x.End] {
			t.Errorf("time %d: Text %q != text[%d:%d] %q", i, x.Text, x.Start, x.End, text[x.Start:x.End])
		}
	}
	for i, e := range doc.Events {
		if in("event", i, e.Start, e.End) && e.Sentence != text[e.Start:e.End] {
			t.Errorf("event %d: Sentence %q != text[%d:%d] %q", i, e.Sentence, e.Start, e.End, text[e.Start:e.End])
		}
		if (e.ClauseStart != 0 || e.ClauseEnd != 0) && in("event clause", i, e.ClauseStart, e.ClauseEnd) &&
			(e.ClauseStart < e.Start || e.ClauseEnd > e.End) {
			t.Errorf("event %d: clause [%d,%d) outside its sentence [%d,%d)", i, e.ClauseStart, e.ClauseEnd, e.Start, e.End)
		}
	}
	for i, q := range doc.Quotes {
		if in("quote", i, q.Start, q.End) && q.Text != text[q.Start:q.End] {
			t.Errorf("quote %d: Text %q is not verbatim text[%d:%d] %q", i, q.Text, q.Start, q.End, text[q.Start:q.End])
		}
		if q.SentenceStart != 0 || q.SentenceEnd != 0 {
			in("quote sentence", i, q.SentenceStart, q.SentenceEnd)
		}
	}
}
