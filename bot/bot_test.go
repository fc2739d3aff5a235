package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"briefbot/bot"
	"briefbot/bot/discordtest"
	"briefbot/commands"
)

// pagedTimeline answers /timeline with n numbered events, pageSize a page.
func pagedTimeline(n, pageSize int) func(ctx context.Context, req *commands.Request) *commands.Response {
	return func(ctx context.Context, req *commands.Request) *commands.Response {
		pages := (n + pageSize - 1) / pageSize
		if req.Page >= pages {
			return &commands.Response{Title: "No such page", Ephemeral: true, Error: true}
		}
		var lines []string
		for i := req.Page * pageSize; i < min(n, (req.Page+1)*pageSize); i++ {
			lines = append(lines, fmt.Sprintf("**2025-10-%02d** Event number %d about %s.", 1+i%28, i+1, req.Option("topic")))
		}
		return &commands.Response{Title: "Timeline: " + req.Option("topic"), Lines: lines, Page: req.Page, Pages: pages}
	}
}

func TestRegistration(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(3, 10)}
	b := startBot(t, srv, testConfig(srv), cmds)
	if b.AppID() != srv.AppID {
		t.Errorf("app id = %q, want %q from READY", b.AppID(), srv.AppID)
	}
	got := srv.Commands(guildID)
	byName := map[string]int{}
	for i, c := range got {
		byName[c.Name] = i
	}
	for _, name := range []string{"who", "timeline", "search", "admin"} {
		if _, ok := byName[name]; !ok {
			t.Fatalf("command %s not registered; got %v", name, byName)
		}
	}
	who := got[byName["who"]]
	if len(who.Options) != 1 || who.Options[0].Name != "name" || !who.Options[0].Autocomplete || !who.Options[0].Required {
		t.Errorf("who options = %+v", who.Options[0])
	}
	if who.DefaultMemberPermissions != nil {
		t.Errorf("who has default_member_permissions %d", *who.DefaultMemberPermissions)
	}
	admin := got[byName["admin"]]
	if admin.DefaultMemberPermissions == nil || *admin.DefaultMemberPermissions != 1<<5 {
		t.Errorf("admin default_member_permissions = %v, want Manage Server (32)", admin.DefaultMemberPermissions)
	}
	if len(admin.Options) != 2 || admin.Options[0].Type != 1 || admin.Options[1].Type != 2 ||
		admin.Options[1].Options[1].Name != "remove" || admin.Options[1].Options[1].Options[0].Name != "name" {
		b, _ := json.Marshal(admin.Options)
		t.Errorf("admin options: %s", b)
	}
	// The permission is sent as a string, as Discord requires.
	puts := srv.RequestsTo("PUT", "/guilds/"+guildID+"/commands")
	if len(puts) != 1 || !strings.Contains(string(puts[0].Body), `"default_member_permissions":"32"`) {
		t.Errorf("bulk overwrite requests: %d", len(puts))
	}
	if len(srv.RequestsTo("", "/applications/"+srv.AppID+"/commands")) != 0 {
		t.Error("commands registered globally although guilds are configured")
	}

	// A second bot with the same commands changes nothing.
	startBot(t, srv, testConfig(srv), cmds)
	if n := srv.Overwrites(guildID); n != 1 {
		t.Errorf("overwrites = %d after re-registering an unchanged set, want 1", n)
	}
	// A changed set is written again.
	changed := &Commands{ServeFn: cmds.ServeFn, DefinitionsFn: func() []commands.Definition {
		d := testDefinitions()
		d[0].Description = "Changed description"
		return d
	}}
	startBot(t, srv, testConfig(srv), changed)
	if n := srv.Overwrites(guildID); n != 2 {
		t.Errorf("overwrites = %d after changing a description, want 2", n)
	}
	noViolations(t, srv)
}

func TestRegistrationGlobal(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cfg := testConfig(srv)
	cfg.GuildIDs = nil
	startBot(t, srv, cfg, &Commands{ServeFn: pagedTimeline(3, 10)})
	if n := len(srv.Commands("")); n != 4 {
		t.Errorf("global commands = %d, want 4", n)
	}
}

