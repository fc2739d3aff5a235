package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"briefbot/merge"
)

// TestStories is the acceptance test of cross-article merging on the
// invented stories in testdata/stories: each story's articles are loaded
// into a fresh database and checked, through the command line, against
// the story's gold.json (written before any output was seen; see
// testdata/stories/README.md).
func TestStories(t *testing.T) {
	golds, err := filepath.Glob(filepath.Join("testdata", "stories", "*", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) < 3 {
		t.Fatalf("found %d stories under testdata/stories, want at least 3: %q", len(golds), golds)
	}
	for _, path := range golds {
		g := readGold(t, path)
		t.Run(g.Story, func(t *testing.T) { checkStory(t, filepath.Dir(path), g) })
	}
}

// storyGold is a story's gold.json.
type storyGold struct {
	Story    string   `json:"story"`
	Style    string   `json:"style"`
	Articles []string `json:"articles"` // source names: file names without .txt
	// Happenings must each be exactly one event.
	Happenings []goldHappening `json:"happenings"`
	// MustNotMerge are pairs of happening ids that must be two events.
	MustNotMerge  [][2]string        `json:"must_not_merge"`
	Disagreements []goldDisagreement `json:"disagreements"`
	Roles         []goldRole         `json:"roles"`
	Entities      []goldEntity       `json:"entities"`
}

type goldHappening struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	// Date is the merged event's TimeML value (YYYY-MM-DD).
	Date       string `json:"date"`
	MinSources int    `json:"min_sources"`
	// Keywords must all occur (case-insensitively) in the event's
	// summary, sentence or report sentences.
	Keywords []string `json:"keywords"`
	// Topic is what /timeline is asked for to find the happening.
	Topic string `json:"topic"`
	// SourcesInclude are source names that must be among the event's
	// reports.
	SourcesInclude []string `json:"sources_include"`
	// Inferred, when given, is the event's expected inferred flag.
	Inferred *bool `json:"inferred"`
}

type goldDisagreement struct {
	Happening string      `json:"happening"`
	About     string      `json:"about"`
	Values    []goldValue `json:"values"`
}

type goldValue struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
}

type goldRole struct {
	Person string   `json:"person"`
	Title  string   `json:"title"` // compared by merge.TitleKey
	Org    []string `json:"org"`   // any of these names of the org
	// AsOf is the day asked with /who … as_of:; empty means the export's
	// roles (as of now).
	AsOf string `json:"as_of"`
	// Current: a matching role is listed with current=true; false: no
	// matching role is current.
	Current bool `json:"current"`
	// Listed: a matching role must be listed (with current=false when
	// Current is false).
	Listed bool `json:"listed"`
}

type goldEntity struct {
	// Names must all resolve (as name or alias) to one entity.
	Names   []string `json:"names"`
	Kind    string   `json:"kind"`
	Sources []string `json:"sources"` // must be among the entity's sources
}

func readGold(t *testing.T, path string) storyGold {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g storyGold
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if g.Story == "" || len(g.Articles) == 0 || len(g.Happenings) == 0 {
		t.Fatalf("%s: story, articles and happenings are required", path)
	}
	return g
}

// The contracts of export and ask --json, as far as this test reads them.

type xReport struct {
	Source   string `json:"source"`
	Date     string `json:"date"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

type xEvent struct {
	Date      string          `json:"date"`
	Precision string          `json:"precision"`
	Summary   string          `json:"summary"`
	Sentence  string          `json:"sentence"`
	Entities  json.RawMessage `json:"entities"`
	Source    string          `json:"source"`
	Reports   []xReport       `json:"reports"`
	Sources   int             `json:"sources"`
	Inferred  bool            `json:"inferred"`
}

type xRole struct {
	Title   string `json:"title"`
	Org     string `json:"org"`
	Since   string `json:"since"`
	Until   string `json:"until"`
	Source  string `json:"source"`
	Current bool   `json:"current"`
}

type xEntity struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases"`
	Sources []string `json:"sources"`
	Roles   []xRole  `json:"roles"`
}

type xValue struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
}

