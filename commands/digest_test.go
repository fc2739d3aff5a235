package commands_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/commands"
	"briefbot/digest"
	"briefbot/extract"
	"briefbot/store"
)

// FakeDigestScheduler is a DigestScheduler of function fields.
type FakeDigestScheduler struct {
	ReloadFn func(ctx context.Context) error
	RunNowFn func(ctx context.Context, channelID string) (*store.DigestRun, error)
}

var _ commands.DigestScheduler = (*FakeDigestScheduler)(nil)

func (f *FakeDigestScheduler) Reload(ctx context.Context) error { return f.ReloadFn(ctx) }
func (f *FakeDigestScheduler) RunNow(ctx context.Context, ch string) (*store.DigestRun, error) {
	return f.RunNowFn(ctx, ch)
}

type digestEnv struct {
	db      *store.DB
	r       *commands.Router
	reloads int
	now     time.Time
	runNow  func(ctx context.Context, ch string) (*store.DigestRun, error)
}

func newDigestEnv(t *testing.T) *digestEnv {
	t.Helper()
	env := &digestEnv{now: time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)}
	env.db = store.NewDB(filepath.Join(t.TempDir(), "db"))
	env.db.Now = func() time.Time { return env.now }
	if err := env.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.db.Close(context.Background()) })
	sched := &FakeDigestScheduler{
		ReloadFn: func(context.Context) error { env.reloads++; return nil },
		RunNowFn: func(ctx context.Context, ch string) (*store.DigestRun, error) { return env.runNow(ctx, ch) },
	}
	dc := &commands.DigestCommands{Store: env.db, Scheduler: sched, Now: func() time.Time { return env.now }}
	env.r = commands.NewRouter()
	env.r.Add(commands.AddDigestAdmin(nil, dc))
	env.r.Add(dc.Command())
	return env
}

func (env *digestEnv) serve(command string, admin bool, opts ...string) *commands.Response {
	return env.serveIn("g1", command, admin, opts...)
}

func (env *digestEnv) serveIn(guild, command string, admin bool, opts ...string) *commands.Response {
	req := &commands.Request{Command: command, Options: map[string]string{}, Caller: commands.Caller{UserID: "u1", Admin: admin},
		GuildID: guild, ChannelID: "100"}
	for i := 0; i+1 < len(opts); i += 2 {
		req.Options[opts[i]] = opts[i+1]
	}
	return env.r.Serve(context.Background(), req)
}

func digestText(r *commands.Response) string {
	return r.Title + "\n" + strings.Join(r.Lines, "\n") + "\n" + r.Footer
}

func TestDigestAdminSet(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t)
	if r := env.serve("admin digest set", false, "channel", "200", "time", "08:00"); !r.Error || !r.Ephemeral || !strings.Contains(digestText(r), "admins only") {
		t.Fatalf("non-admin: %s", digestText(r))
	}
	for _, tc := range []struct {
		opts []string
		want string
	}{
		{[]string{"channel", "200", "time", "08:00", "timezone", "Mars/Olympus"}, "Unknown time zone \"Mars/Olympus\""},
		{[]string{"channel", "200", "time", "25:00"}, "Time \"25:00\""},
		{[]string{"channel", "200", "time", "08:00", "days", "funday"}, "Days \"funday\""},
		{[]string{"channel", "general", "time", "08:00"}, "not a channel"},
	} {
		r := env.serve("admin digest set", true, tc.opts...)
		if !r.Error || !r.Ephemeral || !strings.Contains(digestText(r), tc.want) {
			t.Errorf("set %q: %s, want %q", tc.opts, digestText(r), tc.want)
		}
	}
	if env.reloads != 0 {
		t.Fatalf("refused sets reloaded the scheduler")
	}
	r := env.serve("admin digest set", true, "channel", "<#200>", "time", "8am", "timezone", "europe/amsterdam", "days", "weekdays")
	if r.Error || !r.Ephemeral {
		t.Fatalf("set: %s", digestText(r))
	}
	for _, want := range []string{"<#200> gets the key developments at **08:00 Europe/Amsterdam**, Monday to Friday.", "Next: Mon 2 Mar 08:00 CET (in 1h00)."} {
		if !strings.Contains(digestText(r), want) {
			t.Errorf("set response lacks %q:\n%s", want, digestText(r))
		}
	}
	s, err := env.db.DigestSchedule(ctx, "200")
	if err != nil || s.Clock != "08:00" || s.TimeZone != "Europe/Amsterdam" || s.Days != "mon-fri" || s.GuildID != "g1" || s.CreatedBy != "u1" || s.PostEmpty {
		t.Fatalf("stored: %+v %v", s, err)
	}
	if env.reloads != 1 {
		t.Fatalf("%d reloads", env.reloads)
	}
}

