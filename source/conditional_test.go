package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadChangedConditionalGET(t *testing.T) {
	ctx := context.Background()
	fs := newFeedServer(t)
	fs.set("/feed", item("a", "2026-03-01", "Ann Lee resigned on Sunday."), item("b", "2026-02-28", "Bob Ray won on Saturday."))
	l := hostLoader(t, fs)
	c := Config{Name: "wire", URL: fs.url("wire.test", "/feed")}

	f, err := l.LoadChanged(ctx, c, Validators{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != 200 || f.NotModified || f.Kind != KindFeed || len(f.Articles) != 2 || f.Validators.ETag != `"v1"` ||
		f.Validators.LastModified != "Mon, 02 Mar 2026 00:01:00 GMT" {
		t.Fatalf("first fetch: %+v", f)
	}
	if fs.conditional.Load() != 0 {
		t.Error("a fetch without validators sent conditional headers")
	}

	// Same version: a 304, nothing read.
	f2, err := l.LoadChanged(ctx, c, f.Validators, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f2.Status != http.StatusNotModified || !f2.NotModified || f2.Kind != "" || len(f2.Articles) != 0 || f2.Validators != f.Validators {
		t.Fatalf("unchanged fetch: %+v", f2)
	}
	// Only Last-Modified known (a server without ETags): still a 304.
	f3, err := l.LoadChanged(ctx, c, Validators{LastModified: f.Validators.LastModified}, nil)
	if err != nil || !f3.NotModified || f3.Validators.LastModified != f.Validators.LastModified {
		t.Fatalf("If-Modified-Since fetch: %+v, %v", f3, err)
	}
	if fs.notModified.Load() != 2 || fs.conditional.Load() != 2 {
		t.Errorf("server saw %d conditional requests, answered %d with 304; want 2, 2", fs.conditional.Load(), fs.notModified.Load())
	}

	// A new version: a full answer with new validators; the items the
	// caller already has are skipped.
	fs.add("/feed", item("c", "2026-03-02", "Cai Lun arrived on Monday."))
	f4, err := l.LoadChanged(ctx, c, f.Validators, func(name string) bool { return name != "wire/c" })
	if err != nil {
		t.Fatal(err)
	}
	if f4.Status != 200 || f4.NotModified || f4.Validators.ETag != `"v2"` || len(f4.Articles) != 1 || f4.Articles[0].Source != "wire/c" {
		t.Fatalf("changed fetch: %+v", f4)
	}
}

func TestLoadChangedHTTPErrors(t *testing.T) {
	ctx := context.Background()
	var code atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/busy":
			w.Header().Set("Retry-After", "120")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "/304":
			// A 304 to a request that was not conditional is nonsense.
			w.WriteHeader(http.StatusNotModified)
		default:
			w.WriteHeader(int(code.Load()))
		}
	})
	l := newTestLoader(t)
	_, err := l.LoadChanged(ctx, Config{Name: "busy", URL: srv.URL + "/busy"}, Validators{}, nil)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 429 || he.RetryAfter != "120" {
		t.Fatalf("429: %v (%+v)", err, he)
	}
	wantErr(t, err, `load source "busy": GET `+srv.URL+`/busy: 429 Too Many Requests`)

	code.Store(503)
	_, err = l.LoadChanged(ctx, Config{Name: "down", URL: srv.URL + "/x"}, Validators{ETag: `"v1"`}, nil)
	if !errors.As(err, &he) || he.StatusCode != 503 || he.RetryAfter != "" {
		t.Fatalf("503: %v", err)
	}
	_, err = l.LoadChanged(ctx, Config{Name: "odd", URL: srv.URL + "/304"}, Validators{}, nil)
	if !errors.As(err, &he) || he.StatusCode != 304 {
		t.Fatalf("unconditional 304: %v", err)
	}
	_, err = l.LoadChanged(ctx, Config{Name: "file", Path: "x.txt"}, Validators{}, nil)
	wantErr(t, err, `load source "file": not a url source`)

	// The address policy holds for polls as for loads.
	strict := &Loader{Timeout: 5 * time.Second}
	_, err = strict.LoadChanged(ctx, Config{Name: "local", URL: srv.URL + "/x"}, Validators{}, nil)
	wantErr(t, err, "refused to connect", "loopback")
}

func TestLoadChangedPage(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"p1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"p1"`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	})
	l := newTestLoader(t)
	c := Config{Name: "story", URL: srv.URL + "/story"}
	f, err := l.LoadChanged(context.Background(), c, Validators{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != KindPage || len(f.Articles) != 1 || f.Articles[0].Source != "story" || f.Validators.ETag != `"p1"` {
		t.Fatalf("page: %+v", f)
	}
	f, err = l.LoadChanged(context.Background(), c, f.Validators, nil)
	if err != nil || !f.NotModified {
		t.Fatalf("page again: %+v, %v", f, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"0", 0},
		{"-30", 0},
		{"1.5", 0},
		{"99999999999999", 366 * 24 * time.Hour},
		{"Mon, 02 Mar 2026 12:30:00 GMT", 30 * time.Minute},
		{"Monday, 02-Mar-26 13:00:00 GMT", time.Hour},  // RFC 850
		{"Mon Mar  2 12:00:10 2026", 10 * time.Second}, // ANSI C
		{"Mon, 02 Mar 2026 11:00:00 GMT", 0},           // past
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := ParseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("ParseRetryAfter(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestValidatorsHeaders(t *testing.T) {
	h := http.Header{}
	var nilV *Validators
	if nilV.set(h) || (&Validators{}).set(h) || len(h) != 0 {
		t.Fatalf("empty validators set headers: %v", h)
	}
	if !(&Validators{ETag: `W/"x"`, LastModified: "Mon, 02 Mar 2026 00:00:00 GMT"}).set(h) ||
		h.Get("If-None-Match") != `W/"x"` || !strings.HasPrefix(h.Get("If-Modified-Since"), "Mon, 02 Mar") {
		t.Fatalf("headers %v", h)
	}
}
