package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Interaction types and callback types, as numbered by Discord.
const (
	TypeCommand      = 2
	TypeComponent    = 3
	TypeAutocomplete = 4

	CallbackMessage         = 4
	CallbackDeferredMessage = 5
	CallbackDeferredUpdate  = 6
	CallbackUpdate          = 7
	CallbackAutocomplete    = 8

	FlagEphemeral = 64
)

// Component is a message component as the bot sent it.
type Component struct {
	Type       int         `json:"type"`
	Style      int         `json:"style,omitempty"`
	Label      string      `json:"label,omitempty"`
	CustomID   string      `json:"custom_id,omitempty"`
	URL        string      `json:"url,omitempty"`
	Disabled   bool        `json:"disabled,omitempty"`
	Components []Component `json:"components,omitempty"`
}

// Message is a message the bot created or edited.
type Message struct {
	ID              string                    `json:"id"`
	ChannelID       string                    `json:"channel_id"`
	Content         string                    `json:"content"`
	Embeds          []*discordgo.MessageEmbed `json:"embeds"`
	Components      []Component               `json:"components"`
	Flags           int                       `json:"flags"`
	AllowedMentions json.RawMessage           `json:"-"`
	// Deferred is set while an interaction's response is still the
	// "thinking…" placeholder.
	Deferred bool `json:"-"`
	Deleted  bool `json:"-"`
	// Edits counts updates after creation.
	Edits int `json:"-"`
}

// Ephemeral reports whether only the caller sees the message.
func (m *Message) Ephemeral() bool { return m.Flags&FlagEphemeral != 0 }

// Buttons returns the message's buttons in order.
func (m *Message) Buttons() []Component {
	var out []Component
	var walk func([]Component)
	walk = func(cs []Component) {
		for _, c := range cs {
			if c.Type == 2 {
				out = append(out, c)
			}
			walk(c.Components)
		}
	}
	walk(m.Components)
	return out
}

// Button returns the first button whose label contains label.
func (m *Message) Button(label string) (Component, bool) {
	for _, b := range m.Buttons() {
		if strings.Contains(b.Label, label) {
			return b, true
		}
	}
	return Component{}, false
}

// Text returns the message's content and embed texts, for assertions.
func (m *Message) Text() string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func (m *Message) clone() *Message {
	if m == nil {
		return nil
	}
	c := *m
	b, _ := json.Marshal(m)
	_ = json.Unmarshal(b, &c)
	c.AllowedMentions = append(json.RawMessage(nil), m.AllowedMentions...)
	return &c
}

// Interaction is an interaction the fake dispatched, with what the bot
// answered.
type Interaction struct {
	ID    string
	Token string
	Type  int
	// Raw is the INTERACTION_CREATE payload as dispatched.
	Raw json.RawMessage

	srv        *Server
	dispatched time.Time
	acked      bool
	ackType    int
	// original is the message the interaction's @original refers to: the
	// response, or the message a button was on.
	original  *Message
	followups []*Message
	answer    *Message // where the answer landed
	choices   []*discordgo.ApplicationCommandOptionChoice
	answered  bool
	// rejected lists the 400s answered to this interaction's requests.
	rejected []string
}

// Acked reports the accepted callback type, or 0.
func (ix *Interaction) Acked() int {
	ix.srv.mu.Lock()
	defer ix.srv.mu.Unlock()
	return ix.ackType
}

// Response waits for the bot's answer: the message (with embeds) that the
// callback, an edit of the deferred response or a follow-up produced. It
// returns once no REST request is being handled, so Requests then shows
// every request that led to the answer.
func (ix *Interaction) Response(tb testing.TB) *Message {
	tb.Helper()
	ix.srv.waitLocked(tb, 10*time.Second, "answer to interaction "+ix.ID, func() bool { return (ix.answered || len(ix.rejected) > 0) && ix.srv.restInFlight == 0 })
	ix.srv.mu.Lock()
	defer ix.srv.mu.Unlock()
	if !ix.answered {
		tb.Fatalf("discordtest: the answer to interaction %s was rejected: %s", ix.ID, strings.Join(ix.rejected, "; "))
	}
	return ix.answer.clone()
}

