package merge

import (
	"strings"
	"unicode"
)

// legalForms are the words that name forms of one organisation differ
// by: "Apple Inc.", "Apple"; "Tollgate Holdings Ltd", "Tollgate
// Holdings".
var legalForms = map[string]bool{
	"inc": true, "incorporated": true, "ltd": true, "limited": true, "llc": true, "plc": true, "co": true,
	"corp": true, "corporation": true, "company": true, "sa": true, "ag": true, "nv": true, "gmbh": true,
	"lp": true, "llp": true, "bv": true, "spa": true, "oyj": true, "ab": true, "se": true,
}

// IsLegalForm reports whether a normalised word is a legal form such as
// "inc", "ltd" or "company".
func IsLegalForm(w string) bool { return legalForms[w] }

// OrgCore is an organisation's normalised name (lower case, words
// separated by single spaces) without its legal form and a leading
// "the": "apple inc" → "apple", "the ford motor company" → "ford motor".
// A name that is nothing but those words is returned as it is.
func OrgCore(norm string) string {
	f := strings.Fields(norm)
	if len(f) > 1 && f[0] == "the" {
		f = f[1:]
	}
	for len(f) > 1 && legalForms[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	// "& Co": the ampersand is gone after normalising, "and co" stays.
	if len(f) > 1 && f[len(f)-1] == "and" {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// IsAcronym reports whether s is written as an acronym: two to six
// capital letters (digits and "&" allowed after the first), such as
// "GM", "EADS", "AT&T".
func IsAcronym(s string) bool {
	n := 0
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case i > 0 && (unicode.IsDigit(r) || r == '&'):
		default:
			return false
		}
	}
	return n >= 2 && n <= 6
}

// acronymSkip are the words an acronym usually leaves out.
var acronymSkip = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true, "du": true, "des": true, "la": true, "le": true, "&": true}

// AcronymOf reports whether acr (see IsAcronym) is made of the initials
// of name's words, with or without its small words and legal form:
// "GM" of "General Motors", "EADS" of "European Aeronautic Defence and
// Space Company", "NHS" of "National Health Service".
func AcronymOf(acr, name string) bool {
	if !IsAcronym(acr) {
		return false
	}
	var letters []rune
	for _, r := range acr {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	try := func(skipSmall, skipLegal bool) bool {
		var init []rune
		for i, w := range words {
			lw := strings.ToLower(strings.Trim(w, ".,'’"))
			if lw == "" || skipSmall && acronymSkip[lw] || skipLegal && i == len(words)-1 && legalForms[lw] {
				continue
			}
			r := []rune(lw)
			if !unicode.IsLetter(r[0]) {
				continue
			}
			init = append(init, r[0])
		}
		return len(init) >= 2 && string(init) == string(letters)
	}
	return try(true, true) || try(true, false) || try(false, true) || try(false, false)
}