func TestCommandAnswer(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		return &commands.Response{
			Title:     "Mark Rutte",
			Lines:     []string{"Secretary General of NATO.", "Said @everyone should listen, and <@123> too."},
			Fields:    []commands.Field{{Name: "Roles", Value: "NATO Secretary General"}},
			Citations: []commands.Citation{{Title: "Rutte at the White House", URL: "https://example.org/a", Published: "2025-10-22"}},
		}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	msg := ix.Response(t)
	if ix.Acked() != discordtest.CallbackMessage {
		t.Errorf("callback type %d, want an immediate message", ix.Acked())
	}
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Mark Rutte" {
		t.Fatalf("embeds = %+v", msg.Embeds)
	}
	if !strings.Contains(msg.Text(), "[Rutte at the White House](https://example.org/a)") {
		t.Errorf("citation link missing:\n%s", msg.Text())
	}
	if msg.Ephemeral() {
		t.Error("answer is ephemeral")
	}
	var body struct {
		Data struct {
			AllowedMentions map[string]any `json:"allowed_mentions"`
		} `json:"data"`
	}
	cb := srv.RequestsTo("POST", "/callback")
	if err := cb[0].JSON(&body); err != nil {
		t.Fatal(err)
	}
	if p, ok := body.Data.AllowedMentions["parse"].([]any); !ok || len(p) != 0 {
		t.Errorf("allowed_mentions = %v, want parse: []", body.Data.AllowedMentions)
	}
	reqs := cmds.Requests()
	if len(reqs) != 1 || reqs[0].Command != "who" || reqs[0].Option("name") != "rutte" ||
		reqs[0].Caller.UserID != "300000000000000001" || reqs[0].Caller.Admin || reqs[0].GuildID != guildID {
		t.Errorf("requests = %+v", reqs)
	}
	noViolations(t, srv)
}

func TestPaging(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(40, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	base := interaction(t, "timeline_ukraine.json")
	msg := srv.Interact(t, base).Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") || !strings.Contains(msg.Text(), "Page 1/4") {
		t.Fatalf("first page:\n%s", msg.Text())
	}
	prev, _ := msg.Button("Prev")
	next, ok := msg.Button("Next")
	if !ok || next.Disabled || !prev.Disabled {
		t.Fatalf("buttons = %+v", msg.Buttons())
	}
	ix := srv.Click(t, base, msg, next.CustomID)
	page2 := ix.Response(t)
	if ix.Acked() != discordtest.CallbackUpdate || page2.ID != msg.ID {
		t.Errorf("Next answered with callback %d on message %s, want an update of %s", ix.Acked(), page2.ID, msg.ID)
	}
	if !strings.Contains(page2.Text(), "Event number 11 ") || !strings.Contains(page2.Text(), "Page 2/4") {
		t.Fatalf("second page:\n%s", page2.Text())
	}
	prev, _ = page2.Button("Prev")
	page1 := srv.Click(t, base, page2, prev.CustomID).Response(t)
	if !strings.Contains(page1.Text(), "Event number 1 ") || page1.ID != msg.ID {
		t.Fatalf("back to the first page:\n%s", page1.Text())
	}
	noViolations(t, srv)
}

func TestPagingAfterRestart(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(40, 10)}
	cfg := testConfig(srv)
	b1, err := bot.New(cfg, cmds, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	if err := b1.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	base := interaction(t, "timeline_ukraine.json")
	msg := srv.Interact(t, base).Response(t)
	if err := b1.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	startBot(t, srv, cfg, cmds)
	next, _ := msg.Button("Next")
	page2 := srv.Click(t, base, msg, next.CustomID).Response(t)
	if !strings.Contains(page2.Text(), "Event number 11 ") {
		t.Fatalf("page 2 after restart:\n%s", page2.Text())
	}
	noViolations(t, srv)
}