// Original returns the current state of the interaction's original
// message, or nil.
func (ix *Interaction) Original() *Message {
	ix.srv.mu.Lock()
	defer ix.srv.mu.Unlock()
	return ix.original.clone()
}

// Followups returns the follow-up messages sent so far.
func (ix *Interaction) Followups() []*Message {
	ix.srv.mu.Lock()
	defer ix.srv.mu.Unlock()
	var out []*Message
	for _, m := range ix.followups {
		out = append(out, m.clone())
	}
	return out
}

// Choices waits for the autocomplete result.
func (ix *Interaction) Choices(tb testing.TB) []*discordgo.ApplicationCommandOptionChoice {
	tb.Helper()
	ix.srv.waitLocked(tb, 10*time.Second, "autocomplete result "+ix.ID, func() bool { return (ix.answered || len(ix.rejected) > 0) && ix.srv.restInFlight == 0 })
	ix.srv.mu.Lock()
	defer ix.srv.mu.Unlock()
	if !ix.answered {
		tb.Fatalf("discordtest: the autocomplete result of %s was rejected: %s", ix.ID, strings.Join(ix.rejected, "; "))
	}
	return append([]*discordgo.ApplicationCommandOptionChoice(nil), ix.choices...)
}

// LoadInteraction reads an interaction template from a JSON file.
func LoadInteraction(tb testing.TB, path string) map[string]any {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return m
}

// Interact dispatches INTERACTION_CREATE built from payload (as Discord
// would send it, e.g. read from testdata); the fake fills in id, token,
// application_id and version.
func (s *Server) Interact(tb testing.TB, payload map[string]any) *Interaction {
	tb.Helper()
	p := deepCopy(payload)
	id := s.NextID()
	p["id"] = id
	p["token"] = "itok-" + id
	p["application_id"] = s.AppID
	p["version"] = 1
	if _, ok := p["type"]; !ok {
		p["type"] = TypeCommand
	}
	typ := toInt(p["type"])
	raw, err := json.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	ix := &Interaction{ID: id, Token: "itok-" + id, Type: typ, Raw: raw, srv: s}
	s.mu.Lock()
	if typ == TypeComponent {
		msg, _ := p["message"].(map[string]any)
		mid, _ := msg["id"].(string)
		if m := s.messages[mid]; m != nil {
			ix.original = m
		} else {
			s.mu.Unlock()
			tb.Fatalf("discordtest: component interaction on unknown message %q", mid)
		}
	}
	ix.dispatched = time.Now()
	s.interactions[id] = ix
	s.mu.Unlock()
	if err := s.Dispatch("INTERACTION_CREATE", json.RawMessage(raw)); err != nil {
		tb.Fatal(err)
	}
	return ix
}

// Click presses the button with customID on msg as the member of base (an
// interaction payload whose member, guild and channel are reused).
func (s *Server) Click(tb testing.TB, base map[string]any, msg *Message, customID string) *Interaction {
	tb.Helper()
	found := false
	for _, b := range msg.Buttons() {
		if b.CustomID == customID {
			if b.Disabled {
				tb.Fatalf("discordtest: button %q is disabled", customID)
			}
			found = true
		}
	}
	if !found {
		tb.Fatalf("discordtest: no button %q on message %s", customID, msg.ID)
	}
	p := map[string]any{"type": TypeComponent}
	for _, k := range []string{"member", "user", "guild_id", "channel_id", "locale", "guild_locale", "app_permissions"} {
		if v, ok := base[k]; ok {
			p[k] = deepCopy(map[string]any{"v": v})["v"]
		}
	}
	mb, _ := json.Marshal(msg)
	var mm map[string]any
	_ = json.Unmarshal(mb, &mm)
	mm["type"] = 20
	p["message"] = mm
	p["data"] = map[string]any{"custom_id": customID, "component_type": 2}
	return s.Interact(tb, p)
}

