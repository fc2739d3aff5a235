package bot

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"briefbot/commands"

	"github.com/bwmarrin/discordgo"
)

// Discord's message limits. Lengths are counted in UTF-16 code units,
// which is never less than the characters Discord counts, so text cut to
// these sizes is always accepted.
const (
	maxTitle        = 256
	maxDescription  = 4096
	maxFields       = 25
	maxFieldName    = 256
	maxFieldValue   = 1024
	maxFooter       = 2048
	maxEmbedTotal   = 6000
	maxContent      = 2000
	maxButtonLabel  = 80
	maxButtonsInRow = 5
	maxRows         = 5
	maxChoices      = 25
	maxChoiceName   = 100
	maxChoiceValue  = 100
	// minDescription is what the description keeps before fields are
	// dropped to fit the 6000-character total.
	minDescription = 1500
)

const (
	colorInfo  = 0x3498DB
	colorError = 0xE74C3C
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// noMentions is sent with every message: article text such as "@everyone"
// or "<@123>" must never ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// textLen is the length of s as Discord limits count it (conservatively).
func textLen(s string) int {
	n := 0
	for _, r := range s {
		// Invalid bytes decode as U+FFFD, which counts as one.
		n += utf16.RuneLen(r)
	}
	return n
}

// truncate cuts s to at most max units, ending with "…". It cuts at the
// last line break or sentence end in the second half of the budget, else at
// the last space, and only cuts inside a word (never inside a UTF-8
// sequence) when a single word is longer than the budget.
func truncate(s string, max int) string {
	if textLen(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	budget := max - textLen(ellipsis)
	if budget <= 0 {
		return ellipsis
	}
	// The longest prefix of whole runes that fits.
	end, n := 0, 0
	for end < len(s) {
		r, w := utf8.DecodeRuneInString(s[end:])
		l := utf16.RuneLen(r)
		if n+l > budget {
			break
		}
		n += l
		end += w
	}
	prefix := s[:end]
	half := len(prefix) / 2
	cut := -1
	if i := strings.LastIndexByte(prefix, '\n'); i >= half && i > 0 {
		cut = i
	}
	if cut < 0 {
		if i := lastSentenceEnd(prefix); i >= half {
			cut = i
		}
	}
	if cut < 0 {
		// The next character after the prefix decides whether the prefix
		// ends at a word boundary already.
		rest := s[end:]
		r, _ := utf8.DecodeRuneInString(rest)
		if unicode.IsSpace(r) {
			cut = len(prefix)
		} else if i := strings.LastIndexFunc(prefix, unicode.IsSpace); i > 0 {
			cut = i
		} else {
			cut = len(prefix)
		}
	}
	out := strings.TrimRightFunc(prefix[:cut], unicode.IsSpace)
	return out + ellipsis
}

// lastSentenceEnd returns the index just after the last ".", "!" or "?"
// that is followed by a space in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i >= 0; i-- {
		switch s[i] {
		case '.', '!', '?':
			if s[i+1] == ' ' || s[i+1] == '\n' {
				return i + 1
			}
		}
	}
	return -1
}