func TestDigestAdminListOffNow(t *testing.T) {
	ctx := context.Background()
	env := newDigestEnv(t)
	if r := env.serve("admin digest list", true); !strings.Contains(digestText(r), "No digests scheduled") {
		t.Fatalf("empty list: %s", digestText(r))
	}
	env.serve("admin digest set", true, "channel", "200", "time", "08:00", "timezone", "Europe/Amsterdam", "days", "mon-fri")
	env.serve("admin digest set", true, "channel", "300", "time", "07:00", "timezone", "America/New_York", "empty", "post")
	// 300 fails: the list shows why.
	run := &store.DigestRun{ChannelID: "300", Due: env.now, Status: store.RunPending}
	if err := env.db.CreateDigestRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := env.db.MarkDigestFailed(ctx, run.ID, "channel unavailable: 403 Missing Access", true); err != nil {
		t.Fatal(err)
	}
	r := env.serve("admin digest list", true)
	if len(r.Lines) != 2 || !r.Ephemeral {
		t.Fatalf("list: %s", digestText(r))
	}
	if want := "<#200> · 08:00 Europe/Amsterdam, Monday to Friday · next Mon 2 Mar 08:00 CET (in 1h00)"; r.Lines[0] != want {
		t.Errorf("line 0 = %q\nwant %q", r.Lines[0], want)
	}
	if !strings.Contains(r.Lines[1], "**failing** since 2 Mar 06:00 UTC: channel unavailable: 403 Missing Access") {
		t.Errorf("line 1 = %q", r.Lines[1])
	}

	// now: posted, nothing new, unavailable.
	env.runNow = func(ctx context.Context, ch string) (*store.DigestRun, error) {
		return &store.DigestRun{ChannelID: ch, Status: store.RunPosted, Items: 3}, nil
	}
	if r := env.serve("admin digest now", true, "channel", "200"); r.Error || !strings.Contains(digestText(r), "Posted 3 developments to <#200>.") {
		t.Fatalf("now: %s", digestText(r))
	}
	env.runNow = func(ctx context.Context, ch string) (*store.DigestRun, error) {
		return &store.DigestRun{ChannelID: ch, Status: store.RunFailed, Error: "channel unavailable: 404 Unknown Channel"},
			fmt.Errorf("post digest: %w: 404 Unknown Channel", digest.ErrUnavailable)
	}
	if r := env.serve("admin digest now", true, "channel", "300"); !r.Error || !strings.Contains(digestText(r), "404 Unknown Channel") {
		t.Fatalf("now unavailable: %s", digestText(r))
	}
	if r := env.serve("admin digest now", false, "channel", "300"); !r.Error || !strings.Contains(digestText(r), "admins only") {
		t.Fatalf("now as non-admin: %s", digestText(r))
	}

	if r := env.serve("admin digest off", true, "channel", "200"); r.Error {
		t.Fatalf("off: %s", digestText(r))
	}
	if _, err := env.db.DigestSchedule(ctx, "200"); err == nil {
		t.Fatal("still scheduled")
	}
	if r := env.serve("admin digest off", true, "channel", "200"); !r.Error || !strings.Contains(digestText(r), "<#200> has no digest.") {
		t.Fatalf("off twice: %s", digestText(r))
	}
	if env.reloads != 3 {
		t.Fatalf("%d reloads, want 3 (two sets, one off)", env.reloads)
	}
}

