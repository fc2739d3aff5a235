package store_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"briefbot/extract"
	"briefbot/internal/coref"
	"briefbot/internal/meantime"
	"briefbot/store"
)

// TestCorefMeantime measures the store's cross-article coreference on the
// MEANTIME corpus (90 Wikinews articles on Airbus, Apple and GM, whose
// entity and event mentions are linked across articles to shared
// instances): it loads every article through the extractor into a fresh
// database, as the bot would, then scores
//
//   - entities: the entity each stored mention was resolved to against
//     the gold instance of the mention it aligns to;
//   - dated events: the happening each stored report was merged into
//     against the gold instance of the dated event mention it aligns to;
//   - the timeline duplicate rate per topic: timeline items (happenings)
//     per distinct gold event they tell, after merging and, treating each
//     report as its own item, before.
//
// Scores are the CoNLL-2012 metrics (package coref) over aligned
// mentions, so they measure linking, not detection; how many gold
// mentions aligned is logged next to them. The floors below sit just
// under the measured values, so a regression in merging fails the test;
// raise them when merging improves.
//
// Run: go test -tags sqlite_fts5 ./store/ -run Coref -v
func TestCorefMeantime(t *testing.T) {
	dir, ok := meantime.Find(".")
	if !ok {
		t.Skip("MEANTIME corpus not found (looked for shared/corpus/meantime above the package; set BRIEFBOT_SHARED)")
	}
	docs, err := meantime.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	instances, err := meantime.LoadInstances(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db := MustOpenDB(t)

	// Articles arrive in publication order, as they would in the feed.
	order := append([]meantime.Doc(nil), docs...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Published.Before(order[j].Published) })
	for _, d := range order {
		in := store.SourceInput{Name: d.Name, Location: "meantime:" + d.Name, URL: d.URL, Title: d.Name,
			Published: d.Published.Format("2006-01-02"), Text: d.Text, Doc: extract.Extract(d.Text, d.Published)}
		if _, err := db.LoadSource(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	mentions, err := db.MentionSpans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports, err := db.EventSpans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sysMentions := map[string][]store.MentionSpan{}
	for _, m := range mentions {
		sysMentions[m.Source] = append(sysMentions[m.Source], m)
	}
	sysReports := map[string][]store.EventSpan{}
	for _, r := range reports {
		sysReports[r.Source] = append(sysReports[r.Source], r)
	}

	ent := scoreEntities(t, docs, sysMentions)
	if testing.Verbose() {
		names := map[string]string{}
		for _, m := range mentions {
			if k := fmt.Sprint("e", m.EntityID); names[k] == "" {
				names[k] = m.Text + "/" + m.Kind
			}
		}
		logSplits(t, "entity", ent, instances, names)
	}
	evs := scoreEvents(t, docs, instances, sysReports)
	if testing.Verbose() {
		logSplits(t, "dated event", evs.corefScores, instances, nil)
	}

	t.Logf("coref entities: %s (%d of %d gold mentions aligned, %d instances; with unaligned gold mentions as misses: CoNLL F1 %.1f)",
		ent.aligned, ent.alignedN, ent.goldN, ent.instances, 100*ent.all.CoNLL())
	t.Logf("coref dated events: %s (%d of %d gold mentions aligned, %d instances; with unaligned gold mentions as misses: CoNLL F1 %.1f)",
		evs.aligned, evs.alignedN, evs.goldN, evs.instances, 100*evs.all.CoNLL())
	t.Logf("coref entities detail: %s; %d gold links, %d system links among aligned mentions", detail(ent.aligned), ent.keyLinks, ent.respLinks)
	t.Logf("coref entities PER/ORG/LOC: %s (%d of %d gold mentions aligned)", ent.names, ent.namesN, ent.namesGold)
	t.Logf("coref dated events detail: %s; %d gold links, %d system links among aligned mentions", detail(evs.aligned), evs.keyLinks, evs.respLinks)
	// What a reader sees: the /timeline of each topic, as merged items
	// against the reports they hold (one item each before merging).
	for _, topic := range []string{"airbus", "apple", "general motors"} {
		items, reps, srcs := 0, 0, 0
		for off := 0; ; off += 100 {
			evs, _, err := db.FindEvents(ctx, store.EventFilter{Topic: topic, Offset: off, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				items++
				reps += len(e.Reports)
				if e.Sources > 1 {
					srcs++
				}
			}
			if len(evs) < 100 {
				break
			}
		}
		t.Logf("coref timeline %s: %d items holding %d reports (%.2f reports per item), %d items told by several sources", topic, items, reps, float64(reps)/float64(max(items, 1)), srcs)
	}
	for _, topic := range append(topicsOf(docs), "all") {
		d := evs.dup[topic]
		t.Logf("coref duplicate rate %s: %.2f after merge (%d happenings / %d gold events), %.2f before merge (%d reports)",
			topic, d.rate(d.happenings), d.happenings, d.instances, d.rate(d.reports), d.reports)
	}

	// Floors, a little under the values measured when the harness was
	// written (README, "Cross-article coreference"); a drop below one is a
	// regression.
	floors := []struct {
		name      string
		got, want float64
	}{
		// Measured 89.9, 96.6 and 77.9 (85.3, 95.7 and 76.4 when the
		// harness was written, before entities were resolved across
		// articles; the event score rests on 19 gold links among
		// aligned mentions, so it moves in steps of a few points).
		{"entity CoNLL F1", ent.aligned.CoNLL(), 0.88},
		{"entity MUC F1", ent.aligned.MUC.F1(), 0.95},
		{"dated event CoNLL F1", evs.aligned.CoNLL(), 0.75},
		// Measured 0.372 and 0.275: alignment rests on the extractor.
		{"entity mentions aligned", float64(ent.alignedN) / float64(ent.goldN), 0.36},
		{"dated event mentions aligned", float64(evs.alignedN) / float64(evs.goldN), 0.26},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s = %.3f, below its floor %.3f", f.name, f.got, f.want)
		}
	}
	// Measured 1.02 over all topics (1.10 before merging): more
	// timeline items per gold event means merging lost ground.
	if d := evs.dup["all"]; d.rate(d.happenings) > 1.05 {
		t.Errorf("duplicate rate %.3f after merging, above its ceiling 1.05", d.rate(d.happenings))
	}
	// Merging must not make the timeline longer than one item per report.
	if d := evs.dup["all"]; d.happenings > d.reports || d.reports == 0 {
		t.Errorf("duplicate rate: %d happenings for %d aligned reports", d.happenings, d.reports)
	}
}

type corefScores struct {
	aligned, all               coref.Result
	alignedN, goldN, instances int
	// keyLinks and respLinks count the aligned mentions' links (mentions
	// less clusters) in the key and in the response: what MUC scores.
	keyLinks, respLinks int
	// names is aligned restricted to gold mentions of people,
	// organisations and places, the kinds the extractor names;
	// namesN and namesGold count those aligned and in the gold.
	names             coref.Result
	namesN, namesGold int
	// gold and resp label the mentions: gold by instance (all gold
	// mentions), resp by system cluster (aligned ones).
	gold, resp map[string]string
}

// logSplits logs the gold instances split over the most system clusters
// and the system clusters joining the most gold instances, to show what
// merging misses and what it wrongly joins.
func logSplits(t *testing.T, what string, s corefScores, instances map[string]meantime.Instance, sysName map[string]string) {
	t.Helper()
	split := map[string]map[string]int{} // instance -> system cluster -> mentions
	joined := map[string]map[string]int{}
	for m, sys := range s.resp {
		g := s.gold[m]
		if split[g] == nil {
			split[g] = map[string]int{}
		}
		if joined[sys] == nil {
			joined[sys] = map[string]int{}
		}
		split[g][sys]++
		joined[sys][g]++
	}
	top := func(by map[string]map[string]int, name, partName func(string) string) string {
		keys := make([]string, 0, len(by))
		for k := range by {
			if len(by[k]) > 1 {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool {
			if len(by[keys[i]]) != len(by[keys[j]]) {
				return len(by[keys[i]]) > len(by[keys[j]])
			}
			return keys[i] < keys[j]
		})
		var b strings.Builder
		for i, k := range keys {
			if i == 8 {
				fmt.Fprintf(&b, " and %d more", len(keys)-i)
				break
			}
			parts := make([]string, 0, len(by[k]))
			for p, n := range by[k] {
				parts = append(parts, fmt.Sprintf("%s×%d", partName(p), n))
			}
			sort.Strings(parts)
			fmt.Fprintf(&b, "\n\t%s: %s", name(k), strings.Join(parts, " "))
		}
		return b.String()
	}
	inst := func(id string) string {
		if in, ok := instances[id]; ok {
			return fmt.Sprintf("%q", in.Name)
		}
		return id
	}
	sys := func(id string) string {
		if n, ok := sysName[id]; ok {
			return fmt.Sprintf("%s %q", id, n)
		}
		return id
	}
	t.Logf("%s instances split over several system clusters:%s", what, top(split, inst, sys))
	t.Logf("%s system clusters joining several instances:%s", what, top(joined, sys, inst))
}

// detail prints a result's recall and precision.
func detail(r coref.Result) string {
	return fmt.Sprintf("MUC R %.1f P %.1f, B3 R %.1f P %.1f, CEAF-e R %.1f P %.1f",
		100*r.MUC.Recall, 100*r.MUC.Precision, 100*r.B3.Recall, 100*r.B3.Precision, 100*r.CEAFe.Recall, 100*r.CEAFe.Precision)
}

// links counts a labelling's links: mentions less clusters.
func links(labels map[string]string) int {
	return len(labels) - len(coref.Clusters(labels))
}

// alignedLinks counts the links of the aligned mentions in gold and in
// resp.
func alignedLinks(gold, resp map[string]string) (key, response int) {
	k := map[string]string{}
	for m := range resp {
		k[m] = gold[m]
	}
	return links(k), links(resp)
}

// goldKey names a gold mention for the scorer.
func goldKey(doc string, start, end int, id string) string {
	return fmt.Sprintf("%s:%d:%d#%s", doc, start, end, id)
}

// pair is a candidate alignment of gold mention g with system item s,
// ranked by tier, then the tie-breakers in order.
type pair struct {
	g, s  int
	tier  int
	ties  [3]int // larger first
	order int
}

// alignPairs picks a one-to-one alignment greedily, best pairs first.
func alignPairs(ps []pair) (bySys map[int]int) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.tier != b.tier {
			return a.tier > b.tier
		}
		for k := range a.ties {
			if a.ties[k] != b.ties[k] {
				return a.ties[k] > b.ties[k]
			}
		}
		return a.order < b.order
	})
	bySys = map[int]int{}
	usedG := map[int]bool{}
	for _, p := range ps {
		if _, ok := bySys[p.s]; ok || usedG[p.g] {
			continue
		}
		bySys[p.s] = p.g
		usedG[p.g] = true
	}
	return bySys
}

