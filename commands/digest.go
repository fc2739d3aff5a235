package commands

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"briefbot/digest"
	"briefbot/store"
)

// DigestStore is what the digest commands ask of the store; *store.DB
// satisfies it.
type DigestStore interface {
	digest.Store
	PutDigestSchedule(ctx context.Context, s *store.DigestSchedule) error
	DeleteDigestSchedule(ctx context.Context, channelID string) error
}

var _ DigestStore = (*store.DB)(nil)

// DigestScheduler is the running scheduler the admin commands drive;
// *digest.Scheduler satisfies it.
type DigestScheduler interface {
	// Reload makes changed schedules take effect without a restart.
	Reload(ctx context.Context) error
	// RunNow posts a channel's digest immediately.
	RunNow(ctx context.Context, channelID string) (*store.DigestRun, error)
}

var _ DigestScheduler = (*digest.Scheduler)(nil)

// DigestCommands are /digest (what the channel's next digest would post)
// and the /admin digest group (set, off, list, now).
type DigestCommands struct {
	Store DigestStore
	// Scheduler may be nil where no bot runs (the command line): schedules
	// are then only stored, and "now" is refused.
	Scheduler DigestScheduler
	// Now returns the current time (default time.Now).
	Now func() time.Time
}

func (d *DigestCommands) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// Command returns /digest, which shows exactly what the channel's next
// digest would post. It replaces the fact commands' placeholder of the
// same name when added to the router after them.
func (d *DigestCommands) Command() *Command {
	return &Command{
		Definition: Definition{
			Name:        "digest",
			Description: "What this channel's next digest would post: key developments since its last one",
			Options: []Option{
				{Name: "since", Description: "Look at sources loaded since this date (YYYY-MM-DD) instead of the last digest", Type: String, MaxLength: 30},
			},
			Slow: true,
		},
		Handler: HandlerFunc(d.preview),
	}
}

func (d *DigestCommands) preview(ctx context.Context, req *Request) (*Response, error) {
	var since time.Time
	if v := req.Option("since"); v != "" {
		var err error
		if since, err = digest.ParseSince(v); err != nil {
			return nil, Errorf("since must be a date such as 2026-03-01, not %q.", v)
		}
	}
	dg, err := digest.PreviewIn(ctx, d.Store, req.ChannelID, req.GuildID, since, d.now())
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	return DigestMessageResponse(dg), nil
}

// DigestMessageResponse renders a digest as a response: the lines of the
// message that would be posted, and its sources as citations.
func DigestMessageResponse(dg *digest.Digest) *Response {
	m := dg.Message
	data := &DigestResult{Channel: dg.ChannelID, Items: []DigestLine{}, More: dg.More}
	for _, it := range dg.Items {
		data.Items = append(data.Items, DigestLine{Kind: it.Kind, Date: it.Date, Text: it.Text, Speaker: it.Speaker,
			Sources: it.Sources, Score: it.Score, Source: it.Source.Name})
	}
	r := &Response{Title: m.Title, Lines: strings.Split(m.Description, "\n"), Footer: m.Footer, Data: data}
	if dg.Empty() {
		r.Ephemeral = true
		r.NotFound = true
	}
	seen := map[int64]bool{}
	for _, it := range dg.Items {
		if seen[it.Source.ID] {
			continue
		}
		seen[it.Source.ID] = true
		title := it.Source.Title
		if title == "" {
			title = it.Source.Name
		}
		r.Citations = append(r.Citations, Citation{Title: title, URL: it.Source.URL, Published: it.Source.Published})
	}
	return r
}

