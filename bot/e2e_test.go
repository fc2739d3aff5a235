package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/bot"
	"briefbot/bot/discordtest"
	"briefbot/commands"
	"briefbot/source"
	"briefbot/store"
)

// world is briefbot as `briefbot run` wires it: a store, the real command
// router with the admin group over a load pipeline, and the bot, all
// talking to a fake Discord.
type world struct {
	t      *testing.T
	srv    *discordtest.Server
	dbPath string
	static []source.Config
	opts   commands.Options
	// allowPrivate is the URL policy of sources added from Discord.
	allowPrivate bool

	db   *store.DB
	pipe *source.Admin
	bot  *bot.Bot
}

// newWorld starts briefbot with the given configured sources, loaded once
// as at startup.
func newWorld(t *testing.T, srv *discordtest.Server, pageSize int, static ...source.Config) *world {
	t.Helper()
	w := &world{
		t: t, srv: srv, dbPath: filepath.Join(t.TempDir(), "briefbot.db"), static: static,
		opts:         commands.Options{PageSize: pageSize},
		allowPrivate: true,
	}
	w.start()
	if _, err := w.pipe.Reload(context.Background(), "", func(string) {}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.stop)
	return w
}

func (w *world) start() {
	w.t.Helper()
	w.db = store.NewDB(w.dbPath)
	if err := w.db.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.pipe = &source.Admin{
		Manager: &source.Manager{Loader: &source.Loader{}, Store: w.db, Logger: testLogger()},
		Added:   &source.Manager{Loader: &source.Loader{AllowPrivate: w.allowPrivate, MaxBytes: 1 << 20, Timeout: 5 * time.Second}, Store: w.db, Logger: testLogger()},
		Store:   w.db,
		Static:  w.static,
	}
	// The command set of briefbot run: the fact commands, /digest and the
	// /admin group with its digest subcommands (schedules stored only: no
	// scheduler runs in these tests).
	router := commands.New(w.db, w.opts)
	router.Logger = testLogger()
	digests := &commands.DigestCommands{Store: w.db}
	router.Add(digests.Command())
	router.Add(commands.AddDigestAdmin(commands.AdminCommand(w.pipe), digests))
	b, err := bot.New(testConfig(w.srv), router, testLogger(), bot.WithComponentStore(w.db))
	if err != nil {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := b.Open(ctx); err != nil {
		w.t.Fatal(err)
	}
	w.bot = b
}

// stop shuts briefbot down as on SIGTERM: the bot, then the database.
func (w *world) stop() {
	if w.bot == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.bot.Close(ctx); err != nil {
		w.t.Error(err)
	}
	if err := w.db.Close(ctx); err != nil {
		w.t.Error(err)
	}
	w.bot = nil
}

func (w *world) restart() {
	w.t.Helper()
	w.stop()
	w.start()
}

// ask sends an interaction and returns the answer.
func (w *world) ask(p map[string]any) *discordtest.Message {
	w.t.Helper()
	return w.srv.Interact(w.t, p).Response(w.t)
}

func (w *world) sourceNames() []string {
	w.t.Helper()
	srcs, err := w.pipe.List(context.Background(), source.AllGuilds)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, s := range srcs {
		out = append(out, s.Name)
	}
	return out
}

func TestE2ERegistration(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	newWorld(t, srv, 10, seedConfig())
	got := map[string]int{}
	cmds := srv.Commands(guildID)
	for i, c := range cmds {
		got[c.Name] = i
	}
	for _, name := range []string{"who", "timeline", "quotes", "search", "sources", "digest", "admin"} {
		if _, ok := got[name]; !ok {
			t.Fatalf("%s not registered: %v", name, got)
		}
	}
	autocompleted := map[string]string{"who": "name", "timeline": "topic", "quotes": "speaker"}
	for cmd, opt := range autocompleted {
		found := false
		for _, o := range cmds[got[cmd]].Options {
			if o.Name == opt {
				found = o.Autocomplete
			}
			if o.Description == "" {
				t.Errorf("/%s %s has no description", cmd, o.Name)
			}
		}
		if !found {
			t.Errorf("/%s %s is not autocompleted", cmd, opt)
		}
	}
	for _, c := range cmds {
		admin := c.DefaultMemberPermissions != nil && *c.DefaultMemberPermissions == 1<<5
		if admin != (c.Name == "admin") {
			t.Errorf("/%s default_member_permissions = %v", c.Name, c.DefaultMemberPermissions)
		}
	}
	var subs []string
	for _, o := range cmds[got["admin"]].Options {
		subs = append(subs, o.Name)
		for _, s := range o.Options {
			if s.Type == 1 {
				subs = append(subs, o.Name+" "+s.Name)
			}
		}
	}
	if strings.Join(subs, ",") != "reload,source,source add,source remove,source list,digest,digest set,digest off,digest list,digest now" {
		t.Errorf("admin subcommands = %v", subs)
	}
	noViolations(t, srv)
}

func TestE2EWhoRutte(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10, seedConfig())
	msg := w.ask(interaction(t, "who_rutte.json"))
	if len(msg.Embeds) != 1 || !strings.Contains(msg.Embeds[0].Title, "Mark Rutte") {
		t.Fatalf("embeds: %s", msg.Text())
	}
	text := msg.Text()
	for _, want := range []string{"Secretary General", "NATO", "22 Oct 2025", "White House"} {
		if !strings.Contains(text, want) {
			t.Errorf("profile lacks %q:\n%s", want, text)
		}
	}
	if msg.Ephemeral() {
		t.Error("profile is ephemeral")
	}
	// Not found is ephemeral, with suggestions.
	p := interaction(t, "who_rutte.json")
	setOption(p, "name", "Zbigniew Qwertyuiop")
	msg = w.ask(p)
	if !msg.Ephemeral() || !strings.Contains(msg.Text(), "Zbigniew") {
		t.Errorf("not found: ephemeral %v\n%s", msg.Ephemeral(), msg.Text())
	}
	noViolations(t, srv)
}

