package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/robfig/cron/v3"

	"briefbot/bot"
	"briefbot/bot/discordtest"
	"briefbot/commands"
	"briefbot/digest"
	"briefbot/extract"
	"briefbot/store"
)

// digestClock is the injected clock of the database, the runner and the
// nonce window.
type digestClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *digestClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *digestClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// digestProxy stands in front of the fake Discord and adds what digests
// need of Discord that the fake does not do (yet): enforce_nonce on
// POST /channels/{id}/messages (a nonce seen within the window returns
// the message already created) and GET /channels/{id}/messages, newest
// first. Everything else goes to the fake unchanged, so its validation,
// faults and recording still apply.
type digestProxy struct {
	fake   *discordtest.Server
	srv    *httptest.Server
	clk    *digestClock
	window time.Duration

	mu       sync.Mutex
	nonces   map[string]digestNonce
	deduped  int
	failList int // GET list requests to answer 500
}

type digestNonce struct {
	id string
	at time.Time
}

var digestMessagesPath = regexp.MustCompile(`^/api/v\d+/channels/(\d+)/messages$`)

func newDigestProxy(t *testing.T, fake *discordtest.Server, clk *digestClock) *digestProxy {
	p := &digestProxy{fake: fake, clk: clk, window: 2 * time.Minute, nonces: map[string]digestNonce{}}
	target, _ := url.Parse(fake.URL())
	rp := httputil.NewSingleHostReverseProxy(target)
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := digestMessagesPath.FindStringSubmatch(r.URL.Path)
		switch {
		case m != nil && r.Method == "GET":
			p.list(w, r, m[1])
		case m != nil && r.Method == "POST":
			p.post(w, r, m[1], target)
		default:
			rp.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *digestProxy) post(w http.ResponseWriter, r *http.Request, ch string, target *url.URL) {
	body, _ := io.ReadAll(r.Body)
	var n struct {
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
	}
	json.Unmarshal(body, &n)
	p.mu.Lock()
	defer p.mu.Unlock()
	key := ch + "\x00" + n.Nonce
	if n.EnforceNonce && n.Nonce != "" {
		if old, ok := p.nonces[key]; ok && p.clk.Now().Sub(old.at) < p.window {
			for _, msg := range p.fake.ChannelMessages(ch) {
				if msg.ID == old.id {
					p.deduped++
					b, _ := json.Marshal(msg)
					w.Header().Set("Content-Type", "application/json")
					w.Write(b)
					return
				}
			}
		}
	}
	req, _ := http.NewRequest("POST", target.String()+r.URL.Path, bytes.NewReader(body))
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 && n.EnforceNonce && n.Nonce != "" {
		var msg struct{ ID string }
		if json.Unmarshal(out, &msg) == nil {
			p.nonces[key] = digestNonce{id: msg.ID, at: p.clk.Now()}
		}
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(out)
}

func (p *digestProxy) list(w http.ResponseWriter, r *http.Request, ch string) {
	p.mu.Lock()
	fail := p.failList > 0
	if fail {
		p.failList--
	}
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if fail {
		w.WriteHeader(500)
		io.WriteString(w, `{"message": "500: Internal Server Error", "code": 0}`)
		return
	}
	msgs := p.fake.ChannelMessages(ch)
	sort.Slice(msgs, func(i, j int) bool {
		a, _ := strconv.ParseInt(msgs[i].ID, 10, 64)
		b, _ := strconv.ParseInt(msgs[j].ID, 10, 64)
		return a > b
	})
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 50
	}
	if len(msgs) > limit {
		msgs = msgs[:limit]
	}
	json.NewEncoder(w).Encode(msgs)
}

// digestEnv is a bot's digest side against the fake Discord.
type digestEnv struct {
	t     *testing.T
	clk   *digestClock
	db    *store.DB
	fake  *discordtest.Server
	proxy *digestProxy
	ds    *discordgo.Session
}

const digestChannel = "200000000000000001"

func newDigestEnv(t *testing.T, start string) *digestEnv {
	t.Helper()
	env := &digestEnv{t: t, clk: &digestClock{t: digestTime(t, start)}}
	env.db = store.NewDB(filepath.Join(t.TempDir(), "db"))
	env.db.Now = env.clk.Now
	if err := env.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.db.Close(context.Background()) })
	env.fake = discordtest.New(t)
	env.proxy = newDigestProxy(t, env.fake, env.clk)
	ds, err := discordgo.New("Bot " + env.fake.Token)
	if err != nil {
		t.Fatal(err)
	}
	if err := bot.Route(ds, env.proxy.srv.URL, nil); err != nil {
		t.Fatal(err)
	}
	env.ds = ds
	return env
}

