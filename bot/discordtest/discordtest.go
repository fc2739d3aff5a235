// Package discordtest is a fake Discord for tests: an httptest server that
// speaks the REST API and the gateway websocket protocol on loopback, so a
// real discordgo Session can connect, register commands, receive
// interactions and answer them without reaching the internet.
//
// A session reaches the fake through its transport and websocket dialer
// (see bot.Route or Server.Session); discordgo's package-level endpoint
// variables are never touched, so tests using separate servers can run in
// parallel.
//
// The server records every REST request, validates message payloads against
// Discord's limits (answering 400 like Discord does), enforces the
// one-callback-within-3-seconds rule of interactions, and can inject faults:
// 429 with retry_after, rejected requests, and a closed gateway socket.
package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"briefbot/bot"
)

// Defaults of a new Server.
const (
	DefaultToken     = "fake-token.abc.XYZ"
	DefaultAppID     = "900000000000000001"
	DefaultBotUserID = "900000000000000001"
	// GatewayURL is what GET /gateway answers, like Discord's. A session
	// that was not routed to the fake would try to reach it and fail.
	GatewayURL = "wss://gateway.discord.gg"
)

// Request is one recorded REST request.
type Request struct {
	Method string
	// Path is the URL path without the /api/vN prefix, e.g.
	// "/interactions/1/tok/callback".
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	// Status is what the fake answered.
	Status int
	At     time.Time
}

// JSON decodes the request body into v.
func (r Request) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// Fault makes matching REST requests fail.
type Fault struct {
	// Method ("" for any) and PathContains select requests.
	Method       string
	PathContains string
	// Status is the answer's status: 429 adds retry_after.
	Status int
	// RetryAfter is the 429 retry_after in seconds.
	RetryAfter float64
	// Global marks a 429 as global.
	Global bool
	// Body overrides the JSON error body.
	Body string
	// Times is how many requests fail; 0 means one.
	Times int
}

// Server is a fake Discord.
type Server struct {
	// Token is the bot token the fake accepts (without "Bot ").
	Token     string
	AppID     string
	BotUserID string
	// HeartbeatInterval is sent in Hello.
	HeartbeatInterval time.Duration
	// InteractionTimeout is how long after dispatch an interaction may be
	// acknowledged (Discord: 3 s).
	InteractionTimeout time.Duration

	srv *httptest.Server
	tb  testing.TB
	ids atomic.Int64

	mu           sync.Mutex
	changed      chan struct{}
	requests     []Request
	faults       []*Fault
	violations   []string
	commands     map[string][]map[string]any // scope ("" global, else guild id)
	overwrites   map[string]int
	interactions map[string]*Interaction
	messages     map[string]*Message
	sessions     map[string]*gwSession
	conns        map[*gwConn]bool
	restInFlight int
	identifies   int
	resumes      int
	heartbeats   int
	closed       bool
}

// New starts a fake Discord that is closed when the test ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{
		Token:              DefaultToken,
		AppID:              DefaultAppID,
		BotUserID:          DefaultBotUserID,
		HeartbeatInterval:  41250 * time.Millisecond,
		InteractionTimeout: 3 * time.Second,
		tb:                 tb,
		changed:            make(chan struct{}),
		commands:           map[string][]map[string]any{},
		overwrites:         map[string]int{},
		interactions:       map[string]*Interaction{},
		messages:           map[string]*Message{},
		sessions:           map[string]*gwSession{},
		conns:              map[*gwConn]bool{},
	}
	s.ids.Store(1_100_000_000_000_000_000)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.Close)
	return s
}

// URL is the fake's base URL, to be used as bot.Config.APIBase.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server and drops gateway connections.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	s.srv.Close()
}

// Session returns a discordgo session for the fake's bot token, routed to
// the fake. It is not opened.
func (s *Server) Session(tb testing.TB) *discordgo.Session {
	tb.Helper()
	ds, err := discordgo.New("Bot " + s.Token)
	if err != nil {
		tb.Fatal(err)
	}
	if err := bot.Route(ds, s.URL(), nil); err != nil {
		tb.Fatal(err)
	}
	return ds
}

// NextID returns a new snowflake-like id.
func (s *Server) NextID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// notify wakes waiters; call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// WaitFor waits until cond holds, re-checking it whenever the fake's state
// changes, or fails the test after timeout.
func (s *Server) WaitFor(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	s.waitLocked(tb, timeout, what, func() bool {
		s.mu.Unlock()
		defer s.mu.Lock()
		return cond()
	})
}

