package commands_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/internal/factstest"
	"briefbot/store"
)

// TestFacts_Guild checks that every fact command, and autocomplete, reads
// in the view of the guild the request came from.
func TestFacts_Guild(t *testing.T) {
	const guild = "123456789012345678"
	seen := map[string][]string{} // store method -> guilds it was asked for
	saw := func(method, g string) { seen[method] = append(seen[method], g) }
	ent := &store.Entity{ID: 7, Name: "Mark Rutte", Kind: "person"}
	facts := &FakeFacts{
		FindEntitiesFn: func(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error) {
			saw("FindEntities", f.Guild)
			return []*store.Entity{ent}, nil, nil
		},
		ProfileFn: func(ctx context.Context, id int64, g string) (*store.Profile, error) {
			saw("Profile", g)
			return &store.Profile{Entity: ent}, nil
		},
		AutocompleteNamesFn: func(ctx context.Context, prefix string, limit int, g string) ([]*store.Entity, error) {
			saw("AutocompleteNames", g)
			return []*store.Entity{ent}, nil
		},
		FindEventsFn: func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error) {
			saw("FindEvents", f.Guild)
			return nil, 0, nil
		},
		FindQuotesFn: func(ctx context.Context, f store.QuoteFilter) ([]*store.Quote, int, error) {
			saw("FindQuotes", f.Guild)
			return nil, 0, nil
		},
		SearchFn: func(ctx context.Context, q string, offset, limit int, g string) ([]*store.SearchHit, int, error) {
			saw("Search", g)
			return nil, 0, nil
		},
		FindSourcesInFn: func(ctx context.Context, g string) ([]*store.Source, error) {
			saw("FindSourcesIn", g)
			return nil, nil
		},
	}
	r := commands.New(facts, commands.Options{})
	ctx := context.Background()
	for _, line := range []string{"/who rutte", "/timeline rutte", "/conflicts", "/quotes speaker:rutte", "/search rutte", "/sources"} {
		req, err := commands.ParseLine(line, r.Definitions())
		if err != nil {
			t.Fatal(err)
		}
		req.GuildID = guild
		if resp := r.Serve(ctx, req); resp.Error {
			t.Errorf("%s: %v", line, resp.Lines)
		}
	}
	for _, cmd := range []string{"who", "timeline", "conflicts", "quotes"} {
		option := map[string]string{"who": "name", "timeline": "topic", "conflicts": "topic", "quotes": "speaker"}[cmd]
		if _, err := r.Autocomplete(ctx, &commands.Request{Command: cmd, GuildID: guild}, option, "ru"); err != nil {
			t.Errorf("autocomplete %s: %v", cmd, err)
		}
	}
	var methods []string
	for m, gs := range seen {
		methods = append(methods, m)
		for _, g := range gs {
			if g != guild {
				t.Errorf("%s asked for view %q, want %q", m, g, guild)
			}
		}
	}
	sort.Strings(methods)
	if got := strings.Join(methods, " "); got != "AutocompleteNames FindEntities FindEvents FindQuotes FindSourcesIn Profile Search" {
		t.Errorf("store methods asked: %s", got)
	}
}

// TestDigestPreview_Guild checks that /digest in a guild previews from
// that guild's view: its own source's news and the global ones, not
// another guild's.
func TestDigestPreview_Guild(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	now := time.Now().UTC()
	day := now.Format(time.DateOnly)
	for _, in := range []store.SourceInput{
		factstest.Article("wire", day, factstest.Sentence{Text: "Harrow Motors closed its Dunmore plant today.", Date: day, Orgs: []string{"Harrow Motors"}}),
		guildArticle(factstest.Article("ours", day, factstest.Sentence{Text: "Lena Ortiz left Selby Mills today.", Date: day, People: []string{"Lena Ortiz"}}), "g1"),
		guildArticle(factstest.Article("theirs", day, factstest.Sentence{Text: "Karl Berg joined Aston Glass today.", Date: day, People: []string{"Karl Berg"}}), "g2"),
	} {
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	dc := &commands.DigestCommands{Store: db, Now: func() time.Time { return now.Add(time.Hour) }}
	resp, err := dc.Command().Handler.Serve(ctx, &commands.Request{Command: "digest", GuildID: "g1", ChannelID: "c1"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(resp.Lines, "\n")
	if !strings.Contains(text, "Dunmore") || !strings.Contains(text, "Lena Ortiz") || strings.Contains(text, "Karl Berg") {
		t.Errorf("digest preview in g1:\n%s", text)
	}
}

func guildArticle(in store.SourceInput, guild string) store.SourceInput {
	in.Guild = guild
	return in
}
