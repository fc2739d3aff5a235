// Package bot serves briefbot's commands on Discord. It is the only package
// that imports discordgo: it registers the commands package's definitions as
// slash commands, turns interactions into commands.Requests, and renders
// commands.Responses as embeds within Discord's limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

// Commands is what the bot serves: the commands package's Router.
type Commands interface {
	Definitions() []commands.Definition
	// Serve answers a request; it never returns nil.
	Serve(ctx context.Context, req *commands.Request) *commands.Response
	Autocomplete(ctx context.Context, req *commands.Request, option, typed string) ([]commands.Choice, error)
}

// Option configures a Bot.
type Option func(*Bot)

// WithComponentStore keeps the commands behind long button ids in cs, so
// those buttons also work after a restart.
func WithComponentStore(cs ComponentStore) Option {
	return func(b *Bot) {
		if cs != nil {
			b.components = cs
		}
	}
}

// Bot is a connection to Discord serving a command set.
type Bot struct {
	cfg        Config
	cmds       Commands
	log        *slog.Logger
	s          *discordgo.Session
	components ComponentStore

	// baseCtx is the parent of every interaction's context; it is
	// cancelled only when Close gives up waiting for them.
	baseCtx context.Context
	cancel  context.CancelFunc

	mu       sync.Mutex
	closing  bool
	opened   bool
	inflight sync.WaitGroup
	appID    string
	readyCh  chan struct{}
}

// New returns a bot for cfg serving cmds. It does not connect; see Open.
func New(cfg Config, cmds Commands, logger *slog.Logger, opts ...Option) (*Bot, error) {
	if cmds == nil {
		return nil, errors.New("bot: no commands")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.Default()
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("bot: %s", redact(err.Error(), cfg.Token))
	}
	if err := Route(s, cfg.APIBase, nil); err != nil {
		return nil, err
	}
	// Slash commands need no privileged intents, and the bot keeps no
	// cache of guilds or members.
	s.Identify.Intents = discordgo.IntentsGuilds
	s.StateEnabled = false
	s.LogLevel = discordgo.LogWarning
	routeDiscordgoLogs(logger)
	b := &Bot{
		cfg:        cfg,
		cmds:       cmds,
		log:        logger.With("component", "discord"),
		s:          s,
		components: &memoryComponents{},
		readyCh:    make(chan struct{}),
	}
	b.baseCtx, b.cancel = context.WithCancel(context.Background())
	for _, o := range opts {
		o(b)
	}
	return b, nil
}

// discordgoLogs routes discordgo's own log lines (reconnects, heartbeat
// failures) into slog. discordgo has one process-wide logger, so the first
// bot's logger receives them; debug lines, which would show the identify
// payload and with it the token, are never enabled.
var discordgoLogs sync.Once

func routeDiscordgoLogs(logger *slog.Logger) {
	discordgoLogs.Do(func() {
		l := logger.With("component", "discordgo")
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			msg := fmt.Sprintf(format, a...)
			switch level {
			case discordgo.LogError:
				l.Error(msg)
			case discordgo.LogWarning:
				l.Warn(msg)
			default:
				l.Debug(msg)
			}
		}
	})
}

// Session returns the underlying discordgo session, for tests.
func (b *Bot) Session() *discordgo.Session { return b.s }

// AppID returns the application id learnt from READY, or "".
func (b *Bot) AppID() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.appID
}

