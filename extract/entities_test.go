package extract

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// nerTimeFor builds a DATE time expression for the first occurrence of phrase
// in text, standing in for FindTimes.
func nerTimeFor(t *testing.T, text, phrase, value string) Time {
	t.Helper()
	i := strings.Index(text, phrase)
	if i < 0 {
		t.Fatalf("phrase %q not in text", phrase)
	}
	return Time{Start: i, End: i + len(phrase), Text: phrase, Type: "DATE", Value: value}
}

func nerFindEntity(es []Entity, name string) *Entity {
	for i := range es {
		if es[i].Name == name {
			return &es[i]
		}
	}
	return nil
}

func nerHasRole(e *Entity, title, org, since string) bool {
	for _, r := range e.Roles {
		if r.Title == title && r.Org == org && r.Since == since {
			return true
		}
	}
	return false
}

func nerRoleList(e *Entity) string {
	var b strings.Builder
	for _, r := range e.Roles {
		b.WriteString(r.Title + "|" + r.Org + "|" + r.Since + "; ")
	}
	return b.String()
}

// nerCheckInvariants asserts what must hold for any input: spans are valid
// byte offsets, texts match them, mentions are ordered and never overlap,
// every mention names an entity of its kind.
func nerCheckInvariants(t *testing.T, text string, ms []Mention, es []Entity) {
	t.Helper()
	kinds := map[string]Kind{}
	ids := map[string]bool{}
	for _, e := range es {
		if ids[e.ID] {
			t.Errorf("duplicate entity ID %q", e.ID)
		}
		ids[e.ID] = true
		kinds[e.Name] = e.Kind
		if e.Kind != Person && e.Kind != Org && e.Kind != Place {
			t.Errorf("entity %q has kind %q", e.Name, e.Kind)
		}
		for _, r := range e.Roles {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End {
				t.Errorf("role %+v of %q has a bad span", r, e.Name)
			}
		}
	}
	last := 0
	for _, m := range ms {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("bad or overlapping span %d-%d (previous end %d) for %q", m.Start, m.End, last, m.Text)
		}
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention text %q != text[%d:%d] %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		if k, ok := kinds[m.Entity]; !ok || k != m.Kind {
			t.Errorf("mention %q names %q of kind %q, entity kind %q (found %v)", m.Text, m.Entity, m.Kind, k, ok)
		}
		last = m.End
	}
}

// nerSeedPath is the seed article as the repository ships it.
func nerSeedPath(t *testing.T) string { return seedFile }

