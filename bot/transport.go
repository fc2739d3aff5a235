package bot

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Route points a discordgo session at base: every REST request, whatever
// host discordgo's endpoint variables name, is sent to base (keeping its
// path under base's path prefix), and the gateway websocket is dialled to
// base's host. discordgo's endpoints are package variables; rewriting them
// would affect every session in the process, so Route swaps the session's
// HTTP transport and websocket dialer instead. This is how discord.api_base
// reaches a rate-limit proxy and how tests reach a fake Discord.
//
// tlsConfig is used when base is https; nil means the system defaults.
func Route(s *discordgo.Session, base string, tlsConfig *tls.Config) error {
	u, err := parseAPIBase(base)
	if err != nil {
		return err
	}
	if u.Scheme == "https" && u.Host == "discord.com" && u.Path == "" {
		// The default: nothing to rewrite. Keep discordgo's own dialer so
		// the gateway host it is given is used as is.
		return nil
	}
	var inner http.RoundTripper = http.DefaultTransport
	if tlsConfig != nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = tlsConfig
		inner = t
	}
	timeout := 20 * time.Second
	if s.Client != nil && s.Client.Timeout > 0 {
		timeout = s.Client.Timeout
	}
	s.Client = &http.Client{Timeout: timeout, Transport: &rewriteTransport{base: u, next: inner}}
	s.Dialer = redirectDialer(u, tlsConfig)
	return nil
}

// rewriteTransport sends every request to base.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip sends req to the base host, keeping its path under the base path.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	u := *req.URL
	u.Scheme = t.base.Scheme
	u.Host = t.base.Host
	if t.base.Path != "" {
		u.Path = t.base.Path + u.Path
		if u.RawPath != "" {
			u.RawPath = t.base.Path + u.RawPath
		}
	}
	r.URL = &u
	r.Host = u.Host
	return t.next.RoundTrip(r)
}

// redirectDialer dials the gateway at base's host whatever URL GET /gateway
// returned. The websocket handshake keeps the gateway URL's path and query.
func redirectDialer(base *url.URL, tlsConfig *tls.Config) *websocket.Dialer {
	host := base.Host
	if base.Port() == "" {
		if base.Scheme == "https" {
			host = net.JoinHostPort(base.Hostname(), "443")
		} else {
			host = net.JoinHostPort(base.Hostname(), "80")
		}
	}
	d := &net.Dialer{Timeout: 15 * time.Second}
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, host)
		if err != nil {
			return nil, err
		}
		if base.Scheme != "https" {
			return c, nil
		}
		cfg := &tls.Config{}
		if tlsConfig != nil {
			cfg = tlsConfig.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = base.Hostname()
		}
		tc := tls.Client(c, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, fmt.Errorf("gateway tls: %w", err)
		}
		return tc, nil
	}
	return &websocket.Dialer{
		// Both the ws and wss forms of the gateway URL go to base; the TLS
		// decision follows base's scheme, not the gateway URL's.
		NetDialContext:    dial,
		NetDialTLSContext: dial,
		HandshakeTimeout:  15 * time.Second,
	}
}

// redact removes the token from s, for errors that may echo a request.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[redacted]")
}
