package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"briefbot/store"
)

// ErrUnavailable is wrapped by a Poster's error when the channel cannot be
// posted to and retrying will not help: the bot lacks access (403) or the
// channel is gone (404). The schedule is then marked failing and not
// retried until its next due time or until an admin sets it again.
var ErrUnavailable = errors.New("channel unavailable")

// Poster delivers digests to a chat channel.
type Poster interface {
	// Post sends msg to the channel with the given nonce and returns the
	// message id. Posting the same nonce again soon after must not create
	// a second message (Discord's enforce_nonce).
	Post(ctx context.Context, channelID string, msg *Message, nonce string) (messageID string, err error)
	// FindPosted looks through the channel's recent messages for a digest
	// whose footer carries ref, and returns its id, or "" when there is
	// none. It is how a restart learns that a pending digest was in fact
	// posted, after the nonce's dedup window has passed.
	FindPosted(ctx context.Context, channelID, ref string) (messageID string, err error)
}

// Store is what digests need from the database; *store.DB implements it.
type Store interface {
	ItemFinder
	DigestSchedule(ctx context.Context, channelID string) (*store.DigestSchedule, error)
	FindDigestSchedules(ctx context.Context) ([]*store.DigestSchedule, error)
	DigestRun(ctx context.Context, channelID string, due time.Time) (*store.DigestRun, error)
	FindDigestRuns(ctx context.Context, f store.DigestRunFilter) ([]*store.DigestRun, error)
	CreateDigestRun(ctx context.Context, run *store.DigestRun) error
	MarkDigestPosted(ctx context.Context, runID int64, messageID string) error
	MarkDigestSkipped(ctx context.Context, runID int64, reason string, advanceWatermark bool) error
	MarkDigestFailed(ctx context.Context, runID int64, reason string, permanent bool) error
}

var _ Store = (*store.DB)(nil)

// DefaultCatchUp is how late a digest may still be posted after the bot
// was down when it was due.
const DefaultCatchUp = 6 * time.Hour