type xDisagreement struct {
	About  string   `json:"about"`
	Event  string   `json:"event"`
	Date   string   `json:"date"`
	Values []xValue `json:"values"`
}

type xExport struct {
	Events        []xEvent        `json:"events"`
	Entities      []xEntity       `json:"entities"`
	Disagreements []xDisagreement `json:"disagreements"`
}

type xTimelineItem struct {
	Date          string          `json:"date"`
	Precision     string          `json:"precision"`
	Summary       string          `json:"summary"`
	Reports       []xReport       `json:"reports"`
	Sources       int             `json:"sources"`
	Disagreements []xDisagreement `json:"disagreements"`
}

type xTimeline struct {
	Items []xTimelineItem `json:"items"`
}

type xWho struct {
	Entity string  `json:"entity"`
	Kind   string  `json:"kind"`
	Roles  []xRole `json:"roles"`
}

type xConflicts struct {
	Disagreements []xDisagreement `json:"disagreements"`
}

func checkStory(t *testing.T, dir string, g storyGold) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	if !slices.Equal(names, g.Articles) {
		t.Fatalf("%s holds articles %q, gold.json lists %q", dir, names, g.Articles)
	}
	db := filepath.Join(t.TempDir(), "story.db")
	out, stderr, err := cli(t, "", append([]string{"ingest", "--db", db}, files...)...)
	if err != nil {
		t.Fatalf("ingest %s: %v\n%s%s", dir, err, out, stderr)
	}
	for _, name := range g.Articles {
		// The file name gives the publication date.
		if want := "published " + name[:10]; !strings.Contains(out, name+":") || !strings.Contains(out, want) {
			t.Errorf("ingest report lacks %s %s:\n%s", name, want, out)
		}
	}

	out, stderr, err = cli(t, "", "export", "--db", db)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	var x xExport
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("export JSON does not decode into the contract: %v\n%s", err, clip(out))
	}

	// Each gold happening is exactly one export event.
	found := map[string]int{} // happening id → index in x.Events
	for _, h := range g.Happenings {
		t.Run("happening/"+h.ID, func(t *testing.T) {
			if i, ok := checkHappening(t, x.Events, h); ok {
				found[h.ID] = i
			}
		})
	}

	t.Run("must-not-merge", func(t *testing.T) {
		for _, p := range g.MustNotMerge {
			i, ok1 := found[p[0]]
			j, ok2 := found[p[1]]
			switch {
			case !ok1 || !ok2:
				t.Errorf("%s vs %s: cannot check, not both found as single events (see happening/%s, happening/%s)", p[0], p[1], p[0], p[1])
			case i == j:
				t.Errorf("%s and %s are merged into one event, want two: %s", p[0], p[1], describeEvent(x.Events[i]))
			}
		}
	})

	byID := map[string]goldHappening{}
	for _, h := range g.Happenings {
		byID[h.ID] = h
	}

	t.Run("disagreements/export", func(t *testing.T) {
		for _, d := range g.Disagreements {
			h := byID[d.Happening]
			var ev *xEvent
			if i, ok := found[d.Happening]; ok {
				ev = &x.Events[i]
			}
			checkDisagreement(t, "export disagreements", x.Disagreements, d, h, ev)
		}
	})

	t.Run("disagreements/conflicts", func(t *testing.T) {
		if len(g.Disagreements) == 0 {
			return
		}
		var c xConflicts
		raw, ok := askJSON(t, db, "/conflicts", &c)
		if !ok {
			return
		}
		for _, d := range g.Disagreements {
			h := byID[d.Happening]
			var ev *xEvent
			if i, ok := found[d.Happening]; ok {
				ev = &x.Events[i]
			}
			if !checkDisagreement(t, "/conflicts", c.Disagreements, d, h, ev) {
				t.Logf("/conflicts printed:\n%s", clip(raw))
			}
		}
	})

	t.Run("timeline", func(t *testing.T) {
		timelines := map[string]*xTimeline{}
		for _, h := range g.Happenings {
			if h.Topic == "" {
				continue
			}
			tl, ok := timelines[h.Topic]
			if !ok {
				tl = &xTimeline{}
				if _, ok := askJSON(t, db, "/timeline "+h.Topic, tl); !ok {
					tl = nil
				}
				timelines[h.Topic] = tl
			}
			if tl == nil {
				continue
			}
			checkTimelineItem(t, tl, h, g.Disagreements)
		}
	})

	t.Run("roles", func(t *testing.T) {
		for _, r := range g.Roles {
			checkRole(t, db, x.Entities, r)
		}
	})

	t.Run("entities", func(t *testing.T) {
		for _, e := range g.Entities {
			checkEntity(t, x.Entities, e)
		}
	})
}

