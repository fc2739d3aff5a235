package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresence       = 3
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// gwSession is a gateway session: it outlives a connection so that a
// client can resume it and receive the events it missed.
type gwSession struct {
	id     string
	seq    int64
	events []gwEvent
	conn   *gwConn
	valid  bool
}

type gwEvent struct {
	seq  int64
	data []byte
}

// gwConn is one websocket connection.
type gwConn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	session *gwSession
	// dropped is set when the fake cut the connection; the client's
	// answering close frame then does not end the session.
	dropped bool
}

func (c *gwConn) write(b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("v") == "" || q.Get("encoding") != "json" {
		http.Error(w, "gateway wants ?v=N&encoding=json", http.StatusBadRequest)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.conns[c] = true
	s.notify()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		if c.session != nil && c.session.conn == c {
			c.session.conn = nil
		}
		s.notify()
		s.mu.Unlock()
		ws.Close()
	}()
	hello, _ := json.Marshal(map[string]any{"op": opHello, "d": map[string]any{"heartbeat_interval": s.HeartbeatInterval.Milliseconds()}, "s": nil, "t": nil})
	if c.write(hello) != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
				// A clean close by the client ends the session, as on
				// Discord.
				s.mu.Lock()
				if c.session != nil && !c.dropped {
					c.session.valid = false
				}
				s.mu.Unlock()
			}
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4002, "Decode error"))
			return
		}
		switch f.Op {
		case opHeartbeat:
			s.mu.Lock()
			s.heartbeats++
			s.notify()
			s.mu.Unlock()
			c.write([]byte(`{"op":11,"d":null,"s":null,"t":null}`))
		case opIdentify:
			if !s.identify(c, f.D) {
				return
			}
		case opResume:
			if !s.resume(c, f.D) {
				return
			}
		case opPresence:
		default:
			ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4001, "Unknown opcode"))
			return
		}
	}
}

func (s *Server) tokenOK(tok string) bool {
	return strings.TrimPrefix(tok, "Bot ") == s.Token
}

func (s *Server) identify(c *gwConn, d json.RawMessage) bool {
	var id struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(d, &id)
	if !s.tokenOK(id.Token) {
		c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return false
	}
	s.mu.Lock()
	if c.session != nil {
		s.mu.Unlock()
		c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4005, "Already authenticated."))
		return false
	}
	sess := &gwSession{id: "sess-" + s.NextID(), valid: true, conn: c}
	c.session = sess
	s.sessions[sess.id] = sess
	s.identifies++
	ready := map[string]any{
		"v":                  10,
		"user":               map[string]any{"id": s.BotUserID, "username": "briefbot", "discriminator": "0", "bot": true},
		"guilds":             []any{},
		"session_id":         sess.id,
		"resume_gateway_url": GatewayURL,
		"application":        map[string]any{"id": s.AppID, "flags": 0},
	}
	err := s.dispatchLocked(sess, "READY", ready)
	s.notify()
	s.mu.Unlock()
	return err == nil
}

func (s *Server) resume(c *gwConn, d json.RawMessage) bool {
	var rp struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &rp)
	if !s.tokenOK(rp.Token) {
		c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[rp.SessionID]
	if sess == nil || !sess.valid || rp.Seq > sess.seq {
		// Not resumable: the client must identify afresh.
		c.write([]byte(`{"op":9,"d":false,"s":null,"t":null}`))
		return true
	}
	if sess.conn != nil && sess.conn != c {
		sess.conn.ws.Close()
	}
	sess.conn = c
	c.session = sess
	s.resumes++
	for _, e := range sess.events {
		if e.seq > rp.Seq {
			if c.write(e.data) != nil {
				return false
			}
		}
	}
	err := s.dispatchLocked(sess, "RESUMED", map[string]any{})
	s.notify()
	return err == nil
}

// dispatchLocked sends an event in sess, buffering it for a resume when
// no connection is attached. Call with s.mu held.
func (s *Server) dispatchLocked(sess *gwSession, typ string, d any) error {
	sess.seq++
	b, err := json.Marshal(map[string]any{"op": opDispatch, "s": sess.seq, "t": typ, "d": d})
	if err != nil {
		return err
	}
	sess.events = append(sess.events, gwEvent{seq: sess.seq, data: b})
	if sess.conn != nil {
		return sess.conn.write(b)
	}
	return nil
}

// Dispatch sends an event to the bot's gateway session. With the socket
// down the event is buffered and delivered on resume, as Discord does.
func (s *Server) Dispatch(typ string, d any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sess *gwSession
	for _, x := range s.sessions {
		if x.valid && (sess == nil || x.conn != nil) {
			sess = x
		}
	}
	if sess == nil {
		return fmt.Errorf("discordtest: no gateway session to dispatch %s to", typ)
	}
	return s.dispatchLocked(sess, typ, d)
}

// CloseGateway drops every gateway connection. With code 0 the TCP
// connection is cut without a close frame (a network failure); otherwise a
// close frame with code is sent first (4000 lets the client resume).
func (s *Server) CloseGateway(code int) {
	s.mu.Lock()
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		c.dropped = true
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		if code > 0 {
			c.wmu.Lock()
			c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "fake close"), time.Now().Add(time.Second))
			c.wmu.Unlock()
		}
		c.ws.UnderlyingConn().Close()
	}
}

// InvalidateSessions makes every gateway session unresumable, so that a
// client that reconnects is told to identify afresh (op 9).
func (s *Server) InvalidateSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.sessions {
		sess.valid = false
	}
}

// GatewayStats counts gateway activity.
type GatewayStats struct {
	Connections int // open now
	Identifies  int
	Resumes     int
	Heartbeats  int
}

// Gateway returns the gateway counters.
func (s *Server) Gateway() GatewayStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gatewayLocked()
}

func (s *Server) gatewayLocked() GatewayStats {
	n := 0
	for c := range s.conns {
		if c.session != nil {
			n++
		}
	}
	return GatewayStats{Connections: n, Identifies: s.identifies, Resumes: s.resumes, Heartbeats: s.heartbeats}
}

// WaitGateway waits until cond holds for the gateway counters.
func (s *Server) WaitGateway(tb testing.TB, timeout time.Duration, what string, cond func(GatewayStats) bool) {
	tb.Helper()
	s.waitLocked(tb, timeout, what, func() bool { return cond(s.gatewayLocked()) })
}