func TestDigestPreviewCommand(t *testing.T) {
	env := newDigestEnv(t)
	if r := env.serve("digest", false); !strings.Contains(digestText(r), "Nothing new since") || !r.Ephemeral {
		t.Fatalf("empty preview: %s", digestText(r))
	}
	doc := &extract.Document{
		Sentences: []extract.Sentence{{Start: 0, End: 33}},
		Entities:  []extract.Entity{{ID: "person:ann-lee", Name: "Ann Lee", Kind: extract.Person}},
		Events: []extract.Event{{Date: "2026-03-01", Precision: extract.Day, Summary: "Ann Lee won the vote on 1 March.",
			Sentence: "Ann Lee won the vote on 1 March.", Entities: []string{"Ann Lee"}, Start: 0, End: 33, ClauseStart: 0, ClauseEnd: 33}},
	}
	if _, err := env.db.LoadSource(context.Background(), store.SourceInput{Name: "a", Title: "Vote", Published: "2026-03-02",
		Text: "Ann Lee won the vote on 1 March. ", Doc: doc}); err != nil {
		t.Fatal(err)
	}
	r := env.serve("digest", false)
	if r.Error || len(r.Lines) != 1 || r.Lines[0] != "**1 Mar 2026** · Ann Lee won the vote on 1 March. — Vote" || len(r.Citations) != 1 {
		t.Fatalf("preview: %s %+v", digestText(r), r.Citations)
	}
	if r := env.serve("digest", false, "since", "last week"); !r.Error {
		t.Fatalf("bad since: %s", digestText(r))
	}
}

func TestDigestTimezoneAutocomplete(t *testing.T) {
	dc := &commands.DigestCommands{}
	got, err := dc.Autocomplete(context.Background(), &commands.Request{Command: "admin digest set"}, "timezone", "amst")
	if err != nil || len(got) != 1 || got[0].Value != "Europe/Amsterdam" {
		t.Fatalf("amst: %v %v", got, err)
	}
	got, _ = dc.Autocomplete(context.Background(), &commands.Request{Command: "admin digest set"}, "timezone", "")
	if len(got) != commands.MaxChoices {
		t.Fatalf("empty: %d choices", len(got))
	}
	got, _ = dc.Autocomplete(context.Background(), &commands.Request{Command: "admin digest set"}, "timezone", "Asia/Kathmandu")
	if len(got) != 1 || got[0].Value != "Asia/Kathmandu" {
		t.Fatalf("exact zone: %v", got)
	}
}

func TestDigestAdminOtherGuild(t *testing.T) {
	env := newDigestEnv(t)
	env.serve("admin digest set", true, "channel", "200", "time", "08:00")
	for _, tc := range []struct{ cmd, want string }{
		{"admin digest list", "No digests scheduled"},
		{"admin digest off", "<#200> has no digest."},
		{"admin digest now", "<#200> has no digest."},
		{"admin digest set", "<#200> belongs to another server."},
	} {
		var r *commands.Response
		switch tc.cmd {
		case "admin digest list":
			r = env.serveIn("g2", tc.cmd, true)
		case "admin digest set":
			r = env.serveIn("g2", tc.cmd, true, "channel", "200", "time", "09:00")
		default:
			r = env.serveIn("g2", tc.cmd, true, "channel", "200")
		}
		if !strings.Contains(digestText(r), tc.want) {
			t.Errorf("%s from another guild: %s", tc.cmd, digestText(r))
		}
	}
	if s, err := env.db.DigestSchedule(context.Background(), "200"); err != nil || s.Clock != "08:00" {
		t.Fatalf("schedule changed from another guild: %+v %v", s, err)
	}
	// The command line sees every server's digests.
	if r := env.serveIn("", "admin digest list", true); len(r.Lines) != 1 {
		t.Fatalf("cli list: %s", digestText(r))
	}
}