// checkHappening finds the one export event for h and checks its sources.
func checkHappening(t *testing.T, events []xEvent, h goldHappening) (int, bool) {
	t.Helper()
	var match []int
	for i, e := range events {
		if e.Date == h.Date && hasKeywords(eventText(e), h.Keywords) {
			match = append(match, i)
		}
	}
	if len(match) != 1 {
		var lines []string
		for _, i := range match {
			lines = append(lines, "  match: "+describeEvent(events[i]))
		}
		for _, e := range events {
			if (e.Date == h.Date) != hasKeywords(eventText(e), h.Keywords) {
				lines = append(lines, "  near:  "+describeEvent(e))
			}
		}
		t.Errorf("%s (%s): want exactly one event dated %s with %q, found %d; events on that date or with those words:\n%s",
			h.ID, h.Description, h.Date, h.Keywords, len(match), strings.Join(lines, "\n"))
		return 0, false
	}
	e := events[match[0]]
	if e.Sources < h.MinSources {
		t.Errorf("%s: event has sources=%d, want >= %d: %s", h.ID, e.Sources, h.MinSources, describeEvent(e))
	}
	if d := distinctReportSources(e.Reports); len(d) != e.Sources {
		t.Errorf("%s: sources=%d but its reports come from %d sources %q: %s", h.ID, e.Sources, len(d), d, describeEvent(e))
	}
	have := distinctReportSources(e.Reports)
	for _, s := range h.SourcesInclude {
		if !slices.Contains(have, s) {
			t.Errorf("%s: no report from %s; reports are from %q: %s", h.ID, s, have, describeEvent(e))
		}
	}
	if h.Inferred != nil && e.Inferred != *h.Inferred {
		t.Errorf("%s: inferred=%v, want %v: %s", h.ID, e.Inferred, *h.Inferred, describeEvent(e))
	}
	return match[0], true
}

// checkDisagreement looks for gold disagreement d among ds, where the
// happening h's event (when found) is ev; it reports whether it was found.
func checkDisagreement(t *testing.T, where string, ds []xDisagreement, d goldDisagreement, h goldHappening, ev *xEvent) bool {
	t.Helper()
	var hit *xDisagreement
	for i := range ds {
		if ds[i].About == d.About && hasValues(ds[i].Values, d.Values) {
			hit = &ds[i]
			break
		}
	}
	if hit == nil {
		t.Errorf("%s: no %q disagreement with values %s (about %s); found %d: %s",
			where, d.About, describeGoldValues(d.Values), d.Happening, len(ds), describeDisagreements(ds))
		return false
	}
	if ev != nil && hit.Event != ev.Summary {
		t.Errorf("%s: %s disagreement is about event %q, want the %s event %q", where, d.About, hit.Event, d.Happening, ev.Summary)
	}
	if hit.Date != h.Date {
		t.Errorf("%s: %s disagreement (%q) has date %q, want %s", where, d.About, hit.Event, hit.Date, h.Date)
	}
	return true
}