func TestLongOptionsUseComponentStore(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(40, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	base := interaction(t, "timeline_ukraine.json")
	long := strings.Repeat("very long topic ", 10)
	setOption(base, "topic", long)
	msg := srv.Interact(t, base).Response(t)
	next, ok := msg.Button("Next")
	if !ok || len(next.CustomID) > 100 {
		t.Fatalf("next button = %+v", next)
	}
	page2 := srv.Click(t, base, msg, next.CustomID).Response(t)
	if !strings.Contains(page2.Text(), "Event number 11 about "+strings.TrimSpace(long)) && !strings.Contains(page2.Text(), "Event number 11 ") {
		t.Fatalf("page 2:\n%s", page2.Text())
	}
	reqs := cmds.Requests()
	if last := reqs[len(reqs)-1]; last.Option("topic") != long || last.Page != 1 {
		t.Errorf("rebuilt request = %+v", last)
	}
	noViolations(t, srv)
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	var got []string
	var mu sync.Mutex
	cmds := &Commands{
		ServeFn: pagedTimeline(1, 10),
		AutocompleteFn: func(ctx context.Context, req *commands.Request, option, typed string) ([]commands.Choice, error) {
			mu.Lock()
			got = append(got, req.Command+"/"+option+"="+typed)
			mu.Unlock()
			var cs []commands.Choice
			cs = append(cs, commands.Choice{Name: "Mark Rutte", Value: "Mark Rutte"})
			for i := 0; i < 40; i++ {
				cs = append(cs, commands.Choice{Name: fmt.Sprintf("Ru %d %s", i, strings.Repeat("ü", 150)), Value: fmt.Sprintf("ru-%d", i)})
			}
			return cs, nil
		},
	}
	startBot(t, srv, testConfig(srv), cmds)
	start := time.Now()
	ix := srv.Interact(t, interaction(t, "autocomplete_who_ru.json"))
	choices := ix.Choices(t)
	if d := time.Since(start); d > time.Second {
		t.Errorf("autocomplete took %v", d)
	}
	if len(choices) != 25 || choices[0].Name != "Mark Rutte" {
		t.Fatalf("choices = %d, first %+v", len(choices), choices[0])
	}
	for _, c := range choices {
		if n := len([]rune(c.Name)); n > 100 {
			t.Errorf("choice name of %d characters", n)
		}
	}
	mu.Lock()
	if len(got) != 1 || got[0] != "who/name=ru" {
		t.Errorf("autocomplete calls = %v", got)
	}
	mu.Unlock()
	noViolations(t, srv)
}

func TestEmbedLimits(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	sentence := "Wörter über Grenzen 🇺🇦 hinweg, und noch ein Satz mit Umlauten äöü. "
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		switch req.Command {
		case "who": // a 10,000-character profile
			var fields []commands.Field
			for i := 0; i < 40; i++ {
				fields = append(fields, commands.Field{Name: strings.Repeat("Rolle ", 60), Value: strings.Repeat(sentence, 30)})
			}
			return &commands.Response{
				Title:  strings.Repeat("Ein sehr langer Titel ", 30),
				URL:    "not a url",
				Lines:  []string{strings.Repeat(sentence, 150)},
				Fields: fields,
				Footer: strings.Repeat("Quelle ", 400),
			}
		default: // 60 events on one page
			var lines []string
			for i := 0; i < 60; i++ {
				lines = append(lines, fmt.Sprintf("**2025-10-%02d** %s", 1+i%28, strings.Repeat(sentence, 2)))
			}
			return &commands.Response{Title: "Timeline", Lines: lines}
		}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	for _, f := range []string{"who_rutte.json", "timeline_ukraine.json"} {
		msg := srv.Interact(t, interaction(t, f)).Response(t)
		e := msg.Embeds[0]
		if !strings.HasSuffix(e.Description, "…") {
			t.Errorf("%s: cut description does not end with …: %q", f, e.Description[len(e.Description)-40:])
		}
		trimmed := strings.TrimSuffix(e.Description, "…")
		if !strings.HasSuffix(trimmed, ".") {
			t.Errorf("%s: description not cut at a sentence or line end: %q", f, trimmed[len(trimmed)-40:])
		}
	}
	noViolations(t, srv)
}

func TestAdminRefused(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		return &commands.Response{Title: "reloaded"}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	msg := srv.Interact(t, interaction(t, "admin_reload.json")).Response(t)
	if !msg.Ephemeral() || !strings.Contains(msg.Text(), "Manage Server") {
		t.Errorf("refusal = %+v", msg)
	}
	if n := len(cmds.Requests()); n != 0 {
		t.Errorf("handler ran %d times for a member without Manage Server", n)
	}
	// A configured admin role passes without the permission.
	cfg := testConfig(srv)
	cfg.AdminRoleIDs = []string{"400000000000000001"}
	srv2 := discordtest.New(t)
	cfg.APIBase, cfg.Token = srv2.URL(), srv2.Token
	startBot(t, srv2, cfg, cmds)
	msg = srv2.Interact(t, interaction(t, "admin_reload.json")).Response(t)
	if msg.Ephemeral() || !strings.Contains(msg.Text(), "reloaded") {
		t.Errorf("configured admin role refused: %+v", msg.Text())
	}
	if reqs := cmds.Requests(); len(reqs) != 1 || !reqs[0].Caller.Admin || reqs[0].Command != "admin reload" {
		t.Errorf("requests = %+v", reqs)
	}
	noViolations(t, srv)
	noViolations(t, srv2)
}

func TestSlowCommandDefersWithProgress(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	release := make(chan struct{})
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		req.Progress("loading source 1 of 2")
		<-release
		return &commands.Response{Title: "Reload report", Lines: []string{"changed: a", "unchanged: b"}}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	ix := srv.Interact(t, asMember(t, interaction(t, "admin_reload.json"), "member_admin.json"))
	srv.WaitFor(t, 5*time.Second, "progress edit", func() bool { return len(srv.RequestsTo("PATCH", "@original")) > 0 })
	if ix.Acked() != discordtest.CallbackDeferredMessage {
		t.Errorf("callback = %d, want deferred (5)", ix.Acked())
	}
	if o := ix.Original(); !strings.Contains(o.Content, "loading source 1 of 2") {
		t.Errorf("progress = %q", o.Content)
	}
	close(release)
	msg := ix.Response(t)
	if msg.Content != "" || !strings.Contains(msg.Text(), "Reload report") {
		t.Errorf("final = %q / %s", msg.Content, msg.Text())
	}
	noViolations(t, srv)
}

func TestHandlerSlowerThanDeferAfter(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		time.Sleep(400 * time.Millisecond)
		return &commands.Response{Title: "late", Lines: []string{"answer"}}
	}}
	cfg := testConfig(srv)
	cfg.DeferAfter = bot.Duration(100 * time.Millisecond)
	startBot(t, srv, cfg, cmds)
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	msg := ix.Response(t)
	if ix.Acked() != discordtest.CallbackDeferredMessage || !strings.Contains(msg.Text(), "late") {
		t.Errorf("callback %d, answer %s", ix.Acked(), msg.Text())
	}
	noViolations(t, srv)
}

