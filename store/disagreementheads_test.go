package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"briefbot/store"
)

// checkDisagreementHeads checks every disagreement's kept count and
// first values (n, head) against its values, as a list would cut them.
// It returns how many rows have more values than a list shows.
func checkDisagreementHeads(t *testing.T, db *store.DB, step string) int {
	t.Helper()
	rows, err := db.QueryRows(`SELECT json_array(id, vals, n, head) FROM disagreements ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	long := 0
	for _, r := range rows {
		var row []json.RawMessage
		if err := json.Unmarshal([]byte(r), &row); err != nil || len(row) != 4 {
			t.Fatalf("%s: row %s: %v", step, r, err)
		}
		var vals, head []any
		var vs, hs string
		var n int
		if err := json.Unmarshal(row[1], &vs); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(row[3], &hs); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(row[2], &n); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(vs), &vals); err != nil {
			t.Fatalf("%s: vals %s: %v", step, vs, err)
		}
		if err := json.Unmarshal([]byte(hs), &head); err != nil {
			t.Fatalf("%s: disagreement %s: head %q: %v", step, row[0], hs, err)
		}
		want := listCut(vals)
		if n != len(vals) || !reflect.DeepEqual(head, want) {
			t.Errorf("%s: disagreement %s keeps n %d, head %s; its values give %d, %v", step, row[0], n, hs, len(vals), want)
		}
		if len(vals) > 5 {
			long++
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no disagreements to check", step)
	}
	return long
}

// listCut cuts decoded values as a list shows them: the first five, each
// with its first five sources and, where it cut them, their count.
func listCut(vals []any) []any {
	var out []any
	for _, v := range vals[:min(len(vals), 5)] {
		m := v.(map[string]any)
		if src, _ := m["sources"].([]any); len(src) > 5 {
			c := map[string]any{}
			for k, x := range m {
				c[k] = x
			}
			c["sources"], c["count"] = src[:5], float64(len(src))
			m = c
		}
		out = append(out, m)
	}
	return out
}

// TestDisagreementHeads_Kept checks the count and first values kept with
// each disagreement after loads, reloads, removals and copies of
// articles whose dates move a day a copy, which give dates hundreds of
// values long.
func TestDisagreementHeads_Kept(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	loadReloadRemove(t, db, func(step string) { checkDisagreementHeads(t, db, step) })
	// Copies of one article published a day apart: its relative dates
	// ("yesterday") give each copy's report another day.
	c := newCorpus(3)
	var batch []store.SourceInput
	for i := range 12 {
		in := c.article(3)
		in.Name, in.Location = "copy-"+strconv.Itoa(i), fmt.Sprintf("corpus/copy-%d.txt", i)
		in.Published = fmt.Sprintf("2025-03-%02d", i+1)
		batch = append(batch, in)
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if checkDisagreementHeads(t, db, "after copies") == 0 {
		t.Fatal("no disagreement with more values than a list shows")
	}
	for _, i := range []int{2, 5, 9} {
		if err := db.RemoveSource(ctx, "copy-"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	checkDisagreementHeads(t, db, "after removing copies")
	in := c.article(40)
	in.Name, in.Location = "copy-4", "corpus/copy-4.txt"
	if _, err := db.LoadSources(ctx, []store.SourceInput{in}); err != nil {
		t.Fatal(err)
	}
	checkDisagreementHeads(t, db, "after reloading a copy")
}

// TestDisagreementHeads_Migrate opens a database of the schema before
// migration 064, with disagreements of few and of many values in it,
// and checks the counts and first values the migration writes.
func TestDisagreementHeads_Migrate(t *testing.T) {
	db := openUpgraded(t, func(old *store.DB) {
		for h, n := range []int{2, 5, 6, 40, 3, 7} {
			var vals []map[string]any
			for i := range n {
				sources := []int{i + 1, i + 2}
				if h >= 4 {
					// Values a thousand sources tell: head keeps five
					// ids of each (migration 065).
					sources = nil
					for k := range 9 - i {
						sources = append(sources, 100*i+k)
					}
				}
				vals = append(vals, map[string]any{"value": fmt.Sprintf("2025-01-%02d", i+1), "text": fmt.Sprintf("day <%d> & “%d”", i, i), "sources": sources})
			}
			buf, err := json.Marshal(vals)
			if err != nil {
				t.Fatal(err)
			}
			if err := old.ExecRaw(`INSERT INTO happenings (id, disputed) VALUES (?, 1)`, h+1); err != nil {
				t.Fatal(err)
			}
			if err := old.ExecRaw(`INSERT INTO disagreements (happening_id, about, vals) VALUES (?, 'date', ?)`, h+1, string(buf)); err != nil {
				t.Fatal(err)
			}
		}
	}, "064", "065")
	if long := checkDisagreementHeads(t, db, "after the migration"); long != 3 {
		t.Errorf("%d disagreements with more than five values, want 3", long)
	}
}
