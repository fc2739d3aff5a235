package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot/bot"
	"briefbot/bot/discordtest"
	"briefbot/commands"
)

// Commands is a fake command set: a struct of function fields.
type Commands struct {
	DefinitionsFn  func() []commands.Definition
	ServeFn        func(ctx context.Context, req *commands.Request) *commands.Response
	AutocompleteFn func(ctx context.Context, req *commands.Request, option, typed string) ([]commands.Choice, error)

	mu       sync.Mutex
	requests []commands.Request
}

var _ bot.Commands = (*Commands)(nil)

// Definitions returns DefinitionsFn() or testDefinitions.
func (c *Commands) Definitions() []commands.Definition {
	if c.DefinitionsFn != nil {
		return c.DefinitionsFn()
	}
	return testDefinitions()
}

// Serve records the request and calls ServeFn.
func (c *Commands) Serve(ctx context.Context, req *commands.Request) *commands.Response {
	c.mu.Lock()
	cp := *req
	cp.Progress = nil
	c.requests = append(c.requests, cp)
	c.mu.Unlock()
	return c.ServeFn(ctx, req)
}

// Autocomplete calls AutocompleteFn.
func (c *Commands) Autocomplete(ctx context.Context, req *commands.Request, option, typed string) ([]commands.Choice, error) {
	if c.AutocompleteFn == nil {
		return nil, nil
	}
	return c.AutocompleteFn(ctx, req, option, typed)
}

// Requests returns the requests served so far.
func (c *Commands) Requests() []commands.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]commands.Request(nil), c.requests...)
}

func testDefinitions() []commands.Definition {
	return []commands.Definition{
		{Name: "who", Description: "Who is this person or organisation?", Options: []commands.Option{
			{Name: "name", Description: "A name or alias", Type: commands.String, Required: true, Autocomplete: true}}},
		{Name: "timeline", Description: "What happened when", Options: []commands.Option{
			{Name: "topic", Description: "A person, place or topic", Type: commands.String, Required: true, Autocomplete: true}}},
		{Name: "search", Description: "Search the articles", Options: []commands.Option{
			{Name: "text", Description: "Words to look for", Type: commands.String, Required: true}}},
		{Name: "admin", Description: "Manage sources", Admin: true, Subcommands: []commands.Definition{
			{Name: "reload", Description: "Reload every source", Slow: true},
			{Name: "source", Description: "Sources", Subcommands: []commands.Definition{
				{Name: "list", Description: "List sources"},
				{Name: "remove", Description: "Remove a source", Options: []commands.Option{
					{Name: "name", Description: "Source name", Type: commands.String, Required: true}}},
			}},
		}},
	}
}

const guildID = "100000000000000001"

func testLogger() *slog.Logger {
	if os.Getenv("BOT_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func testConfig(srv *discordtest.Server) bot.Config {
	return bot.Config{
		Token:         srv.Token,
		APIBase:       srv.URL(),
		GuildIDs:      []string{guildID},
		DeferAfter:    bot.Duration(1500 * time.Millisecond),
		ProgressEvery: bot.Duration(10 * time.Millisecond),
	}
}

// startBot opens a bot against srv and closes it when the test ends.
func startBot(t *testing.T, srv *discordtest.Server, cfg bot.Config, cmds bot.Commands, opts ...bot.Option) *bot.Bot {
	t.Helper()
	b, err := bot.New(cfg, cmds, testLogger(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := b.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		b.Close(ctx)
	})
	return b
}

// interaction reads an interaction payload from testdata.
func interaction(t *testing.T, name string) map[string]any {
	t.Helper()
	return discordtest.LoadInteraction(t, filepath.Join("testdata", "interactions", name))
}

// asMember replaces the payload's member with one from testdata.
func asMember(t *testing.T, p map[string]any, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	p["member"] = m
	return p
}

// setOption sets a (possibly nested) option value in a command payload.
func setOption(p map[string]any, name, value string) {
	data := p["data"].(map[string]any)
	var walk func(opts []any) bool
	walk = func(opts []any) bool {
		for _, o := range opts {
			om := o.(map[string]any)
			if om["name"] == name {
				om["value"] = value
				return true
			}
			if sub, ok := om["options"].([]any); ok && walk(sub) {
				return true
			}
		}
		return false
	}
	opts, _ := data["options"].([]any)
	walk(opts)
}

func noViolations(t *testing.T, srv *discordtest.Server) {
	t.Helper()
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("the bot sent what Discord rejects or pings:\n%s", strings.Join(v, "\n"))
	}
}
