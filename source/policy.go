package source

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// ErrURLRefused is wrapped by errors about URLs the address policy
// refuses before anything is fetched: a scheme other than http(s),
// credentials in the URL, or a host that resolves to a loopback, private,
// link-local or metadata address.
var ErrURLRefused = errors.New("URL refused")

// CheckURL vets raw under the Loader's policy before a source is added:
// the same scheme rules as any fetch, no credentials, and every address
// the host resolves to must pass the same address check the dialer
// applies at connect time (which still runs, so DNS answers that change
// later are caught too). It gives an admin an early, clear refusal.
func (l *Loader) CheckURL(ctx context.Context, raw string) (*url.URL, error) {
	u, err := parseHTTPURL(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrURLRefused, err)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: credentials in URLs are not accepted; %s", ErrURLRefused, Redact(raw))
	}
	if l.AllowPrivate || l.permit != nil {
		return u, nil
	}
	addrs, err := l.lookup(ctx, u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("%w: %s does not resolve", ErrURLRefused, u.Hostname())
	}
	for _, a := range addrs {
		if err := checkAddr(a); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrURLRefused, err)
		}
	}
	return u, nil
}

func (l *Loader) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{a}, nil
	}
	r := l.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ips, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, errors.New("no addresses")
	}
	return ips, nil
}

// userinfo matches the credentials part of any http(s) URL inside a
// longer text, such as an error message that quotes the URL.
var userinfo = lazyRegexp(`(?i)(https?://)[^/?#@\s"']*@`)

// Redact hides credentials in every URL within s ("https://user:secret@host"
// becomes "https://xxxxx@host"), so that errors, reports, logs and the
// stored location never show a password.
func Redact(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return userinfo().ReplaceAllString(s, "${1}xxxxx@")
}
