package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

// manageGuild is the permission admin commands are registered with.
var manageGuild int64 = discordgo.PermissionManageGuild

// applicationCommands converts command definitions to Discord's form.
func applicationCommands(defs []commands.Definition) ([]*discordgo.ApplicationCommand, error) {
	out := make([]*discordgo.ApplicationCommand, 0, len(defs))
	for _, d := range defs {
		ac := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        d.Name,
			Description: truncate(oneLine(d.Description), 100),
		}
		if ac.Description == "" {
			ac.Description = d.Name
		}
		if d.Admin {
			perm := manageGuild
			no := false
			ac.DefaultMemberPermissions = &perm
			ac.DMPermission = &no
		}
		opts, err := commandOptions(d, 0)
		if err != nil {
			return nil, fmt.Errorf("command %s: %w", d.Name, err)
		}
		ac.Options = opts
		out = append(out, ac)
	}
	return out, nil
}

// commandOptions converts a definition's options or subcommands; depth is
// 0 for a command, 1 for a subcommand (group), 2 for a grouped subcommand.
func commandOptions(d commands.Definition, depth int) ([]*discordgo.ApplicationCommandOption, error) {
	var out []*discordgo.ApplicationCommandOption
	if len(d.Subcommands) > 0 {
		if len(d.Options) > 0 {
			return nil, fmt.Errorf("%s has both options and subcommands", d.Name)
		}
		for _, sub := range d.Subcommands {
			o := &discordgo.ApplicationCommandOption{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        sub.Name,
				Description: truncate(oneLine(sub.Description), 100),
			}
			if o.Description == "" {
				o.Description = sub.Name
			}
			if len(sub.Subcommands) > 0 {
				if depth > 0 {
					return nil, fmt.Errorf("%s: subcommands nest at most two levels", sub.Name)
				}
				o.Type = discordgo.ApplicationCommandOptionSubCommandGroup
			}
			opts, err := commandOptions(sub, depth+1)
			if err != nil {
				return nil, err
			}
			o.Options = opts
			out = append(out, o)
		}
		return out, nil
	}
	for _, opt := range d.Options {
		o := &discordgo.ApplicationCommandOption{
			Name:         opt.Name,
			Description:  truncate(oneLine(opt.Description), 100),
			Required:     opt.Required,
			Autocomplete: opt.Autocomplete && len(opt.Choices) == 0,
			MaxLength:    opt.MaxLength,
		}
		if o.Description == "" {
			o.Description = opt.Name
		}
		switch opt.Type {
		case commands.String, "":
			o.Type = discordgo.ApplicationCommandOptionString
		case commands.Integer:
			o.Type = discordgo.ApplicationCommandOptionInteger
			o.MaxLength = 0
		case commands.Boolean:
			o.Type = discordgo.ApplicationCommandOptionBoolean
			o.MaxLength = 0
		case commands.Channel:
			o.Type = discordgo.ApplicationCommandOptionChannel
			o.MaxLength = 0
		default:
			return nil, fmt.Errorf("option %s: unknown type %q", opt.Name, opt.Type)
		}
		for i, c := range opt.Choices {
			if i == maxChoices {
				break
			}
			o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(c.Name, maxChoiceName), Value: c.Value})
		}
		out = append(out, o)
	}
	// Discord requires required options before optional ones.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Required && !out[j].Required })
	return out, nil
}

// registerCommands makes the registered command set equal to defs in every
// configured guild, or globally. An unchanged set is not written again:
// every overwrite counts against a daily limit and resets clients' caches.
func (b *Bot) registerCommands(ctx context.Context, appID string) error {
	want, err := applicationCommands(b.cmds.Definitions())
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	scopes := b.cfg.GuildIDs
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	for _, guild := range scopes {
		have, err := b.s.ApplicationCommands(appID, guild, discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("register commands: list %s: %w", scopeName(guild), b.redactErr(err))
		}
		if sameCommands(have, want) {
			b.log.Info("commands up to date", "scope", scopeName(guild), "count", len(want))
			continue
		}
		if _, err := b.s.ApplicationCommandBulkOverwrite(appID, guild, want, discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("register commands: overwrite %s: %w", scopeName(guild), b.redactErr(err))
		}
		b.log.Info("commands registered", "scope", scopeName(guild), "count", len(want))
	}
	return nil
}

func scopeName(guild string) string {
	if guild == "" {
		return "global"
	}
	return "guild " + guild
}

// canonCommand is the part of a command that registration sets; Discord
// adds ids, versions and defaults that must not count as differences.
type canonCommand struct {
	Name        string
	Description string
	Perms       string
	Options     []canonOption
}

type canonOption struct {
	Type         int
	Name         string
	Description  string
	Required     bool
	Autocomplete bool
	MaxLength    int
	Choices      []string
	Options      []canonOption
}

func canonCommands(cs []*discordgo.ApplicationCommand) map[string]canonCommand {
	m := make(map[string]canonCommand, len(cs))
	for _, c := range cs {
		if c == nil || (c.Type != 0 && c.Type != discordgo.ChatApplicationCommand) {
			continue
		}
		cc := canonCommand{Name: c.Name, Description: c.Description, Options: canonOptions(c.Options)}
		if c.DefaultMemberPermissions != nil {
			cc.Perms = fmt.Sprint(*c.DefaultMemberPermissions)
		}
		m[c.Name] = cc
	}
	return m
}

func canonOptions(os []*discordgo.ApplicationCommandOption) []canonOption {
	var out []canonOption
	for _, o := range os {
		co := canonOption{
			Type: int(o.Type), Name: o.Name, Description: o.Description,
			Required: o.Required, Autocomplete: o.Autocomplete, MaxLength: o.MaxLength,
			Options: canonOptions(o.Options),
		}
		for _, c := range o.Choices {
			v, _ := json.Marshal(c.Value)
			co.Choices = append(co.Choices, c.Name+"="+string(v))
		}
		out = append(out, co)
	}
	return out
}

func sameCommands(have, want []*discordgo.ApplicationCommand) bool {
	return reflect.DeepEqual(canonCommands(have), canonCommands(want)) && len(have) == len(want)
}
