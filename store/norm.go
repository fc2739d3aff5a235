package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Norm returns the form names are matched in: lower case, accents folded
// ("Zelenskyy" and "Zélenskyy" are equal), apostrophes dropped, other
// punctuation turned into spaces and runs of space collapsed, so that
// "M. Rutte" becomes "m rutte".
func Norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// nameSuffixes are tokens that end a person's name without being the
// surname.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameParts splits a normalised person name into its first token, its
// surname (last token, ignoring Jr. and the like) and its token count.
func nameParts(n string) (first, surname string, tokens int) {
	f := strings.Fields(n)
	for len(f) > 1 && nameSuffixes[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return "", "", 0
	}
	if len(f) == 1 {
		return "", f[0], 1
	}
	return f[0], f[len(f)-1], len(f)
}

// compatibleFirst reports whether two first names may be the same person's:
// equal, or one is the other's initial ("m" and "mark") or short form
// ("tim" and "timothy": its first three letters or more), or one is
// missing.
func compatibleFirst(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return (len(a) == 1 || len(a) >= 3) && strings.HasPrefix(b, a)
}

// Hash returns the hex SHA-256 of text followed by meta (such as the title
// and publication date), so that an edit of either counts as a change.
func Hash(text string, meta ...string) string {
	h := sha256.New()
	h.Write([]byte(text))
	for _, m := range meta {
		h.Write([]byte{0})
		h.Write([]byte(m))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// words counts the words of text, for throughput figures: the fields
// strings.Fields would split it into, counted without making them (a
// slice the size of the article, per article loaded).
func words(text string) int {
	n, in := 0, false
	for _, r := range text {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// DateRange returns the first and last day (YYYY-MM-DD) a TimeML date value
// covers: "2025-10-22" is one day, "2025-10" a month, "2026-Q4" 2026-10-01
// to 2026-12-31, "2025-W43" its Monday to Sunday, "2025-SU" the northern
// summer, "2025-H1" the first half, "202" the 2020s and "20" the years
// 2000-2099. ok is false for values that are not dates (durations,
// PRESENT_REF).
func DateRange(v string) (start, end string, ok bool) {
	s, e, ok := dateRange(v)
	if !ok {
		return "", "", false
	}
	return s.Format(time.DateOnly), e.Format(time.DateOnly), true
}

func dateRange(v string) (start, end time.Time, ok bool) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	// Times ("2025-10-22T15:00") count as their day.
	if i := strings.IndexByte(v, 'T'); i == 10 {
		v = v[:10]
	}
	digits := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	parts := strings.Split(v, "-")
	switch len(parts[0]) {
	case 2: // century
		if c, ok := digits(parts[0]); ok && len(parts) == 1 {
			return day(c*100, 1, 1), day(c*100+99, 12, 31), true
		}
		return
	case 3: // decade
		if d, ok := digits(parts[0]); ok && len(parts) == 1 {
			return day(d*10, 1, 1), day(d*10+9, 12, 31), true
		}
		return
	case 4:
	default:
		return
	}
	y, ok := digits(parts[0])
	if !ok {
		return
	}
	if len(parts) == 1 {
		return day(y, 1, 1), day(y, 12, 31), true
	}
	p := parts[1]
	switch {
	case len(p) == 2 && p[0] == 'Q':
		q, ok := digits(p[1:])
		if !ok || q < 1 || q > 4 || len(parts) != 2 {
			return start, end, false
		}
		s := day(y, 3*q-2, 1)
		return s, s.AddDate(0, 3, -1), true
	case len(p) == 2 && p[0] == 'H':
		h, ok := digits(p[1:])
		if !ok || h < 1 || h > 2 || len(parts) != 2 {
			return start, end, false
		}
		s := day(y, 6*h-5, 1)
		return s, s.AddDate(0, 6, -1), true
	case len(p) == 3 && p[0] == 'W':
		w, ok := digits(p[1:])
		if !ok || w < 1 || w > 53 {
			return start, end, false
		}
		// ISO week 1 holds 4 January.
		jan4 := day(y, 1, 4)
		mon := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		s := mon.AddDate(0, 0, 7*(w-1))
		if len(parts) == 3 && parts[2] == "WE" {
			return s.AddDate(0, 0, 5), s.AddDate(0, 0, 6), true
		}
		return s, s.AddDate(0, 0, 6), true
	case p == "SP":
		return day(y, 3, 1), day(y, 5, 31), true
	case p == "SU":
		return day(y, 6, 1), day(y, 8, 31), true
	case p == "FA":
		return day(y, 9, 1), day(y, 11, 30), true
	case p == "WI":
		return day(y, 12, 1), day(y+1, 3, 1).AddDate(0, 0, -1), true
	}
	m, ok := digits(p)
	if !ok || m < 1 || m > 12 || len(p) != 2 {
		return start, end, false
	}
	if len(parts) == 2 {
		s := day(y, m, 1)
		return s, s.AddDate(0, 1, -1), true
	}
	d, ok := digits(parts[2])
	if !ok || len(parts) != 3 || len(parts[2]) != 2 {
		return start, end, false
	}
	s := day(y, m, d)
	if s.Month() != time.Month(m) || s.Day() != d {
		return start, end, false
	}
	return s, s, true
}

// ParseDateBound checks a user's date bound (YYYY, YYYY-MM or YYYY-MM-DD)
// and returns the first and last day it covers.
func ParseDateBound(v string) (start, end string, err error) {
	n := len(v)
	if n != 4 && n != 7 && n != 10 {
		return "", "", fmt.Errorf("%w: date %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, v)
	}
	s, e, ok := DateRange(v)
	if !ok {
		return "", "", fmt.Errorf("%w: date %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, v)
	}
	return s, e, nil
}