func TestE2ETimelinePages(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 3, seedConfig())
	base := interaction(t, "timeline_ukraine.json")
	first := w.ask(base)
	footer := first.Embeds[0].Footer
	if footer == nil || !strings.HasPrefix(footer.Text, "Page 1/") {
		t.Fatalf("first page:\n%s", first.Text())
	}
	next, ok := first.Button("Next")
	if !ok || next.Disabled {
		t.Fatalf("buttons: %+v", first.Buttons())
	}
	second := srv.Click(t, base, first, next.CustomID).Response(t)
	if second.ID != first.ID || !strings.HasPrefix(second.Embeds[0].Footer.Text, "Page 2/") {
		t.Fatalf("second page (message %s, first %s):\n%s", second.ID, first.ID, second.Text())
	}
	if second.Embeds[0].Description == first.Embeds[0].Description {
		t.Error("Next showed the same events")
	}
	prev, _ := second.Button("Prev")
	back := srv.Click(t, base, second, prev.CustomID).Response(t)
	if back.Embeds[0].Description != first.Embeds[0].Description {
		t.Errorf("Prev did not return to the first page:\n%s", back.Text())
	}
	noViolations(t, srv)
}

func TestE2EAutocomplete(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	newWorld(t, srv, 10, seedConfig())
	start := time.Now()
	choices := srv.Interact(t, interaction(t, "autocomplete_who_ru.json")).Choices(t)
	if d := time.Since(start); d > time.Second {
		t.Errorf("autocomplete took %v", d)
	}
	var names []string
	for _, c := range choices {
		names = append(names, c.Name)
	}
	if !strings.Contains(strings.Join(names, "|"), "Mark Rutte") || len(choices) > 25 {
		t.Errorf("choices for ru = %v", names)
	}
	choices = srv.Interact(t, interaction(t, "autocomplete_timeline_uk.json")).Choices(t)
	if len(choices) == 0 || !strings.Contains(choices[0].Name, "Ukraine") {
		t.Errorf("choices for uk = %+v", choices)
	}
	noViolations(t, srv)
}

