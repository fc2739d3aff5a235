package extract_test

import (
	"os"
	"testing"
	"time"

	"briefbot/extract"
)

// TestKindModelSeed pins Extract, with the committed kind model, on the
// product's own default article: every entity the rules find in it keeps
// its kind and is not removed. An earlier model removed Kremlin, Lukoil and Rosneft
// and re-kinded Europe, United States and White House there.
func TestKindModelSeed(t *testing.T) {
	raw, err := os.ReadFile("../source/2025-10-22-rutte-white-house.txt")
	if err != nil {
		t.Skip(err)
	}
	text := string(raw)
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	rules := extract.ExtractRules(text, pub)
	probs := extract.KindProbs(extract.DefaultKindModel(), text, rules)
	doc := extract.Extract(text, pub)
	got := map[string]extract.Kind{}
	for _, e := range doc.Entities {
		got[e.Name] = e.Kind
	}
	for i, e := range rules.Entities {
		k, ok := got[e.Name]
		switch {
		case !ok:
			t.Errorf("%s (%s) removed; model %.3f", e.Name, e.Kind, probs[i])
		case k != e.Kind:
			t.Errorf("%s: %s, rules %s; model %.3f", e.Name, k, e.Kind, probs[i])
		case testing.Verbose():
			t.Logf("%-32s %-6s model %.3f", e.Name, e.Kind, probs[i])
		}
	}
	if len(doc.Entities) != len(rules.Entities) {
		t.Errorf("%d entities, rules %d", len(doc.Entities), len(rules.Entities))
	}
}
