package source

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const rssFull = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Example Wire</title>
<link>https://news.example/</link>
<description>Example</description>
<item>
  <title>Ministers strike budget deal</title>
  <link>https://news.example/budget</link>
  <guid isPermaLink="false">wire-1001</guid>
  <pubDate>Tue, 28 Oct 2025 09:30:00 +0100</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>BRUSSELS — Ministers agreed a <b>budget</b> deal.</p><p>“A good day,” said the commissioner.</p><script>alert(1)</script>]]></content:encoded>
</item>
<item>
  <title>Storm closes ports</title>
  <link>https://news.example/storm</link>
  <pubDate>Wed, 29 Oct 2025 06:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>Ports along the coast closed on Wednesday.</p>]]></content:encoded>
</item>
</channel>
</rss>`

func TestLoadRSSFullContent(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			hits.Add(1)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, rssFull)
	})
	arts, err := newTestLoader(t).Load(context.Background(), Config{Name: "wire", URL: srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 {
		t.Fatalf("got %d articles", len(arts))
	}
	a := arts[0]
	if a.Source != "wire/wire-1001" || a.Title != "Ministers strike budget deal" || a.URL != "https://news.example/budget" || a.Location != srv.URL+"/feed.xml" {
		t.Errorf("item 0 = %q %q %q %q", a.Source, a.Title, a.URL, a.Location)
	}
	if a.Text != "BRUSSELS — Ministers agreed a budget deal.\n\n“A good day,” said the commissioner." {
		t.Errorf("item 0 text = %q", a.Text)
	}
	if !a.Published.Equal(time.Date(2025, 10, 28, 8, 30, 0, 0, time.UTC)) || a.PublishedNote != NoteFromFeed {
		t.Errorf("item 0 published = %s (%q)", a.Published, a.PublishedNote)
	}
	if arts[1].Source != "wire/https://news.example/storm" || arts[1].Text != "Ports along the coast closed on Wednesday." {
		t.Errorf("item 1 = %q %q", arts[1].Source, arts[1].Text)
	}
	if hits.Load() != 0 {
		t.Errorf("fetched %d item pages for a full-content feed", hits.Load())
	}
}

func itemPage(title, date, body string) string {
	return `<!DOCTYPE html><html><head><title>` + title + `</title>
<meta property="article:published_time" content="` + date + `"></head><body>
<nav><a href="/">Home</a></nav><article><h1>` + title + `</h1>` + body + `</article>
<footer>Copyright Example</footer></body></html>`
}

func atomSummaries(base string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <id>urn:example:feed</id>
  <updated>2025-10-30T00:00:00Z</updated>
  <entry>
    <title>Court rules on data case</title>
    <id>urn:example:1</id>
    <link href="/articles/court"/>
    <updated>2025-10-30T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;The court ruled on Thursday.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Bridge reopens</title>
    <id>urn:example:2</id>
    <link href="` + base + `/articles/bridge"/>
    <summary>The bridge reopened after repairs.</summary>
  </entry>
  <entry>
    <title>Broken page story</title>
    <id>urn:example:3</id>
    <link href="/articles/broken"/>
    <updated>2025-10-29T10:00:00Z</updated>
    <summary>Only this summary survives.</summary>
  </entry>
</feed>`
}

