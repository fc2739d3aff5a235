package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC)

// newTestLoader returns a Loader that may reach httptest servers on
// loopback, with short limits so failure tests run fast.
func newTestLoader(t testing.TB) *Loader {
	t.Helper()
	return &Loader{
		AllowPrivate: true,
		Timeout:      5 * time.Second,
		Now:          func() time.Time { return testNow },
	}
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadOne(t *testing.T, l *Loader, c Config) Article {
	t.Helper()
	arts, err := l.Load(context.Background(), c)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(arts) != 1 {
		t.Fatalf("Load returned %d articles, want 1", len(arts))
	}
	return arts[0]
}

func wantErr(t *testing.T, err error, substrs ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", substrs)
	}
	for _, s := range substrs {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
}

func TestLoadPlainFile(t *testing.T) {
	p := writeFile(t, "story.txt", []byte("\xEF\xBB\xBFMinisters agree budget deal\r\n\r\nBRUSSELS — Ministers agreed on Tuesday, Oct. 28, to a deal.  \r\nIt ends a long row.\r\n\r\n\r\n\r\nMore later.\r\n"))
	a := loadOne(t, newTestLoader(t), Config{Name: "budget", Path: p})
	// The text keeps every byte where the file has it, so that facts'
	// offsets index the file: the BOM and CRs become spaces; only the
	// trailing line break goes.
	wantText := "   Ministers agree budget deal \n \nBRUSSELS — Ministers agreed on Tuesday, Oct. 28, to a deal.   \nIt ends a long row. \n \n \n \nMore later."
	if a.Text != wantText {
		t.Errorf("Text = %q\nwant %q", a.Text, wantText)
	}
	if a.Title != "Ministers agree budget deal" {
		t.Errorf("Title = %q", a.Title)
	}
	if a.Source != "budget" || a.Location != p || a.URL != "" {
		t.Errorf("Source/Location/URL = %q %q %q", a.Source, a.Location, a.URL)
	}
	if !a.Published.Equal(time.Date(2025, 10, 28, 0, 0, 0, 0, time.UTC)) || a.PublishedNote != "inferred from text: Tuesday, Oct. 28" {
		t.Errorf("Published = %s (%s)", a.Published, a.PublishedNote)
	}
}

func TestLoadPlainFileConfigOverrides(t *testing.T) {
	p := writeFile(t, "2020-01-01-x.txt", []byte("First line is a long sentence that ends with a period.\nSecond."))
	a := loadOne(t, newTestLoader(t), Config{Name: "x", Path: p, Published: "2021-02-03", Title: "Given title"})
	if a.Title != "Given title" || a.PublishedNote != "" || !a.Published.Equal(time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %q %s %q", a.Title, a.Published, a.PublishedNote)
	}

	a = loadOne(t, newTestLoader(t), Config{Name: "x", Path: p})
	if a.Title != "x" || a.PublishedNote != NoteFromFileName || a.Published.Year() != 2020 {
		t.Errorf("without overrides: title %q, published %s (%s)", a.Title, a.Published, a.PublishedNote)
	}
}

func TestLoadPlainFileNoDate(t *testing.T) {
	p := writeFile(t, "note.txt", []byte("Nothing here says when.\nReally."))
	a := loadOne(t, newTestLoader(t), Config{Name: "n", Path: p})
	if a.PublishedNote != NoteLoadDate || !a.Published.Equal(time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Published = %s (%q)", a.Published, a.PublishedNote)
	}
}

func TestLoadUTF16File(t *testing.T) {
	// "Hi there\nBody." as UTF-16LE with a BOM, as Windows Notepad saves "Unicode".
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, r := range "Hi there\r\nBody." {
		b = append(b, byte(r), 0)
	}
	a := loadOne(t, newTestLoader(t), Config{Name: "u", Path: writeFile(t, "u.txt", b)})
	if a.Text != "Hi there\nBody." {
		t.Errorf("Text = %q", a.Text)
	}
}

func TestLoadBadFiles(t *testing.T) {
	l := newTestLoader(t)
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: the size check must come from Stat, not from reading 12 MiB.
	if err := f.Truncate(12 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name string
		path string
		want []string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), []string{`load source "missing"`, "does not exist"}},
		{"directory", dir, []string{"is a directory"}},
		{"empty", writeFile(t, "empty.txt", nil), []string{"empty"}},
		{"blank", writeFile(t, "blank.txt", []byte(" \n\r\n\t ")), []string{"empty"}},
		{"huge", huge, []string{`load source "huge": file is 12 MiB, over the 10 MiB cap`}},
		{"nul", writeFile(t, "nul.txt", []byte("hello\x00world")), []string{"binary", "offset 5"}},
		{"binary", writeFile(t, "bin.txt", []byte("\x89PNG\r\n\x1a\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\xff\xfe\xfd")), []string{"binary"}},
		{"controls", writeFile(t, "ctl.txt", []byte("a\x01b\x02c\x03d\x04e\x05f\x06g\x07")), []string{"binary"}},
		{"latin1", writeFile(t, "latin1.txt", []byte("Caf\xe9 society met in Z\xfcrich on Monday.")), []string{"invalid UTF-8 at byte offset 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Load(context.Background(), Config{Name: tt.name, Path: tt.path})
			wantErr(t, err, tt.want...)
		})
	}
}

