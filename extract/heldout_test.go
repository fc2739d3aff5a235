package extract_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"briefbot/extract"
)

// TestHeldout scores the extractor on the held-out articles of issue 11
// (testdata/heldout, see its README): invented news in house styles the
// extractor was not developed on, with gold written before any output was
// seen. The dev half may be tuned on; the test, test2, test3, test4 and test5 halves
// print aggregate figures only, to discourage tuning on them.
//
//	go test -tags sqlite_fts5 -run TestHeldout -v ./extract
//	go test -tags sqlite_fts5 -run TestHeldout -v ./extract -heldout.verbose
//
// (or BRIEFBOT_HELDOUT_VERBOSE=1) lists every miss on the dev half.
//
// Matching rules, chosen to be fair to the extractor without being loose:
//
//   - Names are normalised: lower case, curly apostrophes made straight,
//     full stops and commas dropped, a possessive 's and a leading "the"
//     dropped, leading honorifics (Sir, Dame, Dr, Mr, Mrs, Ms, Miss, Prof,
//     Professor, Smt, Shri, Sri, Alhaji, Hajia, Hon, Cllr, Rev, Lord, Lady)
//     and trailing post-nominals (KC, QC, IAS) dropped. Titles such as
//     "Mayor" or "Judge" are not honorifics: a name that keeps one does not
//     match.
//   - An extracted entity is a gold entity when its normalised name is the
//     gold name or one of the gold aliases, or when one of its aliases is
//     the gold name. Kinds must agree: people are persons; organisations
//     are orgs and places are places, except that a gold entry marked
//     "either" accepts org or place. Recall counts gold entities found;
//     precision counts the extracted entities of a kind that are gold
//     entities of that kind, leaving out those named in the gold's
//     "ignore" list (agencies, streets, journals, product names). Two
//     extracted entities for one gold person both count as right.
//   - A role is found when an entity matching the gold person (of any
//     kind) has a role whose normalised title (lower case, full stops,
//     commas dropped, a leading "the", "former", "then" or "ex" dropped)
//     equals the gold title or one of its titles_alt; whose organisation,
//     when the gold names one, contains the gold organisation (any of its
//     names) word for word or is contained in it (an empty organisation
//     never matches a named one); and whose former status agrees: a role
//     with an Until is former unless the Until is a date after the
//     publication date (a role that "will end in July" has not ended). A gold role with org "" accepts any
//     organisation. Since and until values are not scored yet. A second
//     figure, "roles recall (org missing)", also accepts a role with no
//     organisation where the gold names one (often left implicit, as in
//     "Chief Executive NAME said" in a story about the company), but
//     still not a wrong organisation.
//   - An event is found when an extracted event has the gold date (or one
//     of its alt values; a day value also accepts a time on that day,
//     such as 2025-11-04TNI) and its sentence span overlaps the gold
//     snippet.
//   - A quote is found with the right speaker when an extracted quote's
//     span overlaps the gold quote's text and its speaker is the gold
//     speaker by the name rule above (the extracted speaker's own entity
//     and aliases included). A gold speaker "" (an unnamed speaker such as
//     "the family") is right unless the extracted speaker is one of the
//     article's gold people. "Quote text" recall ignores the speaker.
//   - A non-verbatim quote is an extracted quote whose text does not occur
//     in the article.
//   - A false date is a time expression overlapping a gold false_dates
//     text (unless event_only), or an event whose sentence holds that text
//     and whose time expression contains it.
func TestHeldout(t *testing.T) {
	root := filepath.Join("testdata", "heldout")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("held-out set not found at %s", root)
	}
	for _, h := range heldoutHalves {
		t.Run(h.name, func(t *testing.T) {
			arts := loadHeldout(t, filepath.Join(root, h.name))
			if len(arts) == 0 {
				t.Skipf("no articles in %s", filepath.Join(root, h.name))
			}
			hs := &heldoutScore{}
			for _, a := range arts {
				doc := extract.Extract(a.text, a.published)
				checkDocument(t, a.text, doc)
				hs.add(scoreHeldout(a, doc))
			}
			t.Logf("\n%s", hs.table(h.name))
			if h.details && heldoutVerboseOn() {
				t.Logf("\n%s", hs.missReport())
			}
			hs.checkFloors(t, h.floors)
		})
	}
}

var heldoutVerbose = flag.Bool("heldout.verbose", false, "with -v, list every miss of TestHeldout on the dev half")

func heldoutVerboseOn() bool {
	return *heldoutVerbose || os.Getenv("BRIEFBOT_HELDOUT_VERBOSE") != ""
}

// heldoutFloors are the figures a half must not fall below. They were
// first set on 2026-12-07, before any change to the extractor, at the
// measured baseline rounded down by about 0.02, and raised the same way
// after the work of issue 11, so that the test fails on a regression (the
// extractor is deterministic, so there is no noise to allow for; one item
// is 0.02–0.04 of a figure). The targets of issue 11 are recall ≥ 0.95
// for people, roles, dated events, organisations, places and quotes with
// the right speaker, person precision ≥ 0.95 and no non-verbatim quote.
type heldoutFloors struct {
	people, peopleP, orgs, orgsP, places, placesP float64
	roles, rolesNoOrg, events, quotes             float64
	nonVerbatim, falseDates                       int // at most
}