func digestTime(t *testing.T, v string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// scheduler returns a scheduler posting through poster (the real Discord
// poster when nil) that wakes every 20 ms; the injected clock decides
// which digest is due.
func (env *digestEnv) scheduler(poster digest.Poster) *digest.Scheduler {
	if poster == nil {
		poster = &bot.DigestPoster{Session: env.ds}
	}
	s := digest.NewScheduler(env.db, poster, slog.New(slog.DiscardHandler))
	s.Runner.Now = env.clk.Now
	s.Sweep = time.Second
	s.Wakeups = func(digest.Spec) cron.Schedule { return digestEvery(20 * time.Millisecond) }
	return s
}

type digestEvery time.Duration

func (e digestEvery) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

func (env *digestEnv) set(clock, zone, days string) {
	env.t.Helper()
	dc := &commands.DigestCommands{Store: env.db, Now: env.clk.Now}
	r := commands.NewRouter()
	r.Add(commands.AddDigestAdmin(nil, dc))
	resp := r.Serve(context.Background(), &commands.Request{Command: "admin digest set", Caller: commands.Caller{Admin: true},
		Options: map[string]string{"channel": digestChannel, "time": clock, "timezone": zone, "days": days}})
	if resp.Error {
		env.t.Fatalf("set: %v", resp.Lines)
	}
}

func (env *digestEnv) load(name, published string, sentences ...string) {
	env.t.Helper()
	doc := &extract.Document{}
	var b strings.Builder
	for _, s := range sentences {
		start := b.Len()
		b.WriteString(s)
		end := b.Len()
		b.WriteString(" ")
		doc.Sentences = append(doc.Sentences, extract.Sentence{Start: start, End: end})
		doc.Events = append(doc.Events, extract.Event{Date: published, Precision: extract.Day, Summary: s, Sentence: s,
			Start: start, End: end, ClauseStart: start, ClauseEnd: end})
	}
	if _, err := env.db.LoadSource(context.Background(), store.SourceInput{Name: name, Title: "Title of " + name,
		URL: "https://news.example/" + name, Published: published, Text: b.String(), Doc: doc}); err != nil {
		env.t.Fatal(err)
	}
}

func (env *digestEnv) messages() []*discordtest.Message {
	msgs := env.fake.ChannelMessages(digestChannel)
	sort.Slice(msgs, func(i, j int) bool { return msgs[i].ID < msgs[j].ID })
	return msgs
}

func (env *digestEnv) waitMessages(n int) []*discordtest.Message {
	env.t.Helper()
	env.fake.WaitFor(env.t, 5*time.Second, fmt.Sprintf("%d digest messages", n), func() bool {
		return len(env.fake.ChannelMessages(digestChannel)) >= n
	})
	return env.messages()
}

// digestWait polls cond: the fake's WaitFor only re-checks when the
// fake's own state changes, and these conditions are on the database.
func digestWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDigestE2E_PostedAtDueTime(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t, "2026-03-01T12:00:00Z") // Sunday
	env.set("08:00", "Europe/Amsterdam", "mon-fri")
	env.load("first", "2026-03-01", "Mark Rutte met Donald Trump at the White House on Sunday.", "The talks lasted two hours on Sunday.")

	s := env.scheduler(nil)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	env.clk.Set(digestTime(t, "2026-03-02T06:59:58Z")) // 07:59:58 in Amsterdam
	time.Sleep(150 * time.Millisecond)
	if n := len(env.messages()); n != 0 {
		t.Fatalf("%d messages before the due time", n)
	}
	env.clk.Set(digestTime(t, "2026-03-02T07:00:01Z"))
	env.waitMessages(1)
	time.Sleep(150 * time.Millisecond) // more wakeups post nothing more
	msgs := env.messages()
	if len(msgs) != 1 || len(msgs[0].Embeds) != 1 {
		t.Fatalf("messages: %+v", msgs)
	}
	e := msgs[0].Embeds[0]
	if e.Title != "Key developments since Sat 28 Feb 13:00" {
		t.Errorf("title %q", e.Title)
	}
	for _, want := range []string{
		"**1 Mar 2026** · Mark Rutte met Donald Trump at the White House on Sunday. — [Title of first](https://news.example/first)",
		"**1 Mar 2026** · The talks lasted two hours on Sunday. — [Title of first](https://news.example/first)",
	} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, e.Description)
		}
	}
	if e.Footer == nil || !strings.Contains(e.Footer.Text, "Mon 2 Mar 2026 08:00 Europe/Amsterdam · ref bd") {
		t.Errorf("footer %+v", e.Footer)
	}
	posts := env.fake.RequestsTo("POST", "/channels/"+digestChannel+"/messages")
	if len(posts) != 1 {
		t.Fatalf("%d POSTs", len(posts))
	}
	var body struct {
		Nonce           string         `json:"nonce"`
		EnforceNonce    bool           `json:"enforce_nonce"`
		AllowedMentions map[string]any `json:"allowed_mentions"`
	}
	if err := posts[0].JSON(&body); err != nil {
		t.Fatal(err)
	}
	if p, ok := body.AllowedMentions["parse"].([]any); !ok || len(p) != 0 || !body.EnforceNonce || body.Nonce == "" || len(body.Nonce) > 25 {
		t.Errorf("post body: %+v", body)
	}

	// A source loaded afterwards shows up in the next digest only.
	env.clk.Set(digestTime(t, "2026-03-02T12:00:00Z"))
	env.load("second", "2026-03-02", "Ann Lee resigned as finance minister on Monday.")
	env.load("first", "2026-03-01", "Mark Rutte met Donald Trump at the White House on Sunday!", "The talks lasted two hours on Sunday.")
	env.clk.Set(digestTime(t, "2026-03-03T07:00:01Z"))
	msgs = env.waitMessages(2)
	d := msgs[1].Embeds[0].Description
	if !strings.Contains(d, "Ann Lee resigned as finance minister on Monday.") || strings.Contains(d, "Rutte") || strings.Contains(d, "talks") {
		t.Errorf("second digest:\n%s", d)
	}
	if !strings.HasPrefix(msgs[1].Embeds[0].Title, "Key developments since Mon 2 Mar 08:00") {
		t.Errorf("second title %q", msgs[1].Embeds[0].Title)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if v := env.fake.Violations(); len(v) > 0 {
		t.Fatalf("violations: %v", v)
	}
}

