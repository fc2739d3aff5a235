package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// errRedirectLoop and errTooManyRedirects are returned from CheckRedirect
// and unwrapped again in fetch to give short messages.
var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = errors.New("too many redirects")
)

// policyError is a connection refused by the address policy.
type policyError struct {
	addr netip.Addr
	why  string
}

func (e *policyError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s address", e.addr, e.why)
}

type blockedPrefix struct {
	prefix netip.Prefix
	why    string
}

// blocked lists the ranges a news loader has no business reaching. The
// metadata entries come first so their reason is the specific one.
var blocked = func() []blockedPrefix {
	list := []struct{ p, why string }{
		{"169.254.169.254/32", "cloud metadata"},
		{"100.100.100.200/32", "cloud metadata"},
		{"fd00:ec2::254/128", "cloud metadata"},
		{"0.0.0.0/8", "unspecified"},
		{"10.0.0.0/8", "private"},
		{"100.64.0.0/10", "carrier-grade NAT"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local"},
		{"172.16.0.0/12", "private"},
		{"192.0.0.0/24", "IETF protocol"},
		{"192.168.0.0/16", "private"},
		{"198.18.0.0/15", "benchmarking"},
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved"},
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"::/96", "IPv4-compatible"},
		{"100::/64", "discard"},
		{"64:ff9b:1::/48", "local NAT64"},
		{"fc00::/7", "private"},
		{"fe80::/10", "link-local"},
		{"fec0::/10", "site-local"},
		{"ff00::/8", "multicast"},
	}
	out := make([]blockedPrefix, len(list))
	for i, b := range list {
		out[i] = blockedPrefix{netip.MustParsePrefix(b.p), b.why}
	}
	return out
}()

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// checkAddr returns a *policyError when a is in a refused range. IPv6
// forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by
// the embedded address, since that is where the packets end up.
func checkAddr(a netip.Addr) error {
	a = a.WithZone("").Unmap()
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64Prefix.Contains(a):
			if err := checkAddr(netip.AddrFrom4([4]byte(b[12:16]))); err != nil {
				return err
			}
		case sixToFour.Contains(a):
			if err := checkAddr(netip.AddrFrom4([4]byte(b[2:6]))); err != nil {
				return err
			}
		}
	}
	for _, b := range blocked {
		if b.prefix.Contains(a) {
			return &policyError{addr: a, why: b.why}
		}
	}
	if a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return &policyError{addr: a, why: "broadcast"}
	}
	return nil
}

// control is the dialer hook: it runs after DNS resolution with the exact
// address about to be connected, for every connection attempt.
func (l *Loader) control(_, address string, _ syscall.RawConn) error {
	if l.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		host, port, serr := net.SplitHostPort(address)
		if serr != nil {
			return fmt.Errorf("refused to connect to %q: %w", address, serr)
		}
		a, perr := netip.ParseAddr(host)
		if perr != nil {
			return fmt.Errorf("refused to connect to %q: not an IP address", address)
		}
		var p uint16
		fmt.Sscan(port, &p)
		ap = netip.AddrPortFrom(a, p)
	}
	if l.permit != nil && l.permit(ap) {
		return nil
	}
	return checkAddr(ap.Addr())
}

func (l *Loader) httpClient() *http.Client {
	l.once.Do(func() {
		if l.Client != nil {
			c := *l.Client
			c.CheckRedirect = l.checkRedirect
			l.client = &c
			return
		}
		d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: l.control}
		t := &http.Transport{
			// No proxy: a proxy would make the dialer see the proxy's
			// address, not the target's, defeating the policy.
			Proxy:                  nil,
			DialContext:            d.DialContext,
			ForceAttemptHTTP2:      true,
			MaxIdleConns:           20,
			IdleConnTimeout:        60 * time.Second,
			TLSHandshakeTimeout:    10 * time.Second,
			ResponseHeaderTimeout:  l.timeout(),
			ExpectContinueTimeout:  time.Second,
			MaxResponseHeaderBytes: 1 << 20,
		}
		l.client = &http.Client{Transport: t, CheckRedirect: l.checkRedirect}
	})
	return l.client
}