// headStops end a noun phrase's head: the head of "the chief executive of
// Boeing" is the last token before "of".
var headStops = map[string]bool{"of": true, "in": true, "at": true, "for": true, "from": true, "with": true, "on": true,
	"by": true, "to": true, "who": true, "which": true, "that": true, ",": true, "(": true, "-": true, "and": true}

// headSpan approximates the syntactic head of a gold mention (MEANTIME
// leaves its head attribute empty): its last token before a preposition,
// relative pronoun, comma or conjunction, else its last token.
func headSpan(d *meantime.Doc, start, end int) (int, int) {
	i := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Start >= start })
	head := -1
	for ; i < len(d.Tokens) && d.Tokens[i].End <= end; i++ {
		if head >= 0 && headStops[strings.ToLower(d.Tokens[i].Text)] {
			break
		}
		head = i
	}
	if head < 0 {
		return start, end
	}
	return d.Tokens[head].Start, d.Tokens[head].End
}

// scoreEntities aligns stored mentions to gold ENTITY_MENTIONs and scores
// the entities they were resolved to against the gold instances.
//
// Alignment: a stored mention and a gold mention of the same article are
// candidates when their byte spans overlap and the stored span contains
// the gold mention's head (its last token before any of headStops; the
// corpus leaves heads unannotated). Overlap alone is not enough: in
// MEANTIME a stored "Airbus" inside the gold product mention "the Airbus
// A380" names the company, not the plane, and aligning the two would
// charge the store with merging a plane into Airbus. Each stored mention
// aligns to at most one gold mention and each gold mention to at most one
// stored mention, best first: an exact span, then a head match; ties go
// to the larger overlap, then the closer length. Every
// gold mention takes part, with or without an instance, so that a stored
// mention of an entity not chosen for cross-document annotation ("Boeing
// and Martin") aligns to it rather than to a neighbouring instance's
// mention; only pairs whose gold mention has an instance are scored.
//
// The key clusters the aligned gold mentions by instance, the response
// the same mentions by stored entity id. Scores over aligned mentions
// (aligned) measure linking alone; all adds the gold mentions left
// unaligned to the key (twinless: lower recall), which also charges
// detection.
func scoreEntities(t *testing.T, docs []meantime.Doc, sys map[string][]store.MentionSpan) corefScores {
	t.Helper()
	gold, resp := map[string]string{}, map[string]string{}
	var out corefScores
	insts := map[string]bool{}
	// named lists the gold mentions of people, organisations and places.
	named := map[string]bool{}
	for di := range docs {
		d := &docs[di]
		ms := sys[d.Name]
		var ps []pair
		for gi, g := range d.Mentions {
			if g.Instance != "" {
				gold[goldKey(d.Name, g.Start, g.End, g.ID)] = g.Instance
				if g.Kind == meantime.KindPerson || g.Kind == meantime.KindOrg || g.Kind == meantime.KindPlace {
					named[goldKey(d.Name, g.Start, g.End, g.ID)] = true
					out.namesGold++
				}
				insts[g.Instance] = true
				out.goldN++
			}
			hs, he := headSpan(d, g.Start, g.End)
			for si, m := range ms {
				ov := min(g.End, m.End) - max(g.Start, m.Start)
				if ov <= 0 {
					continue
				}
				var tier int
				switch {
				case g.Start == m.Start && g.End == m.End:
					tier = 2
				case m.Start <= hs && he <= m.End:
					tier = 1
				default:
					// Overlap without the head: the stored mention
					// names a modifier ("Airbus" in "the Airbus
					// A380"), another thing than the gold mention.
					continue
				}
				diff := (g.End - g.Start) - (m.End - m.Start)
				if diff < 0 {
					diff = -diff
				}
				ps = append(ps, pair{g: gi, s: si, tier: tier, ties: [3]int{ov, -diff, 0}, order: g.Start})
			}
		}
		for si, gi := range alignPairs(ps) {
			g := d.Mentions[gi]
			if g.Instance == "" {
				continue
			}

			resp[goldKey(d.Name, g.Start, g.End, g.ID)] = fmt.Sprint("e", ms[si].EntityID)
			out.alignedN++
		}
	}
	out.instances = len(insts)
	out.aligned, out.all = scorePair(t, gold, resp)
	out.keyLinks, out.respLinks = alignedLinks(gold, resp)
	namedResp := map[string]string{}
	for k, v := range resp {
		if named[k] {
			namedResp[k] = v
		}
	}
	out.namesN = len(namedResp)
	out.names, _ = scorePair(t, gold, namedResp)
	out.gold, out.resp = gold, resp
	return out
}

