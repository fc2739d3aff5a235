package digest

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"briefbot/extract"
	"briefbot/store"
)

// Discord's embed limits, which every transport can live with.
const (
	MaxTitle       = 256
	MaxDescription = 4096
	MaxFooter      = 2048
	MaxTotal       = 6000
	// MaxNonce is the longest nonce Discord accepts.
	MaxNonce = 25
)

// LoadSlack widens the window of sources a digest looks at to those
// loaded a little before its watermark. A source's load time is when its
// load began, and a load that began before the previous digest's cut but
// committed after that digest read the database would otherwise fall
// between two digests. What the previous digest covered is remembered by
// content key, so the overlap repeats nothing.
const LoadSlack = 10 * time.Minute

// DefaultMaxItems is how many developments a digest lists; the rest are
// counted.
const DefaultMaxItems = 10

// maxLine bounds one development's line so that a long sentence cannot
// crowd out the others.
const maxLine = 360

// Message is a rendered digest: one embed's title, description and
// footer. Transports send it as they like, with no mentions allowed.
type Message struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Footer      string `json:"footer,omitempty"`
	// Ref identifies the digest run in the footer, so that the poster can
	// recognise its own message among a channel's recent ones.
	Ref string `json:"ref,omitempty"`
}

// Len returns the message's size as Discord counts it toward the 6000
// characters of an embed.
func (m *Message) Len() int {
	return utf8.RuneCountInString(m.Title) + utf8.RuneCountInString(m.Description) + utf8.RuneCountInString(m.Footer)
}

// Text renders the message as plain text for the command line.
func (m *Message) Text() string {
	var b strings.Builder
	b.WriteString(m.Title)
	b.WriteString("\n\n")
	b.WriteString(m.Description)
	if m.Footer != "" {
		b.WriteString("\n\n")
		b.WriteString(m.Footer)
	}
	b.WriteString("\n")
	return b.String()
}

// Item is one development of a digest: a store candidate with its score.
type Item struct {
	*store.DigestItem
	// Sources counts the sources reporting the development: its own, the
	// other sources the store found, and the candidates merged into it.
	Sources int
	Score   float64
	// Keys are the content keys of the item and of the candidates merged
	// into it.
	Keys []string
}

// Digest is what a channel's next digest holds, before or after posting.
type Digest struct {
	ChannelID string
	// Due is the time the digest is for; Since and Cut bound the load
	// times of the sources it draws on.
	Due, Since, Cut time.Time
	Loc             *time.Location
	// Items are the developments shown, best first; More counts those
	// that did not fit, and Rest holds them.
	Items []*Item
	More  int
	Rest  []*Item
	// Keys are the content keys of every development covered, shown or
	// counted: none of them is offered to the channel again.
	Keys    []string
	Nonce   string
	Message *Message
}

// Empty reports whether the digest has nothing new.
func (d *Digest) Empty() bool { return len(d.Items) == 0 && d.More == 0 }

// Options tune how a digest is built.
type Options struct {
	// MaxItems is how many developments are listed (DefaultMaxItems when
	// zero).
	MaxItems int
	// PostEmpty renders a one-line "nothing new" message for an empty
	// digest; otherwise an empty digest has no message.
	PostEmpty bool
	// Guild names the view the digest reads (see store.Visible): the
	// global sources and that guild's own; "" for the global ones only.
	Guild string
}

// ItemFinder is the store query a digest is built from.
type ItemFinder interface {
	FindDigestItems(ctx context.Context, f store.DigestItemFilter) ([]*store.DigestItem, error)
}

var _ ItemFinder = (*store.DB)(nil)

// Build makes the digest of channelID due at due from the sources loaded
// since since (up to now, the cut). loc is the schedule's time zone, in
// which dates are shown and recency is measured.
func Build(ctx context.Context, db ItemFinder, channelID string, since, due, now time.Time, loc *time.Location, opt Options) (*Digest, error) {
	if loc == nil {
		loc = time.UTC
	}
	cands, err := db.FindDigestItems(ctx, store.DigestItemFilter{ChannelID: channelID, Since: since.Add(-LoadSlack), Published: PublishedFrom(since, due), Guild: opt.Guild})
	if err != nil {
		return nil, fmt.Errorf("build digest: %w", err)
	}
	d := &Digest{ChannelID: channelID, Due: due, Since: since, Cut: now.UTC().Truncate(time.Second), Loc: loc}
	items := Rank(cands, due.In(loc))
	max := opt.MaxItems
	if max <= 0 {
		max = DefaultMaxItems
	}
	for _, it := range items {
		d.Keys = append(d.Keys, it.Keys...)
	}
	if len(items) > max {
		d.Items, d.Rest, d.More = items[:max], items[max:], len(items)-max
	} else {
		d.Items = items
	}
	d.Nonce = Nonce(channelID, due, d.Keys)
	if !d.Empty() || opt.PostEmpty {
		d.Message = Render(d)
	}
	return d, nil
}

