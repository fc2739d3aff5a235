package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"briefbot/internal/meantime"
)

// TestDebugEntities prints what FindEntities finds in the file named by
// $NER_FILE, or in the MEANTIME articles whose names contain $NER_DOC, with
// the gold names. It is a tool for working on the rules: run it with -v.
func TestDebugEntities(t *testing.T) {
	if f := os.Getenv("NER_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		sents := SplitSentences(text)
		times := FindTimes(text, sents, time.Now())
		ms, es := FindEntities(text, sents, times)
		nerLogEntities(t, ms, es)
	}
	if f := os.Getenv("NER_DOC"); f != "" {
		dir, ok := meantime.Find(".")
		if !ok {
			t.Skip("MEANTIME corpus not found")
		}
		docs, err := meantime.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if !strings.Contains(d.Name, f) {
				continue
			}
			t.Log(d.Text)
			sents := SplitSentences(d.Text)
			ms, es := FindEntities(d.Text, sents, FindTimes(d.Text, sents, d.Published))
			nerLogEntities(t, ms, es)
			for _, g := range d.Mentions {
				if g.Syntactic == "NAM" {
					t.Logf("G %q %s", g.Text, g.Kind)
				}
			}
		}
	}
}

func nerLogEntities(t *testing.T, ms []Mention, es []Entity) {
	for _, m := range ms {
		t.Logf("M %q %s %s", m.Text, m.Kind, m.Entity)
	}
	for _, e := range es {
		t.Logf("E %s %q %v roles=%+v places=%v", e.ID, e.Name, e.Aliases, e.Roles, e.Places)
	}
}