// Open connects to the gateway, waits for READY and registers the command
// set. It returns once the bot is answering interactions.
func (b *Bot) Open(ctx context.Context) error {
	b.mu.Lock()
	if b.opened {
		b.mu.Unlock()
		return errors.New("bot: already open")
	}
	b.opened = true
	b.mu.Unlock()

	for _, h := range []any{
		b.onReady,
		b.onInteraction,
		b.onConnect,
		func(_ *discordgo.Session, _ *discordgo.Disconnect) { b.log.Warn("gateway disconnected") },
		func(_ *discordgo.Session, _ *discordgo.Resumed) { b.log.Info("gateway session resumed") },
		func(_ *discordgo.Session, r *discordgo.RateLimit) {
			b.log.Warn("rate limited", "url", redact(r.URL, b.cfg.Token), "retry_after", r.RetryAfter)
		},
	} {
		b.s.AddHandler(h)
	}
	b.log.Info("connecting", "api_base", b.cfg.APIBase)
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("open gateway: %w", b.redactErr(err))
	}
	select {
	case <-b.readyCh:
	case <-ctx.Done():
		b.s.Close()
		return fmt.Errorf("open gateway: waiting for READY: %w", ctx.Err())
	case <-time.After(30 * time.Second):
		b.s.Close()
		return errors.New("open gateway: no READY within 30s")
	}
	if err := b.registerCommands(ctx, b.AppID()); err != nil {
		b.s.Close()
		return err
	}
	b.log.Info("ready", "app_id", b.AppID(), "guilds", len(b.cfg.GuildIDs))
	return nil
}

// Run opens the bot, serves until ctx is done, then closes it gracefully,
// giving interactions in flight up to grace to finish.
func (b *Bot) Run(ctx context.Context, grace time.Duration) error {
	if err := b.Open(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	cctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	return b.Close(cctx)
}

// Close stops taking interactions, waits for those in flight (until ctx is
// done, after which they are cancelled) and closes the gateway. The caller
// closes the database afterwards.
func (b *Bot) Close(ctx context.Context) error {
	b.mu.Lock()
	already := b.closing
	b.closing = true
	b.mu.Unlock()
	if already {
		return nil
	}
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		b.log.Warn("interactions still running at shutdown; cancelling them")
		b.cancel()
		<-done
		err = fmt.Errorf("close bot: %w", ctx.Err())
	}
	b.cancel()
	// Handlers stay: the connect guard must outlive Close, and the
	// interaction handler turns late interactions away.
	if cerr := b.s.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close gateway: %w", b.redactErr(cerr))
	}
	b.log.Info("closed")
	return err
}

func (b *Bot) redactErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if r := redact(msg, b.cfg.Token); r != msg {
		return errors.New(r)
	}
	return err
}

// onConnect closes a connection that discordgo's reconnect loop opened
// after Close: Session.Close does not stop that loop.
func (b *Bot) onConnect(s *discordgo.Session, _ *discordgo.Connect) {
	b.mu.Lock()
	closing := b.closing
	b.mu.Unlock()
	if closing {
		b.log.Info("closing a gateway connection reopened during shutdown")
		go s.Close()
	}
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.Application != nil && r.Application.ID != "" {
		b.appID = r.Application.ID
	} else if b.appID == "" && r.User != nil {
		// Discord's application id equals the bot user's id for bots
		// created since 2020; READY without an application is a fallback.
		b.appID = r.User.ID
	}
	select {
	case <-b.readyCh:
	default:
		close(b.readyCh)
	}
	b.log.Info("gateway ready", "session", r.SessionID != "")
}