var heldoutHalves = []struct {
	name    string
	details bool // misses may be listed
	floors  heldoutFloors
}{
	// First round of issue 11 (articles 01-13): baseline people 0.825,
	// P 0.855; orgs 0.692, P 0.474; places 0.517, P 0.789; roles 0.265
	// (org missing 0.408); events 0.782; quotes with speaker 0.562; after
	// it people 1.000, P 1.000; orgs 0.974, P 0.950; places 0.897, P
	// 0.963; roles 1.000; events 1.000; quotes 0.979.
	// Second round (now 32 articles: 01-13, 27-34, 39-49), measured with
	// the extractor as the second round found it and the matching rules
	// of now: people 0.968, P 0.928; orgs 0.882, P 0.773; places 0.795,
	// P 0.945; roles 0.660 (org missing 0.741); events 0.950; quotes with
	// speaker 0.906; 0 non-verbatim quotes; 1 false date of 68. After it:
	// people 1.000, P 0.981; orgs 0.964, P 0.965; places 0.955, P 0.976;
	// roles 0.905 (org missing 0.959); events 0.989; quotes 0.990; 0
	// non-verbatim quotes; 1 false date.
	// Third round (now 40 articles: 50-57 added, gold written before any
	// run on them), before: people 1.000, P 0.981; orgs 0.960, P 0.892;
	// places 0.924, P 0.973; roles 0.845 (org missing 0.912); events
	// 0.931; quotes 0.982; 0 non-verbatim quotes; 1 false date of 88.
	// After: people 1.000, P 0.985; orgs 0.973, P 0.968; places 0.932,
	// P 0.973; roles 0.892 (org missing 0.943); events 0.966; quotes
	// 0.982; 0 non-verbatim quotes; 1 false date.
	// Fourth round (now 53 articles: 58-70 added, gold written before any
	// run on them), before: people 0.985, P 0.978; orgs 0.969, P 0.946;
	// places 0.916, P 0.973; roles 0.815 (org missing 0.868); events
	// 0.959 (0.962 after a gold fix in 58); quotes 0.980; 0 non-verbatim
	// quotes; 1 false date of 121. After: people 1.000, P 0.986; orgs
	// 0.979, P 0.965; places 0.929, P 0.973; roles 0.925 (org missing
	// 0.947); events 0.965; quotes 0.986; 0 non-verbatim quotes; 1 false
	// date.
	// Fifth round (now 61 articles: 71-78 added in test2's four styles,
	// gold written before any run on them), before: people 0.984, P
	// 0.969; orgs 0.960, P 0.904; places 0.926, P 0.970; roles 0.862 (org
	// missing 0.911); events 0.964; quotes 0.965; 0 non-verbatim quotes;
	// 1 false date of 141. After: people 1.000, P 0.984; orgs 0.978, P
	// 0.970; places 0.938, P 0.976; roles 0.911 (org missing 0.941);
	// events 0.966; quotes 0.988; 0 non-verbatim quotes; 1 false date.
	// Sixth round (now 73 articles: 79-90 added in house styles and
	// shapes no article had, gold written before any run on them),
	// before: people 0.986, P 0.966; orgs 0.967, P 0.926; places 0.900,
	// P 0.965; roles 0.842 (org missing 0.870); events 0.961; quotes
	// 0.985; 0 non-verbatim quotes; 1 false date of 171. After: people
	// 0.995, P 0.987; orgs 0.982, P 0.969; places 0.945, P 0.981; roles
	// 0.897 (org missing 0.921); events 0.965; quotes 0.990; 0
	// non-verbatim quotes; 1 false date.
	// Seventh round (now 85 articles: 91-102 added in twelve more house
	// styles, gold written before any run on them), before: people 0.979,
	// P 0.970; orgs 0.969, P 0.953; places 0.918, P 0.974; roles 0.856
	// (org missing 0.889); events 0.948; quotes 0.970; 0 non-verbatim
	// quotes; 1 false date of 203. After: people 0.995, P 0.986; orgs
	// 0.978, P 0.961; places 0.943, P 0.979; roles 0.894 (org missing
	// 0.920); events 0.965; quotes 0.991; 0 non-verbatim quotes; 1 false
	// date. The floors, set in the sixth round, still sit about 0.02
	// below.
	// Eighth round (r8, roles; now 99 articles: 143-152 added in ten house
	// styles no article had, gold written before any run on them),
	// before: people 0.985, P 0.969; orgs 0.958, P 0.929; places 0.926, P
	// 0.960; roles 0.805 (org missing 0.852); events 0.964; quotes 0.989;
	// 0 non-verbatim quotes; 1 false date of 226. After: people 0.990, P
	// 0.978; orgs 0.968, P 0.932; places 0.926, P 0.963; roles 0.880 (org
	// missing 0.918); events 0.964; quotes 0.989; 0 non-verbatim quotes;
	// 1 false date. The new articles lower the half's organisation
	// precision and places below the old floors, so those floors are set
	// about 0.02 under the "after" figures, like the rest.
	// Eighth round (e8; now 99 articles: 153-162 added in ten styles no
	// article had, gold written before any run on them), first sight:
	// people 0.992, P 0.969; orgs 0.957, P 0.899; places 0.895, P 0.947;
	// roles 0.853 (org missing 0.890); events 0.960; quotes 0.992; 0
	// non-verbatim quotes; 1 false date of 228 (after dropping two
	// durations the new gold had listed as false dates). After e8's
	// entity classes: people 0.996, P 0.988; orgs 0.982, P 0.961; places
	// 0.944, P 0.962; roles 0.853 (org missing 0.894); events 0.960;
	// quotes 0.992; 0 non-verbatim quotes; 1 false date. The new
	// articles' roles (0.300 of 40, another helper's area) pull the
	// roles floors below the seventh round's; the others sit about 0.02
	// under these figures.
	// Eighth round (q8): with 163-170 added (quote- and date-rich styles,
	// gold written blind), quotes with speaker 0.972 -> 0.993 and events
	// 0.945 -> 0.956 on the whole dev half (then 01-122 and 163-170).
	// All three merged (117 articles): people 0.993, P 0.982; orgs 0.973,
	// P 0.935; places 0.928, P 0.951; roles 0.842 (org missing 0.895);
	// events 0.952; quotes 0.991; 0 non-verbatim quotes; 1 false date of
	// 252. Floors about 0.02 under these.
	// With the kind model in Extract (in-sample: it is trained on dev):
	// people P 0.982 -> 0.993, orgs 0.973 -> 0.993, P 0.935 -> 0.961,
	// places 0.928 -> 0.931, P 0.951 -> 0.965, every other figure
	// unchanged; the floors of those raised to about 0.02 under.
	{"dev", true, heldoutFloors{
		people: 0.97, peopleP: 0.97, orgs: 0.97, orgsP: 0.94, places: 0.91, placesP: 0.94,
		roles: 0.82, rolesNoOrg: 0.87, events: 0.93, quotes: 0.97, nonVerbatim: 0, falseDates: 1,
	}},
	// First round: baseline people 0.889, P 0.935; orgs 0.812, P 0.422;
	// places 0.588, P 0.909; roles 0.373 (org missing 0.424); events
	// 0.757; quotes with speaker 0.482; 8 false dates of 15.
	// Second round, before (matching rules of now, which count a role
	// ending after publication as current): people 0.968, P 0.984; orgs
	// 0.938, P 0.674; places 0.882, P 0.938; roles 0.780 (org missing
	// 0.814); events 0.857; quotes 1.000; 0 non-verbatim quotes; 1 false
	// date. After: people 0.968, P 0.984; orgs 0.938, P 0.738; places
	// 0.941, P 0.970; roles 0.847 (org missing 0.864); events 0.857;
	// quotes 1.000; 0 non-verbatim quotes; 1 false date. Third round:
	// every figure unchanged. Fourth round: people 0.968 -> 0.984, orgs P
	// 0.738 -> 0.756, roles 0.847 -> 0.864 (org missing 0.864 -> 0.898),
	// every other figure unchanged.
	{"test", false, heldoutFloors{
		people: 0.96, peopleP: 0.96, orgs: 0.91, orgsP: 0.73, places: 0.92, placesP: 0.95,
		roles: 0.84, rolesNoOrg: 0.87, events: 0.83, quotes: 0.98, nonVerbatim: 0, falseDates: 1,
	}},
	// A second held-out half (35-38), written with the first new dev
	// articles (27-34) in the second round of issue 11, in house styles
	// neither earlier half has; aggregate figures only, like test.
	// Before the second round's tuning: people 0.952, P 0.909; orgs
	// 0.938, P 0.762; places 0.786, P 1.000; roles 0.571 (org missing
	// 0.714); events 0.875; quotes with speaker 1.000; 0 non-verbatim
	// quotes; 0 false dates of 10. After: people 1.000, P 0.955; orgs
	// 0.938, P 0.762; places 0.786, P 1.000; roles 0.714 (org missing
	// 0.952); events 0.875; quotes 1.000; 0 non-verbatim; 0 false dates.
	// Third round: events 0.875 -> 0.917, every other figure unchanged.
	// Fourth round: every figure unchanged. Seventh round: events 0.917
	// -> 0.958, every other figure unchanged.
	{"test2", false, heldoutFloors{
		people: 0.98, peopleP: 0.93, orgs: 0.91, orgsP: 0.74, places: 0.76, placesP: 0.98,
		roles: 0.74, rolesNoOrg: 0.93, events: 0.93, quotes: 0.98, nonVerbatim: 0, falseDates: 0,
	}},
	// A third held-out half (103-118), written in the seventh round of
	// issue 11 in sixteen house styles no other half has, its gold
	// committed before the extractor was ever run on it; aggregate
	// figures only, like test and test2, so that it stays a measure of
	// news the extractor has never seen. Measured once, on 2026-12-07,
	// with the extractor as the sixth round left it: people 0.889, P
	// 0.818; orgs 0.804, P 0.641; places 0.741, P 0.946; roles 0.512 (org
	// missing 0.535); events 0.895; quotes with speaker 0.868 (text only
	// 0.981); 0 non-verbatim quotes; 4 false dates of 54. Run again once
	// the seventh round's dev work (articles 91-102, written at the same
	// time in the first twelve of these styles by another hand) was
	// merged: people 0.963, P 0.886; orgs 0.821, P 0.654; places 0.815, P
	// 0.951; roles 0.605 (org missing 0.628); events 0.916; quotes 0.962
	// (text only 0.981); 0 non-verbatim; 4 false dates of 54. Third run,
	// after dev articles 119-122 (its last four styles) and the classes
	// fixed on them: people 0.975, P 0.908; orgs 0.821, P 0.671; places
	// 0.815, P 0.951; roles 0.651 (org missing 0.698); events 0.916;
	// quotes 0.981; 0 non-verbatim; 4 false dates of 54.
	{"test3", false, heldoutFloors{
		people: 0.95, peopleP: 0.88, orgs: 0.80, orgsP: 0.65, places: 0.79, placesP: 0.93,
		roles: 0.63, rolesNoOrg: 0.67, events: 0.89, quotes: 0.96, nonVerbatim: 0, falseDates: 4,
	}},
	// A fourth held-out half (123-142), written blind in the eighth round
	// of issue 11 in twenty house styles no other half has (a Japanese
	// daily, a Korean wire, francophone West African press in translation,
	// a police log, a Westminster sketch, a regulator's notice and more),
	// its gold committed before the extractor was ever run on it;
	// aggregate figures only, like test, test2 and test3. Measured once,
	// on 2026-12-07, at first sight: people 0.891 (82/92), P 0.830
	// (83/100); orgs 0.775 (62/80), P 0.651 (71/109); places 0.831
	// (54/65), P 0.980 (48/49); roles 0.463 (44/95) (org missing 0.526);
	// events 0.901 (128/142); quotes with speaker 0.776 (52/67) (text only
	// 0.910); 0 non-verbatim quotes; 2 false dates of 92. The floors sit
	// about 0.02 below; the false-date figure is a ceiling.
	{"test4", false, heldoutFloors{
		people: 0.87, peopleP: 0.81, orgs: 0.75, orgsP: 0.63, places: 0.81, placesP: 0.96,
		roles: 0.44, rolesNoOrg: 0.50, events: 0.88, quotes: 0.75, nonVerbatim: 0, falseDates: 2,
	}},
	// A fifth held-out half (171-190), written blind in the ninth round
	// of issue 11 by a hand that never opened the extractor's code, in
	// twenty house styles no other half has (a bilingual Canadian wire,
	// a court martial, a Q&A write-up, a live blog, a weather bulletin,
	// council minutes as a transcript, a markets brief with tickers, an
	// inquest, a wedding announcement, a hurling report and more), its
	// gold committed (d87be42) before the extractor was ever run on it;
	// aggregate figures only. Measured once, on 2026-12-08, at first
	// sight with the extractor of 9167bb6: people 0.879 (94/107), P 0.848
	// (95/112); orgs 0.800 (56/70), P 0.645 (60/93); places 0.642
	// (34/53), P 0.886 (31/35); roles 0.505 (51/101) (org missing 0.594);
	// events 0.841 (116/138); quotes with speaker 0.750 (66/88) (text
	// only 0.818); 0 non-verbatim quotes; 5 false dates of 69. The
	// floors sit about 0.02 below; the false-date figure is a ceiling.
	{"test5", false, heldoutFloors{
		people: 0.85, peopleP: 0.82, orgs: 0.78, orgsP: 0.62, places: 0.62, placesP: 0.86,
		roles: 0.48, rolesNoOrg: 0.57, events: 0.82, quotes: 0.73, nonVerbatim: 0, falseDates: 5,
	}},
}

