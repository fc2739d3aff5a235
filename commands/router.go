package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxOptionLength is the longest string option value accepted when an
// option sets no MaxLength of its own.
const MaxOptionLength = 200

// Discord's limits on autocomplete answers, which every transport keeps.
const (
	MaxChoices          = 25
	MaxChoiceNameLength = 100
)

// Command is a command's definition together with the code that runs it.
// A command with Subcommands has one Handler for all of them; it tells
// them apart by Request.Command ("admin source add").
type Command struct {
	Definition
	Handler      Handler
	Autocomplete AutocompleteFunc
}

// Middleware wraps a handler, for concerns shared by commands such as
// permission checks and logging.
type Middleware func(Handler) Handler

// UserError is an error whose message is meant for the caller: bad
// options, nothing found. Other errors are reported without their
// details, which may hold internals.
type UserError struct {
	Msg string
}

// Error returns the message for the caller.
func (e *UserError) Error() string { return e.Msg }

// Errorf returns a UserError with a formatted message.
func Errorf(format string, args ...any) error {
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

// Router keeps the commands by name and serves requests to them. It is
// open: transports and other packages add their own commands (the admin
// group, say) with Add.
type Router struct {
	commands   map[string]*Command
	order      []string
	middleware []Middleware
	// Logger receives handler errors and panics; nil means slog.Default.
	Logger *slog.Logger
}

// NewRouter returns an empty router whose handlers are wrapped in mw, the
// first outermost.
func NewRouter(mw ...Middleware) *Router {
	return &Router{commands: map[string]*Command{}, middleware: mw}
}

// Add registers c, replacing a command of the same name. Serve checks
// RequireAdmin before the handler of admin commands and subcommands.
func (r *Router) Add(c *Command) {
	if c == nil || c.Name == "" || c.Handler == nil {
		panic("commands: Add needs a named command with a handler")
	}
	if _, ok := r.commands[c.Name]; !ok {
		r.order = append(r.order, c.Name)
	}
	r.commands[c.Name] = c
}

// Definitions returns the definitions of the registered commands, in the
// order they were added.
func (r *Router) Definitions() []Definition {
	defs := make([]Definition, 0, len(r.order))
	for _, n := range r.order {
		defs = append(defs, r.commands[n].Definition)
	}
	return defs
}

// lookup finds the command and the leaf definition for a path such as
// "admin source add".
func (r *Router) lookup(path string) (*Command, *Definition, error) {
	words := strings.Fields(path)
	if len(words) == 0 {
		return nil, nil, Errorf("No command given. Commands: %s.", r.names())
	}
	c := r.commands[words[0]]
	if c == nil {
		return nil, nil, Errorf("Unknown command /%s. Commands: %s.", words[0], r.names())
	}
	def := &c.Definition
	admin := def.Admin
	for _, w := range words[1:] {
		var next *Definition
		for i := range def.Subcommands {
			if def.Subcommands[i].Name == w {
				next = &def.Subcommands[i]
			}
		}
		if next == nil {
			return nil, nil, Errorf("/%s has no subcommand %q. Subcommands: %s.", strings.Join(words[:len(words)-1], " "), w, subNames(def))
		}
		def = next
		admin = admin || def.Admin
	}
	if len(def.Subcommands) > 0 {
		return nil, nil, Errorf("/%s needs a subcommand: %s.", path, subNames(def))
	}
	leaf := *def
	leaf.Admin = admin
	return c, &leaf, nil
}

func (r *Router) names() string {
	var out []string
	for _, n := range r.order {
		out = append(out, "/"+n)
	}
	return strings.Join(out, ", ")
}

func subNames(def *Definition) string {
	var out []string
	for _, s := range def.Subcommands {
		out = append(out, s.Name)
	}
	return strings.Join(out, ", ")
}

// Serve runs req and always returns a response: unknown commands, invalid
// options, refusals, handler errors and panics become ephemeral error
// responses with a short message and no internals.
func (r *Router) Serve(ctx context.Context, req *Request) (resp *Response) {
	if req == nil {
		return ErrorResponse("Empty request.")
	}
	defer func() {
		if p := recover(); p != nil {
			r.logger().Error("command panicked", "command", req.Command, "panic", p, "stack", string(debug.Stack()))
			resp = ErrorResponse(fmt.Sprintf("Something went wrong running /%s.", req.Command))
		}
	}()
	c, def, err := r.lookup(req.Command)
	if err != nil {
		return errorResponse(err)
	}
	req.Command = strings.Join(strings.Fields(req.Command), " ")
	if err := validateOptions(def, req); err != nil {
		return errorResponse(err)
	}
	var h Handler = c.Handler
	if def.Admin {
		h = RequireAdmin(h)
	}
	for i := len(r.middleware) - 1; i >= 0; i-- {
		h = r.middleware[i](h)
	}
	resp, err = h.Serve(ctx, req)
	if err != nil {
		var ue *UserError
		if !errors.As(err, &ue) {
			r.logger().Error("command failed", "command", req.Command, "err", err)
		}
		return errorResponse(err)
	}
	if resp == nil {
		r.logger().Error("command returned no response", "command", req.Command)
		return ErrorResponse(fmt.Sprintf("/%s returned nothing.", req.Command))
	}
	// A page past the end is the asker's mistake, not "Page 9 of 3".
	if req.PageGiven && req.Page > 0 && !resp.Error && !resp.NotFound && req.Page >= max(resp.Pages, 1) {
		r := ErrorResponse(fmt.Sprintf("There is no page %d: /%s has %d.", req.Page+1, req.Command, max(resp.Pages, 1)))
		r.Invalid = true
		return r
	}
	return resp
}

func (r *Router) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

// validateOptions refuses unknown options, missing required ones, empty
// and oversized strings and malformed numbers and booleans.
func validateOptions(def *Definition, req *Request) error {
	known := map[string]*Option{}
	for i := range def.Options {
		known[def.Options[i].Name] = &def.Options[i]
	}
	var names []string
	for n := range req.Options {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		o := known[n]
		if o == nil {
			return Errorf("/%s has no option %q. Options: %s.", req.Command, n, optionNames(def))
		}
		v := req.Options[n]
		if strings.TrimSpace(v) == "" {
			if o.Required {
				return Errorf("Option %s of /%s must not be empty.", n, req.Command)
			}
			delete(req.Options, n)
			continue
		}
		max := o.MaxLength
		if max <= 0 {
			max = MaxOptionLength
		}
		if utf8.RuneCountInString(v) > max {
			return Errorf("Option %s is too long: at most %d characters.", n, max)
		}
		switch o.Type {
		case Integer:
			if _, err := strconv.Atoi(v); err != nil {
				return Errorf("Option %s must be a whole number, not %q.", n, v)
			}
		case Boolean:
			if _, err := strconv.ParseBool(v); err != nil {
				return Errorf("Option %s must be true or false, not %q.", n, v)
			}
		}
		if len(o.Choices) > 0 {
			ok := false
			for _, c := range o.Choices {
				ok = ok || c.Value == v
			}
			if !ok {
				return Errorf("Option %s must be one of: %s.", n, choiceValues(o.Choices))
			}
		}
	}
	for _, o := range def.Options {
		if o.Required && strings.TrimSpace(req.Option(o.Name)) == "" {
			return Errorf("/%s needs option %s (%s).", req.Command, o.Name, o.Description)
		}
	}
	return nil
}

func optionNames(def *Definition) string {
	if len(def.Options) == 0 {
		return "none"
	}
	var out []string
	for _, o := range def.Options {
		out = append(out, o.Name)
	}
	return strings.Join(out, ", ")
}

func choiceValues(cs []Choice) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Value)
	}
	return strings.Join(out, ", ")
}