// begin registers an interaction in flight, or reports that the bot is
// shutting down and takes no more.
func (b *Bot) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	if !b.begin() {
		b.refuseDuringShutdown(ic.Interaction)
		return
	}
	defer b.inflight.Done()
	// Interaction tokens are valid for 15 minutes.
	ctx, cancel := context.WithTimeout(b.baseCtx, 14*time.Minute)
	defer cancel()
	i := ic.Interaction
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("interaction panicked", "id", i.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	if !b.guildServed(i.GuildID) {
		b.refuseGuild(ctx, i)
		return
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.handleCommand(ctx, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.handleAutocomplete(ctx, i)
	case discordgo.InteractionMessageComponent:
		b.handleComponent(ctx, i)
	case discordgo.InteractionPing:
		// Gateway interactions never ping.
	default:
		b.log.Warn("unsupported interaction", "type", int(i.Type))
	}
	b.log.Debug("interaction done", "id", i.ID, "type", i.Type.String(), "elapsed", time.Since(start))
}

// guildServed reports whether the bot answers interactions from guild
// (empty for a direct message): any guild when no guild_ids are
// configured, else only those. With guild_ids the bot is one server's
// (or a few's): another server that adds it, or a DM, must not read or
// change their sources.
func (b *Bot) guildServed(guild string) bool {
	if len(b.cfg.GuildIDs) == 0 {
		return true
	}
	return guild != "" && slices.Contains(b.cfg.GuildIDs, guild)
}

// refuseGuild answers an interaction from a guild the bot does not serve
// before any handler sees it: an ephemeral message, or no choices for
// autocomplete.
func (b *Bot) refuseGuild(ctx context.Context, i *discordgo.Interaction) {
	b.log.Warn("interaction from a guild not served", "id", i.ID, "guild", i.GuildID, "type", i.Type.String())
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		var resp autocompleteResponse
		resp.Type = discordgo.InteractionApplicationCommandAutocompleteResult
		resp.Data.Choices = toChoices(nil)
		endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
		if _, err := b.s.RequestWithBucketID("POST", endpoint, resp, endpoint, discordgo.WithContext(ctx)); err != nil {
			b.log.Error("autocomplete response", "id", i.ID, "err", b.redactErr(err))
		}
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
		where := "this server"
		if i.GuildID == "" {
			where = "direct messages"
		}
		newReply(b, i, false).finish(ctx, &commands.Response{
			Title: "Not available here", Lines: []string{"briefbot does not answer in " + where + ": it serves only the servers it is set up for."},
			Ephemeral: true, Error: true,
		}, nil)
	}
}

