package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// fullContentChars is the summary length from which an item's description
// is taken as the article itself rather than a teaser worth following.
const fullContentChars = 1500

// loadFeed turns each feed item into an Article. Items with only a short
// summary have their page fetched and extracted; when that fails the
// summary is kept and Article.Note says why. Items skip accepts are left
// out before anything is fetched for them.
func (l *Loader) loadFeed(ctx context.Context, c Config, d *document, skip func(string) bool) ([]Article, error) {
	body, err := decodeBOM(d.body)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 || (trimmed[0] != '<' && trimmed[0] != '{') {
		return nil, fmt.Errorf("not an RSS/Atom feed: content is not XML (starts with %q)", preview(trimmed))
	}
	feed, err := parseFeed(body)
	if err != nil {
		return nil, fmt.Errorf("not an RSS/Atom feed: %w", err)
	}
	if len(feed.Items) == 0 {
		return nil, errors.New("feed has no items")
	}
	items := feed.Items
	cut := ""
	if max := l.maxItems(); len(items) > max {
		l.logger().Warn("feed truncated", "source", c.Name, "items", len(items), "kept", max)
		cut = fmt.Sprintf("feed cut to its first %d of %d items", max, len(items))
		items = items[:max]
	}

	// Keys first: SkipItem must see the final Article.Source, and
	// duplicate GUIDs need stable suffixes.
	keys := make([]string, len(items))
	seen := make(map[string]int)
	for i, it := range items {
		k := itemKey(it)
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		keys[i] = c.Name + "/" + k
	}
	var kept []*gofeed.Item
	var keptKeys []string
	for i, it := range items {
		if skip != nil && skip(keys[i]) {
			continue
		}
		kept = append(kept, it)
		keptKeys = append(keptKeys, keys[i])
	}
	if len(kept) == 0 {
		return nil, nil
	}

	arts := make([]Article, len(kept))
	errs := make([]error, len(kept))
	sem := make(chan struct{}, l.itemConcurrency())
	var wg sync.WaitGroup
	for i, it := range kept {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			arts[i], errs[i] = l.feedItem(ctx, d.url, it)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	out := make([]Article, 0, len(arts))
	for i, a := range arts {
		if errs[i] != nil {
			l.logger().Warn("skip feed item", "source", c.Name, "item", keptKeys[i], "err", errs[i])
			continue
		}
		a.Source = keptKeys[i]
		a.Location = c.Path
		if c.URL != "" {
			a.Location = Redact(c.URL)
		}
		out = append(out, a)
	}
	if cut != "" && len(out) > 0 {
		// Said once per load, on the first article, so the report of
		// the feed shows it without repeating it per item.
		out[0].Note = joinNotes(cut, out[0].Note)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("none of the feed's %d items has usable text: %w", len(arts), errors.Join(errs...))
	}
	return out, nil
}

// parseFeed runs gofeed, turning a panic on hostile input into an error.
func parseFeed(body []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("feed parser: panic: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(body))
}

// feedItem builds one Article from an item; Source and Location are set by
// the caller.
func (l *Loader) feedItem(ctx context.Context, base *url.URL, it *gofeed.Item) (Article, error) {
	a := Article{Title: htmlToText(it.Title)}
	link := resolveLink(base, it)
	a.URL = link
	if t := itemTime(it); !t.IsZero() {
		a.Published, a.PublishedNote = t, NoteFromFeed
	}

	content := htmlToText(it.Content)
	summary := htmlToText(it.Description)
	switch {
	case content != "":
		a.Text = content
	case len(summary) >= fullContentChars || link == "" || !isHTTP(link):
		a.Text = summary
		if link != "" && !isHTTP(link) && summary != "" && len(summary) < fullContentChars {
			a.Note = "feed summary only (item link is not http/https)"
		}
	default:
		p, err := l.itemPage(ctx, link)
		if err != nil {
			if ctx.Err() != nil {
				return a, ctx.Err()
			}
			l.logger().Warn("feed item page failed; using summary", "url", link, "err", err)
			a.Text = summary
			a.Note = "feed summary only (item page failed: " + err.Error() + ")"
			break
		}
		a.Text = p.text
		if a.Title == "" {
			a.Title = p.title
		}
		if a.Published.IsZero() && !p.published.IsZero() {
			a.Published, a.PublishedNote = p.published, NoteFromMetadata
		}
		if u, err := url.Parse(p.url); err == nil && p.url != "" {
			a.URL = u.String()
		}
	}
	if a.Text == "" {
		return a, fmt.Errorf("item %q has no text", firstNonEmpty(a.Title, link, it.GUID))
	}
	if a.Title == "" {
		a.Title = titleFromText(a.Text)
	}
	if a.Published.IsZero() {
		a.Published, a.PublishedNote = InferPublished(link, a.Text, l.now())
	}
	return a, nil
}

// itemPageResult is the extracted item page.
type itemPageResult struct {
	page
	url string
}

func (l *Loader) itemPage(ctx context.Context, link string) (itemPageResult, error) {
	d, err := l.fetch(ctx, link, nil)
	if err != nil {
		return itemPageResult{}, err
	}
	var r itemPageResult
	if d.url != nil {
		r.url = d.url.String()
	}
	switch d.kind {
	case kindHTML:
		p, err := extractHTML(d.body, d.charset)
		if err != nil {
			return r, err
		}
		r.page = p
	case kindText:
		text, err := decodeText(d.body)
		if err != nil {
			return r, err
		}
		r.text = text
	default:
		return r, fmt.Errorf("item page is a %s, not an article", d.kind)
	}
	return r, nil
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// resolveLink returns the item's absolute link; relative links are
// resolved against the feed's URL.
func resolveLink(base *url.URL, it *gofeed.Item) string {
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	if link == "" && isHTTP(it.GUID) {
		link = it.GUID
	}
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

func itemTime(it *gofeed.Item) time.Time {
	if it.PublishedParsed != nil {
		return *it.PublishedParsed
	}
	if it.UpdatedParsed != nil {
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// itemKey names an item stably across reloads: its GUID, else its link,
// else a hash of its title and text.
func itemKey(it *gofeed.Item) string {
	for _, s := range []string{it.GUID, it.Link} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Description + "\x00" + it.Content))
	return "sha256:" + hex.EncodeToString(h[:8])
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func preview(b []byte) string {
	s := string(b[:min(len(b), 20)])
	return strings.ToValidUTF8(s, "")
}

// joinNotes joins non-empty notes with "; ".
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}
