package extract

import (
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One sentence. Another one.", []string{"One sentence.", "Another one."}},
		{"abbreviations", "Dr. Jane Smith met U.S. President Joe Biden on Oct. 1, 2024 in St. Louis. Then she left.",
			[]string{"Dr. Jane Smith met U.S. President Joe Biden on Oct. 1, 2024 in St. Louis.", "Then she left."}},
		{"initial", "John F. Kennedy spoke. He left.", []string{"John F. Kennedy spoke.", "He left."}},
		{"quote spans sentences", "“Let both claim Victory, let History decide! No more shooting,” Trump said. Next.",
			[]string{"“Let both claim Victory, let History decide! No more shooting,” Trump said.", "Next."}},
		{"quote ends sentence", "He said “it is over.” Then he left.", []string{"He said “it is over.”", "Then he left."}},
		{"lines", "Heading\nBody text here.\n\nMore.", []string{"Heading", "Body text here.", "More."}},
		{"lowercase after dot", "It cost 3.5 percent. ok fine.", []string{"It cost 3.5 percent. ok fine."}},
		{"us at end", "The sanctions hit the U.S. The market fell.", []string{"The sanctions hit the U.S.", "The market fell."}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.text)
			var texts []string
			for _, s := range got {
				texts = append(texts, tt.text[s.Start:s.End])
			}
			if len(texts) != len(tt.want) {
				t.Fatalf("got %d sentences %q, want %q", len(texts), texts, tt.want)
			}
			for i := range texts {
				if texts[i] != tt.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, texts[i], tt.want[i])
				}
			}
		})
	}
}

func TestSplitSentencesUnclosedQuotes(t *testing.T) {
	text := "He said “it is fine. She left. “Again” we went. Done."
	got := SplitSentences(text)
	if len(got) != 4 {
		var s []string
		for _, g := range got {
			s = append(s, text[g.Start:g.End])
		}
		t.Errorf("got %q, want 4 sentences: an unclosed quote does not swallow the paragraph", s)
	}
}

func BenchmarkSplitSentencesStrayMarks(b *testing.B) {
	text := strings.Repeat("“a \"b ", 30000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SplitSentences(text)
	}
}
