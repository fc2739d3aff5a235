package meantime

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Instance is one line of list_instances.csv: an entity or event chosen
// for cross-document annotation, which mentions in any article refer to by
// its ID (Mention.Instance, EventMention.Instance).
type Instance struct {
	ID string
	// Type is ENTITY or EVENT.
	Type string
	// Class is the entity type (PER, ORG, LOC, PRO, FIN, MIX) or the event
	// class (OTHER, SPEECH_COGNITIVE, GRAMMATICAL).
	Class string
	Name  string
	// Time is the event's time anchor as a TimeML value (2009-06-01,
	// 2007-09, XXXX-XX-XX when unknown); Begin and End bound durative
	// events. All empty for entities and unanchored events.
	Time, Begin, End string
}

// Dated reports whether the instance is an event anchored to a known year
// at least: its Time (or, failing that, Begin) does not start with XXXX.
func (in Instance) Dated() bool {
	t := in.Time
	if t == "" {
		t = in.Begin
	}
	return in.Type == "EVENT" && len(t) >= 4 && isDigits4(t[:4])
}

func isDigits4(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(s) == 4
}

// LoadInstances reads list_instances.csv (tab-separated, with a header
// line starting with #) from dir, the corpus root, keyed by ID.
func LoadInstances(dir string) (map[string]Instance, error) {
	path := filepath.Join(dir, "list_instances.csv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load instances: %w", err)
	}
	defer f.Close()
	out := map[string]Instance{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 10 {
			return nil, fmt.Errorf("load instances: %s:%d: %d fields, want 13", path, line, len(f))
		}
		in := Instance{ID: f[0], Type: f[1], Class: f[2], Name: f[3], Time: f[7], Begin: f[8], End: f[9]}
		if in.ID == "" {
			return nil, fmt.Errorf("load instances: %s:%d: no ID", path, line)
		}
		out[in.ID] = in
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load instances: %w", err)
	}
	return out, nil
}
