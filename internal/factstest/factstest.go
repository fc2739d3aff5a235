// Package factstest builds small hand-annotated articles for tests of the
// packages that store and rank facts, so that each test states only the
// sentences, dates, people and quotes it is about.
package factstest

import (
	"strings"

	"briefbot/extract"
	"briefbot/store"
)

// Sentence is one sentence of a hand-built article: its text, the date of
// the event it reports (none when empty), its participants and an optional
// quote, which must occur in the text.
type Sentence struct {
	Text   string
	Date   string
	People []string
	Orgs   []string
	Quote  string
}

// Article builds a source from sentences: one event per dated sentence
// with the sentence as its summary, people and organisations as entities
// mentioned where the text names them, and the quotes, spoken by the
// sentence's first person.
func Article(name, published string, sents ...Sentence) store.SourceInput {
	doc := &extract.Document{}
	var b strings.Builder
	seen := map[string]bool{}
	for _, s := range sents {
		start := b.Len()
		b.WriteString(s.Text)
		end := b.Len()
		b.WriteString(" ")
		doc.Sentences = append(doc.Sentences, extract.Sentence{Start: start, End: end})
		var names []string
		add := func(n string, kind extract.Kind) {
			names = append(names, n)
			if !seen[n] {
				seen[n] = true
				doc.Entities = append(doc.Entities, extract.Entity{ID: extract.EntityID(kind, n), Name: n, Kind: kind})
			}
			if i := strings.Index(s.Text, n); i >= 0 {
				doc.Mentions = append(doc.Mentions, extract.Mention{Start: start + i, End: start + i + len(n), Text: n, Kind: kind, Entity: n})
			}
		}
		for _, p := range s.People {
			add(p, extract.Person)
		}
		for _, o := range s.Orgs {
			add(o, extract.Org)
		}
		if s.Date != "" {
			doc.Events = append(doc.Events, extract.Event{Date: s.Date, Precision: extract.PrecisionOf(s.Date), Summary: s.Text, Sentence: s.Text,
				Entities: names, Source: name, Start: start, End: end, ClauseStart: start, ClauseEnd: end, TimeText: s.Date})
		}
		if s.Quote != "" {
			i := strings.Index(s.Text, s.Quote)
			if i < 0 {
				panic("factstest: quote not in its sentence: " + s.Quote)
			}
			speaker := ""
			if len(s.People) > 0 {
				speaker = s.People[0]
			}
			doc.Quotes = append(doc.Quotes, extract.Quote{Speaker: speaker, SpeakerKind: extract.Person, Text: s.Quote, Date: published,
				Source: name, Start: start + i, End: start + i + len(s.Quote), SentenceStart: start, SentenceEnd: end})
		}
	}
	return store.SourceInput{Name: name, Location: "file:" + name, URL: "https://news.example/" + name,
		Title: "Title of " + name, Published: published, Text: b.String(), Doc: doc}
}
