package main

import (
	"context"
	"errors"
	"io"
)

func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	var e env
	fs := newFlags("run", "[--config FILE] [--db PATH]", stderr)
	e.flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return errors.New("run: the Discord adapter is not wired in yet")
}

func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var e env
	fs := newFlags("digest", "[--db PATH] [--config FILE] [--since DATE] [--channel ID]", stderr)
	e.flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return runAsk(ctx, []string{"--db", e.dbPath, "--config", e.configPath, "/digest"}, stdout, stderr)
}
