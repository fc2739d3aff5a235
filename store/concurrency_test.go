package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"briefbot/extract"
	"briefbot/store"
)

// TestDB_Concurrent runs loads and fuzzy lookups at once: writers queue on
// the write lock and readers see whole loads (run with -race).
func TestDB_Concurrent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustLoad(t, db)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				text := fmt.Sprintf("Kaja Kallas met Petteri Orpo in Tallinn, visit %d.\n", i)
				doc := buildDoc(text, []ent{{name: "Kaja Kallas", kind: extract.Person}, {name: "Petteri Orpo", kind: extract.Person}}, nil, nil)
				if _, err := db.LoadSource(ctx, store.SourceInput{Name: fmt.Sprintf("w%d-%d", w, i), Text: text, Doc: doc}); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "bessant"})
				if err != nil {
					errs <- err
				} else if len(ents) != 1 {
					errs <- fmt.Errorf("bessant: %d entities", len(ents))
				}
				if ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "kallas"}); err != nil {
					errs <- err
				} else if len(ents) > 1 {
					errs <- fmt.Errorf("kallas split into %d entities", len(ents))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ents, _, _ := db.FindEntities(ctx, store.EntityFilter{Name: "kallas"})
	if len(ents) != 1 || ents[0].Mentions != 20 {
		t.Fatalf("kallas after concurrent loads: %+v", ents)
	}
}
