package extract

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// meantimeDir finds shared/corpus/meantime by walking up from the package
// directory, or under BRIEFBOT_SHARED.
func meantimeDir(tb testing.TB) string {
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
	for k := 0; k < 6; k++ {
		d := filepath.Join(dir, "shared", "corpus", "meantime")
		if _, err := os.Stat(d); err == nil {
			return d
		}
		dir = filepath.Dir(dir)
	}
	tb.Skip("MEANTIME corpus not found")
	return ""
}

type mtDoc struct {
	Tokens []struct {
		ID       string `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Timex []struct {
		Type     string `xml:"type,attr"`
		Value    string `xml:"value,attr"`
		Function string `xml:"functionInDocument,attr"`
		Anchors  []struct {
			ID string `xml:"t_id,attr"`
		} `xml:"token_anchor"`
	} `xml:"Markables>TIMEX3"`
}

// goldTimex is one gold expression as a byte span of the rebuilt text.
type goldTimex struct {
	start, end int
	typ, value string
}

// rebuild joins the tokens into text with ordinary spacing and returns the
// text, token spans by id, sentence spans and the end of the annotated part
// (MEANTIME annotates the first sentences only).
func (d *mtDoc) rebuild() (string, map[string][2]int, []Sentence, int) {
	var b strings.Builder
	spans := make(map[string][2]int, len(d.Tokens))
	var sents []Sentence
	noSpaceBefore := map[string]bool{",": true, ".": true, ";": true, ":": true, ")": true, "]": true, "?": true, "!": true, "%": true, "'s": true, "n't": true, "'": true, "''": true, "’s": true}
	noSpaceAfter := map[string]bool{"(": true, "[": true, "$": true, "US$": true, "#": true, "``": true, "“": true}
	prev := ""
	cur := -1
	annotEnd := 0
	maxGoldSent := 0
	sentOf := map[string]int{}
	for _, t := range d.Tokens {
		sentOf[t.ID] = t.Sentence
	}
	for _, tx := range d.Timex {
		for _, a := range tx.Anchors {
			if s := sentOf[a.ID]; s > maxGoldSent {
				maxGoldSent = s
			}
		}
	}
	if maxGoldSent < 5 {
		maxGoldSent = 5
	}
	for _, t := range d.Tokens {
		if t.Sentence != cur {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			cur = t.Sentence
			sents = append(sents, Sentence{Start: b.Len()})
		} else if b.Len() > 0 && !noSpaceBefore[t.Text] && !noSpaceAfter[prev] {
			b.WriteByte(' ')
		}
		s := b.Len()
		b.WriteString(t.Text)
		spans[t.ID] = [2]int{s, b.Len()}
		sents[len(sents)-1].End = b.Len()
		if t.Sentence <= maxGoldSent {
			annotEnd = b.Len()
		}
		prev = t.Text
	}
	return b.String(), spans, sents, annotEnd
}

func TestMEANTIMETimes(t *testing.T) {
	dir := meantimeDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "intra_cross-doc_annotation", "corpus_*", "*.xml"))
	if len(files) == 0 {
		t.Skip("no MEANTIME files")
	}
	debug := os.Getenv("TIMEX_DEBUG") != ""
	var nDocs, nGold, nPred, exact, overlap, valueOK, typeOK int
	byType := map[string][2]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d mtDoc
		if err := xml.Unmarshal(raw, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		text, spans, sents, annotEnd := d.rebuild()
		var pub time.Time
		var gold []goldTimex
		for _, tx := range d.Timex {
			if tx.Function == "CREATION_TIME" {
				pub, _ = time.Parse("2006-01-02", tx.Value)
			}
			if len(tx.Anchors) == 0 {
				continue
			}
			s, e := 1<<30, 0
			for _, a := range tx.Anchors {
				sp := spans[a.ID]
				s, e = min(s, sp[0]), max(e, sp[1])
			}
			gold = append(gold, goldTimex{s, e, tx.Type, tx.Value})
		}
		if pub.IsZero() {
			continue
		}
		nDocs++
		sort.Slice(gold, func(i, j int) bool { return gold[i].start < gold[j].start })
		got := FindTimes(text, sents, pub)
		var pred []Time
		for _, g := range got {
			if g.Start < annotEnd {
				pred = append(pred, g)
			} else if os.Getenv("TIMEX_ALL") != "" {
				lo, hi := max(0, g.Start-40), min(len(text), g.End+40)
				t.Logf("REST %s %-8s %-12s %-5s %q in %q", filepath.Base(f)[:6], g.Type, g.Value, g.Mod, g.Text, strings.ReplaceAll(text[lo:hi], "\n", " | "))
			}
		}
		nGold += len(gold)
		nPred += len(pred)
		used := make([]bool, len(pred))
		for _, g := range gold {
			bt := byType[g.typ]
			bt[0]++
			hit := -1
			for k, p := range pred {
				if !used[k] && p.Start < g.end && g.start < p.End {
					hit = k
					break
				}
			}
			if hit < 0 {
				byType[g.typ] = bt
				if debug {
					t.Logf("MISS %s %-8s %-12s %q", filepath.Base(f)[:6], g.typ, g.value, text[g.start:g.end])
				}
				continue
			}
			used[hit] = true
			bt[1]++
			byType[g.typ] = bt
			p := pred[hit]
			overlap++
			if p.Start == g.start && p.End == g.end {
				exact++
			} else if debug {
				t.Logf("SPAN %s gold %q got %q", filepath.Base(f)[:6], text[g.start:g.end], p.Text)
			}
			if p.Value == g.value {
				valueOK++
			} else if debug {
				t.Logf("VAL  %s %q gold %s %s got %s %s", filepath.Base(f)[:6], text[g.start:g.end], g.typ, g.value, p.Type, p.Value)
			}
			if p.Type == g.typ {
				typeOK++
			}
		}
		for k, p := range pred {
			if !used[k] && debug {
				lo, hi := max(0, p.Start-40), min(len(text), p.End+40)
				t.Logf("FP   %s %-8s %-12s %q in %q", filepath.Base(f)[:6], p.Type, p.Value, p.Text, strings.ReplaceAll(text[lo:hi], "\n", " | "))
			}
		}
	}
	if nGold == 0 {
		t.Skip("no gold")
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	t.Logf("MEANTIME TIMEX3: %d documents, gold %d, predicted %d (annotated sentences only)", nDocs, nGold, nPred)
	t.Logf("overlap: recall %.1f%% precision %.1f%%; exact extent: recall %.1f%% precision %.1f%%",
		pct(overlap, nGold), pct(overlap, nPred), pct(exact, nGold), pct(exact, nPred))
	t.Logf("of matched: value accuracy %.1f%%, type accuracy %.1f%%", pct(valueOK, overlap), pct(typeOK, overlap))
	types := make([]string, 0, len(byType))
	for k := range byType {
		types = append(types, k)
	}
	sort.Strings(types)
	for _, k := range types {
		t.Logf("  %-8s recall %3d/%3d = %.1f%%", k, byType[k][1], byType[k][0], pct(byType[k][1], byType[k][0]))
	}
	// Floors that catch regressions, well below the current figures.
	if pct(overlap, nGold) < 60 || pct(overlap, nPred) < 60 {
		t.Errorf("MEANTIME overlap recall/precision dropped: %.1f%%/%.1f%%", pct(overlap, nGold), pct(overlap, nPred))
	}
}
