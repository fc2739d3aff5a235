// Command briefbot reads news articles into a fact base and answers
// questions about them on Discord or from the command line.
//
// Usage:
//
//	briefbot run      [--config FILE] [--db PATH]         serve Discord (DISCORD_TOKEN)
//	briefbot ask      [--db PATH] [--json] "/who rutte"   run one command offline
//	briefbot ingest   [--db PATH] [--config FILE] [--published DATE] [--title T] [PATH|URL ...]
//	briefbot watch    [--db PATH] [--config FILE] [--every DUR] [--allow-private-urls] [PATH|URL ...]
//	briefbot extract  [--published DATE] [--title T] FILE|-
//	briefbot export   [--db PATH]
//	briefbot digest   [--db PATH] [--since DATE] [--channel ID]
//	briefbot source   list|remove NAME [--db PATH] [--config FILE]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// usage is printed for `briefbot`, `briefbot help` and unknown commands.
const usage = `briefbot: who is who, what happened when, and who said what, from news articles.

Usage:
  briefbot <command> [flags] [arguments]

Commands:
  run       serve the slash commands on Discord (token from DISCORD_TOKEN)
  ask       run one command offline, e.g. briefbot ask "/who rutte"
  ingest    load sources (files, URLs, feeds, or the configured ones) into the database
  watch     poll URL sources (the configured ones, or those given) until Ctrl-C, printing what changes
  extract   print the facts extracted from one text as JSON (no database)
  export    print every fact in the database as JSON
  digest    show what the next digest would post
  source    list the stored sources, or remove one with its facts

Run "briefbot <command> --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) && ee.shown {
			os.Exit(ee.code)
		}
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(os.Stderr, "briefbot:", msg)
		}
		os.Exit(exitCode(err))
	}
}

// run dispatches to a subcommand; it is main without the process, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageErrorf("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "run":
		return runBot(ctx, args, stderr)
	case "ask":
		return runAsk(ctx, args, stdout, stderr)
	case "ingest":
		return runIngest(ctx, args, stdout, stderr)
	case "watch":
		return runWatch(ctx, args, stdout, stderr)
	case "extract":
		return runExtract(args, stdin, stdout, stderr)
	case "export":
		return runExport(ctx, args, stdout, stderr)
	case "digest":
		return runDigest(ctx, args, stdout, stderr)
	case "source":
		return runSource(ctx, args, stdout, stderr)
	case "help", "-h", "--help", "-help":
		if len(args) > 0 && cmd == "help" && args[0] != "help" {
			// briefbot help ask = briefbot ask --help
			if err := run(ctx, []string{args[0], "--help"}, stdin, stdout, stdout); err != nil && !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageErrorf("unknown command %q", cmd)
}
