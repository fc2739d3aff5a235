package source

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestLoadHTMLPage(t *testing.T) {
	var ua string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/news/story", http.StatusMovedPermanently)
		case "/news/story":
			ua = r.Header.Get("User-Agent")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articleHTML)
		default:
			http.NotFound(w, r)
		}
	})
	a := loadOne(t, newTestLoader(t), Config{Name: "story", URL: srv.URL + "/old"})
	checkArticleHTML(t, a)
	if a.URL != srv.URL+"/news/story" || a.Location != srv.URL+"/old" {
		t.Errorf("URL %q Location %q", a.URL, a.Location)
	}
	if !strings.HasPrefix(ua, "briefbot/") {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestLoadHTMLMetadataVariants(t *testing.T) {
	body := func(head, extra string) string {
		return `<html><head>` + head + `</head><body><article><h1>Headline</h1>` + extra +
			strings.Repeat(`<p>Officials in the capital confirmed the arrangement on the record and said that further details would follow later in the week after consultations.</p>`, 3) +
			`</article></body></html>`
	}
	tests := []struct {
		name, page string
		want       time.Time
	}{
		{"json-ld graph", body(`<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Headline","datePublished":"2024-05-06T07:08:09Z"}]}</script>`, ""), time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)},
		{"time element", body(``, `<p>By staff. <time datetime="2023-02-01">1 Feb</time></p>`), time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)},
		{"meta name date", body(`<meta name="date" content="2022-12-24">`, ""), time.Date(2022, 12, 24, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, tt.page)
			})
			a := loadOne(t, newTestLoader(t), Config{Name: "p", URL: srv.URL + "/p"})
			if !a.Published.Equal(tt.want) || a.PublishedNote != NoteFromMetadata {
				t.Errorf("Published = %s (%q), want %s", a.Published, a.PublishedNote, tt.want)
			}
			if !strings.Contains(a.Text, "Officials in the capital") {
				t.Errorf("Text = %q", a.Text)
			}
		})
	}
}

func TestLoadHTMLCharset(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprint(w, "<html><body><p>Caf\xe9 owners in Z\xfcrich protested on Monday against the new rules, which they said would force many of them to close before the winter season.</p></body></html>")
	})
	a := loadOne(t, newTestLoader(t), Config{Name: "p", URL: srv.URL})
	if !strings.Contains(a.Text, "Café owners in Zürich") {
		t.Errorf("Text = %q", a.Text)
	}
}

func TestLoadPlainTextURL(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "Headline of the day\r\n\r\nBody text.\r\n")
	})
	a := loadOne(t, newTestLoader(t), Config{Name: "t", URL: srv.URL + "/2024/01/02/story.txt"})
	if a.Text != "Headline of the day \n \nBody text." || a.Title != "Headline of the day" {
		t.Errorf("got %q %q", a.Title, a.Text)
	}
	if a.PublishedNote != NoteFromURL || a.Published.Format(time.DateOnly) != "2024-01-02" {
		t.Errorf("Published = %s (%q)", a.Published, a.PublishedNote)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/404":
			http.NotFound(w, r)
		case "/500":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
			fmt.Fprint(w, "late")
		case "/slowbody":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "start ")
			w.(http.Flusher).Flush()
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		case "/big":
			w.Header().Set("Content-Type", "text/plain")
			for range 100 {
				fmt.Fprint(w, strings.Repeat("a", 1000))
			}
		case "/biglen":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Length", "1000000")
			fmt.Fprint(w, "short")
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			fmt.Fprint(w, "\x89PNG\r\n\x1a\n")
		case "/octet":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte{0, 1, 2, 3, 0xff, 0xfe})
		case "/empty":
			w.Header().Set("Content-Type", "text/html")
		case "/loop":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case "/loop2":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			var n int
			if _, err := fmt.Sscanf(r.URL.Path, "/hop%d", &n); err == nil {
				http.Redirect(w, r, fmt.Sprintf("/hop%d", n+1), http.StatusFound)
				return
			}
			http.NotFound(w, r)
		}
	})
	l := newTestLoader(t)
	l.Timeout = 200 * time.Millisecond
	l.MaxBytes = 10_000
	tests := []struct {
		path string
		want []string
	}{
		{"/404", []string{`load source "x": GET ` + srv.URL + `/404: 404 Not Found`}},
		{"/500", []string{"GET " + srv.URL + "/500: 500 Internal Server Error"}},
		{"/slow", []string{"timed out after 200ms"}},
		{"/slowbody", []string{"timed out after 200ms"}},
		{"/big", []string{"body is over the 9.8 KiB cap"}},
		{"/biglen", []string{"body is 976.6 KiB, over the 9.8 KiB cap"}},
		{"/png", []string{`unsupported content type "image/png"`}},
		{"/octet", []string{"unsupported content"}},
		{"/empty", []string{"empty body"}},
		{"/loop", []string{"redirect loop"}},
		{"/hop0", []string{"too many redirects (stopped after 5)"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			start := time.Now()
			_, err := l.Load(context.Background(), Config{Name: "x", URL: srv.URL + tt.path})
			wantErr(t, err, tt.want...)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestFetchRedirectLimit(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop%d", &n); err == nil && n < 3 {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", n+1), http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Arrived after hops.\nText.")
	})
	l := newTestLoader(t)
	l.MaxRedirects = 3
	a := loadOne(t, l, Config{Name: "x", URL: srv.URL + "/hop0"})
	if a.URL != srv.URL+"/hop3" {
		t.Errorf("URL = %q", a.URL)
	}
	l = newTestLoader(t)
	l.MaxRedirects = 2
	_, err := l.Load(context.Background(), Config{Name: "x", URL: srv.URL + "/hop0"})
	wantErr(t, err, "too many redirects (stopped after 2)")
}