func TestFindEntitiesSeed(t *testing.T) {
	b, err := os.ReadFile(nerSeedPath(t))
	if err != nil {
		t.Skip(err)
	}
	text := string(b)
	times := []Time{
		nerTimeFor(t, text, "Oct. 1, 2024", "2024-10-01"),
		nerTimeFor(t, text, "Oct. 22", "2025-10-22"),
		nerTimeFor(t, text, "February", "2025-02"),
	}
	ms, es := FindEntities(text, SplitSentences(text), times)
	nerCheckInvariants(t, text, ms, es)

	people := []struct {
		name, title, org, since string
	}{
		{"Donald Trump", "President", "United States", ""},
		{"Mark Rutte", "Secretary General", "NATO", "2024-10-01"},
		{"Vladimir Putin", "President", "Russia", ""},
		{"Scott Bessent", "Treasury Secretary", "", ""},
		{"Volodymyr Zelenskyy", "President", "Ukraine", ""},
		{"Marco Rubio", "Secretary of State", "United States", ""},
		{"Sergey Lavrov", "Foreign Minister", "Russia", ""},
	}
	for _, p := range people {
		e := nerFindEntity(es, p.name)
		if e == nil {
			t.Errorf("person %q not found", p.name)
			continue
		}
		if e.Kind != Person {
			t.Errorf("%q kind %q, want person", p.name, e.Kind)
		}
		if !nerHasRole(e, p.title, p.org, p.since) {
			t.Errorf("%q roles %s, want %s|%s|%s", p.name, nerRoleList(e), p.title, p.org, p.since)
		}
		if len(e.Roles) != 1 {
			t.Errorf("%q has %d roles, want 1 (deduplicated): %s", p.name, len(e.Roles), nerRoleList(e))
		}
	}
	kinds := map[string]Kind{
		"Rosneft": Org, "Lukoil": Org, "Office of Foreign Assets Control": Org, "NATO": Org,
		"White House": Org, "European Union": Org, "Truth Social": Org, "Kremlin": Org, "Treasury": Org,
		"Ukraine": Place, "Russia": Place, "Budapest": Place, "Hungary": Place, "Alaska": Place,
		"Kyiv": Place, "Moscow": Place, "Tehran": Place, "The Hague": Place, "Netherlands": Place,
		"Europe": Place, "Washington": Place, "United States": Place,
	}
	for name, k := range kinds {
		e := nerFindEntity(es, name)
		if e == nil {
			t.Errorf("%s %q not found", k, name)
			continue
		}
		if e.Kind != k {
			t.Errorf("%q kind %q, want %q", name, e.Kind, k)
		}
	}
	if e := nerFindEntity(es, "Office of Foreign Assets Control"); e != nil && !strings.Contains(strings.Join(e.Aliases, ","), "OFAC") {
		t.Errorf("OFAC not an alias: %v", e.Aliases)
	}
	if e := nerFindEntity(es, "Kyiv"); e != nil && (len(e.Places) != 1 || e.Places[0] != "Ukraine") {
		t.Errorf("Kyiv places %v, want [Ukraine]", e.Places)
	}
	if e := nerFindEntity(es, "Budapest"); e != nil && (len(e.Places) != 1 || e.Places[0] != "Hungary") {
		t.Errorf("Budapest places %v, want [Hungary]", e.Places)
	}
	if e := nerFindEntity(es, "Mark Rutte"); e != nil && e.ID != "person:mark-rutte" {
		t.Errorf("ID %q", e.ID)
	}
	// Nothing that is not a name.
	for _, m := range ms {
		switch m.Text {
		case "Victory", "History", "Death", "Shortly", "Point Plan", "Relations", "GDP", "Let", "Both", "During":
			t.Errorf("%q taken for a name (%s)", m.Text, m.Kind)
		}
	}
	// Every "Rutte" is Mark Rutte, and possessives stay outside the span.
	n := 0
	for _, m := range ms {
		if strings.Contains(m.Text, "’") {
			t.Errorf("possessive inside mention %q", m.Text)
		}
		if m.Text == "Rutte" {
			n++
			if m.Entity != "Mark Rutte" {
				t.Errorf("Rutte resolves to %q", m.Entity)
			}
		}
	}
	if n < 10 {
		t.Errorf("%d mentions of Rutte, want >= 10", n)
	}
	// "Russian" in "Russian energy sector" is a mention of Russia.
	i := strings.Index(text, "Russian energy")
	found := false
	for _, m := range ms {
		if m.Start == i && m.Text == "Russian" && m.Entity == "Russia" && m.Kind == Place {
			found = true
		}
	}
	if !found {
		t.Errorf("demonym in %q not a mention of Russia", "Russian energy sector")
	}
	// Entities come in order of first mention.
	if len(es) < 3 || es[0].Name != "Washington" || es[1].Name != "United States" || es[2].Name != "Donald Trump" {
		t.Errorf("first entities %v, want Washington, United States, Donald Trump", nerNames(es[:min(3, len(es))]))
	}
}