// refuseDuringShutdown tells the caller to try again rather than leaving
// the interaction to fail silently.
func (b *Bot) refuseDuringShutdown(i *discordgo.Interaction) {
	b.log.Info("interaction refused during shutdown", "id", i.ID)
	if i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionMessageComponent {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	r := newReply(b, i, false)
	r.finish(ctx, &commands.Response{
		Title: "Restarting", Lines: []string{"briefbot is restarting. Please try again in a minute."},
		Ephemeral: true, Error: true,
	}, nil)
}

// caller describes who sent an interaction. Admin is the Manage Server (or
// Administrator) permission the interaction carries, or a configured id.
func (b *Bot) caller(i *discordgo.Interaction) commands.Caller {
	var c commands.Caller
	var perms int64
	switch {
	case i.Member != nil:
		if i.Member.User != nil {
			c.UserID = i.Member.User.ID
			c.Name = i.Member.User.Username
		}
		if i.Member.Nick != "" {
			c.Name = i.Member.Nick
		}
		c.RoleIDs = i.Member.Roles
		perms = i.Member.Permissions
	case i.User != nil:
		c.UserID = i.User.ID
		c.Name = i.User.Username
	}
	c.Admin = perms&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 ||
		b.cfg.isAdmin(c.UserID, c.RoleIDs)
	return c
}

// lookup finds the definition of a command path and whether it is admin
// only and slow (either set on it or on a parent).
func (b *Bot) lookup(path string) (def commands.Definition, admin, slow, ok bool) {
	names := strings.Fields(path)
	defs := b.cmds.Definitions()
	for depth, n := range names {
		found := false
		for _, d := range defs {
			if d.Name == n {
				def, found = d, true
				break
			}
		}
		if !found {
			return def, false, false, false
		}
		admin = admin || def.Admin
		slow = slow || def.Slow
		if depth < len(names)-1 {
			defs = def.Subcommands
		}
	}
	return def, admin, slow, len(names) > 0 && len(def.Subcommands) == 0
}

// commandRequest flattens an application command into a path and options.
func commandRequest(data discordgo.ApplicationCommandInteractionData) (path string, opts map[string]string, focused string) {
	names := []string{data.Name}
	opts = map[string]string{}
	options := data.Options
	for len(options) == 1 && (options[0].Type == discordgo.ApplicationCommandOptionSubCommand ||
		options[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		names = append(names, options[0].Name)
		options = options[0].Options
	}
	for _, o := range options {
		opts[o.Name] = optionString(o)
		if o.Focused {
			focused = o.Name
		}
	}
	return strings.Join(names, " "), opts, focused
}

func optionString(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch v := o.Value.(type) {
	case string:
		return v
	case float64:
		if v == float64(int64(v)) {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func (b *Bot) newRequest(i *discordgo.Interaction, path string, opts map[string]string) *commands.Request {
	return &commands.Request{
		Command:   path,
		Options:   opts,
		Caller:    b.caller(i),
		GuildID:   i.GuildID,
		ChannelID: i.ChannelID,
	}
}

func (b *Bot) handleCommand(ctx context.Context, i *discordgo.Interaction) {
	path, opts, _ := commandRequest(i.ApplicationCommandData())
	req := b.newRequest(i, path, opts)
	b.log.Info("command", "command", path, "user", req.Caller.UserID, "guild", i.GuildID)
	b.dispatch(ctx, i, req, false)
}

func (b *Bot) handleComponent(ctx context.Context, i *discordgo.Interaction) {
	data := i.MessageComponentData()
	p, err := b.parseComponentID(ctx, data.CustomID)
	if err != nil {
		b.log.Warn("component", "err", err)
		r := newReply(b, i, false)
		r.finish(ctx, &commands.Response{
			Title: "This button no longer works", Lines: []string{"Run the command again."},
			Ephemeral: true, Error: true,
		}, nil)
		return
	}
	req := b.newRequest(i, p.command, p.options)
	req.Page = p.page
	b.log.Info("component", "command", p.command, "page", p.page, "user", req.Caller.UserID)
	b.dispatch(ctx, i, req, true)
}

// dispatch checks the command and the caller and runs the handler,
// deferring the response when it is slow. update says the response replaces
// the message a button was pressed on.
func (b *Bot) dispatch(ctx context.Context, i *discordgo.Interaction, req *commands.Request, update bool) {
	r := newReply(b, i, update)
	_, admin, slow, ok := b.lookup(req.Command)
	if !ok {
		r.finish(ctx, &commands.Response{
			Title: "Unknown command", Lines: []string{"This command is not available: /" + req.Command},
			Ephemeral: true, Error: true,
		}, nil)
		return
	}
	if admin && !req.Caller.Admin {
		b.log.Warn("admin command refused", "command", req.Command, "user", req.Caller.UserID)
		r.finish(ctx, &commands.Response{
			Title:     "Not allowed",
			Lines:     []string{"Only members with the Manage Server permission (or a configured admin) may use /" + req.Command + "."},
			Ephemeral: true, Error: true,
		}, nil)
		return
	}
	req.Progress = r.progress
	if slow {
		r.deferResponse(ctx)
	}
	done := make(chan *commands.Response, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("command panicked", "command", req.Command, "panic", p, "stack", string(debug.Stack()))
				done <- &commands.Response{Title: "Internal error", Lines: []string{"The command failed."}, Ephemeral: true, Error: true}
			}
		}()
		done <- b.cmds.Serve(ctx, req)
	}()
	var resp *commands.Response
	timer := time.NewTimer(time.Duration(b.cfg.DeferAfter))
	defer timer.Stop()
	select {
	case resp = <-done:
	case <-timer.C:
		r.deferResponse(ctx)
		select {
		case resp = <-done:
		case <-ctx.Done():
			// A handler that ignores cancellation must not hold up
			// shutdown; it is left to finish on its own.
			b.log.Error("command did not stop when cancelled", "command", req.Command)
			resp = &commands.Response{Title: "Cancelled", Lines: []string{"The command took too long and was stopped."}, Ephemeral: true, Error: true}
		}
	}
	if resp == nil {
		resp = &commands.Response{Title: "Internal error", Lines: []string{"The command returned nothing."}, Ephemeral: true, Error: true}
	}
	// The answer is sent even when ctx was cancelled by shutdown.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	r.finish(fctx, resp, req)
}