func TestFetchContextCanceled(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := newTestLoader(t).Load(ctx, Config{Name: "x", URL: srv.URL})
	wantErr(t, err, "canceled")
}

func TestURLPolicy(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "secret")
	})
	l := &Loader{Timeout: 2 * time.Second} // AllowPrivate false
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	tests := []struct {
		url  string
		want string
	}{
		{srv.URL, "loopback address"},
		{"http://localhost" + port, "loopback address"}, // resolved by DNS, caught in the dialer
		{"http://10.0.0.1/", "private address"},
		{"http://169.254.169.254/latest/meta-data/", "cloud metadata address"},
		{"http://[::1]" + port, "loopback address"},
		{"http://[::ffff:127.0.0.1]" + port, "loopback address"},
		{"http://100.64.1.1/", "carrier-grade NAT"},
		{"http://0.0.0.0" + port, "unspecified"},
		{"http://[fe80::1]/", "link-local"},
		{"http://[64:ff9b::a9fe:a9fe]/", "cloud metadata"},
		{"file:///etc/passwd", "only http and https"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := l.Load(context.Background(), Config{Name: "x", URL: tt.url})
			wantErr(t, err, tt.want)
		})
	}
}

func TestURLPolicyDialer(t *testing.T) {
	// Exercise the dialer directly, as DNS rebinding would reach it: a
	// public-looking name that resolves to a private address.
	l := &Loader{}
	for _, addr := range []string{"127.0.0.1:80", "10.0.0.1:443", "169.254.169.254:80", "[::1]:80", "192.168.1.1:80", "[fd00::1]:80"} {
		if err := l.control("tcp", addr, nil); err == nil {
			t.Errorf("control(%s) allowed", addr)
		}
	}
	for _, addr := range []string{"93.184.215.14:443", "[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443", "8.8.8.8:53"} {
		if err := l.control("tcp", addr, nil); err != nil {
			t.Errorf("control(%s) = %v", addr, err)
		}
	}
	if err := (&Loader{AllowPrivate: true}).control("tcp", "127.0.0.1:80", nil); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}

func TestURLPolicyRedirectToLoopback(t *testing.T) {
	inner := serve(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("request reached the private server")
		fmt.Fprint(w, "secret")
	})
	outer := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/admin", http.StatusFound)
	})
	outerAddr := netip.MustParseAddrPort(strings.TrimPrefix(outer.URL, "http://"))
	// The outer server plays a public site: exempt exactly its address.
	l := &Loader{Timeout: 2 * time.Second, permit: func(ap netip.AddrPort) bool { return ap == outerAddr }}
	_, err := l.Load(context.Background(), Config{Name: "x", URL: outer.URL})
	wantErr(t, err, "refused to connect to 127.0.0.1: loopback address")
}

func TestLoadPlainTextURLCharset(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bogus" {
			w.Header().Set("Content-Type", "text/plain; charset=klingon")
		} else {
			w.Header().Set("Content-Type", "text/plain; charset=windows-1252")
		}
		fmt.Fprint(w, "Caf\xe9 talks \x93ended\x94 in Z\xfcrich.")
	})
	a := loadOne(t, newTestLoader(t), Config{Name: "t", URL: srv.URL})
	if a.Text != "Café talks “ended” in Zürich." {
		t.Errorf("Text = %q", a.Text)
	}
	_, err := newTestLoader(t).Load(context.Background(), Config{Name: "t", URL: srv.URL + "/bogus"})
	wantErr(t, err, `unknown charset "klingon"`)
}

func TestLoaderCustomClient(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
	})
	l := newTestLoader(t)
	l.Client = &http.Client{}
	l.MaxRedirects = 1
	_, err := l.Load(context.Background(), Config{Name: "x", URL: srv.URL + "/a"})
	wantErr(t, err, "too many redirects (stopped after 1)")

	// A custom client still gets the literal-IP check before any request.
	l = &Loader{Client: &http.Client{}}
	_, err = l.Load(context.Background(), Config{Name: "x", URL: "http://169.254.169.254/"})
	wantErr(t, err, "cloud metadata address")
}