func TestLoadSmallCap(t *testing.T) {
	l := newTestLoader(t)
	l.MaxBytes = 1024
	p := writeFile(t, "big.txt", []byte(strings.Repeat("word ", 300)))
	_, err := l.Load(context.Background(), Config{Name: "big", Path: p})
	wantErr(t, err, "file is 1.5 KiB, over the 1 KiB cap")
}

const articleHTML = `<!DOCTYPE html>
<html><head>
<title>Ministers strike budget deal | Example News</title>
<meta property="og:title" content="Ministers strike budget deal">
<meta property="article:published_time" content="2025-10-28T09:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ministers strike budget deal</h1>
<p>BRUSSELS — European finance ministers agreed on a new budget framework late on Tuesday, ending months of negotiations between member states that had threatened to stall spending plans.</p>
<p>“This is a good day for Europe,” said the commissioner, who had chaired the talks since the spring and repeatedly warned that failure would be costly for everyone involved.</p>
<p>The agreement still needs the approval of the European Parliament, which is expected to vote on the package in December after committee hearings in November.</p>
</article>
<aside class="related"><a href="/a">Related story one</a><a href="/b">Related story two</a></aside>
<footer>Copyright Example News</footer>
</body></html>`

func TestLoadHTMLFile(t *testing.T) {
	for _, name := range []string{"page.html", "page.txt"} { // by extension, then by sniffing
		t.Run(name, func(t *testing.T) {
			a := loadOne(t, newTestLoader(t), Config{Name: "page", Path: writeFile(t, name, []byte(articleHTML))})
			checkArticleHTML(t, a)
		})
	}
}

func checkArticleHTML(t *testing.T, a Article) {
	t.Helper()
	if a.Title != "Ministers strike budget deal" {
		t.Errorf("Title = %q", a.Title)
	}
	if !a.Published.Equal(time.Date(2025, 10, 28, 8, 30, 0, 0, time.UTC)) || a.PublishedNote != NoteFromMetadata {
		t.Errorf("Published = %s (%q)", a.Published, a.PublishedNote)
	}
	paras := strings.Split(a.Text, "\n\n")
	var found int
	for _, p := range paras {
		if strings.HasPrefix(p, "BRUSSELS — European") || strings.HasPrefix(p, "“This is a good day") || strings.HasPrefix(p, "The agreement still") {
			found++
		}
	}
	if found != 3 {
		t.Errorf("want the 3 paragraphs separated by blank lines, got %q", a.Text)
	}
	for _, junk := range []string{"Home", "Related story", "Copyright"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("Text contains boilerplate %q: %q", junk, a.Text)
		}
	}
}

