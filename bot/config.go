package bot

import (
	"briefbot/internal/suggest"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// TokenEnv is the environment variable the bot token is read from. The
// token is never read from a file, so it cannot be committed by accident.
const TokenEnv = "DISCORD_TOKEN"

// DefaultAPIBase is where the REST API and the gateway are reached unless
// the configuration routes them through a proxy.
const DefaultAPIBase = "https://discord.com"

// ErrNoToken is returned when DISCORD_TOKEN is not set.
var ErrNoToken = errors.New("discord token missing: set " + TokenEnv +
	" to the bot token from the Discord developer portal (export " + TokenEnv +
	"=...), or use `briefbot ask` to query the fact base offline")

// Config configures the bot. It is the "discord" object of the briefbot
// configuration file; Token never comes from the file.
type Config struct {
	// Token is the bot token, without the "Bot " prefix. DecodeConfig
	// fills it from DISCORD_TOKEN.
	Token string `json:"-"`

	// APIBase is the scheme and host (and optional path prefix) through
	// which every REST call and the gateway connection go: Discord itself,
	// or a shared rate-limit proxy such as nirn-proxy.
	APIBase string `json:"api_base,omitempty"`

	// GuildIDs are the guilds commands are registered to. Guild commands
	// update instantly; with none the commands are registered globally.
	GuildIDs []string `json:"guild_ids,omitempty"`

	// AdminUserIDs and AdminRoleIDs may run admin commands even without the
	// Manage Server permission.
	AdminUserIDs []string `json:"admin_user_ids,omitempty"`
	AdminRoleIDs []string `json:"admin_role_ids,omitempty"`

	// AllowPrivateURLs lets admins add sources whose address resolves to
	// loopback, private, link-local or metadata ranges. Off by default so a
	// Discord admin cannot make the bot probe the host's network. The
	// top-level allow_private_urls key applies to every loader, this one
	// included; this key is kept for older configs.
	AllowPrivateURLs bool `json:"allow_private_urls,omitempty"`

	// MaxSourceBytes and SourceTimeout bound a URL added from Discord.
	MaxSourceBytes int64    `json:"max_source_bytes,omitempty"`
	SourceTimeout  Duration `json:"source_timeout,omitempty"`

	// DeferAfter is how long a command that is not marked slow may run
	// before the bot defers its response; Discord allows 3 s in total.
	DeferAfter Duration `json:"defer_after,omitempty"`

	// ProgressEvery throttles the edits that show a slow command's progress.
	ProgressEvery Duration `json:"progress_every,omitempty"`
}

// Duration is a time.Duration written as a string such as "10s" in JSON.
type Duration time.Duration

// UnmarshalJSON accepts "10s" style strings and plain numbers of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q: %w", s, err)
		}
		*d = Duration(v)
		return nil
	}
	var secs float64
	if err := json.Unmarshal(b, &secs); err != nil {
		return fmt.Errorf("duration: want a string like \"10s\" or seconds, got %s", b)
	}
	*d = Duration(secs * float64(time.Second))
	return nil
}

// MarshalJSON writes the duration as a string such as "10s".
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// DecodeConfig decodes the "discord" object of the configuration file (raw
// may be empty) and takes the token from the environment. A missing token
// is not an error here: Validate reports it, so `briefbot ask` can share
// the configuration.
func DecodeConfig(raw json.RawMessage) (Config, error) {
	var c Config
	if len(bytes.TrimSpace(raw)) > 0 && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return Config{}, fmt.Errorf("discord config: %w", suggest.UnknownKey(err, &c))
		}
	}
	c.Token = strings.TrimSpace(os.Getenv(TokenEnv))
	return c, nil
}

// withDefaults fills in defaults for unset fields.
func (c Config) withDefaults() Config {
	if c.APIBase == "" {
		c.APIBase = DefaultAPIBase
	}
	if c.MaxSourceBytes <= 0 {
		c.MaxSourceBytes = 10 << 20
	}
	if c.SourceTimeout <= 0 {
		c.SourceTimeout = Duration(20 * time.Second)
	}
	if c.DeferAfter <= 0 {
		c.DeferAfter = Duration(1500 * time.Millisecond)
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = Duration(time.Second)
	}
	return c
}

// Validate reports a missing token or a malformed API base.
func (c Config) Validate() error {
	if strings.TrimSpace(c.Token) == "" {
		return ErrNoToken
	}
	if _, err := parseAPIBase(c.withDefaults().APIBase); err != nil {
		return err
	}
	return nil
}

func parseAPIBase(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(s, "/"))
	if err != nil {
		return nil, fmt.Errorf("discord api_base: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord api_base %q: want http(s)://host[:port][/prefix]", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("discord api_base %q: no query or fragment allowed", s)
	}
	return u, nil
}

// isAdmin says whether the configuration lists the user or one of the roles
// as an admin.
func (c Config) isAdmin(userID string, roleIDs []string) bool {
	for _, id := range c.AdminUserIDs {
		if id != "" && id == userID {
			return true
		}
	}
	for _, id := range c.AdminRoleIDs {
		for _, r := range roleIDs {
			if id != "" && id == r {
				return true
			}
		}
	}
	return false
}

// SourceLimits returns the bounds on URLs that admins add from Discord,
// for the source loader that fetches them: whether private addresses
// are allowed, and the size and time caps.
func (c Config) SourceLimits() (allowPrivate bool, maxBytes int64, timeout time.Duration) {
	c = c.withDefaults()
	return c.AllowPrivateURLs, c.MaxSourceBytes, time.Duration(c.SourceTimeout)
}
