package commands

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ParseLine parses a command line such as
//
//	/who rutte
//	/who name:rutte
//	/timeline ukraine from:2025-01-01
//	/timeline topic:"ukraine war"
//	/admin source add name:feed location:https://example.com/rss
//
// against defs. Words after the command path that are not name:value
// options are joined into the first option not given by name. Quotes
// ("…", “…” or '…') group words, an unclosed one up to the end of the
// line; quoted text is never read as an option.
// page:N (1-based) selects a page of a paged answer unless the command
// has its own page option. Option values are plain text: quotes, SQL or
// @everyone mean nothing special.
func ParseLine(line string, defs []Definition) (*Request, error) {
	toks, err := tokenize(line)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("empty command; commands: %s", defNames(defs))
	}
	name := strings.TrimPrefix(toks[0].text, "/")
	var def *Definition
	for i := range defs {
		if defs[i].Name == name {
			def = &defs[i]
		}
	}
	if def == nil || toks[0].quoted {
		return nil, fmt.Errorf("unknown command /%s; commands: %s", name, defNames(defs))
	}
	path := []string{def.Name}
	toks = toks[1:]
	for len(def.Subcommands) > 0 {
		if len(toks) == 0 {
			return nil, fmt.Errorf("/%s needs a subcommand: %s", strings.Join(path, " "), subNames(def))
		}
		var next *Definition
		for i := range def.Subcommands {
			if def.Subcommands[i].Name == toks[0].text && !toks[0].quoted {
				next = &def.Subcommands[i]
			}
		}
		if next == nil {
			return nil, fmt.Errorf("/%s has no subcommand %q; subcommands: %s", strings.Join(path, " "), toks[0].text, subNames(def))
		}
		def = next
		path = append(path, def.Name)
		toks = toks[1:]
	}
	req := &Request{Command: strings.Join(path, " "), Options: map[string]string{}}
	known := map[string]bool{}
	for _, o := range def.Options {
		known[o.Name] = true
	}
	var free []string
	for _, t := range toks {
		if t.key != "" {
			switch {
			case known[t.key]:
				if _, dup := req.Options[t.key]; dup {
					return nil, fmt.Errorf("option %s given twice", t.key)
				}
				req.Options[t.key] = t.text
				continue
			case t.key == "page":
				n, err := strconv.Atoi(t.text)
				if err != nil || n < 1 {
					return nil, fmt.Errorf("page must be a number from 1, not %q", t.text)
				}
				req.Page, req.PageGiven = n-1, true
				continue
			case strings.HasPrefix(t.text, "//"):
				// A URL, not an option.
				t.text = t.key + ":" + t.text
			default:
				return nil, fmt.Errorf("/%s has no option %q; options: %s", req.Command, t.key, optionNames(def))
			}
		}
		free = append(free, t.text)
	}
	if len(free) > 0 {
		var target string
		for _, o := range def.Options {
			if _, given := req.Options[o.Name]; !given && o.Type == String {
				target = o.Name
				break
			}
		}
		if target == "" {
			return nil, fmt.Errorf("/%s: don't know what %q is; options: %s", req.Command, strings.Join(free, " "), optionNames(def))
		}
		req.Options[target] = strings.Join(free, " ")
	}
	for _, o := range def.Options {
		if o.Required && strings.TrimSpace(req.Options[o.Name]) == "" {
			return nil, fmt.Errorf("/%s needs option %s (%s)", req.Command, o.Name, o.Description)
		}
	}
	return req, nil
}

type token struct {
	key    string // option name of a name:value token
	text   string
	quoted bool
}

// tokenize splits a line on spaces outside quotes. A token whose text
// before the first colon is an unquoted lower-case word is a name:value
// option.
func tokenize(line string) ([]token, error) {
	var toks []token
	var cur strings.Builder
	var t token
	inTok := false
	var quote rune
	flush := func() {
		if inTok {
			t.text = cur.String()
			toks = append(toks, t)
		}
		cur.Reset()
		t = token{}
		inTok = false
	}
	closing := map[rune]rune{'"': '"', '“': '”', '\'': '\'', '‘': '’'}
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote || (quote == '”' && r == '"') {
				quote = 0
				continue
			}
			cur.WriteRune(r)
		case closing[r] != 0 && (r != '\'' || cur.Len() == 0 || t.key != "" && cur.Len() == 0):
			// An apostrophe inside a word (O'Brien) is not a quote.
			quote = closing[r]
			inTok = true
			t.quoted = true
		case unicode.IsSpace(r):
			flush()
		case r == ':' && !t.quoted && t.key == "" && isOptionName(cur.String()):
			t.key = cur.String()
			cur.Reset()
			inTok = true
		default:
			cur.WriteRune(r)
			inTok = true
		}
	}
	// An unclosed quote runs to the end of the line: option values are
	// plain text, so a stray quote is no error.
	flush()
	return toks, nil
}

func isOptionName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func defNames(defs []Definition) string {
	var out []string
	for _, d := range defs {
		out = append(out, "/"+d.Name)
	}
	return strings.Join(out, ", ")
}
