package extract_test

import (
	"testing"

	"briefbot/extract"
	"briefbot/internal/meantime"
)

// floorLeadCoverage is the share of MEANTIME articles whose title or lead
// sentence gives at least one event, dated or inferred.
// Measured on 2026-12-07: 55 of 90 before inferred lead events, 89 after.
const floorLeadCoverage = 0.90

// TestMeantimeLeadEvents counts the articles whose main news, told in the
// title or the first sentence of the body, is among the events.
func TestMeantimeLeadEvents(t *testing.T) {
	docs := loadMeantime(t)
	covered, titled, led, inferred := 0, 0, 0, 0
	for _, d := range docs {
		if len(d.Sentences) < 3 {
			continue
		}
		title, lead := d.Sentences[0], d.Sentences[2]
		doc := extract.Extract(d.Text, d.Published)
		in := func(s meantime.Span) bool {
			for _, e := range doc.Events {
				if e.Start < s.End && s.Start < e.End {
					return true
				}
			}
			return false
		}
		for _, e := range doc.Events {
			if e.Inferred {
				inferred++
			}
		}
		ti, li := in(title), in(lead)
		if ti {
			titled++
		}
		if li {
			led++
		}
		if ti || li {
			covered++
		} else if testing.Verbose() {
			t.Logf("no title or lead event: %s\n  %q\n  %q", d.Name, d.Text[title.Start:title.End], d.Text[lead.Start:lead.End])
		}
	}
	t.Logf("%d of %d articles have an event from the title or lead (title %d, lead %d; %d inferred events)", covered, len(docs), titled, led, inferred)
	if got := float64(covered) / float64(len(docs)); got < floorLeadCoverage {
		t.Errorf("lead coverage %.1f%% below the floor of %.1f%%", 100*got, 100*floorLeadCoverage)
	}
}