// scorePair scores resp against gold over the mentions resp holds
// (aligned) and over all of gold's (all).
func scorePair(t *testing.T, gold, resp map[string]string) (aligned, all coref.Result) {
	t.Helper()
	key := map[string]string{}
	for k := range resp {
		key[k] = gold[k]
	}
	var err error
	if aligned, err = coref.Score(coref.Clusters(key), coref.Clusters(resp)); err != nil {
		t.Fatal(err)
	}
	if all, err = coref.Score(coref.Clusters(gold), coref.Clusters(resp)); err != nil {
		t.Fatal(err)
	}
	return aligned, all
}

type dupCount struct {
	happenings, reports, instances int
}

func (d dupCount) rate(items int) float64 {
	if d.instances == 0 {
		return 0
	}
	return float64(items) / float64(d.instances)
}

type eventScores struct {
	corefScores
	dup map[string]dupCount // by topic, and "all"
}

// eventClassRank prefers, among gold events in one clause, the kind a
// dated report tells: an occurrence over a reporting verb over a copula.
var eventClassRank = map[string]int{"OTHER": 2, "SPEECH_COGNITIVE": 1}

// dateAgrees reports whether a report's date and a gold instance's time
// name the same period at the coarser of their precisions (2009-06 and
// 2009-06-01 agree).
func dateAgrees(a, b string) bool {
	n := min(len(a), len(b))
	return n >= 4 && a[:n] == b[:n]
}

