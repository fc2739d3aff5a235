// Package extract turns the text of one news article and its publication date
// into facts: sentences, entity mentions, time expressions, entities with
// aliases and roles, dated events and verbatim quotes.
//
// It is pure: no I/O, no SQL, no clocks. Every fact carries byte offsets into
// the input text so that it can be traced back to the sentence it came from.
package extract

// Kind is the kind of a named entity.
type Kind string

// The entity kinds briefbot knows.
const (
	Person Kind = "person"
	Org    Kind = "org"
	Place  Kind = "place"
)

// Precision is how precisely a date value is known. It follows the shape of
// the TimeML value: "2025-10-22" is a day, "2025-10" a month, "2026-Q4" a
// quarter, "2026-W24" a week, "2025" a year, "202" a decade, "20" a century.
type Precision string

// The precisions of date values.
const (
	Day     Precision = "day"
	Week    Precision = "week"
	Month   Precision = "month"
	Quarter Precision = "quarter"
	Season  Precision = "season"
	Half    Precision = "half"
	Year    Precision = "year"
	Decade  Precision = "decade"
	Century Precision = "century"
)

// Sentence is a sentence's byte span [Start, End) in the input text.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Mention is one occurrence of a named entity in the text.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Kind   Kind   `json:"kind"`
	Entity string `json:"entity"` // canonical name of the entity it refers to
}

// Time is a time expression (TimeML TIMEX3) found in the text, normalised
// against the publication date.
type Time struct {
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Text      string    `json:"text"`
	Type      string    `json:"type"`  // DATE, TIME, DURATION or SET
	Value     string    `json:"value"` // TimeML value: 2025-10-22, 2025-10, 2026-Q4, P90D, PRESENT_REF, ...
	Precision Precision `json:"precision,omitempty"`
	// Mod is the TimeML modifier, such as START ("early 2027"), END ("late
	// 2025"), BEFORE ("by 2035"), or empty.
	Mod string `json:"mod,omitempty"`
}

// Role is a position an entity holds, optionally at an organisation and
// optionally with the dates it started and ended (TimeML values).
type Role struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	Since string `json:"since"`
	Until string `json:"until"`
	// Start and End locate the phrase the role was read from.
	Start int `json:"-"`
	End   int `json:"-"`
}

// Entity is a person, organisation or place with every name the article
// used for it.
type Entity struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    Kind     `json:"kind"`
	Aliases []string `json:"aliases"`
	Roles   []Role   `json:"roles"`
	// Places lists the canonical places the entity's names point to, such
	// as Russia for "Russian" or Ukraine for "Kyiv", for topic matching.
	Places []string `json:"places,omitempty"`
}

// Event is a dated happening: a sentence, or a clause of one, anchored to a
// date.
type Event struct {
	ID        string    `json:"id"`
	Date      string    `json:"date"`
	Precision Precision `json:"precision"`
	Summary   string    `json:"summary"`
	Sentence  string    `json:"sentence"`
	Entities  []string  `json:"entities"`
	Source    string    `json:"source"`
	// Start and End are the byte span of the sentence in the input text;
	// ClauseStart and ClauseEnd the span the summary was taken from.
	Start       int `json:"start"`
	End         int `json:"end"`
	ClauseStart int `json:"clause_start"`
	ClauseEnd   int `json:"clause_end"`
	// TimeText is the time expression that dates the event, as written
	// ("Oct. 22"), or empty when the date was inherited.
	TimeText string `json:"time_text,omitempty"`
	// Inferred is true when the text gives the happening no date and it
	// was given the article's dateline or publication date: a lead's
	// main news is dated by when it was reported.
	Inferred bool `json:"inferred,omitempty"`
}

// Quote is a verbatim direct quote and who said it.
type Quote struct {
	Speaker string `json:"speaker"`
	// SpeakerKind is the kind of the speaker entity; empty when unknown.
	SpeakerKind Kind   `json:"speaker_kind,omitempty"`
	Text        string `json:"text"`
	Date        string `json:"date"`
	Source      string `json:"source"`
	// Start and End are the byte span of Text (without quotation marks) in
	// the input; SentenceStart and SentenceEnd the span of its sentence.
	Start         int `json:"start"`
	End           int `json:"end"`
	SentenceStart int `json:"sentence_start"`
	SentenceEnd   int `json:"sentence_end"`
}

// Document is everything extracted from one text.
type Document struct {
	Sentences []Sentence `json:"sentences"`
	Mentions  []Mention  `json:"mentions"`
	Times     []Time     `json:"times"`
	Entities  []Entity   `json:"entities"`
	Events    []Event    `json:"events"`
	Quotes    []Quote    `json:"quotes"`
}