func TestEphemeralErrorAfterDeferral(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		return &commands.Response{Title: "Reload failed", Lines: []string{"store locked"}, Ephemeral: true, Error: true}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	ix := srv.Interact(t, asMember(t, interaction(t, "admin_reload.json"), "member_admin.json"))
	msg := ix.Response(t)
	if !msg.Ephemeral() || !strings.Contains(msg.Text(), "store locked") {
		t.Errorf("answer = %+v", msg)
	}
	if o := ix.Original(); o == nil || !o.Deleted {
		t.Error("the public deferred placeholder was not deleted")
	}
	noViolations(t, srv)
}

func TestRateLimitedCallback(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(3, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	srv.Inject(discordtest.Fault{Method: "POST", PathContains: "/callback", Status: 429, RetryAfter: 0.25})
	ix := srv.Interact(t, interaction(t, "timeline_ukraine.json"))
	msg := ix.Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") {
		t.Fatalf("answer: %s", msg.Text())
	}
	cbs := srv.RequestsTo("POST", "/interactions/"+ix.ID)
	if len(cbs) != 2 || cbs[0].Status != 429 || cbs[1].Status != 204 {
		for _, c := range cbs {
			t.Logf("%s %s -> %d", c.Method, c.Path, c.Status)
		}
		t.Fatalf("callbacks = %d, want a 429 then one accepted", len(cbs))
	}
	if gap := cbs[1].At.Sub(cbs[0].At); gap < 250*time.Millisecond {
		t.Errorf("retried after %v, before retry_after", gap)
	}
	noViolations(t, srv)
}

func TestGatewayReconnect(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(3, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	srv.Interact(t, interaction(t, "timeline_ukraine.json")).Response(t)

	srv.CloseGateway(0) // the network drops
	srv.WaitGateway(t, 15*time.Second, "reconnect", func(g discordtest.GatewayStats) bool {
		return g.Connections == 1 && g.Identifies+g.Resumes >= 2
	})
	msg := srv.Interact(t, interaction(t, "who_rutte.json")).Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") {
		t.Errorf("after reconnect: %s", msg.Text())
	}
	if g := srv.Gateway(); g.Resumes != 1 {
		t.Errorf("gateway = %+v, want one resume", g)
	}
	noViolations(t, srv)
}