// The gold of one article, as in testdata/heldout/README.md.
type hoName struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Either  bool     `json:"either"`
}

type hoRole struct {
	Person    string   `json:"person"`
	Title     string   `json:"title"`
	TitlesAlt []string `json:"titles_alt"`
	Org       string   `json:"org"`
	Former    bool     `json:"former"`
	Since     string   `json:"since"`
	Until     string   `json:"until"`
}

type hoEvent struct {
	Date    string   `json:"date"`
	Alt     []string `json:"alt"`
	Snippet string   `json:"snippet"`
}

type hoQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
}

type hoFalseDate struct {
	Text      string `json:"text"`
	Snippet   string `json:"snippet"`
	EventOnly bool   `json:"event_only"`
}

type hoGold struct {
	Published     string        `json:"published"`
	Style         string        `json:"style"`
	People        []hoName      `json:"people"`
	Organisations []hoName      `json:"organisations"`
	Places        []hoName      `json:"places"`
	Ignore        []string      `json:"ignore"`
	Roles         []hoRole      `json:"roles"`
	Events        []hoEvent     `json:"events"`
	Quotes        []hoQuote     `json:"quotes"`
	FalseDates    []hoFalseDate `json:"false_dates"`
}

type hoArticle struct {
	name      string
	text      string
	published time.Time
	gold      hoGold
}

