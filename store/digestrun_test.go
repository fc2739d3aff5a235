package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"briefbot/internal/factstest"
	"briefbot/store"
)

// newsSent and newsInput are the shared hand-built articles of factstest.
type newsSent = factstest.Sentence

func newsInput(name, published string, sents ...newsSent) store.SourceInput {
	return factstest.Article(name, published, sents...)
}

// clock is a settable clock for db.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func openDigestDB(t *testing.T) (*store.DB, *clock) {
	t.Helper()
	db := MustOpenDB(t)
	c := &clock{t: time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)}
	db.Now = c.now
	return db, c
}

func mustLoadInput(t *testing.T, db *store.DB, in store.SourceInput) {
	t.Helper()
	if _, err := db.LoadSource(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

func itemTexts(items []*store.DigestItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Kind+":"+it.Text)
	}
	return out
}

func TestDigestSchedules(t *testing.T) {
	ctx := context.Background()
	db, clk := openDigestDB(t)
	s := &store.DigestSchedule{ChannelID: "c1", GuildID: "g", Clock: "08:00", TimeZone: "Europe/Amsterdam", Days: "mon-fri", CreatedBy: "u1"}
	if err := db.PutDigestSchedule(ctx, s); err != nil {
		t.Fatal(err)
	}
	if s.Status != store.ScheduleOK || !s.CreatedAt.Equal(clk.t) {
		t.Fatalf("put: %+v", s)
	}
	if err := db.PutDigestSchedule(ctx, &store.DigestSchedule{ChannelID: "c2", Clock: "09:00"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("incomplete schedule: %v", err)
	}

	// A permanent failure marks the schedule failing; setting it again
	// clears that but keeps the watermark.
	run := &store.DigestRun{ChannelID: "c1", Due: clk.t, Status: store.RunPending, Cut: clk.t, Keys: []string{"k1"}}
	if err := db.CreateDigestRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDigestPosted(ctx, run.ID, "m1"); err != nil {
		t.Fatal(err)
	}
	run2 := &store.DigestRun{ChannelID: "c1", Due: clk.t.Add(24 * time.Hour), Status: store.RunPending, Cut: clk.t.Add(24 * time.Hour)}
	if err := db.CreateDigestRun(ctx, run2); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDigestFailed(ctx, run2.ID, "403 Missing Access", true); err != nil {
		t.Fatal(err)
	}
	got, err := db.DigestSchedule(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.ScheduleFailing || got.FailReason != "403 Missing Access" || !got.Watermark.Equal(clk.t) || got.LastMessageID != "m1" {
		t.Fatalf("after failure: %+v", got)
	}
	clk.t = clk.t.Add(time.Hour)
	s.Clock = "07:30"
	if err := db.PutDigestSchedule(ctx, s); err != nil {
		t.Fatal(err)
	}
	if s.Status != store.ScheduleOK || s.FailReason != "" || s.Clock != "07:30" || !s.Watermark.Equal(clk.t.Add(-time.Hour)) || s.CreatedBy != "u1" {
		t.Fatalf("set again: %+v", s)
	}
	all, err := db.FindDigestSchedules(ctx)
	if err != nil || len(all) != 1 || all[0].ChannelID != "c1" {
		t.Fatalf("find: %v %v", all, err)
	}
	if err := db.DeleteDigestSchedule(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DigestSchedule(ctx, "c1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := db.DeleteDigestSchedule(ctx, "c1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestDigestRuns(t *testing.T) {
	ctx := context.Background()
	db, clk := openDigestDB(t)
	if err := db.PutDigestSchedule(ctx, &store.DigestSchedule{ChannelID: "c1", Clock: "08:00", TimeZone: "UTC", Days: "daily"}); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	run := &store.DigestRun{ChannelID: "c1", Due: due, Status: store.RunPending, Cut: clk.t, Content: `{"title":"x"}`, Keys: []string{"a", "b"}, Items: 2, Nonce: "n1"}
	if err := db.CreateDigestRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	// A second run for the same due time is refused: that is how a second
	// wakeup learns the digest exists.
	if err := db.CreateDigestRun(ctx, &store.DigestRun{ChannelID: "c1", Due: due, Status: store.RunPending}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate run: %v", err)
	}
	// Transient failure: still pending, attempt counted.
	if err := db.MarkDigestFailed(ctx, run.ID, "timeout", false); err != nil {
		t.Fatal(err)
	}
	got, err := db.DigestRun(ctx, "c1", due)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.RunPending || got.Attempts != 1 || got.Error != "timeout" || got.Nonce != "n1" || strings.Join(got.Keys, ",") != "a,b" || got.Content != run.Content {
		t.Fatalf("after transient failure: %+v", got)
	}
	pending, err := db.FindDigestRuns(ctx, store.DigestRunFilter{Status: store.RunPending})
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending runs: %v %v", pending, err)
	}
	if err := db.MarkDigestPosted(ctx, run.ID, "m1"); err != nil {
		t.Fatal(err)
	}
	// Posting twice changes nothing.
	if err := db.MarkDigestPosted(ctx, run.ID, "m2"); err != nil {
		t.Fatal(err)
	}
	got, _ = db.DigestRun(ctx, "c1", due)
	if got.Status != store.RunPosted || got.MessageID != "m1" {
		t.Fatalf("posted run: %+v", got)
	}
	s, _ := db.DigestSchedule(ctx, "c1")
	if !s.Watermark.Equal(clk.t) || s.LastMessageID != "m1" {
		t.Fatalf("schedule after post: %+v", s)
	}
	// A skipped run with an older cut does not move the watermark back.
	old := &store.DigestRun{ChannelID: "c1", Due: due.Add(-24 * time.Hour), Status: store.RunSkipped, Cut: clk.t.Add(-time.Hour)}
	if err := db.CreateDigestRun(ctx, old); err != nil {
		t.Fatal(err)
	}
	s, _ = db.DigestSchedule(ctx, "c1")
	if !s.Watermark.Equal(clk.t) {
		t.Fatalf("watermark moved back: %v", s.Watermark)
	}
	if err := db.MarkDigestPosted(ctx, 999, "m"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown run: %v", err)
	}
}

func TestFindDigestItems(t *testing.T) {
	ctx := context.Background()
	db, clk := openDigestDB(t)
	mustLoadInput(t, db, newsInput("old", "2026-02-01",
		newsSent{Text: "Mark Rutte met Donald Trump on 1 February.", Date: "2026-02-01", People: []string{"Mark Rutte", "Donald Trump"}}))
	wm := clk.t.Add(time.Hour)
	clk.t = wm
	a := newsInput("a", "2026-03-02",
		newsSent{Text: "Mark Rutte visited Kyiv on Monday.", Date: "2026-03-02", People: []string{"Mark Rutte"}},
		newsSent{Text: "He said: \"We stand with Ukraine.\"", People: []string{"Mark Rutte"}, Quote: "We stand with Ukraine."},
		newsSent{Text: "Ann Lee and Bo Chen signed the deal on 1 March, \"a good day\".", Date: "2026-03-01", People: []string{"Ann Lee", "Bo Chen"}, Quote: "a good day"})
	mustLoadInput(t, db, a)
	clk.t = clk.t.Add(time.Minute)
	mustLoadInput(t, db, newsInput("b", "2026-03-02",
		newsSent{Text: "On 1 March, Ann Lee signed a trade deal.", Date: "2026-03-01", People: []string{"Ann Lee"}}))

	items, err := db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c1", Since: wm})
	if err != nil {
		t.Fatal(err)
	}
	// The two reports of the signing are one happening: both items
	// carry its wording and its two sources.
	want := []string{
		"event:Mark Rutte visited Kyiv on Monday.",
		"event:On 1 March, Ann Lee signed a trade deal.",
		"event:On 1 March, Ann Lee signed a trade deal.",
		"quote:We stand with Ukraine.",
	}
	if got := itemTexts(items); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if items[1].HappeningID == 0 || items[1].HappeningID != items[2].HappeningID || items[1].Sources != 2 || items[1].HappeningKey == "" ||
		items[1].Key == items[2].Key || items[0].HappeningID == items[1].HappeningID || items[0].Sources != 1 {
		t.Errorf("happenings: %+v\n%+v\n%+v", items[0], items[1], items[2])
	}
	// Events come first, then the quotes that stand outside any event.
	if !items[1].HasQuote || items[0].HasQuote {
		t.Errorf("HasQuote: %v %v", items[0].HasQuote, items[1].HasQuote)
	}
	if items[1].OtherSources != 1 || items[2].OtherSources != 1 || items[0].OtherSources != 0 {
		t.Errorf("OtherSources = %d %d %d, want 1 1 0", items[1].OtherSources, items[3].OtherSources, items[0].OtherSources)
	}
	if strings.Join(items[1].People, ",") != "Ann Lee,Bo Chen" || items[1].SentIndex != 2 || items[0].SentIndex != 0 {
		t.Errorf("item 1: %+v", items[1])
	}
	if items[3].Speaker != "Mark Rutte" || items[3].Date != "2026-03-02" {
		t.Errorf("quote item: %+v", items[3])
	}

	// Post the first two; then reload article a slightly edited: spacing and
	// punctuation of a posted event, a word changed in the quote sentence,
	// and a new event. Only the new event and the changed quote are new.
	run := &store.DigestRun{ChannelID: "c1", Due: clk.t, Status: store.RunPending, Cut: clk.t, Keys: []string{items[0].Key, items[1].Key, items[1].HappeningKey}}
	if err := db.CreateDigestRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDigestPosted(ctx, run.ID, "m1"); err != nil {
		t.Fatal(err)
	}
	items, err = db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c1", Since: wm})
	if err != nil {
		t.Fatal(err)
	}
	// The signing was shown, though only one of its reports was: its
	// other report is not news.
	if got := itemTexts(items); len(got) != 1 || got[0] != want[3] {
		t.Fatalf("after posting: %q", got)
	}
	clk.t = clk.t.Add(time.Hour)
	wm2 := clk.t
	mustLoadInput(t, db, newsInput("a", "2026-03-02",
		newsSent{Text: "Mark  Rutte visited Kyiv, on Monday!", Date: "2026-03-02", People: []string{"Mark Rutte"}},
		newsSent{Text: "He said: \"We stand firmly with Ukraine.\"", People: []string{"Mark Rutte"}, Quote: "We stand firmly with Ukraine."},
		newsSent{Text: "Ann Lee and Bo Chen signed the deal on 1 March, \"a good day\".", Date: "2026-03-01", People: []string{"Ann Lee", "Bo Chen"}, Quote: "a good day"},
		newsSent{Text: "Talks resume on 3 March.", Date: "2026-03-03"}))
	items, err = db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c1", Since: wm2})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"event:Talks resume on 3 March.", "quote:We stand firmly with Ukraine."}
	if got := itemTexts(items); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("after edited reload:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Another channel has been shown nothing.
	items, err = db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c2", Since: wm2})
	if err != nil || len(items) != 4 {
		t.Fatalf("other channel: %q %v", itemTexts(items), err)
	}
}

func TestDigestItemKey(t *testing.T) {
	k := store.DigestItemKey("event", "2026-03-02", "Mark Rutte visited Kyiv on Monday.")
	for _, same := range []string{"Mark  Rutte visited Kyiv, on Monday!", "mark rutte visited kyiv on monday", "Mark Rutte visited Kyïv on Monday."} {
		if got := store.DigestItemKey("event", "2026-03-02", same); got != k {
			t.Errorf("key of %q differs", same)
		}
	}
	for _, other := range [][3]string{
		{"event", "2026-03-03", "Mark Rutte visited Kyiv on Monday."},
		{"event", "2026-03-02", "Mark Rutte visited Lviv on Monday."},
		{"quote", "2026-03-02", "Mark Rutte visited Kyiv on Monday."},
	} {
		if got := store.DigestItemKey(other[0], other[1], other[2]); got == k {
			t.Errorf("key of %q equals", other)
		}
	}
}

// TestFindDigestItems_Published checks that a digest takes news by
// publication date: an old article loaded today is not today's news.
func TestFindDigestItems_Published(t *testing.T) {
	ctx := context.Background()
	db, clk := openDigestDB(t)
	wm := clk.t
	mustLoadInput(t, db, newsInput("archive", "2019-05-01",
		newsSent{Text: "Ann Lee founded the firm on 1 May 2019.", Date: "2019-05-01", People: []string{"Ann Lee"}}))
	mustLoadInput(t, db, newsInput("fresh", "2026-03-02",
		newsSent{Text: "Ann Lee resigned on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	for _, c := range []struct {
		published string
		want      []string
	}{
		{"", []string{"event:Ann Lee founded the firm on 1 May 2019.", "event:Ann Lee resigned on Monday."}},
		{"2026-03-01", []string{"event:Ann Lee resigned on Monday."}},
		{"2026-03-03", nil},
	} {
		items, err := db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: "c1", Since: wm, Published: c.published})
		if err != nil {
			t.Fatal(err)
		}
		if got := itemTexts(items); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("published from %q: %q, want %q", c.published, got, c.want)
		}
	}
}
