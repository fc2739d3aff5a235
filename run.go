package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"time"

	"briefbot/bot"
	"briefbot/commands"
	"briefbot/digest"
	"briefbot/source"
	"briefbot/store"
)

// shutdownGrace bounds how long `run` waits for interactions in flight.
const shutdownGrace = 30 * time.Second

func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	var e env
	fs := newFlags("run", "[--config FILE] [--db PATH] [--allow-private-urls]", stderr)
	e.flags(fs)
	e.privateFlag(fs)
	if err := e.parse(fs, args); err != nil {
		return err
	}
	cfg, err := bot.DecodeConfig(e.config.Discord)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())

	// One URL policy for every loader: private addresses only when the
	// flag or the top-level allow_private_urls says so (the discord
	// section's older key counts too); sources admins add are fetched
	// under the discord section's size and time caps.
	private, maxBytes, timeout := cfg.SourceLimits()
	e.allowPrivate = e.allowPrivate || private
	added := e.loader(logger)
	added.MaxBytes, added.Timeout = maxBytes, timeout
	loader := e.loader(logger)
	admin := &source.Admin{
		Manager: &source.Manager{Loader: loader, Store: db, Logger: logger},
		Added:   &source.Manager{Loader: added, Store: db, Logger: logger},
		Store:   db,
		Static:  e.config.Sources,
		Builtin: e.builtin(),
	}
	router, digests := newRouter(db, admin, logger, commands.Options{})
	b, err := bot.New(cfg, router, logger, bot.WithComponentStore(db))
	if err != nil {
		return err
	}
	sched := digest.NewScheduler(db, b.DigestPoster(), logger)
	digests.Scheduler = sched

	// Sources load beside the gateway connection, not before it: the bot
	// answers from the facts it has while they refresh. Files and the
	// built-in article are read once; URL sources are polled, each on its
	// own schedule, until shutdown.
	poller := &source.Poller{
		Loader: loader,
		Store:  db, Sources: admin.URLSources, Logger: logger,
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		loadAtStart(ctx, admin.Manager, e.config.Sources, admin.Builtin, logger)
	}()
	go func() {
		defer wg.Done()
		poller.Run(ctx)
		logger.Info("poller stopped")
	}()
	defer wg.Wait()

	if err := b.Open(ctx); err != nil {
		if ctx.Err() != nil {
			// Ctrl-C during start-up is a stop, not a failure.
			logger.Info("stopped while connecting")
			return nil
		}
		return err
	}
	if err := sched.Open(ctx); err != nil {
		b.Close(context.Background())
		if ctx.Err() != nil {
			// Stopped between connecting and loading the schedules:
			// still a stop (the feeds' first poll can log before).
			logger.Info("stopped while starting")
			return nil
		}
		return err
	}
	<-ctx.Done()
	logger.Info("shutting down")
	cctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	// The scheduler first, so a digest being posted finishes while the
	// session is still open.
	serr := sched.Close(cctx)
	berr := b.Close(cctx)
	return errors.Join(serr, berr)
}

// newRouter builds the full command set: the fact commands, /digest and
// the /admin group for sources and digests. The returned DigestCommands
// gets its Scheduler where a bot runs; without one, schedules are only
// stored.
func newRouter(db *store.DB, src commands.SourceAdmin, logger *slog.Logger, opts commands.Options) (*commands.Router, *commands.DigestCommands) {
	router := commands.New(db, opts)
	router.Logger = logger
	dc := &commands.DigestCommands{Store: db}
	router.Add(dc.Command())
	router.Add(commands.AddDigestAdmin(commands.AdminCommand(src), dc))
	return router, dc
}

// loadAtStart removes the config and built-in sources the config no
// longer names, then reads the configured files, or the embedded default
// when no source is configured. URL sources are the poller's.
func loadAtStart(ctx context.Context, m *source.Manager, static []source.Config, builtin []source.Article, logger *slog.Logger) {
	var files []source.Config
	keep := append([]source.Config(nil), static...)
	for _, c := range static {
		if c.Path != "" {
			files = append(files, c)
		}
	}
	for _, b := range builtin {
		keep = append(keep, source.Config{Name: b.Source})
	}
	for _, r := range m.Prune(ctx, keep) {
		logger.Info("source removed: no longer in the config", "source", r.Name, "status", r.Status)
	}
	reps := append(m.Reload(ctx, files), m.LoadArticles(ctx, builtin)...)
	for _, r := range reps {
		if r.Status == store.ResultFailed {
			logger.Warn("source failed at start-up", "source", r.Name, "reason", r.Error)
		}
	}
	logger.Info("start-up load done", "sources", len(reps))
}
