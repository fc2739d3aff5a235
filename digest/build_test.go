package digest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot/extract"
	"briefbot/store"
)

func TestFormatDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-10-22": "22 Oct 2025", "2025-10": "Oct 2025", "2026-Q4": "Q4 2026", "2025-W43": "week 43, 2025",
		"2025-SU": "summer 2025", "2026-H1": "H1 2026", "2025": "2025", "202": "the 2020s", "2025-10-22T15:00": "22 Oct 2025",
	} {
		if got := extract.FormatDate(in, ""); got != want {
			t.Errorf("FormatDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func item(key, date, prec, start, end, text string, people, orgs []string, quote bool, sent, others int) *store.DigestItem {
	return &store.DigestItem{Kind: "event", Key: key, Date: date, Precision: prec, SortStart: start, SortEnd: end, Text: text,
		People: people, Orgs: orgs, HasQuote: quote, SentIndex: sent, OtherSources: others,
		Source: store.SourceRef{ID: 1, Name: "s-" + key, Title: "T"}}
}

// TestRankScore checks the documented formula on hand-computed values.
func TestRankScore(t *testing.T) {
	day := ts(t, "2026-03-02T08:00:00Z")
	a := item("a", "2026-03-02", "day", "2026-03-02", "2026-03-02", "A", []string{"P1", "P2"}, []string{"O"}, true, 0, 2)
	// recency 1; sources 3 → 2·2; participants 3; quoted 2; lead 1 → 4+4+3+2+1
	b := item("b", "2026-02-23", "day", "2026-02-23", "2026-02-23", "B", nil, nil, false, 5, 0)
	// 7 days ago → recency 1/2 → 4·0.5 = 2
	c := item("c", "2026", "year", "2026-01-01", "2026-12-31", "C", []string{"P"}, nil, false, 1, 0)
	// inside the year, half its length (182 days) → 4/(1+26) = 0.148; +1 participant, +1 lead
	got := Rank([]*store.DigestItem{b, c, a}, day)
	if len(got) != 3 || got[0].Key != "a" || got[1].Key != "c" || got[2].Key != "b" {
		t.Fatalf("order: %v", keysOf(got))
	}
	for i, want := range []float64{14, 2.148, 2} {
		if got[i].Score != want {
			t.Errorf("%s score = %v, want %v", got[i].Key, got[i].Score, want)
		}
	}
}

func keysOf(items []*Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Key)
	}
	return out
}

func TestRankMergesSameDevelopment(t *testing.T) {
	day := ts(t, "2026-03-02T08:00:00Z")
	x := item("x", "2026-03-01", "day", "2026-03-01", "2026-03-01", "Lee and Chen signed the deal.", []string{"Ann Lee", "Bo Chen"}, nil, false, 4, 0)
	y := item("y", "2026-03-01", "day", "2026-03-01", "2026-03-01", "On Sunday Chen and Lee signed a deal.", []string{"Bo Chen", "Ann Lee"}, nil, true, 0, 1)
	y.Source.ID, y.Source.Name = 2, "other"
	z := item("z", "2026-03-01", "day", "2026-03-01", "2026-03-01", "Lee spoke.", []string{"Ann Lee"}, nil, false, 0, 0)
	got := Rank([]*store.DigestItem{x, y, z}, day)
	if len(got) != 2 || got[0].Key != "y" || strings.Join(got[0].Keys, ",") != "x,y" || got[0].Sources != 2 {
		t.Fatalf("merged: %v %+v", keysOf(got), got[0])
	}
	// Deterministic: any input order gives the same ranking.
	again := Rank([]*store.DigestItem{z, y, x}, day)
	if strings.Join(keysOf(again), ",") != strings.Join(keysOf(got), ",") {
		t.Fatalf("order depends on input: %v vs %v", keysOf(again), keysOf(got))
	}
}

func TestRenderLimits(t *testing.T) {
	d := &Digest{ChannelID: "c", Due: ts(t, "2026-03-02T07:00:00Z"), Since: ts(t, "2026-03-01T07:00:00Z"), Nonce: "bdxyz"}
	long := strings.Repeat("Ann Lee 🎉 said something long and important about the budget ", 40)
	for i := 0; i < 60; i++ {
		d.Items = append(d.Items, &Item{DigestItem: item(fmt.Sprint(i), "2026-03-01", "day", "2026-03-01", "2026-03-01", long, nil, nil, false, 0, 0), Sources: 1})
	}
	for i := 0; i < 40; i++ {
		people := []string{"Bo Chen"}
		if i%3 == 0 {
			people = []string{"Ann Lee", "Bo Chen"}
		}
		d.Rest = append(d.Rest, &Item{DigestItem: item(fmt.Sprint(i), "2026-02-27", "day", "2026-02-27", "2026-02-27", long, people, nil, false, 0, 0), Sources: 1})
	}
	d.More = 40
	m := Render(d)
	if n := utf8.RuneCountInString(m.Description); n > MaxDescription {
		t.Fatalf("description %d runes", n)
	}
	if m.Len() > MaxTotal || utf8.RuneCountInString(m.Title) > MaxTitle {
		t.Fatalf("total %d, title %q", m.Len(), m.Title)
	}
	lines := strings.Split(m.Description, "\n")
	last := lines[len(lines)-1]
	shown := len(lines) - 1
	if want := fmt.Sprintf("…and %d more: /timeline topic:Bo Chen from:2026-02-27", 100-shown); last != want {
		t.Fatalf("last line %q, want %q", last, want)
	}
	for _, l := range lines[:shown] {
		if utf8.RuneCountInString(l) > maxLine || !strings.HasPrefix(l, "**1 Mar 2026** · Ann Lee") || !strings.HasSuffix(l, "— T") {
			t.Fatalf("line %q", l)
		}
	}
	if !strings.Contains(m.Footer, "ref bdxyz") {
		t.Fatalf("footer %q", m.Footer)
	}
}

