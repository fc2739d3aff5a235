package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"briefbot/store"
)

func TestComponents(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	if _, err := db.Component(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown key: %v", err)
	}
	if err := db.PutComponent(ctx, "k1", "timeline?topic=x"); err != nil {
		t.Fatal(err)
	}
	if err := db.PutComponent(ctx, "k1", "timeline?topic=y"); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Component(ctx, "k1"); err != nil || v != "timeline?topic=y" {
		t.Errorf("k1 = %q, %v", v, err)
	}
	if err := db.PutComponent(ctx, "", "x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty key: %v", err)
	}
	// Entries older than the TTL are forgotten on the next put.
	now := db.Now
	db.Now = func() time.Time { return now().Add(store.ComponentTTL + time.Hour) }
	if err := db.PutComponent(ctx, "k2", "who?name=z"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Component(ctx, "k1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired key: %v", err)
	}
	if v, _ := db.Component(ctx, "k2"); v != "who?name=z" {
		t.Errorf("k2 = %q", v)
	}
}