// waitLocked is WaitFor with cond called with s.mu held.
func (s *Server) waitLocked(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			tb.Fatalf("discordtest: timed out after %v waiting for %s", timeout, what)
		}
	}
}

// Requests returns the REST requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsTo returns the recorded requests whose method matches (or any,
// when method is "") and whose path contains part.
func (s *Server) RequestsTo(method, part string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if (method == "" || r.Method == method) && strings.Contains(r.Path, part) {
			out = append(out, r)
		}
	}
	return out
}

// Violations lists what the bot sent that Discord would reject (each also
// answered 400) or that breaks briefbot's own rules, such as a message
// without empty allowed_mentions.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// Inject adds a fault for upcoming requests.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// Commands returns the commands registered in a guild, or globally when
// guildID is "", as Discord would list them.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.Marshal(s.commands[guildID])
	var out []*discordgo.ApplicationCommand
	_ = json.Unmarshal(b, &out)
	return out
}

// Overwrites counts the bulk overwrites of a scope's commands.
func (s *Server) Overwrites(guildID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.overwrites[guildID]
}

func (s *Server) violate(format string, args ...any) {
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
}

var apiPrefix = regexp.MustCompile(`^/api/v\d+`)

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if websocket.IsWebSocketUpgrade(r) {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	path := apiPrefix.ReplaceAllString(r.URL.Path, "")
	rec := Request{Method: r.Method, Path: path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: time.Now()}
	rw := &statusWriter{ResponseWriter: w, status: 200}
	s.mu.Lock()
	s.restInFlight++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		rec.Status = rw.status
		s.requests = append(s.requests, rec)
		s.restInFlight--
		s.notify()
		s.mu.Unlock()
	}()
	if !apiPrefix.MatchString(r.URL.Path) {
		writeError(rw, 404, 0, "404: Not Found")
		return
	}
	if s.fault(rw, r.Method, path) {
		return
	}
	seg := strings.Split(strings.Trim(path, "/"), "/")
	webhook := seg[0] == "interactions" || seg[0] == "webhooks"
	if !webhook && strings.TrimPrefix(r.Header.Get("Authorization"), "Bot ") != s.Token {
		writeError(rw, 401, 0, "401: Unauthorized")
		return
	}
	switch {
	case r.Method == "GET" && (path == "/gateway" || path == "/gateway/bot"):
		writeJSON(rw, 200, map[string]any{"url": GatewayURL, "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}})
	case seg[0] == "applications" && len(seg) >= 3:
		s.serveCommands(rw, r, seg, body)
	case seg[0] == "interactions" && len(seg) == 4 && seg[3] == "callback" && r.Method == "POST":
		s.serveCallback(rw, seg[1], seg[2], body)
	case seg[0] == "webhooks" && len(seg) >= 3:
		s.serveWebhook(rw, r, seg, body)
	case seg[0] == "channels" && len(seg) >= 3 && seg[2] == "messages":
		s.serveChannelMessages(rw, r, seg, body)
	default:
		writeError(rw, 404, 0, "404: Not Found")
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status for the request log.
func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) fault(w http.ResponseWriter, method, path string) bool {
	s.mu.Lock()
	var f *Fault
	for i, c := range s.faults {
		if (c.Method == "" || c.Method == method) && strings.Contains(path, c.PathContains) {
			f = c
			c.Times--
			if c.Times <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			break
		}
	}
	s.mu.Unlock()
	if f == nil {
		return false
	}
	if f.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.FormatFloat(f.RetryAfter, 'f', -1, 64))
		w.Header().Set("X-RateLimit-Limit", "5")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset-After", strconv.FormatFloat(f.RetryAfter, 'f', -1, 64))
		w.Header().Set("X-RateLimit-Bucket", "fake")
		if f.Global {
			w.Header().Set("X-RateLimit-Global", "true")
		}
		if f.Body != "" {
			writeRaw(w, 429, f.Body)
			return true
		}
		writeJSON(w, 429, map[string]any{"message": "You are being rate limited.", "retry_after": f.RetryAfter, "global": f.Global})
		return true
	}
	if f.Body != "" {
		writeRaw(w, f.Status, f.Body)
		return true
	}
	writeError(w, f.Status, 50035, "Invalid Form Body (injected)")
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = 500, []byte(`{"message":"fake marshal error"}`)
	}
	writeRaw(w, status, string(b))
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func writeError(w http.ResponseWriter, status, code int, msg string, errs ...string) {
	body := map[string]any{"message": msg, "code": code}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	writeJSON(w, status, body)
}

// decodeJSON decodes b into v using numbers, as Discord parses bodies.
func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}