// PublishedFrom is the first publication day a digest due at due, for
// sources loaded since since, takes news from: the day before since (a
// day of slack for time zones and late stamps), or when there is no
// earlier digest, the week before due. An article published long before
// and loaded today is not today's news.
func PublishedFrom(since, due time.Time) string {
	from := since
	if from.IsZero() {
		from = due.AddDate(0, 0, -7)
	}
	return from.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
}

// Rank merges candidates that report the same development and orders
// them by score, best first. The score is deterministic and the same
// formula store.Score documents:
//
//	score = 4·recency + 2·min(sources−1, 3) + min(participants, 4) + 2·quoted + lead
//	recency = 1 / (1 + days/7)
//
// days is the distance from the digest's day (in the schedule's time zone)
// to the nearest day of the development's date, plus half the length of
// the date's range, so "22 Oct" a day ago counts as recent and "2025" as
// vague; sources counts the sources reporting it (an event of the same
// date with a person or organisation in common, loaded at any time, and
// candidates merged into it); participants the known people and
// organisations taking part; quoted is 1 when its sentence carries a
// quote (or it is one); lead is 1 when it is in its article's first three
// sentences. Candidates with the same date and the same two or more
// participants are one development, listed once with its best line. Ties
// go to the later date, then the source name, then the position in the
// article.
func Rank(cands []*store.DigestItem, day time.Time) []*Item {
	type group struct {
		best    *Item
		keys    []string
		sources map[int64]bool
	}
	var order []*group
	groups := map[string]*group{}
	for _, c := range cands {
		it := &Item{DigestItem: c}
		it.Score = score(c, c.OtherSources+1, day)
		k := ""
		if c.HappeningKey != "" {
			// Reports of one merged event are one development.
			k = c.HappeningKey
		} else if parts := len(c.People) + len(c.Orgs); parts >= 2 {
			names := append(append([]string(nil), c.People...), c.Orgs...)
			sort.Strings(names)
			k = c.Date + "\x00" + strings.Join(names, "\x00")
		}
		g := groups[k]
		if k == "" || g == nil {
			g = &group{best: it, sources: map[int64]bool{}}
			order = append(order, g)
			if k != "" {
				groups[k] = g
			}
		} else if better(it, g.best) {
			g.best = it
		}
		g.keys = append(g.keys, c.Key)
		if c.HappeningKey != "" && !slices.Contains(g.keys, c.HappeningKey) {
			g.keys = append(g.keys, c.HappeningKey)
		}
		g.sources[c.Source.ID] = true
	}
	out := make([]*Item, 0, len(order))
	for _, g := range order {
		it := g.best
		it.Keys = g.keys
		// Merged candidates from other new sources may not be counted yet
		// by the store (it counts sources sharing one participant, which
		// includes them); never count fewer than were merged.
		it.Sources = max(it.OtherSources+1, len(g.sources), it.DigestItem.Sources)
		it.Score = score(it.DigestItem, it.Sources, day)
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool { return better(out[i], out[j]) })
	return out
}

func better(a, b *Item) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.SortStart != b.SortStart {
		return a.SortStart > b.SortStart
	}
	if a.Source.Name != b.Source.Name {
		return a.Source.Name < b.Source.Name
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.Key < b.Key
}

func score(c *store.DigestItem, sources int, day time.Time) float64 {
	quoted := c.HasQuote || c.Kind == "quote"
	lead := c.SentIndex >= 0 && c.SentIndex < 3
	return store.Score(c.SortStart, c.SortEnd, day, sources, len(c.People)+len(c.Orgs), quoted, lead)
}

