package store_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"briefbot/extract"
	"briefbot/internal/factstest"
	"briefbot/store"
)

// Guild IDs of the scope tests: guild A adds sources, guild B does not.
const (
	guildA = "111111111111111111"
	guildB = "222222222222222222"
)

// The scope tests' articles: a global wire story, and an article guild A
// added that names a person no global source names, calls a global
// organisation by an alias of its own, gives a global person a fuller
// name and a role, and carries a quote.
const (
	textWire   = "Rutte met Harrow Motors executives in Dunmore on March 2.\n"
	textSecret = "NATO chief Mark Rutte met Lena Ortiz of HM in Kyiv on March 5.\n" +
		"“The plant will stay open,” Ortiz said.\n" +
		"“NATO stands ready,” Rutte said.\n"
)

func wireInput() store.SourceInput {
	return store.SourceInput{Name: "wire", Title: "Wire", Published: "2026-03-02", Text: textWire, Doc: buildDoc(textWire, []ent{
		{name: "Rutte", kind: extract.Person},
		{name: "Harrow Motors", kind: extract.Org},
	}, []ev{{sent: 0, date: "2026-03-02", precision: extract.Day, ents: []string{"Rutte", "Harrow Motors"}}}, nil)}
}

func secretInput(guild string) store.SourceInput {
	return store.SourceInput{Name: "secret", Title: "Secret", Published: "2026-03-05", Text: textSecret, Guild: guild, Doc: buildDoc(textSecret, []ent{
		{name: "Mark Rutte", kind: extract.Person, roles: []extract.Role{{Title: "Secretary General", Org: "NATO"}}},
		{name: "Lena Ortiz", kind: extract.Person, forms: []string{"Ortiz"}, roles: []extract.Role{{Title: "Chief executive", Org: "Harrow Motors"}}},
		{name: "Harrow Motors", kind: extract.Org, forms: []string{"HM"}},
		{name: "Kyiv", kind: extract.Place, places: []string{"Ukraine"}},
	}, []ev{{sent: 0, date: "2026-03-05", precision: extract.Day, ents: []string{"Mark Rutte", "Lena Ortiz", "Harrow Motors", "Kyiv"}}},
		[]qt{{speaker: "Lena Ortiz", text: "The plant will stay open", date: "2026-03-05"}, {speaker: "Mark Rutte", text: "NATO stands ready", date: "2026-03-05"}})}
}

// TestScope_GuildSource checks every read against a guild-owned source:
// the global view and another guild's see nothing of it (its entity, an
// alias and a fuller name it gave, a role, a place, a quote, a sentence,
// an event, the source itself), and the owning guild sees it all.
func TestScope_GuildSource(t *testing.T) {
	// Both plans of FindEvents: collecting every match, and walking in
	// date order up to the page.
	for _, limit := range []int{3000, 0} {
		t.Run(map[int]string{3000: "collect", 0: "walk"}[limit], func(t *testing.T) {
			defer store.SetExactTotalLimit(limit)()
			testScopeGuildSource(t)
		})
	}
}

