package source

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Kinds of URL source, known after the first fetch; they set the default
// polling interval.
const (
	KindFeed = "feed"
	KindPage = "page"
)

// Validators identify the version of a URL's content a server sent, to
// ask it next time whether the content changed (a conditional GET).
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// IsZero reports whether v holds no validator, so that a GET with it
// would not be conditional.
func (v Validators) IsZero() bool { return v.ETag == "" && v.LastModified == "" }

// set adds v's conditional headers to h and reports whether it added any.
func (v *Validators) set(h http.Header) bool {
	if v == nil || v.IsZero() {
		return false
	}
	if v.ETag != "" {
		h.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		h.Set("If-Modified-Since", v.LastModified)
	}
	return true
}

func responseValidators(h http.Header) Validators {
	return Validators{ETag: strings.TrimSpace(h.Get("ETag")), LastModified: strings.TrimSpace(h.Get("Last-Modified"))}
}

// HTTPError is an answer with a status other than 2xx (or 304 to a
// conditional GET). Its message is the status line, as before there was a
// type for it.
type HTTPError struct {
	StatusCode int
	Status     string
	// RetryAfter is the Retry-After header as sent, if any; parse it with
	// ParseRetryAfter against the caller's clock.
	RetryAfter string
}

func (e *HTTPError) Error() string { return e.Status }

// ParseRetryAfter returns how long a Retry-After header asks to wait from
// now: delay-seconds or an HTTP-date. It is 0 for an absent or unreadable
// header, or a date already past.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		// A huge value would overflow; anything past a year is a year,
		// and the caller caps it further.
		return time.Duration(min(n, 366*24*3600)) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil || !t.After(now) {
		return 0
	}
	return t.Sub(now)
}

// Fetched is what LoadChanged found at a URL source.
type Fetched struct {
	// Status is the HTTP status: 304 when NotModified, else a 2xx.
	Status int
	// NotModified is set when the server said the content is the version
	// the validators describe; nothing was read or extracted.
	NotModified bool
	// Kind is KindFeed or KindPage; empty when NotModified.
	Kind string
	// Validators describe the version fetched, to send next time. After
	// a 304 they are the ones sent, updated by any the server returned.
	Validators Validators
	// Articles are the page, or the feed's items SkipItem (or the skip
	// function given) did not leave out.
	Articles []Article
}

// LoadChanged loads c, a URL source, with a GET conditional on the
// content having changed since the version prev describes (unconditional
// when prev is zero). skip, when not nil, is used instead of SkipItem for
// this call, so that one Loader can serve pollers with different stores.
// Errors read "load source "name": …"; an answer other than 2xx or 304
// wraps an *HTTPError.
func (l *Loader) LoadChanged(ctx context.Context, c Config, prev Validators, skip func(string) bool) (*Fetched, error) {
	f, err := l.loadChanged(ctx, c, prev, skip)
	if err != nil {
		return nil, fmt.Errorf("load source %q: %w", c.Name, err)
	}
	return f, nil
}

func (l *Loader) loadChanged(ctx context.Context, c Config, prev Validators, skip func(string) bool) (*Fetched, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.URL == "" {
		return nil, fmt.Errorf("not a url source (path %s)", c.Path)
	}
	if skip == nil {
		skip = l.SkipItem
	}
	d, err := l.fetch(ctx, c.URL, &prev)
	if err != nil {
		return nil, err
	}
	f := &Fetched{Status: d.status, Validators: d.validators}
	if d.notModified {
		// A 304 need not repeat the validators; what it does send is
		// newer than what we had.
		f.NotModified = true
		if f.Validators.ETag == "" {
			f.Validators.ETag = prev.ETag
		}
		if f.Validators.LastModified == "" {
			f.Validators.LastModified = prev.LastModified
		}
		return f, nil
	}
	f.Kind = KindPage
	if d.kind == kindFeed {
		f.Kind = KindFeed
	}
	if f.Articles, err = l.articles(ctx, c, d, skip); err != nil {
		return nil, err
	}
	return f, nil
}
