package commands_test

import (
	"context"

	"briefbot/commands"
	"briefbot/store"
)

// FakeFacts is a Facts whose methods are function fields; an unset field
// panics, which the router turns into an error response.
type FakeFacts struct {
	FindEntitiesFn      func(ctx context.Context, f store.EntityFilter) ([]*store.Entity, []string, error)
	ProfileFn           func(ctx context.Context, id int64, guild string) (*store.Profile, error)
	AutocompleteNamesFn func(ctx context.Context, prefix string, limit int, guild string) ([]*store.Entity, error)
	FindEventsFn        func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error)
	FindQuotesFn        func(ctx context.Context, f store.QuoteFilter) ([]*store.Quote, int, error)
	SearchFn            func(ctx context.Context, query string, offset, limit int, guild string) ([]*store.SearchHit, int, error)
	FindSourcesInFn     func(ctx context.Context, guild string) ([]*store.Source, error)
}

var _ commands.Facts = (*FakeFacts)(nil)

func (f *FakeFacts) FindEntities(ctx context.Context, x store.EntityFilter) ([]*store.Entity, []string, error) {
	return f.FindEntitiesFn(ctx, x)
}
func (f *FakeFacts) Profile(ctx context.Context, id int64, guild string) (*store.Profile, error) {
	return f.ProfileFn(ctx, id, guild)
}
func (f *FakeFacts) AutocompleteNames(ctx context.Context, prefix string, limit int, guild string) ([]*store.Entity, error) {
	return f.AutocompleteNamesFn(ctx, prefix, limit, guild)
}
func (f *FakeFacts) FindEvents(ctx context.Context, x store.EventFilter) ([]*store.Event, int, error) {
	return f.FindEventsFn(ctx, x)
}
func (f *FakeFacts) FindQuotes(ctx context.Context, x store.QuoteFilter) ([]*store.Quote, int, error) {
	return f.FindQuotesFn(ctx, x)
}
func (f *FakeFacts) Search(ctx context.Context, q string, offset, limit int, guild string) ([]*store.SearchHit, int, error) {
	return f.SearchFn(ctx, q, offset, limit, guild)
}
func (f *FakeFacts) FindSourcesIn(ctx context.Context, guild string) ([]*store.Source, error) {
	return f.FindSourcesInFn(ctx, guild)
}

// The store satisfies Facts.
var _ commands.Facts = (*store.DB)(nil)
