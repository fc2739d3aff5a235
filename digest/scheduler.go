package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"briefbot/store"
)

// DefaultSweep is how often the scheduler retries pending digests and
// looks for missed ones.
const DefaultSweep = time.Minute

// Scheduler wakes up when digests are due and has the Runner post them.
// Each schedule is a cron entry whose Schedule is the schedule's own Spec,
// so wakeups follow the same DST-safe due times the Runner and the tests
// use, in each schedule's own time zone. The cron chain recovers panics
// and skips a wakeup while the previous one of the same entry still runs.
type Scheduler struct {
	Runner *Runner
	Logger *slog.Logger
	// Sweep is how often pending and missed digests are looked for
	// (DefaultSweep when zero).
	Sweep time.Duration

	// Wakeups, when set, replaces the cron schedule of each digest
	// schedule (its Spec by default). Tests use it to wake up more often
	// than the due times: a wakeup still only posts the digest the clock
	// says is due, so extra wakeups are harmless.
	Wakeups func(Spec) cron.Schedule

	mu      sync.Mutex
	cron    *cron.Cron
	entries map[string]cron.EntryID
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// NewScheduler returns a scheduler posting the digests of db's schedules
// through poster. Call Open to start it and Close to stop it.
func NewScheduler(db Store, poster Poster, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.Default()
	}
	return &Scheduler{
		Runner: &Runner{Store: db, Poster: poster, Logger: logger},
		Logger: logger,
	}
}

// specSchedule adapts a Spec to cron.
type specSchedule struct{ spec Spec }

func (s specSchedule) Next(t time.Time) time.Time { return s.spec.Next(t) }

// cronLogger sends cron's logs to slog; its routine wakeups go to debug.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}

// Open loads the schedules, starts the cron and, in the background,
// catches up on digests missed while the bot was down.
func (s *Scheduler) Open(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return errors.New("digest scheduler: already open")
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if s.Runner.Logger == nil {
		s.Runner.Logger = s.Logger
	}
	logger := cronLogger{s.Logger}
	s.cron = cron.New(
		cron.WithLocation(time.UTC),
		cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)),
	)
	s.entries = map[string]cron.EntryID{}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if err := s.load(ctx); err != nil {
		s.cron, s.cancel = nil, nil
		return fmt.Errorf("digest scheduler: %w", err)
	}
	sweep := s.Sweep
	if sweep <= 0 {
		sweep = DefaultSweep
	}
	s.cron.Schedule(cron.Every(sweep), cron.FuncJob(s.sweep))
	s.cron.Start()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.sweep()
	}()
	return nil
}

func (s *Scheduler) sweep() {
	if err := s.Runner.CatchUp(s.ctx); err != nil && s.ctx.Err() == nil {
		s.Logger.Warn("digest catch-up", "err", err)
	}
}

// Close stops the scheduler. It waits for a digest being posted to finish
// unless ctx ends first, in which case the post is cancelled (its run
// stays pending and is resumed on the next start).
func (s *Scheduler) Close(ctx context.Context) error {
	s.mu.Lock()
	c := s.cron
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	stopped := c.Stop().Done()
	done := make(chan struct{})
	go func() {
		<-stopped
		s.wg.Wait()
		close(done)
	}()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		s.cancel()
		<-done
		err = fmt.Errorf("digest scheduler: %w", ctx.Err())
	}
	s.cancel()
	s.mu.Lock()
	s.cron = nil
	s.mu.Unlock()
	return err
}

// Reload re-reads the schedules, so that a schedule set, changed or
// removed takes effect without a restart.
func (s *Scheduler) Reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return errors.New("digest scheduler: not open")
	}
	if err := s.load(ctx); err != nil {
		return fmt.Errorf("digest scheduler: %w", err)
	}
	return nil
}

// load replaces the cron entries with one per stored schedule. The
// caller holds s.mu.
func (s *Scheduler) load(ctx context.Context) error {
	scheds, err := s.Runner.Store.FindDigestSchedules(ctx)
	if err != nil {
		return err
	}
	for ch, id := range s.entries {
		s.cron.Remove(id)
		delete(s.entries, ch)
	}
	for _, sc := range scheds {
		spec, err := ParseSpec(sc.Clock, sc.TimeZone, sc.Days)
		if err != nil {
			s.Logger.Error("digest schedule unreadable, ignored", "channel", sc.ChannelID, "err", err)
			continue
		}
		var cs cron.Schedule = specSchedule{spec}
		if s.Wakeups != nil {
			cs = s.Wakeups(spec)
		}
		s.entries[sc.ChannelID] = s.cron.Schedule(cs, cron.FuncJob(s.wake(sc.ChannelID, spec, sc.UpdatedAt)))
	}
	return nil
}

// wake returns the job of one schedule: post the digest whose due time
// has just come. The due time is computed from the spec, not taken from
// cron, so a late wakeup still names the right digest.
func (s *Scheduler) wake(channelID string, spec Spec, set time.Time) func() {
	return func() {
		now := s.Runner.now()
		due := spec.Prev(now)
		if due.IsZero() || due.Before(set) || now.Sub(due) > s.Runner.catchUp() {
			return
		}
		if _, err := s.Runner.Run(s.ctx, channelID, due, false); err != nil && s.ctx.Err() == nil {
			s.Logger.Warn("digest", "channel", channelID, "due", due, "err", err)
		}
	}
}

// RunNow posts a channel's digest immediately (an admin's "now"). It is a
// run of its own, due now; the next scheduled digest carries on from it.
func (s *Scheduler) RunNow(ctx context.Context, channelID string) (*store.DigestRun, error) {
	return s.Runner.Run(ctx, channelID, s.Runner.now(), true)
}

// Next returns when the channel's next digest is due, or the zero time
// when it has no schedule loaded.
func (s *Scheduler) Next(channelID string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return time.Time{}
	}
	id, ok := s.entries[channelID]
	if !ok {
		return time.Time{}
	}
	return s.cron.Entry(id).Next
}
