package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
	"briefbot/store"
)

// benchVersion names the cached benchmark database; bump it when the
// schema or the generator changes.
const benchVersion = 6

// corpus generates realistic synthetic articles with their extracted
// facts: a few thousand people whose popularity follows Zipf's law (a
// handful appear in most articles, as heads of state do), organisations,
// and places that point to countries, with dated events and quotes.
type corpus struct {
	people, orgs []string
	places       []place
	rng          *rand.Rand
	zipfPeople   *rand.Zipf
	zipfPlaces   *rand.Zipf
}

type place struct{ name, country string }

var (
	firstNames = []string{"Anna", "Mark", "Olena", "Pierre", "Keir", "Ursula", "Volodymyr", "Sergey", "Kaja", "Marco", "Scott", "Giorgia",
		"Friedrich", "Emmanuel", "Donald", "Xi", "Narendra", "Luiz", "Recep", "Viktor", "Mette", "Petteri", "Jens", "Antonio", "Pedro",
		"Ana", "Lars", "Ingrid", "Tomasz", "Radek", "Hakan", "Yulia", "Denys", "Andrii", "Rustem", "Kristalina", "Christine", "Ngozi"}
	surnames = []string{"Kowalski", "Novak", "Horvat", "Jensen", "Larsen", "Schmidt", "Dubois", "Rossi", "Silva", "Santos", "Petrov",
		"Ivanenko", "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Moreau", "Lefevre", "Fischer", "Weber", "Meyer", "Wagner",
		"Becker", "Hoffmann", "Costa", "Ferreira", "Yilmaz", "Demir", "Nagy", "Szabo", "Popescu", "Ionescu", "Virtanen", "Korhonen",
		"Andersen", "Nielsen", "Hansen", "Berg", "Lindqvist", "Eriksson", "Murphy", "Kelly", "Walsh", "Byrne", "Garcia", "Martinez"}
	orgWords  = []string{"Ministry of Defence", "Central Bank", "Energy Agency", "Commission", "Council", "Parliament", "Armed Forces", "Treasury", "Court", "Union"}
	countries = []string{"Ukraine", "Russia", "United States", "France", "Germany", "Poland", "Italy", "Spain", "Turkey", "China", "India", "Brazil",
		"Hungary", "Finland", "Sweden", "Norway", "Denmark", "Netherlands", "Belgium", "Romania", "Japan", "Canada", "Mexico", "Egypt", "Israel"}
	cities = []string{"Kyiv", "Moscow", "Washington", "Paris", "Berlin", "Warsaw", "Rome", "Madrid", "Ankara", "Beijing", "New Delhi", "Brasilia",
		"Budapest", "Helsinki", "Stockholm", "Oslo", "Copenhagen", "The Hague", "Brussels", "Bucharest", "Tokyo", "Ottawa", "Mexico City", "Cairo", "Jerusalem"}
	verbs   = []string{"met", "called", "criticised", "praised", "visited", "signed an agreement with", "warned", "thanked", "hosted", "spoke with"}
	fillers = []string{"to discuss sanctions, energy prices and the future of regional security arrangements",
		"amid growing pressure over defence spending and the pace of military aid deliveries",
		"in talks that officials described as constructive but difficult on several points",
		"as negotiators prepared a framework for a possible ceasefire later in the year",
		"while markets reacted to new figures on inflation and oil supply"}
	months = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
)

func newCorpus(seed uint64) *corpus {
	c := &corpus{rng: rand.New(rand.NewPCG(seed, 42))}
	for _, s := range surnames {
		for _, f := range firstNames {
			c.people = append(c.people, f+" "+s)
		}
	}
	c.rng.Shuffle(len(c.people), func(i, j int) { c.people[i], c.people[j] = c.people[j], c.people[i] })
	for i, country := range countries {
		for _, w := range orgWords[:4] {
			c.orgs = append(c.orgs, country+" "+w)
		}
		c.places = append(c.places, place{country, country}, place{cities[i], country})
	}
	c.zipfPeople = rand.NewZipf(c.rng, 1.1, 4, uint64(len(c.people)-1))
	c.zipfPlaces = rand.NewZipf(c.rng, 1.2, 2, uint64(len(c.places)-1))
	return c
}