// loadHeldout reads the articles of one half and checks their gold: every
// snippet and quote occurs exactly once, every role's person and quote's
// speaker is a gold entity.
func loadHeldout(t testing.TB, dir string) []hoArticle {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []hoArticle
	for _, p := range paths {
		a := hoArticle{name: strings.TrimSuffix(filepath.Base(p), ".gold.json")}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a.gold); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		text, err := os.ReadFile(strings.TrimSuffix(p, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		a.text = string(text)
		if a.published, err = time.Parse("2006-01-02", a.gold.Published); err != nil {
			t.Fatalf("%s: published: %v", p, err)
		}
		once := func(what, s string) {
			if n := strings.Count(a.text, s); n != 1 {
				t.Errorf("%s: %s %q occurs %d times in the article, want once", a.name, what, s, n)
			}
		}
		g := a.gold
		for _, e := range g.Events {
			once("event snippet", e.Snippet)
		}
		for _, q := range g.Quotes {
			once("quote", q.Text)
			if q.Speaker != "" && g.entity(q.Speaker) == nil {
				t.Errorf("%s: quote speaker %q is not a gold entity", a.name, q.Speaker)
			}
		}
		for _, f := range g.FalseDates {
			once("false date snippet", f.Snippet)
			if !strings.Contains(f.Snippet, f.Text) {
				t.Errorf("%s: false date %q is not in its snippet %q", a.name, f.Text, f.Snippet)
			}
		}
		for _, r := range g.Roles {
			if !hoContains(g.People, r.Person) {
				t.Errorf("%s: role person %q is not among the gold people", a.name, r.Person)
			}
		}
		out = append(out, a)
	}
	return out
}

func hoContains(list []hoName, name string) bool {
	for _, n := range list {
		if n.Name == name {
			return true
		}
	}
	return false
}

// entity returns the gold person, organisation or place with this
// canonical name or alias.
func (g *hoGold) entity(name string) *hoName {
	for _, list := range [][]hoName{g.People, g.Organisations, g.Places} {
		for i := range list {
			if list[i].Name == name || slices.Contains(list[i].Aliases, name) {
				return &list[i]
			}
		}
	}
	return nil
}

var hoHonorifics = map[string]bool{
	"sir": true, "dame": true, "dr": true, "mr": true, "mrs": true, "ms": true, "miss": true,
	"prof": true, "professor": true, "smt": true, "shri": true, "sri": true, "alhaji": true,
	"hajia": true, "hon": true, "cllr": true, "rev": true, "lord": true, "lady": true,
}

var hoPostNominals = map[string]bool{"kc": true, "qc": true, "ias": true}

// normName normalises a name for matching (see TestHeldout).
func normName(s string) string {
	s = strings.ToLower(strings.NewReplacer("’", "'", "‘", "'", ".", " ", ",", " ").Replace(s))
	w := strings.Fields(s)
	if n := len(w); n > 0 {
		w[n-1] = strings.TrimSuffix(strings.TrimSuffix(w[n-1], "'s"), "'")
	}
	for len(w) > 1 && (hoHonorifics[w[0]] || w[0] == "the") {
		w = w[1:]
	}
	for len(w) > 1 && hoPostNominals[w[len(w)-1]] {
		w = w[:len(w)-1]
	}
	return strings.Join(w, " ")
}

// normTitle normalises a role title for matching.
func normTitle(s string) string {
	s = strings.ToLower(strings.NewReplacer("’", "'", ".", "", ",", " ", "-", " ").Replace(s))
	w := strings.Fields(s)
	for len(w) > 1 && (w[0] == "the" || w[0] == "former" || w[0] == "then" || w[0] == "ex") {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

// normOrg normalises an organisation name into words for containment.
func normOrg(s string) []string {
	s = strings.ToLower(strings.NewReplacer("’", "'", ".", "", ",", " ").Replace(s))
	w := strings.Fields(s)
	for i := range w {
		w[i] = strings.TrimSuffix(strings.TrimSuffix(w[i], "'s"), "'")
	}
	if len(w) > 1 && w[0] == "the" {
		w = w[1:]
	}
	return w
}

// wordsWithin reports whether a occurs in b as a contiguous run of words.
func wordsWithin(a, b []string) bool {
	if len(a) == 0 || len(a) > len(b) {
		return false
	}
	for i := 0; i+len(a) <= len(b); i++ {
		ok := true
		for j := range a {
			if a[j] != b[i+j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// forms returns the normalised names of a gold entity.
func (n hoName) forms() map[string]bool {
	f := map[string]bool{normName(n.Name): true}
	for _, a := range n.Aliases {
		f[normName(a)] = true
	}
	return f
}

// matches reports whether the extracted entity is the gold entity by name.
func (n hoName) matches(e extract.Entity) bool {
	if n.forms()[normName(e.Name)] {
		return true
	}
	want := normName(n.Name)
	for _, a := range e.Aliases {
		if normName(a) == want {
			return true
		}
	}
	return false
}

func (n hoName) kindOK(gold, got extract.Kind) bool {
	if gold == got {
		return true
	}
	return n.Either && (got == extract.Org || got == extract.Place) && (gold == extract.Org || gold == extract.Place)
}

// hoCount is a recall or precision tally.
type hoCount struct{ hit, total int }

func (c *hoCount) add(o hoCount) { c.hit += o.hit; c.total += o.total }
func (c *hoCount) tally(ok bool) {
	c.total++
	if ok {
		c.hit++
	}
}
func (c hoCount) ratio() float64 {
	if c.total == 0 {
		return 1
	}
	return float64(c.hit) / float64(c.total)
}

// heldoutScore holds the tallies of a half (or of one article) and, for
// the report, the misses.
type heldoutScore struct {
	articles, words                                   int
	people, orgs, places, roles, events, quotes, qtxt hoCount
	rolesNoOrg                                        hoCount
	peopleP, orgsP, placesP                           hoCount
	nonVerbatim, falseDates, traps                    int
	misses                                            []string
}

func (s *heldoutScore) add(o *heldoutScore) {
	s.articles += o.articles
	s.words += o.words
	for _, p := range []struct{ a, b *hoCount }{
		{&s.people, &o.people}, {&s.orgs, &o.orgs}, {&s.places, &o.places}, {&s.roles, &o.roles}, {&s.rolesNoOrg, &o.rolesNoOrg},
		{&s.events, &o.events}, {&s.quotes, &o.quotes}, {&s.qtxt, &o.qtxt},
		{&s.peopleP, &o.peopleP}, {&s.orgsP, &o.orgsP}, {&s.placesP, &o.placesP},
	} {
		p.a.add(*p.b)
	}
	s.nonVerbatim += o.nonVerbatim
	s.falseDates += o.falseDates
	s.traps += o.traps
	s.misses = append(s.misses, o.misses...)
}

func spanOf(text, s string) (int, int) {
	i := strings.Index(text, s)
	if i < 0 {
		return -1, -1
	}
	return i, i + len(s)
}

func overlap(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

func dateOK(got, want string) bool {
	return got == want || len(want) == 10 && strings.HasPrefix(got, want+"T")
}

// scoreHeldout scores one article's extraction against its gold.
func scoreHeldout(a hoArticle, doc *extract.Document) *heldoutScore {
	g := a.gold
	s := &heldoutScore{articles: 1, words: len(strings.Fields(a.text))}
	miss := func(format string, args ...any) {
		s.misses = append(s.misses, a.name+": "+fmt.Sprintf(format, args...))
	}
	ignored := map[string]bool{}
	for _, n := range g.Ignore {
		ignored[normName(n)] = true
	}
	isIgnored := func(e extract.Entity) bool {
		if ignored[normName(e.Name)] {
			return true
		}
		for _, al := range e.Aliases {
			if ignored[normName(al)] {
				return true
			}
		}
		return false
	}
	kinds := []struct {
		kind   extract.Kind
		gold   []hoName
		recall *hoCount
		prec   *hoCount
	}{
		{extract.Person, g.People, &s.people, &s.peopleP},
		{extract.Org, g.Organisations, &s.orgs, &s.orgsP},
		{extract.Place, g.Places, &s.places, &s.placesP},
	}
	goldKind := func(e extract.Entity) string {
		for _, k := range kinds {
			for _, n := range k.gold {
				if n.matches(e) {
					return string(k.kind)
				}
			}
		}
		return ""
	}
	for _, k := range kinds {
		for _, n := range k.gold {
			found, as := false, ""
			for _, e := range doc.Entities {
				if n.matches(e) {
					if n.kindOK(k.kind, e.Kind) {
						found = true
					} else if as == "" {
						as = string(e.Kind)
					}
				}
			}
			k.recall.tally(found)
			if !found {
				if as != "" {
					miss("%s %q missed (extracted as %s)", k.kind, n.Name, as)
				} else {
					miss("%s %q missed", k.kind, n.Name)
				}
			}
		}
		for _, e := range doc.Entities {
			if e.Kind != k.kind {
				continue
			}
			// Right when it is a gold entity of its kind, or an "either"
			// gold organisation or place.
			ok := false
			for _, kk := range kinds {
				for _, n := range kk.gold {
					ok = ok || n.matches(e) && n.kindOK(kk.kind, e.Kind)
				}
			}
			if !ok && isIgnored(e) {
				continue
			}
			k.prec.tally(ok)
			if !ok {
				if gk := goldKind(e); gk != "" {
					miss("false %s %q (gold %s)", k.kind, e.Name, gk)
				} else {
					miss("false %s %q", k.kind, e.Name)
				}
			}
		}
	}

	// Roles.
	for _, r := range g.Roles {
		person := g.entity(r.Person)
		titles := map[string]bool{normTitle(r.Title): true}
		for _, t := range r.TitlesAlt {
			titles[normTitle(t)] = true
		}
		var orgForms [][]string
		if r.Org != "" {
			if o := g.entity(r.Org); o != nil {
				for f := range o.forms() {
					orgForms = append(orgForms, normOrg(f))
				}
			} else {
				orgForms = append(orgForms, normOrg(r.Org))
			}
		}
		found, lenient := false, false
		var got []string
		for _, e := range doc.Entities {
			if !person.matches(e) {
				continue
			}
			for _, er := range e.Roles {
				got = append(got, fmt.Sprintf("%q/%q/until=%q", er.Title, er.Org, er.Until))
				if !titles[normTitle(er.Title)] || hoFormer(er.Until, a.published) != r.Former {
					continue
				}
				orgOK := r.Org == ""
				eo := normOrg(er.Org)
				for _, f := range orgForms {
					orgOK = orgOK || wordsWithin(eo, f) || wordsWithin(f, eo)
				}
				found = found || orgOK
				lenient = lenient || orgOK || er.Org == ""
			}
		}
		s.roles.tally(found)
		s.rolesNoOrg.tally(lenient)
		if !found {
			former := ""
			if r.Former {
				former = " (former)"
			}
			miss("role %s: %q at %q%s missed; extracted roles: %s", r.Person, r.Title, r.Org, former, strings.Join(got, ", "))
		}
	}

	// Events.
	for _, ge := range g.Events {
		s0, s1 := spanOf(a.text, ge.Snippet)
		found := false
		var near []string
		for _, ev := range doc.Events {
			if !overlap(s0, s1, ev.Start, ev.End) {
				continue
			}
			ok := dateOK(ev.Date, ge.Date)
			for _, alt := range ge.Alt {
				ok = ok || dateOK(ev.Date, alt)
			}
			found = found || ok
			near = append(near, fmt.Sprintf("%s (%q)", ev.Date, ev.TimeText))
		}
		s.events.tally(found)
		if !found {
			miss("event %s %q missed; events in its sentence: %s", ge.Date, ge.Snippet, strings.Join(near, ", "))
		}
	}

	// Quotes.
	speakerIs := func(speaker string, n *hoName) bool {
		if n.forms()[normName(speaker)] {
			return true
		}
		for _, e := range doc.Entities {
			if e.Name == speaker && n.matches(e) {
				return true
			}
		}
		return false
	}
	for _, gq := range g.Quotes {
		q0, q1 := spanOf(a.text, gq.Text)
		found, text := false, false
		var got []string
		for _, q := range doc.Quotes {
			if !overlap(q0, q1, q.Start, q.End) {
				continue
			}
			text = true
			got = append(got, fmt.Sprintf("%q", q.Speaker))
			if gq.Speaker == "" {
				named := false
				for i := range g.People {
					named = named || q.Speaker != "" && speakerIs(q.Speaker, &g.People[i])
				}
				found = found || !named
			} else {
				found = found || speakerIs(q.Speaker, g.entity(gq.Speaker))
			}
		}
		s.quotes.tally(found)
		s.qtxt.tally(text)
		if !found {
			if text {
				miss("quote %q: speaker %s, gold %q", clip(gq.Text, 50), strings.Join(got, "/"), gq.Speaker)
			} else {
				miss("quote %q (%s) missed", clip(gq.Text, 50), gq.Speaker)
			}
		}
	}
	for _, q := range doc.Quotes {
		if !strings.Contains(a.text, q.Text) {
			s.nonVerbatim++
			miss("non-verbatim quote %q", clip(q.Text, 60))
		}
	}

	// False dates.
	for _, f := range g.FalseDates {
		s.traps++
		p0, _ := spanOf(a.text, f.Snippet)
		f0 := p0 + strings.Index(f.Snippet, f.Text)
		f1 := f0 + len(f.Text)
		hit := ""
		if !f.EventOnly {
			for _, tm := range doc.Times {
				if overlap(f0, f1, tm.Start, tm.End) {
					hit = fmt.Sprintf("time %q = %s", tm.Text, tm.Value)
				}
			}
		}
		for _, ev := range doc.Events {
			if hit == "" && ev.Start <= f0 && f1 <= ev.End && ev.TimeText != "" && strings.Contains(strings.ToLower(ev.TimeText), strings.ToLower(f.Text)) {
				hit = fmt.Sprintf("event dated %s by %q", ev.Date, ev.TimeText)
			}
		}
		if hit != "" {
			s.falseDates++
			miss("false date on %q in %q: %s", f.Text, f.Snippet, hit)
		}
	}
	return s
}

// hoFormer reports whether a role with this Until has ended by the
// publication date: any Until but a date after it (or FUTURE_REF).
func hoFormer(until string, pub time.Time) bool {
	if until == "" || until == "FUTURE_REF" {
		return false
	}
	if len(until) >= 4 && until[0] >= '0' && until[0] <= '9' {
		p := pub.Format("2006-01-02")
		u := until
		if i := strings.IndexByte(u, 'T'); i > 0 {
			u = u[:i]
		}
		if len(u) <= len(p) && u[:min(len(u), 4)] != "" {
			return u <= p[:len(u)]
		}
	}
	return true
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}

func (s *heldoutScore) table(half string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "held-out %s half: %d articles, %d words\n", half, s.articles, s.words)
	fmt.Fprintf(&b, "| %-26s | %5s | %5s | %6s |\n", "measure", "hit", "of", "score")
	fmt.Fprintf(&b, "|%s|%s|%s|%s|\n", strings.Repeat("-", 28), strings.Repeat("-", 7), strings.Repeat("-", 7), strings.Repeat("-", 8))
	row := func(name string, c hoCount) {
		fmt.Fprintf(&b, "| %-26s | %5d | %5d | %6.3f |\n", name, c.hit, c.total, c.ratio())
	}
	row("people recall", s.people)
	row("people precision", s.peopleP)
	row("organisations recall", s.orgs)
	row("organisations precision", s.orgsP)
	row("places recall", s.places)
	row("places precision", s.placesP)
	row("roles recall", s.roles)
	row("roles recall (org missing)", s.rolesNoOrg)
	row("events recall (right date)", s.events)
	row("quotes recall (speaker)", s.quotes)
	row("quotes recall (text only)", s.qtxt)
	fmt.Fprintf(&b, "| %-26s | %5d | %5s | %6s |\n", "non-verbatim quotes", s.nonVerbatim, "", "")
	fmt.Fprintf(&b, "| %-26s | %5d | %5d | %6s |\n", "false dates", s.falseDates, s.traps, "")
	return b.String()
}

func (s *heldoutScore) missReport() string {
	m := append([]string(nil), s.misses...)
	sort.Strings(m)
	return "misses:\n  " + strings.Join(m, "\n  ")
}

func (s *heldoutScore) checkFloors(t *testing.T, f heldoutFloors) {
	t.Helper()
	for _, c := range []struct {
		what  string
		got   hoCount
		floor float64
	}{
		{"people recall", s.people, f.people},
		{"people precision", s.peopleP, f.peopleP},
		{"organisations recall", s.orgs, f.orgs},
		{"organisations precision", s.orgsP, f.orgsP},
		{"places recall", s.places, f.places},
		{"places precision", s.placesP, f.placesP},
		{"roles recall", s.roles, f.roles},
		{"roles recall (org missing)", s.rolesNoOrg, f.rolesNoOrg},
		{"events recall", s.events, f.events},
		{"quotes recall (speaker)", s.quotes, f.quotes},
	} {
		if c.got.ratio() < c.floor {
			t.Errorf("%s = %.3f (%d/%d), below the floor of %.2f", c.what, c.got.ratio(), c.got.hit, c.got.total, c.floor)
		}
	}
	if s.nonVerbatim > f.nonVerbatim {
		t.Errorf("%d non-verbatim quotes, at most %d allowed", s.nonVerbatim, f.nonVerbatim)
	}
	if s.falseDates > f.falseDates {
		t.Errorf("%d false dates, at most %d allowed", s.falseDates, f.falseDates)
	}
}

// TestHeldoutMatching pins down the matching rules of TestHeldout on a
// hand-made article and extraction, so that its figures mean what its
// comment says.
func TestHeldoutMatching(t *testing.T) {
	for in, want := range map[string]string{
		"Sir Malcolm Thwaite":       "malcolm thwaite",
		"Marcus Tolley KC":          "marcus tolley",
		"Smt. Lakshmi Venkataraman": "lakshmi venkataraman",
		"K. Rajasekhar Naidu":       "k rajasekhar naidu",
		"Mayor Theo Brandvold":      "mayor theo brandvold", // a title is not an honorific
		"Achieng’":                  "achieng",
		"PELLSTON FALLS":            "pellston falls",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Chief Executive":        "chief executive",
		"former state senator":   "state senator",
		"U.S. District Judge":    "us district judge",
		"non-executive director": "non executive director",
	} {
		if got := normTitle(in); got != want {
			t.Errorf("normTitle(%q) = %q, want %q", in, got, want)
		}
	}

	text := `Acme & Co chief executive Jane Roe said on Monday: "We will grow." The firm sold its Model 2000 unit. "So will you." A former finance minister of Ruritania, Dr John Poe, agreed.`
	at := func(s string) (int, int) { return spanOf(text, s) }
	a := hoArticle{name: "t", text: text, gold: hoGold{
		People:        []hoName{{Name: "Jane Roe", Aliases: []string{"Roe"}}, {Name: "John Poe"}},
		Organisations: []hoName{{Name: "Acme & Co", Aliases: []string{"Acme"}}},
		Places:        []hoName{{Name: "Ruritania"}},
		Ignore:        []string{"Model 2000"},
		Roles: []hoRole{
			{Person: "Jane Roe", Title: "chief executive", Org: "Acme & Co"},
			{Person: "John Poe", Title: "finance minister", Org: "Ruritania", Former: true},
		},
		Events:     []hoEvent{{Date: "2025-01-06", Snippet: "said on Monday"}},
		Quotes:     []hoQuote{{Text: "We will grow.", Speaker: "Jane Roe"}, {Text: "So will you.", Speaker: "Jane Roe"}},
		FalseDates: []hoFalseDate{{Text: "2000", Snippet: "Model 2000 unit"}},
	}}
	s0, s1 := at(`Acme & Co chief executive Jane Roe said on Monday: "We will grow."`)
	t0, t1 := at("We will grow.")
	u0, u1 := at("So will you.")
	m0, m1 := at("2000")
	doc := &extract.Document{
		Entities: []extract.Entity{
			{Name: "Jane Roe", Kind: extract.Person, Roles: []extract.Role{{Title: "Chief Executive", Org: "Acme"}}},
			{Name: "Dr John Poe", Kind: extract.Person, Roles: []extract.Role{{Title: "finance minister", Org: "Ruritania"}}}, // current: wrong
			{Name: "Acme & Co", Kind: extract.Org},
			{Name: "Ruritania", Kind: extract.Person}, // wrong kind: a place missed and a false person
			{Name: "Model 2000", Kind: extract.Org},   // ignored
		},
		Events: []extract.Event{{Date: "2025-01-06TMO", Start: s0, End: s1}},
		Quotes: []extract.Quote{
			{Speaker: "Jane Roe", Text: "We will grow.", Start: t0, End: t1},
			{Speaker: "John Poe", Text: "So  will you.", Start: u0, End: u1}, // wrong speaker, not verbatim
		},
		Times: []extract.Time{{Text: "2000", Value: "2000", Start: m0, End: m1}},
	}
	s := scoreHeldout(a, doc)
	for _, c := range []struct {
		what      string
		got, want hoCount
	}{
		{"people recall", s.people, hoCount{2, 2}},
		{"people precision", s.peopleP, hoCount{2, 3}},
		{"orgs recall", s.orgs, hoCount{1, 1}},
		{"orgs precision", s.orgsP, hoCount{1, 1}},
		{"places recall", s.places, hoCount{0, 1}},
		{"roles", s.roles, hoCount{1, 2}},
		{"roles, org missing", s.rolesNoOrg, hoCount{1, 2}},
		{"events", s.events, hoCount{1, 1}},
		{"quotes", s.quotes, hoCount{1, 2}},
		{"quote text", s.qtxt, hoCount{2, 2}},
	} {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.what, c.got, c.want)
		}
	}
	if s.nonVerbatim != 1 || s.falseDates != 1 || s.traps != 1 {
		t.Errorf("non-verbatim %d, false dates %d of %d; want 1, 1 of 1", s.nonVerbatim, s.falseDates, s.traps)
	}
}
