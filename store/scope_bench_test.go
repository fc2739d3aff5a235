package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot/store"
)

// scopeBenchVersion names BenchmarkScope's cached database; bump it when
// the schema or the generator changes.
const scopeBenchVersion = 7

// scopeGuildEvery makes one article in scopeGuildEvery guild-owned, by
// turns guild A's and guild B's.
const scopeGuildEvery = 40

// scopeBenchDB opens a database of the benchmark corpus's 10,000
// articles of which one in scopeGuildEvery (250) is guild-owned, built
// once and cached under os.TempDir() by scopeBenchVersion.
func scopeBenchDB(b *testing.B) (*store.DB, *corpus) {
	db := cachedBenchDB(b, fmt.Sprintf("briefbot-bench-scope-v%d-10k.db", scopeBenchVersion), func(db *store.DB, c *corpus) {
		var batch []store.SourceInput
		for i := 0; i < 10000; i++ {
			in := c.article(i)
			switch i % (2 * scopeGuildEvery) {
			case 0:
				in.Guild = guildA
			case scopeGuildEvery:
				in.Guild = guildB
			}
			batch = append(batch, in)
			if len(batch) == 50 || i == 9999 {
				if _, err := db.LoadSources(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
	})
	return db, newCorpus(1)
}

// BenchmarkScope is /who (FindEntities, Profile and the first page of
// events, as the command asks them) and /timeline (the first page of a
// topic) on 10,000 articles, 250 of them guild-owned, in three views:
// "off" reads as before guilds (every source seen, no question asked),
// "global" the global sources only, "guild" those and guild A's. The
// views take turns within each case's loop; each reports its mean and
// median time per op (off-us/op, off-median-us, ...) and the scoped
// views the ratio of their median to off's (global/off, guild/off).
func BenchmarkScope(b *testing.B) {
	db, c := scopeBenchDB(b)
	ctx := context.Background()
	who := func(guild, name string) error {
		ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: name, Limit: 5, Guild: guild})
		if err != nil || len(ents) == 0 {
			return fmt.Errorf("who %q: %v %v", name, ents, err)
		}
		if _, err := db.Profile(ctx, ents[0].ID, guild); err != nil {
			return err
		}
		evs, _, err := db.FindEvents(ctx, store.EventFilter{EntityID: ents[0].ID, Newest: true, Limit: 10, Guild: guild})
		if err != nil || len(evs) == 0 {
			return fmt.Errorf("who %q events: %d %v", name, len(evs), err)
		}
		return nil
	}
	timeline := func(guild, topic string) error {
		evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: topic, Limit: 10, Guild: guild})
		if err != nil || len(evs) == 0 {
			return fmt.Errorf("timeline %q: %d %v", topic, len(evs), err)
		}
		return nil
	}
	cases := []struct {
		name string
		run  func(guild string) error
	}{
		{"who-top", func(g string) error { return who(g, strings.ToLower(c.people[4])) }},
		{"who-mid", func(g string) error { return who(g, strings.ToLower(c.people[200])) }},
		{"who-surname", func(g string) error { return who(g, strings.ToLower(strings.Fields(c.people[4])[1])) }},
		{"timeline-country", func(g string) error { return timeline(g, "ukraine") }},
		{"timeline-rare-country", func(g string) error { return timeline(g, "egypt") }},
		{"timeline-person", func(g string) error { return timeline(g, strings.ToLower(strings.Fields(c.people[4])[1])) }},
		{"timeline-keyword", func(g string) error { return timeline(g, "ceasefire") }},
	}
	views := []struct {
		name, guild string
		on          bool
	}{{"off", "", false}, {"global", "", true}, {"guild", guildA, true}}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			// The views take turns, so that the machine's ups and downs
			// fall on all three alike. Each reports its mean and median
			// time per op; the scoped views their medians' ratio to
			// off's, which other processes on a busy machine sway least.
			times := make([][]time.Duration, len(views))
			for i := 0; i < b.N; i++ {
				for k, v := range views {
					restore := store.SetScoping(v.on)
					t0 := time.Now()
					err := tc.run(v.guild)
					times[k] = append(times[k], time.Since(t0))
					restore()
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			med := make([]time.Duration, len(views))
			for k, v := range views {
				var sum time.Duration
				for _, d := range times[k] {
					sum += d
				}
				slices.Sort(times[k])
				med[k] = times[k][len(times[k])/2]
				b.ReportMetric(float64(sum.Microseconds())/float64(b.N), v.name+"-us/op")
				b.ReportMetric(float64(med[k].Microseconds()), v.name+"-median-us")
			}
			for k, v := range views[1:] {
				b.ReportMetric(float64(med[k+1])/float64(med[0]), v.name+"/off")
			}
		})
	}
}