func TestGatewayEventDuringOutageIsReplayed(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(3, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	srv.CloseGateway(4000)
	srv.WaitGateway(t, 5*time.Second, "disconnect", func(g discordtest.GatewayStats) bool { return g.Connections == 0 })
	// Sent while the bot is away: delivered on resume.
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	msg := ix.Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") {
		t.Errorf("replayed interaction: %s", msg.Text())
	}
	noViolations(t, srv)
}

func TestShutdownFinishesInFlight(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	started := make(chan struct{})
	release := make(chan struct{})
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		close(started)
		select {
		case <-release:
		case <-ctx.Done():
			return &commands.Response{Title: "cancelled", Error: true, Ephemeral: true}
		}
		return &commands.Response{Title: "finished", Lines: []string{"all there"}}
	}}
	cfg := testConfig(srv)
	cfg.DeferAfter = bot.Duration(50 * time.Millisecond)
	b, err := bot.New(cfg, cmds, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	<-started
	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		closed <- b.Close(ctx)
	}()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with an interaction in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	// New interactions are turned away while the old one finishes.
	late := srv.Interact(t, interaction(t, "timeline_ukraine.json")).Response(t)
	if !late.Ephemeral() || !strings.Contains(late.Text(), "restarting") {
		t.Errorf("interaction during shutdown: %s", late.Text())
	}
	if g := srv.Gateway(); g.Connections != 1 {
		t.Errorf("gateway closed before the interaction finished: %+v", g)
	}
	close(release)
	msg := ix.Response(t)
	if !strings.Contains(msg.Text(), "finished") {
		t.Errorf("answer: %s", msg.Text())
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if g := srv.Gateway(); g.Connections != 0 {
		t.Errorf("gateway still open after Close: %+v", g)
	}
	if n := len(cmds.Requests()); n != 1 {
		t.Errorf("served %d requests, want only the one in flight", n)
	}
	noViolations(t, srv)
}