func deepCopy(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

func toInt(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}

// payload is the message part of a callback, edit or follow-up.
type payload struct {
	Type            int                                          `json:"type"`
	Content         *string                                      `json:"content"`
	Embeds          *[]*discordgo.MessageEmbed                   `json:"embeds"`
	Components      *[]Component                                 `json:"components"`
	Flags           *int                                         `json:"flags"`
	AllowedMentions json.RawMessage                              `json:"allowed_mentions"`
	Choices         *[]*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

func (s *Server) serveCallback(w http.ResponseWriter, id, token string, body []byte) {
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &cb); err != nil {
		writeError(w, 400, 50109, "The request body contains invalid JSON.")
		return
	}
	var data payload
	if len(cb.Data) > 0 && string(cb.Data) != "null" {
		if err := json.Unmarshal(cb.Data, &data); err != nil {
			writeError(w, 400, 50035, "Invalid Form Body", err.Error())
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.interactions[id]
	if ix == nil || ix.Token != token {
		writeError(w, 404, 10062, "Unknown interaction")
		return
	}
	if ix.acked {
		s.violate("interaction %s acknowledged twice", id)
		writeError(w, 400, 40060, "Interaction has already been acknowledged.")
		return
	}
	if time.Since(ix.dispatched) > s.InteractionTimeout {
		s.violate("interaction %s acknowledged after %v", id, time.Since(ix.dispatched).Round(time.Millisecond))
		writeError(w, 404, 10062, "Unknown interaction")
		return
	}
	switch cb.Type {
	case CallbackMessage, CallbackUpdate:
		if cb.Type == CallbackUpdate && ix.Type != TypeComponent {
			s.rejectFor(ix, w, "callback 7 on a non-component interaction")
			return
		}
		if errs := s.validate(&data, true, "callback"); len(errs) > 0 {
			s.rejectFor(ix, w, errs...)
			return
		}
		if cb.Type == CallbackMessage {
			ix.original = s.newMessage(&data)
			ix.answer = ix.original
		} else {
			s.applyEdit(ix.original, &data)
			ix.answer = ix.original
		}
		ix.answered = true
	case CallbackDeferredMessage:
		m := &Message{ID: s.NextID(), Deferred: true}
		if data.Flags != nil {
			m.Flags = *data.Flags
		}
		s.messages[m.ID] = m
		ix.original = m
	case CallbackDeferredUpdate:
		if ix.Type != TypeComponent {
			s.rejectFor(ix, w, "callback 6 on a non-component interaction")
			return
		}
	case CallbackAutocomplete:
		if ix.Type != TypeAutocomplete {
			s.rejectFor(ix, w, "callback 8 on a non-autocomplete interaction")
			return
		}
		if data.Choices == nil {
			s.rejectFor(ix, w, "data.choices: required")
			return
		}
		if errs := validateChoices(*data.Choices); len(errs) > 0 {
			s.rejectFor(ix, w, errs...)
			return
		}
		ix.choices = *data.Choices
		ix.answered = true
	default:
		s.rejectFor(ix, w, fmt.Sprintf("unsupported callback type %d", cb.Type))
		return
	}
	ix.acked = true
	ix.ackType = cb.Type
	s.notify()
	w.WriteHeader(http.StatusNoContent)
}

// reject answers 400 and records a violation; call with s.mu held.
func (s *Server) reject(w http.ResponseWriter, errs ...string) {
	s.rejectFor(nil, w, errs...)
}

// rejectFor is reject for a request about interaction ix.
func (s *Server) rejectFor(ix *Interaction, w http.ResponseWriter, errs ...string) {
	for _, e := range errs {
		s.violate("400: %s", e)
	}
	if ix != nil {
		ix.rejected = append(ix.rejected, errs...)
		s.notify()
	}
	writeError(w, 400, 50035, "Invalid Form Body", errs...)
}

func (s *Server) newMessage(p *payload) *Message {
	m := &Message{ID: s.NextID()}
	if p.Flags != nil {
		m.Flags = *p.Flags
	}
	s.applyEdit(m, p)
	m.Edits = 0
	s.messages[m.ID] = m
	return m
}

func (s *Server) applyEdit(m *Message, p *payload) {
	if p.Content != nil {
		m.Content = *p.Content
	}
	if p.Embeds != nil {
		m.Embeds = *p.Embeds
	}
	if p.Components != nil {
		m.Components = *p.Components
	}
	if p.AllowedMentions != nil {
		m.AllowedMentions = p.AllowedMentions
	}
	m.Deferred = false
	m.Edits++
}

func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request, seg []string, body []byte) {
	// webhooks/{app}/{token}[/messages/{id}]
	app, token := seg[1], seg[2]
	s.mu.Lock()
	defer s.mu.Unlock()
	if app != s.AppID {
		writeError(w, 404, 10015, "Unknown Webhook")
		return
	}
	var ix *Interaction
	for _, c := range s.interactions {
		if c.Token == token {
			ix = c
		}
	}
	if ix == nil {
		writeError(w, 404, 10015, "Unknown Webhook")
		return
	}
	if !ix.acked {
		s.violate("webhook %s %s before the interaction was acknowledged", r.Method, strings.Join(seg[3:], "/"))
		writeError(w, 404, 10015, "Unknown Webhook")
		return
	}
	var p payload
	if len(body) > 0 {
		if err := json.Unmarshal(body, &p); err != nil {
			writeError(w, 400, 50109, "The request body contains invalid JSON.")
			return
		}
	}
	if len(seg) == 3 && r.Method == "POST" {
		if errs := s.validate(&p, true, "follow-up"); len(errs) > 0 {
			s.rejectFor(ix, w, errs...)
			return
		}
		m := s.newMessage(&p)
		ix.followups = append(ix.followups, m)
		if len(m.Embeds) > 0 {
			ix.answer, ix.answered = m, true
		}
		s.notify()
		writeJSON(w, 200, m)
		return
	}
	if len(seg) != 5 || seg[3] != "messages" {
		writeError(w, 404, 0, "404: Not Found")
		return
	}
	var m *Message
	if seg[4] == "@original" {
		m = ix.original
	} else {
		for _, f := range ix.followups {
			if f.ID == seg[4] {
				m = f
			}
		}
	}
	if m == nil || m.Deleted {
		writeError(w, 404, 10008, "Unknown Message")
		return
	}
	switch r.Method {
	case "GET":
		writeJSON(w, 200, m)
	case "DELETE":
		m.Deleted = true
		s.notify()
		w.WriteHeader(http.StatusNoContent)
	case "PATCH":
		if errs := s.validate(&p, false, "edit"); len(errs) > 0 {
			s.rejectFor(ix, w, errs...)
			return
		}
		s.applyEdit(m, &p)
		if seg[4] == "@original" && len(m.Embeds) > 0 && p.Embeds != nil {
			ix.answer, ix.answered = m, true
		}
		s.notify()
		writeJSON(w, 200, m)
	default:
		writeError(w, 405, 0, "405: Method Not Allowed")
	}
}

func (s *Server) serveChannelMessages(w http.ResponseWriter, r *http.Request, seg []string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var p payload
	if len(body) > 0 {
		if err := json.Unmarshal(body, &p); err != nil {
			writeError(w, 400, 50109, "The request body contains invalid JSON.")
			return
		}
	}
	switch {
	case len(seg) == 3 && r.Method == "POST":
		if errs := s.validate(&p, true, "channel message"); len(errs) > 0 {
			s.reject(w, errs...)
			return
		}
		m := s.newMessage(&p)
		m.ChannelID = seg[1]
		s.notify()
		writeJSON(w, 200, m)
	case len(seg) == 4:
		m := s.messages[seg[3]]
		if m == nil || m.Deleted || m.ChannelID != seg[1] {
			writeError(w, 404, 10008, "Unknown Message")
			return
		}
		switch r.Method {
		case "GET":
			writeJSON(w, 200, m)
		case "PATCH":
			if errs := s.validate(&p, false, "channel message edit"); len(errs) > 0 {
				s.reject(w, errs...)
				return
			}
			s.applyEdit(m, &p)
			s.notify()
			writeJSON(w, 200, m)
		case "DELETE":
			m.Deleted = true
			s.notify()
			w.WriteHeader(http.StatusNoContent)
		default:
			writeError(w, 405, 0, "405: Method Not Allowed")
		}
	default:
		writeError(w, 404, 0, "404: Not Found")
	}
}

// ChannelMessages returns the messages created in a channel.
func (s *Server) ChannelMessages(channelID string) []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*Message
	for _, m := range s.messages {
		if m.ChannelID == channelID && !m.Deleted {
			out = append(out, m.clone())
		}
	}
	return out
}

// Discord's limits, in characters.
const (
	limitContent     = 2000
	limitEmbeds      = 10
	limitTitle       = 256
	limitDescription = 4096
	limitFields      = 25
	limitFieldName   = 256
	limitFieldValue  = 1024
	limitFooter      = 2048
	limitAuthor      = 256
	limitTotal       = 6000
	limitRows        = 5
	limitRowButtons  = 5
	limitCustomID    = 100
	limitLabel       = 80
	limitChoices     = 25
)

// validate checks a message payload as Discord would; it returns the
// reasons for a 400. Breaches of briefbot's own rules (allowed mentions)
// are recorded as violations without failing the request.
func (s *Server) validate(p *payload, create bool, where string) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, where+": "+fmt.Sprintf(format, args...)) }
	checkText := func(name, v string, max int, required bool) {
		n := utf8.RuneCountInString(v)
		if required && strings.TrimSpace(v) == "" {
			bad("%s: required", name)
		}
		if n > max {
			bad("%s: %d characters, more than %d", name, n, max)
		}
		if strings.ContainsRune(v, utf8.RuneError) {
			bad("%s: invalid UTF-8", name)
		}
	}
	if p.Content != nil {
		checkText("content", *p.Content, limitContent, false)
	}
	if create && (p.Content == nil || *p.Content == "") && (p.Embeds == nil || len(*p.Embeds) == 0) && (p.Components == nil || len(*p.Components) == 0) {
		bad("cannot send an empty message")
	}
	if p.Embeds != nil {
		if len(*p.Embeds) > limitEmbeds {
			bad("embeds: %d, more than %d", len(*p.Embeds), limitEmbeds)
		}
		total := 0
		for i, e := range *p.Embeds {
			if e == nil {
				bad("embeds[%d]: null", i)
				continue
			}
			name := fmt.Sprintf("embeds[%d]", i)
			checkText(name+".title", e.Title, limitTitle, false)
			checkText(name+".description", e.Description, limitDescription, false)
			total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
			if e.URL != "" && !validURL(e.URL) {
				bad("%s.url: not a valid http(s) URL: %q", name, e.URL)
			}
			if len(e.Fields) > limitFields {
				bad("%s.fields: %d, more than %d", name, len(e.Fields), limitFields)
			}
			for j, f := range e.Fields {
				checkText(fmt.Sprintf("%s.fields[%d].name", name, j), f.Name, limitFieldName, true)
				checkText(fmt.Sprintf("%s.fields[%d].value", name, j), f.Value, limitFieldValue, true)
				total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
			}
			if e.Footer != nil {
				checkText(name+".footer.text", e.Footer.Text, limitFooter, true)
				total += utf8.RuneCountInString(e.Footer.Text)
			}
			if e.Author != nil {
				checkText(name+".author.name", e.Author.Name, limitAuthor, true)
				total += utf8.RuneCountInString(e.Author.Name)
			}
			if e.Title == "" && e.Description == "" && len(e.Fields) == 0 && e.Footer == nil && e.Author == nil && e.Image == nil {
				bad("%s: empty embed", name)
			}
		}
		if total > limitTotal {
			bad("embeds: %d characters in total, more than %d", total, limitTotal)
		}
	}
	if p.Components != nil {
		rows := *p.Components
		if len(rows) > limitRows {
			bad("components: %d rows, more than %d", len(rows), limitRows)
		}
		ids := map[string]bool{}
		for i, row := range rows {
			if row.Type != 1 {
				bad("components[%d]: top-level component must be an action row", i)
				continue
			}
			if len(row.Components) == 0 || len(row.Components) > limitRowButtons {
				bad("components[%d]: %d buttons, want 1..%d", i, len(row.Components), limitRowButtons)
			}
			for j, c := range row.Components {
				name := fmt.Sprintf("components[%d].components[%d]", i, j)
				if c.Type != 2 {
					bad("%s: only buttons are supported by the fake", name)
					continue
				}
				checkText(name+".label", c.Label, limitLabel, false)
				if c.Style == 5 {
					if !validURL(c.URL) || c.CustomID != "" {
						bad("%s: a link button needs a URL and no custom_id", name)
					}
					continue
				}
				if c.Style < 1 || c.Style > 4 {
					bad("%s.style: %d", name, c.Style)
				}
				if c.CustomID == "" || utf8.RuneCountInString(c.CustomID) > limitCustomID {
					bad("%s.custom_id: must be 1..%d characters, got %d", name, limitCustomID, utf8.RuneCountInString(c.CustomID))
				}
				if ids[c.CustomID] {
					bad("%s.custom_id: duplicate %q", name, c.CustomID)
				}
				ids[c.CustomID] = true
			}
		}
	}
	if p.Flags != nil && *p.Flags&^(FlagEphemeral|4) != 0 {
		bad("flags: only EPHEMERAL and SUPPRESS_EMBEDS may be set, got %d", *p.Flags)
	}
	s.checkMentions(p.AllowedMentions, where)
	return errs
}

