package bot

import (
	"context"
	"sync"
	"time"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

// reply is the response to one interaction. Discord takes exactly one
// callback per interaction, within 3 s; a deferred callback is followed by
// edits of the original response. reply serialises the progress edits of a
// slow handler with the final answer so an old progress line never
// overwrites it.
type reply struct {
	b      *Bot
	i      *discordgo.Interaction
	update bool // the answer replaces the message a button is on

	mu           sync.Mutex
	acked        bool // a callback was accepted
	deferred     bool // ... and it was a deferral
	done         bool
	lastProgress time.Time
}

func newReply(b *Bot, i *discordgo.Interaction, update bool) *reply {
	return &reply{b: b, i: i, update: update}
}

// deferResponse acknowledges the interaction without an answer yet.
func (r *reply) deferResponse(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.acked || r.done {
		return
	}
	typ := discordgo.InteractionResponseDeferredChannelMessageWithSource
	if r.update {
		typ = discordgo.InteractionResponseDeferredMessageUpdate
	}
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: typ}, discordgo.WithContext(ctx))
	if err != nil {
		r.b.log.Error("defer response", "id", r.i.ID, "err", r.b.redactErr(err))
		return
	}
	r.acked, r.deferred = true, true
}

// progress shows a slow handler's progress in the deferred response, at
// most once per ProgressEvery; dropped lines are superseded by later ones.
func (r *reply) progress(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.deferred || r.done || r.update {
		return
	}
	every := time.Duration(r.b.cfg.ProgressEvery)
	if !r.lastProgress.IsZero() && time.Since(r.lastProgress) < every {
		return
	}
	r.lastProgress = time.Now()
	content := truncate("⏳ "+oneLine(msg), maxContent)
	_, err := r.b.s.InteractionResponseEdit(r.i, &discordgo.WebhookEdit{
		Content:         &content,
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(r.b.baseCtx))
	if err != nil {
		r.b.log.Warn("progress edit", "id", r.i.ID, "err", r.b.redactErr(err))
	}
}

// finish sends the answer. req, when known, lets page buttons rebuild
// the request.
func (r *reply) finish(ctx context.Context, resp *commands.Response, req *commands.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done {
		return
	}
	r.done = true
	embeds := []*discordgo.MessageEmbed{renderEmbed(resp)}
	// Ephemeral answers keep their buttons: a confirmation is shown only
	// to the admin who asked, and pressing it checks permissions again.
	components := r.b.renderComponents(req, resp)
	var flags discordgo.MessageFlags
	if resp.Ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	opt := discordgo.WithContext(ctx)
	var err error
	switch {
	case !r.acked:
		typ := discordgo.InteractionResponseChannelMessageWithSource
		if r.update && !resp.Ephemeral {
			typ = discordgo.InteractionResponseUpdateMessage
		}
		err = r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{
			Type: typ,
			Data: &discordgo.InteractionResponseData{
				Embeds:          embeds,
				Components:      components,
				AllowedMentions: noMentions(),
				Flags:           flags,
			},
		}, opt)
	case resp.Ephemeral:
		// The deferral was public (or was on someone's message): drop the
		// "thinking" placeholder and answer only the caller.
		if !r.update {
			if derr := r.b.s.InteractionResponseDelete(r.i, opt); derr != nil {
				r.b.log.Warn("delete deferred response", "id", r.i.ID, "err", r.b.redactErr(derr))
			}
		}
		_, err = r.b.s.FollowupMessageCreate(r.i, true, &discordgo.WebhookParams{
			Embeds:          embeds,
			Components:      components,
			AllowedMentions: noMentions(),
			Flags:           flags,
		}, opt)
	default:
		empty := ""
		_, err = r.b.s.InteractionResponseEdit(r.i, &discordgo.WebhookEdit{
			Content:         &empty,
			Embeds:          &embeds,
			Components:      &components,
			AllowedMentions: noMentions(),
		}, opt)
	}
	if err != nil {
		r.b.log.Error("send response", "id", r.i.ID, "err", r.b.redactErr(err))
	}
}
