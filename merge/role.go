package merge

import (
	"sort"
	"strings"
	"unicode"
)

// RoleObs is one source's statement that an entity holds (or held) a
// role.
type RoleObs struct {
	EntityID int64
	SourceID int64
	Title    string
	Org      string
	// Since and Until are TimeML values the text gives; Until is
	// "PAST_REF" for a role said to have ended at no given date
	// ("former chief executive").
	Since, Until string
	// SinceDay and UntilDay are the first days of Since and Until
	// (YYYY-MM-DD), empty when not a date.
	SinceDay, UntilDay string
	// Published is the source's publication date (YYYY-MM-DD): the day
	// the observation was true, when the text gives no date.
	Published string
}

// RoleSpan is a role an entity held over a span of time, from all the
// sources that speak of it.
type RoleSpan struct {
	EntityID int64
	Title    string
	Org      string
	// Since is the TimeML value of its start when a source gives one;
	// From is the first day it is known held: Since's first day, else the
	// earliest observation.
	Since string
	From  string
	// Until is the TimeML value of its end when a source gives one; To is
	// the day by which it had ended (Until's first day, the day a
	// successor took it, or the publication date of the first source
	// calling it former). Ended is false while the role is current.
	Until string
	To    string
	Ended bool
	// Successor is the entity that took over a single-holder office, 0
	// when none is known.
	Successor int64
	// Observed are the publication dates of the first and last source
	// speaking of the role.
	FirstSeen, LastSeen string
	Sources             []int64
}

// HeldOn reports whether the role was held on day (YYYY-MM-DD), as far as
// the sources tell: from its first known day until the day it ended.
func (r *RoleSpan) HeldOn(day string) bool {
	if r.From == "" || day < r.From {
		return false
	}
	return !r.Ended || r.To == "" || day < r.To
}

// titlePunct drops the full stops of titles and makes their hyphens
// spaces; a Replacer builds its tables on first use, once.
var titlePunct = strings.NewReplacer(".", "", "-", " ")

// TitleKey is the form titles are compared in: "CEO", "chief executive"
// and "Chief Executive Officer" are one title.
func TitleKey(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	t = strings.Join(strings.Fields(titlePunct.Replace(t)), " ")
	// "President and CEO": the chief executive's office.
	if f := " " + t + " "; (strings.Contains(f, " ceo ") || strings.Contains(f, " chief executive ")) &&
		!strings.Contains(f, " deputy ") && !strings.Contains(f, " vice ") && !strings.Contains(f, " assistant ") {
		return "chief executive"
	}
	switch t {
	case "ceo", "chief executive officer", "chief executive", "chief exec", "boss", "chief":
		return "chief executive"
	case "chairman", "chairwoman", "chairperson", "chair":
		return "chair"
	case "cfo", "chief financial officer":
		return "chief financial officer"
	case "coo", "chief operating officer":
		return "chief operating officer"
	case "pm":
		return "prime minister"
	}
	return t
}

// OrgKey is the form organisations are compared in for roles: lower
// case, punctuation dropped, without its legal form ("Apple Inc." is
// "apple"; "Ford Motor Co." is "ford motor").
func OrgKey(org string) string {
	f := strings.FieldsFunc(strings.ToLower(org), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&'
	})
	return OrgCore(strings.Join(f, " "))
}

// SingleHolder reports whether an office has one holder at a time, so
// that a newer source naming another holder ends the older holder's
// term: a chief executive, chair or president of an organisation, a
// country's prime minister or minister of a portfolio, a mayor, a
// governor. It needs the organisation (or country, or city) to say whose
// office it is.
func SingleHolder(titleKey, org string) bool {
	if strings.TrimSpace(org) == "" {
		return false
	}
	switch titleKey {
	case "chief executive", "chair", "president", "prime minister", "mayor", "governor", "chancellor",
		"secretary general", "director general", "chief financial officer", "chief operating officer", "premier", "head":
		return true
	}
	return strings.Contains(titleKey, "minister") && !strings.Contains(titleKey, "deputy") && !strings.Contains(titleKey, "vice") ||
		strings.HasPrefix(titleKey, "secretary of ")
}

type roleKey struct {
	entity int64
	title  string
	org    string
}

