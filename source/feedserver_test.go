package source

import (
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// feedServer serves RSS feeds from memory, as a well-behaved news site
// does: each version of a feed has an ETag and a Last-Modified, and a
// conditional GET for the current version is answered 304 with no body.
// It counts requests and the fetches in flight, overall and per host
// (the Host header), so tests can check the poller's limits.
type feedServer struct {
	srv *httptest.Server

	mu        sync.Mutex
	feeds     map[string]*testFeed // by path
	pages     map[string]string    // HTML pages without validators, by path
	hang      map[string]bool      // paths whose answers never come
	delay     time.Duration        // each answer waits this long
	inflight  map[string]int
	maxHost   int // most requests in flight to one host
	maxGlobal int
	global    int

	requests    atomic.Int64
	notModified atomic.Int64
	conditional atomic.Int64 // requests carrying a validator
}

// testFeed is one feed's items, newest first as feeds list them.
type testFeed struct {
	items    []testItem
	body     string // rendered once per version
	version  int
	modified time.Time
	// status, when set, is answered instead of the feed, with retryAfter
	// as the Retry-After header.
	status     int
	retryAfter string
}

type testItem struct {
	guid, title, published, text string
}

func newFeedServer(t testing.TB) *feedServer {
	t.Helper()
	fs := &feedServer{feeds: map[string]*testFeed{}, inflight: map[string]int{}}
	fs.srv = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.srv.Close)
	return fs
}

// set replaces the feed at path with items, as a new version.
func (fs *feedServer) set(path string, items ...testItem) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.feeds[path]
	if f == nil {
		f = &testFeed{}
		fs.feeds[path] = f
	}
	f.items = items
	f.body = rssOf(items)
	f.version++
	f.modified = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).Add(time.Duration(f.version) * time.Minute)
}

// add puts items at the top of the feed at path, as a new version.
func (fs *feedServer) add(path string, items ...testItem) {
	fs.mu.Lock()
	old := fs.feeds[path]
	fs.mu.Unlock()
	var prev []testItem
	if old != nil {
		prev = old.items
	}
	fs.set(path, append(append([]testItem(nil), items...), prev...)...)
}

// page serves an HTML page at path, with no validators.
func (fs *feedServer) page(path, html string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.pages == nil {
		fs.pages = map[string]string{}
	}
	fs.pages[path] = html
}

// fail makes the feed at path answer status (0 to serve it again).
func (fs *feedServer) fail(path string, status int, retryAfter string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.feeds[path]
	if f == nil {
		f = &testFeed{}
		fs.feeds[path] = f
	}
	f.status, f.retryAfter = status, retryAfter
}

func (fs *feedServer) etag(path string) string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if f := fs.feeds[path]; f != nil {
		return fmt.Sprintf(`"v%d"`, f.version)
	}
	return ""
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.requests.Add(1)
	host := r.Host
	fs.mu.Lock()
	fs.inflight[host]++
	fs.global++
	fs.maxHost = max(fs.maxHost, fs.inflight[host])
	fs.maxGlobal = max(fs.maxGlobal, fs.global)
	f := fs.feeds[r.URL.Path]
	page, isPage := fs.pages[r.URL.Path]
	var (
		status, version  int
		retryAfter, body string
		modified         time.Time
	)
	if f != nil {
		status, retryAfter, version, modified = f.status, f.retryAfter, f.version, f.modified
		body = f.body
	}
	delay := fs.delay
	if fs.hang[r.URL.Path] {
		delay = time.Hour
	}
	fs.mu.Unlock()
	defer func() {
		fs.mu.Lock()
		fs.inflight[host]--
		fs.global--
		fs.mu.Unlock()
	}()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
		return
	case f == nil:
		http.NotFound(w, r)
		return
	case status != 0:
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		http.Error(w, http.StatusText(status), status)
		return
	}
	etag := fmt.Sprintf(`"v%d"`, version)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
	inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
	if inm != "" || ims != "" {
		fs.conditional.Add(1)
	}
	// RFC 9110: If-None-Match wins over If-Modified-Since.
	if inm == etag || (inm == "" && ims != "" && ims == modified.Format(http.TimeFormat)) {
		fs.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprint(w, body)
}

func (fs *feedServer) limits() (maxHost, maxGlobal int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.maxHost, fs.maxGlobal
}

// rssOf renders items as an RSS feed whose items carry their full text,
// so no item page is fetched.
func rssOf(items []testItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test wire</title><link>https://news.example/</link><description>Test</description>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate><content:encoded>%s</content:encoded></item>\n",
			html.EscapeString(it.title), html.EscapeString(it.guid), it.published, html.EscapeString("<p>"+it.text+"</p>"))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// item makes a short test item published on day (YYYY-MM-DD).
func item(guid, day, text string) testItem {
	t, _ := time.Parse(time.DateOnly, day)
	return testItem{guid: guid, title: "Story " + guid, published: t.Add(9 * time.Hour).Format(time.RFC1123Z), text: text}
}

// url is the feed at path as reached under the host name host: every
// host name leads to this one server (see hostLoader), so that tests can
// have many hosts without many servers.
func (fs *feedServer) url(host, path string) string {
	return "http://" + host + path
}

// hostLoader returns a Loader whose connections, whatever host they are
// for, go to srv.
func hostLoader(t testing.TB, fs *feedServer) *Loader {
	t.Helper()
	return addrLoader(t, fs.srv.Listener.Addr().String())
}

// addrLoader returns a Loader whose connections all go to addr.
func addrLoader(t testing.TB, addr string) *Loader {
	t.Helper()
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConns:        4096,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     time.Minute,
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &Loader{
		Client:       &http.Client{Transport: tr},
		AllowPrivate: true,
		Timeout:      10 * time.Second,
		Now:          func() time.Time { return testNow },
	}
}
