package bot

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Component custom_ids carry everything needed to rebuild the response a
// button leads to, so buttons keep working after a restart:
//
//	p:<page>:<command>?<options>   a page of a paged response
//	b:0:<command>?<options>        a button such as a confirmation
//
// <command> is the command path with spaces written as dots ("admin.source.
// remove") and <options> is the URL-encoded option map in sorted order.
// Discord allows 100 characters; a longer id is replaced by
//
//	h<kind>:<page>:<key>
//
// where key is a hash of the command and options, which are saved in the
// ComponentStore under that key. With a persistent store those buttons
// survive restarts too; the in-memory default forgets them.
const maxCustomID = 100

const (
	kindPage   = 'p'
	kindButton = 'b'
)

// ComponentStore keeps the command behind a hashed custom_id. *store.DB
// implements it (table bot_components); Component returns an error for an
// unknown or expired key, and the button then asks to run the command again.
type ComponentStore interface {
	PutComponent(ctx context.Context, key, value string) error
	Component(ctx context.Context, key string) (string, error)
}

// ErrComponentNotFound is returned by the in-memory ComponentStore for an
// unknown key.
var ErrComponentNotFound = errors.New("component not found")

// memoryComponents is the default ComponentStore.
type memoryComponents struct {
	mu sync.Mutex
	m  map[string]string
}

// PutComponent saves value under key.
func (s *memoryComponents) PutComponent(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[key] = value
	return nil
}

// Component returns the value under key.
func (s *memoryComponents) Component(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if !ok {
		return "", ErrComponentNotFound
	}
	return v, nil
}

// encodeCommand writes a command path and options as "path?query".
func encodeCommand(command string, opts map[string]string) string {
	path := strings.Join(strings.Fields(command), ".")
	if len(opts) == 0 {
		return path
	}
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(opts[k]))
	}
	return path + "?" + b.String()
}

// decodeCommand reverses encodeCommand.
func decodeCommand(s string) (string, map[string]string, error) {
	path, query, _ := strings.Cut(s, "?")
	if path == "" {
		return "", nil, errors.New("empty command")
	}
	command := strings.ReplaceAll(path, ".", " ")
	opts := map[string]string{}
	if query != "" {
		v, err := url.ParseQuery(query)
		if err != nil {
			return "", nil, fmt.Errorf("options: %w", err)
		}
		for k, vs := range v {
			if len(vs) > 0 {
				opts[k] = vs[0]
			}
		}
	}
	return command, opts, nil
}

// componentID builds the custom_id for a button.
func (b *Bot) componentID(kind byte, page int, command string, opts map[string]string) (string, error) {
	enc := encodeCommand(command, opts)
	id := string(kind) + ":" + strconv.Itoa(page) + ":" + enc
	if len(id) <= maxCustomID {
		return id, nil
	}
	sum := sha256.Sum256([]byte(enc))
	key := base64.RawURLEncoding.EncodeToString(sum[:18])
	if err := b.components.PutComponent(b.baseCtx, key, enc); err != nil {
		return "", fmt.Errorf("save component: %w", err)
	}
	return "h" + string(kind) + ":" + strconv.Itoa(page) + ":" + key, nil
}

// parsedComponent is a decoded custom_id.
type parsedComponent struct {
	kind    byte
	page    int
	command string
	options map[string]string
}

// parseComponentID decodes a custom_id built by componentID.
func (b *Bot) parseComponentID(ctx context.Context, id string) (parsedComponent, error) {
	var p parsedComponent
	parts := strings.SplitN(id, ":", 3)
	if len(parts) != 3 {
		return p, fmt.Errorf("custom_id %q: malformed", id)
	}
	kind, pageStr, rest := parts[0], parts[1], parts[2]
	page, err := strconv.Atoi(pageStr)
	if err != nil || page < 0 {
		return p, fmt.Errorf("custom_id %q: bad page", id)
	}
	p.page = page
	switch kind {
	case "p", "b":
		p.kind = kind[0]
	case "hp", "hb":
		p.kind = kind[1]
		v, err := b.components.Component(ctx, rest)
		if err != nil {
			return p, fmt.Errorf("custom_id %q: %w", id, err)
		}
		rest = v
	default:
		return p, fmt.Errorf("custom_id %q: unknown kind", id)
	}
	p.command, p.options, err = decodeCommand(rest)
	if err != nil {
		return p, fmt.Errorf("custom_id %q: %w", id, err)
	}
	return p, nil
}