func (l *Loader) checkRedirect(req *http.Request, via []*http.Request) error {
	if _, err := l.checkURL(req.URL); err != nil {
		return err
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w at %s", errRedirectLoop, req.URL)
		}
	}
	if max := l.maxRedirects(); len(via) > max {
		return fmt.Errorf("%w (stopped after %d)", errTooManyRedirects, max)
	}
	return nil
}

// parseHTTPURL accepts absolute http and https URLs with a host.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the URL; say it once, redacted.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("bad url %q: %w", Redact(raw), err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("url %q: only http and https are supported", u.Redacted())
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("url %q has no host", u.Redacted())
	}
	return u, nil
}

// checkURL applies the URL policy before any connection: scheme, and
// literal IP hosts (the dialer re-checks every resolved address anyway).
func (l *Loader) checkURL(u *url.URL) (*url.URL, error) {
	u, err := parseHTTPURL(u.String())
	if err != nil {
		return nil, err
	}
	if l.AllowPrivate || l.permit != nil {
		return u, nil
	}
	if a, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
		if err := checkAddr(a); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// fetch GETs rawURL under the Loader's limits and classifies the body by
// its content type. With cond, the GET is conditional on the content
// having changed since the version cond describes. Errors read
// "GET <url>: …".
func (l *Loader) fetch(ctx context.Context, rawURL string, cond *Validators) (*document, error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	if _, err := l.checkURL(u); err != nil {
		return nil, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout())
	defer cancel()

	d, err := l.get(ctx, u, cond)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u.Redacted(), l.explain(ctx, err))
	}
	return d, nil
}

// explain replaces the transport's nested error chains with one cause.
func (l *Loader) explain(ctx context.Context, err error) error {
	var pe *policyError
	switch {
	case errors.As(err, &pe):
		return pe
	case errors.Is(err, errRedirectLoop), errors.Is(err, errTooManyRedirects):
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out after %s", l.timeout())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (l *Loader) get(ctx context.Context, u *url.URL, cond *Validators) (*document, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.1")
	conditional := cond.set(req.Header)
	resp, err := l.httpClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && conditional {
		return &document{name: resp.Request.URL.String(), url: resp.Request.URL, status: resp.StatusCode,
			validators: responseValidators(resp.Header), notModified: true}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, RetryAfter: resp.Header.Get("Retry-After")}
	}
	max := l.maxBytes()
	if resp.ContentLength > max {
		return nil, fmt.Errorf("body is %s, over the %s cap", formatBytes(resp.ContentLength), formatBytes(max))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("body is over the %s cap", formatBytes(max))
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("empty body")
	}
	d := &document{name: resp.Request.URL.String(), url: resp.Request.URL, body: body,
		status: resp.StatusCode, validators: responseValidators(resp.Header)}
	if err := classify(d, resp.Header.Get("Content-Type")); err != nil {
		return nil, err
	}
	return d, nil
}

// classify sets d.kind from the served content type, sniffing only where
// servers are known to be sloppy (text/plain, generic XML, missing types).
func classify(d *document, header string) error {
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || header == "" {
		mt = ""
	}
	d.contentType, d.charset = mt, strings.ToLower(params["charset"])
	switch mt {
	case "text/html", "application/xhtml+xml":
		d.kind = kindHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml",
		"application/feed+json", "application/x-rss+xml":
		d.kind = kindFeed
	case "application/xml", "text/xml":
		d.kind = sniffKind(d.body, kindFeed)
	case "text/plain":
		d.kind = sniffKind(d.body, kindText)
	case "", "application/octet-stream":
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(d.body))
		switch sniffed {
		case "text/html":
			d.kind = kindHTML
		case "text/xml":
			d.kind = sniffKind(d.body, kindFeed)
		case "text/plain":
			d.kind = sniffKind(d.body, kindText)
		default:
			return fmt.Errorf("unsupported content (no usable content type; looks like %s)", sniffed)
		}
	default:
		return fmt.Errorf("unsupported content type %q (want HTML, plain text or an RSS/Atom feed)", mt)
	}
	return nil
}