// crashAfterPost posts through the real poster and then "dies": it
// reports a failure and blocks nothing, so the run stays pending as if the
// process had been killed between Discord's answer and the database
// update.
type crashAfterPost struct {
	real      *bot.DigestPoster
	deliver   bool
	delivered chan struct{}
	mu        sync.Mutex
	dead      bool
}

func (c *crashAfterPost) Post(ctx context.Context, ch string, m *digest.Message, nonce string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		return "", errors.New("dead")
	}
	if c.deliver {
		if _, err := c.real.Post(ctx, ch, m, nonce); err != nil {
			return "", err
		}
	}
	c.dead = true
	close(c.delivered)
	return "", errors.New("killed")
}

// FindPosted of a dead process finds nothing and reaches nothing.
func (c *crashAfterPost) FindPosted(ctx context.Context, ch, ref string) (string, error) {
	return "", errors.New("dead")
}

func TestDigestE2E_KilledBetweenPendingAndPosted(t *testing.T) {
	for _, tc := range []struct {
		name     string
		deliver  bool
		downtime time.Duration
		failList int
	}{
		{"delivered, restart after the nonce window", true, 30 * time.Minute, 0},
		{"delivered, quick restart, listing fails", true, 20 * time.Second, 5},
		{"not delivered, restart", false, 30 * time.Minute, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			env := newDigestEnv(t, "2026-03-01T12:00:00Z")
			env.set("08:00", "UTC", "")
			env.load("first", "2026-03-02", "Ann Lee won the vote on Monday.")
			env.clk.Set(digestTime(t, "2026-03-02T08:00:01Z"))

			crash := &crashAfterPost{real: &bot.DigestPoster{Session: env.ds}, deliver: tc.deliver, delivered: make(chan struct{})}
			s := env.scheduler(crash)
			if err := s.Open(ctx); err != nil {
				t.Fatal(err)
			}
			<-crash.delivered
			s.Close(ctx)
			run, err := env.db.DigestRun(ctx, digestChannel, digestTime(t, "2026-03-02T08:00:00Z"))
			if err != nil || run.Status != store.RunPending {
				t.Fatalf("after the kill: %+v %v", run, err)
			}

			// Restart: a new scheduler with the real poster on the same database.
			env.clk.Set(env.clk.Now().Add(tc.downtime))
			env.proxy.mu.Lock()
			env.proxy.failList = tc.failList
			env.proxy.mu.Unlock()
			s2 := env.scheduler(nil)
			if err := s2.Open(ctx); err != nil {
				t.Fatal(err)
			}
			digestWait(t, "the run posted", func() bool {
				run, err := env.db.DigestRun(ctx, digestChannel, digestTime(t, "2026-03-02T08:00:00Z"))
				return err == nil && run.Status == store.RunPosted
			})
			time.Sleep(100 * time.Millisecond)
			if err := s2.Close(ctx); err != nil {
				t.Fatal(err)
			}
			msgs := env.messages()
			if len(msgs) != 1 {
				t.Fatalf("%d messages after restart", len(msgs))
			}
			// Discord created one message: found again in the channel after
			// the nonce window, or returned for the repeated nonce within it.
			if n := len(env.fake.RequestsTo("POST", "/channels/"+digestChannel+"/messages")); n != 1 {
				t.Errorf("%d messages created", n)
			}
			env.proxy.mu.Lock()
			deduped := env.proxy.deduped
			env.proxy.mu.Unlock()
			if want := map[bool]int{true: 1, false: 0}[tc.failList > 0]; deduped != want {
				t.Errorf("%d posts deduplicated by nonce, want %d", deduped, want)
			}
			run, _ = env.db.DigestRun(ctx, digestChannel, digestTime(t, "2026-03-02T08:00:00Z"))
			if run.MessageID != msgs[0].ID {
				t.Fatalf("run message %q, channel message %q", run.MessageID, msgs[0].ID)
			}
		})
	}
}