func TestLoadAtomSummaryOnly(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The officials said the decision followed months of review and consultation with the affected parties across the region.</p>"
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/atom":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprint(w, atomSummaries("http://"+r.Host))
		case "/articles/court":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, itemPage("Court rules on data case", "2025-10-30T09:00:00Z", para("The highest court ruled on Thursday that the data law stands.")+para("Judges were split.")))
		case "/articles/bridge":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, itemPage("Bridge reopens", "2025-10-27T12:00:00Z", para("The bridge reopened to traffic on Monday.")+para("Repairs took a year.")))
		case "/articles/broken":
			http.Error(w, "oops", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	})
	arts, err := newTestLoader(t).Load(context.Background(), Config{Name: "atom", URL: srv.URL + "/atom"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Fatalf("got %d articles", len(arts))
	}

	court := arts[0]
	if court.Source != "atom/urn:example:1" || court.URL != srv.URL+"/articles/court" {
		t.Errorf("court = %q %q", court.Source, court.URL)
	}
	if !strings.Contains(court.Text, "The highest court ruled on Thursday") || !strings.Contains(court.Text, "\n\nJudges were split.") {
		t.Errorf("court text not from the item page: %q", court.Text)
	}
	if strings.Contains(court.Text, "Home") || strings.Contains(court.Text, "Copyright") {
		t.Errorf("court text has boilerplate: %q", court.Text)
	}
	if court.PublishedNote != NoteFromFeed || !court.Published.Equal(time.Date(2025, 10, 30, 10, 0, 0, 0, time.UTC)) || court.Note != "" {
		t.Errorf("court published %s (%q), note %q", court.Published, court.PublishedNote, court.Note)
	}

	// No date in the feed: the item page's metadata supplies it.
	bridge := arts[1]
	if !strings.Contains(bridge.Text, "The bridge reopened to traffic on Monday.") || bridge.Title != "Bridge reopens" {
		t.Errorf("bridge = %q %q", bridge.Title, bridge.Text)
	}
	if bridge.PublishedNote != NoteFromMetadata || !bridge.Published.Equal(time.Date(2025, 10, 27, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("bridge published %s (%q)", bridge.Published, bridge.PublishedNote)
	}

	broken := arts[2]
	if broken.Text != "Only this summary survives." {
		t.Errorf("broken text = %q", broken.Text)
	}
	if !strings.Contains(broken.Note, "feed summary only") || !strings.Contains(broken.Note, "500 Internal Server Error") {
		t.Errorf("broken note = %q", broken.Note)
	}
	if broken.PublishedNote != NoteFromFeed {
		t.Errorf("broken published note = %q", broken.PublishedNote)
	}
}

func TestLoadFeedItemPageRefusedByPolicy(t *testing.T) {
	// A feed on a "public" host whose item links point at a private
	// address: the summary is used and nothing private is fetched.
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title><item><title>Inside job</title><link>http://10.1.2.3/secret</link><description>Teaser only.</description></item></channel></rss>`)
	})
	l := newTestLoader(t)
	l.AllowPrivate = false
	l.permit = func(ap netip.AddrPort) bool { return ap.String() == strings.TrimPrefix(srv.URL, "http://") }
	arts, err := l.Load(context.Background(), Config{Name: "f", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].Text != "Teaser only." || !strings.Contains(arts[0].Note, "private address") {
		t.Errorf("got %+v", arts)
	}
}

func TestLoadFeedErrors(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/notxml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "this is not a feed at all")
		case "/badxml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><catalog><book>Not a feed</book></catalog>`)
		case "/noitems":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title></channel></rss>`)
		case "/notext":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprint(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>x</id><title>Empty</title></entry></feed>`)
		}
	})
	l := newTestLoader(t)
	for _, tt := range []struct{ path, want string }{
		{"/notxml", "not an RSS/Atom feed: content is not XML"},
		{"/badxml", "not an RSS/Atom feed"},
		{"/noitems", "feed has no items"},
		{"/notext", "none of the feed's 1 items has usable text"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			_, err := l.Load(context.Background(), Config{Name: "f", URL: srv.URL + tt.path})
			wantErr(t, err, `load source "f"`, tt.want)
		})
	}
}

func TestLoadFeedFile(t *testing.T) {
	p := writeFile(t, "wire.rss", []byte(rssFull))
	arts, err := newTestLoader(t).Load(context.Background(), Config{Name: "wire", Path: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Location != p || arts[0].Source != "wire/wire-1001" {
		t.Fatalf("got %d articles: %+v", len(arts), arts)
	}
}

func TestLoadFeedDuplicateGUIDs(t *testing.T) {
	p := writeFile(t, "dup.xml", []byte(`<rss version="2.0"><channel><title>t</title>
<item><guid>same</guid><title>One</title><description>First text.</description></item>
<item><guid>same</guid><title>Two</title><description>Second text.</description></item>
</channel></rss>`))
	arts, err := newTestLoader(t).Load(context.Background(), Config{Name: "d", Path: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Source != "d/same" || arts[1].Source != "d/same#2" {
		t.Errorf("sources: %q %q", arts[0].Source, arts[1].Source)
	}
	if arts[1].PublishedNote != NoteLoadDate {
		t.Errorf("undated item note = %q", arts[1].PublishedNote)
	}
}

func TestLoadFeedSkipAndMaxItems(t *testing.T) {
	var pages atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title>`)
			for i := range 5 {
				fmt.Fprintf(w, `<item><guid>g%d</guid><title>Item %d</title><link>/p%d</link><description>Teaser %d.</description></item>`, i, i, i, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		pages.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "Full text of %s.", r.URL.Path)
	})
	l := newTestLoader(t)
	l.MaxItems = 4
	l.SkipItem = func(source string) bool { return source == "f/g1" }
	arts, err := l.Load(context.Background(), Config{Name: "f", URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Source+"="+a.Text)
	}
	want := "f/g0=Full text of /p0.|f/g2=Full text of /p2.|f/g3=Full text of /p3."
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	if pages.Load() != 3 {
		t.Errorf("fetched %d pages, want 3", pages.Load())
	}

	l.SkipItem = func(string) bool { return true }
	arts, err = l.Load(context.Background(), Config{Name: "f", URL: srv.URL + "/feed"})
	if err != nil || len(arts) != 0 {
		t.Errorf("all skipped: %d articles, %v", len(arts), err)
	}
}