func TestMissingToken(t *testing.T) {
	t.Setenv(bot.TokenEnv, "")
	cfg, err := bot.DecodeConfig(json.RawMessage(`{"guild_ids":["1"]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bot.New(cfg, &Commands{}, testLogger())
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") || !strings.Contains(err.Error(), "briefbot ask") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error = %v", err)
	}
}

func TestBadTokenIsRedacted(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cfg := testConfig(srv)
	cfg.Token = "wrong-secret-token"
	b, err := bot.New(cfg, &Commands{ServeFn: pagedTimeline(1, 1)}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = b.Open(ctx)
	b.Close(context.Background())
	if err == nil {
		t.Fatal("Open succeeded with a wrong token")
	}
	if strings.Contains(err.Error(), "wrong-secret-token") {
		t.Errorf("token in error: %v", err)
	}
}

func TestGatewayReconnectFreshIdentify(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: pagedTimeline(3, 10)}
	startBot(t, srv, testConfig(srv), cmds)
	srv.WaitGateway(t, 5*time.Second, "first heartbeat", func(g discordtest.GatewayStats) bool { return g.Heartbeats >= 1 })
	srv.InvalidateSessions()
	srv.CloseGateway(0)
	srv.WaitGateway(t, 15*time.Second, "fresh identify", func(g discordtest.GatewayStats) bool {
		return g.Connections == 1 && g.Identifies == 2
	})
	msg := srv.Interact(t, interaction(t, "who_rutte.json")).Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") {
		t.Errorf("after a fresh identify: %s", msg.Text())
	}
	if g := srv.Gateway(); g.Resumes != 0 {
		t.Errorf("gateway = %+v, want no resume of an invalidated session", g)
	}
	// Commands are registered once, not again on every READY.
	if n := srv.Overwrites(guildID); n != 1 {
		t.Errorf("overwrites = %d", n)
	}
	noViolations(t, srv)
}

func TestRejectedProgressEditLosesNothing(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		req.Progress("step 1")
		return &commands.Response{Title: "Reload report", Lines: []string{"done"}}
	}}
	startBot(t, srv, testConfig(srv), cmds)
	srv.Inject(discordtest.Fault{Method: "PATCH", PathContains: "@original", Status: 400})
	ix := srv.Interact(t, asMember(t, interaction(t, "admin_reload.json"), "member_admin.json"))
	msg := ix.Response(t)
	if !strings.Contains(msg.Text(), "Reload report") {
		t.Errorf("answer: %s", msg.Text())
	}
	patches := srv.RequestsTo("PATCH", "@original")
	if len(patches) != 2 || patches[0].Status != 400 || patches[1].Status != 200 {
		t.Errorf("edits = %d", len(patches))
	}
}

// TestAPIBaseThroughProxy runs the bot through a rate-limit proxy in front
// of Discord (here a reverse proxy under a path prefix): every REST call
// and the gateway go through api_base.
func TestAPIBaseThroughProxy(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	target, _ := url.Parse(srv.URL())
	var mu sync.Mutex
	var seen []string
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if !strings.HasPrefix(r.URL.Path, "/nirn/") && !websocket.IsWebSocketUpgrade(r) {
			http.Error(w, "not through the prefix", http.StatusBadGateway)
			return
		}
		r.URL.Path = strings.TrimPrefix(r.URL.Path, "/nirn")
		rp.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	cfg := testConfig(srv)
	cfg.APIBase = proxy.URL + "/nirn"
	startBot(t, srv, cfg, &Commands{ServeFn: pagedTimeline(3, 10)})
	msg := srv.Interact(t, interaction(t, "who_rutte.json")).Response(t)
	if !strings.Contains(msg.Text(), "Event number 1 ") {
		t.Fatalf("answer: %s", msg.Text())
	}
	mu.Lock()
	defer mu.Unlock()
	var gateway, callback, commandsList bool
	for _, s := range seen {
		gateway = gateway || s == "GET /nirn/api/v"+discordgo.APIVersion+"/gateway"
		callback = callback || strings.HasSuffix(s, "/callback")
		commandsList = commandsList || strings.Contains(s, "/guilds/"+guildID+"/commands")
	}
	if !gateway || !callback || !commandsList {
		t.Errorf("through the proxy: %v", seen)
	}
	if len(srv.Requests()) != len(seen)-1 { // the websocket upgrade is not a REST request
		t.Errorf("%d REST requests reached Discord, %d went through the proxy", len(srv.Requests()), len(seen))
	}
}

func TestDecodeConfig(t *testing.T) {
	t.Setenv(bot.TokenEnv, " secret-token \n")
	cfg, err := bot.DecodeConfig(json.RawMessage(`{"guild_ids":["1","2"],"admin_role_ids":["9"],"allow_private_urls":true,
		"source_timeout":"5s","defer_after":1.2,"api_base":"http://nirn:8080"}`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Token != "secret-token" || len(cfg.GuildIDs) != 2 || cfg.AdminRoleIDs[0] != "9" || !cfg.AllowPrivateURLs ||
		time.Duration(cfg.SourceTimeout) != 5*time.Second || time.Duration(cfg.DeferAfter) != 1200*time.Millisecond {
		t.Errorf("config = %+v", cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if private, maxBytes, timeout := cfg.SourceLimits(); !private || timeout != 5*time.Second || maxBytes != 10<<20 {
		t.Errorf("source limits = %v %v %v", private, maxBytes, timeout)
	}
	if _, err := bot.DecodeConfig(json.RawMessage(`{"token":"in-the-file"}`)); err == nil {
		t.Error("a token in the config file was accepted")
	}
	if _, err := bot.DecodeConfig(json.RawMessage(`{"guild_id":"1"}`)); err == nil {
		t.Error("misspelt key accepted")
	}
	if cfg, err := bot.DecodeConfig(nil); err != nil || cfg.Token != "secret-token" {
		t.Errorf("empty section: %+v, %v", cfg, err)
	}
	cfg.APIBase = "discord.com"
	if err := cfg.Validate(); err == nil {
		t.Error("api_base without scheme accepted")
	}
}

func TestShutdownDoesNotHangOnStuckHandler(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	started := make(chan struct{})
	stuck := make(chan struct{})
	defer close(stuck)
	cmds := &Commands{ServeFn: func(ctx context.Context, req *commands.Request) *commands.Response {
		close(started)
		<-stuck // ignores ctx
		return &commands.Response{Title: "never"}
	}}
	cfg := testConfig(srv)
	cfg.DeferAfter = bot.Duration(50 * time.Millisecond)
	b, err := bot.New(cfg, cmds, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := b.Close(ctx); err == nil {
		t.Error("Close reported no error although a command was cut off")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v", d)
	}
	msg := ix.Response(t)
	if !msg.Ephemeral() || !strings.Contains(msg.Text(), "stopped") {
		t.Errorf("answer to the cut-off command: %s", msg.Text())
	}
}
