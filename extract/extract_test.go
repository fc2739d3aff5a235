package extract

import (
	"testing"
	"time"
)

func TestExtractDatesQuotes(t *testing.T) {
	pub := time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)
	text := "On June 25, Ana Silva called the plan “a disgrace.”\n" +
		"Silva later defended her remarks, calling it “a bad idea” and adding, “I stand by every word.”\n" +
		"“Nothing has changed,” Lars Berg said."
	doc := Extract(text, pub)
	want := map[string]string{
		"a disgrace.":            "2025-06-25", // its sentence's event
		"a bad idea":             "2025-06-25", // the same speaker's quote in the sentence before
		"I stand by every word.": "2025-06-25", // the same speaker earlier in the sentence
		"Nothing has changed":    "2025-10-22", // no date: the publication date
	}
	got := map[string]string{}
	for _, q := range doc.Quotes {
		got[q.Text] = q.Date
		if text[q.Start:q.End] != q.Text {
			t.Errorf("quote %q is not text[%d:%d]", q.Text, q.Start, q.End)
		}
	}
	for text, date := range want {
		if got[text] != date {
			t.Errorf("quote %q dated %q, want %q (all: %v)", text, got[text], date, got)
		}
	}
	names := map[string]bool{}
	for _, e := range doc.Entities {
		names[e.Name] = true
	}
	for _, q := range doc.Quotes {
		if !names[q.Speaker] {
			t.Errorf("speaker %q of %q is not an entity", q.Speaker, q.Text)
		}
	}
}

func TestExtractEmptyGivesEmptySlices(t *testing.T) {
	doc := Extract("", time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC))
	if doc.Sentences == nil || doc.Mentions == nil || doc.Times == nil || doc.Entities == nil || doc.Events == nil || doc.Quotes == nil {
		t.Errorf("Extract(\"\") has nil slices: %+v", doc)
	}
}
