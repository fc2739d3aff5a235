package bot_test

import (
	"context"
	"strings"
	"testing"

	"briefbot/bot/discordtest"
	"briefbot/commands"
	"briefbot/internal/factstest"
	"briefbot/store"
)

// otherGuild is a guild the test bot is not set up for.
const otherGuild = "100000000000000999"

// inGuild moves an interaction payload to guild g, or to a DM when g is
// empty (no guild, the caller as user rather than member).
func inGuild(p map[string]any, g string) map[string]any {
	data, _ := p["data"].(map[string]any)
	if g == "" {
		delete(p, "guild_id")
		if data != nil {
			delete(data, "guild_id")
		}
		if m, ok := p["member"].(map[string]any); ok {
			p["user"] = m["user"]
			delete(p, "member")
		}
		return p
	}
	p["guild_id"] = g
	if data != nil && data["guild_id"] != nil {
		data["guild_id"] = g
	}
	return p
}

// TestGuildNotServed forges interactions from a guild outside guild_ids,
// and from a DM: commands and buttons get an ephemeral refusal,
// autocomplete no choices, and no handler runs.
func TestGuildNotServed(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	autocompleted := 0
	cmds := &Commands{
		ServeFn: pagedTimeline(40, 10),
		AutocompleteFn: func(ctx context.Context, req *commands.Request, option, typed string) ([]commands.Choice, error) {
			autocompleted++
			return []commands.Choice{{Name: "Mark Rutte", Value: "Mark Rutte"}}, nil
		},
	}
	startBot(t, srv, testConfig(srv), cmds)

	// A page from the served guild, whose button another guild presses.
	base := interaction(t, "timeline_ukraine.json")
	page := srv.Interact(t, base).Response(t)
	next, ok := page.Button("Next")
	if !ok {
		t.Fatalf("no Next button: %+v", page.Buttons())
	}
	served := len(cmds.Requests())

	for _, g := range []string{otherGuild, ""} {
		for _, f := range []string{"who_rutte.json", "admin_reload.json"} {
			p := inGuild(interaction(t, f), g)
			if f == "admin_reload.json" && g != "" {
				p = asMember(t, p, "member_admin.json")
			}
			ix := srv.Interact(t, p)
			msg := ix.Response(t)
			if ix.Acked() != discordtest.CallbackMessage || !msg.Ephemeral() || !strings.Contains(msg.Text(), "Not available here") {
				t.Errorf("guild %q, %s: callback %d, ephemeral %v:\n%s", g, f, ix.Acked(), msg.Ephemeral(), msg.Text())
			}
		}
		if cs := srv.Interact(t, inGuild(interaction(t, "autocomplete_who_ru.json"), g)).Choices(t); len(cs) != 0 {
			t.Errorf("guild %q: autocomplete offered %+v", g, cs)
		}
		ix := srv.Click(t, inGuild(interaction(t, "timeline_ukraine.json"), g), page, next.CustomID)
		msg := ix.Response(t)
		if ix.Acked() != discordtest.CallbackMessage || !msg.Ephemeral() || msg.ID == page.ID {
			t.Errorf("guild %q: button answered with callback %d (ephemeral %v) on message %s", g, ix.Acked(), msg.Ephemeral(), msg.ID)
		}
	}
	if n := len(cmds.Requests()); n != served {
		t.Errorf("%d requests reached the commands from guilds not served", n-served)
	}
	if autocompleted != 0 {
		t.Errorf("autocomplete ran %d times for guilds not served", autocompleted)
	}

	// The served guild still gets its answers.
	if msg := srv.Interact(t, interaction(t, "who_rutte.json")).Response(t); msg.Ephemeral() {
		t.Errorf("served guild refused:\n%s", msg.Text())
	}
	if cs := srv.Interact(t, interaction(t, "autocomplete_who_ru.json")).Choices(t); len(cs) != 1 {
		t.Errorf("served guild: %d choices", len(cs))
	}
	noViolations(t, srv)
}

// TestGuildView runs the real commands over a store holding a global
// source, one of the served guild's and one of another guild's: the
// served guild's /who, /sources and /search see the first two only.
func TestGuildView(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10)
	ctx := context.Background()
	for _, in := range []store.SourceInput{
		factstest.Article("wire", "2026-03-02", factstest.Sentence{Text: "Harrow Motors closed its Dunmore plant on Monday.", Date: "2026-03-02", Orgs: []string{"Harrow Motors"}}),
		withGuild(factstest.Article("ours", "2026-03-03", factstest.Sentence{Text: "Lena Ortiz left Harrow Motors on Tuesday.", Date: "2026-03-03", People: []string{"Lena Ortiz"}}), guildID),
		withGuild(factstest.Article("theirs", "2026-03-04", factstest.Sentence{Text: "Karl Berg joined Harrow Motors on Wednesday.", Date: "2026-03-04", People: []string{"Karl Berg"}}), otherGuild),
	} {
		if _, err := w.db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	who := func(name string) *discordtest.Message {
		p := interaction(t, "who_rutte.json")
		setOption(p, "name", name)
		return w.ask(p)
	}
	if msg := who("lena ortiz"); msg.Ephemeral() || !strings.Contains(msg.Text(), "Lena Ortiz") {
		t.Errorf("/who lena ortiz:\n%s", msg.Text())
	}
	if msg := who("karl berg"); !msg.Ephemeral() || strings.Contains(msg.Text(), "Karl Berg") {
		t.Errorf("/who karl berg shows another guild's source:\n%s", msg.Text())
	}
	srcs := w.ask(interaction(t, "sources.json")).Text()
	if !strings.Contains(srcs, "Title of wire") || !strings.Contains(srcs, "Title of ours") || strings.Contains(srcs, "theirs") {
		t.Errorf("/sources:\n%s", srcs)
	}
	search := interaction(t, "search_everyone.json")
	setOption(search, "text", "Harrow Motors")
	if msg := w.ask(search).Text(); !strings.Contains(msg, "2 matching sentences") {
		t.Errorf("/search Harrow Motors:\n%s", msg)
	}
	noViolations(t, srv)
}

func withGuild(in store.SourceInput, guild string) store.SourceInput {
	in.Guild = guild
	return in
}
