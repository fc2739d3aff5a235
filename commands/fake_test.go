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
	ProfileFn           func(ctx context.Context, id int64) (*store.Profile, error)
	AutocompleteNamesFn func(ctx context.Context, prefix string, limit int) ([]*store.Entity, error)
	FindEventsFn        func(ctx context.Context, f store.EventFilter) ([]*store.Event, int, error)
	FindQuotesFn        func(ctx context.Context, f store.QuoteFilter) ([]*store.Quote, int, error)
	SearchFn            func(ctx context.Context, query string, offset, limit int) ([]*store.SearchHit, int, error)
	FindSourcesFn       func(ctx context.Context) ([]*store.Source, error)
}

var _ commands.Facts = (*FakeFacts)(nil)

func (f *FakeFacts) FindEntities(ctx context.Context, x store.EntityFilter) ([]*store.Entity, []string, error) {
	return f.FindEntitiesFn(ctx, x)
}
func (f *FakeFacts) Profile(ctx context.Context, id int64) (*store.Profile, error) {
	return f.ProfileFn(ctx, id)
}
func (f *FakeFacts) AutocompleteNames(ctx context.Context, prefix string, limit int) ([]*store.Entity, error) {
	return f.AutocompleteNamesFn(ctx, prefix, limit)
}
func (f *FakeFacts) FindEvents(ctx context.Context, x store.EventFilter) ([]*store.Event, int, error) {
	return f.FindEventsFn(ctx, x)
}
func (f *FakeFacts) FindQuotes(ctx context.Context, x store.QuoteFilter) ([]*store.Quote, int, error) {
	return f.FindQuotesFn(ctx, x)
}
func (f *FakeFacts) Search(ctx context.Context, q string, offset, limit int) ([]*store.SearchHit, int, error) {
	return f.SearchFn(ctx, q, offset, limit)
}
func (f *FakeFacts) FindSources(ctx context.Context) ([]*store.Source, error) {
	return f.FindSourcesFn(ctx)
}

// The store satisfies Facts.
var _ commands.Facts = (*store.DB)(nil)
