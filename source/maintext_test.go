package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMainTextPages extracts realistic news pages (testdata/pages: a
// header menu, share buttons, a byline, a sidebar of most-read links and
// a newsletter box, related stories, comments and a footer around the
// story, in an <article>, in div soup, split by a figure and a "read
// more" link, and a two-paragraph item) and checks that the text is the
// story's paragraphs, each its own, and nothing else.
func TestMainTextPages(t *testing.T) {
	ukraine := []string{
		"KYIV — Ukraine's parliament approved a revised defence budget on Thursday",
		"The vote, 257 to 31, followed a warning from the finance ministry",
		"“We cannot ask people at the front to wait for their pay,” said Roksolana Pidlasa",
		"Opposition lawmakers said the plan relied too heavily on one-off measures",
		"The International Monetary Fund, whose lending programme requires Kyiv",
	}
	fed := []string{
		"WASHINGTON — The Federal Reserve held interest rates steady on Wednesday",
		"Policymakers voted 10 to 2 to keep the benchmark rate",
		"Jerome Powell, the Fed chair, told reporters that the economy remained solid",
		"“We think it's appropriate to wait and learn more,” Mr. Powell said",
		"Markets had expected the decision;",
	}
	merz := []string{
		"BERLIN — Germany's Bundestag elected Friedrich Merz as chancellor on Tuesday",
		"Merz, whose conservatives lead a coalition with the Social Democrats, won 325 votes",
	}
	published := time.Date(2025, 7, 17, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		file, title string
		published   time.Time
		paras       []string
	}{
		{"news-article-tag.html", "Ukraine raises defence spending", published, ukraine},
		{"news-div-soup.html", "Ukraine raises defence spending", published, ukraine},
		{"news-split-body.html", "Fed holds rates steady | Wire", time.Time{}, fed},
		{"news-short.html", "Merz elected chancellor at second attempt", published, merz},
	}
	junk := []string{"World", "Search", "Share on", "Email this", "By Anna", "Most read", "Advertisement",
		"Sign up", "Subscribe", "Related", "Read more", "comments", "jsmith", "This is exactly",
		"All rights reserved", "Privacy", "tracking code", "Daily Ledger"}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "pages", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := extractHTML(b, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.title != tt.title || !p.published.Equal(tt.published) {
				t.Errorf("title %q published %s, want %q %s", p.title, p.published, tt.title, tt.published)
			}
			found := 0
			for _, para := range strings.Split(p.text, "\n\n") {
				for _, want := range tt.paras {
					if strings.HasPrefix(para, want) {
						found++
					}
				}
			}
			if found != len(tt.paras) {
				t.Errorf("found %d of the %d paragraphs, each its own, in %q", found, len(tt.paras), p.text)
			}
			for _, j := range junk {
				if strings.Contains(p.text, j) {
					t.Errorf("text has boilerplate %q: %q", j, p.text)
				}
			}
		})
	}
}

// TestSiteless checks that a <title> loses the site's name only when
// what is left reads as a headline.
func TestSiteless(t *testing.T) {
	for in, want := range map[string]string{
		"Obama admits US gun laws are his 'biggest frustration' - BBC News": "Obama admits US gun laws are his 'biggest frustration'",
		"Lorem ipsum dolor sit amet – My website":                           "Lorem ipsum dolor sit amet",
		"A B C D E | Code | Someone":                                        "A B C D E | Code",
		"Fed holds rates steady | Wire":                                     "Fed holds rates steady | Wire",
		"Solar & Storage Magazine - Salderingsregeling stopt in 2027":       "Solar & Storage Magazine - Salderingsregeling stopt in 2027",
		"No separator here at all":                                          "No separator here at all",
	} {
		if got := siteless(in); got != want {
			t.Errorf("siteless(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONLDTitle checks the title taken from a JSON-LD article: its
// headline, or its name when that is more like the page's <title>
// (Wikipedia's headline is a description).
func TestJSONLDTitle(t *testing.T) {
	page := func(title, ld string) []byte {
		return []byte(`<html><head><title>` + title + `</title><script type="application/ld+json"><![CDATA[` + ld + `]]></script></head><body><article>` +
			strings.Repeat(`<p>Officials in the capital confirmed the arrangement on the record and said that further details would follow.</p>`, 3) +
			`</article></body></html>`)
	}
	for _, tt := range []struct{ title, ld, want string }{
		{"New Zealand - Wikipedia", `{"@type":"Article","name":"New Zealand","headline":"constitutional monarchy in Oceania","datePublished":"2001-10-29T01:59:14Z"}`, "New Zealand"},
		{"West Ham wins again - Example.cz", `{"@type":"NewsArticle","name":"Example.cz","headline":"West Ham wins again","datePublished":"2001-10-29T01:59:14Z"}`, "West Ham wins again"},
		{"Site home", `[{"@type":"WebSite","name":"Site"},{"@type":"BlogPosting","headline":"A post","datePublished":"2001-10-29T01:59:14Z"}]`, "A post"},
	} {
		p, err := extractHTML(page(tt.title, tt.ld), "")
		if err != nil {
			t.Fatal(err)
		}
		if p.title != tt.want || !p.published.Equal(time.Date(2001, 10, 29, 1, 59, 14, 0, time.UTC)) {
			t.Errorf("%s: title %q published %s, want %q", tt.ld, p.title, p.published, tt.want)
		}
	}
}