func TestSeed(t *testing.T) {
	a := DefaultArticle()
	if a.Source != "rutte-white-house" || a.Title != "Trump hosts NATO's Rutte at the White House" {
		t.Errorf("seed = %q %q", a.Source, a.Title)
	}
	if a.Published.Format(time.DateOnly) != "2025-10-22" || a.PublishedNote != "" {
		t.Errorf("seed published = %s %q", a.Published, a.PublishedNote)
	}
	if !strings.HasPrefix(a.Text, "WASHINGTON—U.S. President Donald Trump hosted NATO Secretary General Mark Rutte") {
		t.Errorf("seed text starts %q", a.Text[:min(80, len(a.Text))])
	}
	if strings.Contains(a.Text, "\r") || a.Text != strings.TrimSpace(a.Text) {
		t.Error("seed text not normalised")
	}

	// Loading the file on disk gives the same article, so offsets agree.
	c := Default()
	c.Path = seedFile // tests run in the package directory
	got := loadOne(t, newTestLoader(t), c)
	if got.Text != a.Text || got.Title != a.Title || !got.Published.Equal(a.Published) {
		t.Errorf("loaded seed differs from DefaultArticle")
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 10 << 20: "10 MiB", 12<<20 + 1: "12 MiB", 3 << 30: "3 GiB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		c    Config
		want string
	}{
		{Config{Path: "a"}, "name is empty"},
		{Config{Name: " a", Path: "a"}, "leading or trailing space"},
		{Config{Name: "a/b", Path: "a"}, "contains '/'"},
		{Config{Name: "a"}, "needs a path or a url"},
		{Config{Name: "a", Path: "x", URL: "https://e.com"}, "both path and url"},
		{Config{Name: "a", URL: "ftp://e.com/x"}, "only http and https"},
		{Config{Name: "a", URL: "https:///x"}, "no host"},
		{Config{Name: "a", Path: "x", Published: "22 Oct 2025"}, "not a YYYY-MM-DD date"},
		{Config{Name: "a", URL: "https://e.com/f", Every: "15"}, `every "15": want a duration`},
		{Config{Name: "a", URL: "https://e.com/f", Every: "fortnightly"}, "want a duration such as 15m"},
		{Config{Name: "a", URL: "https://e.com/f", Every: "30s"}, "more often than every 1m0s"},
		{Config{Name: "a", URL: "https://e.com/f", Every: "-5m"}, "more often than every"},
		{Config{Name: "a", Path: "x", Every: "15m"}, "every applies to url sources only"},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate(%+v) = %v, want %q", tt.c, err, tt.want)
		}
	}
	if err := (Config{Name: "ok", URL: "https://example.com/feed.xml", Published: "2025-10-22"}).Validate(); err != nil {
		t.Errorf("valid config: %v", err)
	}
	for every, want := range map[string]time.Duration{"": 0, "1m": time.Minute, "15m": 15 * time.Minute, "1h30m": 90 * time.Minute, "bad": 0} {
		c := Config{Name: "ok", URL: "https://example.com/feed.xml", Every: every}
		if err := c.Validate(); (err != nil) != (every == "bad") {
			t.Errorf("Validate every %q: %v", every, err)
		}
		if got := c.Interval(); got != want {
			t.Errorf("Interval of every %q = %s, want %s", every, got, want)
		}
	}
}

func TestLoadHTMLLateUTF8(t *testing.T) {
	// No charset anywhere and nothing but ASCII in the first KiB: the
	// em dash further down must still decode as UTF-8, not windows-1252.
	page := "<html><head><title>T</title><!-- " + strings.Repeat("x", 2000) + " --></head><body><article>" +
		strings.Repeat("<p>LONDON — Officials said the plan would be reviewed by ministers in the coming weeks after the consultation closes.</p>", 3) +
		"</article></body></html>"
	a := loadOne(t, newTestLoader(t), Config{Name: "p", Path: writeFile(t, "p.html", []byte(page))})
	if !strings.HasPrefix(a.Text, "LONDON — Officials") {
		t.Errorf("Text = %q", a.Text[:min(60, len(a.Text))])
	}
}

func TestLoadReader(t *testing.T) {
	l := &Loader{Now: func() time.Time { return time.Date(2025, 10, 30, 0, 0, 0, 0, time.UTC) }}
	arts, err := l.LoadReader(context.Background(), Config{Name: "stdin", Path: "-", Published: "2025-10-22"},
		strings.NewReader("Ana Silva spoke on Monday.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].Text != "Ana Silva spoke on Monday.\n" && arts[0].Text != "Ana Silva spoke on Monday." {
		t.Fatalf("articles = %+v", arts)
	}
	if got := arts[0].Published.Format("2006-01-02"); got != "2025-10-22" {
		t.Errorf("published = %s", got)
	}
	for _, body := range []string{"", "\x00\x01\x02binary", "bad \xff utf-8"} {
		if _, err := l.LoadReader(context.Background(), Config{Name: "stdin", Path: "-"}, strings.NewReader(body)); err == nil {
			t.Errorf("LoadReader(%q) succeeded, want an error", body)
		}
	}
}
