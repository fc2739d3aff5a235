package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/internal/factstest"
	"briefbot/store"
)

// TestAskGuild checks that `ask` answers from the global sources only,
// and with --guild from that guild's view too.
func TestAskGuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	if _, _, err := cli(t, "", "ingest", "--db", path); err != nil {
		t.Fatal(err)
	}
	db := store.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	in := factstest.Article("ours", "2026-03-03", factstest.Sentence{Text: "Lena Ortiz left Harrow Motors on Tuesday.", Date: "2026-03-03", People: []string{"Lena Ortiz"}})
	in.Guild = "42"
	if _, err := db.LoadSource(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	out, _, _ := cli(t, "", "ask", "--db", path, "/who lena ortiz")
	if strings.Contains(out, "Left Harrow") || !strings.Contains(out, "No one called") {
		t.Errorf("ask without --guild:\n%s", out)
	}
	out, _, err := cli(t, "", "ask", "--db", path, "--guild", "42", "/who lena ortiz")
	if err != nil || !strings.Contains(out, "Lena Ortiz") || !strings.Contains(out, "Title of ours") {
		t.Errorf("ask --guild 42: %v\n%s", err, out)
	}
	if out, _, _ := cli(t, "", "ask", "--db", path, "--guild", "7", "/sources"); strings.Contains(out, "ours") {
		t.Errorf("ask --guild 7 lists guild 42's source:\n%s", out)
	}
}
