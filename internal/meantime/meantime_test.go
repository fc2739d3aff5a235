package meantime

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testFile = "testdata/corpus/intra_cross-doc_annotation/corpus_test/1_Acme_hires_Jane_Doe.xml"

func TestParseFile(t *testing.T) {
	d, err := ParseFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	wantText := "Acme Corp hires Jane Doe\n" +
		"March 01, 2010\n" +
		`Acme Corp.'s chief, Jane Doe, said "we're ready" on Monday (local time).` +
		` The Paris-based firm paid $5 million; analysts didn't comment: "Fine", one said.` +
		` Airbus' jets flew to London last year.`
	if d.Text != wantText {
		t.Errorf("Text =\n%q\nwant\n%q", d.Text, wantText)
	}
	if d.Name != "1_Acme_hires_Jane_Doe" || d.URL != "http://en.wikinews.org/wiki/Acme_hires_Jane_Doe" {
		t.Errorf("Name, URL = %q, %q", d.Name, d.URL)
	}
	if want := time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", d.Published, want)
	}
	if d.AnnotatedEnd != len(d.Text) {
		t.Errorf("AnnotatedEnd = %d, want %d: the whole of a short article is annotated", d.AnnotatedEnd, len(d.Text))
	}
	if len(d.Tokens) != 59 {
		t.Errorf("%d tokens, want 59", len(d.Tokens))
	}
	for _, tok := range d.Tokens {
		if got := d.Text[tok.Start:tok.End]; got != tok.Text {
			t.Errorf("token %s: text[%d:%d] = %q, want %q", tok.ID, tok.Start, tok.End, got, tok.Text)
		}
	}
	var sents []string
	for _, s := range d.Sentences {
		sents = append(sents, d.Text[s.Start:s.End])
	}
	if len(sents) != 5 || sents[1] != "March 01, 2010" || sents[4] != "Airbus' jets flew to London last year." {
		t.Errorf("sentences = %q", sents)
	}

	type mention struct{ id, text, kind, syn string }
	var gotM []mention
	for _, m := range d.Mentions {
		if m.Text != d.Text[m.Start:m.End] {
			t.Errorf("mention %s: Text %q != text[%d:%d]", m.ID, m.Text, m.Start, m.End)
		}
		gotM = append(gotM, mention{m.ID, m.Text, m.Kind, m.Syntactic})
	}
	wantM := []mention{
		{"1", "Acme Corp", "org", "NAM"},
		{"2", "Jane Doe", "person", "NAM"},
		{"3", "Acme Corp.", "org", "NAM"},
		{"9", "Acme Corp.'s chief", "org", ""},
		{"4", "Jane Doe", "person", "NAM"},
		{"7", "The Paris-based firm", "org", "NOM"},
		{"10", "Fine", "", "NAM"},
		{"6", "Airbus", "org", "PRE.NAM"},
		{"5", "London", "place", "NAM"},
	}
	if len(gotM) != len(wantM) {
		t.Fatalf("mentions = %+v\nwant %+v", gotM, wantM)
	}
	for i := range wantM {
		if gotM[i] != wantM[i] {
			t.Errorf("mention %d = %+v, want %+v", i, gotM[i], wantM[i])
		}
	}
	for _, m := range d.Mentions {
		if want := m.ID == "9"; m.Discontinuous != want || m.CrossDoc != want {
			t.Errorf("mention %s: Discontinuous, CrossDoc = %v, %v; want %v", m.ID, m.Discontinuous, m.CrossDoc, want)
		}
		if m.ID == "5" && (m.EntType != "LOC" || m.Entity != "London") {
			t.Errorf("mention 5: EntType, Entity = %q, %q", m.EntType, m.Entity)
		}
	}

	type timex struct {
		text, typ, value string
		creation         bool
	}
	var gotT []timex
	for _, x := range d.Times {
		gotT = append(gotT, timex{x.Text, x.Type, x.Value, x.Creation})
	}
	wantT := []timex{
		{"March 01, 2010", "DATE", "2010-03-01", true},
		{"Monday", "DATE", "2010-03-01", false},
		{"last year", "DATE", "2009", false},
	}
	if len(gotT) != len(wantT) {
		t.Fatalf("times = %+v, want %+v", gotT, wantT)
	}
	for i := range wantT {
		if gotT[i] != wantT[i] {
			t.Errorf("time %d = %+v, want %+v", i, gotT[i], wantT[i])
		}
	}
}

