package store_test

import (
	"context"
	"strings"
	"testing"

	"briefbot/store"
)

// TestFindEvents_ArticlesAboutTopic: a topic's timeline also holds the
// other dated events of the articles about it (named in the lead, or
// often), not those of articles that name it in passing.
func TestFindEvents_ArticlesAboutTopic(t *testing.T) {
	for name, limit := range map[string]int{"collect": 3000, "walk": 0} {
		t.Run(name, func(t *testing.T) {
			defer store.SetExactTotalLimit(limit)()
			ctx := context.Background()
			db := MustOpenDB(t)
			about := newsInput("about", "2025-10-22",
				newsSent{Text: "Ana Silva met Lars Berg in Lisbon to talk about fishing rights.", People: []string{"Ana Silva", "Lars Berg"}},
				newsSent{Text: "The talks were long."},
				newsSent{Text: "Ships left the port on Monday.", Date: "2025-10-20"},
				newsSent{Text: "Ana Silva spoke on Tuesday.", Date: "2025-10-21", People: []string{"Ana Silva"}},
			)
			passing := newsInput("passing", "2025-10-22",
				newsSent{Text: "Markets rose across the region on strong bank results."},
				newsSent{Text: "Oil fell."},
				newsSent{Text: "Banks closed on Friday.", Date: "2025-10-17"},
				newsSent{Text: "Lars Berg was seen on Sunday.", Date: "2025-10-19", People: []string{"Lars Berg"}},
			)
			for _, in := range []store.SourceInput{about, passing} {
				mustLoadInput(t, db, in)
			}
			evs, total, err := db.FindEvents(ctx, store.EventFilter{Topic: "berg"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, e.Date)
			}
			want := "2025-10-19 2025-10-20 2025-10-21"
			if strings.Join(got, " ") != want {
				t.Errorf("timeline of berg = %q, want %q (the passing article's Friday event stays out)", got, want)
			}
			if limit > 0 && total != 3 {
				t.Errorf("total = %d, want 3", total)
			}
			// Reloading the article without the lead mention drops it.
			if err := db.RemoveSource(ctx, "about"); err != nil {
				t.Fatal(err)
			}
			evs, _, _ = db.FindEvents(ctx, store.EventFilter{Topic: "berg"})
			if len(evs) != 1 {
				t.Errorf("after removal: %d events, want 1", len(evs))
			}
		})
	}
}