func TestDigestE2E_ForbiddenMarksFailing(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t, "2026-03-01T12:00:00Z")
	env.set("08:00", "UTC", "")
	env.load("first", "2026-03-02", "Ann Lee won the vote on Monday.")
	env.fake.Inject(discordtest.Fault{Method: "POST", PathContains: "/channels/" + digestChannel + "/messages", Status: 403,
		Body: `{"message": "Missing Access", "code": 50001}`, Times: 1000})
	env.clk.Set(digestTime(t, "2026-03-02T08:00:01Z"))
	s := env.scheduler(nil)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	digestWait(t, "the schedule failing", func() bool {
		sc, err := env.db.DigestSchedule(ctx, digestChannel)
		return err == nil && sc.Status == store.ScheduleFailing
	})
	time.Sleep(1500 * time.Millisecond) // many wakeups and a sweep
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(env.fake.RequestsTo("POST", "/channels/"+digestChannel+"/messages")); n != 1 {
		t.Fatalf("%d POSTs to a forbidden channel, want 1", n)
	}
	dc := &commands.DigestCommands{Store: env.db, Now: env.clk.Now}
	r := commands.NewRouter()
	r.Add(commands.AddDigestAdmin(nil, dc))
	resp := r.Serve(ctx, &commands.Request{Command: "admin digest list", Caller: commands.Caller{Admin: true}})
	if got := strings.Join(resp.Lines, "\n"); !strings.Contains(got, "**failing** since 2 Mar 08:00 UTC: channel unavailable: 403 Missing Access") {
		t.Fatalf("list:\n%s", got)
	}
}

