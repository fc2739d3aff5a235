// Package meantime reads the English section of the NewsReader MEANTIME
// corpus (Wikinews articles annotated with entity mentions, time
// expressions and events) so that the extractor can be scored against
// human annotations.
//
// The corpus ships articles as tokens, not text. Parse rebuilds a plain
// text the way a news site would print it and maps every gold annotation to
// a byte span of that text, so that gold and extracted facts can be
// compared span for span.
package meantime

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Doc is one annotated article.
type Doc struct {
	Name string
	URL  string
	// Topic is the corpus subset the article belongs to, from the name of
	// its directory without the "corpus_" prefix (airbus, apple, gm,
	// stock); empty when the file is not in such a directory.
	Topic string
	// Published is the article's creation time, read from the TIMEX3 with
	// functionInDocument="CREATION_TIME" (or, in the two articles that lack
	// one, from the dateline). Zero when neither is present.
	Published time.Time
	// Text is the article rebuilt from its tokens: the title and the
	// dateline each on their own line, then the body as one paragraph.
	Text string
	// AnnotatedEnd is the byte offset where the document-level annotation
	// ends. MEANTIME annotates entity mentions, time expressions and
	// events in the first AnnotatedSentences sentences only (a few
	// articles run one sentence further); later sentences carry just the
	// mentions added during cross-document annotation, which have no
	// syntactic type. Predictions past AnnotatedEnd cannot be scored.
	AnnotatedEnd int
	Tokens       []Token
	Sentences    []Span
	Mentions     []Mention
	Times        []Timex
	// Events are the gold EVENT_MENTIONs with at least one token, by
	// Start.
	Events []EventMention
}

// AnnotatedSentences is how many sentences the document-level annotation
// covers: the title, the dateline and the first four of the body.
const AnnotatedSentences = 6

// Span is a byte span [Start, End) of Doc.Text.
type Span struct {
	Start int
	End   int
}

// Token is one token of the corpus and the span it occupies in Doc.Text.
// Text is the token as printed, which differs from the corpus form for
// quotation marks: PTB-style pairs of backquotes or apostrophes and curly
// double quotes are all printed as a straight double quote.
type Token struct {
	ID       string
	Sentence int
	Start    int
	End      int
	Text     string
}

// The kinds a gold mention can have. PER, ORG and LOC map onto the
// extractor's kinds; the other MEANTIME types (PRO, FIN, MIX) are kept as
// written so that callers can leave them out of scoring.
const (
	KindPerson = "person"
	KindOrg    = "org"
	KindPlace  = "place"
)

// Mention is a gold ENTITY_MENTION.
type Mention struct {
	ID    string
	Start int
	End   int
	Text  string
	// Kind is person, org or place for PER, ORG and LOC entities, the raw
	// ent_type otherwise, and empty when the mention refers to no entity.
	Kind string
	// EntType is the MEANTIME ent_type of the entity referred to.
	EntType string
	// Syntactic is the syntactic_type: NAM for names, PRE.NAM for names
	// used as modifiers ("Airbus" in "Airbus A380"), NOM, PRO and so on.
	// It is empty for mentions added during cross-document annotation.
	Syntactic string
	// CrossDoc marks mentions added during cross-document annotation
	// (they have no syntactic_type attribute at all). Only the entities
	// and events chosen for cross-document linking got them, so their
	// absence elsewhere says nothing.
	CrossDoc bool
	// Entity is the TAG_DESCRIPTOR of the entity referred to.
	Entity string
	// Instance is the cross-document instance_id of the entity referred
	// to (a key of list_instances.csv), empty when the mention refers to
	// no entity chosen for cross-document annotation. Mentions with the
	// same Instance corefer, within and across documents.
	Instance string
	// Discontinuous is set when the anchors skip tokens; Start and End then
	// cover the gap as well.
	Discontinuous bool
}

// EventMention is a gold EVENT_MENTION: Start and End are its byte span
// in Doc.Text, as for Mention.
type EventMention struct {
	ID    string
	Start int
	End   int
	Text  string
	// Pred is the lemma the annotators gave (empty on mentions added
	// during cross-document annotation).
	Pred string
	// Class is the class of the EVENT referred to: OTHER,
	// SPEECH_COGNITIVE or GRAMMATICAL; empty when it refers to none.
	Class string
	// Instance is the cross-document instance_id of the event referred to
	// (a key of list_instances.csv), empty when there is none. Mentions
	// with the same Instance corefer, within and across documents.
	Instance string
	// CrossDoc marks mentions added during cross-document annotation
	// (they have no pred attribute).
	CrossDoc      bool
	Discontinuous bool
	// Times are the ids of the TIMEX3s a TLINK relates the mention to,
	// in either direction, in the order of the relations.
	Times []string
}