func nerNames(es []Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestFindEntitiesKinds(t *testing.T) {
	tests := []struct {
		text    string
		mention string
		kind    Kind
		entity  string
	}{
		{"Shares of Rosneft and Lukoil fell sharply on Monday.", "Lukoil", Org, "Lukoil"},
		{"Shares of Rosneft and Lukoil fell sharply on Monday.", "Rosneft", Org, "Rosneft"},
		{"The deal was approved by Meridian Freight Holdings last week.", "Meridian Freight Holdings", Org, "Meridian Freight Holdings"},
		{"Passengers on Baltic Star Airways were stranded.", "Baltic Star Airways", Org, "Baltic Star Airways"},
		{"The ruling came from the Office of Coastal Affairs yesterday.", "Office of Coastal Affairs", Org, "Office of Coastal Affairs"},
		{"Officials in Tehran rejected the offer.", "Tehran", Place, "Tehran"},
		{"The talks in Budapest, Hungary, ended early.", "Budapest", Place, "Budapest"},
		{"Norwegian officials met in Oslo.", "Norwegian", Place, "Norway"},
		{"Dr. Helga Marstrand warned of delays.", "Helga Marstrand", Person, "Helga Marstrand"},
		{"Mr. Okonkwo declined to comment.", "Okonkwo", Person, "Okonkwo"},
		{"Tomas Ekberg said the plan would fail.", "Tomas Ekberg", Person, "Tomas Ekberg"},
		{"Reporters gathered at the Kremlin.", "Kremlin", Org, "Kremlin"},
		{"The White House declined to comment.", "White House", Org, "White House"},
		{"He posted the message on Truth Social.", "Truth Social", Org, "Truth Social"},
		{"The U.S. imposed new sanctions.", "U.S.", Place, "United States"},
		{"Sanctions hit the United States and the EU.", "EU", Org, "European Union"},
		{"Protesters gathered outside Brackenford on Sunday.", "Brackenford", Place, "Brackenford"},
		{"The mayor of Springvale, Ohio, resigned.", "Springvale", Place, "Springvale"},
		{"NATO allies met in Brussels.", "NATO", Org, "NATO"},
		{"Okonjo said he would resign.", "Okonjo", Person, "Okonjo"},
		{"Ursula von der Leyen, president of the European Commission, spoke. Von der Leyen left.", "Von der Leyen", Person, "Ursula von der Leyen"},
		{"Volganeft said its output fell.", "Volganeft", Org, "Volganeft"},
		{"Ukrainian President Olena Bondar spoke to Kyiv residents.", "Olena Bondar", Person, "Olena Bondar"},
	}
	for _, tt := range tests {
		t.Run(tt.mention, func(t *testing.T) {
			ms, es := FindEntities(tt.text, nil, nil)
			nerCheckInvariants(t, tt.text, ms, es)
			for _, m := range ms {
				if m.Text == tt.mention {
					if m.Kind != tt.kind || m.Entity != tt.entity {
						t.Errorf("%q: got %s %q, want %s %q", m.Text, m.Kind, m.Entity, tt.kind, tt.entity)
					}
					return
				}
			}
			t.Errorf("no mention %q in %+v", tt.mention, ms)
		})
	}
}

func TestFindEntitiesNotNames(t *testing.T) {
	text := "In March, the company said on Tuesday that it would expand. But After the vote, " +
		"“Let History decide!” he said. During the summer, I met them. Shortly after, prices rose."
	times := []Time{nerTimeFor(t, text, "March", "2025-03"), nerTimeFor(t, text, "Tuesday", "2025-03-04")}
	ms, es := FindEntities(text, nil, times)
	nerCheckInvariants(t, text, ms, es)
	if len(ms) != 0 {
		t.Errorf("want no mentions, got %+v", ms)
	}
}

func TestFindEntitiesAliases(t *testing.T) {
	text := "Brussels-based regulator Office of Digital Markets (ODM) fined Kestrel Analytics Inc. on Friday. " +
		"Ingrid Solberg, who leads the inquiry, said Kestrel would appeal. " +
		"ODM said Solberg’s team had worked for a year. Kestrel Analytics declined to comment. " +
		"The Democratic Republic of Congo and the United States of America signed too; the U.S. later withdrew."
	ms, es := FindEntities(text, nil, nil)
	nerCheckInvariants(t, text, ms, es)
	want := map[string]string{ // mention -> entity
		"ODM":                          "Office of Digital Markets",
		"Solberg":                      "Ingrid Solberg",
		"Kestrel":                      "Kestrel Analytics Inc.",
		"Kestrel Analytics":            "Kestrel Analytics Inc.",
		"U.S.":                         "United States",
		"United States of America":     "United States",
		"Democratic Republic of Congo": "Congo",
	}
	got := map[string]string{}
	for _, m := range ms {
		got[m.Text] = m.Entity
	}
	for m, e := range want {
		if got[m] != e {
			t.Errorf("mention %q -> %q, want %q (all: %v)", m, got[m], e, got)
		}
	}
	e := nerFindEntity(es, "Ingrid Solberg")
	if e == nil || e.Kind != Person {
		t.Fatalf("Ingrid Solberg not a person: %+v", e)
	}
	if len(e.Aliases) != 1 || e.Aliases[0] != "Solberg" {
		t.Errorf("aliases %v, want [Solberg]", e.Aliases)
	}
	for _, m := range ms {
		if strings.HasSuffix(m.Text, "’s") || strings.HasSuffix(m.Text, "'s") {
			t.Errorf("possessive in span %q", m.Text)
		}
	}
}

func TestFindEntitiesRoles(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		times  map[string]string // phrase -> value
		person string
		title  string
		org    string
		since  string
		places []string
	}{
		{"title before name with org", "NATO Secretary General Jan Hovland arrived.", nil,
			"Jan Hovland", "Secretary General", "NATO", "", nil},
		{"portfolio title with demonym", "Kenyan Finance Minister Amina Wanjiru presented the budget.", nil,
			"Amina Wanjiru", "Finance Minister", "Kenya", "", []string{"Kenya"}},
		{"title with country acronym", "U.S. Secretary of State Carla Mendes flew to Oslo.", nil,
			"Carla Mendes", "Secretary of State", "United States", "", []string{"United States"}},
		{"lower-case title", "Talks stalled, Tarvik chief executive Lena Moss said.", nil,
			"Lena Moss", "Chief Executive", "Tarvik", "", nil},
		{"possessive apposition before", "Oslo Energi’s general manager, Sofia Lindqvist, said prices would fall.", nil,
			"Sofia Lindqvist", "General Manager", "Oslo Energi", "", nil},
		{"apposition after with noun", "The Nordvik Transit Authority cut fares. Sofia Lindqvist, the authority’s general manager, said more cuts were coming.", nil,
			"Sofia Lindqvist", "General Manager", "Nordvik Transit Authority", "", nil},
		{"who now serves as", "Dr. Peter Okafor, who now serves as chief economist at the Central Bank of Nigeria, disagreed.", nil,
			"Peter Okafor", "Chief Economist", "Central Bank of Nigeria", "", []string{"Nigeria"}},
		{"has served since", "Greta Lund chairs the panel. Lund has served as NATO’s deputy secretary general since Oct. 1, 2024.",
			map[string]string{"Oct. 1, 2024": "2024-10-01"},
			"Greta Lund", "Deputy Secretary General", "NATO", "2024-10-01", nil},
		{"apposition title of org", "Joe Marden, chairman of Harlow Biotech, resigned.", nil,
			"Joe Marden", "Chairman", "Harlow Biotech", "", nil},
		{"title of country before name", "They met President of the United States Jane Ortiz on Monday.", nil,
			"Jane Ortiz", "President", "United States", "", []string{"United States"}},
		{"president and chief executive officer", "Airbus President and Chief Executive Officer Tomas Enberg resigned.", nil,
			"Tomas Enberg", "President and Chief Executive Officer", "Airbus", "", nil},
		{"minister of portfolio for country", "Jusuf Rahman, minister of transport for Indonesia, said the ban stays.", nil,
			"Jusuf Rahman", "Minister of Transport", "Indonesia", "", []string{"Indonesia"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var times []Time
			for p, v := range tt.times {
				times = append(times, nerTimeFor(t, tt.text, p, v))
			}
			ms, es := FindEntities(tt.text, nil, times)
			nerCheckInvariants(t, tt.text, ms, es)
			e := nerFindEntity(es, tt.person)
			if e == nil {
				t.Fatalf("no person %q in %v", tt.person, nerNames(es))
			}
			if e.Kind != Person {
				t.Errorf("%q kind %q", tt.person, e.Kind)
			}
			if !nerHasRole(e, tt.title, tt.org, tt.since) {
				t.Errorf("roles %s, want %s|%s|%s", nerRoleList(e), tt.title, tt.org, tt.since)
			}
			for _, r := range e.Roles {
				if r.Start >= r.End || !strings.Contains(tt.text[r.Start:r.End], strings.Fields(tt.person)[len(strings.Fields(tt.person))-1]) {
					t.Errorf("role span %q does not cover the name", tt.text[r.Start:r.End])
				}
			}
			for _, p := range tt.places {
				found := false
				for _, q := range e.Places {
					if q == p {
						found = true
					}
				}
				if !found {
					t.Errorf("places %v lack %q", e.Places, p)
				}
			}
		})
	}
}