// AdminDefinition returns the "digest" subcommand group of /admin.
func (d *DigestCommands) AdminDefinition() Definition {
	channel := Option{Name: "channel", Description: "The channel the digest is posted to", Type: Channel, Required: true}
	return Definition{
		Name:        "digest",
		Description: "Scheduled digests of key developments",
		Admin:       true,
		Subcommands: []Definition{
			{Name: "set", Description: "Post a digest to a channel every day (or on given days) at a local time", Admin: true, Options: []Option{
				channel,
				{Name: "time", Description: "Local time, such as 08:00 or 7:30pm", Type: String, Required: true, MaxLength: 10},
				{Name: "timezone", Description: "IANA time zone, such as Europe/Amsterdam (default UTC)", Type: String, Autocomplete: true, MaxLength: 64},
				{Name: "days", Description: "Days, such as mon-fri or sat,sun (default every day)", Type: String, MaxLength: 40},
				{Name: "empty", Description: "When there is nothing new: skip silently (default) or post a line saying so", Type: String,
					Choices: []Choice{{Name: "skip", Value: "skip"}, {Name: "post", Value: "post"}}},
			}},
			{Name: "off", Description: "Stop a channel's digest", Admin: true, Options: []Option{channel}},
			{Name: "list", Description: "List the scheduled digests and their state", Admin: true},
			{Name: "now", Description: "Post a channel's digest immediately", Admin: true, Slow: true, Options: []Option{channel}},
		},
	}
}

// AddDigestAdmin adds the digest group to the /admin command (creating it
// when admin is nil) and returns it: requests under "admin digest" go to
// d, the rest to admin's own handler.
func AddDigestAdmin(admin *Command, d *DigestCommands) *Command {
	if admin == nil {
		admin = &Command{Definition: Definition{Name: "admin", Description: "Server admin commands", Admin: true},
			Handler: HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
				return nil, Errorf("Unknown admin command /%s.", req.Command)
			})}
	}
	subs := admin.Subcommands[:0:0]
	for _, s := range admin.Subcommands {
		if s.Name != "digest" {
			subs = append(subs, s)
		}
	}
	admin.Subcommands = append(subs, d.AdminDefinition())
	next := admin.Handler
	admin.Handler = HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
		if f := strings.Fields(req.Command); len(f) >= 2 && f[0] == "admin" && f[1] == "digest" {
			return d.ServeAdmin(ctx, req)
		}
		return next.Serve(ctx, req)
	})
	prevAuto := admin.Autocomplete
	admin.Autocomplete = func(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
		if strings.HasPrefix(req.Command, "admin digest") {
			return d.Autocomplete(ctx, req, option, typed)
		}
		if prevAuto != nil {
			return prevAuto(ctx, req, option, typed)
		}
		return nil, nil
	}
	return admin
}

// ServeAdmin answers "admin digest set|off|list|now". The router has
// checked that the caller is an admin; it checks again, since it can be
// reached without the router.
func (d *DigestCommands) ServeAdmin(ctx context.Context, req *Request) (*Response, error) {
	if !req.Caller.Admin {
		return &Response{Title: "Not allowed", Lines: []string{fmt.Sprintf("/%s is for server admins only.", req.Command)}, Ephemeral: true, Error: true}, nil
	}
	switch strings.Join(strings.Fields(req.Command), " ") {
	case "admin digest set":
		return d.set(ctx, req)
	case "admin digest off":
		return d.off(ctx, req)
	case "admin digest list":
		return d.list(ctx, req)
	case "admin digest now":
		return d.runNow(ctx, req)
	}
	return nil, Errorf("Unknown command /%s. Subcommands: set, off, list, now.", req.Command)
}

func digestChannelRef(id string) string { return "<#" + id + ">" }

func (d *DigestCommands) channel(req *Request) (string, error) {
	ch := strings.TrimSpace(req.Option("channel"))
	ch = strings.TrimSuffix(strings.TrimPrefix(ch, "<#"), ">")
	if ch == "" {
		return "", Errorf("Give the channel the digest is for.")
	}
	for _, r := range ch {
		if r < '0' || r > '9' {
			return "", Errorf("%q is not a channel.", req.Option("channel"))
		}
	}
	return ch, nil
}

// checkGuild refuses to touch another server's digest: its channel is
// treated as having none.
func (d *DigestCommands) checkGuild(ctx context.Context, req *Request, ch string) error {
	if req.GuildID == "" {
		return nil
	}
	s, err := d.Store.DigestSchedule(ctx, ch)
	if err == nil && s.GuildID != "" && s.GuildID != req.GuildID {
		return Errorf("%s has no digest.", digestChannelRef(ch))
	}
	return nil
}

