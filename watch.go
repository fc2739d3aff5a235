package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"briefbot/source"
	"briefbot/store"
)

// runWatch polls URL sources until interrupted, printing what changed.
func runWatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("watch", "[--db PATH] [--config FILE] [--every DUR] [--allow-private-urls] [PATH|URL ...]", stderr)
	e.flags(fs)
	e.privateFlag(fs)
	every := fs.Duration("every", 0, "poll every source this often instead of at its own interval (at least 1m)")
	if err := e.parse(fs, args); err != nil {
		return err
	}
	if *every != 0 && *every < source.MinEvery {
		return fmt.Errorf("--every %s: polling more often than every %s is not allowed", *every, source.MinEvery)
	}
	given, err := adhocConfigs(fs.Args(), "", "")
	if err != nil {
		return err
	}
	if err := uniqueNames(append(append([]source.Config(nil), e.config.Sources...), given...)); err != nil {
		return fmt.Errorf("watch: %w", err)
	}

	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	quiet := slog.New(slog.DiscardHandler)
	loader := e.loader(quiet)
	m := &source.Manager{Loader: loader, Store: db, Logger: quiet}

	// A source dropped from the config goes, with its facts, before the
	// first round.
	if e.configPath != "" {
		for _, r := range m.Prune(ctx, e.config.Sources) {
			fmt.Fprintln(stdout, formatReport(r))
		}
	}

	// Files are read once: there is nothing to poll politely about them.
	var files []source.Config
	for _, c := range append(append([]source.Config(nil), e.config.Sources...), given...) {
		if c.Path != "" {
			files = append(files, c)
		}
	}
	failed := 0
	for _, r := range m.Reload(ctx, files) {
		if r.Status != store.ResultUnchanged {
			fmt.Fprintln(stdout, formatReport(r))
		}
		if r.Status == store.ResultFailed {
			failed++
		}
	}

	// Without arguments, watch polls what `run` polls: the config's URL
	// sources and those added from Discord; with arguments, those and the
	// config's (when one is given).
	admin := &source.Admin{Manager: m, Store: db, Static: e.config.Sources}
	sources := func(ctx context.Context) ([]source.Config, error) {
		var out []source.Config
		if len(given) == 0 {
			return admin.URLSources(ctx)
		}
		for _, c := range append(append([]source.Config(nil), e.config.Sources...), given...) {
			if c.URL != "" {
				out = append(out, c)
			}
		}
		return out, nil
	}
	urls, err := sources(ctx)
	if err != nil {
		return err
	}
	if len(urls) == 0 {
		if failed > 0 {
			return fmt.Errorf("watch: %d of %d files failed to load, and there are no URL sources to poll", failed, len(files))
		}
		if len(files) > 0 {
			fmt.Fprintln(stderr, "watch: files loaded; no URL sources to poll")
			return nil
		}
		return errors.New("watch: nothing to poll: give URLs, or a --config with url sources")
	}
	p := &source.Poller{
		Loader:  loader,
		Store:   db,
		Sources: sources,
		Every:   *every,
		Logger:  quiet,
		OnRound: func(rep *source.RoundReport) { printRound(stdout, rep) },
	}
	fmt.Fprintf(stderr, "watching %d sources; Ctrl-C stops\n", len(urls))
	p.Run(ctx)
	fmt.Fprintln(stderr, "watch: stopped")
	return nil
}

// printRound prints a line per change (an item added or changed, a
// source failed) and the round's summary; sources answering 304 or with
// nothing new say nothing but are counted in the summary.
func printRound(w io.Writer, rep *source.RoundReport) {
	for _, pr := range rep.Polled {
		for _, it := range pr.Items {
			if it.Status != store.ResultUnchanged {
				fmt.Fprintln(w, formatReport(it))
			}
		}
		if pr.Status == store.ResultFailed {
			fmt.Fprintf(w, "%-9s %s: %s (failures: %d; next try %s)\n", pr.Status, pr.Name, pr.Error, pr.Failures, pr.NextDue.Local().Format("15:04"))
		}
	}
	fmt.Fprintln(w, rep.String())
}

// uniqueNames refuses two sources of one name, which would overwrite
// each other's facts.
func uniqueNames(cfgs []source.Config) error {
	seen := map[string]string{}
	for _, c := range cfgs {
		loc := c.URL
		if loc == "" {
			loc = c.Path
		}
		if prev, ok := seen[c.Name]; ok {
			return fmt.Errorf("two sources are named %q: %s and %s", c.Name, prev, loc)
		}
		seen[c.Name] = loc
	}
	return nil
}