// checkMentions records a message whose allowed_mentions is not empty:
// briefbot quotes article text, which must never ping anyone.
func (s *Server) checkMentions(raw json.RawMessage, where string) {
	if len(raw) == 0 || string(raw) == "null" {
		s.violate("%s: allowed_mentions missing", where)
		return
	}
	var am struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	}
	if err := json.Unmarshal(raw, &am); err != nil {
		s.violate("%s: allowed_mentions: %v", where, err)
		return
	}
	if am.Parse == nil || len(*am.Parse) > 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser {
		s.violate("%s: allowed_mentions not empty: %s", where, raw)
	}
}

func validateChoices(cs []*discordgo.ApplicationCommandOptionChoice) []string {
	var errs []string
	if len(cs) > limitChoices {
		errs = append(errs, fmt.Sprintf("choices: %d, more than %d", len(cs), limitChoices))
	}
	for i, c := range cs {
		if c == nil {
			errs = append(errs, fmt.Sprintf("choices[%d]: null", i))
			continue
		}
		n := utf8.RuneCountInString(c.Name)
		if n < 1 || n > 100 || strings.ContainsRune(c.Name, utf8.RuneError) {
			errs = append(errs, fmt.Sprintf("choices[%d].name: %d characters, want 1..100", i, n))
		}
		if v, ok := c.Value.(string); ok && (utf8.RuneCountInString(v) > 100 || v == "") {
			errs = append(errs, fmt.Sprintf("choices[%d].value: want 1..100 characters", i))
		}
	}
	return errs
}

func validURL(u string) bool {
	return (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && len(u) > len("https://") && !strings.ContainsAny(u, " \n")
}
