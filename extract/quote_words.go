package extract

import (
	"strings"
	"sync"
)

// qVerbClass says how a verb can introduce a quotation.
type qVerbClass uint8

const (
	// speechVerb verbs report speech ("said", "told", "wrote"): the subject
	// of one is the speaker of a quote next to it.
	qSpeechVerb qVerbClass = 1 + iota
	// evalVerb verbs characterise something in the subject's own words
	// ("called it", "likened him to", "praised his"): they license a short
	// partial quote in the clause but never attribute a quote standing
	// after the clause ("“…,” Smith called" is not English).
	qEvalVerb
)

// qSpeechBases are regular verbs of saying. Inflections are generated.
var qSpeechBases = []string{
	"acknowledge", "add", "admit", "agree", "allege", "announce", "answer", "argue",
	"ask", "assert", "boast", "caution", "charge", "claim", "comment", "complain",
	"concede", "conclude", "confirm", "contend", "continue", "counter", "cry",
	"declare", "demand", "deny", "email", "emphasise", "emphasize", "exclaim",
	"explain", "insist", "joke", "lament", "maintain", "mention", "message",
	"muse", "note", "observe", "plead", "pledge", "post", "predict", "proclaim",
	"promise", "quip", "reason", "recall", "recount", "reflect", "reiterate",
	"remark", "repeat", "reply", "report", "respond", "retort", "say", "shout",
	"sigh", "snap", "state", "stress", "suggest", "testify", "text", "thunder",
	"tweet", "urge", "vow", "warn", "whisper", "wonder", "write", "yell",
	"tell", "reassure", "scoff", "sneer", "concur", "counsel", "affirm",
	"underline", "underscore", "highlight", "remind", "interject", "chime",
	"remember", "enthuse", "indicate", "rave", "gush", "scold", "add",
}

// qEvalBases are regular verbs that characterise in the subject's words.
var qEvalBases = []string{
	"accuse", "applaud", "blame", "blast", "brand", "call", "characterise",
	"characterize", "cite", "commend", "compare", "condemn", "consider",
	"credit", "criticise", "criticize", "decry", "deem", "defend", "denounce",
	"deride", "describe", "determine", "dismiss", "dub", "express", "hail",
	"label", "lambaste", "laud", "liken", "mock", "praise", "question", "refer",
	"reject", "ridicule", "rule", "slam", "term", "thank", "tout", "view",
	"voice", "welcome", "hope", "vow", "pledge", "promise", "urge", "demand",
	"criticise", "fault", "attack", "lash", "rebuke", "reaffirm", "express",
}

// qIrregularVerbs maps irregular forms to their base.
var qIrregularVerbs = map[string]string{
	"said": "say", "says": "say", "saying": "say",
	"told": "tell", "tells": "tell", "telling": "tell",
	"wrote": "write", "written": "write", "writes": "write", "writing": "write",
	"found": "find", "find": "find", "finds": "find", "finding": "find",
	"thought": "think", "think": "think", "thinks": "think",
	"swore": "swear", "sworn": "swear", "swear": "swear", "swears": "swear",
	"spoke": "speak", "cried": "cry", "cries": "cry", "replied": "reply",
	"replies": "reply", "denied": "deny", "denies": "deny", "testified": "testify",
	"testifies": "testify",
}

// qDoubledVerbs double their final consonant before -ed and -ing.
var qDoubledVerbs = map[string]bool{"admit": true, "quip": true, "snap": true, "dub": true, "concur": true, "refer": true}

// quoteVerbs is built on first use by qVerbOf.
var (
	quoteVerbs     map[string]qVerbClass
	quoteVerbsOnce sync.Once
)

func qBuildVerbs() map[string]qVerbClass {
	m := make(map[string]qVerbClass, 1024)
	add := func(bases []string, c qVerbClass) {
		for _, b := range bases {
			for _, f := range qInflect(b) {
				if old, ok := m[f]; !ok || c < old {
					m[f] = c
				}
			}
		}
	}
	add(qEvalBases, qEvalVerb)
	add(qSpeechBases, qSpeechVerb)
	for f, b := range qIrregularVerbs {
		c := qEvalVerb
		for _, s := range qSpeechBases {
			if s == b {
				c = qSpeechVerb
			}
		}
		m[f] = c
	}
	// Bases that only make sense with their irregular forms.
	for _, f := range []string{"sayed", "telled", "writed", "finded", "thinked", "speaked"} {
		delete(m, f)
	}
	return m
}