func testScopeGuildSource(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.LoadSource(ctx, wireInput()); err != nil {
		t.Fatal(err)
	}
	// Read before the guild's source arrives, so that a stale cache of
	// "no guild-owned sources" would show.
	if ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"}); err != nil || len(ents) != 1 {
		t.Fatalf("rutte before: %v %v", ents, err)
	}
	if _, err := db.LoadSource(ctx, secretInput(guildA)); err != nil {
		t.Fatal(err)
	}

	outside := []string{"", guildB}
	find := func(name, guild string) ([]*store.Entity, []string) {
		t.Helper()
		ents, sugg, err := db.FindEntities(ctx, store.EntityFilter{Name: name, Guild: guild})
		if err != nil {
			t.Fatal(err)
		}
		return ents, sugg
	}
	for _, g := range outside {
		for _, name := range []string{"lena ortiz", "ortiz", "lena ortis", "hm", "mark rutte", "kyiv", "lena"} {
			ents, sugg := find(name, g)
			if len(ents) != 0 {
				t.Errorf("view %q: %q found %s (%s)", g, name, ents[0].Name, ents[0].Match)
			}
			for _, s := range sugg {
				if strings.Contains(s, "Ortiz") || s == "Kyiv" || s == "Mark Rutte" {
					t.Errorf("view %q: %q suggests %s", g, name, s)
				}
			}
		}
		ents, _ := find("rutte", g)
		if len(ents) != 1 || ents[0].Name != "Rutte" || ents[0].Mentions != 1 {
			t.Fatalf("view %q: rutte = %+v, want Rutte with the wire's one mention", g, ents)
		}
		p, err := db.Profile(ctx, ents[0].ID, g)
		if err != nil {
			t.Fatal(err)
		}
		if p.Entity.Name != "Rutte" || len(p.Aliases) != 0 || len(p.Roles) != 0 || p.SourcesTotal != 1 || len(p.Sources) != 1 || p.Sources[0].Name != "wire" {
			t.Errorf("view %q: profile %+v aliases %v roles %d sources %d", g, p.Entity, p.Aliases, len(p.Roles), p.SourcesTotal)
		}
		if p.QuotesTotal != 0 || len(p.Quotes) != 0 || p.EventsTotal != 1 {
			t.Errorf("view %q: Rutte's %d quotes (%d listed), %d events", g, p.QuotesTotal, len(p.Quotes), p.EventsTotal)
		}
		evs, n, err := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID, Guild: g})
		if err != nil || n != 1 || len(evs) != 1 || evs[0].Source.Name != "wire" {
			t.Fatalf("view %q: rutte's events: %d %v", g, n, err)
		}
		if slices.Contains(evs[0].Entities, "Mark Rutte") {
			t.Errorf("view %q: participants %v", g, evs[0].Entities)
		}
		hm, _ := find("harrow motors", g)
		if len(hm) != 1 {
			t.Fatalf("view %q: harrow motors: %v", g, hm)
		}
		if p, err := db.Profile(ctx, hm[0].ID, g); err != nil || len(p.Aliases) != 0 || len(p.Roles) != 0 {
			t.Errorf("view %q: harrow motors aliases %v roles %v, %v", g, p.Aliases, p.Roles, err)
		}
		for topic, want := range map[string]int{"kyiv": 0, "ukraine": 0, "lena ortiz": 0, "harrow motors": 1, "rutte": 1, "plant": 0} {
			if _, n, err := db.FindEvents(ctx, store.EventFilter{Topic: topic, Guild: g}); err != nil || n != want {
				t.Errorf("view %q: timeline %q: %d events, want %d (%v)", g, topic, n, want, err)
			}
		}
		for _, f := range []store.QuoteFilter{{Speaker: "ortiz"}, {Topic: "plant"}, {}} {
			f.Guild = g
			if _, n, err := db.FindQuotes(ctx, f); err != nil || n != 0 {
				t.Errorf("view %q: quotes %+v: %d, %v", g, f, n, err)
			}
		}
		if _, n, err := db.Search(ctx, "Ortiz", 0, 10, g); err != nil || n != 0 {
			t.Errorf("view %q: search: %d, %v", g, n, err)
		}
		if ents, err := db.AutocompleteNames(ctx, "", 25, g); err != nil || len(ents) != 2 {
			t.Errorf("view %q: autocomplete: %v, %v", g, ents, err)
		}
		for _, prefix := range []string{"len", "mark", "hm", "ky"} {
			if ents, err := db.AutocompleteNames(ctx, prefix, 25, g); err != nil || len(ents) != 0 {
				t.Errorf("view %q: autocomplete %q: %v, %v", g, prefix, ents, err)
			}
		}
		if srcs, err := db.FindSourcesIn(ctx, g); err != nil || len(srcs) != 1 || srcs[0].Name != "wire" {
			t.Errorf("view %q: sources %v, %v", g, srcs, err)
		}
		if items, err := db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c", Guild: g}); err != nil || len(items) != 1 || items[0].Source.Name != "wire" {
			t.Errorf("view %q: digest items %d, %v", g, len(items), err)
		}
	}
	ortiz, _ := find("lena ortiz", guildA)
	if len(ortiz) != 1 {
		t.Fatal("guild A does not find its own Lena Ortiz")
	}
	for _, g := range outside {
		if _, err := db.Profile(ctx, ortiz[0].ID, g); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("view %q: Lena Ortiz's profile by id: %v", g, err)
		}
		if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{ID: ortiz[0].ID, Guild: g}); len(ents) != 0 {
			t.Errorf("view %q: Lena Ortiz by id", g)
		}
	}

	// Guild A sees it all.
	for _, name := range []string{"ortiz", "hm", "mark rutte", "kyiv"} {
		if ents, _ := find(name, guildA); len(ents) == 0 {
			t.Errorf("guild A: %q not found", name)
		}
	}
	ents, _ := find("rutte", guildA)
	p, err := db.Profile(ctx, ents[0].ID, guildA)
	if err != nil || p.Entity.Name != "Mark Rutte" || p.Entity.Mentions != 2 || len(p.Roles) != 1 || p.SourcesTotal != 2 {
		t.Fatalf("guild A: Rutte %+v roles %v sources %d, %v", p.Entity, p.Roles, p.SourcesTotal, err)
	}
	if !slices.Contains(p.Aliases, "Rutte") {
		t.Errorf("guild A: Rutte's aliases %v", p.Aliases)
	}
	if p.QuotesTotal != 1 || len(p.Quotes) != 1 || p.Quotes[0].Text != "NATO stands ready" || p.EventsTotal != 2 {
		t.Errorf("guild A: Rutte's %d quotes, %d events", p.QuotesTotal, p.EventsTotal)
	}
	if evs, _, _ := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID, Guild: guildA}); len(evs) != 2 || !slices.Contains(evs[1].Entities, "Mark Rutte") {
		t.Errorf("guild A: Rutte's events %+v", evs)
	}
	if _, n, _ := db.FindEvents(ctx, store.EventFilter{Topic: "ukraine", Guild: guildA}); n != 1 {
		t.Errorf("guild A: ukraine: %d events", n)
	}
	if qs, n, _ := db.FindQuotes(ctx, store.QuoteFilter{Speaker: "ortiz", Guild: guildA}); n != 1 || qs[0].Text != "The plant will stay open" {
		t.Errorf("guild A: quotes by Ortiz: %d", n)
	}
	if _, n, _ := db.Search(ctx, "Ortiz", 0, 10, guildA); n != 2 {
		t.Errorf("guild A: search Ortiz: %d, want both sentences", n)
	}
	if srcs, _ := db.FindSourcesIn(ctx, guildA); len(srcs) != 2 {
		t.Errorf("guild A: %d sources", len(srcs))
	}
	all, err := db.FindSources(ctx)
	if err != nil || len(all) != 2 || all[0].Name != "secret" || all[0].Guild != guildA || all[1].Guild != "" {
		t.Fatalf("every source: %+v, %v", all, err)
	}

	// A reload keeps the owner, whatever the loader says.
	in := secretInput("")
	in.Text += "Ortiz left.\n"
	if res, err := db.LoadSource(ctx, in); err != nil || res.Status != store.ResultChanged {
		t.Fatalf("reload: %+v, %v", res, err)
	}
	if srcs, _ := db.FindSourcesIn(ctx, ""); len(srcs) != 1 {
		t.Errorf("after a reload the global view sees %d sources", len(srcs))
	}
	if ents, _ := find("ortiz", ""); len(ents) != 0 {
		t.Error("after a reload the global view finds Ortiz")
	}

	// Removing the guild's source leaves the global facts as they were.
	if err := db.RemoveSource(ctx, "secret"); err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"", guildA} {
		ents, _ := find("rutte", g)
		if len(ents) != 1 || ents[0].Name != "Rutte" && ents[0].Name != "Mark Rutte" {
			t.Fatalf("view %q after removal: %v", g, ents)
		}
		if ents, _ := find("hm", g); len(ents) != 0 {
			t.Errorf("view %q after removal: HM found", g)
		}
	}
	if _, err := db.FindSourcesIn(ctx, "bad\x00guild"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad guild id: %v", err)
	}
}