// Autocomplete returns the choices for the focused option of a partly
// typed request: at most MaxChoices, names cut to MaxChoiceNameLength.
func (r *Router) Autocomplete(ctx context.Context, req *Request, option, typed string) (choices []Choice, err error) {
	if req == nil {
		return nil, nil
	}
	defer func() {
		if p := recover(); p != nil {
			r.logger().Error("autocomplete panicked", "command", req.Command, "panic", p)
			choices, err = nil, fmt.Errorf("autocomplete /%s: internal error", req.Command)
		}
	}()
	c, _, err := r.lookup(req.Command)
	if err != nil {
		return nil, err
	}
	if c.Autocomplete == nil {
		return nil, nil
	}
	if utf8.RuneCountInString(typed) > MaxOptionLength {
		typed = string([]rune(typed)[:MaxOptionLength])
	}
	choices, err = c.Autocomplete(ctx, req, option, typed)
	if err != nil {
		return nil, err
	}
	if len(choices) > MaxChoices {
		choices = choices[:MaxChoices]
	}
	for i := range choices {
		choices[i].Name = truncate(choices[i].Name, MaxChoiceNameLength)
		choices[i].Value = truncate(choices[i].Value, MaxChoiceNameLength)
	}
	return choices, nil
}

// RequireAdmin refuses callers who are not admins.
func RequireAdmin(h Handler) Handler {
	return HandlerFunc(func(ctx context.Context, req *Request) (*Response, error) {
		if !req.Caller.Admin {
			return &Response{Title: "Not allowed", Lines: []string{fmt.Sprintf("/%s is for server admins only.", req.Command)},
				Ephemeral: true, Error: true}, nil
		}
		return h.Serve(ctx, req)
	})
}

// ErrorResponse returns the ephemeral error response with message msg.
func ErrorResponse(msg string) *Response {
	return &Response{Title: "Error", Lines: []string{msg}, Ephemeral: true, Error: true}
}

func errorResponse(err error) *Response {
	var ue *UserError
	if errors.As(err, &ue) {
		r := ErrorResponse(ue.Msg)
		r.Invalid = true
		return r
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return ErrorResponse("That took too long. Please try again.")
	}
	return ErrorResponse("Something went wrong. Please try again later.")
}

// truncate cuts s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
