package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"briefbot/digest"
)

// DigestColor is the colour of digest embeds.
const DigestColor = 0x2b6cb0

// DigestRecent is how many of a channel's latest messages FindPosted
// looks through for a digest it may already have posted.
const DigestRecent = 50

// DigestPoster posts digests to Discord channels as one embed, with no
// mentions allowed. It implements digest.Poster.
//
// Exactly once: every post carries the run's nonce with enforce_nonce, so
// a retry after a timeout gets the message Discord already created
// instead of a second one. Discord only remembers nonces for a few
// minutes, so after a longer outage the runner first calls FindPosted,
// which looks for the run's ref in the footers of the channel's recent
// messages (Discord does not return nonces when listing messages).
type DigestPoster struct {
	Session *discordgo.Session
}

var _ digest.Poster = (*DigestPoster)(nil)

// digestMessage is POST /channels/{id}/messages with the fields discordgo's
// MessageSend lacks.
type digestMessage struct {
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
}

// DigestEmbed renders a digest message as a Discord embed.
func DigestEmbed(m *digest.Message) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       m.Title,
		Description: m.Description,
		Color:       DigestColor,
	}
	if m.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: m.Footer}
	}
	return e
}

// Post sends msg to the channel with nonce and returns the message id. A
// 403 or 404 (no access, no permission, unknown channel) is returned
// wrapping digest.ErrUnavailable.
func (p *DigestPoster) Post(ctx context.Context, channelID string, msg *digest.Message, nonce string) (string, error) {
	if len(nonce) > digest.MaxNonce {
		return "", fmt.Errorf("post digest: nonce %q longer than %d", nonce, digest.MaxNonce)
	}
	body := digestMessage{
		Embeds:          []*discordgo.MessageEmbed{DigestEmbed(msg)},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Nonce:           nonce,
		EnforceNonce:    nonce != "",
	}
	uri := discordgo.EndpointChannelMessages(channelID)
	resp, err := p.Session.RequestWithBucketID("POST", uri, body, discordgo.EndpointChannelMessages(channelID), discordgo.WithContext(ctx))
	if err != nil {
		return "", digestError(err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(resp, &m); err != nil || m.ID == "" {
		return "", fmt.Errorf("post digest: unexpected answer: %.200s", resp)
	}
	return m.ID, nil
}

// FindPosted looks through the channel's latest messages for a digest
// whose footer carries ref.
func (p *DigestPoster) FindPosted(ctx context.Context, channelID, ref string) (string, error) {
	if ref == "" {
		return "", nil
	}
	msgs, err := p.Session.ChannelMessages(channelID, DigestRecent, "", "", "", discordgo.WithContext(ctx))
	if err != nil {
		return "", digestError(err)
	}
	own := ""
	if p.Session.State != nil && p.Session.State.User != nil {
		own = p.Session.State.User.ID
	}
	for _, m := range msgs {
		if own != "" && m.Author != nil && m.Author.ID != own {
			continue
		}
		for _, e := range m.Embeds {
			if e.Footer != nil && strings.Contains(e.Footer.Text, "ref "+ref) {
				return m.ID, nil
			}
		}
	}
	return "", nil
}

// digestError marks the errors retrying cannot fix: the channel is gone,
// or the bot may not see or post to it.
func digestError(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		status := re.Response.StatusCode
		reason := http.StatusText(status)
		if re.Message != nil && re.Message.Message != "" {
			reason = re.Message.Message
		}
		code := 0
		if re.Message != nil {
			code = re.Message.Code
		}
		switch {
		case status == http.StatusForbidden, status == http.StatusNotFound,
			code == discordgo.ErrCodeMissingAccess, code == discordgo.ErrCodeMissingPermissions, code == discordgo.ErrCodeUnknownChannel:
			return fmt.Errorf("%w: %d %s", digest.ErrUnavailable, status, reason)
		}
		return fmt.Errorf("discord: %d %s", status, reason)
	}
	return fmt.Errorf("discord: %w", err)
}

// DigestPoster returns a poster that sends digests through b's session.
func (b *Bot) DigestPoster() *DigestPoster { return &DigestPoster{Session: b.s} }