// qInflect returns the base form of a regular verb with its -s, -ed and -ing
// forms.
func qInflect(b string) []string {
	out := []string{b}
	last := b[len(b)-1]
	stem := b
	if qDoubledVerbs[b] {
		stem = b + string(last)
	}
	switch {
	case strings.HasSuffix(b, "y") && !strings.ContainsRune("aeiou", rune(b[len(b)-2])):
		out = append(out, b[:len(b)-1]+"ies", b[:len(b)-1]+"ied", b+"ing")
	case strings.HasSuffix(b, "ee"):
		out = append(out, b+"s", b+"d", b+"ing")
	case last == 'e':
		out = append(out, b+"s", b+"d", b[:len(b)-1]+"ing")
	case strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || last == 'x' || last == 's':
		out = append(out, b+"es", b+"ed", b+"ing")
	default:
		out = append(out, b+"s", stem+"ed", stem+"ing")
	}
	return out
}

// qVerbOf returns the class of the quote verb w (lower case), or 0.
func qVerbOf(w string) qVerbClass {
	quoteVerbsOnce.Do(func() { quoteVerbs = qBuildVerbs() })
	return quoteVerbs[w]
}

// qPrepositions make the noun after them an object, never a subject.
var qPrepositions = map[string]bool{
	"with": true, "to": true, "for": true, "by": true, "of": true, "from": true, "in": true,
	"on": true, "at": true, "against": true, "about": true, "between": true, "among": true,
	"like": true, "than": true, "into": true, "over": true, "under": true, "after": true,
	"before": true, "during": true, "including": true, "toward": true, "towards": true,
	"via": true, "upon": true, "behind": true, "beside": true, "without": true, "within": true,
	"through": true, "across": true, "alongside": true, "amid": true, "despite": true,
	"near": true, "unlike": true, "versus": true, "per": true, "as": true, "thanking": true,
}

// qDeterminers open a noun phrase such as "the mayor" or "a spokesman".
var qDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true, "our": true,
}

// qBetweenSubjectAndVerb are auxiliaries and adverbs that may stand
// between a speaker and the verb ("Smith has also said").
var qBetweenSubjectAndVerb = map[string]bool{
	"has": true, "have": true, "had": true, "also": true, "later": true, "then": true,
	"again": true, "previously": true, "recently": true, "once": true, "repeatedly": true,
	"publicly": true, "earlier": true, "would": true, "will": true, "did": true, "does": true,
	"already": true, "often": true, "reportedly": true, "separately": true, "further": true,
	"privately": true, "flatly": true, "bluntly": true, "simply": true, "quickly": true,
	"immediately": true, "subsequently": true, "initially": true, "first": true, "finally": true,
	"even": true, "still": true, "angrily": true, "firmly": true, "openly": true,
	"himself": true, "herself": true, "itself": true, "themselves": true,
	"just": true, "long": true,
}

// qPassiveAux before a participle makes it passive ("was called"), whose
// subject is not the speaker.
var qPassiveAux = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "being": true, "be": true, "widely": true}

// qRoleModifiers may precede a role title without being part of it.
var qRoleModifiers = map[string]bool{
	"former": true, "current": true, "new": true, "outgoing": true, "incoming": true,
	"then": true, "sitting": true, "longtime": true, "veteran": true, "top": true,
}

// qGroupNouns refer back to an organisation named earlier ("the company
// said"). The value is true when any organisation fits, false when the
// organisation's name must contain the noun ("the ministry").
var qGroupNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "organisation": true, "organization": true,
	"agency": false, "ministry": false, "department": false, "bank": false, "party": false,
	"union": false, "alliance": false, "committee": false, "council": false, "commission": false,
	"court": false, "government": false, "campaign": false, "university": false, "club": false,
	"league": false, "federation": false, "association": false, "institute": false, "office": false,
	"administration": false, "army": false, "police": false, "team": false, "board": false,
	"airline": true, "carrier": true, "retailer": true, "automaker": true, "startup": true,
	"bureau": false, "authority": false, "service": false, "foundation": false, "embassy": false,
}

