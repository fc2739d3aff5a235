package extract

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// nerMeantimeDir finds shared/corpus/meantime by walking up from the package
// directory, or under $BRIEFBOT_SHARED.
func nerMeantimeDir(tb testing.TB) string {
	tb.Helper()
	if s := os.Getenv("BRIEFBOT_SHARED"); s != "" {
		d := filepath.Join(s, "corpus", "meantime")
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		tb.Skip("no working directory")
	}
	for i := 0; i < 6; i++ {
		d := filepath.Join(dir, "shared", "corpus", "meantime")
		if _, err := os.Stat(d); err == nil {
			return d
		}
		dir = filepath.Dir(dir)
	}
	tb.Skip("MEANTIME corpus not found")
	return ""
}

type nerMTXML struct {
	Tokens []struct {
		ID       string `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			ID      string `xml:"m_id,attr"`
			Syn     string `xml:"syntactic_type,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			ID   string `xml:"m_id,attr"`
			Type string `xml:"ent_type,attr"`
		} `xml:"ENTITY"`
		Timexes []struct {
			Type    string `xml:"type,attr"`
			Value   string `xml:"value,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"TIMEX3"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []struct {
			Sources []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
			Target struct {
				ID string `xml:"m_id,attr"`
			} `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

// nerGoldMention is a gold entity mention as a byte span of the rebuilt text.
type nerGoldMention struct {
	s, e int
	kind Kind   // "" for types other than PER, ORG and LOC
	nam  bool   // a proper name
	text string // for reports
}

// nerMTDocument is one rebuilt MEANTIME article.
type nerMTDocument struct {
	name  string
	text  string
	gold  []nerGoldMention
	times []Time
}

// nerLoadMeantime rebuilds the text of every article from its tokens, with
// byte offsets, and reads its gold entity mentions and time expressions.
func nerLoadMeantime(tb testing.TB) []nerMTDocument {
	dir := nerMeantimeDir(tb)
	files, _ := filepath.Glob(filepath.Join(dir, "intra_cross-doc_annotation", "corpus_*", "*.xml"))
	if len(files) == 0 {
		tb.Skip("no MEANTIME files")
	}
	sort.Strings(files)
	var docs []nerMTDocument
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var d nerMTXML
		if err := xml.Unmarshal(b, &d); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		var sb strings.Builder
		span := map[string][2]int{}
		prevSent := -1
		prev := ""
		for _, t := range d.Tokens {
			switch {
			case prevSent < 0:
			case t.Sentence != prevSent:
				sb.WriteByte('\n')
			case nerNoSpaceBefore(t.Text) || prev == "(" || prev == "$" || prev == "``":
			default:
				sb.WriteByte(' ')
			}
			s := sb.Len()
			sb.WriteString(t.Text)
			span[t.ID] = [2]int{s, sb.Len()}
			prevSent = t.Sentence
			prev = t.Text
		}
		text := sb.String()
		typ := map[string]string{}
		for _, e := range d.Markables.Entities {
			typ[e.ID] = e.Type
		}
		ref := map[string]string{}
		for _, r := range d.Relations.RefersTo {
			for _, s := range r.Sources {
				ref[s.ID] = typ[r.Target.ID]
			}
		}
		doc := nerMTDocument{name: filepath.Base(f), text: text}
		for _, m := range d.Markables.Mentions {
			if len(m.Anchors) == 0 {
				continue
			}
			a, z := span[m.Anchors[0].ID], span[m.Anchors[len(m.Anchors)-1].ID]
			g := nerGoldMention{s: a[0], e: z[1], nam: m.Syn == "NAM", text: text[a[0]:z[1]]}
			switch ref[m.ID] {
			case "PER":
				g.kind = Person
			case "ORG":
				g.kind = Org
			case "LOC":
				g.kind = Place
			}
			doc.gold = append(doc.gold, g)
		}
		for _, x := range d.Markables.Timexes {
			if len(x.Anchors) == 0 {
				continue
			}
			a, z := span[x.Anchors[0].ID], span[x.Anchors[len(x.Anchors)-1].ID]
			doc.times = append(doc.times, Time{Start: a[0], End: z[1], Text: text[a[0]:z[1]], Type: x.Type, Value: x.Value})
		}
		docs = append(docs, doc)
	}
	return docs
}

func nerNoSpaceBefore(tok string) bool {
	switch tok {
	case ",", ".", ";", ":", "!", "?", ")", "]", "'s", "'", "n't", "%", "''", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}

// TestEntitiesMeantime scores FindEntities on the MEANTIME gold proper-name
// mentions of people, organisations and places. Gold time expressions are
// passed in so that the score measures entity recognition alone.
func TestEntitiesMeantime(t *testing.T) {
	docs := nerLoadMeantime(t)
	var gold, exact, overlap, overlapAny int
	var pred, predOK, predAny int
	perKind := map[Kind][2]int{}
	misses := map[string]int{}
	falses := map[string]int{}
	for _, d := range docs {
		sents := SplitSentences(d.text)
		times := d.times
		if os.Getenv("NER_NO_TIMES") != "" {
			times = nil
		}
		ms, _ := FindEntities(d.text, sents, times)
		for _, m := range ms {
			if d.text[m.Start:m.End] != m.Text {
				t.Fatalf("%s: mention text %q != span %q", d.name, m.Text, d.text[m.Start:m.End])
			}
		}
		for _, g := range d.gold {
			if !g.nam || g.kind == "" {
				continue
			}
			gold++
			pk := perKind[g.kind]
			pk[0]++
			hitE, hitO, hitA := false, false, false
			for _, m := range ms {
				if m.Start < g.e && g.s < m.End {
					hitA = true
					if m.Kind == g.kind {
						hitO = true
						if m.Start == g.s && m.End == g.e || "the "+strings.ToLower(m.Text) == strings.ToLower(g.text) {
							hitE = true
						}
					}
				}
			}
			if hitE {
				exact++
			}
			if hitO {
				overlap++
				pk[1]++
			} else {
				misses[string(g.kind)+" "+g.text]++
			}
			if hitA {
				overlapAny++
			}
			perKind[g.kind] = pk
		}
		for _, m := range ms {
			pred++
			ok, any := false, false
			for _, g := range d.gold {
				if m.Start < g.e && g.s < m.End {
					any = true
					if g.kind == m.Kind {
						ok = true
					}
				}
			}
			if ok {
				predOK++
			}
			if any {
				predAny++
			} else {
				falses[string(m.Kind)+" "+m.Text]++
			}
		}
	}
	pct := func(a, b int) string {
		if b == 0 {
			return "n/a"
		}
		return strconv.FormatFloat(100*float64(a)/float64(b), 'f', 1, 64) + "%"
	}
	t.Logf("MEANTIME: %d docs, %d gold NAM PER/ORG/LOC mentions, %d predicted", len(docs), gold, pred)
	t.Logf("recall: exact span+kind %s, overlap+kind %s, overlap any kind %s", pct(exact, gold), pct(overlap, gold), pct(overlapAny, gold))
	for _, k := range []Kind{Person, Org, Place} {
		t.Logf("  recall %s (overlap+kind): %s of %d", k, pct(perKind[k][1], perKind[k][0]), perKind[k][0])
	}
	t.Logf("precision: overlaps a gold mention of the same kind %s, overlaps any gold entity mention %s (gold is not exhaustive)", pct(predOK, pred), pct(predAny, pred))
	if os.Getenv("NER_REPORT") != "" {
		top := func(m map[string]int, label string) {
			type kv struct {
				k string
				v int
			}
			var l []kv
			for k, v := range m {
				l = append(l, kv{k, v})
			}
			sort.Slice(l, func(a, b int) bool { return l[a].v > l[b].v || l[a].v == l[b].v && l[a].k < l[b].k })
			for i, x := range l {
				if i >= 80 {
					break
				}
				t.Logf("%s %3d %s", label, x.v, x.k)
			}
		}
		top(misses, "MISS")
		top(falses, "FALSE")
	}
	// Guard against regressions; the figures above are the real report.
	if gold > 0 && overlap*100 < gold*60 {
		t.Errorf("overlap recall %s below 60%%", pct(overlap, gold))
	}
}

// BenchmarkFindEntitiesMeantime runs FindEntities on all MEANTIME articles
// joined into one long text, to show that the cost grows linearly.
func BenchmarkFindEntitiesMeantime(b *testing.B) {
	docs := nerLoadMeantime(b)
	var sb strings.Builder
	for _, d := range docs {
		sb.WriteString(d.text)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	sents := SplitSentences(text)
	words := len(strings.Fields(text))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FindEntities(text, sents, nil)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