func checkTimelineItem(t *testing.T, tl *xTimeline, h goldHappening, golds []goldDisagreement) {
	t.Helper()
	var match []int
	for i, it := range tl.Items {
		if it.Date == h.Date && hasKeywords(itemText(it), h.Keywords) {
			match = append(match, i)
		}
	}
	if len(match) != 1 {
		var lines []string
		for _, it := range tl.Items {
			lines = append(lines, fmt.Sprintf("  %s sources=%d %q reports from %q", it.Date, it.Sources, it.Summary, distinctReportSources(it.Reports)))
		}
		t.Errorf("/timeline %s: want exactly one item dated %s with %q (%s), found %d among %d items:\n%s",
			h.Topic, h.Date, h.Keywords, h.ID, len(match), len(tl.Items), strings.Join(lines, "\n"))
		return
	}
	it := tl.Items[match[0]]
	if it.Sources < h.MinSources {
		t.Errorf("/timeline %s: %s item has sources=%d, want >= %d: %q reports from %q",
			h.Topic, h.ID, it.Sources, h.MinSources, it.Summary, distinctReportSources(it.Reports))
	}
	for _, d := range golds {
		if d.Happening != h.ID {
			continue
		}
		ok := false
		for _, x := range it.Disagreements {
			if x.About == d.About && hasValues(x.Values, d.Values) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("/timeline %s: %s item lacks the %q disagreement %s; it has %s",
				h.Topic, h.ID, d.About, describeGoldValues(d.Values), describeDisagreements(it.Disagreements))
		}
	}
}

func checkRole(t *testing.T, db string, entities []xEntity, r goldRole) {
	t.Helper()
	var roles []xRole
	where := ""
	if r.AsOf != "" {
		where = fmt.Sprintf("/who %s as_of:%s", r.Person, r.AsOf)
		var w xWho
		raw, ok := askJSON(t, db, where, &w)
		if !ok {
			return
		}
		if normName(w.Entity) != normName(r.Person) {
			t.Errorf("%s: entity is %q, want %q\n%s", where, w.Entity, r.Person, clip(raw))
			return
		}
		roles = w.Roles
	} else {
		where = "export roles of " + r.Person
		e := findEntity(entities, r.Person)
		if len(e) != 1 {
			t.Errorf("%s: %d entities named %q in the export", where, len(e), r.Person)
			return
		}
		roles = e[0].Roles
	}
	var match []xRole
	for _, x := range roles {
		if merge.TitleKey(x.Title) == merge.TitleKey(r.Title) && orgMatches(x.Org, r.Org) {
			match = append(match, x)
		}
	}
	current := false
	for _, x := range match {
		current = current || x.Current
	}
	switch {
	case r.Current && !current:
		t.Errorf("%s: want %s of %s current; matching roles %+v; all roles %+v", where, r.Title, r.Org[0], match, roles)
	case !r.Current && current:
		t.Errorf("%s: want %s of %s not current; matching roles %+v", where, r.Title, r.Org[0], match)
	case r.Listed && len(match) == 0:
		t.Errorf("%s: want %s of %s listed (current=%v); roles are %+v", where, r.Title, r.Org[0], r.Current, roles)
	}
}

func checkEntity(t *testing.T, entities []xEntity, g goldEntity) {
	t.Helper()
	var ids []int // indexes of the entities the names resolve to
	for _, n := range g.Names {
		var hits []string
		for i, e := range entities {
			if entityHas(e, n) {
				hits = append(hits, describeEntity(e))
				if !slices.Contains(ids, i) {
					ids = append(ids, i)
				}
			}
		}
		if len(hits) == 0 {
			t.Errorf("%q: no entity has it as name or alias (want one entity for %q)", n, g.Names)
		}
	}
	if len(ids) > 1 {
		var lines []string
		for _, i := range ids {
			lines = append(lines, "  "+describeEntity(entities[i]))
		}
		t.Errorf("%q resolve to %d entities, want one:\n%s", g.Names, len(ids), strings.Join(lines, "\n"))
		return
	}
	if len(ids) == 0 {
		return
	}
	e := entities[ids[0]]
	if g.Kind != "" && e.Kind != g.Kind {
		t.Errorf("%s: kind %q, want %q", describeEntity(e), e.Kind, g.Kind)
	}
	for _, s := range g.Sources {
		if !slices.Contains(e.Sources, s) {
			t.Errorf("%s: sources lack %s", describeEntity(e), s)
		}
	}
}