// article returns the n-th article: about 20 sentences and 400 words.
func (c *corpus) article(n int) store.SourceInput {
	pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%700)
	var b strings.Builder
	doc := &extract.Document{}
	ents := map[string]*extract.Entity{}
	addEnt := func(name string, kind extract.Kind, places ...string) {
		if ents[name] == nil {
			ents[name] = &extract.Entity{ID: name, Name: name, Kind: kind, Places: places}
		}
	}
	mention := func(text, entity string, kind extract.Kind) {
		s := b.Len()
		b.WriteString(text)
		doc.Mentions = append(doc.Mentions, extract.Mention{Start: s, End: b.Len(), Text: text, Kind: kind, Entity: entity})
	}
	for i := 0; i < 20; i++ {
		start := b.Len()
		p1 := c.people[c.zipfPeople.Uint64()]
		p2 := c.people[c.zipfPeople.Uint64()]
		pl := c.places[c.zipfPlaces.Uint64()]
		org := c.orgs[c.rng.IntN(len(c.orgs))]
		addEnt(p1, extract.Person)
		addEnt(p2, extract.Person)
		addEnt(pl.name, extract.Place, pl.country)
		addEnt(org, extract.Org, strings.Fields(org)[0])
		if i > 0 && i%4 == 0 {
			// A quote sentence.
			b.WriteString("“")
			qs := b.Len()
			b.WriteString("We will not accept any deal that ignores " + pl.name + " and its people")
			qe := b.Len()
			b.WriteString(",” ")
			mention(strings.Fields(p1)[1], p1, extract.Person)
			ents[p1].Aliases = appendOnce(ents[p1].Aliases, strings.Fields(p1)[1])
			b.WriteString(" said.\n")
			doc.Quotes = append(doc.Quotes, extract.Quote{Speaker: p1, SpeakerKind: extract.Person, Text: b.String()[qs:qe],
				Date: pub.Format(time.DateOnly), Start: qs, End: qe, SentenceStart: start, SentenceEnd: b.Len() - 1})
			doc.Sentences = append(doc.Sentences, extract.Sentence{Start: start, End: b.Len() - 1})
			continue
		}
		mention(p1, p1, extract.Person)
		b.WriteString(" " + verbs[c.rng.IntN(len(verbs))] + " ")
		mention(p2, p2, extract.Person)
		b.WriteString(" of the ")
		mention(org, org, extract.Org)
		b.WriteString(" in ")
		mention(pl.name, pl.name, extract.Place)
		var date string
		var prec extract.Precision
		var timeText string
		switch c.rng.IntN(4) {
		case 0, 1:
			d := pub.AddDate(0, 0, -c.rng.IntN(10))
			date, prec, timeText = d.Format(time.DateOnly), extract.Day, fmt.Sprintf("%s %d", months[d.Month()-1], d.Day())
		case 2:
			d := pub.AddDate(0, -c.rng.IntN(6), 0)
			date, prec, timeText = d.Format("2006-01"), extract.Month, fmt.Sprintf("in %s %d", months[d.Month()-1], d.Year())
		default:
			timeText = ""
		}
		if timeText != "" {
			b.WriteString(" on " + timeText)
		}
		b.WriteString(" " + fillers[c.rng.IntN(len(fillers))] + ".\n")
		end := b.Len() - 1
		doc.Sentences = append(doc.Sentences, extract.Sentence{Start: start, End: end})
		if date != "" {
			text := b.String()[start:end]
			doc.Events = append(doc.Events, extract.Event{Date: date, Precision: prec, Summary: text, Sentence: text,
				Entities: []string{p1, p2, org, pl.name}, Start: start, End: end, ClauseStart: start, ClauseEnd: end, TimeText: timeText})
		}
	}
	for _, e := range ents {
		doc.Entities = append(doc.Entities, *e)
	}
	// Map order is random; keep loads deterministic.
	sortEntities(doc.Entities)
	text := b.String()
	return store.SourceInput{Name: fmt.Sprintf("article-%05d", n), Location: fmt.Sprintf("corpus/article-%05d.txt", n),
		Title: fmt.Sprintf("Article %d", n), Published: pub.Format(time.DateOnly), Text: text, Doc: doc}
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func sortEntities(es []extract.Entity) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Name < es[j-1].Name; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// BenchmarkLoadSource_1000 ingests 1,000 articles into a new file
// database per iteration; run with -benchtime=1x.
func BenchmarkLoadSource_1000(b *testing.B) {
	c := newCorpus(1)
	arts := make([]store.SourceInput, 1000)
	words := 0
	for i := range arts {
		arts[i] = c.article(i)
		words += len(strings.Fields(arts[i].Text))
	}
	ctx := context.Background()
	b.ResetTimer()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := store.NewDB(filepath.Join(b.TempDir(), fmt.Sprintf("db%d", i)))
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		for _, a := range arts {
			if _, err := db.LoadSource(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(t0)
		b.StopTimer()
		db.Close(ctx)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts)*b.N)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(words*b.N)/elapsed.Seconds(), "words/s")
}