// validURL reports whether u may be used as an embed or link button URL;
// Discord rejects the whole message otherwise.
func validURL(u string) bool {
	if u == "" || len(u) > 2000 {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// embedLen is the length Discord counts against an embed's 6000 total.
func embedLen(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	return n
}

// renderEmbed turns a response into one embed that fits every limit.
func renderEmbed(r *commands.Response) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Color: colorInfo}
	if r.Error {
		e.Color = colorError
	}
	e.Title = truncate(oneLine(r.Title), maxTitle)
	if validURL(r.URL) && e.Title != "" {
		e.URL = r.URL
	}

	var fields []*discordgo.MessageEmbedField
	for _, f := range r.Fields {
		fields = append(fields, &discordgo.MessageEmbedField{
			Name:   nonEmpty(truncate(oneLine(f.Name), maxFieldName)),
			Value:  nonEmpty(truncate(f.Value, maxFieldValue)),
			Inline: f.Inline,
		})
	}
	if len(r.Suggestions) > 0 {
		fields = append(fields, &discordgo.MessageEmbedField{
			Name:  "Did you mean",
			Value: nonEmpty(truncate(strings.Join(r.Suggestions, ", "), maxFieldValue)),
		})
	}
	// The page indicator goes first so a long footer cannot cut it off.
	var footer []string
	if r.Pages > 1 {
		footer = append(footer, fmt.Sprintf("Page %d/%d", r.Page+1, r.Pages))
	}
	if r.Footer != "" {
		footer = append(footer, oneLine(r.Footer))
	}
	if v := citationLinks(r.Citations); v != "" {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Sources", Value: truncate(v, maxFieldValue)})
	} else if v := citationText(r.Citations); v != "" {
		footer = append(footer, "Sources: "+v)
	}
	if len(fields) > maxFields {
		more := len(fields) - (maxFields - 1)
		fields = append(fields[:maxFields-1], &discordgo.MessageEmbedField{
			Name: "…", Value: fmt.Sprintf("and %d more", more),
		})
	}
	e.Fields = fields
	if len(footer) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(strings.Join(footer, " · "), maxFooter)}
	}

	desc := strings.Join(r.Lines, "\n")
	e.Description = truncate(desc, maxDescription)
	if e.Title == "" && e.Description == "" && len(e.Fields) == 0 {
		// Discord rejects an empty embed.
		e.Description = "(nothing to show)"
	}

	// Fit the 6000 total: shrink the description to minDescription, then
	// drop fields from the end, then shrink the description further.
	for embedLen(e) > maxEmbedTotal {
		excess := embedLen(e) - maxEmbedTotal
		dl := textLen(e.Description)
		switch {
		case dl > minDescription:
			target := dl - excess
			if target < minDescription {
				target = minDescription
			}
			e.Description = truncate(desc, target)
		case len(e.Fields) > 0:
			e.Fields = e.Fields[:len(e.Fields)-1]
		case e.Footer != nil && textLen(e.Footer.Text) > 200:
			e.Footer.Text = truncate(e.Footer.Text, 200)
		default:
			e.Description = truncate(desc, max(0, dl-excess))
		}
	}
	return e
}

func nonEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// oneLine replaces line breaks, which titles and footers do not show.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func citationLinks(cs []commands.Citation) string {
	var b strings.Builder
	any := false
	for _, c := range cs {
		title := strings.NewReplacer("[", "(", "]", ")").Replace(oneLine(c.Title))
		if title == "" {
			title = c.URL
		}
		line := title
		if validURL(c.URL) {
			line = "[" + title + "](" + c.URL + ")"
			any = true
		}
		if c.Published != "" {
			line += " (" + c.Published + ")"
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	if !any {
		return ""
	}
	return b.String()
}

func citationText(cs []commands.Citation) string {
	var parts []string
	for _, c := range cs {
		p := oneLine(c.Title)
		if c.Published != "" {
			p += " (" + c.Published + ")"
		}
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// renderComponents returns the page buttons and the response's own buttons.
// Buttons whose custom_id cannot be built are left out.
func (b *Bot) renderComponents(req *commands.Request, r *commands.Response) []discordgo.MessageComponent {
	rows := []discordgo.MessageComponent{}
	if r.Pages > 1 && req != nil {
		prev := r.Page - 1
		next := r.Page + 1
		pid, err1 := b.componentID(kindPage, max(prev, 0), req.Command, req.Options)
		nid, err2 := b.componentID(kindPage, min(next, r.Pages-1), req.Command, req.Options)
		if err1 == nil && err2 == nil && pid != nid {
			rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "◀ Prev", Style: discordgo.SecondaryButton, CustomID: pid, Disabled: prev < 0},
				discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton, CustomID: nid, Disabled: next >= r.Pages},
			}})
		} else if err1 != nil || err2 != nil {
			b.log.Warn("page buttons left out", "command", req.Command, "err", firstErr(err1, err2))
		}
	}
	var row []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, btn := range r.Buttons {
		id, err := b.componentID(kindButton, 0, btn.Command, btn.Options)
		if err != nil || seen[id] {
			b.log.Warn("button left out", "command", btn.Command, "err", err)
			continue
		}
		seen[id] = true
		style := discordgo.PrimaryButton
		if btn.Danger {
			style = discordgo.DangerButton
		}
		row = append(row, discordgo.Button{Label: nonEmpty(truncate(oneLine(btn.Label), maxButtonLabel)), Style: style, CustomID: id})
		if len(row) == maxButtonsInRow {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	if len(rows) > maxRows {
		rows = rows[:maxRows]
	}
	return rows
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// choices converts autocomplete choices to Discord's, within its limits.
func toChoices(cs []commands.Choice) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, c := range cs {
		if len(out) == maxChoices {
			break
		}
		v := c.Value
		if v == "" {
			v = c.Name
		}
		if v == "" || textLen(v) > maxChoiceValue || seen[v] {
			continue
		}
		seen[v] = true
		name := oneLine(c.Name)
		if name == "" {
			name = v
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: truncate(name, maxChoiceName), Value: v})
	}
	return out
}
