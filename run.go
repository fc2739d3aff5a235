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

// staleAfter is how old a URL source's last load may be before `run`
// loads it again at start-up.
const staleAfter = time.Hour

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

	// One URL policy: the flag or the top-level allow_private_urls opens
	// private addresses to every loader; the discord section's older key
	// still opens them to the sources admins add, under its size and
	// time caps.
	private, maxBytes, timeout := cfg.SourceLimits()
	added := e.loader(logger)
	added.AllowPrivate = added.AllowPrivate || private
	added.MaxBytes, added.Timeout = maxBytes, timeout
	admin := &source.Admin{
		Manager: &source.Manager{Loader: e.loader(logger), Store: db, Logger: logger},
		Added:   &source.Manager{Loader: added, Store: db, Logger: logger},
		Store:   db,
		Static:  e.config.Sources,
		Builtin: e.builtin(),
	}
	router, digests := newRouter(db, admin, logger)
	b, err := bot.New(cfg, router, logger, bot.WithComponentStore(db))
	if err != nil {
		return err
	}
	sched := digest.NewScheduler(db, b.DigestPoster(), logger)
	digests.Scheduler = sched

	// Load stale sources beside the gateway connection, not before it:
	// the bot answers from the facts it has while they refresh.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		loadAtStart(ctx, admin, logger)
	}()
	defer wg.Wait()

	if err := b.Open(ctx); err != nil {
		return err
	}
	if err := sched.Open(ctx); err != nil {
		b.Close(context.Background())
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
func newRouter(db *store.DB, src commands.SourceAdmin, logger *slog.Logger) (*commands.Router, *commands.DigestCommands) {
	router := commands.New(db, commands.Options{})
	router.Logger = logger
	dc := &commands.DigestCommands{Store: db}
	router.Add(dc.Command())
	router.Add(commands.AddDigestAdmin(commands.AdminCommand(src), dc))
	return router, dc
}

// loadAtStart loads the sources that are stale: the configured ones, or
// the embedded default when none is configured.
func loadAtStart(ctx context.Context, admin *source.Admin, logger *slog.Logger) {
	reps, err := admin.LoadStale(ctx, staleAfter, time.Now())
	if err != nil {
		logger.Error("start-up load", "err", err)
		return
	}
	for _, r := range reps {
		if r.Outcome == source.Failed {
			logger.Warn("source failed at start-up", "source", r.Name, "reason", r.Reason)
		}
	}
	logger.Info("start-up load done", "sources", len(reps))
}