// benchDB opens a database of 10,000 articles, built once and cached
// under os.TempDir() by benchVersion.
func benchDB(b *testing.B) (*store.DB, *corpus) {
	db := cachedBenchDB(b, fmt.Sprintf("briefbot-bench-v%d-10k.db", benchVersion), func(db *store.DB, c *corpus) {
		for i := 0; i < 10000; i++ {
			if _, err := db.LoadSource(context.Background(), c.article(i)); err != nil {
				b.Fatal(err)
			}
		}
	})
	return db, newCorpus(1)
}

// cachedBenchDB opens the database name under os.TempDir(), building it
// first with fill (given newCorpus(1)) when it is not there: built under
// another name and renamed when complete, so that an interrupted build
// is never taken for a cached one.
func cachedBenchDB(b *testing.B, name string, fill func(db *store.DB, c *corpus)) *store.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		db := store.NewDB(tmp)
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		fill(db, newCorpus(1))
		b.Logf("built %s in %v", path, time.Since(t0))
		if err := db.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
	}
	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close(context.Background()) })
	return db
}

// BenchmarkWho is /who: FindEntities by surname then Profile, for the
// most mentioned person and for one of middling fame.
func BenchmarkWho(b *testing.B) {
	db, c := benchDB(b)
	ctx := context.Background()
	for _, tt := range []struct{ name, query string }{
		{"top", strings.ToLower(c.people[4])},
		{"mid", strings.ToLower(c.people[200])},
		{"surname", strings.ToLower(strings.Fields(c.people[4])[1])},
		{"fuzzy", strings.ToLower(c.people[30]) + "x"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: tt.query, Limit: 5})
				if err != nil || len(ents) == 0 {
					b.Fatalf("%q: %v %v", tt.query, ents, err)
				}
				if _, err := db.Profile(ctx, ents[0].ID, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTimeline is /timeline: the first page of events on a topic.
func BenchmarkTimeline(b *testing.B) {
	db, c := benchDB(b)
	ctx := context.Background()
	for _, tt := range []struct{ name, topic string }{
		{"country", "ukraine"},
		{"rare-country", "egypt"},
		{"person", strings.ToLower(strings.Fields(c.people[4])[1])},
		{"keyword", "ceasefire"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: tt.topic, Limit: 10})
				if err != nil || len(evs) == 0 {
					b.Fatalf("%q: %d %v", tt.topic, len(evs), err)
				}
			}
		})
	}
}

// BenchmarkAutocomplete is the name autocompletion of /who, after one and
// after three typed letters.
func BenchmarkAutocomplete(b *testing.B) {
	db, _ := benchDB(b)
	ctx := context.Background()
	for _, prefix := range []string{"k", "kow"} {
		b.Run(prefix, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if ents, err := db.AutocompleteNames(ctx, prefix, 25, ""); err != nil || len(ents) == 0 {
					b.Fatal(len(ents), err)
				}
			}
		})
	}
}

// BenchmarkSearch is /search, first page.
func BenchmarkSearch(b *testing.B) {
	db, _ := benchDB(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if hits, _, err := db.Search(ctx, `"oil supply" markets`, 0, 10, ""); err != nil || len(hits) == 0 {
			b.Fatal(len(hits), err)
		}
	}
}

// BenchmarkQuotes is /quotes by a frequent speaker.
func BenchmarkQuotes(b *testing.B) {
	db, c := benchDB(b)
	ctx := context.Background()
	speaker := strings.ToLower(c.people[4])
	for i := 0; i < b.N; i++ {
		if qs, _, err := db.FindQuotes(ctx, store.QuoteFilter{Speaker: speaker, Limit: 10}); err != nil || len(qs) == 0 {
			b.Fatal(len(qs), err)
		}
	}
}
