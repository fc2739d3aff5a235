package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"First sentence. Second sentence is long.", 30, "First sentence.…"},
		{"line one\nline two\nline three", 22, "line one\nline two…"},
		{"alpha beta gamma delta", 14, "alpha beta…"},
		{"Supercalifragilistic", 8, "Superca…"},
		{"äöü äöü äöü", 6, "äöü…"},
		{"🇺🇦🇺🇦🇺🇦", 6, "🇺🇦…"}, // a flag is 4 UTF-16 units
		{"", 5, ""},
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if textLen(got) > tt.max || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) = %q: %d units or invalid UTF-8", tt.in, tt.max, got, textLen(got))
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("Mark Rutte said @everyone. Then more text follows here.", 20)
	f.Add("日本語のテキスト。もう一文。", 7)
	f.Add("\xff\xfe broken", 4)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 5000 {
			return
		}
		got := truncate(s, max)
		if textLen(got) > max {
			t.Fatalf("truncate(%q, %d) = %q of %d units", s, max, got, textLen(got))
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("truncate(%q, %d) = %q: invalid UTF-8", s, max, got)
		}
	})
}

func TestRenderEmbedLimits(t *testing.T) {
	long := strings.Repeat("Ein Satz über die NATO und 🇺🇦. ", 400)
	var fields []commands.Field
	for i := 0; i < 30; i++ {
		fields = append(fields, commands.Field{Name: strings.Repeat("n", 300), Value: long})
	}
	e := renderEmbed(&commands.Response{
		Title: long, URL: "javascript:alert(1)", Lines: []string{long, long}, Fields: fields,
		Footer: long, Suggestions: []string{"a", "b"},
		Citations: []commands.Citation{{Title: "T [x]", URL: "https://example.org/a", Published: "2025-10-22"}},
		Page:      1, Pages: 3,
	})
	if textLen(e.Title) > maxTitle || textLen(e.Description) > maxDescription || len(e.Fields) > maxFields ||
		e.Footer == nil || textLen(e.Footer.Text) > maxFooter || embedLen(e) > maxEmbedTotal {
		t.Errorf("limits broken: title %d, description %d, fields %d, total %d", textLen(e.Title), textLen(e.Description), len(e.Fields), embedLen(e))
	}
	if e.URL != "" {
		t.Errorf("invalid URL kept: %q", e.URL)
	}
	for _, f := range e.Fields {
		if textLen(f.Value) > maxFieldValue || textLen(f.Name) > maxFieldName || f.Value == "" {
			t.Errorf("field %q: %d", f.Name, textLen(f.Value))
		}
	}
	if !strings.Contains(e.Footer.Text, "Page 2/3") {
		t.Errorf("footer = %q", e.Footer.Text)
	}
	// The description keeps its first part when fields have to go.
	if textLen(e.Description) < minDescription*9/10 {
		t.Errorf("description shrunk to %d", textLen(e.Description))
	}
}

func TestRenderEmbedCitations(t *testing.T) {
	e := renderEmbed(&commands.Response{
		Title: "Mark Rutte", Lines: []string{"x"},
		Citations: []commands.Citation{{Title: "Rutte [visit]", URL: "https://example.org/a", Published: "2025-10-22"}, {Title: "Offline", Published: "2025-10-21"}},
	})
	var sources string
	for _, f := range e.Fields {
		if f.Name == "Sources" {
			sources = f.Value
		}
	}
	if sources != "[Rutte (visit)](https://example.org/a) (2025-10-22)\nOffline (2025-10-21)" {
		t.Errorf("sources = %q", sources)
	}
	e = renderEmbed(&commands.Response{Title: "x", Citations: []commands.Citation{{Title: "seed.txt", Published: "2025-10-22"}}})
	if e.Footer == nil || e.Footer.Text != "Sources: seed.txt (2025-10-22)" {
		t.Errorf("footer = %+v", e.Footer)
	}
}