func (d *DigestCommands) set(ctx context.Context, req *Request) (*Response, error) {
	ch, err := d.channel(req)
	if err != nil {
		return nil, err
	}
	if err := d.checkGuild(ctx, req, ch); err != nil {
		return nil, Errorf("%s belongs to another server.", digestChannelRef(ch))
	}
	spec, err := digest.ParseSpec(req.Option("time"), req.Option("timezone"), req.Option("days"))
	if err != nil {
		return nil, Errorf("%s.", digestCapitalize(strings.TrimPrefix(err.Error(), digest.ErrInvalid.Error()+": ")))
	}
	s := &store.DigestSchedule{ChannelID: ch, GuildID: req.GuildID, Clock: spec.Clock(), TimeZone: spec.Loc.String(),
		Days: spec.DaysString(), PostEmpty: req.Option("empty") == "post", CreatedBy: req.Caller.UserID}
	if err := d.Store.PutDigestSchedule(ctx, s); err != nil {
		return nil, fmt.Errorf("digest set: %w", err)
	}
	note := ""
	if d.Scheduler != nil {
		if err := d.Scheduler.Reload(ctx); err != nil {
			return nil, fmt.Errorf("digest set: %w", err)
		}
	} else {
		note = " It takes effect when the bot runs."
	}
	next := spec.Next(d.now())
	empty := "skipped"
	if s.PostEmpty {
		empty = "a line saying so"
	}
	return &Response{
		Title: "Digest scheduled",
		Lines: []string{
			fmt.Sprintf("%s gets the key developments at **%s %s**, %s.", digestChannelRef(ch), spec.Clock(), spec.Loc, digestDays(spec.DaysString())),
			fmt.Sprintf("Next: %s.%s", digestWhen(next, spec.Loc, d.now()), note),
			fmt.Sprintf("When there is nothing new: %s.", empty),
		},
		Ephemeral: true,
	}, nil
}

func (d *DigestCommands) off(ctx context.Context, req *Request) (*Response, error) {
	ch, err := d.channel(req)
	if err != nil {
		return nil, err
	}
	if err := d.checkGuild(ctx, req, ch); err != nil {
		return nil, err
	}
	if err := d.Store.DeleteDigestSchedule(ctx, ch); errors.Is(err, store.ErrNotFound) {
		return nil, Errorf("%s has no digest.", digestChannelRef(ch))
	} else if err != nil {
		return nil, fmt.Errorf("digest off: %w", err)
	}
	if d.Scheduler != nil {
		if err := d.Scheduler.Reload(ctx); err != nil {
			return nil, fmt.Errorf("digest off: %w", err)
		}
	}
	return &Response{Title: "Digest stopped", Lines: []string{fmt.Sprintf("%s gets no more digests. What it was shown stays remembered, so setting it again will not repeat it.", digestChannelRef(ch))}, Ephemeral: true}, nil
}

func (d *DigestCommands) list(ctx context.Context, req *Request) (*Response, error) {
	all, err := d.Store.FindDigestSchedules(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest list: %w", err)
	}
	// A server's admins see their server's digests only; the command line
	// (no guild) sees all.
	var scheds []*store.DigestSchedule
	for _, s := range all {
		if req.GuildID == "" || s.GuildID == "" || s.GuildID == req.GuildID {
			scheds = append(scheds, s)
		}
	}
	if len(scheds) == 0 {
		return &Response{Title: "Digests", Lines: []string{"No digests scheduled. Set one with /admin digest set."}, Ephemeral: true}, nil
	}
	now := d.now()
	sort.Slice(scheds, func(i, j int) bool { return scheds[i].ChannelID < scheds[j].ChannelID })
	r := &Response{Title: "Digests", Ephemeral: true}
	for _, s := range scheds {
		line := fmt.Sprintf("%s · %s %s, %s", digestChannelRef(s.ChannelID), s.Clock, s.TimeZone, digestDays(s.Days))
		if spec, err := digest.ParseSpec(s.Clock, s.TimeZone, s.Days); err == nil {
			line += " · next " + digestWhen(spec.Next(now), spec.Loc, now)
			if !s.LastPostedAt.IsZero() {
				line += " · last posted " + s.LastPostedAt.In(spec.Loc).Format("Mon 2 Jan 15:04")
			}
		}
		if s.Status == store.ScheduleFailing {
			line += fmt.Sprintf(" · **failing** since %s: %s (tried again at the next due time, or now with /admin digest now)",
				s.FailedAt.UTC().Format("2 Jan 15:04 UTC"), digestOneLine(s.FailReason, 200))
		}
		r.Lines = append(r.Lines, line)
	}
	return r, nil
}