func TestFindEntitiesRoleDedup(t *testing.T) {
	text := "NATO Secretary General Jan Hovland spoke. Hovland has served as NATO’s secretary general since March 3, 2023. " +
		"Hovland, NATO’s secretary-general, left."
	times := []Time{nerTimeFor(t, text, "March 3, 2023", "2023-03-03")}
	_, es := FindEntities(text, nil, times)
	e := nerFindEntity(es, "Jan Hovland")
	if e == nil {
		t.Fatal("no Jan Hovland")
	}
	if len(e.Roles) != 1 || e.Roles[0].Since != "2023-03-03" || e.Roles[0].Org != "NATO" {
		t.Errorf("roles %s, want one Secretary General|NATO|2023-03-03", nerRoleList(e))
	}
}

// TestFindEntitiesInventedArticle checks a whole article about people and
// organisations no list could know.
func TestFindEntitiesInventedArticle(t *testing.T) {
	text := `OSLO—Oslo Energi will raise electricity prices by 12 percent from January, the Norwegian utility said on Monday.
Oslo Energi’s general manager, Sofia Lindqvist, said the increase reflected higher costs on the Nordic power exchange.
“We have no choice,” Lindqvist told reporters. Lindqvist’s predecessor, Harald Brekke, had resisted similar increases.
Kenyan Finance Minister Amina Wanjiru, who visited Oslo last week, said East African buyers were watching closely.
Dr. Peter Okafor, who now serves as chief economist at the Central Bank of Nigeria, said the move could spread.
Wanjiru and Okafor met Norwegian officials at the Ministry of Petroleum and Energy.
The Fjordline Workers Union called the plan “a tax on the poor.”`
	ms, es := FindEntities(text, nil, nil)
	nerCheckInvariants(t, text, ms, es)
	want := map[string]Kind{
		"Oslo Energi": Org, "Sofia Lindqvist": Person, "Harald Brekke": Person, "Amina Wanjiru": Person,
		"Peter Okafor": Person, "Central Bank of Nigeria": Org, "Ministry of Petroleum and Energy": Org,
		"Fjordline Workers Union": Org, "Oslo": Place, "Norway": Place, "Kenya": Place,
	}
	for n, k := range want {
		e := nerFindEntity(es, n)
		if e == nil {
			t.Errorf("no %s %q in %v", k, n, nerNames(es))
			continue
		}
		if e.Kind != k {
			t.Errorf("%q kind %q, want %q", n, e.Kind, k)
		}
	}
	for _, m := range ms {
		switch m.Text {
		case "Lindqvist":
			if m.Entity != "Sofia Lindqvist" {
				t.Errorf("Lindqvist -> %q", m.Entity)
			}
		case "Wanjiru":
			if m.Entity != "Amina Wanjiru" {
				t.Errorf("Wanjiru -> %q", m.Entity)
			}
		case "Okafor":
			if m.Entity != "Peter Okafor" {
				t.Errorf("Okafor -> %q", m.Entity)
			}
		}
	}
	if e := nerFindEntity(es, "Sofia Lindqvist"); e != nil && !nerHasRole(e, "General Manager", "Oslo Energi", "") {
		t.Errorf("Lindqvist roles %s", nerRoleList(e))
	}
	if e := nerFindEntity(es, "Amina Wanjiru"); e != nil && !nerHasRole(e, "Finance Minister", "Kenya", "") {
		t.Errorf("Wanjiru roles %s", nerRoleList(e))
	}
	if e := nerFindEntity(es, "Oslo Energi"); e != nil {
		ok := false
		for _, p := range e.Places {
			if p == "Norway" {
				ok = true
			}
		}
		if !ok {
			t.Errorf("Oslo Energi places %v lack Norway", e.Places)
		}
	}
}

