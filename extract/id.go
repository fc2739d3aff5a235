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
	if isASCII(s) {
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
	b.Grow(len(kind) + 1 + len(name))
	b.WriteString(string(kind))
	b.WriteByte(':')
	dash := false
	if isASCII(name) {
		// The common case, byte by byte: Fold would only lower-case it,
		// into a string of its own.
		for i := 0; i < len(name); i++ {
			c := name[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				b.WriteByte(c)
				dash = false
			} else if !dash && b.Len() > len(kind)+1 {
				b.WriteByte('-')
				dash = true
			}
		}
		return strings.TrimRight(b.String(), "-")
	}
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
