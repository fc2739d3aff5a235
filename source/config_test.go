package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadConfigFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "briefbot.json")
	os.WriteFile(p, []byte(`{
  "db": "data/briefbot.db",
  "sources": [
    {"name": "seed", "path": "articles/seed.txt", "published": "2025-10-22"},
    {"name": "abs", "path": "/srv/news/x.txt"},
    {"name": "wire", "url": "https://news.example/feed.xml"}
  ],
  "discord": {"guild": "123", "future_field": true}
}`), 0o644)
	f, err := LoadConfigFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Dir != dir || f.DB != filepath.Join(dir, "data/briefbot.db") {
		t.Errorf("Dir %q DB %q", f.Dir, f.DB)
	}
	if len(f.Sources) != 3 || f.Sources[0].Path != filepath.Join(dir, "articles/seed.txt") || f.Sources[1].Path != "/srv/news/x.txt" || f.Sources[2].URL != "https://news.example/feed.xml" {
		t.Errorf("Sources = %+v", f.Sources)
	}
	var discord struct{ Guild string }
	if err := json.Unmarshal(f.Discord, &discord); err != nil || discord.Guild != "123" {
		t.Errorf("Discord = %s (%v)", f.Discord, err)
	}
}

func TestLoadConfigFileErrors(t *testing.T) {
	tests := []struct {
		name, json string
		want       []string
	}{
		{"syntax", "{\n  \"db\": \"x\",\n  \"sources\": [,]\n}", []string{"line 3, column"}},
		{"type", `{"sources": {"name": "x"}}`, []string{"sources:", "cannot unmarshal"}},
		{"unknown source key", `{"sources": [{"name": "x", "path": "a", "pubished": "2025-01-01"}]}`, []string{`unknown key "pubished" (did you mean "published"?)`}},
		{"empty", ``, []string{"empty"}},
		{"trailing", `{"db": "x"} {"db": "y"}`, []string{"unexpected data after"}},
		{"duplicate names", `{"sources": [{"name": "a", "path": "x"}, {"name": "a", "url": "https://e.com/"}]}`, []string{`sources[1]: name "a" already used by sources[0]`}},
		{"all problems at once", `{"sources": [{"path": "x"}, {"name": "b"}, {"name": "c", "path": "x", "url": "https://e.com"}, {"name": "d", "path": "x", "published": "2025/10/22"}]}`,
			[]string{"sources[0]: name is empty", "sources[1]: source \"b\": needs a path or a url", "sources[2]: source \"c\": has both", `sources[3]: source "d": published "2025/10/22" is not a YYYY-MM-DD date`}},
		{"bad url", `{"sources": [{"name": "a", "url": "javascript:alert(1)"}]}`, []string{"only http and https"}},
		{"every too often", `{"sources": [{"name": "a", "url": "https://e.com/feed", "every": "10s"}]}`, []string{`sources[0]: source "a": every "10s": polling more often than every 1m0s`}},
		{"every not a duration", `{"sources": [{"name": "a", "url": "https://e.com/feed", "every": 15}]}`, []string{"cannot unmarshal number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "c.json", []byte(tt.json))
			_, err := LoadConfigFile(p)
			wantErr(t, err, append([]string{"config " + p + ":"}, tt.want...)...)
		})
	}
	_, err := LoadConfigFile(filepath.Join(t.TempDir(), "missing.json"))
	wantErr(t, err, "no such file")
}

func TestConfigExample(t *testing.T) {
	f, err := LoadConfigFile("../config.example.json")
	if err != nil {
		t.Fatal(err)
	}
	seed := f.Sources[0]
	want := Default()
	if seed.Name != want.Name || seed.Published != want.Published || seed.Title != want.Title ||
		seed.Path != filepath.Join(f.Dir, want.Path) {
		t.Errorf("example seed %+v does not match Default() %+v", seed, want)
	}
	if _, err := os.Stat(seed.Path); err != nil {
		t.Errorf("example seed path: %v", err)
	}
	var hasURL bool
	for _, c := range f.Sources {
		hasURL = hasURL || c.URL != ""
	}
	if !hasURL {
		t.Error("example has no feed URL")
	}
}
