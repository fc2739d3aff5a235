package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestDebugSeed(t *testing.T) {
	f := os.Getenv("NER_FILE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	text := string(b)
	sents := SplitSentences(text)
	times := FindTimes(text, sents, time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC))
	ms, es := FindEntities(text, sents, times)
	for _, m := range ms {
		fmt.Printf("M %q %s %s\n", m.Text, m.Kind, m.Entity)
	}
	for _, e := range es {
		fmt.Printf("E %s %q %v roles=%+v places=%v\n", e.ID, e.Name, e.Aliases, e.Roles, e.Places)
	}
}

func TestDebugMeantime(t *testing.T) {
	nerDebugCues = os.Getenv("NER_CUES") != ""
	f := os.Getenv("NER_DOC")
	if f == "" {
		t.Skip()
	}
	for _, d := range loadMeantime(t) {
		if !strings.Contains(d.name, f) {
			continue
		}
		fmt.Println(d.text)
		ms, es := FindEntities(d.text, SplitSentences(d.text), d.times)
		for _, m := range ms {
			fmt.Printf("M %q %s %s\n", m.Text, m.Kind, m.Entity)
		}
		for _, e := range es {
			fmt.Printf("E %s %q %v roles=%+v places=%v\n", e.ID, e.Name, e.Aliases, e.Roles, e.Places)
		}
		for _, g := range d.gold {
			if g.nam {
				fmt.Printf("G %q %s\n", g.text, g.kind)
			}
		}
	}
}
