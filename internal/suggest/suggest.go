// Package suggest turns JSON decoding's "unknown field" errors into
// errors that name the key and the closest known one, so that a config
// typo ("sorces") is refused with a fix rather than silently ignored.
package suggest

import (
	"fmt"
	"reflect"
	"strings"
)

// UnknownKey rewrites err when it is encoding/json's unknown-field error
// for a value of v's struct type (or a slice of it): `unknown key
// "sorces" (did you mean "sources"?)`. Other errors come back unchanged.
func UnknownKey(err error, v any) error {
	if err == nil {
		return nil
	}
	const prefix = `json: unknown field "`
	msg := err.Error()
	i := strings.Index(msg, prefix)
	if i < 0 {
		return err
	}
	name, _, ok := strings.Cut(msg[i+len(prefix):], `"`)
	if !ok {
		return err
	}
	if best := Closest(name, Keys(v)); best != "" {
		return fmt.Errorf("unknown key %q (did you mean %q?)", name, best)
	}
	return fmt.Errorf("unknown key %q (known keys: %s)", name, strings.Join(Keys(v), ", "))
}

// Keys lists the JSON keys of v's struct type, following pointers and
// slices.
func Keys(v any) []string {
	t := reflect.TypeOf(v)
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch tag {
		case "-":
			continue
		case "":
			tag = f.Name
		}
		keys = append(keys, tag)
	}
	return keys
}

// Closest returns the known key nearest to name: within an edit
// distance of a third of its length (at least 2), or "" when none is.
func Closest(name string, known []string) string {
	best, bestD := "", max(2, len(name)/3)+1
	l := strings.ToLower(name)
	for _, k := range known {
		if d := distance(l, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Damerau–Levenshtein distance (adjacent swaps count
// one), since "databse" is one slip, not two.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
