// Package commands defines briefbot's commands independently of any chat
// transport. Each command keeps its definition next to its handler; a
// handler takes a context and the parsed options and returns a structured
// Response that Discord, the command line and tests all render themselves.
package commands

import "context"

// OptionType is the type of a command option's value.
type OptionType string

// The option types commands use. They map one to one onto Discord's.
const (
	String  OptionType = "string"
	Integer OptionType = "integer"
	Boolean OptionType = "boolean"
	Channel OptionType = "channel"
)

// Choice is one fixed or autocompleted value of an option.
type Choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Option describes one option of a command.
type Option struct {
	Name         string     `json:"name"`
	Description  string     `json:"description"`
	Type         OptionType `json:"type"`
	Required     bool       `json:"required,omitempty"`
	Autocomplete bool       `json:"autocomplete,omitempty"`
	Choices      []Choice   `json:"choices,omitempty"`
	// MaxLength bounds string values; zero means the transport's default.
	MaxLength int `json:"max_length,omitempty"`
}

// Definition describes a command: what a transport registers and how the
// command line parses it. A definition with Subcommands is a group (such as
// "admin" with "reload" and "source add"); its own Options are then empty.
type Definition struct {
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Options     []Option     `json:"options,omitempty"`
	Subcommands []Definition `json:"subcommands,omitempty"`
	// Admin commands are registered with the Manage Server permission and
	// refused to callers who are not admins.
	Admin bool `json:"admin,omitempty"`
	// Slow commands may take longer than Discord's 3 s: transports defer
	// the response before calling the handler.
	Slow bool `json:"slow,omitempty"`
}

// Caller is who sent a request.
type Caller struct {
	UserID string
	Name   string
	// RoleIDs are the caller's roles in the guild, when known.
	RoleIDs []string
	// Admin is set by the transport when the caller may run admin commands
	// (the Manage Server permission, or a user or role listed as admin).
	Admin bool
}

// Request is one invocation of a command.
type Request struct {
	// Command is the full command path: "who", "admin reload",
	// "admin source add".
	Command string
	// Options holds the option values by name, as strings.
	Options map[string]string
	Caller  Caller
	// GuildID and ChannelID say where the command was sent; empty on the
	// command line.
	GuildID   string
	ChannelID string
	// Page is the zero-based page of a paged response to return;
	// PageGiven says the caller asked for it (page:N).
	Page      int
	PageGiven bool
	// All asks a paged command for every item on one page: the terminal's
	// --json, which wants the data rather than a screenful.
	All bool
	// Progress, when set, receives short progress messages from slow
	// handlers; transports may show them while the response is pending.
	Progress func(string) `json:"-"`
}

// Option returns the value of the named option, or "".
func (r *Request) Option(name string) string {
	if r == nil || r.Options == nil {
		return ""
	}
	return r.Options[name]
}

// Field is a named block of a response, such as "Roles" or "Quotes".
type Field struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Citation points to a source a response drew on.
type Citation struct {
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// Button is an action a transport may offer under a response, such as the
// confirmation of a destructive admin command. Transports encode ID into
// the component; pressing it runs Command with Options.
type Button struct {
	Label   string            `json:"label"`
	Command string            `json:"command"`
	Options map[string]string `json:"options,omitempty"`
	Danger  bool              `json:"danger,omitempty"`
}

// Response is the structured answer to a request. Text is plain: no
// markdown beyond bold (**), italics (*) and links, which every
// transport can render or strip. Transports enforce their own size limits.
type Response struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Lines make up the body, in order.
	Lines  []string `json:"lines,omitempty"`
	Fields []Field  `json:"fields,omitempty"`
	// Footer is a short closing line, such as the source citations.
	Footer    string     `json:"footer,omitempty"`
	Citations []Citation `json:"citations,omitempty"`
	// Page and Pages are the zero-based page shown and the page count of a
	// paged response; Pages is 0 or 1 for an unpaged one. Running the same
	// request with another Page gives that page.
	Page  int `json:"page,omitempty"`
	Pages int `json:"pages,omitempty"`
	// Suggestions are "did you mean" names for a request that matched
	// nothing.
	Suggestions []string `json:"suggestions,omitempty"`
	Buttons     []Button `json:"buttons,omitempty"`
	// Ephemeral responses are shown only to the caller: errors, refusals,
	// not-found answers.
	Ephemeral bool `json:"ephemeral,omitempty"`
	// Error marks a response that reports a failure.
	Error bool `json:"error,omitempty"`
	// NotFound marks an answer that found nothing: no such person, no
	// events, no match. The terminal exits 3 on it.
	NotFound bool `json:"not_found,omitempty"`
	// Invalid marks an error in what the user asked (a bad option
	// value), as opposed to a failure; the terminal exits 2 on it.
	Invalid bool `json:"invalid,omitempty"`
	// Data is the command's structured result (such as TimelineResult),
	// which `ask --json` prints instead of the rendered response; nil
	// for commands that have none yet.
	Data any `json:"-"`
}

// Handler answers a request.
type Handler interface {
	Serve(ctx context.Context, req *Request) (*Response, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req *Request) (*Response, error)

// Serve calls f(ctx, req).
func (f HandlerFunc) Serve(ctx context.Context, req *Request) (*Response, error) {
	return f(ctx, req)
}

// AutocompleteFunc returns up to 25 choices for the focused option of a
// partly typed request, given what the user has typed so far.
type AutocompleteFunc func(ctx context.Context, req *Request, option, typed string) ([]Choice, error)