// Without a CREATION_TIME the dateline's TIMEX3 stands in for it, and
// without any TIMEX3 there the dateline text is parsed.
func TestParseDatelineFallback(t *testing.T) {
	raw, err := os.ReadFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	noCreation := strings.Replace(string(raw), `functionInDocument="CREATION_TIME"`, `functionInDocument="NONE"`, 1)
	d, err := Parse(strings.NewReader(noCreation))
	if err != nil {
		t.Fatal(err)
	}
	if d.Published.Format("2006-01-02") != "2010-03-01" {
		t.Errorf("Published = %v", d.Published)
	}
	if !d.Times[0].Creation || d.Times[1].Creation {
		t.Errorf("Creation flags = %v, %v; want the dateline's only", d.Times[0].Creation, d.Times[1].Creation)
	}

	// Drop the dateline TIMEX3 altogether; the anchors of the others stay.
	i := strings.Index(noCreation, `<TIMEX3 anchorTimeID="" beginPoint="" comment="" endPoint="" functionInDocument="NONE" m_id="20"`)
	j := strings.Index(noCreation[i:], "</TIMEX3>") + i + len("</TIMEX3>")
	d, err = Parse(strings.NewReader(noCreation[:i] + noCreation[j:]))
	if err != nil {
		t.Fatal(err)
	}
	if d.Published.Format("2006-01-02") != "2010-03-01" {
		t.Errorf("Published from dateline text = %v", d.Published)
	}
	for _, x := range d.Times {
		if x.Creation {
			t.Errorf("time %q marked as creation time", x.Text)
		}
	}
}

