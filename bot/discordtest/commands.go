package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"
)

var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)

// serveCommands handles GET and PUT (bulk overwrite) of global and guild
// application commands: applications/{app}/commands and
// applications/{app}/guilds/{guild}/commands.
func (s *Server) serveCommands(w http.ResponseWriter, r *http.Request, seg []string, body []byte) {
	if seg[1] != s.AppID {
		writeError(w, 403, 50001, "Missing Access")
		return
	}
	var scope string
	switch {
	case len(seg) == 3 && seg[2] == "commands":
	case len(seg) == 5 && seg[2] == "guilds" && seg[4] == "commands":
		scope = seg[3]
	default:
		writeError(w, 404, 0, "404: Not Found")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Method {
	case "GET":
		cs := s.commands[scope]
		if cs == nil {
			cs = []map[string]any{}
		}
		writeJSON(w, 200, cs)
	case "PUT":
		var cmds []map[string]any
		if err := decodeJSON(body, &cmds); err != nil {
			writeError(w, 400, 50109, "The request body contains invalid JSON.")
			return
		}
		if errs := validateCommands(cmds); len(errs) > 0 {
			s.reject(w, errs...)
			return
		}
		// Keep ids of commands that exist already, as Discord does.
		old := map[string]string{}
		for _, c := range s.commands[scope] {
			old[c["name"].(string)] = c["id"].(string)
		}
		for _, c := range cmds {
			id := old[c["name"].(string)]
			if id == "" {
				id = s.NextID()
			}
			c["id"] = id
			c["application_id"] = s.AppID
			c["version"] = s.NextID()
			if scope != "" {
				c["guild_id"] = scope
			}
			if _, ok := c["type"]; !ok {
				c["type"] = 1
			}
		}
		s.commands[scope] = cmds
		s.overwrites[scope]++
		s.notify()
		writeJSON(w, 200, cmds)
	default:
		writeError(w, 405, 0, "405: Method Not Allowed")
	}
}

// validateCommands checks a bulk overwrite as Discord does: names,
// descriptions, option counts and order, nesting and choices.
func validateCommands(cmds []map[string]any) []string {
	var errs []string
	if len(cmds) > 100 {
		errs = append(errs, "more than 100 commands")
	}
	names := map[string]bool{}
	for i, c := range cmds {
		where := fmt.Sprintf("[%d]", i)
		name, _ := c["name"].(string)
		if !commandName.MatchString(name) {
			errs = append(errs, fmt.Sprintf("%s.name: invalid %q", where, name))
		}
		if names[name] {
			errs = append(errs, fmt.Sprintf("%s.name: duplicate %q", where, name))
		}
		names[name] = true
		errs = append(errs, checkDescription(where, c["description"])...)
		if p, ok := c["default_member_permissions"]; ok && p != nil {
			if _, ok := p.(string); !ok {
				errs = append(errs, where+".default_member_permissions: must be a string")
			}
		}
		errs = append(errs, validateOptions(where, c["options"], 0)...)
	}
	return errs
}

func checkDescription(where string, v any) []string {
	d, _ := v.(string)
	if n := utf8.RuneCountInString(d); n < 1 || n > 100 {
		return []string{fmt.Sprintf("%s.description: %d characters, want 1..100", where, n)}
	}
	return nil
}

func validateOptions(where string, v any, depth int) []string {
	if v == nil {
		return nil
	}
	opts, ok := v.([]any)
	if !ok {
		return []string{where + ".options: not a list"}
	}
	var errs []string
	if len(opts) > 25 {
		errs = append(errs, fmt.Sprintf("%s.options: %d, more than 25", where, len(opts)))
	}
	seenOptional := false
	names := map[string]bool{}
	for i, ov := range opts {
		o, _ := ov.(map[string]any)
		w := fmt.Sprintf("%s.options[%d]", where, i)
		name, _ := o["name"].(string)
		if !commandName.MatchString(name) {
			errs = append(errs, fmt.Sprintf("%s.name: invalid %q", w, name))
		}
		if names[name] {
			errs = append(errs, fmt.Sprintf("%s.name: duplicate %q", w, name))
		}
		names[name] = true
		errs = append(errs, checkDescription(w, o["description"])...)
		typ := toInt(o["type"])
		switch typ {
		case 1, 2:
			if typ == 2 && depth > 0 || typ == 1 && depth > 1 {
				errs = append(errs, w+": subcommands nested too deeply")
			}
			errs = append(errs, validateOptions(w, o["options"], depth+1)...)
			continue
		case 3, 4, 5, 6, 7, 8, 9, 10, 11:
		default:
			errs = append(errs, fmt.Sprintf("%s.type: invalid %d", w, typ))
		}
		req, _ := o["required"].(bool)
		if req && seenOptional {
			errs = append(errs, w+": required options must be placed before non-required options")
		}
		if !req {
			seenOptional = true
		}
		auto, _ := o["autocomplete"].(bool)
		choices, _ := o["choices"].([]any)
		if auto && len(choices) > 0 {
			errs = append(errs, w+": autocomplete and choices are mutually exclusive")
		}
		if len(choices) > 25 {
			errs = append(errs, w+".choices: more than 25")
		}
		if ml, ok := o["max_length"].(json.Number); ok {
			if n, _ := ml.Int64(); n < 1 || n > 6000 {
				errs = append(errs, w+".max_length: want 1..6000")
			}
		}
		if strings.ToLower(name) != name {
			errs = append(errs, w+".name: must be lower case")
		}
	}
	return errs
}