// askJSON runs ask --json line and decodes its output into v; it returns
// the raw output and whether that worked.
func askJSON(t *testing.T, db, line string, v any) (string, bool) {
	t.Helper()
	out, stderr, err := cli(t, "", "ask", "--db", db, "--json", line)
	if err != nil {
		t.Errorf("ask --json %q: %v\n%s%s", line, err, clip(out), stderr)
		return out, false
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Errorf("ask --json %q does not decode into the contract: %v\n%s", line, err, clip(out))
		return out, false
	}
	return out, true
}

func eventText(e xEvent) string {
	parts := []string{e.Summary, e.Sentence}
	for _, r := range e.Reports {
		parts = append(parts, r.Sentence)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

func itemText(it xTimelineItem) string {
	parts := []string{it.Summary}
	for _, r := range it.Reports {
		parts = append(parts, r.Sentence)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

func hasKeywords(text string, kws []string) bool {
	for _, k := range kws {
		if !strings.Contains(text, strings.ToLower(k)) {
			return false
		}
	}
	return len(kws) > 0
}

func hasValues(have []xValue, want []goldValue) bool {
	for _, w := range want {
		ok := false
		for _, h := range have {
			if h.Value != w.Value {
				continue
			}
			ok = true
			for _, s := range w.Sources {
				if !slices.Contains(h.Sources, s) {
					ok = false
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func distinctReportSources(rs []xReport) []string {
	var out []string
	for _, r := range rs {
		if !slices.Contains(out, r.Source) {
			out = append(out, r.Source)
		}
	}
	sort.Strings(out)
	return out
}

// normName is the form names are compared in: lower case, no
// punctuation, no leading "the", no company suffix.
func normName(s string) string {
	s = strings.ToLower(strings.NewReplacer(".", "", ",", "", "'", "", "’", "").Replace(s))
	f := strings.Fields(s)
	if len(f) > 1 && f[0] == "the" {
		f = f[1:]
	}
	if n := len(f); n > 1 {
		switch f[n-1] {
		case "inc", "ltd", "plc", "llc", "corp", "co":
			f = f[:n-1]
		}
	}
	return strings.Join(f, " ")
}

func entityHas(e xEntity, name string) bool {
	n := normName(name)
	if normName(e.Name) == n {
		return true
	}
	for _, a := range e.Aliases {
		if normName(a) == n {
			return true
		}
	}
	return false
}

func findEntity(entities []xEntity, name string) []xEntity {
	var out []xEntity
	for _, e := range entities {
		if entityHas(e, name) {
			out = append(out, e)
		}
	}
	return out
}

func orgMatches(org string, forms []string) bool {
	for _, f := range forms {
		if normName(org) == normName(f) {
			return true
		}
	}
	return false
}

func describeEvent(e xEvent) string {
	inf := ""
	if e.Inferred {
		inf = " inferred"
	}
	var reps []string
	for _, r := range e.Reports {
		reps = append(reps, r.Source+"@"+r.Date)
	}
	return fmt.Sprintf("[%s %s sources=%d%s] %q (reports: %s)", e.Date, e.Precision, e.Sources, inf, e.Summary, strings.Join(reps, ", "))
}

func describeEntity(e xEntity) string {
	return fmt.Sprintf("%s (%s, aliases %q, sources %q)", e.Name, e.Kind, e.Aliases, e.Sources)
}

func describeGoldValues(vs []goldValue) string {
	var parts []string
	for _, v := range vs {
		parts = append(parts, fmt.Sprintf("%s from %q", v.Value, v.Sources))
	}
	return strings.Join(parts, " vs ")
}

func describeDisagreements(ds []xDisagreement) string {
	if len(ds) == 0 {
		return "none"
	}
	var parts []string
	for _, d := range ds {
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, fmt.Sprintf("%s from %q", v.Value, v.Sources))
		}
		parts = append(parts, fmt.Sprintf("\n  %s on %q (%s): %s", d.About, d.Event, d.Date, strings.Join(vs, " vs ")))
	}
	return strings.Join(parts, "")
}

// clip shortens long command output in failure messages.
func clip(s string) string {
	const max = 3000
	if len(s) > max {
		return s[:max] + fmt.Sprintf("\n… (%d more bytes)", len(s)-max)
	}
	return s
}

// TestStoriesContractDecoding checks that this test's structs read the
// JSON shapes the contracts describe, so a failure of TestStories is
// about briefbot, not about decoding.
func TestStoriesContractDecoding(t *testing.T) {
	const export = `{"sources":[{"id":"a","title":"T","url":"","published":"2026-03-02"}],
	"events":[{"date":"2026-03-02","precision":"day","summary":"Voss resigned","sentence":"Voss resigned on Monday.","entities":["Harlan Voss"],"source":"a",
	  "reports":[{"source":"a","date":"2026-03-02","sentence":"Voss resigned on Monday.","start":0,"end":24},{"source":"b","date":"2026-03-02","sentence":"Voss has stepped down.","start":5,"end":27}],
	  "sources":2,"inferred":true}],
	"entities":[{"name":"Harlan Voss","kind":"person","aliases":["Voss"],"sources":["a","b"],
	  "roles":[{"title":"chief executive","org":"Tollgate Freight Systems","since":"","until":"2026-03-02","source":"a","current":false}]}],
	"quotes":[],
	"disagreements":[{"about":"amount","event":"Voss resigned","date":"2026-03-02","values":[{"value":"USD 2100000","sources":["a"]},{"value":"USD 2400000","sources":["b"]}]}]}`
	var x xExport
	if err := json.Unmarshal([]byte(export), &x); err != nil {
		t.Fatal(err)
	}
	e := x.Events[0]
	if e.Sources != 2 || !e.Inferred || len(e.Reports) != 2 || e.Reports[1].Source != "b" || e.Reports[0].End != 24 {
		t.Errorf("event = %+v", e)
	}
	if ok := hasKeywords(eventText(e), []string{"stepped down", "VOSS"}); !ok {
		t.Error("keywords not found in report sentences")
	}
	if r := x.Entities[0].Roles[0]; r.Org != "Tollgate Freight Systems" || r.Current || r.Until != "2026-03-02" || !entityHas(x.Entities[0], "voss") {
		t.Errorf("entity = %+v", x.Entities[0])
	}
	if !hasValues(x.Disagreements[0].Values, []goldValue{{Value: "USD 2100000", Sources: []string{"a"}}, {Value: "USD 2400000"}}) ||
		hasValues(x.Disagreements[0].Values, []goldValue{{Value: "USD 2100000", Sources: []string{"b"}}}) {
		t.Errorf("disagreement values = %+v", x.Disagreements[0].Values)
	}

	var tl xTimeline
	if err := json.Unmarshal([]byte(`{"items":[{"date":"2026-04-14","precision":"day","summary":"fined","reports":[{"source":"a","date":"2026-04-14","sentence":"s","start":1,"end":2}],"sources":3,
	  "disagreements":[{"about":"amount","event":"fined","date":"2026-04-14","values":[{"value":"GBP 2100000","sources":["a"]}]}]}]}`), &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Items) != 1 || tl.Items[0].Sources != 3 || tl.Items[0].Disagreements[0].Values[0].Value != "GBP 2100000" {
		t.Errorf("timeline = %+v", tl)
	}

	var w xWho
	if err := json.Unmarshal([]byte(`{"entity":"Harlan Voss","kind":"person","roles":[{"title":"CEO","org":"Tollgate Freight Systems Inc.","since":"","until":"","current":true}],"events":[],"quotes":[]}`), &w); err != nil {
		t.Fatal(err)
	}
	if merge.TitleKey(w.Roles[0].Title) != "chief executive" || !w.Roles[0].Current || !orgMatches(w.Roles[0].Org, []string{"Tollgate Freight Systems"}) {
		t.Errorf("who = %+v", w)
	}

	var c xConflicts
	if err := json.Unmarshal([]byte(`{"disagreements":[{"about":"date","event":"approved","date":"2026-06-03","values":[{"value":"2026-06-03","sources":["a","c"]},{"value":"2026-06-04","sources":["b"]}]}]}`), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Disagreements) != 1 || c.Disagreements[0].Values[1].Sources[0] != "b" {
		t.Errorf("conflicts = %+v", c)
	}
}
