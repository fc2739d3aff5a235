package extract

import (
	"runtime/debug"
	"time"
)

// Extract runs the whole pipeline on text published on the given date and
// returns every fact found, with byte offsets into text: the rules, then
// the learned kind model (kindmodel.go), which may re-kind or remove the
// entities it is confident the rules got wrong.
func Extract(text string, published time.Time) *Document {
	doc := extractRules(text, published)
	m := defaultKindModel()
	applyKindModel(text, doc, m, m.policy)
	return doc
}

// extractRules is the rule-based pipeline, without the learned kind model
// (kindmodel.go) that Extract applies to its entities.
func extractRules(text string, published time.Time) *Document {
	doc := &Document{}
	doc.Sentences = SplitSentences(text)
	doc.Times = FindTimes(text, doc.Sentences, published)
	collectBetweenPasses(text)
	doc.Mentions, doc.Entities = FindEntities(text, doc.Sentences, doc.Times)
	collectBetweenPasses(text)
	doc.Events = FindEvents(text, doc.Sentences, doc.Times, doc.Mentions)
	doc.Events = inferLeadEvents(text, doc.Sentences, doc.Times, doc.Mentions, doc.Events, published)
	doc.Quotes = FindQuotes(text, doc.Sentences, doc.Mentions, doc.Entities)
	dateQuotes(doc, published)
	addSpeakers(doc)
	nonNil(doc)
	return doc
}

// dateQuotes dates each quote: by the event of the clause or sentence it
// stands in, else by the quote just before it from the same speaker when
// that one stands in the same or the previous sentence (a statement quoted
// in pieces), else by the publication date.
func dateQuotes(doc *Document, published time.Time) {
	pub := published.Format("2006-01-02")
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		q.Date = ""
		for _, e := range doc.Events {
			if q.Start >= e.ClauseStart && q.Start < e.ClauseEnd {
				q.Date = e.Date
				break
			}
		}
		if q.Date == "" {
			for _, e := range doc.Events {
				if q.Start >= e.Start && q.Start < e.End {
					q.Date = e.Date
					break
				}
			}
		}
		if q.Date == "" && i > 0 {
			p := doc.Quotes[i-1]
			sameOrNext := p.SentenceStart == q.SentenceStart || adjacentSentences(doc.Sentences, p.SentenceEnd, q.SentenceStart)
			if p.Speaker == q.Speaker && p.Date != "" && sameOrNext {
				q.Date = p.Date
			}
		}
		if q.Date == "" {
			q.Date = pub
		}
	}
}

// adjacentSentences reports whether the sentence starting at next directly
// follows the one ending at end.
func adjacentSentences(sents []Sentence, end, next int) bool {
	for k := 0; k+1 < len(sents); k++ {
		if sents[k].End == end {
			return sents[k+1].Start == next
		}
	}
	return false
}

// addSpeakers makes sure every quote's speaker is an entity, so that the
// store can attribute the quote even when the speaker was only named in
// the attribution ("the ministry said").
func addSpeakers(doc *Document) {
	known := make(map[string]bool, len(doc.Entities))
	for _, e := range doc.Entities {
		known[e.Name] = true
	}
	for _, q := range doc.Quotes {
		if q.Speaker == "" || known[q.Speaker] {
			continue
		}
		known[q.Speaker] = true
		kind := q.SpeakerKind
		if kind == "" {
			kind = Person
		}
		doc.Entities = append(doc.Entities, Entity{ID: EntityID(kind, q.Speaker), Name: q.Speaker, Kind: kind, Aliases: []string{}, Roles: []Role{}})
	}
}

// nonNil replaces nil slices with empty ones so that JSON shows [] rather
// than null to the tools that read it.
func nonNil(doc *Document) {
	if doc.Sentences == nil {
		doc.Sentences = []Sentence{}
	}
	if doc.Mentions == nil {
		doc.Mentions = []Mention{}
	}
	if doc.Times == nil {
		doc.Times = []Time{}
	}
	if doc.Entities == nil {
		doc.Entities = []Entity{}
	}
	for i := range doc.Entities {
		if doc.Entities[i].Aliases == nil {
			doc.Entities[i].Aliases = []string{}
		}
		if doc.Entities[i].Roles == nil {
			doc.Entities[i].Roles = []Role{}
		}
	}
	if doc.Events == nil {
		doc.Events = []Event{}
	}
	for i := range doc.Events {
		if doc.Events[i].Entities == nil {
			doc.Events[i].Entities = []string{}
		}
	}
	if doc.Quotes == nil {
		doc.Quotes = []Quote{}
	}
}

// collectBetweenPasses collects the garbage of a pass over a long text
// before the next pass begins, and returns the freed pages to the system.
// Each pass holds a token per word or punctuation mark; the runtime would
// otherwise let the next pass's tokens pile on the last one's until the
// heap doubles, which on a text of several megabytes is hundreds of
// megabytes, and it would keep the freed pages resident while the next
// pass, laid out differently, takes fresh ones (10 MiB of "Acme Corp and
// " peaks at 705 MB rather than 763 MB). A collection costs a few
// milliseconds against the seconds such a text takes; texts of ordinary
// length are left to the runtime.
func collectBetweenPasses(text string) {
	if len(text) >= 1<<20 {
		debug.FreeOSMemory()
	}
}
