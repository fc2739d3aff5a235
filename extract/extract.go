package extract

import (
	"time"
)

// Extract runs the whole pipeline on text published on the given date.
func Extract(text string, published time.Time) *Document {
	doc := &Document{}
	doc.Sentences = SplitSentences(text)
	doc.Times = FindTimes(text, doc.Sentences, published)
	doc.Mentions, doc.Entities = FindEntities(text, doc.Sentences, doc.Times)
	doc.Events = FindEvents(text, doc.Sentences, doc.Times, doc.Mentions)
	doc.Quotes = FindQuotes(text, doc.Sentences, doc.Mentions, doc.Entities)
	return doc
}