func TestLine(t *testing.T) {
	q := &Item{DigestItem: &store.DigestItem{Kind: "quote", Date: "2026-03-02", Text: "We stand\nwith Ukraine.", Speaker: "Mark Rutte",
		Source: store.SourceRef{Name: "a", Title: "NATO [live]", URL: "https://x.example/a"}}, Sources: 3}
	if got, want := Line(q), "**2 Mar 2026** · Mark Rutte: “We stand with Ukraine.” — [NATO (live)](https://x.example/a) · 3 sources"; got != want {
		t.Errorf("Line = %q\nwant %q", got, want)
	}
}

func TestNonce(t *testing.T) {
	due := ts(t, "2026-03-02T07:00:00Z")
	n := Nonce("c1", due, []string{"a", "b"})
	if len(n) > MaxNonce || n != Nonce("c1", due, []string{"a", "b"}) {
		t.Fatalf("nonce %q", n)
	}
	for _, other := range []string{Nonce("c2", due, []string{"a", "b"}), Nonce("c1", due.Add(time.Second), []string{"a", "b"}), Nonce("c1", due, []string{"a"})} {
		if other == n {
			t.Errorf("nonce collision %q", n)
		}
	}
}

func TestPreviewAndCommand(t *testing.T) {
	ctx := context.Background()
	clk := &testClock{t: ts(t, "2026-03-02T05:00:00Z")}
	db := mustOpenDB(t, clk)
	mustSchedule(t, db, "c1", "08:00", "Europe/Amsterdam", "mon-fri", false)
	mustLoad(t, db, article("a", "2026-03-02", sent{Text: "Ann Lee won the vote on Monday.", Date: "2026-03-02", People: []string{"Ann Lee"}}))
	clk.Set(ts(t, "2026-03-02T06:00:00Z"))
	d, err := Preview(ctx, db, "c1", time.Time{}, clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !d.Due.Equal(ts(t, "2026-03-02T07:00:00Z")) || len(d.Items) != 1 {
		t.Fatalf("preview: due %v, %d items", d.Due, len(d.Items))
	}
	// The preview is what gets posted.
	ch := newMemChannel(clk)
	r := newRunner(db, ch, clk)
	clk.Set(d.Due)
	mustRun(t, r, "c1", d.Due)
	if got := ch.sent("c1")[0].msg; got.Description != d.Message.Description || got.Title != d.Message.Title {
		t.Fatalf("posted %+v\npreviewed %+v", got, d.Message)
	}
	// Now there is nothing new for c1.
	var out bytes.Buffer
	if err := Command(ctx, db, []string{"--channel", "c1"}, &out, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Nothing new since") {
		t.Fatalf("after posting:\n%s", out.String())
	}
	out.Reset()
	if err := Command(ctx, db, []string{"--since", "2026-03-01"}, &out, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "**2 Mar 2026** · Ann Lee won the vote on Monday.") {
		t.Fatalf("--since:\n%s", out.String())
	}
	for _, bad := range [][]string{{"--since", "yesterday"}, {"--bogus"}, {"extra"}} {
		if err := Command(ctx, db, bad, &out, clk.Now()); err == nil {
			t.Errorf("Command(%q): no error", bad)
		}
	}
}

func TestPublishedFrom(t *testing.T) {
	due := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	if got := PublishedFrom(time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC), due); got != "2026-03-08" {
		t.Errorf("after a digest: %s", got)
	}
	if got := PublishedFrom(time.Time{}, due); got != "2026-03-02" {
		t.Errorf("first digest: %s", got)
	}
}

func TestLineDisputed(t *testing.T) {
	it := &Item{DigestItem: &store.DigestItem{Kind: "event", Date: "2026-04-14", Text: "Hollinsford Water was fined.", Disputed: true,
		Source: store.SourceRef{Name: "a", Title: "Fined"}}, Sources: 2}
	if got, want := Line(it), "**14 Apr 2026** · Hollinsford Water was fined. — Fined · 2 sources · sources differ (/conflicts)"; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}