func TestFindEntitiesIDs(t *testing.T) {
	text := "José Núñez-Ortega, the bank’s chief executive, said on Monday that Núñez-Ortega would stay. Ana O’Neill said so too."
	_, es := FindEntities(text, nil, nil)
	ids := map[string]bool{}
	for _, e := range es {
		ids[e.ID] = true
		for _, r := range e.ID {
			if r > 127 {
				t.Errorf("ID %q not folded to ASCII", e.ID)
				break
			}
		}
	}
	for _, want := range []string{EntityID(Person, "Ana O’Neill"), "person:jose-nunez-ortega"} {
		if !ids[want] {
			t.Errorf("IDs %v lack %s", ids, want)
		}
	}
	if len(ids) != 2 {
		t.Errorf("IDs %v, want 2 people (Núñez-Ortega is José Núñez-Ortega)", ids)
	}
}

func TestFindEntitiesOddInput(t *testing.T) {
	inputs := []string{
		"",
		"   \n\n  ",
		"’s",
		"'s 's ’ ‘ “ ” \"",
		"THE PRESIDENT OF THE UNITED STATES MET NATO LEADERS IN BRUSSELS TODAY",
		"a b c d e f g",
		"Mr.",
		"Dr. Dr. Dr.",
		"President",
		"Secretary General of",
		"U.S.",
		"( OFAC )",
		"Ωμέγα Αλφα said Ζήτα. Ярослав Мудрий сказав. 習近平 said.",
		"\xff\xfe invalid \xc3 UTF-8 Mark \xe2\x80 Rutte",
		"Rutte-Trump Relations\n\n\nEurope’s 12-Point Plan",
		strings.Repeat("Alpha Beta ", 500),
		"said, who, since, as, of the",
		"🙂 Emoji Corp 🙂 said.",
	}
	for _, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic on %q: %v", in, r)
				}
			}()
			ms, es := FindEntities(in, SplitSentences(in), nil)
			nerCheckInvariants(t, in, ms, es)
			for _, m := range ms {
				if !utf8.ValidString(m.Text) && utf8.ValidString(in) {
					t.Errorf("invalid UTF-8 mention %q", m.Text)
				}
			}
		}()
	}
}

func TestFindEntitiesBadTimes(t *testing.T) {
	text := "Rutte has served as NATO’s secretary general since Oct. 1, 2024."
	// Out-of-order, overlapping and out-of-range times must not panic.
	times := []Time{
		{Start: 50, End: 62, Value: "2024-10-01"},
		{Start: 0, End: 5, Value: "X"},
		{Start: 1000, End: 2000, Value: "Y"},
		{Start: 55, End: 58},
	}
	ms, es := FindEntities(text, nil, times)
	nerCheckInvariants(t, text, ms, es)
}

// nerBenchText is an article of ordinary news prose: the seed article when
// present, else a built-in one.
func nerBenchText(b *testing.B) string {
	var text string
	if data, err := os.ReadFile(seedFile); err == nil {
		text = string(data)
	}
	if text == "" {
		text = "WASHINGTON—U.S. President Jane Doe hosted NATO Secretary General Jan Hovland at the White House on Oct. 22. " +
			"Hovland thanked Doe for talks with Russian President Ivan Petrov. Treasury Secretary Sam Reed said the United States would act.\n"
	}
	return text
}