func TestParseErrors(t *testing.T) {
	raw, err := os.ReadFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
	}{
		{"not xml", "hello", "decode"},
		{"truncated", string(raw[:len(raw)/2]), "decode"},
		{"no tokens", `<Document doc_name="x"><Markables/></Document>`, "no tokens"},
		{"unknown anchor", strings.Replace(string(raw), `<token_anchor t_id="56"/>`, `<token_anchor t_id="999"/>`, 1), `unknown token "999"`},
		{"duplicate token", strings.Replace(string(raw), `t_id="2">Corp<`, `t_id="1">Corp<`, 1), "duplicate token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	docs, err := Load("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Name != "1_Acme_hires_Jane_Doe" {
		t.Fatalf("docs = %d, first %q", len(docs), docs[0].Name)
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .xml files") {
		t.Errorf("empty dir: err = %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing dir: no error")
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "x.xml"), []byte("<Document>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "x.xml") {
		t.Errorf("bad file: err = %v, want it to name the file", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	corpus := filepath.Join(root, "shared", "corpus", "meantime")
	deep := filepath.Join(root, "wt", "eval", "extract")
	for _, d := range []string{corpus, deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("BRIEFBOT_SHARED", "")
	if got, ok := Find(deep); !ok || got != corpus {
		t.Errorf("Find(%s) = %q, %v; want %q", deep, got, ok, corpus)
	}
	if got, ok := FindShared(deep); !ok || got != filepath.Join(root, "shared") {
		t.Errorf("FindShared = %q, %v", got, ok)
	}

	other := t.TempDir()
	otherCorpus := filepath.Join(other, "corpus", "meantime")
	if err := os.MkdirAll(otherCorpus, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BRIEFBOT_SHARED", other)
	if got, ok := Find(deep); !ok || got != otherCorpus {
		t.Errorf("with BRIEFBOT_SHARED: Find = %q, %v; want %q", got, ok, otherCorpus)
	}

	// An env var naming nothing falls back to walking up.
	t.Setenv("BRIEFBOT_SHARED", filepath.Join(other, "nope"))
	if got, ok := Find(deep); !ok || got != corpus {
		t.Errorf("with bad BRIEFBOT_SHARED: Find = %q, %v; want %q", got, ok, corpus)
	}
}

// TestRealCorpus checks the whole corpus when it is present: every article
// parses, has a publication date, and every gold span lies within its text
// and on token boundaries.
func TestRealCorpus(t *testing.T) {
	dir, ok := Find(".")
	if !ok {
		t.Skip("MEANTIME corpus not found (set BRIEFBOT_SHARED)")
	}
	docs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 90 {
		t.Errorf("%d docs, want 90", len(docs))
	}
	var nam, timex, creation, annotated, words int
	for _, d := range docs {
		annotated += len(strings.Fields(d.Text[:d.AnnotatedEnd]))
		words += len(strings.Fields(d.Text))
		if d.Published.IsZero() {
			t.Errorf("%s: no publication date", d.Name)
		}
		if strings.Count(d.Text, "\n") != 2 {
			t.Errorf("%s: %d line breaks, want 2 (after title and dateline)", d.Name, strings.Count(d.Text, "\n"))
		}
		starts, ends := map[int]bool{}, map[int]bool{}
		for _, tok := range d.Tokens {
			starts[tok.Start], ends[tok.End] = true, true
		}
		check := func(what, id string, s, e int, text string) {
			if s < 0 || e > len(d.Text) || s >= e {
				t.Errorf("%s: %s %s: bad span [%d,%d) in %d bytes", d.Name, what, id, s, e, len(d.Text))
				return
			}
			if !starts[s] || !ends[e] {
				t.Errorf("%s: %s %s: span [%d,%d) not on token boundaries", d.Name, what, id, s, e)
			}
			if text != d.Text[s:e] {
				t.Errorf("%s: %s %s: Text %q != %q", d.Name, what, id, text, d.Text[s:e])
			}
		}
		for _, m := range d.Mentions {
			check("mention", m.ID, m.Start, m.End, m.Text)
			if !m.CrossDoc && m.End > d.AnnotatedEnd {
				t.Errorf("%s: typed mention %s %q past the annotated region", d.Name, m.ID, m.Text)
			}
			if m.Syntactic == "NAM" {
				nam++
			}
		}
		published := 0
		for _, x := range d.Times {
			check("timex", x.ID, x.Start, x.End, x.Text)
			if x.End > d.AnnotatedEnd {
				t.Errorf("%s: timex %s %q past the annotated region", d.Name, x.ID, x.Text)
			}
			timex++
			if x.Creation {
				published++
				creation++
			}
		}
		if published != 1 {
			t.Errorf("%s: %d creation times, want 1", d.Name, published)
		}
	}
	t.Logf("%d docs, %d NAM mentions, %d timexes (%d creation times), %d of %d words annotated", len(docs), nam, timex, creation, annotated, words)
	if annotated > words/2 {
		t.Errorf("annotated region covers %d of %d words; MEANTIME annotates only the start of each article", annotated, words)
	}
	if nam < 800 || timex < 300 {
		t.Errorf("too few annotations: %d NAM mentions, %d timexes", nam, timex)
	}
}

func TestParseCorefInstances(t *testing.T) {
	d, err := ParseFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Topic != "test" {
		t.Errorf("Topic = %q, want test", d.Topic)
	}
	for _, m := range d.Mentions {
		want := ""
		if m.Entity == "Acme Corp" {
			want = "ORG1"
		}
		if m.Instance != want {
			t.Errorf("mention %s %q: Instance = %q, want %q", m.ID, m.Text, m.Instance, want)
		}
	}
	if len(d.Events) != 1 {
		t.Fatalf("events = %+v, want one", d.Events)
	}
	e := d.Events[0]
	if e.ID != "11" || e.Text != d.Text[e.Start:e.End] || e.Text != "hires" || e.Pred != "hire" || e.Class != "OTHER" ||
		e.Instance != "OTH1" || e.CrossDoc || len(e.Times) != 1 || e.Times[0] != "21" {
		t.Errorf("event = %+v", e)
	}

	ins, err := LoadInstances("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 3 || ins["OTH1"].Time != "2010-03-01" || !ins["OTH1"].Dated() || ins["OTH2"].Dated() || ins["ORG1"].Dated() ||
		ins["ORG1"].Type != "ENTITY" || ins["ORG1"].Class != "ORG" || ins["ORG1"].Name != "Acme Corp" {
		t.Errorf("instances = %+v", ins)
	}
	if _, err := LoadInstances(t.TempDir()); err == nil {
		t.Error("LoadInstances of a directory without the list: no error")
	}
}

// TestRealCorpusCoref checks the cross-document layer of the corpus
// when it is present: event spans lie within the text, and every instance
// a mention refers to is listed in list_instances.csv with the right type.
func TestRealCorpusCoref(t *testing.T) {
	dir, ok := Find(".")
	if !ok {
		t.Skip("MEANTIME corpus not found (set BRIEFBOT_SHARED)")
	}
	docs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ins, err := LoadInstances(dir)
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]int{}
	var entMentions, evMentions, dated int
	entInst, evInst := map[string]bool{}, map[string]bool{}
	for _, d := range docs {
		topics[d.Topic]++
		for _, m := range d.Mentions {
			if m.Instance == "" {
				continue
			}
			entMentions++
			entInst[m.Instance] = true
			if in, ok := ins[m.Instance]; !ok || in.Type != "ENTITY" {
				t.Errorf("%s: mention %s: instance %q is %+v, want a listed ENTITY", d.Name, m.ID, m.Instance, in)
			}
		}
		for _, e := range d.Events {
			if e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End || e.Text != d.Text[e.Start:e.End] {
				t.Errorf("%s: event %s: bad span [%d,%d) %q", d.Name, e.ID, e.Start, e.End, e.Text)
			}
			if e.Instance == "" {
				continue
			}
			evMentions++
			evInst[e.Instance] = true
			in, ok := ins[e.Instance]
			if !ok || in.Type != "EVENT" {
				t.Errorf("%s: event %s: instance %q is %+v, want a listed EVENT", d.Name, e.ID, e.Instance, in)
			}
			if in.Dated() {
				dated++
			}
		}
	}
	t.Logf("topics %v; %d entity mentions of %d instances, %d event mentions of %d instances (%d dated)",
		topics, entMentions, len(entInst), evMentions, len(evInst), dated)
	if topics["airbus"] != 30 || topics["apple"] != 30 || topics["gm"] != 30 {
		t.Errorf("topics = %v, want 30 articles each of airbus, apple and gm", topics)
	}
	if entMentions < 1000 || evMentions < 500 || dated < 300 {
		t.Errorf("too few cross-document mentions: %d entity, %d event (%d dated)", entMentions, evMentions, dated)
	}
}