// Timex is a gold TIMEX3 with at least one token.
type Timex struct {
	ID    string
	Start int
	End   int
	Text  string
	Type  string // DATE, TIME, DURATION or SET
	Value string
	// Creation marks the dateline's time expression: the document's
	// creation time. It is usually left out of scoring because it is the
	// publication date the extractor is given.
	Creation bool
}

// Find locates the MEANTIME corpus directory (shared/corpus/meantime). It
// honours the environment variable BRIEFBOT_SHARED, naming the shared
// directory, and otherwise looks for shared/corpus/meantime next to start
// and every ancestor of start, so that tests find it from any package
// directory of any worktree.
func Find(start string) (dir string, ok bool) {
	shared, ok := FindShared(start)
	if !ok {
		return "", false
	}
	dir = filepath.Join(shared, "corpus", "meantime")
	if !isDir(dir) {
		return "", false
	}
	return dir, true
}

// FindShared locates the project's shared directory the way Find does,
// returning the first candidate that holds a corpus directory.
func FindShared(start string) (dir string, ok bool) {
	if env := os.Getenv("BRIEFBOT_SHARED"); env != "" {
		if isDir(filepath.Join(env, "corpus")) {
			return env, true
		}
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for dir := abs; ; {
		cand := filepath.Join(dir, "shared")
		if isDir(filepath.Join(cand, "corpus")) {
			return cand, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Load parses every article under dir, sorted by file name. dir may be the
// corpus root, in which case only intra_cross-doc_annotation is read (the
// full distribution repeats the same articles in intra-doc_annotation), or
// any directory holding the XML files.
func Load(dir string) ([]Doc, error) {
	root := dir
	if sub := filepath.Join(dir, "intra_cross-doc_annotation"); isDir(sub) {
		root = sub
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load meantime: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load meantime: no .xml files under %s", root)
	}
	sort.Strings(files)
	docs := make([]Doc, 0, len(files))
	for _, f := range files {
		d, err := ParseFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ParseFile parses one article file.
func ParseFile(path string) (Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return Doc{}, fmt.Errorf("parse meantime: %w", err)
	}
	defer f.Close()
	d, err := Parse(f)
	if err != nil {
		return Doc{}, fmt.Errorf("parse meantime %s: %w", filepath.Base(path), err)
	}
	if d.Name == "" {
		d.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if dir := filepath.Base(filepath.Dir(path)); strings.HasPrefix(dir, "corpus_") {
		d.Topic = strings.TrimPrefix(dir, "corpus_")
	}
	return d, nil
}

type xmlDoc struct {
	XMLName   xml.Name   `xml:"Document"`
	Name      string     `xml:"doc_name,attr"`
	URL       string     `xml:"url,attr"`
	Tokens    []xmlToken `xml:"token"`
	Markables struct {
		Mentions      []xmlMarkable `xml:"ENTITY_MENTION"`
		EventMentions []xmlMarkable `xml:"EVENT_MENTION"`
		Timexes       []xmlMarkable `xml:"TIMEX3"`
		Entities      []xmlEntity   `xml:"ENTITY"`
		Events        []xmlEntity   `xml:"EVENT"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []xmlRefersTo `xml:"REFERS_TO"`
		TLinks   []xmlRefersTo `xml:"TLINK"`
	} `xml:"Relations"`
}

type xmlToken struct {
	ID       string `xml:"t_id,attr"`
	Sentence int    `xml:"sentence,attr"`
	Number   int    `xml:"number,attr"`
	Text     string `xml:",chardata"`
}

type xmlMarkable struct {
	ID        string  `xml:"m_id,attr"`
	Syntactic *string `xml:"syntactic_type,attr"`
	Type      string  `xml:"type,attr"`
	Value     string  `xml:"value,attr"`
	Function  string  `xml:"functionInDocument,attr"`
	Pred      *string `xml:"pred,attr"`
	Anchors   []struct {
		ID string `xml:"t_id,attr"`
	} `xml:"token_anchor"`
}

// xmlEntity is an ENTITY or an EVENT (whose class is in Class).
type xmlEntity struct {
	ID         string `xml:"m_id,attr"`
	Type       string `xml:"ent_type,attr"`
	Class      string `xml:"class,attr"`
	Descriptor string `xml:"TAG_DESCRIPTOR,attr"`
	Instance   string `xml:"instance_id,attr"`
}

type xmlRefersTo struct {
	Sources []struct {
		ID string `xml:"m_id,attr"`
	} `xml:"source"`
	Targets []struct {
		ID string `xml:"m_id,attr"`
	} `xml:"target"`
}

// Parse reads one article in MEANTIME XML.
func Parse(r io.Reader) (Doc, error) {
	var x xmlDoc
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return Doc{}, fmt.Errorf("decode: %w", err)
	}
	if len(x.Tokens) == 0 {
		return Doc{}, errors.New("no tokens")
	}
	d := Doc{Name: x.Name, URL: x.URL}

	// Tokens are listed in order, but sort by number to be safe.
	sort.SliceStable(x.Tokens, func(i, j int) bool { return x.Tokens[i].Number < x.Tokens[j].Number })
	index := make(map[string]int, len(x.Tokens))
	for i, t := range x.Tokens {
		if t.ID == "" {
			return Doc{}, fmt.Errorf("token %d has no t_id", t.Number)
		}
		if _, dup := index[t.ID]; dup {
			return Doc{}, fmt.Errorf("duplicate token t_id %s", t.ID)
		}
		index[t.ID] = i
	}
	d.Text, d.Tokens = detokenize(x.Tokens)
	d.Sentences = sentenceSpans(d.Tokens)

	span := func(kind, id string, anchors []struct {
		ID string `xml:"t_id,attr"`
	}) (first, last int, contiguous bool, err error) {
		first, last = -1, -1
		seen := make(map[int]bool, len(anchors))
		for _, a := range anchors {
			i, ok := index[a.ID]
			if !ok {
				return 0, 0, false, fmt.Errorf("%s %s: unknown token %q", kind, id, a.ID)
			}
			seen[i] = true
			if first < 0 || i < first {
				first = i
			}
			if i > last {
				last = i
			}
		}
		return first, last, len(seen) == last-first+1, nil
	}

	entities := make(map[string]xmlEntity, len(x.Markables.Entities))
	for _, e := range x.Markables.Entities {
		entities[e.ID] = e
	}
	// A mention refers to the first ENTITY among its targets; targets can
	// also be events, which are no concern here.
	refers := make(map[string]xmlEntity)
	for _, rel := range x.Relations.RefersTo {
		for _, t := range rel.Targets {
			e, ok := entities[t.ID]
			if !ok {
				continue
			}
			for _, s := range rel.Sources {
				if _, done := refers[s.ID]; !done {
					refers[s.ID] = e
				}
			}
			break
		}
	}
	// A few mentions refer to two entities (or events), one of them
	// without an instance; instance is the first cross-document one.
	events := make(map[string]xmlEntity, len(x.Markables.Events))
	for _, e := range x.Markables.Events {
		events[e.ID] = e
	}
	instance := make(map[string]string)
	referredEvent := make(map[string]xmlEntity)
	for _, rel := range x.Relations.RefersTo {
		for _, t := range rel.Targets {
			e, isEntity := entities[t.ID]
			ev, isEvent := events[t.ID]
			for _, s := range rel.Sources {
				if isEvent {
					if _, done := referredEvent[s.ID]; !done || referredEvent[s.ID].Instance == "" {
						referredEvent[s.ID] = ev
					}
				}
				if inst := e.Instance + ev.Instance; (isEntity || isEvent) && inst != "" && instance[s.ID] == "" {
					instance[s.ID] = inst
				}
			}
		}
	}
	timexIDs := make(map[string]bool, len(x.Markables.Timexes))
	for _, m := range x.Markables.Timexes {
		timexIDs[m.ID] = true
	}
	// linked lists the TIMEX3s each markable is TLINKed to.
	linked := make(map[string][]string)
	for _, rel := range x.Relations.TLinks {
		for _, s := range rel.Sources {
			for _, t := range rel.Targets {
				if timexIDs[t.ID] && !timexIDs[s.ID] {
					linked[s.ID] = append(linked[s.ID], t.ID)
				} else if timexIDs[s.ID] && !timexIDs[t.ID] {
					linked[t.ID] = append(linked[t.ID], s.ID)
				}
			}
		}
	}

	for _, m := range x.Markables.Mentions {
		if len(m.Anchors) == 0 {
			continue
		}
		first, last, contiguous, err := span("entity mention", m.ID, m.Anchors)
		if err != nil {
			return Doc{}, err
		}
		gm := Mention{
			ID:            m.ID,
			Start:         d.Tokens[first].Start,
			End:           d.Tokens[last].End,
			CrossDoc:      m.Syntactic == nil,
			Discontinuous: !contiguous,
		}
		if m.Syntactic != nil {
			gm.Syntactic = *m.Syntactic
		}
		gm.Text = d.Text[gm.Start:gm.End]
		if e, ok := refers[m.ID]; ok {
			gm.EntType = e.Type
			gm.Kind = KindOf(e.Type)
			gm.Entity = e.Descriptor
		}
		gm.Instance = instance[m.ID]
		d.Mentions = append(d.Mentions, gm)
	}
	sort.SliceStable(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })

	for _, m := range x.Markables.EventMentions {
		if len(m.Anchors) == 0 {
			continue
		}
		first, last, contiguous, err := span("event mention", m.ID, m.Anchors)
		if err != nil {
			return Doc{}, err
		}
		em := EventMention{
			ID:            m.ID,
			Start:         d.Tokens[first].Start,
			End:           d.Tokens[last].End,
			CrossDoc:      m.Pred == nil,
			Discontinuous: !contiguous,
			Instance:      instance[m.ID],
			Class:         referredEvent[m.ID].Class,
			Times:         linked[m.ID],
		}
		if m.Pred != nil {
			em.Pred = *m.Pred
		}
		em.Text = d.Text[em.Start:em.End]
		d.Events = append(d.Events, em)
	}
	sort.SliceStable(d.Events, func(i, j int) bool { return d.Events[i].Start < d.Events[j].Start })

	hasCreation := false
	for _, m := range x.Markables.Timexes {
		if m.Function == "CREATION_TIME" {
			hasCreation = true
		}
	}
	for _, m := range x.Markables.Timexes {
		if len(m.Anchors) == 0 {
			// Empty TIMEX3s are implicit times (the start of a
			// duration, say); nothing in the text to find.
			continue
		}
		first, last, _, err := span("timex", m.ID, m.Anchors)
		if err != nil {
			return Doc{}, err
		}
		tx := Timex{
			ID:       m.ID,
			Start:    d.Tokens[first].Start,
			End:      d.Tokens[last].End,
			Type:     m.Type,
			Value:    m.Value,
			Creation: m.Function == "CREATION_TIME",
		}
		// Two articles lack a CREATION_TIME; their dateline (sentence
		// 1) carries a plain TIMEX3 instead.
		if !hasCreation && d.Tokens[first].Sentence == 1 && d.Tokens[last].Sentence == 1 && m.Type == "DATE" {
			tx.Creation = true
			hasCreation = true
		}
		tx.Text = d.Text[tx.Start:tx.End]
		d.Times = append(d.Times, tx)
		if tx.Creation && d.Published.IsZero() {
			d.Published = parseDate(tx.Value)
		}
	}
	sort.SliceStable(d.Times, func(i, j int) bool { return d.Times[i].Start < d.Times[j].Start })

	// The annotated region ends with the last sentence holding a
	// document-level annotation, and covers AnnotatedSentences at least.
	ordinal := make([]int, len(d.Tokens))
	for i := 1; i < len(d.Tokens); i++ {
		ordinal[i] = ordinal[i-1]
		if d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
			ordinal[i]++
		}
	}
	last := AnnotatedSentences - 1
	for _, m := range x.Markables.Mentions {
		if m.Syntactic != nil {
			for _, a := range m.Anchors {
				last = max(last, ordinal[index[a.ID]])
			}
		}
	}
	for _, m := range x.Markables.Timexes {
		for _, a := range m.Anchors {
			last = max(last, ordinal[index[a.ID]])
		}
	}
	d.AnnotatedEnd = len(d.Text)
	if last+1 < len(d.Sentences) {
		d.AnnotatedEnd = d.Sentences[last].End
	}
	if d.Published.IsZero() && len(d.Sentences) > 1 {
		s := d.Sentences[1]
		for _, layout := range []string{"January 2 , 2006", "January 2, 2006"} {
			if t, err := time.Parse(layout, d.Text[s.Start:s.End]); err == nil {
				d.Published = t
				break
			}
		}
	}
	return d, nil
}

// KindOf maps a MEANTIME ent_type to a mention kind.
func KindOf(entType string) string {
	switch entType {
	case "PER":
		return KindPerson
	case "ORG":
		return KindOrg
	case "LOC":
		return KindPlace
	}
	return entType
}

// parseDate reads the date part of a TimeML value such as 2005-06-13 or
// 2005-04-27T08:30Z.
func parseDate(v string) time.Time {
	if len(v) < 10 {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", v[:10])
	if err != nil {
		return time.Time{}
	}
	return t
}

func sentenceSpans(toks []Token) []Span {
	var out []Span
	for i, t := range toks {
		if i == 0 || t.Sentence != toks[i-1].Sentence {
			out = append(out, Span{Start: t.Start, End: t.End})
			continue
		}
		out[len(out)-1].End = t.End
	}
	return out
}

// detokenize prints the tokens as running text. The title (sentence 0) and
// the dateline (sentence 1) end in a line break, as they would on the page;
// the rest is one paragraph because the corpus does not keep paragraphs.
func detokenize(xt []xmlToken) (string, []Token) {
	var b strings.Builder
	toks := make([]Token, 0, len(xt))
	var (
		dq, sq    bool // a double or single quotation is open
		glueRight bool // the previous token takes no space after it
		prevText  string
	)
	for i, t := range xt {
		text := strings.TrimSpace(t.Text)
		newLine := i > 0 && t.Sentence != xt[i-1].Sentence && xt[i-1].Sentence <= 1
		if newLine {
			// Quotes do not run from the title into the body.
			dq, sq = false, false
		}
		glueLeft := false
		switch {
		case text == "``" || text == "“":
			// An opening quote takes a space before it, none after.
			text, dq = `"`, true
		case text == "''" || text == "”":
			text, dq = `"`, false
			glueLeft = true
		case text == `"`:
			if dq {
				glueLeft = true
			}
			dq = !dq
		case text == "`" || text == "‘":
			text, sq = "'", true
		case text == "'":
			// A closing single quote, or the possessive of a plural
			// ("Airbus' jets"), leans left; after punctuation it opens.
			if sq || endsAlnum(prevText) {
				glueLeft, sq = true, false
			} else {
				sq = true
			}
		case text == "’":
			glueLeft = true
		case isClitic(text):
			glueLeft = true
		case strings.HasSuffix(prevText, "'") && len(prevText) > 1 && isClitic("'"+text):
			// "I' ll": the tokenizer split after the apostrophe.
			glueLeft = true
		case len(prevText) == 2 && prevText[1] == '\'' && 'A' <= prevText[0] && prevText[0] <= 'Z' && unicode.IsUpper(firstRune(text)):
			// "O' Leary", "D' Amato".
			glueLeft = true
		case strings.ContainsRune(",.;:)]}%!?", firstRune(text)) && !startsNumber(text):
			// ".5" would be a number, but the corpus writes 0.5; what
			// starts with punctuation leans left (",", "...", "?!").
			glueLeft = true
		}
		opens := (text == `"` && dq && !glueLeft) || (text == "'" && sq && !glueLeft)

		if i > 0 {
			switch {
			case newLine:
				b.WriteByte('\n')
			case glueLeft || glueRight:
			default:
				b.WriteByte(' ')
			}
		}
		start := b.Len()
		b.WriteString(text)
		toks = append(toks, Token{ID: t.ID, Sentence: t.Sentence, Start: start, End: b.Len(), Text: text})
		glueRight = opens || text == "(" || text == "[" || text == "{" || text == "#" ||
			(strings.HasSuffix(text, "$") && len(text) <= 3) || text == "€" || text == "£" || text == "¥"
		prevText = text
	}
	return b.String(), toks
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func startsNumber(s string) bool {
	return len(s) > 1 && s[0] == '.' && s[1] >= '0' && s[1] <= '9'
}

func endsAlnum(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isClitic reports whether a token is the tail of a contraction or a
// possessive split off by the tokenizer: 's, n't, 're, 've, 'll, 'd, 'm.
func isClitic(s string) bool {
	l := strings.ToLower(s)
	if l == "n't" || l == "n’t" {
		return true
	}
	rest, ok := strings.CutPrefix(l, "'")
	if !ok {
		rest, ok = strings.CutPrefix(l, "’")
	}
	if !ok || rest == "" || len(rest) > 2 {
		return false
	}
	for _, r := range rest {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