// BenchmarkFindEntities measures FindEntities alone, in words per second.
func BenchmarkFindEntities(b *testing.B) {
	text := nerBenchText(b)
	sents := SplitSentences(text)
	words := len(strings.Fields(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FindEntities(text, sents, nil)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// TestFindEntitiesInventedKenya is a second invented article: a dateline,
// a company opening a sentence, a lone surname with an honorific, a
// hyphenated company name, a lower-case title with a capitalised
// modifier and an unknown town in a list of places.
func TestFindEntitiesInventedKenya(t *testing.T) {
	text := `NAIROBI, Kenya (AP) — Kenyan Finance Minister Amina Wanjiru unveiled a budget on Thursday.
“This is a budget for growth,” Wanjiru told lawmakers. Opposition leader Daniel Kiprotich called it a burden.
Safaricom, the country’s largest telecom operator, said its shares fell. The company’s chief executive, Grace Mutua, said the levy would hurt customers.
President William Ruto faces protests in Mombasa and Kisumu.
Mr. Kiprotich’s party will challenge the bill in the High Court.
Nairobi-based startup M-Kopa Holdings raised money. M-Kopa co-founder Jesse Moore said it would expand into Nigeria.`
	ms, es := FindEntities(text, nil, nil)
	nerCheckInvariants(t, text, ms, es)
	kinds := map[string]Kind{
		"Safaricom": Org, "Grace Mutua": Person, "Daniel Kiprotich": Person, "William Ruto": Person,
		"Kisumu": Place, "Mombasa": Place, "M-Kopa Holdings": Org, "Jesse Moore": Person, "High Court": Org,
		"Nairobi": Place, "Associated Press": Org,
	}
	for n, k := range kinds {
		e := nerFindEntity(es, n)
		if e == nil {
			t.Errorf("no %s %q in %v", k, n, nerNames(es))
			continue
		}
		if e.Kind != k {
			t.Errorf("%q kind %q, want %q", n, e.Kind, k)
		}
	}
	for _, m := range ms {
		if m.Text == "Kiprotich" && m.Entity != "Daniel Kiprotich" {
			t.Errorf("Kiprotich -> %q", m.Entity)
		}
		if m.Text == "Opposition" {
			t.Errorf("title word %q taken for a name", m.Text)
		}
	}
	checks := []struct{ person, title, org string }{
		{"Daniel Kiprotich", "Opposition Leader", ""},
		{"Grace Mutua", "Chief Executive", "Safaricom"},
		{"Jesse Moore", "Co-Founder", "M-Kopa Holdings"},
		{"William Ruto", "President", ""},
	}
	for _, c := range checks {
		if e := nerFindEntity(es, c.person); e != nil && !nerHasRole(e, c.title, c.org, "") {
			t.Errorf("%s roles %s, want %s|%s", c.person, nerRoleList(e), c.title, c.org)
		}
	}
}

// TestFindEntitiesInventedPolitics covers headlines, bylines, party tags,
// abbreviated titles with "of <state>", name particles and appositions
// with a modifier before the title.
func TestFindEntitiesInventedPolitics(t *testing.T) {
	text := `Senate Panel Advances Harbor Bill After Late-Night Deal
By Priya Raman
WASHINGTON — The Senate Commerce Committee voted 14-10 on Wednesday to advance a bill, after Sen. Marisol Vega (D-Calif.) struck a deal with Republicans.
“We got it done,” Vega said. Her counterpart, Sen. Thomas Whitfield of Georgia, called the vote “a win for working families.”
Gov. Helen Park of Michigan said she welcomed the money. “Detroit needs this,” Park said in a statement.
According to Lars van der Berg, a shipping analyst at Maersk, the upgrades could cut delays.
Saudi Crown Prince Mohammed bin Salman is expected to visit Washington next month, officials said.
Vega and Whitfield will meet Treasury officials on Friday.`
	ms, es := FindEntities(text, nil, nil)
	nerCheckInvariants(t, text, ms, es)
	kinds := map[string]Kind{
		"Priya Raman": Person, "Senate Commerce Committee": Org, "Marisol Vega": Person, "Thomas Whitfield": Person,
		"Georgia": Place, "Helen Park": Person, "Michigan": Place, "Lars van der Berg": Person, "Maersk": Org,
		"Mohammed bin Salman": Person, "Senate": Org, "Treasury": Org,
	}
	for n, k := range kinds {
		e := nerFindEntity(es, n)
		if e == nil {
			t.Errorf("no %s %q in %v", k, n, nerNames(es))
			continue
		}
		if e.Kind != k {
			t.Errorf("%q kind %q, want %q", n, e.Kind, k)
		}
	}
	for _, m := range ms {
		switch {
		case strings.Contains(m.Text, "Calif"):
			t.Errorf("party tag %q taken for a name", m.Text)
		case m.Text == "Park" && m.Entity != "Helen Park", m.Text == "Whitfield" && m.Entity != "Thomas Whitfield":
			t.Errorf("%q -> %q", m.Text, m.Entity)
		}
	}
	checks := []struct{ person, title, org string }{
		{"Marisol Vega", "Senator", ""},
		{"Thomas Whitfield", "Senator", "Georgia"},
		{"Helen Park", "Governor", "Michigan"},
		{"Lars van der Berg", "Shipping Analyst", "Maersk"},
		{"Mohammed bin Salman", "Crown Prince", "Saudi Arabia"},
	}
	for _, c := range checks {
		if e := nerFindEntity(es, c.person); e != nil && !nerHasRole(e, c.title, c.org, "") {
			t.Errorf("%s roles %s, want %s|%s", c.person, nerRoleList(e), c.title, c.org)
		}
	}
}

func TestEntityID(t *testing.T) {
	for name, want := range map[string]string{
		"Mark Rutte": "person:mark-rutte", "U.S.": "person:u-s", "José Núñez-Ortega": "person:jose-nunez-ortega",
		"  --A--B-- ": "person:a-b", "": "person:", "AT&T Inc.": "person:at-t-inc", "Zelenskyy’s": "person:zelenskyy-s", "G7": "person:g7",
	} {
		if got := EntityID(Person, name); got != want {
			t.Errorf("EntityID(person, %q) = %q, want %q", name, got, want)
		}
	}
}

// TestFindEntitiesInventedBusiness covers an all-capitals headline, a
// dateline with a news agency, tickers, short company names, a
// lower-case word between an organisation and a title, and a role start
// read from "became ... in 2022".
func TestFindEntitiesInventedBusiness(t *testing.T) {
	text := `TECH GIANTS FACE NEW EU PROBE
BRUSSELS (Reuters) - The European Commission opened an investigation into Vantor Systems Inc. (VNTR) and Quillon Labs on Monday, EU antitrust chief Margit Holm said.
Vantor, based in Austin, Texas, denied wrongdoing. "We will cooperate fully," said Vantor spokesman Derek Olsen.
Fed Chair Naomi Feld said on Tuesday the probe would not affect U.S. markets. Feld, 61, became chair of the Federal Reserve in 2022.
Quillon's chief executive officer, Tariq Aziz, told the Financial Times that the company had done nothing wrong.
"This is about fairness," Holm told reporters in Strasbourg.`
	times := []Time{nerTimeFor(t, text, "2022", "2022"), nerTimeFor(t, text, "Monday", "2025-10-20"), nerTimeFor(t, text, "Tuesday", "2025-10-21")}
	ms, es := FindEntities(text, nil, times)
	nerCheckInvariants(t, text, ms, es)
	for _, m := range ms {
		switch m.Text {
		case "TECH", "GIANTS", "FACE", "NEW", "PROBE":
			t.Errorf("headline word %q taken for a name", m.Text)
		case "VNTR", "Vantor":
			if m.Entity != "Vantor Systems Inc." {
				t.Errorf("%q -> %q", m.Text, m.Entity)
			}
		case "Quillon":
			if m.Entity != "Quillon Labs" {
				t.Errorf("%q -> %q", m.Text, m.Entity)
			}
		case "Fed":
			if m.Entity != "Federal Reserve" {
				t.Errorf("%q -> %q", m.Text, m.Entity)
			}
		}
	}
	checks := []struct{ person, title, org, since string }{
		{"Margit Holm", "Antitrust Chief", "European Union", ""},
		{"Derek Olsen", "Spokesman", "Vantor Systems Inc.", ""},
		{"Naomi Feld", "Chair", "Federal Reserve", "2022"},
		{"Tariq Aziz", "Chief Executive Officer", "Quillon Labs", ""},
	}
	for _, c := range checks {
		e := nerFindEntity(es, c.person)
		if e == nil || e.Kind != Person {
			t.Errorf("no person %q in %v", c.person, nerNames(es))
			continue
		}
		if !nerHasRole(e, c.title, c.org, c.since) {
			t.Errorf("%s roles %s, want %s|%s|%s", c.person, nerRoleList(e), c.title, c.org, c.since)
		}
	}
	if e := nerFindEntity(es, "Naomi Feld"); e != nil && len(e.Roles) != 1 {
		t.Errorf("Feld roles %s, want one (Fed is the Federal Reserve)", nerRoleList(e))
	}
	for n, k := range map[string]Kind{"Strasbourg": Place, "Austin": Place, "Financial Times": Org, "Reuters": Org, "Brussels": Place} {
		if e := nerFindEntity(es, n); e == nil || e.Kind != k {
			t.Errorf("%q: %+v, want %s", n, e, k)
		}
	}
}

// FuzzFindEntities checks that no input makes FindEntities panic or return
// invalid spans.
func FuzzFindEntities(f *testing.F) {
	for _, s := range []string{
		"NATO Secretary General Mark Rutte met U.S. President Donald Trump.",
		"Oslo Energi’s general manager, Sofia Lindqvist, said so. Lindqvist’s plan",
		"Dr. Peter Okafor, who now serves as chief economist at the Central Bank of Nigeria, said",
		"Rutte has served as NATO’s secretary general since Oct. 1, 2024.",
		"Sen. X of", "Feld, 61,", "(D-", "M-Kopa", "By A B", "Office of (OFAC)",
		"“Let History decide!”", "A-B-C D-E", "the authority’s general manager,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := SplitSentences(s)
		var times []Time
		if len(s) > 4 {
			times = []Time{{Start: 1, End: len(s) / 2, Value: "2024"}}
		}
		ms, es := FindEntities(s, sents, times)
		nerCheckInvariants(t, s, ms, es)
	})
}

// TestFindEntitiesOccupations checks occupations as titles, and that a
// lower-case descriptor before a one-word company does not make it a
// person.
func TestFindEntitiesOccupations(t *testing.T) {
	text := "Brazilian striker Tiago Ramos scored twice. Singer Aya Morand will perform in July. " +
		"Jean-Luc Marchand, a historian at the Sorbonne, said the closure cost millions. Marchand added more. " +
		"Russia’s top oil producer Volganeft said output fell, and asset manager Brightrock sold shares. Isaac Singer sews. " +
		"Mayor Dana Cook met Judge Ann Bishop."
	ms, es := FindEntities(text, nil, nil)
	nerCheckInvariants(t, text, ms, es)
	checks := []struct{ person, title, org string }{
		{"Tiago Ramos", "Striker", "Brazil"},
		{"Aya Morand", "Singer", ""},
		{"Jean-Luc Marchand", "Historian", "Sorbonne"},
	}
	for _, c := range checks {
		e := nerFindEntity(es, c.person)
		if e == nil || e.Kind != Person {
			t.Errorf("no person %q in %v", c.person, nerNames(es))
			continue
		}
		if !nerHasRole(e, c.title, c.org, "") {
			t.Errorf("%s roles %s, want %s|%s", c.person, nerRoleList(e), c.title, c.org)
		}
	}
	for n, k := range map[string]Kind{"Volganeft": Org, "Brightrock": Org, "Isaac Singer": Person, "Dana Cook": Person, "Ann Bishop": Person} {
		if e := nerFindEntity(es, n); e == nil || e.Kind != k {
			t.Errorf("%q: %+v, want %s (entities %v)", n, e, k, nerNames(es))
		}
	}
}

// BenchmarkNERPipeline runs the whole extractor on the same article as
// BenchmarkFindEntities, to show the share FindEntities takes of the
// 200,000 words/s budget.
func BenchmarkNERPipeline(b *testing.B) {
	text := nerBenchText(b)
	words := len(strings.Fields(text))
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, pub)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func TestFindEntitiesShortNameInParentheses(t *testing.T) {
	text := "The economy shrank, according to the Federal Statistical Office (Destatis). Destatis will publish its next estimate soon. Talks were held in Budapest (Hungary) last year."
	ms, es := FindEntities(text, SplitSentences(text), nil)
	var office *Entity
	for i := range es {
		if es[i].Name == "Federal Statistical Office" {
			office = &es[i]
		}
		if es[i].Name == "Budapest" && len(es[i].Aliases) > 0 {
			t.Errorf("Budapest got aliases %q", es[i].Aliases)
		}
	}
	if office == nil || len(office.Aliases) != 1 || office.Aliases[0] != "Destatis" {
		t.Fatalf("Federal Statistical Office = %+v", office)
	}
	n := 0
	for _, m := range ms {
		if m.Entity == "Federal Statistical Office" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d mentions of the office, want 3 (name, short name, later short name)", n)
	}
}

func TestFindEntitiesPartiesAreOrgs(t *testing.T) {
	text := "Finance Minister Lars Klingbeil, who also leads the Social Democrats, said the plan was ready. The Republicans objected."
	_, es := FindEntities(text, SplitSentences(text), nil)
	kinds := map[string]Kind{}
	for _, e := range es {
		kinds[e.Name] = e.Kind
	}
	if kinds["Social Democrats"] != Org || kinds["Republicans"] != Org || kinds["Lars Klingbeil"] != Person {
		t.Errorf("kinds = %v", kinds)
	}
}
