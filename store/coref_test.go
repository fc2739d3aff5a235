package store_test

import (
	"context"
	"testing"

	"briefbot/extract"
	"briefbot/store"
)

func TestCorefSpans(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	texts := map[string]string{
		"a": "Jane Doe joined Acme on Monday. Doe said Acme would grow.",
		"b": "Acme hired Jane Doe this week.",
	}
	ents := []ent{{name: "Jane Doe", kind: extract.Person, forms: []string{"Doe"}}, {name: "Acme", kind: extract.Org}}
	evs := map[string][]ev{
		"a": {{sent: 0, date: "2025-10-20", precision: extract.Day, ents: []string{"Jane Doe", "Acme"}}},
		"b": {{sent: 0, date: "2025-10-20", precision: extract.Day, ents: []string{"Jane Doe", "Acme"}}},
	}
	for _, name := range []string{"a", "b"} {
		text := texts[name]
		if _, err := db.LoadSource(ctx, store.SourceInput{Name: name, Published: "2025-10-24", Text: text,
			Doc: buildDoc(text, ents, evs[name], nil)}); err != nil {
			t.Fatal(err)
		}
	}

	ms, err := db.MentionSpans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 6 {
		t.Fatalf("%d mention spans, want 6: %+v", len(ms), ms)
	}
	ids := map[string]int64{}
	for i, m := range ms {
		if i > 0 && (ms[i-1].Source > m.Source || ms[i-1].Source == m.Source && ms[i-1].Start > m.Start) {
			t.Errorf("mention spans out of order: %+v before %+v", ms[i-1], m)
		}
		if got := texts[m.Source][m.Start:m.End]; got != m.Text {
			t.Errorf("%+v: text[%d:%d] = %q", m, m.Start, m.End, got)
		}
		name := m.Text
		if name == "Doe" {
			name = "Jane Doe"
		}
		if id, ok := ids[name]; ok && id != m.EntityID {
			t.Errorf("%s: %q is entity %d, and elsewhere %d", m.Source, m.Text, m.EntityID, id)
		}
		ids[name] = m.EntityID
		if want := map[string]string{"Jane Doe": "person", "Acme": "org"}[name]; m.Kind != want {
			t.Errorf("%+v: kind %q, want %q", m, m.Kind, want)
		}
	}
	if ids["Jane Doe"] == ids["Acme"] {
		t.Errorf("Jane Doe and Acme are one entity %d", ids["Acme"])
	}

	es, err := db.EventSpans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("%d event spans, want 2: %+v", len(es), es)
	}
	for i, e := range es {
		name := []string{"a", "b"}[i]
		first := texts[name]
		if name == "a" {
			first = "Jane Doe joined Acme on Monday."
		}
		if e.Source != name || e.Start != 0 || e.End != len(first) || e.ClauseStart != 0 || e.ClauseEnd != len(first) ||
			e.Date != "2025-10-20" || e.HappeningID == 0 || e.ID == 0 {
			t.Errorf("event span %d = %+v", i, e)
		}
	}
}
