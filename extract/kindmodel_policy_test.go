package extract_test

import (
	"slices"
	"testing"
	"time"

	"briefbot/extract"
)

// uniformKindModel is a model whose every feature votes for class c, so
// that it is confident of c for every entity: what applyKindModel then
// does is the policy alone.
func uniformKindModel(c int) *extract.KindModel {
	w := make(map[uint32][extract.KindNumClasses]float32, 1<<extract.KindHashBits)
	var row [extract.KindNumClasses]float32
	row[c] = 1
	for k := uint32(0); k < 1<<extract.KindHashBits; k++ {
		w[k] = row
	}
	return extract.NewKindModel(w, 0.6, 0.5)
}

// TestKindModelPolicy checks what the kind model may and may not do to
// the rules' entities, whatever it believes: it removes an organisation
// the rules had no reason for, with its mentions and its place in events,
// but never a gazetteer name ("France"), an organisation whose name or
// context says so ("Quenmoor Holdings", "the carmaker Dravena"), a quoted
// speaker or any person; it never makes a person, and never turns an
// organisation into a place.
func TestKindModelPolicy(t *testing.T) {
	const text = "Lisbet Harrowgate, the chief executive of Quenmoor Holdings, said on Tuesday that the firm would open a plant in France. \"We are ready,\" Harrowgate said.\n" +
		"The carmaker Dravena will supply the parts, and Brimwater Repair crews from Tolvane will fit them in March.\n"
	pub := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	rules := map[string]extract.Kind{}
	for _, e := range extract.ExtractRules(text, pub).Entities {
		rules[e.Name] = e.Kind
	}
	// The rules' reading of this text, which the cases below build on.
	for name, k := range map[string]extract.Kind{
		"Lisbet Harrowgate": extract.Person, "Quenmoor Holdings": extract.Org, "France": extract.Place,
		"Dravena": extract.Org, "Brimwater Repair": extract.Person, "Tolvane": extract.Org,
	} {
		if rules[name] != k {
			t.Fatalf("rules: %s is %q, want %s; the text no longer tests the policy", name, rules[name], k)
		}
	}
	kinds := func(doc *extract.Document) map[string]extract.Kind {
		got := map[string]extract.Kind{}
		for _, e := range doc.Entities {
			got[e.Name] = e.Kind
		}
		for _, m := range doc.Mentions {
			if got[m.Entity] != m.Kind {
				t.Errorf("mention %q of %s is %q, its entity %q", m.Text, m.Entity, m.Kind, got[m.Entity])
			}
		}
		for _, ev := range doc.Events {
			for _, n := range ev.Entities {
				if _, ok := got[n]; !ok {
					t.Errorf("event %s names %s, which is no entity", ev.Date, n)
				}
			}
		}
		return got
	}
	for _, tc := range []struct {
		class   int // the class the model is sure of: 0 person, 1 org, 2 place, 3 none
		changed map[string]extract.Kind
	}{
		{3, map[string]extract.Kind{"Tolvane": ""}},
		{0, nil},
		{2, map[string]extract.Kind{"Brimwater Repair": extract.Place}},
		{1, map[string]extract.Kind{"Brimwater Repair": extract.Org}},
	} {
		doc := extract.ExtractRules(text, pub)
		extract.ApplyKindModel(text, doc, uniformKindModel(tc.class))
		got := kinds(doc)
		for name, k := range rules {
			want, ok := tc.changed[name]
			if !ok {
				want = k
			}
			if got[name] != want {
				t.Errorf("model sure of %s: %s is %q, want %q", extract.KindClasses[tc.class], name, got[name], want)
			}
		}
		if tc.class == 3 && slices.ContainsFunc(doc.Mentions, func(m extract.Mention) bool { return m.Entity == "Tolvane" }) {
			t.Error("a removed entity kept its mentions")
		}
	}
}