// Runner builds and posts digests exactly once per channel and due time.
// Every run is recorded with its content before it is posted; a wakeup
// that finds the run already recorded resumes it instead of building a
// second one.
type Runner struct {
	Store  Store
	Poster Poster
	Logger *slog.Logger
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Window is how late a missed digest is still posted (DefaultCatchUp
	// when zero).
	Window time.Duration
	// MaxItems is how many developments a digest lists.
	MaxItems int

	mu      sync.Mutex
	locks   map[string]*sync.Mutex
	started bool // CatchUp ran once: later calls honour retry delays
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

func (r *Runner) catchUp() time.Duration {
	if r.Window > 0 {
		return r.Window
	}
	return DefaultCatchUp
}

// lock serialises runs of one channel, so that a cron wakeup and a
// catch-up sweep cannot post the same pending digest side by side.
func (r *Runner) lock(channelID string) func() {
	r.mu.Lock()
	if r.locks == nil {
		r.locks = map[string]*sync.Mutex{}
	}
	l := r.locks[channelID]
	if l == nil {
		l = &sync.Mutex{}
		r.locks[channelID] = l
	}
	r.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// Run makes sure the digest of channelID due at due is done: it builds,
// records and posts it if it has no run yet, resumes it if its run is
// pending, and leaves it alone if it was posted, skipped or failed. A
// manual run (an admin's "now") may be for a channel without a schedule.
func (r *Runner) Run(ctx context.Context, channelID string, due time.Time, manual bool) (*store.DigestRun, error) {
	defer r.lock(channelID)()
	due = due.UTC().Truncate(time.Second)
	run, err := r.Store.DigestRun(ctx, channelID, due)
	switch {
	case err == nil:
		if run.Status != store.RunPending {
			return run, nil
		}
		return r.post(ctx, run, true)
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("digest run: %w", err)
	}

	sched, err := r.Store.DigestSchedule(ctx, channelID)
	if errors.Is(err, store.ErrNotFound) && manual {
		sched = &store.DigestSchedule{ChannelID: channelID, Clock: "00:00", TimeZone: "UTC", Days: "daily"}
	} else if err != nil {
		return nil, fmt.Errorf("digest run: %w", err)
	}
	d, err := BuildFor(ctx, r.Store, sched, due, r.now(), r.MaxItems)
	if err != nil {
		return nil, fmt.Errorf("digest run: %w", err)
	}
	run = &store.DigestRun{ChannelID: channelID, Due: due, Manual: manual, Since: d.Since, Cut: d.Cut,
		Keys: d.Keys, Items: len(d.Items) + d.More, Nonce: d.Nonce}
	if d.Message == nil {
		// Nothing new and the channel wants silence: the run is closed
		// at once and the watermark moves on.
		run.Status, run.Error = store.RunSkipped, "nothing new"
	} else {
		run.Status, run.Content = store.RunPending, encodeMessage(d.Message)
	}
	if err := r.Store.CreateDigestRun(ctx, run); errors.Is(err, store.ErrConflict) {
		// Another process recorded it first: resume theirs.
		if run, err = r.Store.DigestRun(ctx, channelID, due); err != nil {
			return nil, fmt.Errorf("digest run: %w", err)
		}
		if run.Status != store.RunPending {
			return run, nil
		}
		return r.post(ctx, run, true)
	} else if err != nil {
		return nil, fmt.Errorf("digest run: %w", err)
	}
	if run.Status == store.RunSkipped {
		r.logger().Info("digest skipped: nothing new", "channel", channelID, "due", due)
		return run, nil
	}
	return r.post(ctx, run, false)
}

// BuildFor builds the digest a schedule would post at due: from the
// sources loaded since its watermark or, before its first digest, since
// the day before the schedule was set.
func BuildFor(ctx context.Context, db ItemFinder, sched *store.DigestSchedule, due, now time.Time, maxItems int) (*Digest, error) {
	loc, err := ParseZone(sched.TimeZone)
	if err != nil {
		return nil, err
	}
	since := sched.Watermark
	if since.IsZero() {
		// Before the first successful digest: the day before the schedule
		// was set, or before due for a channel without one.
		since = due.Add(-24 * time.Hour)
		if !sched.CreatedAt.IsZero() && sched.CreatedAt.Before(due) {
			since = sched.CreatedAt.Add(-24 * time.Hour)
		}
	}
	return Build(ctx, db, sched.ChannelID, since, due, now, loc, Options{MaxItems: maxItems, PostEmpty: sched.PostEmpty, Guild: sched.GuildID})
}

// post sends a recorded run and records the outcome. A resumed run (one
// found pending, perhaps by a process that crashed after posting) is
// first looked for among the channel's recent messages.
func (r *Runner) post(ctx context.Context, run *store.DigestRun, resumed bool) (*store.DigestRun, error) {
	log := r.logger().With("channel", run.ChannelID, "due", run.Due, "run", run.ID)
	msg, err := decodeMessage(run.Content)
	if err != nil {
		if err := r.Store.MarkDigestSkipped(ctx, run.ID, err.Error(), false); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("post digest: %w", err)
	}
	if resumed {
		id, err := r.Poster.FindPosted(ctx, run.ChannelID, run.Nonce)
		switch {
		case errors.Is(err, ErrUnavailable):
			return r.fail(ctx, run, err, true)
		case err != nil:
			// Not knowing is no reason to give up: the nonce still
			// guards against a duplicate within Discord's window.
			log.Warn("digest: cannot check recent messages", "err", err)
		case id != "":
			log.Info("digest: pending run was already posted", "message", id)
			return r.posted(ctx, run, id)
		}
		if age := r.now().Sub(run.Due); age > r.catchUp() {
			log.Warn("digest: pending run too old to post, skipped", "age", age.Round(time.Minute))
			if err := r.Store.MarkDigestSkipped(ctx, run.ID, fmt.Sprintf("not posted within %s of its due time", r.catchUp()), false); err != nil {
				return nil, err
			}
			run.Status = store.RunSkipped
			return run, nil
		}
	}
	id, err := r.Poster.Post(ctx, run.ChannelID, msg, run.Nonce)
	if err != nil {
		return r.fail(ctx, run, err, errors.Is(err, ErrUnavailable))
	}
	log.Info("digest posted", "message", id, "items", run.Items)
	return r.posted(ctx, run, id)
}

func (r *Runner) posted(ctx context.Context, run *store.DigestRun, messageID string) (*store.DigestRun, error) {
	// The message exists now; recording it must not be cut short by a
	// cancelled context, or the next start would have to find it again.
	ctx = context.WithoutCancel(ctx)
	if err := r.Store.MarkDigestPosted(ctx, run.ID, messageID); err != nil {
		return nil, fmt.Errorf("record posted digest: %w", err)
	}
	run.Status, run.MessageID = store.RunPosted, messageID
	return run, nil
}

func (r *Runner) fail(ctx context.Context, run *store.DigestRun, postErr error, permanent bool) (*store.DigestRun, error) {
	ctx = context.WithoutCancel(ctx)
	if err := r.Store.MarkDigestFailed(ctx, run.ID, postErr.Error(), permanent); err != nil {
		return nil, errors.Join(fmt.Errorf("post digest: %w", postErr), err)
	}
	run.Attempts++
	run.Error = postErr.Error()
	if permanent {
		run.Status = store.RunFailed
		r.logger().Warn("digest: channel unavailable, schedule marked failing", "channel", run.ChannelID, "err", postErr)
	} else {
		r.logger().Warn("digest: post failed, will retry", "channel", run.ChannelID, "attempts", run.Attempts, "err", postErr)
	}
	return run, fmt.Errorf("post digest: %w", postErr)
}

// retryDelay is how long a pending run waits after its nth failed
// attempt: one minute, doubling, at most half an hour.
func retryDelay(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < 30*time.Minute; i++ {
		d *= 2
	}
	return min(d, 30*time.Minute)
}

// CatchUp finishes what downtime or failures left: it resumes pending
// runs whose retry delay has passed, and posts each schedule's last due
// digest if it was missed and is at most the catch-up window late. Older
// missed digests are recorded as skipped and logged; their developments
// are not lost but go into the next digest, since the watermark did not
// move.
func (r *Runner) CatchUp(ctx context.Context) error {
	now := r.now()
	var errs []error
	pending, err := r.Store.FindDigestRuns(ctx, store.DigestRunFilter{Status: store.RunPending})
	if err != nil {
		return fmt.Errorf("catch up: %w", err)
	}
	// The first catch-up after a start resumes every pending run at once:
	// its retry delay was for the process that died.
	r.mu.Lock()
	restart := !r.started
	r.started = true
	r.mu.Unlock()
	for _, run := range pending {
		if !restart && run.Attempts > 0 && now.Sub(run.UpdatedAt) < retryDelay(run.Attempts) {
			continue
		}
		if !run.Manual {
			// A digest turned off while its post was being retried is
			// not posted after all.
			if _, err := r.Store.DigestSchedule(ctx, run.ChannelID); errors.Is(err, store.ErrNotFound) {
				if err := r.Store.MarkDigestSkipped(ctx, run.ID, "digest turned off", false); err != nil {
					errs = append(errs, err)
				}
				continue
			}
		}
		if _, err := r.Run(ctx, run.ChannelID, run.Due, run.Manual); err != nil {
			errs = append(errs, err)
		}
	}
	scheds, err := r.Store.FindDigestSchedules(ctx)
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("catch up: %w", err))...)
	}
	for _, s := range scheds {
		if err := r.catchUpSchedule(ctx, s, now); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (r *Runner) catchUpSchedule(ctx context.Context, s *store.DigestSchedule, now time.Time) error {
	spec, err := ParseSpec(s.Clock, s.TimeZone, s.Days)
	if err != nil {
		return fmt.Errorf("catch up %s: %w", s.ChannelID, err)
	}
	due := spec.Prev(now)
	// A schedule is never due before it was set (or last changed: a time
	// moved to earlier today is not a missed digest).
	if due.IsZero() || due.Before(s.UpdatedAt) {
		return nil
	}
	if _, err := r.Store.DigestRun(ctx, s.ChannelID, due); err == nil {
		return nil // done, or pending and handled above
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("catch up %s: %w", s.ChannelID, err)
	}
	if late := now.Sub(due); late > r.catchUp() {
		r.logger().Warn("digest missed while down, skipped", "channel", s.ChannelID, "due", due, "late", late.Round(time.Minute))
		run := &store.DigestRun{ChannelID: s.ChannelID, Due: due, Status: store.RunSkipped,
			Error: fmt.Sprintf("missed: due %s ago, more than the %s catch-up window", late.Round(time.Minute), r.catchUp())}
		if err := r.Store.CreateDigestRun(ctx, run); err != nil && !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("catch up %s: %w", s.ChannelID, err)
		}
		return nil
	}
	if _, err := r.Run(ctx, s.ChannelID, due, false); err != nil {
		return fmt.Errorf("catch up %s: %w", s.ChannelID, err)
	}
	return nil
}