func (d *DigestCommands) runNow(ctx context.Context, req *Request) (*Response, error) {
	ch, err := d.channel(req)
	if err != nil {
		return nil, err
	}
	if err := d.checkGuild(ctx, req, ch); err != nil {
		return nil, err
	}
	if d.Scheduler == nil {
		return nil, Errorf("Digests are posted by the running bot; use `briefbot digest --channel %s` to see what it would post.", ch)
	}
	run, err := d.Scheduler.RunNow(ctx, ch)
	if errors.Is(err, digest.ErrUnavailable) {
		return nil, Errorf("Could not post to %s: %s. The digest is marked failing until this is fixed.", digestChannelRef(ch), digestOneLine(run.Error, 200))
	}
	if err != nil && run == nil {
		return nil, fmt.Errorf("digest now: %w", err)
	}
	switch run.Status {
	case store.RunPosted:
		return &Response{Title: "Digest posted", Lines: []string{fmt.Sprintf("Posted %s to %s.", digestPlural(run.Items, "development"), digestChannelRef(ch))}, Ephemeral: true}, nil
	case store.RunSkipped:
		return &Response{Title: "Nothing new", Lines: []string{fmt.Sprintf("Nothing new for %s since its last digest; nothing posted.", digestChannelRef(ch))}, Ephemeral: true}, nil
	}
	return nil, Errorf("The digest for %s is not posted yet (%s); it will be retried.", digestChannelRef(ch), digestOneLine(run.Error, 200))
}

// Autocomplete suggests time zones for the timezone option.
func (d *DigestCommands) Autocomplete(ctx context.Context, req *Request, option, typed string) ([]Choice, error) {
	if option != "timezone" {
		return nil, nil
	}
	var out []Choice
	t := strings.ToLower(strings.TrimSpace(typed))
	if loc, err := digest.ParseZone(typed); err == nil && t != "" {
		out = append(out, Choice{Name: loc.String(), Value: loc.String()})
	}
	for _, z := range digestZones {
		if len(out) == MaxChoices {
			break
		}
		if t == "" || strings.Contains(strings.ToLower(z), t) {
			if len(out) > 0 && out[0].Value == z {
				continue
			}
			out = append(out, Choice{Name: z, Value: z})
		}
	}
	return out, nil
}

// digestZones are suggested while an admin types a time zone; any IANA
// name is accepted.
var digestZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Amsterdam", "Europe/Brussels", "Europe/Paris",
	"Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm", "Europe/Oslo",
	"Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague", "Europe/Budapest", "Europe/Athens",
	"Europe/Bucharest", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow", "America/New_York", "America/Chicago",
	"America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Toronto",
	"America/Vancouver", "America/Mexico_City", "America/Bogota", "America/Lima", "America/Santiago",
	"America/Sao_Paulo", "America/Argentina/Buenos_Aires", "Pacific/Honolulu", "Africa/Lagos", "Africa/Cairo",
	"Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
	"Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Taipei",
	"Asia/Seoul", "Asia/Tokyo", "Australia/Perth", "Australia/Adelaide", "Australia/Sydney", "Australia/Brisbane",
	"Pacific/Auckland",
}

func digestDays(days string) string {
	switch days {
	case "daily":
		return "every day"
	case "mon-fri":
		return "Monday to Friday"
	case "sat,sun":
		return "at weekends"
	}
	return days
}

// digestWhen shows a due time in the schedule's zone, with how far off
// it is.
func digestWhen(t time.Time, loc *time.Location, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	s := t.In(loc).Format("Mon 2 Jan 15:04 MST")
	d := t.Sub(now).Round(time.Minute)
	switch {
	case d < time.Hour:
		s += fmt.Sprintf(" (in %d min)", int(d.Minutes()))
	case d < 48*time.Hour:
		s += fmt.Sprintf(" (in %dh%02d)", int(d.Hours()), int(d.Minutes())%60)
	}
	return s
}

func digestCapitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func digestOneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func digestPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
