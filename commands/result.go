package commands

import (
	"briefbot/store"
)

// The structured results of the fact commands, which `ask --json` prints
// (Response.Data). Field names are a contract: tests and other tools
// read them. Dates are TimeML values; every item cites its sources by
// name.

// TimelineResult is the structured result of /timeline.
type TimelineResult struct {
	Topic string `json:"topic"`
	// Order is "oldest" or "newest"; Total counts the merged events that
	// match (an upper bound when Estimate is set).
	Order    string      `json:"order"`
	Total    int         `json:"total"`
	Estimate bool        `json:"estimate,omitempty"`
	Items    []EventItem `json:"items"`
}

// EventItem is a merged event: the date most of its reports support,
// the clearest report's wording and source, every report (earliest
// first), how many distinct sources tell it and where they differ.
type EventItem struct {
	Date          string             `json:"date"`
	Precision     string             `json:"precision"`
	Summary       string             `json:"summary"`
	Sentence      string             `json:"sentence"`
	Source        string             `json:"source"`
	Entities      []string           `json:"entities"`
	Sources       int                `json:"sources"`
	Inferred      bool               `json:"inferred,omitempty"`
	Reports       []ReportItem       `json:"reports"`
	Disagreements []DisagreementItem `json:"disagreements"`
}

// ReportItem is one source's report of an event: the source by name,
// the date as it gives it, its sentence and the sentence's byte offsets
// in the source text.
type ReportItem struct {
	Source   string `json:"source"`
	Title    string `json:"title,omitempty"`
	URL      string `json:"url,omitempty"`
	Date     string `json:"date"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Inferred bool   `json:"inferred,omitempty"`
}

// DisagreementItem is a point on which the sources of an event differ:
// About is "date" or the kind of figure ("amount", "duration",
// "percentage", "count"); Event is the event's summary and Date its date.
// More counts the values left out of Values: a list gives the best
// supported few.
type DisagreementItem struct {
	About  string      `json:"about"`
	Event  string      `json:"event"`
	Date   string      `json:"date"`
	Values []ValueItem `json:"values"`
	More   int         `json:"more,omitempty"`
}

// ValueItem is one side of a disagreement: the normalised value, as the
// first source wrote it, and the sources (by name) that give it.
type ValueItem struct {
	Value   string   `json:"value"`
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}

// WhoResult is the structured result of /who.
type WhoResult struct {
	Entity  string   `json:"entity"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases"`
	// AsOf is the day roles are judged on (today unless as_of: is
	// given).
	AsOf        string      `json:"as_of"`
	Roles       []RoleItem  `json:"roles"`
	Events      []EventItem `json:"events"`
	EventsTotal int         `json:"events_total"`
	Quotes      []QuoteItem `json:"quotes"`
	Sources     []string    `json:"sources"`
}

// RoleItem is a role over time: Current says whether it was held on the
// day asked about; Since and Until are TimeML values ("PAST_REF" for a
// role only called former), From and To the days it is known to span.
type RoleItem struct {
	Title   string `json:"title"`
	Org     string `json:"org"`
	Since   string `json:"since"`
	Until   string `json:"until"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	Current bool   `json:"current"`
	Source  string `json:"source,omitempty"`
}

// QuoteItem is a verbatim quote with its speaker and source.
type QuoteItem struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Date    string `json:"date"`
	Source  string `json:"source"`
}

// ConflictsResult is the structured result of /conflicts.
type ConflictsResult struct {
	Topic         string             `json:"topic,omitempty"`
	Total         int                `json:"total"`
	Disagreements []DisagreementItem `json:"disagreements"`
}

func eventItem(e *store.Event) EventItem {
	it := EventItem{Date: e.Date, Precision: e.Precision, Summary: e.Summary, Sentence: e.Sentence, Entities: e.Entities,
		Sources: e.Sources, Inferred: e.Inferred, Reports: []ReportItem{}, Disagreements: disagreementItems(e)}
	if it.Entities == nil {
		it.Entities = []string{}
	}
	if e.Source != nil {
		it.Source = e.Source.Name
	}
	for _, r := range e.Reports {
		ri := ReportItem{Date: r.Date, Sentence: r.Sentence, Start: r.Start, End: r.End, Inferred: r.Inferred}
		if r.Source != nil {
			ri.Source, ri.Title, ri.URL = r.Source.Name, r.Source.Title, r.Source.URL
		}
		it.Reports = append(it.Reports, ri)
	}
	if len(it.Reports) == 0 {
		// An event read without its reports is its own one report.
		it.Reports = append(it.Reports, ReportItem{Source: it.Source, Date: e.Date, Sentence: e.Sentence, Start: e.Start, End: e.End})
		if it.Sources == 0 {
			it.Sources = 1
		}
	}
	return it
}

func disagreementItems(e *store.Event) []DisagreementItem {
	out := []DisagreementItem{}
	for _, d := range e.Disagreements {
		di := DisagreementItem{About: d.About, Event: e.Summary, Date: e.Date, More: d.More}
		for _, v := range d.Values {
			vi := ValueItem{Value: v.Value, Text: v.Text, Sources: []string{}}
			for _, s := range v.Sources {
				vi.Sources = append(vi.Sources, s.Name)
			}
			di.Values = append(di.Values, vi)
		}
		out = append(out, di)
	}
	return out
}

// QuotesResult is the structured result of /quotes.
type QuotesResult struct {
	Speaker string      `json:"speaker,omitempty"`
	Topic   string      `json:"topic,omitempty"`
	Total   int         `json:"total"`
	Items   []QuoteItem `json:"items"`
}

// SearchResult is the structured result of /search.
type SearchResult struct {
	Query string       `json:"query"`
	Total int          `json:"total"`
	Items []SearchItem `json:"items"`
}

// SearchItem is a matching sentence with its byte offsets in its source.
type SearchItem struct {
	Sentence string `json:"sentence"`
	Source   string `json:"source"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// SourcesResult is the structured result of /sources.
type SourcesResult struct {
	Total int          `json:"total"`
	Items []SourceItem `json:"items"`
}

// SourceItem is a loaded source and what it holds.
type SourceItem struct {
	Name       string `json:"name"`
	Title      string `json:"title"`
	URL        string `json:"url,omitempty"`
	Published  string `json:"published"`
	Entities   int    `json:"entities"`
	Events     int    `json:"events"`
	Quotes     int    `json:"quotes"`
	LastResult string `json:"last_result"`
	LastError  string `json:"last_error,omitempty"`
}

func quoteItem(q *store.Quote) QuoteItem {
	it := QuoteItem{Speaker: q.Speaker, Text: q.Text, Date: q.Date}
	if q.Source != nil {
		it.Source = q.Source.Name
	}
	return it
}

// DigestResult is the structured result of /digest: the developments a
// channel's next digest would post, best first, and how many more there
// are.
type DigestResult struct {
	Channel string       `json:"channel,omitempty"`
	Items   []DigestLine `json:"items"`
	More    int          `json:"more"`
}

// DigestLine is one development: an event (with the number of sources
// telling it) or a quote, with its source by name.
type DigestLine struct {
	Kind    string  `json:"kind"`
	Date    string  `json:"date"`
	Text    string  `json:"text"`
	Speaker string  `json:"speaker,omitempty"`
	Sources int     `json:"sources"`
	Score   float64 `json:"score"`
	Source  string  `json:"source"`
}
