package extract

import (
	"os"
	"strings"
	"testing"
	"time"
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
		for _, d := range nerLoadMeantime(t) {
			if !strings.Contains(d.name, f) {
				continue
			}
			t.Log(d.text)
			ms, es := FindEntities(d.text, SplitSentences(d.text), d.times)
			nerLogEntities(t, ms, es)
			for _, g := range d.gold {
				if g.nam {
					t.Logf("G %q %s", g.text, g.kind)
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
