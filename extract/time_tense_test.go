package extract

import (
	"testing"
	"time"
)

// TestFindTimesTenseDirection checks that the tense around a date given
// without its year (or week) decides whether it lies before or after
// publication.
func TestFindTimesTenseDirection(t *testing.T) {
	pub := time.Date(2009, 5, 14, 0, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		text, want, val string
	}{
		// Past perfect and past modals look back.
		{"The Norvik line had been due to start in July.", "July", "2008-07"},
		{"The Norvik line had been scheduled to open on August 3.", "August 3", "2008-08-03"},
		{"Brenna Tal had planned to retire in September.", "September", "2008-09"},
		{"The Orlund plant would have closed in June without the loan.", "June", "2008-06"},
		{"The ferry was to have sailed in July.", "July", "2008-07"},
		// Announcements of what is to come look ahead.
		{"The Calder levy will apply from January 1.", "January 1", "2010-01-01"},
		{"The Calder levy is to rise from January 1, the ministry said.", "January 1", "2010-01-01"},
		{"Fares on the Tamsin line rise from January 1 onwards, the operator announced.", "January 1", "2010-01-01"},
		{"Prices apply from March 2, the Orlund council said.", "March 2", "2010-03-02"},
		{"The Veska board is to meet in June.", "June", "2009-06"},
		{"New fares apply from March 2.", "March 2", "2010-03-02"},
		{"The Tamsin race would have run in June.", "June", "2008-06"},
		// A verb after a new subject belongs to another clause.
		{"Calder Lines told reporters on Monday it would buy two ships.", "Monday", "2009-05-11"},
		// What stays as it was.
		{"The Norvik line was due to start in July.", "July", "2009-07"},
		{"Sales rose from January 1, the Calder group said.", "January 1", "2009-01-01"},
		{"Fares have risen 4% from March 2, the operator said.", "March 2", "2009-03-02"},
		{"The Norvik line opened in July.", "July", "2008-07"},
		{"The Norvik line will open in July.", "July", "2009-07"},
		{"Brenna Tal plans to retire in September.", "September", "2009-09"},
	}
	for _, tt := range tests {
		var got []string
		ok := false
		for _, tm := range FindTimes(tt.text, SplitSentences(tt.text), pub) {
			got = append(got, tm.Text+"="+tm.Value)
			if tm.Text == tt.want && tm.Value == tt.val {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: times %q, want %s=%s", tt.text, got, tt.want, tt.val)
		}
	}
}
