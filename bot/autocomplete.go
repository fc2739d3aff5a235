package bot

import (
	"context"
	"time"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

// autocompleteBudget leaves room within Discord's 3 s for the callback.
const autocompleteBudget = 2 * time.Second

// autocompleteResponse is sent by hand because discordgo omits an empty
// choices list, which Discord needs to show "no results".
type autocompleteResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

func (b *Bot) handleAutocomplete(ctx context.Context, i *discordgo.Interaction) {
	path, opts, focused := commandRequest(i.ApplicationCommandData())
	req := b.newRequest(i, path, opts)
	var choices []commands.Choice
	_, admin, _, ok := b.lookup(path)
	if ok && focused != "" && (!admin || req.Caller.Admin) {
		actx, cancel := context.WithTimeout(ctx, autocompleteBudget)
		var err error
		choices, err = b.cmds.Autocomplete(actx, req, focused, opts[focused])
		cancel()
		if err != nil {
			b.log.Warn("autocomplete", "command", path, "option", focused, "err", err)
			choices = nil
		}
	}
	var resp autocompleteResponse
	resp.Type = discordgo.InteractionApplicationCommandAutocompleteResult
	resp.Data.Choices = toChoices(choices)
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	if _, err := b.s.RequestWithBucketID("POST", endpoint, resp, endpoint, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("autocomplete response", "id", i.ID, "err", b.redactErr(err))
	}
}
