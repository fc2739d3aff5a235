package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"briefbot/store"
)

func TestPollState_PutFindDelete(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.PollState(ctx, "wire"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("PollState of an unpolled source: %v, want ErrNotFound", err)
	}
	fetched := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	st := &store.PollState{Name: "wire", Location: "https://news.example/feed", Kind: "feed", ETag: `W/"v1"`,
		LastModified: "Mon, 02 Mar 2026 06:59:00 GMT", FetchedAt: fetched, NextDue: fetched.Add(14*time.Minute + 123*time.Millisecond),
		LastStatus: 200}
	if err := db.PutPollState(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := db.PollState(ctx, "wire")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Fatalf("read back %+v\nwant %+v", got, st)
	}

	// A failure replaces the row: validators kept as given, status and
	// count recorded.
	st2 := *st
	st2.LastStatus, st2.Failures, st2.LastError = 503, 2, "GET https://news.example/feed: 503 Service Unavailable"
	st2.NextDue = fetched.Add(time.Hour)
	if err := db.PutPollState(ctx, &st2); err != nil {
		t.Fatal(err)
	}
	if err := db.PutPollState(ctx, &store.PollState{Name: "page", Location: "https://news.example/a", Kind: "page", FetchedAt: fetched}); err != nil {
		t.Fatal(err)
	}
	all, err := db.FindPollStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Name != "page" || !reflect.DeepEqual(all[1], &st2) {
		t.Fatalf("FindPollStates = %+v", all)
	}
	if err := db.PutPollState(ctx, &store.PollState{}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("nameless state: %v, want ErrInvalid", err)
	}

	if err := db.DeletePollState(ctx, "page"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePollState(ctx, "page"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// TestLoadPolled_OneTransaction checks that a fetch's articles and its
// poll state land together, and that a failure at the last step leaves
// both as they were.
func TestLoadPolled_OneTransaction(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	old := &store.PollState{Name: "wire", Location: "https://news.example/feed", Kind: "feed", ETag: `"v1"`, LastStatus: 200}
	if _, err := db.LoadPolled(ctx, []store.SourceInput{{Name: "wire/1", Published: "2026-03-01", Text: "Item one."}}, old); err != nil {
		t.Fatal(err)
	}
	ins := []store.SourceInput{
		{Name: "wire/2", Published: "2026-03-02", Text: "Item two."},
		{Name: "wire/3", Published: "2026-03-02", Text: "Item three."},
	}
	next := *old
	next.ETag = `"v2"`

	restore := store.SetLoadHook(func(step string) error {
		if step == "poll state" {
			return errors.New("crash")
		}
		return nil
	})
	_, err := db.LoadPolled(ctx, ins, &next)
	restore()
	if err == nil {
		t.Fatal("load with a failing last step succeeded")
	}
	if st, err := db.PollState(ctx, "wire"); err != nil || st.ETag != `"v1"` {
		t.Fatalf("after the failed load the state is %+v, %v; want v1", st, err)
	}
	if names := sourceNames(t, db); !reflect.DeepEqual(names, []string{"wire/1"}) {
		t.Fatalf("after the failed load the sources are %v", names)
	}

	res, err := db.LoadPolled(ctx, ins, &next)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Status != store.ResultAdded || res[1].Status != store.ResultAdded {
		t.Fatalf("results %+v", res)
	}
	if st, err := db.PollState(ctx, "wire"); err != nil || st.ETag != `"v2"` {
		t.Fatalf("state %+v, %v; want v2", st, err)
	}
	if names := sourceNames(t, db); !reflect.DeepEqual(names, []string{"wire/1", "wire/2", "wire/3"}) {
		t.Fatalf("sources %v", names)
	}
	// Without a state, only the articles are written.
	if _, err := db.LoadPolled(ctx, []store.SourceInput{{Name: "wire/4", Text: "Four."}}, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.PollState(ctx, "wire"); st.ETag != `"v2"` {
		t.Errorf("a stateless load changed the state to %+v", st)
	}
}

func sourceNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	srcs, err := db.FindSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range srcs {
		out = append(out, s.Name)
	}
	return out
}
