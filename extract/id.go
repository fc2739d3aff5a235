package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and strips its accents, so that "Zelenskyy",
// "zelenskyy" and "Zelénskyy" compare equal.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		// The common case: no accents to strip, and no allocation when
		// s is already lower case.
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// EntityID returns a stable id for an entity of the given kind and name,
// such as "person:mark-rutte".
func EntityID(kind Kind, name string) string {
	var b strings.Builder
	b.WriteString(string(kind))
	b.WriteByte(':')
	dash := false
	for _, r := range Fold(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > len(kind)+1 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