func testBot() *Bot {
	b := &Bot{components: &memoryComponents{}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	b.baseCtx, b.cancel = context.WithCancel(context.Background())
	return b
}

func TestComponentIDs(t *testing.T) {
	b := testBot()
	ctx := context.Background()
	tests := []struct {
		command string
		opts    map[string]string
	}{
		{"timeline", map[string]string{"topic": "ukraine"}},
		{"admin source remove", map[string]string{"name": "a&b=c?d", "confirm": "true"}},
		{"who", map[string]string{"name": strings.Repeat("Ünïcödé ", 30)}},
		{"sources", nil},
	}
	for _, tt := range tests {
		id, err := b.componentID(kindPage, 7, tt.command, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(id) > maxCustomID {
			t.Errorf("%q: %d characters", id, len(id))
		}
		p, err := b.parseComponentID(ctx, id)
		if err != nil {
			t.Fatalf("%q: %v", id, err)
		}
		if p.kind != kindPage || p.page != 7 || p.command != tt.command || len(p.options) != len(tt.opts) {
			t.Errorf("%q decoded to %+v", id, p)
		}
		for k, v := range tt.opts {
			if p.options[k] != v {
				t.Errorf("%q: option %s = %q, want %q", id, k, p.options[k], v)
			}
		}
	}
	if id, _ := b.componentID(kindPage, 1, "timeline", map[string]string{"topic": "ukraine"}); id != "p:1:timeline?topic=ukraine" {
		t.Errorf("short id = %q", id)
	}
	for _, bad := range []string{"", "x:1:who", "p:-1:who", "p:one:who", "hp:1:unknownkey", "p:1:"} {
		if _, err := b.parseComponentID(ctx, bad); err == nil {
			t.Errorf("parseComponentID(%q) succeeded", bad)
		}
	}
}

func TestRenderComponents(t *testing.T) {
	b := testBot()
	req := &commands.Request{Command: "timeline", Options: map[string]string{"topic": "x"}}
	rows := b.renderComponents(req, &commands.Response{Page: 0, Pages: 4, Buttons: []commands.Button{
		{Label: "One", Command: "a"}, {Label: "Two", Command: "b"}, {Label: "One again", Command: "a"},
	}})
	if len(rows) != 2 {
		t.Fatalf("rows = %d", len(rows))
	}
	pager := rows[0].(discordgo.ActionsRow).Components
	prev, next := pager[0].(discordgo.Button), pager[1].(discordgo.Button)
	if !prev.Disabled || next.Disabled || prev.CustomID == next.CustomID || next.CustomID != "p:1:timeline?topic=x" {
		t.Errorf("pager = %+v %+v", prev, next)
	}
	if n := len(rows[1].(discordgo.ActionsRow).Components); n != 2 {
		t.Errorf("buttons = %d, want duplicates dropped", n)
	}
	last := b.renderComponents(req, &commands.Response{Page: 3, Pages: 4})
	pager = last[0].(discordgo.ActionsRow).Components
	if pager[0].(discordgo.Button).Disabled || !pager[1].(discordgo.Button).Disabled {
		t.Errorf("last page pager = %+v", pager)
	}
}

func TestRouteRewritesEveryRequest(t *testing.T) {
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Host+" "+r.URL.Path)
		fmt.Fprint(w, `{"url":"wss://gateway.discord.gg"}`)
	}))
	defer srv.Close()
	s, _ := discordgo.New("Bot x")
	if err := Route(s, srv.URL+"/proxy/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Gateway(); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	if len(paths) != 1 || paths[0] != host+" /proxy/api/v"+discordgo.APIVersion+"/gateway" {
		t.Errorf("requests = %v", paths)
	}
	for _, bad := range []string{"ftp://x", "discord.com", "https://x/?a=b"} {
		if err := Route(s, bad, nil); err == nil {
			t.Errorf("Route(%q) accepted", bad)
		}
	}
	d, _ := discordgo.New("Bot x")
	dialer, client := d.Dialer, d.Client
	if err := Route(d, DefaultAPIBase, nil); err != nil || d.Dialer != dialer || d.Client != client {
		t.Error("the default API base changed the session's transport")
	}
}

func TestRedact(t *testing.T) {
	if got := redact("HTTP 401: token abc.def rejected", "abc.def"); strings.Contains(got, "abc.def") {
		t.Errorf("redact = %q", got)
	}
}
