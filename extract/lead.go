package extract

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// maxTitleWords bounds a headline: a longer first line is body text.
const maxTitleWords = 30

// inferLeadEvents adds the main news of an article when the text gives it
// no date: the headline and the lead sentence (the first sentence of the
// body) report what happened, usually on the day of the dateline or of
// publication, without saying so. Each of the two that reports a
// happening — a finite verb and a named participant — but carries no
// event of its own gets one, dated by the dateline when it gives a day,
// else by the publication date, and marked Inferred. The headline is left
// out when the lead got an inferred event, or has a dated one about a
// participant of the headline: it tells the same news, and the lead's
// wording and date are the better ones.
func inferLeadEvents(text string, sents []Sentence, times []Time, mentions []Mention, events []Event, published time.Time) []Event {
	title, lead, dateline := leadSentences(text, sents, times)
	date := dateline
	if date == "" {
		if published.IsZero() {
			return events
		}
		date = published.Format("2006-01-02")
	}
	var added []Event
	var leadEntities []string
	if lead >= 0 {
		s := sents[lead]
		evs := eventsIn(events, s)
		for _, e := range evs {
			leadEntities = append(leadEntities, e.Entities...)
		}
		if len(evs) == 0 {
			sm := mentionsIn(mentions, s)
			if len(sm) > 0 && hasFiniteVerb(text, s, sm, false) {
				e := newEvent(text, s, s.Start, s.End, date, Day, "", sm)
				e.Inferred = true
				added = append(added, e)
				title = -1
			}
		}
	}
	if title >= 0 {
		s := sents[title]
		sm := mentionsIn(mentions, s)
		same := false
		for _, m := range sm {
			for _, n := range leadEntities {
				same = same || m.Entity == n
			}
		}
		if !same && len(sm) > 0 && len(eventsIn(events, s)) == 0 && hasFiniteVerb(text, s, sm, true) {
			e := newEvent(text, s, s.Start, s.End, date, Day, "", sm)
			e.Inferred = true
			added = append(added, e)
		}
	}
	if len(added) == 0 {
		return events
	}
	out := append(append(make([]Event, 0, len(events)+len(added)), events...), added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// leadSentences finds the headline and the lead sentence: the headline is
// a first line without closing punctuation; datelines (a line that is
// only a date, or only a place in capitals) may follow it; the lead is the
// first sentence after them. title is -1 when the text has no headline,
// lead -1 when it has no body; dateline is the day a dateline gives, or "".
func leadSentences(text string, sents []Sentence, times []Time) (title, lead int, dateline string) {
	title, lead = -1, -1
	i := 0
	if len(sents) > 0 && isHeadline(text, sents[0], times) {
		title = 0
		i = 1
	}
	for n := 0; i < len(sents) && n < 3; n++ {
		s := sents[i]
		st := timesIn(times, s)
		sentence := text[s.Start:s.End]
		if len(st) > 0 && onlyTime(sentence, st) {
			for _, t := range st {
				if v, p, ok := eventDate(t); ok && p == Day && dateline == "" {
					dateline = v
				}
			}
			i++
			continue
		}
		if endsLine(text, s) && isUpperWord(sentence) {
			i++ // "WASHINGTON" on a line of its own
			continue
		}
		break
	}
	if i < len(sents) {
		lead = i
	}
	return title, lead, dateline
}

// isHeadline reports whether sentence s is a headline: a line of its own,
// short, not closed by a full stop, and not just a date.
func isHeadline(text string, s Sentence, times []Time) bool {
	if !endsLine(text, s) {
		return false
	}
	sentence := strings.TrimSpace(text[s.Start:s.End])
	if sentence == "" || moreFieldsThan(sentence, maxTitleWords) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(sentence)
	switch last {
	case '.', '!', ';', ':', ',', '"', '”', '’', '\'':
		return false
	}
	if st := timesIn(times, s); len(st) > 0 && onlyTime(sentence, st) {
		return false
	}
	return true
}

// moreFieldsThan reports whether s has more than n words separated by
// white space, reading no further than the word after the nth: a sentence
// may be megabytes long.
func moreFieldsThan(s string, n int) bool {
	k := 0
	for range strings.FieldsSeq(s) {
		if k++; k > n {
			return true
		}
	}
	return false
}

// endsLine reports whether a line break follows sentence s, or the text
// ends with it.
func endsLine(text string, s Sentence) bool {
	rest := strings.TrimLeft(text[s.End:], " \t")
	return rest == "" || rest[0] == '\n' || rest[0] == '\r'
}

func timesIn(times []Time, s Sentence) []Time {
	// Times in text order: those of s are a stretch of them, shared
	// rather than copied (a sentence may hold hundreds of thousands).
	if sort.SliceIsSorted(times, func(i, j int) bool { return times[i].Start < times[j].Start }) {
		lo := sort.Search(len(times), func(i int) bool { return times[i].Start >= s.Start })
		hi := lo + sort.Search(len(times)-lo, func(i int) bool { return times[lo+i].Start >= s.End })
		if hi == lo {
			return nil
		}
		return times[lo:hi:hi]
	}
	var out []Time
	for _, t := range times {
		if t.Start >= s.Start && t.Start < s.End {
			out = append(out, t)
		}
	}
	return out
}

func mentionsIn(mentions []Mention, s Sentence) []Mention {
	// Mentions in text order, all of them that start in s ending in it:
	// those of s are a stretch of them, shared rather than copied (a
	// sentence may hold hundreds of thousands).
	ordered := true
	for i, m := range mentions {
		ordered = ordered && m.End > m.Start && (i == 0 || mentions[i-1].Start <= m.Start)
	}
	if ordered {
		lo := sort.Search(len(mentions), func(i int) bool { return mentions[i].Start >= s.Start })
		hi := lo + sort.Search(len(mentions)-lo, func(i int) bool { return mentions[lo+i].Start > s.End })
		within := true
		for _, m := range mentions[lo:hi] {
			within = within && m.End <= s.End
		}
		if within {
			if hi == lo {
				return nil
			}
			return mentions[lo:hi:hi]
		}
	}
	var out []Mention
	for _, m := range mentions {
		if m.Start >= s.Start && m.End <= s.End {
			out = append(out, m)
		}
	}
	return out
}

func eventsIn(events []Event, s Sentence) []Event {
	var out []Event
	for _, e := range events {
		if e.Start < s.End && s.Start < e.End {
			out = append(out, e)
		}
	}
	return out
}

// finiteAux are auxiliaries and modals: a clause that has one has a finite
// verb.
var finiteAux = map[string]bool{
	"is": true, "are": true, "am": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "shall": true, "should": true, "can": true, "could": true, "must": true,
	"might": true, "does": true, "do": true, "did": true, "isn't": true, "aren't": true, "wasn't": true,
	"weren't": true, "hasn't": true, "haven't": true, "won't": true, "didn't": true, "doesn't": true,
}

// notVerbS are words ending in s that follow a name without being its
// verb.
var notVerbS = map[string]bool{
	"plus": true, "versus": true, "its": true, "this": true, "thus": true, "his": true, "as": true,
	"us": true, "yes": true, "news": true, "chiefs": true, "officials": true, "workers": true,
	"employees": true, "shares": true, "sales": true, "fans": true, "users": true, "customers": true,
	"executives": true,
}

// notVerbPast are words the tense lexicon lists as looking backwards that
// are not verbs.
var notVerbPast = map[string]bool{
	"ago": true, "yesterday": true, "earlier": true, "previously": true, "according": true,
}

// hasFiniteVerb guesses whether sentence s has a finite verb, the mark of
// a clause that reports a happening rather than a label or a caption.
// sm are the sentence's mentions: a present-tense verb is recognised right
// after a name ("Acme wins", "Acme sues Borealis"), and in a headline
// "Acme to sell" stands for "Acme is to sell".
func hasFiniteVerb(text string, s Sentence, sm []Mention, headline bool) bool {
	ix := mentionSpans(sm)
	afterName := func(at int) bool {
		if ix != nil {
			return ix.anyEndIn(at-3, at, func(end int) bool { return strings.TrimSpace(text[end:at]) == "" })
		}
		for _, m := range sm {
			if m.End <= at && at-m.End <= 3 && strings.TrimSpace(text[m.End:at]) == "" {
				return true
			}
		}
		return false
	}
	inName := func(at int) bool {
		if ix != nil {
			return ix.contains(at)
		}
		for _, m := range sm {
			if at >= m.Start && at < m.End {
				return true
			}
		}
		return false
	}
	// Word by word, keeping the one before: a verb usually comes early,
	// and a sentence may be megabytes long.
	var prev, w word
	for i, at := 0, s.Start; ; i++ {
		prev = w
		var ok bool
		if w, at, ok = nextWord(text, at, s.End); !ok {
			break
		}
		if inName(w.s) {
			continue
		}
		if isVerbWord(w) {
			return true
		}
		if w.cap {
			continue
		}
		if headline && i > 0 && prev.w == "to" && afterName(prev.s) && !inName(prev.s) {
			return true // "Acme to sell its plant"
		}
		if len(w.w) >= 4 && strings.HasSuffix(w.w, "s") && !strings.HasSuffix(w.w, "ss") && !strings.HasSuffix(w.w, "'s") && !notVerbS[w.w] && afterName(w.s) {
			return true // "Acme wins", "Acme sues Borealis"
		}
	}
	return false
}