// TestScope_MergedHappening follows a happening that a global source and
// two of guild A's tell: A sees the three merged, with the date two of
// them give, the clearest wording (a guild's) and their disagreement on
// the jobs; the global view and guild B see the wire's report alone, as
// if the others did not exist; removing A's sources restores that for
// everyone.
func TestScope_MergedHappening(t *testing.T) {
	for _, limit := range []int{3000, 0} {
		t.Run(map[int]string{3000: "collect", 0: "walk"}[limit], func(t *testing.T) {
			defer store.SetExactTotalLimit(limit)()
			testScopeMergedHappening(t)
		})
	}
}

func testScopeMergedHappening(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	harrow := []string{"Harrow Motors"}
	// The wire's sentence is long, and so not the clearest wording.
	wire := "Harrow Motors said on Monday that it would close its Dunmore plant, which has built engines for four decades and which " +
		"the union had fought to keep open through two rounds of talks, cutting 340 jobs in a town of barely ten thousand people."
	paper := "Harrow Motors will close the Dunmore plant, with the loss of 410 jobs, the company said on Sunday."
	for _, in := range []store.SourceInput{
		factstest.Article("wire", "2026-03-02", factstest.Sentence{Text: wire, Date: "2026-03-02", Orgs: harrow}),
		withGuild(factstest.Article("paper1", "2026-03-03", factstest.Sentence{Text: paper, Date: "2026-03-01", Orgs: harrow}), guildA),
		withGuild(factstest.Article("paper2", "2026-03-03", factstest.Sentence{Text: paper, Date: "2026-03-01", Orgs: harrow}), guildA),
	} {
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	timeline := func(guild string) *store.Event {
		t.Helper()
		evs, n, err := db.FindEvents(ctx, store.EventFilter{Topic: "harrow motors", Guild: guild})
		if err != nil || n != 1 || len(evs) != 1 {
			t.Fatalf("view %q: %d events of %d, %v", guild, len(evs), n, err)
		}
		return evs[0]
	}
	asWire := func(guild string) {
		t.Helper()
		e := timeline(guild)
		if e.Sources != 1 || e.ReportCount != 1 || len(e.Reports) != 1 || e.Reports[0].Source.Name != "wire" ||
			e.Summary != wire || e.Date != "2026-03-02" || len(e.Disagreements) != 0 {
			t.Errorf("view %q: %d sources, %d reports, %s %q, disagreements %+v", guild, e.Sources, len(e.Reports), e.Date, e.Summary, e.Disagreements)
		}
		if _, n, err := db.FindEvents(ctx, store.EventFilter{Disputed: true, Guild: guild}); err != nil || n != 0 {
			t.Errorf("view %q: %d disputed events, %v", guild, n, err)
		}
		items, err := db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c", Guild: guild})
		if err != nil || len(items) != 1 {
			t.Fatalf("view %q: %d digest items, %v", guild, len(items), err)
		}
		if it := items[0]; it.Sources != 1 || it.Text != wire || it.Date != "2026-03-02" || it.Disputed {
			t.Errorf("view %q: digest item %d sources, %s %q, disputed %v", guild, it.Sources, it.Date, it.Text, it.Disputed)
		}
	}

	e := timeline(guildA)
	if e.Sources != 3 || e.Date != "2026-03-01" || e.Summary != paper || len(e.Disagreements) == 0 {
		t.Fatalf("guild A: %d sources, %s %q, disagreements %+v", e.Sources, e.Date, e.Summary, e.Disagreements)
	}
	if _, n, _ := db.FindEvents(ctx, store.EventFilter{Disputed: true, Guild: guildA}); n != 1 {
		t.Errorf("guild A: %d disputed events", n)
	}
	for _, g := range []string{"", guildB} {
		asWire(g)
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "harrow motors"})
	if err != nil || len(ents) != 1 {
		t.Fatal(ents, err)
	}
	if evs, _, err := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID}); err != nil || len(evs) != 1 || evs[0].Sources != 1 || evs[0].Summary != wire {
		t.Errorf("global /who events: %+v, %v", evs, err)
	}

	// Guild B tells it too: each guild sees the global report and its
	// own, and the global view still the wire's alone.
	bpaper := withGuild(factstest.Article("bpaper", "2026-03-04", factstest.Sentence{Text: paper, Date: "2026-03-02", Orgs: harrow}), guildB)
	if _, err := db.LoadSource(ctx, bpaper); err != nil {
		t.Fatal(err)
	}
	views := func() {
		t.Helper()
		if e := timeline(guildA); e.Sources != 3 || e.Date != "2026-03-01" || len(e.Reports) != 3 {
			t.Errorf("guild A: %d sources, %d reports, %s", e.Sources, len(e.Reports), e.Date)
		}
		if e := timeline(guildB); e.Sources != 2 || e.Date != "2026-03-02" || len(e.Reports) != 2 {
			t.Errorf("guild B: %d sources, %d reports, %s", e.Sources, len(e.Reports), e.Date)
		}
		asWire("")
	}
	views()
	// Without the views the loader worked out, the reads work them out
	// themselves, alike.
	raw, err := sql.Open("sqlite3", db.Path)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := raw.Exec(`DELETE FROM happening_views`); err != nil {
		t.Fatal(err)
	} else if n, _ := r.RowsAffected(); n == 0 {
		t.Error("no happening views were stored")
	}
	raw.Close()
	views()

	for _, name := range []string{"paper1", "paper2", "bpaper"} {
		if err := db.RemoveSource(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range []string{"", guildA, guildB} {
		asWire(g)
	}
}

func withGuild(in store.SourceInput, guild string) store.SourceInput {
	in.Guild = guild
	return in
}

// TestScope_Merge checks that guild parts follow an entity merged into
// another: guild A's article calls General Motors only "GM", a global
// one "General Motors", and a third, global, "General Motors (GM)",
// which folds GM into General Motors. Once that third is gone, "GM" is
// A's name for it alone again.
func TestScope_Merge(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	org := func(name, text, entity, guild string, forms ...string) store.SourceInput {
		return store.SourceInput{Name: name, Published: "2026-01-05", Text: text, Guild: guild,
			Doc: buildDoc(text, []ent{{name: entity, kind: extract.Org, forms: forms}},
				[]ev{{sent: 0, date: "2026-01-05", precision: extract.Day, ents: []string{entity}}}, nil)}
	}
	for _, in := range []store.SourceInput{
		org("guild", "GM recalled cars on Jan. 5.\n", "GM", guildA),
		org("global", "General Motors cut prices on Jan. 5.\n", "General Motors", ""),
		org("both", "General Motors (GM) hired staff on Jan. 5.\n", "General Motors", "", "GM"),
	} {
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "gm"})
	if err != nil || len(ents) != 1 || ents[0].Name != "General Motors" {
		t.Fatalf("gm after the merge: %v, %v", ents, err)
	}
	if err := db.RemoveSource(ctx, "both"); err != nil {
		t.Fatal(err)
	}
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "gm"}); len(ents) != 0 {
		t.Errorf("global view finds %v by guild A's name", ents[0])
	}
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "gm", Guild: guildA})
	if len(ents) != 1 || ents[0].Name != "General Motors" || ents[0].Mentions != 2 {
		t.Fatalf("guild A: gm = %+v", ents)
	}
	ents, _, _ = db.FindEntities(ctx, store.EntityFilter{Name: "general motors"})
	if len(ents) != 1 || ents[0].Mentions != 1 {
		t.Fatalf("global: general motors = %+v, want the global article's one mention", ents)
	}
	if _, n, _ := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID}); n != 1 {
		t.Errorf("global: %d events of General Motors, want 1", n)
	}
	if _, n, _ := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID, Guild: guildA}); n != 2 {
		t.Errorf("guild A: %d events of General Motors, want 2", n)
	}
}