// Nonce derives the nonce a digest is posted with from what identifies
// it: the channel, the due time and the content keys. A retry of the same
// run sends the same nonce, so Discord (with enforce_nonce) returns the
// message it already created instead of creating a second one.
func Nonce(channelID string, due time.Time, keys []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", channelID, due.UTC().Format(time.RFC3339Nano))
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	enc := base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString(h.Sum(nil))
	return strings.ToLower("bd" + enc[:MaxNonce-2])
}

// Render turns a digest into its message, within Discord's embed limits:
// the best developments that fit, the rest counted with a pointer to
// /timeline, and a footer naming the run so the message can be found
// again after a crash.
func Render(d *Digest) *Message {
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	m := &Message{Ref: d.Nonce}
	since := "yesterday"
	if !d.Since.IsZero() {
		layout := "Mon 2 Jan 15:04"
		if d.Since.In(loc).Year() != d.Due.In(loc).Year() {
			layout = "Mon 2 Jan 2006 15:04"
		}
		since = d.Since.In(loc).Format(layout)
	}
	m.Title = truncate("Key developments since "+since, MaxTitle)
	m.Footer = truncate(fmt.Sprintf("briefbot digest · %s %s · ref %s", d.Due.In(loc).Format("Mon 2 Jan 2006 15:04"), loc.String(), d.Nonce), 200)
	if d.Empty() {
		m.Description = "Nothing new since " + since + "."
		return m
	}
	more := func(rest []*Item, n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprintf("…and %d more: %s", n, timelineHint(rest))
	}
	var lines []string
	size := 0
	shown := 0
	for i, it := range d.Items {
		line := Line(it)
		rest := len(d.Items) - i - 1 + d.More
		restItems := append(append([]*Item(nil), d.Items[i:]...), d.Rest...)
		// Leave room for the count of what is left. The title and footer
		// are short, so the description bounds the total too.
		if size+utf8.RuneCountInString(line)+1+utf8.RuneCountInString(more(restItems, rest+1)) > MaxDescription {
			break
		}
		lines = append(lines, line)
		size += utf8.RuneCountInString(line) + 1
		shown++
	}
	if rest := len(d.Items) - shown + d.More; rest > 0 {
		lines = append(lines, more(append(append([]*Item(nil), d.Items[shown:]...), d.Rest...), rest))
	}
	m.Description = strings.Join(lines, "\n")
	return m
}

// timelineHint points to the developments a digest had no room for: the
// /timeline of the person or organisation most of them involve, from the
// earliest of their dates.
func timelineHint(rest []*Item) string {
	count := map[string]int{}
	from := ""
	for _, it := range rest {
		for _, n := range append(append([]string(nil), it.People...), it.Orgs...) {
			count[n]++
		}
		if it.SortStart != "" && (from == "" || it.SortStart < from) {
			from = it.SortStart
		}
	}
	top := ""
	for n, c := range count {
		if top == "" || c > count[top] || c == count[top] && n < top {
			top = n
		}
	}
	if top == "" {
		return "see /timeline"
	}
	hint := "/timeline topic:" + top
	if from != "" {
		hint += " from:" + from
	}
	return hint
}

// Line renders one development: its date at its precision, the
// development in one sentence, and its source.
func Line(it *Item) string {
	text := oneLine(it.Text)
	if it.Kind == "quote" {
		text = "“" + strings.Trim(text, "\"“”") + "”"
		if it.Speaker != "" {
			text = it.Speaker + ": " + text
		}
	}
	src := it.Source.Title
	if src == "" {
		src = it.Source.Name
	}
	src = strings.NewReplacer("[", "(", "]", ")").Replace(oneLine(src))
	src = truncate(src, 80)
	if it.Source.URL != "" && !strings.ContainsAny(it.Source.URL, " ()") {
		src = "[" + src + "](" + it.Source.URL + ")"
	}
	if it.Sources > 1 {
		src += fmt.Sprintf(" · %d sources", it.Sources)
	}
	if it.Disputed {
		src += " · sources differ (/conflicts)"
	}
	head := "**" + extract.FormatDate(it.Date, "") + "** · "
	tail := " — " + src
	room := maxLine - utf8.RuneCountInString(head) - utf8.RuneCountInString(tail)
	return head + truncate(text, max(room, 40)) + tail
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// encodeMessage and decodeMessage store a message in a run.
func encodeMessage(m *Message) string {
	if m == nil {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func decodeMessage(s string) (*Message, error) {
	if s == "" {
		return nil, errors.New("run has no content")
	}
	var m Message
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("decode digest: %w", err)
	}
	return &m, nil
}