// Roles folds role observations into spans, one per entity and office,
// and ends the terms of single-holder offices that a later holder took
// over. Spans come out by entity, then start.
func Roles(obs []RoleObs) []RoleSpan {
	// The observations repeat a few titles and organisations (an office
	// dated by every article that names it): their keys are worked out
	// once each.
	titleKey, orgKey := memo(TitleKey), memo(OrgKey)
	// A title given without its organisation ("resigned as chief
	// executive") is the entity's one office of that title, when the
	// sources name exactly one.
	type entityTitle struct {
		entity int64
		title  string
	}
	orgsOf := map[entityTitle]map[string]string{}
	for _, o := range obs {
		if strings.TrimSpace(o.Org) == "" {
			continue
		}
		k := entityTitle{o.EntityID, titleKey(o.Title)}
		if orgsOf[k] == nil {
			orgsOf[k] = map[string]string{}
		}
		orgsOf[k][orgKey(o.Org)] = o.Org
	}
	filled := make([]RoleObs, len(obs))
	for i, o := range obs {
		if strings.TrimSpace(o.Org) == "" {
			if m := orgsOf[entityTitle{o.EntityID, titleKey(o.Title)}]; len(m) == 1 {
				for _, org := range m {
					o.Org = org
				}
			}
		}
		filled[i] = o
	}
	obs = filled
	byKey := map[roleKey]*RoleSpan{}
	firstFormer := map[roleKey]string{}
	var keys []roleKey
	for _, o := range obs {
		if o.Title == "" && o.Org == "" {
			continue
		}
		k := roleKey{o.EntityID, titleKey(o.Title), orgKey(o.Org)}
		s := byKey[k]
		if s == nil {
			s = &RoleSpan{EntityID: o.EntityID, Title: o.Title, Org: o.Org}
			byKey[k] = s
			keys = append(keys, k)
		}
		if !containsID(s.Sources, o.SourceID) {
			s.Sources = append(s.Sources, o.SourceID)
		}
		if o.Published != "" {
			if s.FirstSeen == "" || o.Published < s.FirstSeen {
				s.FirstSeen = o.Published
			}
			if o.Published > s.LastSeen {
				s.LastSeen = o.Published
			}
		}
		if o.Since != "" && o.SinceDay != "" && (s.Since == "" || o.SinceDay < s.From) {
			s.Since, s.From = o.Since, o.SinceDay
		}
		if o.Until != "" {
			s.Ended = true
			if o.UntilDay != "" && (s.To == "" || s.Until == "" || o.UntilDay < s.To) {
				s.Until, s.To = o.Until, o.UntilDay
			}
			if o.Published != "" && (firstFormer[k] == "" || o.Published < firstFormer[k]) {
				firstFormer[k] = o.Published
			}
		} else if len(o.Title) > len(s.Title) && titleKey(o.Title) == k.title {
			// The fullest spelling of a current title names it.
			s.Title = o.Title
		}
	}
	for _, k := range keys {
		s := byKey[k]
		if s.Since == "" {
			s.From = s.FirstSeen
			// A role only ever called former was not seen held.
			if s.Ended && firstFormer[k] == s.FirstSeen && s.Until == "" {
				s.From = ""
			}
		}
		if s.Ended && s.To == "" {
			s.To = firstFormer[k]
		}
	}

	// Single-holder offices: each holder's term ends when the next one's
	// starts.
	offices := map[[2]string][]*RoleSpan{}
	for _, k := range keys {
		if SingleHolder(k.title, k.org) {
			o := [2]string{k.title, k.org}
			offices[o] = append(offices[o], byKey[k])
		}
	}
	for _, spans := range offices {
		if len(spans) < 2 {
			continue
		}
		sort.SliceStable(spans, func(i, j int) bool { return start(spans[i]) < start(spans[j]) })
		for i, s := range spans {
			if start(s) == "" {
				continue
			}
			for _, next := range spans[i+1:] {
				ns := start(next)
				if next.EntityID == s.EntityID || ns == "" || ns <= start(s) {
					continue
				}
				// The successor's term starts after this one's: this
				// one ended then, unless a source dated its end earlier.
				if !s.Ended || s.To == "" || ns < s.To && s.Until == "" {
					s.Ended, s.To = true, ns
				}
				if s.Successor == 0 {
					s.Successor = next.EntityID
				}
				break
			}
		}
	}

	out := make([]RoleSpan, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].EntityID != out[j].EntityID {
			return out[i].EntityID < out[j].EntityID
		}
		return start(&out[i]) < start(&out[j])
	})
	return out
}

// start is the first day a span is known held, or its first observation.
func start(s *RoleSpan) string {
	if s.From != "" {
		return s.From
	}
	return s.FirstSeen
}

// memo returns f remembering its answer for each argument.
func memo(f func(string) string) func(string) string {
	seen := map[string]string{}
	return func(s string) string {
		v, ok := seen[s]
		if !ok {
			v = f(s)
			seen[s] = v
		}
		return v
	}
}