// TestScope_Failure checks that a guild's source that failed before it
// ever loaded is listed in that guild's view only, and keeps its owner
// when it loads.
func TestScope_Failure(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if err := db.RecordGuildFailure(ctx, guildA, "secret", "https://user.example/feed", store.OriginDiscord, errors.New("timeout")); err != nil {
		t.Fatal(err)
	}
	if srcs, _ := db.FindSourcesIn(ctx, ""); len(srcs) != 0 {
		t.Errorf("global view lists %v", srcs[0].Name)
	}
	if srcs, _ := db.FindSourcesIn(ctx, guildA); len(srcs) != 1 || srcs[0].LastResult != store.ResultFailed {
		t.Errorf("guild A lists %v", srcs)
	}
	if _, err := db.LoadSource(ctx, secretInput(guildA)); err != nil {
		t.Fatal(err)
	}
	if ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "lena ortiz"}); len(ents) != 0 {
		t.Error("global view finds the guild's Lena Ortiz")
	}
	if err := db.RecordGuildFailure(ctx, "", "secret", "", store.OriginDiscord, errors.New("gone")); err != nil {
		t.Fatal(err)
	}
	if srcs, _ := db.FindSourcesIn(ctx, ""); len(srcs) != 0 {
		t.Errorf("a failed reload made the source global")
	}
}

// TestScope_ConcurrentLoads reads the global view while a guild's source
// comes and goes: no read may see it, whatever the owners cache held
// when the read began.
func TestScope_ConcurrentLoads(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.LoadSource(ctx, wireInput()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 40; i++ {
			if _, err := db.LoadSource(ctx, secretInput(guildA)); err != nil {
				done <- err
				return
			}
			if err := db.RemoveSource(ctx, "secret"); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for reads := 0; ; reads++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if reads == 0 {
				t.Fatal("no reads")
			}
			return
		default:
		}
		ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "lena ortiz"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != 0 {
			t.Fatalf("read %d: the global view found %s", reads, ents[0].Name)
		}
		if _, n, err := db.Search(ctx, "Ortiz", 0, 10, ""); err != nil || n != 0 {
			t.Fatalf("read %d: search found %d, %v", reads, n, err)
		}
	}
}
