package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestExport_Golden(t *testing.T) {
	db := MustOpenDB(t)
	mustLoad(t, db)
	x, err := db.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "export.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (run with -update after checking):\n%s", golden, got)
	}

	// The shape other tools read: exactly these keys.
	var shape map[string][]map[string]any
	if err := json.Unmarshal(got, &shape); err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{
		"sources":  {"id", "title", "url", "published"},
		"entities": {"id", "name", "kind", "aliases", "roles", "sources"},
		"events":   {"id", "date", "precision", "summary", "sentence", "entities", "source", "reports", "sources"},
		"quotes":   {"speaker", "text", "date", "source"},
	}
	for list, ks := range keys {
		if len(shape[list]) == 0 {
			t.Fatalf("%s empty", list)
		}
		for _, item := range shape[list] {
			if len(item) != len(ks) {
				t.Errorf("%s item has keys %v, want %v", list, item, ks)
			}
			for _, k := range ks {
				if _, ok := item[k]; !ok {
					t.Errorf("%s item lacks %q", list, k)
				}
			}
		}
	}
}