// digestInteraction builds the payload of /admin digest <sub> with options,
// sent by the member in testdata/name.
func digestInteraction(t *testing.T, member, sub string, opts map[string]any) map[string]any {
	t.Helper()
	p := asMember(t, interaction(t, "admin_source_list.json"), member)
	var options []any
	types := map[string]int{"channel": 7}
	for _, name := range []string{"channel", "time", "timezone", "days", "empty"} {
		if v, ok := opts[name]; ok {
			typ := 3
			if tt, ok := types[name]; ok {
				typ = tt
			}
			options = append(options, map[string]any{"name": name, "type": typ, "value": v})
		}
	}
	p["data"] = map[string]any{"id": "500000000000000009", "name": "admin", "type": 1, "guild_id": guildID,
		"options": []any{map[string]any{"name": "digest", "type": 2, "options": []any{
			map[string]any{"name": sub, "type": 1, "options": options}}}}}
	return p
}

// TestDigestE2E_AdminCommandsThroughDiscord runs the digest commands
// through the bot against the fake Discord: the definitions register
// within Discord's limits, an admin sets a schedule (a plain member may
// not), the digest is posted at its due time, and the list shows it.
func TestDigestE2E_AdminCommandsThroughDiscord(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t, "2026-03-01T12:00:00Z")
	env.load("first", "2026-03-01", "Mark Rutte met Donald Trump at the White House on Sunday.")
	sched := env.scheduler(nil)
	if err := sched.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer sched.Close(ctx)
	dc := &commands.DigestCommands{Store: env.db, Scheduler: sched, Now: env.clk.Now}
	router := commands.NewRouter()
	router.Add(commands.AddDigestAdmin(nil, dc))
	router.Add(dc.Command())
	startBot(t, env.fake, testConfig(env.fake), router)
	var names []string
	for _, c := range env.fake.Commands(guildID) {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "admin,digest" {
		t.Fatalf("registered %v", names)
	}

	set := map[string]any{"channel": digestChannel, "time": "08:00", "timezone": "Europe/Amsterdam", "days": "mon-fri"}
	refused := env.fake.Interact(t, digestInteraction(t, "member_plain.json", "set", set)).Response(t)
	if !refused.Ephemeral() || !strings.Contains(refused.Text(), "Not allowed") {
		t.Fatalf("plain member: %s", refused.Text())
	}
	bad := env.fake.Interact(t, digestInteraction(t, "member_admin.json", "set", map[string]any{"channel": digestChannel, "time": "08:00", "timezone": "Europe/Amsterdm"})).Response(t)
	if !bad.Ephemeral() || !strings.Contains(bad.Text(), `Unknown time zone "Europe/Amsterdm"`) {
		t.Fatalf("bad zone: %s", bad.Text())
	}
	ok := env.fake.Interact(t, digestInteraction(t, "member_admin.json", "set", set)).Response(t)
	if !ok.Ephemeral() || !strings.Contains(ok.Text(), "<#"+digestChannel+"> gets the key developments at **08:00 Europe/Amsterdam**, Monday to Friday.") {
		t.Fatalf("set: %s", ok.Text())
	}

	env.clk.Set(digestTime(t, "2026-03-02T07:00:01Z"))
	msgs := env.waitMessages(1)
	if !strings.Contains(msgs[0].Embeds[0].Description, "Mark Rutte met Donald Trump") {
		t.Fatalf("digest: %s", msgs[0].Text())
	}
	digestWait(t, "the run recorded", func() bool {
		s, err := env.db.DigestSchedule(ctx, digestChannel)
		return err == nil && s.LastMessageID == msgs[0].ID
	})
	list := env.fake.Interact(t, digestInteraction(t, "member_admin.json", "list", nil)).Response(t)
	if !strings.Contains(list.Text(), "08:00 Europe/Amsterdam, Monday to Friday · next Tue 3 Mar 08:00 CET") || !strings.Contains(list.Text(), "last posted Mon 2 Mar 08:00") {
		t.Fatalf("list: %s", list.Text())
	}
	noViolations(t, env.fake)
}
