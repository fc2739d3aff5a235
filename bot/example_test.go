package bot_test

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"briefbot/bot"
	"briefbot/commands"
	"briefbot/source"
	"briefbot/store"
)

// Example shows how `briefbot run` wires the bot: configuration from the
// "discord" section and DISCORD_TOKEN, the command router with the admin
// group, and a graceful shutdown on SIGINT/SIGTERM.
func Example() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	file, err := source.LoadConfigFile("config.json")
	if err != nil {
		logger.Error("config", "err", err)
		return
	}
	cfg, err := bot.DecodeConfig(file.Discord)
	if err == nil {
		err = cfg.Validate() // a missing DISCORD_TOKEN is reported here
	}
	if err != nil {
		logger.Error("discord", "err", err)
		return
	}
	db := store.NewDB(file.DB)
	if err := db.Open(); err != nil {
		logger.Error("store", "err", err)
		return
	}
	defer db.Close(context.Background())

	// The load -> extract -> store pipeline behind /admin.
	sources := &source.Admin{
		Manager: &source.Manager{Loader: &source.Loader{}, Store: db},
		Added:   &source.Manager{Loader: addedLoader(cfg), Store: db},
		Store:   db,
		Static:  file.Sources,
	}
	router := commands.New(db, commands.Options{})
	router.Add(commands.AdminCommand(sources))

	b, err := bot.New(cfg, router, logger, bot.WithComponentStore(db))
	if err != nil {
		logger.Error("discord", "err", err)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := b.Run(ctx, 30*time.Second); err != nil {
		logger.Error("discord", "err", err)
	}
}

// addedLoader is the loader for sources admins add from Discord, under
// the limits of the discord config section.
func addedLoader(cfg bot.Config) *source.Loader {
	private, maxBytes, timeout := cfg.SourceLimits()
	return &source.Loader{AllowPrivate: private, MaxBytes: maxBytes, Timeout: timeout}
}