// article serves one HTML article on loopback.
func article(t *testing.T, title, published, body string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><meta property="article:published_time" content="%s"></head>
<body><article><h1>%s</h1>%s</article></body></html>`, title, published, title, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestE2EMentionsNeverPing(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10, seedConfig())
	art := article(t, "Protest in Riga", "2025-10-23",
		`<p>Organisers in Riga told @everyone to gather on 24 October 2025, said Andris Ozols, a spokesman.</p>
<p>Ozols posted "join us <@123> and <@&456>" on 23 October 2025 before the march in Riga.</p>`)
	add := asMember(t, interaction(t, "admin_source_add.json"), "member_admin.json")
	setOption(add, "location", art.URL+"/riga-protest.html")
	if msg := w.ask(add); msg.Ephemeral() || !strings.Contains(msg.Text(), "Added source extra") {
		t.Fatalf("add: %s", msg.Text())
	}
	msg := w.ask(interaction(t, "search_everyone.json"))
	if !strings.Contains(msg.Text(), "@**everyone**") && !strings.Contains(msg.Text(), "@everyone") {
		t.Fatalf("search did not quote the article:\n%s", msg.Text())
	}
	search := interaction(t, "search_everyone.json")
	setOption(search, "text", "march")
	if msg := w.ask(search); !strings.Contains(msg.Text(), "<@123>") {
		t.Fatalf("search did not quote the article:\n%s", msg.Text())
	}
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/callback") || r.Method == "PATCH" {
			if strings.Contains(string(r.Body), `"embeds"`) && !strings.Contains(string(r.Body), `"allowed_mentions":{"parse":[]`) {
				t.Errorf("%s %s without empty allowed_mentions: %s", r.Method, r.Path, r.Body)
			}
		}
	}
	noViolations(t, srv)
}

func TestE2EURLPolicyRefusesLoopback(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10, seedConfig())
	w.stop()
	w.allowPrivate = false // the default: no private addresses
	w.start()
	art := article(t, "Internal", "2025-10-23", "<p>Secret admin page.</p>")
	add := asMember(t, interaction(t, "admin_source_add.json"), "member_admin.json")
	setOption(add, "location", art.URL+"/admin")
	msg := w.ask(add)
	if !msg.Ephemeral() || !strings.Contains(msg.Text(), "loopback") {
		t.Errorf("loopback URL: %s", msg.Text())
	}
	if names := w.sourceNames(); len(names) != 1 {
		t.Errorf("sources = %v", names)
	}
	noViolations(t, srv)
}

// longArticle writes an article with n dated events about one person.
func longArticle(t *testing.T, n int) source.Config {
	t.Helper()
	var b strings.Builder
	b.WriteString("Lviv mayor opens bridges\n\n")
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "On %d %s 2024, Olena Petrenko, the mayor of Lviv, opened bridge number %d over the Poltva river after a long debate in the city council about its cost, its safety and the traffic it would bring to the old town.\n\n",
			1+i%28, months[i%12], i+1)
	}
	path := filepath.Join(t.TempDir(), "lviv.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return source.Config{Name: "lviv", Path: path, Published: "2025-01-05", Title: "Lviv mayor opens bridges"}
}

func TestE2ELongResultsKeepDiscordLimits(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 60, longArticle(t, 60))
	who := interaction(t, "who_rutte.json")
	setOption(who, "name", "Olena Petrenko")
	msg := w.ask(who)
	if !strings.Contains(msg.Embeds[0].Title, "Petrenko") {
		t.Fatalf("profile:\n%s", msg.Text())
	}
	tl := interaction(t, "timeline_ukraine.json")
	setOption(tl, "topic", "Olena Petrenko")
	msg = w.ask(tl)
	if n := strings.Count(msg.Embeds[0].Description, "bridge number"); n < 10 {
		t.Errorf("timeline shows %d events:\n%s", n, msg.Text())
	}
	// Every page of the timeline fits.
	for i := 0; i < 10; i++ {
		next, ok := msg.Button("Next")
		if !ok || next.Disabled {
			break
		}
		msg = srv.Click(t, tl, msg, next.CustomID).Response(t)
	}
	noViolations(t, srv)
}

func TestE2EAdmin(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("Notes\n\nOn 3 March 2025, Kaja Kallas visited Tallinn."), 0o644)
	w := newWorld(t, srv, 10, seedConfig(),
		source.Config{Name: "notes", Path: notes, Published: "2025-03-04"},
		source.Config{Name: "missing", Path: filepath.Join(dir, "missing.txt")})
	before := w.sourceNames()

	// A member without Manage Server is refused and nothing changes.
	for _, f := range []string{"admin_reload.json", "admin_source_remove.json", "admin_source_list.json"} {
		msg := w.ask(interaction(t, f))
		if !msg.Ephemeral() || !strings.Contains(msg.Text(), "Manage Server") {
			t.Errorf("%s as a member: %s", f, msg.Text())
		}
	}
	add := interaction(t, "admin_source_add.json")
	setOption(add, "location", "http://127.0.0.1:1/x")
	if msg := w.ask(add); !msg.Ephemeral() {
		t.Errorf("add as a member: %s", msg.Text())
	}
	if after := w.sourceNames(); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("sources changed by a refused member: %v -> %v", before, after)
	}

	// An admin's reload: a deferred reply, then the grouped report.
	os.WriteFile(notes, []byte("Notes\n\nOn 3 March 2025, Kaja Kallas visited Tallinn. On 5 March 2025, Kallas met Petteri Orpo in Helsinki."), 0o644)
	ix := srv.Interact(t, asMember(t, interaction(t, "admin_reload.json"), "member_admin.json"))
	msg := ix.Response(t)
	if ix.Acked() != discordtest.CallbackDeferredMessage {
		t.Errorf("reload was not deferred: callback %d", ix.Acked())
	}
	if msg.Embeds[0].Title != "Reload: 1 changed, 1 unchanged, 1 failed" {
		t.Errorf("report title = %q", msg.Embeds[0].Title)
	}
	fields := map[string]string{}
	for _, f := range msg.Embeds[0].Fields {
		fields[f.Name] = f.Value
	}
	if !strings.Contains(fields["Changed (1)"], "notes") || !strings.Contains(fields["Unchanged (1)"], "rutte-white-house") ||
		!strings.Contains(fields["Failed (1)"], "missing") || !strings.Contains(fields["Failed (1)"], "missing.txt") {
		t.Errorf("report fields = %v", fields)
	}
	if edits := srv.RequestsTo("PATCH", "/webhooks/"+srv.AppID+"/"+ix.Token+"/messages/@original"); len(edits) < 2 {
		t.Errorf("%d edits of the deferred reply, want progress and the report", len(edits))
	}
	noViolations(t, srv)
}

func TestE2ESourceAddRemoveSurvivesRestart(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10, seedConfig())
	art := article(t, "Kallas in Tallinn", "2025-03-04",
		`<p>On 3 March 2025, Kaja Kallas, the EU foreign policy chief, visited Tallinn to meet Estonian ministers.</p>`)
	add := asMember(t, interaction(t, "admin_source_add.json"), "member_admin.json")
	setOption(add, "location", art.URL+"/kallas.html")
	if msg := w.ask(add); msg.Ephemeral() || !strings.Contains(msg.Text(), "Added source extra") {
		t.Fatalf("add: %s", msg.Text())
	}
	who := interaction(t, "who_rutte.json")
	setOption(who, "name", "Kallas")
	if msg := w.ask(who); !strings.Contains(msg.Embeds[0].Title, "Kallas") {
		t.Fatalf("who Kallas after add:\n%s", msg.Text())
	}

	w.restart()
	list := w.ask(asMember(t, interaction(t, "admin_source_list.json"), "member_admin.json"))
	if !strings.Contains(list.Text(), "**extra**") || !strings.Contains(list.Text(), "discord") {
		t.Fatalf("list after restart:\n%s", list.Text())
	}

	// Remove asks first; the button works on the restarted bot.
	base := asMember(t, interaction(t, "admin_source_remove.json"), "member_admin.json")
	prompt := w.ask(base)
	confirm, ok := prompt.Button("Remove")
	if !ok || !prompt.Ephemeral() {
		t.Fatalf("remove prompt: %+v", prompt)
	}
	if names := w.sourceNames(); len(names) != 2 {
		t.Fatalf("removed before confirming: %v", names)
	}
	w.restart()
	done := srv.Click(t, base, prompt, confirm.CustomID).Response(t)
	if !strings.Contains(done.Text(), "Removed source extra") || len(done.Buttons()) != 0 {
		t.Errorf("after confirming: %s (buttons %v)", done.Text(), done.Buttons())
	}
	w.restart()
	if names := w.sourceNames(); strings.Join(names, ",") != "rutte-white-house" {
		t.Errorf("sources after removal and restart = %v", names)
	}
	if msg := w.ask(who); !msg.Ephemeral() {
		t.Errorf("Kallas still known after removal:\n%s", msg.Text())
	}
	noViolations(t, srv)
}

func TestE2ERateLimitedReplyLandsOnce(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	newWorld(t, srv, 10, seedConfig())
	srv.Inject(discordtest.Fault{Method: "POST", PathContains: "/callback", Status: 429, RetryAfter: 0.3})
	ix := srv.Interact(t, interaction(t, "who_rutte.json"))
	msg := ix.Response(t)
	if !strings.Contains(msg.Text(), "Mark Rutte") {
		t.Fatalf("answer: %s", msg.Text())
	}
	var ok int
	for _, r := range srv.RequestsTo("POST", "/interactions/"+ix.ID) {
		if r.Status == 204 {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("%d accepted callbacks, want 1", ok)
	}
	noViolations(t, srv)
}

// TestE2ELongButtonIDsSurviveRestart removes a source whose name makes the
// confirmation's custom_id longer than Discord's 100 characters: the bot
// keeps the command in the database and the button still works after a
// restart.
func TestE2ELongButtonIDsSurviveRestart(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	w := newWorld(t, srv, 10, seedConfig())
	art := article(t, "Kallas in Tallinn", "2025-03-04", `<p>On 3 March 2025, Kaja Kallas visited Tallinn.</p>`)
	name := strings.Repeat("kallas-", 8) + "tallinn"
	add := asMember(t, interaction(t, "admin_source_add.json"), "member_admin.json")
	setOption(add, "location", art.URL+"/kallas.html")
	setOption(add, "name", name)
	if msg := w.ask(add); msg.Ephemeral() {
		t.Fatalf("add: %s", msg.Text())
	}
	base := asMember(t, interaction(t, "admin_source_remove.json"), "member_admin.json")
	setOption(base, "name", name)
	prompt := w.ask(base)
	confirm, ok := prompt.Button("Remove")
	if !ok || !strings.HasPrefix(confirm.CustomID, "hb:") || len(confirm.CustomID) > 100 {
		t.Fatalf("confirm button = %+v", confirm)
	}
	w.restart()
	done := srv.Click(t, base, prompt, confirm.CustomID).Response(t)
	if !strings.Contains(done.Text(), "Removed source "+name) {
		t.Errorf("after restart: %s", done.Text())
	}
	if names := w.sourceNames(); len(names) != 1 {
		t.Errorf("sources = %v", names)
	}
	noViolations(t, srv)
}

func TestE2EEveryCommandAnswers(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	newWorld(t, srv, 10, seedConfig())
	for _, f := range []string{"who_rutte.json", "timeline_ukraine.json", "quotes_rutte.json", "search_everyone.json", "sources.json", "digest_since.json"} {
		ix := srv.Interact(t, interaction(t, f))
		msg := ix.Response(t)
		if len(msg.Embeds) != 1 || msg.Embeds[0].Title == "" {
			t.Errorf("%s: %+v", f, msg)
		}
		if f == "digest_since.json" && ix.Acked() != discordtest.CallbackDeferredMessage {
			t.Errorf("/digest is slow but was not deferred (callback %d)", ix.Acked())
		}
		if strings.Contains(msg.Text(), "has no option") || strings.Contains(msg.Text(), "must be") {
			t.Errorf("%s: options not passed as the router expects: %s", f, msg.Text())
		}
	}
	noViolations(t, srv)
}

// TestE2EMergedTimeline loads three articles that tell one fine (two of
// them with different amounts) and asks Discord for the timeline: the
// fine is one line with its source count and the disagreement, and
// /conflicts lists it.
func TestE2EMergedTimeline(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	var static []source.Config
	files, err := filepath.Glob(filepath.Join("..", "testdata", "stories", "hollinsford", "*.txt"))
	if err != nil || len(files) != 3 {
		t.Fatalf("story files: %v %v", files, err)
	}
	for _, f := range files {
		static = append(static, source.Config{Name: strings.TrimSuffix(filepath.Base(f), ".txt"), Path: f})
	}
	w := newWorld(t, srv, 10, static...)
	p := interaction(t, "timeline_ukraine.json")
	setOption(p, "topic", "Hollinsford Water")
	msg := w.ask(p)
	if len(msg.Embeds) != 1 {
		t.Fatalf("timeline: %s", msg.Text())
	}
	var fine string
	for _, l := range strings.Split(msg.Embeds[0].Description, "\n") {
		if strings.Contains(l, "fined") && strings.Contains(l, "14 Apr 2026") {
			if fine != "" {
				t.Errorf("the fine is listed twice:\n%s\n%s", fine, l)
			}
			fine = l
		}
	}
	if !strings.Contains(fine, "· 3 sources") || !strings.Contains(fine, "sources differ on amount") {
		t.Errorf("merged fine line = %q\n%s", fine, msg.Text())
	}
	p = interaction(t, "timeline_ukraine.json")
	data := p["data"].(map[string]any)
	data["name"], data["options"] = "conflicts", []any{}
	msg = w.ask(p)
	if len(msg.Embeds) != 1 || !strings.Contains(msg.Embeds[0].Description, "£2.1 million") || !strings.Contains(msg.Embeds[0].Description, "£2.4 million") {
		t.Errorf("conflicts: %s", msg.Text())
	}
	noViolations(t, srv)
}