// qOrgSuffixes mark a capitalised name as an organisation.
var qOrgSuffixes = map[string]bool{
	"Ministry": true, "Department": true, "Agency": true, "Council": true, "Commission": true,
	"Inc": true, "Inc.": true, "Corp": true, "Corp.": true, "Company": true, "Co.": true, "Group": true,
	"Bank": true, "University": true, "Party": true, "Office": true, "House": true, "Committee": true,
	"Court": true, "Government": true, "Police": true, "Army": true, "Navy": true, "Ltd": true,
	"Ltd.": true, "Association": true, "Institute": true, "Foundation": true, "Union": true,
	"Organization": true, "Organisation": true, "Authority": true, "Bureau": true, "Service": true,
	"Administration": true, "Kremlin": true, "Pentagon": true, "Embassy": true, "Secretariat": true,
	"League": true, "Federation": true, "Club": true, "Board": true, "Senate": true, "Congress": true,
	"Motors": true, "Motor": true, "Airlines": true, "Airways": true, "Electric": true, "Systems": true,
	"Technologies": true, "Holdings": true, "Partners": true, "Energy": true, "Reports": true, "Post": true,
	"Journal": true, "Tribune": true, "Herald": true, "Network": true, "Studios": true, "Records": true,
	"Parliament": true, "Cabinet": true, "Command": true, "Forces": true, "Times": true, "News": true,
}

// qNotNames are capitalised words that never make a speaker on their own.
var qNotNames = map[string]bool{
	"The": true, "A": true, "An": true, "It": true, "He": true, "She": true, "They": true, "We": true,
	"I": true, "This": true, "That": true, "But": true, "And": true, "Or": true, "In": true, "On": true,
	"At": true, "As": true, "When": true, "While": true, "After": true, "Before": true, "If": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true, "January": true, "February": true, "March": true, "April": true,
	"May": true, "June": true, "July": true, "August": true, "September": true, "October": true,
	"November": true, "December": true, "Jan.": true, "Feb.": true, "Mar.": true, "Apr.": true,
	"Jun.": true, "Jul.": true, "Aug.": true, "Sep.": true, "Sept.": true, "Oct.": true, "Nov.": true,
	"Dec.": true, "Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "His": true, "Her": true,
	"Their": true, "Its": true, "Our": true, "Officials": true, "Both": true, "There": true,
	"Later": true, "Then": true, "Also": true, "However": true, "Meanwhile": true, "According": true,
	"Still": true, "Yet": true, "Now": true, "Instead": true, "Indeed": true, "Moreover": true,
	"Furthermore": true, "Overall": true, "Finally": true, "Separately": true, "Similarly": true,
	"Nevertheless": true, "Nonetheless": true, "Earlier": true, "Previously": true, "Last": true,
	"Next": true, "Some": true, "Many": true, "Other": true, "Others": true, "Speaking": true,
	"Today": true, "Yesterday": true, "Tomorrow": true, "Tonight": true,
}

// qHonorifics are dropped from the front of a guessed name.
var qHonorifics = map[string]bool{"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Prof.": true, "Sir": true, "Dame": true}

// qGenericNouns are people in general, capitalised at the start of a
// sentence ("Critics called it …"); a speaker they name has no name.
var qGenericNouns = map[string]bool{
	"critics": true, "officials": true, "analysts": true, "residents": true, "democrats": true,
	"republicans": true, "investors": true, "protesters": true, "experts": true, "economists": true,
	"lawmakers": true, "sources": true, "observers": true, "witnesses": true, "police": true,
	"authorities": true, "officers": true, "doctors": true, "scientists": true, "researchers": true,
	"voters": true, "supporters": true, "opponents": true, "leaders": true, "diplomats": true,
	"negotiators": true, "prosecutors": true, "activists": true, "workers": true, "unions": true,
	"teachers": true, "parents": true, "students": true, "families": true, "neighbours": true,
	"neighbors": true, "locals": true, "fans": true, "regulators": true, "traders": true,
	"executives": true, "organisers": true, "organizers": true, "rescuers": true, "firefighters": true,
	"soldiers": true, "troops": true, "militants": true, "rebels": true, "people": true, "many": true,
	"others": true, "some": true, "both": true, "several": true, "participants": true, "members": true,
	"staff": true, "employees": true, "users": true, "customers": true, "commentators": true,
	"insiders": true, "aides": true, "allies": true, "skeptics": true, "sceptics": true,
}