// scoreEvents aligns stored event reports to gold dated event mentions
// and scores the happenings they were merged into against the gold
// instances.
//
// Gold: EVENT_MENTIONs referring to a cross-document instance whose TIME
// (or begin) in list_instances.csv has a known year. Alignment: a report
// and a gold mention of the same article are candidates when the mention
// lies inside the report's clause (better) or, failing that, its
// sentence. Each report aligns to at most one gold mention and each gold
// mention to at most one report, best first: clause before sentence,
// then a report date agreeing with the instance's time, then the gold
// event's class (an occurrence before speech, speech before a copula),
// then the earlier mention. One-to-one, because a report is one timeline
// item: counting two gold events of its clause (say "said" and "defeat")
// would score them as merged.
//
// The key clusters the aligned gold mentions by instance, the response
// by the happening of their report.
func scoreEvents(t *testing.T, docs []meantime.Doc, instances map[string]meantime.Instance, sys map[string][]store.EventSpan) eventScores {
	t.Helper()
	gold, resp := map[string]string{}, map[string]string{}
	out := eventScores{dup: map[string]dupCount{}}
	insts := map[string]bool{}
	type topicSets struct{ happenings, reports, instances map[string]bool }
	sets := map[string]*topicSets{}
	for di := range docs {
		d := &docs[di]
		var golds []meantime.EventMention
		for _, e := range d.Events {
			if in, ok := instances[e.Instance]; ok && in.Dated() {
				golds = append(golds, e)
				gold[goldKey(d.Name, e.Start, e.End, e.ID)] = e.Instance
				insts[e.Instance] = true
				out.goldN++
			}
		}
		rs := sys[d.Name]
		var ps []pair
		for gi, g := range golds {
			in := instances[g.Instance]
			when := in.Time
			if when == "" {
				when = in.Begin
			}
			for si, r := range rs {
				tier := 0
				switch {
				case r.ClauseStart <= g.Start && g.End <= r.ClauseEnd:
					tier = 2
				case r.Start <= g.Start && g.End <= r.End:
					tier = 1
				default:
					continue
				}
				agree := 0
				if dateAgrees(r.Date, when) {
					agree = 1
				}
				ps = append(ps, pair{g: gi, s: si, tier: tier, ties: [3]int{agree, eventClassRank[g.Class], -g.Start}, order: si})
			}
		}
		for _, topic := range []string{d.Topic, "all"} {
			if sets[topic] == nil {
				sets[topic] = &topicSets{map[string]bool{}, map[string]bool{}, map[string]bool{}}
			}
		}
		for si, gi := range alignPairs(ps) {
			g, r := golds[gi], rs[si]
			resp[goldKey(d.Name, g.Start, g.End, g.ID)] = fmt.Sprint("h", r.HappeningID)
			out.alignedN++
			for _, topic := range []string{d.Topic, "all"} {
				s := sets[topic]
				s.happenings[fmt.Sprint(r.HappeningID)] = true
				s.reports[fmt.Sprint(r.ID)] = true
				s.instances[g.Instance] = true
			}
		}
	}
	for topic, s := range sets {
		out.dup[topic] = dupCount{happenings: len(s.happenings), reports: len(s.reports), instances: len(s.instances)}
	}
	out.instances = len(insts)
	out.aligned, out.all = scorePair(t, gold, resp)
	out.keyLinks, out.respLinks = alignedLinks(gold, resp)
	out.gold, out.resp = gold, resp
	return out
}

func topicsOf(docs []meantime.Doc) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if !seen[d.Topic] {
			seen[d.Topic] = true
			out = append(out, d.Topic)
		}
	}
	sort.Strings(out)
	return out
}
