package digest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"briefbot/store"
)

// Preview returns exactly what the channel's next digest would post, and
// records nothing: the items since its watermark that it was not shown,
// ranked, as due at its next due time after now. since, when not zero,
// replaces the watermark. A channel without a schedule (or channelID "")
// gets the developments of the day before now (or since since), as UTC.
// An empty preview still has a message, saying there is nothing new. It
// reads the global sources only; PreviewIn reads a guild's view.
func Preview(ctx context.Context, db Store, channelID string, since, now time.Time) (*Digest, error) {
	return PreviewIn(ctx, db, channelID, "", since, now)
}

// PreviewIn is Preview in the view of guild (see store.Visible), which a
// channel's schedule, when it has one, replaces with its own guild's.
func PreviewIn(ctx context.Context, db Store, channelID, guild string, since, now time.Time) (*Digest, error) {
	sched := &store.DigestSchedule{ChannelID: channelID, GuildID: guild, Clock: "00:00", TimeZone: "UTC", Days: "daily"}
	due := now.UTC().Truncate(time.Second)
	if channelID != "" {
		s, err := db.DigestSchedule(ctx, channelID)
		switch {
		case err == nil:
			sched = s
			if spec, err := ParseSpec(s.Clock, s.TimeZone, s.Days); err == nil {
				due = spec.Next(now)
			}
		case !errors.Is(err, store.ErrNotFound):
			return nil, fmt.Errorf("preview digest: %w", err)
		}
	}
	if !since.IsZero() {
		sched.Watermark = since
	} else if sched.Watermark.IsZero() && sched.CreatedAt.IsZero() {
		sched.Watermark = now.Add(-24 * time.Hour)
	}
	preview := *sched
	preview.PostEmpty = true
	d, err := BuildFor(ctx, db, &preview, due, now, 0)
	if err != nil {
		return nil, fmt.Errorf("preview digest: %w", err)
	}
	return d, nil
}

// Command runs `briefbot digest [--since DATE] [--channel ID]`: it prints
// what the next digest would post. DATE is YYYY-MM-DD (midnight UTC) or an
// RFC 3339 time.
func Command(ctx context.Context, db Store, args []string, stdout io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sinceFlag := fs.String("since", "", "show developments from sources loaded since `DATE` (YYYY-MM-DD or RFC 3339) instead of the last digest")
	channel := fs.String("channel", "", "preview the digest of channel `ID`")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("digest: %w (usage: briefbot digest [--since DATE] [--channel ID])", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("digest: unexpected argument %q (usage: briefbot digest [--since DATE] [--channel ID])", fs.Arg(0))
	}
	var since time.Time
	if *sinceFlag != "" {
		var err error
		if since, err = ParseSince(*sinceFlag); err != nil {
			return fmt.Errorf("digest: %w", err)
		}
	}
	d, err := Preview(ctx, db, *channel, since, now)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, d.Message.Text())
	return err
}

// ParseSince parses a --since value: YYYY-MM-DD (midnight UTC) or an RFC
// 3339 time.
func ParseSince(v string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("since %q: use YYYY-MM-DD or an RFC 3339 time", v)
}
